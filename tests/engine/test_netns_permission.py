"""Whether imgopt may enter network namespaces is tried, not assumed: root without CAP_SYS_ADMIN
(root in an unprivileged container) may not, and containers then fall back to the bridge."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

ASK = "from imgopt.engine.containers import can_enter_network_namespaces as c; print(c())"

needs_root = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None, reason="needs root and setpriv"
)


def _ask(*prefix: str) -> str:
    proc = subprocess.run(
        [*prefix, sys.executable, "-c", ASK], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


@needs_root
def test_root_may_and_root_without_sys_admin_or_nobody_may_not() -> None:
    assert _ask() == "True"
    assert _ask("setpriv", "--bounding-set=-sys_admin") == "False"
    assert _ask("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups") == "False"
