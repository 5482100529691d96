"""Connect to the Docker engine; the only place a ``docker.DockerClient`` is created.

Every engine call has a deadline, so an engine that accepts connections but never answers, or
stops answering half-way, ends a command with exit 3 instead of holding it:

- **connect**: the engine must answer its version and a ping within :data:`CONNECT_TIMEOUT_S`
  (10 s), before anything is written;
- **every later call**: each read from the engine's socket must bring something within
  :func:`idle_timeout` seconds (60 by default; ``IMGOPT_ENGINE_TIMEOUT`` overrides it). For a
  stream (``docker save``, logs) that is a deadline on progress, not on the whole operation, so a
  long save that keeps sending is never cut;
- **builds** run for as long as they make progress (:mod:`imgopt.engine.builders`).
"""

from __future__ import annotations

import functools
import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from imgopt.errors import EngineError, InputError, engine_address, engine_reason

if TYPE_CHECKING:
    import docker

ENGINE_HINT = "start a Docker engine (`make engine` installs and starts one) or set DOCKER_HOST"
#: An ssh:// engine is reached with the user's own keys, known hosts and ~/.ssh/config (paramiko
#: for the docker SDK, which refuses a host key that is not in ~/.ssh/known_hosts; the ssh command
#: for the docker CLI's builds).
SSH_HINT = (
    "check that `ssh USER@HOST docker version` answers without a prompt: a key of yours "
    "authorized there, the host's key in ~/.ssh/known_hosts"
)

#: Seconds the engine has to answer the first call (its version, a ping).
CONNECT_TIMEOUT_S = 10.0
#: Seconds a call may go without the engine sending anything, unless IMGOPT_ENGINE_TIMEOUT says.
DEFAULT_IDLE_TIMEOUT_S = 60.0
#: A build step may run silently for a long time (a compiler); no output for this long, with an
#: engine that still answers a ping, is a hung build (IMGOPT_BUILD_IDLE_TIMEOUT overrides it).
DEFAULT_BUILD_IDLE_TIMEOUT_S = 1800.0


def idle_timeout() -> float:
    """Seconds an engine call may wait for the engine's next bytes (``IMGOPT_ENGINE_TIMEOUT``)."""
    return _seconds("IMGOPT_ENGINE_TIMEOUT", DEFAULT_IDLE_TIMEOUT_S)


def build_idle_timeout() -> float:
    """Seconds a build may go without progress (``IMGOPT_BUILD_IDLE_TIMEOUT``)."""
    return _seconds("IMGOPT_BUILD_IDLE_TIMEOUT", DEFAULT_BUILD_IDLE_TIMEOUT_S)


