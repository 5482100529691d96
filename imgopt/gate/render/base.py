"""The renderer interface, and the one JSON-ready model every renderer reads.

Renderers take a finished :class:`~imgopt.gate.runner.GateReport` and return text; they never
measure (pyinstrument's renderers work the same way on saved sessions).
"""

from __future__ import annotations

from typing import Any, Protocol

from imgopt.errors import clip
from imgopt.gate.attribution import GrownLayer
from imgopt.gate.checks import CheckResult
from imgopt.gate.expr import SIZE_METRICS
from imgopt.gate.record import ImageRecord, LayerRecord
from imgopt.gate.runner import GateReport

#: Version of the JSON document (``imgopt gate --format json``).
JSON_VERSION = 1


class Renderer(Protocol):
    """Turns a gate report into one output format."""

    name: str
    #: A file extension for the format (``.json``).
    extension: str

    def render(self, report: GateReport) -> str:
        """The report in this format."""
        ...


def image_sizes(record: ImageRecord) -> str:
    """``80.1 MB, 30.2 MB compressed, 5 layers``: an image's sizes for people, in every format."""
    from imgopt.results import units

    parts = [units.size(record.size_bytes)]
    if record.compressed_bytes is not None:
        parts.append(f"{units.size(record.compressed_bytes)} compressed")
    parts.append(f"{record.layer_count} layers")
    return ", ".join(parts)


def image_dict(record: ImageRecord) -> dict[str, Any]:
    """The identity and sizes of an image."""
    return {
        "ref": record.ref,
        "id": record.image_id,
        "size_bytes": record.size_bytes,
        "compressed_bytes": record.compressed_bytes,
        "layers": record.layer_count,
        "base_image": record.base_image,
        "dockerfile": record.dockerfile,
        "build_seconds": record.build.seconds if record.build else None,
        "builder": record.build.builder if record.build else None,
        "efficiency": record.waste.efficiency if record.waste else None,
        "wasted_bytes": record.waste.wasted_bytes if record.waste else None,
        "user_wasted_ratio": record.waste.user_wasted_ratio if record.waste else None,
    }


def grown_dict(layer: GrownLayer) -> dict[str, Any]:
    """A grown layer as JSON."""
    return {
        "instruction": layer.instruction,
        "delta_bytes": layer.delta_bytes,
        "change": layer.change,
        "line": layer.line,
        "index": layer.index,
        "size_bytes": layer.size_bytes,
        "baseline_size_bytes": layer.baseline_size_bytes,
        "baseline_instruction": layer.baseline_instruction,
        "largest_files": [
            {"path": f.path, "size_bytes": f.size_bytes, "delta_bytes": f.delta_bytes}
            for f in layer.files
        ],
        "files_basis": layer.files_basis,
        "findings": [
            {
                "code": f.code,
                "name": f.name,
                "line": f.line,
                "message": f.message,
                "fix_title": f.fix_title,
            }
            for f in layer.findings
        ],
    }


def layer_dict(layer: LayerRecord) -> dict[str, Any]:
    """A layer of the image as JSON."""
    return {
        "instruction": layer.instruction,
        "line": layer.line,
        "index": layer.index,
        "base": layer.base,
        "size_bytes": layer.size_bytes,
        "compressed_bytes": layer.compressed_bytes,
    }


def check_dict(result: CheckResult) -> dict[str, Any]:
    """A check's result as JSON."""
    spec = result.spec
    out: dict[str, Any] = {
        "expr": spec.expr,
        "status": str(result.status),
        "value": result.value,
        "threshold": result.threshold,
        "unit": result.unit,
        "metric": spec.metric,
        "kind": spec.kind,
        "source": spec.source,
        "message": result.message,
    }
    if result.baseline_value is not None:
        out["baseline_value"] = result.baseline_value
    if spec.metric in SIZE_METRICS:
        out["layers"] = [grown_dict(layer) for layer in result.layers]
        if result.delta_metric is not None:
            out["delta_metric"] = result.delta_metric
        if result.largest_layers:
            out["largest_layers"] = [layer_dict(layer) for layer in result.largest_layers]
    return out


def report_dict(report: GateReport) -> dict[str, Any]:
    """The whole report as JSON (``imgopt gate --format json``)."""
    from imgopt.gate.checks import Status

    baseline = None
    if report.baseline is not None:
        baseline = {**image_dict(report.baseline), "source": report.baseline_source}
        baseline["created"] = report.baseline.created or None
    return {
        "version": JSON_VERSION,
        "passed": report.passed,
        "image": image_dict(report.current),
        "baseline": baseline,
        "checks": [check_dict(r) for r in report.results],
        "summary": {
            "passed": report.count(Status.PASS),
            "failed": report.count(Status.FAIL),
            "skipped": report.count(Status.SKIP),
        },
        "warnings": list(report.warnings),
    }


def short(text: str, limit: int = 80) -> str:
    """``text`` on one line, cut at ``limit`` characters."""
    return clip(text, limit)
