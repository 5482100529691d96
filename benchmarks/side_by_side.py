"""Two builds side by side against the same two alone: the wall time saved, and each step's time.

Why analyze times its builds one at a time: an estimate reuses each step's time from the build
that executed it, so a step must be timed as it runs alone. This measures what building two
variants at once would save on this machine, and how much slower each step ran. Four rounds, each
from an empty build cache (``docker builder prune -af``: it removes the whole BuildKit cache of
the engine, the user's too; run it only on a machine whose cache you do not need): both alone,
both at once, both alone again, both at once again. Printed per build: its wall time, and every
step it executed with its duration (BuildKit's ``--progress=rawjson``).

Run:  .venv/bin/python benchmarks/side_by_side.py CONTEXT DOCKERFILE_A,DOCKERFILE_B
e.g.  .venv/bin/python benchmarks/side_by_side.py sample_apps/flask-tutorial \\
          reports/flask-tutorial/run/dockerfiles/hygiene/Dockerfile,reports/flask-tutorial/run/dockerfiles/slim-base/Dockerfile
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from imgopt.engine.builders.rawjson import RawJsonParser  # noqa: E402

Result = tuple[str, float, list[tuple[str, float]], int]


def build(dockerfile: str, context: str, out: list[Result]) -> None:
    """Build ``dockerfile``, untagged, and remove the image; append its result."""
    with tempfile.TemporaryDirectory(prefix="imgopt-side-by-side-") as tmp:
        iidfile = Path(tmp) / "iid"
        started = time.time()
        command = ["docker", "buildx", "build", "--progress=rawjson", "--iidfile", str(iidfile)]
        proc = subprocess.run(
            [*command, "-f", dockerfile, context],
            capture_output=True,
            text=True,
        )
        wall = time.time() - started
        if iidfile.is_file():  # nothing of this script's stays behind
            image = iidfile.read_text().strip()
            subprocess.run(["docker", "image", "rm", image], capture_output=True, check=False)
    parser = RawJsonParser()
    parser.feed(proc.stderr)
    parser.close()
    steps = [(s.name[:70], s.seconds) for s in parser.steps() if not s.cached and s.seconds > 0.05]
    out.append((dockerfile, wall, steps, proc.returncode))


def prune() -> None:
    subprocess.run(["docker", "builder", "prune", "-af"], capture_output=True, check=False)


def main() -> int:
    if len(sys.argv) != 3 or sys.argv[2].count(",") != 1:
        print(__doc__.strip().splitlines()[-3], file=sys.stderr)
        return 2
    context, pair = sys.argv[1], sys.argv[2].split(",")
    for mode in ("alone", "side by side", "alone again", "side by side again"):
        prune()
        results: list[Result] = []
        if mode.startswith("alone"):
            for dockerfile in pair:
                prune()
                build(dockerfile, context, results)
        else:
            threads = [threading.Thread(target=build, args=(d, context, results)) for d in pair]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        print(mode, Path("/proc/loadavg").read_text().strip())
        for dockerfile, wall, steps, rc in results:
            print(f"  {Path(dockerfile).parent.name} wall {wall:.1f} rc {rc}")
            for name, seconds in steps:
                print(f"     {seconds:6.2f}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
