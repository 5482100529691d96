"""Parse Dockerfile text into the lossless model.

BuildKit's own Go parser (the ``dockerfile`` package) decides instruction boundaries, heredocs,
flags and line spans; this module maps them back onto the exact source text (BuildKit joins
continuation lines and drops comments, so positions are recomputed here with BuildKit's own
line rules), builds stages, and validates what BuildKit leaves to build time (unknown keywords,
FROM without an image, instructions before the first FROM).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from functools import cache
from itertools import pairwise
from pathlib import Path
from types import ModuleType
from typing import Any

from imgopt.dockerfile.imageref import parse_image_ref
from imgopt.dockerfile.model import (
    KEYWORDS,
    Comment,
    Directive,
    Dockerfile,
    Flag,
    Heredoc,
    Instruction,
    Span,
    Stage,
    Trivia,
    parse_mount,
    segment_offset,
)
from imgopt.dockerfile.variables import expand, unquote
from imgopt.errors import DockerfileParseError

# Go's unicode.IsSpace (Python's str.isspace also counts \x1c-\x1f, which Go does not).
_GO_SPACE = frozenset("\t\n\v\f\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | frozenset(
    chr(c) for c in range(0x2000, 0x200B)
)
_GO_SPACE_CHARS = "".join(sorted(_GO_SPACE))
# The whitespace BuildKit splits the keyword from its arguments on (reWhitespace).
_KW_SPACE = frozenset("\t\v\f\r ")
_DIRECTIVE = re.compile(r"#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=[ \t]*(.+?)[ \t]*\Z")
_HEREDOC_OPENER = re.compile(r"(?<![<\w])(\d*)<<(-?)(\S+)")
_SURROGATES = re.compile("[\ud800-\udfff\x00]")
_NOT_IN_ONBUILD = frozenset({"ONBUILD", "FROM", "MAINTAINER"})
_MAX_PROBES = 500  # bound on re-parses when locating a Go parser error
_FROM_USAGE = "FROM [--platform=<platform>] <image> [AS <name>]"
# BuildKit's arity rules (frontend/dockerfile/instructions/parse.go). ENV and LABEL without a
# value are already refused by its line parser.
_EXACTLY_ONE = frozenset({"WORKDIR", "USER", "STOPSIGNAL", "MAINTAINER"})
_AT_LEAST_ONE = frozenset({"EXPOSE", "VOLUME", "ARG", "LABEL", "ENV", "SHELL", "HEALTHCHECK"})
_STAGE_NAME = re.compile(r"[a-z][a-z0-9-_.]*\Z")
_USAGE = {
    "COPY": "COPY [--from=<stage>] <src>... <dest>",
    "ADD": "ADD <src>... <dest>",
    "WORKDIR": "WORKDIR <path>",
    "USER": "USER <user>[:<group>]",
    "STOPSIGNAL": "STOPSIGNAL <signal>",
    "MAINTAINER": "MAINTAINER <name> (or LABEL maintainer=<name>)",
    "EXPOSE": "EXPOSE <port>[/<protocol>]...",
    "VOLUME": 'VOLUME ["/data"]',
    "ARG": "ARG <name>[=<default>]",
    "LABEL": "LABEL <key>=<value>...",
    "ENV": "ENV <key>=<value>...",
    "SHELL": 'SHELL ["executable", "parameters"]',
    "HEALTHCHECK": "HEALTHCHECK [OPTIONS] CMD <command> | HEALTHCHECK NONE",
    "FROM": _FROM_USAGE,
}


@cache
def _go() -> ModuleType:
    """BuildKit's parser, loaded on the first parse.

    Loading it starts a Go runtime, whose threads a ``fork()`` does not copy: a child forked
    after the load hangs in its first parse. Importing imgopt does not load it, so
    :mod:`imgopt.workers` can fork workers from a process that has not parsed yet.
    """
    import dockerfile

    return dockerfile  # type: ignore[no-any-return]


def parse(
    text: str,
    *,
    path: str | Path | None = None,
    build_args: Mapping[str, str] | None = None,
) -> Dockerfile:
    """Parse Dockerfile text.

    Args:
        text: the whole file as a ``str`` (CRLF, BOM and a missing final newline are kept).
        path: where it came from, for error messages and :attr:`Dockerfile.path`.
        build_args: ``--build-arg`` values, overriding the defaults of ARGs before FROM when
            resolving base images and stage names. BuildKit's automatic platform args
            (``TARGETARCH``, ``BUILDPLATFORM``...) default to this machine's platform.

    Raises:
        DockerfileParseError: the text is not a valid Dockerfile; carries the 1-based line.

    Example:
        >>> df = parse("ARG PY=3.11\\nFROM python:${PY}-slim AS app\\nRUN pip install flask\\n")
        >>> st = df.stages[0]
        >>> (st.base, st.base_resolved, st.name, st.is_final, st.image.tag)
        ('python:${PY}-slim', 'python:3.11-slim', 'app', True, '3.11-slim')
        >>> df.render() == df.text
        True
    """
    if not isinstance(text, str):
        raise DockerfileParseError(path, 1, "expected Dockerfile text (str)")
    args = tuple(sorted((build_args or {}).items()))
    return _parse_cached(text, None if path is None else str(path), args)


@functools.lru_cache(maxsize=512)
def _parse_cached(
    text: str, path: str | None, build_args: tuple[tuple[str, str], ...]
) -> Dockerfile:
    # The model is immutable, so one parse can serve every caller: the planner and apply_fixes
    # re-parse the same texts many times while iterating to a fixed point (about 9 parses per
    # planned file before this cache). Parse errors are not cached; they are re-raised fresh.
    return _Parser(text, path, dict(build_args)).run()


def parse_file(path: str | Path, *, build_args: Mapping[str, str] | None = None) -> Dockerfile:
    """Read and parse a Dockerfile.

    The file is decoded as UTF-8 with ``surrogateescape``, so bytes that are not UTF-8 survive a
    round trip: write the result back with :func:`write_dockerfile`.

    Raises:
        DockerfileParseError: the file is unreadable (line 1) or malformed.
    """
    from imgopt.errors import InputError
    from imgopt.userfiles import read_bytes

    try:  # regular files only, size-limited: a FIFO or a device is refused, never read
        data = read_bytes(path, what="Dockerfile")
    except InputError as exc:
        reason = exc.message.removeprefix(f"{path}: ")
        raise DockerfileParseError(
            path, 1, reason, hint=exc.hint or "check the path and permissions"
        ) from None
    return parse(data.decode("utf-8", "surrogateescape"), path=path, build_args=build_args)


def write_dockerfile(path: str | Path, text: str) -> None:
    """Write Dockerfile text exactly (no newline translation; surrogate-escaped bytes restored),
    atomically and never through a symlink (:mod:`imgopt.userfiles`)."""
    from imgopt.userfiles import write_bytes

    write_bytes(path, text.encode("utf-8", "surrogateescape"))


class _Parser:
    """One parse: line tables, the Go parse, and the mapping back onto the source."""

    def __init__(self, text: str, path: str | None, build_args: Mapping[str, str]) -> None:
        self.text = text
        self.path = path
        self.build_args = build_args
        self.has_bom = text.startswith("\ufeff")
        starts = [0]
        find = text.find
        i = find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = find("\n", i + 1)
        if self.has_bom:
            starts[0] = 1
        self.starts = starts
        self.nlines = len(starts)
        self.escape = "\\"
        self.n_directives = 0

    # -- line helpers -------------------------------------------------------------------------

    def line_end(self, k: int) -> int:
        """Offset just past the content of 0-based line ``k`` (its CR/LF excluded)."""
        end = self.starts[k + 1] - 1 if k + 1 < self.nlines else len(self.text)
        if end > self.starts[k] and self.text[end - 1] == "\r":
            end -= 1
        return end

    def line(self, k: int) -> str:
        return self.text[self.starts[k] : self.line_end(k)]

    def span(self, a: int, b: int) -> Span:
        starts = self.starts
        la = max(bisect_right(starts, a) - 1, 0)
        if b > a:
            lb = max(bisect_right(starts, b - 1) - 1, 0)
            end_col = max(b - 1 - starts[lb], 0) + 2
        else:
            lb, end_col = la, max(a - starts[la], 0) + 1
        return tuple.__new__(Span, (a, b, la + 1, max(a - starts[la], 0) + 1, lb + 1, end_col))

    def error(self, line: int, message: str, hint: str | None = None) -> DockerfileParseError:
        return DockerfileParseError(self.path, max(1, line), message, hint=hint)

    @staticmethod
    def is_comment(line: str) -> bool:
        return _lstrip_go(line).startswith("#")

    # -- main ---------------------------------------------------------------------------------

    def run(self) -> Dockerfile:
        text = self.text
        go_text = text
        if not text.isascii() or "\x00" in text:
            # The Go extension reads a C string (NUL ends it) and crashes on lone surrogates:
            # give it a same-shape copy; positions come from our own line table anyway.
            go_text = _SURROGATES.sub("\ufffd", text)
        directives = self.directives()
        self.n_directives = len(directives)  # directive lines are neither comments nor pragmas
        for d in directives:
            if d.name == "escape":
                if d.value not in ("\\", "`"):
                    raise self.error(
                        d.span.start_line,
                        f"invalid escape directive {d.value!r}",
                        hint="the escape character must be \\ or `",
                    )
                self.escape = d.value
        try:
            cmds = self.go_commands(go_text)
        except _go().GoParseError as exc:
            raise self.go_error(go_text, str(exc)) from None
        if not cmds:
            raise self.error(1, "the file has no instructions", hint=f"start with {_FROM_USAGE}")

        items: list[Instruction | Trivia] = []
        instructions: list[Instruction] = []
        comments: list[Comment] = []
        pos = 0
        prev_end_line = -1  # 0-based last line of the previous instruction
        n_from = 0
        for cmd, shift, chunk in cmds:
            k0, k1 = cmd.start_line - 1 + shift, cmd.end_line - 1 + shift
            if not (prev_end_line < k0 <= k1 < self.nlines):
                raise self.error(k0 + 1, "could not map the instruction onto the source")
            first = self.line(k0)
            start = self.starts[k0] + (len(first) - len(_lstrip_go(first)))
            end = self.line_end(k1)
            attached = self.trivia(pos, start, prev_end_line + 1, k0, items, comments)
            if str(cmd.cmd).upper() == "FROM":
                n_from += 1
            stage = n_from - 1 if n_from else None
            index = len(instructions)
            cached = _INSTRUCTIONS.get(chunk) if chunk is not None else None
            if cached is not None:
                # Seen in another text: the same instruction, only moved.
                ins = _moved(cached, self.starts[shift], shift, attached, index, stage)
            else:
                ins = self.instruction(cmd, k0, k1, start, end, attached, index, stage)
                if chunk is not None:
                    _INSTRUCTIONS[chunk] = _moved(ins, -self.starts[shift], -shift, (), 0, None)
            items.append(ins)
            instructions.append(ins)
            pos = end
            prev_end_line = k1
        self.trivia(pos, len(text), prev_end_line + 1, self.nlines, items, comments)

        global_args, stages, arg_values = self.stages(instructions)
        return Dockerfile(
            text=text,
            path=self.path,
            items=tuple(items),
            instructions=tuple(instructions),
            directives=directives,
            comments=tuple(comments),
            global_args=global_args,
            stages=stages,
            escape=self.escape,
            newline=self.newline(),
            has_bom=self.has_bom,
            arg_values=arg_values,
        )

    def go_commands(self, go_text: str) -> list[tuple[Any, int, str | None]]:
        """BuildKit's commands for ``go_text``, parsing only instructions not seen before: each
        with the number of lines to add to its ``start_line`` and ``end_line``, and the chunk of
        text it came from (None when the text was parsed whole).

        The planner parses many texts that share most of their instructions (each variant of
        a Dockerfile, each pass of the fixer). BuildKit parses one instruction independently of
        the others, so the text is cut into chunks that each start at an instruction (found
        with BuildKit's own line rules: comments and blank lines inside a continuation do not
        end it), known chunks are answered from a cache, and the unknown ones are parsed in one
        call. Every chunk must come back as exactly one command starting where the cut says;
        anything else (and any text with heredocs, parser directives or a BOM, whose parse
        depends on more than one instruction) is parsed whole, as before.
        """
        if self.n_directives or self.has_bom or "<<" in go_text:
            return _parse_whole(go_text)
        lines = go_text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        starts = _instruction_starts(lines)
        if len(starts) < 2:
            return _parse_whole(go_text)
        bounds = [0, *starts[1:], len(lines)]
        chunks = ["\n".join(lines[a:b]) + "\n" for a, b in pairwise(bounds)]
        # Where each unknown chunk's instruction starts: the first chunk may open with comments.
        missing = {
            c: (starts[0] if i == 0 else 0) for i, c in enumerate(chunks) if c not in _GO_CHUNKS
        }
        if missing and not _parse_chunks(missing):
            return _parse_whole(go_text)
        out: list[tuple[Any, int, str | None]] = []
        for a, chunk in zip(bounds[:-1], chunks, strict=True):
            rel = _GO_CHUNKS.get(chunk)
            if rel is None:  # evicted when this very batch filled the cache
                return _parse_whole(go_text)
            out.append((rel, a, chunk))
        return out

    def newline(self) -> str:
        if self.nlines > 1 and self.text[self.starts[1] - 2 : self.starts[1] - 1] == "\r":
            return "\r\n"
        return "\n"

    def directives(self) -> tuple[Directive, ...]:
        out: list[Directive] = []
        seen: set[str] = set()
        for k in range(self.nlines):
            m = _DIRECTIVE.match(self.line(k))  # line 0 starts after a BOM (starts[0] == 1)
            if not m or m.group(1).lower() in seen:
                break
            name = m.group(1).lower()
            seen.add(name)
            out.append(Directive(name, m.group(2), self.span(self.starts[k], self.line_end(k))))
        return tuple(out)

    def trivia(
        self,
        a: int,
        b: int,
        k_from: int,
        k_to: int,
        items: list[Instruction | Trivia],
        comments: list[Comment],
    ) -> tuple[Comment, ...]:
        """Record text[a:b] (lines k_from..k_to-1) as trivia; return the comment block that
        directly precedes line k_to."""
        if b > a:
            gap = self.text[a:b]
            items.append(Trivia(gap, self.span(a, b)))
            if not gap.strip(_GO_SPACE_CHARS):
                return ()  # blank lines only (most gaps): no comment, nothing unexpected
        block: list[Comment] = []
        starts = self.starts
        for k in range(max(k_from, self.n_directives), k_to):
            line = self.line(k)
            stripped = _lstrip_go(line)
            if stripped.startswith("#"):
                s = starts[k] + len(line) - len(stripped)
                # One line: its span needs no search (the general span() bisects twice).
                col = s - starts[k] + 1
                span = tuple.__new__(
                    Span, (s, s + len(stripped), k + 1, col, k + 1, col + len(stripped))
                )
                c = Comment(stripped, span)
                comments.append(c)
                block.append(c)
            elif stripped:
                raise self.error(k + 1, f"unexpected text {stripped[:40]!r}")
            else:
                block = []
        return tuple(block)

    # -- one instruction ----------------------------------------------------------------------

    def instruction(
        self,
        cmd: Any,
        k0: int,
        k1: int,
        start: int,
        end: int,
        comments: tuple[Comment, ...],
        index: int,
        stage_index: int | None,
    ) -> Instruction:
        text = self.text
        line_no = k0 + 1
        chars, segs, k_last = self.logical_line(k0, start, k1)
        n = len(chars)
        i = _skip(chars, 0, _GO_SPACE)
        j = i
        while j < n and chars[j] not in _KW_SPACE:
            j += 1
        keyword = chars[i:j].upper()
        if not keyword:
            raise self.error(
                line_no,
                "expected an instruction keyword",
                hint="a line continuation or stray character starts this line",
            )
        if keyword not in KEYWORDS:
            raise self.error(
                line_no,
                f"unknown instruction {chars[i:j][:40]!r}",
                hint="expected one of " + ", ".join(sorted(KEYWORDS)),
            )
        sub_keyword: str | None = None
        pos = _skip(chars, j, _KW_SPACE)
        if keyword == "ONBUILD":
            _, pos = self.flags(chars, segs, pos)
            j = pos
            while j < n and chars[j] not in _KW_SPACE:
                j += 1
            sub_keyword = chars[pos:j].upper()
            if not sub_keyword:
                raise self.error(line_no, "ONBUILD needs an instruction", hint="ONBUILD RUN ...")
            if sub_keyword not in KEYWORDS or sub_keyword in _NOT_IN_ONBUILD:
                raise self.error(
                    line_no, f"{sub_keyword!r} is not allowed after ONBUILD", hint=None
                )
            pos = _skip(chars, j, _KW_SPACE)
        flags, pos = self.flags(chars, segs, pos)
        if sub_keyword is None:
            self.check_arity(keyword, tuple(cmd.value), bool(cmd.json), line_no)
        body = chars[pos:]
        body_segments = _rebase(segs, pos, n)
        body_end = self.line_end(k_last)
        heredocs = self.heredocs(cmd, body, k_last, k1)
        return Instruction(
            keyword=keyword,
            raw=text[start:end],
            span=self.span(start, end),
            indent=text[self.starts[k0] : start],
            flags=flags,
            args=tuple(cmd.value),
            is_exec_form=bool(cmd.json),
            heredocs=heredocs,
            comments=comments,
            body=body,
            body_segments=body_segments,
            body_end=body_end,
            sub_keyword=sub_keyword,
            index=index,
            stage_index=stage_index,
        )

    def check_arity(self, keyword: str, args: tuple[str, ...], json: bool, line: int) -> None:
        """Reject what BuildKit's instruction parser rejects before building anything (its
        ``instructions.Parse``: ``docker build`` stops there with "dockerfile parse error"),
        so such a file fails here with its line, as it does in Docker.

        ONBUILD triggers are only checked by Docker when a child image runs them, so they
        are not checked here either.
        """
        problem: str | None = None
        usage = _USAGE.get(keyword)
        if keyword in ("COPY", "ADD") and len(args) < 2:
            problem = (
                f"{keyword} requires at least two arguments, but only "
                f"{'one was' if args else 'none were'} provided: the destination is missing"
            )
        elif keyword in _EXACTLY_ONE and len(args) != 1:
            problem = f"{keyword} requires exactly one argument"
        elif keyword in _AT_LEAST_ONE and not args:
            problem = f"{keyword} requires at least one argument"
        elif keyword == "VOLUME" and any(not a.strip() for a in args):
            problem = "VOLUME specified can not be an empty string"
        elif keyword == "SHELL" and not json:
            problem = "SHELL requires the arguments to be in JSON form"
        elif keyword == "HEALTHCHECK":
            kind = args[0].upper()
            if kind == "NONE" and len(args) > 1:
                problem = "HEALTHCHECK NONE takes no arguments"
            elif kind == "CMD" and len(args) == 1:
                problem = "missing command after HEALTHCHECK CMD"
            elif kind not in ("NONE", "CMD"):
                problem = f"unknown type {args[0][:20]!r} in HEALTHCHECK (try CMD)"
        elif keyword == "FROM" and _bad_stage_name(args):
            problem = (
                f"invalid name for build stage: {args[2][:40]!r}, name can't start with a "
                "number or contain symbols"
            )
        if problem is not None:
            raise self.error(line, problem, hint=usage)

    def logical_line(self, k0: int, start: int, k1: int) -> tuple[str, list[tuple[int, int]], int]:
        """BuildKit's joined instruction line, where its pieces sit in the source as
        ``(line index, source offset)`` per physical-line segment, and the 0-based last physical
        line it used."""
        text, esc = self.text, self.escape
        parts: list[str] = []
        segs: list[tuple[int, int]] = []
        n = 0
        k, a = k0, start
        first = True
        while True:
            e = self.line_end(k)
            seg = text[a:e]
            skip = False
            if not first:
                lead = _lstrip_go(seg)
                skip = not lead or lead.startswith("#")
            cont = True
            if not skip:
                stripped = seg.rstrip(" \t")
                if stripped.endswith(esc):
                    seg = stripped[:-1]
                else:
                    cont = False
                if seg:
                    segs.append((n, a))
                    parts.append(seg)
                    n += len(seg)
            if not cont or k >= k1:
                return "".join(parts), segs, k
            first = False
            k += 1
            a = self.starts[k]

    def flags(
        self, chars: str, segs: Sequence[tuple[int, int]], pos: int
    ) -> tuple[tuple[Flag, ...], int]:
        """BuildKit's extractBuilderFlags on the logical line from ``pos``: the flags and the
        index where the arguments start."""
        flags: list[Flag] = []
        n = len(chars)
        while True:
            p = _skip(chars, pos, _GO_SPACE)
            if p + 1 >= n or chars[p] != "-" or chars[p + 1] != "-":
                return tuple(flags), p
            word: list[str] = []
            q = p
            quote = ""
            while q < n:
                ch = chars[q]
                if quote:
                    if ch == quote:
                        quote = ""
                    elif ch == "\\" and q + 1 < n:
                        q += 1
                        word.append(chars[q])
                    else:
                        word.append(ch)
                elif ch in _GO_SPACE:
                    break
                elif ch in "'\"":
                    quote = ch
                elif ch == "\\" and q + 1 < n:
                    q += 1
                    word.append(chars[q])
                else:
                    word.append(ch)
                q += 1
            w = "".join(word)
            if w == "--":
                return tuple(flags), _skip(chars, q, _GO_SPACE)
            name, eq, value = w[2:].partition("=")
            a, b = segment_offset(segs, p), segment_offset(segs, q - 1) + 1
            flags.append(Flag(name.lower(), value if eq else None, self.text[a:b], self.span(a, b)))
            pos = q

    def heredocs(self, cmd: Any, body: str, k_last: int, k1: int) -> tuple[Heredoc, ...]:
        go_docs = cmd.heredocs
        if not go_docs:
            return ()
        openers = [(m.group(2) == "-", m.group(3)) for m in _HEREDOC_OPENER.finditer(body)]
        out: list[Heredoc] = []
        k = k_last + 1
        cursor = 0
        for doc in go_docs:
            strip_tabs, quoted = False, False
            while cursor < len(openers):
                chomp, word = openers[cursor]
                cursor += 1
                plain = unquote(word)
                if plain.startswith(doc.name):
                    strip_tabs, quoted = chomp, word[:1] in ("'", '"')
                    break
            body_start = k
            while k <= k1:
                candidate = self.line(k)
                if strip_tabs:
                    candidate = candidate.lstrip("\t")
                if candidate == doc.name:
                    break
                k += 1
            if k > k1:
                raise self.error(k_last + 1, f"unterminated heredoc {doc.name!r}")
            a = self.starts[body_start] if body_start < self.nlines else len(self.text)
            b = self.starts[k]
            out.append(
                Heredoc(
                    name=doc.name,
                    content=self.text[a:b],  # == doc.content, minus the Go copy's NUL fix
                    strip_tabs=strip_tabs,
                    quoted=quoted,
                    fd=int(doc.file_descriptor),
                    body_span=self.span(a, b),
                    delimiter_span=self.span(b, self.line_end(k)),
                )
            )
            k += 1
        return tuple(out)

    # -- stages -------------------------------------------------------------------------------

    def stages(
        self, instructions: list[Instruction]
    ) -> tuple[tuple[Instruction, ...], tuple[Stage, ...], dict[str, str | None]]:
        global_args: list[Instruction] = []
        groups: list[list[Instruction]] = []
        for ins in instructions:
            if ins.keyword == "FROM":
                groups.append([])
            elif not groups:
                if ins.keyword != "ARG":
                    raise self.error(
                        ins.line,
                        f"{ins.keyword} before the first FROM",
                        hint="only ARG may come before the first FROM",
                    )
                global_args.append(ins)
                continue
            groups[-1].append(ins)
        if not groups:
            last = instructions[-1]
            raise self.error(last.line, "no FROM instruction", hint=f"add {_FROM_USAGE}")

        values: dict[str, str | None] = {}
        for ins in global_args:
            for key, default in ins.key_values():
                if key in self.build_args:
                    values[key] = self.build_args[key]
                elif default is not None:
                    values[key] = expand(_arg_default_raw(ins, key), values, escape=self.escape)
                else:
                    values.setdefault(key, None)

        # BuildKit's automatic platform ARGs are in scope for FROM without being declared.
        scope: dict[str, str | None] = {**_platform_args(self.build_args), **values}
        names: list[str | None] = []
        heads: list[tuple[str, str, str | None, str | None, int | None]] = []
        for gi, group in enumerate(groups):
            frm = group[0]
            value = frm.args
            if not value:
                raise self.error(frm.line, "FROM needs a base image", hint=_FROM_USAGE)
            if len(value) not in (1, 3) or (len(value) == 3 and value[1].upper() != "AS"):
                raise self.error(frm.line, "malformed FROM", hint=_FROM_USAGE)
            base = value[0]
            resolved = expand(base, scope, escape=self.escape)
            name_written = value[2] if len(value) == 3 else None
            name = expand(name_written, scope, escape=self.escape).lower() if name_written else None
            low = resolved.lower()
            base_stage = next((i for i in range(gi) if names[i] == low), None)
            names.append(name)
            heads.append((base, resolved, name, name_written, base_stage))

        def stage_ref(ref: str, current: int) -> int | None:
            r = expand(ref, scope, escape=self.escape).lower()
            if r.isdigit():
                i = int(r)
                return i if i < len(groups) and i != current else None
            for i, nm in enumerate(names):
                if nm == r and i != current:
                    return i
            return None

        depends: list[set[int]] = [set() for _ in groups]
        for gi, group in enumerate(groups):
            if heads[gi][4] is not None:
                depends[gi].add(heads[gi][4])  # type: ignore[arg-type]
            for ins in group[1:]:
                if ins.keyword == "COPY" and ins.flag("from"):
                    ref = stage_ref(ins.flag("from") or "", gi)
                    if ref is not None:
                        depends[gi].add(ref)
                if ins.keyword == "RUN":
                    for mv in ins.flag_values("mount"):
                        src = parse_mount(mv).from_
                        ref = stage_ref(src, gi) if src else None
                        if ref is not None:
                            depends[gi].add(ref)
        used_by: list[list[int]] = [[] for _ in groups]
        for gi, deps in enumerate(depends):
            for d in deps:
                used_by[d].append(gi)

        stages: list[Stage] = []
        final = len(groups) - 1
        shipped: set[int] = set()
        cur: int | None = final
        while cur is not None and cur not in shipped:
            shipped.add(cur)
            cur = heads[cur][4]
        for gi, group in enumerate(groups):
            base, resolved, name, name_written, base_stage = heads[gi]
            image = parse_image_ref(resolved) if base_stage is None and resolved else None
            stages.append(
                Stage(
                    index=gi,
                    from_instruction=group[0],
                    instructions=tuple(group),
                    base=base,
                    base_resolved=resolved,
                    image=image,
                    base_stage=base_stage,
                    name=name,
                    name_as_written=name_written,
                    platform=group[0].flag("platform"),
                    depends_on=tuple(sorted(depends[gi])),
                    used_by=tuple(sorted(used_by[gi])),
                    is_final=gi == final,
                    in_final_image=gi in shipped,
                )
            )
        return tuple(global_args), tuple(stages), values

    # -- errors -------------------------------------------------------------------------------

    def go_error(self, go_text: str, message: str) -> DockerfileParseError:
        """BuildKit's parser gives no line: find the line whose inclusion breaks the parse."""
        if "no instructions" in message:
            return self.error(1, "the file has no instructions", hint=f"start with {_FROM_USAGE}")
        lines = go_text.split("\n")

        def parses(n: int) -> bool:
            try:
                _go().parse_string("\n".join(lines[:n]) + "\n")
            except _go().GoParseError as exc:
                return "no instructions" in str(exc)
            return True

        line = 1
        if "heredoc" in message:
            # The culprit is the last heredoc opener with everything before it parsing fine.
            candidates = [k + 1 for k, text in enumerate(lines) if "<<" in text]
            for c in reversed(candidates[-_MAX_PROBES:]):
                if parses(c - 1):
                    line = c
                    break
            m = _HEREDOC_OPENER.search(lines[line - 1] if line <= len(lines) else "")
            name = unquote(m.group(3)) if m else "EOF"
            hint = f"close the heredoc with a line holding only {name!r}"
            return self.error(line, message, hint=hint)
        # Other errors (directives, over-long lines) come from a single line: the shortest
        # prefix that fails ends with it.
        for n in range(1, min(len(lines), _MAX_PROBES) + 1):
            if not parses(n):
                line = n
                break
        return self.error(line, message)


