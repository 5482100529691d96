"""Hand-made records for unit tests (no engine)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from imgopt.gate.attribution import LayerRecord
from imgopt.gate.record import BuildRecord, ImageRecord, WasteRecord

MACHINE: dict[str, Any] = {
    "node": "ci-1",
    "cpu": "Test CPU",
    "cpu_count": 2,
    "machine": "x86_64",
    "machine_id": "abc",
}


def digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def layer(
    index: int,
    text: str,
    size: int,
    *,
    compressed: int | None = None,
    base: bool = False,
    line: int | None = None,
    content: str | None = None,
) -> LayerRecord:
    """A layer whose diff id follows ``content`` (default: the text and size)."""
    return LayerRecord(
        index=index,
        diff_id=digest(content if content is not None else f"{text}:{size}"),
        instruction="FROM base" if base else text,
        created_by=text,
        line=line,
        base=base,
        size_bytes=size,
        compressed_bytes=compressed,
    )


def image(
    layers: Sequence[LayerRecord],
    *,
    ref: str = "app:test",
    compressed: bool = True,
    waste: WasteRecord | None = None,
    build: BuildRecord | None = None,
    machine: Mapping[str, Any] | None = None,
    method: str = "gzip-test",
) -> ImageRecord:
    """An image of ``layers`` (renumbered), sizes summed."""
    fixed = [
        LayerRecord(i, la.diff_id, la.instruction, la.created_by, la.line, la.base,
                    la.size_bytes, la.compressed_bytes)
        for i, la in enumerate(layers)
    ]  # fmt: skip
    total_c = sum(la.compressed_bytes or 0 for la in fixed) if compressed else None
    return ImageRecord(
        ref=ref,
        image_id=digest(ref + "".join(la.diff_id for la in fixed)),
        size_bytes=sum(la.size_bytes for la in fixed),
        compressed_bytes=total_c,
        compressed_method=method if compressed else None,
        layers=tuple(fixed),
        base_image="debian:bookworm-slim",
        base_layers=sum(1 for la in fixed if la.base),
        waste=waste,
        build=build,
        machine=dict(machine if machine is not None else MACHINE),
    )


class Entry(NamedTuple):
    path: str
    size: int
    type: str = "0"


class FakeFiles:
    """Layer listings by diff id; None for a layer that cannot be read."""

    def __init__(self, listings: Mapping[str, Sequence[Entry] | None]) -> None:
        self.listings = listings
        self.asked: list[str] = []

    def entries(self, layer: LayerRecord, image_id: str) -> Sequence[Entry] | None:
        self.asked.append(layer.diff_id)
        return self.listings.get(layer.diff_id)
