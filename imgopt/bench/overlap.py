"""Measure and verify one variant while the next one builds.

A bench run's work per variant is a cold build, then the measurement of its image (layer sizes,
exact gzip sizes, waste) and its verification (containers, probes), then a warm rebuild. The
builds keep BuildKit busy; measuring reads layers and compresses them, and verifying mostly waits
for a container to answer. On a 2-core machine the two overlap well, so the runner hands the
measurement and verification of a variant to :class:`Background` (one worker thread: jobs run
one at a time, in the order they were given) and goes on with the next build at once. Timed
work still runs alone where the times matter: the compression never runs beside a build, and a
verification never beside a cold build, whose step times the estimates reuse (the runner's
``_cpu`` and ``_quiet`` locks); a verification runs beside the warm rebuilds.

What must hold, and how:

- **Order.** Rows reach ``results.csv`` in the order a serial run writes them, whatever finishes
  first: each batch of rows takes a slot in :class:`OrderedRows` when its work is *started*, and
  slots are written in slot order as they are filled.
- **Errors.** A job's exception is raised in the main thread, at the next point the runner
  waits for the background or starts another build (:meth:`Background.raise_failed`): an engine
  that went away stops the run as it does without overlap.
- **Ctrl-C.** Only the main thread sees the interrupt. :meth:`Background.stop` cancels the jobs
  not yet started and waits, bounded, for the running one (the runner removes the run's
  containers in between, so a verification stuck on a container fails fast);
  :meth:`OrderedRows.flush` then writes every row that was complete, in slot order, skipping
  the slots whose work never finished (a resumed run redoes exactly those).
- **No overlap** (``enabled=False``): a job runs at once, in the caller's thread, and its
  exception propagates there: the serial run, unchanged.
"""

from __future__ import annotations

import contextvars
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, TypeVar

T = TypeVar("T")
Rows = Sequence[Mapping[str, Any]]


class OrderedRows:
    """Row batches written in the order their slots were reserved.

    Example:
        >>> written = []
        >>> rows = OrderedRows(written.extend)
        >>> a, b = rows.reserve(), rows.reserve()
        >>> rows.fill(b, [{"row": "b"}])
        >>> written
        []
        >>> rows.fill(a, [{"row": "a"}])
        >>> [r["row"] for r in written]
        ['a', 'b']
    """

    def __init__(self, write: Callable[[list[Mapping[str, Any]]], None]) -> None:
        self._write = write
        self._lock = threading.Lock()
        self._next = 0  # the next slot to reserve
        self._head = 0  # the first slot not yet written
        self._filled: dict[int, list[Mapping[str, Any]]] = {}
        self._abandoned: set[int] = set()
        self._defaults: dict[int, list[Mapping[str, Any]]] = {}

    def reserve(self, default: Rows | None = None) -> int:
        """A slot for rows that will be known later.

        Args:
            default: what :meth:`flush` writes when the slot is still open then (a warm
                rebuild's row without the pushed bytes a cancelled job would have added).
        """
        with self._lock:
            slot = self._next
            self._next += 1
            if default is not None:
                self._defaults[slot] = list(default)
            return slot

    def fill(self, slot: int, rows: Rows) -> None:
        """The rows of ``slot``; writes it and every filled slot after it, once all before it are.

        Raises:
            ValueError: the slot was filled or abandoned already, or never reserved.
        """
        with self._lock:
            self._check(slot)
            self._filled[slot] = list(rows)
            self._advance()

    def abandon(self, slot: int) -> None:
        """``slot`` will never be filled (its work failed): the slots after it need not wait."""
        with self._lock:
            self._check(slot)
            self._abandoned.add(slot)
            self._advance()

    def add(self, rows: Rows) -> None:
        """Reserve and fill a slot at once (rows known now)."""
        self.fill(self.reserve(), rows)

    def flush(self) -> int:
        """Write every filled slot now, in slot order (an open slot's default, if it has one),
        skipping the others; return how many slots were skipped (work that never finished: a
        Ctrl-C, an error; a resumed run redoes it)."""
        with self._lock:
            skipped = 0
            while self._head < self._next:
                slot = self._head
                rows = self._filled.pop(slot, None)
                default = self._defaults.pop(slot, None)
                if rows is None and slot not in self._abandoned:
                    rows = default
                    skipped += rows is None
                self._abandoned.discard(slot)
                self._head += 1
                if rows is not None:
                    self._write(rows)
            return skipped

    @property
    def pending(self) -> int:
        """Slots reserved and not yet written."""
        with self._lock:
            return self._next - self._head

    def _check(self, slot: int) -> None:
        if not self._head <= slot < self._next or slot in self._filled or slot in self._abandoned:
            raise ValueError(f"slot {slot} is not open")

    def _advance(self) -> None:
        # Each slot is popped before it is written: a write that raises (a full disk) loses
        # that slot's rows, never writes them twice, and the error reaches the filler.
        while self._head in self._filled or self._head in self._abandoned:
            rows = self._filled.pop(self._head, None)
            self._abandoned.discard(self._head)
            self._defaults.pop(self._head, None)
            self._head += 1
            if rows is not None:
                self._write(rows)


