"""`imgopt report` end to end on fixture run folders: files, exit codes, and one-line errors."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from imgopt.cli.app import app

from .conftest import FIXTURES

runner = CliRunner()


def test_one_run_writes_markdown_html_and_figures(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["report", str(FIXTURES / "complete"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == [str(out / "report.md"), str(out / "report.html")]
    md = (out / "report.md").read_text()
    assert "**Recommended: `slim`.**" in md
    for name in ("size_vs_build", "layers", "build_times", "compression"):
        assert (out / "figures" / f"{name}.png").stat().st_size > 1000
        assert (out / "figures" / f"{name}.svg").is_file()
    link = re.search(r"from the run folder \[`[^`]+`\]\(([^)]+)\)", md)
    assert link is not None and (out / link.group(1)).resolve() == (FIXTURES / "complete").resolve()


def test_default_output_is_beside_the_run(run_copy: Callable[[str], Path]) -> None:
    folder = run_copy("complete")
    result = runner.invoke(app, ["report", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads((folder / "report" / "report.json").read_text())
    assert data["recommendation"]["variant"] == "slim"
    assert data["run_dir"] == ".."
    assert not (folder / "report" / "figures").exists()  # JSON alone draws nothing


def test_partial_run_gives_a_report_with_a_note(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["report", str(FIXTURES / "interrupted"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "imgopt: note:" in result.stderr and "interrupted" in result.stderr
    assert "Note: this report is incomplete or unusual." in (out / "report.md").read_text()
    assert 'class="notes"' in (out / "report.html").read_text()


def test_older_format_gives_a_report_with_a_note(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["report", str(FIXTURES / "old-format"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    md = (out / "report.md").read_text()
    assert "written by an older imgopt" in md and "**No recommendation.**" in md


def test_several_runs_give_an_index(tmp_path: Path) -> None:
    out = tmp_path / "site"
    args = ["report", str(FIXTURES / "complete"), str(FIXTURES / "old-format"), "-o", str(out)]
    result = runner.invoke(app, [*args, "--format", "md", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert (out / "app" / "report.md").is_file() and (out / "old-format" / "report.md").is_file()
    index = (out / "index.md").read_text()
    assert "[app](app/report.md)" in index and "[old-format](old-format/report.md)" in index
    assert "(figures/reduction.png)" in index and (out / "figures" / "reduction.png").is_file()
    data = json.loads((out / "index.json").read_text())
    assert [a["recommended"] for a in data["apps"]] == ["slim", None]


def test_missing_run_folder_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"imgopt: error: {tmp_path / 'nope'}: no such run folder"
    ]
    assert "Traceback" not in result.output


def test_empty_folder_is_one_error_and_a_hint(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", str(tmp_path)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("imgopt: error:") and "holds no imgopt run" in lines[0]
    assert lines[1].startswith("  hint:") and len(lines) == 2


def test_unreadable_table_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "results.csv").write_bytes(b"\x00\xff\xfe garbage\n\x01,\x02\n")
    result = runner.invoke(app, ["report", str(tmp_path)])
    assert result.exit_code == 2
    assert "not a readable results table" in result.stderr and "Traceback" not in result.output


def test_unknown_format_is_exit_2_before_anything_is_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["report", str(FIXTURES / "complete"), "-o", str(out), "--format", "pdf"]
    )
    assert result.exit_code == 2
    assert "unknown report format 'pdf'" in result.stderr
    assert not out.exists()
