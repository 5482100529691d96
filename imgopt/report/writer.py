"""Write reports to disk: one run gives one report; several runs give one report each plus an
index with the cross-app plot and table."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from imgopt.errors import InputError
from imgopt.report.data import RunData
from imgopt.report.model import FIGURES_DIR, IndexEntry, Report, build_index, build_report
from imgopt.report.plots import FigureAsset
from imgopt.report.renderers import FORMATS, get_renderer

REPORT_STEM = "report"
INDEX_STEM = "index"
DEFAULT_FORMATS = ("md", "html")


def _write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, "utf-8", newline="\n")
    except OSError as err:
        raise InputError(f"{path}: cannot write ({err.strerror})") from None
    return path


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
) -> tuple[Report, list[Path]]:
    """Write the report of ``run`` into ``out`` (``report.md``, ``report.html``, ...).

    Returns:
        The report and the files written.
    """
    renderers = [get_renderer(f) for f in formats]
    needs_figures = any(r.name in ("md", "html") for r in renderers)
    report = build_report(
        run,
        figures=needs_figures,
        regenerate=regenerate,
        remeasure=remeasure,
        run_link=_rel(run.path, out),
    )
    written: list[Path] = []
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

    Returns:
        Every file written.
    """
    for f in formats:
        if f not in FORMATS:
            get_renderer(f)  # raises the one clear error
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
            run, out / sub, formats, regenerate=regenerate, remeasure=remeasure
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
