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

An existing output folder is reused only when imgopt wrote it: its marker file
(:data:`imgopt.userfiles.MARKER`) lists what the previous run created, and only that is deleted
(:class:`imgopt.userfiles.OutFolder`). A folder with any other content is an error, so a mistyped
``--out`` never deletes a user's files; a file the user adds inside imgopt's folder is kept and
never replaced. The folder's lock is taken before anything is written, so two runs cannot write
the same ``--out``. When the output folder is inside the build context, every variant is built
with an ignore file that leaves it out, so the results never end up in the images.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from imgopt.errors import InputError
from imgopt.rules.img702_secret_defaults import redact_secrets
from imgopt.userfiles import OutFolder, open_folder_for, read_text, write_text

if TYPE_CHECKING:
    from imgopt.variants import Plan

#: Proposed Dockerfiles, where :mod:`imgopt.report.loader` looks for them inside a run folder.
DOCKERFILES_DIR = "dockerfiles"
REPORT_DIR = "report"
ANALYSIS_FILE = "analysis.json"
DEFAULT_OUT = Path("imgopt-analysis")


def prepare_out(out: Path, contexts: list[Path]) -> OutFolder:
    """Take ``out`` for a new analysis: locked first, then created, or emptied of what the
    previous analysis there wrote (and nothing else).

    The folder stays locked, and every file written inside it is recorded in its marker, until
    :func:`release_out` (or the process ends).

    Raises:
        InputError: ``out`` is a file or a symlink, holds a build context, holds files imgopt did
            not write, or another imgopt is writing it (named by pid).
    """
    resolved = out.resolve()
    for context in contexts:
        ctx = context.resolve()
        if ctx == resolved or resolved in ctx.parents:
            raise InputError(
                f"--out {out} would hold the build context {context}",
                hint="choose an output folder inside the context or outside it, not around it",
            )
    return OutFolder.open(out, "analyze", option="--out")


def release_out(out: Path) -> None:
    """Release the lock :func:`prepare_out` took on ``out`` (its marker stays)."""
    folder = open_folder_for(out / "x")
    if folder is not None and folder.resolved == out.resolve():
        folder.close()


def ignore_line(out: Path, context: Path) -> str | None:
    """The ``.dockerignore`` pattern that leaves ``out`` out of ``context``, when it is inside."""
    try:
        rel = out.resolve().relative_to(context.resolve())
    except ValueError:
        return None
    return rel.as_posix()


def _read(path: Path) -> str | None:
    if not path.exists():
        return None
    try:
        return read_text(path, what="ignore file")
    except InputError:
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
    specific, own_text = own_ignore_file(dockerfile, context)
    files: dict[str, Path] = {}
    for v in plan.variants:
        d = folder / v.name
        path = d / "Dockerfile"
        write_text(path, v.dockerfile, within=folder)
        if v.dockerignore is not None:
            write_text(d / ".dockerignore", v.dockerignore, within=folder)
        effective = v.dockerignore if v.dockerignore is not None else own_text
        if exclude is not None:
            effective = _with_line(effective, exclude)
        if effective is not None and (
            exclude is not None or v.dockerignore is not None or specific is not None
        ):
            write_text(d / "Dockerfile.dockerignore", effective, within=folder)
        diff = v.diff(plan.original, path=dockerfile.name)
        write_text(folder / f"{v.name}.diff", redact_secrets(diff), within=folder)
        files[v.name] = path
    if exclude is None:
        files["original"] = dockerfile
    for s in plan.skipped:
        if s.dockerfile is not None:
            write_text(
                folder / s.name / "Dockerfile.not-buildable-here", s.dockerfile, within=folder
            )
    write_text(folder / "summary.json", json.dumps(plan.to_dict(), indent=2) + "\n", within=folder)
    return files


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` as JSON (atomically: a reader never sees half a file)."""
    write_text(path, json.dumps(data, indent=2) + "\n")
