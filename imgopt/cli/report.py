"""``imgopt report``: render saved bench runs as Markdown, self-contained HTML and JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from imgopt.errors import InputError


def report(
    run_dirs: Annotated[
        list[Path],
        typer.Argument(
            help="Run folders written by `imgopt bench` or `imgopt analyze` (its output folder "
            "stands for all its runs). Several give a report each plus an index with the "
            "cross-app plot and table; the parts of a target split over engines give one.",
            show_default=False,
            metavar="RUN_DIR...",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Folder to write to (default: RUN_DIR/report for one run, imgopt-report for "
            "several).",
        ),
    ] = None,
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            metavar="md|html|json",
            help="md, html or json; repeat for several (default: md and html).",
        ),
    ] = None,
) -> None:
    """Turn bench runs into reports: table, plots, recommendation, diff, environment.

    Reads the run folders only; nothing is built or measured, so an old run can be re-rendered.
    Prints the files written; notes on incomplete runs go to stderr and into the report.
    """
    from imgopt.report import load_runs, write_one, write_reports
    from imgopt.report.renderers import FORMATS

    chosen = list(dict.fromkeys(formats or ["md", "html"]))
    for f in chosen:
        if f not in FORMATS:
            raise InputError(f"unknown report format {f!r}; choose one of {', '.join(FORMATS)}")
    # every input checked before anything is written; a target split over engines is one run
    runs = load_runs(run_dirs)
    for run in runs:
        for note in run.notes:
            typer.echo(f"imgopt: note: {run.path}: {note}", err=True)
    if len(runs) == 1:
        out = output if output is not None else Path(runs[0].path) / "report"
        _, written = write_one(runs[0], out, chosen)
    else:
        out = output if output is not None else Path("imgopt-report")
        written = write_reports(runs, out, chosen)
    for path in written:
        if path.suffix.lstrip(".") in chosen:
            typer.echo(str(path))
