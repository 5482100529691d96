"""Build every variant for real, measure it, verify it, and write the run folder.

For each variant (the original first), for each repetition ``r`` of ``repeat``:

1. a **cold** build: ``--no-cache``, base images present locally;
2. after the first cold build, the **measurement** of its image: every layer's size tied to its
   instruction, the exact gzip sizes (cached by layer), dive's waste figures and the recoverable
   bytes; then the **verification**: the app's smoke spec run against it and, for a variant,
   compared with the original's results;
3. a **warm** rebuild: the same Dockerfile on a temporary copy of the context in which one app
   source file got a one-line comment (:mod:`imgopt.bench.edit`), with the build cache.

Every row is written as soon as it is known (:mod:`imgopt.bench.results`); ``resume=True`` skips
what a run folder already holds. Every image the run builds carries ``imgopt.run=<run id>`` and
the run removes them at the end unless asked to keep them; other runs' images are never touched.
A variant that fails to build, to start, or to answer like the original is kept with its reason
and is never the recommended one. A failed build of the original, or an engine that is gone,
stops the run with an :class:`~imgopt.errors.EngineError` after everything finished is saved.
"""

from __future__ import annotations

import contextlib
import re
import secrets
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from imgopt import __version__
from imgopt.bench.results import RunFolder, git_info, load_average, machine_info, now_iso
from imgopt.errors import EngineError, EngineGone, ImgoptError, InputError, classify, clip
from imgopt.interrupts import shielded
from imgopt.userfiles import redact_mapping, sha256_of

if TYPE_CHECKING:
    import threading

    from imgopt.bench.sizes import ImageSizes
    from imgopt.bench.steps import Estimate
    from imgopt.dockerfile import Dockerfile
    from imgopt.engine.builders import Builder, BuildRequest, BuildResult, BuildStep, SecretSpec
    from imgopt.engine.images import ImageInfo
    from imgopt.verify import Profile, Verifier
    from imgopt.verify.deps import Dependencies
    from imgopt.verify.spec import SmokeSpec

RUN_LABEL = "imgopt.run"
#: ``after_original(image_id, closure files or None, run_id)`` -> variants to add to the run.
AfterOriginal = Callable[[str, "tuple[str, ...] | None", str], "Sequence[Variant]"]
#: ``check_variant(dockerfile, image_id, run_id)`` -> why a verified variant still fails, or None.
CheckVariant = Callable[[Path, str, str], "str | None"]
#: ``likely_pick(names)`` -> the one of these variants most likely to be recommended, or None.
LikelyPick = Callable[["Sequence[str]"], "str | None"]
DEFAULT_RUNS_DIR = Path("imgopt-runs")
#: A build that could not reach the network is made once more after this pause.
NETWORK_RETRY_PAUSE_S = 5.0


@dataclass(frozen=True)
class Variant:
    """One Dockerfile to benchmark.

    Attributes:
        name: unique name (by default the Dockerfile's file name).
        dockerfile: the Dockerfile.
        context: its build context.
        original: the variant every other one is compared with.
    """

    name: str
    dockerfile: Path
    context: Path
    original: bool = False


@dataclass(frozen=True)
class BenchOptions:
    """How to run the benchmark.

    Attributes:
        repeat: cold and warm builds per variant.
        warm: run warm rebuilds.
        keep_images: keep the images the run built.
        builder: ``auto``, ``buildkit`` or ``classic``.
        build_args: ``--build-arg`` values for every variant.
        target: ``--target`` stage for every variant.
        secrets: ``--secret`` sources for every variant.
        verify: run the smoke checks.
        compressed: measure exact compressed sizes.
        trust_spec_limits: let the app's smoke.toml lift limits beyond imgopt's ceilings
            (``--trust-spec-limits``).
        strict_closure: the closure rule (:mod:`imgopt.verify.closure`): True, the literal rule
            (``--strict-closure``: a variant that lacks any file the original opened fails);
            False, the required-files one (``--lenient-closure``); None, as the app's smoke.toml
            says (``[closure] strict``), else literal. run.json records the rule applied.
        compose_file: the Compose file whose ``compose_service`` the original builds (its
            dependencies are started for verification); None: one next to or above the context
            that builds it, if any.
        compose_service: that service's name.
        estimate_cold: build each distinct step once (:mod:`imgopt.bench.steps`): the original
            is built cold, every other variant's first cold build uses the build cache and its
            cold time is estimated from the uncached durations of its steps (a real cold build
            when a step's duration is unknown); at the end, the recommended variant is built
            cold for real too, to check the estimate. Build rows say which is which
            (``estimated``).
        overlap: measure and verify each variant after the original while the next builds
            run (:mod:`imgopt.bench.overlap`); the rows come out in the same order either way.
            Default: on, unless ``IMGOPT_OVERLAP=0``.
    """

    repeat: int = 3
    warm: bool = True
    keep_images: bool = False
    builder: str = "auto"
    build_args: Mapping[str, str] = field(default_factory=dict)
    target: str | None = None
    secrets: tuple[SecretSpec, ...] = ()
    verify: bool = True
    compressed: bool = True
    trust_spec_limits: bool = False
    strict_closure: bool | None = None
    compose_file: Path | None = None
    compose_service: str | None = None
    estimate_cold: bool = False
    overlap: bool = field(default_factory=lambda: overlap_default())


def overlap_default() -> bool:
    """Whether runs overlap measurement with builds unless told (``IMGOPT_OVERLAP=0``: no)."""
    import os

    return os.environ.get("IMGOPT_OVERLAP", "").strip() not in ("0", "no", "false", "off")


class Observer(Protocol):
    """Receives progress (the CLI draws it; tests may record it)."""

    def build_started(self, variant: str, kind: str, repetition: int, repeat: int) -> None:
        """A build starts."""

    def build_step(self, step: BuildStep, done: int, total: int) -> None:
        """A step of the current build finished."""

    def build_finished(self, seconds: float | None, error: str | None) -> None:
        """The current build ended (``seconds`` None when it failed)."""

    def phase(self, message: str) -> None:
        """Something other than a build happens (measuring, verifying, cleaning up)."""


class QuietObserver:
    """An observer that shows nothing (the default)."""

    def build_started(self, variant: str, kind: str, repetition: int, repeat: int) -> None:
        pass

    def build_step(self, step: BuildStep, done: int, total: int) -> None:
        pass

    def build_finished(self, seconds: float | None, error: str | None) -> None:
        pass

    def phase(self, message: str) -> None:
        pass


class SerializedObserver:
    """Another observer's calls, one at a time (the main thread builds, the background
    measures and verifies: both report progress)."""

    def __init__(self, inner: Observer) -> None:
        import threading

        self.inner = inner
        self._lock = threading.Lock()

    def build_started(self, variant: str, kind: str, repetition: int, repeat: int) -> None:
        with self._lock:
            self.inner.build_started(variant, kind, repetition, repeat)

    def build_step(self, step: BuildStep, done: int, total: int) -> None:
        with self._lock:
            self.inner.build_step(step, done, total)

    def build_finished(self, seconds: float | None, error: str | None) -> None:
        with self._lock:
            self.inner.build_finished(seconds, error)

    def phase(self, message: str) -> None:
        with self._lock:
            self.inner.phase(message)


@dataclass(frozen=True)
class VariantSummary:
    """What a run found about one variant (the ``variants`` items of ``--format json``)."""

    name: str
    dockerfile: str
    original: bool
    image_id: str | None
    size_bytes: int | None
    compressed_bytes: int | None
    layers: int | None
    own_size_bytes: int | None
    own_compressed_bytes: int | None
    base_image: str | None
    cold_build_s: float | None
    cold_build_min_s: float | None
    cold_build_max_s: float | None
    warm_build_s: float | None
    warm_build_min_s: float | None
    warm_build_max_s: float | None
    builds: int
    efficiency: float | None
    wasted_bytes: int | None
    recoverable_bytes: int | None
    recoverable_own_bytes: int | None
    verified: bool | None
    verify_reason: str | None
    error: str | None
    cold_estimated: bool | None = None  # cold_build_s is an estimate from steps (bench.steps)
    cold_estimate_s: float | None = None  # the estimate, also when a real cold build was made
    proof: str | None = None  # what verification checked (imgopt.verify.Proof's words)
    closure_files: int | None = None  # the original's runtime file closure, files
    closure_bytes: int | None = None  # ... and bytes
    closure_bytes_here: int | None = None  # the bytes of it this variant's image holds

    @property
    def broken(self) -> bool:
        """Failed to build, to start, or to answer like the original (as the report says)."""
        return self.error is not None or self.verified is False


