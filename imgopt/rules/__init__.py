"""Size rules: one module per rule (``imgNNN_name.py``), each with docs and, where possible, a fix.

Public API:
    - :func:`lint` (findings for one Dockerfile), :func:`apply_fixes` (fix to a fixed point).
    - :func:`all_rules`, :func:`get_rule`, :func:`select_rules`: the registry.
    - :class:`Rule`, :class:`Finding`, :class:`Fix`, :class:`FixResult`, :class:`Applicability`,
      :class:`LintContext`: the framework.

Example:
    >>> from imgopt.rules import apply_fixes, lint
    >>> text = "FROM debian:bookworm\\nRUN apt-get update && apt-get install -y curl\\n"
    >>> "IMG102" in {f.code for f in lint(text)}
    True
    >>> "--no-install-recommends" in apply_fixes(text).text
    True
"""

from __future__ import annotations

from imgopt.rules.base import (
    CODE_GROUPS,
    DOC_SECTIONS,
    Applicability,
    Finding,
    Fix,
    FixResult,
    LintContext,
    Rule,
)
from imgopt.rules.linter import apply_fixes, lint
from imgopt.rules.registry import UnknownRuleError, all_rules, get_rule, select_rules

__all__ = [
    "CODE_GROUPS",
    "DOC_SECTIONS",
    "Applicability",
    "Finding",
    "Fix",
    "FixResult",
    "LintContext",
    "Rule",
    "UnknownRuleError",
    "all_rules",
    "apply_fixes",
    "get_rule",
    "lint",
    "select_rules",
]
