"""Reading Compose files: build as a string or an object, args, target, image-only services,
interpolation, and one clear error for a malformed file."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

import imgopt.analyze.compose as compose_module
from imgopt.analyze.compose import find_compose_file, interpolate, load_compose
from imgopt.errors import ConfigError, InputError

REPO = Path(__file__).resolve().parents[2]


def write(folder: Path, text: str, name: str = "docker-compose.yml") -> Path:
    path = folder / name
    path.write_text(text)
    return path


def test_docstring_example_runs() -> None:
    result = doctest.testmod(compose_module)
    assert result.attempted > 0 and result.failed == 0


def test_the_tutorials_compose_file() -> None:
    project = load_compose(REPO / "sample_apps" / "compose-tutorial" / "docker-compose.yml")
    assert [s.name for s in project.services] == ["web", "db"]
    web, db = project.services
    assert web.build is not None and db.build is None
    assert web.build.context == (REPO / "sample_apps" / "compose-tutorial").resolve()
    assert web.build.dockerfile == web.build.context / "Dockerfile"
    assert web.ports == ("5000:5000",)
    assert db.image == "postgres:15"
    assert project.built == (web,)


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
    api, worker = project.services
    assert api.build is not None and worker.build is not None
    assert api.build.context == (tmp_path / "api").resolve()
    assert api.build.dockerfile == (tmp_path / "api" / "docker" / "Prod.Dockerfile").resolve()
    assert api.build.target == "runtime"
    assert api.image == "example/api:dev"
    # A key without a value takes the environment's (Compose does the same).
    assert dict(api.build.args) == {"PYVER": "3.11", "FROM_ENV": "e"}
    assert dict(worker.build.args) == {"A": "1", "B": "b", "C": "x=y"}


def test_interpolation_from_environment_and_env_file(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("TAG=from-file\nCTX=app\n# comment\nexport Q='quoted'\n")
    (tmp_path / "app").mkdir()
    path = write(
        tmp_path,
        "services:\n  a:\n    build: ${CTX}\n    image: r/a:${TAG}\n"
        "  b:\n    image: r/b:${MISSING:-default}-$$literal\n",
    )
    project = load_compose(path, environ={"TAG": "from-env"})
    a, b = project.services
    assert a.image == "r/a:from-env"  # the environment wins over .env
    assert a.build is not None and a.build.context == (tmp_path / "app").resolve()
    assert b.image == "r/b:default-$literal"


@pytest.mark.parametrize(
    ("text", "env", "expected"),
    [
        ("${A}", {"A": "1"}, "1"),
        ("${A}", {}, ""),
        ("$A-x", {"A": "1"}, "1-x"),
        ("${A:-d}", {"A": ""}, "d"),
        ("${A-d}", {"A": ""}, ""),
        ("${A-d}", {}, "d"),
        ("${A:+set}", {"A": "1"}, "set"),
        ("${A:+set}", {}, ""),
        ("$$A", {"A": "1"}, "$A"),
    ],
)
def test_interpolate(text: str, env: dict[str, str], expected: str) -> None:
    assert interpolate(text, env, "x") == expected


def test_required_variable_is_one_clear_error() -> None:
    with pytest.raises(ConfigError, match=r"f.yml: variable TAG is not set: give a tag"):
        interpolate("${TAG:?give a tag}", {}, "f.yml")


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
  nothing: {}
""",
    )
    remote, inline, nothing = load_compose(path, environ={}).services
    assert remote.build is None and "remote" in (remote.note or "")
    assert inline.build is None and "inline" in (inline.note or "")
    assert nothing.build is None and "neither" in (nothing.note or "")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("services: [\n", r"docker-compose.yml:\d+: "),
        ("version: '3'\n", "no `services` mapping"),
        ("services:\n  a: 3\n", r"services.a: expected a mapping"),
        ("services:\n  a:\n    build: 3\n", r"services.a.build: expected a string or a mapping"),
        ("services:\n  a:\n    image: [x]\n", r"services.a.image: expected a string"),
        ("services:\n  a:\n    build:\n      args: 3\n", r"services.a.build.args: expected"),
    ],
)
def test_malformed_files_name_the_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError, match=message):
        load_compose(path, environ={})


def test_unreadable_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        load_compose(tmp_path / "compose.yaml")


def test_find_compose_file_prefers_compose_yaml(tmp_path: Path) -> None:
    assert find_compose_file(tmp_path) is None
    write(tmp_path, "services: {}\n", "docker-compose.yml")
    assert find_compose_file(tmp_path) == tmp_path / "docker-compose.yml"
    write(tmp_path, "services: {}\n", "compose.yaml")
    assert find_compose_file(tmp_path) == tmp_path / "compose.yaml"
