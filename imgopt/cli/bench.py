"""``imgopt bench``: build every variant for real, measure, verify, and summarise.

Usage::

    imgopt bench PATH [-f Dockerfile]... [--variants DIR] [--repeat N] [--out DIR] [--resume]
                 [--keep-images] [--format text|json] [--builder auto|buildkit|classic]
                 [--build-arg K=V]... [--target STAGE] [--secret id=X,src=F]...
                 [--no-warm] [--no-verify] [--push REPO [--push-all]]
                 [--strict-closure | --lenient-closure]

PATH is the build context (or a Dockerfile, whose folder is the context). Each ``-f`` adds a
variant named after its file (the parent folder's name when file names repeat); the first is the
original. ``--variants DIR`` adds every ``DIR/*/Dockerfile`` (what ``imgopt propose`` writes),
named after its folder. Progress goes to stderr; the summary to stdout.

JSON output (``--format json``), schema ``imgopt.bench/1`` (stable: fields are only ever added)::

    {
      "schema": "imgopt.bench/1",
      "run_id": "20260101-120000-ab12cd",
      "run_dir": "imgopt-runs/20260101-120000-ab12cd",   # load with imgopt.bench.results.load_run
      "status": "complete",                              # complete | interrupted | failed
      "builder": "buildkit",                             # buildkit | classic
      "recommended": "slim" | null,    # the smallest verified variant (imgopt.results.recommend):
                                       # never a broken or unverified one (null with --no-verify)
      "variants": [
        {
          "name": "Dockerfile",            # unique; the first variant is the original
          "dockerfile": "app/Dockerfile",
          "original": true,
          "image_id": "sha256:..." | null,  # the measured (first cold) build's image
          "size_bytes": 123,               # total uncompressed (docker images)
          "compressed_bytes": 45,          # sum of the layers' gzip sizes (registry storage)
          "layers": 7,
          "own_size_bytes": 100,           # the Dockerfile's own layers (above the base image)
          "own_compressed_bytes": 40,
          "base_image": "python:3.11-slim" | null,
          "cold_build_s": 12.3,            # median of the cold builds (no cache)
          "cold_build_min_s": 12.0, "cold_build_max_s": 13.1,
          "warm_build_s": 2.1,             # median of the warm rebuilds (one source line changed)
          "warm_build_min_s": 2.0, "warm_build_max_s": 2.4,
          "builds": 6,                     # build rows recorded
          "efficiency": 0.98,              # dive's efficiency score
          "wasted_bytes": 1234,            # dive's wasted bytes
          "recoverable_bytes": 1000,       # bytes hidden by a later layer (all layers)
          "recoverable_own_bytes": 900,    # ... of which in the Dockerfile's own layers
          "verified": true | false | null, # smoke checks passed (and, for a variant, answered
                                           # like the original); null when --no-verify
          "verify_reason": null | "index: status 500, the original answered 200",
          "error": null | "Dockerfile: build failed at step `RUN make`: exit code: 2",
          "proof": null | "5 HTTP probes, 0 commands, 4 closure files (8.6 MB), dependencies
                           started: none",   # what verification checked (imgopt.verify.Proof)
          "closure_files": 4 | null,       # the original's runtime file closure: files ...
          "closure_bytes": 8641597 | null, # ... and bytes
          "closure_bytes_here": 6644212 | null  # the bytes of it this variant's image holds
        }
      ]
    }

With ``--push REPO``, a ``"pushed"`` list follows: per pushed variant its ``ref``, ``digest``,
``reported_compressed_bytes`` (imgopt's), ``registry_compressed_bytes`` (the manifest's layer
sizes summed), their relative ``difference`` and the per-layer figures
(:class:`imgopt.bench.publish.Pushed`).

Times are seconds, sizes bytes; a figure that was not measured is null.
"""

from __future__ import annotations

import functools
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from imgopt.cli.options import BuildArgs, Builder, BuildTarget, Engines, pairs, use_one_engine
from imgopt.errors import InputError, interrupt_exit_code

if TYPE_CHECKING:
    from imgopt.bench.runner import BenchResult, Variant, VariantSummary
    from imgopt.engine.builders import BuildStep
    from imgopt.results.recommend import Candidate
    from imgopt.results.tables import Table

