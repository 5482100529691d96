"""Build time against the baseline's: ``build-time:+10%``, ``build-time:+30s``.

Only between builds on the same machine (:func:`imgopt.gate.machine.same_machine`), by the same
builder, both cold or both warm; anything else is skipped with a warning, because a build time
from another machine says nothing about this change. An image given ready-made (not built by
the gate) has no build time: skipped too.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import ClassVar

from imgopt.gate.checks.base import CheckResult, GateCheck, GateContext, Status, growth_text, show
from imgopt.gate.machine import same_machine


class BuildTimeCheck(GateCheck):
    """Fails when the build took longer than the baseline's plus the allowance."""

    kind: ClassVar[str] = "time"
    metrics: ClassVar[frozenset[str]] = frozenset({"build-time"})

    def evaluate(self, ctx: GateContext) -> CheckResult:
        """PASS within the allowance; SKIP (warned) when the times do not compare."""
        cur, base = ctx.current.build, ctx.baseline.build if ctx.baseline else None
        if cur is None:
            return self.skip(
                "seconds",
                "the image was not built by the gate (give a PATH to build), so no build time",
                warning=True,
            )
        if ctx.baseline is None or base is None:
            return self.skip("seconds", "the baseline has no build time", warning=True)
        same, why = same_machine(ctx.current.machine, ctx.baseline.machine)
        if not same:
            return self.skip(
                "seconds", f"the baseline was measured on another machine: {why}", warning=True
            )
        if cur.builder != base.builder:
            return self.skip(
                "seconds",
                f"built with {cur.builder}, the baseline with {base.builder}",
                warning=True,
            )
        if cur.no_cache != base.no_cache:
            kinds = {True: "cold (--no-cache)", False: "warm"}
            return self.skip(
                "seconds",
                f"this build was {kinds[cur.no_cache]}, the baseline's {kinds[base.no_cache]}",
                warning=True,
            )
        before = Decimal(repr(base.seconds))
        amount = self.spec.amount
        allowed = before * (1 + amount / 100) if self.spec.unit == "percent" else before + amount
        threshold = math.floor(allowed * 1000) / 1000
        now = cur.seconds
        ok = Decimal(repr(now)) <= allowed
        change = growth_text(now, base.seconds, "seconds")
        message = (
            f"build {show(now, 'seconds')} {'<=' if ok else '>'} {show(threshold, 'seconds')} "
            f"allowed (baseline {show(base.seconds, 'seconds')}); change {change}"
        )
        return CheckResult(
            self.spec,
            Status.PASS if ok else Status.FAIL,
            now,
            threshold,
            "seconds",
            message,
            baseline_value=base.seconds,
        )
