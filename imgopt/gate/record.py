"""What the gate knows about one image: sizes, layers tied to instructions, waste, build, machine.

An :class:`ImageRecord` is both the measurement of the image under test and, written to JSON, a
baseline (:mod:`imgopt.gate.baseline`). Records are plain frozen values: the checks, the
attribution and the renderers read them and never touch the engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class LayerRecord:
    """One layer of an image.

    Attributes:
        index: 0-based position, bottom first.
        diff_id: the layer's id (sha256 of its uncompressed tar).
        instruction: the Dockerfile instruction that made it, ``"FROM <base>"`` for a base-image
            layer, or the history text when no Dockerfile was given.
        created_by: the image history's record of it, normalised (``"RUN make install"``);
            the key layers are matched on, since every image has it, Dockerfile or not.
        line: the instruction's 1-based line in the Dockerfile, None when unknown or a base layer.
        base: the layer belongs to the base image.
        size_bytes: the layer's size as the engine counts it (``docker history``).
        compressed_bytes: the gzip size of the layer tar, None when not measured.
    """

    index: int
    diff_id: str
    instruction: str
    created_by: str
    line: int | None
    base: bool
    size_bytes: int
    compressed_bytes: int | None = None

    @property
    def match_key(self) -> str:
        """The text two layers must share to be the same instruction.

        The history text, not the Dockerfile's: every image has it, so an image measured with
        its Dockerfile (base layers named ``FROM x``) matches one measured without.
        """
        return self.created_by or self.instruction

    @property
    def keyword(self) -> str:
        """The instruction keyword of :attr:`match_key` (``RUN``, ``COPY``...)."""
        text = self.match_key
        return text.split(" ", 1)[0].upper() if text else ""


@dataclass(frozen=True)
class WasteRecord:
    """Waste figures (see :mod:`imgopt.bench.waste`): dive's, plus what one can win back."""

    efficiency: float
    wasted_bytes: int
    user_wasted_ratio: float
    recoverable_bytes: int
    recoverable_own_bytes: int


@dataclass(frozen=True)
class BuildRecord:
    """How the image was built, when imgopt built it.

    Attributes:
        builder: ``buildkit`` or ``classic``.
        builder_version: the builder's version.
        engine_version: the Docker engine's version.
        seconds: wall time of the build.
        no_cache: the build ignored the build cache (a cold build).
        cached_steps: instruction steps served from the cache.
        run_steps: instruction steps (FROM excluded).
    """

    builder: str
    builder_version: str
    engine_version: str
    seconds: float
    no_cache: bool
    cached_steps: int = 0
    run_steps: int = 0


@dataclass(frozen=True)
class ImageRecord:
    """One measured image.

    Attributes:
        ref: how the image was named (a tag, an id, or the build context it was built from).
        image_id: ``sha256:...``.
        size_bytes: total uncompressed size, as ``docker images`` counts it.
        compressed_bytes: the sum of the layers' gzip sizes, None when not measured.
        compressed_method: how compressed sizes were measured (they compare only with the same).
        layers: every layer, bottom first.
        base_image: the base image the Dockerfile names, None when unknown.
        base_layers: how many of the layers are the base image's.
        dockerfile: the Dockerfile the layers were tied to, as given, None without one.
        waste: waste figures, None when not measured.
        build: how imgopt built it, None when the image was given ready-made.
        machine: the machine it was measured on (see :mod:`imgopt.gate.machine`).
        commit: the git commit of the build context, when it is in a repository.
        created: when the record was made (ISO 8601, UTC).
        imgopt_version: the imgopt that made the record.
    """

    ref: str
    image_id: str
    size_bytes: int
    compressed_bytes: int | None
    compressed_method: str | None
    layers: tuple[LayerRecord, ...]
    base_image: str | None = None
    base_layers: int = 0
    dockerfile: str | None = None
    waste: WasteRecord | None = None
    build: BuildRecord | None = None
    machine: Mapping[str, Any] = field(default_factory=dict)
    commit: Mapping[str, Any] | None = None
    created: str = ""
    imgopt_version: str = ""

    @property
    def layer_count(self) -> int:
        """How many layers the image has."""
        return len(self.layers)

    @property
    def own_size_bytes(self) -> int:
        """The size of the Dockerfile's own layers (above the base image)."""
        return sum(layer.size_bytes for layer in self.layers if not layer.base)
