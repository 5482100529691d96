"""Faults: an engine that hangs, resets or talks garbage never holds imgopt or leaves a traceback.

The engine tests put :class:`fake_engine.FaultyEngine` between imgopt and the real engine
(``DOCKER_HOST=unix://...``): requests pass through until the phase under test starts (the first
request of it, matched by path), and from then on every request gets the fault, as from an engine
that hung or died there. Each case runs the real command in a subprocess and asserts:

- exit 3 with one ``imgopt: error:`` line naming the engine, never a traceback;
- in bounded time (the deadlines are shortened through their environment variables, except the
  10 s connect deadline, which is kept as it is);
- nothing left behind: no temp folder (``TMPDIR`` is the test's own), no run-folder lock, a
  ``run.json`` that does not say "running".

Containers and images a run created before the engine died cannot be removed through a dead
engine; they are counted and removed by the run's label through the real engine afterwards.
The transient case (only the hanging call is lost, the engine answers again) asserts that none
are left.

Unit tests cover the classification of engine errors, the signal helpers and the watchdog.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from _volumes import no_anonymous_volume_left

from imgopt.errors import (
    EngineError,
    ExitCode,
    ImgoptError,
    InputError,
    Interrupted,
    classify,
    interrupt_exit_code,
)
from reliability.fake_engine import FAULTS, FaultyEngine

# -- unit tests: one classifier, signals, watchdog --------------------------------------------


@pytest.fixture(autouse=True)
def no_volume_left(request: pytest.FixtureRequest) -> Iterator[None]:
    """An interrupted or failed run leaves no anonymous volume (an image's VOLUME) behind."""
    if request.node.get_closest_marker("engine") is None:
        yield
        return
    with no_anonymous_volume_left(request.node.name):
        yield


def _requests_errors() -> list[BaseException]:
    import requests
    import urllib3
    from docker.errors import APIError, DockerException

    return [
        requests.exceptions.ConnectionError("Connection aborted."),
        requests.exceptions.ReadTimeout("UnixHTTPConnectionPool: Read timed out."),
        urllib3.exceptions.ProtocolError("Connection broken: IncompleteRead"),
        DockerException("Error while fetching server API version"),
        APIError("500 Server Error"),
        ConnectionResetError(104, "Connection reset by peer"),
        BrokenPipeError(32, "Broken pipe"),
        TimeoutError("timed out"),
    ]


@pytest.mark.parametrize("exc", _requests_errors(), ids=lambda e: type(e).__name__)
def test_engine_failures_classify_as_exit_3(exc: BaseException) -> None:
    err = classify(exc)
    assert isinstance(err, EngineError)
    assert err.exit_code == ExitCode.ENGINE
    assert "Docker engine" in err.message and err.hint


def test_imgopt_errors_classify_as_themselves_and_bugs_not_at_all() -> None:
    err = InputError("bad")
    assert classify(err) is err
    assert classify(ValueError("a bug")) is None
    assert classify(FileNotFoundError(2, "No such file")) is None


def test_interrupt_exit_codes_are_128_plus_the_signal() -> None:
    assert interrupt_exit_code(KeyboardInterrupt()) == 130
    assert interrupt_exit_code(Interrupted(signal.SIGTERM)) == 143
    assert interrupt_exit_code(Interrupted(signal.SIGHUP)) == 129


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_stop_signals_raise_interrupted_and_handlers_come_back(sig: signal.Signals) -> None:
    from imgopt.interrupts import signals_as_interrupts

    # A run under nohup starts with SIGHUP ignored, and imgopt rightly keeps it ignored: take the
    # default disposition for this test, and give the inherited one back afterwards.
    inherited = signal.getsignal(sig)
    if inherited is signal.SIG_IGN:
        signal.signal(sig, signal.SIG_DFL)
    before = signal.getsignal(sig)
    try:
        with pytest.raises(Interrupted) as info, signals_as_interrupts():
            os.kill(os.getpid(), sig)
            time.sleep(1)  # the handler raises before this returns
    finally:
        after = signal.getsignal(sig)
        signal.signal(sig, inherited or signal.SIG_DFL)
    assert info.value.signum == sig
    assert after is before


def test_a_signal_during_cleanup_waits_for_the_cleanup() -> None:
    from imgopt.interrupts import shielded, signals_as_interrupts

    done = []
    with pytest.raises(Interrupted) as info, signals_as_interrupts(), shielded():
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(0.05)
        done.append("cleaned up")
    assert done == ["cleaned up"]
    assert info.value.signum == signal.SIGTERM


def test_watchdog_interrupts_a_blocked_socket_read() -> None:
    from imgopt.bench.runner import watchdog

    a, b = socket.socketpair()
    started = time.monotonic()
    with a, b, pytest.raises(EngineError, match="watchdog"), watchdog(0.5, "a test"):
        a.recv(1)  # nothing ever comes
    assert time.monotonic() - started < 5


def test_a_dockerfile_the_builder_rejects_is_bad_input() -> None:
    from imgopt.engine.builders.base import rejected_dockerfile

    text = "ERROR: failed to solve: dockerfile parse error on line 2: unknown instruction: BOGUS"
    err = rejected_dockerfile(text, Path("app/Dockerfile"))
    assert err is not None
    assert err.exit_code == ExitCode.USAGE
    assert err.message == "app/Dockerfile:2: unknown instruction: BOGUS"
    assert rejected_dockerfile("exit code: 2", Path("Dockerfile")) is None


def test_a_missing_base_image_gets_a_hint() -> None:
    from imgopt.engine.builders.buildkit import _missing_image_hint

    hint = _missing_image_hint("[internal] load metadata for docker.io/library/nosuch:1")
    assert hint is not None and "nosuch:1" in hint and "docker pull" in hint
    assert _missing_image_hint("RUN make") is None


def test_deadlines_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from imgopt.engine.client import build_idle_timeout, idle_timeout

    monkeypatch.setenv("IMGOPT_ENGINE_TIMEOUT", "7")
    monkeypatch.setenv("IMGOPT_BUILD_IDLE_TIMEOUT", "9")
    assert (idle_timeout(), build_idle_timeout()) == (7.0, 9.0)
    monkeypatch.setenv("IMGOPT_ENGINE_TIMEOUT", "1e300")
    with pytest.raises(ImgoptError):
        idle_timeout()


# -- engine tests: a faulty engine socket in each phase ----------------------------------------

APP_DOCKERFILE = 'FROM debian:bookworm-slim\nCOPY app.sh /app.sh\nCMD ["sh", "/app.sh"]\n'

#: The first request of each phase, as the proxy sees it.
PHASES = {
    "connect": None,  # the very first request: the engine never answers at all
    "build": r"^POST /session",  # buildx opens its session with the engine
    "classic-build": r"^POST /v[\d.]+/build",  # the classic builder streams the build
    "measure": r"^GET /v[\d.]+/images/sha256:[0-9a-f]+/history",  # the built image, read back
    "verify": r"^POST /v[\d.]+/containers/create",  # the smoke check's container
}
COMMAND_PHASES = {
    "bench": ("connect", "build", "measure", "verify"),
    "bench-classic": ("classic-build",),
    "gate": ("connect", "build", "measure"),
    "baseline": ("connect", "build", "measure"),
}
CASES = [
    (command, phase, fault)
    for command, phases in COMMAND_PHASES.items()
    for phase in phases
    for fault in FAULTS
]
#: Shortened deadlines (seconds); connecting keeps its 10 s.
ENV = {
    "IMGOPT_ENGINE_TIMEOUT": "3",
    "IMGOPT_BUILD_IDLE_TIMEOUT": "4",
    "IMGOPT_VERIFY_WATCHDOG": "15",
}
#: What a case may take at most: connect 10 s, a hung build noticed in 4 s + a 10 s ping, the
#: check that the engine is gone (10 s), start-up and a tiny build: well under this.
BOUND_S = 60.0


@pytest.fixture
def app_dir(tmp_path: Path) -> Path:
    app = tmp_path / "app"
    app.mkdir()
    (app / "Dockerfile").write_text(APP_DOCKERFILE)
    (app / "app.sh").write_text("echo ok\n")
    return app


@pytest.fixture
def label_cleanup() -> Iterator[list[str]]:
    """Run ids (or whole labels, ``key=value``) whose leftovers the test removes through the real
    engine at the end."""
    run_ids: list[str] = []
    yield run_ids
    for run_id in run_ids:
        _remove_by_label(run_id if "=" in run_id else f"imgopt.run={run_id}")


#: gate and baseline save have no run id: their builds carry this label, so the image a run built
#: before the engine failed (in the measure phase) is removed too, and only that one.
BUILT_HERE = f"imgopt.test.faults={os.getpid()}-{time.monotonic_ns()}"


def _docker(*args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "DOCKER_HOST"}
    proc = subprocess.run(
        ["docker", *args], capture_output=True, text=True, timeout=60, env=env, check=False
    )
    return proc.stdout


def _leftovers(label: str) -> tuple[list[str], list[str]]:
    containers = _docker("ps", "-aq", "--filter", f"label={label}").split()
    images = _docker("images", "-q", "--filter", f"label={label}").split()
    return containers, images


def _remove_by_label(label: str) -> None:
    containers, images = _leftovers(label)
    if containers:
        _docker("rm", "-f", "-v", *containers)
    if images:
        _docker("rmi", "-f", *sorted(set(images)))


def _command(command: str, app: Path, out: Path) -> list[str]:
    base = [sys.executable, "-m", "imgopt"]
    if command.startswith("bench"):
        builder = ["--builder", "classic"] if command == "bench-classic" else []
        bench = [*base, "bench", str(app), "--repeat", "1", "--no-warm", "--out", str(out)]
        return [*bench, *builder]
    if command == "gate":
        gate = [*base, "gate", str(app), "--check", "size:10GB", "--label", "imgopt.test=1"]
        return [*gate, "--label", BUILT_HERE]
    return [*base, "baseline", "save", str(app), "-o", str(out / "baseline.json"), "--label",
            BUILT_HERE]  # fmt: skip


def _run_faulty(
    tmp_path: Path, app: Path, command: str, phase: str, fault: str, *, sticky: bool = True
) -> tuple[subprocess.CompletedProcess[str], float, FaultyEngine, Path, Path]:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    out = tmp_path / "out"
    if command == "baseline":
        out.mkdir()
    sock = Path(f"/tmp/imgopt-fault-{os.getpid()}-{time.monotonic_ns()}.sock")  # short path
    env = {**os.environ, **ENV, "TMPDIR": str(tmp)}
    with FaultyEngine(sock, fault, PHASES[phase], sticky=sticky) as engine:
        env["DOCKER_HOST"] = engine.docker_host
        started = time.monotonic()
        proc = subprocess.run(
            _command(command, app, out),
            capture_output=True,
            text=True,
            env=env,
            timeout=BOUND_S * 3,
            check=False,
        )
        took = time.monotonic() - started
    return proc, took, engine, out, tmp


def _run_id(out: Path) -> str | None:
    try:
        return str(json.loads((out / "run.json").read_text())["run_id"])
    except (OSError, ValueError, KeyError):
        return None


@pytest.mark.engine
@pytest.mark.parametrize(("command", "phase", "fault"), CASES)
def test_faulty_engine_exits_3_in_bounded_time_leaving_nothing(
    tmp_path: Path,
    app_dir: Path,
    label_cleanup: list[str],
    command: str,
    phase: str,
    fault: str,
) -> None:
    proc, took, engine, out, tmp = _run_faulty(tmp_path, app_dir, command, phase, fault)
    run_id = _run_id(out)
    if run_id:
        label_cleanup.append(run_id)
    label_cleanup.append(BUILT_HERE)
    where = f"{command} with a {fault} engine in {phase}: rc={proc.returncode}\n{proc.stderr}"
    assert engine.tripped.is_set(), f"the phase was never reached: {engine.requests}\n{where}"
    assert proc.returncode == ExitCode.ENGINE, where
    assert "Traceback" not in proc.stderr, where
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("imgopt: error:")]
    assert len(errors) == 1, where
    assert took < BOUND_S, f"took {took:.0f} s\n{where}"
    assert sorted(p.name for p in tmp.iterdir()) == [], where
    if command.startswith("bench") and (out / "run.json").exists():
        assert not (out / ".lock").exists(), where
        status = json.loads((out / "run.json").read_text())["status"]
        assert status == "failed", where