def _bad_stage_name(args: tuple[str, ...]) -> bool:
    """``FROM img AS name`` with a name BuildKit refuses (one with ``$`` is expanded later)."""
    if len(args) != 3 or args[1].upper() != "AS" or "$" in args[2]:
        return False
    return not _STAGE_NAME.match(args[2].lower())


def _platform_args(build_args: Mapping[str, str]) -> dict[str, str | None]:
    """TARGETPLATFORM, BUILDOS, ... for this machine, overridden by ``build_args``."""
    out: dict[str, str | None] = dict(_host_platform_args())
    for key in out:
        if key in build_args:
            out[key] = build_args[key]
    return out


@cache
def _host_platform_args() -> tuple[tuple[str, str], ...]:
    import platform

    machine = platform.machine().lower()
    arch = {"x86_64": "amd64", "aarch64": "arm64", "armv7l": "arm", "i686": "386"}.get(
        machine, machine
    )
    variant = "v7" if arch == "arm" else ""
    plat = f"linux/{arch}" + (f"/{variant}" if variant else "")
    out: list[tuple[str, str]] = []
    for prefix in ("TARGET", "BUILD"):
        out += [
            (f"{prefix}PLATFORM", plat),
            (f"{prefix}OS", "linux"),
            (f"{prefix}ARCH", arch),
            (f"{prefix}VARIANT", variant),
        ]
    return tuple(out)


