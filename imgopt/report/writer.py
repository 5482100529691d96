"""Write reports to disk: one run gives one report; several runs give one report each plus an
index with the cross-app plot and table."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Sequence
from pathlib import Path

from imgopt.report.data import RunData
from imgopt.report.model import FIGURES_DIR, IndexEntry, Report, build_index, build_report
from imgopt.report.plots import FigureAsset
from imgopt.report.renderers import FORMATS, get_renderer
from imgopt.userfiles import write_bytes, writing_into

REPORT_STEM = "report"
INDEX_STEM = "index"
DEFAULT_FORMATS = ("md", "html")


def preload() -> None:
    """Import what drawing and saving the figures needs (about a second), so a caller can do it
    beforehand, in a thread, while it waits for something else (``imgopt analyze`` during its
    builds). Best effort: a failure here shows when the report is written."""
    with contextlib.suppress(Exception):
        from imgopt.report.plots import preload as preload_plots

        preload_plots()


def _write(path: Path, data: str | bytes) -> Path:
    """Write one report file through :mod:`imgopt.userfiles` (inside the output folder that
    :func:`~imgopt.userfiles.writing_into` holds: never over a user's file, never through a
    symlink)."""
    payload = data if isinstance(data, bytes) else data.encode("utf-8")
    return write_bytes(path, payload, within=path.parent)  # its folder made when missing


def _redacted(run: RunData) -> RunData:
    """``run`` with secret-looking ARG/ENV values and known secret formats redacted from the
    Dockerfiles and layer instructions a report shows (see IMG702)."""
    from dataclasses import replace

    from imgopt.rules.img702_secret_defaults import redact_secrets

    variants = tuple(
        replace(v, dockerfile_text=redact_secrets(v.dockerfile_text)) if v.dockerfile_text else v
        for v in run.variants
    )
    layers = tuple(replace(la, instruction=redact_secrets(la.instruction)) for la in run.layers)
    return replace(run, variants=variants, layers=layers)


def _write_figures(figures: Sequence[FigureAsset], folder: Path) -> list[Path]:
    out = []
    for f in figures:
        out.append(_write(folder / FIGURES_DIR / f"{f.name}.png", f.png))
        out.append(_write(folder / FIGURES_DIR / f"{f.name}.svg", f.svg))
    return out


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-.") or "app"


def _rel(target: str | Path, start: Path) -> str:
    return Path(os.path.relpath(Path(target).resolve(), start.resolve())).as_posix()


def write_one(
    run: RunData,
    out: Path,
    formats: Sequence[str] = DEFAULT_FORMATS,
    *,
    regenerate: str | None = None,
    remeasure: str | None = None,
    caller_owns_out: bool = False,
) -> tuple[Report, list[Path]]:
    """Write the report of ``run`` into ``out`` (``report.md``, ``report.html``, ...).

    Returns:
        The report and the files written.
    """
    renderers = [get_renderer(f) for f in formats]
    needs_figures = any(r.name in ("md", "html") for r in renderers)
    run = _redacted(run)
    report = build_report(
        run,
        figures=needs_figures,
        regenerate=regenerate,
        remeasure=remeasure,
        run_link=_rel(run.path, out),
    )
    written: list[Path] = []
    with contextlib.nullcontext() if caller_owns_out else writing_into(out, "report", option="-o"):
        if any(r.needs_figure_files for r in renderers):
            written += _write_figures(report.figures, out)
        for r in renderers:
            written.append(_write(out / f"{REPORT_STEM}{r.suffix}", r.render(report)))
    return report, written


def write_reports(
    runs: Sequence[RunData],
    out: Path,
    formats: Sequence[str] = DEFAULT_FORMATS,
    *,
    regenerate: str | None = None,
    remeasure: str | None = None,
    subdirs: Sequence[str] | None = None,
    notes: Sequence[str] = (),
    caller_owns_out: bool = False,
) -> list[Path]:
    """Write a report per run into ``out/<app>/`` and the cross-app index into ``out``.

    Args:
        runs: the runs, in the order the index lists them.
        out: the folder for the index; each app's report goes in a subfolder.
        formats: any of ``md``, ``html``, ``json``.
        regenerate: the one command that regenerates all of it, printed in every file.
        remeasure: the command that measures the runs again, printed beside it.
        subdirs: the subfolder of each run (default: the app's name, made unique).
        notes: shown first in the index's note box (apps that could not be measured, ...).
        caller_owns_out: ``out`` is the caller's own folder (the project's ``reports/``): its
            files are replaced without imgopt's marker. Otherwise ``out`` must be new, empty or
            imgopt's (:func:`imgopt.userfiles.writing_into`), and a user's file is never replaced.

    Returns:
        Every file written.
    """
    for f in formats:
        if f not in FORMATS:
            get_renderer(f)  # raises the one clear error
    if caller_owns_out:
        return _write_reports(runs, out, formats, regenerate, remeasure, subdirs, notes, True)
    with writing_into(out, "report", option="-o"):
        return _write_reports(runs, out, formats, regenerate, remeasure, subdirs, notes, False)


def _write_reports(
    runs: Sequence[RunData],
    out: Path,
    formats: Sequence[str],
    regenerate: str | None,
    remeasure: str | None,
    subdirs: Sequence[str] | None,
    notes: Sequence[str],
    caller_owns_out: bool,
) -> list[Path]:
    written: list[Path] = []
    entries: list[IndexEntry] = []
    used: set[str] = set()
    for i, run in enumerate(runs):
        sub = subdirs[i] if subdirs is not None else _slug(run.app)
        base, n = sub, 2
        while sub in used:
            sub, n = f"{base}-{n}", n + 1
        used.add(sub)
        report, files = write_one(
            run,
            out / sub,
            formats,
            regenerate=regenerate,
            remeasure=remeasure,
            caller_owns_out=caller_owns_out,
        )
        written += files
        entries.append(
            IndexEntry(
                app=run.app,
                link=f"{sub}/{REPORT_STEM}",
                run_link=_rel(run.path, out),
                report=report,
            )
        )
    renderers = [get_renderer(f) for f in formats]
    index = build_index(
        entries,
        figures=any(r.name in ("md", "html") for r in renderers),
        regenerate=regenerate,
        remeasure=remeasure,
        extra_notes=notes,
    )
    if any(r.needs_figure_files for r in renderers):
        written += _write_figures(index.figures, out)
    for r in renderers:
        written.append(_write(out / f"{INDEX_STEM}{r.suffix}", r.render_index(index)))
    return written
