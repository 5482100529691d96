"""``imgopt bench`` on the real engine with a variant that lacks a base image's data file the
original read (``/etc/debian_version``): the default, literal closure rule fails it naming the
file; ``--lenient-closure`` passes it and names the file with why it is not required; run.json
records the rule applied. Two tiny images, built once (the second run reuses the build cache);
the bench removes what it built."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from imgopt.cli.app import app

pytestmark = pytest.mark.engine

READS = '["sh", "-c", "cat /etc/debian_version >/dev/null 2>&1; echo read; exit 0"]'
ORIGINAL = f"FROM debian:bookworm-slim\nCMD {READS}\n"
LACKS = f"FROM debian:bookworm-slim\nRUN rm /etc/debian_version\nCMD {READS}\n"
DATA = "/etc/debian_version"


def _bench(tmp_path: Path, name: str, *flags: str) -> tuple[dict[str, Any], Any, str]:
    folder = tmp_path / "app"
    if not folder.is_dir():
        folder.mkdir()
        (folder / "Dockerfile").write_text(ORIGINAL)
        (folder / "lacks.Dockerfile").write_text(LACKS)
    out = tmp_path / name
    result = CliRunner().invoke(
        app,
        ["bench", str(folder), "-f", str(folder / "Dockerfile"),
         "-f", str(folder / "lacks.Dockerfile"), "--repeat", "1", "--no-warm",
         "--format", "json", "--out", str(out), *flags],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    run = json.loads((out / "run.json").read_text())
    left = subprocess.run(
        ["docker", "ps", "-aq", "--filter", f"label=imgopt.run={doc['run_id']}"],
        capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert left == [], f"containers of run {doc['run_id']} left behind: {left}"
    return {v["name"]: v for v in doc["variants"]}, run, result.stderr


def test_by_default_the_variant_fails_naming_the_file_and_lenient_passes_it(
    tmp_path: Path,
) -> None:
    rows, run, _ = _bench(tmp_path, "default")
    assert rows["Dockerfile"]["verified"] is True
    lacks = rows["lacks.Dockerfile"]
    assert lacks["verified"] is False
    assert f"variant lacks {DATA}, which the original read" in lacks["verify_reason"]
    assert "--lenient-closure accepts it" in lacks["verify_reason"]
    assert run["options"]["strict_closure"] is True

    rows, run, stderr = _bench(tmp_path, "lenient", "--lenient-closure")
    lacks = rows["lacks.Dockerfile"]
    assert lacks["verified"] is True, lacks["verify_reason"]
    assert run["options"]["strict_closure"] is False
    assert run["verification"]["lacks.Dockerfile"]["absent_files"] == [
        {"path": DATA, "reason": "config-or-data"}
    ]
    assert f"lacks.Dockerfile: absent but not required: {DATA} (configuration or data)" in stderr
