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


def test_the_installed_imgopt_console_script_prints_the_version() -> None:
    from _tools import require_tool

    exe = require_tool("imgopt", "pip install -e . installs the console script")
    proc = subprocess.run([exe, "--version"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"imgopt {__version__}"


def test_python_dash_m_imgopt_prints_the_version() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "imgopt", "--version"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"imgopt {__version__}"


def test_expected_error_is_one_line_and_exit_code_under_cli_runner(tmp_path) -> None:
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM debian:bookworm\nFROBNICATE x\n")
    result = runner.invoke(app, ["propose", str(bad), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert f"{bad}:2" in result.output
