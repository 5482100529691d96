"""What verification costs, and what it proves on the sample apps with their smoke specs removed.

For every sample app (a folder of sample_apps/ with a Dockerfile, or the Compose service that a
Compose file there builds), with its ``smoke.toml`` removed (the app is copied without it, as a
user without a spec has it):

1. build the original image (not timed: that is the build, not verification);
2. profile it (:meth:`imgopt.verify.Verifier.profile`: discovery, the derived probes twice, the
   traced start and the closure measured): once per run, whatever the number of variants;
   an app's dependencies (compose-tutorial's database) start here, once, and every check
   shares them, as ``imgopt analyze`` does (:func:`imgopt.verify.deps.shared_dependencies`);
3. check a variant against it (:meth:`imgopt.verify.Verifier.check`: the probes on the variant,
   the comparison, every closure file looked up in the variant's layers): the cost each variant
   adds. The variants are the original image itself (every app) and, for python-files, the two
   planted broken variants of tests/verify/planted (a missing template, a missing binary), which
   must fail.

Prints one row per app (discovery, probes, closure files and bytes, whether it verified, the
profile and check times) and the median and maximum check time against the goal of 15 s per
variant (issue 11). Everything it built or started is removed at the end.

Run (from the repository root):

    .venv/bin/python benchmarks/bench_verify.py                  # every sample app
    .venv/bin/python benchmarks/bench_verify.py --app go-port    # one
    .venv/bin/python benchmarks/bench_verify.py --app compose-tutorial/web --per-check-dependencies
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SAMPLE_APPS = REPO / "sample_apps"
GOAL_S = 15.0
COMPOSE_FILES = ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml")


def apps() -> list[tuple[str, Path, Path]]:
    """(id, folder, build context) of every sample app."""
    import yaml

    out: list[tuple[str, Path, Path]] = []
    for folder in sorted(p for p in SAMPLE_APPS.iterdir() if p.is_dir()):
        compose = next((folder / n for n in COMPOSE_FILES if (folder / n).is_file()), None)
        if compose is not None:
            for name, service in (yaml.safe_load(compose.read_text())["services"] or {}).items():
                build = service.get("build")
                if build is None:
                    continue
                context = build if isinstance(build, str) else build.get("context", ".")
                out.append((f"{folder.name}/{name}", folder, (folder / context).resolve()))
        elif (folder / "Dockerfile").is_file():
            out.append((folder.name, folder, folder))
    return out


def build(context: Path, tag: str, *args: str) -> None:
    proc = subprocess.run(
        ["docker", "buildx", "build", "--load", "--label", "imgopt.bench=1", "-t", tag, *args,
         str(context)],
        capture_output=True, text=True, timeout=1800,
    )  # fmt: skip
    if proc.returncode != 0:
        raise SystemExit(f"building {context} failed:\n{proc.stderr[-3000:]}")


def base_image(dockerfile: Path) -> str:
    froms = re.findall(r"^FROM\s+(?:--\S+\s+)?(\S+)", dockerfile.read_text(), re.M | re.I)
    return str(froms[-1])


def measure(
    app_id: str, folder: Path, context: Path, run_id: str, tmp: Path, *, share: bool = True
) -> dict[str, Any]:
    import contextlib

    from imgopt.verify import Verifier
    from imgopt.verify.deps import find_dependencies, shared_dependencies

    tag = f"imgopt-bench/{app_id.replace('/', '-')}:{run_id[-8:]}"
    tags = [tag]
    build(context, tag)
    copy = tmp / folder.name
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("smoke.toml", "node_modules"))
    ctx = copy / context.relative_to(folder)
    verifier = Verifier(
        run_id=run_id, context=ctx, out_dir=tmp / f"{folder.name}-verify",
        dependencies=find_dependencies(ctx, ctx / "Dockerfile"),
    )  # fmt: skip
    try:
        # As `imgopt analyze` does: the app's dependencies start once, for the profile and
        # every check, and are removed when the block ends (imgopt.verify.deps).
        # --per-check-dependencies: as before sharing, each profile and check starts its own.
        with shared_dependencies(run_id) if share else contextlib.nullcontext():
            profile, profile_s, checks = _profile_and_check(app_id, tag, tags, verifier, context)
    finally:
        subprocess.run(["docker", "rmi", "-f", *tags], capture_output=True)
    return {
        "app": app_id,
        "discovery": profile.discovery.describe(),
        "verified": profile.passed,
        "reason": profile.reason,
        "probes": profile.proof.probes,
        "commands": profile.proof.commands,
        "closure_files": profile.proof.closure_files,
        "closure_bytes": profile.proof.closure_bytes,
        "dependencies": profile.proof.dependencies,
        "profile_s": profile_s,
        "checks": checks,
    }


def _profile_and_check(
    app_id: str, tag: str, tags: list[str], verifier: Any, context: Path
) -> tuple[Any, float, list[tuple[str, bool, float, str | None]]]:
    """Profile the original once, then check each variant (the original itself, planted ones)."""
    started = time.perf_counter()
    profile = verifier.profile(tag, base_image=base_image(context / "Dockerfile"))
    profile_s = time.perf_counter() - started
    checks: list[tuple[str, bool, float, str | None]] = []
    variants = [("original", tag)]
    if app_id == "python-files":
        for broken in ("/app/templates/page.html", "/usr/bin/jq"):
            planted = f"{tag}-planted-{Path(broken).name}"
            build(REPO / "tests" / "verify" / "planted", planted, "--build-arg",
                  f"ORIGINAL={tag}", "--build-arg", f"BROKEN={broken}")  # fmt: skip
            tags.append(planted)
            variants.append((f"planted: no {broken}", planted))
    for name, image in variants:
        started = time.perf_counter()
        verdict = verifier.check(profile, image)
        checks.append((name, verdict.verified, time.perf_counter() - started, verdict.reason))
    return profile, profile_s, checks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--app", action="append", help="only this app (repeatable)")
    parser.add_argument(
        "--per-check-dependencies",
        action="store_true",
        help="start an app's dependencies for every check, not once per app (the control for "
        "measuring what sharing them saves)",
    )
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from imgopt.engine.containers import remove_run_containers

    run_id = f"bench-verify-{uuid.uuid4().hex[:8]}"
    chosen = [a for a in apps() if not args.app or a[0] in args.app]
    print(f"bench_verify: {len(chosen)} sample apps, smoke.toml removed; run {run_id}")
    if args.per_check_dependencies:
        print("dependencies: started for every check (--per-check-dependencies)")
    print(f"machine: {platform.node()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}")
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-verify-") as tmp:
        try:
            for app_id, folder, context in chosen:
                print(f"... {app_id}", file=sys.stderr, flush=True)
                share = not args.per_check_dependencies
                rows.append(measure(app_id, folder, context, run_id, Path(tmp), share=share))
        finally:
            remove_run_containers(run_id)
    print()
    header = f"{'app':<22} {'verified':<9} {'probes':>6} {'files':>6} {'closure MB':>10}"
    header += f" {'profile s':>9} {'check s':>8}  discovery"
    print(header)
    for r in rows:
        mb = f"{r['closure_bytes'] / 1e6:.1f}" if r["closure_bytes"] is not None else "-"
        files = r["closure_files"] if r["closure_files"] is not None else "-"
        own = next(c for c in r["checks"] if c[0] == "original")
        print(
            f"{r['app']:<22} {'yes' if r['verified'] else 'NO':<9} {r['probes']:>6} {files:>6} "
            f"{mb:>10} {r['profile_s']:>9.1f} {own[2]:>8.1f}  {r['discovery']}"
        )
        if r["dependencies"]:
            print(f"{'':<22} dependencies started: {', '.join(r['dependencies'])}")
        if not r["verified"]:
            print(f"{'':<22} why: {r['reason']}")
        for name, verified, seconds, reason in r["checks"]:
            if name != "original":
                verdict = "verified" if verified else f"FAILS ({reason})"
                print(f"{'':<22} {name}: {verdict}, {seconds:.1f} s")
    times = [c[2] for r in rows for c in r["checks"]]
    verified = sum(1 for r in rows if r["verified"])
    print()
    print(f"verified without their smoke.toml: {verified} of {len(rows)} sample apps")
    if times:
        print(
            f"verification's cost per variant (check): median {statistics.median(times):.1f} s, "
            f"max {max(times):.1f} s over {len(times)} checks (goal: {GOAL_S:g} s or less)"
        )
        profiles = [r["profile_s"] for r in rows]
        print(
            f"once per run (profile of the original): median {statistics.median(profiles):.1f} s,"
            f" max {max(profiles):.1f} s"
        )
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
