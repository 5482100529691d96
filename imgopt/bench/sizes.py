"""Sizes of an image, layer by layer, each layer tied to the instruction that produced it.

Layers are tied to instructions by their text, not their position: every layer's history entry
(``created_by``, as BuildKit or the classic builder recorded it) is matched against the
layer-making instructions of the Dockerfile's shipped stages, in order. So when a variant inserts
or drops a layer, every other instruction keeps its own row and its own figures.

Base-image layers are the leading layers the image shares with the base image its final stage
is built on (followed through ``FROM <stage>``): the rest are the Dockerfile's own layers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from imgopt.errors import ImgoptError, clip

if TYPE_CHECKING:
    from imgopt.bench.layers import LayerFacts
    from imgopt.dockerfile import Dockerfile, Instruction
    from imgopt.engine.builders import BuildStep
    from imgopt.engine.images import ImageInfo

_ARGS_PREFIX = re.compile(r"^\|\d+(?: \S+?=(?:'[^']*'|\"[^\"]*\"|\S*))* ")
_LAYER_KEYWORDS = ("RUN", "COPY", "ADD", "WORKDIR")
_STANDIN_LABEL = "org.imgopt.standin"


@dataclass(frozen=True)
class LayerRow:
    """One layer of an image.

    Attributes:
        index: 0-based position, bottom first.
        diff_id: the layer's id.
        instruction: the Dockerfile instruction that made it (whitespace collapsed), or for a
            base-image layer ``"FROM <base>"``; the history text when no instruction matched.
        line: the instruction's 1-based line in the Dockerfile, None for base layers.
        created_by: the history text, normalised (``"RUN pip install flask"``).
        base: the layer belongs to the base image.
        size_bytes: the layer's size as the engine counts it (``docker history``).
        tar_bytes: the layer tar's length.
        compressed_bytes: the gzip size of the tar (see :mod:`imgopt.bench.layers`).
        step_seconds: how long the build step took in the measured build (None if unknown).
    """

    index: int
    diff_id: str
    instruction: str
    line: int | None
    created_by: str
    base: bool
    size_bytes: int
    tar_bytes: int | None
    compressed_bytes: int | None
    step_seconds: float | None


@dataclass(frozen=True)
class ImageSizes:
    """An image's sizes.

    Attributes:
        image_id: the image.
        size_bytes: total uncompressed size (sum of the layers, as ``docker images`` shows).
        compressed_bytes: the sum of the layers' gzip sizes (what a registry stores), or None.
        layers: every layer, bottom first.
        base_image: the base image reference (None for ``FROM scratch`` or unknown).
        base_layers: how many of the layers are the base image's.
    """

    image_id: str
    size_bytes: int
    compressed_bytes: int | None
    layers: tuple[LayerRow, ...]
    base_image: str | None
    base_layers: int

    @property
    def own_size_bytes(self) -> int:
        """The uncompressed size of the Dockerfile's own layers."""
        return sum(layer.size_bytes for layer in self.layers if not layer.base)

    @property
    def own_compressed_bytes(self) -> int | None:
        """The gzip size of the Dockerfile's own layers."""
        sizes = [layer.compressed_bytes for layer in self.layers if not layer.base]
        return None if any(s is None for s in sizes) else sum(s or 0 for s in sizes)


def collapse(text: str, limit: int = 300) -> str:
    """Whitespace collapsed to single spaces, cut at ``limit`` characters."""
    return clip(text.replace("\\\n", " "), limit, ellipsis="...")


