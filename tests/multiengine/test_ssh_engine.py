"""A Docker engine reached over SSH, for real, on loopback (``--engine ssh://root@127.0.0.1:PORT``).

A private sshd runs for this module only: root, on 127.0.0.1 and a free port, with its own
configuration, host key and authorized key in a temporary folder (public keys only: no PAM, no
passwords), started in the foreground and stopped by its pid at the end. Nothing of the machine's
SSH set-up is read or changed (/etc/ssh, ~/.ssh): imgopt runs with a temporary HOME, where the
docker SDK's paramiko finds its key, its known host and its ``~/.ssh/config``, and with an ``ssh``
ahead on PATH that runs the real one with ``-F`` that same configuration (OpenSSH reads the
passwd entry's home, not $HOME); that ``ssh`` also notes each command line it is given. Only
/run/sshd, the empty privilege-separation folder sshd insists on, is made when missing, and
removed again.

The engine behind the SSH server is the main engine: ``docker system dial-stdio`` runs in the SSH
session. One small app (go-http: Go, standard library only) is built once, cold, and verified, and
the test shows that both ways imgopt talks to an ssh:// engine went over SSH: the docker SDK
(paramiko, the server's log names its client) and the docker CLI that runs the BuildKit builds
(``ssh ... docker system dial-stdio``), and that every result names the ssh:// engine and the
engine's own id. A second run treats the engine as one on another machine
(``IMGOPT_VERIFY_SIDECAR=1``): verification goes through sidecars on it (imgopt.engine.sidecar),
over SSH, and discovers the same ports, probes and closure as the first, through /proc; and
python-files, benchmarked that way, has what it reads at run time (its template, its data file,
jq) in the closure its sidecar recorded.
Everything the runs built (by their run ids) and the temporary folder are removed even when the
test fails.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from _sidecar import session_sidecar_image, sidecars_created
from _tools import in_ci, require_tool

from imgopt.engine import sidecar
from imgopt.engine.builders.buildkit import stop_process
from imgopt.errors import ExitCode

from ._cli import one_line_failure

REPO = Path(__file__).resolve().parents[2]
APP = REPO / "sample_apps" / "go-http"
PYTHON_APP = REPO / "sample_apps" / "python-files"
#: The folder sshd requires for privilege separation (compiled in; created by its service).
PRIVSEP = Path("/run/sshd")

pytestmark = pytest.mark.engine


@dataclass(frozen=True)
class Sshd:
    """The private SSH server, and how a client reaches it."""

    url: str  #: the engine's URL, ``ssh://root@127.0.0.1:PORT``
    port: int
    env: dict[str, str]  #: the environment imgopt runs in to reach it
    log: Path  #: the server's log
    calls: Path  #: one line per ``ssh`` command the docker CLI ran
    root: Path  #: the temporary folder holding all of it


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _write(path: Path, text: str, mode: int = 0o600) -> Path:
    path.write_text(text)
    path.chmod(mode)
    return path


def _keygen(ssh_keygen: str, path: Path) -> None:
    subprocess.run(
        [ssh_keygen, "-q", "-t", "ed25519", "-N", "", "-C", "imgopt-test", "-f", str(path)],
        check=True, capture_output=True, timeout=30,
    )  # fmt: skip


def _listens(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="module")
def sshd() -> Iterator[Sshd]:
    if os.geteuid() != 0:
        message = "the ssh:// engine test logs in as root to a private sshd: it needs root"
        if in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    why = "the ssh:// engine test; scripts/bootstrap.sh installs openssh-server"
    # sshd lives in /usr/sbin, which a CI job's PATH may leave out
    sbin = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"])
    sshd_bin = shutil.which("sshd", path=sbin) or require_tool("sshd", why)
    ssh_bin = require_tool("ssh", why)
    ssh_keygen = require_tool("ssh-keygen", why)
    root = Path(tempfile.mkdtemp(prefix="imgopt-ssh-test-"))
    made_privsep = not PRIVSEP.exists()
    server: subprocess.Popen[str] | None = None
    try:
        home = root / "home"
        (home / ".ssh").mkdir(parents=True, mode=0o700)
        (root / "bin").mkdir()
        _keygen(ssh_keygen, root / "host_key")
        identity = home / ".ssh" / "id_ed25519"
        _keygen(ssh_keygen, identity)
        authorized = _write(root / "authorized_keys", identity.with_suffix(".pub").read_text())
        port = _free_port()
        host_key = (root / "host_key.pub").read_text().split()[:2]
        known = _write(home / ".ssh" / "known_hosts", f"[127.0.0.1]:{port} {' '.join(host_key)}\n")
        # sshd's own files, none of /etc/ssh: public keys only; StrictModes off because the
        # folder lives under /tmp (world-writable); enough sessions for a pool of connections.
        config = _write(
            root / "sshd_config",
            f"ListenAddress 127.0.0.1:{port}\nHostKey {root / 'host_key'}\n"
            f"PidFile {root / 'sshd.pid'}\nAuthorizedKeysFile {authorized}\n"
            "PermitRootLogin prohibit-password\nPubkeyAuthentication yes\n"
            "PasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\n"
            "StrictModes no\nMaxStartups 100\nMaxSessions 100\nLogLevel DEBUG1\n",
        )
        # The client's: read by paramiko (from $HOME) and by the OpenSSH client (-F below).
        client_config = _write(
            home / ".ssh" / "config",
            f"Host 127.0.0.1\n  IdentityFile {identity}\n  IdentitiesOnly yes\n"
            f"  UserKnownHostsFile {known}\n  StrictHostKeyChecking yes\n  BatchMode yes\n",
        )
        calls = root / "ssh-calls.txt"
        _write(
            root / "bin" / "ssh",
            f'#!/bin/sh\necho "$*" >> {shlex.quote(str(calls))}\n'
            f'exec {shlex.quote(ssh_bin)} -F {shlex.quote(str(client_config))} "$@"\n',
            0o755,
        )
        if made_privsep:
            PRIVSEP.mkdir(mode=0o755)
        log = root / "sshd.log"
        check = subprocess.run(
            [sshd_bin, "-t", "-f", str(config)], capture_output=True, text=True, timeout=30
        )
        assert check.returncode == 0, check.stderr
        server = subprocess.Popen([sshd_bin, "-D", "-f", str(config), "-E", str(log)], text=True)
        deadline = time.monotonic() + 30
        while not _listens(port):
            assert server.poll() is None, f"sshd exited ({server.returncode}):\n{log.read_text()}"
            assert time.monotonic() < deadline, f"sshd does not listen:\n{log.read_text()}"
            time.sleep(0.1)
        env = {**os.environ, "HOME": str(home), "PATH": f"{root / 'bin'}:{os.environ['PATH']}"}
        for name in ("SSH_AUTH_SOCK", "DOCKER_HOST", "DOCKER_CONTEXT", "IMGOPT_ENGINE_NAME"):
            env.pop(name, None)  # only this identity; the engine comes from --engine alone
        yield Sshd(f"ssh://root@127.0.0.1:{port}", port, env, log, calls, root)
    finally:
        if server is not None:
            stop_process(server)  # SIGTERM, SIGKILL after 10 s
        shutil.rmtree(root, ignore_errors=True)
        if made_privsep:
            with contextlib.suppress(OSError):  # another sshd may have come to use it meanwhile
                PRIVSEP.rmdir()
    assert not _listens(port), "the private sshd still listens"
    assert not root.exists()


def _docker(*args: str) -> str:
    proc = subprocess.run(["docker", *args], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def _remove_run(run_id: str) -> None:
    """Remove the containers and images labelled with the run's id (imgopt.run=RUN_ID)."""
    label = f"label=imgopt.run={run_id}"
    containers = _docker("ps", "-aq", "--filter", label).split()
    if containers:
        subprocess.run(["docker", "rm", "-f", *containers], capture_output=True, timeout=120)
    images = _docker("images", "-q", "--no-trunc", "--filter", label).split()
    if images:
        subprocess.run(["docker", "rmi", "-f", *set(images)], capture_output=True, timeout=120)


