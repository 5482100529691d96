"""Growth over a baseline: ``size:+5%``, ``size:+20MB``, ``compressed:+5%``, ``layers:+2``.

The threshold is the baseline's value plus the allowed growth (``+5%`` of it, or a fixed amount);
the image fails when it is above. Percentages are applied exactly (no float rounding at the
boundary). A failed size check names the layers that grew, matched to the baseline by
instruction (:mod:`imgopt.gate.attribution`).
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import ClassVar

from imgopt.gate.checks.base import (
    CheckResult,
    GateCheck,
    GateContext,
    Status,
    growth_text,
    show,
)
from imgopt.gate.expr import Unit


class GrowthCheck(GateCheck):
    """Fails when size, compressed size or layer count grew more than allowed."""

    kind: ClassVar[str] = "growth"
    metrics: ClassVar[frozenset[str]] = frozenset({"size", "compressed", "layers"})

    def evaluate(self, ctx: GateContext) -> CheckResult:
        """PASS when the value is at most the baseline's plus the allowed growth."""
        metric = self.spec.metric
        unit: Unit = "count" if metric == "layers" else "bytes"
        base = ctx.baseline
        if base is None:
            return self.skip(unit, "no baseline to compare with", warning=True)
        cur = ctx.current
        now: int | None
        before: int | None
        if metric == "size":
            now, before = cur.size_bytes, base.size_bytes
        elif metric == "compressed":
            now, before = cur.compressed_bytes, base.compressed_bytes
            if before is None:
                return self.skip(unit, "the baseline has no compressed size", warning=True)
            if now is None:
                return self.skip(unit, "compressed sizes were not measured", warning=True)
            if cur.compressed_method != base.compressed_method:
                return self.skip(
                    unit,
                    f"compressed sizes were measured differently ({cur.compressed_method} vs "
                    f"the baseline's {base.compressed_method})",
                    warning=True,
                )
        else:
            now, before = cur.layer_count, base.layer_count
        amount = self.spec.amount
        if self.spec.unit == "percent":
            allowed = Decimal(before) * (1 + amount / 100)
            threshold = math.floor(allowed)
            allowance = f"baseline {show(before, unit)} +{amount}%"
        else:
            allowed = Decimal(before) + amount
            threshold = math.floor(allowed)
            allowance = f"baseline {show(before, unit)} + {show(amount, unit)}"
        change = growth_text(now, before, unit)
        if now <= allowed:
            return CheckResult(
                self.spec,
                Status.PASS,
                now,
                threshold,
                unit,
                f"{show(now, unit)} <= {show(threshold, unit)} allowed ({allowance}); "
                f"change {change}",
                baseline_value=before,
            )
        message = (
            f"{show(now, unit)} > {show(threshold, unit)} allowed ({allowance}); grew {change}"
        )
        if metric == "layers":
            return CheckResult(
                self.spec, Status.FAIL, now, threshold, unit, message, baseline_value=before
            )
        return CheckResult(
            self.spec,
            Status.FAIL,
            now,
            threshold,
            unit,
            message,
            baseline_value=before,
            layers=ctx.attributor.grown(metric),
            delta_metric=ctx.attributor.delta_metric(metric),
        )
