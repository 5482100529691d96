"""What a rebuild pushes reaches analyze's text, Markdown and JSON (issue 16, item 4).

The run folder is a real one (node-express in benchmarks/bench_rebuild.py, 2026-12-04): the
original's rebuild after the one-line edit pushed its whole dependency layer again (20,906,967
bytes compressed), multistage-slim's only the edited layer (45,073 bytes); hygiene's cold build
failed, so it was never rebuilt and pushes nothing that was measured.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from analyze_fakes import analysed, summary

from imgopt.analyze.model import Analysis, TargetAnalysis
from imgopt.analyze.render import render_markdown, render_text, sentence, to_json
from imgopt.bench.pushed import pushed_per_variant
from imgopt.bench.runner import BenchResult

FIXTURE = Path(__file__).parent / "fixtures" / "pushed-run"
ORIGINAL_PUSHED, SLIM_PUSHED = 20_906_967, 45_073


def target(tmp_path: Path) -> TargetAnalysis:
    run = tmp_path / "run"
    shutil.copytree(FIXTURE, run)
    t = analysed(tmp_path, recommended="multistage-slim")
    orig = summary(
        "original", size_bytes=1_100_000_000, compressed_bytes=412_000_000,
        cold_build_s=16.1, warm_build_s=12.9, verified=True,
    )  # fmt: skip
    slim = summary(
        "multistage-slim", size_bytes=190_000_000, compressed_bytes=71_000_000,
        cold_build_s=33.3, warm_build_s=0.6, verified=True,
    )  # fmt: skip
    broken = summary("hygiene", error="build failed at step `RUN npm ci`")
    bench = BenchResult("run", run, (orig, broken, slim), "multistage-slim", "complete", "buildkit")
    return replace(t, bench=bench)


def one(t: TargetAnalysis, tmp_path: Path) -> Analysis:
    return Analysis(kind="dockerfile", source=tmp_path / "Dockerfile", out=tmp_path, targets=(t,))


def test_pushed_bytes_come_from_each_variants_measured_rebuild() -> None:
    assert pushed_per_variant(FIXTURE) == {
        "original": ORIGINAL_PUSHED,
        "multistage-slim": SLIM_PUSHED,
    }


def test_a_folder_without_a_run_pushes_nothing_known(tmp_path: Path) -> None:
    assert pushed_per_variant(tmp_path) == {}
    assert pushed_per_variant(tmp_path / "missing") == {}


def test_json_has_pushed_bytes_per_variant_and_null_where_not_measured(tmp_path: Path) -> None:
    doc = to_json(one(target(tmp_path), tmp_path))
    assert doc["original"]["pushed_bytes"] == ORIGINAL_PUSHED
    assert doc["recommended"]["pushed_bytes"] == SLIM_PUSHED
    by_name = {v["name"]: v["pushed_bytes"] for v in doc["variants"]}
    assert by_name == {"original": ORIGINAL_PUSHED, "hygiene": None, "multistage-slim": SLIM_PUSHED}


def test_text_table_shows_pushed_next_to_size_change_cold_and_warm(tmp_path: Path) -> None:
    text = render_text(one(target(tmp_path), tmp_path))
    header = next(ln for ln in text.splitlines() if "variant" in ln and "verified" in ln)
    order = ["change", "cold build", "warm build", "rebuild pushes", "verified"]
    assert [header.index(h) for h in order] == sorted(header.index(h) for h in order)
    rows = {ln.split()[0]: ln for ln in text.splitlines() if ln.startswith("  ")}
    assert "20.9 MB" in rows["original"] and "12.9 s" in rows["original"]
    assert "45.1 kB" in rows["multistage-slim"] and "0.6 s" in rows["multistage-slim"]
    assert "kB" not in rows["hygiene"] and "–" in rows["hygiene"]


def test_markdown_table_and_sentence_show_what_a_rebuild_pushes(tmp_path: Path) -> None:
    t = target(tmp_path)
    md = render_markdown(one(t, tmp_path))
    assert "| rebuild pushes |" in md.replace("|rebuild pushes|", "| rebuild pushes |")
    assert "20.9 MB" in md and "45.1 kB" in md
    assert "(12.9 s -> 0.6 s, pushing 20.9 MB -> 45.1 kB)" in sentence(t)
