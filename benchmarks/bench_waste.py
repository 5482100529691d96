"""Waste analysis: imgopt against dive on the same image, wall time and figures.

Target (issue 4): at most half of dive's wall time, with the same efficiency and wasted bytes.

imgopt's side runs from a cold layer cache: it lists every layer (from the engine's tar-split
records, or the `docker save` stream when the layer store is not readable) and computes dive's
figures plus the recoverable bytes. dive's side is `dive --source docker IMAGE -j FILE` in CI
mode, which exports the image from the engine and reads every file.

Run:  .venv/bin/python benchmarks/bench_waste.py [--image REF] [--rounds N] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from imgopt.bench.layers import LayerCache, measure_layers
from imgopt.bench.waste import analyze_waste
from imgopt.engine.images import inspect_image

DIVE = Path(sys.executable).parent / "dive"


def run_dive(image: str) -> tuple[float, dict[str, Any]]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "dive.json"
        t = time.perf_counter()
        subprocess.run(
            [str(DIVE), "--source", "docker", image, "-j", str(out)],
            check=True,
            capture_output=True,
            env={**os.environ, "CI": "true"},
        )
        elapsed = time.perf_counter() - t
        return elapsed, json.loads(out.read_text())["image"]


def run_imgopt(image: str) -> tuple[float, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        info = inspect_image(image)
        facts = measure_layers(
            info.id, info.diff_ids, compressed=False, cache=LayerCache(Path(tmp))
        )
        waste = analyze_waste([f.entries or () for f in facts])
        return time.perf_counter() - t, waste


def main() -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--image", default="buildpack-deps:bookworm")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds (median kept)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    dive_times: list[float] = []
    ours: list[float] = []
    dive_figures: dict[str, Any] = {}
    waste: Any = None
    for _ in range(args.rounds):
        elapsed, dive_figures = run_dive(args.image)
        dive_times.append(elapsed)
        elapsed, waste = run_imgopt(args.image)
        ours.append(elapsed)
    result = {
        "image": args.image,
        "size_bytes": inspect_image(args.image).size,
        "dive_s": round(statistics.median(dive_times), 3),
        "imgopt_s": round(statistics.median(ours), 3),
        "ratio": round(statistics.median(ours) / statistics.median(dive_times), 3),
        "dive_efficiency": dive_figures["efficiencyScore"],
        "imgopt_efficiency": waste.efficiency,
        "dive_wasted_bytes": dive_figures["inefficientBytes"],
        "imgopt_wasted_bytes": waste.wasted_bytes,
        "same_figures": dive_figures["inefficientBytes"] == waste.wasted_bytes
        and abs(dive_figures["efficiencyScore"] - waste.efficiency) < 1e-12,
        "imgopt_recoverable_bytes": waste.recoverable_bytes,
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:28s} {value}")
    return result


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
