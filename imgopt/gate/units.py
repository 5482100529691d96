"""Byte sizes and percentages as people write them in checks and in ``.dive-ci``.

Units are decimal or binary, never guessed: ``MB`` is 10^6 bytes (what ``docker images`` and
registries print), ``MiB`` is 2^20 bytes. Check expressions require a unit on sizes so that
``size:300`` (300 bytes, almost certainly a typo) cannot pass silently. ``.dive-ci`` values follow
dive's own parser (go-humanize ``ParseBytes``): a bare number is bytes, ``M`` means ``MB`` and
``Mi`` means ``MiB``, case does not matter and a space may separate number and unit.

This module only reads sizes; every figure imgopt writes goes through :mod:`imgopt.results.units`.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

#: Units a check expression accepts (matched case-insensitively).
STRICT_UNITS: dict[str, int] = {
    "b": 1,
    "kb": 10**3,
    "mb": 10**6,
    "gb": 10**9,
    "tb": 10**12,
    "kib": 2**10,
    "mib": 2**20,
    "gib": 2**30,
    "tib": 2**40,
}

#: go-humanize's table (dive's ``highestWastedBytes``): adds the one- and two-letter forms.
HUMANIZE_UNITS: dict[str, int] = {
    **STRICT_UNITS,
    "": 1,
    "k": 10**3,
    "m": 10**6,
    "g": 10**9,
    "t": 10**12,
    "pb": 10**15,
    "p": 10**15,
    "eb": 10**18,
    "e": 10**18,
    "ki": 2**10,
    "mi": 2**20,
    "gi": 2**30,
    "ti": 2**40,
    "pib": 2**50,
    "pi": 2**50,
    "eib": 2**60,
    "ei": 2**60,
}

UNITS_HELP = "MB = 10^6 bytes, MiB = 2^20 bytes (also B, kB, GB, TB, KiB, GiB, TiB)"

_NUMBER_UNIT = re.compile(r"^\s*(?P<num>\d+(?:\.\d+)?|\.\d+)\s*(?P<unit>[A-Za-z]*)\s*$")


def parse_bytes(text: str, *, humanize: bool = False) -> int:
    """Parse ``"300MB"``, ``"1.5 GiB"`` or (with ``humanize``) ``"20M"``, ``"42"`` into bytes.

    Fractions of a byte are rounded down, as go-humanize does.

    Args:
        text: the size as written.
        humanize: accept go-humanize's forms (bare numbers, ``M``, ``Mi``, commas), as dive does.

    Raises:
        ValueError: with a message saying what is accepted.
    """
    raw = text.replace(",", "") if humanize else text
    match = _NUMBER_UNIT.match(raw)
    table = HUMANIZE_UNITS if humanize else STRICT_UNITS
    if not match:
        raise ValueError(f"{text!r} is not a size; write it like 300MB or 1.5GiB ({UNITS_HELP})")
    unit = match.group("unit").lower()
    if unit not in table:
        if not unit:
            raise ValueError(f"{text!r} has no unit; write e.g. {text.strip()}MB ({UNITS_HELP})")
        raise ValueError(f"{text!r}: unknown unit {match.group('unit')!r} ({UNITS_HELP})")
    try:
        number = Decimal(match.group("num"))
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only decimals
        raise ValueError(f"{text!r} is not a number") from exc
    return int(number * table[unit])