@dataclass(frozen=True)
class Bench:
    code: int
    output: str
    out: Path
    run: dict[str, Any]  #: run.json
    rows: list[dict[str, str]]  #: results.csv
    left: list[str]  #: the run's containers and images left on the engine when it finished
    sidecars: list[str] = field(default_factory=list)  #: the sidecars the engine created for it

    def discovery(self) -> dict[str, Any]:
        """The original's ``verify/discovery.json``."""
        found: dict[str, Any] = json.loads((self.out / "verify" / "discovery.json").read_text())
        return found


@contextlib.contextmanager
def _bench(sshd: Sshd, out: Path, env: dict[str, str], app: Path = APP) -> Iterator[Bench]:
    """``imgopt bench APP --repeat 1 --no-warm --engine ssh://...`` into ``out``; what the run
    left on the engine is removed afterwards."""
    argv = [sys.executable, "-m", "imgopt", "bench", str(app), "--repeat", "1", "--no-warm"]
    argv += ["--out", str(out), "--engine", sshd.url]
    run_id = None
    try:
        since = time.time()
        proc = subprocess.run(argv, cwd=REPO, env=env, capture_output=True, text=True, timeout=900)
        output = proc.stdout + proc.stderr
        assert (out / "run.json").is_file(), output[-4000:]
        run = json.loads((out / "run.json").read_text())
        run_id = run["run_id"]
        label = f"label=imgopt.run={run_id}"
        left = _docker("ps", "-aq", "--filter", label).split()
        left += _docker("images", "-q", "--filter", label).split()
        with (out / "results.csv").open() as fh:
            rows = list(csv.DictReader(fh))
        sidecars = sidecars_created(run_id, since, time.time() + 1)
        yield Bench(proc.returncode, output, out, run, rows, left, sidecars)
    finally:
        if run_id is not None:
            _remove_run(run_id)


