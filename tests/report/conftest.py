"""Fixtures for the report tests: hand-written run folders and a headless Chromium.

Tests marked ``browser`` need Debian's ``chromium`` (``scripts/bootstrap.sh`` installs it): they
skip without it on a developer machine and fail (never skip) when ``CI=true``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


def chromium_path() -> str | None:
    """The Chromium executable, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("browser") is None or chromium_path() is not None:
        return
    problem = "chromium is not installed (scripts/bootstrap.sh installs it)"
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"browser test cannot run in CI: {problem}", pytrace=False)
    pytest.skip(problem)


@pytest.fixture()
def run_copy(tmp_path: Path) -> Callable[[str], Path]:
    """Copy a fixture run folder into tmp_path (so a test may damage it); returns a factory."""

    def copy(name: str) -> Path:
        dest = tmp_path / name
        shutil.copytree(FIXTURES / name, dest)
        return dest

    return copy
