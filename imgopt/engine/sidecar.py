"""Reach a container's processes and ports through a sidecar on its own engine.

Verification needs the processes of the container under test: ``strace`` attached to its init
process, a gate file in its root filesystem, its listening sockets, and connections from inside
its network namespace. On an engine of this machine imgopt reaches them through this machine's
``/proc`` (:mod:`imgopt.engine.containers`). An engine on another machine (``ssh://``,
``tcp://``, a VM) runs them out of reach: there imgopt starts a *sidecar* on that engine, beside
each container it must look into, and does the same through ``docker exec`` in the sidecar.

The sidecar:

- runs an image imgopt builds once on that engine (:func:`sidecar_image`: Debian's
  ``bookworm-slim`` from the engine's registry, ``IMGOPT_SIDECAR_BASE`` to name another, plus
  ``strace`` and ``python3-minimal``, and a shell, ``sleep``, their loader and libc under
  :data:`GATE_DIR` to gate an image that has no ``/bin/sh``: :func:`fill_gate_volume`). It is
  kept there as a cache, labelled ``imgopt.sidecar`` and tagged by its Dockerfile's hash
  (``imgopt-sidecar:<hash>``): ``docker image rm`` it at will;
- shares the target's process and network namespaces (``pid=container:<target>``,
  ``network_mode=container:<target>``), so the target's init process is its pid 1 and the
  target's ports are its own loopback's: it has no network of its own;
- drops every capability but ``SYS_PTRACE`` (which attaching strace and reading
  ``/proc/1/root`` need), with ``no-new-privileges`` and small memory, pids and CPU limits;
- carries the run's ``imgopt.run`` label (so :func:`~imgopt.engine.containers.remove_run_containers`
  finds it) and is removed with its target.

A connection to a target's port is a ``docker exec`` of a relay in the sidecar (stdin and stdout
of the exec carry the bytes) behind a local socket pair: the caller gets an ordinary socket.

``IMGOPT_VERIFY_SIDECAR=1`` makes imgopt treat every engine as remote (tests do, to take this path
on this machine's engine).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import io
import logging
import os
import socket
import struct
import tarfile
import tempfile
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from imgopt.engine.client import get_client
from imgopt.errors import EngineError, keep_ends

log = logging.getLogger(__name__)

#: Set (to anything but ``0``) to treat every engine as one on another machine.
FORCE_ENV = "IMGOPT_VERIFY_SIDECAR"
#: The Debian image the sidecar image is built from, unless ``IMGOPT_SIDECAR_BASE`` names another.
BASE_ENV = "IMGOPT_SIDECAR_BASE"
DEFAULT_BASE = "debian:bookworm-slim"
#: The label every sidecar image carries (value: its Dockerfile's hash).
IMAGE_LABEL = "imgopt.sidecar"
IMAGE_REPOSITORY = "imgopt-sidecar"
#: The target's init process, as the sidecar (in the target's pid namespace) sees it.
INIT_PID = 1
RUN_LABEL = "imgopt.run"  # the same label as imgopt.engine.containers.RUN_LABEL
TRACE_FILE = "/tmp/imgopt-trace.txt"
_STRACE_PID = "/tmp/imgopt-strace.pid"
_STRACE_ERR = "/tmp/imgopt-strace.err"
_EXEC_TIMEOUT_S = 30.0

#: Where the image keeps a shell, sleep, their ELF loader and libc, to gate an image that has no
#: /bin/sh of its own (the same layout as the host's gate: imgopt.verify.closure.HOST_GATE_DIR).
GATE_DIR = "/.imgopt-gate"

DOCKERFILE = """\
FROM {base}
RUN apt-get update \\
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \\
      strace python3-minimal \\
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb
RUN loader=$(ls /lib64/ld-linux*.so.* /lib/ld-linux*.so.* 2>/dev/null | head -n 1) \\
 && mkdir -p {gate}/lib && cp -L "$loader" {gate}/ld.so \\
 && cp -L "$(dirname "$(readlink -f "$loader")")/libc.so.6" {gate}/lib/ \\
 && cp -L /bin/dash {gate}/sh && cp -L /bin/sleep {gate}/sleep