#: BuildKit's command for a chunk of Dockerfile text (one instruction, the comments and blank
#: lines around it), with lines counted from the chunk's first line.
_GO_CHUNKS: dict[str, Any] = {}
_GO_CHUNKS_MAX = 20_000
#: The instruction a chunk of :data:`_GO_CHUNKS` holds, as if the chunk started the file (no
#: comments attached, index 0): the Python half of parsing it, done once.
_INSTRUCTIONS: dict[str, Instruction] = {}


def _moved(
    ins: Instruction,
    offset: int,
    lines: int,
    comments: tuple[Comment, ...],
    index: int,
    stage_index: int | None,
) -> Instruction:
    """``ins`` moved by ``offset`` characters and ``lines`` whole lines (columns unchanged)."""
    segs = ins.body_segments
    return Instruction(
        keyword=ins.keyword,
        raw=ins.raw,
        span=_moved_span(ins.span, offset, lines),
        indent=ins.indent,
        flags=tuple(
            Flag(f.name, f.value, f.raw, _moved_span(f.span, offset, lines)) for f in ins.flags
        )
        if ins.flags
        else (),
        args=ins.args,
        is_exec_form=ins.is_exec_form,
        heredocs=ins.heredocs,  # none: texts with heredocs are never cut into chunks
        comments=comments,
        body=ins.body,
        body_segments=((segs[0][0], segs[0][1] + offset),)
        if len(segs) == 1
        else tuple((i, src + offset) for i, src in segs),
        body_end=ins.body_end + offset,
        sub_keyword=ins.sub_keyword,
        index=index,
        stage_index=stage_index,
    )


