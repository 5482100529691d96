"""Findings as text (ruff-like), JSON, or SARIF 2.1.0 (GitHub code scanning)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from imgopt.rules.base import Applicability, Finding, Rule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


@dataclass(frozen=True, slots=True)
class FileError:
    """A Dockerfile that could not be read or parsed."""

    path: str
    line: int
    message: str


def render_text(findings: Sequence[Finding], errors: Sequence[FileError] = ()) -> str:
    """``path:line:col: CODE message`` plus an indented ``fix:`` hint per finding, and
    ``path:line: error: message`` per file that failed; in path then line order."""
    rows: list[tuple[str, int, int, str]] = []
    for f in findings:
        text = f"{f.path or '-'}:{f.line}:{f.column}: {f.code} {f.message}"
        if f.fix_title:
            how = ""
            if f.fixable:
                how = " (safe fix)" if f.applicability == Applicability.SAFE else " (unsafe fix)"
            text += f"\n  fix: {f.fix_title}{how}"
        rows.append((f.path or "", f.line, f.column, text))
    for e in errors:
        rows.append((e.path, e.line, 0, f"{e.path}:{e.line}: error: {e.message}"))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return "".join(r[3] + "\n" for r in rows)


def render_json(findings: Sequence[Finding]) -> str:
    """A JSON list of finding records (:meth:`Finding.to_dict`)."""
    return json.dumps([f.to_dict() for f in findings], indent=2) + "\n"


def summary(findings: Sequence[Finding], files: int, errors: int) -> str:
    """One line for stderr: counts, and how many fixes ``--fix`` would apply."""
    if not findings and not errors:
        return f"All checks passed ({files} file{'s' if files != 1 else ''})."
    safe = sum(1 for f in findings if f.applicability == Applicability.SAFE)
    unsafe = sum(1 for f in findings if f.applicability == Applicability.UNSAFE)
    parts = [
        f"Found {len(findings)} finding{'s' if len(findings) != 1 else ''} "
        f"in {files} file{'s' if files != 1 else ''}"
    ]
    if errors:
        parts.append(f"{errors} file{'s' if errors != 1 else ''} could not be checked")
    line = "; ".join(parts) + "."
    if safe:
        line += f" {safe} fixable with `--fix`"
        line += f" ({unsafe} more with `--unsafe-fixes`)." if unsafe else "."
    elif unsafe:
        line += f" {unsafe} fixable with `--fix --unsafe-fixes`."
    return line


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    sections = rule.doc_sections()
    help_md = rule.documentation()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": " ".join(sections.get("What it does", "").split())},
        "help": {"text": help_md, "markdown": _markdown_doc(rule)},
        "defaultConfiguration": {"level": "warning"},
        "properties": {
            "tags": ["size", *rule.hadolint],
            "fixable": rule.fixable,
        },
    }


def _markdown_doc(rule: Rule) -> str:
    out = [f"# {rule.code} {rule.name}", "", rule.doc_sections().get("", "")]
    for name, body in rule.doc_sections().items():
        if name:
            out += ["", f"## {name}", "", body]
    return "\n".join(out).strip() + "\n"


def render_sarif(
    findings: Sequence[Finding],
    rules: Sequence[Rule],
    errors: Sequence[FileError] = (),
    *,
    version: str = "0",
) -> str:
    """A SARIF 2.1.0 log with one run: every rule as a reporting descriptor (with its
    documentation as help), every finding as a result with a physical location, and every
    unreadable file as a tool execution notification."""
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    for f in findings:
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": "warning",
            "message": {"text": f.message + (f" Fix: {f.fix_title}." if f.fix_title else "")},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(f.path)},
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": f.end_line,
                            "endColumn": max(f.end_column, f.column),
                        },
                    }
                }
            ],
            "properties": {"fixable": f.fixable, "applicability": f.applicability},
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        results.append(result)
    notifications = [
        {
            "level": "error",
            "message": {"text": e.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(e.path)},
                        "region": {"startLine": max(e.line, 1)},
                    }
                }
            ],
        }
        for e in errors
    ]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "imgopt",
                        "version": version,
                        "rules": [_rule_descriptor(r) for r in rules],
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not errors,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return json.dumps(log, indent=2) + "\n"


def _uri(path: str | None) -> str:
    from pathlib import PurePath

    if not path:
        return "Dockerfile"
    return PurePath(path).as_posix().removeprefix("./")
