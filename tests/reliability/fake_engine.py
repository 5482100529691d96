"""A Docker engine socket that misbehaves on cue: a fault-injecting proxy to the real engine.

``FaultyEngine(path, fault, when)`` listens on a unix socket (``DOCKER_HOST=unix://PATH``) and
forwards every request to the real engine until one matches ``when`` (a regex on
``"METHOD /path"``; None: the very first request). From then on (``sticky``) every request, on
any connection, gets the fault, as from an engine that hung or died:

- ``hang``: the connection is accepted and read, and nothing is ever sent back;
- ``reset``: half a response is sent, then the connection is dropped;
- ``garbage``: bytes that are not HTTP are sent, then the connection is closed.

Connections that upgrade (BuildKit's ``/session`` and ``/grpc``) are piped as they are once the
request passed the check.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import threading
from pathlib import Path

FAULTS = ("hang", "reset", "garbage")
UPSTREAM = "/var/run/docker.sock"

_HALF_RESPONSE = (
    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n"
    b'Api-Version: 1.45\r\n\r\n{"Id": "sha256:'
)
_GARBAGE = b"\x00\xff\xfe garbage \x1b[0m\r\n\r\n" + bytes(range(256)) * 4


class FaultyEngine:
    """See the module docs. Use as a context manager; ``tripped`` tells whether it fired."""

    def __init__(
        self,
        path: Path,
        fault: str,
        when: str | None = None,
        *,
        upstream: str | None = None,
        sticky: bool = True,
    ) -> None:
        assert fault in FAULTS, fault
        self.path = path
        self.fault = fault
        self.when = re.compile(when) if when else None
        self.upstream = upstream or _upstream()
        self.sticky = sticky
        self.tripped = threading.Event()
        self.requests: list[str] = []
        self._server: socket.socket | None = None
        self._stop = threading.Event()
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()

    @property
    def docker_host(self) -> str:
        return f"unix://{self.path}"

    def __enter__(self) -> FaultyEngine:
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(str(self.path))
        server.listen(64)
        self._server = server
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._server is not None:
            self._server.close()
        with self._lock:
            socks = list(self._socks)
        for s in socks:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                s.close()
        with contextlib.suppress(OSError):
            self.path.unlink()

    # -- serving ---------------------------------------------------------------------------------

    def _track(self, s: socket.socket) -> socket.socket:
        with self._lock:
            self._socks.append(s)
        return s

    def _accept(self) -> None:
        assert self._server is not None
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except OSError:
                return
            self._track(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        upstream: socket.socket | None = None
        buf = b""
        try:
            while not self._stop.is_set():
                while b"\r\n\r\n" not in buf:
                    data = client.recv(65536)
                    if not data:
                        return
                    buf += data
                head, _, buf = buf.partition(b"\r\n\r\n")
                line = head.split(b"\r\n", 1)[0].decode("latin-1")
                method, _, rest = line.partition(" ")
                target = rest.rsplit(" ", 1)[0]
                request = f"{method} {target}"
                with self._lock:
                    self.requests.append(request)
                if self._should_fault(request):
                    self._inject(client)
                    return
                if upstream is None:
                    upstream = self._track(socket.socket(socket.AF_UNIX, socket.SOCK_STREAM))
                    upstream.connect(self.upstream)
                    threading.Thread(
                        target=_pipe, args=(upstream, client, self._stop), daemon=True
                    ).start()
                upstream.sendall(head + b"\r\n\r\n")
                headers = _headers(head)
                if "upgrade" in headers.get("connection", "").lower() or "upgrade" in headers:
                    if buf:
                        upstream.sendall(buf)
                    _pipe(client, upstream, self._stop)
                    return
                buf = _forward_body(client, upstream, headers, buf)
        except OSError:
            return
        finally:
            for s in (client, upstream):
                if s is not None:
                    with contextlib.suppress(OSError):
                        s.close()

    def _should_fault(self, request: str) -> bool:
        if self.tripped.is_set() and self.sticky:
            return True
        if self.when is None or self.when.search(request):
            self.tripped.set()
            return True
        return False

    def _inject(self, client: socket.socket) -> None:
        if self.fault == "hang":
            # Keep reading what the client sends, never answer, until the test ends.
            client.settimeout(0.5)
            while not self._stop.is_set():
                try:
                    if not client.recv(65536):
                        return
                except TimeoutError:
                    continue
            return
        client.sendall(_HALF_RESPONSE if self.fault == "reset" else _GARBAGE)
        with contextlib.suppress(OSError):
            client.shutdown(socket.SHUT_RDWR)


def _upstream() -> str:
    host = os.environ.get("DOCKER_HOST", "")
    return host.removeprefix("unix://") if host.startswith("unix://") else UPSTREAM


def _headers(head: bytes) -> dict[str, str]:
    out: dict[str, str] = {}
    for raw in head.split(b"\r\n")[1:]:
        key, _, value = raw.decode("latin-1").partition(":")
        out[key.strip().lower()] = value.strip()
    return out


def _forward_body(
    client: socket.socket, upstream: socket.socket, headers: dict[str, str], buf: bytes
) -> bytes:
    """Forward one request body; return what was read beyond it."""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        while True:
            while b"\r\n" not in buf:
                buf += _recv(client)
            size_line, _, rest = buf.partition(b"\r\n")
            size = int(size_line.split(b";")[0].strip() or b"0", 16)
            need = size + 2  # the chunk and its CRLF
            while len(rest) < need:
                rest += _recv(client)
            upstream.sendall(size_line + b"\r\n" + rest[:need])
            buf = rest[need:]
            if size == 0:
                return buf
    length = int(headers.get("content-length", "0") or 0)
    while len(buf) < length:
        buf += _recv(client)
    upstream.sendall(buf[:length])
    return buf[length:]


def _recv(s: socket.socket) -> bytes:
    data = s.recv(65536)
    if not data:
        raise OSError("peer closed")
    return data


def _pipe(src: socket.socket, dst: socket.socket, stop: threading.Event) -> None:
    try:
        while not stop.is_set():
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    finally:
        with contextlib.suppress(OSError):
            dst.shutdown(socket.SHUT_WR)
