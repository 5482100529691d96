"""What each closure rule recommends for a sample app: ``imgopt analyze`` under the default
(literal) rule and, with ``--both``, under ``--lenient-closure`` too, with each variant's size,
verdict, the files it carries (:mod:`imgopt.variants.carry`) and the closure files it lacks
(named as absent, or the reason it failed).

For each app named, the analyses run one after the other (never together), each removing what it
built (no ``--keep-images``); their output folders go to a temporary folder, removed at the end.

Run (from the repository root):

    .venv/bin/python benchmarks/closure_default.py node-express node-build
    .venv/bin/python benchmarks/closure_default.py --both node-express
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from imgopt.variants.carry import carried_paths

REPO = Path(__file__).resolve().parents[1]
RULES = (("default", []), ("--lenient-closure", ["--lenient-closure"]))


def analyze(app: str, out: Path, flags: list[str]) -> None:
    """One ``imgopt analyze`` of ``sample_apps/APP``; prints what each rule did to each variant."""
    argv = [sys.executable, "-m", "imgopt", "analyze", f"sample_apps/{app}", "--out", str(out),
            "--format", "json", *flags]  # fmt: skip
    print(f"$ imgopt {' '.join(argv[3:])}", flush=True)
    proc = subprocess.run(argv, cwd=REPO, capture_output=True, text=True, check=False)
    print(f"exit {proc.returncode}")
    if not (out / "analysis.json").is_file():
        print(proc.stderr[-2000:])
        return
    doc = json.loads((out / "analysis.json").read_text("utf-8"))
    run = json.loads((out / "run.json").read_text("utf-8"))
    print(f"run.json options.strict_closure: {run['options']['strict_closure']}")
    (target,) = doc.get("targets", [doc])
    original = target["original"]["size_bytes"]
    for v in target["variants"]:
        smaller = 1 - v["size_bytes"] / original if v["size_bytes"] else 0.0
        verdict = "verified" if v["verified"] else f"FAILS: {v['verify_reason'] or v['error']}"
        print(f"  {v['name']}: {v['size_bytes']} bytes ({smaller:.1%} smaller); {verdict}")
        for absent in run["verification"].get(v["name"], {}).get("absent_files", []):
            print(f"    absent, not failed: {absent['path']} ({absent['reason']})")
        carried = out / "dockerfiles" / v["name"] / "Dockerfile"
        if carried.is_file():
            for path in carried_paths(carried.read_text("utf-8")):
                print(f"    carries {path}")
    recommendation = target["recommendation"]
    print(f"recommended: {recommendation['variant']}")
    print(f"  {recommendation['sentence']}")


def main(apps: list[str]) -> None:
    rules = RULES if "--both" in apps else RULES[:1]
    apps = [a for a in apps if a != "--both"]
    with tempfile.TemporaryDirectory(prefix="imgopt-closure-default-") as tmp:
        for app in apps:
            for name, flags in rules:
                print(f"\n== {app}, rule: {name}")
                analyze(app, Path(tmp) / f"{app}-{name.strip('-')}", flags)


if __name__ == "__main__":
    main(sys.argv[1:] or ["node-express", "node-build"])