@pytest.mark.engine
def test_engine_that_hangs_once_during_verification_is_cleaned_up(
    tmp_path: Path, app_dir: Path, label_cleanup: list[str]
) -> None:
    """The container's wait never returns (and the engine answers again afterwards): the bench's
    watchdog ends the run, and its container and images are removed."""
    PHASES["verify-wait"] = r"^POST /v[\d.]+/containers/[^/]+/wait"
    try:
        proc, took, engine, out, tmp = _run_faulty(
            tmp_path, app_dir, "bench", "verify-wait", "hang", sticky=False
        )
    finally:
        del PHASES["verify-wait"]
    run_id = _run_id(out)
    assert run_id is not None, proc.stderr
    label_cleanup.append(run_id)
    where = f"rc={proc.returncode}\n{proc.stderr}"
    assert engine.tripped.is_set(), where
    assert proc.returncode == ExitCode.ENGINE, where
    assert "Traceback" not in proc.stderr, where
    assert took < BOUND_S, f"took {took:.0f} s\n{where}"
    assert _leftovers(f"imgopt.run={run_id}") == ([], []), where
    assert sorted(p.name for p in tmp.iterdir()) == [], where
    assert not (out / ".lock").exists()
    assert json.loads((out / "run.json").read_text())["status"] == "failed"


