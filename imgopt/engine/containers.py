"""Run containers safely. The only code in imgopt that starts a container.

Every container imgopt starts:

- has **no network** (``network_mode=none``) unless the caller puts it on an isolated network
  (:func:`isolated_network`: ``internal``, and no address of the host on its bridge, so nothing on
  it can reach the host's ports or the outside, while its members reach each other by alias).
  imgopt still reaches the container's ports, from inside its network namespace
  (:meth:`RunningContainer.open_connection`): through this machine's ``/proc``, or, for a
  container whose processes are not this machine's (an engine elsewhere), through a sidecar on
  its engine (:mod:`imgopt.engine.sidecar`). Only when neither is possible (imgopt is not root,
  on this machine's engine) does it fall back to Docker's default bridge with ports published on
  127.0.0.1, and says so;
- is never privileged, gets ``no-new-privileges``, and by default drops every Linux capability
  (``Sandbox.drop_all_capabilities``; callers that find an app needs some may retry with Docker's
  default set minus ``NET_RAW``: see ``imgopt.verify``);
- runs as ``Sandbox.user`` when given (a non-root user for images that run as root), else as the
  image's user;
- runs under a CPU limit, a memory limit (swap disabled), a pids limit and a log size limit; its
  output is read as a stream of which only a bounded head and tail are kept;
- carries the label ``imgopt.run=<run id>`` given by the caller (plus any extra labels), so a run
  can find and remove what it started, and two runs never touch each other's containers;
- has a hard lifetime: a watchdog kills it when that runs out, whatever the caller is doing;
- is ALWAYS removed with its anonymous volumes, also on exceptions and KeyboardInterrupt. The name
  is chosen before the container is created, so even an interrupt that lands while the engine is
  creating it cannot leave it behind; :func:`remove_run_containers` is the net under that net.
"""

from __future__ import annotations

import contextlib
import contextvars
import ctypes
import dataclasses
import errno
import functools
import hashlib
import logging
import os
import re
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from imgopt.engine.client import get_client
from imgopt.errors import EngineError, InputError, keep_ends

if TYPE_CHECKING:
    from docker.models.containers import Container

    from imgopt.engine.sidecar import Sidecar

log = logging.getLogger(__name__)

Isolation = Literal["none", "isolated", "bridge"]

RUN_LABEL = "imgopt.run"
MAX_OUTPUT_BYTES = 64 * 1024  # output kept per container or exec: its head and its tail
HEAD_BYTES = 8 * 1024  # of which the head (a crash's first lines), the rest is the tail
LOG_SETTLE_S = 0.2
LOG_FILE_BYTES = "8m"  # the engine's own log file of a container is capped at this size
#: Docker's default capabilities minus NET_RAW (raw packets could be addressed to the host).
DEFAULT_CAPS_DROPPED = ("NET_RAW",)
NON_ROOT_USER = "65534:65534"  # nobody:nogroup in Debian and most images


class ContainerStartError(EngineError):
    """The engine created a container but could not start it (e.g. its command does not exist).

    For a variant under test this is a verdict on the image, not a fault of the engine: callers
    that verify images catch it and record the reason.
    """


@dataclass(frozen=True)
class Sandbox:
    """Limits every container runs under.

    Attributes:
        memory: memory limit (``"512m"``, ``"1g"``); swap is disabled.
        pids_limit: most processes and threads at once.
        drop_all_capabilities: no Linux capability at all; False keeps Docker's default set minus
            :data:`DEFAULT_CAPS_DROPPED`.
        lifetime_s: hard limit: the watchdog kills the container after this.
        cpus: CPU time, in cores.
        user: ``uid[:gid]`` or a name to run as; None runs as the image's user.
    """

    memory: str = "1g"
    pids_limit: int = 512
    drop_all_capabilities: bool = True
    lifetime_s: float = 300.0
    cpus: float = 1.0
    user: str | None = None


@dataclass(frozen=True)
class MountSpec:
    """A volume or a file mounted into a container.

    Attributes:
        target: the path in the container.
        kind: ``"volume"`` (named, or anonymous when ``source`` is empty), ``"bind"`` (a host
            path, which callers must have checked) or ``"tmpfs"``.
        source: the volume's name or the host path.
        read_only: mounted read-only.
    """

    target: str
    kind: Literal["volume", "bind", "tmpfs"] = "volume"
    source: str = ""
    read_only: bool = False


