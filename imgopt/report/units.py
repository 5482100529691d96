"""One place for units and rounding, so every table, plot label and sentence agrees.

Sizes are in MB, where 1 MB = 10^6 bytes (the unit registries and ``docker images`` use), said once
per report by :data:`UNITS_NOTE`. Times are in seconds. Both carry one decimal; percentages too.
A missing value prints as an en dash, never as ``nan`` or ``None``.
"""

from __future__ import annotations

MB = 1_000_000
MISSING = "–"
UNITS_NOTE = (
    "Sizes are in MB (1 MB = 10^6 bytes), uncompressed unless marked compressed (gzip, as a "
    "registry stores the layers). Times are in seconds: the median of the repetitions, with "
    "min–max in brackets. All figures are rounded to one decimal."
)


def mb_value(n_bytes: float) -> float:
    """Bytes as MB, rounded like every printed figure (for plot coordinates and JSON)."""
    return round(n_bytes / MB, 1)


def mb(n_bytes: float | None, *, unit: bool = True) -> str:
    """``123456789`` -> ``"123.5 MB"`` (or ``"123.5"`` with ``unit=False``)."""
    if n_bytes is None:
        return MISSING
    text = f"{n_bytes / MB:,.1f}"
    return f"{text} MB" if unit else text


def seconds(value: float | None, *, unit: bool = True) -> str:
    """``12.345`` -> ``"12.3 s"``."""
    if value is None:
        return MISSING
    return f"{value:,.1f} s" if unit else f"{value:,.1f}"


def seconds_range(median: float | None, low: float | None, high: float | None) -> str:
    """A median with its spread: ``"12.3 s (11.9–13.0)"``; just the median without a spread."""
    if median is None:
        return MISSING
    if low is None or high is None or seconds(low, unit=False) == seconds(high, unit=False):
        return seconds(median)
    return f"{seconds(median)} ({seconds(low, unit=False)}–{seconds(high, unit=False)})"


def percent(fraction: float | None, *, signed: bool = False) -> str:
    """``-0.8234`` -> ``"−82.3 %"`` with ``signed=True``; ``0.987`` -> ``"98.7 %"``.

    Signed figures use a true minus sign so a change reads the same in every renderer.
    """
    if fraction is None:
        return MISSING
    value = round(fraction * 100, 1)
    if value == 0:
        value = 0.0  # no "-0.0 %"
    if not signed:
        return f"{value:.1f} %"
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{abs(value):.1f} %"


def change(new: float | None, old: float | None) -> float | None:
    """Relative change from ``old`` to ``new`` (``-0.5`` is half the size), None if unknown."""
    if new is None or old is None or old == 0:
        return None
    return (new - old) / old
