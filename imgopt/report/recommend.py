"""The recommendation as a report words it: the pick of :func:`imgopt.results.recommend.recommend`
(the one function every command uses), with the sentences that make the case.

Only a variant that built, was measured, and passed the smoke checks like the original can be
recommended; the ranking, the Pareto front and the tradeoff are documented in
:mod:`imgopt.results.recommend`. This module adds the reasons, with numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from imgopt.report.data import RunData, VariantResult
from imgopt.results import recommend as results
from imgopt.results import units


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
        kept: why the original is kept although a verified variant is smaller (its gain is below
            the minimum, :func:`imgopt.results.recommend.below_minimum`); None otherwise.
    """

    smallest: VariantResult | None
    reason: str
    tradeoff: VariantResult | None = None
    tradeoff_reason: str | None = None
    pareto: tuple[str, ...] = ()
    excluded: tuple[tuple[str, str], ...] = ()
    kept: str | None = None

    @property
    def pick(self) -> VariantResult | None:
        """The variant whose Dockerfile the report shows a diff for: the smallest."""
        return self.smallest


def ranked_size(v: VariantResult) -> int | None:
    """The size a variant is ranked by: compressed when measured, else uncompressed."""
    return results.ranked_size(v.size_bytes, v.compressed_bytes)


def candidate(v: VariantResult) -> results.Candidate:
    """What the one recommendation function needs to know about ``v``."""
    return results.Candidate(
        name=v.name,
        size_bytes=v.size_bytes,
        compressed_bytes=v.compressed_bytes,
        cold_s=v.cold.median if v.cold is not None else None,
        verified=v.verified,
        error=v.error,
    )


def comparable(v: VariantResult, run: RunData) -> VariantResult:
    """``v`` as the recommendation ranks it within ``run``: as measured, unless its reference is
    another part's original (a target split over engines, :mod:`imgopt.report.parts`); then
    relative to the run's original, as if that had been its reference: its sizes shifted by the
    difference between the two originals, its cold build time scaled by their cold builds'
    ratio. So its gain over its own original, and its build time against it, carry over."""
    ref, original = run.reference_of(v), run.original
    if ref is None or original is None or ref is original:
        return v

    def shifted(mine: int | None, theirs: int | None, ours: int | None) -> int | None:
        if mine is None or theirs is None or ours is None:
            return mine
        return mine + ours - theirs

    cold = v.cold
    if cold is not None and ref.cold is not None and original.cold is not None and ref.cold.median:
        f = original.cold.median / ref.cold.median
        cold = replace(cold, median=cold.median * f, low=cold.low * f, high=cold.high * f)
    return replace(
        v,
        size_bytes=shifted(v.size_bytes, ref.size_bytes, original.size_bytes),
        compressed_bytes=shifted(
            v.compressed_bytes, ref.compressed_bytes, original.compressed_bytes
        ),
        cold=cold,
    )


def pareto_front(variants: list[VariantResult] | tuple[VariantResult, ...]) -> list[VariantResult]:
    """The usable variants on the size / cold build time front, fastest first
    (:func:`imgopt.results.recommend.pareto_front`)."""
    by_name = {v.name: v for v in variants}
    return [by_name[c.name] for c in results.pareto_front([candidate(v) for v in variants])]