"""

#: The sidecar's helper, run as ``python3 -I -S -c HELPER <op> ARGS...``: kept here, not in the
#: image, so the image never changes with imgopt's code.
HELPER = r"""
import errno, os, select, signal, socket, sys, time
op, args = sys.argv[1], sys.argv[2:]
def tracer_pid():
    try:
        for line in open("/proc/1/status"):
            if line.startswith("TracerPid:"):
                return int(line.split()[1])
    except OSError:
        return None
    return 0
def alive(pid):
    try:
        return open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False
def strace_pid():
    try:
        return int(open(args[0]).read().strip())
    except (OSError, ValueError):
        return None
if op == "attached":
    deadline = time.monotonic() + float(args[1])
    while time.monotonic() < deadline:
        if tracer_pid():
            sys.exit(0)
        pid = strace_pid()
        if pid is not None and not alive(pid):
            sys.exit(1)
        time.sleep(0.01)
    sys.exit(1)
elif op == "stop":
    pid = strace_pid()
    if pid is not None and alive(pid):
        os.kill(pid, signal.SIGINT)
        deadline = time.monotonic() + 10
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.02)
        if alive(pid):
            os.kill(pid, signal.SIGKILL)
elif op == "touch":
    path = "/proc/1/root" + args[0]
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, "a").close()
elif op == "relay":
    port, timeout = int(args[0]), float(args[1])
    if os.read(0, 1) != b"g":
        sys.exit(2)
    conn, why = None, "ECONNREFUSED"
    for address in ["127.0.0.1"] + args[2:]:
        s = socket.socket(socket.AF_INET6 if ":" in address else socket.AF_INET)
        s.settimeout(timeout)
        try:
            s.connect((address, port))
        except OSError as exc:
            s.close()
            why = errno.errorcode.get(exc.errno or 0, "ETIMEDOUT")
            if not isinstance(exc, ConnectionRefusedError):
                break
            continue
        conn = s
        break
    if conn is None:
        os.write(1, ("-" + why + "\n").encode())
        sys.exit(1)
    os.write(1, b"+")
    conn.settimeout(None)
    while True:
        ready = select.select([0, conn], [], [])[0]
        if 0 in ready:
            data = os.read(0, 65536)
            if not data:
                break
            conn.sendall(data)
        if conn in ready:
            data = conn.recv(65536)
            if not data:
                break
            while data:
                data = data[os.write(1, data):]
