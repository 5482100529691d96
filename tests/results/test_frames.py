"""The one summary, checked against the raw rows: medians, ranges and the pick, recomputed here
with the csv module and ``statistics`` on every committed run folder (no pandas, no imgopt code),
so the frames cannot agree with bench and report by sharing a mistake."""

from __future__ import annotations

import csv
import statistics
from pathlib import Path

import pytest

from imgopt.results.frames import read_run, records, summarize
from imgopt.results.recommend import (
    MIN_GAIN_BYTES,
    MIN_GAIN_FRACTION,
    Candidate,
    recommend,
    recommend_summary,
)

REPO = Path(__file__).resolve().parents[2]
# Fixtures that are one run folder (a split target's fixture holds one per engine: tests/report).
FOLDERS = sorted(p for p in REPO.glob("reports/*/run") if (p / "results.csv").is_file()) + sorted(
    p
    for p in (REPO / "tests" / "report" / "fixtures").iterdir()
    if p.is_dir() and (p / "results.csv").is_file()
)


def raw_rows(folder: Path) -> list[dict[str, str]]:
    text = (folder / "results.csv").read_text()
    if not text.endswith("\n"):
        text = text[: text.rfind("\n") + 1]  # a torn last row is not a row
    return list(csv.DictReader(text.splitlines()))


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_build_times_are_the_median_min_and_max_of_the_finished_builds(folder: Path) -> None:
    rows = raw_rows(folder)
    for row in records(summarize(read_run(folder))):
        for kind in ("cold", "warm"):
            times = [
                float(r["seconds"])
                for r in rows
                if r["row"] == "build" and r["variant"] == row["name"] and r.get("kind") == kind
                if r.get("seconds")
            ]
            expected = (
                (statistics.median(times), min(times), max(times), len(times))
                if times
                else (None, None, None, 0)
            )
            got = (row[f"{kind}_s"], row[f"{kind}_min_s"], row[f"{kind}_max_s"], row[f"{kind}_n"])
            assert got == pytest.approx(expected) if times else got == expected, (row["name"], kind)


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_pick_is_the_smallest_verified_variant_of_the_raw_rows(folder: Path) -> None:
    rows = raw_rows(folder)
    measured = [
        r
        for r in rows
        if r["row"] == "variant" and r.get("verified") == "true" and not r.get("error")
    ]
    best = min(
        measured,
        key=lambda r: (int(r.get("compressed_bytes") or r["size_bytes"]), int(r["size_bytes"])),
        default=None,
    )
    expected = best["variant"] if best else None
    original = next((r for r in measured if r["variant"] == "original"), None)
    if best is not None and original is not None and best is not original:
        # kept when the smallest saves under 1 % or 1 MB (whichever is less) in every size
        # (python-optimized's hygiene: 23 bytes compressed, nothing uncompressed)
        saved = [
            (int(original[k]), int(original[k]) - int(best[k]))
            for k in ("compressed_bytes", "size_bytes")
            if original.get(k) and best.get(k)
        ]
        if saved and all(s < min(MIN_GAIN_BYTES, MIN_GAIN_FRACTION * old) for old, s in saved):
            expected = "original"
    assert recommend_summary(summarize(read_run(folder))).smallest == expected


def test_an_unverified_or_broken_candidate_is_never_picked_even_when_smallest() -> None:
    ok = Candidate("ok", 300, 100, 10.0, verified=True)
    unchecked = Candidate("unchecked", 100, 10, 5.0, verified=None)
    broken = Candidate("broken", 50, 5, 5.0, verified=False, verify_reason="status 500")
    pick = recommend([ok, unchecked, broken], original="ok")
    assert pick.smallest == "ok"
    assert dict(pick.excluded) == {
        "unchecked": "not verified (the smoke checks did not run)",
        "broken": "broken: status 500",
    }
    assert recommend([unchecked]).smallest is None


def test_the_tradeoff_is_named_only_when_it_differs_from_the_smallest() -> None:
    original = Candidate("original", 1000, 400, 60.0, verified=True)
    small_slow = Candidate("small", 200, 50, 120.0, verified=True)
    fast = Candidate("fast", 300, 80, 10.0, verified=True)
    pick = recommend([original, small_slow, fast], original="original")
    assert (pick.smallest, pick.tradeoff) == ("small", "fast")
    assert pick.pareto == ("fast", "small")  # fastest first; the original is dominated
