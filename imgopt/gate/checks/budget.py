"""Absolute budgets: ``size:300MB``, ``compressed:120MB``, ``layers:20``.

The image fails when it is bigger than the budget (docker-image-size-limit's check, on any of
three numbers). When a size budget fails and a baseline is at hand, the layers that grew over the
baseline are named; without one, the image's largest own layers are.
"""

from __future__ import annotations

from typing import ClassVar

from imgopt.gate.checks.base import (
    CheckResult,
    GateCheck,
    GateContext,
    Status,
    number,
    show,
)
from imgopt.gate.expr import Unit


class BudgetCheck(GateCheck):
    """Fails when the image's size, compressed size or layer count exceeds a fixed budget."""

    kind: ClassVar[str] = "budget"
    metrics: ClassVar[frozenset[str]] = frozenset({"size", "compressed", "layers"})

    def evaluate(self, ctx: GateContext) -> CheckResult:
        """PASS when the value is at most the budget."""
        metric = self.spec.metric
        unit: Unit = "count" if metric == "layers" else "bytes"
        cur = ctx.current
        value: int | None
        if metric == "size":
            value = cur.size_bytes
        elif metric == "compressed":
            value = cur.compressed_bytes
        else:
            value = cur.layer_count
        if value is None:
            return self.skip(unit, "compressed sizes were not measured", warning=True)
        threshold = number(self.spec.amount)
        what = {"size": "size", "compressed": "compressed size", "layers": "layers"}[metric]
        if value <= threshold:
            return CheckResult(
                self.spec,
                Status.PASS,
                value,
                threshold,
                unit,
                f"{what} {show(value, unit)} <= budget {show(threshold, unit)}",
            )
        message = f"{what} {show(value, unit)} > budget {show(threshold, unit)}"
        over = value - threshold
        message += f" (over by {show(over, unit)})"
        if metric == "layers":
            return CheckResult(self.spec, Status.FAIL, value, threshold, unit, message)
        attributor = ctx.attributor
        if ctx.baseline is not None:
            return CheckResult(
                self.spec,
                Status.FAIL,
                value,
                threshold,
                unit,
                message,
                layers=attributor.grown(metric),
                delta_metric=attributor.delta_metric(metric),
            )
        return CheckResult(
            self.spec,
            Status.FAIL,
            value,
            threshold,
            unit,
            message,
            largest_layers=attributor.largest(metric),
        )
