"""What a report needs from a bench run, as plain frozen values.

The report reads saved runs and never builds or measures, so a report can be re-rendered from an
old run. :mod:`imgopt.report.loader` fills these values from a run folder; tests build them by
hand. Everything is optional that an interrupted or older run may lack: a renderer prints a dash
and the report carries a note, rather than failing.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Spread:
    """A timing over repetitions: the median with its min and max.

    Attributes:
        median: median seconds.
        low: the fastest repetition.
        high: the slowest repetition.
        n: how many repetitions finished.
    """

    median: float
    low: float
    high: float
    n: int

    @classmethod
    def of(cls, values: list[float]) -> Spread | None:
        """The spread of ``values`` (None when there are none)."""
        if not values:
            return None
        ordered = sorted(values)
        mid = len(ordered) // 2
        median = ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
        return cls(median=median, low=ordered[0], high=ordered[-1], n=len(ordered))


@dataclass(frozen=True, slots=True)
class ChangeInfo:
    """One change a variant made to the original Dockerfile (as the variant planner recorded it).

    Attributes:
        source: rule code (``"IMG101"``) or strategy id (``"python-venv"``).
        title: what was done, in a few words.
        rationale: why it helps and what to check.
        safety: ``"safe"`` or ``"unsafe"`` (free text from older runs is kept as is).
        lines: first and last line of the original it concerns, or None.
    """

    source: str
    title: str
    rationale: str = ""
    safety: str = ""
    lines: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Layer:
    """One layer of one variant's image.

    Attributes:
        variant: the variant's name.
        index: 0-based position, bottom first.
        instruction: the Dockerfile instruction that made it (``"FROM <base>"`` for base layers).
        size_bytes: uncompressed size.
        compressed_bytes: gzip size, when measured.
        base: the layer comes from the base image.
    """

    variant: str
    index: int
    instruction: str
    size_bytes: int
    compressed_bytes: int | None = None
    base: bool = False


@dataclass(frozen=True, slots=True)
class VariantResult:
    """One variant's measured facts, aggregated over its builds.

    Attributes:
        name: variant name (``"original"``, ``"hygiene"``, ...).
        dockerfile_path: where its Dockerfile was, as recorded.
        dockerfile_text: its Dockerfile, when it could be read (for the diff).
        size_bytes: uncompressed image size.
        compressed_bytes: sum of the gzip sizes of its layers.
        base_bytes: bytes of the base image's layers.
        layer_count: number of layers.
        cold: cold build times (no build cache).
        warm: warm rebuild times after a one-line source change.
        efficiency: dive's efficiency score, 0..1.
        wasted_bytes: dive's wasted bytes.
        recoverable_bytes: bytes a later layer overwrites or deletes.
        verified: True passed the smoke checks like the original, False broken, None not checked.
        error: why it is broken (build, start or answer), or None.
        changes: what it changed in the original, when recorded.
        proof: what its verification checked, in words (``5 HTTP probes, 0 commands, 4
            closure files (8.6 MB), dependencies started: none``), when recorded.
        closure_bytes_here: the bytes of the original's runtime file closure this image holds
            (the app's floor in it), when recorded.
        engine: the engine that built, measured and verified it, when the run recorded it.
        reference: the row of the original it is compared with, when not the run's original
            (a target split over engines: each part's variants against their part's original).
        absent_files: closure files it lacks but does not need, as recorded (the first 50),
            each with why it is not required (:mod:`imgopt.report.absent`).
        absent_total: how many such files it lacks in all.
    """

    name: str
    dockerfile_path: str | None = None
    dockerfile_text: str | None = None
    size_bytes: int | None = None
    compressed_bytes: int | None = None
    base_bytes: int | None = None
    layer_count: int | None = None
    cold: Spread | None = None
    warm: Spread | None = None
    efficiency: float | None = None
    wasted_bytes: int | None = None
    recoverable_bytes: int | None = None
    verified: bool | None = None
    error: str | None = None
    changes: tuple[ChangeInfo, ...] = ()
    proof: str | None = None
    closure_bytes_here: int | None = None
    engine: str | None = None
    reference: str | None = None
    absent_files: tuple[tuple[str, str], ...] = ()
    absent_total: int = 0

    @property
    def broken(self) -> bool:
        """It failed to build, start, or answer like the original."""
        return self.verified is False or self.error is not None

    @property
    def usable(self) -> bool:
        """It may be recommended: built, measured and verified."""
        return self.verified is True and self.error is None and self.size_bytes is not None


@dataclass(frozen=True, slots=True)
class Environment:
    """Where and how a run was measured (the report's environment box).

    Attributes:
        machine: OS, CPU and memory in one line.
        engine: Docker engine version.
        builder: which builder ran and its version (``"buildkit (buildx 0.13.1)"``).
        imgopt_version: the imgopt that measured it.
        app_commit: git commit of the app's folder, when it is in a repository.
        date: when the run started (ISO 8601).
        base_images: each base image and whether it was a locally built stand-in (None: unknown).
        repeat: repetitions asked for per build kind.
    """

    machine: str | None = None
    engine: str | None = None
    builder: str | None = None
    imgopt_version: str | None = None
    app_commit: str | None = None
    date: str | None = None
    base_images: tuple[tuple[str, bool | None], ...] = ()
    repeat: int | None = None


@dataclass(frozen=True, slots=True)
class RunData:
    """Everything one report is made from.

    Attributes:
        path: the run folder.
        app: the app's name (its folder name unless the run recorded one).
        variants: the variants in run order; the original first when there is one.
        layers: every layer of every variant that was measured.
        env: the environment box.
        notes: what is missing or odd about the run, shown visibly in the report.
        references: the rows that are another part's original (a target split over engines,
            :mod:`imgopt.report.parts`): shown, and the reference of that part's variants, but
            never a candidate of the recommendation.
    """

    path: str
    app: str
    variants: tuple[VariantResult, ...]
    layers: tuple[Layer, ...] = ()
    env: Environment = field(default_factory=Environment)
    notes: tuple[str, ...] = ()
    references: tuple[str, ...] = ()

    @property
    def original(self) -> VariantResult | None:
        """The variant called ``original`` (or the first one), or None for an empty run."""
        for v in self.variants:
            if v.name == "original":
                return v
        return self.variants[0] if self.variants else None

    def reference_of(self, v: VariantResult) -> VariantResult | None:
        """The original ``v`` is compared with: its own part's (:attr:`VariantResult.reference`;
        a part's original is its own), else the run's."""
        if v.name in self.references:
            return v
        return (self.get(v.reference) if v.reference else None) or self.original

    @property
    def engines(self) -> tuple[str, ...]:
        """The engines that produced the variants, in order of first appearance."""
        return tuple(dict.fromkeys(v.engine for v in self.variants if v.engine))

    def get(self, name: str) -> VariantResult | None:
        """The variant called ``name``, or None."""
        return next((v for v in self.variants if v.name == name), None)

    def layers_of(self, name: str) -> list[Layer]:
        """The layers of variant ``name``, bottom first."""
        return sorted((la for la in self.layers if la.variant == name), key=lambda la: la.index)
