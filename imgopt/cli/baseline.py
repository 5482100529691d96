"""``imgopt baseline save IMAGE|PATH -o FILE``: record an image as the gate's baseline.

The file is small JSON meant to be committed next to the Dockerfile (:mod:`imgopt.gate.baseline`
describes it): total, compressed and per-layer sizes with the instruction of each layer, waste
figures, and, when imgopt built the image, the builder, the engine and the build time together
with the machine it ran on (build times only compare on that machine).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from imgopt.cli import options

baseline_app = typer.Typer(
    name="baseline",
    help="Record an image's sizes as the gate's baseline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@baseline_app.command("save")
def save(
    target: Annotated[
        str,
        typer.Argument(
            metavar="IMAGE|PATH",
            help="An image in the local engine, or a build context (or Dockerfile) to build.",
        ),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="The baseline file to write.")],
    dockerfile: Annotated[
        Path | None,
        typer.Option("-f", "--file", help="The Dockerfile (to build, or that built IMAGE)."),
    ] = None,
    build_target: options.BuildTarget = None,
    build_arg: options.BuildArgs = None,
    builder: options.Builder = "auto",
    no_cache: options.NoCache = False,
    label: options.Labels = None,
    tag: options.Tag = None,
) -> None:
    """Measure an image (building a PATH first) and write it as a baseline file."""
    _save(target, output, dockerfile, build_target, build_arg or [], builder, no_cache,
          label or [], tag)  # fmt: skip


def _save(
    target: str,
    output: Path,
    dockerfile: Path | None,
    build_target: str | None,
    build_arg: list[str],
    builder: str,
    no_cache: bool,
    label: list[str],
    tag: str | None,
) -> None:
    from imgopt.gate.baseline import check_output

    check_output(output)  # a folder, a symlink: refused before anything is built

    from imgopt.cli.gate import measure_subject, resolve_subject
    from imgopt.gate.baseline import write_baseline
    from imgopt.results import units

    subject = resolve_subject(target, dockerfile)
    build_args = options.pairs(build_arg, "--build-arg")
    record, _ = measure_subject(
        subject,
        target=build_target,
        build_args=build_args,
        builder_name=builder,
        no_cache=no_cache,
        labels=options.pairs(label, "--label"),
        compressed=True,
        waste=True,
        tag=tag,
    )
    path = write_baseline(record, output, secrets=build_args.values())
    compressed = (
        f", {units.size(record.compressed_bytes)} compressed"
        if record.compressed_bytes is not None
        else ""
    )
    built = f", built in {record.build.seconds:.1f} s" if record.build is not None else ""
    print(
        f"imgopt: baseline of {record.ref}: {units.size(record.size_bytes)}{compressed}, "
        f"{record.layer_count} layers{built} -> {path}",
        file=sys.stderr,
    )
    typer.echo(str(path))
