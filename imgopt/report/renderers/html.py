"""HTML: one self-contained file (figures embedded as ``data:`` URIs, styles inline, no scripts,
no fonts or anything else fetched), so it opens anywhere, offline, and can be mailed or archived.
"""

from __future__ import annotations

import base64
from html import escape

from imgopt.report import absent
from imgopt.report.model import CHECKED_NOTE, NO_CHANGES, Index, Report, changes_table
from imgopt.report.plots import FigureAsset
from imgopt.report.recommend import Recommendation
from imgopt.results.tables import Table

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif;
       color: #1a1a1a; background: #fff; margin: 0 auto; max-width: 1180px; padding: 24px;
       line-height: 1.45; }
h1 { font-size: 1.7em; margin-top: 0; }
h2 { font-size: 1.3em; border-bottom: 1px solid #ccc; padding-bottom: 4px; margin-top: 1.8em; }
h3 { font-size: 1.05em; }
code { font-family: "DejaVu Sans Mono", monospace; background: #f2f2f2; padding: 0 3px; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 0.92em; }
th, td { border: 1px solid #bbb; padding: 4px 8px; vertical-align: top; }
th { background: #e8e8e8; text-align: left; }
td:first-child { white-space: nowrap; }
td.r { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th.r { text-align: right; }
tbody tr:nth-child(even) { background: #f7f7f7; }
tr.recommended td { font-weight: bold; }
tr.broken td { color: #555; }
tr.broken td:first-child { text-decoration: line-through; }
.notes { border: 2px solid #b35900; background: #fff4e5; padding: 8px 16px; margin: 12px 0; }
.units { color: #333; font-size: 0.92em; }
.pick { border-left: 6px solid #0072B2; background: #eef6fb; padding: 8px 14px; margin: 8px 0; }
.tradeoff { border-left: 6px dashed #E69F00; background: #fdf6e8; padding: 8px 14px;
            margin: 8px 0; }
figure { margin: 16px 0 28px; }
figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }
figcaption { font-size: 0.9em; color: #333; }
pre.diff { background: #f8f8f8; border: 1px solid #ccc; padding: 10px; overflow-x: auto;
           font-size: 0.88em; }
pre.diff .add { background: #e3f1e9; display: block; }
pre.diff .del { background: #f8e4de; display: block; }
pre.diff .hunk { color: #0059a0; display: block; }
.env { border: 1px solid #888; background: #fafafa; padding: 4px 16px 12px; }
.env table { border: none; }
.env th { background: none; border: none; padding-right: 18px; }
.env td { border: none; }
.env tbody tr:nth-child(even) { background: none; }
footer { margin-top: 2em; font-size: 0.9em; color: #333; border-top: 1px solid #ccc;
         padding-top: 8px; }
"""


def _md_inline(text: str) -> str:
    """Escape, then turn `code` spans (the only markup reasons use) into <code>."""
    parts = escape(text).split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))


def table(t: Table, *, row_classes: list[str] | None = None, cells_html: bool = False) -> str:
    """An HTML table; right-aligned columns get class ``r``."""
    head = "".join(
        f'<th class="{a}" scope="col">{escape(h)}</th>'
        for h, a in zip(t.headers, t.align, strict=True)
    )
    body = []
    for i, row in enumerate(t.rows):
        cls = f' class="{row_classes[i]}"' if row_classes and row_classes[i] else ""
        cells = "".join(
            f'<td class="{a}">{c if cells_html else _md_inline(c)}</td>'
            for c, a in zip(row, t.align, strict=True)
        )
        body.append(f"<tr{cls}>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>\n"


def _notes(notes: tuple[str, ...]) -> str:
    if not notes:
        return ""
    items = "".join(f"<li>{_md_inline(n)}</li>" for n in notes)
    return (
        '<div class="notes" role="note"><strong>Note: this report is incomplete or unusual.'
        f"</strong><ul>{items}</ul></div>\n"
    )


def _figure(f: FigureAsset) -> str:
    data = base64.b64encode(f.png).decode("ascii")
    return (
        f'<figure><img src="data:image/png;base64,{data}" alt="{escape(f.alt)}">'
        f"<figcaption>{escape(f.title)}</figcaption></figure>\n"
    )


def _recommendation(rec: Recommendation) -> str:
    if rec.smallest is None:
        out = (
            f'<div class="pick"><strong>No recommendation.</strong> {_md_inline(rec.reason)}</div>'
        )
    else:
        out = (
            f'<div class="pick"><strong>Recommended: <code>{escape(rec.smallest.name)}</code>.'
            f"</strong> {_md_inline(rec.reason)}</div>"
        )
    if rec.tradeoff is not None and rec.tradeoff_reason:
        out += (
            f'<div class="tradeoff"><strong>Best tradeoff: <code>{escape(rec.tradeoff.name)}'
            f"</code>.</strong> {_md_inline(rec.tradeoff_reason)}</div>"
        )
    if rec.pareto:
        names = ", ".join(f"<code>{escape(n)}</code>" for n in rec.pareto)
        out += f"<p>On the Pareto front of size against cold build time: {names}.</p>"
    if rec.excluded:
        items = "".join(
            f"<li><code>{escape(n)}</code>: {_md_inline(why)}</li>" for n, why in rec.excluded
        )
        out += f"<p>Never recommended:</p><ul>{items}</ul>"
    return out + "\n"


def _diff(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if line.startswith(("+++", "---")) or line.startswith("@@"):
            cls = "hunk"
        elif line.startswith("+"):
            cls = "add"
        elif line.startswith("-"):
            cls = "del"
        else:
            lines.append(escape(line) + "\n")
            continue
        lines.append(f'<span class="{cls}">{escape(line)}</span>')
    return f'<pre class="diff">{"".join(lines)}</pre>\n'


def _changes(report: Report) -> str:
    if not report.changes:
        return ""
    out = ["<h2>What it changes</h2>"]
    for cs in report.changes:
        out.append(f"<h3><code>{escape(cs.variant)}</code> ({escape(cs.role)})</h3>")
        if not cs.changes:
            out.append(f"<p>{_md_inline(NO_CHANGES)}</p>")
            continue
        out.append(table(changes_table(cs)))
    return "\n".join(out) + "\n"


def _environment(rows: tuple[tuple[str, str], ...]) -> str:
    body = "".join(
        f'<tr><th scope="row">{escape(k)}</th><td>{escape(v)}</td></tr>' for k, v in rows
    )
    return f'<h2>Environment</h2><div class="env"><table>{body}</table></div>\n'


def _footer(
    regenerate: str | None, remeasure: str | None, generated_by: str, run_link: str | None
) -> str:
    parts = [f"Made by {escape(generated_by)}"]
    if run_link:
        parts.append(
            f' from the run folder <a href="{escape(run_link)}"><code>{escape(run_link)}</code></a>'
        )
    text = "".join(parts) + "."
    if regenerate:
        text += (
            "<br>Regenerate with one command, from the raw tables: "
            f"<code>{escape(regenerate)}</code>"
        )
    if remeasure:
        text += (
            "<br>Measure the raw tables again (slow; builds every variant): "
            f"<code>{escape(remeasure)}</code>"
        )
    return f"<footer>{text}</footer>\n"


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        # Nothing may be fetched: a report must render offline and leak nothing when opened.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "img-src data:; style-src 'unsafe-inline'\">\n"
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )


class HtmlRenderer:
    """A single self-contained HTML page."""

    name = "html"
    suffix = ".html"
    needs_figure_files = False

    def render(self, report: Report) -> str:
        """The text of one run's report."""
        rec = report.recommendation
        classes = []
        for v in report.run.variants:
            if v.broken:
                classes.append("broken")
            elif rec.smallest is not None and v.name == rec.smallest.name:
                classes.append("recommended")
            else:
                classes.append("")
        body = [f"<h1>{escape(report.title)}</h1>\n", _notes(report.notes)]
        body.append(f'<p class="units">{escape(report.units_note)}</p>\n')
        body.append("<h2>Recommendation</h2>\n" + _recommendation(rec))
        body.append("<h2>Variants</h2>\n" + table(report.summary, row_classes=classes))
        if report.checked is not None:
            body.append(
                "<h2>What was checked</h2>\n"
                f"<p>{_md_inline(CHECKED_NOTE)}</p>\n" + table(report.checked, row_classes=classes)
            )
            body.append(absent.html(report.run.variants))
        if report.figures:
            body.append("<h2>Plots</h2>\n" + "".join(_figure(f) for f in report.figures))
        body.append(_changes(report))
        if report.diff is not None:
            name = rec.smallest.name if rec.smallest else "?"
            body.append(
                f"<h2>Diff: <code>{escape(name)}</code> against the original</h2>\n"
                + _diff(report.diff)
            )
        elif report.diff_note:
            body.append(f"<h2>Diff</h2>\n<p>{_md_inline(report.diff_note)}</p>\n")
        body.append(_environment(report.environment))
        body.append(
            _footer(report.regenerate, report.remeasure, report.generated_by, report.run_link)
        )
        return _page(report.title, "".join(body))

    def render_index(self, index: Index) -> str:
        """The text of the cross-app index."""
        rows = []
        for entry, row in zip(index.entries, index.table.rows, strict=True):
            app = (
                f'<a href="{escape(entry.link + self.suffix)}">{escape(entry.app)}</a>'
                if entry.link
                else escape(entry.app)
            )
            rows.append((app, *(escape(c) for c in row[1:])))
        body = [f"<h1>{escape(index.title)}</h1>\n", _notes(index.notes)]
        body.append(f'<p class="units">{escape(index.units_note)}</p>\n')
        body.append(
            table(Table(index.table.headers, tuple(rows), index.table.align), cells_html=True)
        )
        body.append("".join(_figure(f) for f in index.figures))
        raw = [e for e in index.entries if e.run_link]
        if raw:
            items = "".join(
                f'<li>{escape(e.app)}: <a href="{escape(e.run_link or "")}"><code>'
                f"{escape(e.run_link or '')}</code></a></li>"
                for e in raw
            )
            body.append(
                "<h2>Raw tables</h2><p>Each report is made from these run folders "
                "(<code>results.csv</code>, one row per build, layer and variant; "
                f"<code>run.json</code>, the run's metadata):</p><ul>{items}</ul>\n"
            )
        body.append(_environment(index.environment))
        body.append(_footer(index.regenerate, index.remeasure, index.generated_by, None))
        return _page(index.title, "".join(body))
