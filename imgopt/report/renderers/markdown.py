"""Markdown: the report people read on GitHub; figures are PNG files beside it (SVG linked)."""

from __future__ import annotations

from imgopt.report import absent
from imgopt.report.model import (
    CHECKED_NOTE,
    FIGURES_DIR,
    NO_CHANGES,
    Index,
    Report,
    changes_table,
)
from imgopt.report.plots import FigureAsset
from imgopt.report.recommend import Recommendation
from imgopt.results.tables import Table
from imgopt.results.tables import cell as _cell
from imgopt.results.tables import markdown as table


def _code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    return f"{fence}{text}{fence}"


def _longest_backtick_run(text: str) -> int:
    # A fence must be longer than any run of backticks inside the block it encloses.
    best = current = 0
    for ch in text:
        current = current + 1 if ch == "`" else 0
        best = max(best, current)
    return best


def _notes(notes: tuple[str, ...]) -> str:
    if not notes:
        return ""
    body = "\n".join(f"> - {n}" for n in notes)
    return f"> **Note: this report is incomplete or unusual.**\n>\n{body}\n\n"


def _figures(figures: tuple[FigureAsset, ...]) -> str:
    out = []
    for f in figures:
        out.append(
            f"### {f.title}\n\n![{f.alt}]({FIGURES_DIR}/{f.name}.png)\n\n"
            f"[SVG]({FIGURES_DIR}/{f.name}.svg)\n"
        )
    return "\n".join(out)


def recommendation(rec: Recommendation) -> str:
    """The recommendation section's body."""
    lines = []
    if rec.smallest is None:
        lines.append(f"**No recommendation.** {rec.reason}")
    else:
        lines.append(f"**Recommended: `{rec.smallest.name}`.** {rec.reason}")
    if rec.tradeoff is not None and rec.tradeoff_reason:
        lines.append(f"**Best tradeoff: `{rec.tradeoff.name}`.** {rec.tradeoff_reason}")
    if rec.pareto:
        lines.append(
            "On the Pareto front of size against cold build time: "
            + ", ".join(f"`{n}`" for n in rec.pareto)
            + "."
        )
    text = "\n\n".join(lines) + "\n"
    if rec.excluded:
        text += "\nNever recommended:\n\n" + "".join(
            f"- `{name}`: {_cell(why)}\n" for name, why in rec.excluded
        )
    return text


def _changes(report: Report) -> str:
    if not report.changes:
        return ""
    out = ["## What it changes\n"]
    for cs in report.changes:
        out.append(f"### `{cs.variant}` ({cs.role})\n")
        if not cs.changes:
            out.append(NO_CHANGES + "\n")
            continue
        out.append(table(changes_table(cs)))
    return "\n".join(out) + "\n"


def _environment(rows: tuple[tuple[str, str], ...]) -> str:
    return "## Environment\n\n" + table(Table(("", ""), rows, ("l", "l"))) + "\n"


def _footer(
    regenerate: str | None, remeasure: str | None, generated_by: str, run_link: str | None
) -> str:
    lines = ["---", ""]
    if run_link:
        lines.append(f"Made by {generated_by} from the run folder [{_code(run_link)}]({run_link}).")
    else:
        lines.append(f"Made by {generated_by}.")
    if regenerate:
        lines += ["", f"Regenerate with one command, from the raw tables: {_code(regenerate)}"]
    if remeasure:
        lines += [
            "",
            f"Measure the raw tables again (slow; builds every variant): {_code(remeasure)}",
        ]
    return "\n".join(lines) + "\n"


class MarkdownRenderer:
    """GitHub-flavoured Markdown."""

    name = "md"
    suffix = ".md"
    needs_figure_files = True

    def render(self, report: Report) -> str:
        """The text of one run's report."""
        parts = [f"# {report.title}\n\n", _notes(report.notes), f"{report.units_note}\n\n"]
        parts.append("## Recommendation\n\n" + recommendation(report.recommendation) + "\n")
        parts.append("## Variants\n\n" + table(report.summary) + "\n")
        if report.checked is not None:
            parts.append(
                f"## What was checked\n\n{CHECKED_NOTE}\n\n" + table(report.checked) + "\n"
            )
            lacking = absent.markdown(report.run.variants)
            parts.append(lacking + "\n" if lacking else "")
        if report.figures:
            parts.append("## Plots\n\n" + _figures(report.figures) + "\n")
        parts.append(_changes(report))
        if report.diff is not None:
            pick = report.recommendation.smallest
            name = pick.name if pick else "?"
            fence = "`" * max(3, _longest_backtick_run(report.diff) + 1)
            parts.append(
                f"## Diff: `{name}` against the original\n\n{fence}diff\n{report.diff}{fence}\n\n"
            )
        elif report.diff_note:
            parts.append(f"## Diff\n\n{report.diff_note}\n\n")
        parts.append(_environment(report.environment))
        parts.append(
            _footer(report.regenerate, report.remeasure, report.generated_by, report.run_link)
        )
        return "".join(parts)

    def render_index(self, index: Index) -> str:
        """The text of the cross-app index."""
        parts = [f"# {index.title}\n\n", _notes(index.notes), f"{index.units_note}\n\n"]
        rows = []
        for entry, row in zip(index.entries, index.table.rows, strict=True):
            app = f"[{entry.app}]({entry.link}{self.suffix})" if entry.link else entry.app
            rows.append((app, *row[1:]))
        parts.append(table(Table(index.table.headers, tuple(rows), index.table.align)) + "\n")
        if index.figures:
            parts.append(_figures(index.figures) + "\n")
        raw = [e for e in index.entries if e.run_link]
        if raw:
            parts.append(
                "## Raw tables\n\nEach report is made from these run folders (`results.csv`, "
                "one row per build, layer and variant; `run.json`, the run's metadata):\n\n"
                + "".join(f"- {e.app}: [{_code(e.run_link or '')}]({e.run_link})\n" for e in raw)
                + "\n"
            )
        parts.append(_environment(index.environment))
        parts.append(_footer(index.regenerate, index.remeasure, index.generated_by, None))
        return "".join(parts)
