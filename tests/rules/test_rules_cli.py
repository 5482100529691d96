"""`imgopt lint` and `imgopt rule` through typer's CliRunner: every exit code, every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from imgopt.cli.app import app
from imgopt.rules import all_rules

runner = CliRunner()

CLEAN = 'FROM python:3.11-slim\nCOPY app.py .\nCMD ["python", "app.py"]\n'
DIRTY = "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n"
BROKEN = "FROM debian:bookworm-slim\nRUN <<EOF\necho never closed\n"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "clean").mkdir()
    (tmp_path / "clean" / "Dockerfile").write_text(CLEAN)
    (tmp_path / "dirty").mkdir()
    (tmp_path / "dirty" / "Dockerfile").write_text(DIRTY)
    (tmp_path / "dirty" / "api.Dockerfile").write_text(DIRTY)
    (tmp_path / "dirty" / "Dockerfile.dev").write_text(CLEAN)
    (tmp_path / "dirty" / "Dockerfile.dockerignore").write_text("x\n")
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "Dockerfile").write_text(BROKEN)
    return tmp_path


def test_clean_exits_0(tree: Path) -> None:
    result = runner.invoke(app, ["lint", str(tree / "clean")])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "All checks passed" in result.stderr


def test_findings_exit_1_with_ruff_like_text(tree: Path) -> None:
    path = tree / "dirty" / "Dockerfile"
    result = runner.invoke(app, ["lint", str(path)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"{path}:2:1: IMG101 " in lines[0]
    assert lines[1].startswith("  fix: Remove /var/lib/apt/lists/*")
    assert "(safe fix)" in lines[1]
    assert "Found 2 findings in 1 file" in result.stderr


def test_folder_search_and_parse_error_exit_2(tree: Path) -> None:
    result = runner.invoke(app, ["lint", str(tree)])
    assert result.exit_code == 2
    out = result.stdout
    # Every Dockerfile name pattern is found, the .dockerignore is not, and the broken file
    # does not stop the others from being checked.
    assert f"{tree / 'dirty' / 'Dockerfile'}:2:1: IMG101" in out
    assert f"{tree / 'dirty' / 'api.Dockerfile'}:2:1: IMG101" in out
    assert "Dockerfile.dockerignore" not in out
    assert f"{tree / 'broken' / 'Dockerfile'}:2: error: " in out
    assert "1 file could not be checked" in result.stderr


def test_unreadable_file_exit_2(tree: Path) -> None:
    missing = tree / "nope" / "Dockerfile"
    result = runner.invoke(app, ["lint", str(missing), str(tree / "clean" / "Dockerfile")])
    assert result.exit_code == 2
    assert f"{missing}:1: error: cannot read" in result.stdout


def test_not_utf8_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "Dockerfile"
    bad.write_bytes(b"FROM debian\nRUN echo \xff\xfe\n")
    result = runner.invoke(app, ["lint", str(bad)])
    assert result.exit_code == 2
    assert "not UTF-8" in result.stdout


def test_empty_folder_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["lint", str(tmp_path)])
    assert result.exit_code == 2
    assert "no Dockerfile found" in result.stderr


def test_dash_f_names_the_file_in_a_folder(tree: Path) -> None:
    result = runner.invoke(app, ["lint", str(tree / "dirty"), "-f", "Dockerfile.dev"])
    assert result.exit_code == 0, result.output


def test_select_ignore_and_unknown_code(tree: Path) -> None:
    path = str(tree / "dirty" / "Dockerfile")
    only = runner.invoke(app, ["lint", path, "--select", "IMG102"])
    assert only.exit_code == 1
    assert "IMG102" in only.stdout and "IMG101" not in only.stdout
    none = runner.invoke(app, ["lint", path, "--ignore", "IMG1"])
    assert none.exit_code == 0
    bad = runner.invoke(app, ["lint", path, "--select", "XYZ1"])
    assert bad.exit_code == 2
    assert "no rule code starts with 'XYZ1'" in bad.stderr


def test_json_format(tree: Path) -> None:
    result = runner.invoke(app, ["lint", str(tree / "dirty" / "Dockerfile"), "--format", "json"])
    assert result.exit_code == 1
    records = json.loads(result.stdout)
    assert [r["code"] for r in records] == ["IMG101", "IMG102"]
    first = records[0]
    assert first["line"] == 2 and first["column"] == 1 and first["end_line"] == 2
    assert first["fixable"] is True and first["applicability"] == "safe"
    assert first["fix_title"] and first["message"]
    assert first["path"].endswith("Dockerfile")


def test_sarif_format(tree: Path) -> None:
    result = runner.invoke(app, ["lint", str(tree), "--format", "sarif"])
    assert result.exit_code == 2  # the broken file
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0" and "sarif" in log["$schema"]
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in all_rules()]
    assert all(r["help"]["text"] and r["shortDescription"]["text"] for r in rules)
    result0 = run["results"][0]
    assert rules[result0["ruleIndex"]]["id"] == result0["ruleId"]
    region = result0["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] >= 1 and region["endColumn"] >= region["startColumn"]
    uri = result0["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert "\\" not in uri
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert notes and notes[0]["level"] == "error"
    assert run["invocations"][0]["executionSuccessful"] is False


def test_fix_rewrites_in_place_and_writes_dockerignore(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM python:3.11-slim\nCOPY . .\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "Dockerfile").write_text(DIRTY)
    result = runner.invoke(app, ["lint", str(tmp_path), "--fix"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / ".dockerignore").read_text() == ".git\n"
    # IMG101 removed the lists, then IMG804 swapped the removal for cache mounts.
    fixed = (tmp_path / "sub" / "Dockerfile").read_text()
    assert "--mount=type=cache,target=/var/lib/apt/lists" in fixed
    assert "applied" in result.stderr


def test_rule_docs_all_and_unknown() -> None:
    doc = runner.invoke(app, ["rule", "IMG101"])
    assert doc.exit_code == 0
    assert doc.stdout.startswith("IMG101 apt-lists-not-removed")
    assert "Why it matters:" in doc.stdout and "DL3009" in doc.stdout
    listing = runner.invoke(app, ["rule", "--all"])
    assert listing.exit_code == 0
    assert len(listing.stdout.splitlines()) == len(all_rules()) + 1  # a header, a line per rule
    assert all(r.code in listing.stdout for r in all_rules())
    unknown = runner.invoke(app, ["rule", "IMG999"])
    assert unknown.exit_code == 2
    assert "unknown rule code" in unknown.stderr and "imgopt rule --all" in unknown.stderr
    nothing = runner.invoke(app, ["rule"])
    assert nothing.exit_code == 2
