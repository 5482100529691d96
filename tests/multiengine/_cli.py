"""Running imgopt as a user does, for the tests of this folder that expect it to fail."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def one_line_failure(args: list[str], env: Mapping[str, str]) -> tuple[int, str, str]:
    """``python -m imgopt ARGS`` in ``env``: its exit code, its error line and its hint line
    (asserting that stderr holds exactly those two: no traceback)."""
    proc = subprocess.run(
        [sys.executable, "-m", "imgopt", *args],
        cwd=REPO, env=dict(env), capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 2 and lines[1].lstrip().startswith("hint:"), proc.stderr
    return proc.returncode, lines[0], lines[1]
