"""Find out how an image runs, by running it: a service (and on which port) or a one-shot command.

The truth comes from the container's network namespace, read from the host: the TCP sockets in
LISTEN state (``0A``) in ``/proc/<init pid>/net/tcp`` and ``tcp6``. ``EXPOSE``, a ``PORT``
variable and a spec's ports are only hints: they decide which listening port is tried first.
A port answers when an HTTP ``GET /`` gets any answer at all. A service whose every port accepts
but answers in another protocol (a Redis proxy) is a TCP service: its probes connect and compare
what it says first (:func:`tcp_checks`).
"""

from __future__ import annotations

import http.client
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from imgopt.engine.containers import RunningContainer, image_facts
from imgopt.errors import EngineError
from imgopt.verify.run import http_get
from imgopt.verify.spec import HttpCheck, StatusRange

DiscoveryKind = Literal["service", "one-shot", "unknown"]
LISTEN = "0A"
ONE_SHOT_LINES = 100_000  # as many lines as the engine keeps (the output is bounded in bytes)
#: Rounds in a row every listening port must answer in another protocol than HTTP before the
#: service is judged not to speak HTTP (a server still starting may reset a first request).
NOT_HTTP_ROUNDS = 5
NOT_HTTP_AFTER_S = 5.0
#: Shells that, run with no argument and no input, exit 0 at once.
BARE_SHELLS = frozenset({"bash", "sh", "dash", "ash", "zsh"})


def listening_ports(pid: int) -> tuple[int, ...]:
    """TCP ports some process listens on in the network namespace of ``pid`` (sorted)."""
    texts: list[str] = []
    for name in ("tcp", "tcp6"):
        try:
            texts.append(Path(f"/proc/{pid}/net/{name}").read_text())
        except OSError:
            continue
    return parse_listening("\n".join(texts))


def parse_listening(text: str) -> tuple[int, ...]:
    """The ports in LISTEN state in the text of ``/proc/.../net/tcp`` and ``tcp6`` (one after
    the other; their header lines are skipped), sorted."""
    ports: set[int] = set()
    for line in text.splitlines():
        fields = line.split()
        if len(fields) > 3 and fields[3] == LISTEN and ":" in fields[1]:
            ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return tuple(sorted(ports))


def _listening_now(container: RunningContainer, pid: int) -> tuple[int, ...]:
    """The ports listening now: through this machine's ``/proc``, or through the container's
    sidecar when its processes are out of reach (:mod:`imgopt.verify.remote`)."""
    if getattr(container, "remote", False):  # test doubles have no sidecar
        from imgopt.verify.remote import listening_ports as through_sidecar

        try:
            return through_sidecar(container.sidecar())
        except EngineError:
            return ()  # it stopped meanwhile (no sidecar joins it): its state says so next
    return listening_ports(pid)


@dataclass(frozen=True)
class Discovery:
    """What running the original showed about how it runs.

    Attributes:
        kind: ``service`` (still running after start-up), ``one-shot`` (exited) or ``unknown``.
        listening: TCP ports its processes listened on (services).
        port: the port that answered HTTP, None when none did.
        ready_s: seconds from start to the first HTTP answer (service) or to the exit (one-shot).
        exit_code: a one-shot's exit code.
        output: a one-shot's output (its tail), or the service's log tail.
        hints: ports EXPOSE, ``PORT`` or the spec named, in the order they were tried.
        reason: why the original cannot be verified as discovered; None when it can.
    """

    kind: DiscoveryKind
    listening: tuple[int, ...] = ()
    port: int | None = None
    ready_s: float | None = None
    exit_code: int | None = None
    output: str = ""
    hints: tuple[int, ...] = ()
    reason: str | None = None
    not_http: bool = False  # a service whose ports answer, but not in HTTP
    bare_shell: bool = False  # a one-shot whose command is a shell with nothing to run

    def describe(self) -> str:
        """One line: ``service, listens on 8080/tcp, ready after 2.1 s``."""
        if self.kind == "service":
            ports = ", ".join(f"{p}/tcp" for p in self.listening) or "no TCP port"
            text = f"service, listens on {ports}"
            if self.port is not None and len(self.listening) > 1:
                text += f", {self.port}/tcp answered HTTP"
            if self.not_http:
                text += ", none of them HTTP"
            if self.ready_s is not None:
                text += f", ready after {self.ready_s:.1f} s"
            return text if self.reason is None else f"{text}: {self.reason}"
        if self.kind == "one-shot":
            text = f"one-shot command, exited {self.exit_code}"
            if self.ready_s is not None:
                text += f" after {self.ready_s:.1f} s"
            return text if self.reason is None else f"{text}: {self.reason}"
        return f"unknown: {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (``discovery.json`` in the run folder)."""
        return {**asdict(self), "summary": self.describe()}


