"""Spread independent per-file work over worker processes, results in input order.

``imgopt lint`` over a tree of Dockerfiles is CPU-bound Python: one process uses one core. Like
ruff and hadolint, imgopt uses every core it is given for many files. Workers are forked after
imgopt is imported, so they start in milliseconds; few files run in-process (a pool would cost
more than it saves).

Ctrl-C: workers ignore SIGINT (the terminal sends it to the whole process group), so only the
parent sees ``KeyboardInterrupt``; it cancels what has not started, stops the workers and
re-raises, and nothing prints a traceback from a worker.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from imgopt.interrupts import worker_defaults

T = TypeVar("T")
R = TypeVar("R")

#: Extension modules that leave a forked child unable to run (see :func:`start_method`).
_FORK_UNSAFE = ("dockerfile",)

#: Below this many items per worker, a pool costs more than it saves (fork + pickling).
MIN_ITEMS_PER_JOB = 8


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def effective_jobs(jobs: int | None, n_items: int) -> int:
    """How many processes ``jobs`` means for ``n_items`` items (0 or None: every core)."""
    wanted = available_cores() if not jobs or jobs < 1 else jobs
    return max(1, min(wanted, n_items // MIN_ITEMS_PER_JOB))


def map_ordered(
    fn: Callable[[T], R], items: Sequence[T], *, jobs: int | None = None
) -> Iterator[R]:
    """``map(fn, items)``, in worker processes when there are enough items.

    Args:
        fn: a module-level function (it is called by reference in the workers).
        items: its arguments; each must pickle, and so must each result.
        jobs: processes to use; 0 or None for every available core, 1 for in-process.

    Yields:
        ``fn(item)`` for each item, in the order of ``items``.
    """
    n = effective_jobs(jobs, len(items))
    if n <= 1:
        yield from map(fn, items)
        return
    # Small contiguous chunks keep every worker busy to the end when file costs differ (a chunk
    # of Dockerfiles takes milliseconds; sending one costs far less).
    chunk = max(1, min(8, len(items) // (n * 8)))
    method = start_method()
    if method == "fork":
        # What the parent has allocated stays out of the workers' collections, so none walks
        # (and so copies) the inherited pages; the gc module's documentation advises it before
        # fork. Not measured on its own here.
        gc.freeze()
    pool = ProcessPoolExecutor(
        max_workers=n,
        mp_context=multiprocessing.get_context(method),
        initializer=_worker_init,
    )
    try:
        # Workers start when the work is submitted: ignoring SIGINT meanwhile means they are
        # born ignoring it (also across exec, for spawn), with no window in which a Ctrl-C
        # would print a worker's traceback.
        with _sigint_ignored():
            results = pool.map(fn, items, chunksize=chunk)
        yield from results
    except BaseException:
        # Shutting down forgets the workers and the pool's manager thread: take the handles first.
        procs = list((getattr(pool, "_processes", None) or {}).values())
        manager = getattr(pool, "_executor_manager_thread", None)
        pool.shutdown(wait=False, cancel_futures=True)
        _stop(procs)
        if isinstance(manager, threading.Thread):
            # Let it see its workers gone and close its wake-up pipe now: left running, it
            # closes the pipe while CPython's exit hook writes to it ("Exception ignored in:
            # <function _python_exit> ... Bad file descriptor", concurrent.futures in 3.11).
            manager.join(timeout=5)
        raise
    finally:
        if method == "fork":
            gc.unfreeze()
    pool.shutdown(wait=True)


def start_method() -> str:
    """``fork`` where it is safe (fast: workers inherit the imported modules), else ``spawn``.

    Fork is unsafe once a module that runs threads of its own is loaded: BuildKit's Go parser
    (``dockerfile``) starts a Go runtime whose threads a forked child lacks, and the child hangs
    in its first parse. imgopt loads it on the first parse, so a command that starts its
    workers before parsing anything can fork.
    """
    if "fork" in multiprocessing.get_all_start_methods() and not any(
        name in sys.modules for name in _FORK_UNSAFE
    ):
        return "fork"
    return "spawn"


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may change signal handlers
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _worker_init() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent turns SIGTERM and SIGHUP into an exception (imgopt.interrupts) and stops the
    # workers with SIGTERM: in a worker they must end it quietly, as by default.
    worker_defaults()


def _stop(procs: list[multiprocessing.Process]) -> None:
    # ProcessPoolExecutor has no public way to stop workers in the middle of a task; its process
    # table is the only handle on them.
    for proc in procs:
        if proc.is_alive():
            proc.terminate()
    for proc in procs:
        proc.join(timeout=5)
