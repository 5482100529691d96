"""The sidecar's parts that need no engine: its relay (the same script the sidecar runs, here on
this machine's loopback), the port table it reads, and when verification goes through it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from imgopt.engine import sidecar
from imgopt.verify import discover
from imgopt.verify.discover import listening_ports, parse_listening

TCP = """\
  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1
   1: 0100007F:A2B4 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 2
"""
TCP6 = """\
  sl  local_address                         remote_address                        st tx_queue
   0: 00000000000000000000000000000000:2382 00000000000000000000000000000000:0000 0A 00000000
"""


def test_the_port_table_of_both_files_read_one_after_the_other() -> None:
    # LISTEN (0A) only: 8080 in tcp, 9090 in tcp6; the established connection is not a port.
    assert parse_listening(TCP + TCP6) == (8080, 9090)
    assert parse_listening("") == ()


def test_this_machines_proc_gives_the_same_table() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        text = Path("/proc/self/net/tcp").read_text()
        assert port in parse_listening(text)
        assert port in listening_ports(os.getpid())


class _Remote:
    remote = True

    def __init__(self, text: str) -> None:
        self.text = text
        self.read: list[tuple[str, ...]] = []

    def sidecar(self) -> _Remote:
        return self

    def read_text(self, *paths: str) -> str:
        self.read.append(paths)
        return self.text


def test_a_remote_containers_ports_are_read_through_its_sidecar(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def local(pid: int) -> tuple[int, ...]:
        raise AssertionError("this machine's /proc was read for a remote container")

    monkeypatch.setattr(discover, "listening_ports", local)
    fake = _Remote(TCP + TCP6)
    assert discover._listening_now(fake, 1) == (8080, 9090)  # type: ignore[arg-type]
    assert fake.read == [("/proc/1/net/tcp", "/proc/1/net/tcp6")]


def test_forcing_the_sidecar_is_an_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(sidecar.FORCE_ENV, raising=False)
    assert not sidecar.forced()
    monkeypatch.setenv(sidecar.FORCE_ENV, "0")
    assert not sidecar.forced()
    monkeypatch.setenv(sidecar.FORCE_ENV, "1")
    assert sidecar.forced()


def test_the_image_is_named_by_its_dockerfile_and_its_base_can_be_chosen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(sidecar.BASE_ENV, raising=False)
    default = sidecar.dockerfile()
    assert default.startswith(f"FROM {sidecar.DEFAULT_BASE}\n")
    assert "strace" in default and "python3-minimal" in default
    monkeypatch.setenv(sidecar.BASE_ENV, "registry.example/debian:12")
    assert sidecar.dockerfile().startswith("FROM registry.example/debian:12\n")
    assert sidecar.image_tag(default) != sidecar.image_tag(sidecar.dockerfile())
    assert sidecar.image_tag(default).startswith("imgopt-sidecar:")


def _relay(port: int) -> subprocess.Popen[bytes]:
    argv = [sys.executable, "-I", "-S", "-c", sidecar.HELPER, "relay", str(port), "2"]
    return subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)


def test_the_relay_says_it_connected_then_carries_both_ways() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]

        def echo_upper() -> None:
            conn, _ = server.accept()
            with conn:
                conn.sendall(b"hello\n")
                conn.sendall(conn.recv(100).upper())

        worker = threading.Thread(target=echo_upper)
        worker.start()
        relay = _relay(port)
        assert relay.stdin is not None and relay.stdout is not None
        relay.stdin.write(b"g")  # the go-ahead: nothing is answered before it
        relay.stdin.flush()
        assert relay.stdout.read(1) == b"+"
        relay.stdin.write(b"ping")
        relay.stdin.flush()
        out = relay.stdout.read()  # until the server hangs up: then the relay ends
        relay.stdin.close()
        relay.wait(timeout=10)
        worker.join()
    assert out == b"hello\nPING"
    assert relay.returncode == 0


def test_the_relay_says_why_it_could_not_connect() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # bound, not listening: refused
        out, _ = _relay(port).communicate(b"g", timeout=10)
    assert out == b"-ECONNREFUSED\n"


def test_an_engine_named_for_another_machine_needs_no_strace_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(sidecar.FORCE_ENV, raising=False)
    monkeypatch.setattr(sidecar, "_engine_name", lambda host: socket.gethostname())
    assert not sidecar.engine_elsewhere()
    monkeypatch.setattr(sidecar, "_engine_name", lambda host: "")  # unknown: not assumed
    assert not sidecar.engine_elsewhere()
    monkeypatch.setattr(sidecar, "_engine_name", lambda host: "docker-desktop")
    assert sidecar.engine_elsewhere()
    monkeypatch.setattr(sidecar, "_engine_name", lambda host: socket.gethostname())
    monkeypatch.setenv(sidecar.FORCE_ENV, "1")
    assert sidecar.engine_elsewhere()


class _Engine:
    """A container as the docker SDK gives it: its state, which a reload refreshes."""

    def __init__(self, pid: int, running: bool = True) -> None:
        self.id = "c0ffee" * 10
        self.name = "imgopt-test-remote"
        self.labels = {"imgopt.run": "r1"}
        self.attrs = {"State": {"Pid": pid, "Running": running}, "Image": "sha256:x"}
        self.reloads = 0

    def reload(self) -> None:
        self.reloads += 1


def test_a_running_container_whose_process_is_not_this_machines_is_remote(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without IMGOPT_VERIFY_SIDECAR: an engine's pid that is some other local process (here
    this test's own, which belongs to no container) makes the container remote, and `pid`
    refuses it; a container that is not running is not judged yet."""
    from imgopt.engine.containers import RunningContainer
    from imgopt.errors import EngineError

    monkeypatch.delenv(sidecar.FORCE_ENV, raising=False)
    stopped = RunningContainer(_Engine(0, running=False), threading.Event(), "none")
    assert not stopped.remote and stopped.pid is None
    elsewhere = RunningContainer(_Engine(os.getpid()), threading.Event(), "none")
    assert elsewhere.remote
    with pytest.raises(EngineError, match="not a process of this machine"):
        _ = elsewhere.pid
    monkeypatch.setenv(sidecar.FORCE_ENV, "1")
    forced = RunningContainer(_Engine(0, running=False), threading.Event(), "none")
    assert forced.remote
