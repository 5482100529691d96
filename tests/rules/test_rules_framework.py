"""The rule framework: registry, documentation sections, selection, suppression, fixing."""

from __future__ import annotations

import re

import pytest

from imgopt.dockerfile import parse
from imgopt.rules import (
    CODE_GROUPS,
    DOC_SECTIONS,
    Applicability,
    UnknownRuleError,
    all_rules,
    apply_fixes,
    get_rule,
    lint,
    select_rules,
)

RULES = all_rules()
NAIVE = """\
FROM python:3.11
RUN apt-get update && apt-get install -y curl
COPY . .
RUN pip install -r requirements.txt
CMD ["python", "app.py"]
"""


def test_registry_is_sorted_unique_and_grouped() -> None:
    codes = [r.code for r in RULES]
    assert codes == sorted(set(codes))
    assert len(codes) >= 20
    for code in codes:
        assert re.fullmatch(r"IMG[1-8]\d\d", code)
        assert int(code[3]) in CODE_GROUPS


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_documentation_is_complete(rule: object) -> None:
    from imgopt.rules import Rule

    assert isinstance(rule, Rule)
    sections = rule.doc_sections()
    missing = [s for s in DOC_SECTIONS if not sections.get(s)]
    assert not missing, f"{rule.code} docstring lacks {missing}"
    assert sections[""], "the docstring starts with a one-line title"
    headers = [h for h in re.findall(r"^(\w[\w ]+):$", rule.documentation(), re.M)]
    assert headers == list(DOC_SECTIONS), f"{rule.code}: sections out of order: {headers}"
    assert "```dockerfile" in sections["Example"]
    assert "```dockerfile" in sections["Fixed example"]
    assert rule.name == rule.name.lower() and " " not in rule.name
    assert rule.summary and not rule.summary.endswith(".")
    assert rule.fixable in ("safe", "unsafe", "sometimes", "no")
    if rule.fixable == "no":
        assert "No automatic fix" in sections["Fix safety"]
    for dl in rule.hadolint:
        assert dl in sections["Equivalents"]


def test_get_rule_and_unknown_code() -> None:
    assert get_rule("img101").code == "IMG101"
    with pytest.raises(UnknownRuleError) as info:
        get_rule("IMG999")
    assert info.value.hint


def test_select_and_ignore_prefixes() -> None:
    apt = select_rules(["IMG1"])
    assert apt and all(r.code.startswith("IMG1") for r in apt)
    assert "IMG101" not in {r.code for r in select_rules(["IMG1"], ["IMG101"])}
    assert {r.code for r in select_rules(None, ["IMG"])} == set()
    assert [r.code for r in select_rules(["IMG101,IMG201"])] == ["IMG101", "IMG201"]
    with pytest.raises(UnknownRuleError):
        select_rules(["IMG9"])


def test_finding_fields() -> None:
    f = next(f for f in lint(NAIVE, path="Dockerfile") if f.code == "IMG101")
    assert (f.path, f.line, f.column, f.end_line) == ("Dockerfile", 2, 1, 2)
    assert f.end_column == len("RUN apt-get update && apt-get install -y curl") + 1
    assert (f.stage_index, f.instruction_index) == (0, 1)
    assert f.fixable and f.applicability == Applicability.SAFE
    assert f.fix_title and f.fix_title[0].isupper()
    record = f.to_dict()
    for key in (
        "code",
        "message",
        "fix_title",
        "path",
        "line",
        "column",
        "end_line",
        "applicability",
        "fixable",
    ):
        assert key in record


def test_suppression_is_for_the_next_instruction_only() -> None:
    text = (
        "FROM debian:bookworm\n"
        "# imgopt: ignore=IMG101,IMG102 lists are read by the entrypoint\n"
        "RUN apt-get update && apt-get install -y curl\n"
        "RUN apt-get update && apt-get install -y git\n"
    )
    lines = {(f.code, f.line) for f in lint(text, select=["IMG101", "IMG102"])}
    assert lines == {("IMG101", 4), ("IMG102", 4)}


def test_apply_fixes_reaches_a_fixed_point_and_keeps_untouched_lines() -> None:
    result = apply_fixes(NAIVE)
    assert result.changed and result.applied
    codes = {f.code for f in result.applied}
    assert {"IMG101", "IMG102", "IMG201"} <= codes
    # Safe fixes only: the base image stays.
    assert result.text.startswith("FROM python:3.11\n")
    assert 'CMD ["python", "app.py"]\n' in result.text
    again = apply_fixes(result.text)
    assert again.text == result.text and not again.applied
    assert all(not f.fixable or f.applicability == Applicability.UNSAFE for f in again.remaining)
    parse(result.text)  # still a valid Dockerfile


def test_apply_fixes_unsafe_and_select() -> None:
    unsafe = apply_fixes(NAIVE, unsafe=True)
    assert unsafe.text.startswith("FROM python:3.11-slim\n")
    only = apply_fixes(NAIVE, select=["IMG102"])
    assert {f.code for f in only.applied} == {"IMG102"}
    assert "rm -rf /var/lib/apt/lists" not in only.text


def test_conflicting_fixes_on_one_instruction_all_land() -> None:
    # IMG202 moves the RUN that IMG201 edits: the fixes overlap and need two passes.
    text = "FROM python:3.11-slim\nCOPY . .\nRUN pip install -r requirements.txt\n"
    result = apply_fixes(text, unsafe=True, ignore=["IMG8"])
    assert result.text == (
        "FROM python:3.11-slim\n"
        "COPY requirements.txt .\n"
        "RUN pip install --no-cache-dir -r requirements.txt\n"
        "COPY . .\n"
    )
    assert result.passes >= 2


def test_parsed_dockerfile_accepted() -> None:
    df = parse(NAIVE, path="x/Dockerfile")
    assert {f.path for f in lint(df)} == {"x/Dockerfile"}


def test_every_rule_survives_odd_input() -> None:
    odd = (
        "# syntax=docker/dockerfile:1\n"
        "ARG BASE=debian:bookworm\n"
        "FROM ${BASE} AS a\n"
        'RUN ["apt-get", "install", "-y", "curl"]\n'
        "RUN <<EOF\nadd-apt-repository x\nEOF\n"
        "COPY <<EOF /etc/x\nhello\nEOF\n"
        "ONBUILD RUN pip install x\n"
        "FROM a\n"
        "RUN set -e; for p in a b; do pip install $p; done\n"
    )
    for rule in RULES:
        list(
            rule.check(__import__("imgopt.rules", fromlist=["LintContext"]).LintContext(parse(odd)))
        )


def test_a_fix_must_match_the_rules_fixable_declaration() -> None:
    """apply_fixes skips rules that cannot make the fixes it applies: a rule declared
    ``unsafe`` that made a safe fix would be skipped wrongly, so making one is an error."""
    from imgopt.dockerfile import Editor, parse

    rule = get_rule("IMG501")  # declared "unsafe"
    assert rule.fixes_with(Applicability.UNSAFE) and not rule.fixes_with(Applicability.SAFE)
    editor = Editor(parse("FROM python:3.11\n"))
    with pytest.raises(RuntimeError, match="IMG501 declares fixable='unsafe'"):
        rule.make_fix(editor, applicability=Applicability.SAFE)
    assert rule.make_fix(editor, applicability=Applicability.UNSAFE).applicability == "unsafe"
