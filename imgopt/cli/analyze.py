"""``imgopt analyze``: lint, propose, build, measure, verify and report, ending with a
recommendation a person can act on.

Usage::

    imgopt analyze [PATH...] [-f Dockerfile] [--variants NAME,...] [--repeat N] [--out DIR]
                   [--no-build] [--apply] [--keep-images] [--fail-on-findings]
                   [--format text|json|markdown] [--resume]
                   [--engine NAME|URL]... [--builder NAME] [--shard K/N]
                   [--services NAME,...] [--strict-closure | --lenient-closure]

PATH is a build context folder (default: the current folder), a Dockerfile, or a Compose file.
Several PATHs, several engines or ``--shard`` go through the scheduler
(:mod:`imgopt.analyze.many`): each target into ``OUT/<name>/``, on the engine it was placed on;
with fewer targets than engines, a target is split into parts, each engine's a variant at a
time (a Compose file's per service, with ``--services``), each into ``OUT/<name>.part<k>/``.
Results go to stdout and to ``--out`` (default ``imgopt-analysis/``: the run folder, the
proposed Dockerfiles, the report, ``analysis.json``); progress goes to stderr. The JSON schema is
documented in :mod:`imgopt.analyze.render`.

Exit codes: 0 done; 1 findings, with ``--fail-on-findings``; 2 bad input; 3 no engine, or the
original (of any service) does not build. A variant that fails is a result, not an error.
Interrupted (Ctrl-C, SIGTERM, SIGHUP): 128 + the signal's number, with the run cleaned up and
kept; ``--resume`` with the same ``--out`` completes it without redoing finished builds.
"""

from __future__ import annotations

import json
import shlex
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from imgopt.cli.bench import (
    PUSH_ALL_HELP,
    PUSH_HELP,
    TRUST_HELP,
    ClosureRule,
    closure_flag,
)
from imgopt.cli.options import (
    Builder,
    Engines,
    ShardOption,
    builder_kind,
    selected_engines,
    use_one_engine,
)
from imgopt.errors import ExitCode, InputError, interrupt_exit_code

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from imgopt.analyze.many import ServiceVariants, TargetOutcome
    from imgopt.analyze.model import Analysis
    from imgopt.engine.builders import BuildStep
    from imgopt.engine.client import EngineEndpoint

FORMATS = ("text", "json", "markdown")


