"""Shared fixtures of the reliability suite (issue #12).

The suite proves that imgopt never loses a user's file, never lets an untrusted input out of its
box, and never hangs or prints a traceback. Each area adds its own test files here (user files and
inputs, sandbox, faults and signals); fixtures they share live in this file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from imgopt.cli.app import app


@pytest.fixture
def cli() -> CliRunner:
    """A CliRunner for the in-process `imgopt` entry point."""
    return CliRunner()


def run_cli(runner: CliRunner, *args: str | Path) -> tuple[int, str]:
    """Run `imgopt ARGS...` in process; return the exit code and stdout+stderr.

    An uncaught exception is re-raised, so a traceback fails the test instead of passing as
    exit 1.
    """
    result = runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.output
