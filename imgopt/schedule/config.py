"""Engines and builder from a configuration file: the equivalent of ``--engine`` and
``--builder NAME``.

``imgopt.toml`` in the working folder::

    [run]
    engine = ["default", "build-2", "ssh://ci@build-3"]   # Docker contexts or URLs
    builder = "remote"                                     # a buildx builder (optional)

or the same keys under ``[tool.imgopt.run]`` in ``pyproject.toml``. The command line wins: any
``--engine`` replaces the file's list, ``--builder`` its builder.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from imgopt.errors import ConfigError
from imgopt.gate.config import read_toml

KNOWN_KEYS = ("engine", "builder")


@dataclass(frozen=True)
class RunConfig:
    """The engines and the builder to use; empty: the environment's engine, as always."""

    engines: tuple[str, ...] = ()
    builder: str | None = None
    source: Path | None = None


def load_run_config(folder: Path | None = None) -> RunConfig:
    """The ``[run]`` settings of ``imgopt.toml``, else ``[tool.imgopt.run]`` of
    ``pyproject.toml``, in ``folder`` (default: the working folder); empty when neither has any.

    Raises:
        ConfigError: a file that has the table but is malformed (the file and key named).
    """
    where = folder or Path.cwd()
    for name, path_keys in (
        ("imgopt.toml", ("run",)),
        ("pyproject.toml", ("tool", "imgopt", "run")),
    ):
        file = where / name
        if not file.is_file():
            continue
        table: Any = read_toml(file)
        for key in path_keys:
            table = table.get(key) if isinstance(table, Mapping) else None
        if table is not None:
            return _from_table(file, table, ".".join(path_keys))
    return RunConfig()


def _from_table(file: Path, table: Any, prefix: str) -> RunConfig:
    if not isinstance(table, Mapping):
        raise ConfigError(f"{file}: {prefix}: expected a table")
    for key in table:
        if key not in KNOWN_KEYS:
            raise ConfigError(
                f"{file}: {prefix}.{key}: unknown key", hint="the keys are engine and builder"
            )
    engines = table.get("engine", [])
    if isinstance(engines, str):
        engines = [engines]
    if not isinstance(engines, list) or not all(isinstance(e, str) and e for e in engines):
        raise ConfigError(
            f"{file}: {prefix}.engine: expected a list of Docker context names or URLs",
            hint='e.g. engine = ["default", "unix:///run/other.sock"]',
        )
    builder = table.get("builder")
    if builder is not None and (not isinstance(builder, str) or not builder):
        raise ConfigError(f"{file}: {prefix}.builder: expected a buildx builder's name")
    return RunConfig(tuple(engines), builder, file)
