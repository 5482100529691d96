"""Which unit an engine runs next: a plan by expected cost, redone as the run teaches.

Units are placed longest first, each on the engine where it is expected to *finish* earliest:
that engine's queued work, plus the pulls of bases it does not have (nor will have from a unit
queued before), plus the unit's own expected seconds there (longest-processing-time list
scheduling, within 4/3 of the optimal makespan when the estimates are right). A unit's length,
for that order, counts the pull of its bases onto an empty engine, so the run ends on units any
engine can take cheaply. Plans are made with pulls weighed 1, 3 and 6 times (:data:`PULL_WEIGHTS`)
and the one expected to end first is kept; for units never timed a pull weighs at least
:data:`UNCERTAIN_PULL_WEIGHT` times (the pull is sure, their length a guess). When an engine's
running unit is expected to end after every plan's queues (a unit past its estimate, see below),
its end is every plan's, and the first weight, the one that pulls most, wins the tie: in
benchmarks/bench_schedule.py's no-history case on seed 503, 168 of 278 replans tied so, 99 of
them between different plans (benchmarks/trace_schedule.py). Telling such plans apart by their
next latest ends (:data:`COMPARE_NEXT_ENDS`) was tried and is off: it pulled less, but on seed 5's
first run a 114 s unit known late then queued behind the units never timed on the engines with
its base, and that run ended at 1.300 times the bound instead of 1.191
(benchmarks/results/bench_schedule-2026-12-05-s9-next-ends-*.txt).

Units nothing is known about (no earlier timing, no finished unit of their target in this run)
go before the others, each target's ``original`` first, longest a-priori estimate first (the
cost model's, e.g. from the Dockerfile: :mod:`imgopt.schedule.prior`), and start on any engine
that is free and has their bases: one of them may be long, and a long unit started last is what
stretches a run; informed units then fill the end.

Estimates are not right, so the plan is redone each time a unit finishes, with what the run has
taught: each engine's *pace* (how its finished units compared with their estimates,
:meth:`Dispatcher.pace`), and for units nothing was known about, a correction of their a-priori
estimate: how the same target's finished variants compared with theirs (its original's cold
build predicts its variants), else once :data:`MIN_OBSERVED` units of its kind (the cost model's
:meth:`~imgopt.schedule.cost.CostModel.kind`: what weighs most in its a-priori estimate) have
finished, the median of how they compared, else once as many such units of any kind have, the
median of all. A running unit never timed that is past its a-priori estimate is expected to run
as long again as it has run (:meth:`Dispatcher._running_until`): the units planned behind it move
to other engines instead of waiting for it. An engine whose queue runs dry takes over the queued
unit (of any engine) that it would finish soonest before its planned engine would. An engine that
dies gives back its running unit and its queue, which are placed again, with every queued unit,
on the engines still alive.

The dispatcher keeps no clock of its own: callers pass ``now`` (wall-clock seconds in a real
run, the simulated time in :mod:`imgopt.schedule.simulate`). It is not thread-safe; the runner
holds a lock around every call.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence

from imgopt.schedule.cost import CostModel
from imgopt.schedule.model import Unit

#: The most an engine's pace may differ from the estimates, either way.
MAX_PACE = 5.0
#: Units without an earlier timing that must finish before the median of how they compared with
#: their a-priori estimates corrects the others' (their own target's finished units do at once).
MIN_OBSERVED = 3
#: A running unit never timed before, past its estimate, is expected to run this many times its
#: elapsed seconds more.
OVERRUN = 1.0
#: The variant every other one of a target is compared with; it runs first when nothing is known.
ORIGINAL = "original"
#: How many times its seconds a pull counts when a plan chooses an engine; one plan is made per
#: weight and the one expected to end first is kept (1: a pull costs what it takes; more: units
#: gather on the engines that have their bases, which pays when the run is long enough).
PULL_WEIGHTS = (1.0, 3.0, 6.0)
#: Whether plans of different pull weights that are expected to end at the same time are told
#: apart by their next latest ends (then the next, and so on); off: the first plan made wins.
#: Tried in session 9 and left off (see the module's docstring): benchmarks/bench_schedule.py
#: ``--compare-next-ends`` turns it on.
COMPARE_NEXT_ENDS = False
#: The least a pull counts, times its seconds, when a unit never timed chooses an engine: the pull
#: is sure, the unit's length a guess (a compile the Dockerfile counts at minutes may fail in a
#: second), so such units go where their base is unless the plan expects far more of them.
UNCERTAIN_PULL_WEIGHT = 6.0


def _sooner(ends: Sequence[float], than: Sequence[float]) -> bool:
    """Whether a plan whose engines end at ``ends`` (latest first) ends sooner than one whose
    engines end at ``than``: the latest ends compared, then (with :data:`COMPARE_NEXT_ENDS`) the
    next latest, and so on; ends within a nanosecond count as equal, so the plan made first wins
    a tie."""
    for mine, theirs in zip(ends[:1] if not COMPARE_NEXT_ENDS else ends, than, strict=False):
        if mine < theirs - 1e-9:
            return True
        if mine > theirs + 1e-9:
            return False
    return False


class Dispatcher:
    """Places units on engines and hands each engine its next unit."""

    def __init__(
        self,
        units: Iterable[Unit],
        engines: Sequence[str],
        cost: CostModel,
        *,
        present: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        """Plan ``units`` over ``engines``.

        Args:
            units: the units of the run; keys must be unique.
            engines: engine names, in order of preference when costs tie.
            cost: the expected costs.
            present: base images each engine already has.
        """
        if not engines:
            raise ValueError("a dispatcher needs at least one engine")
        self._order = list(engines)
        self._cost = cost
        self.alive: set[str] = set(engines)
        self.queues: dict[str, list[Unit]] = {e: [] for e in engines}
        self.busy: dict[str, tuple[Unit, float]] = {}
        self.present: dict[str, set[str]] = {e: set((present or {}).get(e, ())) for e in engines}
        self.attempts: dict[Unit, list[str]] = {}
        self._started: dict[str, tuple[float, float]] = {}
        self._paces: dict[str, tuple[float, float]] = {}
        self._learned: dict[tuple[object, ...], list[float]] = {}
        #: Units that no engine is left to run (every engine died).
        self.stranded: list[Unit] = []
        self._place(list(units), 0.0)

    # -- planning ---------------------------------------------------------------------------

    def _seconds(self, unit: Unit, engine: str | None = None) -> float:
        a_priori = self._cost.seconds(unit, engine)
        if self._cost.known(unit):
            return a_priori
        # Learned in this run, as a correction of the a-priori estimate (a Dockerfile's facts, or
        # the default): the same target's finished variants (its original's cold build says how
        # long its variants take), else every unit nothing was known about (grouping those by
        # base image as well was tried: it did worse in benchmarks/bench_schedule.py).
        if same_target := self._learned.get(("target", unit.target)):
            return a_priori * statistics.median(same_target)
        if len(same_kind := self._learned.get(("kind", self._cost.kind(unit)), [])) >= MIN_OBSERVED:
            return a_priori * statistics.median(same_kind)
        if len(seen := self._learned.get(("all",), [])) >= MIN_OBSERVED:
            return a_priori * statistics.median(seen)
        return a_priori

    def _expected(self, unit: Unit, engine: str, present: set[str]) -> float:
        plain = self._cost.pull_seconds(unit, present) + self._seconds(unit, engine)
        return plain * self.pace(engine)

    def pace(self, engine: str) -> float:
        """How much longer than estimated ``engine``'s units took so far (1.0 before any)."""
        expected, took = self._paces.get(engine, (0.0, 0.0))
        if expected <= 0:
            return 1.0
        # Bounded: a unit that hit a warm cache must not make an engine look free of cost.
        return min(MAX_PACE, max(1 / MAX_PACE, took / expected))

    def _running_until(self, engine: str, now: float) -> float:
        """When ``engine``'s running unit is expected to end (``now`` when it runs none).

        Before its estimate is up, at the estimate. After, at ``now`` when an earlier run timed
        the unit (such estimates are close: it is about to end); when nothing timed it, its
        a-priori estimate was wrong and says nothing more: it is expected to run as long again as
        it has run (:data:`OVERRUN`), so the units queued behind it are planned onto other
        engines instead of waiting for an end that is always "now".
        """
        if engine not in self.busy:
            return now
        unit, end = self.busy[engine]
        if now < end or self._cost.known(unit):
            return max(now, end)
        began = self._started[engine][0]
        return now + OVERRUN * (now - began)

    def _finishes(self, engine: str, now: float) -> tuple[list[float], float, set[str]]:
        """Expected finish time of each queued unit, the queue's end, and the bases by then."""
        start = self._running_until(engine, now)
        planned = set(self.present[engine])
        finishes = []
        for unit in self.queues[engine]:
            start += self._expected(unit, engine, planned)
            planned.update(unit.bases)
            finishes.append(start)
        return finishes, start, planned

    def _place(self, units: list[Unit], now: float) -> None:
        alive = [e for e in self._order if e in self.alive]
        if not alive:
            self.stranded.extend(units)
            return
        units.sort(key=self._priority(units))
        best: tuple[list[float], dict[str, list[Unit]]] | None = None
        for weight in PULL_WEIGHTS:
            ends, plan = self._plan(units, alive, now, weight)
            if best is None or _sooner(ends, best[0]):
                best = (ends, plan)
        assert best is not None
        for engine, more in best[1].items():
            self.queues[engine].extend(more)

    def _plan(
        self, units: list[Unit], alive: list[str], now: float, weight: float
    ) -> tuple[list[float], dict[str, list[Unit]]]:
        """Each unit, in order, onto the engine where it is expected to finish first, a pull
        counting ``weight`` times its seconds in the choice; returns the engines' expected ends
        (latest first) and the plan."""
        ready: dict[str, float] = {}
        planned: dict[str, set[str]] = {}
        plan: dict[str, list[Unit]] = {e: [] for e in alive}
        for engine in alive:
            _, ready[engine], planned[engine] = self._finishes(engine, now)
        for unit in units:
            choice = min(
                alive,
                key=lambda e: (
                    ready[e]
                    + self._expected(unit, e, planned[e])
                    + (self._pull_weight(unit, weight) - 1)
                    * self._cost.pull_seconds(unit, planned[e])
                    * self.pace(e)
                ),
            )
            ready[choice] += self._expected(unit, choice, planned[choice])
            planned[choice].update(unit.bases)
            plan[choice].append(unit)
        return sorted(ready.values(), reverse=True), plan

    def _pull_weight(self, unit: Unit, weight: float) -> float:
        """How many times its seconds a pull of ``unit``'s bases counts in a plan of ``weight``."""
        if self._informed(unit):
            return weight
        return max(weight, UNCERTAIN_PULL_WEIGHT)

    def _informed(self, unit: Unit) -> bool:
        """Whether an earlier run, or a finished unit of its target in this one, timed it."""
        return self._cost.known(unit) or ("target", unit.target) in self._learned

    def _priority(self, units: list[Unit]) -> Callable[[Unit], tuple[object, ...]]:
        """Sort key of units to place: uninformed first, then longest expected first.

        Units nothing is known about go first (their ``original`` before the other variants of
        their target: its time, once finished, estimates them), longest a-priori first; then
        every other unit, longest first, its length counting the pull of its bases onto an
        empty engine. So the short units of a big base (python:3.11, 1 GB) are not the last
        ones: the last ones fill whichever engine is free, and a unit whose base that engine
        lacks costs its pull there.
        """

        def key(unit: Unit) -> tuple[object, ...]:
            if self._informed(unit):
                pull = self._cost.pull_seconds(unit, ())
                return (2, -self._seconds(unit) - pull, unit.key)
            return (int(unit.variant != ORIGINAL), -self._seconds(unit), unit.key)

        return key

    # -- the run ----------------------------------------------------------------------------

    def next_unit(self, engine: str, now: float) -> Unit | None:
        """The unit ``engine`` (idle at ``now``) runs next, or None for nothing worth taking.

        None does not mean the run is over (see :attr:`done`): units queued elsewhere may come
        free when an engine dies.
        """
        if engine not in self.alive or engine in self.busy:
            return None
        unit = self._take_unknown(engine, now)
        if unit is None:
            queue = self.queues[engine]
            unit = queue.pop(0) if queue else self._steal(engine, now)
        if unit is None:
            return None
        pull = self._cost.pull_seconds(unit, self.present[engine])
        plain = pull + self._seconds(unit, engine)
        self.busy[engine] = (unit, now + plain * self.pace(engine))
        self._started[engine] = (now, pull)
        self.present[engine].update(unit.bases)
        self.attempts.setdefault(unit, []).append(engine)
        return unit

    def _take_unknown(self, engine: str, now: float) -> Unit | None:
        """A unit nothing is known about (:meth:`_informed`), its own or (needing no pull)
        another engine's.

        Such units start as early as possible, wherever an engine is free: one of them may be
        long, and a long unit started late is what stretches a run; informed units fill the end.
        """
        own = self.queues[engine]
        for i, unit in enumerate(own):
            if not self._informed(unit):
                return own.pop(i)
        best: tuple[float, str, int] | None = None
        for victim in self._order:
            if victim == engine or victim not in self.alive:
                continue
            end = self._finishes(victim, now)[1]
            for i, unit in enumerate(self.queues[victim]):
                if self._informed(unit) or self._cost.pull_seconds(unit, self.present[engine]):
                    continue
                if best is None or end > best[0]:
                    best = (end, victim, i)
                break
        if best is None:
            return None
        return self.queues[best[1]].pop(best[2])

    def _steal(self, engine: str, now: float) -> Unit | None:
        best: tuple[float, str, int] | None = None
        for victim in self._order:
            if victim == engine or victim not in self.alive:
                continue
            finishes, _, _ = self._finishes(victim, now)
            for i, unit in enumerate(self.queues[victim]):
                gain = finishes[i] - (now + self._expected(unit, engine, self.present[engine]))
                if gain > 0 and (best is None or gain > best[0]):
                    best = (gain, victim, i)
        if best is None:
            return None
        _, victim, i = best
        return self.queues[victim].pop(i)

    def finished(self, engine: str, unit: Unit, now: float | None = None) -> None:
        """``engine`` finished ``unit`` (whatever its outcome) at ``now``.

        With ``now``, the dispatcher learns. From a unit with an earlier timing, the engine's
        pace: an engine whose units take twice their estimates is expected to take twice as
        long for the rest (a slower machine, or one that other work shares), and the others take
        over its queue sooner. From a unit without one, what its target's other variants and
        (once :data:`MIN_OBSERVED` have finished) such units in general take. Then the queued
        units are planned again.
        """
        running = self.busy.get(engine)
        if running is None or running[0] != unit:
            raise ValueError(f"{engine} was not running {unit.key}")
        del self.busy[engine]
        began, pull = self._started.pop(engine)
        if now is None:
            return
        took = max(0.0, now - began)
        if self._cost.known(unit):
            # Only units with an earlier timing say something about the engine's pace.
            expected, total = self._paces.get(engine, (0.0, 0.0))
            plain = pull + self._cost.seconds(unit, engine)
            self._paces[engine] = (expected + plain, total + took)
        else:
            # As a ratio to the a-priori estimate: units whose Dockerfiles say they do more are
            # still expected to take longer than the others.
            ratio = max(0.0, took - pull) / max(self._cost.seconds(unit, engine), 1e-3)
            for key in (("target", unit.target), ("kind", self._cost.kind(unit)), ("all",)):
                self._learned.setdefault(key, []).append(ratio)
        self._replan(now)

    def _replan(self, now: float) -> None:
        """Place every queued unit again, with what the run has taught so far."""
        again = []
        for name in self.queues:
            again.extend(self.queues[name])
            self.queues[name] = []
        self._place(again, now)

    def engine_died(self, engine: str, now: float) -> list[Unit]:
        """``engine`` stopped answering: its running unit and queue go to the engines left.

        Returns:
            The units that were given back (the running one first).
        """
        if engine not in self.alive:
            return []
        self.alive.discard(engine)
        back = [self.busy.pop(engine)[0]] if engine in self.busy else []
        back.extend(self.queues[engine])
        self.queues[engine] = []
        # Plan every queued unit again with the ones given back, longest first, so a long unit
        # that was lost does not end up behind short ones.
        self._place(list(back), now)
        self._replan(now)
        return back

    @property
    def done(self) -> bool:
        """Whether nothing is queued or running on an engine that is alive."""
        return not self.busy and not any(self.queues[e] for e in self.alive)