def normalize_created_by(created_by: str) -> str:
    """A history entry as the instruction it records.

    Example:
        >>> normalize_created_by("RUN |1 V=2 /bin/sh -c make install # buildkit")
        'RUN make install'
        >>> normalize_created_by("/bin/sh -c #(nop) COPY file:ab12 in /app ")
        'COPY file:ab12 in /app'
        >>> normalize_created_by("/bin/sh -c pip install flask")
        'RUN pip install flask'
    """
    text = created_by.strip()
    text = text.removesuffix("# buildkit").strip()
    if text.startswith("/bin/sh -c #(nop)"):
        return collapse(text[len("/bin/sh -c #(nop)") :])
    keyword = ""
    if text.startswith("RUN "):
        keyword, text = "RUN", text[4:].lstrip()
    if re.match(r"^\|\d+ ", text):
        # Build args are recorded unquoted ("|2 A=1 B=two words /bin/sh -c make"), so a value
        # may hold spaces: cut at the shell when there is one, else after the KEY=VALUE words.
        keyword = "RUN"
        shell = text.find(" /bin/sh -c ")
        if shell >= 0:
            text = text[shell + 1 :]
        else:
            match = _ARGS_PREFIX.match(text)
            text = text[match.end() :] if match else text
    if text.startswith("/bin/sh -c "):
        return collapse("RUN " + text[len("/bin/sh -c ") :])
    return collapse(f"{keyword} {text}" if keyword else text)


def _instruction_text(ins: Instruction) -> str:
    flags = " ".join(f.raw for f in ins.flags)
    body = ins.body
    return collapse(f"{ins.keyword} {flags} {body}" if flags else f"{ins.keyword} {body}")


def shipped_instructions(df: Dockerfile, target: str | None = None) -> list[Instruction]:
    """The layer-making instructions whose layers end up in the image, bottom first.

    Follows ``FROM <stage>`` from the final (or ``target``) stage back to an image or scratch.
    """
    stage = df.stage(target) if target else df.final_stage
    if stage is None:
        return []
    chain = [stage]
    seen = {stage.index}
    while chain[-1].base_stage is not None and chain[-1].base_stage not in seen:
        seen.add(chain[-1].base_stage)
        chain.append(df.stages[chain[-1].base_stage])
    out: list[Instruction] = []
    for st in reversed(chain):
        out.extend(i for i in st.body if i.keyword in _LAYER_KEYWORDS)
    return out


def base_image_ref(df: Dockerfile, target: str | None = None) -> str | None:
    """The image the shipped stage chain starts from; None for ``scratch`` or unknown."""
    stage = df.stage(target) if target else df.final_stage
    seen: set[int] = set()
    while stage is not None and stage.base_stage is not None and stage.index not in seen:
        seen.add(stage.index)
        stage = df.stages[stage.base_stage]
    if stage is None or stage.image is None:
        return None
    ref = stage.base_resolved.strip()
    return None if not ref or ref.lower() == "scratch" else ref


def _body_of(text: str) -> tuple[str, str]:
    keyword, _, body = text.partition(" ")
    return keyword.upper(), body


def _strong_match(created: str, ins_text: str) -> bool:
    ck, cb = _body_of(created)
    ik, ib = _body_of(ins_text)
    if ck != ik:
        return False
    if cb == ib:
        return True
    # BuildKit records RUN without its --mount flags; classic records COPY by content hash.
    ib_no_flags = " ".join(w for w in ib.split() if not w.startswith("--"))
    return bool(cb) and (cb == ib_no_flags or cb.endswith(ib_no_flags) or ib_no_flags.endswith(cb))


def tie_layers(
    created_by: Sequence[str], instructions: Sequence[Instruction]
) -> list[Instruction | None]:
    """Match own layers (their normalised history texts, in order) to instructions, by text.

    First every layer takes, in order, the next instruction with the same text; then a layer
    left over takes an unclaimed instruction with the same keyword between its neighbours'
    matches (the classic builder records ``COPY`` by content hash, not by the text written). A
    layer that nothing fits stays unmatched (None) without shifting the others.
    """
    texts = [_instruction_text(i) for i in instructions]
    match: list[int | None] = []
    pos = 0
    for created in created_by:
        found = next(
            (j for j in range(pos, len(instructions)) if _strong_match(created, texts[j])), None
        )
        match.append(found)
        if found is not None:
            pos = found + 1
    used = {j for j in match if j is not None}
    for i, created in enumerate(created_by):
        if match[i] is not None:
            continue
        lo = max((m + 1 for m in match[:i] if m is not None), default=0)
        hi = min((m for m in match[i + 1 :] if m is not None), default=len(instructions))
        keyword = _body_of(created)[0]
        for j in range(lo, hi):
            if j not in used and instructions[j].keyword == keyword:
                match[i] = j
                used.add(j)
                break
    return [instructions[m] if m is not None else None for m in match]


