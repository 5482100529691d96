"""Learn what varies between two runs of the original, and compare a variant with the rest.

The original is probed twice, in two containers. Whatever differed between those two answers
(a timestamp, a request id, a random token, a pid) cannot be expected of a variant either; whatever
was the same must be the same in the variant too. A :class:`Template` holds the two answers'
common text as literal pieces with gaps where they differed: the text is split into tokens (runs of
letters and digits, runs of spaces, single other characters), the two token lists are aligned
with :class:`difflib.SequenceMatcher`, and each unequal stretch becomes a gap. A variant's answer
matches when it consists of the literal pieces in order with anything in the gaps. Only the tokens
that differed are masked, never the whole body: ``{"now": "12:00:01", "name": "x"}`` against
``{"now": "12:00:02", "name": "x"}`` still requires ``"name": "x"``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from imgopt.errors import clip

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
_DELIMITERS = frozenset(" \t\r\n\"'`,;=&<>()[]{}")
MAX_GAPS = 200  # beyond this the answers share too little for a meaningful template


@dataclass(frozen=True)
class Template:
    """The text two runs of the original had in common, with gaps where they differed.

    Attributes:
        pieces: the literal text between gaps; ``len(pieces) == gaps + 1``.
        too_variable: the two runs shared too little to compare a variant's text at all.
    """

    pieces: tuple[str, ...]
    too_variable: bool = False

    @property
    def gaps(self) -> int:
        """How many stretches differed between the original's two runs."""
        return len(self.pieces) - 1

    @property
    def masked(self) -> bool:
        """Whether anything is left out of the comparison."""
        return self.gaps > 0 or self.too_variable

    def matches(self, text: str) -> bool:
        """Whether ``text`` has every literal piece, in order, with anything in the gaps."""
        if self.too_variable:
            return True
        if not self.gaps:
            return text == self.pieces[0]
        first, *middle, last = self.pieces
        if not text.startswith(first) or not text.endswith(last):
            return False
        if len(text) < len(first) + len(last):
            return False
        pos = len(first)
        end = len(text) - len(last)
        for piece in middle:
            found = text.find(piece, pos, end)
            if found < 0:
                return False
            pos = found + len(piece)
        return True

    def first_difference(self, text: str) -> str:
        """A short description of where ``text`` departs from the template."""
        if self.matches(text):
            return "same"
        pos = 0
        for piece in self.pieces:
            found = text.find(piece, pos)
            if found < 0:
                return f"lacks {_short(piece)} (near {_short(text[pos : pos + 60])})"
            pos = found + len(piece)
        return "differs at its ends"


def learn(first: str, *others: str) -> Template:
    """The template of what ``first`` and every one of ``others`` share (all the same text: no
    gap at all).

    Each of ``others`` is aligned with ``first``; a stretch of ``first`` that differed from any of
    them is a gap, so a text matches when it has what every run had in common. A third run of the
    original widens the template of the first two by whatever it differed in (see
    :meth:`imgopt.verify.Verifier.check`).

    Each stretch that differed is widened to the whole field around it (up to whitespace, quotes,
    brackets, ``,;=&``), because a value that differed only in its last digits between two runs a
    second apart (``12:00:01``, ``12:00:02``) may differ anywhere in a run a minute later.
    """
    spans: list[tuple[int, int]] = []
    for other in others:
        spans += _differing_spans(first, other)
    if not spans:
        return Template((first,))
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    if len(merged) > MAX_GAPS:
        return Template(("",), too_variable=True)
    pieces: list[str] = []
    pos = 0
    for lo, hi in merged:
        pieces.append(first[pos:lo])
        pos = hi
    pieces.append(first[pos:])
    return Template(tuple(pieces))


def _differing_spans(first: str, other: str) -> list[tuple[int, int]]:
    """The stretches of ``first`` (offsets, each widened to its field) that ``other`` differs in."""
    if first == other:
        return []
    a = _TOKEN.findall(first)
    b = _TOKEN.findall(other)
    offsets = [0]
    for token in a:
        offsets.append(offsets[-1] + len(token))
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [
        _widen(first, offsets[i1], offsets[i2])
        for tag, i1, i2, _, _ in matcher.get_opcodes()
        if tag != "equal"
    ]


def _widen(text: str, lo: int, hi: int) -> tuple[int, int]:
    while lo > 0 and text[lo - 1] not in _DELIMITERS:
        lo -= 1
    while hi < len(text) and text[hi] not in _DELIMITERS:
        hi += 1
    return lo, hi


def describe_mask(template: Template) -> str:
    """``"2 varying parts left out"``, for proof strength and discovery records."""
    if template.too_variable:
        return "varies too much to compare"
    if not template.gaps:
        return "identical in both runs"
    return f"{template.gaps} varying part{'s' if template.gaps != 1 else ''} left out"


def _short(text: str, limit: int = 40) -> str:
    return repr(clip(text, limit + 3, ellipsis="..."))


__all__ = ["Template", "describe_mask", "learn"]
