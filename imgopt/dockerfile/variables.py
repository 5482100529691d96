"""ARG/ENV variable substitution and small word helpers, as BuildKit's shell lexer does them.

Example:
    >>> expand("python:${PY:-3.11}-slim", {})
    'python:3.11-slim'
    >>> expand("$REG/app:${TAG}", {"REG": "gcr.io/x", "TAG": "1"})
    'gcr.io/x/app:1'
"""

from __future__ import annotations

from collections.abc import Mapping


def expand(word: str, env: Mapping[str, str | None], *, escape: str = "\\") -> str:
    """Substitute ``$VAR``, ``${VAR}``, ``${VAR:-default}``, ``${VAR-default}``, ``${VAR:+alt}``,
    ``${VAR+alt}``, ``${VAR:?msg}`` and ``${VAR?msg}`` in ``word``.

    A variable that is unset (absent, or None in ``env``) expands to ``""`` as in BuildKit.
    Quotes are removed and escapes resolved like BuildKit's ``ProcessWord``. Never raises.
    """
    raise NotImplementedError


def unquote(word: str) -> str:
    """Remove shell quotes and backslash escapes from one word.

    Example:
        >>> unquote('"two words"')
        'two words'
    """
    raise NotImplementedError


def split_csv(value: str) -> list[str]:
    """Split a CSV flag value (``--mount``) on commas outside double quotes."""
    raise NotImplementedError
