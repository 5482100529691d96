"""What the runtime file closure rule says of a sample app's proposed variants, file by file.

For each app named: propose its variants, build them once (``imgopt bench --no-verify
--keep-images --repeat 1 --no-warm``), profile the original (:meth:`imgopt.verify.Verifier.profile`:
the traced start and its closure), then check every variant's files against the closure
(:func:`imgopt.verify.closure.check_variant`, with the default, required-files rule, the one of
``--lenient-closure``) and print, per variant, each closure file it lacks: ``FAIL`` when that rule
fails the variant for it, ``reported`` when it is counted but not failed (``--strict-closure``
fails those too), with ``own`` or ``base`` for the layers of the original that added it. The
probes are not run: this shows the closure rule alone. Everything built and started is removed at
the end.

Run (from the repository root; one build at a time):

    .venv/bin/python benchmarks/closure_rule.py flask-tutorial python-files
    .venv/bin/python benchmarks/closure_rule.py flask-tutorial --run DIR   # a bench run folder
                     # of that app already built with --keep-images: nothing is built or removed
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from imgopt.engine.containers import remove_run_containers  # noqa: E402
from imgopt.engine.filesystem import open_image_files  # noqa: E402
from imgopt.verify import Verifier, find_spec, parse_spec  # noqa: E402
from imgopt.verify import closure as rule  # noqa: E402

IMGOPT = [sys.executable, "-m", "imgopt"]


def build(app: str, work: Path) -> tuple[Path, dict[str, str]]:
    """Propose and build ``app``'s variants; the run folder and each variant's image id."""
    proposed, run = work / "proposed", work / "run"
    subprocess.run([*IMGOPT, "propose", str(REPO / "sample_apps" / app), "-o", str(proposed)],
                   cwd=REPO, check=True, capture_output=True)  # fmt: skip
    subprocess.run(
        [*IMGOPT, "bench", str(REPO / "sample_apps" / app), "--variants", str(proposed),
         "--repeat", "1", "--no-warm", "--no-verify", "--keep-images", "--out", str(run)],
        cwd=REPO, check=False, capture_output=True,
    )  # fmt: skip
    return run, built(run)


def built(run: Path) -> dict[str, str]:
    """Each measured variant's image id in the bench run folder ``run``."""
    with open(run / "results.csv", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["row"] == "variant" and r["image_id"]]
    return {r["variant"]: r["image_id"] for r in rows}


def report(app: str, run: Path, images: dict[str, str]) -> None:
    meta = json.loads((run / "run.json").read_text())
    original = next(v["name"] for v in meta["variants"] if v.get("original"))
    context = REPO / "sample_apps" / app
    found = find_spec(context)
    spec = parse_spec(found.read_text(), source=str(found)) if found else None
    run_id = f"closure-rule-{uuid.uuid4().hex[:8]}"
    try:
        base = None
        with open(run / "results.csv", newline="") as handle:
            for r in csv.DictReader(handle):
                if r["row"] == "variant" and r["variant"] == original and r["base_image"]:
                    base = r["base_image"]
        profile = Verifier(run_id=run_id, context=context, spec=spec).profile(
            images[original], base_image=base
        )
        facts = profile.closure_facts
        print(f"{app}: original {profile.proof.describe()}")
        if facts is None:
            print(f"  no closure: {profile.proof.closure_note}")
            return
        for name, image in images.items():
            if name == original:
                continue
            index = open_image_files(
                image, run_id=run_id, hash_wanted=set(facts.app_files).__contains__
            )
            check = rule.check_variant(facts, index, strict=False)  # the lenient rule
            verdict = "fails" if check.problems else "passes"
            print(f"  {name}: {verdict} the closure rule; lacks {len(check.problems)} required, "
                  f"{len(check.absent_optional)} reported")  # fmt: skip
            for problem in check.problems:
                print(f"    FAIL      {problem}")
            for path in check.absent_optional:
                print(f"    reported  {path} ({'own' if path in facts.own else 'base'})")
    finally:
        remove_run_containers(run_id)


def main(apps: list[str]) -> None:
    if len(apps) == 3 and apps[1] == "--run":
        report(apps[0], Path(apps[2]), built(Path(apps[2])))
        return
    for app in apps:
        work = Path(tempfile.mkdtemp(prefix="imgopt-closure-rule-"))
        images: dict[str, str] = {}
        try:
            run, images = build(app, work)
            report(app, run, images)
        finally:
            if images:
                subprocess.run(["docker", "rmi", "-f", *images.values()], capture_output=True)
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
