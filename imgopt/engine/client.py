"""Connect to the Docker engine; the only place a ``docker.DockerClient`` is created."""

from __future__ import annotations

import functools
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
        raise EngineError(f"no Docker engine answers: {_short(exc)}", hint=ENGINE_HINT) from exc
    return client


def engine_version() -> str:
    """The engine's server version, e.g. ``26.1.5+dfsg1``."""
    return str(get_client().version().get("Version", "unknown"))


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]
