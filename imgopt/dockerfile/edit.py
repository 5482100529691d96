"""Minimal edits to Dockerfile text: every byte no edit touches stays identical.

An :class:`Editor` collects :class:`Edit` s (offset ranges of the original text and their
replacement) and applies them in one pass; instructions are addressed by the model objects that
:func:`imgopt.dockerfile.parse` returned for that same text. New text is written with ``"\\n"``;
the editor converts it to the file's own line ending (CRLF files stay CRLF) and indents inserted
lines like their neighbour.

Example:
    >>> from imgopt.dockerfile import parse
    >>> df = parse("FROM python:3.11\\nRUN pip install flask\\nCMD [\\"flask\\", \\"run\\"]\\n")
    >>> run = df.stages[0].find("RUN")[0]
    >>> ed = Editor(df)
    >>> start = run.body.index("install") + len("install")
    >>> _ = ed.insert_at(run.source_offset(start), " --no-cache-dir")
    >>> _ = ed.replace(df.stages[0].from_instruction, "FROM python:3.11-slim")
    >>> print(ed.render(), end="")
    FROM python:3.11-slim
    RUN pip install --no-cache-dir flask
    CMD ["flask", "run"]
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from imgopt.dockerfile.model import Dockerfile, Instruction


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` of the original with ``replacement``.

    ``start == end`` inserts. Two edits may not overlap; two insertions at the same offset are
    applied in the order they were added.
    """

    start: int
    end: int
    replacement: str


class EditConflictError(ValueError):
    """Two edits overlap (a programming error in a rule or planner, not a user error)."""


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits to ``text`` in one pass.

    Raises:
        EditConflictError: two edits overlap or one lies outside the text.

    Example:
        >>> apply_edits("RUN a && b", [Edit(4, 5, "x"), Edit(10, 10, " && c")])
        'RUN x && b && c'
    """
    raise NotImplementedError


class Editor:
    """Collects edits against one parsed Dockerfile and renders the result.

    Every method returns the editor so calls can be chained; nothing changes ``dockerfile``.
    """

    def __init__(self, dockerfile: Dockerfile) -> None:
        self.dockerfile = dockerfile
        self._edits: list[Edit] = []

    @property
    def edits(self) -> tuple[Edit, ...]:
        """The edits so far, in the order they were added."""
        return tuple(self._edits)

    def replace_range(self, start: int, end: int, new: str) -> Editor:
        """Replace ``text[start:end]`` (offsets in the original) with ``new``.

        ``"\\n"`` in ``new`` is converted to the file's line ending.
        """
        raise NotImplementedError

    def insert_at(self, offset: int, new: str) -> Editor:
        """Insert ``new`` at an offset of the original text (newlines converted)."""
        return self.replace_range(offset, offset, new)

    def replace(self, ins: Instruction, new: str) -> Editor:
        """Replace a whole instruction (its ``raw``: keyword through last line, heredoc bodies
        included) with ``new`` (no trailing newline needed). Comments above are kept."""
        raise NotImplementedError

    def replace_in(self, ins: Instruction, start: int, end: int, new: str) -> Editor:
        """Replace ``ins.raw[start:end]`` with ``new``.

        Example:
            ``ed.replace_in(ins, *span_of("apt-get upgrade -y"), "")``.
        """
        raise NotImplementedError

    def replace_text(self, ins: Instruction, old: str, new: str) -> Editor:
        """Replace the first occurrence of ``old`` inside ``ins.raw`` with ``new``.

        Raises:
            ValueError: ``old`` does not occur in the instruction.
        """
        raise NotImplementedError

    def insert_before(self, ins: Instruction, new: str) -> Editor:
        """Insert ``new`` (one or more lines, no trailing newline needed) on its own line(s)
        before ``ins`` and the comment block directly above it (so pragmas stay with ``ins``)."""
        raise NotImplementedError

    def insert_after(self, ins: Instruction, new: str) -> Editor:
        """Insert ``new`` on its own line(s) right after ``ins`` (after its heredoc bodies)."""
        raise NotImplementedError

    def delete(self, ins: Instruction, *, with_comments: bool = True) -> Editor:
        """Remove ``ins`` with its whole lines (and, by default, the comment block above it)."""
        raise NotImplementedError

    def append(self, new: str) -> Editor:
        """Add ``new`` on its own line(s) at the end of the file (a missing final newline is
        added first; the result ends with a newline)."""
        raise NotImplementedError

    def render(self) -> str:
        """The edited text.

        Raises:
            EditConflictError: two edits overlap.
        """
        return apply_edits(self.dockerfile.text, self._edits)


def exec_form(args: Sequence[str]) -> str:
    """A JSON array as Dockerfile exec form: ``["python", "app.py"]``.

    Example:
        >>> exec_form(["python", "-m", "app"])
        '["python", "-m", "app"]'
    """
    return json.dumps(list(args), ensure_ascii=False)


def render_stage(
    base: str,
    instructions: Sequence[str] = (),
    *,
    name: str | None = None,
    platform: str | None = None,
    comment: str | None = None,
    newline: str = "\n",
) -> str:
    """Render a new stage from scratch, ending with a newline.

    Args:
        base: the image or stage, e.g. ``"python:3.11-slim"``.
        instructions: whole instructions, one per item; an item may span lines (use
            ``" \\\\\\n    "`` for continuations); ``"\\n"`` inside is converted to ``newline``.
        name: the ``AS`` name.
        platform: the ``--platform`` value.
        comment: a comment line put above FROM (without ``#``).
        newline: the line terminator (``Dockerfile.newline`` to match a file).

    Example:
        >>> body = ["WORKDIR /app", "COPY --from=build /venv /venv"]
        >>> print(render_stage("python:3.11-slim", body, name="runtime"), end="")
        FROM python:3.11-slim AS runtime
        WORKDIR /app
        COPY --from=build /venv /venv
    """
    raise NotImplementedError
