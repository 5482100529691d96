"""Run a smoke spec against an image.

HTTP checks that share an environment share one container, started with the image's own command;
``exec`` command checks run in the container of the spec's own environment after its HTTP checks;
``run`` command checks each get a fresh container. Probes go to 127.0.0.1 only.

Capabilities (``capabilities`` in the spec): ``"drop-all"`` runs every container without any Linux
capability; ``"default"`` keeps Docker's default set; ``"auto"`` (the default) runs with none
first and, when that fails, once more with Docker's default set, reporting the second run. A
failure can only come from a missing capability if the app did something (exited, answered
wrongly), so ``auto`` skips the second run when every failure was a server that stayed up but never
answered.

User: an image whose own user is root runs first as a non-root user (``65534:65534``, nobody);
the second run, when there is one, runs as the image's own user. ``SmokeResult.user`` says which.
"""

from __future__ import annotations

import dataclasses
import hashlib
import http.client
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from imgopt.engine.containers import (
    NON_ROOT_USER,
    ContainerStartError,
    ContainerState,
    RunningContainer,
    Sandbox,
    image_facts,
    run_container,
    running_container,
    runs_as_root,
)
from imgopt.verify.result import CheckResult, SmokeResult, start_error
from imgopt.verify.spec import CommandCheck, Env, HttpCheck, SmokeSpec

MAX_BODY_BYTES = 64 * 1024
#: A longer body is read on to this size (its digest compared, not kept); past it, not read.
MAX_HASHED_BODY_BYTES = 64 * 1024**2
LOG_TAIL_LINES = 40
_USER_AGENT = "imgopt-smoke"


def run_smoke(
    image: str,
    spec: SmokeSpec,
    *,
    run_id: str,
    labels: Mapping[str, str] | None = None,
    settle_s: float = 0.0,
) -> SmokeResult:
    """Run every check of ``spec`` against ``image`` and say whether the image works.

    Args:
        image: image reference or id in the local engine.
        spec: the checks (from :func:`~imgopt.verify.load_spec` or
            :func:`~imgopt.verify.infer_spec`).
        run_id: value of the ``imgopt.run`` label on every container started.
        labels: extra labels for those containers (tests add ``imgopt.test=1``).
        settle_s: once the app first answers, wait this long before the recorded probes. The
            original's second profiling run uses it, so that what depends on the time since
            start-up (an uptime, a timestamp in seconds) differs from the first run's answer and
            is learnt as variance, instead of matching by chance and failing every variant.

    Returns:
        The result; a check that fails, or a container that does not start, is a failed result
        with a reason, never an exception.

    Raises:
        InputError: when the engine has no such image.
        EngineError: when the engine fails (unreachable, dies mid-run).
    """
    # First without capabilities (but for "default") and, for an image that runs as root, as a
    # non-root user; then, when the failure could come from that, with the image's own user (and
    # Docker's default capabilities but for "drop-all"). The result says which run it reports.
    nonroot = NON_ROOT_USER if runs_as_root(image_facts(image)) else None
    first_caps = spec.capabilities != "default"
    then_caps = spec.capabilities == "drop-all"
    first = _run_once(
        image, spec, run_id, labels, drop_caps=first_caps, user=nonroot, settle_s=settle_s
    )
    if first.result.passed or not first.could_be_capabilities:
        return first.result
    if (first_caps, nonroot) == (then_caps, None):
        return first.result  # the second run would be the same
    return _run_once(
        image, spec, run_id, labels, drop_caps=then_caps, user=None, settle_s=settle_s
    ).result


@dataclass
class _Outcome:
    result: SmokeResult
    could_be_capabilities: bool


@dataclass
class _Group:
    """Checks that share one container started with the image's own command."""

    env: Env
    http: list[HttpCheck] = field(default_factory=list)
    execs: list[CommandCheck] = field(default_factory=list)


