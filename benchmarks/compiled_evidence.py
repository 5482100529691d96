"""The compiled multi-stage from evidence on a real app (issue 13 item 4): build the original,
read it (imgopt.analyze.evidence.gather), plan multistage-slim with that evidence, build it, run
the same commands in both images and compare their output and sizes.

The closure (the files the app opens) normally comes from verification inside ``imgopt
analyze``; here it is given with ``--closure`` and printed, so the run stays one build of each.
Base images the app names but this machine lacks are given as ``--alias NAME=STANDIN`` and
tagged for the run only (the tag is removed after; an existing image of that name is never
touched). Images are labelled ``imgopt.bench=compiled-evidence`` and removed at the end.

Run:  .venv/bin/python benchmarks/compiled_evidence.py /tmp/twemproxy \\
          --alias gcc=buildpack-deps:bookworm --closure /usr/src/twemproxy/conf/nutcracker.yml \\
          --run=-t --run=-V
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import uuid
from pathlib import Path

LABEL = "imgopt.bench=compiled-evidence"


def sh(*cmd: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, check=check)


def build(context: Path, dockerfile: Path, tag: str) -> None:
    proc = sh(
        "docker", "buildx", "build", "--load", "--progress=plain", "--label", LABEL,
        "-t", tag, "-f", str(dockerfile), str(context), check=False,
    )  # fmt: skip
    if proc.returncode != 0:
        raise SystemExit(f"build of {tag} failed:\n{proc.stderr[-3000:]}")


def main() -> int:
    from imgopt.analyze.evidence import gather, replan
    from imgopt.dockerfile import parse

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    ap.add_argument("context", type=Path)
    ap.add_argument("--alias", action="append", default=[], help="NAME=STANDIN")
    ap.add_argument("--closure", action="append", default=[])
    ap.add_argument("--run", action="append", default=[], help="arguments of one command")
    args = ap.parse_args()
    run_id = f"compiled-evidence-{uuid.uuid4().hex[:8]}"
    tagged: list[str] = []
    images = [f"imgopt-bench/{run_id}:original", f"imgopt-bench/{run_id}:multistage-slim"]
    try:
        for alias in args.alias:
            name, _, standin = alias.partition("=")
            if sh("docker", "image", "inspect", name, check=False).returncode != 0:
                sh("docker", "tag", standin, name)
                tagged.append(name)
                print(f"alias: {name} -> {standin} (tagged for this run)")
        dockerfile = args.context / "Dockerfile"
        build(args.context, dockerfile, images[0])
        base = parse(dockerfile.read_text()).final_stage.base_resolved
        closure = tuple(args.closure) or None
        print(f"closure given: {', '.join(args.closure) or 'none'}")
        ev = gather(images[0], base_ref=base, run_id=run_id, closure=closure)
        print(f"release: {ev.release}; entry: {', '.join(ev.entry)}")
        for r in ev.roots:
            print(f"  root {r.path}: {r.files} files, {r.bytes:,} bytes, build tree {r.build_tree}")
        plan = replan(dockerfile, args.context, ev)
        for s in plan.skipped:
            print(f"skipped {s.name}: {s.reason}")
        variant = plan.get("multistage-slim")
        if variant is None:
            return 1
        print("--- multistage-slim Dockerfile\n" + variant.dockerfile + "---")
        for c in variant.changes:
            print(f"change: {c.title}: {c.rationale}")
        path = args.context / f"Dockerfile.{run_id}"
        path.write_text(variant.dockerfile)
        try:
            build(args.context, path, images[1])
        finally:
            path.unlink()
        same = True
        for image in images:
            size = sh("docker", "image", "inspect", "--format", "{{.Size}}", image).stdout.strip()
            print(f"{image}: {int(size):,} bytes")
        for argv in args.run or [""]:
            outs = []
            for image in images:
                cmd = ["docker", "run", "--rm", "--network", "none", image, *argv.split()]
                p = sh(*cmd, check=False)
                out = p.stdout + p.stderr
                outs.append((p.returncode, out))
                print(f"$ {' '.join(cmd[5:])}  (exit {p.returncode})\n{out.rstrip()}")
            same &= outs[0] == outs[1]
        print(f"same exit codes and output: {same}")
        return 0 if same else 1
    finally:
        sh("docker", "rmi", "-f", *images, check=False)
        for name in tagged:
            sh("docker", "rmi", name, check=False)


if __name__ == "__main__":
    sys.exit(main())
