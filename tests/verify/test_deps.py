"""Reading a service's dependencies from Compose's resolved project (no engine needed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from imgopt.engine.compose import ComposeProject, ComposeService
from imgopt.engine.containers import HealthcheckSpec, MountSpec
from imgopt.verify.deps import (
    NO_DEPENDENCIES,
    DependencyError,
    compose_dependencies,
    with_spec_services,
)
from imgopt.verify.spec import ServiceSpec


def project(tmp_path: Path, services: dict[str, dict[str, Any]]) -> ComposeProject:
    return ComposeProject(
        path=tmp_path / "compose.yaml",
        name="proj",
        services=tuple(
            ComposeService(name, None, body.get("image"), definition=body)
            for name, body in services.items()
        ),
    )


def deps_of(tmp_path: Path, services: dict[str, dict[str, Any]], target: str = "web"):  # type: ignore[no-untyped-def]
    p = project(tmp_path, services)
    service = p.service(target)
    assert service is not None
    return compose_dependencies(p, service)


def test_transitive_dependencies_start_in_order_with_their_settings(tmp_path: Path) -> None:
    (tmp_path / "init.sql").write_text("select 1;\n")
    deps = deps_of(
        tmp_path,
        {
            "web": {
                "build": {"context": "."},
                "environment": {"DB": "db", "UNSET": None},
                "depends_on": {"api": {"condition": "service_started", "required": True}},
                "networks": {"front": {"aliases": ["www"]}},
                "links": ["cache:redis"],
            },
            "api": {
                "image": "api:1",
                "command": ["serve", "--port", "80"],
                "depends_on": {
                    "db": {"condition": "service_healthy"},
                    "migrate": {"condition": "service_completed_successfully"},
                    "optional": {"condition": "service_started", "required": False},
                },
            },
            "db": {
                "image": "postgres:15",
                "healthcheck": {"test": ["CMD", "pg_isready"], "interval": "1m30s", "retries": 5},
                "volumes": [
                    {"type": "volume", "source": "data", "target": "/var/lib/postgresql/data"},
                    {"type": "bind", "source": str(tmp_path / "init.sql"), "target": "/i.sql"},
                ],
                "privileged": True,
                "ports": [{"target": 5432, "published": "5432"}],
            },
            "migrate": {"image": "api:1", "command": "migrate --all", "depends_on": ["db"]},
            "cache": {"image": "redis:7"},
            "optional": {"image": "x"},
        },
    )
    # `required: false` is started too: the project is read with every profile on, as a
    # project's own .env turning on COMPOSE_PROFILES would have Compose start it.
    assert deps.names == ("db", "migrate", "optional", "api")
    assert deps.aliases == ("web", "www")
    assert dict(deps.env) == {"DB": "db"}
    db, migrate, _optional, api = deps.services
    assert db.healthcheck == HealthcheckSpec(("CMD", "pg_isready"), interval_s=5.0, retries=5)
    assert db.volumes == ("data",)
    assert db.mounts == (
        MountSpec("/var/lib/postgresql/data", "volume", "data"),
        MountSpec("/i.sql", "bind", str((tmp_path / "init.sql").resolve()), read_only=True),
    )
    assert migrate.command == ("migrate", "--all")
    assert api.conditions == (
        ("db", "service_healthy"),
        ("migrate", "service_completed_successfully"),
        ("optional", "service_started"),
    )
    assert any("`privileged` is not applied" in n for n in deps.notes)
    assert any("`ports` is not applied" in n for n in deps.notes)
    assert any("mounted read-only" in n for n in deps.notes)


def test_links_give_a_dependency_another_name(tmp_path: Path) -> None:
    deps = deps_of(
        tmp_path,
        {
            "web": {"depends_on": ["cache"], "links": ["cache:redis"]},
            "cache": {"image": "redis:7"},
        },
    )
    assert deps.services[0].aliases == ("cache", "redis")


def test_a_bind_mount_outside_the_project_is_refused(tmp_path: Path) -> None:
    services: dict[str, dict[str, Any]] = {
        "web": {"depends_on": ["db"]},
        "db": {"image": "x", "volumes": [{"type": "bind", "source": "/etc", "target": "/h"}]},
    }
    with pytest.raises(DependencyError, match=r"services.db.volumes\[0\]: bind mount of /etc"):
        deps_of(tmp_path, services)


def test_a_cycle_is_one_clear_error(tmp_path: Path) -> None:
    services: dict[str, dict[str, Any]] = {
        "web": {"depends_on": ["a"]},
        "a": {"image": "x", "depends_on": ["web"]},
    }
    with pytest.raises(DependencyError, match="cycle"):
        deps_of(tmp_path, services)


def test_spec_services_come_after_compose_ones() -> None:
    spec_service = ServiceSpec(name="db", image="postgres:15", aliases=("db", "database"))
    deps = with_spec_services(NO_DEPENDENCIES, [spec_service])
    assert deps.names == ("db",) and deps.services[0].aliases == ("db", "database")
    assert not NO_DEPENDENCIES and deps


@pytest.mark.engine  # needs `docker compose`
def test_a_compose_file_named_by_the_user_is_used_where_the_search_would_not_find_it(
    tmp_path: Path,
) -> None:
    from imgopt.verify.deps import find_dependencies

    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "Dockerfile").write_text("FROM scratch\n")
    (tmp_path / "deploy").mkdir()
    compose = tmp_path / "deploy" / "compose.yml"
    compose.write_text(
        "services:\n  web:\n    build: ../app\n    depends_on: [db]\n"
        "  db:\n    image: postgres:15\n"
    )
    app = tmp_path / "app"
    assert not find_dependencies(app, app / "Dockerfile")
    named = find_dependencies(app, app / "Dockerfile", compose=(compose, "web"))
    assert named.names == ("db",)
    with pytest.raises(DependencyError, match="no service 'api'"):
        find_dependencies(app, app / "Dockerfile", compose=(compose, "api"))
