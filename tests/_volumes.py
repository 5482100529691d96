"""Anonymous volumes a test left behind.

An image that declares ``VOLUME`` (the postgres, redis and mariadb stand-ins) gets an anonymous
volume for every container created from it; removing the container without ``v=True`` (SDK) or
``-v`` (CLI) leaves the volume behind, on CI and on a user's machine alike. Anonymous volumes carry
no label of the run that made them (only ``com.docker.volume.anonymous``), so they cannot be found
by label as containers and networks are: :func:`new_anonymous_volumes` compares the volume names
before and after, and counts only anonymous volumes that did not exist before and that no
container uses any more. It only reports them: another engineer's or program's volume created
meanwhile would look the same, so nothing found here is ever removed.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

ANONYMOUS = "label=com.docker.volume.anonymous"


def _volumes(*filters: str) -> set[str]:
    argv = ["docker", "volume", "ls", "-q"]
    for f in filters:
        argv += ["--filter", f]
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=60, check=True)
    return set(proc.stdout.split())


def anonymous_volumes() -> set[str]:
    """Names of every anonymous volume in the engine now (used or not)."""
    return _volumes(ANONYMOUS)


def left_behind(before: set[str]) -> set[str]:
    """Anonymous volumes that were not in ``before`` and that no container uses any more."""
    return _volumes(ANONYMOUS, "dangling=true") - before


@contextmanager
def no_anonymous_volume_left(where: str = "the test") -> Iterator[None]:
    """Fail when the block leaves an anonymous volume behind (see the module's docs)."""
    before = anonymous_volumes()
    yield
    new = left_behind(before)
    assert not new, f"{where} left anonymous volumes behind (a container removed without -v): {new}"
