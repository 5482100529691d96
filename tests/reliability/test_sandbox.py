"""The sandbox of what imgopt runs (issue 12): a verification container cannot reach the host's
TCP ports nor the outside, with no network and on an isolated network beside a dependency, while
imgopt's probe still reaches the app.

The host listens on 0.0.0.0 (so on every address it has, the bridge gateways included). A control
container on Docker's default bridge, started here with the CLI, does reach that listener: the
blocked attempts are the sandbox's doing, not a firewall's.
"""

from __future__ import annotations

import contextlib
import re
import socket
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from _engine_helpers import built_image, http_get_root

from imgopt.engine.containers import (
    RunningContainer,
    remove_run_containers,
    remove_run_networks,
    running_container,
)
from imgopt.verify.deps import Dependencies, Dependency, app_in_place

pytestmark = pytest.mark.engine

TINY = Path(__file__).resolve().parents[1] / "verify" / "tiny"
RUN_ID = f"test-sandbox-{uuid.uuid4().hex[:8]}"
LABELS = {"imgopt.test": "1"}


class Listener:
    """A TCP listener on 0.0.0.0 that counts the connections it accepts."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("0.0.0.0", 0))
        self.port: int = self.sock.getsockname()[1]
        self.accepted = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            conn.close()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()


@pytest.fixture(scope="module")
def tiny() -> Iterator[str]:
    with built_image(TINY, "tiny-sandbox") as tag:
        try:
            yield tag
        finally:
            remove_run_containers(RUN_ID)
            remove_run_networks(RUN_ID)


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    try:
        yield server
    finally:
        server.close()


def _host_addresses() -> list[str]:
    """Every IPv4 address of this host but loopback: its own, and each bridge's gateway."""
    found = [a for _, name in socket.if_nameindex() if (a := _ipv4_of(name))]
    gateway = subprocess.run(
        ["docker", "network", "inspect", "bridge", "-f", "{{(index .IPAM.Config 0).Gateway}}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    addresses = [a for a in dict.fromkeys([*found, gateway]) if not a.startswith("127.")]
    assert gateway in addresses
    return addresses


def _ipv4_of(interface: str) -> str | None:
    """The interface's IPv4 address (SIOCGIFADDR), or None when it has none."""
    import fcntl
    import struct

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            packed = fcntl.ioctl(
                sock.fileno(), 0x8915, struct.pack("256s", interface[:15].encode())
            )
        except OSError:
            return None
    return socket.inet_ntoa(packed[20:24])


def _outside() -> tuple[str, str]:
    """A host on the outside that this machine reaches: its Debian mirror (name, address)."""
    text = "".join(p.read_text() for p in Path("/etc/apt/sources.list.d").glob("*.sources"))
    text += "".join(p.read_text() for p in Path("/etc/apt").glob("sources.list") if p.is_file())
    match = re.search(r"https?://([A-Za-z0-9.-]+)", text)
    assert match, "no Debian mirror named in /etc/apt"
    name = match.group(1)
    return name, socket.gethostbyname(name)


def _attempts(targets: list[tuple[str, int]], name: str) -> str:
    """A shell script that tries each target and a name lookup, printing one line per attempt."""
    lines = [
        f'timeout 4 bash -c "echo > /dev/tcp/{host}/{port}" 2>/dev/null '
        f'&& echo "REACHED {host}:{port}" || echo "blocked {host}:{port}"'
        for host, port in targets
    ]
    lines.append(
        f'getent hosts {name} >/dev/null && echo "RESOLVED {name}" || echo "no-dns {name}"'
    )
    return "; ".join(lines) + "; echo attempts-done; exec perl /server.pl"


def _attempt_lines(running: RunningContainer) -> list[str]:
    deadline = time.monotonic() + 90
    while "attempts-done" not in (log := running.logs(tail=200)):
        assert running.state().running, log
        assert time.monotonic() < deadline, log
        time.sleep(0.5)
    return [
        ln
        for ln in log.splitlines()
        if ln.split(" ")[0] in ("REACHED", "blocked", "RESOLVED", "no-dns")
    ]


def test_control_a_container_on_the_default_bridge_reaches_the_listener(
    tiny: str, listener: Listener
) -> None:
    gateway = _host_addresses()[-1]
    proc = subprocess.run(
        ["docker", "run", "--rm", "--label", f"imgopt.run={RUN_ID}", "--label", "imgopt.test=1",
         "--entrypoint", "bash", tiny, "-c", f"echo > /dev/tcp/{gateway}/{listener.port}"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert listener.accepted == 1


def test_no_network_reaches_neither_the_host_nor_the_outside(tiny: str, listener: Listener) -> None:
    name, address = _outside()
    targets = [(a, listener.port) for a in _host_addresses()] + [(address, 80)]
    with running_container(
        tiny, run_id=RUN_ID, labels=LABELS, entrypoint=["bash", "-c"],
        command=[_attempts(targets, name)],
    ) as running:  # fmt: skip
        assert running.isolation == "none"
        lines = _attempt_lines(running)
        assert http_get_root(running, 8080).startswith(b"HTTP/1.0 200")  # the probe still gets in
    assert lines == [f"blocked {h}:{p}" for h, p in targets] + [f"no-dns {name}"]
    assert listener.accepted == 0


def test_an_isolated_network_reaches_its_dependency_only(tiny: str, listener: Listener) -> None:
    name, address = _outside()
    deps = Dependencies(
        services=(Dependency(name="db", image=tiny, aliases=("db", "database")),),
        aliases=("web",),
    )
    with app_in_place(deps, run_id=RUN_ID, labels=LABELS) as environment:
        network = environment.network
        assert network is not None
        gateway = subprocess.run(
            ["docker", "network", "inspect", network, "-f",
             "{{(index .IPAM.Config 0).Gateway}}"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        targets = [(a, listener.port) for a in [*_host_addresses(), gateway]]
        targets += [(address, 80), ("database", 8080)]
        with running_container(
            tiny, run_id=RUN_ID, labels=LABELS, entrypoint=["bash", "-c"],
            command=[_attempts(targets, name)],
        ) as running:  # fmt: skip
            assert running.isolation == "isolated"
            lines = _attempt_lines(running)
            assert http_get_root(running, 8080).startswith(b"HTTP/1.0 200")
    expected = [f"blocked {h}:{p}" for h, p in targets[:-1]] + ["REACHED database:8080"]
    assert lines == [*expected, f"no-dns {name}"]
    assert listener.accepted == 0


LOUD = r"""
import json, sys, tracemalloc
from imgopt.engine.containers import run_container, running_container

image, run_id, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
loud = f"head -c {size} /dev/zero | tr '\\0' a; echo; echo THE-END"
labels = {"imgopt.test": "1"}
from imgopt.engine.client import get_client
get_client().ping()  # the SDK and its transports (paramiko) imported before memory is traced
tracemalloc.start()
ran = run_container(image, run_id=run_id, timeout_s=300, entrypoint=["bash", "-c"],
                    command=[loud], labels=labels)
log_peak = tracemalloc.get_traced_memory()[1]
tracemalloc.reset_peak()
with running_container(image, run_id=run_id, entrypoint=["sleep"], command=["600"],
                       labels=labels) as running:
    done = running.exec(["bash", "-c", loud], timeout_s=300)
exec_peak = tracemalloc.get_traced_memory()[1]
print(json.dumps({"log": ran.output, "exec": done.output, "exit": [ran.exit_code, done.exit_code],
                  "peak_mb": [log_peak / 2**20, exec_peak / 2**20]}))
"""


def test_a_container_printing_100_megabytes_is_read_with_bounded_memory(
    tiny: str,
) -> None:
    import json
    import sys

    size = 100 * 1000 * 1000
    proc = subprocess.run(
        [sys.executable, "-c", LOUD, tiny, RUN_ID, str(size)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    found = json.loads(proc.stdout)
    assert found["exit"] == [0, 0]
    # What Python held at most while reading each (tracemalloc; holding the output: 100+ MB).
    assert max(found["peak_mb"]) < 16, found["peak_mb"]
    for output in (found["log"], found["exec"]):
        assert len(output.encode()) < 70 * 1024
        assert output.startswith("aaaa") and output.rstrip().endswith("THE-END")  # head + tail
        assert re.search(
            r"\[imgopt: sha256 of all \d+ bytes [0-9a-f]{16}; \d+ bytes of output left out\]",
            output,
        )
