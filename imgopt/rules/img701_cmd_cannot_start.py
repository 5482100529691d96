"""IMG701: the image's own command cannot start: its first word is not a program."""

from __future__ import annotations

import re
from collections.abc import Iterator

from imgopt.dockerfile import Instruction
from imgopt.rules.base import Finding, LintContext, Rule

_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*=")
_VARIABLE = re.compile(r"\$(?:\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)")


def program_problem(program: str) -> str | None:
    """Why ``program`` (the first word of an exec-form command) cannot be started, or None."""
    if not program.strip():
        return "is empty"
    if _ASSIGNMENT.match(program):
        return (
            "is a variable assignment, not a program: in exec form no shell reads `NAME=value`, "
            "so the runtime looks for an executable of that name"
        )
    if program.startswith("-"):
        return "is an option, not a program"
    if _VARIABLE.search(program):
        return "names a variable: exec form runs no shell, so it is never expanded"
    if any(c.isspace() for c in program):
        return (
            "holds spaces: exec form takes the whole string as the program's name "
            "(write each argument as its own array item)"
        )
    return None


class CmdCannotStart(Rule):
    """The final image's `CMD` or `ENTRYPOINT` in exec form names no program it could start.

    What it does:
        Looks at the program the final image starts: the first item of an exec-form
        `ENTRYPOINT`, else of an exec-form `CMD` when there is no `ENTRYPOINT`. Flags a first
        item that is a variable assignment (`config=docker`), an option (`-c`), empty, a
        `$VARIABLE` (never expanded without a shell), or a string with spaces (the whole string
        is taken as the program's name). Shell form is not flagged: there a shell reads those.

    Why it matters:
        Such an image builds, and every container of it fails at once with `exec:
        "config=docker": executable file not found in $PATH`. No smaller variant can be verified
        against an original that never starts, so imgopt can recommend nothing for it, and the
        mistake ships unnoticed until something runs the image.

    Example:
        ```dockerfile
        FROM gcr.io/distroless/static-debian12
        COPY app-exe /app-exe
        CMD ["config=docker", "/app-exe"]
        ```

    Fixed example:
        ```dockerfile
        FROM gcr.io/distroless/static-debian12
        COPY app-exe /app-exe
        ENV config=docker
        CMD ["/app-exe"]
        ```

    Fix safety:
        No automatic fix: whether `config=docker` was meant as an environment variable or an
        argument of the program only the author knows.

    Equivalents:
        No hadolint rule; BuildKit's JSONArgsRecommended covers shell form, not this.
    """

    code = "IMG701"
    name = "cmd-cannot-start"
    summary = "the final CMD/ENTRYPOINT's first exec-form item is not a program that can start"
    fix_title = "Start with the program: set variables with ENV, pass options after the program"
    fixable = "no"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        stage = ctx.dockerfile.final_stage
        entrypoints = stage.find("ENTRYPOINT")
        cmds = stage.find("CMD")
        ins: Instruction | None = entrypoints[-1] if entrypoints else None
        if ins is None or (ins.exec_args is not None and not ins.exec_args):
            # No ENTRYPOINT (or `ENTRYPOINT []`): the CMD is the command.
            ins = cmds[-1] if cmds else None
        if ins is None or ins.exec_args is None or not ins.exec_args:
            return
        program = ins.exec_args[0]
        problem = program_problem(program)
        if problem is not None:
            yield self.finding(
                ctx,
                ins,
                f"`{ins.keyword}` starts with {program!r}, which {problem}; "
                "every container of this image fails to start",
            )