def analyze_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Build context folders, Dockerfiles or Compose files (default: this folder); "
            "several are spread over the engines, each into OUT/<name>/.",
            show_default=False,
        ),
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option("-f", "--file", help="The Dockerfile (default: PATH/Dockerfile)."),
    ] = None,
    variants: Annotated[
        str | None,
        typer.Option(
            "--variants",
            metavar="NAME,...",
            help="Only these variants (hygiene, slim-base, multistage, multistage-slim, "
            "distroless, alpine); the original is always built. Default: every one that applies.",
        ),
    ] = None,
    repeat: Annotated[
        int, typer.Option(help="Cold builds and warm rebuilds per variant.", min=1)
    ] = 1,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Output folder: run, proposed Dockerfiles, report, analysis.json "
            "(default: imgopt-analysis). Previous results of imgopt there are replaced.",
        ),
    ] = None,
    no_build: Annotated[
        bool,
        typer.Option(
            "--no-build",
            help="Static analysis only (no engine needed): findings and proposed variants, "
            "nothing built or verified.",
        ),
    ] = False,
    apply: Annotated[
        bool,
        typer.Option(
            "--apply",
            help="Write the recommended Dockerfile beside yours as Dockerfile.imgopt (your "
            "files are never overwritten).",
        ),
    ] = False,
    keep_images: Annotated[
        bool, typer.Option(help="Keep the images built (removed by default).")
    ] = False,
    fail_on_findings: Annotated[
        bool, typer.Option("--fail-on-findings", help="Exit 1 when lint finds anything.")
    ] = False,
    output_format: Annotated[
        str, typer.Option("--format", metavar="text|json|markdown", help="Output on stdout.")
    ] = "text",
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="Complete an interrupted analysis in --out: finished builds are kept, the rest "
            "is built, then the report is written.",
        ),
    ] = False,
    push: Annotated[str | None, typer.Option("--push", metavar="REPO", help=PUSH_HELP)] = None,
    push_all: Annotated[bool, typer.Option("--push-all", help=PUSH_ALL_HELP)] = False,
    trust_spec_limits: Annotated[
        bool, typer.Option("--trust-spec-limits", help=TRUST_HELP)
    ] = False,
    strict_closure: ClosureRule = None,
    engine: Engines = None,
    builder: Builder = "auto",
    shard: ShardOption = None,
    services: Annotated[
        str | None,
        typer.Option(
            "--services",
            metavar="NAME,...",
            help="Only these services of a Compose file (how a project is split over engines).",
        ),
    ] = None,
) -> None:
    """Find a smaller image that still works: lint, propose, build, measure, verify, report."""
    targets = paths or [Path(".")]
    path = targets[0]
    endpoints = selected_engines(engine, builder)
    if len(targets) > 1 or len(endpoints) > 1 or shard is not None:
        if resume:
            raise InputError(
                "--resume completes one target's analysis; with several targets, engines or "
                "--shard, run `imgopt analyze TARGET --out OUT/<name> --resume` for the one to "
                "complete"
            )
        try:
            code = _analyze_many(
                targets, file, variants, repeat, out, no_build, apply, keep_images,
                fail_on_findings, output_format, endpoints, builder, shard, trust_spec_limits,
                push, push_all, services, strict_closure=strict_closure,
            )  # fmt: skip
        except KeyboardInterrupt as exc:  # the children got the signal too and cleaned up
            print(
                "imgopt: interrupted; each target's finished work is kept in its folder under "
                f"{out if out is not None else 'imgopt-analysis'}",
                file=sys.stderr,
            )
            raise typer.Exit(interrupt_exit_code(exc)) from None
        raise typer.Exit(code)
    if endpoints:
        use_one_engine(engine, builder)
    try:
        code = _analyze(
            path, file, variants, repeat, out, no_build, apply, keep_images, fail_on_findings,
            output_format, resume, push=push, push_all=push_all,
            trust_spec_limits=trust_spec_limits, builder=builder_kind(builder)[0],
            services=services, strict_closure=strict_closure,
        )  # fmt: skip
    except KeyboardInterrupt as exc:  # Ctrl-C, SIGTERM, SIGHUP: the bench cleaned up
        where = out if out is not None else Path("imgopt-analysis")
        again = ["imgopt", "analyze", str(path)]
        if file is not None:
            again += ["-f", str(file)]
        if variants is not None:
            again += ["--variants", variants]
        if repeat != 1:
            again += ["--repeat", str(repeat)]
        again += closure_flag(strict_closure)  # the rule asked for, if any
        again += ["--out", str(where), "--resume"]
        print(
            f"imgopt: interrupted; what finished is kept in {where}; "
            f"`{shlex.join(again)}` completes it",
            file=sys.stderr,
        )
        raise typer.Exit(interrupt_exit_code(exc)) from None
    raise typer.Exit(code)


