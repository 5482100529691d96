"""The ``imgopt`` command. Subcommands live in one module each and import heavy libraries lazily."""

from __future__ import annotations

import sys
from typing import Any

import typer
from typer.core import TyperGroup

from imgopt import __version__
from imgopt.errors import ExitCode, ImgoptError, classify, interrupt_exit_code
from imgopt.interrupts import signals_as_interrupts
from imgopt.tempdirs import private_tempdir


class _Group(TyperGroup):
    """The root command group: turns any expected failure into one line and its exit code.

    Catching at the click level (not around ``app()``) means typer's ``CliRunner``, which invokes
    the click command directly, sees the same exit codes and messages as users do.

    SIGTERM and SIGHUP stop a command the way Ctrl-C does (:mod:`imgopt.interrupts`): what runs
    is cleaned up, and the exit code is 128 + the signal's number (130, 143, 129). Temp files
    live in one private folder per process (:mod:`imgopt.tempdirs`), removed at the end.
    """

    def invoke(self, ctx: Any) -> Any:  # typer vendors click; its Context type is private
        try:
            with signals_as_interrupts(), private_tempdir():
                return super().invoke(ctx)
        except KeyboardInterrupt as exc:
            print("imgopt: interrupted; results finished so far were kept", file=sys.stderr)
            ctx.exit(interrupt_exit_code(exc))
        except Exception as exc:
            err = classify(exc)
            if err is None:
                raise  # a bug: its traceback is what a report needs
            ctx.exit(report_error(err))


app = typer.Typer(
    name="imgopt",
    cls=_Group,
    help=(
        "Make Docker images smaller, with proof.\n\n"
        "imgopt reads a Dockerfile, proposes smaller variants (layer hygiene, slimmer bases, "
        "multi-stage builds), builds each one for real with BuildKit, measures sizes and build "
        "times, checks that every variant still works like the original, and gates CI on size. "
        "Start with `imgopt analyze PATH` (or `--no-build` without a Docker engine)."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"imgopt {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Make Docker images smaller, with proof."""


def report_error(err: ImgoptError) -> int:
    """Print an expected failure as one line (plus a hint) and return its exit code."""
    print(f"imgopt: error: {err.message}", file=sys.stderr)
    if err.hint:
        print(f"  hint: {err.hint}", file=sys.stderr)
    return int(err.exit_code)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    app(args=argv)
    sys.exit(ExitCode.OK)


# Commands: one module each under imgopt/cli/, registered here so `imgopt --help` lists them in
# this order. Command modules import heavy libraries inside their functions, never at the top.

from imgopt.cli.propose import propose as _propose  # noqa: E402

app.command("propose")(_propose)

from imgopt.cli.lint import lint_command  # noqa: E402
from imgopt.cli.rule import rule_command  # noqa: E402

app.command("lint")(lint_command)
app.command("rule")(rule_command)

from imgopt.cli.bench import bench as _bench  # noqa: E402

app.command("bench")(_bench)

from imgopt.cli.report import report as _report  # noqa: E402

app.command("report")(_report)

from imgopt.cli.baseline import baseline_app as _baseline_app  # noqa: E402
from imgopt.cli.gate import gate as _gate  # noqa: E402

app.command("gate")(_gate)
app.add_typer(_baseline_app, name="baseline")

from imgopt.cli.analyze import analyze_command as _analyze  # noqa: E402

# The command users meet first: listed first in `imgopt --help`.
app.command("analyze")(_analyze)
app.registered_commands.insert(0, app.registered_commands.pop())
