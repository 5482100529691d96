"""A variant that differs where the original's two profiling runs agreed by chance makes the
original run once more; the template is widened by what then differs between the original's runs,
and only that (issues 11 and 17: django-example's debug toolbar timings and cache counts).

No engine: ``run_smoke`` and the dependencies are faked; the original's answers are scripted per
run, as a debug toolbar's would vary.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from imgopt.verify import verifier as verifier_mod
from imgopt.verify.discover import Discovery
from imgopt.verify.result import CheckResult, SmokeResult
from imgopt.verify.spec import CommandCheck, HttpCheck, SmokeSpec, StatusRange
from imgopt.verify.variance import learn
from imgopt.verify.verifier import MAX_ORIGINAL_RUNS, Profile, Proof, Verifier, widen

ORIGINAL = "sha256:original"
PAGE = "<p>rendered in {ms} ms, cache hits {hits}</p><p>name: {name}</p>"


def _page(ms: int = 12, hits: int = 3, name: str = "shop") -> str:
    return PAGE.format(ms=ms, hits=hits, name=name)


def _http(body: str, status: int = 200, content_type: str = "text/html") -> CheckResult:
    return CheckResult(
        "GET /", "http", True, 0.1, status=status, body=body, content_type=content_type
    )


def _result(image: str, *checks: CheckResult, passed: bool = True) -> SmokeResult:
    return SmokeResult(
        image=image,
        spec_source="test",
        passed=passed,
        checks=checks,
        reason=None if passed else "GET /: container exited with code 1",
        log_tail="",
        capabilities="drop-all",
        duration_s=0.1,
    )


SPEC = SmokeSpec(
    source="test",
    http=(HttpCheck(name="GET /", port=8000, path="/", status=StatusRange(100, 599)),),
    inferred=True,
)


def _profile(first: CheckResult, second: CheckResult, spec: SmokeSpec = SPEC) -> Profile:
    """What profiling the original makes of its two runs (as Verifier._profile learns them)."""
    text = (first.body if first.kind == "http" else first.output) or ""
    again = (second.body if second.kind == "http" else second.output) or ""
    return Profile(
        image=ORIGINAL,
        discovery=Discovery(kind="service", listening=(8000,), port=8000, ready_s=0.5),
        spec=spec,
        result=_result(ORIGINAL, second),
        templates={first.name: learn(text, again)},
        varying_status=frozenset(),
        varying_type=frozenset(),
        closure=None,
        closure_facts=None,
        reason=None,
        proof=Proof(probes=1, original_runs=2),
        samples={first.name: (text, again)},
    )


class Script:
    """A fake ``run_smoke``: each image answers from its own list, one result per run."""

    def __init__(self, answers: dict[str, list[SmokeResult]]) -> None:
        self.answers = {image: list(results) for image, results in answers.items()}
        self.calls: list[tuple[str, float]] = []

    def __call__(self, image: str, spec: SmokeSpec, **kwargs: Any) -> SmokeResult:
        self.calls.append((image, float(kwargs.get("settle_s", 0.0))))
        return self.answers[image].pop(0)

    def runs_of(self, image: str) -> int:
        return sum(1 for called, _ in self.calls if called == image)


@pytest.fixture
def script(monkeypatch: pytest.MonkeyPatch) -> Iterator[Script]:
    holder = Script({})

    @contextlib.contextmanager
    def no_dependencies(*args: object, **kwargs: object) -> Iterator[None]:
        yield None

    monkeypatch.setattr(verifier_mod, "run_smoke", holder)
    monkeypatch.setattr(verifier_mod, "app_in_place", no_dependencies)
    yield holder


def _verifier(tmp_path: Path | None = None) -> Verifier:
    return Verifier(run_id="t", out_dir=tmp_path, trace=False)


def test_a_difference_the_original_shows_on_a_third_run_is_left_out(script: Script) -> None:
    # The two profiling runs agreed on "cache hits 3" by chance; the variant counts 4, and the
    # original itself counts 5 when asked again.
    profile = _profile(_http(_page(ms=12)), _http(_page(ms=19)))
    script.answers = {"variant": [_result("variant", _http(_page(ms=7, hits=4)))]}
    script.answers[ORIGINAL] = [_result(ORIGINAL, _http(_page(ms=30, hits=5)))]
    verdict = _verifier().check(profile, "variant")
    assert verdict.verified, verdict.reason
    assert script.runs_of(ORIGINAL) == 1
    # the original's run after the variant, a second after it answers, as the profiling run
    assert script.calls[-1] == (ORIGINAL, verifier_mod.SECOND_RUN_SETTLE_S)
    assert verdict.proof.original_runs == 3
    assert "compared with 3 runs of the original" in verdict.proof.describe()


def test_what_the_original_never_varies_in_still_fails_the_variant(script: Script) -> None:
    # The third run explains the cache count, not the lost name (a missing data file).
    profile = _profile(_http(_page(ms=12)), _http(_page(ms=19)))
    script.answers = {
        "variant": [_result("variant", _http(_page(ms=7, hits=4, name="")))],
        ORIGINAL: [_result(ORIGINAL, _http(_page(ms=30, hits=5)))],
    }
    verdict = _verifier().check(profile, "variant")
    assert not verdict.verified
    assert (
        verdict.reason is not None and "GET /: body differs from the original's" in verdict.reason
    )
    assert "name: shop" in verdict.reason  # where: what the variant lacks
    assert verdict.proof.original_runs == 3


def test_a_status_the_original_keeps_fails_after_the_third_run_too(script: Script) -> None:
    # A planted missing template: the variant answers 500 where the original answers 200 always.
    profile = _profile(_http(_page(ms=12)), _http(_page(ms=19)))
    script.answers = {
        "variant": [_result("variant", _http("TemplateDoesNotExist", status=500))],
        ORIGINAL: [_result(ORIGINAL, _http(_page(ms=30)))],
    }
    verdict = _verifier().check(profile, "variant")
    assert not verdict.verified
    assert verdict.differences == ("GET /: status 500, the original answered 200",)
    assert script.runs_of(ORIGINAL) == 1


def test_a_status_or_content_type_the_original_varies_in_is_learnt(script: Script) -> None:
    profile = _profile(_http(_page()), _http(_page()))
    varied = _http(_page(), status=203, content_type="text/plain")
    script.answers = {
        "variant": [_result("variant", varied)],
        ORIGINAL: [_result(ORIGINAL, varied)],
    }
    assert _verifier().check(profile, "variant").verified


def test_the_widened_template_serves_the_next_variants_and_the_runs_are_bounded(
    script: Script, tmp_path: Path
) -> None:
    profile = _profile(_http(_page(ms=12)), _http(_page(ms=19)))
    verifier = _verifier(tmp_path)
    script.answers = {
        "a": [_result("a", _http(_page(ms=7, hits=4)))],
        "b": [_result("b", _http(_page(ms=8, hits=9)))],  # explained by the third run
        "c": [_result("c", _http(_page(ms=8, hits=9, name="x")))],  # never explained
        "d": [_result("d", _http(_page(ms=8, hits=9, name="y")))],
        ORIGINAL: [_result(ORIGINAL, _http(_page(ms=30, hits=5))) for _ in range(5)],
    }
    assert verifier.check(profile, "a").verified
    assert verifier.check(profile, "b").verified
    assert script.runs_of(ORIGINAL) == 1  # b was judged by what a's check learnt
    assert not verifier.check(profile, "c").verified
    assert not verifier.check(profile, "d").verified
    assert script.runs_of(ORIGINAL) == MAX_ORIGINAL_RUNS - 2
    recorded = (tmp_path / "discovery.json").read_text()
    assert f'"original_runs": {MAX_ORIGINAL_RUNS}' in recorded


def test_an_identical_variant_costs_no_extra_run(script: Script) -> None:
    profile = _profile(_http(_page(ms=12)), _http(_page(ms=19)))
    script.answers = {"variant": [_result("variant", _http(_page(ms=3)))]}
    verdict = _verifier().check(profile, "variant")
    assert verdict.verified
    assert script.runs_of(ORIGINAL) == 0
    assert verdict.proof.original_runs == 2


def test_a_variant_that_failed_its_checks_does_not_make_the_original_run_again(
    script: Script,
) -> None:
    profile = _profile(_http(_page(ms=12)), _http(_page(ms=19)))
    dead = CheckResult("GET /", "http", False, 0.1, reason="container exited with code 127")
    script.answers = {"variant": [_result("variant", dead, passed=False)]}
    verdict = _verifier().check(profile, "variant")
    assert not verdict.verified
    assert script.runs_of(ORIGINAL) == 0


def test_an_original_that_fails_its_third_run_teaches_nothing(script: Script) -> None:
    profile = _profile(_http(_page(ms=12)), _http(_page(ms=19)))
    dead = CheckResult("GET /", "http", False, 0.1, reason="redis is gone")
    script.answers = {
        "variant": [_result("variant", _http(_page(ms=7, hits=4)))],
        ORIGINAL: [_result(ORIGINAL, dead, passed=False)],
    }
    verdict = _verifier().check(profile, "variant")
    assert not verdict.verified
    assert verdict.proof.original_runs == 2
    assert widen(profile, _result(ORIGINAL, dead, passed=False)) is None


def test_a_one_shots_output_is_widened_the_same_way(script: Script) -> None:
    def done(output: str) -> CheckResult:
        return CheckResult("default command", "command", True, 0.1, exit_code=0, output=output)

    spec = SmokeSpec(source="test", commands=(CommandCheck(name="default command"),))
    profile = _profile(done("jobs: 3\nqueue: q1\n"), done("jobs: 3\nqueue: q1\n"), spec)
    script.answers = {
        "variant": [_result("variant", done("jobs: 4\nqueue: q1\n"))],
        ORIGINAL: [_result(ORIGINAL, done("jobs: 7\nqueue: q1\n"))],
    }
    verifier = _verifier()
    assert verifier.check(profile, "variant").verified
    script.answers = {
        "broken": [_result("broken", done("jobs: 4\nqueue: \n"))],
        ORIGINAL: [_result(ORIGINAL, done("jobs: 9\nqueue: q1\n"))],
    }
    verdict = verifier.check(profile, "broken")
    assert not verdict.verified
    assert verdict.differences[0].startswith("default command: output differs from the original's")


def test_learning_from_three_runs_leaves_out_what_any_two_differed_in() -> None:
    template = learn(_page(ms=12), _page(ms=19), _page(ms=30, hits=5))
    assert template.gaps == 2
    assert template.matches(_page(ms=1, hits=99))
    assert not template.matches(_page(ms=1, hits=99, name="shoe"))
    assert learn("same", "same", "same").gaps == 0
    assert learn(_page(ms=12), _page(ms=19)).gaps == 1
