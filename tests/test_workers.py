"""imgopt.workers: ordered results, in-process for few items, fork only where it is safe, and
`imgopt lint` giving the same output with and without workers (including after Ctrl-C)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from _tools import default_sigint

from imgopt import workers

REPO = Path(__file__).resolve().parent.parent
IMGOPT = [sys.executable, "-m", "imgopt"]


def test_effective_jobs_never_exceeds_items_per_job() -> None:
    assert workers.effective_jobs(8, 3) == 1  # 3 files: a pool would cost more than it saves
    assert workers.effective_jobs(2, 100) == 2
    assert workers.effective_jobs(1, 1000) == 1
    assert workers.effective_jobs(0, 10_000) == workers.available_cores()


def test_map_ordered_keeps_order_in_process_and_in_workers() -> None:
    items = list(range(-200, 200))
    assert list(workers.map_ordered(abs, items, jobs=1)) == [abs(i) for i in items]
    assert list(workers.map_ordered(abs, items, jobs=2)) == [abs(i) for i in items]


def test_fork_is_refused_once_the_go_parser_is_loaded() -> None:
    from imgopt.dockerfile import parse

    parse("FROM scratch\n")  # loads BuildKit's Go parser into this process
    assert "dockerfile" in sys.modules
    assert workers.start_method() == "spawn"
    # ...and the pool still works (spawned workers import what they need).
    assert list(workers.map_ordered(abs, list(range(-40, 0)), jobs=2)) == list(range(40, 0, -1))


def test_fork_is_used_before_any_parse() -> None:
    code = (
        "import sys, imgopt.cli.lint, imgopt.rules, imgopt.variants, imgopt.workers as w;"
        "print(w.start_method(), 'dockerfile' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["fork", "False"]


@pytest.fixture(scope="module")
def many_dockerfiles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every Dockerfile of the repository's fixtures, each copied five times with a distinct
    trailing comment, plus one that does not parse."""
    root = tmp_path_factory.mktemp("many")
    sources = sorted(REPO.glob("tests/variants/golden/*/input/Dockerfile"))
    sources += sorted(REPO.glob("sample_apps/*/Dockerfile"))
    assert len(sources) > 30
    for k in range(5):
        for i, src in enumerate(sources):
            d = root / f"{k}-{i}"
            d.mkdir()
            (d / "Dockerfile").write_bytes(src.read_bytes() + f"# copy {k}\n".encode())
    (root / "broken").mkdir()
    (root / "broken" / "Dockerfile").write_text("FROM debian\nRUN <<EOF\nnever closed\n")
    return root


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_lint_output_is_the_same_with_and_without_workers(many_dockerfiles: Path, fmt: str) -> None:
    runs = [
        subprocess.run(
            [*IMGOPT, "lint", "--format", fmt, "-j", jobs, str(many_dockerfiles)],
            capture_output=True,
            text=True,
            cwd=REPO,
            check=False,
        )
        for jobs in ("1", "2")
    ]
    serial, parallel = runs
    assert serial.returncode == parallel.returncode == 2  # findings + one malformed file
    assert serial.stdout == parallel.stdout
    assert serial.stderr == parallel.stderr
    assert "broken/Dockerfile:2" in serial.stdout + serial.stderr
    assert serial.stdout.count("IMG") > 100


def test_ctrl_c_stops_workers_without_a_traceback(many_dockerfiles: Path, tmp_path: Path) -> None:
    # About 20 s of work on one core: still running when the signal arrives.
    sources = sorted(many_dockerfiles.glob("*-*/Dockerfile"))
    for k in range(12):
        for i, src in enumerate(sources):
            (tmp_path / f"{k}-{i}.Dockerfile").write_bytes(src.read_bytes() + b"# again\n")
    proc = subprocess.Popen(
        [*IMGOPT, "lint", "-j", "2", str(tmp_path)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # a process group of its own, like a terminal's foreground job
        preexec_fn=default_sigint,  # even when this suite runs with SIGINT ignored
    )
    deadline = time.monotonic() + 30
    while not _children(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _children(proc.pid), "lint never started its workers"
    time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert "Exception ignored" not in err, err  # concurrent.futures' exit hook, once 1 run in 6
    assert "interrupted" in err
    assert _group(proc.pid) == "", "workers left running"


def _children(pid: int) -> str:
    return subprocess.run(
        ["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False
    ).stdout.strip()


def _group(pgid: int) -> str:
    return subprocess.run(
        ["pgrep", "-g", str(pgid)], capture_output=True, text=True, check=False
    ).stdout.strip()
