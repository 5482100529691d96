"""Helpers of the engine tests that start containers: an image built for a module, and a probe
that waits for a container port to accept."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from imgopt.engine.containers import RunningContainer


@contextlib.contextmanager
def built_image(context: Path, name: str, timeout_s: float = 1200) -> Iterator[str]:
    """Build ``context`` as ``imgopt-test/<name>:<random>`` (labelled); remove it at the end."""
    tag = f"imgopt-test/{name}:{uuid.uuid4().hex[:8]}"
    proc = subprocess.run(
        [
            "docker",
            "buildx",
            "build",
            "--load",
            "--label",
            "imgopt.test=1",
            "-t",
            tag,
            str(context),
        ],
        capture_output=True,
        text=True,
        timeout=timeout_s,
    )
    assert proc.returncode == 0, f"building {context} failed:\n{proc.stderr[-3000:]}"
    try:
        yield tag
    finally:
        subprocess.run(["docker", "rmi", "-f", tag], capture_output=True)


def connect_when_ready(running: RunningContainer, port: int, within_s: float = 30) -> socket.socket:
    """A connection to the container's ``port`` as soon as it accepts one."""
    deadline = time.monotonic() + within_s
    while True:
        try:
            return running.open_connection(port, 5.0)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def http_get_root(running: RunningContainer, port: int) -> bytes:
    """The raw answer to ``GET /`` (HTTP/1.0) on the container's ``port``."""
    with connect_when_ready(running, port) as sock:
        sock.sendall(b"GET / HTTP/1.0\r\n\r\n")
        return sock.recv(4096)
