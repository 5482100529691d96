"""The report as a document: what every renderer shows, computed once.

:func:`build_report` turns a :class:`~imgopt.report.data.RunData` into a :class:`Report` (the
summary table already formatted, so Markdown and HTML print the very same strings, the
recommendation, the diff, the changes, the environment box, the notes and the figures);
:func:`build_index` does the same for the cross-app index. Renderers only lay these out.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from imgopt import __version__
from imgopt.report.data import ChangeInfo, RunData, VariantResult
from imgopt.report.plots import AppReduction, FigureAsset
from imgopt.report.recommend import Recommendation, ranked_size, recommend
from imgopt.results import units
from imgopt.results.tables import Table

#: Where Markdown reports find their figures, relative to the report file.
FIGURES_DIR = "figures"


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """The changes one variant made, for the report's changes section."""

    variant: str
    role: str  # "recommended" or "best tradeoff"
    changes: tuple[ChangeInfo, ...]


@dataclass(frozen=True, slots=True)
class Report:
    """One run's report, ready to render.

    Attributes:
        title: the heading.
        run: the run it was made from.
        recommendation: the pick and its reasons.
        summary: the per-variant table.
        diff: unified diff of the recommended Dockerfile against the original (None: no diff).
        diff_note: why there is no diff, when there is none.
        changes: the changes of the recommended variant (and of the tradeoff).
        environment: the environment box, label and value.
        notes: what is missing or odd, shown prominently.
        figures: the plots.
        regenerate: the one command that regenerates this report from the raw tables, if known.
        remeasure: the command that measures the raw tables again, if known.
        run_link: the run folder, relative to where the report is written.
        checked: what each variant's verification checked and how much of its image the app
            touched (None when the run recorded no proof: older runs, ``--no-verify``).
    """

    title: str
    run: RunData
    recommendation: Recommendation
    summary: Table
    diff: str | None
    diff_note: str | None
    changes: tuple[ChangeSet, ...]
    environment: tuple[tuple[str, str], ...]
    notes: tuple[str, ...]
    figures: tuple[FigureAsset, ...] = ()
    regenerate: str | None = None
    remeasure: str | None = None
    run_link: str | None = None
    checked: Table | None = None
    units_note: str = units.UNITS_NOTE
    generated_by: str = f"imgopt {__version__}"


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One app in the cross-app index.

    Attributes:
        app: the app's name.
        link: its report relative to the index, without the suffix (each renderer adds its own).
        run_link: its raw run folder relative to the index.
        report: the app's report.
    """

    app: str
    link: str | None
    run_link: str | None
    report: Report


@dataclass(frozen=True, slots=True)
class Index:
    """The cross-app index: a table, the reduction plot, notes, and how to regenerate it."""

    title: str
    entries: tuple[IndexEntry, ...]
    table: Table
    reductions: tuple[AppReduction, ...]
    figures: tuple[FigureAsset, ...] = ()
    environment: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()
    regenerate: str | None = None
    remeasure: str | None = None
    units_note: str = units.UNITS_NOTE
    generated_by: str = f"imgopt {__version__}"


# --- the summary table --------------------------------------------------------------------------


SUMMARY_HEADERS = (
    "variant",
    "size (MB)",
    "compressed (MB)",
    "change vs original",
    "cold build",
    "warm rebuild",
    "layers",
    "efficiency",
    "verified",
)


def verified_text(v: VariantResult) -> str:
    """``"yes"``, ``"no (broken)"`` or ``"not checked"``: the same words in every renderer."""
    if v.broken:
        return "no (broken)"
    if v.verified is True:
        return "yes"
    return "not checked"


def summary_table(run: RunData, rec: Recommendation) -> Table:
    """The per-variant table, every figure formatted by :mod:`imgopt.report.units`."""
    several = len(run.engines) > 1  # a target split over engines: which engine, per row
    rows = []
    for v in run.variants:
        name = v.name
        if rec.smallest is not None and v.name == rec.smallest.name:
            name += " (recommended)"
        elif rec.tradeoff is not None and v.name == rec.tradeoff.name:
            name += " (best tradeoff)"
        original = run.reference_of(v)  # its own part's original when split over engines
        if original is not None and v.name == original.name:
            change = "original"
        else:
            change = units.percent(
                units.change(ranked_size(v), ranked_size(original) if original else None),
                signed=True,
            )
        rows.append(
            (
                name,
                *((v.engine or units.MISSING,) if several else ()),
                units.mb(v.size_bytes, unit=False),
                units.mb(v.compressed_bytes, unit=False),
                change,
                units.seconds_range(*_spread(v.cold)),
                units.seconds_range(*_spread(v.warm)),
                str(v.layer_count) if v.layer_count is not None else units.MISSING,
                units.percent(v.efficiency),
                verified_text(v),
            )
        )
    compressed = any(v.compressed_bytes is not None for v in run.variants)
    headers = list(SUMMARY_HEADERS)
    if not compressed:
        headers[3] = "change vs original (size)"
    else:
        headers[3] = "change vs original (compressed)"
    align = ["l", "r", "r", "r", "r", "r", "r", "r", "l"]
    if several:
        headers.insert(1, "engine")
        align.insert(1, "l")
    return Table(tuple(headers), tuple(rows), tuple(align))


#: Where a variant's changes were not recorded (the same words in every renderer).
NO_CHANGES = (
    "The changes were not recorded with this run (no `summary.json` from `imgopt propose` was "
    "found); the diff shows them."
)
#: Above the table of what was checked: what its columns mean.
CHECKED_NOTE = (
    "Each variant ran the original's probes and was compared with it; the files the original "
    "opened while it started and answered (its runtime file closure) were looked up in the "
    "variant. The app's files are the part of the closure each image holds: the app's floor; "
    "their share is how much of the image they are."
)
CHECKED_HEADERS = ("variant", "size (MB)", "app's files (MB)", "share", "what was checked")


def checked_table(run: RunData) -> Table | None:
    """Per variant: its size, the bytes of the app's runtime file closure it holds (the app's
    floor in that image) and their share, and what its verification checked; None when the run
    recorded none of it."""
    if not any(v.proof or v.closure_bytes_here is not None for v in run.variants):
        return None
    rows = []
    for v in run.variants:
        share = None
        if v.closure_bytes_here is not None and v.size_bytes:
            share = v.closure_bytes_here / v.size_bytes
        if v.proof is None:
            what = "not verified" if v.verified is None else units.MISSING
        else:
            what = v.proof if v.verified is not False else f"did not pass: {v.proof}"
        rows.append(
            (
                v.name,
                units.mb(v.size_bytes, unit=False),
                units.mb(v.closure_bytes_here, unit=False),
                units.percent(share),
                what,
            )
        )
    return Table(CHECKED_HEADERS, tuple(rows), ("l", "r", "r", "r", "l"))


def _spread(s: object) -> tuple[float | None, float | None, float | None]:
    from imgopt.report.data import Spread

    if isinstance(s, Spread):
        return s.median, s.low, s.high
    return None, None, None


# --- environment --------------------------------------------------------------------------------


def _repetitions(n: int | None) -> str:
    if not n:
        return "unknown"
    if n == 1:
        return "1 cold build and 1 warm rebuild per variant"
    return f"{n} cold builds and {n} warm rebuilds per variant"


def environment_rows(run: RunData) -> tuple[tuple[str, str], ...]:
    """The environment box: where, with what, and on which base images the run measured."""
    env = run.env
    bases = []
    for ref, standin in env.base_images:
        if standin is True:
            bases.append(f"{ref} (stand-in built locally from Debian packages)")
        elif standin is False:
            bases.append(f"{ref} (the image as found in the engine)")
        else:
            bases.append(f"{ref} (unknown whether a stand-in)")
    imgopt = env.imgopt_version or "unknown"
    if env.imgopt_version and env.imgopt_version != __version__:
        imgopt += f" (report rendered by {__version__})"
    rows = [
        ("Machine", env.machine or "unknown"),
        ("Engine", env.engine or "unknown"),
        ("Builder", env.builder or "unknown"),
        ("Base images", "; ".join(bases) if bases else "not recorded"),
        ("Date", env.date or "unknown"),
        ("imgopt", imgopt),
        ("App commit", env.app_commit or "not in a git repository, or not recorded"),
        ("Repetitions", _repetitions(env.repeat)),
    ]
    return tuple(rows)


# --- building ------------------------------------------------------------------------------------


def _diff(run: RunData, pick: VariantResult | None) -> tuple[str | None, str | None]:
    original = run.original
    if pick is None:
        return None, "No variant is recommended, so there is no diff to show."
    if original is None or pick.name == original.name:
        return None, "The original is kept: there is nothing to change."
    if original.dockerfile_text is None or pick.dockerfile_text is None:
        missing = original if original.dockerfile_text is None else pick
        where = f" (recorded at {missing.dockerfile_path})" if missing.dockerfile_path else ""
        return None, (
            f"The Dockerfile of `{missing.name}` was not found{where}, so the diff cannot be shown."
        )
    text = "".join(
        difflib.unified_diff(
            original.dockerfile_text.splitlines(keepends=True),
            pick.dockerfile_text.splitlines(keepends=True),
            fromfile=f"{original.name}: {original.dockerfile_path or 'Dockerfile'}",
            tofile=f"{pick.name}: {pick.dockerfile_path or 'Dockerfile'}",
        )
    )
    if not text:
        return None, f"`{pick.name}` has the same Dockerfile as the original."
    return (text if text.endswith("\n") else text + "\n"), None


def build_report(
    run: RunData,
    *,
    figures: bool = True,
    regenerate: str | None = None,
    remeasure: str | None = None,
    run_link: str | None = None,
) -> Report:
    """Assemble the report of ``run`` (figures are drawn unless ``figures`` is False)."""
    rec = recommend(run)
    diff, diff_note = _diff(run, rec.smallest)
    changes = []
    if rec.smallest is not None and run.original and rec.smallest.name != run.original.name:
        changes.append(ChangeSet(rec.smallest.name, "recommended", rec.smallest.changes))
    if rec.tradeoff is not None and run.original and rec.tradeoff.name != run.original.name:
        changes.append(ChangeSet(rec.tradeoff.name, "best tradeoff", rec.tradeoff.changes))
    drawn: tuple[FigureAsset, ...] = ()
    if figures:
        from imgopt.report.plots import render_figures

        drawn = tuple(render_figures(run, rec.pareto))
    return Report(
        title=f"imgopt report: {run.app}",
        run=run,
        recommendation=rec,
        summary=summary_table(run, rec),
        diff=diff,
        diff_note=diff_note,
        changes=tuple(changes),
        environment=environment_rows(run),
        notes=run.notes,
        figures=drawn,
        regenerate=regenerate,
        remeasure=remeasure,
        run_link=run_link if run_link is not None else run.path,
        checked=checked_table(run),
    )


INDEX_HEADERS = (
    "app",
    "original (MB)",
    "recommended",
    "recommended (MB)",
    "change (compressed)",
    "cold build, original → recommended",
    "verified variants",
)


def app_reduction(report: Report) -> AppReduction:
    """The index's line for one app: the recommended variant and its change in ranked size."""
    rec = report.recommendation
    original = report.run.reference_of(rec.smallest) if rec.smallest else report.run.original
    if rec.smallest is None:
        return AppReduction(report.run.app, None, None)
    change = units.change(ranked_size(rec.smallest), ranked_size(original) if original else None)
    if original is not None and rec.smallest.name == original.name:
        return AppReduction(report.run.app, rec.smallest.name, 0.0, kept_original=True)
    return AppReduction(report.run.app, rec.smallest.name, change)


