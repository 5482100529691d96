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
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from imgopt.dockerfile import Dockerfile, Instruction, Stage

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
    from imgopt.errors import InputError
    from imgopt.userfiles import read_text

    if not (context / ".dockerignore").exists():
        return []
    try:
        lines = read_text(context / ".dockerignore", what=".dockerignore").splitlines()
    except InputError:
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
    When the shipped stages copy no source from the context themselves, only a build stage's
    output (``COPY --from=build /out/server /server``), the stages they read are walked the same
    way, latest first: a code change reaches the image through them.
    """
    from imgopt.bench.sizes import shipped_instructions

    patterns = _ignore_patterns(context)
    found = _pick_from(shipped_instructions(dockerfile, target), context, patterns)
    if found is not None:
        return found
    for stage in _feeding_stages(dockerfile, target):
        found = _pick_from(stage.body, context, patterns)
        if found is not None:
            return found
    return None


def _feeding_stages(dockerfile: Dockerfile, target: str | None) -> list[Stage]:
    """Stages the shipped chain reads (``COPY --from``, mounts), transitively, latest first."""
    final = dockerfile.stage(target) if target else dockerfile.final_stage
    if final is None:
        return []
    chain = {final.index}
    stage = final
    while stage.base_stage is not None and stage.base_stage not in chain:
        chain.add(stage.base_stage)
        stage = dockerfile.stages[stage.base_stage]
    seen = set(chain)
    todo = sorted(chain)
    feeding: set[int] = set()
    while todo:
        current = dockerfile.stages[todo.pop()]
        for dep in current.depends_on:
            if dep not in seen:
                seen.add(dep)
                feeding.add(dep)
                todo.append(dep)
    return [dockerfile.stages[i] for i in sorted(feeding, reverse=True)]


def _pick_from(
    instructions: Sequence[Instruction], context: Path, patterns: list[tuple[bool, str]]
) -> EditTarget | None:
    copies = [
        ins for ins in instructions if ins.keyword in ("COPY", "ADD") and ins.flag("from") is None
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
                if not _real_inside(match, context):
                    continue  # a symlink on the way, or a path that leaves the context
                if match.is_file():
                    candidates.append(match)
                elif match.is_dir():
                    candidates.extend(_walk(match, context, patterns))
        best = _best(candidates, context, patterns)
        if best is not None:
            return best
    return None


def _real_inside(path: Path, context: Path) -> bool:
    """Whether ``path`` is inside ``context`` with no symlink anywhere between them: the file
    a warm edit may change in the context's copy is then the one the copy holds, never one a
    link leads to (outside the context, or nowhere once copied)."""
    try:
        rel = path.relative_to(context)
    except ValueError:
        return False
    if ".." in rel.parts:
        return False
    real = os.path.realpath(context)
    return os.path.realpath(path) == os.path.join(real, *rel.parts) if rel.parts else True


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
        if suffix not in COMMENT_SYNTAX or not _real_inside(path, context):
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


def warm_context(context: Path, edit: EditTarget, marker: str, parent: Path | None = None) -> Path:
    """A temporary copy of ``context`` with ``marker`` appended as a comment to the edit target.

    The edited file is replaced in the copy (a new file, so a hard link to the user's file is
    broken, never written through) with its permission bits kept: an executable script stays
    executable. The copy's folder is made in ``parent`` (the run's scratch folder, which the
    run removes whatever ends it; default: the temp folder). The caller removes the returned
    directory's parent (``shutil.rmtree``); on a failure nothing is left behind.

    Raises:
        InputError: the edit target is a symlink, leads out of the context, or cannot be read or
            written (the temporary copy is removed).
    """
    from imgopt.errors import InputError
    from imgopt.userfiles import read_bytes, write_bytes

    tmp = Path(tempfile.mkdtemp(prefix="imgopt-warm-", dir=parent))
    try:
        source = context / edit.path
        if not _real_inside(source, context):
            raise InputError(
                f"{source}: the warm-rebuild edit never follows a symlink or leaves the context"
            )
        copy = tmp / "context"
        try:
            shutil.copytree(context, copy, symlinks=True, copy_function=_link_or_copy)
        except (OSError, shutil.Error) as err:
            raise InputError(f"{context}: cannot copy the build context ({err})") from None
        original = read_bytes(source, limit=_MAX_EDIT_BYTES, what="source file")
        mode = stat.S_IMODE(os.stat(source).st_mode)
        newline = b"" if original.endswith(b"\n") or not original else b"\n"
        if Path(edit.path).suffix == ".go" and original.strip():
            # gofmt wants a blank line before a trailing comment, and Dockerfiles run
            # `gofmt -l` as a check (faas-watchdog): the edit must not fail the build.
            newline += b"" if original.endswith(b"\n\n") else b"\n"
        line = f"{edit.opening} {marker}{edit.closing}\n".encode()
        write_bytes(copy / edit.path, original + newline + line, mode=mode, within=copy)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return copy