@dataclass(frozen=True)
class BenchResult:
    """The outcome of a run."""

    run_id: str
    run_dir: Path
    variants: tuple[VariantSummary, ...]
    recommended: str | None
    status: str
    builder: str
    #: why the original is recommended although a verified variant is smaller (the gain is below
    #: the minimum, :func:`imgopt.results.recommend.below_minimum`); None otherwise
    kept: str | None = None


def new_run_id() -> str:
    """A run id: UTC time plus random hex (sortable, unique across concurrent runs)."""
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(3)


def make_variants(
    context: Path, dockerfiles: Sequence[Path], names: Sequence[str] = ()
) -> list[Variant]:
    """Variants for ``dockerfiles`` (default ``context/Dockerfile``), the first the original.

    Raises:
        InputError: for a missing context or Dockerfile, or duplicate names.
    """
    if not context.is_dir():
        raise InputError(f"build context {context} is not a directory")
    files = list(dockerfiles) or [context / "Dockerfile"]
    if names and len(names) != len(files):
        raise InputError(f"{len(names)} variant names for {len(files)} Dockerfiles")
    out: list[Variant] = []
    seen: set[str] = set()
    for i, path in enumerate(files):
        if not path.is_file():
            raise InputError(f"Dockerfile {path} does not exist")
        name = names[i] if names else path.name
        if name in seen:
            name = f"{name}-{i + 1}"
        if name in seen or not name:
            raise InputError(f"variant name {name!r} is used twice")
        seen.add(name)
        out.append(Variant(name=name, dockerfile=path, context=context, original=i == 0))
    return out