SCHEMA = "imgopt.bench/1"
PUSH_HELP = (
    "After verification, push the recommended variant to REPO:<variant> with the engine's "
    "credentials (docker login), then compare the compressed sizes imgopt reported with the "
    "layer sizes in the registry's manifest."
)
PUSH_ALL_HELP = "With --push: push every variant that built and passed verification."
TRUST_HELP = (
    "Let the app's smoke.toml lift limits beyond imgopt's ceilings (memory, pids, CPUs, "
    'timeouts, capabilities "default"): only for a repository you trust.'
)
CLOSURE_HELP = (
    "The closure rule. Default (--strict-closure, or \\[closure] strict = true in smoke.toml): "
    "the literal rule, a variant fails when it lacks any file the original opened, or holds "
    "another content for one the Dockerfile's own layers added, but for what is not a loss (a "
    ".pyc with its .py, /etc/ld.so.cache, a moved file, the same library elsewhere, a shared "
    "library where nothing can load it). imgopt analyze makes its variants carry the small "
    "files a slimmer base lacks (/etc/ssl/openssl.cnf, *.pth hooks). --lenient-closure (or "
    "strict = false): the required-files rule, a variant fails only when it lacks the app's own "
    "files, what the Dockerfile put in the app's folders, a program the original ran or runtime "
    "code; other files it lacks are named with why, not failed. The flag wins over smoke.toml."
)
#: ``--strict-closure/--lenient-closure``: None when neither is given (the spec decides, else
#: the literal rule; :func:`imgopt.verify.closure.strict_rule`).
ClosureRule = Annotated[
    bool | None,
    typer.Option("--strict-closure/--lenient-closure", help=CLOSURE_HELP, show_default=False),
]


def closure_flag(strict: bool | None) -> list[str]:
    """The command-line flag that asks for ``strict`` (:data:`ClosureRule`): none for None."""
    if strict is None:
        return []
    return ["--strict-closure" if strict else "--lenient-closure"]


def bench(
    path: Annotated[Path, typer.Argument(help="Build context folder (or a Dockerfile).")],
    dockerfile: Annotated[
        list[Path] | None,
        typer.Option(
            "-f",
            "--file",
            help="A Dockerfile to benchmark; repeat for variants (the first is the original).",
        ),
    ] = None,
    variants_dir: Annotated[
        Path | None,
        typer.Option("--variants", help="A folder of variants: every DIR/*/Dockerfile."),
    ] = None,
    repeat: Annotated[int, typer.Option(help="Cold and warm builds per variant.", min=1)] = 3,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Run folder (default imgopt-runs/<run id>).")
    ] = None,
    resume: Annotated[
        bool, typer.Option(help="Complete the run in --out without redoing finished builds.")
    ] = False,
    keep_images: Annotated[
        bool, typer.Option(help="Keep the images the run built (removed by default).")
    ] = False,
    output_format: Annotated[
        str, typer.Option("--format", help="Summary on stdout: text or json.")
    ] = "text",
    builder: Builder = "auto",
    build_arg: BuildArgs = None,
    target: BuildTarget = None,
    secret: Annotated[
        list[str] | None,
        typer.Option("--secret", help="id=NAME,src=FILE or id=NAME,env=VAR (values never kept)."),
    ] = None,
    warm: Annotated[bool, typer.Option(help="Run warm rebuilds.")] = True,
    verify: Annotated[bool, typer.Option(help="Run the smoke checks.")] = True,
    push: Annotated[str | None, typer.Option("--push", metavar="REPO", help=PUSH_HELP)] = None,
    push_all: Annotated[bool, typer.Option("--push-all", help=PUSH_ALL_HELP)] = False,
    trust_spec_limits: Annotated[
        bool, typer.Option("--trust-spec-limits", help=TRUST_HELP)
    ] = False,
    strict_closure: ClosureRule = None,
    engine: Engines = None,
) -> None:
    """Build each variant for real: sizes, compressed sizes, build times, waste, verification."""
    builder = use_one_engine(engine, builder)  # --engine, --builder NAME, [run] in imgopt.toml
    _bench(
        path, dockerfile or [], variants_dir, repeat, out, resume, keep_images, output_format,
        builder, build_arg or [], target, secret or [], warm, verify, push=push, push_all=push_all,
        trust_spec_limits=trust_spec_limits, strict_closure=strict_closure,
    )  # fmt: skip


