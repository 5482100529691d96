"""The rule registry: every ``imgopt/rules/imgNNN_*.py`` module defines one rule class.

Modules are found by name (no list to forget to update) and imported on first use.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
from collections.abc import Iterable

from imgopt.errors import InputError
from imgopt.rules.base import Rule

_MODULE_RE = re.compile(r"img[1-9][0-9]{2}_[a-z0-9_]+\Z")


class UnknownRuleError(InputError):
    """A rule code (in ``--select``/``--ignore`` or ``imgopt rule``) that no rule has."""


@functools.cache
def _rules() -> tuple[Rule, ...]:
    import imgopt.rules as pkg

    found: dict[str, Rule] = {}
    for info in pkgutil.iter_modules(pkg.__path__):
        if not _MODULE_RE.match(info.name):
            continue
        module = importlib.import_module(f"imgopt.rules.{info.name}")
        classes = [
            obj
            for obj in vars(module).values()
            if isinstance(obj, type)
            and issubclass(obj, Rule)
            and obj is not Rule
            and obj.__module__ == module.__name__
        ]
        if len(classes) != 1:
            raise RuntimeError(f"{module.__name__} must define exactly one Rule, not {classes}")
        cls = classes[0]
        if cls.code.lower() != info.name[:6]:
            raise RuntimeError(f"{module.__name__} defines {cls.code}: module and code disagree")
        if cls.code in found:
            raise RuntimeError(f"rule code {cls.code} defined twice")
        found[cls.code] = cls()
    return tuple(found[c] for c in sorted(found))


def all_rules() -> list[Rule]:
    """Every rule, ordered by code."""
    return list(_rules())


def get_rule(code: str) -> Rule:
    """The rule with ``code`` (case-insensitive).

    Raises:
        UnknownRuleError: no rule has that code.
    """
    want = code.strip().upper()
    for rule in _rules():
        if rule.code == want:
            return rule
    raise UnknownRuleError(
        f"unknown rule code {code!r}", hint="`imgopt rule --all` lists every rule"
    )


def select_rules(
    select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
) -> list[Rule]:
    """The rules that ``select`` picks and ``ignore`` does not, ruff-style.

    Each entry is a code (``IMG101``) or a prefix (``IMG1`` = the apt group, ``IMG`` = all);
    ``select=None`` selects every rule. A code matches the longer of a matching select and
    ignore prefix (``--select IMG1 --ignore IMG101`` drops only IMG101).

    Raises:
        UnknownRuleError: an entry matches no rule.
    """
    return list(
        _select(
            tuple(select) if select is not None else None,
            tuple(ignore) if ignore is not None else (),
        )
    )


@functools.lru_cache(maxsize=64)
def _select(select: tuple[str, ...] | None, ignore: tuple[str, ...]) -> tuple[Rule, ...]:
    # The planner selects the same rules for every fix pass of every variant: once is enough.
    rules = _rules()
    sel = _normalise(select, rules) if select is not None else ["IMG"]
    ign = _normalise(ignore, rules)
    out = []
    for rule in rules:
        s = max((len(p) for p in sel if rule.code.startswith(p)), default=-1)
        i = max((len(p) for p in ign if rule.code.startswith(p)), default=-1)
        if s >= 0 and s > i:
            out.append(rule)
    return tuple(out)


def _normalise(codes: Iterable[str], rules: tuple[Rule, ...]) -> list[str]:
    out = []
    for raw in codes:
        for part in raw.split(","):
            p = part.strip().upper()
            if not p:
                continue
            if p == "ALL":
                p = "IMG"
            if not any(r.code.startswith(p) for r in rules):
                raise UnknownRuleError(
                    f"no rule code starts with {part.strip()!r}",
                    hint="`imgopt rule --all` lists every rule",
                )
            out.append(p)
    return out