class BenchRun:
    """One benchmark run over a set of variants."""

    def __init__(
        self,
        variants: Sequence[Variant],
        options: BenchOptions,
        run_dir: Path | None = None,
        *,
        resume: bool = False,
        observer: Observer | None = None,
        after_original: AfterOriginal | None = None,
        check_variant: CheckVariant | None = None,
        likely_pick: LikelyPick | None = None,
        defer_cleanup: bool = False,
    ) -> None:
        if not variants:
            raise InputError("nothing to benchmark: no Dockerfile")
        if options.repeat < 1:
            raise InputError("--repeat must be at least 1")
        self.variants = list(variants)
        self.options = options
        self.resume = resume
        self.observer: Observer = observer or QuietObserver()
        self.run_id = new_run_id()
        self.folder = RunFolder(run_dir or DEFAULT_RUNS_DIR / self.run_id)
        self.folder.secret_values = tuple(options.build_args.values())  # never written
        from imgopt.bench.overlap import Background, OrderedRows

        #: Rows reach results.csv in a serial run's order, whatever finishes first.
        self._rows = OrderedRows(self.folder.append)
        #: Measurement and verification of the variants after the original, beside the builds.
        self._background = Background(enabled=options.overlap)
        self.folder.engine = _engine_name()  # every row names the engine that produced it
        self._keep: set[str] = set()
        self._verifier: Verifier | None = None
        self._deps: Dependencies | None = None
        self._profile: Profile | None = None
        self._parsed: dict[str, Dockerfile | None] = {}
        self._phases: dict[str, float] = {}
        import threading

        self._phase_lock = threading.Lock()
        #: Held by a build, and by the background's layer compression (every core, seconds per
        #: image): a build never shares the machine with it, or its time (and each step's, which
        #: estimates reuse) would be the compression's too: a CPU-bound step slows down beside
        #: it.
        self._cpu = threading.Lock()
        #: Held by a cold build, and by the background's verification (and library check): a
        #: cold build's steps are timed for the estimates, and beside a verification they ran up
        #: to 24 % slower (compose-tutorial's pip install: 2.6 s against 2.1 s in a real cold
        #: build; its app, database and tracer use more than a core). Verification runs beside
        #: the warm rebuilds, the original's included, and waits for nothing else.
        self._quiet = threading.RLock()
        self.builder: Builder | None = None
        #: Called once the original is built, measured and verified: more variants to run
        #: (a plan made with evidence from the built original, imgopt.analyze.evidence).
        self.after_original = after_original
        #: Called on a variant that passed verification: a reason it does not work, or None.
        self.check_variant = check_variant
        #: With ``estimate_cold``: which variant to build first after the original (see
        #: :meth:`_next`), so that its cold time is measured in its own build.
        self.likely_pick = likely_pick
        #: A complete run's engine cleanup runs beside the caller's next work (its report),
        #: until :meth:`close` (see :meth:`run`).
        self.defer_cleanup = defer_cleanup
        self._cleanup: Any = None  # the thread removing a complete run's containers and images
        self._cleanup_error: BaseException | None = None
        self._scratch: Path | None = None  # see _scratch_dir
        from imgopt.bench.steps import StepTimes

        #: Uncached step durations (this run's and earlier runs'), for estimated cold times.
        self.step_times = StepTimes(run_id=self.run_id)
        #: Image size of each variant's first cold build in this session (the likely pick).
        self._cold_sizes: dict[str, int] = {}
        #: The ``estimated`` flags of the cold rows this session recorded, by variant: a row
        #: waits in :attr:`_rows` behind the background's measurements before results.csv has it.
        self._cold_flags: dict[str, set[str]] = {}

    # -- the run -------------------------------------------------------------------------------

    def run(self) -> BenchResult:
        """Run every build, measurement and check not yet in the folder; return the summary.

        With ``defer_cleanup``, a complete run returns once its rows and status are written, and
        the removal of its containers, cache mounts and images goes on in a thread: the caller
        renders its report meanwhile and must call :meth:`close`, in a ``finally``. A run that
        fails or is interrupted cleans up before it returns, as without it.

        Raises:
            EngineError: the engine is gone, or the original failed to build (after saving).
            InputError: bad input (missing files, a folder that holds another run).
        """
        from imgopt.engine.builders import get_builder
        from imgopt.engine.client import get_client

        if self.options.verify:
            self._user_spec()  # a smoke.toml that asks too much: exit 2 before anything is built
        get_client()  # no engine: one line, exit 3, before anything is written
        if self.options.overlap and not isinstance(self.observer, SerializedObserver):
            # here, not in __init__: `imgopt bench` sets its progress display after that
            self.observer = SerializedObserver(self.observer)
        self.builder = get_builder(self.options.builder)
        hold = getattr(self.builder, "hold_stage_images", None)
        if hold is not None:
            hold()  # the classic builder's stage images: its cache for the warm rebuilds
        done = self._open()
        self.step_times.run_id = self.run_id  # a resumed run keeps its id
        status = "failed"
        engine_gone = False
        try:
            from imgopt.verify.deps import shared_dependencies

            # The app's dependencies start once, for the original's profile and every variant's
            # check (each on a fresh app container), and are removed when the loop ends.
            with shared_dependencies(self.run_id):
                ran: set[str] = set()
                while (variant := self._next(ran)) is not None:  # after_original adds variants
                    ran.add(variant.name)
                    self._run_variant(variant, done)
                    if variant.original and self.after_original is not None:
                        self._add_variants(variant)
                if self.options.estimate_cold:
                    # the likely pick's real cold build, beside the checks still running
                    self._check_early()
                self._wait_background()  # the dependencies stay up until every check is done
            if self.options.estimate_cold:
                self._check_recommended()
            status = "complete"
        except KeyboardInterrupt:
            status = "interrupted"  # Ctrl-C, SIGTERM or SIGHUP (imgopt.interrupts)
            raise
        except Exception as exc:
            err = classify(exc)
            if err is None:
                raise  # a bug: keep its traceback (the folder still says "failed")
            engine_gone = isinstance(err, EngineGone) or (
                isinstance(err, EngineError) and not _engine_answers()
            )
            with contextlib.suppress(OSError, ImgoptError, ValueError):
                self.folder.update_metadata(error=err.message)
            if err is exc:
                raise
            raise err from exc
        finally:
            with shielded():  # a second signal must not cut the cleanup short
                self._stop_background(engine_gone=engine_gone)
                if self.defer_cleanup and status == "complete":
                    self._finish_later(status)
                else:
                    self._finish(status, engine_gone=engine_gone)
        return self.summary(status)

    def _finish_later(self, status: str) -> None:
        """Record ``status`` now and start :meth:`_finish` in a thread (joined by :meth:`close`)."""
        import threading

        with contextlib.suppress(OSError, ImgoptError, ValueError):
            self.folder.update_metadata(status=status, finished_at=now_iso())
        self._announce_cleanup()  # here: the caller's observer is not called from the thread

        def cleanup() -> None:
            try:
                self._finish(status, announce=False)
            except BaseException as exc:  # raised again in the caller's thread by close()
                self._cleanup_error = exc

        self._cleanup = threading.Thread(target=cleanup, name="imgopt-cleanup", daemon=True)
        self._cleanup.start()

    def close(self) -> None:
        """Wait for a deferred cleanup (see :meth:`run`) and raise what it raised; no-op
        otherwise. A signal while waiting does not cut it short."""
        thread, self._cleanup = self._cleanup, None
        if thread is None:
            return
        interrupted: KeyboardInterrupt | None = None
        with shielded():
            while thread.is_alive():
                try:
                    thread.join()
                except KeyboardInterrupt as exc:  # no handler installed: wait all the same
                    interrupted = interrupted or exc
        if interrupted is not None:
            raise interrupted
        if self._cleanup_error is not None:
            error, self._cleanup_error = self._cleanup_error, None
            raise error

    def _wait_background(self) -> None:
        """Wait for the measurements and checks still running; raise the first failure.

        The verification watchdog applies per job here (a job in the background cannot take
        SIGALRM): one that runs over stops the run as the watchdog does.
        """
        limit = verify_watchdog_s()

        def over() -> BaseException:
            from imgopt.errors import engine_address

            return EngineError(
                f"the Docker engine at {engine_address()} did not finish measuring and "
                f"verifying a variant within {limit:g} s (the bench's watchdog)",
                hint="check the engine (`docker info`); IMGOPT_VERIFY_WATCHDOG sets the limit",
            )

        self._background.wait(limit, over)

    def _stop_background(self, *, engine_gone: bool) -> None:
        """After an interrupt or an error: stop the background work, then write every row that
        was complete (in order). Its containers are removed while it is waited for, so a check
        stuck on one ends; the run's cleanup removes them once more afterwards."""

        def remove_containers() -> None:
            if engine_gone:
                return
            from imgopt.engine.containers import remove_run_containers

            try:
                remove_run_containers(self.run_id)
            except Exception as exc:
                if classify(exc) is None:
                    raise

        if self._background.enabled and not self._background.stop(
            BACKGROUND_STOP_S, between=remove_containers
        ):
            self.observer.phase(
                f"a measurement or check was still running after {BACKGROUND_STOP_S:g} s; "
                "`make clean` removes what it leaves by label"
            )
        if self._background.enabled:
            # Measured and verified in the background, and how much of it the run waited for:
            # the difference ran beside the builds (benchmarks/analyze_stages.py prints both).
            self._phases["background"] = self._background.job_seconds
            self._phases["background_wait"] = self._background.waited_seconds
            with contextlib.suppress(OSError, ImgoptError, ValueError):
                jobs = [[round(a, 3), round(b, 3)] for a, b in self._background.intervals]
                self.folder.update_metadata(background_jobs=jobs)
        skipped = self._rows.flush()
        if skipped:
            self.observer.phase(f"{skipped} unfinished measurement(s) not recorded")

    def _open(self) -> set[tuple[str, str, int, str]]:
        """Create or reopen the run folder; return the keys of rows already written."""
        assert self.builder is not None
        if self.resume:
            meta = self.folder.open_existing()
            self.run_id = str(meta.get("run_id") or self.run_id)
            known = {v["name"] for v in meta.get("variants", [])}
            wanted = {v.name for v in self.variants}
            if known and not known <= wanted:
                raise InputError(
                    f"{self.folder.path} benchmarks {sorted(known)}, not {sorted(wanted)}"
                )
            # More variants than recorded: the run was stopped after it planned them (analyze's
            # evidence pass writes evidence.json before run.json lists what it added) and before
            # any of them started. They are listed now and run like the others.
            if known:
                self._list_variants([v for v in self.variants if v.name not in known])
            self.folder.update_metadata(status="running", resumed_at=now_iso())
        else:
            self.folder.create(self._metadata())
        done: set[tuple[str, str, int, str]] = set()
        for row in self.folder.rows():
            rep = int(row["repetition"]) if row.get("repetition") else -1
            done.add((row["row"], row["variant"], rep, row.get("kind") or ""))
        if self.resume:
            self._record_resumed_engine({variant for _, variant, _, _ in done})
        return done

    def _record_resumed_engine(self, started: set[str]) -> None:
        """A run resumed on another engine: the variants it had not started are this engine's
        (run.json's ``variants[].engine``; every row names its own engine)."""
        name = self.folder.engine
        meta = self.folder.metadata()
        entries = meta.get("variants")
        if not isinstance(entries, list):
            return
        changed = False
        for entry in entries:
            if isinstance(entry, dict) and entry.get("name") not in started:
                changed = changed or entry.get("engine") != name
                entry["engine"] = name
        if changed:
            self.folder.update_metadata(variants=entries)

    def _metadata(self) -> dict[str, Any]:
        from imgopt.engine.client import engine_id, engine_version

        assert self.builder is not None
        original = self.variants[0]
        engine = self.folder.engine
        return {
            "run_id": self.run_id,
            "status": "running",
            "started_at": now_iso(),
            "imgopt_version": __version__,
            "machine": machine_info(),
            # name: how --engine named it (results.csv's engine column); id: the engine's own
            "engine": {"version": engine_version(), "name": engine, "id": engine_id()},
            "builder": {"name": self.builder.name, "version": self.builder.version()},
            "app": {
                "context": str(original.context.resolve()),
                "git": git_info(original.context),
            },
            "variants": [
                {
                    "name": v.name,
                    "dockerfile": str(v.dockerfile),
                    # lets a report on another machine check the file is the one measured
                    "sha256": sha256_of(v.dockerfile),
                    "context": str(v.context),
                    "original": v.original,
                    "engine": engine,  # the engine that builds, measures and verifies it
                }
                for v in self.variants
            ],
            "options": {
                "repeat": self.options.repeat,
                "warm": self.options.warm,
                "keep_images": self.options.keep_images,
                "builder": self.options.builder,
                "build_args": redact_mapping(self.options.build_args),  # names, never values
                "target": self.options.target,
                "secrets": [s.id for s in self.options.secrets],  # ids only, never values
                "verify": self.options.verify,
                "compressed": self.options.compressed,
                "strict_closure": self._strict_closure(),  # the rule applied
            },
            "base_images": [],
            "phases": {},
        }

    def _next(self, ran: set[str]) -> Variant | None:
        """The next variant to run, of those not in ``ran`` (None: every one ran).

        The original first, and the rest in the plan's order (run.json and the reports keep that
        order, whatever the order of the builds), but for one: with ``estimate_cold``, the variant
        :attr:`likely_pick` names is built right after the original. Built first, it executes
        itself every step it shares with other variants (only the original's are there before
        it), so its cold time is measured in its own build, not estimated from steps other
        builds executed; the real cold build that would check such an estimate at the end
        (:meth:`_check_recommended`, a whole cold build: 23.6 s of flask-tutorial's 145.2 s
        analysis) is then not needed when the guess was right, and is made as before when it
        was not.
        """
        left = [v for v in self.variants if v.name not in ran]
        first = next((v for v in left if v.original), None)
        if first is not None or not left:
            return first
        started = any(not v.original for v in self.variants if v.name in ran)
        if self.likely_pick is not None and self.options.estimate_cold and not started:
            name = self.likely_pick([v.name for v in left])
            return next((v for v in left if v.name == name), left[0])
        return left[0]

    def _run_variant(self, variant: Variant, done: set[tuple[str, str, int, str]]) -> None:
        measured = ("variant", variant.name, -1, "") in done
        for rep in range(self.options.repeat):
            self._background.raise_failed()  # an engine gone in a measurement stops the run
            if ("build", variant.name, rep, "cold") not in done:
                estimate = self.options.estimate_cold and not variant.original and rep == 0
                result = self._build(variant, "cold", rep, estimate=estimate)
                if result is None:
                    if variant.original:
                        raise self._last_error  # the original must build: exit 3
                    if not measured:
                        self._record_broken(variant, self._last_error)
                    return  # a variant that does not build is broken; no warm builds
                if not measured:
                    self._measure_soon(variant, result)
                    measured = True
                else:
                    self._drop(result.image_id)
            elif not measured:
                # Resumed after the cold build but before its measurement: build once more
                # (from the cache: the build row exists, only the image is needed again).
                result = self._build(variant, "rebuild", rep, record=False)
                if result is None:
                    if variant.original:
                        raise self._last_error
                    self._record_broken(variant, self._last_error)
                    return
                self._measure_soon(variant, result)
                measured = True
            if self.options.warm and ("build", variant.name, rep, "warm") not in done:
                self._background.raise_failed()
                self._build(variant, "warm", rep)  # drops its image once its row is written
        if variant.original:
            self._wait_background()  # its verification (beside its warm rebuild): the profile

    def _measure_soon(self, variant: Variant, result: BuildResult) -> None:
        """Measure and verify ``result``: now, or in the background while the next builds run.

        A variant of a resumed run whose original profile is not in memory is measured now
        (verifying it would rebuild the original: builds stay in the main thread). The original
        is measured now too, and verified beside its own warm rebuild (when it has one): every
        variant is compared with it and ``after_original`` needs it, so :meth:`_run_variant`
        waits for it before anything else (flask-tutorial's original: its profile took 5.7 s
        at load 6, its warm rebuild 10.7 s idle, one after the other before this).
        """
        if not self._background.enabled or (
            not variant.original and self.options.verify and self._profile is None
        ):
            self._measure(variant, result)
            return
        if variant.original and not self.options.warm:
            self._measure(variant, result)
            return
        import threading

        self._keep.add(result.image_id)  # before the next build could drop it
        slot = self._rows.reserve()
        # The layers are compressed (every core) before the next build runs: the original's
        # before its warm rebuild, which must not wait for the compression or share the CPU
        compressed = threading.Event() if variant.original else None

        def job() -> None:
            try:
                self._measure(variant, result, slot=slot, compressed=compressed)
            except BaseException:
                self._rows.abandon(slot)
                raise
            finally:
                if compressed is not None:
                    compressed.set()

        future = self._background.submit(job)
        while compressed is not None and not compressed.wait(1.0) and not future.done():
            pass

    # -- builds --------------------------------------------------------------------------------

    _last_error: ImgoptError = EngineError("no build ran")

    def _build(
        self,
        variant: Variant,
        kind: str,
        rep: int,
        *,
        record: bool = True,
        estimate: bool = False,
        retry: bool = True,
    ) -> BuildResult | None:
        """One build; records its row; returns None (and sets ``_last_error``) when it failed.

        A build that failed because it could not reach the network
        (:func:`imgopt.engine.builders.flaky.network_failure`) is made once more first
        (``retry``), and only the second attempt's row is recorded.

        With ``estimate`` (a cold build only), the build uses the cache and the row's seconds are
        the cold time estimated from its steps (:mod:`imgopt.bench.steps`); when that is not
        possible (a cached step of unknown duration), the image is dropped and a real cold build
        is made instead.
        """
        from imgopt.bench.edit import pick_edit_target, warm_context
        from imgopt.engine.builders import BuildFailure
        from imgopt.engine.builders.flaky import disk_full, network_failure

        assert self.builder is not None
        context = variant.context
        edited: str | None = None
        tmp: Path | None = None
        if kind == "warm":
            df = self._dockerfile(variant)
            target = pick_edit_target(df, variant.context, self.options.target) if df else None
            if target is None:
                self.observer.phase(
                    f"{variant.name}: no app source file to edit; warm build skipped"
                )
                if record:
                    self._rows.add(
                        [
                            self._build_row(
                                variant, kind, rep, None, error="no app source file to edit"
                            )
                        ]
                    )
                return None
            # Unique per run, variant and repetition, so no other build can have cached it.
            marker = f"imgopt warm rebuild {self.run_id} {variant.name} {rep}"
            tmp = warm_context(variant.context, target, marker, self._scratch_dir())
            context = tmp
            edited = target.path.as_posix()
        try:
            request = self._request(variant, kind, rep, context, tmp, estimate)
            self.observer.build_started(variant.name, kind, rep, self.options.repeat)
            started = time.perf_counter()
        except BaseException:  # Ctrl-C included: the warm edit's copy must not stay behind
            if tmp is not None:
                shutil.rmtree(tmp.parent, ignore_errors=True)
            raise
        quiet = self._turn(self._quiet, "verify_wait") if kind == "cold" else None
        try:
            # no verification beside a cold build (see _quiet), no compression beside any
            with quiet or contextlib.nullcontext():
                started = time.perf_counter()  # the wait is verify_wait's, not the build's
                with self._cpu:
                    result = self.builder.build(request, on_step=self.observer.build_step)
        except BuildFailure as err:
            self._last_error = err
            result = None
            full = disk_full(f"{err.log_tail}\n{err.message}")
            if full is not None:
                raise EngineError(
                    f"the engine's disk is full ({clip(full, 160)}): every build would fail",
                    hint="free space on the engine (`docker builder prune` removes its build "
                    "cache), then run again with --resume",
                ) from None
            # the log only: the message quotes the step's command, which may name anything
            cause = network_failure(err.log_tail) if retry else None
            if cause is not None:
                self.observer.build_finished(None, err.message)
                # Not the Dockerfile's fault, most likely: build once more before believing it
                # (below, once the warm edit's copy is gone); only that attempt is recorded.
                self.observer.phase(
                    f"{variant.name}: the build could not reach the network ({clip(cause, 160)});"
                    f" building it once more in {NETWORK_RETRY_PAUSE_S:.0f} s"
                )
                time.sleep(NETWORK_RETRY_PAUSE_S)
            else:
                if record:
                    row = self._build_row(
                        variant,
                        kind,
                        rep,
                        None,
                        error=err.message,
                        log_tail=err.log_tail,
                        edited=edited,
                    )
                    self._rows.add([row])  # the row first: an interrupt must not lose it
                self.observer.build_finished(None, err.message)
                return None
        except BaseException:
            self.observer.build_finished(None, "interrupted")
            raise
        finally:
            self._phases["builds"] = self._phases.get("builds", 0.0) + time.perf_counter() - started
            if tmp is not None:
                shutil.rmtree(tmp.parent, ignore_errors=True)
        if result is None:  # failed on the network: once more (a warm edit is made again)
            return self._build(variant, kind, rep, record=record, estimate=estimate, retry=False)
        seconds: float | None = None
        if kind == "cold":
            from imgopt.bench.steps import hidden_inputs
            from imgopt.engine.images import inspect_image

            df = self._dockerfile(variant)
            hidden = hidden_inputs(df) if df is not None else None
            size = inspect_image(result.image_id).size  # what a cold build's export writes
            # its executed steps ran cold (empty mounts); a --no-cache build's cached ones cost 0
            self.step_times.record(
                result, hidden, no_cache=not estimate, image_bytes=size, build=variant.name
            )
            if estimate:
                rebuilt = self._edited(variant, df)
                guess = self.step_times.estimate(result, hidden, rebuilt, image_bytes=size)
                seconds = guess.seconds
                self._record_estimate(variant, result, guess)
                if seconds is None:
                    self.observer.build_finished(result.seconds, None)
                    more = f" and {len(guess.unknown) - 1} more" if len(guess.unknown) > 1 else ""
                    self.observer.phase(
                        f"{variant.name}: `{guess.unknown[0]}`{more} came from a build cache "
                        "that no timed build filled; building it cold"
                    )
                    self._drop(result.image_id)
                    return self._build(variant, kind, rep, record=record)
        if kind == "cold" and record:
            self._cold_sizes.setdefault(variant.name, size)
            self._cold_flags.setdefault(variant.name, set()).add(str(seconds is not None).lower())
        if record and self._pushed_later(kind, rep):
            # What the rebuild pushes is measured against the cold image's layers, which the
            # background is measuring: the row (and the image) wait for it, in order.
            row = self._build_row(variant, kind, rep, result, edited=edited, pushed=False)
            self._keep.add(result.image_id)
            slot = self._rows.reserve(default=[row])  # kept, without them, if Ctrl-C comes
            self._background.submit(lambda: self._finish_warm(variant, result, row, slot))
        elif record:
            row = self._build_row(variant, kind, rep, result, edited=edited)
            if kind == "cold":
                row["estimated"] = seconds is not None
                row["seconds"] = result.seconds if seconds is None else seconds
            self._rows.add([row])
            if kind == "warm":
                self._drop(result.image_id)
        self.observer.build_finished(result.seconds if seconds is None else seconds, None)
        return result

    def _request(
        self,
        variant: Variant,
        kind: str,
        rep: int,
        context: Path,
        tmp: Path | None,
        estimate: bool,
    ) -> BuildRequest:
        """The build request of one build (``tmp``: the warm edit's copy of the context)."""
        from imgopt.bench.cold import isolated
        from imgopt.engine.builders import BuildRequest

        dockerfile = variant.dockerfile
        if tmp is not None:
            # Use the copy's Dockerfile when it lives inside the context.
            with contextlib.suppress(ValueError):
                inside = variant.dockerfile.resolve().relative_to(variant.context.resolve())
                dockerfile = tmp / inside
        if self.options.estimate_cold:
            # Cache mounts of each distinct step of this repetition: variants that run the same
            # step share them; any other step starts its mounts empty (imgopt.bench.cold)
            dockerfile = isolated(dockerfile, f"{self.run_id}-{rep}", by_prefix=True)
        else:
            # This variant's and repetition's own cache mounts: a cold build starts them empty
            dockerfile = isolated(dockerfile, f"{self.run_id}-{_slug(variant.name)}-{rep}")
        return BuildRequest(
            context=context,
            dockerfile=dockerfile,
            tag=f"imgopt-run-{self.run_id}:{_slug(variant.name)}-{kind}{rep}",
            build_args=dict(self.options.build_args),
            target=self.options.target,
            secrets=self.options.secrets,
            labels={RUN_LABEL: self.run_id, "imgopt.variant": variant.name},
            # "rebuild": only the image is needed, the cache may serve; an estimated cold build
            # reuses the steps other builds of the run executed, and runs the others cold
            no_cache=kind == "cold" and not estimate,
        )

    def _scratch_dir(self) -> Path:
        """The run's own temp folder (warm edits' copies), made once, removed by :meth:`_finish`
        whatever ended the run: a copy an interrupt caught half-made goes with it."""
        if self._scratch is None:
            self._scratch = Path(tempfile.mkdtemp(prefix="imgopt-bench-"))
        return self._scratch

    @contextlib.contextmanager
    def _turn(
        self, lock: contextlib.AbstractContextManager[Any], phase: str
    ) -> Iterator[list[float]]:
        """Hold ``lock`` (:attr:`_cpu`, :attr:`_quiet`); yields ``[seconds waited for it]``,
        which also go to ``phase`` (``cpu_wait``, ``verify_wait``: not the work's own phase)."""
        asked = time.perf_counter()
        with lock:
            waited = [time.perf_counter() - asked]
            self._add_phase(phase, waited[0])
            yield waited

    def _add_phase(self, name: str, seconds: float) -> None:
        """Add ``seconds`` to phase ``name`` (run.json's ``phases``; either thread may call it)."""
        with self._phase_lock:
            self._phases[name] = self._phases.get(name, 0.0) + seconds

    def _pushed_later(self, kind: str, rep: int) -> bool:
        """Whether a warm row's pushed bytes wait for a measurement in the background."""
        return (
            kind == "warm"
            and rep == 0
            and self.options.compressed
            and self._background.enabled
            and self._background.busy
        )

    def _finish_warm(
        self, variant: Variant, result: BuildResult, row: dict[str, Any], slot: int
    ) -> None:
        """A warm rebuild's row once its variant is measured: its pushed bytes, then its
        image goes."""
        from imgopt.bench.pushed import pushed_after_edit

        started = time.perf_counter()
        waited = [0.0]
        try:
            with self._turn(self._cpu, "cpu_wait") as waited:  # it compresses the rebuilt layers
                row["pushed_bytes"] = pushed_after_edit(
                    self.folder.rows(), variant.name, result.image_id
                )
        except BaseException:
            self._rows.fill(slot, [row])  # the build is known; only its pushed bytes are not
            raise
        finally:
            self._add_phase("pushed", time.perf_counter() - started - waited[0])
        self._rows.fill(slot, [row])
        self._keep.discard(result.image_id)
        self._drop(result.image_id)

    def _edited(self, variant: Variant, df: Dockerfile | None) -> str | None:
        """The file the warm rebuild of ``variant`` changes (None: no warm rebuild)."""
        from imgopt.bench.edit import pick_edit_target

        if not self.options.warm or df is None:
            return None
        found = pick_edit_target(df, variant.context, self.options.target)
        return found.path.as_posix() if found is not None else None

    def _record_estimate(self, variant: Variant, result: BuildResult, guess: Estimate) -> None:
        """How ``variant``'s cold time was estimated, in ``run.json`` under ``estimates``."""
        meta = self.folder.metadata()
        estimates = dict(meta.get("estimates") or {})
        estimates[variant.name] = {
            "seconds": guess.seconds,
            "serial_seconds": guess.serial_seconds,
            "build_seconds": round(result.seconds, 3),
            "steps_executed": guess.executed,
            "steps_reused": guess.reused,
            "steps_from_earlier_runs": guess.earlier,
            "steps_by_text": guess.similar,
            "steps_assumed_0s": guess.assumed,
            "steps_scaled": guess.scaled,  # earlier runs' times scaled to this run's speed
            "steps_unknown": list(guess.unknown),
            "overhead_seconds": guess.overhead,
            "export_seconds": guess.export,  # a cold build's export, within the overhead
            # the earlier cold builds its ``earlier`` steps were timed in (see _needs_check)
            "earlier_builds": [
                {"run": run, "variant": built, "factor": factor, "seconds": seconds}
                for run, built, factor, seconds in guess.earlier_builds
            ],
            # each step's counted time and its source, to compare with a real cold build
            "steps": [list(s) for s in guess.steps],
        }
        self.folder.update_metadata(estimates=estimates)

    def _likely_recommended(self) -> Variant | None:
        """The variant the recommendation will most likely pick, before the checks still running
        in the background have said which variants work: the smallest image (uncompressed) of
        the variants whose cold build succeeded in this run; None when none did, or when even
        that one saves less than the recommendation's minimum over the original."""
        from imgopt.results.recommend import Candidate, below_minimum

        built = [v for v in self.variants if not v.original and v.name in self._cold_sizes]
        if not built:
            return None
        pick = min(built, key=lambda v: self._cold_sizes[v.name])
        original = next((v for v in self.variants if v.original), None)
        if original is not None and original.name in self._cold_sizes:
            sizes = [
                Candidate(v.name, self._cold_sizes[v.name], None, None, None)
                for v in (pick, original)
            ]
            if below_minimum(*sizes) is not None:
                # the original will be kept (python-optimized: hygiene saves under 1 %): no
                # variant's estimate to check; if the compressed sizes say otherwise, the
                # pick is checked once the background is done, as for any wrong guess
                return None
        return pick

    def _check_early(self) -> None:
        """The real cold build of :meth:`_check_recommended`, made for the likely pick
        (:meth:`_likely_recommended`) before the background is done, instead of after it (like
        any cold build, it waits for a verification under way: see :attr:`_quiet`, but not for
        the measurements and checks queued behind it). It is the same build (``--no-cache``,
        cache mounts of its own namespace, nothing read from the run's other builds); when the
        recommendation turns out another variant, :meth:`_check_recommended` builds that one
        too."""
        if not self._background.busy:  # every check has answered: the pick is known
            self._check_recommended()
            return
        variant = self._likely_recommended()
        if variant is not None and self._needs_check(variant, self._estimated_rows(variant)):
            self._check(variant)

    def _estimated_rows(self, variant: Variant) -> set[str]:
        """The ``estimated`` flags of ``variant``'s cold rows, those still waiting to be written
        behind the background's included (:attr:`_cold_flags`)."""
        flags = {
            str(r.get("estimated")).lower()
            for r in self.folder.rows()
            if r.get("row") == "build"
            and r.get("variant") == variant.name
            and r.get("kind") == "cold"
            and r.get("seconds")
        }
        return flags | self._cold_flags.get(variant.name, set())

    def _check_recommended(self) -> None:
        """Build the recommended variant cold for real when its cold time was estimated.

        The row (repetition ``repeat``, a cache-mount namespace of its own) stands beside the
        estimate: the summary then shows the measured time, and both say how close the estimate
        was. Skipped when a real cold build of it is already in the folder (``--resume``, or
        :meth:`_check_early` guessed it right).
        """
        recommended = self.summary("running").recommended
        variant = next((v for v in self.variants if v.name == recommended), None)
        if variant is None or variant.original:
            return
        if self._needs_check(variant, self._estimated_rows(variant)):
            self._check(variant)

    def _needs_check(self, variant: Variant, flags: set[str]) -> bool:
        """Whether ``variant``'s estimated cold time still needs a real cold build to check it
        (``flags``: the ``estimated`` values of its cold rows); records it when it does not."""
        if "true" not in flags or "false" in flags:
            return False  # nothing estimated, or measured already
        estimate = (self.folder.metadata().get("estimates") or {}).get(variant.name) or {}
        shared = shared_seconds(estimate)
        if shared is not None and shared <= CHECK_SHARED_SHARE * float(estimate["seconds"]):
            # Its own build ran (cold, empty cache mounts) nearly all of it: a real cold build
            # would measure the same steps again; there is nothing shared to check.
            own = 1 - shared / float(estimate["seconds"])
            self.observer.phase(
                f"{variant.name}: its estimated cold time was {own:.0%} measured in its own "
                "build; no real cold build needed to check it"
            )
            self._no_check(variant, estimate, f"{shared:.1f} s of it came from other builds")
            return False
        earlier = timed_earlier(estimate, variant.name)
        if earlier is not None:
            # Analysed again: its steps come from the cache, timed in one earlier cold build of
            # this very variant (the build that measured it then, or checked it), at about the
            # load of now. A real cold build would time the same steps once more.
            self.observer.phase(
                f"{variant.name}: its steps were timed in one cold build of it in an earlier run"
                f" ({earlier}), at about this load; no real cold build needed to check it"
            )
            self._no_check(variant, estimate, f"timed in an earlier cold build of it ({earlier})")
            return False
        return True

    def _no_check(self, variant: Variant, estimate: dict[str, Any], why: str) -> None:
        """Record in run.json why ``variant``'s estimate needs no real cold build."""
        estimate["check"] = f"not needed: {why}"
        estimates = dict(self.folder.metadata().get("estimates") or {})
        estimates[variant.name] = estimate
        self.folder.update_metadata(estimates=estimates)

    def _check(self, variant: Variant) -> None:
        """The real cold build of ``variant`` that checks its estimate."""
        self.observer.phase(f"{variant.name}: a real cold build, to check its estimated time")
        started = time.perf_counter()
        result = self._build(variant, "cold", self.options.repeat)
        # part of "builds" too: it says how much of it the check took
        self._add_phase("check_estimate", time.perf_counter() - started)
        if result is not None:
            self._drop(result.image_id)

    def _build_row(
        self,
        variant: Variant,
        kind: str,
        rep: int,
        result: BuildResult | None,
        *,
        error: str | None = None,
        log_tail: str | None = None,
        edited: str | None = None,
        pushed: bool = True,
    ) -> dict[str, Any]:
        from imgopt.bench.pushed import pushed_after_edit
        from imgopt.engine.images import inspect_image

        size = layers = None
        if result is not None:
            info = inspect_image(result.image_id)
            size, layers = info.size, len(info.diff_ids)
        assert self.builder is not None
        return {
            "run_id": self.run_id,
            "row": "build",
            "variant": variant.name,
            "dockerfile": str(variant.dockerfile),
            "kind": kind,
            "repetition": rep,
            "seconds": result.seconds if result else None,
            "image_id": result.image_id if result else None,
            "size_bytes": size,
            "layers": layers,
            "steps": result.run_steps if result else None,
            "cached_steps": result.cached_steps if result else None,
            "builder": result.builder if result else self.builder.name,
            "edited_file": edited,
            "pushed_bytes": pushed_after_edit(self.folder.rows(), variant.name, result.image_id)
            if pushed and result and kind == "warm" and rep == 0 and self.options.compressed
            else None,
            "error": error,
            "log_tail": log_tail,
            "finished_at": now_iso(),
        }

    # -- measurement and verification -------------------------------------------------------

    def _dockerfile(self, variant: Variant) -> Dockerfile | None:
        from imgopt.bench.sizes import parse_dockerfile

        if variant.name not in self._parsed:
            self._parsed[variant.name] = parse_dockerfile(
                variant.dockerfile, self.options.build_args
            )
        return self._parsed[variant.name]

    def _measure(
        self,
        variant: Variant,
        result: BuildResult,
        *,
        slot: int | None = None,
        compressed: threading.Event | None = None,
    ) -> None:
        """Measure and verify ``result``; write its rows (into ``slot`` when one is reserved);
        ``compressed`` is set once its layers are compressed (verification follows)."""
        rows = self._measurement(variant, result, compressed)
        if slot is None:
            self._rows.add(rows)
        else:
            self._rows.fill(slot, rows)

    def _measurement(
        self, variant: Variant, result: BuildResult, compressed: threading.Event | None = None
    ) -> list[dict[str, Any]]:
        """The layer rows and the variant row of a measured and verified cold build
        (``compressed``: set once the layers are compressed)."""
        from imgopt.bench.layers import measure_layers
        from imgopt.bench.sizes import base_image_ref, image_sizes
        from imgopt.bench.waste import analyze_waste
        from imgopt.engine.images import inspect_image

        self._keep.add(result.image_id)
        self.observer.phase(f"{variant.name}: measuring layers")
        started = time.perf_counter()
        info = inspect_image(result.image_id)
        df = self._dockerfile(variant)
        base_ref = base_image_ref(df, self.options.target) if df is not None else None
        base = self._base_info(base_ref)
        # it compresses layers on every core: never beside a build
        with self._turn(self._cpu, "cpu_wait") as waited:
            facts = measure_layers(info.id, info.diff_ids, compressed=self.options.compressed)
            sizes = image_sizes(
                info,
                facts,
                dockerfile=df,
                target=self.options.target,
                base=base,
                base_ref=base_ref,
                steps=result.steps,
            )
            waste = analyze_waste([f.entries or () for f in facts], own_from=sizes.base_layers)
        self._add_phase("measure", time.perf_counter() - started - waited[0])
        if compressed is not None:
            compressed.set()
        with self._quiet:  # never beside a cold build (see _quiet)
            with watchdog(verify_watchdog_s(), f"verifying {variant.name}"):
                verified, reason, log_tail = self._verify(
                    variant, result.image_id, sizes.size_bytes
                )
            if verified and not variant.original and self.check_variant is not None:
                started = time.perf_counter()
                try:
                    problem = self.check_variant(variant.dockerfile, result.image_id, self.run_id)
                finally:  # analyze's library check (imgopt.analyze.evidence): its own phase
                    self._add_phase("check_variant", time.perf_counter() - started)
                if problem is not None:
                    verified, reason = False, problem
        rows: list[dict[str, Any]] = [
            self._layer_row(variant, sizes, layer) for layer in sizes.layers
        ]
        rows.append(
            {
                "run_id": self.run_id,
                "row": "variant",
                "variant": variant.name,
                "dockerfile": str(variant.dockerfile),
                "image_id": info.id,
                "size_bytes": sizes.size_bytes,
                "compressed_bytes": sizes.compressed_bytes,
                "layers": len(sizes.layers),
                "own_size_bytes": sizes.own_size_bytes,
                "own_compressed_bytes": sizes.own_compressed_bytes,
                "base_image": sizes.base_image,
                "base_layers": sizes.base_layers,
                "builder": result.builder,
                "efficiency": waste.efficiency,
                "wasted_bytes": waste.wasted_bytes,
                "user_wasted_ratio": waste.user_wasted_ratio,
                "recoverable_bytes": waste.recoverable_bytes,
                "recoverable_own_bytes": waste.recoverable_own_bytes,
                "verified": verified,
                "verify_reason": reason,
                "log_tail": log_tail,
                "finished_at": now_iso(),
            }
        )
        return rows

    def _layer_row(self, variant: Variant, sizes: ImageSizes, layer: Any) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "row": "layer",
            "variant": variant.name,
            "dockerfile": str(variant.dockerfile),
            "image_id": sizes.image_id,
            "layer_index": layer.index,
            "diff_id": layer.diff_id,
            "instruction": layer.instruction,
            "line": layer.line,
            "created_by": layer.created_by,
            "base": layer.base,
            "size_bytes": layer.size_bytes,
            "tar_bytes": layer.tar_bytes,
            "compressed_bytes": layer.compressed_bytes,
            "step_seconds": layer.step_seconds,
            "base_image": sizes.base_image,
            "finished_at": now_iso(),
        }

    def _base_info(self, ref: str | None) -> ImageInfo | None:
        from imgopt.bench.sizes import is_standin
        from imgopt.engine.images import inspect_image

        if ref is None:
            return None
        try:
            info = inspect_image(ref)
        except InputError:
            return None
        meta = self.folder.metadata()
        bases = meta.get("base_images") or []
        if not any(b.get("ref") == ref for b in bases):
            bases.append({"ref": ref, "id": info.id, "standin": is_standin(info)})
            self.folder.update_metadata(base_images=bases)
        return info

    def _verify(
        self, variant: Variant, image_id: str, size_bytes: int | None = None
    ) -> tuple[bool | None, str | None, str | None]:
        """Verify the image: profile the original; compare a variant with it.

        The original is discovered, probed twice and traced (:class:`imgopt.verify.Verifier`);
        what was found, and each variant's proof (what was checked), go to ``verify/`` in the run
        folder and to ``verification`` in ``run.json``.

        Returns:
            (verified, reason, log tail of the failing container); verified is None when
            verification is off.
        """
        if not self.options.verify:
            return None, None, None
        from imgopt.verify import keep_ends

        self.observer.phase(f"{variant.name}: verifying")
        started = time.perf_counter()
        try:
            verifier = self._verifier_for()
            if not variant.original and self._profile is None:
                # Resumed after the original was verified in an earlier session: its image is
                # gone, so rebuild it (from the cache: a check may run it again) and read the
                # profile that session saved; profile it again only without one for this image.
                rebuilt = self._build(self.variants[0], "rebuild", 0, record=False)
                if rebuilt is None:
                    return False, "the original could not be rebuilt to compare with", None
                self._profile = self._saved_profile(verifier, rebuilt.image_id)
            if variant.original:
                profile = verifier.profile(image_id, base_image=self._base_ref())
                self._profile = profile
                self._save_profile(verifier, profile)
                self.observer.phase(f"{variant.name}: {profile.discovery.describe()}")
                self.observer.phase(
                    f"{variant.name}: checks: {_proof_line(profile.proof, size_bytes)}"
                )
                self._record_proof(variant, profile.passed, profile.proof.to_dict())
                if not profile.passed:
                    why = keep_ends(profile.reason or "")
                    draft = "verify/smoke.toml in the run folder holds what was discovered"
                    return False, f"{why} ({draft})", profile.result.log_tail or None
                return True, None, None
            assert self._profile is not None
            verdict = verifier.check(self._profile, image_id)
        except EngineError:
            raise
        except ImgoptError as err:
            return False, keep_ends(err.message), None
        finally:
            self._phases["verify"] = self._phases.get("verify", 0.0) + time.perf_counter() - started
        self._record_proof(variant, verdict.verified, verdict.proof.to_dict())
        if verdict.verified:
            self.observer.phase(f"{variant.name}: verified: {verdict.proof.describe()}")
        absent = verdict.proof.absent_line()
        if absent is not None:
            self.observer.phase(f"{variant.name}: {absent}")
        reason = keep_ends(verdict.reason) if verdict.reason else None
        return verdict.verified, reason, verdict.log_tail

    def _save_profile(self, verifier: Verifier, profile: Profile) -> None:
        """Keep the original's profile in the run folder (``verify/profile.json``) for a
        resumed run (:mod:`imgopt.verify.saved`); say so when it cannot be kept."""
        from imgopt.verify.saved import save_profile

        why = save_profile(
            self.folder.path / "verify",
            profile,
            user=verifier.user_spec,
            secrets=self.folder.secret_values,
        )
        if why is not None:
            self.observer.phase(f"the original's profile is not kept for a resumed run: {why}")

    def _saved_profile(self, verifier: Verifier, image_id: str) -> Profile:
        """The original's profile for a resumed run: the one an earlier session saved when it
        was made for ``image_id`` (the original rebuilt from the cache), with the same smoke
        spec and dependencies; else the original is profiled again, and the run says why."""
        from imgopt.verify.saved import load_profile

        name = self.variants[0].name
        profile, why = load_profile(
            self.folder.path / "verify",
            image=image_id,
            user=verifier.user_spec,
            dependencies=verifier.dependencies,
        )
        if profile is not None:
            self.observer.phase(f"{name}: profile of an earlier session (verify/profile.json)")
            return profile
        self.observer.phase(f"{name}: profiled again ({why})")
        profile = verifier.profile(image_id, base_image=self._base_ref())
        self._save_profile(verifier, profile)
        return profile

    def _verifier_for(self) -> Verifier:
        from imgopt.verify import Verifier

        if self._verifier is None:
            original = self.variants[0]
            self._verifier = Verifier(
                run_id=self.run_id,
                context=original.context,
                spec=self._user_spec(),
                out_dir=self.folder.path / "verify",
                dependencies=self._dependencies(),
                strict_closure=self.options.strict_closure,
            )
        return self._verifier

    def _strict_closure(self) -> bool:
        """The closure rule this run applies: the option, else the app's spec (when it verifies),
        else the literal rule (:func:`imgopt.verify.closure.strict_rule`)."""
        from imgopt.verify.closure import strict_rule

        spec = self._user_spec() if self.options.verify else None
        return strict_rule(self.options.strict_closure, spec.closure_strict if spec else None)

    def _user_spec(self) -> SmokeSpec | None:
        """The app's smoke.toml, its limits within imgopt's ceilings unless the user trusts it.

        Raises:
            ConfigError: the file is malformed, or asks beyond a ceiling without the flag.
        """
        from imgopt.verify import find_spec, load_spec

        found = find_spec(_spec_dir(self.variants[0]))
        trusted = self.options.trust_spec_limits
        return load_spec(found, trusted=trusted) if found is not None else None

    def _dependencies(self) -> Dependencies:
        """What the app needs started: its Compose service's dependencies, its spec's services."""
        from imgopt.verify.deps import find_dependencies

        if self._deps is None:
            original = self.variants[0]
            spec = self._user_spec()
            services = spec.services if spec is not None else ()
            compose = (self.options.compose_file, self.options.compose_service)
            self._deps = find_dependencies(
                original.context, original.dockerfile, services, compose=compose
            )
            if self._deps:
                found = self._deps
                self.folder.update_metadata(
                    dependencies={
                        "source": found.source,
                        "services": list(found.names),
                        "notes": list(found.notes),
                    }
                )
        return self._deps

    def _base_ref(self) -> str | None:
        """The original's base image (its final stage's FROM), for the closure's own files."""
        from imgopt.bench.sizes import base_image_ref

        df = self._dockerfile(self.variants[0])
        return base_image_ref(df, self.options.target) if df is not None else None

    def _record_proof(self, variant: Variant, verified: bool, proof: dict[str, Any]) -> None:
        """What verification checked for ``variant``, in ``run.json`` under ``verification``."""
        meta = self.folder.metadata()
        done = dict(meta.get("verification") or {})
        done[variant.name] = {"verified": verified, **proof}
        self.folder.update_metadata(verification=done)

    def _add_variants(self, original: Variant) -> None:
        """Run ``after_original`` with the original's image and closure; add what it returns."""
        assert self.after_original is not None
        image_id = next(
            (
                r.get("image_id")
                for r in self.folder.rows()
                if r.get("row") == "variant" and r.get("variant") == original.name
            ),
            None,
        )
        if not image_id:
            return
        facts = self._profile.closure_facts if self._profile is not None else None
        closure = tuple(facts.files) if facts is not None else None
        added = [
            v
            for v in self.after_original(str(image_id), closure, self.run_id)
            if v.name not in {x.name for x in self.variants}
        ]
        if not added:
            return
        self.variants.extend(added)
        self._list_variants(added)

    def _list_variants(self, added: list[Variant]) -> None:
        """Add ``added`` to run.json's list of variants."""
        if not added:
            return
        meta = self.folder.metadata()
        listed = list(meta.get("variants") or [])
        listed.extend(
            {
                "name": v.name,
                "dockerfile": str(v.dockerfile),
                "sha256": sha256_of(v.dockerfile),
                "context": str(v.context),
                "original": False,
            }
            for v in added
        )
        self.folder.update_metadata(variants=listed)

    def _record_broken(self, variant: Variant, err: ImgoptError) -> None:
        self._rows.add(
            [
                {
                    "run_id": self.run_id,
                    "row": "variant",
                    "variant": variant.name,
                    "dockerfile": str(variant.dockerfile),
                    "verified": False,
                    "verify_reason": "does not build",
                    "error": err.message,
                    "log_tail": getattr(err, "log_tail", None),
                    "finished_at": now_iso(),
                }
            ]
        )

    # -- images --------------------------------------------------------------------------------

    def _drop(self, image_id: str) -> None:
        """Remove a build's image now unless it is kept (measured images go at the end)."""
        if self.options.keep_images or image_id in self._keep:
            return
        from imgopt.engine.images import remove_images

        remove_images([image_id])

    def _announce_cleanup(self) -> None:
        self.observer.phase(
            "removing the run's containers" + ("" if self.options.keep_images else " and images")
        )

    def _finish(self, status: str, *, engine_gone: bool = False, announce: bool = True) -> None:
        """Remove the run's containers and images, record the status, release the lock.

        Bounded in time: every engine call has a deadline, and when the engine is known to be
        gone nothing is asked of it (``make clean`` removes leftovers by label later).
        """
        cleanup = time.perf_counter()
        scratch, self._scratch = self._scratch, None
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
        if not engine_gone:
            if announce:
                self._announce_cleanup()
            try:
                from concurrent.futures import ThreadPoolExecutor

                from imgopt.bench.cold import prune_cache_mounts
                from imgopt.engine.containers import remove_run_containers

                # The run's cache mounts (never another's) go beside its containers and images:
                # no container or image holds a cache mount once the builds are over.
                pool = ThreadPoolExecutor(1, thread_name_prefix="imgopt-prune")
                pruned = pool.submit(prune_cache_mounts, self.run_id)
                pool.shutdown(wait=False)
                remove_run_containers(self.run_id)  # verification containers, always
                if not self.options.keep_images:
                    from imgopt.engine.images import images_with_label, remove_images

                    remove_images(images_with_label(RUN_LABEL, self.run_id))
                release = getattr(self.builder, "release_stage_images", None)
                if release is not None:
                    release()  # after the final images: their chains are protected
                pruned.result()
            except Exception as exc:
                if classify(exc) is None:
                    raise
                # The engine failed while cleaning up; `make clean` removes leftovers by label.
        self._phases["cleanup"] = time.perf_counter() - cleanup
        try:
            meta = self.folder.metadata()
            phases = meta.get("phases") or {}
            for key, value in self._phases.items():
                phases[key] = round(phases.get(key, 0.0) + value, 3)
            self.folder.update_metadata(
                status=status, finished_at=now_iso(), phases=phases, load_at_end=load_average()
            )
        except (OSError, ImgoptError, ValueError):
            pass  # the rows are already durable; a metadata update must not hide the real error
        finally:
            self.folder.release()

    # -- summary -------------------------------------------------------------------------------

    def summary(self, status: str) -> BenchResult:
        """The per-variant summary, computed from the rows in the run folder."""
        return summarize(
            self.folder, self.variants, status, self.builder.name if self.builder else ""
        )


