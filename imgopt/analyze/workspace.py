"""The output folder of ``imgopt analyze``: what goes where, and never touching the user's files.

One analysed Dockerfile gets one folder, which is also the bench run folder (so ``imgopt report
OUT`` re-renders it)::

    OUT/
      analysis.json          # the --format json object
      results.csv, run.json  # the bench run (imgopt.bench.results)
      dockerfiles/           # the proposed variants: <variant>/Dockerfile, <variant>.diff,
                             # summary.json (each change with its rule code)
      report/                # report.md, report.html, figures/

A Compose file gets ``OUT/<service>/`` per analysed service, ``OUT/report/`` with the combined
report (an index plus ``<service>/report.*``), and ``OUT/analysis.json``.

An existing output folder is reused only when everything in it was written by ``imgopt analyze``
(the previous results are replaced); anything else in it is an error, so a mistyped ``--out``
never deletes a user's files. When the output folder is inside the build context, every variant
is built with an ignore file that leaves it out, so the results never end up in the images.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from imgopt.errors import InputError

if TYPE_CHECKING:
    from imgopt.variants import Plan

#: Proposed Dockerfiles, where :mod:`imgopt.report.loader` looks for them inside a run folder.
DOCKERFILES_DIR = "dockerfiles"
REPORT_DIR = "report"
ANALYSIS_FILE = "analysis.json"
DEFAULT_OUT = Path("imgopt-analysis")
#: What an analysis folder may hold (the bench run folder's files, and ours).
_OWNED = frozenset({ANALYSIS_FILE, DOCKERFILES_DIR, REPORT_DIR, "results.csv", "run.json", ".lock"})


def _ours(folder: Path, depth: int = 0) -> bool:
    """Whether everything in ``folder`` was written by imgopt analyze (service folders too)."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return False
    for entry in entries:
        if entry.name in _OWNED:
            continue
        if depth == 0 and entry.is_dir() and not entry.is_symlink() and _ours(entry, 1):
            continue
        return False
    return True


def _lock_holder(folder: Path) -> int | None:
    """The pid of a live process holding ``folder``'s run lock, or None."""
    for lock in [folder / ".lock", *folder.glob("*/.lock")]:
        try:
            pid = int(lock.read_text().strip() or 0)
        except (OSError, ValueError):
            continue
        if pid <= 0 or pid == os.getpid():
            continue
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            continue
        except PermissionError:
            return pid
        return pid
    return None


def prepare_out(out: Path, contexts: list[Path]) -> None:
    """Make ``out`` ready for a new analysis: created, or emptied of a previous analysis.

    Raises:
        InputError: ``out`` is a file, holds a build context, holds files imgopt did not write,
            or another analysis is writing it.
    """
    resolved = out.resolve()
    for context in contexts:
        ctx = context.resolve()
        if ctx == resolved or resolved in ctx.parents:
            raise InputError(
                f"--out {out} would hold the build context {context}",
                hint="choose an output folder inside the context or outside it, not around it",
            )
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {out}: not a folder")
    if not out.exists():
        try:
            out.mkdir(parents=True)
        except OSError as err:
            raise InputError(f"--out {out}: cannot create ({err.strerror})") from None
        return
    if not _ours(out):
        raise InputError(
            f"--out {out} holds files that imgopt analyze did not write",
            hint="give an empty or new folder (imgopt replaces only its own previous results)",
        )
    holder = _lock_holder(out)
    if holder is not None:
        raise InputError(f"--out {out} is being written by another imgopt (pid {holder})")
    for entry in out.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def ignore_line(out: Path, context: Path) -> str | None:
    """The ``.dockerignore`` pattern that leaves ``out`` out of ``context``, when it is inside."""
    try:
        rel = out.resolve().relative_to(context.resolve())
    except ValueError:
        return None
    return rel.as_posix()


def _read(path: Path) -> str | None:
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def own_ignore_file(dockerfile: Path, context: Path) -> tuple[Path | None, str | None]:
    """The ignore file a build of ``dockerfile`` reads, as BuildKit picks it: a
    ``<Dockerfile>.dockerignore`` beside it first, else the context's ``.dockerignore``.

    Returns:
        (whether it is the Dockerfile's own file: its path, else None; the text, or None).
    """
    specific = dockerfile.with_name(dockerfile.name + ".dockerignore")
    text = _read(specific)
    if text is not None:
        return specific, text
    return None, _read(context / ".dockerignore")


def _with_line(text: str | None, line: str) -> str:
    text = text or ""
    if text and not text.endswith("\n"):
        text += "\n"
    return f"{text}# imgopt analyze's own output, never part of the image\n{line}\n"


def write_plan(
    plan: Plan, folder: Path, *, dockerfile: Path, context: Path, exclude: str | None
) -> dict[str, Path]:
    """Write every proposed variant into ``folder``; return each variant's Dockerfile to build.

    ``<variant>/Dockerfile`` with the proposed ``.dockerignore`` beside it (for the user to
    copy), and ``Dockerfile.dockerignore`` (which BuildKit reads for ``-f <variant>/Dockerfile``)
    when the build needs one; ``<variant>.diff`` against the original; ``summary.json`` with
    every change (what the report's changes section reads). A variant without a proposed
    ignore file is built with the one the original reads (:func:`own_ignore_file`).

    ``exclude`` is a pattern to leave out of every build (the output folder, when it is inside
    the context); with it, the original is built from its copy here, with the ignore file it
    reads plus that line. Without it, the original is built from the user's own file.
    A variant skipped only for a missing image gets ``Dockerfile.not-buildable-here``.

    Returns:
        The Dockerfile to build for each proposed variant, ``original`` included.
    """
    folder.mkdir(parents=True, exist_ok=True)
    specific, own_text = own_ignore_file(dockerfile, context)
    files: dict[str, Path] = {}
    for v in plan.variants:
        d = folder / v.name
        d.mkdir(exist_ok=True)
        path = d / "Dockerfile"
        path.write_text(v.dockerfile, "utf-8", newline="")
        if v.dockerignore is not None:
            (d / ".dockerignore").write_text(v.dockerignore, "utf-8", newline="")
        effective = v.dockerignore if v.dockerignore is not None else own_text
        if exclude is not None:
            effective = _with_line(effective, exclude)
        if effective is not None and (
            exclude is not None or v.dockerignore is not None or specific is not None
        ):
            (d / "Dockerfile.dockerignore").write_text(effective, "utf-8", newline="")
        (folder / f"{v.name}.diff").write_text(
            v.diff(plan.original, path=dockerfile.name), "utf-8", newline=""
        )
        files[v.name] = path
    if exclude is None:
        files["original"] = dockerfile
    for s in plan.skipped:
        if s.dockerfile is not None:
            d = folder / s.name
            d.mkdir(exist_ok=True)
            (d / "Dockerfile.not-buildable-here").write_text(s.dockerfile, "utf-8", newline="")
    (folder / "summary.json").write_text(json.dumps(plan.to_dict(), indent=2) + "\n", "utf-8")
    return files


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` as JSON (atomically: a reader never sees half a file)."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(json.dumps(data, indent=2) + "\n", "utf-8")
        tmp.replace(path)
    except OSError as err:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise InputError(f"{path}: cannot write ({err.strerror})") from None