def _bench(
    path: Path,
    dockerfile: list[Path],
    variants_dir: Path | None,
    repeat: int,
    out: Path | None,
    resume: bool,
    keep_images: bool,
    output_format: str,
    builder: str,
    build_arg: list[str],
    target: str | None,
    secret: list[str],
    warm: bool,
    verify: bool,
    *,
    push: str | None = None,
    push_all: bool = False,
    trust_spec_limits: bool = False,
    strict_closure: bool | None = None,
) -> None:
    from imgopt.bench.runner import BenchOptions, BenchRun
    from imgopt.engine.builders import SecretSpec

    if output_format not in ("text", "json"):
        raise InputError(f"--format must be text or json, not {output_format!r}")
    if push is not None:
        from imgopt.bench.publish import check_repo

        check_repo(push)
    elif push_all:
        raise InputError("--push-all needs --push REPO")
    if resume and out is None:
        raise InputError("--resume needs --out naming the run folder to complete")
    variants = collect_variants(path, dockerfile, variants_dir)
    options = BenchOptions(
        repeat=repeat,
        warm=warm,
        keep_images=keep_images or push is not None,  # --push removes them once pushed
        builder=builder,
        build_args=pairs(build_arg, "--build-arg"),
        target=target,
        secrets=tuple(SecretSpec.parse(s) for s in secret),
        verify=verify,
        trust_spec_limits=trust_spec_limits,
        strict_closure=strict_closure,
    )
    run = BenchRun(variants, options, out, resume=resume)
    try:
        with _Progress() as progress:
            from imgopt.bench.publish import pull_bases

            pull_bases([v.dockerfile for v in variants], options.build_args, progress.phase)
            run.observer = progress
            result = run.run()
    except KeyboardInterrupt as exc:  # Ctrl-C, SIGTERM, SIGHUP: cleaned up by the run
        if (run.folder.path / "run.json").is_file():
            print(
                f"imgopt: interrupted; the run in {run.folder.path} is kept and can be completed "
                f"with the same command plus `--out {run.folder.path} --resume`",
                file=sys.stderr,
            )
        else:
            print("imgopt: interrupted before anything was written", file=sys.stderr)
        raise typer.Exit(interrupt_exit_code(exc)) from None
    pushed: list[dict[str, Any]] = []
    if push is not None:
        from imgopt.bench.publish import publish

        built = [v.name for v in result.variants if v.image_id and v.verified is not False]
        names = built if push_all else [n for n in [result.recommended] if n]
        say = functools.partial(print, file=sys.stderr)
        done = publish(result.run_dir, push, names, remove_after=not keep_images, say=say)
        pushed = [p.to_json() for p in done]
    if output_format == "json":
        typer.echo(json.dumps(to_json(result) | ({"pushed": pushed} if push else {}), indent=2))
    else:
        _print_table(result)


def collect_variants(
    path: Path, dockerfiles: list[Path], variants_dir: Path | None
) -> list[Variant]:
    """The variants of a bench invocation (see the module docs).

    Raises:
        InputError: missing paths.
    """
    from imgopt.bench.runner import make_variants

    if not path.exists():
        raise InputError(f"{path}: no such file or directory")
    if path.is_file():
        if dockerfiles:
            raise InputError(f"{path} is a file; give the build context folder with -f")
        context, files = path.parent, [path]
    else:
        context = path
        files = [f if f.exists() else path / f for f in dockerfiles] or [path / "Dockerfile"]
    if variants_dir is not None:
        if not variants_dir.is_dir():
            raise InputError(f"--variants {variants_dir}: not a folder")
        for sub in sorted(p for p in variants_dir.iterdir() if (p / "Dockerfile").is_file()):
            candidate = sub / "Dockerfile"
            if sub.name == "original" or any(_same_file(candidate, f) for f in files):
                continue
            files.append(candidate)
    names = _names(files)
    return make_variants(context, files, names)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def _names(files: list[Path]) -> list[str]:
    """File names; the parent folder's name for a file name that repeats."""
    counts: dict[str, int] = {}
    for f in files:
        counts[f.name] = counts.get(f.name, 0) + 1
    names: list[str] = []
    for i, f in enumerate(files):
        name = f.name if counts[f.name] == 1 or i == 0 else (f.parent.name or f.name)
        while name in names:
            name = f"{name}-{i + 1}"
        names.append(name)
    return names


def to_json(result: BenchResult) -> dict[str, Any]:
    """The ``--format json`` object (schema in the module docs)."""
    return {
        "schema": SCHEMA,
        "run_id": result.run_id,
        "run_dir": str(result.run_dir),
        "status": result.status,
        "builder": result.builder,
        "recommended": result.recommended,
        "variants": [asdict(v) for v in result.variants],
    }


def summary_table(result: BenchResult) -> Table:
    """The per-variant summary, every figure written by :mod:`imgopt.results.units`."""
    from imgopt.results import units
    from imgopt.results.tables import Table

    headers = (
        *("variant", "size", "compressed", "app's files", "layers", "cold build", "warm build"),
        *("efficiency", "wasted", "recoverable", "verified"),
    )
    rows = []
    for v in result.variants:
        name = v.name + (" (original)" if v.original else "")
        if v.name == result.recommended:
            name += " *"
        rows.append(
            (
                name,
                units.mb(v.size_bytes),
                units.mb(v.compressed_bytes),
                units.mb(v.closure_bytes_here),
                units.MISSING if v.layers is None else str(v.layers),
                units.seconds_range(v.cold_build_s, v.cold_build_min_s, v.cold_build_max_s),
                units.seconds_range(v.warm_build_s, v.warm_build_min_s, v.warm_build_max_s),
                units.percent(v.efficiency),
                units.mb(v.wasted_bytes),
                units.mb(v.recoverable_own_bytes),
                {True: "yes", False: "no (broken)", None: "not checked"}[v.verified],
            )
        )
    return Table(headers, tuple(rows), ("l",) + ("r",) * 9 + ("l",))


