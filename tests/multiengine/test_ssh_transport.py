"""ssh:// engines without an engine: what they need is installed, and when it is not, one line says
what is missing (the real ssh:// run is tests/multiengine/test_ssh_engine.py)."""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

from imgopt.engine.client import EngineEndpoint, resolve_engine, use_engine
from imgopt.errors import ExitCode, InputError

from ._cli import REPO, one_line_failure


def test_imgopts_dependencies_bring_the_sdks_ssh_transport() -> None:
    assert importlib.util.find_spec("paramiko") is not None  # docker[ssh] in pyproject.toml
    from docker.transport import SSHHTTPAdapter  # only defined when paramiko imports

    assert SSHHTTPAdapter.__name__ == "SSHHTTPAdapter"


def test_an_ssh_url_is_an_engine_when_paramiko_and_ssh_are_there(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = shutil.which
    monkeypatch.setattr(
        shutil, "which", lambda n, *a, **k: "/usr/bin/ssh" if n == "ssh" else real(n)
    )
    assert resolve_engine("ssh://ci@build-3:2222") == EngineEndpoint(
        "ssh://ci@build-3:2222", "ssh://ci@build-3:2222"
    )


def test_an_ssh_engine_without_the_ssh_command_is_bad_input(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = shutil.which
    monkeypatch.setattr(shutil, "which", lambda n, *a, **k: None if n == "ssh" else real(n))
    with pytest.raises(InputError, match="needs the ssh command") as err:
        resolve_engine("ssh://ci@build-3")
    assert err.value.hint is not None and "openssh-client" in err.value.hint
    assert resolve_engine("tcp://127.0.0.1:23750").host == "tcp://127.0.0.1:23750"


def test_the_cli_says_so_in_one_line_and_exits_2(tmp_path: Path) -> None:
    """No ``ssh`` on PATH (an empty folder): exit 2, an error line and a hint, before any build."""
    args = ["bench", str(REPO / "sample_apps" / "go-http"), "--engine", "ssh://ci@build-3"]
    args += ["--out", str(tmp_path / "out")]
    code, error, _ = one_line_failure(args, {**os.environ, "PATH": str(tmp_path)})
    assert code == ExitCode.USAGE, error
    assert error.startswith("imgopt: error: --engine ssh://ci@build-3: an ssh:// engine needs")
    assert not (tmp_path / "out").exists()


def test_using_one_engine_keeps_the_rest_of_the_environment() -> None:
    """``--engine`` on bench sets DOCKER_HOST and keeps HOME and PATH (where ``ssh``, its keys and
    known hosts are); it used to empty the environment."""
    from imgopt.engine import client

    saved = dict(os.environ)
    try:
        os.environ["HOME"] = "/home/someone"
        use_engine(EngineEndpoint("ssh://ci@build-3", "ssh://ci@build-3"))
        assert os.environ["DOCKER_HOST"] == "ssh://ci@build-3"
        assert os.environ["HOME"] == "/home/someone"
        assert os.environ["PATH"] == saved["PATH"]
    finally:
        os.environ.clear()
        os.environ.update(saved)
        client._client.cache_clear()
