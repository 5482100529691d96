"""How an analysis is worded: the one-sentence recommendation, the text and Markdown output, and
the JSON object (its keys are a documented, stable schema)."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path

import pytest
from analyze_fakes import analysed, summary

from imgopt.analyze.model import Analysis, ImageService
from imgopt.analyze.render import render_markdown, render_text, sentence, to_json
from imgopt.bench.runner import VariantSummary

#: The bench's variant fields, and what a rebuild pushes (analyze adds it from the run folder).
BENCH_KEYS = {f.name for f in fields(VariantSummary)} | {"pushed_bytes"}
OBJECT_KEYS = {
    "name", "size_bytes", "compressed_bytes", "cold_build_s", "warm_build_s", "pushed_bytes",
    "verified",
}  # fmt: skip


def test_the_sentence_a_person_can_act_on(tmp_path: Path) -> None:
    t = analysed(tmp_path)
    assert sentence(t) == (
        "Use this Dockerfile; it is 82.7 % smaller (1,100.0 MB -> 190.0 MB, 412.0 MB -> 71.0 MB "
        "compressed), rebuilds 2.1x faster after a code change (21.0 s -> 10.0 s), and answers "
        "your smoke check like the original."
    )


@pytest.mark.parametrize(
    ("warm", "words"),
    [
        (40.0, "rebuilds 1.9x slower after a code change"),
        (20.0, "rebuilds about as fast after a code change"),
        (None, "compressed), and answers"),
    ],
)
def test_warm_rebuilds_are_worded_honestly(tmp_path: Path, warm: float | None, words: str) -> None:
    variant = summary(
        "slim-base", image_id="sha256:v", size_bytes=190_000_000, compressed_bytes=71_000_000,
        warm_build_s=warm, verified=True,
    )  # fmt: skip
    assert words in sentence(analysed(tmp_path, variant=variant))


def test_an_inferred_smoke_check_is_named_as_such(tmp_path: Path) -> None:
    assert "the smoke check imgopt inferred (no smoke.toml)" in sentence(
        analysed(tmp_path, spec_inferred=True)
    )


def test_keeping_the_original_counts_only_variants_that_work(tmp_path: Path) -> None:
    assert sentence(analysed(tmp_path, "original")) == (
        "Keep your Dockerfile: none of the 1 variant that still works like it is smaller."
    )
    broken = summary("slim-base", error="build failed", verified=False)
    assert sentence(analysed(tmp_path, "original", variant=broken)) == (
        "Keep your Dockerfile: none of the 1 proposed variant works like it."
    )


def test_a_sub_second_rebuild_is_not_divided_by(tmp_path: Path) -> None:
    fast = summary("slim-base", image_id="sha256:v", size_bytes=1, compressed_bytes=1,
                   cold_build_s=40.0, warm_build_s=0.2, verified=True)  # fmt: skip
    text = sentence(analysed(tmp_path, variant=fast))
    assert "rebuilds in under a second after a code change (21.0 s -> 0.2 s)" in text
    assert "x faster" not in text


def test_no_build_and_errors_never_recommend(tmp_path: Path) -> None:
    t = analysed(tmp_path)
    assert "Nothing was built or verified" in sentence(replace(t, built=False))
    assert sentence(replace(t, error="original: build failed")).startswith("No recommendation")


def one(t: object, tmp_path: Path) -> Analysis:
    return Analysis(kind="dockerfile", source=tmp_path / "Dockerfile", out=tmp_path, targets=(t,))  # type: ignore[arg-type]


def test_json_object_has_the_documented_keys(tmp_path: Path) -> None:
    doc = to_json(one(analysed(tmp_path), tmp_path))
    assert doc["schema"] == "imgopt.analyze/1" and doc["kind"] == "dockerfile"
    assert set(doc["original"]) >= OBJECT_KEYS and set(doc["recommended"]) >= OBJECT_KEYS
    assert doc["recommended"]["name"] == "slim-base"
    assert doc["recommended"]["change"] == pytest.approx(190 / 1100 - 1)
    assert [set(v) for v in doc["variants"]] == [BENCH_KEYS, BENCH_KEYS]
    assert {"findings", "report", "skipped", "changes", "timings"} <= set(doc)
    assert doc["recommendation"]["variant"] == "slim-base"
    assert doc["recommendation"]["sentence"].startswith("Use this Dockerfile")


def test_json_without_a_build_keeps_the_schema_with_nulls(tmp_path: Path) -> None:
    t = replace(analysed(tmp_path), built=False, bench=None, recommendation=None)
    doc = to_json(one(t, tmp_path))
    assert doc["built"] is False and doc["recommended"] is None and doc["report"] is None
    assert set(doc["original"]) >= OBJECT_KEYS and doc["original"]["size_bytes"] is None
    assert [v["name"] for v in doc["variants"]] == ["original", "slim-base"]
    assert all(set(v) == BENCH_KEYS and v["size_bytes"] is None for v in doc["variants"])


def test_compose_json_lists_every_service_and_the_total(tmp_path: Path) -> None:
    web = replace(analysed(tmp_path), target=replace(analysed(tmp_path).target, name="web"))
    a = Analysis(
        kind="compose",
        source=tmp_path / "docker-compose.yml",
        out=tmp_path,
        targets=(web,),
        services=("web", "db"),
        images=(ImageService("db", "postgres:15", 400_000_000, True, "uses an image as it is"),),
    )
    doc = to_json(a)
    assert doc["kind"] == "compose"
    assert [(s["service"], s["analysed"]) for s in doc["services"]] == [
        ("web", True),
        ("db", False),
    ]
    assert set(doc["services"][0]["original"]) >= OBJECT_KEYS
    assert doc["services"][1]["size_bytes"] == 400_000_000
    assert doc["total_saved_bytes"] == 910_000_000
    assert doc["total_saved_compressed_bytes"] == 341_000_000
    text = render_text(a)
    assert "== service web" in text and "== service db: postgres:15 (400.0 MB)" in text
    assert "Total saved across the project: 910.0 MB (341.0 MB compressed)" in text
    md = render_markdown(a)
    assert "## service `web`" in md and "`db`: `postgres:15` (400.0 MB)" in md


def test_text_shows_findings_table_recommendation_diff_and_where_things_are(
    tmp_path: Path,
) -> None:
    text = render_text(one(analysed(tmp_path), tmp_path))
    lines = text.splitlines()
    header = next(ln for ln in lines if ln.strip().startswith("variant"))
    assert header.split() == [
        "variant", "size", "compressed", "change", "cold", "build", "warm", "build",
        "rebuild", "pushes", "verified",
    ]  # fmt: skip
    row = next(ln for ln in lines if ln.strip().startswith("slim-base *"))
    assert "190.0 MB" in row and "71.0 MB" in row and "−82.7 %" in row and row.endswith("yes")
    assert "Recommendation: slim-base" in text
    assert "  +FROM debian:bookworm-slim" in text  # the diff
    assert "proposed Dockerfiles" in text and "--apply writes it beside yours" in text


def test_markdown_has_the_sentence_table_and_diff(tmp_path: Path) -> None:
    md = render_markdown(one(analysed(tmp_path), tmp_path))
    assert md.startswith("# imgopt analyze")
    assert "**Use this Dockerfile; it is 82.7 % smaller" in md
    assert "| slim-base * | 190.0 MB | 71.0 MB |" in md
    assert "```diff" in md


def test_sub_second_rebuilds_are_about_as_fast(tmp_path: Path) -> None:
    # 0.25 s against 0.19 s is a ratio of 1.3 but no difference anyone would notice.
    original = summary(
        "original", image_id="sha256:o", size_bytes=1_000_000_000, compressed_bytes=400_000_000,
        warm_build_s=0.25, verified=True,
    )  # fmt: skip
    variant = summary(
        "slim-base", image_id="sha256:v", size_bytes=150_000_000, compressed_bytes=56_000_000,
        warm_build_s=0.19, verified=True,
    )  # fmt: skip
    words = sentence(analysed(tmp_path, original=original, variant=variant))
    assert "rebuilds about as fast after a code change (0.2 s -> 0.2 s)" in words
