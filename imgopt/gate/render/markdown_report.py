"""``--format markdown``: a summary for a pull request or ``$GITHUB_STEP_SUMMARY``."""

from __future__ import annotations

from imgopt.gate.checks import CheckResult, Status
from imgopt.gate.record import ImageRecord
from imgopt.gate.render.base import image_sizes, short
from imgopt.gate.runner import GateReport
from imgopt.results import units
from imgopt.results.tables import Table, cell, markdown

_MARK = {Status.PASS: "✅ PASS", Status.FAIL: "❌ FAIL", Status.SKIP: "⏭️ SKIP"}


def code(text: str, limit: int = 80) -> str:
    """Inline code on one line (backticks cannot be escaped: a longer fence is); the table
    writer escapes what would end a cell."""
    flat = " ".join(short(text, limit).split())
    fence = "``" if "`" in flat else "`"
    return f"{fence}{flat}{fence}" if fence == "`" else f"{fence} {flat} {fence}"


def _image(record: ImageRecord) -> str:
    return f"{code(record.ref)} ({image_sizes(record)})"


def _shown(result: CheckResult, which: str) -> str:
    from imgopt.gate.checks.base import show

    value = result.value if which == "value" else result.threshold
    return show(value, result.unit) if value is not None else "–"


def _layers_table(result: CheckResult) -> list[str]:
    unit = "compressed" if result.delta_metric == "compressed" else "uncompressed"
    rows = []
    for layer in result.layers:
        where = f" (line {layer.line})" if layer.line else ""
        change: str = layer.change
        if layer.baseline_instruction:
            change += f" (was {code(layer.baseline_instruction, 50)})"
        files = "<br>".join(f"{code(f.path, 60)} {units.size(f.size_bytes)}" for f in layer.files)
        findings = "<br>".join(f"{f.code}: {f.message}" for f in layer.findings)
        rows.append(
            (
                units.size(layer.delta_bytes, signed=True),
                f"{code(layer.instruction)}{where}",
                change,
                files,
                findings,
            )
        )
    headers = ("Δ", "Layer", "Change", "Largest files added", "Rule findings")
    return [
        "",
        f"**{code(result.expr)}: layers that grew** ({unit}; matched to the baseline by "
        "instruction)",
        "",
        *markdown(Table(headers, tuple(rows), ("r", "l", "l", "l", "l"))).splitlines(),
    ]


class MarkdownRenderer:
    """A heading, a table of checks, and a table of grown layers per failed size check."""

    name = "markdown"
    extension = ".md"

    def render(self, report: GateReport) -> str:
        """The report as GitHub-flavoured Markdown."""
        mark = "✅" if report.passed else "❌"
        lines = [f"### {mark} imgopt gate: {report.verdict}", ""]
        lines.append(f"Image {_image(report.current)}")
        if report.baseline is not None:
            lines[-1] += f", baseline {code(report.baseline_source or '')}: "
            lines[-1] += _image(report.baseline)
        rows = tuple(
            (code(r.expr), _MARK[r.status], _shown(r, "value"), _shown(r, "threshold"), r.message)
            for r in report.results
        )
        headers = ("Check", "Result", "Value", "Threshold", "Details")
        lines += ["", *markdown(Table(headers, rows, ("l", "l", "r", "r", "l"))).splitlines()]
        for r in report.results:
            if r.status == Status.FAIL and r.layers:
                lines.extend(_layers_table(r))
        if report.warnings:
            lines.append("")
            lines.extend(f"> ⚠️ {cell(w)}" for w in report.warnings)
        return "\n".join(lines) + "\n"
