"""analyze's evidence pass rewrites the Node variants that would drop packages the original read
at run time (before they are built), records its evidence, and `--resume` plans the same
variants from that record; without a closure nothing changes. The lockfile reader is faked
here (tests/variants/test_npm_keep_engine.py runs the real one)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from test_npm_closure import APP, CLOSURE, GOOF_DOCKERFILE, LOCKS, _goof_context

from imgopt.analyze import carry
from imgopt.analyze import evidence as ev
from imgopt.analyze.workspace import write_plan
from imgopt.userfiles import sha256_of
from imgopt.variants import Plan, Skipped, plan_variants
from imgopt.variants.evidence import BuildEvidence
from imgopt.variants.npm_closure import NpmTree, lock_entries, npm_tree


class _Fake:
    """gather_npm from the fixture lockfile, counting its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, image_id: str, closure: tuple[str, ...], run_id: str) -> tuple[NpmTree]:
        self.calls += 1
        lock = json.loads((LOCKS / "updated-v3.json").read_text("utf-8"))
        return (npm_tree(APP, closure, lock_entries(lock), f"{APP}/package-lock.json"),)


@pytest.fixture()
def fake(monkeypatch: pytest.MonkeyPatch) -> _Fake:
    gather = _Fake()
    monkeypatch.setattr(ev, "gather_npm", gather)
    monkeypatch.setattr(ev, "_availability", lambda: lambda ref: True)
    # What variants carry of the closure needs the engine (tests/analyze/test_carry_engine.py).
    monkeypatch.setattr(carry, "carry_pass", lambda plan, **_: plan)
    return gather


def _setup(tmp_path: Path) -> tuple[Plan, Path, Path, Path, dict[str, Path]]:
    (tmp_path / "app").mkdir()
    ctx = _goof_context(tmp_path / "app")
    dockerfile = ctx / "Dockerfile"
    dockerfile.write_text(GOOF_DOCKERFILE)
    plan = plan_variants(
        GOOF_DOCKERFILE, context_dir=ctx, path=str(dockerfile), image_available=lambda r: True
    )
    out = tmp_path / "out"
    files = write_plan(plan, out / "dockerfiles", dockerfile=dockerfile, context=ctx, exclude=None)
    # what the bench lists before it builds the original (imgopt.bench.runner)
    listed = [{"name": n, "dockerfile": str(p), "sha256": sha256_of(p)} for n, p in files.items()]
    (out / "run.json").write_text(json.dumps({"run_id": "x", "variants": listed}))
    return plan, ctx, dockerfile, out, files


def _second_pass(plan: Plan, ctx: Path, dockerfile: Path, out: Path, closure: Any) -> Any:
    phases: list[str] = []
    merged, added = ev.second_pass(
        plan,
        dockerfile=dockerfile,
        context=ctx,
        folder=out / "dockerfiles",
        exclude=None,
        image_id="sha256:original",
        closure=closure,
        run_id="run",
        phase=phases.append,
        record=out / ev.EVIDENCE_FILE,
    )
    return merged, added, phases


def test_the_pass_rewrites_the_node_variants_before_they_are_built(
    tmp_path: Path, fake: _Fake
) -> None:
    plan, ctx, dockerfile, out, files = _setup(tmp_path)
    assert ev.prunes_npm(plan)
    merged, added, phases = _second_pass(plan, ctx, dockerfile, out, CLOSURE)
    assert fake.calls == 1 and added == []  # the same variants, rewritten in place
    assert merged.names == plan.names
    rewritten = [n for n in plan.names if plan.get(n) != merged.get(n)]
    assert rewritten == ["multistage", "multistage-slim"]
    assert phases[-1] == (
        "from the built original: multistage, multistage-slim keep the npm packages the app "
        "read at run time"
    )
    meta = json.loads((out / "run.json").read_text())
    for name in rewritten:
        text = files[name].read_text()
        assert text == merged.get(name).dockerfile
        assert f"COPY --from=build {APP}/node_modules/supports-color" in text
        assert {v["name"]: v["sha256"] for v in meta["variants"]}[name] == sha256_of(files[name])
    summary = (out / "dockerfiles" / "summary.json").read_text()
    assert "Keep devDependencies has-flag, supports-color" in summary
    record = json.loads((out / ev.EVIDENCE_FILE).read_text())
    assert record["npm"][0]["dropped"].keys() == {
        "node_modules/has-flag",
        "node_modules/supports-color",
    }


