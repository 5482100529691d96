"""Where the gate's checks come from: the command line, ``imgopt.toml``, ``pyproject.toml``, or
dive's ``.dive-ci``.

``imgopt.toml``::

    [gate]
    checks = ["size:+5%", "compressed:120MB", "efficiency:0.9"]
    baseline = ".imgopt/baseline.json"   # optional; relative to this file

``pyproject.toml``: the same keys under ``[tool.imgopt.gate]``. ``.dive-ci``: dive's three rules
(:mod:`imgopt.gate.dive_ci`).

Which applies:

1. ``--config FILE`` (any of the three formats, told apart by name) and every ``--check``,
   together;
2. otherwise ``--check`` alone when given;
3. otherwise the first of ``imgopt.toml`` (with a ``[gate]`` table), ``pyproject.toml`` (with
   ``[tool.imgopt.gate]``), ``.dive-ci`` found in the working directory.

Every mistake is a :class:`~imgopt.errors.ConfigError` naming the file and the key.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from imgopt.errors import ConfigError, InputError
from imgopt.gate.dive_ci import load_dive_ci
from imgopt.gate.expr import EXPRESSION_HELP, CheckSpec, parse_check
from imgopt.userfiles import read_text

KNOWN_KEYS = ("checks", "baseline")
DISCOVERY = ("imgopt.toml", "pyproject.toml", ".dive-ci")


@dataclass(frozen=True)
class GateConfig:
    """The gate's settings.

    Attributes:
        checks: every check, in the order given.
        baseline: a baseline file named by the configuration (resolved against it), or None.
        sources: the files the settings came from.
    """

    checks: tuple[CheckSpec, ...]
    baseline: Path | None = None
    sources: tuple[Path, ...] = ()


def _is_dive(path: Path) -> bool:
    return path.name in {".dive-ci", ".dive-ci.yml", ".dive-ci.yaml"} or path.suffix in {
        ".yml",
        ".yaml",
    }


#: Configuration files are small; a larger one is not a configuration.
MAX_CONFIG_BYTES = 4 << 20


def read_config_text(path: Path) -> str:
    """A configuration file's text, through the size-limited reader of regular files.

    Raises:
        ConfigError: missing, not a regular file, too large, or not UTF-8 (named).
    """
    try:
        return read_text(path, limit=MAX_CONFIG_BYTES, what="configuration file")
    except InputError as exc:
        raise ConfigError(exc.message, hint=exc.hint) from None


def read_toml(path: Path) -> dict[str, Any]:
    """A configuration file parsed as TOML (size-limited, errors as one-line ConfigErrors)."""
    text = read_config_text(path)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: not valid TOML: nested too deeply") from None


def _gate_table(path: Path, data: Mapping[str, Any]) -> tuple[Mapping[str, Any] | None, str]:
    """The gate table of a TOML document and its dotted name."""
    if path.name == "pyproject.toml":
        table: Any = data.get("tool", {})
        for key in ("imgopt", "gate"):
            table = table.get(key) if isinstance(table, Mapping) else None
        return table, "tool.imgopt.gate"
    return data.get("gate"), "gate"


def _from_table(path: Path, table: Any, prefix: str) -> GateConfig:
    if not isinstance(table, Mapping):
        raise ConfigError(f"{path}: {prefix}: expected a table")
    for key in table:
        if key not in KNOWN_KEYS:
            raise ConfigError(
                f"{path}: {prefix}.{key}: unknown key",
                hint="the gate's keys are " + ", ".join(KNOWN_KEYS),
            )
    raw = table.get("checks", [])
    if not isinstance(raw, list):
        raise ConfigError(
            f"{path}: {prefix}.checks: expected a list of expressions",
            hint='e.g. checks = ["size:+5%", "compressed:120MB"]; checks look like '
            + EXPRESSION_HELP,
        )
    checks: list[CheckSpec] = []
    for i, expr in enumerate(raw):
        key = f"{prefix}.checks[{i}]"
        if not isinstance(expr, str):
            raise ConfigError(f'{path}: {key}: expected a string like "size:+5%", got {expr!r}')
        checks.append(parse_check(expr, source=f"{path}: {key}"))
    baseline = None
    if "baseline" in table:
        value = table["baseline"]
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{path}: {prefix}.baseline: expected a file path")
        baseline = (path.parent / value).resolve()
    return GateConfig(tuple(checks), baseline, (path,))


def load_config_file(path: str | Path) -> GateConfig:
    """Read the gate settings of one file (``imgopt.toml``, ``pyproject.toml`` or ``.dive-ci``).

    Raises:
        ConfigError: unreadable, malformed, or a file with no gate settings.
    """
    file = Path(path)
    if not file.exists():
        raise ConfigError(f"configuration file {file} does not exist")
    if _is_dive(file):
        return GateConfig(tuple(load_dive_ci(file)), None, (file,))
    data = read_toml(file)
    table, prefix = _gate_table(file, data)
    if table is None:
        raise ConfigError(
            f"{file}: no [{prefix}] table",
            hint=f'add [{prefix}] with checks = ["size:+5%"]',
        )
    return _from_table(file, table, prefix)


def discover_config(directory: str | Path) -> GateConfig | None:
    """The first gate configuration in ``directory`` (see the module docs), or None."""
    folder = Path(directory)
    for name in DISCOVERY:
        file = folder / name
        if not file.is_file():
            continue
        if name == ".dive-ci":
            return load_config_file(file)
        data = read_toml(file)
        table, prefix = _gate_table(file, data)
        if table is not None:
            return _from_table(file, table, prefix)
    return None


def resolve_config(
    cli_checks: Sequence[str],
    config_file: str | Path | None,
    directory: str | Path,
) -> GateConfig:
    """The settings in effect for one gate run (precedence in the module docs).

    Raises:
        ConfigError: a bad expression or file, or no checks at all.
    """
    specs = [parse_check(expr) for expr in cli_checks]
    config: GateConfig | None = None
    if config_file is not None:
        config = load_config_file(config_file)
    elif not specs:
        config = discover_config(directory)
    checks = [*(config.checks if config else ()), *specs]
    seen: set[str] = set()
    unique = []
    for spec in checks:
        if spec.expr not in seen:
            seen.add(spec.expr)
            unique.append(spec)
    if not unique:
        where = f"{config.sources[0]}: " if config and config.sources else ""
        raise ConfigError(
            f"{where}no checks to run",
            hint="give --check EXPR (e.g. --check size:+5%), or list checks under [gate] in "
            "imgopt.toml or [tool.imgopt.gate] in pyproject.toml",
        )
    return GateConfig(
        tuple(unique),
        config.baseline if config else None,
        config.sources if config else (),
    )