def _run_once(
    image: str,
    spec: SmokeSpec,
    run_id: str,
    labels: Mapping[str, str] | None,
    *,
    drop_caps: bool,
    user: str | None = None,
    settle_s: float = 0.0,
) -> _Outcome:
    started = time.monotonic()
    results: dict[str, CheckResult] = {}
    logs: dict[str, str] = {}  # check name -> log tail of the container it ran in
    only_hangs = True  # every failure so far: a live server that never answered

    for group in _groups(spec):
        lifetime = (
            max((c.startup_timeout_s for c in group.http), default=0.0)
            + sum(c.request_timeout_s for c in group.http)
            + sum(c.timeout_s for c in group.execs)
            + 30.0
        )
        sandbox = _sandbox(spec, drop_caps, lifetime, user)
        ports = sorted({c.port for c in group.http})
        group_results: list[CheckResult] = []
        tail = ""
        try:
            with running_container(
                image,
                run_id=run_id,
                env=dict(group.env),
                ports=ports,
                sandbox=sandbox,
                labels=labels,
            ) as container:
                if settle_s > 0 and group.http:
                    ready, _ = probe_http(container, group.http[0])
                    if ready.passed:
                        time.sleep(settle_s)
                for check in group.http:
                    res, hang = probe_http(container, check)
                    only_hangs = only_hangs and (res.passed or hang)
                    group_results.append(res)
                for cmd in group.execs:
                    res = exec_check(container, cmd)
                    only_hangs = only_hangs and res.passed
                    group_results.append(res)
                tail = container.logs(tail=LOG_TAIL_LINES)
        except ContainerStartError as exc:
            only_hangs = False
            why = f"container did not start: {start_error(exc)}"
            group_results = [
                CheckResult(c.name, "http", False, 0.0, reason=why) for c in group.http
            ] + [CheckResult(c.name, "command", False, 0.0, reason=why) for c in group.execs]
        for res in group_results:
            results[res.name] = res
            logs[res.name] = tail

    for cmd in spec.commands:
        if cmd.mode != "run":
            continue
        res, tail = _run_command(image, spec, cmd, run_id, labels, drop_caps, user)
        only_hangs = only_hangs and res.passed
        results[res.name] = res
        logs[res.name] = tail

    ordered = tuple(results[name] for name in spec.check_names)
    failed = next((r for r in ordered if not r.passed), None)
    if failed is not None:
        reason: str | None = f"{failed.name}: {failed.reason}"
        log_tail = logs.get(failed.name, "")
    else:
        reason = None
        log_tail = next((logs[r.name] for r in ordered if logs.get(r.name)), "")
    result = SmokeResult(
        image=image,
        spec_source=spec.source,
        passed=failed is None,
        checks=ordered,
        reason=reason,
        log_tail=log_tail,
        capabilities="drop-all" if drop_caps else "default",
        user=user or "",
        duration_s=time.monotonic() - started,
    )
    return _Outcome(result, could_be_capabilities=failed is not None and not only_hangs)


def _groups(spec: SmokeSpec) -> list[_Group]:
    groups: dict[Env, _Group] = {}
    main_env = tuple(sorted(spec.env))
    for check in spec.http:
        groups.setdefault(check.env, _Group(check.env)).http.append(check)
    for cmd in spec.commands:
        if cmd.mode == "exec":
            # exec checks join the app's own container: the one with the spec's environment.
            groups.setdefault(main_env, _Group(main_env)).execs.append(cmd)
    return list(groups.values())


def _sandbox(
    spec: SmokeSpec, drop_caps: bool, lifetime_s: float, user: str | None = None
) -> Sandbox:
    return Sandbox(
        memory=spec.memory,
        pids_limit=spec.pids_limit,
        drop_all_capabilities=drop_caps,
        lifetime_s=lifetime_s,
        cpus=spec.cpus,
        user=user,
    )


# --- HTTP ------------------------------------------------------------------------------------


def probe_http(container: RunningContainer, check: HttpCheck) -> tuple[CheckResult, bool]:
    """GET the check's path until an answer comes, the container dies, or time runs out.

    Returns the result and whether a failure was a live server that never answered.
    """
    if check.tcp:
        return probe_tcp(container, check)
    started = time.monotonic()
    deadline = started + check.startup_timeout_s
    delay = 0.1
    last_error = "no connection yet"
    while True:
        try:
            status, content_type, raw = http_get(
                container, check.port, check.path, check.request_timeout_s
            )
        except (OSError, http.client.HTTPException) as exc:
            # Refused, reset or closed: the app does not listen yet (or no longer).
            last_error = _describe(exc)
        else:
            result = _judge_http(check, status, raw, time.monotonic() - started)
            return dataclasses.replace(result, content_type=content_type), False
        state = container.state()
        if not state.running:
            reason = f"{_exit_reason(state)} before answering on port {check.port}"
            return _fail_http(check, reason, started), False
        now = time.monotonic()
        if now >= deadline:
            reason = (
                f"no HTTP answer on port {check.port} within {check.startup_timeout_s:g}s "
                f"(last: {last_error})"
            )
            return _fail_http(check, reason, started), True
        time.sleep(min(delay, deadline - now))
        delay = min(delay * 1.3, 0.5)


