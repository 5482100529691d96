"""The set-up scripts: idempotent with an engine up, and one clear sentence where they cannot
install one (issue 2: "Setup run twice, or while the engine is already up: no change, no second
daemon")."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SETUP = REPO / "scripts" / "setup-engine.sh"


def _dockerd_pids() -> set[str]:
    proc = subprocess.run(["pgrep", "-x", "dockerd"], capture_output=True, text=True, check=False)
    return set(proc.stdout.split())


@pytest.mark.engine
def test_setup_with_the_engine_up_changes_nothing() -> None:
    before = _dockerd_pids()
    for _ in range(2):
        proc = subprocess.run(["bash", str(SETUP)], capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        assert "installing" not in proc.stderr and "starting dockerd" not in proc.stderr
    assert _dockerd_pids() == before  # no second daemon, none restarted


def _env_without_engine(tmp_path: Path) -> dict[str, str]:
    """PATH with a `docker` that always fails and no dockerd: 'no engine answers'."""
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "docker").write_text("#!/bin/sh\nexit 1\n")
    (fake / "docker").chmod(0o755)
    keep = ["/usr/bin", "/bin"]
    return {**os.environ, "PATH": os.pathsep.join([str(fake), *keep]), "DOCKER_HOST": ""}


def test_a_dead_docker_host_is_named_not_replaced(tmp_path: Path) -> None:
    env = {**_env_without_engine(tmp_path), "DOCKER_HOST": "unix:///nonexistent.sock"}
    proc = subprocess.run(["bash", str(SETUP)], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "DOCKER_HOST=unix:///nonexistent.sock" in lines[0]


def test_not_root_stops_with_one_sentence() -> None:
    from _tools import require_tool

    setpriv = require_tool("setpriv", "util-linux, to drop root")
    # The script comes in on stdin: the unprivileged user may not be able to read the checkout.
    # As that user the engine's socket does not answer (not in the docker group), and installing
    # one needs root.
    env = {**os.environ, "DOCKER_HOST": ""}
    proc = subprocess.run(
        [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", "bash", "-s"],
        input=SETUP.read_text(),
        capture_output=True,
        text=True,
        env=env,
        cwd="/",
        timeout=60,
    )
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "needs root" in lines[0]