@dataclass(frozen=True)
class HealthcheckSpec:
    """A container's healthcheck, as Docker runs it (``test`` as in a HEALTHCHECK)."""

    test: tuple[str, ...]  # ("CMD", ...) or ("CMD-SHELL", "...")
    interval_s: float = 5.0
    timeout_s: float = 5.0
    retries: int = 3
    start_period_s: float = 0.0


@dataclass(frozen=True)
class Placement:
    """Where the app under test runs: its dependencies' network, its names and environment.

    Set for a block with :func:`placed`; every container started in that block (in that thread)
    without a ``network`` of its own runs there, with ``env`` under its own environment.
    """

    network: str | None = None
    aliases: tuple[str, ...] = ()
    env: Mapping[str, str] = dataclasses.field(default_factory=dict)


_PLACEMENT: contextvars.ContextVar[Placement | None] = contextvars.ContextVar(
    "imgopt_placement", default=None
)


@contextlib.contextmanager
def placed(placement: Placement) -> Iterator[Placement]:
    """Run the containers started in this block in ``placement`` (see :class:`Placement`)."""
    token = _PLACEMENT.set(placement)
    try:
        yield placement
    finally:
        _PLACEMENT.reset(token)


@dataclass(frozen=True)
class ImageConfig:
    """The parts of an image's config that matter for running it."""

    id: str
    exposed_tcp_ports: tuple[int, ...]
    cmd: tuple[str, ...] | None
    entrypoint: tuple[str, ...] | None
    user: str
    workdir: str


@dataclass(frozen=True)
class ContainerState:
    """A container's state as the engine reports it."""

    status: str  # created, running, exited, dead, ...
    running: bool
    exit_code: int | None
    oom_killed: bool
    killed_by_watchdog: bool


@dataclass(frozen=True)
class ExecResult:
    """One command run inside a running container."""

    exit_code: int | None  # None when it timed out
    output: str  # stdout and stderr interleaved, at most the last 64 KiB
    timed_out: bool
    duration_s: float


@dataclass(frozen=True)
class CompletedRun:
    """A container run to completion (or killed at its timeout)."""

    exit_code: int | None  # None when it timed out
    output: str  # its log (stdout and stderr), at most the last 64 KiB
    timed_out: bool
    oom_killed: bool
    duration_s: float


def runs_as_root(config: ImageConfig) -> bool:
    """Whether an image's own user is root (no USER, ``root``, uid 0)."""
    user = config.user.split(":", 1)[0].strip()
    return user in ("", "root", "0")


def image_facts(image: str) -> ImageConfig:
    """Read an image's exposed ports, command, entrypoint, user and working directory.

    Raises:
        InputError: when the engine has no such image.
        EngineError: when the engine cannot be asked.
    """
    from docker.errors import DockerException, ImageNotFound

    try:
        attrs: dict[str, Any] = get_client().images.get(image).attrs
    except ImageNotFound as exc:
        raise InputError(f"no image {image!r} in the engine") from exc
    except DockerException as exc:
        raise EngineError(f"cannot inspect image {image!r}: {_short(exc)}") from exc
    config = attrs.get("Config") or {}
    ports: list[int] = []
    for spec in config.get("ExposedPorts") or {}:
        number, _, proto = str(spec).partition("/")
        if proto in ("", "tcp") and number.isdigit():
            ports.append(int(number))
    return ImageConfig(
        id=str(attrs.get("Id", "")),
        exposed_tcp_ports=tuple(sorted(set(ports))),
        cmd=_argv(config.get("Cmd")),
        entrypoint=_argv(config.get("Entrypoint")),
        user=str(config.get("User") or ""),
        workdir=str(config.get("WorkingDir") or ""),
    )


def is_container_process(pid: int, container_id: str) -> bool:
    """Whether this machine's process ``pid`` belongs to container ``container_id``: its cgroups
    or its mount table (the engine's ``containers/<id>/hostname`` bind mounts) name the id. A
    remote engine's pid is some other local process, or none."""
    if not container_id:
        return False
    for table in ("cgroup", "mountinfo"):
        with contextlib.suppress(OSError):
            if container_id in Path(f"/proc/{pid}/{table}").read_text("utf-8", errors="replace"):
                return True
    return False