#: How long a TCP probe waits for what the app says first once connected (a Redis proxy says
#: nothing until asked; twemproxy's stats port sends its JSON at once).
TCP_GREETING_S = 1.0


def probe_tcp(container: RunningContainer, check: HttpCheck) -> tuple[CheckResult, bool]:
    """Connect to the check's port until it accepts, the container dies, or time runs out; the
    result's body is what the app sent first (within :data:`TCP_GREETING_S`), if anything.

    Returns the result and whether a failure was a live container whose port never accepted.
    """
    started = time.monotonic()
    deadline = started + check.startup_timeout_s
    last_error = "no connection yet"
    while True:
        try:
            sock = container.open_connection(check.port, check.request_timeout_s)
        except OSError as exc:
            last_error = _describe(exc)
        else:
            with sock:
                greeting = _greeting(sock)
            return (
                CheckResult(
                    name=check.name,
                    kind="http",
                    passed=True,
                    duration_s=time.monotonic() - started,
                    body=greeting.decode("utf-8", "replace"),
                    compare_content=check.same_body,
                ),
                False,
            )
        state = container.state()
        if not state.running:
            reason = f"{_exit_reason(state)} before accepting on port {check.port}"
            return _fail_http(check, reason, started), False
        if time.monotonic() >= deadline:
            reason = (
                f"port {check.port} accepted no TCP connection within "
                f"{check.startup_timeout_s:g}s (last: {last_error})"
            )
            return _fail_http(check, reason, started), True
        time.sleep(0.2)