def _analyze(
    path: Path,
    file: Path | None,
    variants: str | None,
    repeat: int,
    out: Path | None,
    no_build: bool,
    apply: bool,
    keep_images: bool,
    fail_on_findings: bool,
    output_format: str,
    resume: bool = False,
    *,
    push: str | None = None,
    push_all: bool = False,
    trust_spec_limits: bool = False,
    builder: str = "auto",
    services: str | None = None,
    strict_closure: bool | None = None,
) -> int:
    from imgopt.analyze import AnalyzeOptions, analyze
    from imgopt.analyze.render import render_markdown, render_text, to_json

    if output_format not in FORMATS:
        raise InputError(f"--format must be one of {', '.join(FORMATS)}, not {output_format!r}")
    if push is not None:
        from imgopt.bench.publish import check_repo

        check_repo(push)
        if no_build:
            raise InputError("--push needs the variants built and verified; drop --no-build")
    elif push_all:
        raise InputError("--push-all needs --push REPO")
    names = None
    if variants is not None:
        names = tuple(n.strip() for n in variants.split(",") if n.strip())
    options = AnalyzeOptions(
        out=out,
        variants=names,
        repeat=repeat,
        build=not no_build,
        keep_images=keep_images or push is not None,  # --push removes them once pushed
        apply=apply,
        resume=resume,
        trust_spec_limits=trust_spec_limits,
        builder=builder,
        services=_names(services),
        strict_closure=strict_closure,
    )
    with _Progress() as progress:
        result = analyze(path, file, options, progress)
    if push is not None:
        _push(result, push, push_all, keep_images)
    if output_format == "json":
        typer.echo(json.dumps(to_json(result), indent=2))
    elif output_format == "markdown":
        typer.echo(render_markdown(result), nl=False)
    else:
        typer.echo(render_text(result), nl=False)
    for t in result.failed:
        print(f"imgopt: error: {t.target.name}: {t.error}", file=sys.stderr)
    if result.failed:
        return ExitCode.ENGINE
    if fail_on_findings and result.findings:
        n = len(result.findings)
        print(f"imgopt: {n} finding{'s' if n != 1 else ''} (--fail-on-findings)", file=sys.stderr)
        return ExitCode.FINDINGS
    return ExitCode.OK


def _analyze_many(
    paths: list[Path],
    file: Path | None,
    variants: str | None,
    repeat: int,
    out: Path | None,
    no_build: bool,
    apply: bool,
    keep_images: bool,
    fail_on_findings: bool,
    output_format: str,
    endpoints: list[EngineEndpoint],
    builder: str,
    shard: str | None,
    trust_spec_limits: bool,
    push: str | None,
    push_all: bool,
    services: str | None = None,
    *,
    strict_closure: bool | None = None,
) -> int:
    """Several targets, several engines or a shard: :func:`imgopt.analyze.many.analyze_many`."""
    from imgopt.analyze.many import ChildOptions, analyze_many
    from imgopt.schedule import parse_shard

    if file is not None:
        raise InputError(
            "-f/--file names the Dockerfile of one target; with several, give each Dockerfile "
            "as a PATH"
        )
    if output_format not in FORMATS:
        raise InputError(f"--format must be one of {', '.join(FORMATS)}, not {output_format!r}")
    part = parse_shard(shard) if shard is not None else None
    args: list[str] = ["--repeat", str(repeat), "--builder", builder_kind(builder)[0]]
    args += ["--variants", variants] if variants is not None and part is None else []
    for flag, on in (
        ("--no-build", no_build),
        ("--apply", apply),
        ("--keep-images", keep_images),
        ("--fail-on-findings", fail_on_findings),
        ("--trust-spec-limits", trust_spec_limits),
        ("--push-all", push_all),
    ):
        args += [flag] if on else []
    args += closure_flag(strict_closure)
    args += ["--push", push] if push is not None else []
    args += ["--services", services] if services is not None else []
    names = None
    together: Callable[[Path], list[str]] | None = None
    by_service: Callable[[Path], list[ServiceVariants]] | None = None
    # A target split over engines recommends once per part: --apply would write one
    # Dockerfile.imgopt per part over the other's, --push push several "recommended" variants.
    split = len(endpoints) > len(paths) and not (apply or no_build) and push is None
    if part is not None or split:  # variants split by job or by engine
        names = _variant_names(variants)
    if part is not None or split:  # a Compose file: by service and variant
        by_service = _service_plans(variants, services)
    if part is None and split:
        together = _variant_names(variants, evidence=True)
    outcomes = analyze_many(
        paths,
        endpoints,
        out,
        ChildOptions(tuple(args)),
        shard=part,
        variant_names=names,
        service_plans=by_service,
        together=together,
    )
    if output_format == "json":
        typer.echo(json.dumps([o.to_dict() for o in outcomes], indent=2))
    else:
        typer.echo("\n".join(outcome_lines(outcomes)))
    codes = {o.exit_code for o in outcomes}
    for code in (ExitCode.ENGINE, ExitCode.USAGE, ExitCode.FINDINGS):
        if code in codes:
            return int(code)
    return max(codes, default=0)