class RunningContainer:
    """A started container, valid inside :func:`running_container` only."""

    def __init__(
        self, container: Container, watchdog_fired: threading.Event, isolation: Isolation
    ) -> None:
        self._container = container
        self._watchdog_fired = watchdog_fired
        self._netns_fd: int | None = None  # held open: the namespace outlives a reused pid
        self._remote: bool | None = None  # known once seen running (see :attr:`remote`)
        self._sidecar: Sidecar | None = None
        self.id: str = container.id or ""
        self.name: str = container.name or ""
        #: the id of the image it runs
        self.image: str = str((container.attrs or {}).get("Image") or "")
        #: ``"none"`` (no network), ``"isolated"`` (an isolated network), or ``"bridge"``
        #: (Docker's default bridge: imgopt could not enter network namespaces).
        self.isolation: Isolation = isolation

    @property
    def remote(self) -> bool:
        """Whether the container's processes are out of this machine's reach (an engine on
        another machine, or ``IMGOPT_VERIFY_SIDECAR`` set): they are then reached through a
        sidecar (:meth:`sidecar`), never through this machine's ``/proc``. False while it is
        not running (nothing to reach either way)."""
        from imgopt.engine import sidecar

        if self._remote is None:
            if sidecar.forced() or (
                self.isolation != "bridge" and not can_enter_network_namespaces()
            ):
                # Forced; or, on an engine guessed elsewhere, this process cannot enter the
                # container's namespaces (not root): its sidecar reaches it, wherever it runs.
                self._remote = True
            else:
                try:
                    self._remote = False if self.pid is not None else None
                except EngineError:
                    if self._running_pid() is None:
                        raise  # the engine did not answer
                    self._remote = True  # running, yet its process is not this machine's
        return bool(self._remote)

    def sidecar(self) -> Sidecar:
        """The sidecar beside this container (started at the first call; removed with it).

        Raises:
            EngineError: when it cannot be built or started.
        """
        if self._sidecar is None:
            from imgopt.engine.sidecar import Sidecar

            labels = dict(self._container.labels or {})
            run_id = labels.pop(RUN_LABEL, "")
            self._sidecar = Sidecar(
                self.id, run_id=run_id, labels=labels, addresses=self._addresses()
            )
        return self._sidecar

    def _sidecar_for_connection(self) -> Sidecar:
        """:meth:`sidecar`; a container that is not running refuses connections, as on this
        machine, rather than fail the engine (a sidecar cannot join a stopped container)."""
        try:
            return self.sidecar()
        except EngineError as exc:
            self._reload()
            if self._running_pid() is None:
                raise ConnectionRefusedError(
                    errno.ECONNREFUSED, "container is not running"
                ) from exc
            raise

    def _running_pid(self) -> int | None:
        state = self._container.attrs.get("State") or {}
        pid = _int_or_none(state.get("Pid"))
        return pid if pid and state.get("Running") else None

    @property
    def pid(self) -> int | None:
        """The container's init process id as the host sees it; None when it is not running.

        Raises:
            EngineError: the engine runs the container on another machine (or in a VM): that
                number is not this machine's process, and tracing it or entering its network
                namespace would reach an unrelated local process (:func:`is_container_process`);
                also whenever ``IMGOPT_VERIFY_SIDECAR`` makes every engine count as remote.
                Such a container is reached through :meth:`sidecar` (see :attr:`remote`).
        """
        from imgopt.engine import sidecar

        if sidecar.forced():
            raise EngineError(
                f"container {self.name} is reached through a sidecar ({sidecar.FORCE_ENV})"
            )
        self._reload()
        state = self._container.attrs.get("State") or {}
        pid = _int_or_none(state.get("Pid"))
        if not (pid and state.get("Running")):
            return None
        if not is_container_process(pid, self.id):
            self._reload()  # it may have just exited (its process gone, or the number reused)
            state = self._container.attrs.get("State") or {}
            if not state.get("Running") or _int_or_none(state.get("Pid")) != pid:
                return None
            if is_container_process(pid, self.id):
                return pid
            raise EngineError(
                f"container {self.name}'s process {pid} is not a process of this machine: "
                "the engine runs it elsewhere (a remote engine or a VM)",
                hint="verification traces and probes containers through this machine's /proc; "
                "verify on an engine of this machine, or pass --no-verify",
            )
        return pid

    def open_connection(self, container_port: int, timeout: float) -> socket.socket:
        """A TCP connection to ``container_port``, whatever the container's network mode.

        The socket is created inside the container's network namespace (so a container with no
        network at all is reachable) and connects to the container's loopback, then to its own
        addresses. Where that namespace cannot be entered (not root), the published 127.0.0.1
        port is used. The socket is the caller's to close; its timeout is ``timeout``.

        Raises:
            OSError: when nothing accepts the connection (refused, timed out, container gone).
        """
        if self.remote:
            return self._sidecar_for_connection().connect(container_port, timeout)
        fd = self._netns()
        if fd is None:
            port = self.host_port(container_port)
            if port is None:
                raise ConnectionRefusedError(
                    errno.ECONNREFUSED, f"container port {container_port} is not reachable"
                )
            return socket.create_connection(("127.0.0.1", port), timeout=timeout)
        last: OSError | None = None
        for address in ("127.0.0.1", *self._addresses()):
            sock = _socket_in_netns(fd)
            try:
                sock.settimeout(timeout)
                sock.connect((address, container_port))
            except OSError as exc:
                sock.close()
                last = exc
                if not isinstance(exc, ConnectionRefusedError):
                    break  # a timeout would only repeat on the next address
            else:
                return sock
        assert last is not None
        raise last

    def _netns(self) -> int | None:
        """An open descriptor of the container's network namespace; None if it cannot be had."""
        if self._netns_fd is None and can_enter_network_namespaces():
            pid = self.pid
            if pid is None:
                raise ConnectionRefusedError(errno.ECONNREFUSED, "container is not running")
            try:
                self._netns_fd = os.open(f"/proc/{pid}/ns/net", os.O_RDONLY | os.O_CLOEXEC)
            except OSError as exc:
                raise ConnectionRefusedError(
                    errno.ECONNREFUSED, f"container network namespace is gone: {exc}"
                ) from exc
        return self._netns_fd

    def _addresses(self) -> list[str]:
        networks = (self._container.attrs.get("NetworkSettings") or {}).get("Networks") or {}
        return [str(n["IPAddress"]) for n in networks.values() if n and n.get("IPAddress")]

    def _close(self) -> None:
        if self._sidecar is not None:
            self._sidecar.remove()
            self._sidecar = None
        if self._netns_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._netns_fd)
            self._netns_fd = None

    def host_port(self, container_port: int) -> int | None:
        """The 127.0.0.1 port published for ``container_port``, in the ``bridge`` fallback only
        (see the module docs); None otherwise, or once the container is gone. Probes use
        :meth:`open_connection`, which works in every mode.
        """
        self._reload()
        ports = (self._container.attrs.get("NetworkSettings") or {}).get("Ports") or {}
        for binding in ports.get(f"{container_port}/tcp") or []:
            if binding.get("HostIp") in ("127.0.0.1", "") and binding.get("HostPort"):
                return int(binding["HostPort"])
        return None

    def health(self) -> str | None:
        """Its healthcheck's status (``starting``, ``healthy``, ``unhealthy``); None without one."""
        self._reload()
        health = (self._container.attrs.get("State") or {}).get("Health") or {}
        status = health.get("Status")
        return str(status) if status else None

    def state(self) -> ContainerState:
        """The container's current state."""
        self._reload()
        state = self._container.attrs.get("State") or {}
        running = bool(state.get("Running"))
        return ContainerState(
            status=str(state.get("Status", "unknown")),
            running=running,
            exit_code=None if running else _int_or_none(state.get("ExitCode")),
            oom_killed=bool(state.get("OOMKilled")),
            killed_by_watchdog=self._watchdog_fired.is_set(),
        )

    def logs(self, tail: int = 50) -> str:
        """The last ``tail`` lines of the container's stdout and stderr."""
        # The engine copies output to its log file asynchronously: a line printed just before an
        # answer the caller already has may not be there yet.
        time.sleep(LOG_SETTLE_S)
        return _logs(self._container, tail=tail)

    def exec(
        self, command: Sequence[str], *, env: Mapping[str, str] | None = None, timeout_s: float
    ) -> ExecResult:
        """Run ``command`` (no shell) in the container; give up after ``timeout_s``.

        A command still running at its timeout is left to die with the container, which is
        removed when the ``running_container`` block ends.
        """
        from docker.errors import DockerException

        outcome: dict[str, Any] = {}
        api = self._container.client.api

        def target() -> None:
            try:
                created = api.exec_create(
                    self.id, list(command), environment=dict(env or {}), stdout=True, stderr=True
                )
                capped = CappedOutput()
                for chunk in api.exec_start(created["Id"], stream=True, demux=False):
                    capped.add(chunk)
                outcome["output"] = capped.text()
                outcome["exit_code"] = api.exec_inspect(created["Id"]).get("ExitCode")
            except (DockerException, OSError) as exc:  # engine trouble, reported below
                outcome["error"] = exc

        started = time.monotonic()
        worker = threading.Thread(target=target, name=f"exec-{self.name}", daemon=True)
        worker.start()
        worker.join(timeout_s)
        duration = time.monotonic() - started
        if worker.is_alive():
            return ExecResult(None, "", timed_out=True, duration_s=duration)
        if "error" in outcome:
            raise EngineError(f"exec in container {self.name} failed: {_short(outcome['error'])}")
        return ExecResult(
            _int_or_none(outcome["exit_code"]),
            outcome["output"],
            timed_out=False,
            duration_s=duration,
        )

    def _reload(self) -> None:
        from docker.errors import DockerException, NotFound

        try:
            self._container.reload()
        except NotFound:
            return  # removed underneath us: keep the last state we saw
        except DockerException as exc:
            raise EngineError(f"cannot inspect container {self.name}: {_short(exc)}") from exc


