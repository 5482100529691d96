"""The closure files a variant lacks but does not need, named in the report.

The default closure rule (:mod:`imgopt.verify.closure`) fails a variant for what it needs and only
counts the rest (``3 files absent but not required``); the bench records their names, with why
each is not required, under ``verification.<variant>.absent_files`` in ``run.json`` (the first
:data:`imgopt.verify.verifier.ABSENT_LISTED`; ``absent_optional`` is the total). This module reads
them back and renders them under the table of what was checked: a short list in Markdown, a
collapsed one in HTML when it is long, every recorded name in JSON.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from imgopt.report.data import VariantResult

#: Markdown lists at most this many names per variant; HTML collapses a list longer than it.
SHOWN = 5
#: Said of a run recorded before the names were (only their count is known).
NOT_RECORDED = "their names were not recorded (a run from before imgopt named them)"


def absent_files(meta: Mapping[str, Any], name: str) -> tuple[tuple[tuple[str, str], ...], int]:
    """Variant ``name``'s absent-but-not-required files from ``run.json`` (``meta``): the
    recorded ``(path, reason code)`` pairs and the total count; ``((), 0)`` when not recorded
    or malformed."""
    from imgopt.verify.verifier import recorded_absent

    table = meta.get("verification")
    entry = table.get(name) if isinstance(table, dict) else None
    if not isinstance(entry, dict):
        return (), 0
    listed, total = recorded_absent(entry)
    return listed, max(len(listed) if total is None else total, len(listed))


def reason_words(code: str) -> str:
    """The words for a reason code (the code itself when unknown)."""
    from imgopt.verify.closure import ABSENT_REASONS

    return ABSENT_REASONS.get(code, code or "not recorded")


def _rows(listed: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(path, reason_words(code)) for path, code in listed]


def _rest(total: int, shown: int) -> int:
    return max(total - shown, 0)


def markdown(variants: Sequence[VariantResult]) -> str:
    """``**hygiene**: 3 closure files absent but not required:`` and a bullet per file (the first
    :data:`SHOWN`, then how many more); empty when no variant lacks any."""
    blocks = []
    for v in variants:
        if not v.absent_total:
            continue
        head = f"**{v.name}**: {v.absent_total} closure file{'s' if v.absent_total != 1 else ''} "
        lines = [head + "absent but not required:\n"]
        shown = _rows(v.absent_files[:SHOWN])
        lines += [f"- `{path}` ({why})\n" for path, why in shown]
        rest = _rest(v.absent_total, len(shown))
        if not v.absent_files:
            lines.append(f"- {NOT_RECORDED}\n")
        elif rest:
            lines.append(f"- and {rest} more (`imgopt report --format json` lists up to 50)\n")
        blocks.append("".join(lines))
    return "\n".join(blocks)


def html(variants: Sequence[VariantResult]) -> str:
    """One paragraph and list per variant lacking closure files, inside a collapsed
    ``<details>`` when longer than :data:`SHOWN`; empty when no variant lacks any."""
    out = []
    for v in variants:
        if not v.absent_total:
            continue
        n = v.absent_total
        head = f"<strong>{escape(v.name)}</strong>: {n} closure file{'s' if n != 1 else ''} "
        head += "absent but not required"
        items = "".join(
            f"<li><code>{escape(path)}</code> ({escape(why)})</li>"
            for path, why in _rows(v.absent_files)
        )
        rest = _rest(n, len(v.absent_files))
        if not v.absent_files:
            items += f"<li>{escape(NOT_RECORDED)}</li>"
        elif rest:
            items += f"<li>and {rest} more, not recorded</li>"
        if n > SHOWN:
            out.append(f"<details><summary>{head}</summary><ul>{items}</ul></details>\n")
        else:
            out.append(f"<p>{head}:</p><ul>{items}</ul>\n")
    return "".join(out)


def json_list(v: VariantResult) -> list[dict[str, str]]:
    """Every recorded absent file of a variant, with its reason code and words."""
    return [
        {"path": path, "reason": code, "why": reason_words(code)} for path, code in v.absent_files
    ]
