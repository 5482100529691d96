"""SIGTERM and SIGHUP are handled like Ctrl-C, and cleanup is not cut short by a second signal.

CI cancels a job with SIGTERM (``timeout``, ``docker stop``, a runner's cancel button); a closed
terminal sends SIGHUP. By default either kills Python at once, so nothing is cleaned up: the
verification container stays up, buildx goes on building, the run folder says "running" and keeps
its lock. Under :func:`signals_as_interrupts` all three raise
:class:`~imgopt.errors.Interrupted` (a ``KeyboardInterrupt``) in the main thread, so the code that
already cleans up after Ctrl-C cleans up after them too. :func:`shielded` holds a signal back while
cleanup runs and raises it once cleanup is done.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType
from typing import Any

from imgopt.errors import Interrupted

#: The signals that stop imgopt the way Ctrl-C does.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

_state = threading.local()


def _handler(signum: int, frame: FrameType | None) -> None:
    if getattr(_state, "shield", 0):
        _state.pending = getattr(_state, "pending", None) or signum
        return
    raise Interrupted(signum)


@contextlib.contextmanager
def signals_as_interrupts() -> Iterator[None]:
    """Within the block, SIGINT, SIGTERM and SIGHUP raise ``Interrupted(signum)``.

    Outside the main thread (where Python cannot set handlers) this does nothing. The previous
    handlers come back at the end, so an embedding program (a test runner) keeps its own.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[signal.Signals, Any] = {}
    for sig in STOP_SIGNALS:
        current = signal.getsignal(sig)
        if current is signal.SIG_IGN:
            continue  # `nohup` and friends asked for this one to be ignored: keep it so
        previous[sig] = signal.signal(sig, _handler)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextlib.contextmanager
def shielded() -> Iterator[None]:
    """Hold stop signals back while the block runs (cleanup); raise the first one afterwards.

    A second Ctrl-C (or a SIGTERM after a SIGINT) must not leave a container running or a lock
    held because it landed in the middle of removing them. Cleanup code must be bounded in time
    (every engine call has a deadline), so holding a signal back never hangs imgopt.
    """
    _state.shield = getattr(_state, "shield", 0) + 1
    try:
        yield
    finally:
        _state.shield -= 1
        pending = getattr(_state, "pending", None)
        if not _state.shield and pending is not None:
            _state.pending = None
            raise Interrupted(pending)


def worker_defaults() -> None:
    """In a worker process: a stop signal ends it quietly (no traceback), as by default."""
    for sig in (signal.SIGTERM, signal.SIGHUP):
        with contextlib.suppress(OSError, ValueError):
            signal.signal(sig, signal.SIG_DFL)