class Background:
    """Jobs run one at a time beside the caller, in the order given (or at once when disabled)."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self._pool: ThreadPoolExecutor | None = None
        self._futures: list[Future[Any]] = []
        #: Seconds the jobs ran in the background, in all.
        self.job_seconds = 0.0
        #: Seconds the caller waited for them in :meth:`wait` (the rest ran beside its work).
        self.waited_seconds = 0.0
        #: When each job ran (POSIX start, end): a build step timed then shared the machine.
        self.intervals: list[tuple[float, float]] = []

    def submit(self, fn: Callable[[], T]) -> Future[T]:
        """Run ``fn`` after the jobs given before it.

        Disabled: ``fn`` runs now and its exception propagates; the future returned is done.
        """
        if not self.enabled:
            done: Future[T] = Future()
            done.set_result(fn())
            return done
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="imgopt-bench")

        def timed() -> T:
            started, wall = time.perf_counter(), time.time()
            try:
                return fn()
            finally:
                self.job_seconds += time.perf_counter() - started
                self.intervals.append((wall, time.time()))

        # In the caller's context: a job sees the context variables set around the run (the
        # run's shared dependencies, imgopt.verify.deps), as the job run in that thread would.
        # A thread of its own starts with an empty context: every verification then started
        # (and removed) the app's database again (compose-tutorial's: 4.1-4.7 s a variant
        # against 1.0-1.4 s shared, in the idle runs of analyze_stages).
        future = self._pool.submit(contextvars.copy_context().run, timed)
        self._futures.append(future)
        return future

    @property
    def busy(self) -> bool:
        """Whether a job given is not finished yet."""
        return any(not f.done() for f in self._futures)

    def raise_failed(self) -> None:
        """Raise the exception of the first finished job that failed (and forget the finished)."""
        still: list[Future[Any]] = []
        failed: BaseException | None = None
        for f in self._futures:
            if not f.done():
                still.append(f)
            elif failed is None and not f.cancelled() and f.exception() is not None:
                failed = f.exception()
        self._futures = still
        if failed is not None:
            raise failed

    def wait(self, timeout_per_job: float, on_timeout: Callable[[], BaseException]) -> None:
        """Wait for every job, in order; raise the first failure.

        Args:
            timeout_per_job: seconds each job may take from the moment the one before it ended.
            on_timeout: the exception to raise when a job runs over (the bench's watchdog).
        """
        started = time.perf_counter()
        try:
            while self._futures:
                f = self._futures[0]
                try:
                    f.result(timeout=timeout_per_job)
                except FutureTimeout:
                    raise on_timeout() from None
                finally:
                    if f.done():
                        self._futures.pop(0)
        finally:
            self.waited_seconds += time.perf_counter() - started

    def stop(self, timeout: float, between: Callable[[], None] | None = None) -> bool:
        """Cancel the jobs not started; wait up to ``timeout`` seconds for the running one.

        Args:
            timeout: the most to wait.
            between: called before waiting and every few seconds while waiting (the runner
                removes the run's containers, so a verification stuck on one ends).

        Returns:
            True when no job is left running.
        """
        for f in self._futures:
            f.cancel()
        deadline = time.monotonic() + timeout
        running = [f for f in self._futures if not f.done()]
        while running:
            if between is not None:
                between()
            left = deadline - time.monotonic()
            if left <= 0:
                break
            for f in running:
                try:
                    f.exception(timeout=min(5.0, left))
                except FutureTimeout:
                    break
                except BaseException:  # a cancelled future
                    continue
            running = [f for f in running if not f.done()]
        if self._pool is not None:
            self._pool.shutdown(wait=not running, cancel_futures=True)
            self._pool = None
        self._futures = []
        return not running
