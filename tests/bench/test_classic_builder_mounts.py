"""The classic builder cannot run ``RUN --mount``: planned for it, no variant uses a cache mount.

imgopt.rules.cachemounts.without_cache_mounts turns the build-cache rules (IMG801-IMG805) off;
``imgopt analyze --builder classic`` plans inside it and says so in a note. The other rules'
fixes (cleaning a package cache in the same RUN) apply as they do without the mount rules.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from imgopt.analyze.pipeline import AnalyzeOptions, analyze
from imgopt.dockerfile import parse
from imgopt.engine.builders import BuildRequest, get_builder
from imgopt.rules import lint
from imgopt.rules.cachemounts import CLASSIC_BUILDER_NOTE, cache_mounts_off, without_cache_mounts
from imgopt.variants import plan_file, plan_variants

from .conftest import TEST_LABELS, ImageJanitor

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "sample_apps"
MOUNT_RULES = {"IMG801", "IMG802", "IMG803", "IMG804", "IMG805"}


def _cache_mounts(text: str) -> list[str]:
    return [
        m.target or "" for ins in parse(text).instructions for m in ins.mounts if m.type == "cache"
    ]


@pytest.mark.parametrize("app", ["node-build", "go-vendored", "python-native"])
def test_planned_for_the_classic_builder_no_variant_mounts_a_cache(app: str) -> None:
    with_mounts = plan_file(SAMPLES / app / "Dockerfile")
    assert any(_cache_mounts(v.dockerfile) for v in with_mounts.variants[1:])  # the rules apply
    with without_cache_mounts():
        plan = plan_file(SAMPLES / app / "Dockerfile")
    assert plan.variants[1:], "some variant is still proposed"
    for v in plan.variants:
        assert _cache_mounts(v.dockerfile) == [], v.name
        assert not {c.source for c in v.changes} & MOUNT_RULES, v.name
    assert not {f.code for f in plan.findings} & MOUNT_RULES
    assert cache_mounts_off() is None  # only inside the block


def test_npm_cache_is_cleaned_in_the_run_instead_of_mounted() -> None:
    text = "FROM node:18\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install\nCOPY . .\n"
    hygiene = next(v for v in plan_variants(text).variants if v.name == "hygiene")
    assert "--mount=type=cache,target=/root/.npm" in hygiene.dockerfile
    with without_cache_mounts():
        codes = {f.code for f in lint(parse(text))}
        plan = plan_variants(text)
    assert "IMG303" in codes and not codes & MOUNT_RULES
    hygiene = next(v for v in plan.variants if v.name == "hygiene")
    assert "npm cache clean --force" in hygiene.dockerfile and "--mount" not in hygiene.dockerfile


def test_analyze_for_the_classic_builder_says_why_nothing_is_mounted(tmp_path: Path) -> None:
    context = tmp_path / "app"
    shutil.copytree(SAMPLES / "node-build", context)
    result = analyze(
        context, options=AnalyzeOptions(out=tmp_path / "out", build=False, builder="classic")
    )
    t = result.targets[0]
    assert CLASSIC_BUILDER_NOTE in t.notes
    assert all(_cache_mounts(v.dockerfile) == [] for v in t.plan.variants)
    written = sorted((tmp_path / "out").rglob("Dockerfile"))
    assert written and all("type=cache" not in p.read_text() for p in written)
    default = analyze(context, options=AnalyzeOptions(out=tmp_path / "out2", build=False))
    assert CLASSIC_BUILDER_NOTE not in default.targets[0].notes


@pytest.mark.engine
def test_the_classic_builder_builds_the_variant_planned_for_it(
    tmp_path: Path, janitor: ImageJanitor
) -> None:
    with without_cache_mounts():
        plan = plan_file(SAMPLES / "go-http" / "Dockerfile")
    variant = plan.get("distroless")
    assert variant is not None and _cache_mounts(variant.dockerfile) == []
    dockerfile = tmp_path / "Dockerfile.distroless"
    dockerfile.write_text(variant.dockerfile)
    result = get_builder("classic").build(
        BuildRequest(
            context=SAMPLES / "go-http", dockerfile=dockerfile, labels=TEST_LABELS, no_cache=True
        )
    )
    janitor.add(result.image_id)
    assert result.builder.startswith("classic") or result.builder == "classic"
