"""The dispatcher's placement, stealing and retries, with a cost model of known figures."""

from __future__ import annotations

import statistics

import pytest

from imgopt.schedule import CostModel, Dispatcher, Timing, Unit


def units_of(*specs: tuple[str, str, float]) -> tuple[list[Unit], CostModel]:
    units = [Unit(t, v) for t, v, _ in specs]
    return units, CostModel([Timing(t, v, "any", s) for t, v, s in specs])


def drain(d: Dispatcher, engine: str) -> list[str]:
    out = []
    while (unit := d.next_unit(engine, 0.0)) is not None:
        d.finished(engine, unit)
        out.append(unit.key)
    return out


def test_longest_first_onto_the_engine_that_finishes_it_soonest() -> None:
    units, cost = units_of(
        ("a", "x", 7), ("b", "x", 5), ("c", "x", 4), ("d", "x", 3), ("e", "x", 1)
    )
    d = Dispatcher(units, ["e1", "e2"], cost)
    assert [u.key for u in d.queues["e1"]] == ["a/x", "d/x"]
    assert [u.key for u in d.queues["e2"]] == ["b/x", "c/x", "e/x"]


def test_units_gather_where_their_base_is_present() -> None:
    units = [Unit(f"t{i}", "v", bases=("node:18",)) for i in range(3)]
    cost = CostModel(
        [Timing(u.target, "v", "any", 10.0) for u in units], base_sizes={"node:18": 10**9}
    )
    d = Dispatcher(units, ["empty", "has-node"], cost, present={"has-node": ["node:18"]})
    # Pulling node:18 costs 50 s: three 10 s units finish sooner where it already is.
    assert len(d.queues["has-node"]) == 3
    assert d.queues["empty"] == []


def test_a_base_pulled_once_is_not_counted_again_for_the_next_unit() -> None:
    units = [Unit(f"t{i}", "v", bases=("big",)) for i in range(4)]
    cost = CostModel(
        [Timing(u.target, "v", "any", 100.0) for u in units], base_sizes={"big": 10**9}
    )
    d = Dispatcher(units, ["e1", "e2"], cost)
    # Each engine pulls once (50 s) and then runs two units: 2 and 2, not 3 and 1.
    assert sorted(len(q) for q in d.queues.values()) == [2, 2]


def test_same_engine_timings_win_over_other_engines() -> None:
    unit = Unit("t", "v")
    cost = CostModel([Timing("t", "v", "fast", 10.0), Timing("t", "v", "slow", 90.0)])
    assert cost.seconds(unit, "fast") == 10.0
    assert cost.seconds(unit, "slow") == 90.0
    assert cost.seconds(unit, "new") == 50.0  # median of what is known, as a first guess
    d = Dispatcher([unit], ["slow", "fast"], cost)
    assert d.queues["fast"] == [unit]


def test_size_estimates_a_unit_never_timed() -> None:
    cost = CostModel([Timing("t", "v", "e", 10.0, size_bytes=100)])
    assert cost.seconds(Unit("new", "v", size_bytes=300)) == pytest.approx(30.0)
    assert cost.seconds(Unit("new", "v")) == 60.0


def test_an_idle_engine_takes_queued_work_it_finishes_sooner() -> None:
    units, cost = units_of(("a", "x", 10), ("b", "x", 10), ("c", "x", 10), ("d", "x", 10))
    d = Dispatcher(units, ["e1", "e2"], cost)
    assert d.next_unit("e1", 0.0) == units[0]
    # e2 ran its two units out at 1 s, quicker than estimated; e1's second unit would start at
    # 10 s, so e2 takes it.
    for _ in range(2):
        unit = d.queues["e2"][0]
        assert d.next_unit("e2", 0.0) == unit
        d.finished("e2", unit)
    assert len(d.queues["e1"]) == 1
    queued = d.queues["e1"][0]
    assert d.next_unit("e2", 1.0) == queued
    assert d.attempts[queued] == ["e2"]
    assert d.queues["e1"] == []


def test_no_steal_when_the_planned_engine_finishes_it_sooner() -> None:
    units, cost = units_of(("a", "x", 10))
    d = Dispatcher(units, ["e1", "e2"], cost)
    # e2 is idle but the only unit is e1's next: stealing it gains nothing.
    assert d.next_unit("e2", 0.0) is None
    assert d.next_unit("e1", 0.0) == units[0]


