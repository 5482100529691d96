"""Spread units of work (one variant of one target) over several engines.

Pure logic: nothing here talks to an engine. A *unit* is one variant of one target (build cold,
rebuild warm, measure, verify, all on the same engine, since an image is verified where it was
built). :class:`~imgopt.schedule.dispatch.Dispatcher` places units on engines by expected cost
(:class:`~imgopt.schedule.cost.CostModel`: earlier timings, base images already present, variant
size), lets an idle engine take over queued work that it would finish sooner, and puts the units
of an engine that died back on the others. :func:`~imgopt.schedule.run.run_units` drives it with
real work (one thread per engine); :func:`~imgopt.schedule.simulate.simulate` with recorded
durations; :mod:`~imgopt.schedule.shard` splits the units between CI jobs.
"""

from __future__ import annotations

from imgopt.schedule.cost import CostModel, Timing
from imgopt.schedule.dispatch import Dispatcher
from imgopt.schedule.model import Engine, Unit, UnitResult
from imgopt.schedule.run import run_units
from imgopt.schedule.shard import Shard, parse_shard, shard_units
from imgopt.schedule.simulate import Simulation, simulate

__all__ = [
    "CostModel",
    "Dispatcher",
    "Engine",
    "Shard",
    "Simulation",
    "Timing",
    "Unit",
    "UnitResult",
    "parse_shard",
    "run_units",
    "shard_units",
    "simulate",
]
