"""``imgopt propose``: files written, summary printed, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from imgopt.cli.app import app

runner = CliRunner()
REPO = Path(__file__).resolve().parents[2]
FLASK = REPO / "sample_apps" / "flask-tutorial"


def test_propose_writes_every_variant(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["propose", str(FLASK), "-o", str(out), "--no-check-images"])
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text())
    names = [v["name"] for v in summary["variants"]]
    assert names[0] == "original"
    assert {"hygiene", "slim-base", "multistage", "multistage-slim"} <= set(names)
    for name in names:
        text = (out / name / "Dockerfile").read_text()
        assert text.startswith(("FROM", "#"))
        diff = (out / f"{name}.diff").read_text()
        assert (diff == "") == (name == "original")
    assert (out / "original" / "Dockerfile").read_bytes() == (FLASK / "Dockerfile").read_bytes()
    assert (
        "-FROM debian:bookworm\n+FROM debian:bookworm-slim" in (out / "slim-base.diff").read_text()
    )
    skipped = {s["name"]: s["reason"] for s in summary["skipped"]}
    assert "alpine" in skipped
    # The text summary names each variant and each skipped one.
    for name in names:
        assert f"  {name}" in result.stdout
    assert "alpine        skipped:" in result.stdout


def test_propose_json_and_dockerfile_path(tmp_path: Path) -> None:
    out = tmp_path / "o"
    result = runner.invoke(
        app,
        [
            "propose",
            str(FLASK / "Dockerfile"),
            "-o",
            str(out),
            "--format",
            "json",
            "--no-check-images",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data == json.loads((out / "summary.json").read_text())
    ms = next(v for v in data["variants"] if v["name"] == "multistage-slim")
    assert any(c["source"] == "python-venv" and c["safety"] == "unsafe" for c in ms["changes"])


def test_propose_with_f_and_dockerignore(tmp_path: Path) -> None:
    ctx = tmp_path / "ctx"
    (ctx / "node_modules" / "x").mkdir(parents=True)
    (ctx / "package.json").write_text('{"name": "a", "dependencies": {}}')
    (ctx / "build.Dockerfile").write_text(
        'FROM node:18\nWORKDIR /app\nCOPY . .\nRUN npm install\nCMD ["node", "i.js"]\n'
    )
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["propose", str(ctx), "-f", "build.Dockerfile", "-o", str(out), "--no-check-images"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text())
    with_ignore = [v["name"] for v in summary["variants"] if v["dockerignore"]]
    assert "hygiene" in with_ignore
    for name in with_ignore:
        ignore = (out / name / ".dockerignore").read_text()
        assert "node_modules" in ignore
        assert (out / name / "Dockerfile.dockerignore").read_text() == ignore


def test_missing_path_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["propose", str(tmp_path / "nope"), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "no such file or directory" in result.output


def test_unparsable_dockerfile_exits_2_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM debian:bookworm\nRUN true\nFROB x\n")
    result = runner.invoke(app, ["propose", str(tmp_path), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert f"{bad}:3:" in result.output
    assert not (tmp_path / "o").exists()


def test_bad_format_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["propose", str(FLASK), "-o", str(tmp_path / "o"), "--format", "yaml"]
    )
    assert result.exit_code == 2
