"""One private temp folder per imgopt process, removed at its end, swept after a SIGKILL.

Every temp file imgopt or a tool it runs (buildx) makes goes under ``imgopt-<pid>-XXXX`` in the
system's temp folder: :func:`private_tempdir` points :mod:`tempfile` and ``TMPDIR`` at it for the
duration of a command and removes it afterwards, whatever ended the command. A process killed
with SIGKILL cannot clean up; the next imgopt removes the folders of processes that are gone
(:func:`sweep_stale`), so ``--resume`` after a SIGKILL leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

PREFIX = "imgopt-"
_OURS = re.compile(r"^imgopt-(?P<pid>\d+)-[A-Za-z0-9_]+$")


@contextlib.contextmanager
def private_tempdir() -> Iterator[Path]:
    """Within the block, temp files go to a fresh ``imgopt-<pid>-XXXX`` folder (removed after).

    Not nestable across threads; the previous settings come back at the end.
    """
    sweep_stale()
    base = tempfile.gettempdir()
    root = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=base))
    previous_dir = tempfile.tempdir
    previous_env = os.environ.get("TMPDIR")
    tempfile.tempdir = str(root)
    os.environ["TMPDIR"] = str(root)  # buildx and other child processes
    try:
        yield root
    finally:
        tempfile.tempdir = previous_dir
        if previous_env is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = previous_env
        shutil.rmtree(root, ignore_errors=True)


def sweep_stale(base: str | Path | None = None) -> list[Path]:
    """Remove the private temp folders of imgopt processes that no longer run; return them."""
    where = Path(base or tempfile.gettempdir())
    removed: list[Path] = []
    try:
        entries = list(where.iterdir())
    except OSError:
        return removed
    for entry in entries:
        m = _OURS.match(entry.name)
        if m is None or _alive(int(m.group("pid"))):
            continue
        try:
            if entry.is_symlink() or not entry.is_dir():
                continue
            if entry.stat().st_uid != os.getuid():
                continue  # another user's: not ours to remove
        except OSError:
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OverflowError:
        return False
    return True