@pytest.fixture(scope="module")
def bench(sshd: Sshd) -> Iterator[Bench]:
    """``imgopt bench APP --repeat 1 --no-warm --engine ssh://...``, once for the module."""
    with _bench(sshd, sshd.root / "out", sshd.env) as done:
        yield done


@pytest.fixture(scope="module")
def bench_sidecar(sshd: Sshd, request: pytest.FixtureRequest) -> Iterator[Bench]:
    """The same, with the ssh:// engine treated as one on another machine
    (``IMGOPT_VERIFY_SIDECAR=1``): verification goes through sidecars, over SSH."""
    session_sidecar_image(request.config)  # built once per test session, not inside the run
    env = {**sshd.env, sidecar.FORCE_ENV: "1"}
    with _bench(sshd, sshd.root / "out-sidecar", env) as done:
        yield done


def test_bench_over_ssh_builds_and_verifies(bench: Bench) -> None:
    assert bench.code == 0, bench.output[-4000:]
    assert bench.run["status"] == "complete"
    variants = [r for r in bench.rows if r["row"] == "variant"]
    assert [r["variant"] for r in variants] == ["Dockerfile"]
    assert variants[0]["verified"] == "true", variants[0]
    (cold,) = [r for r in bench.rows if r["row"] == "build"]
    assert cold["kind"] == "cold" and cold["image_id"].startswith("sha256:"), cold
    assert int(cold["size_bytes"]) > 0
    assert bench.left == [], "the run left containers or images behind"


def test_bench_over_ssh_verifies_through_a_sidecar_as_through_proc(
    bench: Bench, bench_sidecar: Bench
) -> None:
    """The engine behind SSH treated as another machine's: the original and its variant are
    verified through sidecars created on it (reached over SSH, like every call of the run), and
    what was discovered equals what this machine's /proc showed the first run: the same kind,
    ports, probes, closure files and verdict. Nothing of the run is left on the engine."""
    assert bench_sidecar.code == 0, bench_sidecar.output[-4000:]
    variants = [r for r in bench_sidecar.rows if r["row"] == "variant"]
    assert [r["verified"] for r in variants] == ["true"], variants
    assert bench.sidecars == []  # the first run read this machine's /proc
    # One per container verification started: the traced discovery and the second run of the
    # original's probes (the Dockerfile benchmarked is the original).
    assert len(bench_sidecar.sidecars) >= 2, bench_sidecar.sidecars
    local, remote = bench.discovery(), bench_sidecar.discovery()
    for key in ("kind", "listening", "port", "not_http"):
        assert remote["discovery"][key] == local["discovery"][key], key
    assert remote["checks"] == local["checks"]
    assert remote["closure"]["complete"] and local["closure"]["complete"]
    assert remote["closure"]["files"] == local["closure"]["files"]
    assert remote["closure"]["bytes"] == local["closure"]["bytes"]
    assert remote["verified"] and local["verified"]
    assert bench_sidecar.left == [], "the run left containers or images behind"


