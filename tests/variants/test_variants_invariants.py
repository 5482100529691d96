"""Invariants every golden case must satisfy, whatever its expected files say (black's "stable"
and "equivalent" checks, for Dockerfiles)."""

from __future__ import annotations

import difflib
from collections import Counter

import pytest
from golden_cases import Case, available_here, cases

from imgopt.dockerfile import Dockerfile, Edit, Instruction, apply_edits, parse
from imgopt.rules import Applicability, lint
from imgopt.variants import Plan, line_map, plan_variants

CASES = cases()
IDS = [c.name for c in CASES]
#: What defines the container at run time; every variant's final stage keeps these.
KEPT = ("EXPOSE", "USER", "WORKDIR", "ENV", "LABEL", "VOLUME", "HEALTHCHECK", "STOPSIGNAL")
_PLANS: dict[str, Plan] = {}


def plan_of(case: Case) -> Plan:
    if case.name not in _PLANS:
        _PLANS[case.name] = case.plan()
    return _PLANS[case.name]


def norm(ins: Instruction) -> str:
    return " ".join(ins.raw.replace("\r\n", "\n").replace("\\\n", " ").split())


def runtime_instructions(df: Dockerfile, keywords: tuple[str, ...]) -> Counter[str]:
    return Counter(norm(i) for i in df.final_stage.body if i.keyword in keywords)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_parse_render_round_trip(case: Case) -> None:
    text = case.input_text()
    assert parse(text).render() == text
    for v in plan_of(case).variants:
        assert parse(v.dockerfile).render() == v.dockerfile


def fixed_lines(text: str, case: Case) -> tuple[str, set[int]]:
    """Apply the safe fixes pass by pass, as apply_fixes does, and collect the original lines
    their edits touch (later passes' positions mapped back through the earlier passes)."""
    current, ignore, touched = text, None, set()
    for _ in range(10):
        findings = lint(current, context_dir=case.context, dockerignore=ignore)
        batch: list[Edit] = []
        new_ignore = ignore
        to_original = line_map(text, current)
        for f in findings:
            if f.fix is None or f.fix.applicability is not Applicability.SAFE or f.fix.is_empty:
                continue
            if any(overlaps(e, t) for e in f.fix.edits for t in batch):
                continue
            if f.fix.dockerignore is not None:
                if new_ignore is not ignore:
                    continue
                new_ignore = f.fix.dockerignore
            batch.extend(f.fix.edits)
            for e in f.fix.edits:
                first = current.count("\n", 0, e.start)
                last = current.count("\n", 0, max(e.end - 1, e.start))
                for line in range(first, last + 1):
                    if line < len(to_original):
                        touched.add(to_original[line])
        new_text = apply_edits(current, batch)
        if new_text == current and new_ignore == ignore:
            break
        current, ignore = new_text, new_ignore
    return current, touched


def overlaps(a: Edit, b: Edit) -> bool:
    if a.start == a.end == b.start == b.end:
        return True
    return a.start < b.end and b.start < a.end


def with_variant(name: str) -> list[Case]:
    return [c for c in CASES if plan_of(c).get(name) is not None]


@pytest.mark.parametrize("case", with_variant("hygiene"), ids=lambda c: c.name)
def test_hygiene_touches_only_fixed_lines(case: Case) -> None:
    """Every original line that differs in the hygiene variant lies where a fix edited."""
    plan = plan_of(case)
    v = plan.get("hygiene")
    assert v is not None
    text = case.input_text()
    fixed, touched = fixed_lines(text, case)
    assert fixed == v.dockerfile
    old = text.splitlines(keepends=True)
    new = v.dockerfile.splitlines(keepends=True)
    sm = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    changed = {
        i + 1 for tag, i1, i2, _, _ in sm.get_opcodes() if tag != "equal" for i in range(i1, i2)
    }
    assert changed <= touched, f"lines {sorted(changed - touched)} changed without a fix"


@pytest.mark.parametrize("case", with_variant("slim-base"), ids=lambda c: c.name)
def test_slim_base_only_swaps_the_final_image(case: Case) -> None:
    plan = plan_of(case)
    slim, hygiene = plan.get("slim-base"), plan.get("hygiene") or plan.get("original")
    assert slim is not None and hygiene is not None
    a, b = parse(hygiene.dockerfile), parse(slim.dockerfile)
    line = a.final_stage.from_instruction.line
    old, new = hygiene.dockerfile.splitlines(), slim.dockerfile.splitlines()
    assert len(old) == len(new)
    assert [i + 1 for i, (x, y) in enumerate(zip(old, new, strict=True)) if x != y] == [line]
    assert b.final_stage.image is not None and "slim" in b.final_stage.base_resolved


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_final_stage_keeps_runtime_instructions(case: Case) -> None:
    original = parse(case.input_text())
    want = runtime_instructions(original, KEPT)
    commands = [i for i in original.final_stage.body if i.keyword in ("CMD", "ENTRYPOINT")]
    for v in plan_of(case).variants:
        df = parse(v.dockerfile)
        got = runtime_instructions(df, KEPT)
        missing = want - got
        assert not missing, f"{v.name} lost {sorted(missing)}"
        translated = {
            line for c in v.changes if c.lines for line in range(c.lines[0], c.lines[1] + 1)
        }
        final = df.final_stage.body
        for ins in commands:
            same = [i for i in final if i.keyword == ins.keyword]
            assert same, f"{v.name} lost {ins.keyword}"
            if ins.line not in translated:
                assert norm(ins) in {norm(i) for i in same}, f"{v.name} changed {ins.raw}"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_replanning_a_variant_is_a_fixed_point(case: Case) -> None:
    for v in plan_of(case).variants:
        if v.name == "original":
            continue
        again = plan_variants(
            v.dockerfile,
            context_dir=case.context,
            image_available=available_here,
            dockerignore=v.dockerignore,
            only=[v.name],
        )
        same = again.get(v.name)
        assert same is None or same.dockerfile == v.dockerfile, (
            f"{case.name}/{v.name}: re-planning proposes a new {v.name}"
        )


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_plan_findings_are_what_lint_reports(case: Case) -> None:
    plan = plan_of(case)
    assert list(plan.findings) == lint(plan.original, path=plan.path, context_dir=case.context)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_planning_is_deterministic(case: Case) -> None:
    a, b = case.plan(), case.plan()
    assert a == b


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_every_variant_is_smaller_in_intent(case: Case) -> None:
    """Multi-stage variants ship from a final stage that runs no package manager it did not
    need: no compiler or -dev package is installed in a runtime stage."""
    for v in plan_of(case).variants:
        if not v.name.startswith("multistage") and v.name != "distroless":
            continue
        final = parse(v.dockerfile).final_stage
        for ins in final.find("RUN"):
            for word in ("gcc", "build-essential", "-dev ", "python3-pip", "npm install"):
                assert word not in ins.raw + " ", f"{v.name} runtime runs {ins.raw!r}"


def test_the_cases_exercise_every_variant() -> None:
    proposed = {v.name for c in CASES for v in plan_of(c).variants}
    assert proposed >= {
        "original",
        "hygiene",
        "slim-base",
        "multistage",
        "multistage-slim",
        "distroless",
    }
    assert len(with_variant("hygiene")) >= 10 and len(with_variant("slim-base")) >= 10