def _greeting(sock: socket.socket) -> bytes:
    sock.settimeout(TCP_GREETING_S)
    chunks: list[bytes] = []
    size = 0
    try:
        while size < MAX_BODY_BYTES:
            chunk = sock.recv(MAX_BODY_BYTES - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError:
        pass  # it said nothing more (a timeout) or hung up
    return b"".join(chunks)


class _ContainerConnection(http.client.HTTPConnection):
    """An HTTP connection whose socket reaches a container port, whatever its network mode."""

    def __init__(self, container: RunningContainer, port: int, timeout: float) -> None:
        super().__init__("localhost", port, timeout=timeout)
        self._target = container

    def connect(self) -> None:
        self.sock = self._target.open_connection(self.port, self.timeout or 10.0)


def _rest(response: http.client.HTTPResponse, head: bytes) -> bytes:
    """What a body holds past its first :data:`MAX_BODY_BYTES`: read to its end (at most
    :data:`MAX_HASHED_BODY_BYTES`), kept as one line with its size and the whole body's digest,
    so two bodies that differ only there still differ (``same_body``); empty for a short body."""
    if len(head) < MAX_BODY_BYTES:
        return b""
    digest = hashlib.sha256(head)
    more = 0
    while more < MAX_HASHED_BODY_BYTES:
        chunk = response.read(min(1 << 16, MAX_HASHED_BODY_BYTES - more))
        if not chunk:
            break
        digest.update(chunk)
        more += len(chunk)
    if not more:
        return b""
    at_least = "at least " if more >= MAX_HASHED_BODY_BYTES else ""
    note = f"sha256 of the first {len(head) + more} bytes {digest.hexdigest()[:16]}"
    return f"\n[imgopt: {at_least}{more} more bytes of body; {note}]".encode()


def http_get(
    container: RunningContainer, port: int, path: str, timeout_s: float
) -> tuple[int, str | None, bytes]:
    """One GET of ``path`` on the container's ``port``: (status, Content-Type, body head).

    Raises:
        OSError, http.client.HTTPException: when no answer comes.
    """
    # http.client, not urllib: urllib would honour http_proxy and send the probe elsewhere.
    conn = _ContainerConnection(container, port, timeout_s)
    try:
        conn.request("GET", path, headers={"User-Agent": _USER_AGENT, "Connection": "close"})
        response = conn.getresponse()
        head = response.read(MAX_BODY_BYTES)
        return response.status, response.getheader("Content-Type"), head + _rest(response, head)
    finally:
        conn.close()


def _judge_http(check: HttpCheck, status: int, raw: bytes, duration: float) -> CheckResult:
    body = raw.decode("utf-8", "replace")
    reason = None
    if not check.status.matches(status):
        reason = f"status {status}, expected {check.status} (body: {_excerpt(body)})"
    elif check.body_contains is not None and check.body_contains not in body:
        reason = f"body does not contain {check.body_contains!r} (body: {_excerpt(body)})"
    return CheckResult(
        name=check.name,
        kind="http",
        passed=reason is None,
        duration_s=duration,
        reason=reason,
        status=status,
        body=body,
        compare_content=check.same_body,
    )


def _fail_http(check: HttpCheck, reason: str, started: float) -> CheckResult:
    return CheckResult(
        name=check.name,
        kind="http",
        passed=False,
        duration_s=time.monotonic() - started,
        reason=reason,
        compare_content=check.same_body,
    )


# --- commands --------------------------------------------------------------------------------


def exec_check(container: RunningContainer, check: CommandCheck) -> CheckResult:
    """Run an ``exec`` check in the running container and judge it."""
    assert check.command is not None  # the spec reader requires a command for exec checks
    state = container.state()
    if not state.running:
        return CheckResult(
            check.name,
            "command",
            False,
            0.0,
            reason=f"{_exit_reason(state)} before the command could run in it",
            compare_content=check.same_output,
        )
    done = container.exec(check.command, env=dict(check.env), timeout_s=check.timeout_s)
    result = _judge_command(
        check, done.exit_code, done.output, done.timed_out, False, done.duration_s
    )
    if not result.passed:
        state = container.state()
        if not state.running:
            # The app died around the exec (the runtime then fails it with 126): say so, rather
            # than blame the command.
            reason = f"{_exit_reason(state)} before the command could run in it"
            return dataclasses.replace(result, reason=reason)
    return result


def _run_command(
    image: str,
    spec: SmokeSpec,
    check: CommandCheck,
    run_id: str,
    labels: Mapping[str, str] | None,
    drop_caps: bool,
    user: str | None = None,
) -> tuple[CheckResult, str]:
    started = time.monotonic()
    try:
        done = run_container(
            image,
            run_id=run_id,
            timeout_s=check.timeout_s,
            command=check.command,
            entrypoint=check.entrypoint,
            env=dict(check.env),
            sandbox=_sandbox(spec, drop_caps, check.timeout_s + 30.0, user),
            labels=labels,
        )
    except ContainerStartError as exc:
        res = CheckResult(
            check.name,
            "command",
            False,
            time.monotonic() - started,
            reason=f"container did not start: {start_error(exc)}",
            compare_content=check.same_output,
        )
        return res, ""
    res = _judge_command(
        check, done.exit_code, done.output, done.timed_out, done.oom_killed, done.duration_s
    )
    return res, _tail_lines(done.output, LOG_TAIL_LINES)


def _judge_command(
    check: CommandCheck,
    exit_code: int | None,
    output: str,
    timed_out: bool,
    oom_killed: bool,
    duration: float,
) -> CheckResult:
    reason = None
    if timed_out:
        reason = f"did not exit within {check.timeout_s:g}s"
    elif oom_killed:
        reason = f"ran out of memory (exit code {exit_code})"
    elif exit_code != check.exit_code:
        reason = f"exit code {exit_code}, expected {check.exit_code} (output: {_excerpt(output)})"
    elif check.output_contains is not None and check.output_contains not in output:
        reason = f"output does not contain {check.output_contains!r} (output: {_excerpt(output)})"
    return CheckResult(
        name=check.name,
        kind="command",
        passed=reason is None,
        duration_s=duration,
        reason=reason,
        exit_code=exit_code,
        output=output,
        compare_content=check.same_output,
    )


# --- wording ---------------------------------------------------------------------------------


def _exit_reason(state: ContainerState) -> str:
    if state.killed_by_watchdog:
        return "container killed at its hard timeout"
    if state.oom_killed:
        return "container ran out of memory"
    return f"container exited with code {state.exit_code}"


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _excerpt(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[:limit] + "...")


def _tail_lines(text: str, lines: int) -> str:
    return "\n".join(text.splitlines()[-lines:])


__all__ = ["exec_check", "http_get", "probe_http", "probe_tcp", "run_smoke"]