"""

_build_lock = threading.Lock()


def forced() -> bool:
    """Whether ``IMGOPT_VERIFY_SIDECAR`` asks to treat every engine as remote."""
    return os.environ.get(FORCE_ENV, "").strip() not in ("", "0")


def engine_elsewhere() -> bool:
    """A first guess, before any container runs, at whether the engine's containers will be
    reached through a sidecar: :func:`forced`, or the engine's machine has another name than this
    one (``docker info``'s ``Name``: another host, or the VM of Docker Desktop). It only decides
    whether this machine's strace and root are needed; each container is then judged by its own
    process (:attr:`imgopt.engine.containers.RunningContainer.remote`)."""
    if forced():
        return True
    return _engine_name(os.environ.get("DOCKER_HOST", "")) not in ("", socket.gethostname())


@functools.cache
def _engine_name(_host: str) -> str:
    import requests
    from docker.errors import DockerException

    try:
        return str(get_client().info().get("Name") or "")
    except (DockerException, EngineError, requests.exceptions.RequestException):
        return ""  # unknown: judged by each container's process


def dockerfile(base: str | None = None) -> str:
    """The sidecar image's Dockerfile, from ``base`` (default: ``IMGOPT_SIDECAR_BASE`` or
    :data:`DEFAULT_BASE`)."""
    base = base or os.environ.get(BASE_ENV, "").strip() or DEFAULT_BASE
    return DOCKERFILE.format(base=base, gate=GATE_DIR)


def image_tag(text: str | None = None) -> str:
    """The sidecar image's name: ``imgopt-sidecar:<first 12 hex of its Dockerfile's sha256>``."""
    digest = hashlib.sha256((text or dockerfile()).encode()).hexdigest()[:12]
    return f"{IMAGE_REPOSITORY}:{digest}"


def sidecar_image() -> str:
    """The sidecar image on the engine, built there first when it is missing; its tag.

    Raises:
        EngineError: when it cannot be built (no Debian base, no package mirror reachable).
    """
    from imgopt.engine.builders import BuildFailure, BuildRequest, get_builder
    from imgopt.engine.images import image_exists
    from imgopt.errors import InputError

    text = dockerfile()
    tag = image_tag(text)
    with _build_lock:
        if image_exists(tag):  # asked each time: a user may remove the cache at any time
            return tag
        with tempfile.TemporaryDirectory(prefix="imgopt-sidecar-") as tmp:
            (Path(tmp) / "Dockerfile").write_text(text)
            request = BuildRequest(
                context=Path(tmp), tag=tag, labels={IMAGE_LABEL: tag.split(":", 1)[1]}
            )
            try:
                get_builder("auto").build(request)
            except (BuildFailure, InputError) as exc:
                raise EngineError(
                    f"cannot build the verification sidecar {tag}: {exc.message}",
                    hint=f"the engine needs a Debian image ({BASE_ENV} names one) and a "
                    "Debian mirror for its apt-get; or pass --no-verify",
                ) from exc
    return tag


def fill_gate_volume(volume: str, run_id: str) -> None:
    """Copy the sidecar image's :data:`GATE_DIR` into the (empty) volume ``volume``: the engine
    fills a new volume from the image of the first container that mounts it.

    Raises:
        EngineError: when the engine cannot.
    """
    import requests
    from docker.errors import DockerException
    from docker.types import Mount

    client = get_client()
    try:
        client.containers.run(
            sidecar_image(),
            ["true"],
            name=f"imgopt-gatefill-{os.urandom(5).hex()}",
            mounts=[Mount(GATE_DIR, volume, type="volume")],
            labels={RUN_LABEL: run_id},
            network_mode="none",
            cap_drop=["ALL"],
            security_opt=["no-new-privileges"],
            remove=True,
        )
    except (DockerException, requests.exceptions.RequestException) as exc:
        raise EngineError(f"cannot fill the gate volume {volume}: {_short(exc)}") from exc


class Sidecar:
    """A sidecar started beside one running container (see the module docs)."""

    def __init__(
        self,
        target_id: str,
        *,
        run_id: str,
        labels: Mapping[str, str] | None = None,
        addresses: Sequence[str] = (),
        lifetime_s: float = 3600.0,
    ) -> None:
        """Start the sidecar of container ``target_id`` (which must be running).

        Raises:
            EngineError: when it cannot be built or started.
        """
        import requests
        from docker.errors import DockerException
        from docker.types import LogConfig

        self.target_id = target_id
        self.addresses = tuple(addresses)
        self._client = get_client()
        image = sidecar_image()
        self.name = f"imgopt-sidecar-{target_id[:12]}-{os.urandom(4).hex()}"
        try:
            container = self._client.containers.create(
                image,
                name=self.name,
                command=["sleep", str(int(lifetime_s))],
                labels={
                    **dict(labels or {}),
                    RUN_LABEL: run_id,
                    "imgopt.sidecar-of": target_id,
                },
                user="0:0",
                pid_mode=f"container:{target_id}",
                network_mode=f"container:{target_id}",
                cap_drop=["ALL"],
                cap_add=["SYS_PTRACE"],
                security_opt=["no-new-privileges"],
                mem_limit="256m",
                memswap_limit="256m",
                pids_limit=64,
                nano_cpus=int(1e9),
                log_config=LogConfig(type=LogConfig.types.JSON, config={"max-size": "1m"}),
                detach=True,
            )
            self.id: str = container.id or ""
            container.start()
        except (DockerException, requests.exceptions.RequestException) as exc:
            self.remove()
            raise EngineError(
                f"cannot start the verification sidecar of container {target_id[:12]}: "
                f"{_short(exc)}",
                hint="verification on an engine of another machine runs through a sidecar "
                "container; pass --no-verify to build and measure only",
            ) from exc

    # -- commands in the sidecar ------------------------------------------------------------

    def run(
        self, argv: Sequence[str], *, timeout_s: float = _EXEC_TIMEOUT_S, detach: bool = False
    ) -> tuple[int | None, bytes]:
        """Run ``argv`` in the sidecar: (exit code, stdout and stderr); (None, b"") when it timed
        out, or when detached.

        Raises:
            EngineError: when the engine cannot run it (the sidecar is gone: its target exited).
        """
        import requests
        from docker.errors import DockerException

        api = self._client.api
        outcome: dict[str, Any] = {}

        def target() -> None:
            try:
                created = api.exec_create(self.id, list(argv), stdout=True, stderr=True)
                output = api.exec_start(created["Id"], detach=detach)
                if detach:
                    outcome["result"] = (None, b"")
                    return
                code = api.exec_inspect(created["Id"]).get("ExitCode")
                outcome["result"] = (code if isinstance(code, int) else None, output or b"")
            except (DockerException, requests.exceptions.RequestException, OSError) as exc:
                outcome["error"] = exc

        worker = threading.Thread(target=target, name=f"exec-{self.name}", daemon=True)
        worker.start()
        worker.join(timeout_s)
        if worker.is_alive():
            return None, b""
        if "error" in outcome:
            raise EngineError(f"exec in sidecar {self.name} failed: {_short(outcome['error'])}")
        result: tuple[int | None, bytes] = outcome["result"]
        return result

    def helper(self, op: str, *args: str, timeout_s: float = _EXEC_TIMEOUT_S) -> int | None:
        """Run the sidecar's :data:`HELPER` operation ``op``; its exit code."""
        code, _ = self.run(["python3", "-I", "-S", "-c", HELPER, op, *args], timeout_s=timeout_s)
        return code

    def read_text(self, *paths: str) -> str:
        """The text of ``paths`` in the sidecar (its ``/proc/1/...`` is the target's), one after
        the other; a file that cannot be read is left out."""
        code, output = self.run(["sh", "-c", 'cat "$@" 2>/dev/null; true', "cat", *paths])
        return output.decode("utf-8", "replace") if code == 0 else ""

    def read_file(self, path: str) -> bytes:
        """A file of the sidecar's own filesystem (also once it has stopped); b"" if missing."""
        from docker.errors import DockerException, NotFound

        try:
            stream, _ = self._client.api.get_archive(self.id, path)
            data = b"".join(stream)
        except NotFound:
            return b""
        except DockerException as exc:
            raise EngineError(f"cannot read {path} in sidecar {self.name}: {_short(exc)}") from exc
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            member = next((m for m in tar.getmembers() if m.isfile()), None)
            handle = tar.extractfile(member) if member is not None else None
            return handle.read() if handle is not None else b""

    def running(self) -> bool:
        """Whether the sidecar still runs (it ends with its target's process namespace)."""
        from docker.errors import DockerException

        try:
            state = self._client.api.inspect_container(self.id).get("State") or {}
        except DockerException:
            return False
        return bool(state.get("Running"))

    # -- the trace ----------------------------------------------------------------------------

    def start_trace(self, strace_options: Sequence[str]) -> None:
        """Attach ``strace`` (with ``strace_options``) to the target's init process, writing
        :data:`TRACE_FILE` in the sidecar."""
        options = " ".join(_quote(o) for o in strace_options)
        script = (
            f"echo $$ > {_STRACE_PID}; exec strace {options} -o {TRACE_FILE} "
            f"-p {INIT_PID} 2> {_STRACE_ERR}"
        )
        self.run(["sh", "-c", script], detach=True)

    def traced(self, timeout_s: float) -> bool:
        """Whether the target's init process is traced within ``timeout_s``."""
        code = self.helper("attached", _STRACE_PID, str(timeout_s), timeout_s=timeout_s + 15)
        return code == 0

    def stop_trace(self) -> str:
        """Detach strace (SIGINT), if the sidecar still runs; strace's own error output."""
        if self.running():
            with contextlib.suppress(EngineError):
                self.helper("stop", _STRACE_PID)
        return self.read_file(_STRACE_ERR).decode("utf-8", "replace").strip()

    def trace_text(self) -> str:
        """What strace wrote."""
        return self.read_file(TRACE_FILE).decode("utf-8", "replace")

    def touch(self, path: str) -> None:
        """Create the file ``path`` (and its folder) in the target's root filesystem.

        Raises:
            EngineError: when it could not be created.
        """
        code = self.helper("touch", path)
        if code != 0:
            raise EngineError(f"cannot create {path} in container {self.target_id[:12]}")

    # -- connections --------------------------------------------------------------------------

    def connect(self, port: int, timeout: float) -> socket.socket:
        """A connection to the target's TCP ``port``, from inside its network namespace: the
        target's loopback first, then :attr:`addresses`. The socket is the caller's to close.

        Raises:
            OSError: when nothing accepts it (refused, timed out, the target gone).
        """
        from docker.errors import DockerException
        from docker.utils.socket import SocketError

        api = self._client.api
        argv = ["python3", "-I", "-S", "-c", HELPER, "relay", str(port), str(timeout)]
        try:
            created = api.exec_create(
                self.id, [*argv, *self.addresses], stdin=True, stdout=True, stderr=False
            )
            raw = api.exec_start(created["Id"], socket=True)
        except DockerException as exc:
            raise ConnectionRefusedError(
                errno.ECONNREFUSED, f"container is not reachable: {_short(exc)}"
            ) from exc
        stream = _ExecStream(raw)
        try:
            stream.send(b"g")  # only now may the relay answer: nothing of it is read ahead
            first = stream.read_frame()
            if first[:1] != b"+":
                why = first[1:].decode("ascii", "replace").strip() or "ECONNREFUSED"
                code = getattr(errno, why, errno.ECONNREFUSED)
                if code == errno.ETIMEDOUT:
                    raise TimeoutError(code, f"connecting to port {port} timed out")
                raise ConnectionRefusedError(code, f"port {port}: {os.strerror(code)}")
        except (SocketError, OSError) as exc:
            stream.close()
            if isinstance(exc, OSError) and exc.errno is not None:
                raise
            raise ConnectionRefusedError(errno.ECONNREFUSED, f"port {port}: {exc}") from exc
        ours, theirs = socket.socketpair()
        rest = first[1:]
        _pump(stream, theirs, rest)
        ours.settimeout(timeout)
        return ours

    def remove(self) -> None:
        """Remove the sidecar (force); never raises."""
        import requests
        from docker.errors import DockerException, NotFound

        try:
            self._client.api.remove_container(self.name, force=True, v=True)
        except NotFound:
            pass
        except (DockerException, requests.exceptions.RequestException) as exc:
            log.warning("could not remove sidecar %s: %s", self.name, _short(exc))