def changes_table(cs: ChangeSet) -> Table:
    """One row per change a variant made: rule or strategy, original lines, title, safety, why."""
    rows = tuple(
        (
            c.source,
            (f"{c.lines[0]}" if c.lines[0] == c.lines[1] else f"{c.lines[0]}–{c.lines[1]}")
            if c.lines
            else "new",
            c.title,
            c.safety or "–",
            c.rationale or "–",
        )
        for c in cs.changes
    )
    return Table(("rule", "lines", "change", "safety", "why"), rows, ("l", "r", "l", "l", "l"))


def index_table(entries: Sequence[IndexEntry]) -> Table:
    """One row per app, the same figures as each app's own report."""
    rows = []
    for e in entries:
        run, rec = e.report.run, e.report.recommendation
        pick = rec.smallest
        original = run.reference_of(pick) if pick else run.original  # its own engine's
        red = app_reduction(e.report)
        verified = sum(1 for v in run.variants if v.usable)
        cold = units.MISSING
        if original and pick and original.cold and pick.cold:
            cold = f"{units.seconds(original.cold.median)} → {units.seconds(pick.cold.median)}"
        rows.append(
            (
                e.app,
                _mb_pair(original),
                pick.name if pick else "none verified",
                _mb_pair(pick),
                units.percent(red.change, signed=True) if pick else units.MISSING,
                cold,
                f"{verified} of {len(run.variants)}",
            )
        )
    return Table(INDEX_HEADERS, tuple(rows), ("l", "r", "l", "r", "r", "r", "r"))


