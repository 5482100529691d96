"""Split one stage into a build stage and a runtime stage, keeping the original's text.

The build stage is the original stage, edited in place (so diffs stay small and comments stay put):
it keeps everything up to its last build step, loses what only matters at run time (CMD,
EXPOSE, ...), and gets the strategy's insertions (a virtualenv, ``npm prune``...). The runtime
stage is appended: every instruction that defines the running container is replayed in the
original order (with the comment block above it when it moved), build steps are replaced by
what the strategy copies from the build stage, and nothing else is added.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from imgopt.dockerfile import Edit, Editor, Instruction, apply_edits, render_stage
from imgopt.variants.analysis import StageFacts

#: Instructions a build stage keeps because later build steps depend on them.
BUILD_META = frozenset({"ARG", "ENV", "WORKDIR", "USER", "SHELL"})

_AS_NAME = re.compile(r"\s+[Aa][Ss]\s+(\S+)\s*\Z")


class Role(StrEnum):
    """What an instruction of the original stage is, for the split."""

    #: A build step: stays in the build stage; the runtime stage gets the strategy's replacement.
    BUILD = "build"
    #: A RUN the runtime image needs too (``useradd``, ``chmod``): kept in the build stage when it
    #: comes before the last build step, and replayed in the runtime stage.
    SETUP = "setup"
    #: COPY/ADD from the build context: kept in the build stage when before the last build step;
    #: replayed in the runtime stage unless the strategy replaces it.
    CONTEXT = "context"
    #: Everything else (ENV, WORKDIR, CMD, EXPOSE, ...): replayed in the runtime stage.
    META = "meta"


@dataclass
class Split:
    """A strategy's instructions to :func:`render_split`.

    Attributes:
        facts: the stage being split (the file's only stage).
        roles: the role of every body instruction, by ``Instruction.index``.
        runtime_image: the runtime stage's FROM, as it should be written.
        runtime_lines: replacement lines in the runtime stage for an instruction, by index
            (a BUILD step's artifacts; an empty list drops a CONTEXT copy or META line).
        runtime_head: lines right after the runtime FROM.
        build_before: new build-stage instructions to insert before an instruction, by index.
        build_append: new build-stage instructions after its last kept instruction.
        build_edits: other edits to the original text (offsets into ``facts.df.text``).
        build_image: a different image for the build stage, or None to keep the original.
        runtime_comment: a comment line above the runtime FROM (without ``#``).
        build_until: an instruction index the build stage must reach even when no BUILD step
            comes that late (a ``go build`` inserted before ``CMD ["go", "run", "."]``).
    """

    facts: StageFacts
    roles: dict[int, Role]
    runtime_image: str
    runtime_lines: dict[int, list[str]] = field(default_factory=dict)
    runtime_head: list[str] = field(default_factory=list)
    build_before: dict[int, list[str]] = field(default_factory=dict)
    build_append: list[str] = field(default_factory=list)
    build_edits: list[Edit] = field(default_factory=list)
    build_image: str | None = None
    runtime_comment: str | None = None
    build_until: int | None = None

    @property
    def build_name(self) -> str:
        """The build stage's name: ``build`` (``builder`` if the original stage is ``build``)."""
        return "builder" if self.facts.stage.name == "build" else "build"

    def last_build(self) -> Instruction | None:
        """The last BUILD instruction of the stage."""
        builds = [i for i in self.facts.stage.body if self.roles.get(i.index) is Role.BUILD]
        return builds[-1] if builds else None

    def kept_in_build(self, ins: Instruction) -> bool:
        """Whether the build stage keeps ``ins``."""
        last = self.last_build()
        limit = max(
            last.index if last is not None else -1,
            self.build_until if self.build_until is not None else -1,
        )
        if ins.index > limit:
            return False
        role = self.roles.get(ins.index, Role.META)
        if role is not Role.META:
            return True
        return ins.keyword in BUILD_META


def instruction_text(ins: Instruction, *, with_comments: bool) -> str:
    """An instruction's source (and its comment block) with ``\\n`` line ends."""
    parts = [c.text for c in ins.comments] if with_comments else []
    parts.append(ins.raw)
    return "\n".join(parts).replace("\r\n", "\n")


def render_split(split: Split) -> str:
    """The whole two-stage Dockerfile."""
    facts = split.facts
    df = facts.df
    stage = facts.stage
    ed = Editor(df)
    # The build stage: name it, swap its image if asked, drop what is not needed to build.
    frm = stage.from_instruction
    raw = frm.raw.rstrip()
    m = _AS_NAME.search(raw)
    if m:
        ed.replace_in(frm, m.start(1), m.end(1), split.build_name)
    else:
        ed.replace_in(frm, len(raw), len(raw), f" AS {split.build_name}")
    if split.build_image is not None:
        i = raw.find(stage.base)
        if i >= 0:
            ed.replace_in(frm, i, i + len(stage.base), split.build_image)
    for ins in stage.body:
        if ins.index in split.build_before:
            ed.insert_before(ins, "\n".join(split.build_before[ins.index]))
        if not split.kept_in_build(ins):
            ed.delete(ins)
    last = split.last_build()
    if split.build_append and last is not None:
        ed.insert_after(last, "\n".join(split.build_append))
    edits = [
        *ed.edits,
        *(Edit(e.start, e.end, _nl(e.replacement, df.newline)) for e in split.build_edits),
    ]
    build_text = apply_edits(df.text, edits)
    # The runtime stage, in the original order.
    lines: list[str] = list(split.runtime_head)
    for ins in stage.body:
        role = split.roles.get(ins.index, Role.META)
        if ins.index in split.runtime_lines:
            lines.extend(split.runtime_lines[ins.index])
        elif role is not Role.BUILD:
            lines.append(instruction_text(ins, with_comments=not split.kept_in_build(ins)))
    runtime = render_stage(
        split.runtime_image,
        lines,
        name=stage.name_as_written,
        platform=stage.platform,
        comment=split.runtime_comment,
        newline=df.newline,
    )
    nl = df.newline
    return build_text.rstrip(" \t\r\n") + nl + nl + runtime


def _nl(text: str, newline: str) -> str:
    return text if newline == "\n" else text.replace("\r\n", "\n").replace("\n", newline)