#: Seconds an interrupted run waits for the measurement or check running in the background.
BACKGROUND_STOP_S = 60.0
#: Seconds one variant's verification may take before the bench gives up on the engine
#: (IMGOPT_VERIFY_WATCHDOG overrides it). Far above what a smoke spec's own timeouts add up to.
DEFAULT_VERIFY_WATCHDOG_S = 900.0


#: The recommended variant's estimate is checked by a real cold build unless at most this share
#: of it came from steps other builds executed (the rest its own build ran cold).
CHECK_SHARED_SHARE = 0.05


def shared_seconds(estimate: Mapping[str, Any]) -> float | None:
    """Seconds of a recorded estimate (run.json's ``estimates`` item) that came from steps
    other builds executed, this run's or earlier ones' (None: not recorded step by step)."""
    steps = estimate.get("steps")
    if not isinstance(steps, list) or not steps or not estimate.get("seconds"):
        return None
    own = ("executed", "cached when cold", "assumed")
    return sum(float(s[1]) for s in steps if isinstance(s, list) and s[2] not in own)


#: How far the load may have moved since an earlier build timed a step (the factor its time is
#: scaled by, :meth:`imgopt.bench.steps.StepTimes.factor`) for that build to stand as a
#: measurement of now: beyond it, the estimate leans on the load model, which a check tests.
EARLIER_FACTOR_SPAN = (0.9, 1.1)


