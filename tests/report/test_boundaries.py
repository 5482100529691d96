"""imgopt/report is the only package that imports matplotlib, and only when drawing."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "imgopt"


def test_only_the_report_package_imports_matplotlib() -> None:
    importers = sorted(
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if re.search(r"^\s*(import|from)\s+matplotlib", p.read_text("utf-8"), re.M)
    )
    assert importers == ["report/plots.py"]


def test_cli_start_and_a_json_report_do_not_load_matplotlib() -> None:
    code = (
        "import sys, imgopt.cli.app, imgopt.report.model, imgopt.report.renderers.json; "
        "print('matplotlib' in sys.modules)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "False"
