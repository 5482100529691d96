"""Check expressions: ``METRIC:THRESHOLD``, after pytest-benchmark's ``--benchmark-compare-fail``.

=================  ===========================  =============================================
metric             forms                        fails when
=================  ===========================  =============================================
``size``           ``300MB`` / ``+5%``, ``+20MB``  the image is bigger than the budget / grew
                                                 more than that over the baseline
``compressed``     ``120MB`` / ``+5%``, ``+5MB``   the same for the sum of gzip'd layers (what a
                                                 registry stores and a pull downloads)
``layers``         ``20`` / ``+2``, ``+10%``      more layers than that / more added
``efficiency``     ``0.9`` or ``90%``              dive's efficiency score is lower
``wasted``         ``50MB``                        dive's wasted bytes are higher
``user-wasted``    ``10%``                         dive's wasted bytes over the bytes above the
                                                 first layer are higher
``build-time``     ``+10%``, ``+30s``              the build took that much longer than the
                                                 baseline's (same machine only, else SKIP)
=================  ===========================  =============================================

Sizes need a unit: ``MB`` is 10^6 bytes, ``MiB`` is 2^20 bytes. A ``+`` makes a growth check,
which needs a baseline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from imgopt.errors import ConfigError
from imgopt.gate.units import UNITS_HELP, parse_bytes

Kind = Literal["budget", "growth", "waste", "time"]
Unit = Literal["bytes", "count", "ratio", "percent", "seconds"]

METRICS: tuple[str, ...] = (
    "size",
    "compressed",
    "layers",
    "efficiency",
    "wasted",
    "user-wasted",
    "build-time",
)
_ALIASES = {
    "user_wasted": "user-wasted",
    "userwasted": "user-wasted",
    "build_time": "build-time",
    "buildtime": "build-time",
    "compressed-size": "compressed",
}
SIZE_METRICS = frozenset({"size", "compressed"})

EXPRESSION_HELP = (
    "size:300MB, compressed:120MB, layers:20 (budgets); size:+5%, size:+20MB, compressed:+5% "
    "(growth over the baseline); efficiency:0.9, wasted:50MB, user-wasted:10% (waste, as dive "
    "computes it); build-time:+10% (same machine as the baseline only). " + UNITS_HELP
)

_SECONDS = re.compile(r"^(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>s|sec|secs|seconds|m|min|mins)?$", re.I)


@dataclass(frozen=True)
class CheckSpec:
    """One parsed check expression.

    Attributes:
        expr: the expression as written (surrounding whitespace removed).
        metric: one of :data:`METRICS`.
        kind: ``budget`` (absolute size or layer count), ``growth`` (relative to a baseline),
            ``waste`` (dive's figures) or ``time`` (build time against a baseline).
        amount: the threshold as written, in ``unit`` (bytes, a count, a ratio, a percentage or
            seconds). For growth checks it is the allowed increase.
        unit: the unit of ``amount``.
        source: where the expression came from (``--check``, ``imgopt.toml: gate.checks[2]``,
            ``.dive-ci: rules.lowestEfficiency``).
    """

    expr: str
    metric: str
    kind: Kind
    amount: Decimal
    unit: Unit
    source: str = "--check"

    @property
    def needs_baseline(self) -> bool:
        """Whether the check compares against a baseline."""
        return self.kind in ("growth", "time")


def _fail(expr: str, source: str, why: str) -> ConfigError:
    where = f"{source}: " if source and source != "--check" else ""
    return ConfigError(
        f"{where}check {expr!r}: {why}",
        hint=f"checks look like {EXPRESSION_HELP}",
    )


def _number(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(f"{text!r} is not a number") from exc
    if not value.is_finite() or value < 0:
        raise ValueError(f"{text!r} is not a non-negative number")
    return value


def parse_check(expr: str, *, source: str = "--check") -> CheckSpec:
    """Parse one check expression.

    Example:
        >>> spec = parse_check("size:+5%")
        >>> spec.metric, spec.kind, spec.amount, spec.unit
        ('size', 'growth', Decimal('5'), 'percent')
        >>> parse_check("compressed:120MB").amount
        Decimal('120000000')

    Raises:
        ConfigError: naming the expression (and ``source``) and what is accepted.
    """
    text = expr.strip()
    name, sep, value = text.partition(":")
    metric = _ALIASES.get(name.strip().lower(), name.strip().lower())
    value = value.strip()
    if not sep or not value:
        raise _fail(text, source, "expected METRIC:THRESHOLD")
    if metric not in METRICS:
        raise _fail(text, source, f"unknown metric {name.strip()!r}; one of {', '.join(METRICS)}")
    try:
        return _parse_value(text, metric, value, source)
    except ValueError as exc:
        raise _fail(text, source, str(exc)) from exc


def _parse_value(text: str, metric: str, value: str, source: str) -> CheckSpec:
    growth = value.startswith("+")
    body = value[1:].strip() if growth else value
    if body.startswith(("+", "-")) or value.startswith("-"):
        raise ValueError("a threshold cannot be negative; growth is written with a leading '+'")
    percent = body.endswith("%")
    number = body[:-1].strip() if percent else body

    def spec(kind: Kind, amount: Decimal, unit: Unit) -> CheckSpec:
        return CheckSpec(text, metric, kind, amount, unit, source)

    if metric in SIZE_METRICS:
        if growth:
            if percent:
                return spec("growth", _number(number), "percent")
            return spec("growth", Decimal(parse_bytes(body)), "bytes")
        if percent:
            raise ValueError(f"a {metric} budget is a size (e.g. 300MB); +N% is growth")
        return spec("budget", Decimal(parse_bytes(body)), "bytes")
    if metric == "layers":
        if percent and not growth:
            raise ValueError("a layer budget is a count (layers:20); +N% is growth")
        amount = _number(number)
        if not percent and amount != amount.to_integral_value():
            raise ValueError("a layer count is a whole number")
        if growth:
            return spec("growth", amount, "percent" if percent else "count")
        return spec("budget", amount, "count")
    if metric == "build-time":
        if not growth:
            raise ValueError(
                "build time is only compared with a baseline built on the same machine; "
                "write it as growth: build-time:+10% or build-time:+30s"
            )
        if percent:
            return spec("time", _number(number), "percent")
        m = _SECONDS.match(body)
        if not m:
            raise ValueError(f"{body!r} is not a duration; write +30s or +10%")
        seconds = _number(m.group("num"))
        if (m.group("unit") or "s").lower().startswith("m"):
            seconds *= 60
        return spec("time", seconds, "seconds")
    if growth:
        raise ValueError(f"{metric} is checked against a fixed threshold, not growth")
    if metric == "efficiency":
        ratio = _number(number) / 100 if percent else _number(number)
        if ratio > 1:
            raise ValueError("efficiency is between 0 and 1 (0.9) or a percentage (90%)")
        return spec("waste", ratio, "ratio")
    if metric == "wasted":
        if percent:
            raise ValueError("wasted is a size (wasted:50MB); use user-wasted:N% for a share")
        return spec("waste", Decimal(parse_bytes(body)), "bytes")
    # user-wasted
    if not percent:
        raise ValueError(
            "write user-wasted as a percentage (user-wasted:10%); dive's .dive-ci writes the "
            "same threshold as a fraction (highestUserWastedPercent: 0.1)"
        )
    pct = _number(number)
    if pct > 100:
        raise ValueError("user-wasted is a percentage between 0% and 100%")
    return spec("waste", pct, "percent")
