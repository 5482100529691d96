"""Warm rebuilds after a one-line code edit, original against the proposals, per sample app.

For every sample app (sample_apps/*/ with a Dockerfile and a smoke spec) this plans the variants,
then runs the bench (imgopt.bench.runner, the code `imgopt bench` and `imgopt analyze` run) on:
the original; `hygiene` (the safe fixes only, among them the build-cache rules IMG801-IMG804,
whose cache mounts are what makes a rebuild fast); and the variant the app's published report
recommends (reports/<app>/report.md), or the smallest proposal where there is no report. Each gets
one cold build (--no-cache; its cache mounts start empty, imgopt.bench.cold) and one warm rebuild
after a one-line comment in the app's main source file (imgopt.bench.edit), with the layer cache
and the cache mounts the cold build left. Verification is off: the variants' behaviour is what
tests/variants proves; here only time and pushed bytes count.

Printed per app and variant: cold and warm seconds, warm / original warm, the compressed bytes the
warm rebuild's changed layers would push (imgopt.bench.pushed), and the targets of issue 16:
never slower than the original; at most 0.3x where the original rebuilds its dependencies after a
code edit; at most 0.2x for go-vendored. With --out the run folders' results.csv are copied there.

Why a rebuild takes what it takes: every first warm rebuild's steps are recorded as BuildKit
reported them (its rawjson progress: a vertex is cached or ran, and for how long), and printed
under each app's table as the steps that ran after the edit, the slowest first.

Run (from the repository root):

    .venv/bin/python benchmarks/bench_rebuild.py                     # every app
    .venv/bin/python benchmarks/bench_rebuild.py --app go-vendored --json
    .venv/bin/python benchmarks/bench_rebuild.py --paired 3 --app go-http   # alternating order
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "sample_apps"
#: Apps whose original Dockerfile copies the code before installing or compiling its
#: dependencies, so a code edit rebuilds them (found by reading each Dockerfile: `COPY . .`
#: before `pip install` / `npm install` / `go build` of vendored modules). go-http is not one:
#: its only dependency is Go's standard library, which the golang image ships compiled.
REBUILDS_DEPENDENCIES = ("flask-tutorial", "go-vendored", "node-express", "python-native")
TARGET_NEW_APP = ("go-vendored", 0.2)
TARGET_DEPENDENCIES = 0.3


def apps(only: list[str]) -> list[str]:
    """The sample apps, in the order of ``only`` when given."""
    found = sorted(
        p.name
        for p in SAMPLES.iterdir()
        if (p / "Dockerfile").is_file() and (p / "smoke.toml").is_file()
    )
    return [a for a in only if a in found] if only else found


def recommended_in_report(app: str) -> str | None:
    report = REPO / "reports" / app / "report.md"
    if not report.is_file():
        return None
    m = re.search(r"^\| ([a-z-]+) \(recommended\) \|", report.read_text("utf-8"), re.M)
    return m.group(1) if m else None


def choose(app: str, plan: Any) -> list[Any]:
    """original, hygiene, and the recommended (or smallest-looking) proposal."""
    by_name = {v.name: v for v in plan.variants}
    names = ["original"]
    if "hygiene" in by_name:
        names.append("hygiene")
    pick = recommended_in_report(app)
    if pick not in by_name:
        order = ["distroless", "multistage-slim", "slim-base", "multistage"]
        pick = next((n for n in order if n in by_name), None)
    if pick and pick not in names:
        names.append(pick)
    return [by_name[n] for n in names]


class StepLog:
    """A bench observer that keeps the steps of every variant's first warm rebuild (which ran,
    which were cached, and how long each ran)."""

    def __init__(self) -> None:
        self.current: str | None = None
        self.steps: dict[str, dict[str, dict[str, Any]]] = {}

    def build_started(self, variant: str, kind: str, repetition: int, repeat: int) -> None:
        self.current = variant if kind == "warm" and repetition == 0 else None

    def build_step(self, step: Any, done: int, total: int) -> None:
        if self.current is not None:
            self.steps.setdefault(self.current, {})[step.name] = {
                "step": step.name,
                "cached": bool(step.cached),
                "seconds": round(float(step.seconds or 0.0), 2),
            }

    def build_finished(self, seconds: float | None, error: str | None) -> None:
        self.current = None

    def phase(self, message: str) -> None:
        pass


def variant_files(app: str, work: Path) -> tuple[list[str], list[Path]]:
    """The chosen variants' names and Dockerfiles (the proposals written under ``work``)."""
    from imgopt.engine.images import ImageAvailability
    from imgopt.variants import plan_file

    context = SAMPLES / app
    plan = plan_file(context / "Dockerfile", image_available=ImageAvailability())
    chosen = choose(app, plan)
    files = []
    for v in chosen:
        if v.name == "original":
            files.append(context / "Dockerfile")
            continue
        path = work / app / f"Dockerfile.{v.name}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(v.dockerfile, "utf-8")
        if v.dockerignore is not None:  # beside the Dockerfile, where BuildKit looks first
            path.with_name(path.name + ".dockerignore").write_text(v.dockerignore, "utf-8")
        files.append(path)
    return [v.name for v in chosen], files


