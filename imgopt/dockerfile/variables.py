"""ARG/ENV variable substitution and small word helpers, as BuildKit's shell lexer does them.

Example:
    >>> expand("python:${PY:-3.11}-slim", {})
    'python:3.11-slim'
    >>> expand("$REG/app:${TAG}", {"REG": "gcr.io/x", "TAG": "1"})
    'gcr.io/x/app:1'
"""

from __future__ import annotations

from collections.abc import Mapping

_NAME_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_NAME_CHARS = _NAME_START | frozenset("0123456789")


def expand(word: str, env: Mapping[str, str | None], *, escape: str = "\\") -> str:
    """Substitute ``$VAR``, ``${VAR}``, ``${VAR:-default}``, ``${VAR-default}``, ``${VAR:+alt}``,
    ``${VAR+alt}``, ``${VAR:?msg}`` and ``${VAR?msg}`` in ``word``.

    A variable that is unset (absent, or None in ``env``) expands to ``""`` as in BuildKit.
    Quotes are removed and escapes resolved like BuildKit's ``ProcessWord``. Never raises.
    """
    if "$" not in word and "'" not in word and '"' not in word and escape not in word:
        return word
    return _process(word, env, escape)


def unquote(word: str, *, escape: str = "\\") -> str:
    """Remove shell quotes and backslash escapes from one word.

    Example:
        >>> unquote('"two words"')
        'two words'
    """
    if "'" not in word and '"' not in word and escape not in word:
        return word
    return _process(word, None, escape)


def split_csv(value: str) -> list[str]:
    """Split a CSV flag value (``--mount``) on commas outside double quotes.

    Example:
        >>> split_csv('type=bind,source="a,b",target=/x')
        ['type=bind', 'source=a,b', 'target=/x']
    """
    fields: list[str] = []
    cur: list[str] = []
    in_quote = False
    for ch in value:
        if ch == '"':
            in_quote = not in_quote
        elif ch == "," and not in_quote:
            fields.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    fields.append("".join(cur))
    return [f for f in fields if f != ""]


def _process(word: str, env: Mapping[str, str | None] | None, escape: str) -> str:
    out: list[str] = []
    i, n = 0, len(word)
    while i < n:
        ch = word[i]
        if ch == escape:
            if i + 1 < n:
                out.append(word[i + 1])
                i += 2
            else:
                i += 1
        elif ch == "'":
            j = word.find("'", i + 1)
            j = n if j < 0 else j
            out.append(word[i + 1 : j])
            i = j + 1
        elif ch == '"':
            i += 1
            while i < n and word[i] != '"':
                c = word[i]
                if c == escape and i + 1 < n and word[i + 1] in ('"', "$", escape):
                    out.append(word[i + 1])
                    i += 2
                elif c == "$" and env is not None:
                    text, i = _dollar(word, i, env, escape)
                    out.append(text)
                else:
                    out.append(c)
                    i += 1
            i += 1
        elif ch == "$" and env is not None:
            text, i = _dollar(word, i, env, escape)
            out.append(text)
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _dollar(word: str, i: int, env: Mapping[str, str | None], escape: str) -> tuple[str, int]:
    """Expand the ``$`` at ``word[i]``; return the text and the index after the expansion."""
    n = len(word)
    if i + 1 >= n:
        return "$", i + 1
    nxt = word[i + 1]
    if nxt in _NAME_START:
        j = i + 1
        while j < n and word[j] in _NAME_CHARS:
            j += 1
        return env.get(word[i + 1 : j]) or "", j
    if nxt != "{":
        return "$", i + 1
    # ${...}: find the matching brace, counting nested ${ }.
    depth, j = 1, i + 2
    while j < n:
        c = word[j]
        if c == escape:
            j += 2
            continue
        if c == "$" and j + 1 < n and word[j + 1] == "{":
            depth += 1
            j += 2
            continue
        if c == "}":
            depth -= 1
            if depth == 0:
                break
        j += 1
    if j >= n:  # unterminated: keep as written
        return word[i:], n
    inner = word[i + 2 : j]
    k = 0
    while k < len(inner) and inner[k] in _NAME_CHARS:
        k += 1
    name, rest = inner[:k], inner[k:]
    value = env.get(name) if name else None
    if not rest:
        return value or "", j + 1
    op = rest[:2] if rest[:2] in (":-", ":+", ":?") else rest[:1]
    arg = rest[len(op) :]
    if op == ":-":
        result = value if value else _process(arg, env, escape)
    elif op == "-":
        result = value if value is not None else _process(arg, env, escape)
    elif op == ":+":
        result = _process(arg, env, escape) if value else ""
    elif op == "+":
        result = _process(arg, env, escape) if value is not None else ""
    elif op in (":?", "?"):
        result = value or ""
    else:  # pattern operators (#, %, /) and anything else: keep the value, ignore the pattern
        result = value or ""
    return result, j + 1