def _mb_pair(v: VariantResult | None) -> str:
    """``"612.3 (221.0 compressed)"``."""
    if v is None:
        return units.MISSING
    if v.compressed_bytes is None:
        return units.mb(v.size_bytes, unit=False)
    compressed = units.mb(v.compressed_bytes, unit=False)
    return f"{units.mb(v.size_bytes, unit=False)} ({compressed} compressed)"


#: Environment rows that naturally differ from app to app; any other difference makes the
#: cross-app comparison suspect and is called out in the index's note box.
_PER_APP_ROWS = frozenset({"Base images", "App commit", "Date"})


def _common_environment(
    boxes: Sequence[tuple[tuple[str, str], ...]],
) -> tuple[tuple[str, str], ...]:
    """One box for several runs: the date as the span of all runs' dates, and a row whose value
    differs between runs says so instead of showing the first run's value."""
    if not boxes:
        return ()
    dates = sorted(
        value for box in boxes for label, value in box if label == "Date" and value != "unknown"
    )
    values: dict[str, set[str]] = {}
    for box in boxes:
        for label, value in box:
            values.setdefault(label, set()).add(value)
    out = []
    for label, value in boxes[0]:
        if label == "Date" and dates:
            value = dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"
        elif len(values[label]) > 1:
            value = "differs per app: see each app's report"
        out.append((label, value))
    return tuple(out)