def base_layer_count(info: ImageInfo, base: ImageInfo | None) -> int:
    """How many leading layers ``info`` shares with ``base`` (0 without a base)."""
    if base is None:
        return 0
    n = 0
    for mine, theirs in zip(info.diff_ids, base.diff_ids, strict=False):
        if mine != theirs:
            break
        n += 1
    return n if n == len(base.diff_ids) else 0


def _step_seconds(steps: Sequence[BuildStep], text: str) -> float | None:
    for step in steps:
        if step.is_instruction and collapse(step.instruction) == text:
            return step.seconds
    for step in steps:
        if step.is_instruction and _strong_match(collapse(step.instruction), text):
            return step.seconds
    return None


def image_sizes(
    info: ImageInfo,
    facts: Sequence[LayerFacts] | None,
    *,
    dockerfile: Dockerfile | None,
    target: str | None = None,
    base: ImageInfo | None = None,
    base_ref: str | None = None,
    steps: Sequence[BuildStep] = (),
) -> ImageSizes:
    """Tie every layer of ``info`` to its instruction and add up the sizes.

    Args:
        info: the image.
        facts: per-layer measurements (bottom first), or None when not measured.
        dockerfile: the parsed Dockerfile, or None (layers are then named by history only).
        target: the ``--target`` stage.
        base: the base image, inspected, or None.
        base_ref: how the Dockerfile names the base.
        steps: the measured build's steps (for per-layer durations).
    """
    history = info.layer_history
    created = [normalize_created_by(h.created_by) for h in history] or ["" for _ in info.diff_ids]
    sizes = [h.size for h in history] or [0 for _ in info.diff_ids]
    n_base = base_layer_count(info, base)
    own_instructions = shipped_instructions(dockerfile, target) if dockerfile is not None else []
    tied = tie_layers(created[n_base:], own_instructions)
    rows: list[LayerRow] = []
    for index, diff_id in enumerate(info.diff_ids):
        layer_facts = facts[index] if facts is not None else None
        is_base = index < n_base
        ins: Instruction | None = None
        if is_base:
            instruction = f"FROM {base_ref or (base.tags[0] if base and base.tags else 'base')}"
        else:
            ins = tied[index - n_base]
            instruction = _instruction_text(ins) if ins is not None else created[index]
        rows.append(
            LayerRow(
                index=index,
                diff_id=diff_id,
                instruction=instruction,
                line=ins.line if ins is not None else None,
                created_by=created[index],
                base=is_base,
                size_bytes=sizes[index],
                tar_bytes=layer_facts.tar_bytes if layer_facts else None,
                compressed_bytes=layer_facts.compressed_bytes if layer_facts else None,
                step_seconds=None if is_base else _step_seconds(steps, instruction),
            )
        )
    compressed = (
        None
        if facts is None or any(f.compressed_bytes is None for f in facts)
        else sum(f.compressed_bytes or 0 for f in facts)
    )
    return ImageSizes(
        image_id=info.id,
        size_bytes=info.size,
        compressed_bytes=compressed,
        layers=tuple(rows),
        base_image=base_ref,
        base_layers=n_base,
    )


def parse_dockerfile(path: Path, build_args: Mapping[str, str]) -> Dockerfile | None:
    """Parse a Dockerfile for layer naming; None when it does not parse (BuildKit decides)."""
    from imgopt.dockerfile import parse_file

    try:
        return parse_file(path, build_args=build_args)
    except (ImgoptError, OSError, ValueError):
        return None


def is_standin(info: ImageInfo) -> bool:
    """Whether an image is one of imgopt's offline stand-ins for an official image."""
    return str(info.labels.get(_STANDIN_LABEL, "")).lower() == "true"
