"""``imgopt analyze`` on the command line, without building: every exit code, every format,
``--no-build`` output, and where things are written. (Building runs in the engine tests.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from imgopt.cli.app import app

runner = CliRunner()
REPO = Path(__file__).resolve().parents[2]
FLASK = REPO / "sample_apps" / "flask-tutorial"
COMPOSE = REPO / "sample_apps" / "compose-tutorial" / "docker-compose.yml"


@pytest.fixture(autouse=True)
def _every_base_image_present(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests pin what analyze writes, not what the local engine happens to hold: without
    this, a machine missing a stand-in (or an engine) would turn proposed variants into
    "not buildable here" and fail them for the wrong reason."""
    monkeypatch.setattr("imgopt.analyze.pipeline.engine_image_available", lambda: lambda ref: True)


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["analyze", *args])
    return result.exit_code, result.stdout, result.stderr


def test_analyze_is_listed_first_in_help() -> None:
    result = runner.invoke(app, ["--help"])
    commands = [
        ln.split()[1]
        for ln in result.stdout.splitlines()
        if ln.startswith("│ ") and ln.split()[1:2] and ln.split()[1].isalpha()
    ]
    assert commands[0] == "analyze", commands


def test_no_build_text_says_nothing_was_built(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, stderr = run(str(FLASK), "--no-build", "--out", str(out))
    assert code == 0, stderr
    assert "Nothing was built or verified (--no-build)" in stdout
    assert "IMG101" in stdout  # findings
    assert "multistage-slim" in stdout and "Not proposed:" in stdout
    assert "lint: 5 findings" in stderr  # progress goes to stderr
    # The proposed Dockerfiles and the JSON are written; nothing else (no run, no report).
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".imgopt-out")) == [
        "analysis.json",
        "dockerfiles",
    ]
    assert (out / "dockerfiles" / "distroless" / "Dockerfile").is_file()
    assert (out / "dockerfiles" / "summary.json").is_file()


def test_no_build_json(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, _ = run(
        str(FLASK / "Dockerfile"), "--no-build", "-o", str(out), "--format", "json"
    )
    assert code == 0
    doc = json.loads(stdout)
    assert doc == json.loads((out / "analysis.json").read_text())
    assert doc["built"] is False and doc["recommended"] is None and doc["report"] is None
    assert doc["original"]["name"] == "original" and doc["original"]["size_bytes"] is None
    assert [f["code"] for f in doc["findings"]] == [
        "IMG501",
        "IMG101",
        "IMG102",
        "IMG201",
        "IMG202",
    ]
    assert doc["variants"][0]["name"] == "original"
    refs = {b["ref"] for b in doc["base_images"]}
    assert {"debian:bookworm", "debian:bookworm-slim"} <= refs


def test_no_build_markdown(tmp_path: Path) -> None:
    code, stdout, _ = run(
        str(FLASK), "--no-build", "-o", str(tmp_path / "o"), "--format", "markdown"
    )
    assert code == 0
    assert stdout.startswith("# imgopt analyze") and "**Nothing was built or verified**" in stdout


def test_variants_option_limits_the_plan(tmp_path: Path) -> None:
    code, stdout, _ = run(
        str(FLASK), "--no-build", "-o", str(tmp_path / "o"), "--format", "json",
        "--variants", "hygiene, slim-base",
    )  # fmt: skip
    assert code == 0
    assert [v["name"] for v in json.loads(stdout)["variants"]] == [
        "original",
        "hygiene",
        "slim-base",
    ]


def test_no_build_compose_lists_every_service(tmp_path: Path) -> None:
    code, stdout, _ = run(str(COMPOSE), "--no-build", "-o", str(tmp_path / "o"), "--format", "json")
    assert code == 0
    doc = json.loads(stdout)
    assert doc["kind"] == "compose"
    web, db = doc["services"]
    assert (web["service"], web["analysed"], db["service"], db["analysed"]) == (
        "web", True, "db", False,
    )  # fmt: skip
    assert db["image"] == "postgres:15" and web["built"] is False
    assert doc["total_saved_bytes"] is None  # nothing was built: no total is claimed
    assert (tmp_path / "o" / "web" / "dockerfiles" / "hygiene" / "Dockerfile").is_file()


def test_fail_on_findings_exits_1(tmp_path: Path) -> None:
    code, _, stderr = run(str(FLASK), "--no-build", "-o", str(tmp_path / "o"), "--fail-on-findings")
    assert code == 1 and "5 findings (--fail-on-findings)" in stderr


def test_clean_dockerfile_exits_0_with_fail_on_findings(tmp_path: Path) -> None:
    folder = tmp_path / "app"
    folder.mkdir()
    (folder / "Dockerfile").write_text('FROM scratch\nCOPY app /app\nCMD ["/app"]\n')
    (folder / "app").write_text("x")
    (folder / ".dockerignore").write_text(".git\n")
    code, stdout, stderr = run(
        str(folder), "--no-build", "-o", str(tmp_path / "o"), "--fail-on-findings"
    )
    assert code == 0, stderr
    assert "Findings (0)" in stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{missing}"], "no such file or directory"),
        (["{flask}", "--format", "yaml"], "--format must be one of text, json, markdown"),
        (["{flask}", "--variants", "tiny"], "--variants: unknown variant 'tiny'"),
        (["{flask}", "--no-build", "--apply"], "--apply needs the variants built"),
        (["{flask}", "--repeat", "0"], ""),
        (["{flask}/Dockerfile", "-f", "Dockerfile"], "is a file"),
        (["{bad}"], "Dockerfile:2: unknown instruction 'FOO'"),
        (["{flask}", "--out", "{flask}"], "would hold the build context"),
        (["{flask}", "--out", "{foreign}"], "holds files that imgopt did not write"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "Dockerfile").write_text("FROM debian:bookworm\nFOO bar\n")
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "thesis.tex").write_text("mine")
    values = {
        "missing": str(tmp_path / "nope"),
        "flask": str(FLASK),
        "bad": str(bad),
        "foreign": str(foreign),
    }
    args = [a.format(**values) for a in args]
    if "--no-build" not in args and "--out" not in args:
        args += ["--no-build", "--out", str(tmp_path / "o")]
    elif "--out" not in args:
        args += ["--out", str(tmp_path / "o")]
    code, stdout, stderr = run(*args)
    assert code == 2, (stdout, stderr)
    assert message in stderr
    assert "Traceback" not in stderr
    assert (foreign / "thesis.tex").read_text() == "mine"
    assert sorted(p.name for p in FLASK.iterdir()) == [
        "Dockerfile", "app.py", "requirements.txt", "smoke.toml",
    ]  # fmt: skip


