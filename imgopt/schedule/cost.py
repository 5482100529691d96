"""Expected cost of a unit on an engine, from earlier timings, base images and size.

The estimate of a unit's seconds on an engine is, in order of preference:

1. the median of earlier timings of the same target and variant **on the same engine**;
2. the median of earlier timings of the same target and variant on any engine (a first guess
   only: build times are compared only between runs on the same engine, never across);
3. its a-priori estimate when the caller gives one (``priors``: from what its Dockerfile says it
   will do, :func:`imgopt.schedule.prior.dockerfile_seconds`);
4. the variant's expected size times the median seconds per byte of every timing with a size;
5. :data:`DEFAULT_UNIT_SECONDS`.

A unit whose base images an engine lacks costs that engine their pull on top
(:meth:`CostModel.pull_seconds`), so units with the same bases gather on the engines that have them.
A "base" may also stand for work an engine does once for several units, with its seconds given
directly (``base_seconds``): ``imgopt analyze`` gives each variant of a target split over engines
its target's original as one, since the first of its variants on an engine builds the original
there as their reference (:mod:`imgopt.analyze.many`).
"""

from __future__ import annotations

import copy
import csv
import io
import json
import statistics
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from imgopt.errors import ConfigError
from imgopt.schedule.model import Unit
from imgopt.userfiles import read_text

#: Seconds a unit is expected to take when nothing is known about it.
DEFAULT_UNIT_SECONDS = 60.0
#: Bytes per second a pull is expected to bring (the local registry: a 1019 MB image in 27-49 s,
#: benchmarks/results/bench_registry-2026-12-04.txt).
DEFAULT_PULL_BYTES_PER_SECOND = 20e6
#: Seconds a pull is expected to take when the base image's size is unknown.
DEFAULT_PULL_SECONDS = 30.0


@dataclass(frozen=True)
class Timing:
    """An earlier unit's seconds (cold and warm builds, measuring, verifying) on one engine."""

    target: str
    variant: str
    engine: str
    seconds: float
    size_bytes: int | None = None


class CostModel:
    """Expected seconds of units on engines; see the module's docstring for the order."""

    def __init__(
        self,
        timings: Iterable[Timing] = (),
        *,
        base_sizes: Mapping[str, int] | None = None,
        pull_bytes_per_second: float = DEFAULT_PULL_BYTES_PER_SECOND,
        default_seconds: float = DEFAULT_UNIT_SECONDS,
        priors: Mapping[tuple[str, str], float] | None = None,
        base_seconds: Mapping[str, float] | None = None,
        kinds: Mapping[tuple[str, str], str] | None = None,
    ) -> None:
        """Keep what is known.

        Args:
            timings: earlier units' timings.
            base_sizes: base image -> bytes, for pulls.
            pull_bytes_per_second: the expected pull rate.
            default_seconds: a unit's seconds when nothing else is known.
            priors: ``(target, variant)`` -> a-priori seconds, for units never timed.
            base_seconds: base -> the seconds of getting it onto an engine, when it is not an
                image pulled by size (work done once per engine for the units that name it).
        """
        self._same: dict[tuple[str, str, str], list[float]] = defaultdict(list)
        self._any: dict[tuple[str, str], list[float]] = defaultdict(list)
        per_byte: list[float] = []
        for t in timings:
            self._same[(t.target, t.variant, t.engine)].append(t.seconds)
            self._any[(t.target, t.variant)].append(t.seconds)
            if t.size_bytes:
                per_byte.append(t.seconds / t.size_bytes)
        self._per_byte = statistics.median(per_byte) if per_byte else None
        self._base_sizes = dict(base_sizes or {})
        self._pull_rate = pull_bytes_per_second
        self._default = default_seconds
        self._priors = dict(priors or {})
        self._base_seconds = dict(base_seconds or {})
        self._kinds = dict(kinds or {})

    def extended(
        self,
        *,
        priors: Mapping[tuple[str, str], float] | None = None,
        base_seconds: Mapping[str, float] | None = None,
        kinds: Mapping[tuple[str, str], str] | None = None,
    ) -> CostModel:
        """A copy with more a-priori estimates, base seconds and kinds (the earlier timings
        shared)."""
        out = copy.copy(self)
        out._priors = {**self._priors, **(priors or {})}
        out._kinds = {**self._kinds, **(kinds or {})}
        out._base_seconds = {**self._base_seconds, **(base_seconds or {})}
        return out

    def seconds(self, unit: Unit, engine: str | None = None) -> float:
        """Expected seconds of ``unit`` on ``engine`` (None: on no engine in particular)."""
        if engine is not None and (same := self._same.get((unit.target, unit.variant, engine))):
            return statistics.median(same)
        if found := self._any.get((unit.target, unit.variant)):
            return statistics.median(found)
        if (prior := self._priors.get((unit.target, unit.variant))) is not None:
            return prior
        if unit.size_bytes and self._per_byte is not None:
            return unit.size_bytes * self._per_byte
        return self._default

    def kind(self, unit: Unit) -> str | None:
        """What weighs most in the a-priori estimate of ``unit``, when the caller gave it."""
        return self._kinds.get((unit.target, unit.variant))

    def known(self, unit: Unit) -> bool:
        """Whether an earlier timing of ``unit`` (on any engine) is known."""
        return (unit.target, unit.variant) in self._any

    def pull_seconds(self, unit: Unit, present: Collection[str]) -> float:
        """Expected seconds to pull the bases of ``unit`` that are not in ``present``."""
        total = 0.0
        for base in unit.bases:
            if base in present:
                continue
            if (seconds := self._base_seconds.get(base)) is not None:
                total += seconds
                continue
            size = self._base_sizes.get(base)
            total += DEFAULT_PULL_SECONDS if size is None else size / self._pull_rate
        return total


