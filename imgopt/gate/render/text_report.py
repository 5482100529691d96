"""``--format text`` (the default): what a person reads in a CI log."""

from __future__ import annotations

from imgopt.gate.attribution import GrownLayer
from imgopt.gate.checks import CheckResult, Status
from imgopt.gate.record import ImageRecord
from imgopt.gate.render.base import image_sizes, short
from imgopt.gate.runner import GateReport
from imgopt.results import units
from imgopt.results.tables import Table, text

_BASIS = {
    "compared": "files new or grown since the baseline",
    "new-layer": "files it adds",
    "layer": "largest files in it (the baseline's layer is not here to compare)",
    "unavailable": "",
}


def image_line(record: ImageRecord) -> str:
    """``ref (sha256:abcd1234): 80.1 MB, 30.2 MB compressed, 5 layers``."""
    ident = record.image_id.removeprefix("sha256:")[:12]
    return f"{record.ref} ({ident}): {image_sizes(record)}"


def grown_lines(layer: GrownLayer, indent: str) -> list[str]:
    """A grown layer, its files and findings, as indented lines."""
    where = f" (line {layer.line})" if layer.line else ""
    out = [
        f"{indent}{units.size(layer.delta_bytes, signed=True):>10}  {layer.change:<8} "
        f"{short(layer.instruction, 70)}{where}"
    ]
    pad = indent + " " * 12
    if layer.baseline_instruction:
        out.append(f"{pad}was: {short(layer.baseline_instruction, 70)}")
    if layer.files:
        out.append(f"{pad}{_BASIS[layer.files_basis]}:")
        for f in layer.files:
            grew = (
                f" ({units.size(f.delta_bytes, signed=True)})"
                if f.delta_bytes is not None and f.delta_bytes != f.size_bytes
                else ""
            )
            out.append(f"{pad}  {units.size(f.size_bytes):>9}  {f.path}{grew}")
    for finding in layer.findings:
        out.append(f"{pad}{finding.code} {finding.message}")
    return out


def check_lines(result: CheckResult) -> list[str]:
    """A check's verdict, then what explains a failure."""
    out = [f"  {result.status:<4}  {result.expr:<22} {result.message}"]
    indent = " " * 8
    if result.layers:
        unit = "compressed bytes" if result.delta_metric == "compressed" else "bytes"
        out.append(f"{indent}layers that grew ({unit}; matched to the baseline by instruction):")
        for layer in result.layers:
            out.extend(grown_lines(layer, indent + "  "))
    elif result.status == Status.FAIL and result.largest_layers:
        out.append(f"{indent}largest layers (no baseline to say which grew):")
        for big in result.largest_layers:
            where = f" (line {big.line})" if big.line else ""
            out.append(
                f"{indent}  {units.size(big.size_bytes):>10}  {short(big.instruction, 70)}{where}"
            )
    return out


class TextRenderer:
    """Plain text, one line per check, failures explained underneath."""

    name = "text"
    extension = ".txt"

    def render(self, report: GateReport) -> str:
        """The report as text."""
        lines = [f"imgopt gate: {image_line(report.current)}"]
        if report.baseline is not None:
            lines.append(f"  baseline {report.baseline_source}: {image_line(report.baseline)}")
        rows = tuple((str(r.status), r.expr, r.message) for r in report.results)
        table = Table(("", "check", "measured against the threshold"), rows)
        lines.extend(text(table, indent=2).splitlines())
        for result in report.results:
            details = check_lines(result)[1:]
            if details:
                lines.append(f"  {result.expr}:")
                lines.extend(details)
        for warning in report.warnings:
            lines.append(f"  warning: {warning}")
        lines.append(
            f"Result: {report.verdict} ({report.count(Status.PASS)} passed, "
            f"{report.count(Status.FAIL)} failed, {report.count(Status.SKIP)} skipped)"
        )
        return "\n".join(lines) + "\n"