def test_out_inside_the_context_is_left_out_of_the_builds(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "app"
    shutil.copytree(FLASK, folder)
    code, _, stderr = run(str(folder), "--no-build", "--out", str(folder / "imgopt-analysis"))
    assert code == 0, stderr
    ignore = folder / "imgopt-analysis" / "dockerfiles" / "original" / "Dockerfile.dockerignore"
    assert ignore.read_text().splitlines()[-1] == "imgopt-analysis"


def test_the_default_output_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, stdout, _ = run(str(FLASK), "--no-build")
    assert code == 0
    assert (tmp_path / "imgopt-analysis" / "analysis.json").is_file()
    assert "imgopt-analysis/dockerfiles/<variant>/Dockerfile" in stdout


def test_compose_services_building_the_same_image_are_analysed_once(tmp_path: Path) -> None:
    import shutil

    project = tmp_path / "project"
    shutil.copytree(FLASK, project / "app")
    (project / "compose.yaml").write_text(
        "services:\n"
        "  web:\n    build: ./app\n    ports: ['5000:5000']\n"
        "  worker:\n    build:\n      context: ./app\n      dockerfile: Dockerfile\n"
        "  other:\n    build:\n      context: ./app\n      args: {MODE: batch}\n"
        "  cache:\n    image: redis:7\n"
    )
    out = tmp_path / "o"
    code, stdout, stderr = run(str(project), "--no-build", "-o", str(out), "--format", "json")
    assert code == 0, stderr
    doc = json.loads(stdout)
    services = {s["service"]: s for s in doc["services"]}
    assert list(services) == ["web", "worker", "other", "cache"]
    assert services["worker"]["same_as"] == "web" and services["worker"]["analysed"] is True
    assert "same_as" not in services["other"]  # other build args: another image
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".imgopt-out")) == [
        "analysis.json",
        "other",
        "web",
    ]
    assert services["cache"]["analysed"] is False and services["cache"]["image"] == "redis:7"
    code, stdout, _ = run(str(project), "--no-build", "-o", str(out))
    assert "== service worker: builds the same image as web (analysed once above)" in stdout