def _moved_span(sp: Span, offset: int, lines: int) -> Span:
    # tuple.__new__ skips the named tuple's Python-level constructor: this runs per instruction.
    return tuple.__new__(
        Span,
        (sp[0] + offset, sp[1] + offset, sp[2] + lines, sp[3], sp[4] + lines, sp[5]),
    )


def _parse_whole(go_text: str) -> list[tuple[Any, int, str | None]]:
    """BuildKit's commands for the whole text, in :meth:`_Parser.go_commands`' shape."""
    return [(c, 0, None) for c in _go().parse_string(go_text)]


#: Put before a batch of chunks: ends BuildKit's search for parser directives, so a chunk's
#: leading comment can never be taken for one.
_BATCH_PREFIX = "ARG _imgopt_batch\n"


def _instruction_starts(lines: Sequence[str]) -> list[int]:
    """0-based lines where BuildKit starts an instruction (no heredocs, default escape).

    Outside an instruction, blank and comment lines are skipped; a line ending in ``\\`` (then
    blanks) continues the instruction, and inside one, blank and comment lines are skipped
    without ending it.
    """
    starts: list[int] = []
    cont = False
    for k, raw in enumerate(lines):
        line = raw[:-1] if raw.endswith("\r") else raw
        lead = _lstrip_go(line)
        if not lead or lead.startswith("#"):
            continue
        if not cont:
            starts.append(k)
        cont = line.rstrip(" \t").endswith("\\")
    return starts


