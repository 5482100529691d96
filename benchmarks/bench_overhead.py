"""Overhead of `imgopt bench` over bare `docker buildx build` for the same builds.

Target (issue 4): `imgopt bench` of a set of variants takes at most 1.10x the time of building the
same variants with bare `docker buildx build`, excluding the repetitions and measurements asked
for. So both sides do the same builds: per variant one cold build (`--no-cache`) and one warm
rebuild after a one-line source change in a copy of the context (`--repeat 1`). imgopt's time is
the whole command's wall time (process start, engine checks, context copies, result rows, image
clean-up included) minus the measurement and verification phases it records in run.json
(`--no-verify` is passed, so verification is 0); bare buildx's time is the sum of its build
commands alone (copying and editing the context for its warm builds is not counted, which
favours bare buildx). Rounds alternate the two sides; medians are reported.

Run:  .venv/bin/python benchmarks/bench_overhead.py [--app DIR -f Dockerfile ...] [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from imgopt.bench.edit import pick_edit_target, warm_context
from imgopt.dockerfile import parse_file

# A synthetic app whose steps take seconds, like real installs and compiles (and do not depend
# on the network): a cold build runs them all, a warm rebuild only the step after COPY.
ORIGINAL = """\
FROM debian:bookworm-slim
RUN head -c 600M /dev/urandom > /opt/data.bin && sha256sum /opt/data.bin > /opt/sum \\
 && rm /opt/data.bin
RUN head -c 60M /dev/urandom > /opt/keep.bin
COPY main.sh /app/main.sh
RUN head -c 300M /dev/urandom | sha256sum > /app/build.sum && sha256sum /app/main.sh >> /app/b.sum
CMD ["sh", "/app/main.sh"]
"""
SLIM = """\
FROM debian:bookworm-slim
RUN head -c 600M /dev/urandom | sha256sum > /opt/sum
COPY main.sh /app/main.sh
RUN head -c 300M /dev/urandom | sha256sum > /app/build.sum && sha256sum /app/main.sh >> /app/b.sum
CMD ["sh", "/app/main.sh"]
"""


def synthetic_app(root: Path) -> tuple[Path, list[Path]]:
    app = root / "app"
    app.mkdir()
    (app / "Dockerfile").write_text(ORIGINAL)
    (app / "slim.Dockerfile").write_text(SLIM)
    (app / "main.sh").write_text("echo hello\n")
    return app, [app / "Dockerfile", app / "slim.Dockerfile"]


def buildx(context: Path, dockerfile: Path, *, no_cache: bool) -> tuple[float, str]:
    with tempfile.TemporaryDirectory() as tmp:
        iid = Path(tmp) / "iid"
        cmd = ["docker", "buildx", "build", "-q", "--iidfile", str(iid), "-f", str(dockerfile)]
        if no_cache:
            cmd.append("--no-cache")
        t = time.perf_counter()
        subprocess.run([*cmd, str(context)], check=True, capture_output=True)
        return time.perf_counter() - t, iid.read_text().strip()


def bare_round(app: Path, dockerfiles: list[Path], tag: str) -> float:
    total = 0.0
    images: list[str] = []
    for n, df in enumerate(dockerfiles):
        seconds, image = buildx(app, df, no_cache=True)
        total += seconds
        images.append(image)
        target = pick_edit_target(parse_file(df), app)
        if target is None:
            continue
        copy = warm_context(app, target, f"bare warm {tag} {n}")
        try:
            inside = copy / df.resolve().relative_to(app.resolve())
            seconds, image = buildx(copy, inside, no_cache=False)
            total += seconds
            images.append(image)
        finally:
            shutil.rmtree(copy.parent)
    subprocess.run(["docker", "rmi", "-f", *images], capture_output=True, check=False)
    return total


def imgopt_round(app: Path, dockerfiles: list[Path], out: Path) -> tuple[float, float]:
    cmd = [sys.executable, "-m", "imgopt", "bench", str(app), "--repeat", "1", "--no-verify"]
    for df in dockerfiles:
        cmd += ["-f", str(df)]
    cmd += ["--out", str(out), "--format", "json"]
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    wall = time.perf_counter() - t
    phases = json.loads((out / "run.json").read_text())["phases"]
    excluded = float(phases.get("measure", 0.0)) + float(phases.get("verify", 0.0))
    return wall, wall - excluded


def main() -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", type=Path, help="build context (default: a synthetic app)")
    parser.add_argument("-f", dest="files", type=Path, action="append", default=[])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        if args.app is None:
            app, files = synthetic_app(root)
        else:
            app, files = args.app, args.files or [args.app / "Dockerfile"]
        bare: list[float] = []
        ours: list[float] = []
        walls: list[float] = []
        for i in range(args.rounds):
            bare.append(bare_round(app, files, f"{i}-{time.time()}"))
            wall, net = imgopt_round(app, files, root / f"run{i}")
            walls.append(wall)
            ours.append(net)
    result = {
        "variants": len(files),
        "builds_per_side": 2 * len(files),
        "bare_buildx_s": round(statistics.median(bare), 2),
        "imgopt_wall_s": round(statistics.median(walls), 2),
        "imgopt_without_measurement_s": round(statistics.median(ours), 2),
        "ratio": round(statistics.median(ours) / statistics.median(bare), 3),
        "rounds": {"bare": [round(x, 2) for x in bare], "imgopt": [round(x, 2) for x in ours]},
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:30s} {value}")
    return result


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
