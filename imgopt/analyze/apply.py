"""``--apply``: put the recommended Dockerfile next to the user's, never over any of their files.

The recommended variant is written as ``Dockerfile.imgopt`` (for a Dockerfile named otherwise,
``<name>.imgopt``) beside the original. The ignore file it was measured with, when it differs
from what the context's ``.dockerignore`` gives, goes to ``Dockerfile.imgopt.dockerignore``,
which BuildKit reads instead of ``.dockerignore`` for ``docker build -f Dockerfile.imgopt``: the
image is built exactly as it was measured, and the user's own build (its ``.dockerignore``
included) stays exactly as it was. These two names are the only files ever written, through
:mod:`imgopt.userfiles` (never through a symlink, atomically).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from imgopt.analyze.model import TargetAnalysis
from imgopt.analyze.workspace import own_ignore_file
from imgopt.userfiles import write_text

SUFFIX = ".imgopt"


def applied_path(dockerfile: Path) -> Path:
    """Where the recommended Dockerfile goes: ``<Dockerfile>.imgopt`` beside the original."""
    return dockerfile.with_name(dockerfile.name + SUFFIX)


def apply(t: TargetAnalysis) -> TargetAnalysis:
    """Write the recommended variant of ``t`` beside its Dockerfile; return ``t`` with the
    files written in ``applied`` (none when the recommendation is to keep the original).

    Raises:
        InputError: a file cannot be written.
    """
    rec = t.recommended
    if rec is None or rec.original:
        return t
    variant = t.plan.get(rec.name)
    if variant is None:
        return t
    written: list[Path] = []
    target = applied_path(t.target.dockerfile)
    _write(target, variant.dockerfile)
    written.append(target)
    ignore = variant.dockerignore
    if ignore is None:
        # The variant was built with the ignore file the original reads; when that is the
        # original's own <Dockerfile>.dockerignore, Dockerfile.imgopt needs its copy.
        specific, text = own_ignore_file(t.target.dockerfile, t.target.context)
        ignore = text if specific is not None else None
    if ignore is not None:
        path = target.with_name(target.name + ".dockerignore")
        _write(path, ignore)
        written.append(path)
    return replace(t, applied=tuple(written))


def _write(path: Path, text: str) -> None:
    write_text(path, text)
