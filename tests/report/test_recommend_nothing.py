"""When nothing can be recommended, the reason says what actually happened (issue 11): never
"none was built, measured and verified" for variants that were built and measured."""

from __future__ import annotations

from imgopt.report.data import RunData, Spread, VariantResult
from imgopt.report.recommend import recommend


def _v(name: str, *, size: int | None = 100, verified: bool | None = True) -> VariantResult:
    cold = Spread(1.0, 1.0, 1.0, 1) if size is not None else None
    return VariantResult(name=name, size_bytes=size, cold=cold, verified=verified)


def _run(*variants: VariantResult) -> RunData:
    return RunData(path="run", app="app", variants=variants)


def test_built_and_measured_without_verification_says_verification_was_off() -> None:
    rec = recommend(_run(_v("original", verified=None), _v("slim", size=50, verified=None)))
    assert rec.smallest is None
    assert "built and measured, but not verified" in rec.reason
    assert "none was built" not in rec.reason


def test_every_variant_failing_verification_names_why() -> None:
    rec = recommend(_run(_v("original", verified=False), _v("slim", size=50, verified=False)))
    assert rec.smallest is None
    assert rec.reason.startswith("No variant can be recommended: none passed verification (")
    assert "original: broken" in rec.reason


def test_nothing_measured_says_so() -> None:
    rec = recommend(_run(_v("original", size=None, verified=None)))
    assert rec.reason == "No variant can be recommended: none was built and measured."
