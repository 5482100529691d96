"""The simulator: the same dispatcher over simulated time, with deaths and pulls."""

from __future__ import annotations

import pytest

from imgopt.schedule import CostModel, Timing, Unit, simulate


def test_perfect_estimates_of_equal_units_fill_every_engine() -> None:
    units = [Unit(f"t{i}", "v") for i in range(12)]
    cost = CostModel([Timing(u.target, "v", "e", 10.0) for u in units])
    sim = simulate(units, ["a", "b", "c"], cost, lambda u, e: 10.0)
    assert sim.makespan == 40.0
    assert sim.busy_seconds() == {"a": 40.0, "b": 40.0, "c": 40.0}
    assert len(sim.engine_of()) == 12


def test_wrong_estimates_are_corrected_by_stealing() -> None:
    # Planned as equal, but every unit on engine "slow" takes three times as long.
    units = [Unit(f"t{i}", "v") for i in range(8)]
    cost = CostModel([Timing(u.target, "v", "x", 10.0) for u in units])
    sim = simulate(units, ["fast", "slow"], cost, lambda u, e: 30.0 if e == "slow" else 10.0)
    placed = sim.engine_of()
    assert sum(1 for e in placed.values() if e == "fast") >= 5
    assert sim.makespan <= 60.0  # without stealing: 4 x 30 s = 120 s


def test_a_death_mid_unit_reruns_it_elsewhere_and_loses_its_time() -> None:
    units = [Unit(f"t{i}", "v") for i in range(4)]
    cost = CostModel([Timing(u.target, "v", "x", 10.0) for u in units])
    sim = simulate(units, ["a", "b"], cost, lambda u, e: 10.0, deaths={"b": 5.0})
    assert set(sim.engine_of().values()) == {"a"}
    lost = [p for p in sim.placements if not p.completed]
    assert len(lost) == 1 and lost[0].engine == "b" and lost[0].end == 5.0
    assert sim.makespan == 40.0
    assert not sim.stranded


def test_pulls_count_once_per_engine() -> None:
    units = [Unit(f"t{i}", "v", bases=("b",)) for i in range(4)]
    cost = CostModel([Timing(u.target, "v", "x", 10.0) for u in units], base_sizes={"b": 10**8})
    sim = simulate(units, ["a"], cost, lambda u, e: 10.0)
    assert sim.makespan == pytest.approx(45.0)  # one 5 s pull, four 10 s units


def test_all_engines_dead_strands_the_rest() -> None:
    units = [Unit(f"t{i}", "v") for i in range(3)]
    sim = simulate(units, ["a"], CostModel(), lambda u, e: 10.0, deaths={"a": 15.0})
    assert len(sim.engine_of()) == 1
    assert len(sim.stranded) == 2


def test_the_dispatcher_learns_durations_only_from_units_that_finished() -> None:
    # Two replays whose durations differ only in units not yet finished at 10 s start the same
    # units up to then: the simulator hands the dispatcher no duration ahead of time.
    units = [Unit(f"t{i}", "original") for i in range(6)]
    cost = CostModel(default_seconds=10.0)

    def starts(long: str) -> list[tuple[float, str]]:
        sim = simulate(units, ["a", "b"], cost, lambda u, e: 300.0 if u.target == long else 10.0)
        return sorted((p.start, p.unit.key) for p in sim.placements if p.start <= 10.0)

    assert starts("t4") == starts("t5")
    assert len(starts("t4")) == 4  # two at 0 s, two at 10 s
