"""Which variant to recommend: one function, :func:`recommend`, used by every command.

``imgopt bench``'s summary, the report, ``imgopt analyze`` and the JSON outputs all name the
variant this function picks, so they never disagree.

- Only a variant that built, was measured, and passed the smoke checks like the original may be
  recommended (:func:`why_excluded`): a smaller image that no longer works is never the answer,
  and neither is one nobody checked (``--no-verify``). With nothing usable, nothing is picked.
- "Smallest" means smallest as a registry stores it (the compressed size, what every pull
  transfers), then uncompressed, then the faster cold build, then the earlier variant. A run
  measured without compressed sizes ranks by size.
- A gain too small to be worth changing a Dockerfile for keeps the original
  (:func:`below_minimum`): when the smallest verified variant saves less than
  :data:`MIN_GAIN_FRACTION` (1 %) of the original's size *and* less than :data:`MIN_GAIN_BYTES`
  (1 MB), compressed and uncompressed alike, the original is the pick and :attr:`Pick.kept` says
  why. Either threshold, met in either size, is a gain: 1 % is what a reader of a size report
  notices on a large image, 1 MB what a pull notices on a small one; both are ten times the
  resolution every figure is printed with (0.1 MB, 0.1 %), and far above the few kB by which
  the compressed size of the same files varies between builds. A variant that changes nothing
  measurable (postgres-meta's hygiene: 346.1 MB before and after, with a slower rebuild) is not
  a recommendation.
- The Pareto front holds the usable variants that no other usable one beats on both size and
  cold build time. The best tradeoff is the front's variant with the least size plus cold build
  time, each relative to the original (a developer pays the build time on every cold CI run and
  the size on every pull); it is named only when it differs from the smallest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

#: The smallest share of the original's size a variant must save to be recommended over it...
MIN_GAIN_FRACTION = 0.01
#: ... unless it saves at least this many bytes (1 MB, decimal as every printed size).
MIN_GAIN_BYTES = 1_000_000
#: The minimum as the README and every "kept" sentence say it.
MINIMUM_WORDS = f"{MIN_GAIN_FRACTION * 100:g} % or {MIN_GAIN_BYTES / 1e6:g} MB"


@dataclass(frozen=True, slots=True)
class Candidate:
    """What the recommendation needs to know about one variant.

    Attributes:
        name: the variant.
        size_bytes: uncompressed image size (None: not measured).
        compressed_bytes: compressed size (None: not measured).
        cold_s: median cold build time (None: no finished cold build).
        verified: True passed the smoke checks like the original, False failed, None not checked.
        error: why it is broken, or None.
        verify_reason: why the smoke checks failed, when they did.
    """

    name: str
    size_bytes: int | None
    compressed_bytes: int | None
    cold_s: float | None
    verified: bool | None
    error: str | None = None
    verify_reason: str | None = None

    @property
    def ranked_size(self) -> int | None:
        """The size it is ranked by: compressed when measured, else uncompressed."""
        return ranked_size(self.size_bytes, self.compressed_bytes)

    @property
    def why_excluded(self) -> str | None:
        """Why it may not be recommended (None: it may be)."""
        return why_excluded(
            size_bytes=self.size_bytes,
            verified=self.verified,
            error=self.error,
            verify_reason=self.verify_reason,
        )

    @property
    def usable(self) -> bool:
        """It may be recommended."""
        return self.why_excluded is None


@dataclass(frozen=True, slots=True)
class Pick:
    """The recommendation for one run, by variant name.

    Attributes:
        smallest: the smallest usable variant (None: none may be recommended).
        tradeoff: a different usable variant that balances size and cold build time better.
        pareto: the usable variants on the size / cold build time front, fastest first.
        excluded: every variant that may not be recommended, with why.
        kept: why the original is the pick although a verified variant is smaller: the gain is
            below the minimum (:func:`below_minimum`); None otherwise.
    """

    smallest: str | None
    tradeoff: str | None = None
    pareto: tuple[str, ...] = ()
    excluded: tuple[tuple[str, str], ...] = ()
    kept: str | None = None


def ranked_size(size_bytes: int | None, compressed_bytes: int | None) -> int | None:
    """Compressed size when measured, else uncompressed."""
    return compressed_bytes if compressed_bytes is not None else size_bytes


def why_excluded(
    *,
    size_bytes: int | None,
    verified: bool | None,
    error: str | None,
    verify_reason: str | None = None,
) -> str | None:
    """Why a variant may not be recommended, or None when it may."""
    if error:
        return f"broken: {error}"
    if verified is False:
        return f"broken: {verify_reason or 'did not pass the smoke checks like the original'}"
    if size_bytes is None:
        return "not measured (no finished build)"
    if verified is None:
        return "not verified (the smoke checks did not run)"
    return None


def excluded(candidates: Sequence[Candidate]) -> tuple[tuple[str, str], ...]:
    """Every candidate that may not be recommended, with why (:func:`why_excluded`)."""
    return tuple((c.name, c.why_excluded) for c in candidates if c.why_excluded is not None)


def nothing_reason(candidates: Sequence[Candidate]) -> str:
    """Why nothing can be recommended, from what actually happened to the variants: every
    command says the same (never "none was built" of variants that were built and measured)."""
    if not candidates:
        return "No variant can be recommended: the run holds no variant."
    measured = [c for c in candidates if c.size_bytes is not None]
    if measured and all(c.verified is None for c in measured):
        return (
            "No variant can be recommended: they were built and measured, but not verified "
            "(verification was off), and an unchecked variant is never recommended."
        )
    if not measured:
        return "No variant can be recommended: none was built and measured."
    why = "; ".join(f"{name}: {reason}" for name, reason in excluded(candidates)[:3])
    return f"No variant can be recommended: none passed verification ({why})."


def pareto_front(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Usable candidates with a cold build time that no other such candidate beats on both
    ranked size and cold build time, fastest first (so they draw as a staircase)."""
    points = [c for c in candidates if c.usable and c.cold_s is not None]

    def beats(w: Candidate, c: Candidate) -> bool:
        assert w.cold_s is not None and c.cold_s is not None
        ws, cs = w.ranked_size or 0, c.ranked_size or 0
        return ws <= cs and w.cold_s <= c.cold_s and (ws < cs or w.cold_s < c.cold_s)

    front = [c for c in points if not any(beats(w, c) for w in points if w is not c)]
    return sorted(front, key=lambda c: (c.cold_s or 0.0, c.ranked_size or 0))


