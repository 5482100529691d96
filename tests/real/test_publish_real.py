"""The real-app benchmark's harness (benchmarks/publish_real.py), without an engine: the index's
figures, the alias table and the alias tags' life cycle (against a fake engine), and the sources
table it reads."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from .benchmark_module import REPO, load

pr = load("publish_real")


def row(app: str, role: str, outcome: str, **kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"app": app, "role": role, "outcome": outcome}
    if outcome in ("recommended", "kept-original"):
        base["recommended_verified"] = True
    base.update(kw)
    return base


# --- figures ----------------------------------------------------------------------------------


def test_apps_without_a_recommendation_count_as_zero_in_the_median() -> None:
    rows = [
        row("a", "naive", "recommended", variant="slim-base", change=-0.6, compressed_change=-0.5),
        row("b", "naive", "recommended", variant="hygiene", change=-0.2, compressed_change=-0.1),
        row("c", "naive", "no-recommendation", reason="original failed to build"),
        row("d", "partial", "kept-original", variant="original", change=0.0),
        row("e", "control", "recommended", variant="hygiene", change=-0.9),
    ]
    f = pr.figures(rows)
    # Non-control reductions 0.6, 0.2, 0, 0: the median is 0.1, not 0.4 (the two measured).
    assert f.median_reduction == pytest.approx(0.1)
    assert f.median_compressed_reduction == pytest.approx(0.05)
    assert (f.non_control, f.non_control_recommended) == (4, 2)
    assert f.recommended_share == pytest.approx(0.5)


def test_a_control_whose_recommendation_is_larger_is_counted_as_made_worse() -> None:
    rows = [
        row(
            "bigger",
            "control",
            "recommended",
            variant="hygiene",
            original_bytes=100,
            recommended_bytes=90,
            original_compressed_bytes=40,
            recommended_compressed_bytes=45,
        ),
        row("kept", "control", "kept-original", variant="original"),
        row(
            "smaller",
            "control",
            "recommended",
            variant="slim-base",
            original_compressed_bytes=40,
            recommended_compressed_bytes=30,
        ),
        row("failed", "control", "no-recommendation"),
        row("naive-bigger", "naive", "recommended", original_bytes=1, recommended_bytes=2),
    ]
    f = pr.figures(rows)
    assert (f.controls, f.controls_worse, f.controls_kept, f.controls_smaller) == (4, 1, 1, 1)
    assert f.controls_no_recommendation == 1
    assert pr.control_verdict(rows[0]).startswith("FAILURE")
    assert "kept the original" in pr.control_verdict(rows[1])


def test_uncompressed_sizes_decide_when_compressed_ones_are_missing() -> None:
    worse = row("x", "control", "recommended", original_bytes=10, recommended_bytes=11)
    assert pr.made_worse(worse)
    assert not pr.made_worse(row("y", "control", "kept-original", original_bytes=10))


def test_an_unverified_recommendation_is_broken_and_not_counted_as_recommended() -> None:
    rows = [
        row("a", "naive", "recommended", change=-0.5, recommended_verified=None),
        row("b", "naive", "recommended", change=-0.5),
    ]
    f = pr.figures(rows)
    assert f.broken == 1
    assert f.non_control_recommended == 1


# --- reading an analysis ----------------------------------------------------------------------


APP = pr.App(name="demo", role="naive", stack="Python")


def analysis(**kw: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema": "imgopt.analyze/1",
        "kind": "dockerfile",
        "error": None,
        "original": {
            "name": "original",
            "size_bytes": 1000,
            "compressed_bytes": 400,
            "cold_build_s": 30.0,
            "warm_build_s": 20.0,
            "verified": True,
            "error": None,
        },
        "recommended": None,
        "recommendation": None,
        "variants": [{"name": "original", "original": True, "verified": True}],
        "verification": {},
    }
    data.update(kw)
    return data


def test_a_recommendation_is_read_with_its_verification() -> None:
    rec = {
        "name": "slim-base",
        "size_bytes": 250,
        "compressed_bytes": 100,
        "cold_build_s": 10.0,
        "warm_build_s": 1.0,
        "verified": True,
    }
    data = analysis(
        recommended=rec,
        recommendation={"variant": "slim-base", "sentence": "Use this Dockerfile."},
        variants=[
            {"name": "original", "original": True, "verified": True},
            {"name": "slim-base", "original": False, "verified": True},
            {"name": "distroless", "original": False, "verified": False, "error": "lacks /bin/sh"},
        ],
        verification={
            "slim-base": {
                "probes": 3,
                "commands": 0,
                "closure_files": 12,
                "closure_bytes": 5000,
                "dependencies": ["db", "redis"],
            }
        },
    )
    r = pr.summarize(APP, data, None)
    assert (r["outcome"], r["variant"]) == ("recommended", "slim-base")
    assert r["change"] == pytest.approx(-0.75)
    assert r["compressed_change"] == pytest.approx(-0.75)
    assert (r["probes"], r["closure_files"], r["dependencies"]) == (3, 12, "db;redis")
    assert (r["variants_proposed"], r["variants_verified"]) == (2, 1)


def test_an_original_that_did_not_build_is_the_reason() -> None:
    data = analysis(
        original={"name": "original", "size_bytes": None, "error": "build failed at step `RUN x`"}
    )
    outcome = pr.Outcome(3, 5.0, False, "", "imgopt: error: demo: build failed at step `RUN x`\n")
    r = pr.summarize(APP, data, outcome)
    assert r["outcome"] == "no-recommendation"
    assert r["reason"].startswith("original failed to build: build failed at step `RUN x`")
    assert r["reason"].count("build failed") == 1  # said once, not once per source
    assert pr.original_failed_to_build(data, outcome)


def test_an_original_that_could_not_be_verified_says_why() -> None:
    orig = {"name": "original", "size_bytes": 10, "verified": False, "error": "exits 1: no DB"}
    r = pr.summarize(APP, analysis(original=orig), pr.Outcome(0, 5.0, False, "", ""))
    assert r["reason"] == "original could not be verified: exits 1: no DB"


def test_no_output_and_the_ceiling_are_reasons_too() -> None:
    stderr = "imgopt: starting\nimgopt: error: demo: no engine\nhint: start it\n"
    r = pr.summarize(APP, None, pr.Outcome(3, 2.0, False, "", stderr))
    assert r["reason"] == "imgopt exited 3: imgopt: error: demo: no engine\nhint: start it"
    r = pr.summarize(APP, None, pr.Outcome(None, 900.0, True, "", "building original\n"))
    assert r["reason"].startswith("stopped at the ceiling after 900 s")
    assert pr.summarize(APP, None, None)["reason"] == "not analysed"


# --- the alias table --------------------------------------------------------------------------


def test_the_committed_alias_table_parses_and_maps_the_apps_tags() -> None:
    aliases = pr.load_aliases((REPO / "benchmarks" / "real" / "aliases.toml").read_text("utf-8"))
    expect = {
        "python:3.8-slim-buster": "python:3.9-slim",
        "python:3.8-buster": "python:3.9",
        "python:3.7-slim-stretch": "python:3.9-slim",
        "python:3.9.10-slim": "python:3.9-slim",
        "python:3.10-slim": "python:3.11-slim",
        "python:3.13.2-slim-bookworm": "python:3.11-slim",
        "python:3.11.0b1-buster": "python:3.11",
        "node": "node:18",
        "node:carbon": "node:18",
        "node:22.14.0-bookworm-slim": "node:18-slim",
        "golang:1.13": "golang:1.19",
        "debian:trixie-slim": "debian:bookworm-slim",
        "gcc": "buildpack-deps:bookworm",
        "postgres:17.4-bookworm": "postgres:15",
    }
    for ref, standin in expect.items():
        alias = pr.alias_for(ref, aliases)
        assert alias is not None and alias.standin == standin, ref
        assert alias.reason
    assert pr.alias_for("python:3.8-alpine", aliases) is None
    assert pr.alias_for("python@sha256:" + "0" * 64, aliases) is None


def test_names_are_normalised_before_matching() -> None:
    assert pr.normalize("node") == "node:latest"
    assert pr.normalize("docker.io/library/python:3.8") == "python:3.8"
    assert pr.normalize("gcr.io/distroless/base") == "gcr.io/distroless/base:latest"
    assert pr.normalize("localhost:5000/app") == "localhost:5000/app:latest"


def test_the_first_matching_entry_wins() -> None:
    aliases = pr.load_aliases(
        '[[alias]]\nmatch = "x:1-slim"\nstandin = "x:9-slim"\nreason = "r1"\n'
        '[[alias]]\nmatch = "x:.*"\nstandin = "x:9"\nreason = "r2"\n'
    )
    assert pr.alias_for("x:1-slim", aliases).standin == "x:9-slim"
    assert pr.alias_for("x:1", aliases).standin == "x:9"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[alias]]\nmatch = 'a'\nstandin = 'b'\n", "exactly the keys"),
        ("[[alias]]\nmatch = '('\nstandin = 'b'\nreason = 'c'\n", "match:"),
        ("[[alias]]\nmatch = 'a'\nstandin = ''\nreason = 'c'\n", "non-empty"),
        ("[[alias]]\nmatch = 'a'\nstandin = 'b'\nreason = 'c'\nextra = 1\n", "exactly the keys"),
        ("[other]\n", "unknown key"),
        ("[[alias]\n", "aliases.toml"),
    ],
)
def test_a_malformed_alias_table_is_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        pr.load_aliases(text)


# --- alias tags, against a fake engine --------------------------------------------------------


class FakeEngine:
    def __init__(self, images: dict[str, str]) -> None:
        self.images = dict(images)
        self.calls: list[tuple[str, ...]] = []

    def image_id(self, ref: str) -> str | None:
        return self.images.get(ref)

    def tag(self, source: str, ref: str) -> None:
        self.calls.append(("tag", source, ref))
        self.images[ref] = self.images[source]

    def untag(self, ref: str) -> None:
        self.calls.append(("untag", ref))
        del self.images[ref]


TABLE = pr.load_aliases(
    "[[alias]]\nmatch = 'python:3.*-slim'\nstandin = 'python:3.11-slim'\nreason = 'nearest'\n"
    "[[alias]]\nmatch = 'redis:.*'\nstandin = 'redis:7'\nreason = 'no redis here'\n"
)


def test_only_missing_names_with_an_alias_are_tagged_and_exactly_those_removed(
    tmp_path: Path,
) -> None:
    engine = FakeEngine({"python:3.11-slim": "sha256:py", "python:3.10-slim": "sha256:real"})
    journal = tmp_path / "tags.json"
    tags = pr.AliasTags(engine, TABLE, journal=journal)
    new = tags.apply(["python:3.8-slim", "python:3.10-slim", "mongo:5", "python:3.8-slim"])
    assert [t.ref for t in new] == ["python:3.8-slim"]
    assert engine.images["python:3.8-slim"] == "sha256:py"
    assert tags.unaliased == ["mongo:5"]
    assert json.loads(journal.read_text())[0]["ref"] == "python:3.8-slim"
    tags.apply(["redis:7.4"])  # the stand-in redis:7 does not exist here
    assert tags.missing_standins == ["redis:7"]
    assert tags.remove() == ["python:3.8-slim"]
    # The real python:3.10-slim and the stand-in were never touched; the journal is gone.
    assert engine.images == {"python:3.11-slim": "sha256:py", "python:3.10-slim": "sha256:real"}
    assert [c for c in engine.calls if c[0] == "untag"] == [("untag", "python:3.8-slim")]
    assert not journal.exists()


def test_a_tag_someone_replaced_meanwhile_is_left_alone(tmp_path: Path) -> None:
    engine = FakeEngine({"python:3.11-slim": "sha256:py"})
    tags = pr.AliasTags(engine, TABLE, journal=tmp_path / "tags.json")
    tags.apply(["python:3.9-slim"])
    engine.images["python:3.9-slim"] = "sha256:someone-else"
    assert tags.remove() == []
    assert engine.images["python:3.9-slim"] == "sha256:someone-else"


def test_tags_a_killed_run_left_are_removed_by_the_next_one(tmp_path: Path) -> None:
    engine = FakeEngine({"python:3.11-slim": "sha256:py"})
    journal = tmp_path / "tags.json"
    pr.AliasTags(engine, TABLE, journal=journal).apply(["python:3.7-slim"])  # then killed
    assert "python:3.7-slim" in engine.images
    assert pr.recover_journal(journal, engine) == ["python:3.7-slim"]
    assert "python:3.7-slim" not in engine.images and not journal.exists()
    assert pr.recover_journal(journal, engine) == []


def test_the_tag_is_journalled_before_it_is_created(tmp_path: Path) -> None:
    journal = tmp_path / "tags.json"

    class Crashing(FakeEngine):
        def tag(self, source: str, ref: str) -> None:
            assert json.loads(journal.read_text())[-1]["ref"] == ref
            raise KeyboardInterrupt

    tags = pr.AliasTags(Crashing({"python:3.11-slim": "sha256:py"}), TABLE, journal=journal)
    with pytest.raises(KeyboardInterrupt):
        tags.apply(["python:3.6-slim"])
    assert tags.remove() == []  # never created: nothing to remove, and nothing removed wrongly


# --- the sources table ------------------------------------------------------------------------


def test_the_sources_table_lists_every_vendored_app_with_its_licence_and_dockerfile() -> None:
    apps = pr.read_sources((REPO / "benchmarks" / "real" / "SOURCES.md").read_text("utf-8"))
    folders = sorted(p.name for p in (REPO / "benchmarks" / "real").iterdir() if p.is_dir())
    assert sorted(a.name for a in apps) == folders
    for a in apps:
        folder = REPO / "benchmarks" / "real" / a.name
        assert (folder / a.dockerfile).is_file(), a.name
        assert any(folder.glob("LICEN[CS]E*")), a.name
        assert re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+", a.repository), a.name
        assert re.fullmatch(r"[0-9a-f]{40}", a.commit), a.name
        if a.compose:
            assert (folder / a.compose).is_file(), a.name
    roles = [a.role for a in apps]
    assert roles.count("control") >= 3 and len(apps) - roles.count("control") >= 4


def test_a_sources_table_without_a_needed_column_is_refused() -> None:
    with pytest.raises(ValueError, match="lacks column"):
        pr.read_sources("| app | role |\n|---|---|\n| a | naive |\n")
    with pytest.raises(ValueError, match="role"):
        pr.read_sources(
            "| app | role | stack | dockerfile | compose |\n|---|---|---|---|---|\n"
            "| a | clever | Go | Dockerfile | - |\n"
        )


def test_an_alias_someone_else_tagged_is_recorded_as_used_and_left_alone(tmp_path: Path) -> None:
    engine = FakeEngine({"python:3.11-slim": "sha256:py", "python:3.7-slim": "sha256:py"})
    tags = pr.AliasTags(engine, TABLE, journal=tmp_path / "tags.json")
    assert tags.apply(["python:3.7-slim", "python:3.11-slim"]) == []
    assert [t.ref for t in tags.present] == ["python:3.7-slim"]  # the stand-in itself is not
    assert tags.remove() == [] and "python:3.7-slim" in engine.images


@pytest.mark.parametrize(
    ("reason", "tail", "expected"),
    [
        (
            "original failed to build: x",
            "resolve image config for docker-image://docker.io/docker/dockerfile:1.3",
            "`# syntax=`",
        ),
        ("original failed to build: x", 'Get "https://proxy.golang.org/x"', "Go module proxy"),
        (
            'failed to calculate checksum of ref a::b: "/requirements.txt": not found',
            "",
            "/requirements.txt",
        ),
        ("original could not be verified: exits 1", "", "original could not be verified"),
        ("something new", "", "see the reason"),
    ],
)
def test_each_failure_gets_a_short_cause(reason: str, tail: str, expected: str) -> None:
    r = row("a", "naive", "no-recommendation", reason=reason, log_tail=tail)
    assert expected in pr.cause(r)
    assert pr.cause(row("b", "naive", "recommended")) is None


def test_an_unverified_original_gives_imgopts_reason_for_leaving_it_out() -> None:
    orig = {"name": "original", "size_bytes": 10, "verified": False, "error": None}
    why = "broken: its command is a bare shell (bash), which exits 0 at once"
    recommendation = {"variant": None, "excluded": [{"variant": "original", "why": why}]}
    data = analysis(original=orig, recommendation=recommendation)
    r = pr.summarize(APP, data, pr.Outcome(0, 5.0, False, "", ""))
    assert r["reason"] == "original could not be verified: " + why.removeprefix("broken: ")


def test_a_result_is_read_again_only_from_the_analysis_of_its_own_run() -> None:
    ran = {"started": "2026-12-05T01:48:47Z", "finished": "2026-12-05T02:22:12Z"}
    assert pr._same_run(ran, "20261205-014852-87be99")
    assert not pr._same_run(ran, "20261205-023000-000000")  # a later run's folder
    assert pr._same_run({"run_id": "x-1"}, "x-1") and not pr._same_run({"run_id": "x-1"}, "x-2")


def test_a_crash_is_its_own_cause() -> None:
    tail = 'File "/x/imgopt/a.py", line 29, in <module>\n    import b\nImportError: no b (/x)'
    r = row("a", "naive", "no-recommendation", reason="imgopt exited 1", log_tail=tail)
    assert pr.cause(r).startswith("imgopt crashed (ImportError: no b (/x))")


def test_frozen_passes_the_run_s_options_on() -> None:
    args = pr.argparse.Namespace(
        apps="a,b",
        force=True,
        keep_any_commit=False,
        render_only=False,
        cleanup=False,
        ceiling=60.0,
    )
    assert pr.frozen_args(args) == ["--ceiling", "60.0", "--apps", "a,b", "--force"]


def test_frozen_run_s_results_are_copied_back_app_by_app(tmp_path: Path) -> None:
    """What the frozen worktree's run changed replaces the app folders and top files of the
    working tree's reports/real; apps it did not measure stay as they are there."""
    import subprocess

    tree = tmp_path / "tree"
    real = tree / "reports" / "real"
    (real / "kept").mkdir(parents=True)
    (real / "redone").mkdir()
    (real / "kept" / "result.json").write_text("kept")
    (real / "redone" / "result.json").write_text("old")
    (real / "redone" / "stale.txt").write_text("gone in the new run")
    (real / "index.md").write_text("old index")

    def git(*cmd: str) -> None:
        subprocess.run(["git", *cmd], cwd=tree, check=True, capture_output=True)

    git("init", "-q")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x")
    (real / "redone" / "result.json").write_text("new")
    (real / "redone" / "stale.txt").unlink()
    (real / "new-app" / "analysis").mkdir(parents=True)
    (real / "new-app" / "analysis" / "run.json").write_text("{}")
    (real / "index.md").write_text("new index")
    apps, top = pr.changed_reports(tree)
    assert apps == {"redone", "new-app"} and top == ["index.md"]
    work = tmp_path / "work" / "reports" / "real"
    (work / "kept").mkdir(parents=True)
    (work / "kept" / "result.json").write_text("the working tree's own")
    (work / "redone").mkdir()
    (work / "redone" / "stale.txt").write_text("old")
    pr.copy_back(tree, apps, top, work)
    assert (work / "kept" / "result.json").read_text() == "the working tree's own"
    assert (work / "redone" / "result.json").read_text() == "new"
    assert not (work / "redone" / "stale.txt").exists()
    assert (work / "new-app" / "analysis" / "run.json").read_text() == "{}"
    assert (work / "index.md").read_text() == "new index"
    # Never through a symlink.
    (work / "index.md").unlink()
    (work / "index.md").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(SystemExit, match="symlink"):
        pr.copy_back(tree, set(), top, work)
    assert not (tmp_path / "elsewhere").exists()
