"""The lossless Dockerfile model: text -> Dockerfile -> stages -> instructions.

Every byte of the source belongs to exactly one item of :attr:`Dockerfile.items`: either an
:class:`Instruction` (from its keyword through the end of its last line, heredoc bodies and comment
lines inside continuations included, line terminator excluded) or :class:`Trivia` (BOM, parser
directives, comments, blank lines, indentation and line terminators between instructions). So
``"".join(item.raw for item in df.items) == df.text`` and :meth:`Dockerfile.render` gives the input
back byte for byte. Edits are made on the text with :mod:`imgopt.dockerfile.edit`, never by mutating
the model (every class here is a frozen value).

Positions: ``offset`` values index ``Dockerfile.text`` (a ``str``, so they count code points);
lines and columns are 1-based, and an end column is exclusive (the column just past the last
character), as in SARIF.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from imgopt.dockerfile.imageref import ImageRef

#: Every instruction keyword BuildKit accepts (MAINTAINER is deprecated but still parsed).
KEYWORDS = frozenset(
    {
        "ADD",
        "ARG",
        "CMD",
        "COPY",
        "ENTRYPOINT",
        "ENV",
        "EXPOSE",
        "FROM",
        "HEALTHCHECK",
        "LABEL",
        "MAINTAINER",
        "ONBUILD",
        "RUN",
        "SHELL",
        "STOPSIGNAL",
        "USER",
        "VOLUME",
        "WORKDIR",
    }
)

#: Instructions that keep defining the container at run time; a rewrite must carry them over.
RUNTIME_KEYWORDS = frozenset(
    {
        "CMD",
        "ENTRYPOINT",
        "EXPOSE",
        "USER",
        "WORKDIR",
        "ENV",
        "LABEL",
        "VOLUME",
        "HEALTHCHECK",
        "STOPSIGNAL",
        "SHELL",
        "ONBUILD",
    }
)

_PRAGMA = re.compile(r"#\s*imgopt\s*:\s*ignore\s*=\s*([A-Za-z0-9_,\s]*?)(?:\s+(.*))?$")
_CODE = re.compile(r"[A-Za-z]+[0-9]+")


_INF = float("inf")


def segment_offset(segments: Sequence[tuple[int, int]], index: int) -> int:
    """The source offset of ``index`` in a text made of ``(index, source offset)`` segments
    (a logical line joined from physical lines, or an instruction's body)."""
    k = bisect_right(segments, (index, _INF)) - 1
    start, source = segments[max(k, 0)]
    return source + index - start


class Span(NamedTuple):
    """Where something sits in the source.

    A named tuple rather than a frozen dataclass: the parser makes several per instruction, and
    a tuple is built several times faster.

    Attributes:
        start: offset of the first character in ``Dockerfile.text``.
        end: offset just past the last character.
        start_line: 1-based line of ``start``.
        start_col: 1-based column of ``start``.
        end_line: 1-based line of the last character (of ``start`` for an empty span).
        end_col: 1-based column just past the last character (exclusive).
    """

    start: int
    end: int
    start_line: int
    start_col: int
    end_line: int
    end_col: int


@dataclass(frozen=True, slots=True)
class Comment:
    """One comment line (``#`` after optional indentation).

    Attributes:
        text: the line without indentation and line terminator, e.g. ``"# imgopt: ignore=IMG101"``.
        span: where ``text`` sits.
    """

    text: str
    span: Span

    @property
    def body(self) -> str:
        """The text after ``#``, stripped: ``"imgopt: ignore=IMG101"``."""
        return self.text[1:].strip()

    @property
    def line(self) -> int:
        """1-based line number."""
        return self.span.start_line


@dataclass(frozen=True, slots=True)
class Directive:
    """A parser directive at the top of the file (``# syntax=...``, ``# escape=```, ``# check=``).

    Attributes:
        name: lower-cased directive name (``"syntax"``).
        value: its value as written, stripped (``"docker/dockerfile:1"``).
        span: the whole comment line.
    """

    name: str
    value: str
    span: Span


@dataclass(frozen=True, slots=True)
class Trivia:
    """Source text between instructions: BOM, directives, comments, blank lines, line ends.

    Attributes:
        raw: the exact text.
        span: where it sits.
    """

    raw: str
    span: Span


@dataclass(frozen=True, slots=True)
class Flag:
    """One ``--name[=value]`` option of an instruction.

    Attributes:
        name: lower-cased name without dashes (``"mount"``, ``"from"``, ``"link"``).
        value: the value after ``=`` with quotes removed, as BuildKit reads it (variables not
            expanded), or None for a bare ``--link``.
        raw: the flag as written (``"--mount=type=cache,target=/root/.cache"``).
        span: where ``raw`` sits in the source.
    """

    name: str
    value: str | None
    raw: str
    span: Span


@dataclass(frozen=True, slots=True)
class Mount:
    """A ``RUN --mount=...`` parsed into its key/values.

    Keys are lower-cased and aliases normalised (``dst``/``destination`` -> ``target``, ``src`` ->
    ``source``, ``ro``/``readonly`` and ``rw``/``readwrite`` -> ``readonly``); a bare key such as
    ``readonly`` gets the value ``"true"``. ``type`` defaults to ``bind`` as in BuildKit.

    Example:
        ``--mount=type=cache,target=/root/.cache/pip,sharing=locked`` ->
        ``Mount(type="cache", options=(("type", "cache"), ("target", "/root/.cache/pip"),
        ("sharing", "locked")), raw=...)``; ``mount.target == "/root/.cache/pip"``.
    """

    type: str
    options: tuple[tuple[str, str], ...]
    raw: str

    def get(self, key: str, default: str | None = None) -> str | None:
        """The value of ``key`` (normalised name), or ``default``."""
        for k, v in self.options:
            if k == key:
                return v
        return default

    @property
    def target(self) -> str | None:
        """Where the mount appears in the build container."""
        return self.get("target")

    @property
    def source(self) -> str | None:
        """Path in the ``from`` image/stage or context (bind), or the secret/ssh source."""
        return self.get("source")

    @property
    def from_(self) -> str | None:
        """The stage or image the mount reads from (``from=``), if any."""
        return self.get("from")

    @property
    def id(self) -> str | None:
        """The cache/secret/ssh id, if given."""
        return self.get("id")


@dataclass(frozen=True, slots=True)
class Heredoc:
    """One heredoc attached to a RUN/COPY/ADD.

    Attributes:
        name: the delimiter word (``"EOF"``).
        content: the body as BuildKit reads it: the lines between the opener and the delimiter,
            exactly as in the source (BuildKit keeps the CR of CRLF lines); tabs NOT yet stripped
            for ``<<-``. ``content[i]`` sits at offset ``body_span.start + i``.
        strip_tabs: written as ``<<-NAME``: leading tabs are removed from each line at build time.
        quoted: the delimiter was quoted (``<<"EOF"``), so no variable expansion happens.
        fd: the file descriptor (``0`` unless written as ``3<<EOF``).
        body_span: the body lines in the source, from the line after the opener through the end of
            the last body line's terminator (empty at the delimiter line for an empty body).
        delimiter_span: the closing delimiter line (without its line terminator).
    """

    name: str
    content: str
    strip_tabs: bool
    quoted: bool
    fd: int
    body_span: Span
    delimiter_span: Span

    @property
    def script(self) -> str:
        """The content as the build sees it (leading tabs removed for ``<<-``)."""
        if not self.strip_tabs:
            return self.content
        return "".join(line.lstrip("\t") for line in self.content.splitlines(keepends=True))


@dataclass(frozen=True, slots=True)
class Instruction:
    """One instruction, with the exact slice of source it came from.

    Attributes:
        keyword: upper-cased keyword (``"RUN"``); for ONBUILD it is ``"ONBUILD"``.
        raw: the exact source text from the keyword through the end of the last line (continuation
            lines, comment lines inside continuations and heredoc bodies included; the final line
            terminator excluded). ``raw == dockerfile.text[span.start:span.end]``.
        span: where ``raw`` sits.
        indent: whitespace before the keyword on its line (kept as trivia, given for edits).
        flags: the ``--name=value`` options, in order.
        args: BuildKit's arguments: for exec form the JSON list items; for shell-form RUN, CMD,
            ENTRYPOINT the joined body as one string; otherwise the whitespace-separated words
            (ENV/LABEL as alternating key, value; HEALTHCHECK ``("CMD", ...)`` or ``("NONE",)``).
        is_exec_form: the arguments were a JSON array.
        heredocs: heredocs opened on the instruction line, in order.
        comments: the comment lines directly above (no blank line in between), nearest last.
        body: the instruction line after keyword and flags (and after ``ONBUILD X``), with line
            continuations joined and comment/empty lines inside them dropped, as BuildKit does,
            not stripped. For shell-form RUN it is the shell script (plus heredoc openers).
        body_segments: where ``body`` sits in ``Dockerfile.text``: one ``(body index, source
            offset)`` pair per physical line it spans (use :meth:`source_offset`).
        body_end: the offset just past the body in the source (end of the instruction line, before
            any heredoc body).
        sub_keyword: for ``ONBUILD RUN ...`` the upper-cased inner keyword (``"RUN"``), else None.
        index: 0-based position among all instructions of the file.
        stage_index: index of the stage the instruction belongs to, None for ARGs before FROM.
    """

    keyword: str
    raw: str
    span: Span
    indent: str
    flags: tuple[Flag, ...]
    args: tuple[str, ...]
    is_exec_form: bool
    heredocs: tuple[Heredoc, ...]
    comments: tuple[Comment, ...]
    body: str
    body_segments: tuple[tuple[int, int], ...] = field(repr=False)
    body_end: int
    sub_keyword: str | None
    index: int
    stage_index: int | None

    @property
    def line(self) -> int:
        """1-based first line."""
        return self.span.start_line

    @property
    def end_line(self) -> int:
        """1-based last line (the heredoc delimiter line when there are heredocs)."""
        return self.span.end_line

    @property
    def effective_keyword(self) -> str:
        """``sub_keyword`` for ONBUILD, else ``keyword``."""
        return self.sub_keyword or self.keyword

    def flag(self, name: str) -> str | None:
        """The value of the last ``--name=value`` (``""`` for a bare ``--name``), or None.

        Example:
            ``COPY --from=build /app /app`` -> ``ins.flag("from") == "build"``.
        """
        found: str | None = None
        for f in self.flags:
            if f.name == name:
                found = f.value if f.value is not None else ""
        return found

    def flag_values(self, name: str) -> list[str]:
        """All values of a repeatable flag (``--mount``), in order; bare flags give ``""``."""
        return [f.value if f.value is not None else "" for f in self.flags if f.name == name]

    def has_flag(self, name: str) -> bool:
        """Whether ``--name`` is given (with or without a value)."""
        return any(f.name == name for f in self.flags)

    @property
    def mounts(self) -> tuple[Mount, ...]:
        """The ``--mount`` flags, parsed."""
        return tuple(parse_mount(v) for v in self.flag_values("mount"))

    @property
    def shell_body(self) -> str | None:
        """The shell script of a shell-form RUN/CMD/ENTRYPOINT (``HEALTHCHECK CMD x``: ``x``).

        Continuations are joined as BuildKit joins them; heredoc openers (``<<EOF``) stay in the
        text, the bodies are in :attr:`heredocs`. None for exec form and other instructions.
        """
        kw = self.effective_keyword
        if self.is_exec_form:
            return None
        if kw in ("RUN", "CMD", "ENTRYPOINT"):
            return self.body.strip()
        if kw == "HEALTHCHECK" and self.args[:1] == ("CMD",):
            body = self.body.strip()
            return body[3:].strip() if body[:3].upper() == "CMD" else None
        return None

    @property
    def exec_args(self) -> tuple[str, ...] | None:
        """The JSON array of an exec-form instruction (HEALTHCHECK: without ``CMD``), else None."""
        if not self.is_exec_form:
            return None
        if self.effective_keyword == "HEALTHCHECK":
            return self.args[1:]
        return self.args

    def source_offset(self, body_index: int) -> int:
        """Map an index into :attr:`body` to an offset in ``Dockerfile.text``.

        ``body_index == len(body)`` maps to :attr:`body_end`, so the source span
        ``[source_offset(i), source_offset(j))`` of a body slice ``body[i:j]`` covers it in the
        source (continuations included). Use it to edit a command found by the shell splitter.
        """
        if body_index >= len(self.body) or not self.body_segments:
            return self.body_end
        return segment_offset(self.body_segments, body_index)

    @property
    def body_offsets(self) -> tuple[int, ...]:
        """For each character of :attr:`body`, its offset in ``Dockerfile.text`` (built from
        :attr:`body_segments` on each access: keep the result, or use :meth:`source_offset`)."""
        return tuple(self.source_offset(i) for i in range(len(self.body)))

    def key_values(self) -> list[tuple[str, str | None]]:
        """ENV/LABEL/ARG as (key, value) pairs with quotes removed; ``ARG X`` gives ``("X", None)``.

        Example:
            ``ENV A=1 B="two words"`` -> ``[("A", "1"), ("B", "two words")]``.
        """
        from imgopt.dockerfile.variables import unquote

        kw = self.effective_keyword
        if kw in ("ENV", "LABEL"):
            return [
                (unquote(self.args[i]), unquote(self.args[i + 1]))
                for i in range(0, len(self.args) - 1, 2)
            ]
        if kw == "ARG":
            out: list[tuple[str, str | None]] = []
            for word in self.args:
                key, eq, value = word.partition("=")
                out.append((key, unquote(value) if eq else None))
            return out
        return []

    def suppressed_codes(self) -> frozenset[str]:
        """Rule codes silenced by ``# imgopt: ignore=IMG101,IMG102 reason`` comments above.

        Only the comment block directly above the instruction counts (hadolint's rule: a pragma
        applies to the next instruction only). Codes are upper-cased.

        Example:
            ``# imgopt: ignore=IMG101 lists needed at run time`` above a RUN ->
            ``frozenset({"IMG101"})``.
        """
        codes: set[str] = set()
        for comment in self.comments:
            m = _PRAGMA.match(comment.text)
            if m:
                codes.update(c.upper() for c in _CODE.findall(m.group(1)))
        return frozenset(codes)

    def suppression_reason(self, code: str) -> str | None:
        """The reason written after the codes of the pragma that silences ``code``, if any."""
        for comment in self.comments:
            m = _PRAGMA.match(comment.text)
            if m and code.upper() in (c.upper() for c in _CODE.findall(m.group(1))):
                return (m.group(2) or "").strip() or None
        return None


@dataclass(frozen=True, slots=True, eq=False)
class Stage:
    """One build stage: a FROM and the instructions up to the next FROM.

    Attributes:
        index: 0-based stage index (``COPY --from=0`` refers to it).
        from_instruction: the FROM.
        instructions: every instruction of the stage, FROM first.
        base: the image (or stage name) as written: ``"python:${PY}-slim"``.
        base_resolved: ``base`` after substituting the ARGs declared before the first FROM (their
            defaults, overridden by the build args given to :func:`parse`) and BuildKit's
            automatic platform args (``TARGETOS``, ``TARGETARCH``..., this machine's by default).
        image: ``base_resolved`` parsed; None when the base is an earlier stage (see
            ``base_stage``) or resolves to an empty string.
        base_stage: the index of the earlier stage named by FROM, if any.
        name: the ``AS`` name, resolved and lower-cased, or None.
        name_as_written: the ``AS`` name as written, or None.
        platform: the ``--platform`` value as written, or None.
        depends_on: earlier stages this one reads (FROM, ``COPY --from``, ``--mount=from=``).
        used_by: later stages that read this one.
        is_final: the last stage (what ``docker build`` ships without ``--target``).
        in_final_image: the stage's layers end up in the final image: the final stage, or a stage
            it is built ``FROM`` (directly or through a chain). A stage only copied from with
            ``COPY --from`` is a throw-away build stage: its leftovers cost nothing.
    """

    index: int
    from_instruction: Instruction
    instructions: tuple[Instruction, ...]
    base: str
    base_resolved: str
    image: ImageRef | None
    base_stage: int | None
    name: str | None
    name_as_written: str | None
    platform: str | None
    depends_on: tuple[int, ...]
    used_by: tuple[int, ...]
    is_final: bool
    in_final_image: bool

    @property
    def is_used(self) -> bool:
        """Whether a later stage reads this one (a stage that is neither final nor used is dead)."""
        return bool(self.used_by)

    @property
    def body(self) -> tuple[Instruction, ...]:
        """The instructions after FROM."""
        return self.instructions[1:]

    def find(self, *keywords: str) -> list[Instruction]:
        """The stage's instructions with one of ``keywords`` (upper-case), ONBUILD excluded."""
        return [i for i in self.instructions if i.keyword in keywords]


@dataclass(frozen=True, slots=True, eq=False)
class Dockerfile:
    """A parsed Dockerfile. Build it with :func:`imgopt.dockerfile.parse`.

    Attributes:
        text: the source, exactly as given.
        path: the file it came from, or None.
        items: instructions and trivia in source order; their ``raw`` texts concatenate to
            ``text``.
        instructions: every instruction in order (global ARGs included).
        directives: the parser directives at the top.
        comments: every comment line outside instructions, in order.
        global_args: the ARG instructions before the first FROM.
        stages: the build stages, in order.
        escape: the escape character (``"\\\\"`` or ``"`"``).
        newline: the file's line terminator (``"\\r\\n"`` if its first line ends so, else
            ``"\\n"``); edits write new lines with it.
        has_bom: the text starts with a UTF-8 BOM (kept in the first trivia item).
        arg_values: the global ARGs after applying build args: name -> value (None when declared
            without default and not given).
    """

    text: str
    path: str | None
    items: tuple[Instruction | Trivia, ...]
    instructions: tuple[Instruction, ...]
    directives: tuple[Directive, ...]
    comments: tuple[Comment, ...]
    global_args: tuple[Instruction, ...]
    stages: tuple[Stage, ...]
    escape: str
    newline: str
    has_bom: bool
    arg_values: Mapping[str, str | None]

    def render(self) -> str:
        """The source text, rebuilt from the items (equals :attr:`text` for a parsed file)."""
        return "".join(item.raw for item in self.items)

    @property
    def final_stage(self) -> Stage:
        """The last stage."""
        return self.stages[-1]

    def stage(self, ref: str | int) -> Stage | None:
        """The stage named ``ref`` (case-insensitive) or with index ``ref`` (int or digits)."""
        if isinstance(ref, int) or ref.isdigit():
            i = int(ref)
            return self.stages[i] if 0 <= i < len(self.stages) else None
        low = ref.lower()
        for st in self.stages:
            if st.name == low:
                return st
        return None

    def instruction_at(self, line: int) -> Instruction | None:
        """The instruction whose lines include ``line`` (1-based), if any."""
        for ins in self.instructions:
            if ins.span.start_line <= line <= ins.span.end_line:
                return ins
        return None

    def stage_of(self, ins: Instruction) -> Stage | None:
        """The stage ``ins`` belongs to (None for a global ARG)."""
        return None if ins.stage_index is None else self.stages[ins.stage_index]

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its terminator."""
        lines = self.text.split("\n")
        s = lines[line - 1] if 0 < line <= len(lines) else ""
        return s[:-1] if s.endswith("\r") else s

    def __iter__(self) -> Iterator[Instruction]:
        return iter(self.instructions)


def parse_mount(value: str) -> Mount:
    """Parse the value of a ``--mount`` flag (CSV of key[=value]).

    Example:
        >>> parse_mount("type=cache,target=/root/.npm,id=npm").target
        '/root/.npm'
    """
    from imgopt.dockerfile.variables import split_csv

    aliases = {
        "dst": "target",
        "destination": "target",
        "src": "source",
        "ro": "readonly",
        "rw": "readwrite",
    }
    options: list[tuple[str, str]] = []
    mount_type = "bind"
    for part in split_csv(value):
        key, eq, val = part.partition("=")
        key = aliases.get(key.strip().lower(), key.strip().lower())
        val = val if eq else "true"
        if key == "readwrite":
            key, val = "readonly", "false" if val.lower() in ("true", "1") else "true"
        if key == "type":
            mount_type = val.lower()
        options.append((key, val))
    return Mount(type=mount_type, options=tuple(options), raw=value)
