"""The stages of ``imgopt analyze``: lint and propose, bench, report; for one Dockerfile or a
Compose project.

Every Dockerfile is linted and its variants planned first (quick, and bad input fails before
anything is built); then each is benchmarked (:class:`imgopt.bench.runner.BenchRun`: cold and
warm builds, sizes, verification), and the report is written from the run folder
(:mod:`imgopt.report`, whose recommendation is the one this command prints). Nothing here
chooses a variant itself.

A failing variant is a result; an original that does not build stops that Dockerfile's
analysis (recorded in :attr:`TargetAnalysis.error`; a Compose project goes on with the other
services). No engine at all is an :class:`~imgopt.errors.EngineError` before anything is
written, unless nothing is to be built.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from imgopt.analyze.many import earlier_costs, run_in_process
from imgopt.analyze.model import Analysis, BaseImageSize, ImageService, Target, TargetAnalysis
from imgopt.analyze.targets import Source, resolve_source
from imgopt.analyze.workspace import (
    ANALYSIS_FILE,
    DEFAULT_OUT,
    DOCKERFILES_DIR,
    REPORT_DIR,
    ignore_line,
    prepare_out,
    release_out,
    write_json,
    write_plan,
)
from imgopt.bench.runner import QuietObserver as BenchQuietObserver
from imgopt.errors import EngineError, InputError

if TYPE_CHECKING:
    from imgopt.engine.builders import BuildStep
    from imgopt.report import RunData

ImageAvailable = Callable[[str], bool | None]


@dataclass(frozen=True, slots=True)
class AnalyzeOptions:
    """How to analyse.

    Attributes:
        out: the output folder (default :data:`~imgopt.analyze.workspace.DEFAULT_OUT`).
        variants: plan only these variants (``original`` always); None for all.
        repeat: cold and warm builds per variant.
        build: build, measure and verify (False: the static analysis of ``--no-build``).
        keep_images: keep the images the bench built.
        apply: write the recommended Dockerfile beside the original (:mod:`imgopt.analyze.apply`).
        builder: ``auto``, ``buildkit`` or ``classic``.
        report_formats: the report files to write.
        resume: complete the interrupted analysis in ``out`` (finished builds are kept).
        trust_spec_limits: the app's smoke.toml may lift limits beyond imgopt's ceilings.
        strict_closure: the closure rule: True, literal (``--strict-closure``); False, required
            files (``--lenient-closure``); None, as the app's smoke.toml says, else literal
            (:func:`imgopt.verify.closure.strict_rule`).
        services: analyse only these services of a Compose file (a project split over engines,
            :mod:`imgopt.analyze.many`); None for all.
        estimate_cold: build each distinct step once and estimate every variant's cold time
            from its steps (:mod:`imgopt.bench.steps`); False: build every variant cold for
            real, each repetition, as ``imgopt bench`` does (the published benchmark).
    """

    out: Path | None = None
    variants: tuple[str, ...] | None = None
    repeat: int = 1
    build: bool = True
    keep_images: bool = False
    apply: bool = False
    builder: str = "auto"
    report_formats: tuple[str, ...] = ("md", "html")
    resume: bool = False
    trust_spec_limits: bool = False
    services: tuple[str, ...] | None = None
    strict_closure: bool | None = None
    estimate_cold: bool = True


class Observer(Protocol):
    """Receives progress: the stages, and the bench's builds (see
    :class:`imgopt.bench.runner.Observer`)."""

    def stage_started(self, target: str, stage: str) -> None:
        """A stage (``lint``, ``propose``, ``bench``, ``report``) of ``target`` starts."""

    def stage_finished(self, target: str, stage: str, seconds: float, summary: str) -> None:
        """It ended, with a few words on what it found."""

    def build_started(self, variant: str, kind: str, repetition: int, repeat: int) -> None:
        """A build starts."""

    def build_step(self, step: BuildStep, done: int, total: int) -> None:
        """A step of the current build finished."""

    def build_finished(self, seconds: float | None, error: str | None) -> None:
        """The current build ended."""

    def phase(self, message: str) -> None:
        """Something other than a build happens inside the bench."""


class QuietObserver(BenchQuietObserver):
    """An observer that shows nothing: the bench's, plus the analyze stages."""

    def stage_started(self, target: str, stage: str) -> None:
        pass

    def stage_finished(self, target: str, stage: str, seconds: float, summary: str) -> None:
        pass


