"""The gate-check interface: one :class:`GateCheck` per kind of check, one module per kind.

A check reads an :class:`~imgopt.gate.record.ImageRecord` (and the baseline's), never the
engine, and says PASS, FAIL or SKIP with the measured value and the threshold in one unit.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar

from imgopt.gate.attribution import Attributor, GrownLayer
from imgopt.gate.expr import CheckSpec, Unit
from imgopt.gate.record import ImageRecord, LayerRecord
from imgopt.results import units


class Status(StrEnum):
    """A check's verdict."""

    PASS = "PASS"
    FAIL = "FAIL"
    SKIP = "SKIP"


@dataclass(frozen=True)
class GateContext:
    """What every check may read.

    Attributes:
        current: the image under test.
        baseline: the baseline, or None.
        attributor: explains growth over the baseline (shared, so work is done once).
    """

    current: ImageRecord
    baseline: ImageRecord | None
    attributor: Attributor


@dataclass(frozen=True)
class CheckResult:
    """One check's verdict.

    Attributes:
        spec: the check as parsed (expression, metric, kind, source).
        status: PASS, FAIL or SKIP.
        value: the measured value, in ``unit`` (None when it could not be measured).
        threshold: the largest (or for efficiency the smallest) value that passes, in ``unit``;
            for growth checks the baseline's value plus the allowed growth.
        unit: ``bytes``, ``count``, ``ratio``, ``percent`` or ``seconds``.
        message: one line a person reads (``"140.2 MB > 110.3 MB allowed ..."``).
        baseline_value: the baseline's value for growth and time checks.
        layers: for a failed size check, the layers that grew (biggest first).
        largest_layers: for a failed size budget without a baseline, the largest own layers.
        delta_metric: what ``layers``' deltas are in (``compressed`` falls back to ``size``).
        warning: said once on stderr too (a build time skipped between machines).
    """

    spec: CheckSpec
    status: Status
    value: int | float | None
    threshold: int | float | None
    unit: Unit
    message: str
    baseline_value: int | float | None = None
    layers: tuple[GrownLayer, ...] = ()
    largest_layers: tuple[LayerRecord, ...] = ()
    delta_metric: str | None = None
    warning: str | None = None

    @property
    def expr(self) -> str:
        """The expression as written."""
        return self.spec.expr


class GateCheck(ABC):
    """A kind of check. Subclasses set :attr:`kind` and implement :meth:`evaluate`."""

    kind: ClassVar[str]
    metrics: ClassVar[frozenset[str]]

    def __init__(self, spec: CheckSpec) -> None:
        self.spec = spec

    @property
    def needs_compressed(self) -> bool:
        """Whether the check reads compressed sizes (costly: every layer is gzip'd once)."""
        return self.spec.metric == "compressed"

    @property
    def needs_waste(self) -> bool:
        """Whether the check reads waste figures (every layer's file list)."""
        return False

    @property
    def needs_baseline(self) -> bool:
        """Whether the check compares against a baseline."""
        return self.spec.needs_baseline

    @abstractmethod
    def evaluate(self, ctx: GateContext) -> CheckResult:
        """The verdict on ``ctx``."""

    def skip(self, unit: Unit, why: str, *, warning: bool = False) -> CheckResult:
        """A SKIP result saying why (and warning about it when asked)."""
        text = f"{self.spec.expr}: skipped: {why}"
        return CheckResult(
            self.spec, Status.SKIP, None, None, unit, why, warning=text if warning else None
        )


def number(value: Decimal) -> int | float:
    """A Decimal as an int when whole, else a float (for JSON)."""
    return int(value) if value == value.to_integral_value() else float(value)


def show(value: int | float | Decimal | None, unit: Unit) -> str:
    """A value in its unit, for people."""
    if value is None:
        return units.MISSING
    if unit == "bytes":
        return units.size(int(value))
    if unit == "ratio":
        return f"{float(value):.4f}"
    if unit == "percent":
        return units.percent(float(value) / 100, digits=2)
    if unit == "seconds":
        return units.seconds(float(value))
    return str(int(value))


def growth_text(now: int | float, before: int | float, unit: Unit) -> str:
    """``+35.2 MB (+33.5 %)`` (for people)."""
    delta = now - before
    if unit == "bytes":
        text = units.size(delta, signed=True)
    elif unit == "seconds":
        text = f"{delta:+.1f} s".replace("-", units.MINUS)
    else:
        text = f"{delta:+g}".replace("-", units.MINUS)
    if before:
        text += f" ({units.percent(delta / before, signed=True)})"
    return text
