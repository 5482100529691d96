"""Comparing a variant's smoke results with the original's (no engine needed)."""

from __future__ import annotations

import dataclasses
import json

from imgopt.verify import CheckResult, SmokeResult, compare_results


def result(*checks: CheckResult, passed: bool = True, reason: str | None = None) -> SmokeResult:
    return SmokeResult(
        image="app:1",
        spec_source="smoke.toml",
        passed=passed,
        checks=checks,
        reason=reason,
        log_tail="",
        capabilities="drop-all",
        duration_s=1.0,
    )


INDEX = CheckResult("index", "http", True, 0.1, status=200, body="hi 1", compare_content=True)
VOLATILE = CheckResult("time", "http", True, 0.1, status=200, body="12:00", compare_content=False)
CMD = CheckResult("cmd", "command", True, 0.1, exit_code=0, output="ok\n", compare_content=True)


def test_identical_results_are_the_same() -> None:
    original = result(INDEX, VOLATILE, CMD)
    comparison = compare_results(original, original)
    assert comparison.same and comparison.differences == () and comparison.reason is None


def test_non_deterministic_body_may_differ() -> None:
    variant = result(INDEX, dataclasses.replace(VOLATILE, body="12:01"), CMD)
    assert compare_results(result(INDEX, VOLATILE, CMD), variant).same


def test_deterministic_body_must_match() -> None:
    variant = result(dataclasses.replace(INDEX, body="hi 2"), VOLATILE, CMD)
    comparison = compare_results(result(INDEX, VOLATILE, CMD), variant)
    assert not comparison.same
    assert comparison.differences == ("index: body differs from the original's",)


def test_status_and_exit_code_must_match() -> None:
    variant = result(
        dataclasses.replace(INDEX, status=201),
        VOLATILE,
        dataclasses.replace(CMD, exit_code=3),
    )
    comparison = compare_results(result(INDEX, VOLATILE, CMD), variant)
    assert comparison.differences == (
        "index: status 201, the original answered 200",
        "cmd: exit code 3, the original exited 0",
    )


def test_deterministic_output_must_match_and_missing_checks_count() -> None:
    variant = result(INDEX, dataclasses.replace(CMD, output="OK\n"))
    comparison = compare_results(result(INDEX, VOLATILE, CMD), variant)
    assert comparison.differences == (
        "time: not run on the variant",
        "cmd: output differs from the original's",
    )


def test_failed_variant_or_original_is_never_the_same() -> None:
    broken = dataclasses.replace(INDEX, passed=False, status=None, body=None, reason="no answer")
    failed = result(broken, passed=False, reason="index: no answer")
    comparison = compare_results(result(INDEX), failed)
    assert not comparison.same
    assert comparison.differences[0] == "the variant failed its smoke checks (index: no answer)"
    assert not compare_results(failed, failed).same


def test_result_serialises_to_json() -> None:
    data = result(INDEX, CMD).to_dict()
    assert json.loads(json.dumps(data))["checks"][0]["name"] == "index"
    assert result(INDEX, CMD).check("cmd") == CMD
