"""Where the time of `imgopt analyze` goes, and how close its estimated cold times are.

Runs the default analysis (every applicable variant, repeat 1) of each sample app given through
the same Python API the command uses, records when each stage starts and ends and how long each
build takes, and prints them beside two goals of issue 16 (item 3):

- analyze's wall time at most 2x (the original's cold build + the verification time, the work
  that has to happen: the bench's ``verify`` phase, every variant's check included);
- every estimated cold time (imgopt.bench.steps: variants built with the cache, cold time from
  their steps' uncached durations) within 10 % of a real cold build: after the analysis, this
  script builds every variant cold for real (``--no-cache``, cache mounts of its own, one build at
  a time) and prints both, with the serial-sum estimate beside the critical-path one.

With ``--overlap both`` each app is analysed twice, first with the bench's measurement and
verification of each variant run after it (``IMGOPT_OVERLAP=0``, as before imgopt.bench.overlap),
then beside the next builds (the default): the before/after of issue 16's item 3 on the same
machine, minutes apart. Phases then overlap: ``overlapped`` is how much of builds + measure +
verify ran at the same time as another of them (their sum minus the bench's wall time).

Nothing is kept: the output folder is a temporary one (unless --out), the run's images are
removed as `imgopt analyze` does, and the real cold builds' images and cache mounts are removed by
this script's own label and namespace. The machine's load average before and after each app is
printed: other work on the machine skews every figure (builds are CPU-bound).

Run (from the repository root), one command:

    .venv/bin/python benchmarks/analyze_stages.py --apps go-http flask-tutorial node-express
    .venv/bin/python benchmarks/analyze_stages.py --apps all            # every sample app
    .venv/bin/python benchmarks/analyze_stages.py --apps go-http --json --no-real-cold
    .venv/bin/python benchmarks/analyze_stages.py --apps go-http --overlap both --no-real-cold
    .venv/bin/python benchmarks/analyze_stages.py --apps flask-tutorial --real-repeat 3
    .venv/bin/python benchmarks/analyze_stages.py --apps all --real-repeat 3 --settle 1.0

With ``--real-repeat N`` every variant is built cold for real N times (rounds over the variants),
so a cold build's own variance (network downloads, the machine's load) stands beside the
estimate's error. An estimate off by more than 10 % is shown step by step: each step's counted
time, where it came from (executed in the variant's own build, ``run``: another build of this
run, ``earlier``: an earlier run's, scaled ``xF`` to this run's speed, ``cached when cold``: 0 s),
the share of it the bench's background worker was busy, and the real cold build's time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
APPS = REPO / "sample_apps"
GOAL_RATIO = 2.0  # analyze wall time / (original's cold build + verification)
GOAL_AGREEMENT = 0.10  # |estimate - real| / real
LABEL = "imgopt.test"  # the real cold builds' images carry LABEL=<this script's run id>


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


def real_cold(run_dir: Path, tag: str, repeat: int = 1) -> dict[str, dict[str, Any]]:
    """Build every variant of the analysis in ``run_dir`` cold for real, one at a time,
    ``repeat`` rounds over the variants (each build with cache mounts of its own, empty): the
    median is compared with the estimate, and the spread says how much a cold build varies."""
    import statistics

    from imgopt.bench.cold import isolated, prune_cache_mounts
    from imgopt.bench.steps import plain_name
    from imgopt.engine.builders import BuildFailure, BuildRequest, get_builder
    from imgopt.engine.images import images_with_label, remove_images

    meta = json.loads((run_dir / "run.json").read_text())
    builder = get_builder("buildkit")
    runs: dict[str, list[dict[str, Any]]] = {v["name"]: [] for v in meta["variants"]}
    try:
        for rep in range(repeat):
            for v in meta["variants"]:
                load = os.getloadavg()[0]
                dockerfile = isolated(Path(v["dockerfile"]), f"{tag}-{v['name']}-{rep}")
                request = BuildRequest(
                    context=Path(v["context"]),
                    dockerfile=dockerfile,
                    labels={LABEL: tag},
                    no_cache=True,
                )
                try:
                    result = builder.build(request)
                except BuildFailure as err:
                    runs[v["name"]].append({"error": err.message, "load": load})
                    continue
                steps: dict[str, float] = {}
                for st in result.steps:
                    if st.started is not None and st.completed is not None:
                        name = plain_name(st.name)
                        steps[name] = steps.get(name, 0.0) + (0.0 if st.cached else st.seconds)
                runs[v["name"]].append({"seconds": result.seconds, "load": load, "steps": steps})
                remove_images([result.image_id])
                print(f"  real cold build {v['name']}: {result.seconds:.1f} s", file=sys.stderr)
    finally:
        remove_images(images_with_label(LABEL, tag))
        prune_cache_mounts(tag)
    out: dict[str, dict[str, Any]] = {}
    for name, done in runs.items():
        ok = [r for r in done if "seconds" in r]
        if not ok:
            out[name] = {"real_s": None, "error": done[0]["error"] if done else None}
            continue
        every = [r["seconds"] for r in ok]
        names = {k for r in ok for k in r["steps"]}
        out[name] = {
            "real_s": round(statistics.median(every), 3),
            "real_all_s": [round(x, 3) for x in every],
            "load": round(statistics.mean(r["load"] for r in ok), 2),
            "steps": {
                k: statistics.median(r["steps"].get(k, 0.0) for r in ok) for k in sorted(names)
            },
        }
    return out


def cold_times(run_dir: Path) -> list[dict[str, Any]]:
    """Per variant: the run's cold rows (estimated or measured) and its recorded estimate."""
    import csv

    meta = json.loads((run_dir / "run.json").read_text())
    estimates = meta.get("estimates") or {}
    rows = list(csv.DictReader((run_dir / "results.csv").open()))
    out = []
    for v in meta["variants"]:
        cold = [r for r in rows if r["row"] == "build" and r["variant"] == v["name"]]
        cold = [r for r in cold if r["kind"] == "cold" and r["seconds"]]
        est = [float(r["seconds"]) for r in cold if r.get("estimated") == "true"]
        measured = [float(r["seconds"]) for r in cold if r.get("estimated") != "true"]
        e = estimates.get(v["name"]) or {}
        out.append(
            {
                "variant": v["name"],
                "estimated_s": est[0] if est else None,
                "serial_s": e.get("serial_seconds"),
                "in_run_measured_s": measured[0] if measured else None,
                "flag": "estimated" if est else "measured",
                "estimate": {k: e[k] for k in e if k.startswith("steps_") or k == "build_seconds"},
                "overhead_s": e.get("overhead_seconds"),
                "export_s": e.get("export_seconds"),
                "steps": e.get("steps") or [],
            }
        )
    return out


