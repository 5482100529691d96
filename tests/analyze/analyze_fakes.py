"""Hand-built analysis results, for tests of what is printed and applied (no engine)."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from typing import Any

from imgopt.analyze.model import Target, TargetAnalysis
from imgopt.bench.runner import BenchResult, VariantSummary
from imgopt.report import Recommendation
from imgopt.report.data import VariantResult
from imgopt.variants import Plan, Variant

DOCKERFILE = "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\nCOPY . /app\n"
SLIM = "FROM debian:bookworm-slim\nCOPY . /app\n"


def summary(name: str, **values: Any) -> VariantSummary:
    """A VariantSummary with every figure None unless given."""
    data: dict[str, Any] = dict.fromkeys(f.name for f in fields(VariantSummary))
    data.update(name=name, dockerfile=f"{name}/Dockerfile", original=name == "original", builds=2)
    data.update(values)
    return VariantSummary(**data)


def analysed(
    context: Path,
    recommended: str = "slim-base",
    *,
    dockerignore: str | None = None,
    original: VariantSummary | None = None,
    variant: VariantSummary | None = None,
    spec_inferred: bool = False,
) -> TargetAnalysis:
    """A TargetAnalysis of ``context/Dockerfile`` whose recommendation is ``recommended``."""
    name = recommended if recommended != "original" else "slim-base"
    plan = Plan(
        path=str(context / "Dockerfile"),
        original=DOCKERFILE,
        variants=(Variant("original", DOCKERFILE), Variant(name, SLIM, dockerignore=dockerignore)),
        skipped=(),
    )
    original = original or summary(
        "original", image_id="sha256:o", size_bytes=1_100_000_000, compressed_bytes=412_000_000,
        cold_build_s=60.0, warm_build_s=21.0, verified=True,
    )  # fmt: skip
    variant = variant or summary(
        name, image_id="sha256:v", size_bytes=190_000_000, compressed_bytes=71_000_000,
        cold_build_s=40.0, warm_build_s=10.0, verified=True,
    )  # fmt: skip
    bench = BenchResult("run", context, (original, variant), recommended, "complete", "buildkit")
    pick = VariantResult(recommended, size_bytes=1, verified=True)
    return TargetAnalysis(
        target=Target("app", context / "Dockerfile", context),
        out=context.parent / "out",
        findings=(),
        plan=plan,
        built=True,
        bench=bench,
        recommendation=Recommendation(smallest=pick, reason="the report's reason"),
        spec_inferred=spec_inferred,
    )
