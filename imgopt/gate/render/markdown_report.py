"""``--format markdown``: a summary for a pull request or ``$GITHUB_STEP_SUMMARY``."""

from __future__ import annotations

from imgopt.gate.checks import CheckResult, Status
from imgopt.gate.record import ImageRecord
from imgopt.gate.render.base import short
from imgopt.gate.runner import GateReport
from imgopt.gate.units import format_bytes

_MARK = {Status.PASS: "✅ PASS", Status.FAIL: "❌ FAIL", Status.SKIP: "⏭️ SKIP"}


def cell(text: str) -> str:
    """Text safe inside a table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def code(text: str, limit: int = 80) -> str:
    """Inline code safe inside a table cell (backticks cannot be escaped: a longer fence is)."""
    flat = cell(short(text, limit))
    fence = "``" if "`" in flat else "`"
    return f"{fence}{flat}{fence}" if fence == "`" else f"{fence} {flat} {fence}"


def _image(record: ImageRecord) -> str:
    parts = [format_bytes(record.size_bytes)]
    if record.compressed_bytes is not None:
        parts.append(f"{format_bytes(record.compressed_bytes)} compressed")
    parts.append(f"{record.layer_count} layers")
    return f"{code(record.ref)} ({', '.join(parts)})"


def _shown(result: CheckResult, which: str) -> str:
    from imgopt.gate.checks.base import show

    value = result.value if which == "value" else result.threshold
    return show(value, result.unit) if value is not None else "–"


def _layers_table(result: CheckResult) -> list[str]:
    unit = "compressed" if result.delta_metric == "compressed" else "uncompressed"
    lines = [
        "",
        f"**{code(result.expr)}: layers that grew** ({unit}; matched to the baseline by "
        "instruction)",
        "",
        "| Δ | Layer | Change | Largest files added | Rule findings |",
        "| ---: | --- | --- | --- | --- |",
    ]
    for layer in result.layers:
        where = f" (line {layer.line})" if layer.line else ""
        change: str = layer.change
        if layer.baseline_instruction:
            change += f" (was {code(layer.baseline_instruction, 50)})"
        files = "<br>".join(f"{code(f.path, 60)} {format_bytes(f.size_bytes)}" for f in layer.files)
        findings = "<br>".join(f"{f.code}: {cell(f.message)}" for f in layer.findings)
        lines.append(
            f"| {format_bytes(layer.delta_bytes, signed=True)} | {code(layer.instruction)}{where} "
            f"| {change} | {files} | {findings} |"
        )
    return lines


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
        lines += [
            "",
            "| Check | Result | Value | Threshold | Details |",
            "| --- | --- | ---: | ---: | --- |",
        ]
        for r in report.results:
            lines.append(
                f"| {code(r.expr)} | {_MARK[r.status]} | {_shown(r, 'value')} "
                f"| {_shown(r, 'threshold')} | {cell(r.message)} |"
            )
        for r in report.results:
            if r.status == Status.FAIL and r.layers:
                lines.extend(_layers_table(r))
        if report.warnings:
            lines.append("")
            lines.extend(f"> ⚠️ {cell(w)}" for w in report.warnings)
        return "\n".join(lines) + "\n"