def busy_share(start: float | None, end: float | None, jobs: list[list[float]]) -> float | None:
    """The share of [start, end] during which the bench's background worker ran a job."""
    if start is None or end is None or end <= start:
        return None
    busy = sum(max(0.0, min(end, b) - max(start, a)) for a, b in jobs)
    return round(min(busy / (end - start), 1.0), 2)


#: The longest --settle waits for the load average to fall.
SETTLE_MAX_S = 180.0


def settle(below: float) -> None:
    """Wait until the 1-minute load average is under ``below`` (at most :data:`SETTLE_MAX_S`);
    say how long it took and where the load ended."""
    if below <= 0:
        return
    started = time.perf_counter()
    while os.getloadavg()[0] >= below and time.perf_counter() - started < SETTLE_MAX_S:
        time.sleep(2.0)
    print(
        f"  settled {time.perf_counter() - started:.0f} s: load {os.getloadavg()[0]:.2f}",
        file=sys.stderr,
        flush=True,
    )


def one_app(app: str, args: argparse.Namespace, overlap: bool = True) -> dict[str, Any]:
    from imgopt.analyze import AnalyzeOptions, analyze
    from imgopt.bench.runner import new_run_id
    from imgopt.bench.steps import plain_name

    tmp = Path(tempfile.mkdtemp(prefix="imgopt-analyze-stages-"))
    suffix = "" if args.overlap != "both" else ("-overlap" if overlap else "-serial")
    out = args.out / f"{app}{suffix}" if args.out else tmp / "out"
    settle(args.settle)
    load_before = os.getloadavg()
    recorder = Recorder()
    before_env = os.environ.get("IMGOPT_OVERLAP")
    os.environ["IMGOPT_OVERLAP"] = "1" if overlap else "0"
    started = time.perf_counter()
    try:
        result = analyze(
            APPS / app, options=AnalyzeOptions(out=out, repeat=args.repeat), observer=recorder
        )
        total = time.perf_counter() - started
        load_after = os.getloadavg()
        t = result.targets[0]
        colds = cold_times(t.out)
        jobs = json.loads((t.out / "run.json").read_text()).get("background_jobs") or []
        tag = f"stages-{new_run_id()}"
        if not args.no_real_cold:
            settle(args.settle)
        real = {} if args.no_real_cold else real_cold(t.out, tag, args.real_repeat)
    finally:
        if before_env is None:
            os.environ.pop("IMGOPT_OVERLAP", None)
        else:
            os.environ["IMGOPT_OVERLAP"] = before_env
        shutil.rmtree(tmp, ignore_errors=True)
    phases = {k.removeprefix("bench."): v for k, v in t.timings.items() if k.startswith("bench.")}
    bench = t.timings.get("bench", 0.0)
    # check_estimate (the recommended variant's real cold build) is part of builds already
    background = {k: phases.pop(k) for k in ("background", "background_wait") if k in phases}
    # cpu_wait: the background waiting for a build to end before it compresses; verify_wait: a
    # cold build waiting for a verification to end (imgopt.bench.runner's _quiet): not work
    waits = ("check_estimate", "cpu_wait", "verify_wait")
    counted = sum(v for k, v in phases.items() if k not in waits)
    phases["other"] = round(max(bench - counted, 0.0), 3)
    phases["overlapped"] = round(max(counted - bench, 0.0), 3)
    # measured by the runner: measure + verify run in the background, and the part of it the
    # run waited for at the end; the difference ran beside the builds
    phases["in_background"] = round(background.get("background", 0.0), 3)
    phases["waited_for_it"] = round(background.get("background_wait", 0.0), 3)
    original = next(c for c in colds if c["variant"] == t.plan.names[0])
    work = (original["in_run_measured_s"] or 0.0) + phases.get("verify", 0.0)
    for c in colds:
        r = real.get(c["variant"], {})
        c["real_s"], c["real_load"] = r.get("real_s"), r.get("load")
        c["real_all_s"] = r.get("real_all_s") or []
        real_steps = r.get("steps") or {}
        exported = real_steps.get("exporting to image")
        c["real_export_s"] = None if exported is None else round(exported, 2)
        # step by step: the estimate's time and source against the real cold build's time
        c["steps"] = [
            {
                "step": name,
                "estimated_s": sec,
                "source": src,
                "background_share": busy_share(a, b, jobs),
                "real_s": round(real_steps[plain_name(name)], 3)
                if plain_name(name) in real_steps
                else None,
            }
            for name, sec, src, a, b in c["steps"]
        ]
        for key in ("estimated_s", "serial_s"):
            ok = c[key] is not None and c["real_s"]
            c[key.replace("_s", "_off")] = round(c[key] / c["real_s"] - 1, 3) if ok else None
    rec = t.recommended
    alone = sum(b["wall_s"] for b in recorder.builds)  # the builds, run one at a time
    return {
        "app": app,
        "overlap": overlap,
        "repeat": args.repeat,
        "cpu_count": os.cpu_count(),
        "load_before": load_before,
        "load_after": load_after,
        "total_s": round(total, 1),
        "work_s": round(work, 1),
        "ratio": round(total / work, 2) if work else None,
        # the builds run one at a time (a timed build shares the CPU with nothing), so analyze
        # takes at least their sum: over 2x work, no schedule of these builds meets the goal
        "builds_alone_s": round(alone, 1),
        "builds_ratio": round(alone / work, 2) if work else None,
        "stages_s": {k: round(v, 3) for k, v in t.timings.items() if "." not in k},
        "bench_phases_s": phases,
        "builds": recorder.builds,
        "cold": colds,
        "recommended": rec.name if rec else None,
        "error": t.error,
    }


