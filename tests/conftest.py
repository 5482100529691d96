"""Shared fixtures.

Tests marked ``engine`` need a Docker engine: they skip without one on a developer machine, and
fail (never skip) when ``CI=true``, so CI cannot pass without running them.
"""

from __future__ import annotations

import functools
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import _analyze_fixture
import _variants_fixture
import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE_APPS = REPO / "sample_apps"


@functools.cache
def engine_problem() -> str | None:
    """None when `docker info` answers, else why not."""
    try:
        proc = subprocess.run(
            ["docker", "info", "--format", "{{.ServerVersion}}"],
            capture_output=True,
            text=True,
            timeout=20,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"docker info failed: {exc}"
    if proc.returncode != 0:
        return f"no Docker engine answers: {proc.stderr.strip()[:300]}"
    return None


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("engine") is None:
        return
    problem = engine_problem()
    if problem is None:
        return
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"engine test cannot run in CI: {problem}", pytrace=False)
    pytest.skip(problem)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the expected files of golden tests (tests/variants/golden) for review",
    )


@pytest.fixture(scope="session")
def sample_analyses(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[_analyze_fixture.SampleAnalyses]:
    """`imgopt analyze` of every sample app, run once per session on first use, images kept (see
    tests/_analyze_fixture.py); everything they kept is removed when the session ends."""
    analyses = _analyze_fixture.SampleAnalyses(tmp_path_factory.mktemp("analyses"))
    try:
        yield analyses
    finally:
        analyses.close()


@pytest.fixture(scope="session")
def sample_variants(
    tmp_path_factory: pytest.TempPathFactory,
    sample_analyses: _analyze_fixture.SampleAnalyses,
) -> Iterator[_variants_fixture.SampleVariants]:
    """Every proposed variant of every sample app, built once per session on first use (see
    tests/_variants_fixture.py: the images `sample_analyses` kept); removed at the end."""
    variants = _variants_fixture.SampleVariants(
        tmp_path_factory.mktemp("variants"), sample_analyses
    )
    try:
        yield variants
    finally:
        variants.close()
