"""Read dive's CI configuration (``.dive-ci``) into gate checks, with dive's meanings.

dive (``dive --ci``) reads a YAML file with three rules::

    rules:
      lowestEfficiency: 0.95          # fail when efficiency < 0.95 (a ratio, 0..1)
      highestWastedBytes: 20MB        # fail when wasted bytes > 20 MB (go-humanize sizes)
      highestUserWastedPercent: 0.20  # fail when wasted/user bytes > 0.20 (a FRACTION, 0..1)

A rule set to ``disabled`` is off. A rule the file leaves out takes dive's default
(``lowestEfficiency: 0.9``, ``highestWastedBytes: disabled``, ``highestUserWastedPercent: 0.1``),
exactly as dive does, so a ``.dive-ci`` gates the same way under imgopt as under dive. Keys are
matched case-insensitively (dive reads them through viper, which does the same).

They become ``efficiency:0.95``, ``wasted:20MB`` and ``user-wasted:20%``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from imgopt.errors import ConfigError
from imgopt.gate.expr import CheckSpec
from imgopt.gate.units import parse_bytes

#: dive's rule keys and their defaults.
DIVE_DEFAULTS: dict[str, str] = {
    "lowestEfficiency": "0.9",
    "highestWastedBytes": "disabled",
    "highestUserWastedPercent": "0.1",
}
DISABLED = "disabled"


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return str(value).strip()


def _fraction(file: str, key: str, value: str) -> Decimal:
    try:
        number = Decimal(value)
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        raise ConfigError(
            f"{file}: rules.{key}: {value!r} is not a number",
            hint=f"dive's {key} is a fraction between 0 and 1, or 'disabled'",
        )
    if number < 0 or number > 1:
        raise ConfigError(
            f"{file}: rules.{key}: {value} is outside 0..1",
            hint=f"dive's {key} is a fraction between 0 and 1 (0.1 means 10%), or 'disabled'",
        )
    return number


def checks_from_dive(data: Any, file: str = ".dive-ci") -> list[CheckSpec]:
    """The checks a parsed ``.dive-ci`` document asks for.

    Example:
        >>> [c.expr for c in checks_from_dive({"rules": {"highestWastedBytes": "20MB"}})]
        ['efficiency:0.9', 'wasted:20MB', 'user-wasted:10%']

    Raises:
        ConfigError: naming the file and the key, for a value dive would call misconfigured or
            a key dive does not have.
    """
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{file}: expected a mapping with a 'rules' key")
    rules_raw: Any = None
    for key, value in data.items():
        if str(key).lower() == "rules":
            rules_raw = value
    if rules_raw is None:
        rules_raw = {}
    if not isinstance(rules_raw, dict):
        raise ConfigError(f"{file}: rules: expected a mapping of rule names to thresholds")
    canonical = {k.lower(): k for k in DIVE_DEFAULTS}
    given: dict[str, str] = {}
    for key, value in rules_raw.items():
        name = canonical.get(str(key).lower())
        if name is None:
            raise ConfigError(
                f"{file}: rules.{key}: unknown rule",
                hint="dive's rules are " + ", ".join(DIVE_DEFAULTS),
            )
        if value is None:
            raise ConfigError(f"{file}: rules.{key}: empty value")
        given[name] = _text(value)
    out: list[CheckSpec] = []
    for name, default in DIVE_DEFAULTS.items():
        value = given.get(name, default)
        source = f"{file}: rules.{name}" + ("" if name in given else " (dive's default)")
        if value.lower() == DISABLED:
            continue
        if name == "lowestEfficiency":
            ratio = _fraction(file, name, value)
            expr = f"efficiency:{ratio}"
            out.append(CheckSpec(expr, "efficiency", "waste", ratio, "ratio", source))
        elif name == "highestWastedBytes":
            try:
                size = parse_bytes(value, humanize=True)
            except ValueError as exc:
                raise ConfigError(f"{file}: rules.{name}: {exc}") from exc
            try:
                strict = parse_bytes(value) == size
                written = value.replace(" ", "") if strict else f"{size}B"
            except ValueError:
                written = f"{size}B"
            out.append(
                CheckSpec(f"wasted:{written}", "wasted", "waste", Decimal(size), "bytes", source)
            )
        else:
            pct = _fraction(file, name, value) * 100
            text = f"{pct.normalize():f}"
            expr = f"user-wasted:{text}%"
            out.append(CheckSpec(expr, "user-wasted", "waste", pct, "percent", source))
    return out


_MAX_DEPTH = 64


def _flow_depth(text: str) -> int:
    """The deepest nesting of YAML flow brackets in ``text`` (quotes ignored: an upper bound)."""
    depth = deepest = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(depth - 1, 0)
    return deepest


def load_dive_ci(path: str | Path) -> list[CheckSpec]:
    """Read a ``.dive-ci`` file.

    Raises:
        ConfigError: unreadable, not YAML, or a bad rule (file and key named).
    """
    import yaml

    from imgopt.gate.config import read_config_text

    file = Path(path)
    text = read_config_text(file)
    if _flow_depth(text) > _MAX_DEPTH:  # PyYAML takes seconds on deep nesting, then recurses out
        raise ConfigError(f"{file}: not valid YAML: nested too deeply")
    try:
        data = yaml.safe_load(text)
    except RecursionError:
        raise ConfigError(f"{file}: not valid YAML: nested too deeply") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise ConfigError(f"{file}: {problem}{where}") from exc
    return checks_from_dive(data, str(file))