def _parse_chunks(chunks: dict[str, int]) -> bool:
    """Parse ``chunks`` (text: 0-based line its instruction starts on) in one BuildKit call
    into :data:`_GO_CHUNKS`; False when a chunk does not come back as exactly one command
    starting there (the caller then parses the whole text)."""
    joined = [_join_continuation(chunk, start) for chunk, start in chunks.items()]
    cmds = _go().parse_string(_BATCH_PREFIX + "".join(text for text, _ in joined))
    if not cmds or cmds[0].cmd.upper() != "ARG" or len(cmds) != len(chunks) + 1:
        return False
    if len(_GO_CHUNKS) + len(chunks) > _GO_CHUNKS_MAX:
        _GO_CHUNKS.clear()
        _INSTRUCTIONS.clear()
    offset = 1  # lines before the chunk in the batch (the prefix)
    for (chunk, start), (sent, merged), cmd in zip(chunks.items(), joined, cmds[1:], strict=True):
        n = chunk.count("\n")
        rel = cmd._replace(
            start_line=cmd.start_line - offset, end_line=cmd.end_line - offset + merged
        )
        if rel.start_line != start + 1 or not rel.end_line <= n:
            return False
        _GO_CHUNKS[chunk] = rel
        offset += sent.count("\n")
    return True


