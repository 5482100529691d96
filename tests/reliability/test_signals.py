"""Signals: SIGINT, SIGTERM and SIGHUP clean up like Ctrl-C; SIGKILL is completed by --resume.

Each test runs a real ``imgopt bench`` or ``imgopt analyze`` on the engine in a subprocess (its
own ``TMPDIR``), waits until it is inside the phase under test (buildx running for this run, or
this run's verification container up), sends the signal, and asserts what a CI job that was
cancelled must find afterwards:

- the exit code is 128 + the signal's number;
- the buildx process is gone, and no container or image carries the run's label (so nothing got
  tagged after the stop);
- no temp folder is left, the run folder's lock is gone, and ``run.json`` says "interrupted";
- the hint names a command that works: ``analyze ... --resume`` is run and completes.

After a SIGKILL nothing can clean up; ``bench --resume`` must then complete the run and leave
nothing behind either (stale lock replaced, the killed process's temp folder swept).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from _volumes import no_anonymous_volume_left

pytestmark = pytest.mark.engine


@pytest.fixture(autouse=True)
def no_volume_left(request: pytest.FixtureRequest) -> Iterator[None]:
    """An interrupted or failed run leaves no anonymous volume (an image's VOLUME) behind."""
    with no_anonymous_volume_left(request.node.name):
        yield


SLOW_BUILD = 'FROM debian:bookworm-slim\nCOPY app.sh /app.sh\nRUN sleep 20\nCMD ["sh", "/app.sh"]\n'
# The inferred smoke check runs the default command: it keeps the container up for a while.
SLOW_VERIFY = 'FROM debian:bookworm-slim\nCOPY app.sh /app.sh\nCMD ["sleep", "50"]\n'
WAIT_S = 90.0


def _app(root: Path, dockerfile: str) -> Path:
    app = root / "app"
    app.mkdir()
    (app / "Dockerfile").write_text(dockerfile)
    (app / "app.sh").write_text("echo ok\n")
    return app


def _docker(*args: str) -> str:
    proc = subprocess.run(["docker", *args], capture_output=True, text=True, timeout=60)
    return proc.stdout


def _labelled(run_id: str) -> tuple[list[str], list[str]]:
    label = f"label=imgopt.run={run_id}"
    return _docker("ps", "-aq", "--filter", label).split(), _docker(
        "images", "-q", "--filter", label
    ).split()


def _wait(what: str, check: Callable[[], object], timeout: float = WAIT_S) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def _descendants(pid: int) -> list[int]:
    out: list[int] = []
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        for c in map(int, children):
            out.append(c)
            todo.append(c)
    return out


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _buildx(pid: int) -> list[int]:
    return [c for c in _descendants(pid) if "buildx build " in _cmdline(c)]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = (
        Path(f"/proc/{pid}/stat").read_text().split()[2] if Path(f"/proc/{pid}").exists() else ""
    )
    return state != "Z"


def _run_id(out: Path) -> str | None:
    try:
        return str(json.loads((out / "run.json").read_text())["run_id"])
    except (OSError, ValueError, KeyError):
        return None


def _default_stop_signals() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


class Run:
    """An imgopt command in a subprocess with its own TMPDIR."""

    def __init__(self, args: list[str], tmp: Path, cwd: Path) -> None:
        tmp.mkdir(exist_ok=True)
        self.args, self.tmp, self.cwd = args, tmp, cwd
        env = {**os.environ, "TMPDIR": str(tmp)}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "imgopt", *args],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            # A shell may start background jobs with SIGINT ignored, and nohup SIGHUP; a user's
            # Ctrl-C and a closed terminal are not.
            preexec_fn=_default_stop_signals,
        )

    def finish(self, timeout: float = WAIT_S) -> tuple[int, str]:
        try:
            _, err = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
            raise AssertionError(f"imgopt did not exit within {timeout} s:\n{err}") from None
        return self.proc.returncode, err


@pytest.fixture
def run_ids() -> Iterator[list[str]]:
    ids: list[str] = []
    yield ids
    for run_id in ids:  # whatever a failing test left, by its own label only
        containers, images = _labelled(run_id)
        if containers:
            _docker("rm", "-f", "-v", *containers)
        if images:
            _docker("rmi", "-f", *sorted(set(images)))


def _assert_clean(out: Path, tmp: Path, run_id: str, status: str, where: str) -> None:
    assert json.loads((out / "run.json").read_text())["status"] == status, where
    assert not (out / ".lock").exists(), where
    assert sorted(p.name for p in tmp.iterdir()) == [], where
    time.sleep(2)  # anything still exporting would have tagged by now
    assert _labelled(run_id) == ([], []), where


