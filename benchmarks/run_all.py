"""Run every benchmarks/bench_*.py side by side in one run and print their figures together.

Timings live here, never in tests. Each script runs in its own process, one after the other, so
they share the machine's state (page cache, build cache, load) within one sitting; the machine's
load average before and after is printed with the figures, since a busy machine skews them.

Run:  make bench   (or .venv/bin/python benchmarks/run_all.py [--only NAME] [--json])
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", default=[], help="run only bench_NAME.py")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    scripts = sorted(HERE.glob("bench_*.py"))
    if args.only:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in args.only]
    results: dict[str, object] = {"load_before": os.getloadavg(), "cpu_count": os.cpu_count()}
    failed = 0
    for script in scripts:
        started = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, str(script), "--json"], capture_output=True, text=True, check=False
        )
        elapsed = round(time.perf_counter() - started, 1)
        if proc.returncode != 0:
            failed += 1
            results[script.stem] = {"error": proc.stderr.strip()[-2000:], "elapsed_s": elapsed}
            continue
        try:
            results[script.stem] = {**json.loads(proc.stdout), "elapsed_s": elapsed}
        except ValueError:
            results[script.stem] = {"output": proc.stdout.strip(), "elapsed_s": elapsed}
    results["load_after"] = os.getloadavg()
    if args.json:
        print(json.dumps(results, indent=2, default=str))
    else:
        for name, value in results.items():
            print(f"== {name}")
            if isinstance(value, dict):
                for key, item in value.items():
                    print(f"   {key:40s} {item}")
            else:
                print(f"   {value}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