#: An instruction continued over more lines than this is regrouped before BuildKit parses it.
_JOIN_MIN_LINES = 64
#: Characters per regrouped line: far below BuildKit's limit of 65,535 per line.
_JOIN_LINE_CHARS = 16_384
# The escape that continues a line: BuildKit does not take one preceded by another escape.
_ESCAPE_END = re.compile(r"(?<!\\)\\[ \t]*$")


def _join_continuation(chunk: str, start: int) -> tuple[str, int]:
    """``chunk`` with its instruction's continuation lines regrouped into few long lines, and
    how many lines were merged away (0: the chunk as it is).

    BuildKit appends each continuation line to a string, which is quadratic in the number of
    lines: 40,000 lines took 12 s, 200,000 several minutes. Regrouped here in linear time into
    lines of up to :data:`_JOIN_LINE_CHARS` characters, each still ending in the escape, the
    same logical line reaches BuildKit in a few appends and parses to the same command (only
    ``end_line`` moves; the caller adds the merged lines back). Comment and blank lines inside
    the continuation are dropped, as BuildKit drops them. Short instructions, and one still
    continued at the end of the text, go to BuildKit as they are.
    """
    lines = chunk.split("\n")[:-1]
    if len(lines) - start <= _JOIN_MIN_LINES:
        return chunk, 0
    first = lines[start].removesuffix("\r")
    if not _ESCAPE_END.search(first):
        return chunk, 0
    groups: list[str] = []
    group = [_ESCAPE_END.sub("", first)]
    size = len(group[0])
    for k in range(start + 1, len(lines)):
        line = lines[k].removesuffix("\r")
        lead = _lstrip_go(line)
        if not lead or lead.startswith("#"):
            continue
        ends = not _ESCAPE_END.search(line)
        part = line if ends else _ESCAPE_END.sub("", line)
        if size + len(part) > _JOIN_LINE_CHARS:
            groups.append("".join(group) + "\\")
            group, size = [], 0
        group.append(part)
        size += len(part)
        if not ends:
            continue
        if k - start <= _JOIN_MIN_LINES:
            return chunk, 0
        groups.append("".join(group))
        out = [*lines[:start], *groups, *lines[k + 1 :]]
        return "\n".join(out) + "\n", k - start + 1 - len(groups)
    return chunk, 0  # continued to the end of the text: BuildKit decides


def _lstrip_go(s: str) -> str:
    i = 0
    n = len(s)
    while i < n and s[i] in _GO_SPACE:
        i += 1
    return s[i:] if i else s


def _rebase(segs: Sequence[tuple[int, int]], pos: int, n: int) -> tuple[tuple[int, int], ...]:
    """``segs`` of a logical line of length ``n`` for its suffix from ``pos``."""
    if pos >= n:
        return ()
    if len(segs) == 1:  # one physical line: most instructions
        return ((0, segs[0][1] + pos),)
    out = [(0, segment_offset(segs, pos))]
    out.extend((li - pos, src) for li, src in segs if li > pos)
    return tuple(out)


def _skip(chars: Sequence[str], pos: int, space: frozenset[str]) -> int:
    n = len(chars)
    while pos < n and chars[pos] in space:
        pos += 1
    return pos


def _arg_default_raw(ins: Instruction, key: str) -> str:
    """The default of ``key`` as written (expansion needs the quotes still in place)."""
    for word in ins.args:
        k, eq, v = word.partition("=")
        if k == key and eq:
            return v
    return ""