def _seconds(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise EngineError(f"{name}={raw!r} is not a number of seconds") from None
    if not 0 < value <= 7 * 24 * 3600:
        raise EngineError(f"{name}={raw!r} must be between 0 and one week of seconds")
    return value


def get_client(timeout: float | None = None, host: str | None = None) -> docker.DockerClient:
    """Return a client for the engine at ``host``, or at DOCKER_HOST or the default socket.

    Each engine gets its own client (cached per engine and deadline), so several engines can be
    used from one process (``--engine``).

    Args:
        timeout: seconds each call may wait for the engine's next bytes (default
            :func:`idle_timeout`). Connecting always has :data:`CONNECT_TIMEOUT_S`.
        host: a ``DOCKER_HOST``-style URL; None for the environment's engine.

    Raises:
        EngineError: when no engine answers within :data:`CONNECT_TIMEOUT_S`.
    """
    return _client(idle_timeout() if timeout is None else float(timeout), host)


def _connect(host: str | None, timeout: float) -> docker.DockerClient:
    import docker

    if host is None:
        return docker.from_env(timeout=int(max(1.0, timeout)))
    return docker.DockerClient(base_url=host, timeout=int(max(1.0, timeout)))


@functools.cache
def _client(timeout: float, host: str | None = None) -> docker.DockerClient:
    try:
        client = _connect(host, CONNECT_TIMEOUT_S)
        client.ping()
    except Exception as exc:  # the SDK lets requests', urllib3's and socket errors through
        address = host or engine_address()
        raise EngineError(
            f"no Docker engine answers at {address} ({engine_reason(exc)})",
            hint=SSH_HINT if address.startswith("ssh://") else ENGINE_HINT,
        ) from exc
    # From now on, each call may wait this long for the next bytes (docker-py applies its
    # `timeout` attribute to every request that names none).
    client.api.timeout = timeout
    return client


def engine_answers(timeout: float = CONNECT_TIMEOUT_S, host: str | None = None) -> bool:
    """Whether the engine (at ``host``, else the environment's) answers a ping within
    ``timeout`` seconds, on a fresh connection."""
    try:
        client = _connect(host, timeout)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:
        return False


def engine_version() -> str:
    """The engine's server version, e.g. ``26.1.5+dfsg1``."""
    try:
        return str(get_client().version().get("Version", "unknown"))
    except EngineError:
        raise
    except Exception as exc:
        raise EngineError(
            f"the Docker engine at {engine_address()} failed: {engine_reason(exc)}"
        ) from exc


#: How a process learns the name its engine goes by in results (``--engine NAME``): set by
#: :func:`engine_environment` for the processes it prepares, and by :func:`use_engine`.
ENGINE_NAME_VAR = "IMGOPT_ENGINE_NAME"


def engine_name() -> str:
    """The name results record for this process's engine: the ``--engine`` it was given (a
    Docker context name or a URL), else ``DOCKER_HOST``, else ``default``."""
    return (
        os.environ.get(ENGINE_NAME_VAR, "").strip()
        or os.environ.get("DOCKER_HOST", "").strip()
        or "default"
    )


def engine_id() -> str | None:
    """The engine's own id (``docker info``'s ``ID``): two engines on one host differ in it, so
    build times are compared only between records with the same id. None when it has none."""
    try:
        value = get_client().info().get("ID")
    except EngineError:
        raise
    except Exception:  # an engine that does not say: the name alone identifies it
        return None
    return str(value) if value else None


@dataclass(frozen=True)
class EngineEndpoint:
    """An engine as the user named it (``--engine``), and where it answers.

    Attributes:
        name: how results name it: the Docker context name, the URL, or ``default``.
        host: its ``DOCKER_HOST`` URL; None for the environment's engine (``default``).
        builder: the buildx builder to build with (``--builder NAME``), None for the engine's.
    """

    name: str
    host: str | None = None
    builder: str | None = None


def resolve_engine(spec: str, builder: str | None = None) -> EngineEndpoint:
    """``--engine`` as an endpoint: a ``DOCKER_HOST``-style URL (``unix://``, ``tcp://``,
    ``ssh://``) as it is, ``default`` as the environment's engine, anything else as the name of
    a Docker context (``docker context inspect``).

    Raises:
        InputError: no Docker context of that name.
        EngineError: the docker CLI cannot be run.
    """
    spec = spec.strip()
    if not spec:
        raise EngineError("--engine: empty name", hint="give a Docker context name or a URL")
    if spec == "default":
        return EngineEndpoint("default", None, builder)
    if "://" in spec:
        _check_transport(spec, spec)
        return EngineEndpoint(spec, spec, builder)
    try:
        proc = subprocess.run(
            ["docker", "context", "inspect", spec, "--format", "{{.Endpoints.docker.Host}}"],
            capture_output=True,
            text=True,
            timeout=CONNECT_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise EngineError(f"--engine {spec}: cannot ask the docker CLI ({exc})") from None
    host = proc.stdout.strip()
    if proc.returncode != 0 or not host:
        raise InputError(
            f"--engine {spec}: no Docker context of that name",
            hint="`docker context ls` lists them; or give the engine's URL (unix://, tcp://, "
            "ssh://)",
        )
    _check_transport(spec, host)
    return EngineEndpoint(spec, host, builder)


def _check_transport(spec: str, host: str) -> None:
    """An ``ssh://`` engine needs paramiko, which the docker SDK reaches it through (without it,
    every call fails with ``name 'SSHHTTPAdapter' is not defined``; it comes with imgopt as the
    SDK's ``ssh`` extra), and the ``ssh`` command, which the docker CLI runs for its builds.

    Raises:
        InputError: ``host`` is ``ssh://`` and paramiko or ``ssh`` is not installed.
    """
    import importlib.util
    import shutil

    if not host.startswith("ssh://"):
        return
    if importlib.util.find_spec("paramiko") is None:
        raise InputError(
            f"--engine {spec}: an ssh:// engine needs the paramiko package, which the docker SDK "
            "uses to reach it, and it is not installed",
            hint="install it into imgopt's environment (pip install 'docker[ssh]'), or reach the "
            "engine by a tcp:// or unix:// URL",
        )
    if shutil.which("ssh") is None:
        raise InputError(
            f"--engine {spec}: an ssh:// engine needs the ssh command, which the docker CLI runs "
            "to build on it, and it is not on PATH",
            hint="install an OpenSSH client (apt-get install openssh-client), or reach the engine "
            "by a tcp:// or unix:// URL",
        )


def engine_environment(
    endpoint: EngineEndpoint, base: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The environment a process needs to use ``endpoint``: ``DOCKER_HOST`` (and no
    ``DOCKER_CONTEXT`` to override it) for the docker SDK and buildx, ``BUILDX_BUILDER`` for the
    builder. ``default`` keeps the environment's engine."""
    env = dict(os.environ if base is None else base)
    env[ENGINE_NAME_VAR] = endpoint.name
    if endpoint.host is not None:
        env["DOCKER_HOST"] = endpoint.host
        env.pop("DOCKER_CONTEXT", None)
    if endpoint.builder is not None:
        env["BUILDX_BUILDER"] = endpoint.builder
    return env


def use_engine(endpoint: EngineEndpoint) -> None:
    """Make ``endpoint`` this process's engine: every client created after this, and every
    buildx run, goes to it. Used when one engine is named for a command run in-process. The
    rest of the environment stays (HOME and PATH: where ``ssh`` and its keys are)."""
    env = engine_environment(endpoint)  # read before clearing, not from the emptied environment
    os.environ.clear()
    os.environ.update(env)
    _client.cache_clear()
