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

from dataclasses import dataclass

from imgopt.dockerfile.model import Instruction


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

    @property
    def argv(self) -> tuple[str, ...]:
        """The unquoted words."""
        return tuple(w.value for w in self.words)

    @property
    def program(self) -> str:
        """The command name without its directory (``/usr/bin/pip3`` -> ``pip3``), wrappers
        (``sudo``, ``env``, ``command``, ``exec``, ``time``, ``nohup``) skipped; ``""`` if none."""
        argv = self.effective_argv
        return argv[0].rsplit("/", 1)[-1] if argv else ""

    @property
    def effective_argv(self) -> tuple[str, ...]:
        """``argv`` without leading wrappers and their options (``sudo -E pip`` -> ``pip``)."""
        raise NotImplementedError

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
        raise NotImplementedError

    def flag_value(self, *names: str) -> str | None:
        """The value of ``--name=value`` or ``--name value`` / ``-o value``, or None."""
        raise NotImplementedError

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
    raise NotImplementedError


def run_commands(ins: Instruction) -> tuple[SimpleCommand, ...]:
    """Every simple command a RUN (or ``ONBUILD RUN``) executes, in order.

    Shell form: the body (script 0), then each heredoc the shell runs (``RUN <<EOF`` with no
    command, or heredocs fed to ``sh``/``bash``; script k = k-th heredoc). Exec form: one command
    from the JSON argv, or the ``-c`` script when argv is ``sh -c "..."``. Positions of script 0
    index :attr:`Instruction.body` (map them with :meth:`Instruction.source_offset`). Other
    instructions give ``()``.
    """
    raise NotImplementedError
