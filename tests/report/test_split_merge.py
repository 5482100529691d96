"""A target split over engines is one report: each variant against its own part's original.

Hand-built parts (:class:`~imgopt.report.data.RunData`) whose figures make the difference
visible: the two engines' originals differ in size or pace, so a comparison with the wrong
original gives another answer than the one with the right one.
"""

from __future__ import annotations

from dataclasses import replace

from imgopt.report.data import RunData, Spread, VariantResult
from imgopt.report.model import IndexEntry, build_report, index_table
from imgopt.report.parts import Part, merge_parts
from imgopt.report.recommend import candidate, comparable, recommend
from imgopt.results import recommend as results

MB = 1_000_000
E1, E2 = "default", "tcp://127.0.0.1:23750"


def variant(
    name: str, size: int, cold: float, *, base: int = 20 * MB, engine: str | None = None
) -> VariantResult:
    return VariantResult(
        name=name,
        size_bytes=size,
        compressed_bytes=size // 2,
        base_bytes=base,
        cold=Spread(cold, cold, cold, 1),
        verified=True,
        engine=engine,
    )


def part(k: int, engine: str, *variants: VariantResult) -> tuple[Part, RunData]:
    run = RunData(path=f"/out/app.part{k}", app="app", variants=variants)
    return Part("app", k, engine), run


def test_parts_become_one_run_with_every_variant_and_each_original_as_its_parts_reference() -> None:
    one = part(1, E1, variant("original", 100 * MB, 10.0), variant("hygiene", 90 * MB, 11.0))
    two = part(2, E2, variant("original", 100 * MB, 20.0), variant("slim", 40 * MB, 30.0))
    run = merge_parts([two, one])  # any order: part 1 is the reference part
    assert [v.name for v in run.variants] == ["original", "hygiene", "original.part2", "slim"]
    assert run.references == ("original.part2",)
    assert [v.engine for v in run.variants] == [E1, E1, E2, E2]
    assert run.engines == (E1, E2)
    slim = run.get("slim")
    assert slim is not None and run.reference_of(slim) == run.get("original.part2")
    hygiene = run.get("hygiene")
    assert hygiene is not None and run.reference_of(hygiene) == run.original
    assert run.app == "app" and run.path == "/out"
    assert run.env.engine is not None and f"2 engines: {E1} (part 1:" in run.env.engine
    assert any("the same size" in n for n in run.notes), run.notes


def test_another_parts_variant_is_ranked_relative_to_its_own_original() -> None:
    """Engine 2 reports its base layers 3 MB larger and builds half as fast: its variant is
    ranked by its gain over its own original and its time against that original's."""
    one = part(1, E1, variant("original", 100 * MB, 10.0), variant("hygiene", 60 * MB, 12.0))
    two = part(
        2,
        E2,
        variant("original", 103 * MB, 20.0, base=23 * MB),
        variant("slim", 62 * MB, 16.0, base=23 * MB),
    )
    run = merge_parts([one, two])
    slim = run.get("slim")
    assert slim is not None
    ranked = comparable(slim, run)
    assert ranked.size_bytes == 59 * MB  # 41 MB saved against its own original, as measured
    assert ranked.cold is not None and ranked.cold.median == 8.0  # 0.8x its original's time
    rec = recommend(run)
    assert rec.smallest is not None and rec.smallest.name == "slim"
    assert rec.smallest.size_bytes == 62 * MB  # the report shows what was measured
    # the one recommendation function, fed the comparable rows, picks the same
    ranked_rows = [comparable(x, run) for x in run.variants if x.name not in run.references]
    rows = [candidate(v) for v in ranked_rows]
    assert results.recommend(rows, "original").smallest == "slim"
    # measured sizes alone would have picked hygiene (60 MB < 62 MB): the base layers' sizes
    # on engine 2 are not the variant's doing
    assert "original.part2" not in {c.name for c in rows}
    assert "41.0 MB" not in rec.reason and "against" in rec.reason
    assert "103.0 MB" in rec.reason or "51.5 MB" in rec.reason  # its own original's size