def recommend(run: RunData) -> Recommendation:
    """The recommendation of ``run`` (:func:`imgopt.results.recommend.recommend`), with reasons."""
    original = run.original
    # Another part's original is a reference, not a choice; the rest ranked comparably.
    ranked = [comparable(v, run) for v in run.variants if v.name not in run.references]
    candidates = [candidate(v) for v in ranked]
    pick = results.recommend(candidates, original.name if original else None)
    if pick.smallest is None:
        return Recommendation(
            smallest=None,
            reason=results.nothing_reason(candidates),
            pareto=pick.pareto,
            excluded=pick.excluded,
        )
    smallest = run.get(pick.smallest)
    assert smallest is not None
    # pick.kept: a verified variant is smaller, by less than the minimum gain worth a change
    ref = run.reference_of(smallest)
    label = "the original"
    if ref is not None and ref.name in run.references:  # another part's: say which and where
        label = f"`{ref.name}`, the original built on the same engine ({ref.engine})"
    reason = pick.kept or _smallest_reason(smallest, ref, label)
    checked = proof_words(smallest, run.reference_of(smallest))
    if checked:
        reason += f" It was {checked}."
    tradeoff = run.get(pick.tradeoff) if pick.tradeoff is not None else None
    if tradeoff is None:
        return Recommendation(
            smallest=smallest,
            reason=reason,
            pareto=pick.pareto,
            excluded=pick.excluded,
            kept=pick.kept,
        )
    return Recommendation(
        smallest=smallest,
        reason=reason,
        tradeoff=tradeoff,
        tradeoff_reason=_tradeoff_reason(tradeoff, smallest, run),
        pareto=pick.pareto,
        excluded=pick.excluded,
    )


def proof_words(v: VariantResult, original: VariantResult | None) -> str:
    """``checked: 5 HTTP probes, ...; the app touched 6.6 MB of this 8.4 MB image (8.6 MB of
    the original's 922.3 MB)`` (:func:`imgopt.results.units.proof`); empty when not recorded."""
    theirs = None
    if original is not None and original.name != v.name:
        theirs = (original.closure_bytes_here, original.size_bytes)
    return units.proof(v.proof, v.closure_bytes_here, v.size_bytes, theirs)


def _sizes(v: VariantResult) -> str:
    """``"118.0 MB compressed (301.0 MB uncompressed)"``, or just the size when not compressed."""
    if v.compressed_bytes is None:
        return units.mb(v.size_bytes)
    return f"{units.mb(v.compressed_bytes)} compressed ({units.mb(v.size_bytes)} uncompressed)"


def _smallest_reason(
    smallest: VariantResult, original: VariantResult | None, label: str = "the original"
) -> str:
    if original is None or smallest.name == original.name:
        return f"No verified variant is smaller than the original ({_sizes(smallest)}): keep it."
    change = units.change(ranked_size(smallest), ranked_size(original))
    text = (
        f"The smallest variant that still works like the original: {_sizes(smallest)} against "
        f"{_sizes(original)} for {label}, {units.percent(change, signed=True)}"
    )
    if smallest.cold is not None and original.cold is not None:
        text += (
            f"; cold build {units.seconds(smallest.cold.median)} against "
            f"{units.seconds(original.cold.median)}"
        )
    return text + "."


def _tradeoff_reason(tradeoff: VariantResult, smallest: VariantResult, run: RunData) -> str:
    original = run.reference_of(tradeoff)
    scaled = ""
    if run.reference_of(smallest) is not original:  # two parts, two engines: as ranked
        scaled = (
            f" (figures relative to `{run.original.name if run.original else 'original'}`: "
            "the two were measured on different engines, each against its own part's original)"
        )
        tradeoff, smallest = comparable(tradeoff, run), comparable(smallest, run)
        original = run.original
    assert tradeoff.cold is not None and smallest.cold is not None
    extra = (ranked_size(tradeoff) or 0) - (ranked_size(smallest) or 0)
    saved = smallest.cold.median - tradeoff.cold.median
    kind = " compressed" if tradeoff.compressed_bytes is not None else ""
    text = (
        f"{units.mb(extra)}{kind} larger than `{smallest.name}` "
        f"({units.mb(ranked_size(tradeoff))} against {units.mb(ranked_size(smallest))}), but its "
        f"cold build takes {units.seconds(tradeoff.cold.median)} instead of "
        f"{units.seconds(smallest.cold.median)} ({units.seconds(saved)} less){scaled}"
    )
    if original is not None and ranked_size(original):
        change = units.change(ranked_size(tradeoff), ranked_size(original))
        text += f"; still {units.percent(change, signed=True)} against the original"
    return (
        text + ". Weighing size and cold build time equally, each relative to the original, it "
        "scores best of the verified variants on the Pareto front."
    )