def engine_image_available() -> ImageAvailable | None:
    """``image_available`` that asks the engine and then the registries it uses (Docker Hub or
    its mirror, private registries, with the engine's credentials: see
    :class:`~imgopt.engine.images.ImageAvailability`), or None when no engine answers.

    A registry that cannot be reached raises :class:`~imgopt.engine.images.RegistryError`
    (exit 3) from the call, naming the image and the registry."""
    from imgopt.engine.client import get_client
    from imgopt.engine.images import ImageAvailability

    try:
        get_client(timeout=10)
    except EngineError:
        return None
    return ImageAvailability()


def pull_missing(plan: Any, available: ImageAvailable | None, observer: Observer) -> list[str]:
    """Pull, with progress, every image the planned variants build on that the engine lacks and a
    registry has; returns the references pulled. Builds would pull them too, but silently."""
    from imgopt.engine.images import ImageAvailability, Lookup, pull_image

    if not isinstance(available, ImageAvailability):
        return []
    pulled: list[str] = []
    refs = dict.fromkeys(r for v in plan.variants for r in v.images)
    for ref in refs:
        if "$" in ref or ref == "scratch":
            continue
        found = available.lookup(ref)
        if found.local or not found.available:
            continue
        observer.phase(f"pulling {ref} from {found.registry}")
        pull_image(ref, progress=observer.phase)
        available.lookups[ref] = Lookup(ref, True)
        pulled.append(ref)
    return pulled


def require_engine() -> None:
    """Fail early, with the way out, when no engine answers.

    Raises:
        EngineError: no engine answers.
    """
    from imgopt.engine.client import ENGINE_HINT, get_client

    try:
        get_client(timeout=10)
    except EngineError as err:
        raise EngineError(
            err.message,
            hint=f"{ENGINE_HINT}; or run with --no-build for a static analysis (nothing built)",
        ) from None


def analyze(
    path: Path,
    dockerfile: Path | None = None,
    options: AnalyzeOptions | None = None,
    observer: Observer | None = None,
) -> Analysis:
    """Analyse a build context, a Dockerfile or a Compose file (see the module docs).

    Writes the output folder (:mod:`imgopt.analyze.workspace`) and returns what was found.

    Raises:
        InputError: bad input (missing path, unparsable Dockerfile or Compose file, bad
            ``--out``, unknown variant names).
        EngineError: no engine answers and something is to be built.
        KeyboardInterrupt: interrupted; what finished is kept in the output folder.
    """
    options = options or AnalyzeOptions()
    observer = observer or QuietObserver()
    _check_variant_names(options.variants)
    if options.repeat < 1:
        raise InputError("--repeat must be at least 1")
    if options.apply and not options.build:
        raise InputError(
            "--apply needs the variants built and verified; drop --no-build",
            hint="a variant is only ever applied after it was shown to work like the original",
        )
    source = resolve_source(path, dockerfile)
    if options.build and source.targets:
        require_engine()
    available = engine_image_available()
    targets, same_as = _distinct(source.targets)
    if options.services is not None:
        targets = _only_services(source, targets, options.services)
    # Everything is read and planned before anything is written or built.
    prepared = [_static(t, options, observer, available) for t in targets]
    out = options.out if options.out is not None else DEFAULT_OUT
    compose = source.kind == "compose"
    names: list[str] = []
    for target in targets if compose else ():
        names.append(_folder_name(target.name, names))
    # Earlier timings, read before the folder is emptied: the scheduler orders the services.
    cost = earlier_costs({name: out / name for name in names})
    if options.resume:
        reopen_out(out)
    else:
        prepare_out(out, [t.context for t in targets])

    def run_target(i: int) -> TargetAnalysis:
        findings, plan, times, notes = prepared[i]
        notes = (*source.notes, *notes)
        folder = out / names[i] if compose else out
        return _TargetRun(targets[i], folder, options, observer, findings, plan, times, notes).run(
            available, report=not compose
        )

    # The same scheduler as `analyze PATH...` (imgopt.analyze.many), on this process's engine.
    if compose:
        results = run_in_process(names, run_target, cost)
    else:
        results = [run_target(i) for i in range(len(targets))]
    images = _image_services(source, available)
    report = None
    if compose and options.build:
        report, results = _compose_report(results, out / REPORT_DIR, options, observer)
    elif results:
        report = results[0].report
    if options.apply:
        from imgopt.analyze.apply import apply

        results = [apply(t) if t.error is None else t for t in results]
    analysis = Analysis(
        kind=source.kind,
        source=source.path,
        out=out,
        targets=tuple(results),
        services=source.services,
        same_as=same_as,
        images=tuple(images),
        report=report,
        built=options.build,
    )
    from imgopt.analyze.render import to_json

    write_json(out / ANALYSIS_FILE, to_json(analysis))
    release_out(out)  # on an error, the process's end releases it (or the next prepare_out)
    return analysis


