"""Waste checks with dive's figures and meanings: ``efficiency:0.9``, ``wasted:50MB``,
``user-wasted:10%``.

- ``efficiency``: fails when dive's efficiency score is *below* the threshold (dive's
  ``lowestEfficiency``).
- ``wasted``: fails when dive's wasted bytes are *above* it (``highestWastedBytes``).
- ``user-wasted``: fails when wasted bytes over the bytes of every layer but the first are above
  it (``highestUserWastedPercent``, which ``.dive-ci`` writes as a fraction: 0.1 is 10%).

The figures are computed exactly as dive computes them (:mod:`imgopt.bench.waste`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from imgopt.gate.checks.base import CheckResult, GateCheck, GateContext, Status, number, show
from imgopt.gate.expr import Unit


class WasteCheck(GateCheck):
    """Fails on low efficiency or too many wasted bytes (dive's CI rules)."""

    kind: ClassVar[str] = "waste"
    metrics: ClassVar[frozenset[str]] = frozenset({"efficiency", "wasted", "user-wasted"})

    @property
    def needs_waste(self) -> bool:
        """Waste checks read every layer's file list."""
        return True

    def evaluate(self, ctx: GateContext) -> CheckResult:
        """PASS when the figure is on the right side of the threshold."""
        metric = self.spec.metric
        unit: Unit = self.spec.unit
        waste = ctx.current.waste
        if waste is None:
            return self.skip(unit, "waste was not measured", warning=True)
        threshold = number(self.spec.amount)
        value: int | float
        if metric == "efficiency":
            value = waste.efficiency
            ok = Decimal(repr(value)) >= self.spec.amount
            relation = ">=" if ok else "<"
            message = f"efficiency {show(value, unit)} {relation} {show(threshold, unit)}"
        elif metric == "wasted":
            value = waste.wasted_bytes
            ok = value <= self.spec.amount
            message = f"wasted {show(value, unit)} {'<=' if ok else '>'} {show(threshold, unit)}"
        else:
            value = waste.user_wasted_ratio * 100
            ok = Decimal(repr(value)) <= self.spec.amount
            message = (
                f"user-wasted {show(value, unit)} {'<=' if ok else '>'} {show(threshold, unit)}"
            )
        if not ok and waste.recoverable_own_bytes:
            message += (
                f"; {show(waste.recoverable_own_bytes, 'bytes')} in the Dockerfile's own layers "
                "is hidden by later layers"
            )
        return CheckResult(
            self.spec, Status.PASS if ok else Status.FAIL, value, threshold, unit, message
        )