@contextlib.contextmanager
def running_container(
    image: str,
    *,
    run_id: str,
    command: Sequence[str] | None = None,
    entrypoint: Sequence[str] | None = None,
    env: Mapping[str, str] | None = None,
    ports: Sequence[int] = (),
    sandbox: Sandbox | None = None,
    labels: Mapping[str, str] | None = None,
    network: str | None = None,
    aliases: Sequence[str] = (),
    mounts: Sequence[MountSpec] = (),
    healthcheck: HealthcheckSpec | None = None,
) -> Iterator[RunningContainer]:
    """Start a container in the sandbox; remove it when the block ends, however it ends.

    Args:
        image: image reference or id.
        run_id: value of the ``imgopt.run`` label, chosen by the caller.
        command: replaces the image's CMD (None keeps it).
        entrypoint: replaces the image's ENTRYPOINT (None keeps it).
        env: environment variables added to the image's.
        ports: container TCP ports the caller will probe: published on a random port of
            127.0.0.1 only in the ``bridge`` fallback (see the module docs).
        sandbox: limits; the defaults of :class:`Sandbox` when None.
        labels: extra labels (e.g. ``imgopt.test=1``).
        network: an isolated network (:func:`isolated_network`) to join; None: no network,
            unless the block runs in a :func:`placed` placement.
        aliases: the container's names on ``network`` (a Compose service's name and aliases).
        mounts: volumes and files to mount (a dependency's data volume, its init scripts).
        healthcheck: replaces the image's HEALTHCHECK.

    Raises:
        InputError: when the engine has no such image.
        ContainerStartError: when the container cannot be started (bad command, ...).
        EngineError: when the engine fails.
    """
    sandbox = sandbox or Sandbox()
    placement = _PLACEMENT.get()
    if placement is not None and network is None:
        network, aliases = placement.network, aliases or placement.aliases
        env = {**dict(placement.env), **dict(env or {})}
    client = get_client()
    name = _container_name(run_id)
    fired = threading.Event()
    watchdog: threading.Timer | None = None
    running: RunningContainer | None = None
    isolation = _isolation(network)
    try:
        container = _create(
            client,
            image,
            name,
            _Wiring(
                run_id,
                labels,
                isolation,
                network,
                tuple(aliases),
                tuple(ports),
                tuple(mounts),
                healthcheck,
            ),
            command,
            entrypoint,
            env,
            sandbox,
        )
        watchdog = threading.Timer(sandbox.lifetime_s, _kill, args=(container, fired))
        watchdog.daemon = True
        watchdog.start()
        _start(container, image)
        running = RunningContainer(container, fired, isolation)
        yield running
    finally:
        if watchdog is not None:
            watchdog.cancel()
        if running is not None:
            running._close()
        _remove(client, name)


