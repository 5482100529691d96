"""Never lose a user's file, never write outside the asked place, never hang on a strange file.

Each test reproduces a case of issue #12 (and #15 item 5, #16 item 2) as the report found it,
and checks what imgopt does now: the user's files are byte-identical afterwards, and the command
ends with one line and exit 2 where it refuses.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from imgopt.errors import InputError
from imgopt.userfiles import MARKER, OutFolder, read_bytes, write_text

from .conftest import run_cli

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "report" / "fixtures"
DOCKERFILE = (
    "FROM debian:bookworm-slim\n"
    "RUN apt-get update && apt-get install -y curl\n"
    "COPY . /app\n"
    'CMD ["/app/run.sh"]\n'
)


def app(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "Dockerfile").write_text(DOCKERFILE)
    (folder / "run.sh").write_text("#!/bin/sh\necho hi\n")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every regular file under ``folder`` and its bytes (symlinks not followed)."""
    out: dict[str, bytes] = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file() and not p.is_symlink():
            out[p.relative_to(folder).as_posix()] = p.read_bytes()
    return out


def one_error_line(output: str) -> None:
    assert "Traceback" not in output
    assert "imgopt: error:" in output


# -- analyze --out -------------------------------------------------------------------------------


def test_analyze_out_with_the_users_report_folder_keeps_q3(cli: CliRunner, tmp_path: Path) -> None:
    """The case of the issue: `--out site` with `site/report/q3.md` deleted q3.md, exit 0."""
    context = app(tmp_path / "app")
    site = tmp_path / "site"
    (site / "report").mkdir(parents=True)
    (site / "report" / "q3.md").write_text("Q3 numbers")
    (site / "dockerfiles" / "nested" / "deeper").mkdir(parents=True)
    (site / "dockerfiles" / "nested" / "deeper" / "keep.txt").write_text("mine")
    before = snapshot(site)
    code, output = run_cli(cli, "analyze", context, "--no-build", "--out", site)
    assert code == 2
    one_error_line(output)
    assert "did not write" in output
    assert snapshot(site) == before


def test_analyze_replaces_only_what_its_marker_lists(cli: CliRunner, tmp_path: Path) -> None:
    context = app(tmp_path / "app")
    out = tmp_path / "out"
    code, output = run_cli(cli, "analyze", context, "--no-build", "--out", out)
    assert code == 0, output
    marker = json.loads((out / MARKER).read_text())
    assert marker["tool"] == "imgopt" and marker["run_id"]
    assert "analysis.json" in marker["files"]
    assert any(f.startswith("dockerfiles/") and f.endswith("/Dockerfile") for f in marker["files"])
    # The user puts files into imgopt's folder, even under names imgopt uses elsewhere.
    (out / "dockerfiles" / "q3.md").write_text("mine")
    (out / "report").mkdir()
    (out / "report" / "report.md").write_text("my own report")
    code, output = run_cli(cli, "analyze", context, "--no-build", "--out", out)
    assert code == 0, output
    assert (out / "dockerfiles" / "q3.md").read_text() == "mine"
    assert (out / "report" / "report.md").read_text() == "my own report"
    assert json.loads((out / MARKER).read_text())["run_id"] != marker["run_id"]


