"""Which variant to pick: the smallest verified one, and the best tradeoff when that differs.

"Smallest" means smallest as a registry stores it (the compressed size, what every pull
transfers), then uncompressed; that is the order ``imgopt bench`` ranks by too, so the bench's
summary and the report never disagree. A run measured without compressed sizes ranks by size.

Only a variant that built, was measured, and passed the smoke checks like the original can be
recommended: a smaller image that no longer works is never the answer (a broken variant is not
even on the Pareto front). The tradeoff weighs size and cold build time equally, each relative to
the original, because a developer pays the build time on every cold CI run and the size on every
pull; it is named only when it differs from the smallest, with the numbers that make the case.
"""

from __future__ import annotations

from dataclasses import dataclass

from imgopt.report import units
from imgopt.report.data import RunData, VariantResult


@dataclass(frozen=True, slots=True)
class Recommendation:
    """The pick for one run.

    Attributes:
        smallest: the smallest verified variant (None when no variant may be recommended).
        reason: one or two sentences on the pick, with numbers.
        tradeoff: a different variant that balances size and cold build time better, or None.
        tradeoff_reason: why, with the numbers, when there is a tradeoff.
        pareto: names of the verified variants on the size / cold build time Pareto front.
        excluded: variants that were not considered, with why (broken, unverified, unmeasured).
    """

    smallest: VariantResult | None
    reason: str
    tradeoff: VariantResult | None = None
    tradeoff_reason: str | None = None
    pareto: tuple[str, ...] = ()
    excluded: tuple[tuple[str, str], ...] = ()

    @property
    def pick(self) -> VariantResult | None:
        """The variant whose Dockerfile the report shows a diff for: the smallest."""
        return self.smallest


def ranked_size(v: VariantResult) -> int | None:
    """The size a variant is ranked by: compressed when measured, else uncompressed."""
    return v.compressed_bytes if v.compressed_bytes is not None else v.size_bytes


def pareto_front(variants: list[VariantResult] | tuple[VariantResult, ...]) -> list[VariantResult]:
    """Usable variants that no other usable variant beats on both size (:func:`ranked_size`) and
    cold build time.

    Returns them ordered by cold build time (fastest first), so they draw as a staircase.
    """
    points = [(v, ranked_size(v) or 0, v.cold.median) for v in variants if v.usable and v.cold]
    front = []
    for v, size, cold in points:
        dominated = False
        for w, w_size, w_cold in points:
            if w is v:
                continue
            no_worse = w_size <= size and w_cold <= cold
            better = w_size < size or w_cold < cold
            if no_worse and better:
                dominated = True
                break
        if not dominated:
            front.append(v)
    return sorted(front, key=lambda v: (v.cold.median if v.cold else 0.0, ranked_size(v) or 0))


def _why_excluded(v: VariantResult) -> str | None:
    if v.error:
        return f"broken: {v.error}"
    if v.verified is False:
        return "broken: did not pass the smoke checks like the original"
    if v.size_bytes is None:
        return "not measured (no finished build)"
    if v.verified is None:
        return "not verified (the smoke checks did not run)"
    return None


def recommend(run: RunData) -> Recommendation:
    """Pick the smallest verified variant of ``run``, and the best tradeoff when it differs."""
    excluded = tuple((v.name, why) for v in run.variants if (why := _why_excluded(v)) is not None)
    usable = [v for v in run.variants if v.usable]
    front = pareto_front(usable)
    pareto = tuple(v.name for v in front)
    if not usable:
        return Recommendation(
            smallest=None,
            reason="No variant can be recommended: none was built, measured and verified.",
            pareto=pareto,
            excluded=excluded,
        )

    order = {v.name: i for i, v in enumerate(run.variants)}

    def size_key(v: VariantResult) -> tuple[int, int, float, int]:
        # Ties on size go to the faster cold build, then to the earlier (simpler) variant.
        cold = v.cold.median if v.cold else float("inf")
        return (ranked_size(v) or 0, v.size_bytes or 0, cold, order[v.name])

    smallest = min(usable, key=size_key)
    original = run.original
    reason = _smallest_reason(smallest, original)

    tradeoff = _tradeoff(front, original)
    if tradeoff is None or tradeoff.name == smallest.name:
        return Recommendation(smallest=smallest, reason=reason, pareto=pareto, excluded=excluded)
    return Recommendation(
        smallest=smallest,
        reason=reason,
        tradeoff=tradeoff,
        tradeoff_reason=_tradeoff_reason(tradeoff, smallest, original),
        pareto=pareto,
        excluded=excluded,
    )


def _sizes(v: VariantResult) -> str:
    """``"118.0 MB compressed (301.0 MB uncompressed)"``, or just the size when not compressed."""
    if v.compressed_bytes is None:
        return units.mb(v.size_bytes)
    return f"{units.mb(v.compressed_bytes)} compressed ({units.mb(v.size_bytes)} uncompressed)"


def _smallest_reason(smallest: VariantResult, original: VariantResult | None) -> str:
    if original is None or smallest.name == original.name:
        return f"No verified variant is smaller than the original ({_sizes(smallest)}): keep it."
    change = units.change(ranked_size(smallest), ranked_size(original))
    text = (
        f"The smallest variant that still works like the original: {_sizes(smallest)} against "
        f"{_sizes(original)} for the original, {units.percent(change, signed=True)}"
    )
    if smallest.cold is not None and original.cold is not None:
        text += (
            f"; cold build {units.seconds(smallest.cold.median)} against "
            f"{units.seconds(original.cold.median)}"
        )
    return text + "."


def _score(v: VariantResult, size_ref: float, time_ref: float) -> float:
    assert v.cold is not None
    return (ranked_size(v) or 0) / size_ref + v.cold.median / time_ref


def _tradeoff(front: list[VariantResult], original: VariantResult | None) -> VariantResult | None:
    """The front's variant with the least relative size + relative cold build time."""
    if len(front) < 2:
        return None
    size_ref = float(ranked_size(original) or 0) if original is not None else 0.0
    time_ref = original.cold.median if original is not None and original.cold else 0.0
    if not size_ref or not time_ref:
        # No measured original: measure against the front's own largest figures.
        size_ref = float(max(ranked_size(v) or 0 for v in front)) or 1.0
        time_ref = max(v.cold.median for v in front if v.cold) or 1.0
    return min(front, key=lambda v: (_score(v, size_ref, time_ref), ranked_size(v) or 0))


def _tradeoff_reason(
    tradeoff: VariantResult, smallest: VariantResult, original: VariantResult | None
) -> str:
    assert tradeoff.cold is not None and smallest.cold is not None
    extra = (ranked_size(tradeoff) or 0) - (ranked_size(smallest) or 0)
    saved = smallest.cold.median - tradeoff.cold.median
    kind = " compressed" if tradeoff.compressed_bytes is not None else ""
    text = (
        f"{units.mb(extra)}{kind} larger than `{smallest.name}` "
        f"({units.mb(ranked_size(tradeoff))} against {units.mb(ranked_size(smallest))}), but its "
        f"cold build takes {units.seconds(tradeoff.cold.median)} instead of "
        f"{units.seconds(smallest.cold.median)} ({units.seconds(saved)} less)"
    )
    if original is not None and ranked_size(original):
        change = units.change(ranked_size(tradeoff), ranked_size(original))
        text += f"; still {units.percent(change, signed=True)} against the original"
    return (
        text + ". Weighing size and cold build time equally, each relative to the original, it "
        "scores best of the verified variants on the Pareto front."
    )
