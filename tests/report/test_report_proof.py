"""`imgopt report` states how strong the proof is (issue 11, item 5): what each variant's
verification checked, the bytes of the app's runtime file closure each image holds beside its
size, and the same for the recommendation, in Markdown, HTML and JSON, from a real run folder
(``fixtures/verified``: see tests/results/test_proof.py)."""

from __future__ import annotations

import html
import json
from pathlib import Path

from typer.testing import CliRunner

from imgopt.cli.app import app

from .conftest import FIXTURES

runner = CliRunner()
VERIFIED = FIXTURES / "verified"
PROOF = json.loads((VERIFIED / "run.json").read_text("utf-8"))["verification"]
TOUCHED = "the app touched 6.6 MB of this 8.4 MB image (8.6 MB of the original's 922.3 MB)"


def _report(tmp_path: Path, fmt: str) -> str:
    out = tmp_path / fmt
    result = runner.invoke(app, ["report", str(VERIFIED), "-o", str(out), "--format", fmt])
    assert result.exit_code == 0, result.output
    return (out / f"report.{fmt}").read_text("utf-8")


def test_markdown_has_what_was_checked_and_the_apps_floor_beside_each_size(
    tmp_path: Path,
) -> None:
    md = _report(tmp_path, "md")
    assert "**Recommended: `distroless`.**" in md
    pick = next(line for line in md.splitlines() if line.startswith("**Recommended"))
    assert f"It was checked: {PROOF['distroless']['summary']}; {TOUCHED}." in pick
    assert "## What was checked" in md
    assert "| variant | size (MB) | app's files (MB) | share | what was checked |" in md
    assert f"| distroless | 8.4 | 6.6 | 78.8 % | {PROOF['distroless']['summary']} |" in md
    assert f"| Dockerfile | 922.3 | 8.6 | 0.9 % | {PROOF['Dockerfile']['summary']} |" in md


def test_html_has_the_same_words(tmp_path: Path) -> None:
    page = html.unescape(_report(tmp_path, "html"))
    assert "<h2>What was checked</h2>" in page
    assert TOUCHED in page
    for proof in PROOF.values():
        assert proof["summary"] in page


def test_json_has_each_variants_proof_and_closure_bytes(tmp_path: Path) -> None:
    data = json.loads(_report(tmp_path, "json"))
    variants = {v["name"]: v for v in data["variants"]}
    for name, proof in PROOF.items():
        assert variants[name]["checked"] == proof["summary"]
        assert variants[name]["closure_bytes_here"] == proof["image_bytes"]
    assert TOUCHED in data["recommendation"]["reason"]


def test_a_run_without_proofs_has_no_checked_section(tmp_path: Path) -> None:
    out = tmp_path / "old"
    result = runner.invoke(app, ["report", str(FIXTURES / "complete"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    md = (out / "report.md").read_text("utf-8")
    assert "## What was checked" not in md and "It was checked" not in md