def show(f: dict[str, Any]) -> None:
    how = "measure + verify beside the next builds" if f.get("overlap", True) else "serial"
    print(
        f"imgopt analyze sample_apps/{f['app']} (repeat {f['repeat']}), {f['cpu_count']} CPUs, "
        f"{how}"
    )
    print(f"  load average before {f['load_before']}, after {f['load_after']}")
    ratio = f["ratio"]
    verdict = "yes" if ratio is not None and ratio <= GOAL_RATIO else "NO"
    print(
        f"  total {f['total_s']:.1f} s; original's cold build + verification {f['work_s']:.1f} s;"
        f" ratio {ratio}x (goal <= {GOAL_RATIO:g}x: {verdict})"
    )
    if f.get("builds_alone_s") is not None:
        print(
            f"  builds, one at a time: {f['builds_alone_s']:.1f} s ({f['builds_ratio']}x the"
            " original's cold build + verification): analyze cannot take less"
        )
    for stage, seconds in f["stages_s"].items():
        print(f"  {stage:<22}{seconds:7.1f} s")
        if stage == "bench":
            for phase, p_seconds in f["bench_phases_s"].items():
                print(f"    {phase:<20}{p_seconds:7.1f} s")
    print("  builds (as analyze ran them; an estimated cold build shows its estimate):")
    for b in f["builds"]:
        state = f"{b['seconds']:6.1f} s" if b["seconds"] is not None else f"failed: {b['error']}"
        print(f"    {b['variant']:<18}{b['kind']:<6}{state}  (wall {b['wall_s']:.1f} s)")
    print("  cold times: analyze's figure (estimated or measured in the run) against a real cold")
    print("  build made after it by this script (--no-cache); off = estimate / real - 1")
    print(
        f"    {'variant':<18}{'in run':>10}{'flag':>11}{'est. path':>11}{'est. sum':>10}"
        f"{'real':>9}{'off':>8}{'off sum':>9}{'load':>6}  steps run/reused/earlier/text/0s/scaled"
    )

    def s(x: float | None, pct: bool = False) -> str:
        if x is None:
            return "-"
        return f"{x * 100:+.1f}%" if pct else f"{x:.1f}"

    for c in f["cold"]:
        shown = c["estimated_s"] if c["estimated_s"] is not None else c["in_run_measured_s"]
        e = c["estimate"]
        counts = "/".join(
            str(e.get(k, "-"))
            for k in (
                "steps_executed",
                "steps_reused",
                "steps_from_earlier_runs",
                "steps_by_text",
                "steps_assumed_0s",
                "steps_scaled",
            )
        )
        print(
            f"    {c['variant']:<18}{s(shown):>10}{c['flag']:>11}{s(c['estimated_s']):>11}"
            f"{s(c['serial_s']):>10}{s(c['real_s']):>9}{s(c['estimated_off'], True):>8}"
            f"{s(c['serial_off'], True):>9}{s(c['real_load']):>6}  {counts if e else ''}"
        )
    for c in f["cold"]:
        off = c["estimated_off"]
        if off is None or abs(off) <= GOAL_AGREEMENT or not c["steps"]:
            continue
        print(
            f"  {c['variant']}: estimate {c['estimated_s']:.1f} s (overhead {c['overhead_s']} s,"
            f" of it export {c['export_s']} s; real export {c['real_export_s']} s) "
            f"against real {c['real_s']:.1f} s, step by step (bg: share of the step's time the "
            "background worker was busy):"
        )
        for st in c["steps"]:
            bg = "-" if st["background_share"] is None else f"{st['background_share']:.0%}"
            real = "-" if st["real_s"] is None else f"{st['real_s']:.1f}"
            print(
                f"    {st['estimated_s']:7.1f} s {st['source']:<9} bg {bg:>4}  real {real:>6} s  "
                f"{st['step'][:70]}"
            )
    spread = [c for c in f["cold"] if len(c.get("real_all_s") or []) > 1]
    if spread:
        print("  real cold builds, every one (the same Dockerfile, --no-cache, mounts empty):")
        for c in spread:
            every = c["real_all_s"]
            swing = (max(every) - min(every)) / statistics.median(every)
            print(
                f"    {c['variant']:<18}{', '.join(f'{x:.1f}' for x in every)} s "
                f"(max - min = {swing:.0%} of the median)"
            )
    print(f"  recommended: {f['recommended']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--apps", nargs="+", default=["flask-tutorial"], help="folders of sample_apps/, or all"
    )
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--out", type=Path, help="keep each app's output in OUT/APP")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--no-real-cold", action="store_true", help="skip the real cold build of every variant"
    )
    parser.add_argument(
        "--real-repeat",
        type=int,
        default=1,
        help="real cold builds of every variant (rounds over the variants); the median is "
        "compared with the estimate and every one is printed",
    )
    parser.add_argument(
        "--overlap",
        choices=("on", "off", "both"),
        default="on",
        help="the bench's measurement and verification beside the builds (IMGOPT_OVERLAP); "
        "both: each app serial first, then overlapped",
    )
    parser.add_argument(
        "--settle",
        type=float,
        default=0.0,
        metavar="LOAD",
        help="before each analysis and before its real cold builds, wait (at most "
        f"{SETTLE_MAX_S:.0f} s) for the 1-minute load average to fall below LOAD: the previous "
        "app's builds and cleanup leave the machine busy for a while (0: do not wait)",
    )
    args = parser.parse_args()
    apps = args.apps
    if apps == ["all"]:
        apps = sorted(p.name for p in APPS.iterdir() if (p / "Dockerfile").is_file())
    started = time.perf_counter()
    import imgopt.analyze  # noqa: F401  (the import is part of what users wait for)

    print(f"imgopt import {time.perf_counter() - started:.2f} s", file=sys.stderr)
    from imgopt.interrupts import signals_as_interrupts

    figures = []
    failed = False
    modes = {"on": [True], "off": [False], "both": [False, True]}[args.overlap]
    for app in apps:
        for overlap in modes:
            with signals_as_interrupts():  # SIGTERM (a timeout) cleans up like Ctrl-C
                f = one_app(app, args, overlap)
            failed |= f["error"] is not None
            figures.append(f)
            if not args.json:
                show(f)
                print(flush=True)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        summary(figures)
    return 1 if failed else 0


