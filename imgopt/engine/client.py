"""Connect to the Docker engine; the only place a ``docker.DockerClient`` is created."""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING

from imgopt.errors import EngineError

if TYPE_CHECKING:
    import docker

ENGINE_HINT = "start a Docker engine (`make engine` installs and starts one) or set DOCKER_HOST"


@functools.cache
def get_client(timeout: int = 300) -> docker.DockerClient:
    """Return a client for the engine at DOCKER_HOST or the default socket.

    Raises:
        EngineError: when no engine answers.
    """
    import docker
    from docker.errors import DockerException

    try:
        client = docker.from_env(timeout=timeout)
        client.ping()
    except DockerException as exc:
        where = os.environ.get("DOCKER_HOST") or "the default socket (/var/run/docker.sock)"
        raise EngineError(
            f"no Docker engine answers at {where} ({_reason(exc)})", hint=ENGINE_HINT
        ) from exc
    return client


def engine_version() -> str:
    """The engine's server version, e.g. ``26.1.5+dfsg1``."""
    return str(get_client().version().get("Version", "unknown"))


def _reason(exc: BaseException) -> str:
    """The innermost cause in a few words (``No such file or directory``, ``Connection refused``),
    not the SDK's nested tuple of wrappers."""
    inner: BaseException = exc
    while inner.__context__ is not None and inner.__context__ is not inner:
        inner = inner.__context__
    for candidate in (inner, *inner.args):
        if isinstance(candidate, OSError) and candidate.strerror:
            return candidate.strerror
    text = str(inner).strip().splitlines()[0] if str(inner).strip() else type(inner).__name__
    return text[:160]
