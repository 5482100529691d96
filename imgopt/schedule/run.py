"""Run units over engines for real: one worker thread per engine, one unit at a time each.

The work is a callable ``execute(unit, engine)`` that builds, measures and verifies the unit on
that engine and returns its result; a failure of the variant itself is a result, not an
exception. When it raises an error that says the engine is gone (:class:`imgopt.errors.EngineGone`
by default), the engine is taken out of the run and the unit runs again on another engine. With
one engine the work runs in the calling thread, exactly as without a scheduler.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeVar

from imgopt.errors import EngineError, EngineGone
from imgopt.schedule.cost import CostModel
from imgopt.schedule.dispatch import Dispatcher
from imgopt.schedule.model import Engine, Unit, UnitResult

T = TypeVar("T")


def engine_gone(exc: BaseException) -> bool:
    """Whether ``exc`` says the engine itself stopped answering (not that a build failed)."""
    return isinstance(exc, EngineGone)


def run_units(
    units: Iterable[Unit],
    engines: Sequence[Engine],
    execute: Callable[[Unit, Engine], T],
    *,
    cost: CostModel | None = None,
    present: Mapping[str, Iterable[str]] | None = None,
    is_engine_failure: Callable[[BaseException], bool] = engine_gone,
    clock: Callable[[], float] = time.monotonic,
    raise_errors: bool = False,
) -> list[UnitResult[T]]:
    """Run every unit on some engine; results in the order units finished.

    With ``raise_errors``, an error of the work that is not the engine's is raised as it is
    (after the other engines' running units finish; none starts after it) instead of being
    recorded as the unit's result: for callers whose work records its own failures.

    Raises:
        EngineError: every engine died with units left to run (naming them).
        KeyboardInterrupt: re-raised from the work (Ctrl-C, a signal); no new unit starts.
    """
    by_name = {e.name: e for e in engines}
    if len(by_name) != len(engines):
        raise ValueError("engine names must be unique")
    start = clock()
    dispatcher = Dispatcher(units, list(by_name), cost or CostModel(), present=present)
    lock = threading.Condition()
    results: list[UnitResult[T]] = []
    raised: list[BaseException] = []

    def work(engine: Engine) -> None:
        while True:
            with lock:
                while True:
                    if raised or dispatcher.done or engine.name not in dispatcher.alive:
                        lock.notify_all()
                        return
                    unit = dispatcher.next_unit(engine.name, clock() - start)
                    if unit is not None:
                        break
                    lock.wait(timeout=1.0)
            began = clock()
            value: T | None = None
            error: str | None = None
            try:
                value = execute(unit, engine)
            except Exception as exc:
                if is_engine_failure(exc):
                    with lock:
                        dispatcher.engine_died(engine.name, clock() - start)
                        lock.notify_all()
                    return
                if raise_errors:
                    with lock:
                        raised.append(exc)
                        lock.notify_all()
                    return
                error = str(exc) or type(exc).__name__
            except BaseException as exc:  # Ctrl-C or a signal: no unit starts after this
                with lock:
                    raised.append(exc)
                    lock.notify_all()
                return
            with lock:
                dispatcher.finished(engine.name, unit, clock() - start)
                attempts = tuple(dispatcher.attempts.get(unit, [engine.name]))
                results.append(
                    UnitResult(unit, engine.name, value, error, attempts, clock() - began)
                )
                lock.notify_all()

    if len(engines) == 1:
        work(engines[0])
    else:
        threads = [
            threading.Thread(target=work, args=(e,), name=f"imgopt-engine-{e.name}", daemon=True)
            for e in engines
        ]
        try:
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        except BaseException as exc:  # Ctrl-C in the main thread: the workers take nothing new
            with lock:
                raised.append(exc)
                lock.notify_all()
            raise
    if raised:
        raise raised[0]
    if dispatcher.stranded:
        names = ", ".join(u.key for u in dispatcher.stranded[:5])
        more = len(dispatcher.stranded) - 5
        raise EngineError(
            f"every engine stopped answering; {len(dispatcher.stranded)} unit(s) not run: "
            f"{names}{f' and {more} more' if more > 0 else ''}",
            hint="check the engines (`docker --host URL info`) and run again with --resume",
        )
    return results