def run_container(
    image: str,
    *,
    run_id: str,
    timeout_s: float,
    command: Sequence[str] | None = None,
    entrypoint: Sequence[str] | None = None,
    env: Mapping[str, str] | None = None,
    sandbox: Sandbox | None = None,
    labels: Mapping[str, str] | None = None,
    network: str | None = None,
    aliases: Sequence[str] = (),
) -> CompletedRun:
    """Run a container to completion in the sandbox, killing it after ``timeout_s``; remove it.

    Raises:
        InputError: when the engine has no such image.
        ContainerStartError: when the container cannot be started.
        EngineError: when the engine fails.
    """
    import requests
    from docker.errors import DockerException

    sandbox = sandbox or Sandbox()
    # The watchdog must never fire before our own, gentler timeout has had its say.
    sandbox = dataclasses.replace(sandbox, lifetime_s=max(sandbox.lifetime_s, timeout_s + 30))
    started = time.monotonic()
    with running_container(
        image,
        run_id=run_id,
        command=command,
        entrypoint=entrypoint,
        env=env,
        sandbox=sandbox,
        labels=labels,
        network=network,
        aliases=aliases,
    ) as running:
        container = running._container
        timed_out = False
        try:
            container.wait(timeout=timeout_s)
        except (requests.exceptions.ReadTimeout, requests.exceptions.ConnectionError):
            # docker-py reports a wait that outlived its timeout as one of these.
            timed_out = True
        except DockerException as exc:
            raise EngineError(f"waiting for container {running.name}: {_short(exc)}") from exc
        duration = time.monotonic() - started
        if timed_out:
            _kill(container, None)
        state = running.state()
        output = _logs(container, tail=None)
    return CompletedRun(
        exit_code=None if timed_out else state.exit_code,
        output=output,
        timed_out=timed_out,
        oom_killed=state.oom_killed,
        duration_s=duration,
    )


