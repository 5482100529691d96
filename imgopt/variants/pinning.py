"""Bases pinned by digest stay pinned (issue 14).

``FROM python:3.11@sha256:...`` names one exact image. The siblings a variant proposes
(``python:3.11-slim``) are named by tag, and a tag moves; so a Dockerfile that pins its base gets
variants that pin theirs too: the original's pinned bases keep their digests, and each new base is
pinned to the digest its registry reports now (``image_available.digest(ref)``, which
``imgopt.engine.images.ImageAvailability`` answers through the engine), with a change that says
so. Without an answer (no engine, no registry), the variant is not proposed: an unpinned one
would quietly drop what the original guarantees.

The planner plans on the Dockerfile with its digests taken off (the knowledge base finds siblings
by tag) and this module puts them back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from imgopt.dockerfile import Dockerfile, parse
from imgopt.rules.base import Applicability
from imgopt.variants.model import VARIANT_NAMES, Change, Plan, Skipped, Variant

DigestOf = Callable[[str], str | None]


def pinned_bases(df: Dockerfile) -> dict[str, str]:
    """The bases pinned by digest, as written without the digest -> as written with it."""
    out: dict[str, str] = {}
    for stage in df.stages:
        image = stage.image
        if image is None or image.digest is None or image.has_variables or "$" in stage.base:
            continue
        out[_unpinned(stage.base)] = stage.base
    return out


def unpin(df: Dockerfile) -> str:
    """The Dockerfile's text with every pinned base's digest taken off (tags kept)."""
    return _rewrite(df, lambda base: _unpinned(base) if base in pinned_bases(df).values() else None)


def repin(plan: Plan, original: Dockerfile, digest_of: DigestOf | None) -> Plan:
    """Put the original's digests back into every variant of ``plan`` (planned on
    :func:`unpin`'s text) and pin each new base to the digest its registry reports."""
    restore = pinned_bases(original)
    variants: list[Variant] = []
    skipped = list(plan.skipped)
    for v in plan.variants:
        if v.name == "original":
            variants.append(replace(v, dockerfile=original.text, images=_refs(original)))
            continue
        df = parse(v.dockerfile, path=original.path)
        pins: dict[str, str] = {}
        unanswered: list[str] = []
        for stage in df.stages:
            base = stage.base
            if stage.image is None or stage.image.is_scratch or stage.image.has_variables:
                continue
            if base in restore or stage.image.digest is not None or base in pins:
                continue
            digest = digest_of(base) if digest_of is not None else None
            if digest:
                pins[base] = f"{base}@{digest}"
            else:
                unanswered.append(base)
        if unanswered:
            skipped.append(
                Skipped(
                    v.name,
                    f"the original pins its base by digest, and no registry gave a digest for "
                    f"{', '.join(unanswered)} to pin this variant's base to",
                    dockerfile=v.dockerfile,
                )
            )
            continue
        both = {**pins, **restore}
        text = _rewrite(df, both.get)
        changes = [*v.changes, *(_pin_change(ref, pinned) for ref, pinned in pins.items())]
        variants.append(
            replace(
                v,
                dockerfile=text,
                changes=tuple(changes),
                images=_refs(parse(text, path=original.path)),
            )
        )
    order = {name: i for i, name in enumerate(VARIANT_NAMES)}
    skipped.sort(key=lambda s: order.get(s.name, len(order)))
    return replace(plan, original=original.text, variants=tuple(variants), skipped=tuple(skipped))


def _pin_change(ref: str, pinned: str) -> Change:
    digest = pinned.rsplit("@", 1)[1]
    return Change(
        source="pin-digest",
        title=f"Pin {ref} to {digest}",
        rationale=(
            f"The original pins its base by digest, so this variant pins {ref} too: to "
            f"{digest}, the digest its registry reports for {ref} now. A tag moves; the digest "
            "keeps the build reproducible, as the original's was."
        ),
        safety=Applicability.UNSAFE,
    )


def _unpinned(base: str) -> str:
    return base.split("@", 1)[0]


def _refs(df: Dockerfile) -> tuple[str, ...]:
    from imgopt.variants.planner import _images

    return tuple(_images(df))


def _rewrite(df: Dockerfile, new_base: Callable[[str], str | None]) -> str:
    """``df``'s text with each FROM's base replaced where ``new_base`` gives a replacement."""
    text = df.text
    for stage in sorted(df.stages, key=lambda s: s.from_instruction.span.start, reverse=True):
        replacement = new_base(stage.base)
        if not replacement or replacement == stage.base:
            continue
        ins = stage.from_instruction
        raw = ins.raw
        at = raw.find(stage.base, len(ins.keyword))
        if at < 0:
            continue
        raw = raw[:at] + replacement + raw[at + len(stage.base) :]
        text = text[: ins.span.start] + raw + text[ins.span.end :]
    return text