def test_out_folder_never_deletes_through_a_symlink_or_a_forged_marker(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.txt").write_text("keep")
    out = tmp_path / "out"
    with OutFolder.open(out, "test") as folder:
        folder.write_text(out / "a" / "file.txt", "x")
    # Someone swaps imgopt's folder for a symlink, and lists a path leaving the folder.
    shutil.rmtree(out / "a")
    (out / "a").symlink_to(outside)
    data = json.loads((out / MARKER).read_text())
    data["files"] += ["a/precious.txt", "../outside/precious.txt", "/etc/hostname"]
    (out / MARKER).write_text(json.dumps(data))
    with OutFolder.open(out, "test"):
        pass
    assert (outside / "precious.txt").read_text() == "keep"
    assert (out / "a").is_symlink()


def test_writes_refuse_symlinked_folders_inside_the_out_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    with OutFolder.open(out, "test") as folder:
        (out / "report").symlink_to(outside)
        with pytest.raises(InputError, match="symlink"):
            folder.write_text(out / "report" / "report.md", "x")
        (out / "dangling.md").symlink_to(tmp_path / "nowhere.md")
        with pytest.raises(InputError, match="symlink"):
            folder.write_text(out / "dangling.md", "x")
    assert list(outside.iterdir()) == []
    assert not (tmp_path / "nowhere.md").exists()


def test_two_analyze_runs_on_one_out_cannot_race(cli: CliRunner, tmp_path: Path) -> None:
    """The lock is taken before anything is written; the second run names the holder's pid."""
    context = app(tmp_path / "app")
    out = tmp_path / "out"
    holder = (
        "import time; from pathlib import Path; "
        "from imgopt.analyze.workspace import prepare_out; "
        f"prepare_out(Path({str(out)!r}), []); print('held', flush=True); time.sleep(60)"
    )
    other = subprocess.Popen([sys.executable, "-c", holder], stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "held"
        before = snapshot(out)
        code, output = run_cli(cli, "analyze", context, "--no-build", "--out", out)
        assert code == 2
        one_error_line(output)
        assert f"pid {other.pid}" in output
        assert snapshot(out) == before  # nothing written, nothing deleted
    finally:
        other.kill()
        other.wait()
    code, output = run_cli(cli, "analyze", context, "--no-build", "--out", out)
    assert code == 0, output


# -- report -o, propose -o, baseline save -o -----------------------------------------------------


def test_report_o_never_overwrites_the_users_report(cli: CliRunner, tmp_path: Path) -> None:
    run = tmp_path / "run"
    shutil.copytree(FIXTURES / "complete", run)
    mine = tmp_path / "docs"
    mine.mkdir()
    (mine / "report.md").write_text("my report")
    code, output = run_cli(cli, "report", run, "-o", mine, "--format", "json")
    assert code == 2
    one_error_line(output)
    assert (mine / "report.md").read_text() == "my report"
    assert sorted(p.name for p in mine.iterdir()) == ["report.md"]
    # A new folder is written, and written again (it is imgopt's now).
    fresh = tmp_path / "fresh"
    for _ in range(2):
        code, output = run_cli(cli, "report", run, "-o", fresh, "--format", "json")
        assert code == 0, output
    assert (fresh / "report.json").is_file()


def test_report_rerenders_an_analysis_folder_without_touching_the_users_files(
    cli: CliRunner, tmp_path: Path
) -> None:
    run = tmp_path / "run"
    shutil.copytree(FIXTURES / "complete", run)
    code, output = run_cli(cli, "report", run, "--format", "json")
    assert code == 0, output
    (run / "report" / "notes.md").write_text("mine")
    code, output = run_cli(cli, "report", run, "--format", "json")
    assert code == 0, output
    assert (run / "report" / "notes.md").read_text() == "mine"
    assert (run / "report" / "report.json").is_file()


def test_propose_o_never_overwrites_the_users_files(cli: CliRunner, tmp_path: Path) -> None:
    context = app(tmp_path / "app")
    mine = tmp_path / "mine"
    (mine / "hygiene").mkdir(parents=True)
    (mine / "hygiene" / "Dockerfile").write_text("FROM my-own\n")
    (mine / "summary.json").write_text("{}")
    before = snapshot(mine)
    code, output = run_cli(cli, "propose", context, "-o", mine, "--no-check-images")
    assert code == 2
    one_error_line(output)
    assert snapshot(mine) == before


@pytest.mark.parametrize("command", ["propose", "report"])
def test_o_that_is_a_file_or_unwritable_is_exit_2(
    cli: CliRunner, tmp_path: Path, command: str
) -> None:
    context = app(tmp_path / "app")
    run = tmp_path / "run"
    shutil.copytree(FIXTURES / "complete", run)
    source = context if command == "propose" else run
    extra = ["--no-check-images"] if command == "propose" else ["--format", "json"]
    a_file = tmp_path / "a-file"
    a_file.write_text("data")
    code, output = run_cli(cli, command, source, "-o", a_file, *extra)
    assert code == 2
    one_error_line(output)
    assert a_file.read_text() == "data"
    if os.geteuid() == 0:
        return  # root writes anywhere: the read-only case cannot be made here
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    code, output = run_cli(cli, command, source, "-o", locked / "out", *extra)
    assert code == 2
    one_error_line(output)


@pytest.mark.engine
def test_bench_out_that_is_a_file_is_exit_2(cli: CliRunner, tmp_path: Path) -> None:
    context = tmp_path / "app"
    context.mkdir()
    (context / "Dockerfile").write_text("FROM scratch\nCOPY . /\n")
    a_file = tmp_path / "a-file"
    a_file.write_text("data")
    code, output = run_cli(cli, "bench", context, "--out", a_file)
    assert code == 2
    one_error_line(output)
    assert a_file.read_text() == "data"


def test_baseline_write_to_a_folder_leaves_no_temp_file(tmp_path: Path) -> None:
    """`baseline save -o /tmp` left a temp file at /: the temp file went to the target's parent."""
    from imgopt.gate.baseline import write_baseline
    from imgopt.gate.record import ImageRecord

    record = ImageRecord(ref="app", image_id="sha256:x", size_bytes=1, compressed_bytes=None,
                         compressed_method=None, layers=())  # fmt: skip
    root = tmp_path / "root"
    (root / "tmp").mkdir(parents=True)
    with pytest.raises(InputError, match="folder"):
        write_baseline(record, root / "tmp")
    assert sorted(p.name for p in root.iterdir()) == ["tmp"]
    assert list((root / "tmp").iterdir()) == []


def test_baseline_save_o_a_folder_is_refused_before_anything_is_built(
    cli: CliRunner, tmp_path: Path
) -> None:
    context = app(tmp_path / "app")
    code, output = run_cli(cli, "baseline", "save", context, "-o", tmp_path)
    assert code == 2
    one_error_line(output)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


# -- --apply -------------------------------------------------------------------------------------


def _analysed(context: Path, dockerignore: str | None = ".git\n") -> Any:
    sys.path.insert(0, str(REPO / "tests" / "analyze"))
    try:
        from analyze_fakes import analysed  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    return analysed(context, "slim-base", dockerignore=dockerignore)


def test_apply_never_writes_through_a_symlinked_dockerfile_imgopt(tmp_path: Path) -> None:
    from imgopt.analyze.apply import apply

    context = app(tmp_path / "app")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    (context / "Dockerfile.imgopt").symlink_to(victim)
    with pytest.raises(InputError, match="symlink"):
        apply(_analysed(context))
    assert victim.read_text() == "keep"


def test_apply_never_touches_a_dangling_dockerignore(tmp_path: Path) -> None:
    from imgopt.analyze.apply import apply

    context = app(tmp_path / "app")
    target = tmp_path / "created-by-apply"
    (context / ".dockerignore").symlink_to(target)  # dangling
    done = apply(_analysed(context))
    assert done.applied == (
        context / "Dockerfile.imgopt",
        context / "Dockerfile.imgopt.dockerignore",
    )
    assert not target.exists() and (context / ".dockerignore").is_symlink()
    # Its own ignore file, when a symlink, is refused too.
    (context / "Dockerfile.imgopt.dockerignore").unlink()
    (context / "Dockerfile.imgopt.dockerignore").symlink_to(target)
    with pytest.raises(InputError, match="symlink"):
        apply(_analysed(context))
    assert not target.exists()


def _build_files(context: Path, dockerfile: Path, dest: Path) -> list[str]:
    """The files a build of ``dockerfile`` sees from the context (BuildKit, local output)."""
    proc = subprocess.run(
        ["docker", "buildx", "build", "--output", f"type=local,dest={dest}", "-f", str(dockerfile),
         str(context)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    return sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file())


@pytest.mark.engine
def test_apply_leaves_the_users_own_build_unchanged(tmp_path: Path) -> None:
    """#15 item 5: --apply writes only Dockerfile.imgopt and Dockerfile.imgopt.dockerignore;
    the user's `docker build` sees the same files before and after, and the applied Dockerfile
    is built with the ignore file it was measured with."""
    from imgopt.analyze.apply import apply

    context = tmp_path / "app"
    context.mkdir()
    (context / "Dockerfile").write_text("FROM scratch\nCOPY . /ctx/\n")
    (context / "main.py").write_text("print('hi')\n")
    (context / ".git").mkdir()
    (context / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    before = _build_files(context, context / "Dockerfile", tmp_path / "before")
    analysed = _analysed(context)
    import dataclasses

    plan = analysed.plan
    slim = dataclasses.replace(plan.variants[1], dockerfile="FROM scratch\nCOPY . /ctx/\n")
    analysed = dataclasses.replace(
        analysed, plan=dataclasses.replace(plan, variants=(plan.variants[0], slim))
    )
    apply(analysed)
    assert sorted(p.name for p in context.iterdir()) == [
        ".git", "Dockerfile", "Dockerfile.imgopt", "Dockerfile.imgopt.dockerignore", "main.py",
    ]  # fmt: skip
    after = _build_files(context, context / "Dockerfile", tmp_path / "after")
    applied = _build_files(context, context / "Dockerfile.imgopt", tmp_path / "applied")
    # The user's build sees what it saw (the two new files aside): the context's ignore rules
    # are untouched (the old --apply wrote .dockerignore, which dropped .git from it).
    new = {"ctx/Dockerfile.imgopt", "ctx/Dockerfile.imgopt.dockerignore"}
    assert [f for f in after if f not in new] == before and "ctx/.git/HEAD" in before
    assert "ctx/.git/HEAD" not in applied and "ctx/main.py" in applied


# -- lint --fix ----------------------------------------------------------------------------------

FIXABLE = "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n"


def test_lint_fix_never_writes_through_a_symlink(cli: CliRunner, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere" / "Dockerfile"
    outside.parent.mkdir()
    outside.write_text(FIXABLE)
    project = tmp_path / "project"
    project.mkdir()
    (project / "Dockerfile.prod").symlink_to(outside)
    code, output = run_cli(cli, "lint", "--fix", project)
    assert "Traceback" not in output
    assert code == 1  # the findings are reported; nothing is written
    assert "not fixed: it is a symlink" in output
    assert outside.read_text() == FIXABLE


def test_lint_fix_never_rewrites_backups(cli: CliRunner, tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "Dockerfile").write_text(FIXABLE)
    backups = ["Dockerfile.orig", "Dockerfile.bak", "Dockerfile~", "Dockerfile.swp"]
    for name in backups:
        (project / name).write_text(FIXABLE)
    code, output = run_cli(cli, "lint", "--fix", project)
    assert code in (0, 1), output
    assert (project / "Dockerfile").read_text() != FIXABLE  # the real one was fixed
    for name in backups:
        assert (project / name).read_text() == FIXABLE, name


def test_lint_fix_never_writes_through_a_dangling_dockerignore(
    cli: CliRunner, tmp_path: Path
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "Dockerfile").write_text("FROM python:3.11-slim\nCOPY . .\n")
    (project / ".git").mkdir()
    target = tmp_path / "created"
    (project / ".dockerignore").symlink_to(target)
    code, output = run_cli(cli, "lint", "--fix", project)
    assert code in (0, 1), output
    assert ".dockerignore not written" in output and "symlink" in output
    assert not target.exists()


# -- FIFOs, devices, huge files ------------------------------------------------------------------


def _imgopt(*args: str | Path, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "imgopt", *map(str, args)],
        capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip


def test_lint_on_a_fifo_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "Dockerfile"
    os.mkfifo(fifo)
    started = time.monotonic()
    proc = _imgopt("lint", fifo)
    assert time.monotonic() - started < 20
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "named pipe" in proc.stdout


def test_lint_on_dev_zero_is_refused_without_reading(tmp_path: Path) -> None:
    proc = _imgopt("lint", "/dev/zero")
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "it is a device" in proc.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["gate", ".", "--config", "{fifo}"],
        ["gate", ".", "-c", "size:1GB", "--baseline", "{fifo}"],
        ["analyze", "{dir}", "--no-build", "-f", "{fifo}", "--out", "{out}"],
        ["propose", "{dir}", "-f", "{fifo}", "-o", "{out}", "--no-check-images"],
    ],
)
def test_every_command_refuses_a_fifo(tmp_path: Path, args: list[str]) -> None:
    fifo = tmp_path / "input.toml"
    os.mkfifo(fifo)
    folder = app(tmp_path / "app")
    argv = [a.format(fifo=fifo, dir=folder, out=tmp_path / "out") for a in args]
    proc = _imgopt(*argv)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "imgopt: error:" in proc.stderr


def test_reader_limits_size_and_kinds(tmp_path: Path) -> None:
    big = tmp_path / "big"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(InputError, match="too large"):
        read_bytes(big, limit=1000)
    with pytest.raises(InputError, match="folder"):
        read_bytes(tmp_path)
    assert read_bytes(big, limit=2000) == b"x" * 2000


# -- the warm-rebuild edit -----------------------------------------------------------------------


@pytest.fixture
def own_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Temp folders go here, so a test sees exactly what it leaves behind."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_warm_edit_never_follows_a_symlinked_source_folder(tmp_path: Path, own_tmp: Path) -> None:
    from imgopt.bench.edit import pick_edit_target
    from imgopt.dockerfile import parse

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "main.py").write_text("print('outside')\n")
    context = tmp_path / "ctx"
    context.mkdir()
    (context / "src").symlink_to(outside)
    df = parse("FROM python:3.11\nCOPY src/ /app/\n")
    assert pick_edit_target(df, context) is None
    assert (outside / "main.py").read_text() == "print('outside')\n"


def test_warm_edit_with_an_escaping_relative_symlink_is_clean(
    tmp_path: Path, own_tmp: Path
) -> None:
    from imgopt.bench.edit import EditTarget, pick_edit_target, warm_context
    from imgopt.dockerfile import parse

    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "app.py").write_text("x = 1\n")
    context = tmp_path / "ctx"
    context.mkdir()
    (context / "code").symlink_to("../lib")  # relative, leaves the context
    (context / "main.py").write_text("print('hi')\n")
    df = parse("FROM python:3.11\nCOPY main.py /app/\nCOPY code/ /app/code/\n")
    target = pick_edit_target(df, context)
    assert target is not None and target.path == Path("main.py")
    # Asked for the escaping file directly: one clear error, nothing left behind.
    with pytest.raises(InputError, match="symlink"):
        warm_context(context, EditTarget(Path("code/app.py"), "#", ""), "m")
    assert list(own_tmp.iterdir()) == []
    assert (tmp_path / "lib" / "app.py").read_text() == "x = 1\n"


def test_warm_edit_keeps_the_mode_and_never_touches_the_users_file(
    tmp_path: Path, own_tmp: Path
) -> None:
    """#16 item 2: the edit unlinked and rewrote the file, dropping its executable bit."""
    from imgopt.bench.edit import pick_edit_target, warm_context
    from imgopt.dockerfile import parse

    context = tmp_path / "ctx"
    context.mkdir()
    manage = context / "manage.py"
    manage.write_text("#!/usr/bin/env python\nprint('hi')\n")
    manage.chmod(0o755)
    digest = hashlib.sha256(manage.read_bytes()).hexdigest()
    df = parse("FROM python:3.11\nCOPY . /app/\n")
    target = pick_edit_target(df, context)
    assert target is not None
    copy = warm_context(context, target, "marker")
    try:
        edited = copy / target.path
        assert edited.stat().st_mode & 0o777 == 0o755
        assert edited.read_text().endswith("# marker\n")
        assert edited.stat().st_ino != manage.stat().st_ino
    finally:
        shutil.rmtree(copy.parent)
    assert hashlib.sha256(manage.read_bytes()).hexdigest() == digest
    assert list(own_tmp.iterdir()) == []


# -- a run folder from elsewhere -----------------------------------------------------------------


def test_report_never_embeds_a_local_file_a_foreign_run_names(
    cli: CliRunner, tmp_path: Path
) -> None:
    secret = tmp_path / "home" / "secrets.txt"
    secret.parent.mkdir()
    secret.write_text("FROM scratch\n# TOPSECRET-7f3a\n")
    run = tmp_path / "downloaded-run"
    shutil.copytree(FIXTURES / "complete", run)
    shutil.rmtree(run / "dockerfiles")
    for name in ("results.csv", "run.json"):
        text = (run / name).read_text()
        text = text.replace("app/Dockerfile", str(secret))
        text = text.replace("prop/slim/Dockerfile", "../home/secrets.txt")
        (run / name).write_text(text)
    out = tmp_path / "out"
    code, output = run_cli(cli, "report", run, "-o", out, "--format", "md", "--format", "json")
    assert code == 0, output
    for f in out.rglob("*"):
        if f.is_file():
            assert b"TOPSECRET" not in f.read_bytes(), f
    # The same file, recorded with its SHA-256 by the run that measured it, is read.
    from imgopt.report import load_run_data

    meta = json.loads((run / "run.json").read_text())
    meta["variants"][0]["sha256"] = hashlib.sha256(secret.read_bytes()).hexdigest()
    (run / "run.json").write_text(json.dumps(meta))
    original = load_run_data(run).get("Dockerfile")
    assert original is not None and "TOPSECRET" in (original.dockerfile_text or "")


def test_write_text_atomic_keeps_the_mode_and_cleans_up(tmp_path: Path) -> None:
    script = tmp_path / "run.sh"
    script.write_text("old")
    script.chmod(0o750)
    write_text(script, "new")
    assert script.read_text() == "new" and script.stat().st_mode & 0o777 == 0o750
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run.sh"]


# -- hostile baselines and configurations --------------------------------------------------------

_BASELINE = {
    "schema": "imgopt-baseline", "schema_version": 1,
    "image": {"ref": "app", "id": "sha256:x", "size_bytes": 1000},
    "layers": [], "waste": None, "build": None,
}  # fmt: skip


def _baseline_with(size: str) -> bytes:
    text = json.dumps(_BASELINE).replace('"size_bytes": 1000', f'"size_bytes": {size}')
    return text.encode()


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"\xff\xfe{not utf-8", "not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (_baseline_with("NaN"), "NaN"),
        (_baseline_with("Infinity"), "Infinity"),
        (_baseline_with("1e999"), "expected an integer"),  # json reads it as inf
        (_baseline_with("-5"), "non-negative"),
        (_baseline_with("1" + "0" * 400), "below 2**63"),
        (_baseline_with("1" + "0" * 5000), "not a baseline"),  # past Python's int limit
    ],
)
def test_hostile_baselines_are_one_line(
    cli: CliRunner, tmp_path: Path, content: bytes, says: str
) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "baseline.json").write_bytes(content)
    code, output = run_cli(
        cli, "gate", tmp_path / "empty", "--baseline", tmp_path / "baseline.json", "-c", "size:+5%"
    )
    assert code == 2
    one_error_line(output)
    assert says in output and len(output.splitlines()) <= 3


