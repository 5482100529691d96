"""Engines from the command line and from imgopt.toml / pyproject.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from imgopt.cli.options import builder_kind, selected_engines
from imgopt.engine.client import EngineEndpoint, engine_environment, resolve_engine
from imgopt.errors import ConfigError, InputError
from imgopt.schedule.config import RunConfig, load_run_config


def test_no_configuration_is_the_environments_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_run_config() == RunConfig()
    assert selected_engines(None, "auto") == []


def test_imgopt_toml_names_engines_and_a_builder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "imgopt.toml").write_text(
        '[run]\nengine = ["default", "unix:///run/two.sock"]\nbuilder = "remote"\n'
    )
    assert selected_engines(None, "auto") == [
        EngineEndpoint("default", None, "remote"),
        EngineEndpoint("unix:///run/two.sock", "unix:///run/two.sock", "remote"),
    ]
    # The command line wins over the file.
    assert selected_engines(["tcp://h:2375"], "mine") == [
        EngineEndpoint("tcp://h:2375", "tcp://h:2375", "mine")
    ]


def test_pyproject_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.imgopt.run]\nengine = "ssh://ci@b"\n')
    config = load_run_config(tmp_path)
    assert config.engines == ("ssh://ci@b",) and config.source == tmp_path / "pyproject.toml"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[run]\nengines = []\n", r"run\.engines: unknown key"),
        ("[run]\nengine = [1]\n", r"run\.engine: expected a list"),
        ('[run]\nbuilder = ""\n', r"run\.builder: expected"),
        ("run = 3\n", "run: expected a table"),
        ("[run\n", "not valid TOML"),
    ],
)
def test_malformed_configuration_names_the_file_and_key(
    tmp_path: Path, text: str, message: str
) -> None:
    (tmp_path / "imgopt.toml").write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_run_config(tmp_path)


def test_builder_kinds_and_names() -> None:
    assert builder_kind("classic") == ("classic", None)
    assert builder_kind("k8s-builder") == ("buildkit", "k8s-builder")
    with pytest.raises(InputError):
        builder_kind(" ")


def test_urls_default_and_unknown_contexts() -> None:
    assert resolve_engine("default") == EngineEndpoint("default")
    assert resolve_engine("unix:///x.sock").host == "unix:///x.sock"
    with pytest.raises(InputError, match="no Docker context"):
        resolve_engine("no-such-context-imgopt-test")
    with pytest.raises(InputError, match="twice"):
        selected_engines(["tcp://a:1", "tcp://a:1"], "auto")


def test_engine_environment_points_docker_and_buildx_at_the_engine() -> None:
    base = {"DOCKER_CONTEXT": "other", "PATH": "/bin"}
    env = engine_environment(EngineEndpoint("two", "unix:///run/two.sock", "b2"), base)
    assert env == {
        "DOCKER_HOST": "unix:///run/two.sock",
        "BUILDX_BUILDER": "b2",
        "PATH": "/bin",
        "IMGOPT_ENGINE_NAME": "two",  # what its results record as their engine
    }
    assert engine_environment(EngineEndpoint("default"), base) == {
        **base,
        "IMGOPT_ENGINE_NAME": "default",
    }


def test_one_engine_commands_refuse_several_and_switch_to_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from imgopt.cli.options import use_one_engine

    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match="runs on one engine; 2 were given"):
        use_one_engine(["tcp://a:1", "tcp://b:1"], "auto")
    saved = dict(os.environ)
    try:
        assert use_one_engine(["unix:///run/other.sock"], "remote-builder") == "buildkit"
        assert os.environ["DOCKER_HOST"] == "unix:///run/other.sock"
        assert os.environ["BUILDX_BUILDER"] == "remote-builder"
    finally:
        os.environ.clear()
        os.environ.update(saved)
        from imgopt.engine import client

        client._client.cache_clear()
    assert use_one_engine(None, "classic") == "classic"


def test_an_ssh_engine_without_paramiko_is_bad_input_before_anything_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "paramiko" else real(name, *a)
    )
    with pytest.raises(InputError, match="needs the paramiko package") as err:
        resolve_engine("ssh://ci@build-3")
    assert err.value.hint is not None and "docker[ssh]" in err.value.hint
    assert resolve_engine("tcp://127.0.0.1:23750").host == "tcp://127.0.0.1:23750"
