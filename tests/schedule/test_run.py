"""run_units with fake work: results name their engine, a dead engine's unit runs elsewhere."""

from __future__ import annotations

import threading

import pytest

from imgopt.errors import EngineError, EngineGone
from imgopt.schedule import CostModel, Engine, Timing, Unit, run_units

ENGINES = [Engine("one"), Engine("two", address="unix:///run/two.sock")]


def units(n: int) -> list[Unit]:
    return [Unit(f"app{i}", "slim-base") for i in range(n)]


def test_every_unit_runs_once_and_names_its_engine() -> None:
    seen: list[tuple[str, str]] = []
    lock = threading.Lock()
    both_started = threading.Barrier(2, timeout=30)

    def work(unit: Unit, engine: Engine) -> str:
        with lock:
            first = engine.name not in {name for _, name in seen}
            seen.append((unit.key, engine.name))
        if first:  # neither engine can take over the other's queue before both have started
            both_started.wait()
        return f"{unit.key}@{engine.name}"

    results = run_units(units(6), ENGINES, work)
    assert sorted(r.unit.key for r in results) == sorted(u.key for u in units(6))
    assert sorted(k for k, _ in seen) == sorted(u.key for u in units(6))
    for r in results:
        assert r.ok and r.value == f"{r.unit.key}@{r.engine}" and r.attempts == (r.engine,)
    assert {r.engine for r in results} == {"one", "two"}


def test_a_unit_whose_engine_died_runs_again_on_another() -> None:
    two_died = threading.Event()

    def work(unit: Unit, engine: Engine) -> str:
        if engine.name == "two":
            two_died.set()
            raise EngineGone("engine two stopped answering")
        assert two_died.wait(timeout=30)
        return engine.name

    results = run_units(units(4), ENGINES, work)
    assert len(results) == 4
    assert all(r.ok and r.engine == "one" for r in results)
    retried = [r for r in results if len(r.attempts) == 2]
    assert len(retried) == 1 and retried[0].attempts == ("two", "one")


def test_a_failed_variant_is_a_result_not_a_retry() -> None:
    def work(unit: Unit, engine: Engine) -> str:
        raise EngineError("the build failed")  # not EngineGone: the engine still answers

    results = run_units(units(2), ENGINES, work)
    assert [r.error for r in results] == ["the build failed"] * 2
    assert all(len(r.attempts) == 1 and r.value is None for r in results)


def test_every_engine_dead_is_one_engine_error_naming_the_units() -> None:
    def work(unit: Unit, engine: Engine) -> str:
        raise EngineGone("gone")

    with pytest.raises(EngineError, match=r"every engine stopped answering; 3 unit\(s\)"):
        run_units(units(3), ENGINES, work)


def test_one_engine_runs_in_the_calling_thread_in_plan_order() -> None:
    threads: set[int] = set()
    order: list[str] = []
    cost = CostModel(
        [Timing("app0", "slim-base", "one", 1.0), Timing("app1", "slim-base", "one", 9.0)]
    )

    def work(unit: Unit, engine: Engine) -> None:
        threads.add(threading.get_ident())
        order.append(unit.key)

    run_units(units(2), [Engine("one")], work, cost=cost)
    assert threads == {threading.get_ident()}
    assert order == ["app1/slim-base", "app0/slim-base"]  # longest first


def test_an_interrupt_stops_the_run_and_propagates() -> None:
    started: list[str] = []

    def work(unit: Unit, engine: Engine) -> None:
        started.append(unit.key)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_units(units(5), ENGINES, work)
    assert 1 <= len(started) <= 2  # at most the unit each engine had started


def test_engine_names_must_be_unique() -> None:
    with pytest.raises(ValueError, match="unique"):
        run_units(units(1), [Engine("a"), Engine("a")], lambda u, e: None)
