"""The build context as rules see it: which entries exist, and what ``.dockerignore`` excludes.

The matcher follows Docker's ``moby/patternmatcher``: patterns are cleaned paths relative to the
context root, ``*``/``?``/``[...]`` do not cross ``/``, ``**`` matches any number of directories,
``!`` re-includes, the last matching pattern wins, and excluding a directory excludes its content.
"""

from __future__ import annotations

import contextlib
import functools
import os
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: Directories worth finding below the top level (they are big, or never needed in an image).
DEEP_NAMES = frozenset(
    {
        "__pycache__",
        "node_modules",
        ".venv",
        "venv",
        ".git",
        ".pytest_cache",
        ".mypy_cache",
        ".tox",
        ".next",
        "dist",
        "build",
        "target",
        ".gradle",
        "coverage",
        ".nyc_output",
    }
)
# Never descend into these: they are large, and what is inside does not matter to the rules.
_NO_DESCEND = frozenset({".git", "node_modules", ".venv", "venv", ".tox", "target", ".gradle"})
_MAX_DEPTH = 3
_MAX_ENTRIES = 20000


#: Scans and file texts kept while :func:`one_scan_per_context` is active (None: every call
#: reads the disk). Keys: ``("scan", root)`` and ``("file", folder, relative path)``.
_shared: dict[tuple[str, ...], Any] | None = None


@contextlib.contextmanager
def one_scan_per_context() -> Iterator[None]:
    """Scan each build context folder at most once inside this block.

    For a batch that lints many Dockerfiles sharing a folder, or every variant of one
    Dockerfile, against folders it does not change: the planner lints about 3.5 texts per
    Dockerfile, and ``imgopt lint`` over a folder of Dockerfiles would otherwise rescan the
    folder for each. Outside such a block each lint sees the folder as it is now. Workers
    forked inside the block share it too (each with its own copy).
    """
    global _shared
    outer = _shared
    if outer is None:
        _shared = {}
    try:
        yield
    finally:
        if outer is None:
            _shared = None


def scan_context(root: Path) -> frozenset[str]:
    """Top-level entries of ``root`` (``"name"`` or ``"name/"`` for directories) and the
    :data:`DEEP_NAMES` directories up to three levels down (``"pkg/__pycache__/"``)."""
    if _shared is None:
        return _scan(root)
    key = ("scan", str(root))
    if key not in _shared:
        _shared[key] = _scan(root)
    found: frozenset[str] = _shared[key]
    return found


def read_text(folder: Path, rel: str) -> str | None:
    """The text of ``folder/rel`` (undecodable bytes replaced), None when it cannot be read;
    read once per :func:`one_scan_per_context` block."""
    if _shared is None:
        return _read(folder / rel)
    key = ("file", str(folder), rel)  # no Path built on a hit: rules ask for the same files
    if key not in _shared:
        _shared[key] = _read(folder / rel)
    text: str | None = _shared[key]
    return text


def _read(path: Path) -> str | None:
    try:
        return path.read_text("utf-8", errors="replace")
    except (OSError, ValueError):
        return None


def _scan(root: Path) -> frozenset[str]:
    out: set[str] = set()
    seen = 0

    def walk(folder: Path, rel: str, depth: int) -> None:
        nonlocal seen
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for e in entries:
            seen += 1
            if seen > _MAX_ENTRIES:
                return
            try:
                is_dir = e.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            path = f"{rel}{e.name}"
            if depth == 0 or (is_dir and e.name in DEEP_NAMES):
                out.add(path + "/" if is_dir else path)
            if is_dir and depth < _MAX_DEPTH and e.name not in _NO_DESCEND:
                walk(Path(e.path), path + "/", depth + 1)

    walk(root, "", 0)
    return frozenset(out)


class DockerIgnore:
    """A parsed ``.dockerignore``.

    Example:
        >>> di = DockerIgnore("**/__pycache__\\n.git\\n!keep.txt\\n")
        >>> di.excludes("pkg/__pycache__"), di.excludes(".git/HEAD"), di.excludes("app.py")
        (True, True, False)
    """

    def __init__(self, text: str | None) -> None:
        self.text = text or ""
        self.patterns: list[tuple[bool, re.Pattern[str]]] = []
        for line in self.text.splitlines():
            p = line.strip()
            if not p or p.startswith("#"):
                continue
            negate = p.startswith("!")
            if negate:
                p = p[1:].strip()
            p = posixpath.normpath(p.replace("\\", "/")).lstrip("/")
            if p in ("", "."):
                continue
            self.patterns.append((negate, _compile(p)))

    def excludes(self, path: str) -> bool:
        """Whether ``path`` (relative, POSIX) is left out of the context, directly or because a
        parent directory is."""
        path = path.strip("/")
        parts = path.split("/")
        return any(self._match("/".join(parts[:i])) for i in range(1, len(parts) + 1))

    def _match(self, path: str) -> bool:
        matched = False
        for negate, rx in self.patterns:
            if rx.match(path):
                matched = not negate
        return matched


@functools.lru_cache(maxsize=512)
def _compile(pattern: str) -> re.Pattern[str]:
    out = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "*":
            if pattern.startswith("**", i):
                i += 2
                if i < n and pattern[i] == "/":
                    out.append("(?:.*/)?")
                    i += 1
                else:
                    out.append(".*")
                continue
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            j = pattern.find("]", i + 1)
            if j < 0:
                out.append(re.escape(c))
            else:
                body = pattern[i + 1 : j]
                if body.startswith("^") or body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = j
        elif c == "\\" and i + 1 < n:
            i += 1
            out.append(re.escape(pattern[i]))
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out) + r"\Z")


def extend_dockerignore(existing: str | None, patterns: list[str]) -> str:
    """``existing`` with ``patterns`` appended (those not already there), ending in a newline.

    Example:
        >>> extend_dockerignore("dist\\n", [".git", "dist"])
        'dist\\n.git\\n'
    """
    text = existing or ""
    have = {line.strip() for line in text.splitlines()}
    new = [p for p in patterns if p not in have]
    if not new:
        return text
    if text and not text.endswith("\n"):
        text += "\n"
    return text + "".join(p + "\n" for p in new)