def remove_run_containers(run_id: str) -> int:
    """Remove every container labelled ``imgopt.run=<run_id>``, then the run's networks and
    volumes (those of an app's dependencies); return how many containers there were."""
    client = get_client()
    found = _labelled(client.containers, "containers", run_id, all=True)
    for container in found:
        _remove(client, container.id or "")
    remove_run_networks(run_id)
    remove_run_volumes(run_id)
    return len(found)


def isolated_network(
    run_id: str, labels: Mapping[str, str] | None = None
) -> contextlib.AbstractContextManager[str]:
    """A network with no route out, for a container and its dependencies; yields its name.

    It is ``internal`` (no gateway, no route to the outside) and its bridge carries no address of
    the host (``inhibit_ipv4``): an internal network alone would still let its members reach
    every port the host listens on through the bridge's own address. Members reach each other by
    name; imgopt reaches them from inside their namespaces. Removed when the block ends.

    Raises:
        EngineError: when the engine cannot create it.
    """
    client = get_client()

    def create(name: str, all_labels: dict[str, str]) -> None:
        client.networks.create(
            name,
            driver="bridge",
            internal=True,
            options={"com.docker.network.bridge.inhibit_ipv4": "true"},
            labels=all_labels,
            check_duplicate=True,
        )

    return _run_resource("network", run_id, labels, create, client.api.remove_network)


def run_volume(
    run_id: str, labels: Mapping[str, str] | None = None
) -> contextlib.AbstractContextManager[str]:
    """A fresh named volume, labelled with the run, removed when the block ends; yields its name.

    Raises:
        EngineError: when the engine cannot create it.
    """
    client = get_client()
    return _run_resource(
        "volume",
        run_id,
        labels,
        lambda name, all_labels: client.volumes.create(name, labels=all_labels),
        lambda name: client.api.remove_volume(name, force=True),
    )


@contextlib.contextmanager
def _run_resource(
    kind: str,
    run_id: str,
    labels: Mapping[str, str] | None,
    create: Callable[[str, dict[str, str]], object],
    remove: Callable[[str], object],
) -> Iterator[str]:
    """A network or volume labelled with the run, removed when the block ends, however it ends."""
    import requests
    from docker.errors import DockerException, NotFound

    name = _container_name(run_id).replace("imgopt-", f"imgopt-{kind[:3]}-", 1)
    try:
        try:
            create(name, {**dict(labels or {}), RUN_LABEL: run_id})
        except (DockerException, requests.exceptions.RequestException) as exc:
            raise EngineError(f"cannot create a {kind}: {_short(exc)}") from exc
        yield name
    finally:
        try:
            remove(name)
        except NotFound:
            pass
        except (DockerException, requests.exceptions.RequestException) as exc:
            # Raising would hide the exception that ended the block; the label still finds it.
            log.warning("could not remove %s %s: %s", kind, name, _short(exc))


def remove_run_volumes(run_id: str) -> int:
    """Remove every volume labelled ``imgopt.run=<run_id>``; return how many there were."""
    from docker.errors import DockerException

    client = get_client()
    for volume in (found := _labelled(client.volumes, "volumes", run_id)):
        with contextlib.suppress(DockerException):
            volume.remove(force=True)
    return len(found)


def remove_run_networks(run_id: str) -> int:
    """Remove every network labelled ``imgopt.run=<run_id>``; return how many there were."""
    from docker.errors import DockerException

    client = get_client()
    for network in (found := _labelled(client.networks, "networks", run_id)):
        for member in network.attrs.get("Containers") or {}:
            _remove(client, member)
        with contextlib.suppress(DockerException):
            network.remove()
    return len(found)