def test_a_dead_engine_gives_back_its_running_unit_and_queue() -> None:
    units, cost = units_of(("a", "x", 9), ("b", "x", 8), ("c", "x", 2), ("d", "x", 1))
    d = Dispatcher(units, ["e1", "e2"], cost)
    running = d.next_unit("e1", 0.0)
    back = d.engine_died("e1", 3.0)
    assert back[0] == running
    assert set(d.queues["e2"]) == set(units)
    assert d.queues["e1"] == [] and "e1" not in d.alive
    assert d.next_unit("e1", 4.0) is None
    assert drain(d, "e2")[0] == "a/x"  # the lost unit, the longest, runs again first
    assert running is not None and d.attempts[running] == ["e1", "e2"]
    assert d.done


def test_every_engine_dead_strands_the_rest() -> None:
    units, cost = units_of(("a", "x", 1), ("b", "x", 1))
    d = Dispatcher(units, ["e1"], cost)
    d.next_unit("e1", 0.0)
    d.engine_died("e1", 0.5)
    assert d.done
    assert {u.key for u in d.stranded} == {"a/x", "b/x"}


def test_finishing_a_unit_the_engine_is_not_running_is_a_bug() -> None:
    units, cost = units_of(("a", "x", 1))
    d = Dispatcher(units, ["e1"], cost)
    with pytest.raises(ValueError, match="not running"):
        d.finished("e1", units[0])


def test_pull_costs_only_the_missing_bases() -> None:
    cost = CostModel(base_sizes={"a": 40_000_000}, pull_bytes_per_second=20e6)
    unit = Unit("t", "v", bases=("a", "unknown"))
    assert cost.pull_seconds(unit, {"a"}) == 30.0  # unknown size: DEFAULT_PULL_SECONDS
    assert cost.pull_seconds(unit, {"unknown"}) == 2.0
    assert cost.pull_seconds(unit, {"a", "unknown"}) == 0.0


def test_units_nothing_is_known_about_start_first_wherever_their_bases_are() -> None:
    known = [Unit("k1", "v"), Unit("k2", "v")]
    unknown = [Unit("u1", "v"), Unit("u2", "v")]
    cost = CostModel([Timing(u.target, "v", "e", 500.0) for u in known])
    d = Dispatcher(known + unknown, ["e1", "e2"], cost)
    first = {d.next_unit("e1", 0.0), d.next_unit("e2", 0.0)}
    assert first == set(unknown)


def test_a_finished_variant_estimates_its_targets_other_variants() -> None:
    units = [Unit("app", "original"), Unit("app", "hygiene"), Unit("other", "original")]
    d = Dispatcher(units, ["e1"], CostModel(default_seconds=10.0))
    unit = d.next_unit("e1", 0.0)
    assert unit is not None and unit.target == "app"
    d.finished("e1", unit, 250.0)
    # The other variant of "app" is now expected to take 250 s (25 times its estimate, as its
    # original did). "other", still unknown, goes first: it may be as long.
    hygiene = next(u for u in units if u.target == "app" and u != unit)
    assert d._seconds(hygiene) == pytest.approx(250.0)
    assert d.queues["e1"] == [Unit("other", "original"), hygiene]
    assert d.busy == {}


def test_an_engine_slower_than_its_estimates_is_given_less() -> None:
    units = [Unit(f"t{i}", "v") for i in range(9)]
    cost = CostModel([Timing(u.target, "v", "x", 10.0) for u in units])
    d = Dispatcher(units, ["slow", "fast"], cost)
    for engine, took in (("slow", 40.0), ("fast", 10.0)):
        unit = d.next_unit(engine, 0.0)
        assert unit is not None
        d.finished(engine, unit, took)
    assert d.pace("slow") == 4.0 and d.pace("fast") == 1.0
    assert len(d.queues["fast"]) > 3 * len(d.queues["slow"])


