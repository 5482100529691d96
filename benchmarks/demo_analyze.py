"""The README's demo, run once and kept whole: `imgopt analyze sample_apps/flask-tutorial`.

Runs the console script exactly as `make demo` does (scripts/demo.sh), into a temporary output
folder, and writes one file under benchmarks/results/: the command, the machine's load average
before and after, the wall-clock time, the stage timings from analysis.json, and the command's
complete stdout. The README's demo block and its figures (sizes, times, "it takes N minutes")
are copied from that one file, and tests/report/test_readme_figures.py checks they still are.

Run (from the repository root; it takes minutes, and other builds on the machine slow it):

    .venv/bin/python benchmarks/demo_analyze.py [--out-file FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
APP = "sample_apps/flask-tutorial"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    default = REPO / "benchmarks" / "results" / f"demo_analyze-{today}.txt"
    parser.add_argument("--out-file", type=Path, default=default)
    args = parser.parse_args()
    exe = str(REPO / ".venv" / "bin" / "imgopt")
    out = Path(tempfile.mkdtemp(prefix="imgopt-demo-"))
    try:
        command = [exe, "analyze", APP, "--out", str(out / "demo")]
        load_before = os.getloadavg()
        started = time.perf_counter()
        proc = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - started
        load_after = os.getloadavg()
        timings: dict[str, float] = {}
        analysis = out / "demo" / "analysis.json"
        if analysis.is_file():
            timings = json.loads(analysis.read_text("utf-8")).get("timings") or {}
    finally:
        shutil.rmtree(out, ignore_errors=True)
    stdout = proc.stdout.replace(str(out / "demo"), "out/demo")
    lines = [
        f"command: imgopt analyze {APP} --out out/demo",
        f"date: {datetime.now(UTC).replace(microsecond=0).isoformat()}",
        f"machine: {platform.machine()}, {os.cpu_count()} cores",
        f"load average before: {' '.join(f'{x:.2f}' for x in load_before)}",
        f"load average after: {' '.join(f'{x:.2f}' for x in load_after)}",
        f"exit code: {proc.returncode}",
        f"wall clock: {wall:.1f} s ({wall / 60:.1f} minutes)",
        "stage timings (analysis.json): "
        + ", ".join(f"{k} {v:.1f} s" for k, v in sorted(timings.items())),
        "",
        "--- stdout ---",
        stdout.rstrip("\n"),
        "",
    ]
    args.out_file.write_text("\n".join(lines), "utf-8")
    print(args.out_file)
    if proc.returncode != 0:
        print(proc.stderr[-3000:], file=sys.stderr)
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
