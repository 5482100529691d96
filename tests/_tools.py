"""Tests that need an outside tool: skip without it on a developer's machine, fail under CI=true.

A test that skips in CI passes without testing anything, so in CI a missing tool is a failure
(as a missing engine is, tests/conftest.py).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest


def in_ci() -> bool:
    """Whether the tests run in CI (``CI=true``)."""
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_tool(name: str, why: str) -> str:
    """The path of tool ``name`` (on PATH or beside the venv's Python); without it, skip, or fail
    under CI=true, saying ``why`` it is needed and where it comes from."""
    found = shutil.which(name)
    beside = Path(sys.executable).parent / name
    if found is None and beside.is_file():
        found = str(beside)
    if found is not None:
        return found
    problem = f"{name} is not installed ({why})"
    if in_ci():
        pytest.fail(f"cannot run in CI: {problem}", pytrace=False)
    pytest.skip(problem)


def default_sigint() -> None:
    """For ``subprocess.Popen(preexec_fn=...)``: the child takes SIGINT as a terminal's Ctrl-C
    does. A shell starts a background job (``.ci/run &`` in a script) with SIGINT ignored, the
    child inherits that, and imgopt rightly keeps ignoring it: a test that sends SIGINT would
    then see the command finish instead of stop."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)