def timed_earlier(estimate: Mapping[str, Any], variant: str) -> str | None:
    """The earlier run that timed, in one cold build of ``variant``, the steps of a recorded
    estimate (run.json's ``estimates`` item) that its own build did not execute, at a load
    within :data:`EARLIER_FACTOR_SPAN` of now; steps other builds of this run timed (the
    original's ``FROM``, ``WORKDIR``) may add up to :data:`CHECK_SHARED_SHARE` of it. None when
    the estimate is made otherwise: steps timed by several earlier builds, by another variant's,
    by the same text on other inputs, or at another load.
    """
    shared = shared_seconds(estimate)
    builds = estimate.get("earlier_builds")
    if not shared or not isinstance(builds, list) or len(builds) != 1:
        return None
    (build,) = builds
    factor = build.get("factor")
    rest = shared - float(build.get("seconds") or 0.0)  # the seconds other builds timed
    if (
        build.get("variant") != variant
        or not build.get("run")
        or not isinstance(factor, int | float)
        or not EARLIER_FACTOR_SPAN[0] <= factor <= EARLIER_FACTOR_SPAN[1]
        or rest > CHECK_SHARED_SHARE * float(estimate["seconds"])
    ):
        return None
    return str(build["run"])


def verify_watchdog_s() -> float:
    """The verification watchdog's limit in seconds (``IMGOPT_VERIFY_WATCHDOG``)."""
    import os

    raw = os.environ.get("IMGOPT_VERIFY_WATCHDOG", "").strip()
    try:
        value = float(raw) if raw else DEFAULT_VERIFY_WATCHDOG_S
    except ValueError:
        raise InputError(f"IMGOPT_VERIFY_WATCHDOG={raw!r} is not a number of seconds") from None
    if not 0 < value <= 7 * 24 * 3600:
        raise InputError(f"IMGOPT_VERIFY_WATCHDOG={raw!r} must be between 0 and one week")
    return value


