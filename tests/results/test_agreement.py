"""bench, report and analyze read the same run folder and name the same variant.

Every committed run folder (the published reports' and the report fixtures: complete,
interrupted, killed mid-write, written by an older imgopt) and one measured with ``--no-verify``
go through the three paths a run folder is summarised by: ``imgopt bench``'s summary
(:func:`imgopt.bench.runner.summarize`), the report (:func:`imgopt.report.recommend`) and
``imgopt analyze``'s text and JSON (built from both, as :mod:`imgopt.analyze.pipeline` does).
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from imgopt.analyze.model import Target, TargetAnalysis
from imgopt.analyze.render import render_text, target_json
from imgopt.bench.results import RunFolder
from imgopt.bench.runner import BenchResult, Variant, summarize
from imgopt.report import load_run_data, recommend
from imgopt.report.model import build_report
from imgopt.variants import Plan
from imgopt.variants import Variant as Planned

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "report" / "fixtures"
# A fixture that is one run folder (a split target's fixture holds one per engine: tests/report).
COMMITTED = sorted(p for p in REPO.glob("reports/*/run") if (p / "results.csv").is_file()) + sorted(
    p for p in FIXTURES.iterdir() if p.is_dir() and (p / "results.csv").is_file()
)


def no_verify_copy(tmp: Path) -> Path:
    """The complete fixture as ``imgopt bench --no-verify`` writes it: no verification figures."""
    dest = tmp / "no-verify"
    shutil.copytree(FIXTURES / "complete", dest)
    table = dest / "results.csv"
    with open(table, newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        row["verified"] = row["verify_reason"] = row["log_tail"] = ""
    with open(table, "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    meta = json.loads((dest / "run.json").read_text())
    meta["options"]["verify"] = False
    (dest / "run.json").write_text(json.dumps(meta))
    return dest


def bench_summary(folder: Path) -> BenchResult:
    """What ``imgopt bench`` prints for ``folder``: its variants as run.json lists them."""
    meta = json.loads((folder / "run.json").read_text()) if (folder / "run.json").is_file() else {}
    listed = meta.get("variants") or []
    names = [v["name"] for v in listed] or [v.name for v in load_run_data(folder).variants]
    original = next((v["name"] for v in listed if v.get("original")), names[0])
    variants = [
        Variant(name=n, dockerfile=Path(f"{n}/Dockerfile"), context=folder, original=n == original)
        for n in names
    ]
    return summarize(RunFolder(folder), variants, str(meta.get("status")), "buildkit")


def analysis(folder: Path, bench: BenchResult) -> TargetAnalysis:
    """The analysis ``imgopt analyze`` assembles from a run folder: the bench summary and the
    report's recommendation (as :mod:`imgopt.analyze.pipeline` does)."""
    rec = recommend(load_run_data(folder))
    plan = Plan(
        path="Dockerfile",
        original="FROM scratch\n",
        variants=tuple(Planned(v.name, "FROM scratch\n") for v in bench.variants),
        skipped=(),
    )
    return TargetAnalysis(
        target=Target("app", folder / "Dockerfile", folder),
        out=folder,
        findings=(),
        plan=plan,
        built=True,
        bench=bench,
        recommendation=rec,
    )


@pytest.fixture(params=[*COMMITTED, "no-verify"], ids=lambda p: getattr(p, "name", None) or p)
def run_folder(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if request.param == "no-verify":
        return no_verify_copy(tmp_path)
    dest = tmp_path / request.param.name
    shutil.copytree(request.param, dest)  # the bench summary takes the folder's lock
    return dest


def test_bench_report_and_analyze_name_the_same_variant(run_folder: Path) -> None:
    bench = bench_summary(run_folder)
    report = build_report(load_run_data(run_folder), figures=False)
    picked = report.recommendation.smallest.name if report.recommendation.smallest else None
    assert bench.recommended == picked
    t = analysis(run_folder, bench)
    data = target_json(t)
    assert (data["recommended"] or {}).get("name") == picked
    starred = [ln.split()[0] for ln in render_text_lines(t) if ln.split() and "*" in ln.split()]
    assert starred == ([picked] if picked else [])


def render_text_lines(t: TargetAnalysis) -> list[str]:
    from imgopt.analyze.model import Analysis

    text = render_text(Analysis(kind="dockerfile", source=t.target.dockerfile, out=t.out,
                                targets=(t,)))  # fmt: skip
    return text.split("Variants (", 1)[1].split("\n\n", 1)[0].splitlines()[1:]


def test_bench_report_and_analyze_agree_on_every_figure(run_folder: Path) -> None:
    bench = bench_summary(run_folder)
    run = load_run_data(run_folder)
    for v in bench.variants:
        r = run.get(v.name)
        assert r is not None
        assert (v.size_bytes, v.compressed_bytes) == (r.size_bytes, r.compressed_bytes)
        cold = (r.cold.median, r.cold.low, r.cold.high) if r.cold else (None, None, None)
        assert (v.cold_build_s, v.cold_build_min_s, v.cold_build_max_s) == cold
        warm = (r.warm.median, r.warm.low, r.warm.high) if r.warm else (None, None, None)
        assert (v.warm_build_s, v.warm_build_min_s, v.warm_build_max_s) == warm
        assert v.verified == r.verified
        assert v.broken == r.broken


def test_an_unverified_variant_is_never_recommended(tmp_path: Path) -> None:
    folder = no_verify_copy(tmp_path)
    assert bench_summary(folder).recommended is None
    rec = recommend(load_run_data(folder))
    assert rec.smallest is None
    assert {why for _, why in rec.excluded} == {"not verified (the smoke checks did not run)"} | {
        why for name, why in rec.excluded if why.startswith("broken")
    }


def test_the_committed_folders_cover_interrupted_killed_and_old_runs() -> None:
    names = {p.name for p in COMMITTED}
    assert {"complete", "interrupted", "killed", "old-format"} <= names
    assert len([p for p in COMMITTED if p.name == "run"]) >= 7


def test_bench_prints_no_recommendation_after_no_verify(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from imgopt.cli.bench import _print_table

    _print_table(bench_summary(no_verify_copy(tmp_path)))
    out = capsys.readouterr().out
    assert "No variant can be recommended: they were built and measured, but not verified" in out
    assert " *" not in out and "not checked" in out
