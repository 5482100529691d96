"""RunningContainer.pid and open_connection on the real engine, with the tiny test image."""

from __future__ import annotations

import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from imgopt.engine.containers import RunningContainer, remove_run_containers, running_container

pytestmark = pytest.mark.engine

TINY = Path(__file__).resolve().parent.parent / "verify" / "tiny"
RUN_ID = f"test-connect-{uuid.uuid4().hex[:8]}"
LABELS = {"imgopt.test": "1"}


@pytest.fixture(scope="module")
def tiny() -> Iterator[str]:
    tag = f"imgopt-test/tiny-connect:{uuid.uuid4().hex[:8]}"
    proc = subprocess.run(
        ["docker", "buildx", "build", "--load", "--label", "imgopt.test=1", "-t", tag, str(TINY)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    try:
        yield tag
    finally:
        remove_run_containers(RUN_ID)
        subprocess.run(["docker", "rmi", "-f", tag], capture_output=True)


def _get(running: RunningContainer, port: int) -> bytes:
    deadline = time.monotonic() + 30
    while True:
        try:
            sock = running.open_connection(port, 5.0)
        except ConnectionRefusedError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
            continue
        with sock:
            sock.sendall(b"GET / HTTP/1.0\r\n\r\n")
            return sock.recv(4096)


def test_pid_and_connection_to_a_port_that_is_not_published(tiny: str) -> None:
    with running_container(tiny, run_id=RUN_ID, labels=LABELS) as running:
        pid = running.pid
        assert pid is not None and pid > 1
        assert Path(f"/proc/{pid}/ns/net").exists()
        answer = _get(running, 8080)
        assert answer.startswith(b"HTTP/1.0 200"), answer
        assert b"hello from tiny" in answer
        with pytest.raises(ConnectionRefusedError):
            running.open_connection(8081, 2.0)