@contextlib.contextmanager
def watchdog(seconds: float, what: str) -> Iterator[None]:
    """Raise :class:`~imgopt.errors.EngineError` in the block when it runs over ``seconds``.

    The bench's watchdog: an engine that stops answering in the middle of verification (a
    container that never starts, a wait that never returns) must not hold the run forever.
    SIGALRM interrupts even a blocked socket read. In a thread other than the main one (where
    Python cannot take signals) the block runs unguarded.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield
        return

    def fire(signum: int, frame: object) -> None:
        from imgopt.errors import engine_address

        raise EngineError(
            f"the Docker engine at {engine_address()} did not finish {what} within "
            f"{seconds:g} s (the bench's watchdog)",
            hint="check the engine (`docker info`); IMGOPT_VERIFY_WATCHDOG sets the limit",
        )

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _engine_name() -> str:
    from imgopt.engine.client import engine_name

    return engine_name()


def _engine_answers() -> bool:
    from imgopt.engine.client import engine_answers

    return engine_answers()


def _proof_line(proof: Any, size_bytes: int | None) -> str:
    """What verification checked, and how much of the original's image the app touched."""
    text = str(proof.describe())
    if proof.closure_bytes is not None and size_bytes:
        mb, of = proof.closure_bytes / 1e6, size_bytes / 1e6
        text += f"; the app touched {mb:,.1f} MB of this {of:,.1f} MB original"
    return text


