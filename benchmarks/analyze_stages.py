"""Where the time of `imgopt analyze` goes: each stage, the bench's phases, and every build.

Runs the default analysis (every applicable variant, repeat 1) of one sample app through the same
Python API the command uses, records when each stage starts and ends and how long each build
takes, and prints them beside the goal: the tutorial's Flask app in under 5 minutes on a 2-core
machine with the stand-in base images present (issue 7). Nothing is kept: the output folder is a
temporary one (unless --out) and the run's images are removed, as `imgopt analyze` does.

The machine's load average before and after is printed too: other work on the machine skews the
figures (builds are CPU- and network-bound).

Run (from the repository root):

    .venv/bin/python benchmarks/analyze_stages.py                       # flask-tutorial
    .venv/bin/python benchmarks/analyze_stages.py --app go-http --json  # another app, as JSON
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
GOAL_S = 300.0


class Recorder:
    """An analyze observer that timestamps stages and builds."""

    def __init__(self) -> None:
        self.t0 = time.perf_counter()
        self.stages: list[dict[str, Any]] = []
        self.builds: list[dict[str, Any]] = []
        self._build: dict[str, Any] | None = None

    def _now(self) -> float:
        return round(time.perf_counter() - self.t0, 3)

    def stage_started(self, target: str, stage: str) -> None:
        self.stages.append({"target": target, "stage": stage, "start_s": self._now()})

    def stage_finished(self, target: str, stage: str, seconds: float, summary: str) -> None:
        entry = next(
            (s for s in reversed(self.stages) if s["stage"] == stage and "seconds" not in s), None
        )
        if entry is None:
            entry = {"target": target, "stage": stage, "start_s": self._now() - seconds}
            self.stages.append(entry)
        entry.update(seconds=round(seconds, 3), end_s=self._now(), summary=summary)

    def build_started(self, variant: str, kind: str, repetition: int, repeat: int) -> None:
        self._build = {"variant": variant, "kind": kind, "repetition": repetition}
        self._build["start_s"] = self._now()

    def build_step(self, step: object, done: int, total: int) -> None:
        pass

    def build_finished(self, seconds: float | None, error: str | None) -> None:
        if self._build is not None:
            self._build.update(
                seconds=None if seconds is None else round(seconds, 3),
                wall_s=round(self._now() - self._build["start_s"], 3),
                error=error,
            )
            self.builds.append(self._build)
        self._build = None

    def phase(self, message: str) -> None:
        print(f"  [{self._now():6.1f} s] {message}", file=sys.stderr, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", default="flask-tutorial", help="a folder of sample_apps/")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--out", type=Path, help="keep the output here (default: a temp folder)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    started = time.perf_counter()
    from imgopt.analyze import AnalyzeOptions, analyze  # the import is part of what users wait

    imported = time.perf_counter() - started
    app = REPO / "sample_apps" / args.app
    tmp = None
    out = args.out
    if out is None:
        tmp = Path(tempfile.mkdtemp(prefix="imgopt-analyze-stages-"))
        out = tmp / "out"
    load_before = os.getloadavg()
    recorder = Recorder()
    try:
        result = analyze(
            app, options=AnalyzeOptions(out=out, repeat=args.repeat), observer=recorder
        )
    finally:
        total = time.perf_counter() - started
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    t = result.targets[0]
    phases = {k.removeprefix("bench."): v for k, v in t.timings.items() if k.startswith("bench.")}
    bench = t.timings.get("bench", 0.0)
    phases["other"] = round(bench - sum(phases.values()), 3)
    rec = t.recommended
    figures: dict[str, Any] = {
        "app": args.app,
        "repeat": args.repeat,
        "cpu_count": os.cpu_count(),
        "load_before": load_before,
        "load_after": os.getloadavg(),
        "total_s": round(total, 1),
        "goal_s": GOAL_S,
        "under_goal": total < GOAL_S,
        "import_s": round(imported, 3),
        "stages_s": {k: round(v, 3) for k, v in t.timings.items() if "." not in k},
        "bench_phases_s": phases,
        "builds": recorder.builds,
        "variants": len(t.plan.variants),
        "recommended": rec.name if rec else None,
        "error": t.error,
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0 if t.error is None else 1
    print(f"imgopt analyze sample_apps/{args.app} (repeat {args.repeat}), {os.cpu_count()} CPUs")
    print(f"  load average before {load_before}, after {figures['load_after']}")
    verdict = "yes" if total < GOAL_S else "NO"
    print(f"  total {total:7.1f} s   (goal: under {GOAL_S:.0f} s: {verdict})")
    print(f"  {'import':<22}{imported:7.1f} s")
    for stage, seconds in figures["stages_s"].items():
        print(f"  {stage:<22}{seconds:7.1f} s")
        if stage == "bench":
            for phase, p_seconds in phases.items():
                print(f"    {phase:<20}{p_seconds:7.1f} s")
    print("  builds:")
    for b in recorder.builds:
        state = f"{b['seconds']:6.1f} s" if b["seconds"] is not None else f"failed: {b['error']}"
        print(f"    {b['variant']:<18}{b['kind']:<6}{state}")
    print(f"  recommended: {figures['recommended']}  ({len(t.plan.variants)} variants)")
    return 0 if t.error is None else 1


if __name__ == "__main__":
    sys.exit(main())