def reopen_out(out: Path) -> None:
    """Take ``out`` back to complete an interrupted analysis (``--resume``): locked, with the
    finished builds and the proposed Dockerfiles kept; only the report is written anew.

    Raises:
        InputError: ``out`` holds no analysis of imgopt's, or another imgopt is writing it.
    """
    from imgopt.userfiles import MARKER, OutFolder

    if not (out / MARKER).is_file():
        raise InputError(
            f"--resume: {out} holds no analysis to complete",
            hint=f"run `imgopt analyze` without --resume to start one in {out}",
        )
    OutFolder.open(out, "analyze", option="--out", only=REPORT_DIR)


def display_path(path: Path) -> str:
    """``path`` relative to the current folder when it is inside it (findings read shorter)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _distinct(targets: Sequence[Target]) -> tuple[list[Target], dict[str, str]]:
    """Targets that build different images, and each Compose service that builds the same image
    as an earlier one (same Dockerfile, context, args and stage) mapped to that service: the
    image is analysed, and counted in the total saved, once."""
    first: dict[tuple[object, ...], str] = {}
    out: list[Target] = []
    same_as: dict[str, str] = {}
    for t in targets:
        key = (
            t.dockerfile.resolve(),
            t.context.resolve(),
            tuple(sorted(t.build_args.items())),
            t.stage,
        )
        if key in first:
            same_as[t.name] = first[key]
            continue
        first[key] = t.name
        out.append(t)
    return out, same_as


def _only_services(source: Source, targets: list[Target], names: Sequence[str]) -> list[Target]:
    """``--services``: only these services of a Compose file, in the file's order.

    Raises:
        InputError: not a Compose file, or a name that is no service imgopt analyses there.
    """
    if source.kind != "compose":
        raise InputError(f"--services names services of a Compose file; {source.path} is not one")
    known = [t.name for t in targets]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise InputError(
            f"--services: {', '.join(unknown)}: no service of {source.path} that imgopt analyses",
            hint=f"its services with a build: {', '.join(known) or 'none'}",
        )
    return [t for t in targets if t.name in names]


def _check_variant_names(names: Sequence[str] | None) -> None:
    from imgopt.variants import VARIANT_NAMES

    if names is None:
        return
    unknown = [n for n in names if n not in VARIANT_NAMES]
    if unknown:
        raise InputError(
            f"--variants: unknown variant {', '.join(map(repr, unknown))}",
            hint=f"choose from {', '.join(VARIANT_NAMES[1:])} (comma-separated)",
        )


def _folder_name(name: str, used: Collection[str]) -> str:
    import re

    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-.") or "service"
    if slug in (REPORT_DIR, DOCKERFILES_DIR):
        slug += "-service"
    base, n = slug, 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _static(
    target: Target, options: AnalyzeOptions, observer: Observer, available: ImageAvailable | None
) -> tuple[tuple[Any, ...], Any, dict[str, float], tuple[str, ...]]:
    """Lint and plan one Dockerfile: (findings, plan, seconds per stage, notes)."""
    from imgopt.dockerfile import parse
    from imgopt.rules import lint
    from imgopt.variants import plan_variants

    times: dict[str, float] = {}
    observer.stage_started(target.name, "lint")
    started = time.perf_counter()
    from imgopt.userfiles import read_text

    text = read_text(target.dockerfile, what="Dockerfile")  # regular files only, size-limited
    df = parse(text, path=display_path(target.dockerfile))
    findings = tuple(lint(df, context_dir=target.context))
    times["lint"] = time.perf_counter() - started
    n = len(findings)
    observer.stage_finished(
        target.name, "lint", times["lint"], f"{n} finding{'s' if n != 1 else ''}"
    )
    observer.stage_started(target.name, "propose")
    started = time.perf_counter()
    from imgopt.rules.cachemounts import CLASSIC_BUILDER_NOTE, without_cache_mounts

    classic = _classic_builder(options)  # it cannot run RUN --mount: no cache-mount findings
    with without_cache_mounts() if classic else contextlib.nullcontext():
        plan = plan_variants(
            df, context_dir=target.context, image_available=available, only=options.variants
        )
    times["propose"] = time.perf_counter() - started
    proposed = len(plan.variants) - 1
    observer.stage_finished(
        target.name,
        "propose",
        times["propose"],
        f"{proposed} variant{'s' if proposed != 1 else ''} ({', '.join(plan.names[1:]) or 'none'})",
    )
    notes: list[str] = []
    if target.stage is not None:
        notes.append(f"built with --target {target.stage}")
    if classic:
        notes.append(CLASSIC_BUILDER_NOTE)
    return findings, plan, times, tuple(notes)


def _classic_builder(options: AnalyzeOptions) -> bool:
    """Whether the variants are built by the classic builder (asked for, or ``auto`` without
    buildx), which cannot run ``RUN --mount``."""
    if options.builder == "classic":
        return True
    if options.builder != "auto" or not options.build:
        return False
    from imgopt.engine.builders import get_builder

    return get_builder("auto").name == "classic"


class _TargetRun:
    """Write, bench and report one planned Dockerfile."""

    def __init__(
        self,
        target: Target,
        out: Path,
        options: AnalyzeOptions,
        observer: Observer,
        findings: tuple[Any, ...],
        plan: Any,
        times: dict[str, float],
        notes: tuple[str, ...],
    ) -> None:
        self.target = target
        self.out = out
        self.options = options
        self.observer = observer
        self.findings = findings
        self.plan = plan
        self.times = dict(times)
        self.notes = notes
        from imgopt.analyze.evidence import LIBRARIES_FILE, LibraryCheck

        #: Every verified variant must load the libraries the original's binaries load; a
        #: resumed run checks the variants it adds against the record of the first attempt.
        self._libraries = LibraryCheck(record=out / LIBRARIES_FILE)
        #: The bench run whose cleanup may still be going on (:meth:`_close_bench`).
        self._bench_run: Any = None

    def run(self, available: ImageAvailable | None, *, report: bool) -> TargetAnalysis:
        from imgopt.verify import find_spec

        self.out.mkdir(parents=True, exist_ok=True)
        exclude = ignore_line(self.out, self.target.context)
        if self.options.build and self.options.resume and (self.out / "run.json").is_file():
            self.plan = self._resumed_plan()
        if not self.options.build:
            from imgopt.variants.strategies.slim_base import carry_known_lacks

            # as `imgopt propose`: no built original shows what the app reads (a built one
            # does, to the evidence pass), so the variants carry what their bases are known to lack
            self.plan = carry_known_lacks(self.plan)
        files = write_plan(
            self.plan,
            self.out / DOCKERFILES_DIR,
            dockerfile=self.target.dockerfile,
            context=self.target.context,
            exclude=exclude,
        )
        spec_inferred = (
            find_spec(self.target.dockerfile.parent) is None
            and find_spec(self.target.context) is None
        )
        base = TargetAnalysis(
            target=self.target,
            out=self.out,
            findings=self.findings,
            plan=self.plan,
            built=self.options.build,
            repeat=self.options.repeat,
            spec_inferred=spec_inferred,
            timings=self.times,
            notes=self.notes,
        )
        if not self.options.build:
            return replace(base, base_images=tuple(_base_images(self.plan, available)))
        pull_missing(self.plan, available, self.observer)
        try:
            bench, error = self._bench(files)
            # plan: the evidence pass may have added variants (imgopt.analyze.evidence)
            result = replace(base, bench=bench, error=error, timings=self.times, plan=self.plan)
            if error is not None:
                return result  # the original did not build (or the engine went away): exit 3
            run = self._load()
            from imgopt.report import recommend

            result = replace(result, recommendation=recommend(run))
            if report and self.options.report_formats:  # written while the bench cleans up
                result = replace(result, report=self._report(run))
        finally:
            self._close_bench()
        return replace(result, timings=self.times)

    def _close_bench(self) -> None:
        """Wait for the bench's cleanup (it runs beside the report) and take its phases."""
        bench, self._bench_run = self._bench_run, None
        if bench is not None:
            bench.close()
            self._bench_phases()

    def _bench(self, files: dict[str, Path]) -> tuple[Any, str | None]:
        from imgopt.bench.runner import BenchOptions, BenchRun, make_variants, summarize
        from imgopt.variants.model import likely_pick

        names = list(self.plan.names)
        variants = make_variants(self.target.context, [files[n] for n in names], names)
        bench_options = BenchOptions(
            repeat=self.options.repeat,
            keep_images=self.options.keep_images,
            builder=self.options.builder,
            build_args=dict(self.target.build_args),
            target=self.target.stage,
            trust_spec_limits=self.options.trust_spec_limits,
            strict_closure=self.options.strict_closure,
            compose_file=self.target.compose_file,
            compose_service=self.target.name if self.target.compose_file else None,
            estimate_cold=self.options.estimate_cold,  # see imgopt.bench.steps
        )
        resume = self.options.resume and (self.out / "run.json").is_file()
        run = BenchRun(
            variants,
            bench_options,
            self.out,
            resume=resume,
            observer=self.observer,
            after_original=None if resume else self._evidence_pass,
            check_variant=self._libraries,
            likely_pick=likely_pick,  # built first: its cold time measured, not estimated
            defer_cleanup=True,  # the report is written meanwhile; _close_bench waits for it
        )
        self._bench_run = run
        if "html" in self.options.report_formats or "md" in self.options.report_formats:
            _preload_plots()  # the report's figures need matplotlib: imported beside the builds
        self.observer.stage_started(self.target.name, "bench")
        started = time.perf_counter()
        error: str | None = None
        try:
            result = run.run()
        except EngineError as err:
            # The original did not build, or the engine went away: the rows so far are kept.
            error = err.message
            result = summarize(
                run.folder, variants, "failed", run.builder.name if run.builder else ""
            )
        finally:
            self.times["bench"] = time.perf_counter() - started
            self._bench_phases()
        built = sum(1 for v in result.variants if v.image_id)
        self.observer.stage_finished(
            self.target.name,
            "bench",
            self.times["bench"],
            f"{built} of {len(variants)} built" + (f"; {error}" if error else ""),
        )
        return result, error

    def _evidence_pass(
        self, image_id: str, closure: tuple[str, ...] | None, run_id: str
    ) -> list[Any]:
        """Plan again with evidence from the built original (imgopt.analyze.evidence)."""
        from imgopt.analyze.evidence import EVIDENCE_FILE, second_pass
        from imgopt.rules.cachemounts import without_cache_mounts

        # Planned again for the same builder: the classic one gets no cache mounts here either.
        self._libraries.original = (image_id, _final_base(self.plan.original))
        classic = _classic_builder(self.options)
        with without_cache_mounts() if classic else contextlib.nullcontext():
            self.plan, added = second_pass(
                self.plan,
                dockerfile=self.target.dockerfile,
                context=self.target.context,
                folder=self.out / DOCKERFILES_DIR,
                exclude=ignore_line(self.out, self.target.context),
                image_id=image_id,
                closure=closure,
                run_id=run_id,
                phase=self.observer.phase,
                record=self.out / EVIDENCE_FILE,
            )
        return added

    def _resumed_plan(self) -> Any:
        """The plan with the variants the interrupted run's evidence pass had added."""
        from imgopt.analyze.evidence import EVIDENCE_FILE, resumed_plan
        from imgopt.rules.cachemounts import without_cache_mounts

        with without_cache_mounts() if _classic_builder(self.options) else contextlib.nullcontext():
            return resumed_plan(
                self.plan,
                dockerfile=self.target.dockerfile,
                context=self.target.context,
                record=self.out / EVIDENCE_FILE,
            )

    def _bench_phases(self) -> None:
        import json

        try:
            meta = json.loads((self.out / "run.json").read_text("utf-8"))
        except (OSError, ValueError):
            return
        for key, value in (meta.get("phases") or {}).items():
            if isinstance(value, int | float):
                self.times[f"bench.{key}"] = float(value)

    def _load(self) -> RunData:
        from imgopt.report import load_run_data

        run = load_run_data(self.out)
        # The run records the context folder's name; a Compose service is named by its key.
        return replace(run, app=self.target.name)

    def _report(self, run: RunData) -> Path:
        from imgopt.report import write_one

        self.observer.stage_started(self.target.name, "report")
        started = time.perf_counter()
        _, files = write_one(run, self.out / REPORT_DIR, self.options.report_formats)
        self.times["report"] = time.perf_counter() - started
        self.observer.stage_finished(
            self.target.name, "report", self.times["report"], f"{len(files)} files"
        )
        return _main_file(files)


