"""Reading Compose projects through the real Compose v2: build as a string or an object, args,
target, image-only services, overrides, profiles, .env and interpolation as Compose does them, one
clear error for a malformed file, and the Compose file that builds a context found from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from imgopt.analyze.compose import find_compose_file, find_compose_for, load_compose
from imgopt.errors import ConfigError, InputError

pytestmark = pytest.mark.engine  # `docker compose` comes with the engine's set-up

REPO = Path(__file__).resolve().parents[2]


def write(folder: Path, text: str, name: str = "docker-compose.yml") -> Path:
    path = folder / name
    path.write_text(text)
    return path


def test_the_tutorials_compose_file() -> None:
    project = load_compose(REPO / "sample_apps" / "compose-tutorial" / "docker-compose.yml")
    assert sorted(s.name for s in project.services) == ["db", "web"]
    web, db = project.service("web"), project.service("db")
    assert web is not None and db is not None
    assert web.build is not None and db.build is None
    assert web.build.context == (REPO / "sample_apps" / "compose-tutorial").resolve()
    assert web.build.dockerfile == web.build.context / "Dockerfile"
    assert web.ports == ("5000:5000",)
    assert db.image == "postgres:15"
    assert project.built == (web,)
    assert web.definition["depends_on"]["db"]["condition"] == "service_healthy"


def test_build_object_with_dockerfile_args_and_target(tmp_path: Path) -> None:
    (tmp_path / "api").mkdir()
    path = write(
        tmp_path,
        """
services:
  api:
    image: example/api:dev
    build:
      context: ./api
      dockerfile: docker/Prod.Dockerfile
      target: runtime
      args:
        PYVER: "3.11"
        FROM_ENV:
  worker:
    build:
      context: api
      args: ["A=1", "B", "C=x=y"]
""",
    )
    project = load_compose(path, environ={"FROM_ENV": "e", "B": "b"})
    api, worker = project.service("api"), project.service("worker")
    assert api is not None and api.build is not None
    assert api.image == "example/api:dev"
    assert api.build.context == (tmp_path / "api").resolve()
    assert api.build.dockerfile == (tmp_path / "api" / "docker" / "Prod.Dockerfile").resolve()
    assert api.build.target == "runtime"
    assert dict(api.build.args) == {"PYVER": "3.11", "FROM_ENV": "e"}
    assert worker is not None and worker.build is not None
    assert dict(worker.build.args) == {"A": "1", "B": "b", "C": "x=y"}
    # A bare arg that the environment does not set is left out, as Compose does.
    unset = load_compose(path, environ={}).service("api")
    assert unset is not None and unset.build is not None
    assert dict(unset.build.args) == {"PYVER": "3.11"}


def test_interpolation_env_file_override_and_profiles(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("TAG=from-dotenv\nCTX=.\n")
    path = write(
        tmp_path,
        """
services:
  app:
    image: "example/app:${TAG}"
    build: ${CTX}
  debug:
    image: "tools:${TAG:-none}"
    profiles: [debug]
""",
        "compose.yaml",
    )
    write(
        tmp_path,
        "services:\n  app:\n    environment: {FROM_OVERRIDE: '1'}\n",
        "compose.override.yaml",
    )
    project = load_compose(path, environ={"TAG": "from-env"})
    app = project.service("app")
    assert app is not None and app.image == "example/app:from-env"  # the environment wins
    assert app.definition["environment"] == {"FROM_OVERRIDE": "1"}  # the override is merged
    assert project.service("debug") is None  # in a profile: not enabled
    assert load_compose(path, environ={}).service("app").image == "example/app:from-dotenv"  # type: ignore[union-attr]
    assert load_compose(path, environ={}, all_profiles=True).service("debug") is not None


def test_services_that_cannot_be_followed_carry_a_note(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
services:
  remote:
    build: https://github.com/example/app.git
  inline:
    build:
      dockerfile_inline: "FROM scratch"
""",
    )
    project = load_compose(path, environ={})
    remote, inline = project.service("remote"), project.service("inline")
    assert remote is not None and remote.build is None and "remote" in (remote.note or "")
    assert inline is not None and inline.build is None and "inline" in (inline.note or "")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("services: [\n", r"docker-compose.yml:1: "),
        ("version: '3'\n", "no `services` mapping"),
        ("services:\n  a: 3\n", r"services.a must be a mapping"),
        ("services:\n  a: {}\n", r"neither an image nor a build context"),
        ("services:\n  a:\n    image: [x]\n", r"services.a.image must be a string"),
        ("services:\n  a:\n    image: x\n    depends_on: [b]\n", r"undefined service \"b\""),
        ("services:\n  a:\n    image: ${TAG:?give a tag}\n", r"give a tag"),
    ],
)
def test_malformed_files_name_the_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError, match=message) as info:
        load_compose(path, environ={})
    assert str(path) in info.value.message and "\n" not in info.value.message


def test_unreadable_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        load_compose(tmp_path / "compose.yaml")


def test_find_compose_file_prefers_compose_yaml(tmp_path: Path) -> None:
    assert find_compose_file(tmp_path) is None
    write(tmp_path, "services: {}\n", "docker-compose.yml")
    assert find_compose_file(tmp_path) == tmp_path / "docker-compose.yml"
    write(tmp_path, "services: {}\n", "compose.yaml")
    assert find_compose_file(tmp_path) == tmp_path / "compose.yaml"


def test_the_compose_file_that_builds_a_context_is_found_next_to_or_above_it(
    tmp_path: Path,
) -> None:
    (tmp_path / ".git").mkdir()
    app = tmp_path / "services" / "app"
    app.mkdir(parents=True)
    (app / "Dockerfile").write_text("FROM scratch\n")
    (app / "Other.Dockerfile").write_text("FROM scratch\n")
    assert find_compose_for(app, app / "Dockerfile") is None
    write(
        tmp_path,
        "services:\n  web:\n    build: services/app\n  db:\n    image: postgres:15\n",
        "compose.yaml",
    )
    found = find_compose_for(app, app / "Dockerfile")
    assert found is not None
    project, service = found
    assert project.path == tmp_path / "compose.yaml" and service.name == "web"
    assert find_compose_for(app, app / "Other.Dockerfile") is None  # builds another Dockerfile
    tutorial = REPO / "sample_apps" / "compose-tutorial"
    found = find_compose_for(tutorial, tutorial / "Dockerfile")
    assert found is not None and found[1].name == "web"