@pytest.mark.parametrize("name", ["imgopt.toml", "pyproject.toml", ".dive-ci"])
def test_config_with_invalid_utf8_or_deep_nesting_is_one_line(
    cli: CliRunner, tmp_path: Path, name: str
) -> None:
    (tmp_path / "empty").mkdir()
    bad = (b"[gate]\nchecks = ['\xff']\n", b"a = " + b"[" * 5000, b"rules: " + b"[" * 5000)
    for content in bad:
        (tmp_path / name).write_bytes(content)
        code, output = run_cli(cli, "gate", tmp_path / "empty", "--config", tmp_path / name)
        assert code == 2
        one_error_line(output)


def test_a_baseline_from_another_image_warns() -> None:
    from imgopt.gate.baseline import origin_warning
    from imgopt.gate.record import ImageRecord

    def record(ref: str, dockerfile: str | None = "Dockerfile") -> ImageRecord:
        return ImageRecord(ref=ref, image_id="sha256:x", size_bytes=1, compressed_bytes=None,
                           compressed_method=None, layers=(), dockerfile=dockerfile)  # fmt: skip

    assert origin_warning(record("shop/api:main"), record("shop/api:pr-12")) is None
    assert origin_warning(record("sha256:aa"), record("sha256:bb")) is None  # ids say nothing
    warning = origin_warning(record("shop/api:main"), record("shop/web:main"))
    assert warning is not None and "another image" in warning
    assert origin_warning(record("app", "Dockerfile"), record("app", "Dockerfile.prod"))