def build_index(
    entries: Sequence[IndexEntry],
    *,
    figures: bool = True,
    regenerate: str | None = None,
    remeasure: str | None = None,
    extra_notes: Sequence[str] = (),
) -> Index:
    """Assemble the cross-app index of already built reports (``extra_notes`` go first in its
    note box)."""
    reductions = tuple(app_reduction(e.report) for e in entries)
    drawn: tuple[FigureAsset, ...] = ()
    if figures and entries:
        from imgopt.report.plots import render_reduction_figure

        drawn = (render_reduction_figure(reductions),)
    notes: list[str] = list(extra_notes)
    for e in entries:
        notes.extend(f"{e.app}: {n}" for n in e.report.notes)
    environment = _common_environment([e.report.environment for e in entries])
    if entries and any(e.report.environment != entries[0].report.environment for e in entries):
        differing = sorted(
            {
                label
                for e in entries
                for (label, value), (_, first) in zip(
                    e.report.environment, entries[0].report.environment, strict=False
                )
                if value != first and label not in _PER_APP_ROWS
            }
        )
        if differing:
            notes.append(
                "The runs differ in: " + ", ".join(differing) + ", so their figures are not "
                "strictly comparable; each app's report has its own environment box."
            )
    return Index(
        title="imgopt benchmark: smaller images for the sample apps",
        entries=tuple(entries),
        table=index_table(entries),
        reductions=reductions,
        figures=drawn,
        environment=environment,
        notes=tuple(notes),
        regenerate=regenerate,
        remeasure=remeasure,
    )
