"""Measure an image into an :class:`~imgopt.gate.record.ImageRecord`, from the bench's parts.

Everything here reads: the image's inspect and history (:mod:`imgopt.engine.images`), its layers
tied to instructions (:func:`imgopt.bench.sizes.image_sizes`), exact compressed sizes cached by
layer digest (:func:`imgopt.bench.layers.measure_layers`) and dive's waste figures
(:func:`imgopt.bench.waste.analyze_waste`). Building, when the gate is given a build context, is
the caller's business (the ``imgopt gate`` command uses a :class:`~imgopt.engine.builders.Builder`)
and arrives here as a :class:`~imgopt.engine.builders.BuildResult`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from imgopt.gate.attribution import FindingRef
from imgopt.gate.record import BuildRecord, ImageRecord, LayerRecord, WasteRecord

if TYPE_CHECKING:
    from imgopt.bench.tarlist import TarEntry
    from imgopt.dockerfile import Dockerfile
    from imgopt.engine.builders import BuildResult


def measure_image(
    ref: str,
    *,
    dockerfile: Path | None = None,
    parsed: Dockerfile | None = None,
    target: str | None = None,
    build: BuildResult | None = None,
    no_cache: bool = False,
    compressed: bool = True,
    waste: bool = True,
    display_ref: str | None = None,
    context: Path | None = None,
) -> ImageRecord:
    """Measure ``ref`` (a name or an id in the local engine).

    Args:
        ref: the image.
        dockerfile: the Dockerfile that made it, for instruction names (recorded as given).
        parsed: that Dockerfile already parsed (else it is parsed here; a Dockerfile that does
            not parse just leaves layers named by their history).
        target: the ``--target`` stage it was built for.
        build: the build that made it, when imgopt built it (its time and builder are recorded).
        no_cache: that build ignored the cache.
        compressed: measure compressed sizes (every new layer is gzip'd once, then cached).
        waste: compute dive's waste figures (needs every layer's file list).
        display_ref: how to name the image in reports (default ``ref``).
        context: the build context, whose git commit is recorded.

    Raises:
        InputError: no such image.
        EngineError: the engine is unreachable or a layer cannot be read.
    """
    from imgopt import __version__
    from imgopt.bench.layers import GZIP_METHOD, measure_layers
    from imgopt.bench.results import git_info
    from imgopt.bench.sizes import base_image_ref, image_sizes, parse_dockerfile
    from imgopt.bench.waste import analyze_waste
    from imgopt.engine.client import engine_id, engine_version
    from imgopt.engine.images import image_exists, inspect_image
    from imgopt.gate.machine import machine_info

    info = inspect_image(ref)
    df = parsed
    if df is None and dockerfile is not None:
        df = parse_dockerfile(dockerfile, {})
    base_ref = base_image_ref(df, target) if df is not None else None
    base_info = inspect_image(base_ref) if base_ref and image_exists(base_ref) else None
    facts = None
    if compressed or waste:
        facts = measure_layers(info.id, info.diff_ids, compressed=compressed, entries=waste)
    sizes = image_sizes(
        info,
        facts,
        dockerfile=df,
        target=target,
        base=base_info,
        base_ref=base_ref,
        steps=build.steps if build is not None else (),
    )
    waste_record = None
    if waste and facts is not None:
        figures = analyze_waste([f.entries or () for f in facts], own_from=sizes.base_layers)
        waste_record = WasteRecord(
            efficiency=figures.efficiency,
            wasted_bytes=figures.wasted_bytes,
            user_wasted_ratio=figures.user_wasted_ratio,
            recoverable_bytes=figures.recoverable_bytes,
            recoverable_own_bytes=figures.recoverable_own_bytes,
        )
    build_record = None
    if build is not None:
        build_record = BuildRecord(
            builder=build.builder,
            builder_version=build.builder_version,
            engine_version=build.engine_version,
            seconds=round(build.seconds, 3),
            no_cache=no_cache,
            cached_steps=build.cached_steps,
            run_steps=build.run_steps,
        )
    version = engine_version()
    return ImageRecord(
        ref=display_ref or ref,
        image_id=info.id,
        size_bytes=sizes.size_bytes,
        compressed_bytes=sizes.compressed_bytes if compressed else None,
        compressed_method=GZIP_METHOD if compressed else None,
        layers=tuple(
            LayerRecord(
                index=row.index,
                diff_id=row.diff_id,
                instruction=row.instruction,
                created_by=row.created_by,
                line=row.line,
                base=row.base,
                size_bytes=row.size_bytes,
                compressed_bytes=row.compressed_bytes if compressed else None,
            )
            for row in sizes.layers
        ),
        base_image=sizes.base_image,
        base_layers=sizes.base_layers,
        dockerfile=str(dockerfile) if dockerfile is not None else None,
        waste=waste_record,
        build=build_record,
        machine=machine_info(version, engine_id()),
        commit=git_info(context) if context is not None else None,
        created=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        imgopt_version=__version__,
    )


class EngineFiles:
    """Lists layers for attribution: the layer cache first, then the engine if it has the image.

    A baseline's layers can be listed only where they still exist (this machine's layer cache,
    keyed by digest, or an image of the engine holding them); elsewhere attribution falls back
    to the largest files of the grown layer and says so.
    """

    def __init__(self) -> None:
        self._cache: dict[str, Sequence[TarEntry] | None] = {}

    def entries(self, layer: LayerRecord, image_id: str) -> Sequence[TarEntry] | None:
        """The layer's entries, or None when it cannot be read here."""
        if layer.diff_id in self._cache:
            return self._cache[layer.diff_id]
        found = self._read(layer.diff_id, image_id)
        self._cache[layer.diff_id] = found
        return found

    def _read(self, diff_id: str, image_id: str) -> Sequence[TarEntry] | None:
        from imgopt.bench.layers import LayerCache, measure_layers
        from imgopt.engine.images import image_exists, inspect_image
        from imgopt.errors import ImgoptError

        try:
            hit = LayerCache().get(diff_id, gzip_needed=False, entries_needed=True)
        except ValueError:  # not a digest (a hand-made baseline)
            return None
        if hit is not None:
            return hit.entries
        try:
            if not image_exists(image_id) or diff_id not in inspect_image(image_id).diff_ids:
                return None
            facts = measure_layers(image_id, [diff_id], compressed=False, entries=True)
        except ImgoptError:
            return None
        return facts[0].entries


def rule_findings(df: Dockerfile, context: Path | None) -> dict[int, tuple[FindingRef, ...]]:
    """imgopt's rule findings on ``df``, by the first line of the instruction each is on."""
    from imgopt.errors import ImgoptError
    from imgopt.rules import lint

    try:
        findings = lint(df, context_dir=context)
    except ImgoptError:
        return {}
    out: dict[int, list[FindingRef]] = {}
    for f in findings:
        ins = df.instruction_at(f.line)
        if ins is None:
            continue
        out.setdefault(ins.line, []).append(
            FindingRef(f.code, f.name, f.line, f.message, f.fix_title)
        )
    return {line: tuple(items) for line, items in out.items()}