class _ExecStream:
    """The hijacked connection of an exec with stdin: raw bytes in, multiplexed frames out."""

    def __init__(self, raw: Any) -> None:
        self._raw = raw
        self._sock = getattr(raw, "_sock", raw)  # a unix/tcp SocketIO's socket, or an ssh channel
        self._closed = False

    def send(self, data: bytes) -> None:
        self._sock.sendall(data)

    def read_frame(self) -> bytes:
        """The next frame's payload; b"" at the end of the stream."""
        from docker.utils.socket import next_frame_header, read_exactly

        while True:
            _stream, size = next_frame_header(self._raw)
            if size < 0:
                return b""
            if size:
                data: bytes = read_exactly(self._raw, size)
                return data

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        shutdown = getattr(self._sock, "shutdown", None)
        with contextlib.suppress(OSError, TypeError, EOFError):
            if isinstance(self._sock, socket.socket) and shutdown is not None:
                shutdown(socket.SHUT_RDWR)
        for thing in (self._raw, self._sock, getattr(self._raw, "_response", None)):
            with contextlib.suppress(Exception):
                if thing is not None:
                    thing.close()


def _pump(stream: _ExecStream, local: socket.socket, first: bytes) -> None:
    """Carry bytes between the local socket's end and the exec stream until either ends."""
    from docker.utils.socket import SocketError

    def outward() -> None:  # the relay's output -> the caller
        try:
            if first:
                local.sendall(first)
            while data := stream.read_frame():
                local.sendall(data)
        except (SocketError, OSError, ValueError, struct.error, EOFError):
            pass
        finally:
            with contextlib.suppress(OSError):
                local.shutdown(socket.SHUT_WR)

    def inward() -> None:  # the caller's writes -> the relay's stdin
        try:
            while data := local.recv(65536):
                stream.send(data)
        except (OSError, EOFError):
            pass
        finally:
            stream.close()
            local.close()

    threading.Thread(target=outward, name="sidecar-out", daemon=True).start()
    threading.Thread(target=inward, name="sidecar-in", daemon=True).start()


def _quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


def _short(exc: BaseException) -> str:
    text = str(exc).strip()
    return keep_ends(text) if text else type(exc).__name__


__all__ = [
    "BASE_ENV",
    "DEFAULT_BASE",
    "FORCE_ENV",
    "GATE_DIR",
    "IMAGE_LABEL",
    "INIT_PID",
    "Sidecar",
    "dockerfile",
    "engine_elsewhere",
    "fill_gate_volume",
    "forced",
    "image_tag",
    "sidecar_image",
]