def timings_from_run(run_dir: str | Path, target: str | None = None) -> list[Timing]:
    """The unit timings a run folder recorded (``results.csv`` and ``run.json``).

    A unit's seconds are the medians of its cold and of its warm builds, plus an even share of
    the run's measure and verify phases (run.json records those per run, not per variant). The
    engine is each build row's ``engine`` (a run resumed on another engine, or a merged run, holds
    several), else ``run.json``'s ``engine.name``, else ``default``.

    Args:
        run_dir: a run folder written by ``imgopt bench`` or ``imgopt analyze``.
        target: the target's key; by default the run's build context as recorded.

    Raises:
        ConfigError: a file of the run folder is not what imgopt writes.
    """
    folder = Path(run_dir)
    try:
        run = json.loads(read_text(folder / "run.json", what="run.json"))
        rows = list(csv.DictReader(io.StringIO(read_text(folder / "results.csv", what="results"))))
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{folder / 'run.json'}: not JSON ({exc.msg})") from None
    if not isinstance(run, dict):
        raise ConfigError(f"{folder / 'run.json'}: not a JSON object")
    key = target or str((run.get("app") or {}).get("context") or folder)
    engine = str((run.get("engine") or {}).get("name") or "default")
    builds: dict[tuple[str, str], dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    sizes: dict[str, int] = {}
    for row in rows:
        if row.get("row") != "build" or not row.get("seconds"):
            continue
        try:
            where = (row["variant"], row.get("engine") or engine)
            builds[where][row.get("kind") or "cold"].append(float(row["seconds"]))
            if row.get("size_bytes"):
                sizes[row["variant"]] = int(row["size_bytes"])
        except (KeyError, ValueError):
            raise ConfigError(f"{folder / 'results.csv'}: a build row without figures") from None
    phases = run.get("phases") or {}
    shared = sum(float(phases.get(name) or 0.0) for name in ("measure", "verify"))
    share = shared / len(builds) if builds else 0.0
    return [
        Timing(
            key,
            variant,
            on,
            sum(statistics.median(times) for times in kinds.values()) + share,
            sizes.get(variant),
        )
        for (variant, on), kinds in sorted(builds.items())
    ]