def bench_app(app: str, work: Path, out: Path | None, repeat: int) -> dict[str, Any]:
    from imgopt.bench.runner import BenchOptions, BenchRun, make_variants

    context = SAMPLES / app
    names, files = variant_files(app, work)
    variants = make_variants(context, files, names)
    options = BenchOptions(repeat=repeat, warm=True, verify=False, compressed=True)
    started = time.perf_counter()
    log = StepLog()
    run = BenchRun(variants, options, work / app / "run", observer=log)
    result = run.run()
    rows = run.folder.rows()
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(run.folder.path / "results.csv", out / f"{app}.csv")
    builds = {
        (r["variant"], r["kind"]): r for r in rows if r["row"] == "build" and r["repetition"] == "0"
    }
    figures: list[dict[str, Any]] = []
    for v in result.variants:
        cold = builds.get((v.name, "cold"), {})
        warm = builds.get((v.name, "warm"), {})
        figures.append(
            {
                "variant": v.name,
                "cold_s": v.cold_build_s,  # medians over the repetitions
                "warm_s": v.warm_build_s,
                "warm_min_s": v.warm_build_min_s,
                "warm_max_s": v.warm_build_max_s,
                "warm_cached_steps": warm.get("cached_steps"),
                "warm_steps": warm.get("steps"),
                "pushed_bytes": _num(warm.get("pushed_bytes")),
                "compressed_bytes": v.compressed_bytes,
                "error": v.error or cold.get("error") or warm.get("error") or None,
                "warm_steps_run": [
                    s for s in log.steps.get(v.name, {}).values() if not s["cached"]
                ],
            }
        )
    base = figures[0]["warm_s"]
    for f in figures:
        f["warm_vs_original"] = round(f["warm_s"] / base, 3) if f["warm_s"] and base else None
    return {
        "app": app,
        "rebuilds_dependencies": app in REBUILDS_DEPENDENCIES,
        "seconds": round(time.perf_counter() - started, 1),
        "variants": figures,
        "targets": targets(app, figures),
    }


