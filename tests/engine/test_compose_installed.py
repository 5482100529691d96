"""scripts/setup-engine.sh installs Compose v2 (`docker compose`), which resolves Compose projects
and whose absence would leave a service's dependencies unstarted."""

from __future__ import annotations

import re
import subprocess

import pytest


@pytest.mark.engine
def test_docker_compose_is_version_2() -> None:
    proc = subprocess.run(
        ["docker", "compose", "version"], capture_output=True, text=True, timeout=30
    )
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"version v?2\.\d+", proc.stdout), proc.stdout