def watch_start(
    container: RunningContainer,
    *,
    pid: int,
    hints: tuple[int, ...],
    deadline_s: float,
    started: float,
    log_tail: int = 40,
) -> Discovery:
    """Watch a container from its start until it exits, answers HTTP, or ``deadline_s`` passes.

    Args:
        container: the running container (its own command, possibly traced).
        pid: its init process as the host sees it (as its sidecar sees it, 1, when the
            container is :attr:`~imgopt.engine.containers.RunningContainer.remote`).
        hints: ports to try first when several listen.
        deadline_s: seconds from ``started`` after which it is judged.
        started: ``time.monotonic()`` when its command was let go.
        log_tail: lines of output to keep.
    """
    deadline = started + deadline_s
    listening: tuple[int, ...] = ()
    last_error = ""
    not_http: dict[int, int] = {}  # port -> rounds in a row it answered, but not in HTTP
    while True:
        state = container.state()
        if not state.running:
            # A one-shot's whole output is compared with the variant's: keep all of it.
            seconds = time.monotonic() - started
            return exited(container, state.exit_code, seconds, hints, ONE_SHOT_LINES)
        listening = _listening_now(container, pid) or listening
        for port in sorted(
            listening, key=lambda p: (p not in hints, hints.index(p) if p in hints else p)
        ):
            try:
                http_get(container, port, "/", 5.0)
            except http.client.HTTPException as exc:
                # It accepted, then answered in another protocol or hung up (a Redis proxy).
                not_http[port] = not_http.get(port, 0) + 1
                last_error = f"{port}/tcp: {type(exc).__name__}: {exc}".strip()
                continue
            except OSError as exc:
                not_http.pop(port, None)
                last_error = f"{port}/tcp: {type(exc).__name__}: {exc}".strip()
                continue
            return Discovery(
                kind="service",
                listening=listening,
                port=port,
                ready_s=time.monotonic() - started,
                hints=hints,
            )
        settled = time.monotonic() - started >= NOT_HTTP_AFTER_S
        if settled and listening and all(not_http.get(p, 0) >= NOT_HTTP_ROUNDS for p in listening):
            # Waiting out the deadline would not change it: a TCP service (a Redis proxy).
            return Discovery(
                kind="service",
                listening=listening,
                ready_s=time.monotonic() - started,
                hints=hints,
                output=container.logs(tail=log_tail),
                not_http=True,  # probed over TCP (tcp_checks): accepts, and what it says first
            )
        if time.monotonic() >= deadline:
            if listening:
                ports = ", ".join(f"{p}/tcp" for p in listening)
                reason = (
                    f"listens on {ports} but answered no HTTP GET / within {deadline_s:g} s"
                    + (f" (last: {last_error})" if last_error else "")
                )
            else:
                reason = f"still running after {deadline_s:g} s and listens on no TCP port"
            return Discovery(
                kind="service" if listening else "unknown",
                listening=listening,
                hints=hints,
                output=container.logs(tail=log_tail),
                reason=reason,
            )
        time.sleep(0.1 if time.monotonic() - started < 5 else 0.5)