def recommend(candidates: Sequence[Candidate], original: str | None = None) -> Pick:
    """Pick the smallest usable candidate, and the best tradeoff when it differs.

    Args:
        candidates: every variant, in run order (the order breaks ties).
        original: the original's name (the reference of the tradeoff), if known.
    """
    left_out = excluded(candidates)
    usable = [c for c in candidates if c.usable]
    front = pareto_front(usable)
    pareto = tuple(c.name for c in front)
    if not usable:
        return Pick(smallest=None, pareto=pareto, excluded=left_out)
    order = {c.name: i for i, c in enumerate(candidates)}

    def size_key(c: Candidate) -> tuple[int, int, float, int]:
        cold = c.cold_s if c.cold_s is not None else float("inf")
        return (c.ranked_size or 0, c.size_bytes or 0, cold, order[c.name])

    smallest = min(usable, key=size_key)
    ref = next((c for c in candidates if c.name == original), None)
    if ref is not None and ref.usable and smallest is not ref:
        kept = below_minimum(smallest, ref)
        if kept is not None:
            # The original stays; no tradeoff is named against a change not worth making.
            return Pick(smallest=ref.name, pareto=pareto, excluded=left_out, kept=kept)
    tradeoff = _tradeoff(front, ref)
    return Pick(
        smallest=smallest.name,
        tradeoff=tradeoff.name if tradeoff is not None and tradeoff is not smallest else None,
        pareto=pareto,
        excluded=left_out,
    )


def below_minimum(variant: Candidate, original: Candidate) -> str | None:
    """Why ``variant``'s gain over ``original`` is too small to recommend it, or None when it is
    not: it saves less than :data:`MIN_GAIN_FRACTION` of the original's size and less than
    :data:`MIN_GAIN_BYTES`, in every size measured for both (compressed, uncompressed).

    ``"hygiene saves 0.0 MB (0.0 %) compressed and 0.0 MB (0.0 %) uncompressed, below the
    minimum of 1 % or 1 MB: keep your Dockerfile."``
    """
    from imgopt.results import units

    pairs = [
        (kind, old, old - new)
        for kind, old, new in (
            ("compressed", original.compressed_bytes, variant.compressed_bytes),
            ("uncompressed", original.size_bytes, variant.size_bytes),
        )
        if old is not None and new is not None and old > 0
    ]
    if not pairs or any(
        saved >= MIN_GAIN_BYTES or saved >= MIN_GAIN_FRACTION * old for _, old, saved in pairs
    ):
        return None  # a gain worth having, or nothing to weigh it by
    said = [
        f"{units.mb(abs(saved))} ({units.percent(abs(saved) / old)})"
        + (f" {kind}" if len(pairs) > 1 else "")
        + ("" if saved >= 0 else " more")
        for kind, old, saved in pairs
    ]
    return (
        f"{variant.name} saves {' and '.join(said)}, below the minimum of {MINIMUM_WORDS}: "
        "keep your Dockerfile."
    )


def _tradeoff(front: list[Candidate], original: Candidate | None) -> Candidate | None:
    """The front's candidate with the least relative size + relative cold build time."""
    if len(front) < 2:
        return None
    size_ref = float(original.ranked_size or 0) if original is not None else 0.0
    time_ref = original.cold_s or 0.0 if original is not None else 0.0
    if not size_ref or not time_ref:
        # No measured original: measure against the front's own largest figures.
        size_ref = float(max(c.ranked_size or 0 for c in front)) or 1.0
        time_ref = max(c.cold_s or 0.0 for c in front) or 1.0

    def score(c: Candidate) -> tuple[float, int]:
        return ((c.ranked_size or 0) / size_ref + (c.cold_s or 0.0) / time_ref, c.ranked_size or 0)

    return min(front, key=score)


def candidates(summary: pd.DataFrame) -> list[Candidate]:
    """The candidates of a summary frame (:func:`imgopt.results.frames.summarize`)."""
    from imgopt.results.frames import records

    return [
        Candidate(
            name=r["name"],
            size_bytes=r["size_bytes"],
            compressed_bytes=r["compressed_bytes"],
            cold_s=r["cold_s"],
            verified=r["verified"],
            error=r["error"],
            verify_reason=r["verify_reason"],
        )
        for r in records(summary)
    ]


def recommend_summary(summary: pd.DataFrame) -> Pick:
    """:func:`recommend` over a summary frame, its original as the reference."""
    originals = summary.loc[summary["original"].astype(bool), "name"]
    return recommend(candidates(summary), str(originals.iloc[0]) if len(originals) else None)
