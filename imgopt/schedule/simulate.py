"""Replay unit durations through the dispatcher, without running anything.

Each engine runs one unit at a time. A unit's time on an engine is the pull of the bases that
engine lacks (``pull``) plus its own duration (``actual``): the dispatcher only ever sees the
cost model's *estimates*, so a replay with estimates that differ from the durations shows how
well the plan copes. An engine listed in ``deaths`` stops at that time; its running unit is lost
and runs again elsewhere.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from imgopt.schedule.cost import CostModel
from imgopt.schedule.dispatch import Dispatcher
from imgopt.schedule.model import Unit


@dataclass(frozen=True)
class Placement:
    """One unit's run on one engine, in simulated seconds."""

    unit: Unit
    engine: str
    start: float
    end: float
    completed: bool


@dataclass
class Simulation:
    """What a replay did."""

    makespan: float
    placements: list[Placement] = field(default_factory=list)
    stranded: list[Unit] = field(default_factory=list)

    def busy_seconds(self) -> dict[str, float]:
        """Seconds each engine spent on units (lost work included)."""
        out: dict[str, float] = {}
        for p in self.placements:
            out[p.engine] = out.get(p.engine, 0.0) + (p.end - p.start)
        return out

    def engine_of(self) -> dict[str, str]:
        """The engine that completed each unit, by unit key."""
        return {p.unit.key: p.engine for p in self.placements if p.completed}


def simulate(
    units: Iterable[Unit],
    engines: Sequence[str],
    cost: CostModel,
    actual: Callable[[Unit, str], float],
    *,
    pull: Callable[[Unit, set[str]], float] | None = None,
    present: Mapping[str, Iterable[str]] | None = None,
    deaths: Mapping[str, float] | None = None,
) -> Simulation:
    """Run ``units`` over ``engines`` in simulated time.

    Args:
        units: the units.
        engines: engine names.
        cost: the estimates the dispatcher plans with.
        actual: a unit's real seconds on an engine (without pulls).
        pull: real seconds to pull the bases a unit needs given an engine's present bases
            (default: the cost model's estimate).
        present: base images each engine has at the start.
        deaths: engine name -> simulated second at which it dies.
    """
    dispatcher = Dispatcher(units, engines, cost, present=present)
    pull_seconds = pull or cost.pull_seconds
    # Events: (time, order, kind, engine); kind 0 = a unit ends, 1 = the engine dies.
    events: list[tuple[float, int, int, str]] = []
    order = 0
    for engine, when in (deaths or {}).items():
        heapq.heappush(events, (when, order, 1, engine))
        order += 1
    running: dict[str, tuple[Unit, float, float]] = {}
    sim = Simulation(makespan=0.0)

    def start_idle(now: float) -> None:
        nonlocal order
        for engine in engines:
            if engine in running or engine not in dispatcher.alive:
                continue
            had = set(dispatcher.present[engine])
            unit = dispatcher.next_unit(engine, now)
            if unit is None:
                continue
            end = now + pull_seconds(unit, had) + actual(unit, engine)
            running[engine] = (unit, now, end)
            heapq.heappush(events, (end, order, 0, engine))
            order += 1

    start_idle(0.0)
    while events and not dispatcher.done:
        now, _, kind, engine = heapq.heappop(events)
        if kind == 0:
            if engine not in running or running[engine][2] != now:
                continue  # the engine died before this unit ended
            unit, began, end = running.pop(engine)
            dispatcher.finished(engine, unit, now)
            sim.placements.append(Placement(unit, engine, began, end, True))
            sim.makespan = max(sim.makespan, end)
        else:
            if engine in running:
                unit, began, _ = running.pop(engine)
                sim.placements.append(Placement(unit, engine, began, now, False))
            dispatcher.engine_died(engine, now)
        start_idle(now)
    sim.stranded = list(dispatcher.stranded)
    return sim