def _preload_plots() -> None:
    """Import the report's plotting library in a thread (about a second of the report's time),
    while the bench builds; the report then finds it imported."""
    import threading

    from imgopt.report.writer import preload

    threading.Thread(target=preload, name="imgopt-preload", daemon=True).start()


def _final_base(text: str) -> str:
    from imgopt.dockerfile import parse

    return parse(text).final_stage.base_resolved


def _main_file(files: Sequence[Path]) -> Path:
    for suffix in (".md", ".html", ".json"):
        for f in files:
            if f.suffix == suffix and f.stem in ("report", "index"):
                return f
    return files[0]


def _compose_report(
    results: list[TargetAnalysis], folder: Path, options: AnalyzeOptions, observer: Observer
) -> tuple[Path | None, list[TargetAnalysis]]:
    """One combined report: a report per analysed service and an index of them."""
    from imgopt.report import load_run_data, write_reports

    measured = [t for t in results if t.bench is not None]
    if not measured:
        return None, results
    observer.stage_started("compose", "report")
    started = time.perf_counter()
    runs = [replace(load_run_data(t.out), app=t.target.name) for t in measured]
    subdirs = [t.out.name for t in measured]
    files = write_reports(runs, folder, options.report_formats, subdirs=subdirs)
    seconds = time.perf_counter() - started
    observer.stage_finished("compose", "report", seconds, f"{len(files)} files")
    index = _main_file([f for f in files if f.parent == folder])
    out: list[TargetAnalysis] = []
    share = seconds / len(measured)
    for t in results:
        if t.bench is None:
            out.append(t)
            continue
        own = [f for f in files if f.parent == folder / t.out.name]
        timings = {**t.timings, "report": share}
        out.append(replace(t, report=_main_file(own) if own else index, timings=timings))
    return index, out


def _base_images(plan: Any, available: ImageAvailable | None) -> list[BaseImageSize]:
    """Every image the proposed variants need, with its local size when the engine has it."""
    refs: list[str] = []
    for v in plan.variants:
        refs.extend(r for r in v.images if r not in refs)
    return [_local_size(ref, available) for ref in refs]


def _local_size(ref: str, available: ImageAvailable | None) -> BaseImageSize:
    if available is None:
        return BaseImageSize(ref, None, None)
    from imgopt.engine.images import inspect_image

    try:
        return BaseImageSize(ref, inspect_image(ref).size, True)
    except InputError:
        return BaseImageSize(ref, None, False)
    except EngineError:
        return BaseImageSize(ref, None, None)


def _image_services(source: Source, available: ImageAvailable | None) -> list[ImageService]:
    out: list[ImageService] = []
    for s in source.image_services:
        if s.image is None:
            out.append(ImageService(s.name, None, None, None, s.note or "nothing to analyse"))
            continue
        size = _local_size(s.image, available)
        note = s.note or "uses an image as it is; nothing to build or analyse"
        out.append(ImageService(s.name, s.image, size.size_bytes, size.present, note))
    return out