def within(f: dict[str, Any]) -> tuple[int, int]:
    """(estimates within :data:`GOAL_AGREEMENT` of the real cold build, estimates compared)."""
    offs = [c["estimated_off"] for c in f["cold"] if c.get("estimated_off") is not None]
    return sum(abs(x) <= GOAL_AGREEMENT for x in offs), len(offs)


def earlier(f: dict[str, Any]) -> str:
    """How many of the estimates' steps were timed by earlier runs (not executed in this one),
    and the range of the factors their times were scaled by: ``-`` when none. A run whose
    variants' steps BuildKit still had cached from earlier runs builds little and estimates
    much from executions at other loads; a first run on a machine executes every step."""
    import re

    factors: list[float] = []
    n = 0
    for c in f["cold"]:
        for st in c["steps"]:
            source = st["source"] if isinstance(st, dict) else st[2]
            if source.startswith(("earlier", "text")):
                n += 1
                found = re.search(r"x([0-9.]+)", source)
                if found:
                    factors.append(float(found.group(1)))
    if not n:
        return "-"
    if not factors:
        return f"{n}"
    return f"{n} x{min(factors):.2f}-{max(factors):.2f}"


def summary(figures: list[dict[str, Any]]) -> None:
    """One line per app (and mode): the ratio against its goal, the estimates within 10 %, and
    how many estimated steps earlier runs timed (:func:`earlier`)."""
    print(
        "summary (goal: ratio <= 2x; every estimate within 10 % of a real cold build; builds: the"
        " sum of the builds' wall times, which run one at a time, and its ratio to work)"
    )
    print(
        f"  {'app':<18}{'mode':<9}{'total':>8}{'work':>8}{'ratio':>7}  {'goal':<5}"
        f"{'builds':>8}{'ratio':>7}{'estimates ok':>13}  {'worst off':>9}  "
        f"{'load before-after':<18}{'earlier steps':<16}recommended"
    )
    for f in figures:
        ok, n = within(f)
        offs = [c["estimated_off"] for c in f["cold"] if c.get("estimated_off") is not None]
        worst = max(offs, key=abs) if offs else None
        ratio = f["ratio"]
        goal = "yes" if ratio is not None and ratio <= GOAL_RATIO else "NO"
        load = f"{f['load_before'][0]:.1f}-{f['load_after'][0]:.1f}"
        mode = "overlap" if f.get("overlap", True) else "serial"
        estimates = f"{ok}/{n}" if n else "-"
        print(
            f"  {f['app']:<18}{mode:<9}{f['total_s']:>7.1f}s{f['work_s']:>7.1f}s"
            f"{ratio if ratio is not None else '-':>6}x  {goal:<5}"
            f"{f.get('builds_alone_s', 0.0):>7.1f}s{f.get('builds_ratio') or '-':>6}x"
            f"{estimates:>13}  "
            f"{'-' if worst is None else f'{worst * 100:+.1f}%':>9}  {load:<18}"
            f"{earlier(f):<16}{f['recommended'] or '-'}"
            + (f"  ERROR: {f['error']}" if f["error"] else "")
        )
    ok = sum(within(f)[0] for f in figures)
    n = sum(within(f)[1] for f in figures)
    met = sum(1 for f in figures if f["ratio"] is not None and f["ratio"] <= GOAL_RATIO)
    print(f"  ratio goal met: {met} of {len(figures)}; estimates within 10 %: {ok} of {n}")
    out_of_reach = [f["app"] for f in figures if (f.get("builds_ratio") or 0) > GOAL_RATIO]
    if out_of_reach:
        print(
            f"  builds alone over {GOAL_RATIO:g}x (builds: the sum of the builds analyze made,"
            f" one at a time): {', '.join(out_of_reach)}"
        )


if __name__ == "__main__":
    sys.exit(main())
