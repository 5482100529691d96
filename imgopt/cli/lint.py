"""``imgopt lint``: the size rules over one or more Dockerfiles, in one process."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from imgopt.errors import ExitCode, InputError

if TYPE_CHECKING:
    from imgopt.rules import Finding
    from imgopt.rules.render import FileError

# Folders never searched for Dockerfiles: big, and never holding the project's own.
_SKIP_DIRS = frozenset(
    {".git", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache"}
)


class Format(StrEnum):
    """Output formats of ``imgopt lint``."""

    text = "text"
    json = "json"
    sarif = "sarif"


# Editor and merge leftovers: never taken for Dockerfiles when scanning a folder, so --fix can
# never rewrite a backup the user keeps (Dockerfile.orig, Dockerfile.bak, Dockerfile~).
_BACKUP_SUFFIXES = (
    ".dockerignore", ".orig", ".bak", ".backup", ".old", ".rej", ".swp", ".swo", ".tmp", ".save",
    "~", ".imgopt-tmp",
)  # fmt: skip


def is_dockerfile_name(name: str) -> bool:
    """``Dockerfile``, ``*.Dockerfile``, ``Dockerfile.*`` (not ``*.dockerignore``, nor backups
    such as ``Dockerfile.orig``, ``Dockerfile.bak`` or ``Dockerfile~``)."""
    if name.endswith(_BACKUP_SUFFIXES):
        return False
    return name == "Dockerfile" or name.endswith(".Dockerfile") or name.startswith("Dockerfile.")


def find_dockerfiles(folder: Path) -> list[Path]:
    """Every Dockerfile under ``folder`` (sorted), skipping VCS, dependency and venv folders."""
    found: list[Path] = []
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            entries = sorted(current.iterdir())
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir() and not entry.is_symlink():
                if entry.name not in _SKIP_DIRS:
                    stack.append(entry)
            elif is_dockerfile_name(entry.name) and entry.is_file():
                found.append(entry)
    return sorted(found)


def _codes(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [c for c in value.split(",") if c.strip()]


def lint_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Dockerfiles, or folders searched for Dockerfile, *.Dockerfile, Dockerfile.*",
            show_default=False,
        ),
    ] = None,
    file: Annotated[
        str | None,
        typer.Option(
            "-f", "--file", help="The Dockerfile's name inside each folder (like docker build -f)."
        ),
    ] = None,
    output_format: Annotated[
        Format,
        typer.Option("--format", help="text (ruff-like), json, or sarif (GitHub code scanning)."),
    ] = Format.text,
    select: Annotated[
        str | None,
        typer.Option("--select", help="Only these codes/prefixes, comma-separated (IMG1,IMG201)."),
    ] = None,
    ignore: Annotated[
        str | None, typer.Option("--ignore", help="Not these codes or prefixes, comma-separated.")
    ] = None,
    context: Annotated[
        Path | None,
        typer.Option(
            "--context",
            help="Build context folder (default: the folder given, or the Dockerfile's folder).",
        ),
    ] = None,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix", help="Apply safe fixes in place (and write a proposed .dockerignore)"
        ),
    ] = False,
    unsafe_fixes: Annotated[
        bool,
        typer.Option("--unsafe-fixes", help="With --fix, also apply unsafe fixes (base images)."),
    ] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "-j",
            "--jobs",
            min=0,
            help="Processes for many files: 0 = every available core, 1 = no workers. "
            "Output is the same either way.",
        ),
    ] = 0,
) -> None:
    """Check Dockerfiles for what makes images big or builds slow.

    Exit status: 0 clean, 1 findings, 2 a file unreadable or malformed (or bad usage).
    """
    code = _lint(paths or [], file, output_format, select, ignore, context, fix, unsafe_fixes, jobs)
    raise typer.Exit(code)


def _lint(
    paths: list[Path],
    file: str | None,
    output_format: Format,
    select: str | None,
    ignore: str | None,
    context: Path | None,
    fix: bool,
    unsafe_fixes: bool,
    jobs: int = 0,
) -> int:
    from imgopt import __version__
    from imgopt.rules import Finding, select_rules
    from imgopt.rules.context import one_scan_per_context
    from imgopt.rules.render import render_json, render_sarif, render_text, summary
    from imgopt.workers import map_ordered

    rules = select_rules(_codes(select), _codes(ignore))  # UnknownRuleError -> exit 2
    codes = tuple(r.code for r in rules)
    targets = _targets(paths, file, context)
    tasks = [(dockerfile, ctx_dir, codes, fix, unsafe_fixes) for dockerfile, ctx_dir in targets]
    findings: list[Finding] = []
    errors: list[FileError] = []
    # --fix writes files (and a .dockerignore two Dockerfiles may share): one at a time, and
    # each sees the context as the fixes before it left it.
    with nullcontext() if fix else one_scan_per_context():
        for found, error, note in map_ordered(_lint_one, tasks, jobs=1 if fix else jobs):
            findings.extend(found)
            if error is not None:
                errors.append(error)
            if note:
                print(note, file=sys.stderr)
    findings.sort(key=Finding.sort_key)
    if output_format == Format.json:
        sys.stdout.write(render_json(findings))
        for e in errors:
            print(f"{e.path}:{e.line}: error: {e.message}", file=sys.stderr)
    elif output_format == Format.sarif:
        sys.stdout.write(render_sarif(findings, rules, errors, version=__version__))
        for e in errors:
            print(f"{e.path}:{e.line}: error: {e.message}", file=sys.stderr)
    else:
        sys.stdout.write(render_text(findings, errors))
    print(summary(findings, len(targets) - len(errors), len(errors)), file=sys.stderr)
    if errors:
        return ExitCode.USAGE
    return ExitCode.FINDINGS if findings else ExitCode.OK


def _lint_one(
    task: tuple[Path, Path | None, tuple[str, ...], bool, bool],
) -> tuple[list[Finding], FileError | None, str | None]:
    """Read, parse, fix (if asked) and lint one Dockerfile: (findings, error, note for stderr).

    Runs in a worker process for many files: everything in and out pickles, and an expected
    failure comes back as a :class:`FileError`, never as an exception.
    """
    from imgopt.dockerfile import parse
    from imgopt.errors import DockerfileParseError
    from imgopt.rules import apply_fixes, lint, select_rules
    from imgopt.rules.render import FileError
    from imgopt.userfiles import read_text, write_text

    dockerfile, ctx_dir, codes, fix, unsafe_fixes = task
    shown = _display(dockerfile)
    try:
        text = read_text(dockerfile, what="Dockerfile")
    except InputError as exc:
        return [], FileError(shown, 1, _reason(exc)), None
    rules = select_rules(codes)
    notes: list[str] = []
    try:
        df = parse(text, path=shown)
        if fix and dockerfile.is_symlink():
            notes.append(f"{shown}: not fixed: it is a symlink (imgopt never writes through one)")
        elif fix:
            result = apply_fixes(df, unsafe=unsafe_fixes, select=codes, context_dir=ctx_dir)
            if result.text != text:
                write_text(dockerfile, result.text)
                df = parse(result.text, path=shown)
            if result.dockerignore is not None and ctx_dir is not None:
                try:
                    write_text(ctx_dir / ".dockerignore", result.dockerignore)
                except InputError as exc:
                    notes.append(f"{shown}: .dockerignore not written: {exc.message}")
            if result.applied:
                n = len(result.applied)
                notes.append(f"{shown}: applied {n} fix{'es' if n != 1 else ''}")
        return lint(df, context_dir=ctx_dir, rules=rules), None, "\n".join(notes) or None
    except DockerfileParseError as exc:
        return [], FileError(shown, exc.line, exc.detail), "\n".join(notes) or None
    except InputError as exc:  # the fixed file could not be written
        return [], FileError(shown, 1, exc.message), "\n".join(notes) or None


def _targets(
    paths: list[Path], file: str | None, context: Path | None
) -> list[tuple[Path, Path | None]]:
    """(Dockerfile, build context) pairs for the arguments, in order, without duplicates."""
    if not paths:
        paths = [Path(file)] if file else [Path(".")]
        file = None if paths[0].is_file() else file
    out: dict[Path, Path | None] = {}
    for p in paths:
        if p.is_dir():
            if file:
                candidates = [p / file]
            else:
                candidates = find_dockerfiles(p)
                if not candidates:
                    raise InputError(
                        f"no Dockerfile found in {p}",
                        hint="name a file, or use -f to give the Dockerfile's name",
                    )
            for c in candidates:
                out.setdefault(c, context or (p if file else c.parent))
        else:
            # A missing file is reported per file (exit 2) while the others are still checked.
            out.setdefault(p, context or p.parent)
    return list(out.items())


def _display(path: Path) -> str:
    text = str(path)
    return text[2:] if text.startswith("./") else text


def _reason(exc: InputError) -> str:
    """The reader's message without the file name the error line already starts with."""
    message = exc.message
    head, sep, rest = message.partition(": ")
    return rest if sep and head and not head.startswith("cannot") else message