def _signal_in_build(run: Run, out: Path, sig: signal.Signals) -> tuple[str, list[int]]:
    buildx = _wait("buildx to start", lambda: _buildx(run.proc.pid))
    run_id = _run_id(out)
    assert run_id is not None
    time.sleep(1.5)  # well inside `RUN sleep 20`
    run.proc.send_signal(sig)
    assert isinstance(buildx, list)
    return run_id, buildx


def _bench(tmp_path: Path, dockerfile: str, *more: str) -> tuple[Run, Path]:
    app = _app(tmp_path, dockerfile)
    out = tmp_path / "run"
    args = ["bench", str(app), "--repeat", "1", "--no-warm", "--out", str(out), *more]
    return Run(args, tmp_path / "t", app), out


@pytest.mark.parametrize("sig", [signal.SIGTERM])
def test_bench_stopped_during_a_build(
    tmp_path: Path, run_ids: list[str], sig: signal.Signals
) -> None:
    run, out = _bench(tmp_path, SLOW_BUILD)
    run_id, buildx = _signal_in_build(run, out, sig)
    run_ids.append(run_id)
    rc, err = run.finish()
    where = f"rc={rc}\n{err}"
    assert rc == 128 + sig, where
    assert "Traceback" not in err, where
    assert "--resume" in err, where
    assert not any(_alive(p) for p in buildx), where
    _assert_clean(out, run.tmp, run_id, "interrupted", where)


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGINT])
def test_bench_stopped_during_verification(
    tmp_path: Path, run_ids: list[str], sig: signal.Signals
) -> None:
    run, out = _bench(tmp_path, SLOW_VERIFY)
    run_id = str(_wait("the run folder", lambda: _run_id(out)))
    run_ids.append(run_id)
    label = f"label=imgopt.run={run_id}"
    _wait(
        "the verification container",
        lambda: _docker("ps", "-q", "--filter", label, "--filter", "status=running").split(),
    )
    run.proc.send_signal(sig)
    rc, err = run.finish()
    where = f"rc={rc}\n{err}"
    assert rc == 128 + sig, where
    assert "Traceback" not in err, where
    _assert_clean(out, run.tmp, run_id, "interrupted", where)


def test_analyze_stopped_by_sigterm_resumes_with_the_command_it_names(
    tmp_path: Path, run_ids: list[str]
) -> None:
    app = _app(tmp_path, SLOW_BUILD)
    out = tmp_path / "analysis"
    run = Run(["analyze", str(app), "--out", str(out)], tmp_path / "t", tmp_path)
    run_id, _ = _signal_in_build(run, out, signal.SIGTERM)
    run_ids.append(run_id)
    rc, err = run.finish()
    where = f"rc={rc}\n{err}"
    assert rc == 128 + signal.SIGTERM, where
    _assert_clean(out, run.tmp, run_id, "interrupted", where)
    m = re.search(r"`(imgopt analyze [^`]*--resume)`", err)
    assert m is not None, where
    # The report of the interrupted folder names the same way out (not `bench --resume`).
    rendered = Run(["report", str(out), "-o", str(tmp_path / "rep")], tmp_path / "t3", tmp_path)
    rc, err = rendered.finish()
    notes = "".join(p.read_text() for p in (tmp_path / "rep").glob("*.md"))
    assert rc == 0 and f"imgopt analyze ... --out {out} --resume" in notes, err
    args = shlex.split(m.group(1))[1:]
    again = Run(args, tmp_path / "t2", tmp_path)
    rc, err = again.finish(timeout=300)
    where = f"resumed: rc={rc}\n{err}"
    assert rc == 0, where
    _assert_clean(out, again.tmp, run_id, "complete", where)
    assert (out / "report" / "report.md").is_file(), where
    builds = [r for r in (out / "results.csv").read_text().splitlines() if ",build," in r]
    assert builds, where


def test_bench_killed_by_sigkill_is_completed_by_resume(tmp_path: Path, run_ids: list[str]) -> None:
    run, out = _bench(tmp_path, SLOW_BUILD)
    tmp = run.tmp
    run_id, buildx = _signal_in_build(run, out, signal.SIGKILL)
    run_ids.append(run_id)
    rc, _ = run.finish()
    assert rc == -signal.SIGKILL
    # Nothing could clean up: the lock and the temp folder stay, run.json says "running".
    assert (out / ".lock").exists()
    assert json.loads((out / "run.json").read_text())["status"] == "running"
    assert any(tmp.iterdir())
    _wait("the orphaned buildx to end", lambda: not any(_alive(p) for p in buildx), 120)
    again = Run([*run.args, "--resume"], tmp, run.cwd)
    rc, err = again.finish(timeout=300)
    where = f"resumed: rc={rc}\n{err}"
    assert rc == 0, where
    _assert_clean(out, tmp, run_id, "complete", where)