def test_the_fault_matrix_is_what_the_report_counts() -> None:
    # 3 faults x (bench: 4 phases + the classic builder's build, gate: 3, baseline save: 3),
    # plus the transient verify hang.
    assert len(CASES) == 33


# -- the exit-code table on real builds --------------------------------------------------------

MALFORMED = "FROM debian:bookworm-slim\nBOGUS x\n"
MISSING_BASE = "FROM imgopt-test/no-such-base:1\nRUN true\n"


def _run(tmp_path: Path, command: str, dockerfile: str) -> subprocess.CompletedProcess[str]:
    app = tmp_path / "app"
    app.mkdir()
    (app / "Dockerfile").write_text(dockerfile)
    out = tmp_path / "out"
    out.mkdir()
    return subprocess.run(
        _command(command, app, out),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "TMPDIR": str(out)},
    )


@pytest.mark.engine
@pytest.mark.parametrize("command", ["bench", "gate", "baseline"])
def test_a_dockerfile_buildkit_rejects_is_exit_2_with_its_line(
    tmp_path: Path, command: str
) -> None:
    proc = _run(tmp_path, command, MALFORMED)
    where = f"rc={proc.returncode}\n{proc.stderr}"
    assert proc.returncode == ExitCode.USAGE, where
    assert "Traceback" not in proc.stderr, where
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("imgopt: error:")]
    assert len(errors) == 1 and "Dockerfile:2:" in errors[0] and "BOGUS" in errors[0], where


@pytest.mark.engine
@pytest.mark.parametrize("command", ["bench", "gate", "baseline"])
def test_a_missing_base_image_is_one_line_and_a_hint(tmp_path: Path, command: str) -> None:
    proc = _run(tmp_path, command, MISSING_BASE)
    where = f"rc={proc.returncode}\n{proc.stderr}"
    assert proc.returncode == ExitCode.ENGINE, where
    assert "Traceback" not in proc.stderr, where
    lines = proc.stderr.splitlines()
    errors = [i for i, ln in enumerate(lines) if ln.startswith("imgopt: error:")]
    assert len(errors) == 1, where
    hint = lines[errors[0] + 1] if errors[0] + 1 < len(lines) else ""
    assert hint.strip().startswith("hint:"), where
    assert "imgopt-test/no-such-base:1" in lines[errors[0]] + hint, where
