"""Run the rules over a Dockerfile, and apply their fixes until nothing changes."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

from imgopt.dockerfile import Dockerfile, Edit, EditConflictError, apply_edits, parse
from imgopt.errors import DockerfileParseError
from imgopt.rules.base import Applicability, Finding, FixResult, LintContext, Rule
from imgopt.rules.registry import select_rules

#: Upper bound on parse -> lint -> fix passes (fixes that keep conflicting stop here).
MAX_PASSES = 10


def _as_dockerfile(source: str | Dockerfile, path: str | Path | None) -> Dockerfile:
    if isinstance(source, Dockerfile):
        return source
    return parse(source, path=str(path) if path is not None else None)


def lint(
    dockerfile: str | Dockerfile,
    *,
    path: str | Path | None = None,
    context_dir: str | Path | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    dockerignore: str | None = None,
    rules: Iterable[Rule] | None = None,
) -> list[Finding]:
    """Findings for one Dockerfile, ordered by position then code.

    Args:
        dockerfile: the text or a parsed Dockerfile.
        path: the file name to report (for a text; a parsed file carries its own).
        context_dir: the build context; the context rules (6xx) need it and find nothing
            without it.
        select: codes or prefixes to run (default: all), ruff-style.
        ignore: codes or prefixes not to run.
        dockerignore: ``.dockerignore`` content to assume instead of the context's file.
        rules: run exactly these rules (overrides ``select``/``ignore``).

    Raises:
        DockerfileParseError: the text does not parse.
        UnknownRuleError: ``select``/``ignore`` names no rule.
    """
    df = _as_dockerfile(dockerfile, path)
    chosen = list(rules) if rules is not None else select_rules(select, ignore)
    ctx = LintContext(df, context_dir=context_dir, dockerignore=dockerignore)
    instructions = df.instructions
    out: list[Finding] = []
    for rule in chosen:
        for f in rule.check(ctx):
            if f.instruction_index is not None:
                ins = instructions[f.instruction_index]
                if f.code in ins.suppressed_codes():
                    continue
            out.append(f)
    out.sort(key=Finding.sort_key)
    return out


def apply_fixes(
    text_or_dockerfile: str | Dockerfile,
    *,
    unsafe: bool = False,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    path: str | Path | None = None,
    context_dir: str | Path | None = None,
    dockerignore: str | None = None,
    report: Literal["all", "input", "none"] = "all",
) -> FixResult:
    """Apply the rules' fixes, re-linting after each pass until a fixed point.

    Each pass parses the current text, lints it, and applies every applicable fix whose edits
    do not overlap an earlier one of the same pass (the others get their turn in the next pass,
    against fresh positions). A ``.dockerignore`` a fix proposes is assumed by the next pass.

    Args:
        text_or_dockerfile: the Dockerfile.
        unsafe: also apply UNSAFE fixes (slimmer base image...).
        select: only fixes of these codes/prefixes (the rules still run only if selected).
        ignore: never these codes/prefixes.
        path: file name for messages.
        context_dir: the build context (for the .dockerignore rule).
        dockerignore: ``.dockerignore`` content to start from instead of the context's file.
        report: which findings the result must hold in full. ``"all"``: every selected rule
            runs on every pass (``found`` and ``remaining`` are complete). ``"input"``: every
            rule on the first pass (``found`` is what :func:`lint` gives for the input), then
            only the rules that can make a fix of the applicability asked for. ``"none"``:
            only those rules throughout. The fixed text is the same in every mode; the others
            do less work when the findings are not wanted.

    Returns:
        The fixed text, the findings applied, the findings left, and the proposed
        ``.dockerignore`` (None when unchanged).

    Raises:
        DockerfileParseError: the input does not parse.
    """
    df = _as_dockerfile(text_or_dockerfile, path)
    original = df.text
    file_path = df.path
    rules: Sequence[Rule] = select_rules(select, ignore)
    allowed = {Applicability.SAFE, Applicability.UNSAFE} if unsafe else {Applicability.SAFE}
    fixers = _fixers(tuple(rules), frozenset(allowed))
    if report == "none":
        rules = fixers
    applied: list[Finding] = []
    proposed_ignore: str | None = None
    current_ignore = dockerignore
    findings: list[Finding] = []
    found: list[Finding] | None = None
    passes = 0
    while True:
        passes += 1
        findings = lint(df, context_dir=context_dir, dockerignore=current_ignore, rules=rules)
        if found is None:
            found = findings
        if passes > MAX_PASSES:
            break
        batch: list[Finding] = []
        taken: list[Edit] = []
        new_ignore = current_ignore
        for f in findings:
            fix = f.fix
            if fix is None or fix.is_empty or fix.applicability not in allowed:
                continue
            if any(_overlaps(e, t) for e in fix.edits for t in taken):
                continue
            if fix.dockerignore is not None:
                if new_ignore is not current_ignore:
                    continue  # one .dockerignore proposal per pass; the next sees this one
                new_ignore = fix.dockerignore
            taken.extend(fix.edits)
            batch.append(f)
        if not batch:
            break
        new_text = _apply_checked(df.text, batch, file_path)
        if new_text is None:
            break
        changed = new_text != df.text or new_ignore != current_ignore
        if not changed:
            break
        applied.extend(batch)
        if new_ignore != current_ignore:
            proposed_ignore = new_ignore
            current_ignore = new_ignore
        df = parse(new_text, path=file_path)
        if report == "input":
            rules = fixers
    return FixResult(
        text=df.text,
        applied=tuple(applied),
        remaining=tuple(findings),
        dockerignore=proposed_ignore,
        passes=passes,
        original=original,
        found=tuple(found or ()),
    )


@functools.lru_cache(maxsize=64)
def _fixers(rules: tuple[Rule, ...], allowed: frozenset[Applicability]) -> tuple[Rule, ...]:
    """The rules of ``rules`` that can make a fix of one of these applicabilities."""
    return tuple(r for r in rules if any(r.fixes_with(a) for a in allowed))


def _overlaps(a: Edit, b: Edit) -> bool:
    # Two insertions at one offset would be applied in an order no rule chose: treat as overlap.
    if a.start == a.end == b.start == b.end:
        return True
    return a.start < b.end and b.start < a.end


def _apply_checked(text: str, batch: list[Finding], path: str | None) -> str | None:
    """Apply a batch; drop fixes (latest first) until the result parses again."""
    while batch:
        edits = [e for f in batch for e in (f.fix.edits if f.fix else ())]
        try:
            new_text = apply_edits(text, edits)
            parse(new_text, path=path)
        except (EditConflictError, DockerfileParseError):
            batch.pop()
            continue
        return new_text
    return None
