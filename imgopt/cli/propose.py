"""``imgopt propose``: write every variant of a Dockerfile, a diff of each, and a summary."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from imgopt.errors import InputError

if TYPE_CHECKING:
    from imgopt.variants import ImageAvailable, Plan


def resolve_inputs(path: Path, dockerfile: Path | None) -> tuple[Path, Path]:
    """(Dockerfile, context) for ``PATH [-f Dockerfile]`` as ``docker build`` reads them.

    PATH is the build context (a folder) or a Dockerfile (its folder is the context). ``-f`` is
    taken as given, then relative to the context.

    Raises:
        InputError: the path or the Dockerfile does not exist.
    """
    if not path.exists():
        raise InputError(f"{path}: no such file or directory")
    if path.is_file():
        if dockerfile is not None:
            raise InputError(f"{path} is a file; give the build context folder with -f")
        return path, path.parent
    if dockerfile is None:
        found = path / "Dockerfile"
    elif dockerfile.exists():
        found = dockerfile
    else:
        found = path / dockerfile
    if not found.is_file():
        raise InputError(f"{found}: no such Dockerfile")
    return found, path


def engine_availability() -> ImageAvailable | None:
    """``image_available`` asking the engine, then the registries it uses; None without an
    engine (see :func:`imgopt.analyze.pipeline.engine_image_available`)."""
    from imgopt.analyze.pipeline import engine_image_available

    return engine_image_available()


def write_plan(plan: Plan, out: Path, *, dockerfile_name: str = "Dockerfile") -> dict[str, Any]:
    """Write ``out/<variant>/Dockerfile`` (+ ``.dockerignore`` and ``Dockerfile.dockerignore``,
    which BuildKit reads next to a ``-f`` Dockerfile), ``out/<variant>.diff`` and
    ``out/summary.json``; return the summary.

    ``out`` must be new, empty, or written by imgopt before (its marker lists what it wrote,
    and only that is replaced: :class:`imgopt.userfiles.OutFolder`), so the user's files are
    never overwritten. A variant skipped only because an image is missing still gets its
    Dockerfile written (under its name, marked in the summary) so it can be built where the
    image exists. Diffs show secret-looking ARG/ENV values redacted.

    Raises:
        InputError: ``out`` is a file, holds files imgopt did not write, or cannot be written.
    """
    from imgopt.rules.img702_secret_defaults import redact_secrets
    from imgopt.userfiles import writing_into

    summary = plan.to_dict()
    with writing_into(out, "propose", option="-o") as folder:
        for v in plan.variants:
            d = out / v.name
            folder.write_text(d / "Dockerfile", v.dockerfile)
            if v.dockerignore is not None:
                folder.write_text(d / ".dockerignore", v.dockerignore)
                folder.write_text(d / "Dockerfile.dockerignore", v.dockerignore)
            diff = v.diff(plan.original, path=dockerfile_name)
            folder.write_text(out / f"{v.name}.diff", redact_secrets(diff))
        for s in plan.skipped:
            if s.dockerfile is not None:
                folder.write_text(out / s.name / "Dockerfile.not-buildable-here", s.dockerfile)
        folder.write_text(out / "summary.json", json.dumps(summary, indent=2) + "\n")
    return summary


def render_text(plan: Plan, out: Path) -> str:
    """The short human summary: each variant's changes, each skipped variant's reason."""
    lines = [f"{plan.path or 'Dockerfile'}: {len(plan.variants)} variants in {out}"]
    for v in plan.variants:
        if v.name == "original":
            lines.append("  original      the Dockerfile as given")
            continue
        extra = " + .dockerignore" if v.dockerignore is not None else ""
        lines.append(f"  {v.name:<13} {v.safety} changes{extra}: {out / v.name / 'Dockerfile'}")
        for c in v.changes:
            where = f"line {c.lines[0]}" if c.lines else "new"
            if c.lines and c.lines[1] != c.lines[0]:
                where = f"lines {c.lines[0]}-{c.lines[1]}"
            lines.append(f"      {c.source:<14} {where:<12} {c.title}")
        lines.extend(f"      note: {n}" for n in v.notes)
    for s in plan.skipped:
        lines.append(f"  {s.name:<13} skipped: {s.reason}")
    return "\n".join(lines) + "\n"


def propose(
    path: Annotated[Path, typer.Argument(help="Build context folder, or a Dockerfile.")],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Folder to write the variants to.")
    ],
    file: Annotated[
        Path | None, typer.Option("-f", "--file", help="The Dockerfile (default: PATH/Dockerfile).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="Summary on stdout: text or json.")] = "text",
    check_images: Annotated[
        bool,
        typer.Option(
            "--check-images/--no-check-images",
            help="Ask the engine, and the registries it uses, which images exist (variants "
            "needing one that no registry has are reported as not buildable here).",
        ),
    ] = True,
) -> None:
    """Propose smaller variants of a Dockerfile: one Dockerfile, diff and summary per variant."""
    from imgopt.variants import plan_file
    from imgopt.variants.strategies.slim_base import carry_known_lacks

    if fmt not in ("text", "json"):
        raise InputError(f"unknown format {fmt!r}; choose text or json")
    dockerfile, context = resolve_inputs(path, file)
    available = engine_availability() if check_images else None
    plan = plan_file(dockerfile, context_dir=context, image_available=available)
    plan = carry_known_lacks(plan)  # no built original shows what the app reads: what is known
    summary = write_plan(plan, output, dockerfile_name=dockerfile.name)
    if fmt == "json":
        typer.echo(json.dumps(summary, indent=2))
    else:
        typer.echo(render_text(plan, output), nl=False)