def targets(app: str, figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for f in figures[1:]:
        ratio = f["warm_vs_original"]
        limit = 1.0
        if app == TARGET_NEW_APP[0]:
            limit = TARGET_NEW_APP[1]
        elif app in REBUILDS_DEPENDENCIES:
            limit = TARGET_DEPENDENCIES
        out.append(
            {
                "variant": f["variant"],
                "warm_vs_original": ratio,
                "at_most": limit,
                "holds": ratio is not None and ratio <= limit,
            }
        )
    return out


def _num(value: Any) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def paired_app(
    app: str, work: Path, rounds: int, candidates: Sequence[tuple[str, Path]] = ()
) -> dict[str, Any]:
    """Warm rebuilds in alternating order, so the machine's load drifts over every variant alike.

    The bench runner builds one variant after the other: on a shared machine whose load climbs
    or falls during the run, the last variant's rebuilds meet another load than the original's.
    Here each variant gets one cold build (``--no-cache``, cache mounts of its own, empty), then
    ``rounds`` rounds of one warm rebuild each (a new one-line edit every time, everything else
    kept, its own cache mounts as its cold build left them), the order reversed every round:
    original, hygiene, X, then X, hygiene, original, ... Reported: every rebuild's seconds, their
    median, and the steps that re-ran in the first round. ``candidates`` (name, Dockerfile)
    are rebuilt beside the planned variants, for a Dockerfile written by hand before a rule
    proposes it.
    """
    import secrets
    import subprocess

    from imgopt.bench.cold import isolated, prune_cache_mounts
    from imgopt.bench.edit import pick_edit_target, warm_context
    from imgopt.bench.sizes import parse_dockerfile
    from imgopt.engine.builders import BuildRequest, get_builder

    context = SAMPLES / app
    names, files = variant_files(app, work)
    names += [n for n, _ in candidates]
    files += [f.resolve() for _, f in candidates]
    ns = f"paired-{secrets.token_hex(3)}"
    labels = {"imgopt.bench-rebuild": ns}
    builder = get_builder()
    images: list[str] = []
    seconds: dict[str, list[float]] = {n: [] for n in names}
    steps_run: dict[str, list[dict[str, Any]]] = {}
    phases: dict[str, list[dict[str, Any]]] = {}
    started = time.perf_counter()
    try:
        for name, path in zip(names, files, strict=True):
            dockerfile = isolated(path, f"{ns}-{name}")
            request = BuildRequest(context=context, dockerfile=dockerfile, labels=labels)
            images.append(builder.build(replace_no_cache(request)).image_id)
        for i in range(rounds):
            order = list(zip(names, files, strict=True))
            for name, path in order if i % 2 == 0 else order[::-1]:
                parsed = parse_dockerfile(path, {})
                target = pick_edit_target(parsed, context) if parsed is not None else None
                if target is None:
                    raise RuntimeError(f"{name}: no app source file to edit")
                tmp = warm_context(context, target, f"imgopt paired rebuild {ns} {name} {i}")
                try:
                    dockerfile = isolated(path, f"{ns}-{name}")
                    result = builder.build(
                        BuildRequest(context=tmp, dockerfile=dockerfile, labels=labels)
                    )
                finally:
                    shutil.rmtree(tmp.parent, ignore_errors=True)
                images.append(result.image_id)
                seconds[name].append(round(result.seconds, 3))
                phases.setdefault(name, []).append(breakdown(result.seconds, result.steps))
                if i == 0:
                    steps_run[name] = [
                        {"step": s.name, "cached": False, "seconds": round(s.seconds or 0.0, 2)}
                        for s in result.steps
                        if not s.cached and s.index is not None
                    ]
    finally:
        prune_cache_mounts(ns)
        if images:
            subprocess.run(["docker", "rmi", "-f", *images], capture_output=True, check=False)
    medians = {n: statistics.median(v) for n, v in seconds.items() if v}
    base = medians.get("original")
    return {
        "app": app,
        "rounds": rounds,
        "seconds": round(time.perf_counter() - started, 1),
        "warm_s": seconds,
        "median_s": medians,
        "vs_original": {n: round(m / base, 3) for n, m in medians.items()} if base else {},
        "steps_run": steps_run,
        "phases": phases,
        "targets": targets(
            app,
            [
                {"variant": n, "warm_vs_original": round(m / base, 3) if base else None}
                for n, m in medians.items()
            ],
        ),
    }


def breakdown(wall: float, steps: Any) -> dict[str, Any]:
    """Where one rebuild's wall time went, from BuildKit's vertices.

    ``prelude``: loading the Dockerfile, the context and base-image metadata (until the first
    instruction step starts); ``ran``: the instruction steps that executed, each with its
    seconds; ``solve_span``: first instruction step's start to the last one's end; ``export``:
    the export vertices (``exporting to image`` and its children); ``outside``: the wall time
    no vertex accounts for (buildx's start-up and exit, the client's load), so that
    ``wall = outside + span of every vertex``. Also the load average when the rebuild ended.
    """
    from imgopt.bench.steps import span

    # A cached vertex can carry the times of the build that ran it, and BuildKit sometimes
    # reports a vertex another build shares: only what ran after this build started counts.
    timed = [s for s in steps if s.started is not None and s.completed is not None]
    begin = [s.started for s in timed if s.name.startswith("[internal] load build definition")]
    every = [s for s in timed if not s.cached and (not begin or s.started >= min(begin))]
    instructions = [s for s in every if s.index is not None]
    exported = [s for s in every if s.name.startswith(("exporting ", "writing image", "naming"))]
    ran = [s for s in instructions if not s.cached]
    first = min((s.started for s in instructions), default=None)
    start_all = min((s.started for s in every), default=None)
    return {
        "wall": round(wall, 3),
        "prelude": round(first - start_all, 3)
        if first is not None and start_all is not None
        else None,
        "solve_span": round(span(instructions), 3),
        "ran": [
            {
                "step": s.name,
                "at": round(s.started - start_all, 3) if start_all is not None else None,
                "seconds": round(s.completed - s.started, 3),
            }
            for s in sorted(ran, key=lambda s: s.started)
        ],
        "vertices": [
            {
                "step": s.name,
                "cached": s.cached,
                "at": round(s.started - start_all, 3) if start_all is not None else None,
                "seconds": round(s.completed - s.started, 3),
            }
            for s in sorted(every, key=lambda s: s.started)
        ],  # the vertices of this build, in the order they started
        "export": round(span(exported), 3),
        "idle": round(idle(every), 3),
        "outside": round(wall - span(every), 3),
        "load": os.getloadavg()[0],
    }


def image_files(image_id: str) -> dict[str, tuple[int, str]]:
    """Every path of an image's filesystem (its layers applied in order, whiteouts honoured),
    with the size and tar type flag of its entry: what the bench's layer lists say ends up in
    the image (:func:`imgopt.bench.layers.measure_layers`)."""
    import posixpath

    from imgopt.bench.layers import measure_layers
    from imgopt.engine.images import inspect_image

    info = inspect_image(image_id)
    files: dict[str, tuple[int, str]] = {}
    for layer in measure_layers(info.id, info.diff_ids, compressed=False, entries=True):
        for e in layer.entries or ():
            parent, name = posixpath.split(e.path)
            if name == ".wh..wh..opq":  # an opaque directory: drop what lower layers had in it
                prefix = parent + "/"
                files = {p: v for p, v in files.items() if not p.startswith(prefix)}
            elif name.startswith(".wh."):
                gone = posixpath.join(parent, name[4:])
                files = {
                    p: v for p, v in files.items() if p != gone and not p.startswith(gone + "/")
                }
            else:
                files[e.path] = (e.size, e.type)
    return files


def same_files(app: str, dockerfiles: Sequence[tuple[str, Path]]) -> dict[str, Any]:
    """Build each Dockerfile (the layer cache may serve) and compare the files in its image with
    the first one's: paths, sizes and entry types, from the layers' tar listings."""
    import secrets
    import subprocess

    from imgopt.bench.cold import isolated, prune_cache_mounts
    from imgopt.engine.builders import BuildRequest, get_builder

    ns = f"samefiles-{secrets.token_hex(3)}"
    builder = get_builder()
    listed: dict[str, dict[str, tuple[int, str]]] = {}
    layers: dict[str, int] = {}
    images: list[str] = []
    try:
        for name, path in dockerfiles:
            request = BuildRequest(
                context=SAMPLES / app,
                dockerfile=isolated(path.resolve(), f"{ns}-{name}"),
                labels={"imgopt.bench-rebuild": ns},
            )
            result = builder.build(request)
            images.append(result.image_id)
            listed[name] = image_files(result.image_id)
            from imgopt.engine.images import inspect_image

            layers[name] = len(inspect_image(result.image_id).diff_ids)
    finally:
        prune_cache_mounts(ns)
        if images:
            subprocess.run(["docker", "rmi", "-f", *images], capture_output=True, check=False)
    first = dockerfiles[0][0]
    base = listed[first]
    out: dict[str, Any] = {"app": app, "reference": first, "files": len(base), "compared": {}}
    for name, files in listed.items():
        if name == first:
            continue
        out["compared"][name] = {
            "files": len(files),
            "layers": layers[name],
            "only_in_reference": sorted(set(base) - set(files)),
            "only_here": sorted(set(files) - set(base)),
            "different": sorted(p for p in set(base) & set(files) if base[p] != files[p]),
        }
    out["reference_layers"] = layers[first]
    return out


def idle(steps: Sequence[Any]) -> float:
    """Seconds between the first vertex's start and the last one's end in which no vertex ran
    (BuildKit working between steps without reporting one: committing, mounting)."""
    from imgopt.bench.steps import span

    busy, end = 0.0, None
    for s in sorted(steps, key=lambda s: s.started):
        if end is None or s.started > end:
            busy += s.completed - s.started
            end = s.completed
        elif s.completed > end:
            busy += s.completed - end
            end = s.completed
    return max(0.0, span(steps) - busy) if steps else 0.0


def from_run(app: str, run_dir: Path) -> dict[str, Any]:
    """The same figures read from a bench run folder made elsewhere (``publish_report.py``'s
    ``reports/<app>/run``): median cold and warm seconds of every variant, the pushed bytes of
    its first warm rebuild, and the targets."""
    import csv

    with (run_dir / "results.csv").open(encoding="utf-8") as table:
        rows = [r for r in csv.DictReader(table) if r["row"] == "build"]
    names = list(dict.fromkeys(r["variant"] for r in rows))
    figures: list[dict[str, Any]] = []
    for name in names:
        mine = [r for r in rows if r["variant"] == name]
        times = {
            kind: [float(r["seconds"]) for r in mine if r["kind"] == kind and r["seconds"]]
            for kind in ("cold", "warm")
        }
        first_warm = next((r for r in mine if r["kind"] == "warm" and r["seconds"]), {})
        figures.append(
            {
                "variant": name,
                "cold_s": statistics.median(times["cold"]) if times["cold"] else None,
                "warm_s": statistics.median(times["warm"]) if times["warm"] else None,
                "pushed_bytes": _num(first_warm.get("pushed_bytes")),
                "error": next((r["error"] for r in mine if r.get("error")), None),
            }
        )
    base = figures[0]["warm_s"] if figures else None
    for f in figures:
        f["warm_vs_original"] = round(f["warm_s"] / base, 3) if f["warm_s"] and base else None
    return {
        "app": app,
        "rebuilds_dependencies": app in REBUILDS_DEPENDENCIES,
        "seconds": None,
        "source": str(run_dir),
        "variants": figures,
        "targets": targets(app, figures),
    }


def replace_no_cache(request: Any) -> Any:
    """``request`` as a cold build (``--no-cache``)."""
    import dataclasses

    return dataclasses.replace(request, no_cache=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", action="append", default=[], help="only this app (repeatable)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--out", type=Path, help="write bench_rebuild.json and each run's results.csv here"
    )
    parser.add_argument("--repeat", type=int, default=1, help="cold and warm builds per variant")
    parser.add_argument("--render", type=Path, help="print the tables of a saved --out JSON")
    parser.add_argument(
        "--from-run",
        type=Path,
        metavar="DIR",
        help="print the table of a bench run folder made elsewhere (with one --app: its name)",
    )
    parser.add_argument(
        "--paired",
        type=int,
        default=0,
        metavar="N",
        help="instead of the bench: N rounds of warm rebuilds in alternating order (paired_app)",
    )
    parser.add_argument(
        "--candidate",
        action="append",
        default=[],
        metavar="NAME=DOCKERFILE",
        help="with --paired and one --app: rebuild this Dockerfile too (repeatable)",
    )
    parser.add_argument(
        "--same-files",
        action="store_true",
        help="with one --app and --candidate: compare the files in each candidate's image with "
        "the first --candidate's (paths, sizes, types from the layer lists)",
    )
    args = parser.parse_args()
    candidates = [(c.split("=", 1)[0], Path(c.split("=", 1)[1])) for c in args.candidate]
    results: dict[str, Any] = {"load_before": os.getloadavg(), "cpu_count": os.cpu_count()}
    if args.same_files:
        compared = same_files(args.app[0], candidates)
        compared["load_before"], compared["load_after"] = results["load_before"], os.getloadavg()
        print(json.dumps(compared, indent=2))
        return 0
    if args.from_run is not None:
        name = args.app[0] if args.app else args.from_run.parent.name
        render({"load_before": None, "load_after": None, "apps": [from_run(name, args.from_run)]})
        return 0
    if args.render is not None:
        results = json.loads(args.render.read_text("utf-8"))
        render(results)
        return 0
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="imgopt-bench-rebuild-"))
    results["apps"] = []
    try:
        for app in apps(args.app):
            try:
                if args.paired:
                    results["apps"].append(paired_app(app, work, args.paired, candidates))
                else:
                    results["apps"].append(bench_app(app, work, args.out, args.repeat))
            except Exception as exc:  # an engine restart mid-run: say so, go on with the next app
                results["apps"].append({"app": app, "error": f"{type(exc).__name__}: {exc}"})
            if args.out is not None:  # what is done so far survives a crash of the next app
                (args.out / "bench_rebuild.json").write_text(json.dumps(results, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results["load_after"] = os.getloadavg()
    if args.out is not None:
        (args.out / "bench_rebuild.json").write_text(json.dumps(results, indent=2))
    if args.json:
        print(json.dumps(results, indent=2, default=str))
        return 0
    render(results)
    return 0


def render(results: dict[str, Any]) -> None:
    """The figures as a table per app, with the targets."""
    after = results.get("load_after", "(not finished)")
    if results.get("load_before") is None:
        print("read from a run folder made elsewhere: its load was not recorded here")
    else:
        print(f"load average before {results['load_before']}, after {after}")
    print("seconds: median of the repetitions; pushed: repetition 0's warm rebuild")
    for a in results["apps"]:
        if "error" in a:
            print(f"\n== {a['app']}: not measured: {a['error']}")
            continue
        if "rounds" in a:
            render_paired(a)
            continue
        deps = "rebuilds its dependencies after a code edit" if a["rebuilds_dependencies"] else ""
        took = f"{a['seconds']} s" if a.get("seconds") is not None else f"from {a.get('source')}"
        print(f"\n== {a['app']} ({took}) {deps}")
        head = f"{'variant':18s} {'cold s':>8s} {'warm s':>8s} {'warm/orig':>9s} {'pushed MB':>10s}"
        print("   " + head)
        for f in a["variants"]:
            pushed = f["pushed_bytes"]
            print(
                f"   {f['variant']:18s} {_fmt(f['cold_s'])} {_fmt(f['warm_s'])} "
                f"{_fmt(f['warm_vs_original'], 9, 2)} "
                f"{_fmt(pushed / 1e6 if pushed is not None else None, 10, 3)}"
                + (f"  ERROR {f['error']}" if f["error"] else "")
            )
        for t in a["targets"]:
            verdict = "holds" if t["holds"] else "DOES NOT HOLD"
            print(f"   target {t['variant']}: warm <= {t['at_most']}x original: {verdict}")
        for f in a["variants"]:
            ran = sorted(f.get("warm_steps_run") or [], key=lambda s: -s["seconds"])
            if ran:
                words = "; ".join(f"{s['step'][:60]} {s['seconds']:.1f} s" for s in ran)
                print(f"   {f['variant']} re-ran after the edit: {words}")


def render_paired(a: dict[str, Any]) -> None:
    """One app's alternating-order warm rebuilds."""
    print(f"\n== {a['app']} ({a['seconds']} s) {a['rounds']} rounds, order reversed every round")
    print(f"   {'variant':18s} {'median s':>8s} {'warm/orig':>9s}  every rebuild, s")
    for name, values in a["warm_s"].items():
        median = a["median_s"].get(name)
        ratio = a["vs_original"].get(name)
        each = ", ".join(f"{v:.1f}" for v in values)
        print(f"   {name:18s} {_fmt(median)} {_fmt(ratio, 9, 2)}  {each}")
    for t in a["targets"]:
        verdict = "holds" if t["holds"] else "DOES NOT HOLD"
        print(f"   target {t['variant']}: warm <= {t['at_most']}x original: {verdict}")
    for name, ran in a["steps_run"].items():
        ran = sorted(ran, key=lambda s: -s["seconds"])
        words = "; ".join(f"{s['step'][:60]} {s['seconds']:.1f} s" for s in ran)
        print(f"   {name} re-ran after the edit (round 1): {words}")
    if a.get("phases"):
        render_phases(a["phases"])


def from_vertices(b: dict[str, Any]) -> dict[str, Any]:
    """:func:`breakdown` again from a saved rebuild's ``vertices`` (a file written before its
    latest figures, or before stale vertices were left out)."""
    from types import SimpleNamespace

    steps = [
        SimpleNamespace(
            name=v["step"],
            cached=v["cached"],
            started=v["at"],
            completed=v["at"] + v["seconds"],
            index=1 if re.match(r"\[[^\]]*\d+/\d+\]", v["step"]) else None,
        )
        for v in b.get("vertices") or []
        if v.get("at") is not None
    ]
    again = breakdown(b["wall"], steps)
    again["load"] = b["load"]
    return again


def render_phases(phases: dict[str, list[dict[str, Any]]]) -> None:
    """Where each rebuild's wall time went (:func:`breakdown`), every round, then medians."""
    phases = {
        name: [from_vertices(b) if b.get("vertices") else b for b in rounds]
        for name, rounds in phases.items()
    }
    print(
        "   where the time went, every rebuild (s): wall = prelude + steps' span + export + rest;"
    )
    print("   idle: within the build, time in which BuildKit reported no vertex running")
    print(
        f"   {'variant':18s} {'round':>5s} {'load':>5s} {'wall':>6s} {'prelude':>7s} "
        f"{'span':>6s} {'export':>6s} {'idle':>5s} {'rest':>5s}  steps that ran"
    )
    for name, rounds in phases.items():
        for i, b in enumerate(rounds):
            ran = ", ".join(f"{_short(s['step'])} {s['seconds']:.2f}" for s in b["ran"])
            print(
                f"   {name:18s} {i + 1:5d} {b['load']:5.1f} {b['wall']:6.2f} "
                f"{_fmt(b['prelude'], 7, 2)} {b['solve_span']:6.2f} {b['export']:6.2f} "
                f"{_fmt(b.get('idle'), 5, 2)} {b['outside']:5.2f}  {ran}"
            )
    print(
        f"   medians: {'variant':18s} {'wall':>6s} {'span':>6s} {'export':>6s} {'not compile':>11s}"
    )
    for name, rounds in phases.items():

        def med(key: str, rounds: list[dict[str, Any]] = rounds) -> float | None:
            if any(b.get(key) is None for b in rounds):
                return None  # not recorded by the run that wrote the file
            return statistics.median(float(b[key]) for b in rounds)

        slowest = statistics.median(
            max((s["seconds"] for s in b["ran"]), default=0.0) for b in rounds
        )
        rest = statistics.median(
            b["wall"] - max((s["seconds"] for s in b["ran"]), default=0.0) for b in rounds
        )
        print(
            f"            {name:18s} {_fmt(med('wall'), 6, 2)} {_fmt(med('solve_span'), 6, 2)} "
            f"{_fmt(med('export'), 6, 2)} {rest:11.2f}  (slowest step {slowest:.2f}, "
            f"idle {_fmt(med('idle'), 0, 2).strip()})"
        )


def _short(step: str) -> str:
    """A step's name without its ``--mount`` flags, cut to 40 characters."""
    return re.sub(r"--mount=\S+ ", "", step)[:40]


def _fmt(value: float | None, width: int = 8, digits: int = 1) -> str:
    return f"{value:{width}.{digits}f}" if value is not None else f"{'-':>{width}s}"


if __name__ == "__main__":
    sys.exit(main())
