"""The values the scheduler works with: units, engines and what a unit produced where."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Unit:
    """One variant of one target: built cold, rebuilt warm, measured and verified on one engine.

    Attributes:
        target: the target's key (its path, or a Compose service), unique in a run.
        variant: the variant's name (``original``, ``slim-base``, ...).
        bases: the base images its build pulls (``python:3.11-slim``), for placement.
        size_bytes: the variant's expected image size when known (a size-based estimate).
    """

    target: str
    variant: str
    bases: tuple[str, ...] = ()
    size_bytes: int | None = None

    @property
    def key(self) -> str:
        """``target/variant``: how results and logs name the unit."""
        return f"{self.target}/{self.variant}"


@dataclass(frozen=True)
class Engine:
    """An engine units run on.

    Attributes:
        name: how results name it (a Docker context name, or the URL itself).
        address: its ``DOCKER_HOST``-style URL, None for the environment's engine.
        builder: the buildx builder to build with, None for the engine's own BuildKit.
    """

    name: str
    address: str | None = None
    builder: str | None = None


@dataclass(frozen=True)
class UnitResult(Generic[T]):
    """What a unit produced, and where.

    Attributes:
        unit: the unit.
        engine: the engine that produced the result (the last one tried).
        value: what the work returned; None when it raised.
        error: the error's message when the work raised (a failure that is not the engine's).
        attempts: every engine the unit was started on, in order (more than one after a retry).
        seconds: wall-clock seconds of the last attempt.
    """

    unit: Unit
    engine: str
    value: T | None
    error: str | None
    attempts: tuple[str, ...]
    seconds: float

    @property
    def ok(self) -> bool:
        """Whether the work returned a value."""
        return self.error is None