def exited(
    container: RunningContainer,
    exit_code: int | None,
    seconds: float | None,
    hints: tuple[int, ...],
    log_tail: int = 40,
) -> Discovery:
    """The discovery of a command that exited: a one-shot, which fails unless it exited 0."""
    output = container.logs(tail=log_tail)
    reason = None
    if exit_code is None:
        reason = "the container vanished before its exit code could be read"
    elif exit_code in (126, 127):
        last = output.strip().splitlines()[-1:] or ["no output"]
        reason = f"its command cannot start (exit code {exit_code}: {last[0]})"
    elif exit_code != 0:
        reason = f"its command exited {exit_code}"
    bare_shell = False
    if reason is None and not output.strip():
        argv = _own_command(container)
        bare_shell = len(argv) == 1 and Path(argv[0]).name in BARE_SHELLS
        if bare_shell:
            # A build image (FROM golang, no CMD of its own) inherits `bash`, which reads its
            # empty input and exits 0: any variant, whatever it lost, would do the same.
            reason = (
                f"its command is a bare shell ({argv[0]}), which exits 0 at once without "
                "input: running it checks nothing of the app; name a [[command]] that runs "
                "the app in smoke.toml"
            )
    return Discovery(
        kind="one-shot",
        ready_s=seconds,
        exit_code=exit_code,
        output=output,
        hints=hints,
        reason=reason,
        bare_shell=bare_shell,
    )


def tcp_checks(discovery: Discovery, startup_s: float, timeout_s: float) -> list[HttpCheck]:
    """The probes of a service that speaks no HTTP: each port it listens on accepts a
    connection, and says first what the original said (nothing, a greeting, its stats)."""
    if not discovery.not_http:
        return []
    return [
        HttpCheck(
            name=f"TCP {port}",
            port=port,
            status=StatusRange(100, 599),
            startup_timeout_s=startup_s,
            request_timeout_s=timeout_s,
            tcp=True,
        )
        for port in discovery.listening
    ]


def _own_command(container: RunningContainer) -> tuple[str, ...]:
    """The image's own command (entry point and CMD), not the gate that started it."""
    image = getattr(container, "image", "")
    if not image:
        return ()
    facts = image_facts(image)
    return tuple(facts.entrypoint or ()) + tuple(facts.cmd or ())


def spec_draft(discovery: Discovery, paths: tuple[str, ...], image: str) -> str:
    """A ready-to-edit ``smoke.toml`` holding what was discovered."""
    lines = [
        f"# Drafted by imgopt from running {image}: {discovery.describe()}",
        "# Edit it and put it beside the Dockerfile as smoke.toml; the format is in",
        "# sample_apps/README.md.",
        "startup_timeout = 60",
        "",
    ]
    port = discovery.port or (discovery.listening[0] if discovery.listening else None)
    port = port or (discovery.hints[0] if discovery.hints else None)
    if discovery.not_http or discovery.bare_shell:
        # Nothing imgopt can derive: a command of the user's is the check, to be written.
        what = (
            "a client of the app that talks to it"
            if discovery.not_http
            else "the app's own program"
        )
        lines += [
            f"# Replace the command below with {what}; it runs in the app's container.",
            "[[command]]",
            'name = "the app answers"',
            f'mode = "{"exec" if discovery.not_http else "run"}"',
            'command = ["sh", "-c", "echo write the command that checks the app; exit 1"]',
            "exit_code = 0",
            "",
        ]
        return "\n".join(lines)
    if discovery.kind == "one-shot" or port is None:
        code = discovery.exit_code if discovery.exit_code is not None else 0
        lines += ["[[command]]", 'name = "default command"', f"exit_code = {code}", ""]
        if port is None and discovery.kind != "one-shot":
            lines += ["# [[http]]", "# port = 8080      # the port your app listens on", ""]
        return "\n".join(lines)
    for path in paths or ("/",):
        lines += [
            "[[http]]",
            f"port = {port}",
            f'path = "{path}"',
            'status = "<500"',
            "",
        ]
    return "\n".join(lines)


__all__ = [
    "Discovery",
    "exited",
    "listening_ports",
    "parse_listening",
    "spec_draft",
    "tcp_checks",
    "watch_start",
]
