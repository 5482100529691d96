"""Without Compose v2, reading a Compose file is one line with the way out, never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from imgopt.engine.compose import load_compose
from imgopt.errors import EngineError, ExitCode


@pytest.mark.parametrize(
    "stderr",
    [
        "docker: 'compose' is not a docker command.",  # the CLI without the plugin
        "unknown shorthand flag: 'f' in -f",  # an old CLI
    ],
)
def test_missing_compose_plugin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stderr: str
) -> None:
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "docker").write_text(f'#!/bin/sh\necho "{stderr}" >&2\nexit 1\n')
    (fake / "docker").chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}/usr/bin{os.pathsep}/bin")
    compose = tmp_path / "compose.yaml"
    compose.write_text("services:\n  web:\n    image: x\n")
    with pytest.raises(EngineError, match="Docker Compose v2") as info:
        load_compose(compose)
    assert info.value.exit_code == ExitCode.ENGINE
    assert info.value.hint and "setup-engine.sh" in info.value.hint


def test_no_docker_cli_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    compose = tmp_path / "compose.yaml"
    compose.write_text("services:\n  web:\n    image: x\n")
    with pytest.raises(EngineError, match="docker CLI is not installed"):
        load_compose(compose)
