"""Which machine a measurement was made on, and whether two were made on the same one.

Build times only compare between builds on one machine (pytest-benchmark's rule for timings):
a CI runner with other cores, another disk or another engine builds at another speed, so a
build-time check against a baseline from elsewhere is skipped with a warning, never evaluated.

"Same machine" is strict on purpose: the same host name, CPU model and core count, and, where
the OS has one, the same ``/etc/machine-id`` (recorded only as a hash). Cloud CI runners are
fresh virtual machines with fresh host names, so a baseline from one run never times another.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from imgopt.errors import clip

_MACHINE_ID_FILES = ("/etc/machine-id", "/var/lib/dbus/machine-id")
#: Keys that must agree for two records to count as one machine.
SAME_MACHINE_KEYS = ("node", "cpu", "cpu_count", "machine", "machine_id")


def machine_id() -> str | None:
    """A hash of the OS's machine id (the id itself is never recorded), or None."""
    for name in _MACHINE_ID_FILES:
        try:
            raw = Path(name).read_text().strip()
        except OSError:
            continue
        if raw:
            return hashlib.sha256(raw.encode()).hexdigest()[:16]
    return None


def machine_info(engine_version: str | None = None, engine_id: str | None = None) -> dict[str, Any]:
    """The machine, as :func:`imgopt.bench.results.machine_info` records it, plus its id hash.

    Args:
        engine_version: the Docker engine's version, recorded with the machine.
        engine_id: the engine's own id (``docker info``): two engines on one host are two
            build machines.
    """
    from imgopt.bench.results import machine_info as bench_machine_info

    info = dict(bench_machine_info())
    info["machine_id"] = machine_id()
    if engine_version is not None:
        info["engine_version"] = engine_version
    if engine_id is not None:
        info["engine_id"] = engine_id
    return info


def same_machine(a: Mapping[str, Any], b: Mapping[str, Any]) -> tuple[bool, str]:
    """Whether two machine records describe one machine, and if not, the first difference.

    A key missing from both records does not count as a difference; missing from one does.
    """
    if not a or not b:
        return False, "no machine recorded"
    # Two engines on one host build at their own speeds (issue 18: a build time is compared only
    # with times from the same engine). Older records have no engine id: the host decides.
    if a.get("engine_id") and b.get("engine_id") and a["engine_id"] != b["engine_id"]:
        return False, "another Docker engine on this host (engine_id differs)"
    for key in SAME_MACHINE_KEYS:
        va, vb = a.get(key), b.get(key)
        if va is None and vb is None:
            continue
        if va != vb:
            return False, f"{key} differs ({_short(va)} vs {_short(vb)})"
    return True, ""


def _short(value: Any) -> str:
    return clip("unknown" if value is None else str(value), 40, flatten=False, ellipsis="...")
