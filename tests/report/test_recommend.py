"""The recommendation: smallest verified, a tradeoff only when it differs, never a broken one."""

from __future__ import annotations

from dataclasses import replace

from imgopt.report.data import RunData, Spread, VariantResult
from imgopt.report.recommend import pareto_front, ranked_size, recommend

from .sample import sample_run


def v(
    name: str,
    size: int,
    cold: float,
    *,
    verified: bool | None = True,
    error: str | None = None,
    compressed: int | None = None,
) -> VariantResult:
    return VariantResult(
        name=name, size_bytes=size, compressed_bytes=compressed, cold=Spread(cold, cold, cold, 1),
        verified=verified, error=error,
    )  # fmt: skip


def run_of(*variants: VariantResult) -> RunData:
    return RunData(path="run", app="app", variants=variants)


def test_smallest_verified_is_recommended_by_compressed_size() -> None:
    rec = recommend(sample_run())
    assert rec.smallest is not None and rec.smallest.name == "multistage"
    assert "118.0 MB compressed" in rec.reason and "−46.6 %" in rec.reason


def test_a_smaller_broken_variant_is_never_recommended_nor_on_the_front() -> None:
    run = sample_run()
    distroless = run.get("distroless")
    assert distroless is not None and ranked_size(distroless) == 50_000_000  # the smallest of all
    rec = recommend(run)
    assert rec.smallest is not None and rec.smallest.name != "distroless"
    assert "distroless" not in rec.pareto and rec.tradeoff is not None
    assert rec.tradeoff.name != "distroless"
    assert dict(rec.excluded)["distroless"].startswith("broken: GET / on port 5000")
    assert dict(rec.excluded)["alpine"].startswith("broken: build failed")


def test_tradeoff_named_with_numbers_when_it_differs() -> None:
    rec = recommend(sample_run())
    # slim-base: 139/221 + 43.3/61.2 = 1.336; hygiene 1.388; multistage 0.534 + 1.444 = 1.978
    assert rec.tradeoff is not None and rec.tradeoff.name == "slim-base"
    assert rec.tradeoff_reason is not None
    assert "21.0 MB compressed larger than `multistage`" in rec.tradeoff_reason
    assert "43.3 s instead of 88.4 s (45.1 s less)" in rec.tradeoff_reason


def test_no_tradeoff_when_the_smallest_is_also_the_best_balance() -> None:
    rec = recommend(run_of(v("original", 500, 60.0), v("small", 100, 30.0), v("mid", 300, 40.0)))
    assert rec.smallest is not None and rec.smallest.name == "small"
    assert rec.tradeoff is None and rec.tradeoff_reason is None
    assert rec.pareto == ("small",)


def test_unverified_variants_are_not_recommended() -> None:
    rec = recommend(run_of(v("original", 500, 60.0), v("small", 100, 30.0, verified=None)))
    assert rec.smallest is not None and rec.smallest.name == "original"
    assert "keep it" in rec.reason
    assert dict(rec.excluded)["small"].startswith("not verified")


def test_nothing_verified_gives_no_recommendation() -> None:
    rec = recommend(run_of(v("original", 500, 60.0, verified=None), v("x", 1, 1.0, verified=False)))
    assert rec.smallest is None and rec.tradeoff is None
    assert "No variant can be recommended" in rec.reason


def test_ties_on_size_go_to_the_faster_build() -> None:
    rec = recommend(run_of(v("original", 500, 60.0), v("a", 100, 50.0), v("b", 100, 20.0)))
    assert rec.smallest is not None and rec.smallest.name == "b"


def test_pareto_front_is_the_non_dominated_set_in_build_time_order() -> None:
    variants = [
        v("original", 500, 60.0),
        v("fast", 400, 10.0),
        v("dominated", 450, 30.0),  # "mid" is both smaller and faster
        v("mid", 300, 20.0),
        v("small", 100, 90.0),
        v("broken-small", 50, 5.0, verified=False),
    ]
    assert [x.name for x in pareto_front(variants)] == ["fast", "mid", "small"]


def test_compressed_size_ranks_before_uncompressed() -> None:
    a = v("a", 100, 10.0, compressed=60)
    b = v("b", 120, 10.0, compressed=40)
    rec = recommend(run_of(replace(a, name="original"), b))
    assert rec.smallest is not None and rec.smallest.name == "b"