@functools.cache
def can_enter_network_namespaces() -> bool:
    """Whether this process may enter a container's network namespace.

    It must be root with CAP_SYS_ADMIN (root inside an unprivileged container is not): tried once,
    by entering its own network namespace.
    """
    if _setns is None or os.geteuid() != 0:
        return False
    try:
        fd = os.open("/proc/self/ns/net", os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        _socket_in_netns(fd).close()
    except OSError:
        return False
    finally:
        os.close(fd)
    return True


# --- internals -------------------------------------------------------------------------------


def _labelled(collection: Any, kind: str, run_id: str, **options: Any) -> list[Any]:
    """The containers, networks or volumes (``collection``) labelled with the run."""
    from docker.errors import DockerException

    try:
        found: list[Any] = collection.list(filters={"label": f"{RUN_LABEL}={run_id}"}, **options)
    except DockerException as exc:
        raise EngineError(f"cannot list {kind} of run {run_id}: {_short(exc)}") from exc
    return found


_CLONE_NEWNET = 0x40000000


def _load_setns() -> Any:
    try:
        func = ctypes.CDLL(None, use_errno=True).setns
    except (OSError, AttributeError):
        return None
    func.argtypes = (ctypes.c_int, ctypes.c_int)
    func.restype = ctypes.c_int
    return func


_setns = _load_setns()


def _socket_in_netns(netns_fd: int) -> socket.socket:
    """A TCP socket that belongs to the network namespace ``netns_fd``.

    A socket keeps the namespace it was created in, so a short-lived thread enters the namespace,
    creates the socket and ends; the socket is then used from any thread. (setns changes only the
    calling thread's network namespace; Python 3.11 has no os.setns.)
    """
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            if _setns(netns_fd, _CLONE_NEWNET) != 0:
                code = ctypes.get_errno()
                raise OSError(code, f"setns: {os.strerror(code)}")
            outcome["sock"] = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        except OSError as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=target, name="imgopt-netns", daemon=True)
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    sock: socket.socket = outcome["sock"]
    return sock


def _container_name(run_id: str) -> str:
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", run_id).strip("-.")[:40] or "run"
    return f"imgopt-{safe}-{uuid.uuid4().hex[:10]}"


@dataclass(frozen=True)
class _Wiring:
    """Where a container is attached and how it is labelled."""

    run_id: str
    labels: Mapping[str, str] | None
    isolation: Isolation
    network: str | None
    aliases: tuple[str, ...]
    ports: tuple[int, ...]
    mounts: tuple[MountSpec, ...] = ()
    healthcheck: HealthcheckSpec | None = None


def _isolation(network: str | None) -> Isolation:
    from imgopt.engine.sidecar import engine_elsewhere

    if not can_enter_network_namespaces() and not engine_elsewhere():
        global _warned_bridge
        if not _warned_bridge:
            _warned_bridge = True
            log.warning(
                "not root: containers run on Docker's default bridge network, where they can "
                "reach this machine's ports and the outside (see the README's threat model)"
            )
        return "bridge"
    return "none" if network is None else "isolated"


_warned_bridge = False


def _create(
    client: Any,
    image: str,
    name: str,
    wiring: _Wiring,
    command: Sequence[str] | None,
    entrypoint: Sequence[str] | None,
    env: Mapping[str, str] | None,
    sandbox: Sandbox,
) -> Container:
    from docker.errors import DockerException, ImageNotFound
    from docker.types import Healthcheck, LogConfig, Mount

    extra: dict[str, Any] = {}
    if wiring.mounts:
        extra["mounts"] = [
            Mount(m.target, m.source or None, type=m.kind, read_only=m.read_only)
            for m in wiring.mounts
        ]
    if wiring.healthcheck is not None:
        check = wiring.healthcheck
        extra["healthcheck"] = Healthcheck(
            test=list(check.test),
            interval=int(check.interval_s * 1e9),
            timeout=int(check.timeout_s * 1e9),
            retries=check.retries,
            start_period=int(check.start_period_s * 1e9),
        )
    network: dict[str, Any]
    if wiring.isolation == "none":
        network = {"network_mode": "none"}
    elif wiring.isolation == "isolated":
        assert wiring.network is not None
        endpoint = client.api.create_endpoint_config(aliases=list(wiring.aliases) or None)
        network = {"network": wiring.network, "networking_config": {wiring.network: endpoint}}
    else:
        # Loopback only, random host port: nothing outside this machine can reach it.
        network = {"ports": {f"{p}/tcp": ("127.0.0.1", None) for p in wiring.ports}}
        if wiring.network is not None:
            network["network"] = wiring.network
    try:
        container: Container = client.containers.create(
            image,
            name=name,
            command=list(command) if command is not None else None,
            entrypoint=list(entrypoint) if entrypoint is not None else None,
            environment=dict(env or {}),
            labels={**dict(wiring.labels or {}), RUN_LABEL: wiring.run_id},
            user=sandbox.user or "",
            privileged=False,
            cap_drop=["ALL"] if sandbox.drop_all_capabilities else list(DEFAULT_CAPS_DROPPED),
            security_opt=["no-new-privileges"],
            mem_limit=sandbox.memory,
            memswap_limit=sandbox.memory,  # same as memory: no swap on top
            pids_limit=sandbox.pids_limit,
            nano_cpus=int(sandbox.cpus * 1e9),
            log_config=LogConfig(
                type=LogConfig.types.JSON, config={"max-size": LOG_FILE_BYTES, "max-file": "1"}
            ),
            detach=True,
            **network,
            **extra,
        )
    except ImageNotFound as exc:
        raise InputError(f"no image {image!r} in the engine") from exc
    except DockerException as exc:
        raise EngineError(f"cannot create a container from {image}: {_short(exc)}") from exc
    return container


