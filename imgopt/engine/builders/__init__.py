"""Image builders behind one interface.

- :mod:`~imgopt.engine.builders.base`: the :class:`Builder` protocol, :class:`BuildRequest`,
  :class:`BuildResult`, :class:`BuildStep`, :class:`SecretSpec`, :class:`BuildFailure`.
- :mod:`~imgopt.engine.builders.buildkit`: BuildKit via ``docker buildx build --progress=rawjson``
  (the default).
- :mod:`~imgopt.engine.builders.classic`: the classic builder via the docker SDK (the fallback).

Example:
    >>> builder = get_builder()                      # doctest: +SKIP
    >>> result = builder.build(BuildRequest(context=Path("app"), no_cache=True))  # doctest: +SKIP
    >>> result.builder, result.image_id              # doctest: +SKIP
    ('buildkit', 'sha256:...')
"""

from __future__ import annotations

from imgopt.engine.builders.base import (
    Builder,
    BuildFailure,
    BuildRequest,
    BuildResult,
    BuildStep,
    DockerfileRejected,
    ProgressCallback,
    SecretSpec,
    parse_step_name,
)
from imgopt.engine.builders.buildkit import BuildKitBuilder
from imgopt.engine.builders.classic import ClassicBuilder
from imgopt.errors import InputError

BUILDERS = ("auto", "buildkit", "classic")


def get_builder(name: str = "auto") -> Builder:
    """The builder called ``name``; ``auto`` is BuildKit when buildx is present, else classic.

    Raises:
        InputError: for an unknown name.
        EngineError: when ``buildkit`` is asked for and buildx is missing.
    """
    if name == "auto":
        buildkit = BuildKitBuilder()
        return buildkit if buildkit.available() else ClassicBuilder()
    if name == "buildkit":
        return BuildKitBuilder()
    if name == "classic":
        return ClassicBuilder()
    raise InputError(f"unknown builder {name!r}; choose one of {', '.join(BUILDERS)}")


__all__ = [
    "BUILDERS",
    "BuildFailure",
    "BuildKitBuilder",
    "BuildRequest",
    "BuildResult",
    "BuildStep",
    "Builder",
    "ClassicBuilder",
    "DockerfileRejected",
    "ProgressCallback",
    "SecretSpec",
    "get_builder",
    "parse_step_name",
]
