"""Run checks over measured records and collect the verdict.

The runner never measures: it takes the image under test and the baseline as records (measured
by :mod:`imgopt.gate.measure` or read from a baseline file), evaluates every check and returns a
:class:`GateReport` that the renderers (:mod:`imgopt.gate.render`) turn into text, JSON,
Markdown or JUnit XML.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from imgopt.errors import ConfigError
from imgopt.gate.attribution import Attributor
from imgopt.gate.checks import CheckResult, GateCheck, GateContext, Status, make_check
from imgopt.gate.expr import CheckSpec
from imgopt.gate.record import ImageRecord


@dataclass(frozen=True)
class Needs:
    """What the checks need measured."""

    compressed: bool
    waste: bool
    baseline: bool


@dataclass(frozen=True)
class GateReport:
    """The gate's verdict.

    Attributes:
        passed: no check failed (skipped checks do not fail the gate).
        current: the image under test.
        baseline: the baseline, or None.
        baseline_source: where the baseline came from (a file, or ``image REF``).
        results: every check's result, in the order given.
        warnings: things the user should know (skipped build-time checks...).
    """

    passed: bool
    current: ImageRecord
    baseline: ImageRecord | None
    baseline_source: str | None
    results: tuple[CheckResult, ...]
    warnings: tuple[str, ...] = ()

    def count(self, status: Status) -> int:
        """How many checks ended with ``status``."""
        return sum(1 for r in self.results if r.status == status)

    @property
    def verdict(self) -> str:
        """``PASS`` or ``FAIL``."""
        return "PASS" if self.passed else "FAIL"


def plan(specs: Sequence[CheckSpec], *, have_baseline: bool) -> tuple[list[GateCheck], Needs]:
    """The checks for ``specs`` and what they need measured.

    Raises:
        ConfigError: a growth or build-time check with no baseline to compare with.
    """
    checks = [make_check(spec) for spec in specs]
    wanting = [c.spec for c in checks if c.needs_baseline]
    if wanting and not have_baseline:
        names = ", ".join(s.expr for s in wanting)
        raise ConfigError(
            f"{names}: compares with a baseline, and none was given",
            hint="give --baseline FILE (write one with `imgopt baseline save`) or "
            "--baseline-image REF",
        )
    needs = Needs(
        compressed=any(c.needs_compressed for c in checks),
        waste=any(c.needs_waste for c in checks),
        baseline=bool(wanting),
    )
    return checks, needs


def run_gate(
    checks: Sequence[GateCheck],
    current: ImageRecord,
    baseline: ImageRecord | None,
    *,
    attributor: Attributor | None = None,
    baseline_source: str | None = None,
    warnings: Sequence[str] = (),
) -> GateReport:
    """Evaluate every check on ``current`` (against ``baseline``)."""
    ctx = GateContext(current, baseline, attributor or Attributor(current, baseline))
    results = tuple(check.evaluate(ctx) for check in checks)
    notes = list(warnings)
    notes.extend(r.warning for r in results if r.warning)
    return GateReport(
        passed=all(r.status != Status.FAIL for r in results),
        current=current,
        baseline=baseline,
        baseline_source=baseline_source,
        results=results,
        warnings=tuple(dict.fromkeys(notes)),
    )