def _start(container: Container, image: str) -> None:
    import requests
    from docker.errors import APIError

    try:
        container.start()
    except APIError as exc:
        # The engine created the container but the runtime refused it: the image's command is
        # missing, not executable, for another architecture... a fact about the image.
        raise ContainerStartError(f"container from {image} did not start: {_short(exc)}") from exc
    except requests.exceptions.RequestException as exc:
        raise EngineError(f"cannot start a container from {image}: {_short(exc)}") from exc


def _kill(container: Container, fired: threading.Event | None) -> None:
    from docker.errors import DockerException

    if fired is not None:
        fired.set()
    with contextlib.suppress(DockerException, OSError):
        container.kill()


def _remove(client: Any, name_or_id: str) -> None:
    import requests
    from docker.errors import DockerException, NotFound

    try:
        # v=True: anonymous volumes (an image's VOLUME) go too, or every run would leak them.
        client.api.remove_container(name_or_id, force=True, v=True)
    except NotFound:
        pass  # never created (interrupted before), or already gone
    except (DockerException, requests.exceptions.RequestException) as exc:
        # Raising here would hide the exception that ended the block; the label still finds it.
        log.warning("could not remove container %s: %s", name_or_id, _short(exc))


def _logs(container: Container, *, tail: int | None) -> str:
    """The container's log, read as a stream: at most :data:`MAX_OUTPUT_BYTES` are ever held."""
    from docker.errors import DockerException

    capped = CappedOutput()
    try:
        stream = container.logs(
            stdout=True,
            stderr=True,
            stream=True,
            follow=False,
            tail="all" if tail is None else tail,
        )
        for chunk in stream:
            capped.add(chunk)
    except (DockerException, OSError):
        pass  # what was read so far is all there is
    return capped.text()


class CappedOutput:
    """A stream's first :data:`HEAD_BYTES` and last bytes, up to :data:`MAX_OUTPUT_BYTES` in all.

    Whatever the stream's size, memory stays bounded; the text says how much was left out, with
    a digest of the whole stream, so two outputs that differ only in what was left out still
    differ (a smoke check's ``same_output``).
    """

    def __init__(self, limit: int = MAX_OUTPUT_BYTES, head: int = HEAD_BYTES) -> None:
        self._head_limit = head
        self._tail_limit = limit - head
        self._head = bytearray()
        self._tail = bytearray()
        self._digest = hashlib.sha256()
        self.total = 0

    def add(self, chunk: bytes) -> None:
        """Take the next piece of the stream."""
        self.total += len(chunk)
        self._digest.update(chunk)
        room = self._head_limit - len(self._head)
        if room > 0:
            self._head += chunk[:room]
            chunk = chunk[room:]
        if chunk:
            self._tail += chunk
            if len(self._tail) > 2 * self._tail_limit:  # trim now and then, not per chunk
                del self._tail[: len(self._tail) - self._tail_limit]

    def text(self) -> str:
        """The kept bytes as text, with a line saying how many were left out between them."""
        tail = bytes(self._tail[-self._tail_limit :]) if self._tail_limit else b""
        skipped = self.total - len(self._head) - len(tail)
        whole = f"sha256 of all {self.total} bytes {self._digest.hexdigest()[:16]}"
        middle = f"\n[imgopt: {whole}; {skipped} bytes of output left out]\n" if skipped else ""
        return (bytes(self._head) + middle.encode() + tail).decode("utf-8", "replace")


def _argv(value: object) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    return None


def _int_or_none(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _short(exc: BaseException) -> str:
    text = str(exc).strip()
    return keep_ends(text) if text else type(exc).__name__
