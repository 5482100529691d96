"""``--apply``: put the recommended Dockerfile next to the user's, never over any of their files.

The recommended variant is written as ``Dockerfile.imgopt`` (for a Dockerfile named otherwise,
``<name>.imgopt``) beside the original. Its proposed ``.dockerignore``, when it has one, goes to
the build context's ``.dockerignore`` only when the context has none; otherwise to
``Dockerfile.imgopt.dockerignore``, which BuildKit reads instead of ``.dockerignore`` for
``docker build -f Dockerfile.imgopt``, so the image is built exactly as it was measured and the
user's own ignore file stays as it was. Only files imgopt names (``*.imgopt``,
``*.imgopt.dockerignore``) are ever replaced.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from imgopt.analyze.model import TargetAnalysis
from imgopt.errors import InputError

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
    if variant.dockerignore is not None:
        own = t.target.context / ".dockerignore"
        specific = t.target.dockerfile.with_name(t.target.dockerfile.name + ".dockerignore")
        if not own.exists() and not specific.exists():
            path = own
        else:
            path = target.with_name(target.name + ".dockerignore")
        _write(path, variant.dockerignore)
        written.append(path)
    return replace(t, applied=tuple(written))


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, "utf-8", newline="")
    except OSError as err:
        raise InputError(f"{path}: cannot write ({err.strerror})") from None
