"""A gain too small to be worth a change keeps the original (issue 17: postgres-meta, a control,
got its hygiene variant recommended at 0.0 %, 346.1 -> 346.1 MB, with a slower rebuild).

The rule (:func:`imgopt.results.recommend.below_minimum`): the smallest verified variant is
recommended over the original only when it saves at least 1 % of the original's size or at least
1 MB, compressed or uncompressed; otherwise the original is the pick, and every command says why.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from imgopt.analyze.render import sentence
from imgopt.report import load_run_data, recommend
from imgopt.results.recommend import (
    MIN_GAIN_BYTES,
    MIN_GAIN_FRACTION,
    Candidate,
    below_minimum,
)
from imgopt.results.recommend import recommend as pick

from .test_agreement import FIXTURES, analysis, bench_summary

MB = 1_000_000


def _c(name: str, size: int, compressed: int | None, cold: float = 10.0) -> Candidate:
    return Candidate(name, size, compressed, cold, verified=True)


def test_postgres_metas_hygiene_at_zero_percent_keeps_the_original() -> None:
    original = _c("original", 346_100_000, 121_000_000, cold=10.0)
    hygiene = _c("hygiene", 346_060_000, 120_990_000, cold=17.0)  # 1.7x slower cold
    chosen = pick([original, hygiene], "original")
    assert chosen.smallest == "original"
    assert chosen.tradeoff is None
    assert chosen.kept == (
        "hygiene saves 0.0 MB (0.0 %) compressed and 0.0 MB (0.0 %) uncompressed, below the "
        "minimum of 1 % or 1 MB: keep your Dockerfile."
    )


@pytest.mark.parametrize(
    ("size", "compressed", "saved", "saved_compressed", "recommended"),
    [
        # a small image: 1 % of it is well under 1 MB, and is a gain
        (8_400_000, 4_300_000, 84_000, 0, True),
        (8_400_000, 4_300_000, 83_999, 42_999, False),
        # a large image: 1 MB is well under 1 % of it, and is a gain
        (1_000_000_000, 380_000_000, MB, 0, True),
        (1_000_000_000, 380_000_000, MB - 1, 0, False),
        # compressed alone reaches the minimum (what every pull transfers)
        (1_000_000_000, 380_000_000, 0, MB, True),
        # compressed alone is just below it, uncompressed even grows
        (1_000_000_000, 380_000_000, -5 * MB, MB - 1, False),
    ],
)
def test_either_threshold_in_either_size_is_a_gain(
    size: int, compressed: int, saved: int, saved_compressed: int, recommended: bool
) -> None:
    original = _c("original", size, compressed)
    variant = _c("v", size - saved, compressed - saved_compressed)
    chosen = pick([original, variant], "original")
    assert (chosen.smallest == "v") is recommended
    assert (chosen.kept is None) is recommended


def test_a_variant_that_grows_uncompressed_says_so() -> None:
    kept = below_minimum(
        _c("v", 1_005_000_000, 379_500_000), _c("original", 1_000_000_000, 380_000_000)
    )
    assert kept == (
        "v saves 0.5 MB (0.1 %) compressed and 5.0 MB (0.5 %) uncompressed more, below the "
        "minimum of 1 % or 1 MB: keep your Dockerfile."
    )


def test_without_compressed_sizes_the_uncompressed_size_decides() -> None:
    original = _c("original", 100 * MB, None)
    assert pick([original, _c("v", 100 * MB - 500_000, None)], "original").kept == (
        "v saves 0.5 MB (0.5 %), below the minimum of 1 % or 1 MB: keep your Dockerfile."
    )
    assert pick([original, _c("v", 99 * MB, None)], "original").smallest == "v"


def test_the_minimum_is_the_documented_one() -> None:
    assert (MIN_GAIN_FRACTION, MIN_GAIN_BYTES) == (0.01, 1_000_000)


def test_a_broken_or_unknown_original_is_no_reference() -> None:
    broken = Candidate("original", 100 * MB, 40 * MB, 1.0, verified=False)
    assert pick([broken, _c("v", 100 * MB - 1, 40 * MB - 1)], "original").smallest == "v"
    assert pick([_c("v", 100 * MB - 1, 40 * MB - 1)], None).smallest == "v"


def _tiny_gain_copy(tmp: Path) -> Path:
    """The complete fixture with its working variant ``slim`` shrunk to 127 kB below the original
    (0.2 % uncompressed, 0.0 MB compressed): below the minimum."""
    dest = tmp / "tiny-gain"
    shutil.copytree(FIXTURES / "complete", dest)
    table = dest / "results.csv"
    with open(table, newline="") as fh:
        rows = list(csv.DictReader(fh))
    sizes = {"75127387": "78000000", "29502077": "32500000"}  # slim's image sizes
    for row in rows:
        if row["variant"] == "slim":
            for key in ("size_bytes", "compressed_bytes"):
                row[key] = sizes.get(row[key], row[key])
    with open(table, "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return dest


def test_bench_report_and_analyze_keep_the_original_and_say_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from imgopt.cli.bench import _print_table

    folder = _tiny_gain_copy(tmp_path)
    why = (
        "slim saves 0.0 MB (0.0 %) compressed and 0.1 MB (0.2 %) uncompressed, below the "
        "minimum of 1 % or 1 MB: keep your Dockerfile."
    )
    bench = bench_summary(folder)
    assert bench.recommended == "Dockerfile"
    rec = recommend(load_run_data(folder))
    assert rec.smallest is not None and rec.smallest.name == "Dockerfile"
    assert rec.kept == why and rec.reason.startswith(why)
    assert sentence(analysis(folder, bench)) == why
    _print_table(bench)
    out = capsys.readouterr().out
    assert "* recommended: Dockerfile" in out and why in out
    # the untouched fixture's 3 MB (3.8 %) gain is still recommended
    assert bench_summary(_copy(FIXTURES / "complete", tmp_path)).recommended == "slim"


def _copy(src: Path, tmp: Path) -> Path:
    dest = tmp / src.name
    shutil.copytree(src, dest)
    return dest