@pytest.fixture(scope="module")
def bench_python_sidecar(sshd: Sshd, request: pytest.FixtureRequest) -> Iterator[Bench]:
    """python-files (a template, a data file and jq) benchmarked over SSH, verified through
    sidecars."""
    session_sidecar_image(request.config)
    env = {**sshd.env, sidecar.FORCE_ENV: "1"}
    with _bench(sshd, sshd.root / "out-python", env, PYTHON_APP) as done:
        yield done


def test_a_python_app_over_ssh_is_traced_through_a_sidecar(bench_python_sidecar: Bench) -> None:
    """Its closure, recorded by strace in a sidecar over SSH, holds what the app reads at run
    time (the files a planted broken variant lacks in tests/verify: the same closure as /proc's
    there, tests/verify/test_remote_sidecar.py)."""
    done = bench_python_sidecar
    assert done.code == 0, done.output[-4000:]
    variants = [r for r in done.rows if r["row"] == "variant"]
    assert [r["verified"] for r in variants] == ["true"], variants
    assert len(done.sidecars) >= 2, done.sidecars
    found = done.discovery()
    assert found["discovery"]["listening"] == [8000]
    assert found["closure"]["complete"]
    files = set(found["closure"]["files"])
    assert {"/app/templates/page.html", "/app/data/items.json", "/usr/bin/jq"} <= files
    assert done.left == [], "the run left containers or images behind"


def test_every_result_names_the_ssh_engine_and_its_id(bench: Bench, sshd: Sshd) -> None:
    engine = bench.run["engine"]
    assert engine["name"] == sshd.url
    # Behind the SSH server is the main engine: the same engine id as `docker info` gives.
    assert engine["id"] == _docker("info", "--format", "{{.ID}}").strip()
    assert {v["engine"] for v in bench.run["variants"]} == {sshd.url}
    assert {r["engine"] for r in bench.rows} == {sshd.url}


def test_both_the_sdk_and_the_builds_went_over_ssh(bench: Bench, sshd: Sshd) -> None:
    assert bench.code == 0, bench.output[-4000:]
    log = sshd.log.read_text()
    assert "Accepted publickey for root from 127.0.0.1" in log, log[-3000:]
    # The docker SDK's calls: paramiko's connections.
    assert "remote software version paramiko" in log, log[-3000:]
    # The BuildKit builds: the docker CLI ran `ssh ... docker system dial-stdio` to this server.
    calls = sshd.calls.read_text().splitlines()
    dials = [c for c in calls if c.endswith("docker system dial-stdio")]
    assert dials, calls
    assert all(f"-p {sshd.port}" in c and "-l root" in c for c in dials), dials
    assert "remote software version OpenSSH" in log, log[-3000:]


def test_a_host_key_not_in_known_hosts_is_refused_in_one_line(sshd: Sshd) -> None:
    """The same server and key, but a HOME whose known_hosts lacks the server's key: paramiko
    refuses the host (it never accepts an unknown key), and imgopt says so in one line, exit 3."""
    home = sshd.root / "home-without-known-hosts"
    shutil.copytree(Path(sshd.env["HOME"]), home)
    (home / ".ssh" / "known_hosts").unlink()
    (home / ".ssh" / "config").unlink()  # it names the real known_hosts file
    out = sshd.root / "refused"
    args = ["bench", str(APP), "--no-verify", "--out", str(out), "--engine", sshd.url]
    code, error, hint = one_line_failure(args, {**sshd.env, "HOME": str(home)})
    assert code == ExitCode.ENGINE, error
    assert error == (
        f"imgopt: error: no Docker engine answers at {sshd.url} "
        f"(Server '[127.0.0.1]:{sshd.port}' not found in known_hosts)"
    )
    assert "known_hosts" in hint
    assert not (out / "results.csv").exists()
