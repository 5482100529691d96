"""``imgopt gate``: fail CI when an image grows, and say which layer grew and why.

Usage::

    imgopt gate IMAGE|PATH [-f Dockerfile] [--check EXPR]... [--baseline FILE]
                [--baseline-image REF] [--config FILE] [--format text|json|markdown|junit]
                [--output FILE] [--target STAGE] [--build-arg K=V]... [--builder NAME]
                [--no-cache] [--label K=V]... [--tag NAME]

IMAGE is an image in the local engine; PATH a build context folder (or a Dockerfile, whose folder
is the context), built first with BuildKit (or the classic builder). With an IMAGE, ``-f`` names
the Dockerfile it was built from, for instruction names and rule findings.

Checks (``--check``, repeatable; or ``checks = [...]`` under ``[gate]`` in imgopt.toml or
``[tool.imgopt.gate]`` in pyproject.toml; or dive's ``.dive-ci``): see :mod:`imgopt.gate.expr`.

The verdict goes to stdout (or ``--output``); with ``--output`` and a format other than text, the
text verdict goes to stderr too, for the CI log. With ``$GITHUB_STEP_SUMMARY`` set, the Markdown
summary is appended to that file. Exit codes: 0 every check passed (or was skipped), 1 a check
failed, 2 bad configuration, baseline or input, 3 engine or build error.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from imgopt.cli import options
from imgopt.errors import ExitCode, InputError

if TYPE_CHECKING:
    from imgopt.dockerfile import Dockerfile
    from imgopt.gate.record import ImageRecord

TEST_HELP = (
    "A check, repeatable: size:300MB, compressed:120MB, layers:20 (budgets); size:+5%, "
    "size:+20MB, compressed:+5% (growth over the baseline); efficiency:0.9, wasted:50MB, "
    "user-wasted:10% (dive's waste figures); build-time:+10% (only against a baseline built on "
    "this machine, else skipped with a warning). Units: MB = 10^6 bytes, MiB = 2^20 bytes."
)


class Format(StrEnum):
    """Output formats."""

    text = "text"
    json = "json"
    markdown = "markdown"
    junit = "junit"


@dataclass(frozen=True)
class Subject:
    """What to gate: an image in the engine, or a context to build first.

    Attributes:
        image: the image reference, when given ready-made.
        context: the build context, when building.
        dockerfile: the Dockerfile (to build, or to name an image's layers), if any.
        label: how reports name it (the argument as given).
    """

    image: str | None
    context: Path | None
    dockerfile: Path | None
    label: str


def resolve_subject(target: str, dockerfile: Path | None) -> Subject:
    """Tell an image reference from a build context (folder, or Dockerfile) and check the files.

    Raises:
        InputError: a Dockerfile that does not exist.
    """
    path = Path(target)
    if path.is_dir():
        df = dockerfile
        if df is not None and not df.exists():
            df = path / df
        df = df or path / "Dockerfile"
        if not df.is_file():
            raise InputError(f"{df}: no such Dockerfile", hint="give the Dockerfile with -f")
        return Subject(None, path, df, target)
    if path.is_file():
        if dockerfile is not None:
            raise InputError(f"{path} is a file; give the build context folder with -f")
        return Subject(None, path.parent, path, target)
    if dockerfile is not None and not dockerfile.is_file():
        raise InputError(f"{dockerfile}: no such Dockerfile")
    return Subject(target, dockerfile.parent if dockerfile else None, dockerfile, target)


def measure_subject(
    subject: Subject,
    *,
    target: str | None,
    build_args: dict[str, str],
    builder_name: str,
    no_cache: bool,
    labels: dict[str, str],
    compressed: bool,
    waste: bool,
    tag: str | None = None,
) -> tuple[ImageRecord, Dockerfile | None]:
    """Build the subject when it is a context, then measure the image.

    Returns:
        The record and the parsed Dockerfile (None without one, or when it does not parse).

    Raises:
        EngineError: no engine, or the build failed (``BuildError``).
        InputError: no such image.
    """
    from imgopt.bench.sizes import parse_dockerfile
    from imgopt.engine.client import get_client
    from imgopt.gate.measure import measure_image

    get_client()  # fail fast, with exit 3, before any work
    parsed = (
        parse_dockerfile(subject.dockerfile, build_args) if subject.dockerfile is not None else None
    )
    build = None
    ref = subject.image
    if ref is None:
        from imgopt.engine.builders import BuildRequest, get_builder

        assert subject.context is not None
        builder = get_builder(builder_name)
        print(f"imgopt: building {subject.label} with {builder.name}", file=sys.stderr)
        build = builder.build(
            BuildRequest(
                context=subject.context,
                dockerfile=subject.dockerfile,
                tag=tag,
                build_args=build_args,
                target=target,
                labels={"imgopt.run": "gate", **labels},
                no_cache=no_cache,
            )
        )
        ref = build.image_id
    what = "measuring layers" + (" (compressing new layers once)" if compressed else "")
    print(f"imgopt: {what}", file=sys.stderr)
    record = measure_image(
        ref,
        dockerfile=subject.dockerfile,
        parsed=parsed,
        target=target,
        build=build,
        no_cache=no_cache,
        compressed=compressed,
        waste=waste,
        display_ref=subject.label,
        context=subject.context,
    )
    return record, parsed


def gate(
    target: Annotated[
        str,
        typer.Argument(
            metavar="IMAGE|PATH",
            help="An image in the local engine, or a build context (or Dockerfile) to build.",
        ),
    ],
    dockerfile: Annotated[
        Path | None,
        typer.Option(
            "-f", "--file", help="The Dockerfile (to build, or that built IMAGE, for attribution)."
        ),
    ] = None,
    check: Annotated[
        list[str] | None, typer.Option("--check", "-c", metavar="EXPR", help=TEST_HELP)
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option("--baseline", "-b", help="A baseline file (imgopt baseline save)."),
    ] = None,
    baseline_image: Annotated[
        str | None,
        typer.Option(
            "--baseline-image",
            metavar="REF",
            help="Compare with this image (e.g. what main pushed); pulled when not local.",
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="imgopt.toml, pyproject.toml or .dive-ci to read checks from (default: the "
            "first found in the working directory, unless --check is given).",
        ),
    ] = None,
    output_format: Annotated[Format, typer.Option("--format", help="Output format.")] = (
        Format.text
    ),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the verdict here, not stdout.")
    ] = None,
    build_target: options.BuildTarget = None,
    build_arg: options.BuildArgs = None,
    builder: options.Builder = "auto",
    no_cache: options.NoCache = False,
    label: options.Labels = None,
    tag: options.Tag = None,
) -> None:
    """Check an image's size, waste and build time; name the layers that grew."""
    code = _gate(
        target, dockerfile, check or [], baseline, baseline_image, config, output_format,
        output, build_target, build_arg or [], builder, no_cache, label or [], tag,
    )  # fmt: skip
    raise typer.Exit(int(code))


def _gate(
    target: str,
    dockerfile: Path | None,
    checks: list[str],
    baseline: Path | None,
    baseline_image: str | None,
    config: Path | None,
    output_format: Format,
    output: Path | None,
    build_target: str | None,
    build_arg: list[str],
    builder: str,
    no_cache: bool,
    label: list[str],
    tag: str | None,
) -> ExitCode:
    from imgopt.gate.attribution import Attributor
    from imgopt.gate.baseline import load_baseline
    from imgopt.gate.config import resolve_config
    from imgopt.gate.render import get_renderer
    from imgopt.gate.runner import plan, run_gate

    # Everything that can be wrong with the configuration is found before the engine is asked.
    settings = resolve_config(checks, config, Path.cwd())
    if baseline is not None and baseline_image is not None:
        raise InputError("give --baseline or --baseline-image, not both")
    baseline_file = baseline or (settings.baseline if baseline_image is None else None)
    base_record = load_baseline(baseline_file) if baseline_file is not None else None
    gate_checks, needs = plan(
        settings.checks, have_baseline=base_record is not None or baseline_image is not None
    )
    build_args = options.pairs(build_arg, "--build-arg")
    labels = options.pairs(label, "--label")
    subject = resolve_subject(target, dockerfile)
    renderer = get_renderer(output_format.value)

    current, parsed = measure_subject(
        subject,
        target=build_target,
        build_args=build_args,
        builder_name=builder,
        no_cache=no_cache,
        labels=labels,
        compressed=needs.compressed,
        waste=needs.waste,
        tag=tag,
    )
    from imgopt.gate.baseline import redact_record

    current = redact_record(current, build_args.values())  # never printed, nor saved
    source = str(baseline_file) if baseline_file is not None else None
    if base_record is not None and baseline_image is None:
        from imgopt.gate.baseline import origin_warning

        origin = origin_warning(base_record, current)
        if origin is not None:
            print(f"imgopt: warning: {source}: {origin}", file=sys.stderr)
    if baseline_image is not None:
        from imgopt.engine.images import ensure_image
        from imgopt.gate.measure import measure_image

        # What main pushed is usually not on the PR job's machine yet: pull it, as `docker pull`.
        ensure_image(baseline_image, progress=lambda line: print(line, file=sys.stderr))
        base_record = measure_image(
            baseline_image, compressed=needs.compressed, waste=False, display_ref=baseline_image
        )
        source = f"image {baseline_image}"
    from imgopt.gate.measure import EngineFiles, rule_findings

    attributor = Attributor(
        current,
        base_record,
        files=EngineFiles(),
        findings=rule_findings(parsed, subject.context) if parsed is not None else None,
    )
    report = run_gate(
        gate_checks, current, base_record, attributor=attributor, baseline_source=source
    )
    for warning in report.warnings:
        print(f"imgopt: warning: {warning}", file=sys.stderr)
    text = renderer.render(report)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        from imgopt.userfiles import write_text

        try:
            output.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot write {output}: {exc.strerror or exc}") from None
        write_text(output, text)
        if output_format != Format.text:
            sys.stderr.write(get_renderer("text").render(report))
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        try:
            with open(summary_file, "a", encoding="utf-8") as fh:
                fh.write(get_renderer("markdown").render(report) + "\n")
        except OSError as exc:
            print(f"imgopt: warning: cannot append to GITHUB_STEP_SUMMARY: {exc}", file=sys.stderr)
    print(
        f"imgopt gate: {report.verdict} ({len(report.results)} checks, "
        f"{sum(1 for r in report.results if r.status == 'FAIL')} failed)",
        file=sys.stderr,
    )
    return ExitCode.OK if report.passed else ExitCode.FINDINGS
