"""Gate checks: the interface (:mod:`.base`) and one module per kind.

- :mod:`.budget`: ``size:300MB``, ``compressed:120MB``, ``layers:20``.
- :mod:`.growth`: ``size:+5%``, ``size:+20MB``, ``compressed:+5%``, ``layers:+2``.
- :mod:`.waste`: ``efficiency:0.9``, ``wasted:50MB``, ``user-wasted:10%`` (dive's rules).
- :mod:`.time`: ``build-time:+10%`` (same machine as the baseline only).
"""

from __future__ import annotations

from imgopt.gate.checks.base import CheckResult, GateCheck, GateContext, Status
from imgopt.gate.checks.budget import BudgetCheck
from imgopt.gate.checks.growth import GrowthCheck
from imgopt.gate.checks.time import BuildTimeCheck
from imgopt.gate.checks.waste import WasteCheck
from imgopt.gate.expr import CheckSpec

#: The check class for each kind of expression.
CHECKS: dict[str, type[GateCheck]] = {
    "budget": BudgetCheck,
    "growth": GrowthCheck,
    "waste": WasteCheck,
    "time": BuildTimeCheck,
}


def make_check(spec: CheckSpec) -> GateCheck:
    """The check for a parsed expression."""
    return CHECKS[spec.kind](spec)


__all__ = [
    "CHECKS",
    "BudgetCheck",
    "BuildTimeCheck",
    "CheckResult",
    "GateCheck",
    "GateContext",
    "GrowthCheck",
    "Status",
    "WasteCheck",
    "make_check",
]