def _names(text: str | None) -> tuple[str, ...] | None:
    """``a, b`` as ``("a", "b")``; None stays None."""
    return None if text is None else tuple(n.strip() for n in text.split(",") if n.strip())


def _variant_names(only: str | None, *, evidence: bool = False) -> Callable[[Path], list[str]]:
    """A target's planned variant names (to split one target's variants between shards); with
    ``evidence``, those the built original's evidence rewrites (analysed together)."""

    def names(path: Path) -> list[str]:
        from imgopt.analyze.many import evidence_variants, planned_variants

        wanted = None if only is None else tuple(n.strip() for n in only.split(",") if n.strip())
        return (evidence_variants if evidence else planned_variants)(path, wanted)

    return names


def _service_plans(
    only: str | None, services: str | None
) -> Callable[[Path], list[ServiceVariants]]:
    """A Compose file's services (``--services``' when given) and each one's planned variants
    (to split a Compose project between engines by service and variant); none for any other
    target."""

    def plans(path: Path) -> list[ServiceVariants]:
        from imgopt.analyze.many import compose_plan

        return compose_plan(path, _names(only), _names(services))

    return plans


def _push(result: Analysis, repo: str, push_all: bool, keep_images: bool) -> None:
    """``--push``: each analysed Dockerfile's recommended variant (every verified one with
    ``--push-all``) goes to REPO:<variant>; sizes are compared with the registry's manifest."""
    import functools

    from imgopt.bench.publish import publish, pushable

    say = functools.partial(print, file=sys.stderr)
    for t in result.targets:
        if t.bench is None:
            continue
        if push_all:
            names = [n for n, (_, ok) in pushable(t.out).items() if ok is not False]
        else:
            pick = t.recommendation.smallest if t.recommendation is not None else None
            names = [pick.name] if pick is not None else []
        publish(t.out, repo, names, remove_after=not keep_images, say=say)


class _Progress:
    """Progress on stderr: a line per stage, and the bench's bars per build (rich)."""

    def __init__(self) -> None:
        from imgopt.cli.bench import _Progress as BenchProgress

        self._bench = BenchProgress()
        self._target = ""
        self._started = time.perf_counter()

    def __enter__(self) -> _Progress:
        self._bench.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._bench.__exit__(*exc)

    def _say(self, text: str) -> None:
        elapsed = time.perf_counter() - self._started
        self._bench.phase(f"[{elapsed:5.0f} s] {text}")

    def stage_started(self, target: str, stage: str) -> None:
        self._target = target
        if stage == "bench":
            self._say(f"{target}: building, measuring and verifying each variant")

    def stage_finished(self, target: str, stage: str, seconds: float, summary: str) -> None:
        self._say(f"{target}: {stage}: {summary} ({seconds:.1f} s)")

    def build_started(self, variant: str, kind: str, repetition: int, repeat: int) -> None:
        self._bench.build_started(f"{self._target}: {variant}", kind, repetition, repeat)

    def build_step(self, step: BuildStep, done: int, total: int) -> None:
        self._bench.build_step(step, done, total)

    def build_finished(self, seconds: float | None, error: str | None) -> None:
        self._bench.build_finished(seconds, error)

    def phase(self, message: str) -> None:
        self._bench.phase(f"{self._target}: {message}" if self._target else message)


def outcome_lines(outcomes: Sequence[TargetOutcome]) -> list[str]:
    """The table of several targets' analyses: one line per target (per part of a target split
    over engines, each naming the target's one pick and, when it differs, the part's own)."""
    lines = [f"{'target':32} {'engine':24} {'exit':>4}  recommended  (results in)"]
    for o in outcomes:
        again = f" (after {', '.join(o.attempts[:-1])})" if len(o.attempts) > 1 else ""
        own = (
            f" (this part alone: {o.part_recommended or '-'})"
            if o.split and o.part_recommended != o.recommended
            else ""
        )
        lines.append(
            f"{o.path!s:32} {o.engine + again:24} {o.exit_code:4}  "
            f"{o.recommended or '-'}{own}  ({o.folder})"
        )
    return lines