def _spec_dir(variant: Variant) -> Path:
    """Where the app's smoke spec is looked for: beside the Dockerfile, else the context."""
    from imgopt.verify import find_spec

    beside = variant.dockerfile.parent
    return beside if find_spec(beside) is not None else variant.context


def _slug(name: str) -> str:
    slug = re.sub(r"[^a-z0-9_.-]+", "-", name.lower()).strip("-.") or "variant"
    return slug[:100]


def summarize(
    folder: RunFolder, variants: Sequence[Variant], status: str, builder: str
) -> BenchResult:
    """Summarise a run folder per variant, and name the recommended variant.

    Every figure comes from :func:`imgopt.results.frames.summarize` and the pick from
    :func:`imgopt.results.recommend.recommend`, the same the report and ``imgopt analyze`` use:
    the smallest variant that built and passed the smoke checks like the original; with
    ``--no-verify`` nothing is verified, so nothing is recommended.
    """
    from imgopt.results.frames import read_run, records
    from imgopt.results.frames import summarize as summary_frame
    from imgopt.results.recommend import recommend_summary

    frames = read_run(folder.path)
    summary = summary_frame(frames)
    rows = {r["name"]: r for r in records(summary)}
    out = [_variant_summary(v, rows.get(v.name)) for v in variants]
    pick = recommend_summary(summary)
    return BenchResult(
        run_id=str(frames.meta.get("run_id", "")),
        run_dir=folder.path,
        variants=tuple(out),
        recommended=pick.smallest,
        status=status,
        builder=builder,
        kept=pick.kept,
    )


def _variant_summary(v: Variant, row: Mapping[str, Any] | None) -> VariantSummary:
    """One variant's line of the summary (every figure None when the run never reached it)."""
    from imgopt.results.frames import SUMMARY_COLUMNS

    row = row or {}
    renamed = {
        f"{k}{x}_s": f"{k}_build{x}_s" for k in ("cold", "warm") for x in ("", "_min", "_max")
    }
    skipped = {"name", "dockerfile", "original", "cold_n", "warm_n", "excluded"}
    figures: dict[str, Any] = {
        renamed.get(c, c): row.get(c) for c in SUMMARY_COLUMNS if c not in skipped
    }
    figures["builds"] = figures["builds"] or 0
    return VariantSummary(name=v.name, dockerfile=str(v.dockerfile), original=v.original, **figures)
