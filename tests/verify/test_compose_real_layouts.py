"""Compose layouts of real repositories (nickjj/docker-flask-example, nsidnev/fastapi-realworld-
example-app, jazzband/website): a git-ignored `.env` beside the `.env.example` the repository
ships, optional dependencies in profiles, a database's data folder bind-mounted from a folder that
does not exist yet. Their dependencies used to be silently dropped (Compose refused the project)."""

from __future__ import annotations

from pathlib import Path

import pytest

from imgopt.engine.compose import ComposeProject, ComposeService, env_template
from imgopt.engine.containers import MountSpec
from imgopt.verify.deps import compose_dependencies, find_dependencies

FLASK_LIKE = """\
x-app: &default-app
  build:
    context: "."
    args:
      - "UID=${UID:-1000}"
  depends_on:
    postgres:
      condition: "service_started"
      required: false
    redis:
      condition: "service_started"
      required: false
  env_file:
    - ".env"

services:
  postgres:
    environment:
      POSTGRES_USER: "${POSTGRES_USER}"
      POSTGRES_PASSWORD: "${POSTGRES_PASSWORD}"
    image: "postgres:15"
    profiles: ["postgres"]
    volumes:
      - "./pgdata:/var/lib/postgresql/data"

  redis:
    image: "redis:7"
    profiles: ["redis"]

  web:
    <<: *default-app
    profiles: ["web"]
"""

ENV_EXAMPLE = """\
export COMPOSE_PROFILES=postgres,redis,web
export SECRET_KEY=insecure_key_for_dev
export POSTGRES_USER=hello
export POSTGRES_PASSWORD=password
"""


def flask_like(folder: Path, *, template: bool = True) -> Path:
    (folder / "compose.yaml").write_text(FLASK_LIKE)
    (folder / "Dockerfile").write_text("FROM python:3.11-slim\n")
    if template:
        (folder / ".env.example").write_text(ENV_EXAMPLE)
    return folder


@pytest.mark.engine  # `docker compose` comes with the engine's set-up
def test_a_missing_env_file_is_read_from_the_template_the_repository_ships(
    tmp_path: Path,
) -> None:
    app = flask_like(tmp_path)
    before = sorted(p.name for p in app.iterdir())
    deps = find_dependencies(app, app / "Dockerfile")
    assert deps.names == ("postgres", "redis")  # optional, in profiles: started all the same
    assert deps.env["SECRET_KEY"] == "insecure_key_for_dev"  # the app's env_file
    postgres = deps.services[0]
    # Interpolated from the template as Compose would from .env.
    assert dict(postgres.env) == {"POSTGRES_USER": "hello", "POSTGRES_PASSWORD": "password"}
    # ./pgdata does not exist: Compose would create it empty; a fresh volume of the run instead.
    assert postgres.mounts == (
        MountSpec("/var/lib/postgresql/data", "volume", str(app / "pgdata")),
    )
    assert postgres.volumes == (str(app / "pgdata"),)
    assert "web: env_file .env does not exist: .env.example used instead" in deps.notes
    assert any("interpolated from .env.example" in n for n in deps.notes)
    assert sorted(p.name for p in app.iterdir()) == before  # nothing written into the project


@pytest.mark.engine
def test_without_a_template_the_missing_env_file_is_left_out_and_said(tmp_path: Path) -> None:
    app = flask_like(tmp_path, template=False)
    deps = find_dependencies(app, app / "Dockerfile")
    assert deps.names == ("postgres", "redis")
    assert dict(deps.services[0].env) == {"POSTGRES_USER": "", "POSTGRES_PASSWORD": ""}
    assert "web: env_file .env does not exist and has no template: left out" in deps.notes


def test_env_templates_by_the_names_repositories_give_them(tmp_path: Path) -> None:
    assert env_template(tmp_path / ".env") is None
    (tmp_path / ".env-dist").write_text("A=1\n")  # jazzband/website
    assert env_template(tmp_path / ".env") == tmp_path / ".env-dist"
    (tmp_path / ".env.example").write_text("A=1\n")  # preferred when both are there
    assert env_template(tmp_path / ".env") == tmp_path / ".env.example"


def test_a_bind_mount_of_a_missing_folder_in_the_project_becomes_a_fresh_volume(
    tmp_path: Path,
) -> None:
    db = {
        "image": "postgres:15",
        "volumes": [{"type": "bind", "source": str(tmp_path / "postgres-data"), "target": "/data"}],
    }
    web = {"build": {"context": "."}, "depends_on": ["db"]}
    project = ComposeProject(
        path=tmp_path / "compose.yaml",
        services=(
            ComposeService("web", None, None, definition=web),
            ComposeService("db", None, "postgres:15", definition=db),
        ),
    )
    deps = compose_dependencies(project, project.services[0])
    (dep,) = deps.services
    assert dep.mounts == (MountSpec("/data", "volume", str(tmp_path / "postgres-data")),)
    assert dep.volumes == (str(tmp_path / "postgres-data"),)
    assert any("postgres-data does not exist: a fresh volume instead" in n for n in deps.notes)
    assert not (tmp_path / "postgres-data").exists()


@pytest.mark.engine
def test_a_project_that_builds_the_context_with_another_dockerfile_lends_its_dependencies(
    tmp_path: Path,
) -> None:
    """appsecco/dvna: compose builds Dockerfile-dev; the Dockerfile analysed is the same app."""
    (tmp_path / "Dockerfile").write_text("FROM node:18\n")
    (tmp_path / "Dockerfile-dev").write_text("FROM node:18\n")
    (tmp_path / "docker-compose.yml").write_text(
        "services:\n"
        "  app:\n    build: {context: ./, dockerfile: Dockerfile-dev}\n"
        "    depends_on: [mysql-db]\n    environment: {MYSQL_HOST: mysql-db}\n"
        "  mysql-db:\n    image: mysql:5.7\n"
    )
    deps = find_dependencies(tmp_path, tmp_path / "Dockerfile")
    assert deps.names == ("mysql-db",) and dict(deps.env) == {"MYSQL_HOST": "mysql-db"}
    assert any("builds this context with Dockerfile-dev, not Dockerfile" in n for n in deps.notes)
    # Two services building it with other Dockerfiles: which one is meant is anyone's guess.
    (tmp_path / "docker-compose.yml").write_text(
        "services:\n"
        "  app:\n    build: {context: ./, dockerfile: Dockerfile-dev}\n"
        "    depends_on: [mysql-db]\n"
        "  other:\n    build: {context: ./, dockerfile: Dockerfile-dev}\n"
        "  mysql-db:\n    image: mysql:5.7\n"
    )
    assert not find_dependencies(tmp_path, tmp_path / "Dockerfile")
