"""What ``imgopt analyze`` found: plain frozen values the renderers and the JSON output read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from imgopt.bench.runner import BenchResult, VariantSummary
    from imgopt.report import Recommendation
    from imgopt.rules import Finding
    from imgopt.variants import Plan

#: The stages of an analysis, in order (the keys of :attr:`TargetAnalysis.timings`).
STAGES = ("lint", "propose", "bench", "report")


@dataclass(frozen=True, slots=True)
class Target:
    """One image to analyse: a Dockerfile and how it is built.

    Attributes:
        name: the app's folder name, or the Compose service's name.
        dockerfile: the Dockerfile.
        context: its build context.
        build_args: ``--build-arg`` values (Compose ``args``).
        stage: the ``--target`` stage (Compose ``target``), None for the last.
        compose_file: the Compose file whose service ``name`` this is (its dependencies are
            started for verification), or None.
    """

    name: str
    dockerfile: Path
    context: Path
    build_args: Mapping[str, str] = field(default_factory=dict)
    stage: str | None = None
    compose_file: Path | None = None


@dataclass(frozen=True, slots=True)
class BaseImageSize:
    """A base image a variant needs, and its size in the local engine.

    Attributes:
        ref: the image reference.
        size_bytes: ``docker images`` size, None when it is not present or no engine answers.
        present: True/False when the engine said so, None when no engine answered.
    """

    ref: str
    size_bytes: int | None
    present: bool | None


@dataclass(frozen=True, slots=True)
class TargetAnalysis:
    """Everything found about one Dockerfile.

    Attributes:
        target: what was analysed.
        out: the folder holding its run, proposed Dockerfiles and report.
        findings: the lint findings on the original.
        plan: the proposed variants (and the skipped ones, with reasons).
        built: whether the variants were built (False with ``--no-build``).
        repeat: cold builds and warm rebuilds per variant.
        bench: the bench run's summary (None when nothing was built).
        recommendation: the report's pick (None when nothing was built).
        report: the report's Markdown file (None when nothing was built).
        base_images: sizes of the variants' base images in the local engine (no-build mode).
        spec_inferred: the smoke check was inferred from the image (no ``smoke.toml``).
        timings: seconds per stage (:data:`STAGES`), and the bench's own phases as
            ``bench.builds``, ``bench.measure``, ``bench.verify``, ``bench.cleanup``.
        error: why the analysis stopped (the original did not build, ...), or None.
        notes: things the user should know (a Compose file beside the Dockerfile, ...).
        applied: files ``--apply`` wrote.
    """

    target: Target
    out: Path
    findings: tuple[Finding, ...]
    plan: Plan
    built: bool
    repeat: int = 1
    bench: BenchResult | None = None
    recommendation: Recommendation | None = None
    report: Path | None = None
    base_images: tuple[BaseImageSize, ...] = ()
    spec_inferred: bool = False
    timings: Mapping[str, float] = field(default_factory=dict)
    error: str | None = None
    notes: tuple[str, ...] = ()
    applied: tuple[Path, ...] = ()

    @property
    def dockerfiles(self) -> Path:
        """Where the proposed Dockerfiles are (``<variant>/Dockerfile``)."""
        from imgopt.analyze.workspace import DOCKERFILES_DIR

        return self.out / DOCKERFILES_DIR

    def summary(self, name: str) -> VariantSummary | None:
        """The bench summary of variant ``name`` (None when not built)."""
        if self.bench is None:
            return None
        return next((v for v in self.bench.variants if v.name == name), None)

    def pushed_bytes(self) -> dict[str, int]:
        """Per variant, the compressed bytes its rebuild after the one-line code edit pushes (the
        layers that changed; :func:`imgopt.bench.pushed.pushed_per_variant`), from the run
        folder; a variant whose rebuild was not measured is absent."""
        if self.bench is None:
            return {}
        from imgopt.bench.pushed import pushed_per_variant

        return pushed_per_variant(self.bench.run_dir)

    @property
    def original(self) -> VariantSummary | None:
        """The original's bench summary."""
        return self.summary("original")

    @property
    def recommended(self) -> VariantSummary | None:
        """The recommended variant's bench summary (the report's pick), or None."""
        if self.recommendation is None or self.recommendation.smallest is None:
            return None
        return self.summary(self.recommendation.smallest.name)

    @property
    def recommended_file(self) -> Path | None:
        """The recommended variant's Dockerfile in the output folder (None: keep the original)."""
        rec = self.recommended
        if rec is None or rec.original:
            return None
        return self.dockerfiles / rec.name / "Dockerfile"

    @property
    def saved_bytes(self) -> tuple[int, int] | None:
        """(bytes, compressed bytes) the recommendation saves against the original."""
        orig, rec = self.original, self.recommended
        if orig is None or rec is None or orig.size_bytes is None or rec.size_bytes is None:
            return None
        compressed = (orig.compressed_bytes or 0) - (rec.compressed_bytes or 0)
        return orig.size_bytes - rec.size_bytes, compressed


@dataclass(frozen=True, slots=True)
class ImageService:
    """A Compose service that only names an image (nothing to analyse), with its local size.

    Attributes:
        name: the service.
        image: the image it names (None when it names none).
        size_bytes: its size in the local engine, None when absent or unknown.
        present: True/False when the engine said so, None when no engine answered.
        note: why it was not analysed.
    """

    name: str
    image: str | None
    size_bytes: int | None
    present: bool | None
    note: str


@dataclass(frozen=True, slots=True)
class Analysis:
    """The result of one ``imgopt analyze``.

    Attributes:
        kind: ``"dockerfile"`` or ``"compose"``.
        source: what was given (the context folder, the Dockerfile, or the Compose file).
        out: the output folder.
        targets: the analysed Dockerfiles (one, or one per Compose service with a ``build``).
        services: every Compose service in file order (names only; empty for a Dockerfile).
        same_as: Compose services that build the same image as an earlier analysed one, mapped
            to it (analysed once).
        images: the Compose services that only name an image.
        report: the report (Markdown; the HTML is beside it), or None when nothing was built.
        built: whether anything was built.
        interrupted: the run was stopped (Ctrl-C) before it finished.
    """

    kind: str
    source: Path
    out: Path
    targets: tuple[TargetAnalysis, ...]
    services: tuple[str, ...] = ()
    same_as: Mapping[str, str] = field(default_factory=dict)
    images: tuple[ImageService, ...] = ()
    report: Path | None = None
    built: bool = True
    interrupted: bool = False

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every target's findings."""
        return tuple(f for t in self.targets for f in t.findings)

    @property
    def failed(self) -> tuple[TargetAnalysis, ...]:
        """Targets whose original could not be built or measured."""
        return tuple(t for t in self.targets if t.error is not None)

    @property
    def total_saved(self) -> tuple[int, int]:
        """(bytes, compressed bytes) the recommendations save, summed over the targets."""
        total = compressed = 0
        for t in self.targets:
            saved = t.saved_bytes
            if saved is not None:
                total += saved[0]
                compressed += saved[1]
        return total, compressed
