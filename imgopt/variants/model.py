"""The values the planner returns: a plan, its variants, their changes, and the skipped variants."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from imgopt.rules import Applicability, Finding

#: Every variant the planner considers, in the order it reports them.
VARIANT_NAMES = (
    "original",
    "hygiene",
    "slim-base",
    "multistage",
    "multistage-slim",
    "distroless",
    "alpine",
)

#: The variants by the size of the image each usually makes, smallest first: the runtime on the
#: least base (distroless, then Alpine, then a slim base with the build stage left behind, a slim
#: base, a multi-stage build on the same base, the original's base). The recommendation picks the
#: smallest variant that verifies, so the first of these a run has is its likely pick: in every
#: published sample app's analysis (reports/index.md) the pick was that one, or the original.
LIKELY_SMALLEST_FIRST = (
    "distroless",
    "alpine",
    "multistage-slim",
    "slim-base",
    "multistage",
    "hygiene",
)


def likely_pick(names: Sequence[str]) -> str | None:
    """The one of ``names`` most likely to be recommended (:data:`LIKELY_SMALLEST_FIRST`), or
    None when none of them is a variant the planner makes."""
    return next((n for n in LIKELY_SMALLEST_FIRST if n in names), None)


@dataclass(frozen=True, slots=True)
class Change:
    """One change a variant makes to the original Dockerfile.

    Attributes:
        source: the rule code (``"IMG101"``) or the strategy id (``"python-venv"``,
            ``"slim-base"``) that made it.
        title: what was done, in a few words (``"Add --no-install-recommends"``).
        rationale: why it makes the image smaller or the build faster, and what to check.
        safety: SAFE keeps what the image does; UNSAFE may change behaviour (base image, stages).
        lines: the first and last line of the original Dockerfile the change concerns, or None
            for text that has no counterpart there (a new runtime stage).
    """

    source: str
    title: str
    rationale: str
    safety: Applicability
    lines: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "source": self.source,
            "title": self.title,
            "rationale": self.rationale,
            "safety": str(self.safety),
            "lines": list(self.lines) if self.lines else None,
        }


@dataclass(frozen=True, slots=True)
class Variant:
    """A complete candidate Dockerfile.

    Attributes:
        name: one of :data:`VARIANT_NAMES`.
        dockerfile: the whole Dockerfile text.
        changes: what differs from the original, in the order it was done.
        dockerignore: the ``.dockerignore`` to build it with, when one is proposed (None: use the
            context's own, if any).
        images: the external images it builds FROM or copies from, in order of appearance.
        notes: things to know that are not changes (an image whose availability is unknown).
    """

    name: str
    dockerfile: str
    changes: tuple[Change, ...] = ()
    dockerignore: str | None = None
    images: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def safety(self) -> Applicability:
        """UNSAFE when any change is."""
        if any(c.safety is Applicability.UNSAFE for c in self.changes):
            return Applicability.UNSAFE
        return Applicability.SAFE

    def diff(self, original: str, *, path: str = "Dockerfile") -> str:
        """Unified diff from ``original`` to this variant (empty when they are equal)."""
        return "".join(
            difflib.unified_diff(
                original.splitlines(keepends=True),
                self.dockerfile.splitlines(keepends=True),
                fromfile=f"a/{path}",
                tofile=f"b/{path} ({self.name})",
            )
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (without the Dockerfile text)."""
        return {
            "name": self.name,
            "safety": str(self.safety),
            "images": list(self.images),
            "dockerignore": self.dockerignore is not None,
            "changes": [c.to_dict() for c in self.changes],
            "notes": list(self.notes),
        }


@dataclass(frozen=True, slots=True)
class Skipped:
    """A variant the planner does not propose, and why.

    Attributes:
        name: one of :data:`VARIANT_NAMES`.
        reason: one sentence for the user.
        missing_images: images it would need that are not available (the variant is not
            buildable here; it might be elsewhere).
        dockerfile: the Dockerfile it would have proposed, when only missing images stopped it.
    """

    name: str
    reason: str
    missing_images: tuple[str, ...] = ()
    dockerfile: str | None = field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "name": self.name,
            "reason": self.reason,
            "missing_images": list(self.missing_images),
        }


@dataclass(frozen=True, slots=True)
class Plan:
    """What the planner proposes for one Dockerfile.

    Attributes:
        path: the Dockerfile, as given (None for a string).
        original: its text.
        variants: the proposed variants, ``original`` first, in :data:`VARIANT_NAMES` order.
        skipped: the variants not proposed, with reasons, in the same order.
        findings: every rule's findings on the original (with its context), as
            :func:`imgopt.rules.lint` reports them: the planner lints it anyway, so callers
            that want both need not lint twice.
    """

    path: str | None
    original: str
    variants: tuple[Variant, ...]
    skipped: tuple[Skipped, ...]
    findings: tuple[Finding, ...] = ()

    def get(self, name: str) -> Variant | None:
        """The proposed variant called ``name``, or None."""
        return next((v for v in self.variants if v.name == name), None)

    def skip_reason(self, name: str) -> str | None:
        """Why ``name`` was skipped, or None when it was proposed (or is unknown)."""
        return next((s.reason for s in self.skipped if s.name == name), None)

    @property
    def names(self) -> tuple[str, ...]:
        """Names of the proposed variants."""
        return tuple(v.name for v in self.variants)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping: every variant's changes and every skipped variant's reason."""
        return {
            "path": self.path,
            "variants": [v.to_dict() for v in self.variants],
            "skipped": [s.to_dict() for s in self.skipped],
        }
