"""Split shell scripts (RUN bodies, heredocs) into simple commands with argv and positions.

Enough of POSIX sh to recognise package-manager invocations and their flags: words with single,
double and ANSI-C quotes and backslash escapes, ``$(...)``/backticks/``${...}`` kept inside their
word, comments, the operators ``&&``, ``||``, ``;``, ``|``, ``&``, newlines, ``(`` ``)``, and
redirections (dropped from argv). Reserved words that open a compound command (``if``, ``then``,
``do``, ``{``, ``!``...) are skipped so the command after them is seen: ``if apt-get update; then``
gives ``apt-get update``. It never raises: an unterminated quote runs to the end of the script.

Example:
    >>> cmds = split_commands("apt-get update && apt-get install -y --no-install-recommends curl")
    >>> [c.argv for c in cmds]
    [('apt-get', 'update'), ('apt-get', 'install', '-y', '--no-install-recommends', 'curl')]
    >>> cmds[1].has_flag("--no-install-recommends"), cmds[1].has_flag("-y", "--yes")
    (True, True)
    >>> cmds[1].operator
    '&&'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from imgopt.dockerfile.model import Instruction

_SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh", "ksh"})
# Wrapper commands and which of their options take a separate value.
_WRAPPERS: dict[str, frozenset[str]] = {
    "sudo": frozenset({"-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U"}),
    "env": frozenset({"-u", "-C", "-S"}),
    "command": frozenset(),
    "exec": frozenset({"-a"}),
    "time": frozenset({"-f", "-o"}),
    "nohup": frozenset(),
    "nice": frozenset({"-n"}),
}
_ASSIGNMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\[[^]]*\])?\+?=")
_BUNDLE = re.compile(r"-[A-Za-z]{2,6}\Z")
# Words that open or continue a compound command: skipped, so the command after them is seen.
_PREFIX_WORDS = frozenset({"if", "then", "else", "elif", "while", "until", "do", "!", "{", "time"})
# Words that close a compound command: dropped.
_CLOSE_WORDS = frozenset({"fi", "done", "esac", "}"})
# Words whose whole command is not a simple command (loop headers).
_HEADER_WORDS = frozenset({"for", "select", "case", "function"})
_OPERATORS = ("&&", "||", ";;", ";", "|&", "|", "&")
_REDIRECT = re.compile(r"(?:&>>|&>|>>|>&|>\||<<<|<<-|<<|<>|<&|>|<)")
_WORD_BREAK = frozenset(" \t\r\n;&|()<>")


@dataclass(frozen=True, slots=True)
class Word:
    """One shell word.

    Attributes:
        value: the word with quotes and escapes removed (``$VAR`` left as written).
        raw: the word as written.
        start: offset of ``raw`` in the script.
        end: offset just past ``raw``.
    """

    value: str
    raw: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SimpleCommand:
    """One simple command of a script.

    Attributes:
        words: the argv words (assignments and redirections removed), with positions.
        assignments: leading ``NAME=value`` words (``DEBIAN_FRONTEND=noninteractive apt-get ...``).
        redirects: redirections as written (``"> /dev/null"``, ``"2>&1"``).
        index: 0-based position of the command in its script.
        start: offset in the script of the command's first character (assignments included).
        end: offset just past its last character (redirections included).
        operator: the operator before it (``"&&"``, ``"||"``, ``";"``, ``"|"``, ``"&"``,
            ``"\\n"``), None for the first command of the script.
        script: 0 for the instruction body, ``k`` for the k-th heredoc (1-based) run by the shell.
    """

    words: tuple[Word, ...]
    assignments: tuple[str, ...]
    redirects: tuple[str, ...]
    index: int
    start: int
    end: int
    operator: str | None
    script: int = 0
    # Derived once: rules ask for them many times per command, and commands are shared by every
    # text of a plan (the splitter caches them).
    _argv: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _effective: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        argv = tuple(w.value for w in self.words)
        object.__setattr__(self, "_argv", argv)
        object.__setattr__(self, "_effective", _effective_argv(argv))

    @property
    def argv(self) -> tuple[str, ...]:
        """The unquoted words."""
        return self._argv

    @property
    def program(self) -> str:
        """The command name without its directory (``/usr/bin/pip3`` -> ``pip3``), wrappers
        (``sudo``, ``env``, ``command``, ``exec``, ``time``, ``nohup``) skipped; ``""`` if none."""
        argv = self._effective
        return argv[0].rsplit("/", 1)[-1] if argv else ""

    @property
    def effective_argv(self) -> tuple[str, ...]:
        """``argv`` without leading wrappers and their options (``sudo -E pip`` -> ``pip``)."""
        return self._effective

    @property
    def args(self) -> tuple[str, ...]:
        """``effective_argv`` without the program."""
        return self.effective_argv[1:]

    def has_flag(self, *names: str) -> bool:
        """Whether any of ``names`` is given.

        Long options match exactly or as ``--name=value``; a single-letter short option also
        matches inside a bundle (``-yq`` has ``-y``) and ``-y`` followed by nothing.

        Example:
            ``pip install --no-cache-dir x``: ``has_flag("--no-cache-dir") is True``.
        """
        for arg in self.args:
            if arg == "--":
                break
            for name in names:
                if arg == name:
                    return True
                if name.startswith("--"):
                    if arg.startswith(name + "="):
                        return True
                elif len(name) == 2 and _BUNDLE.match(arg) and name[1] in arg[1:]:
                    return True
        return False

    def flag_value(self, *names: str) -> str | None:
        """The value of ``--name=value`` or ``--name value`` / ``-o value`` / ``-ovalue``, or None.

        Example:
            ``curl -o /tmp/x.tgz url``: ``flag_value("-o", "--output") == "/tmp/x.tgz"``.
        """
        args = self.args
        for i, arg in enumerate(args):
            if arg == "--":
                break
            for name in names:
                if arg == name:
                    return args[i + 1] if i + 1 < len(args) else None
                if name.startswith("--") and arg.startswith(name + "="):
                    return arg[len(name) + 1 :]
                if len(name) == 2 and not arg.startswith("--") and arg.startswith(name):
                    return arg[2:]
        return None

    def positionals(self) -> tuple[str, ...]:
        """``args`` that do not start with ``-`` (a flag's separate value is not recognised as
        such: ``-o out url`` gives ``("out", "url")``)."""
        return tuple(a for a in self.args if not a.startswith("-") or a == "-")

    def subcommand(self) -> str | None:
        """The first positional argument (``install`` in ``apt-get -y install x``), or None."""
        pos = self.positionals()
        return pos[0] if pos else None


def split_commands(script: str, *, script_index: int = 0) -> tuple[SimpleCommand, ...]:
    """Split a shell script into its simple commands, in order.

    Args:
        script: the text (a joined RUN body or a heredoc body).
        script_index: stored in each command's ``script`` field.

    Example:
        >>> [c.program for c in split_commands("cd /x && make || true; ls | wc -l")]
        ['cd', 'make', 'true', 'ls', 'wc']
    """
    return _split_cached(script, script_index)


def run_commands(ins: Instruction) -> tuple[SimpleCommand, ...]:
    """Every simple command a RUN (or ``ONBUILD RUN``) executes, in order.

    Shell form: the body (script 0), then each heredoc the shell runs (``RUN <<EOF`` with no
    command, or heredocs fed to ``sh``/``bash``; script k = k-th heredoc). Exec form: one command
    from the JSON argv, or the ``-c`` script when argv is ``sh -c "..."``. Positions of script 0
    index :attr:`Instruction.body` (map them with :meth:`Instruction.source_offset`); positions
    of script k index ``ins.heredocs[k - 1].script``, which for a heredoc without ``<<-`` is its
    ``content``, at source offset ``heredoc.body_span.start + position``. Other instructions
    give ``()``.
    """
    if ins.effective_keyword != "RUN":
        return ()
    if ins.is_exec_form:
        argv = ins.args
        if len(argv) >= 3 and argv[0].rsplit("/", 1)[-1] in _SHELLS and argv[1] == "-c":
            return split_commands(argv[2])
        if not argv:
            return ()
        words = tuple(Word(a, a, 0, 0) for a in argv)
        return (SimpleCommand(words, (), (), 0, 0, 0, None, 0),)
    body = split_commands(ins.body)
    out = list(body)
    shell_runs_heredocs = not body or any(
        c.program in _SHELLS and not c.has_flag("-c") for c in body
    )
    if shell_runs_heredocs:
        for k, doc in enumerate(ins.heredocs, start=1):
            script = doc.script
            if _interpreter(script) not in _SHELLS:
                continue
            out.extend(split_commands(script, script_index=k))
    return tuple(out)


def _interpreter(script: str) -> str:
    """The program a script's shebang names (``/usr/bin/env python3`` -> ``python3``), ``sh``
    when there is no shebang."""
    if not script.startswith("#!"):
        return "sh"
    parts = script[2:].split("\n", 1)[0].split()
    if not parts:
        return "sh"
    prog = parts[0].rsplit("/", 1)[-1]
    if prog == "env" and len(parts) > 1:
        rest = [p for p in parts[1:] if not p.startswith("-")]
        prog = rest[0].rsplit("/", 1)[-1] if rest else prog
    return prog


@lru_cache(maxsize=4096)
def _split_cached(script: str, script_index: int) -> tuple[SimpleCommand, ...]:
    return tuple(_Splitter(script, script_index).run())


class _Splitter:
    """A small POSIX-sh tokenizer that keeps positions (shlex keeps none)."""

    def __init__(self, script: str, script_index: int) -> None:
        self.s = script
        self.n = len(script)
        self.script_index = script_index
        self.commands: list[SimpleCommand] = []
        self.pending_op: str | None = None
        self._reset()

    def _reset(self) -> None:
        self.words: list[Word] = []
        self.assignments: list[str] = []
        self.redirects: list[str] = []
        self.start = -1
        self.end = -1
        self.skip_rest = False

    def run(self) -> list[SimpleCommand]:
        s, n = self.s, self.n
        i = 0
        while i < n:
            ch = s[i]
            if ch in " \t\r":
                i += 1
            elif ch == "\n":
                self._finish("\n")
                i += 1
            elif ch == "\\" and i + 1 < n and s[i + 1] == "\n":
                i += 2  # line continuation
            elif ch == "#":
                j = s.find("\n", i)
                i = n if j < 0 else j
            elif ch in "()":
                self._finish(None)
                i += 1
            elif ch in ";&|" and not (ch == "&" and s.startswith("&>", i)):
                op = next(o for o in _OPERATORS if s.startswith(o, i))
                self._finish(op)
                i += len(op)
            elif ch in "<>" or (ch == "&" and s.startswith("&>", i)):
                i = self._redirect(i, i)
            else:
                j, value = self._word(i)
                if j < n and s[j] in "<>" and value.isdigit() and s[i:j] == value:
                    i = self._redirect(i, j)  # 2>/dev/null: the digits belong to the redirect
                    continue
                self._add_word(Word(value, s[i:j], i, j))
                i = j
        self._finish(None)
        return self.commands

    def _redirect(self, start: int, op_at: int) -> int:
        s = self.s
        m = _REDIRECT.match(s, op_at)
        j = op_at + (len(m.group(0)) if m else 1)
        while j < self.n and s[j] in " \t":
            j += 1
        if j < self.n and s[j] not in _WORD_BREAK:
            j, _ = self._word(j)
        self.redirects.append(s[start:j])
        self._touch(start, j)
        return j

    def _word(self, i: int) -> tuple[int, str]:
        """Read one word from ``i``: its end and its value with quotes removed."""
        s, n = self.s, self.n
        out: list[str] = []
        while i < n:
            ch = s[i]
            if ch in _WORD_BREAK:
                break
            if ch == "\\":
                if i + 1 < n:
                    if s[i + 1] != "\n":
                        out.append(s[i + 1])
                    i += 2
                else:
                    i += 1
            elif ch == "'":
                j = s.find("'", i + 1)
                j = n if j < 0 else j
                out.append(s[i + 1 : j])
                i = j + 1
            elif ch == '"':
                i += 1
                while i < n and s[i] != '"':
                    c = s[i]
                    if c == "\\" and i + 1 < n and s[i + 1] in '"\\$`\n':
                        if s[i + 1] != "\n":
                            out.append(s[i + 1])
                        i += 2
                    elif c == "$" and i + 1 < n and s[i + 1] in "({":
                        j = self._balanced(i + 1)
                        out.append(s[i:j])
                        i = j
                    elif c == "`":
                        j = self._backtick(i)
                        out.append(s[i:j])
                        i = j
                    else:
                        out.append(c)
                        i += 1
                i += 1
            elif ch == "$" and i + 1 < n and s[i + 1] in "({":
                j = self._balanced(i + 1)
                out.append(s[i:j])
                i = j
            elif ch == "$" and i + 1 < n and s[i + 1] == "'":
                j = i + 2
                while j < n and s[j] != "'":
                    j += 2 if s[j] == "\\" else 1
                out.append(s[i + 2 : min(j, n)])
                i = j + 1
            elif ch == "`":
                j = self._backtick(i)
                out.append(s[i:j])
                i = j
            else:
                out.append(ch)
                i += 1
        return min(i, n), "".join(out)

    def _balanced(self, i: int) -> int:
        """From an opening ``(`` or ``{`` at ``i``, the index after its matching closer."""
        s, n = self.s, self.n
        opener = s[i]
        closer = ")" if opener == "(" else "}"
        depth = 0
        while i < n:
            c = s[i]
            if c == "\\":
                i += 2
                continue
            if c == "'" and opener == "(":
                j = s.find("'", i + 1)
                i = n if j < 0 else j + 1
                continue
            if c == '"':
                i += 1
                while i < n and s[i] != '"':
                    i += 2 if s[i] == "\\" else 1
                i += 1
                continue
            if c == opener:
                depth += 1
            elif c == closer:
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        return n

    def _backtick(self, i: int) -> int:
        s, n = self.s, self.n
        i += 1
        while i < n and s[i] != "`":
            i += 2 if s[i] == "\\" else 1
        return min(i + 1, n)

    def _touch(self, a: int, b: int) -> None:
        if self.start < 0:
            self.start = a
        self.end = b

    def _add_word(self, word: Word) -> None:
        if self.skip_rest:
            self._touch(word.start, word.end)
            return
        if not self.words:
            if word.raw in _PREFIX_WORDS and not self.assignments:
                return
            if word.raw in _CLOSE_WORDS and not self.assignments:
                return
            if word.raw in _HEADER_WORDS and not self.assignments:
                self.skip_rest = True
                return
            if _ASSIGNMENT.match(word.raw):
                self.assignments.append(word.raw)
                self._touch(word.start, word.end)
                return
        self.words.append(word)
        self._touch(word.start, word.end)

    def _finish(self, op: str | None) -> None:
        if self.words and not self.skip_rest:
            self.commands.append(
                SimpleCommand(
                    words=tuple(self.words),
                    assignments=tuple(self.assignments),
                    redirects=tuple(self.redirects),
                    index=len(self.commands),
                    start=self.start,
                    end=self.end,
                    operator=self.pending_op,
                    script=self.script_index,
                )
            )
            self.pending_op = None
        self._reset()
        if op is not None and (self.pending_op is None or op != "\n"):
            self.pending_op = op if self.commands else None


def _effective_argv(argv: tuple[str, ...]) -> tuple[str, ...]:
    """``argv`` without leading wrappers and their options (``sudo -E pip`` -> ``pip``)."""
    i, n = 0, len(argv)
    while i < n:
        name = argv[i].rsplit("/", 1)[-1]
        takes_value = _WRAPPERS.get(name)
        if takes_value is None:
            break
        i += 1
        while i < n and (argv[i].startswith("-") or (name == "env" and _ASSIGNMENT.match(argv[i]))):
            i += 2 if argv[i] in takes_value else 1
    return argv[i:]
