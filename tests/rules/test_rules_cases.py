"""Every rule's YAML cases (``cases/IMG101.yml``...) as parametrized tests, sqlfluff-style.

A case file::

    rule: IMG101
    cases:
      - name: update-without-cleanup
        fail_str: |            # must give at least one finding of the rule (``count``: exactly)
          FROM debian:bookworm
          RUN apt-get update && apt-get install -y curl
        fix_str: |             # what apply_fixes(select=[rule]) makes of it; omit = no fix
          ...
      - name: throwaway-stage
        pass_str: |            # must give no finding of the rule
          ...

Optional keys: ``message_contains:`` fragments the first finding's message must hold,
``unsafe: true`` (apply unsafe fixes too), ``context:`` a mapping of relative
path -> file content (``null`` for an empty directory) written to a temporary build context,
``dockerignore:`` expected proposed .dockerignore after fixing, ``path:`` the Dockerfile name.
Every fixed text is linted again: the rule must not fire on its own output (idempotent fixes).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from imgopt.rules import all_rules, apply_fixes, lint

CASES_DIR = Path(__file__).parent / "cases"


@dataclass(frozen=True)
class Case:
    code: str
    name: str
    spec: dict[str, Any]

    @property
    def id(self) -> str:
        return f"{self.code}-{self.name}"


def _load() -> list[Case]:
    out: list[Case] = []
    for file in sorted(CASES_DIR.glob("IMG*.yml")):
        data = yaml.safe_load(file.read_text("utf-8"))
        code = data["rule"]
        assert file.stem == code, f"{file.name} declares rule {code}"
        for spec in data["cases"]:
            out.append(Case(code, spec["name"], spec))
    return out


CASES = _load()


def _context(tmp_path: Path, spec: dict[str, Any]) -> Path | None:
    files = spec.get("context")
    if files is None:
        return None
    root = tmp_path / "ctx"
    root.mkdir()
    for rel, content in files.items():
        target = root / rel
        if content is None or rel.endswith("/"):
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, "utf-8")
    return root


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_case(case: Case, tmp_path: Path) -> None:
    spec = case.spec
    ctx = _context(tmp_path, spec)
    path = spec.get("path")
    if "pass_str" in spec:
        found = lint(spec["pass_str"], path=path, context_dir=ctx, select=[case.code])
        assert found == [], [f.message for f in found]
        return
    text = spec["fail_str"]
    found = lint(text, path=path, context_dir=ctx, select=[case.code])
    assert found, f"{case.code} did not fire"
    assert all(f.code == case.code for f in found)
    if "count" in spec:
        assert len(found) == spec["count"], [f.line for f in found]
    if "line" in spec:
        assert found[0].line == spec["line"]
    for fragment in spec.get("message_contains", ()):
        assert fragment in found[0].message, found[0].message
    result = apply_fixes(
        text, path=path, context_dir=ctx, select=[case.code], unsafe=spec.get("unsafe", False)
    )
    expected = spec.get("fix_str", text)
    assert result.text == expected
    if "dockerignore" in spec:
        assert result.dockerignore == spec["dockerignore"]
    if result.changed:
        again = lint(
            result.text,
            path=path,
            context_dir=ctx,
            select=[case.code],
            dockerignore=result.dockerignore,
        )
        assert again == [], f"fix is not idempotent: {[f.message for f in again]}"


def test_every_rule_has_cases() -> None:
    by_code: dict[str, set[str]] = {}
    for case in CASES:
        kinds = by_code.setdefault(case.code, set())
        kinds.update(k for k in ("pass_str", "fail_str", "fix_str") if k in case.spec)
    for rule in all_rules():
        kinds = by_code.get(rule.code, set())
        assert {"pass_str", "fail_str"} <= kinds, f"{rule.code} needs pass and fail cases"
        if rule.fixable != "no":
            assert "fix_str" in kinds, f"{rule.code} is fixable but has no fix_str case"


def test_no_cases_for_unknown_rules() -> None:
    codes = {r.code for r in all_rules()}
    assert {c.code for c in CASES} <= codes


FAIL_CASES = [c for c in CASES if "fail_str" in c.spec]


@pytest.mark.parametrize("case", FAIL_CASES, ids=[c.id for c in FAIL_CASES])
def test_all_fixes_together_reach_a_fixed_point(case: Case, tmp_path: Path) -> None:
    """Every rule's fixes at once (safe and unsafe) on every failing example: the result
    parses, and fixing it again changes nothing (no two rules undo each other)."""
    from imgopt.dockerfile import parse

    spec = case.spec
    ctx = _context(tmp_path, spec)
    first = apply_fixes(spec["fail_str"], context_dir=ctx, unsafe=True)
    parse(first.text)
    for unsafe in (False, True):  # only the rules that can fix: the same text, less work
        full = apply_fixes(spec["fail_str"], context_dir=ctx, unsafe=unsafe)
        for report in ("input", "none"):
            lean = apply_fixes(spec["fail_str"], context_dir=ctx, unsafe=unsafe, report=report)
            assert (lean.text, lean.dockerignore) == (full.text, full.dockerignore)
            if report == "input":
                assert lean.found == full.found
    again = apply_fixes(first.text, context_dir=ctx, unsafe=True, dockerignore=first.dockerignore)
    assert again.text == first.text
    assert again.dockerignore is None
