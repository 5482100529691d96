"""How every figure imgopt prints is written: one module for sizes, times, percentages, ratios.

Every table, sentence, plot label and gate message goes through here, so a figure reads the same
wherever it appears:

- sizes in decimal units, 1 MB = 10^6 bytes (what ``docker images`` and registries print),
  said once per report by :data:`UNITS_NOTE`; one decimal;
- times in seconds, one decimal, a space before the unit (``12.3 s``);
- percentages with one decimal and a space before the sign (``12.3 %``);
- signed figures with a true minus sign ``−`` (U+2212), a ``+`` or ``±`` for zero;
- a missing value as an en dash ``–``, never ``nan``, ``None`` or ``-``.

Parsing sizes that people write (``300MB``, ``1.5GiB``) is the gate's business:
:mod:`imgopt.gate.units`.
"""

from __future__ import annotations

MB = 1_000_000
#: A figure that was not measured.
MISSING = "–"
#: The sign of a negative figure, in every output.
MINUS = "−"
UNITS_NOTE = (
    "Sizes are in MB (1 MB = 10^6 bytes), uncompressed unless marked compressed (gzip, as a "
    "registry stores the layers). Times are in seconds: the median of the repetitions, with "
    "min–max in brackets. All figures are rounded to one decimal."
)

_SCALES = (("TB", 10**12), ("GB", 10**9), ("MB", 10**6), ("kB", 10**3))


def _sign(value: float) -> str:
    return "+" if value > 0 else (MINUS if value < 0 else "±")


def mb_value(n_bytes: float) -> float:
    """Bytes as MB, rounded like every printed figure (for plot coordinates and JSON)."""
    return round(n_bytes / MB, 1)


def mb(n_bytes: float | None, *, unit: bool = True) -> str:
    """``123456789`` -> ``"123.5 MB"`` (or ``"123.5"`` with ``unit=False``)."""
    if n_bytes is None:
        return MISSING
    text = f"{n_bytes / MB:,.1f}"
    return f"{text} MB" if unit else text


def size(n_bytes: float | None, *, signed: bool = False) -> str:
    """A size in the largest decimal unit that fits: ``"312.4 MB"``, ``"1.2 GB"``, ``"512 B"``;
    ``"+31.5 MB"`` / ``"−2.0 kB"`` with ``signed``."""
    if n_bytes is None:
        return MISSING
    sign = _sign(n_bytes) if signed else ""
    value = abs(n_bytes) if signed else n_bytes
    for name, scale in _SCALES:
        if abs(value) >= scale:
            return f"{sign}{value / scale:.1f} {name}"
    return f"{sign}{int(value)} B"


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


def percent(fraction: float | None, *, signed: bool = False, digits: int = 1) -> str:
    """``-0.8234`` -> ``"−82.3 %"`` with ``signed=True``; ``0.987`` -> ``"98.7 %"``."""
    if fraction is None:
        return MISSING
    value = round(fraction * 100, digits)
    if value == 0:
        value = 0.0  # no "-0.0 %"
    if not signed:
        return f"{value:.{digits}f} %"
    return f"{_sign(value)}{abs(value):.{digits}f} %"


def times(ratio: float | None) -> str:
    """A speed ratio: ``23.4`` -> ``"23x"``, ``3.05`` -> ``"3.0x"`` (two figures)."""
    if ratio is None:
        return MISSING
    return f"{ratio:.0f}x" if ratio >= 10 else f"{ratio:.1f}x"


def touched(closure_bytes: float | None, image_bytes: float | None, whose: str = "this") -> str:
    """How much of an image the app's runtime file closure is: ``"the app touched 8.6 MB of
    this 922.3 MB image"`` (``whose`` says which image); empty when either is unknown."""
    if closure_bytes is None or not image_bytes:
        return ""
    return f"the app touched {mb(closure_bytes)} of {whose} {mb(image_bytes)} image"


def proof(
    checked: str | None,
    closure_here: float | None,
    image_bytes: float | None,
    original: tuple[float | None, float | None] | None = None,
) -> str:
    """What a verification checked and how much of the image the app touched, in one phrase:
    ``"checked: 5 HTTP probes, ...; the app touched 6.6 MB of this 8.4 MB image (8.6 MB of the
    original's 922.3 MB)"``. ``original`` is the original's (closure bytes, image size), for a
    variant; empty when nothing is known."""
    parts = [f"checked: {checked}"] if checked else []
    here = touched(closure_here, image_bytes)
    if original is not None and original[0] is not None and original[1]:
        there = f"{mb(original[0])} of the original's {mb(original[1])}"
        here = f"{here} ({there})" if here else f"the app touched {there} image"
    if here:
        parts.append(here)
    return "; ".join(parts)


def change(new: float | None, old: float | None) -> float | None:
    """Relative change from ``old`` to ``new`` (``-0.5`` is half the size), None if unknown."""
    if new is None or old is None or old == 0:
        return None
    return (new - old) / old