def test_resume_plans_the_same_variants_from_the_record(tmp_path: Path, fake: _Fake) -> None:
    plan, ctx, dockerfile, out, _ = _setup(tmp_path)
    merged, _, _ = _second_pass(plan, ctx, dockerfile, out, CLOSURE)
    # --resume plans statically again, then from evidence.json (no image, no container)
    static = plan_variants(
        GOOF_DOCKERFILE, context_dir=ctx, path=str(dockerfile), image_available=lambda r: True
    )
    resumed = ev.resumed_plan(
        static, dockerfile=dockerfile, context=ctx, record=out / "evidence.json"
    )
    assert fake.calls == 1
    assert [(v.name, v.dockerfile, v.changes) for v in resumed.variants] == [
        (v.name, v.dockerfile, v.changes) for v in merged.variants
    ]


def test_without_a_closure_nothing_is_read_or_changed(tmp_path: Path, fake: _Fake) -> None:
    plan, ctx, dockerfile, out, files = _setup(tmp_path)
    before = {n: p.read_text() for n, p in files.items()}
    merged, added, _ = _second_pass(plan, ctx, dockerfile, out, None)
    assert merged is plan and added == [] and fake.calls == 0
    assert {n: p.read_text() for n, p in files.items()} == before
    assert not (out / ev.EVIDENCE_FILE).exists()
    assert ev.resumed_plan(plan, dockerfile=dockerfile, context=ctx, record=out / "e.json") is plan


def test_an_unreadable_lockfile_keeps_the_plan(
    tmp_path: Path, fake: _Fake, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan, ctx, dockerfile, out, _ = _setup(tmp_path)

    def broken(*_: Any) -> tuple[NpmTree, ...]:
        raise ev.EvidenceError("reading the npm lockfile in /usr/src/goof: no node")

    monkeypatch.setattr(ev, "gather_npm", broken)
    merged, added, phases = _second_pass(plan, ctx, dockerfile, out, CLOSURE)
    assert merged is plan and added == []
    assert "no node" in phases[-1] and "the Node variants stay" in phases[-1]


def test_the_record_round_trips_and_older_records_still_read() -> None:
    tree = NpmTree(APP, f"{APP}/package-lock.json", ("node_modules/x",), {"node_modules/x": "dev"})
    evidence = BuildEvidence(release=None, roots=(), closure=CLOSURE, npm=(tree,))
    data = json.loads(json.dumps(ev.evidence_to_dict(evidence)))
    assert ev.evidence_from_dict(data) == evidence
    del data["npm"]  # written before the npm lockfile was read
    assert ev.evidence_from_dict(data).npm == ()
    data["npm"] = [{"app_dir": APP, "dropped": {"node_modules/x": 1}}]
    with pytest.raises(ValueError, match="npm"):
        ev.evidence_from_dict(data)


def test_the_pass_adds_no_variant_that_variants_left_out(tmp_path: Path, fake: _Fake) -> None:
    (tmp_path / "app").mkdir()
    ctx = _goof_context(tmp_path / "app")
    dockerfile = ctx / "Dockerfile"
    dockerfile.write_text(GOOF_DOCKERFILE)
    plan = plan_variants(
        GOOF_DOCKERFILE, context_dir=ctx, image_available=lambda r: True, only=("multistage",)
    )
    (tmp_path / "out").mkdir()
    merged, added, _ = _second_pass(plan, ctx, dockerfile, tmp_path / "out", CLOSURE)
    assert merged.names == ("original", "multistage") and added == []
    assert "supports-color" in merged.get("multistage").dockerfile


def test_node_only_evidence_adds_nothing_and_keeps_the_reasons(tmp_path: Path) -> None:
    ctx = _goof_context(tmp_path)
    full = plan_variants(GOOF_DOCKERFILE, context_dir=ctx, image_available=lambda r: True)
    slim = full.get("multistage-slim")
    assert slim is not None
    waiting = replace(
        full,
        variants=tuple(v for v in full.variants if v.name != "multistage-slim"),
        skipped=(*full.skipped, Skipped("multistage-slim", "waits")),
    )
    # compiled-code evidence adds what the plan skipped; evidence read for npm only never does
    assert ev.merge(waiting, full).get("multistage-slim") == slim
    only_npm = ev.merge(waiting, full, add=False)
    assert only_npm.get("multistage-slim") is None
    assert only_npm.skipped == waiting.skipped