def _absent_lines(run_dir: Path) -> dict[str, str]:
    """Per variant, the first closure files it lacks but does not need, with why, as its proof
    in run.json records them (:func:`imgopt.verify.verifier.recorded_absent_line`)."""
    from imgopt.verify.verifier import recorded_absent_line

    try:
        meta = json.loads((run_dir / "run.json").read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    table = meta.get("verification") if isinstance(meta, dict) else None
    out: dict[str, str] = {}
    for name, proof in (table or {}).items():
        line = recorded_absent_line(proof) if isinstance(proof, dict) else None
        if line is not None:
            out[str(name)] = line
    return out


def _print_table(result: BenchResult) -> None:
    from imgopt.results.recommend import nothing_reason
    from imgopt.results.tables import text

    title = f"imgopt bench · run {result.run_id} · {result.builder}"
    lines = [text(summary_table(result), title=title)]
    absent = _absent_lines(result.run_dir)
    for v in result.variants:
        if v.error or v.verified is False:
            lines.append(f"  {v.name}: broken: {v.error or v.verify_reason}\n")
        elif v.verified and v.proof:
            lines.append(f"  {v.name}: checked: {v.proof}\n")
            if v.name in absent:
                lines.append(f"    {absent[v.name]}\n")
    original = next((v for v in result.variants if v.original), None)
    pick = next((v for v in result.variants if v.name == result.recommended), None)
    if pick is not None:
        lines.append(f"  * recommended: {pick.name}{_proof(pick, original)}\n")
        if result.kept is not None:
            # Kept although a verified variant is smaller: the gain is below the minimum.
            lines.append(f"  {result.kept}\n")
    else:
        lines.append(f"  {nothing_reason([_candidate(v) for v in result.variants])}\n")
    lines.append(f"  run folder: {result.run_dir}\n")
    sys.stdout.write("".join(lines))


def _proof(v: VariantSummary, original: VariantSummary | None) -> str:
    """`` (checked: ...; the app touched 6.6 MB of this 8.4 MB image (8.6 MB of the
    original's 922.3 MB))``: what the pick's verification checked (:func:`units.proof`)."""
    from imgopt.results import units

    theirs = None
    if original is not None and original is not v:
        theirs = (original.closure_bytes_here, original.size_bytes)
    words = units.proof(v.proof, v.closure_bytes_here, v.size_bytes, theirs)
    return f" ({words})" if words else ""


def _candidate(v: VariantSummary) -> Candidate:
    from imgopt.results.recommend import Candidate

    return Candidate(
        name=v.name,
        size_bytes=v.size_bytes,
        compressed_bytes=v.compressed_bytes,
        cold_s=v.cold_build_s,
        verified=v.verified,
        error=v.error,
        verify_reason=v.verify_reason,
    )


class _Progress:
    """Rich progress bars on stderr, one per build (the runner's Observer)."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        console = Console(file=sys.stderr)
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total} steps"),
            TimeElapsedColumn(),
            console=console,
            transient=False,
            disable=not console.is_terminal,
        )
        self._console = console
        self._task: Any = None

    def __enter__(self) -> _Progress:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def build_started(self, variant: str, kind: str, repetition: int, repeat: int) -> None:
        label = f"{variant} {kind} {repetition + 1}/{repeat}"
        self._task = self._progress.add_task(label, total=None)

    def build_step(self, step: BuildStep, done: int, total: int) -> None:
        if self._task is not None:
            self._progress.update(self._task, completed=done, total=max(total, done) or None)

    def build_finished(self, seconds: float | None, error: str | None) -> None:
        if self._task is None:
            return
        task = self._task
        self._task = None
        current = self._progress.tasks[-1]
        description = current.description
        state = "interrupted" if error == "interrupted" else "failed"
        if error:
            self._progress.update(task, description=f"{description} [red]{state}[/red]")
        else:
            total = current.total or current.completed or 1
            self._progress.update(
                task, completed=total, total=total, description=f"{description} {seconds:.1f}s"
            )
        self._progress.stop_task(task)
        if not self._console.is_terminal:
            state = state if error else f"{seconds:.1f}s"
            print(f"imgopt: {description}: {state}", file=sys.stderr)

    def phase(self, message: str) -> None:
        if self._console.is_terminal:
            self._progress.console.log(message)
        else:
            print(f"imgopt: {message}", file=sys.stderr)
