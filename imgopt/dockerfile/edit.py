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
    n = len(text)
    ordered = sorted(enumerate(edits), key=lambda p: (p[1].start, p[1].start != p[1].end, p[0]))
    out: list[str] = []
    cursor = 0
    for _, e in ordered:
        if not 0 <= e.start <= e.end <= n:
            raise EditConflictError(f"edit {e.start}:{e.end} outside the text (0:{n})")
        if e.start < cursor:
            raise EditConflictError(f"edit {e.start}:{e.end} overlaps an earlier edit")
        out.append(text[cursor : e.start])
        out.append(e.replacement)
        cursor = e.end
    out.append(text[cursor:])
    return "".join(out)


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
        n = len(self.dockerfile.text)
        if not 0 <= start <= end <= n:
            raise EditConflictError(f"range {start}:{end} outside the text (0:{n})")
        self._edits.append(Edit(start, end, self._nl(new)))
        return self

    def insert_at(self, offset: int, new: str) -> Editor:
        """Insert ``new`` at an offset of the original text (newlines converted)."""
        return self.replace_range(offset, offset, new)

    def replace(self, ins: Instruction, new: str) -> Editor:
        """Replace a whole instruction (its ``raw``: keyword through last line, heredoc bodies
        included) with ``new`` (no trailing newline needed). Comments above are kept."""
        return self.replace_range(ins.span.start, ins.span.end, new)

    def replace_in(self, ins: Instruction, start: int, end: int, new: str) -> Editor:
        """Replace ``ins.raw[start:end]`` with ``new``.

        Example:
            ``ed.replace_in(ins, 4, 18, "apt-get update")`` on ``RUN apt-get upgrade ...``.
        """
        if not 0 <= start <= end <= len(ins.raw):
            raise EditConflictError(f"range {start}:{end} outside the instruction")
        return self.replace_range(ins.span.start + start, ins.span.start + end, new)

    def replace_text(self, ins: Instruction, old: str, new: str) -> Editor:
        """Replace the first occurrence of ``old`` inside ``ins.raw`` with ``new``.

        Raises:
            ValueError: ``old`` does not occur in the instruction.
        """
        i = ins.raw.find(old)
        if i < 0:
            raise ValueError(f"{old!r} not found in line {ins.line}")
        return self.replace_in(ins, i, i + len(old), new)

    def insert_before(self, ins: Instruction, new: str) -> Editor:
        """Insert ``new`` (one or more lines, no trailing newline needed) on its own line(s)
        before ``ins`` and the comment block directly above it (so pragmas stay with ``ins``)."""
        anchor = self._line_start(ins.comments[0].span.start if ins.comments else ins.span.start)
        nl = self.dockerfile.newline
        return self.insert_at(anchor, ins.indent + self._nl(_block(new)) + nl)

    def insert_after(self, ins: Instruction, new: str) -> Editor:
        """Insert ``new`` on its own line(s) right after ``ins`` (after its heredoc bodies)."""
        nl = self.dockerfile.newline
        return self.insert_at(ins.span.end, nl + ins.indent + self._nl(_block(new)))

    def delete(self, ins: Instruction, *, with_comments: bool = True) -> Editor:
        """Remove ``ins`` with its whole lines (and, by default, the comment block above it)."""
        text = self.dockerfile.text
        first = ins.comments[0].span.start if with_comments and ins.comments else ins.span.start
        nxt = text.find("\n", ins.span.end)
        return self.replace_range(self._line_start(first), len(text) if nxt < 0 else nxt + 1, "")

    def append(self, new: str) -> Editor:
        """Add ``new`` on its own line(s) at the end of the file (a missing final newline is
        added first; the result ends with a newline)."""
        text = self.dockerfile.text
        nl = self.dockerfile.newline
        sep = nl if text and not text.endswith("\n") else ""
        return self.insert_at(len(text), sep + self._nl(_block(new)) + nl)

    def _nl(self, new: str) -> str:
        if self.dockerfile.newline == "\n":
            return new
        return new.replace("\r\n", "\n").replace("\n", self.dockerfile.newline)

    def _line_start(self, offset: int) -> int:
        start = self.dockerfile.text.rfind("\n", 0, offset) + 1
        return max(start, 1) if self.dockerfile.has_bom else start

    def render(self) -> str:
        """The edited text.

        Raises:
            EditConflictError: two edits overlap.
        """
        return apply_edits(self.dockerfile.text, self._edits)


def _block(new: str) -> str:
    """``new`` without one trailing line end: the inserting method adds its own."""
    if new.endswith("\r\n"):
        return new[:-2]
    return new[:-1] if new.endswith("\n") else new


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
    head = "FROM"
    if platform:
        head += f" --platform={platform}"
    head += f" {base}"
    if name:
        head += f" AS {name}"
    lines = [f"# {comment}"] if comment else []
    lines.append(head)
    lines.extend(instructions)
    text = "\n".join(lines) + "\n"
    if newline != "\n":
        text = text.replace("\r\n", "\n").replace("\n", newline)
    return text
