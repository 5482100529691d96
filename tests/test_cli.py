from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

from imgopt import __version__
from imgopt.cli.app import app

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"imgopt {__version__}"


def test_help_lists_purpose() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "smaller" in result.stdout


def test_console_script_entry_point() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "imgopt", "--version"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"imgopt {__version__}"
