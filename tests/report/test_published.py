"""The published benchmark is current: every figure in reports/ and in the README is what the
committed raw tables give today (issue 5: "every figure in the README matches the committed
tables"). Re-rendering is cheap, so this runs on every test run; no engine needed."""

from __future__ import annotations

from pathlib import Path

import pytest

from imgopt.report import load_run_data
from imgopt.report.model import IndexEntry, build_index, build_report
from imgopt.results.tables import markdown as table

REPO = Path(__file__).resolve().parents[2]
REPORTS = REPO / "reports"
START = "<!-- imgopt:benchmark:start"


def published_runs() -> list[Path]:
    return sorted(p for p in REPORTS.glob("*/run") if (p / "results.csv").is_file())


def test_the_readme_has_the_benchmark_block_and_reports_exist() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    assert START in readme
    assert published_runs(), "reports/ holds no run folders: run benchmarks/publish_report.py"


@pytest.mark.parametrize("run_dir", published_runs(), ids=lambda p: p.parent.name)
def test_each_app_report_matches_its_raw_tables(run_dir: Path) -> None:
    report = build_report(load_run_data(run_dir), figures=False)
    committed = (run_dir.parent / "report.md").read_text("utf-8")
    assert table(report.summary) in committed, "stale report: run `make report`"
    assert report.recommendation.reason in committed
    if report.diff:
        assert report.diff in committed


def test_index_and_readme_match_the_raw_tables() -> None:
    runs = published_runs()
    entries = [
        IndexEntry(
            app=r.parent.name,
            link=f"{r.parent.name}/report",
            run_link=None,
            report=build_report(load_run_data(r), figures=False),
        )
        for r in runs
    ]
    index = build_index(entries, figures=False)
    rows = [
        "| " + " | ".join((f"[{e.app}]({e.link}.md)", *row[1:])) + " |"
        for e, row in zip(entries, index.table.rows, strict=True)
    ]
    committed_index = (REPORTS / "index.md").read_text("utf-8")
    readme = (REPO / "README.md").read_text("utf-8")
    for row in rows:
        assert row in committed_index, "stale reports/index.md: run `make report`"
        assert row.replace("](", "](reports/") in readme, "stale README table: run `make report`"
    readme_rows = [
        line
        for line in readme.split(START, 1)[1].split("<!-- imgopt:benchmark:end", 1)[0].splitlines()
        if line.startswith("| [")
    ]
    assert len(readme_rows) == len(rows)  # no app in the README that the tables do not hold