def test_the_table_compares_each_variant_with_its_own_original_and_names_engines() -> None:
    one = part(1, E1, variant("original", 100 * MB, 10.0), variant("hygiene", 90 * MB, 11.0))
    two = part(
        2,
        E2,
        variant("original", 110 * MB, 20.0, base=30 * MB),
        variant("slim", 55 * MB, 30.0, base=30 * MB),
    )
    report = build_report(merge_parts([one, two]), figures=False)
    headers = report.summary.headers
    assert headers[1] == "engine"
    rows = {r[0].split(" (")[0]: r for r in report.summary.rows}
    change = headers.index("change vs original (compressed)")
    assert rows["slim"][1] == E2 and rows["hygiene"][1] == E1
    assert (
        rows["slim"][change] == "\u221250.0 %"
    )  # against original.part2, not -45 % against original
    assert rows["hygiene"][change] == "\u221210.0 %"
    assert rows["original.part2"][change] == "original"
    assert any(
        "10,000,000 bytes larger than `original`" in n and "base image's layers" in n
        for n in report.notes
    ), report.notes
    entry = IndexEntry("app", None, None, report)
    (row,) = index_table([entry]).rows
    assert row[2] == "slim (recommended)" or row[2] == "slim"
    assert row[-2] == "20.0 s → 30.0 s"  # its own engine's original's cold build


def test_originals_that_differ_in_the_dockerfiles_layers_are_called_out() -> None:
    one = part(1, E1, variant("original", 100 * MB, 10.0), variant("hygiene", 90 * MB, 11.0))
    two = part(2, E2, variant("original", 101 * MB, 10.0), variant("slim", 40 * MB, 9.0))
    run = merge_parts([one, two])
    assert any(
        "1,000,000 bytes larger" in n and "did not build the same image" in n for n in run.notes
    ), run.notes


def test_a_gain_below_the_minimum_against_its_own_original_keeps_the_original() -> None:
    """slim is 0.2 MB below its own original: not worth a change, although its measured size is
    2.8 MB below part 1's original (engine 2 reports its base layers 3 MB smaller)."""
    one = part(1, E1, variant("original", 100 * MB, 10.0), variant("hygiene", 100 * MB, 10.0))
    two = part(
        2,
        E2,
        variant("original", 97 * MB, 10.0, base=17 * MB),
        variant("slim", 97 * MB - 200_000, 10.0, base=17 * MB),
    )
    rec = recommend(merge_parts([one, two]))
    assert rec.smallest is not None and rec.smallest.name == "original"
    assert rec.kept is not None and "0.2 MB (0.2 %) uncompressed" in rec.kept


def test_one_part_is_that_part_unchanged() -> None:
    only = part(1, E1, variant("original", 100 * MB, 10.0))
    assert merge_parts([only]) == only[1]


def test_a_tradeoff_across_engines_says_its_times_are_relative() -> None:
    one = part(1, E1, variant("original", 100 * MB, 10.0), variant("slim", 30 * MB, 30.0))
    two = part(2, E2, variant("original", 100 * MB, 40.0), replace(variant("quick", 40 * MB, 40.0)))
    rec = recommend(merge_parts([one, two]))
    assert rec.smallest is not None and rec.smallest.name == "slim"
    assert rec.tradeoff is not None and rec.tradeoff.name == "quick"
    assert rec.tradeoff_reason is not None
    assert "takes 10.0 s instead of 30.0 s" in rec.tradeoff_reason  # 40 s at engine 2's pace
    assert "measured on different engines" in rec.tradeoff_reason


def test_a_variant_moved_from_a_dead_engines_part_is_read_from_the_part_that_finished_it() -> None:
    """Engine 2 died during ``slim``, which engine 1's part analysed again: the report holds
    engine 1's ``slim`` only, and says why part 2 did not finish instead of a resume command."""
    one = part(1, E1, variant("original", 100 * MB, 10.0), variant("slim", 40 * MB, 11.0))
    two_part, two_run = part(
        2,
        E2,
        variant("original", 100 * MB, 20.0),
        variant("hygiene", 90 * MB, 21.0),
        variant("slim", 41 * MB, 30.0),  # what the dead engine left of it
    )
    two = (replace(two_part, moved=("slim",), finished=False), two_run)
    run = merge_parts([one, two])
    assert [v.name for v in run.variants] == ["original", "slim", "original.part2", "hygiene"]
    slim = run.get("slim")
    assert slim is not None and slim.engine == E1 and slim.size_bytes == 40 * MB
    assert any("stopped answering during slim" in n for n in run.notes), run.notes
    assert not any("did not finish" in n for n in run.notes), run.notes