def test_units_of_a_big_base_gather_when_pulling_it_twice_would_end_later(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "big" takes 40 s to pull, "small" nothing. Spreading the big-base units (weight 1 alone)
    # pulls "big" on both engines and ends at 95 s; keeping them on one engine ends at 75 s.
    secs = {"b20": ("big", 20.0), "b10": ("big", 10.0), "b5": ("big", 5.0)}
    secs |= {"s40": ("small", 40.0), "s20": ("small", 20.0)}
    units = [Unit(t, "v", bases=(base,)) for t, (base, _) in secs.items()]
    cost = CostModel(
        [Timing(t, "v", "x", s) for t, (_, s) in secs.items()],
        base_sizes={"big": 40_000_000, "small": 0},
        pull_bytes_per_second=1e6,
    )

    def plan() -> dict[str, list[str]]:
        d = Dispatcher(units, ["e1", "e2"], cost)
        return {e: [u.target for u in q] for e, q in d.queues.items()}

    assert plan() == {"e1": ["b20", "b10", "b5"], "e2": ["s40", "s20"]}
    monkeypatch.setattr("imgopt.schedule.dispatch.PULL_WEIGHTS", (1.0,))
    assert plan() == {"e1": ["b20", "s20"], "e2": ["b10", "b5", "s40"]}


def test_a_short_unit_of_a_big_base_is_not_left_for_the_end() -> None:
    # 2 s on a base that takes 50 s to pull counts as longer than 30 s on a base already
    # everywhere: it is placed first, while the engine with the base still has work.
    units = [Unit("tiny", "v", bases=("python",)), Unit("long", "v")]
    cost = CostModel(
        [Timing("tiny", "v", "x", 2.0), Timing("long", "v", "x", 30.0)],
        base_sizes={"python": 10**9},
        pull_bytes_per_second=20e6,
    )
    d = Dispatcher(units, ["e1"], cost)
    assert [u.target for u in d.queues["e1"]] == ["tiny", "long"]


def test_an_original_nothing_is_known_about_runs_before_its_variants() -> None:
    # A-priori, the variant looks longer; the original still goes first, since its time will
    # estimate the variant's.
    units = [Unit("app", "slim"), Unit("app", "original")]
    cost = CostModel(priors={("app", "slim"): 50.0, ("app", "original"): 20.0})
    d = Dispatcher(units, ["e1"], cost)
    assert d.next_unit("e1", 0.0) == Unit("app", "original")


def test_a_finished_original_scales_its_variants_a_priori_estimates() -> None:
    units = [Unit("app", "original"), Unit("app", "slim"), Unit("other", "original")]
    priors = {("app", "original"): 10.0, ("app", "slim"): 5.0, ("other", "original"): 40.0}
    d = Dispatcher(units, ["e1"], CostModel(priors=priors))
    first = d.next_unit("e1", 0.0)
    assert first == Unit("other", "original")  # the longest a-priori goes first
    d.finished("e1", first, 40.0)
    assert d.next_unit("e1", 40.0) == Unit("app", "original")
    d.finished("e1", Unit("app", "original"), 70.0)  # 30 s: three times its estimate
    # The variant is now informed: three times its own a-priori estimate.
    assert d._seconds(Unit("app", "slim")) == pytest.approx(15.0)


def test_units_never_timed_keep_their_a_priori_order_once_the_run_corrects_them() -> None:
    units = [Unit(f"done{i}", "original") for i in range(3)]
    units += [Unit("short", "original"), Unit("long", "original")]
    priors = {(u.target, u.variant): 10.0 for u in units}
    priors |= {("short", "original"): 5.0, ("long", "original"): 50.0}
    d = Dispatcher(units, ["e1"], CostModel(priors=priors))
    now = 0.0
    for _ in range(3):
        unit = d.next_unit("e1", now)
        assert unit is not None
        if unit.target == "long":  # a-priori longest first: let it take its 50 s
            now += 50.0
            d.finished("e1", unit, now)
            unit = d.next_unit("e1", now)
            assert unit is not None
        now += 20.0  # twice its 10 s estimate
        d.finished("e1", unit, now)
    # The median unit took twice its estimate: "short" is expected at 10 s, not at the 20 s the
    # others' median took (which would treat it like any other unit never timed).
    assert d._seconds(Unit("short", "original")) == pytest.approx(10.0)


@pytest.mark.parametrize("timed", [False, True])
def test_units_queued_behind_a_unit_never_timed_past_its_estimate_go_elsewhere(
    timed: bool,
) -> None:
    # Three 10 s units: e1 runs a, then c; e2 runs b. At 30 s, e2 is done. Never timed, e1's
    # unit, 20 s past its a-priori estimate, is expected to run as long again as it has run
    # (until 60 s): c moves to e2 rather than wait for an end that would always be "now". Timed
    # by an earlier run, it is expected to end now, and c stays.
    units = [Unit(t, "x") for t in "abc"]
    if timed:
        cost = CostModel([Timing(u.target, "x", "any", 10.0) for u in units])
    else:
        cost = CostModel(priors={(u.target, "x"): 10.0 for u in units})
    d = Dispatcher(units, ["e1", "e2"], cost)
    assert {e: [u.target for u in q] for e, q in d.queues.items()} == {
        "e1": ["a", "c"],
        "e2": ["b"],
    }
    assert d.next_unit("e1", 0.0) == units[0] and d.next_unit("e2", 0.0) == units[1]
    assert d._running_until("e1", 5.0) == 10.0  # within its estimate: its estimate
    assert d._running_until("e1", 30.0) == pytest.approx(30.0 if timed else 60.0)
    d.finished("e2", units[1], 30.0)
    if timed:
        assert d.queues == {"e1": [units[2]], "e2": []}
    else:
        assert d.queues == {"e1": [], "e2": [units[2]]}


def test_units_never_timed_learn_from_finished_units_of_their_kind() -> None:
    # Three compile units came back at a tenth of their estimates and three OS-package units at
    # five times theirs: the OS-package unit left, a-priori shorter, now goes before the compile
    # unit left; a unit of a kind not seen yet is scaled by the median of every unit (2.55).
    spec = {f"c{i}": ("compile", 40.0) for i in range(4)}
    spec |= {f"o{i}": ("os", 20.0) for i in range(4)} | {"p": ("plain", 4.0)}
    units = [Unit(t, "original") for t in spec]
    cost = CostModel(
        priors={(t, "original"): s for t, (_, s) in spec.items()},
        kinds={(t, "original"): k for t, (k, _) in spec.items()},
    )
    d = Dispatcher(units, ["e1"], cost)
    now = 0.0
    for target in ("c0", "c1", "c2", "o0", "o1", "o2"):
        unit = Unit(target, "original")
        d.queues["e1"].remove(unit)
        d.queues["e1"].insert(0, unit)
        assert d.next_unit("e1", now) == unit
        now += spec[target][1] * (0.1 if spec[target][0] == "compile" else 5.0)
        d.finished("e1", unit, now)
    assert d._seconds(Unit("c3", "original")) == pytest.approx(4.0)
    assert d._seconds(Unit("o3", "original")) == pytest.approx(100.0)
    every = statistics.median([0.1] * 3 + [5.0] * 3)
    assert d._seconds(Unit("p", "original")) == pytest.approx(4.0 * every)
    assert [u.target for u in d.queues["e1"]] == ["o3", "p", "c3"]


def test_a_unit_never_timed_goes_where_its_base_is_unless_far_more_is_expected() -> None:
    # e1 has "big" (a 10 s pull elsewhere) and runs a 12 s unit. The never-timed unit on "big",
    # 5 s a-priori, would finish sooner on idle e2 (15 s against 17 s), but a sure 10 s pull for
    # a guessed 5 s weighs 6 times: it waits for e1. Timed before, it goes to e2.
    busy = Unit("busy", "v", bases=("big",))
    guess = Unit("guess", "v", bases=("big",))
    sizes = {"big": 10_000_000}
    timed = [Timing("busy", "v", "x", 12.0)]
    for known, where in ((False, "e1"), (True, "e2")):
        more = [Timing("guess", "v", "x", 5.0)] if known else []
        cost = CostModel(
            timed + more,
            base_sizes=sizes,
            pull_bytes_per_second=1e6,
            priors={("guess", "v"): 5.0},
        )
        d = Dispatcher([busy], ["e1", "e2"], cost, present={"e1": ["big"]})
        assert d.next_unit("e1", 0.0) == busy
        d._place([guess], 0.0)
        assert [e for e, q in d.queues.items() if guess in q] == [where]


def test_plans_that_end_together_go_to_the_first_weight_unless_next_ends_are_compared(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # e3 runs a unit never timed, 490 s past its 10 s estimate: it is expected to run until
    # 1000 s, after anything placed now, so every plan ends at 1000 s. Pulls weighed once, b2
    # goes to e2, which pulls "big" (40 s) for it: e1 ends at 610 s, e2 at 585 s. Weighed 3
    # times, both big-base units stay on e1, which has "big", and s goes to e2: 595 s and 560 s.
    # By the latest end alone the plans tie and the first weight's wins; comparing the next
    # latest ends (COMPARE_NEXT_ENDS, off) keeps the other.
    long = Unit("long", "v")
    b1, b2 = Unit("b1", "v", bases=("big",)), Unit("b2", "v", bases=("big",))
    s = Unit("s", "v")
    cost = CostModel(
        [Timing("b1", "v", "x", 50.0), Timing("b2", "v", "x", 45.0), Timing("s", "v", "x", 60.0)],
        base_sizes={"big": 40_000_000},
        pull_bytes_per_second=1e6,
        priors={("long", "v"): 10.0},
    )

    def plan() -> dict[str, list[str]]:
        d = Dispatcher([long], ["e1", "e2", "e3"], cost, present={"e1": ["big"]})
        assert d.next_unit("e3", 0.0) == long
        assert d._running_until("e3", 500.0) == pytest.approx(1000.0)
        d._place([b1, b2, s], 500.0)
        return {e: [u.target for u in q] for e, q in d.queues.items()}

    assert plan() == {"e1": ["b1", "s"], "e2": ["b2"], "e3": []}
    monkeypatch.setattr("imgopt.schedule.dispatch.COMPARE_NEXT_ENDS", True)
    assert plan() == {"e1": ["b1", "b2"], "e2": ["s"], "e3": []}
    monkeypatch.setattr("imgopt.schedule.dispatch.PULL_WEIGHTS", (1.0,))
    assert plan() == {"e1": ["b1", "s"], "e2": ["b2"], "e3": []}
