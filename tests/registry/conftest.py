"""Fixtures of the registry tests: a scratch registry of their own, started with the project's
scripts/setup-registry.sh on a free port with its data in a temporary folder, and stopped (data
and all) when the session ends. Nothing the tests push goes to the project's registry."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SETUP = REPO / "scripts" / "setup-registry.sh"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def answers(host: str) -> bool:
    """Whether a registry answers at host:port (its API root, with the API version header)."""
    try:
        with urllib.request.urlopen(f"http://{host}/v2/", timeout=3) as resp:
            return bool(resp.headers.get("Docker-Distribution-Api-Version") == "registry/2.0")
    except OSError:
        return False


@dataclass
class ScratchRegistry:
    """A registry the tests own: ``host`` is ``127.0.0.1:PORT``."""

    host: str
    folder: Path
    env: dict[str, str]

    @property
    def pidfile(self) -> Path:
        return self.folder / "registry.pid"

    def start(self) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", str(SETUP)], capture_output=True, text=True, env=self.env, timeout=120
        )

    def stop(self) -> None:
        try:
            pid = int(self.pidfile.read_text().strip())
        except (OSError, ValueError):
            return
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        for _ in range(100):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)


def scratch(folder: Path) -> ScratchRegistry:
    port = free_port()
    env = {
        **os.environ,
        "IMGOPT_REGISTRY_PORT": str(port),
        "IMGOPT_REGISTRY_DATA": str(folder / "data"),
        "IMGOPT_REGISTRY_CONF": str(folder / "config.yml"),
        "IMGOPT_REGISTRY_LOG": str(folder / "registry.log"),
        "IMGOPT_REGISTRY_PIDFILE": str(folder / "registry.pid"),
    }
    return ScratchRegistry(f"127.0.0.1:{port}", folder, env)


@pytest.fixture(scope="session")
def scratch_registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScratchRegistry]:
    """A second registry for this session (set up exactly as the project's), stopped at the end."""
    reg = scratch(tmp_path_factory.mktemp("registry"))
    proc = reg.start()
    if proc.returncode != 0:
        message = f"cannot start a scratch registry: {proc.stderr.strip()[-400:]}"
        if IN_CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    try:
        yield reg
    finally:
        reg.stop()
