"""JSON: the report's facts for programs, raw numbers in bytes and seconds (no rounding)."""

from __future__ import annotations

import json
from typing import Any

from imgopt.report import absent
from imgopt.report.data import Spread, VariantResult
from imgopt.report.model import Index, Report
from imgopt.report.recommend import ranked_size
from imgopt.results import units

#: Bumped when a field changes meaning or goes away (new fields keep it).
SCHEMA = "imgopt.report/1"


def _spread(s: Spread | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {"median": s.median, "min": s.low, "max": s.high, "n": s.n}


def _variant(v: VariantResult, original: VariantResult | None) -> dict[str, Any]:
    return {
        "name": v.name,
        "dockerfile": v.dockerfile_path,
        "size_bytes": v.size_bytes,
        "compressed_bytes": v.compressed_bytes,
        "base_bytes": v.base_bytes,
        "change_vs_original": (
            units.change(ranked_size(v), ranked_size(original)) if original is not None else None
        ),
        "engine": v.engine,
        # a target split over engines: the original of its own part it is compared with
        "compared_with": original.name if original is not None else None,
        "layers": v.layer_count,
        "cold_build_s": _spread(v.cold),
        "warm_build_s": _spread(v.warm),
        "efficiency": v.efficiency,
        "wasted_bytes": v.wasted_bytes,
        "recoverable_bytes": v.recoverable_bytes,
        "verified": v.verified,
        "broken": v.broken,
        "error": v.error,
        "checked": v.proof,  # what its verification checked, in words (None: not recorded)
        "closure_bytes_here": v.closure_bytes_here,  # the app's runtime files in this image
        # closure files it lacks but does not need: how many, and every one recorded, with why
        "absent_not_required": v.absent_total,
        "absent_files": absent.json_list(v),
        "changes": [
            {
                "source": c.source,
                "title": c.title,
                "rationale": c.rationale,
                "safety": c.safety,
                "lines": list(c.lines) if c.lines else None,
            }
            for c in v.changes
        ],
    }


def report_dict(report: Report) -> dict[str, Any]:
    """The report as a JSON-ready mapping."""
    rec, run = report.recommendation, report.run
    return {
        "schema": SCHEMA,
        "app": run.app,
        "run_dir": report.run_link or run.path,
        "notes": list(report.notes),
        "variants": [_variant(v, run.reference_of(v)) for v in run.variants],
        "recommendation": {
            "variant": rec.smallest.name if rec.smallest else None,
            "reason": rec.reason,
            "tradeoff": rec.tradeoff.name if rec.tradeoff else None,
            "tradeoff_reason": rec.tradeoff_reason,
            "pareto": list(rec.pareto),
            "excluded": [{"name": n, "reason": why} for n, why in rec.excluded],
        },
        "diff": report.diff,
        "diff_note": report.diff_note,
        "environment": dict(report.environment),
        "figures": [f.name for f in report.figures],
        "generated_by": report.generated_by,
    }


class JsonRenderer:
    """Machine-readable JSON."""

    name = "json"
    suffix = ".json"
    needs_figure_files = False

    def render(self, report: Report) -> str:
        """The text of one run's report."""
        return json.dumps(report_dict(report), indent=2, ensure_ascii=False) + "\n"

    def render_index(self, index: Index) -> str:
        """The text of the cross-app index."""
        apps = []
        for e, red in zip(index.entries, index.reductions, strict=True):
            original = e.report.run.original
            pick = e.report.recommendation.smallest
            apps.append(
                {
                    "app": e.app,
                    "report": e.link + self.suffix if e.link else None,
                    "run_dir": e.run_link,
                    "recommended": red.variant,
                    "change_vs_original": red.change,
                    "original": _variant(original, original) if original else None,
                    "recommended_variant": (
                        _variant(pick, e.report.run.reference_of(pick)) if pick else None
                    ),
                    "notes": list(e.report.notes),
                }
            )
        data = {
            "schema": SCHEMA,
            "apps": apps,
            "notes": list(index.notes),
            "environment": dict(index.environment),
            "regenerate": index.regenerate,
            "remeasure": index.remeasure,
            "generated_by": index.generated_by,
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
