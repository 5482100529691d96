"""The one-line source change behind a warm rebuild, made in a temporary copy of the context.

A warm rebuild is the loop a developer and a CI pipeline live in: the app's code changed, its
dependencies did not. We copy the build context (hard links where possible, so a large context is
cheap; the edited file itself is always a fresh copy, so the user's file can never change), pick
the app source file that the Dockerfile copies last, and append one comment line in that file's
syntax.
"""

from __future__ import annotations

import fnmatch
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from imgopt.dockerfile import Dockerfile

_HASH = ".py .rb .sh .bash .pl .r .ex .exs .cr .jl .nim"
_SLASHES = (
    ".js .mjs .cjs .jsx .ts .tsx .go .java .kt .kts .scala .c .h .cc .cpp .hpp .rs .cs .php"
    " .swift .dart .groovy"
)
COMMENT_SYNTAX: dict[str, tuple[str, str]] = {
    **dict.fromkeys(_HASH.split(), ("#", "")),
    **dict.fromkeys(_SLASHES.split(), ("//", "")),
    **dict.fromkeys([".sql", ".lua", ".hs", ".elm"], ("--", "")),
    **dict.fromkeys([".css", ".scss", ".less"], ("/*", " */")),
    **dict.fromkeys([".html", ".htm", ".vue", ".svelte"], ("<!--", " -->")),
}
"""Comment syntax by file extension: (opening, closing)."""
_PREFERRED_STEMS = ("main", "app", "server", "index", "__main__", "wsgi", "asgi", "manage", "run")
_MAX_EDIT_BYTES = 5 << 20


@dataclass(frozen=True)
class EditTarget:
    """The file to change, relative to the context, and how to comment in it."""

    path: Path
    opening: str
    closing: str


def _ignore_patterns(context: Path) -> list[tuple[bool, str]]:
    try:
        lines = (context / ".dockerignore").read_text().splitlines()
    except OSError:
        return []
    out: list[tuple[bool, str]] = []
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        pattern = line[1:].strip() if negate else line
        pattern = os.path.normpath(pattern.lstrip("/")).replace("**/", "*/").replace("/**", "/*")
        out.append((negate, pattern))
    return out


def ignored(rel: str, patterns: list[tuple[bool, str]]) -> bool:
    """Whether ``rel`` (context-relative, ``/``-separated) is excluded by ``.dockerignore``.

    Close to Docker's rules (last match wins, ``!`` re-includes, a pattern matching a parent
    directory excludes what is inside); ``**`` is treated as ``*``, which is enough to avoid
    picking an ignored file to edit.
    """
    parts = rel.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    result = False
    for negate, pattern in patterns:
        if any(fnmatch.fnmatchcase(p, pattern) for p in prefixes):
            result = not negate
    return result


def pick_edit_target(
    dockerfile: Dockerfile, context: Path, target: str | None = None
) -> EditTarget | None:
    """The app source file the shipped stages copy from the context last, or None.

    Walks the ``COPY``/``ADD`` instructions without ``--from`` from last to first; among the
    files each copies, prefers a known source extension, a main-like name, and a shallow path.
    """
    from imgopt.bench.sizes import shipped_instructions

    patterns = _ignore_patterns(context)
    copies = [
        ins
        for ins in shipped_instructions(dockerfile, target)
        if ins.keyword in ("COPY", "ADD") and ins.flag("from") is None
    ]
    for ins in reversed(copies):
        sources = list(ins.args[:-1]) if len(ins.args) >= 2 else []
        candidates: list[Path] = []
        for src in sources:
            if "://" in src or src.startswith("git@"):
                continue
            pattern = src.lstrip("/") or "."
            matches = (
                sorted(context.glob(pattern))
                if any(c in pattern for c in "*?[")
                else [context / pattern]
            )
            for match in matches:
                if match.is_file():
                    candidates.append(match)
                elif match.is_dir():
                    candidates.extend(_walk(match, context, patterns))
        best = _best(candidates, context, patterns)
        if best is not None:
            return best
    return None


def _walk(directory: Path, context: Path, patterns: list[tuple[bool, str]]) -> list[Path]:
    out: list[Path] = []
    for root, dirs, files in os.walk(directory):
        rel_root = Path(root).relative_to(context).as_posix()
        dirs[:] = [
            d
            for d in dirs
            if not d.startswith(".")
            and d not in ("node_modules", "__pycache__", "vendor", "venv", ".venv")
            and not ignored(f"{rel_root}/{d}".lstrip("./"), patterns)
        ]
        out.extend(Path(root) / f for f in files if Path(f).suffix.lower() in COMMENT_SYNTAX)
        if len(out) > 5000:
            break
    return out


def _best(
    candidates: list[Path], context: Path, patterns: list[tuple[bool, str]]
) -> EditTarget | None:
    scored: list[tuple[tuple[int, int, int, str], Path]] = []
    for path in candidates:
        suffix = path.suffix.lower()
        if suffix not in COMMENT_SYNTAX or path.is_symlink():
            continue
        rel = path.relative_to(context).as_posix()
        if ignored(rel, patterns):
            continue
        try:
            if path.stat().st_size > _MAX_EDIT_BYTES:
                continue
        except OSError:
            continue
        stem = path.stem.lower()
        preferred = 0 if stem in _PREFERRED_STEMS else 1
        test_like = 1 if "test" in rel.lower() else 0
        scored.append(((test_like, preferred, rel.count("/"), rel), path))
    if not scored:
        return None
    path = min(scored)[1]
    opening, closing = COMMENT_SYNTAX[path.suffix.lower()]
    return EditTarget(path.relative_to(context), opening, closing)


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def warm_context(context: Path, edit: EditTarget, marker: str) -> Path:
    """A temporary copy of ``context`` with ``marker`` appended as a comment to the edit target.

    The caller removes the returned directory (``shutil.rmtree``).
    """
    tmp = Path(tempfile.mkdtemp(prefix="imgopt-warm-"))
    copy = tmp / "context"
    shutil.copytree(context, copy, symlinks=True, copy_function=_link_or_copy)
    target = copy / edit.path
    original = (context / edit.path).read_bytes()
    target.unlink()  # break the hard link: the edit goes to a file of our own
    newline = b"" if original.endswith(b"\n") or not original else b"\n"
    line = f"{edit.opening} {marker}{edit.closing}\n".encode()
    target.write_bytes(original + newline + line)
    return copy
