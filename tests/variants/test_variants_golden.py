"""Golden tests: every case's variants equal the reviewed expected files.

Run ``pytest tests/variants --update-golden`` to rewrite them, then review the diff.
"""

from __future__ import annotations

import pytest
from golden_cases import Case, cases, summary_text, write_expected

CASES = cases()


def test_enough_cases() -> None:
    apps = [c for c in CASES if (c.folder / "SOURCE").is_file()]
    assert len(apps) >= 7
    assert len(CASES) - len(apps) >= 15


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case: Case, request: pytest.FixtureRequest) -> None:
    plan = case.plan()
    if request.config.getoption("--update-golden"):
        write_expected(case, plan)
    exp = case.expected
    assert (exp / "summary.txt").is_file(), f"no expected files for {case.name}: --update-golden"
    assert summary_text(plan) == (exp / "summary.txt").read_text("utf-8")
    original = case.input_text()
    for v in plan.variants:
        expected_file = exp / f"{v.name}.Dockerfile"
        want = expected_file.read_bytes().decode("utf-8") if expected_file.is_file() else original
        assert v.dockerfile == want, f"{case.name}/{v.name} differs from {expected_file.name}"
        ignore_file = exp / f"{v.name}.dockerignore"
        want_ignore = ignore_file.read_text("utf-8") if ignore_file.is_file() else None
        assert v.dockerignore == want_ignore
    proposed = {v.name for v in plan.variants}
    for f in exp.glob("*.Dockerfile"):
        assert f.stem in proposed, f"{f.name} expected but {f.stem} was not proposed"
