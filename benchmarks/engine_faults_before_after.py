"""Engine faults against two source trees: before and after the deadlines of issue #12.

For each tree (a checkout of imgopt; default: this one), with the fault-injecting engine socket
of tests/reliability/fake_engine.py in front of the real engine:

- ``gate`` on an engine that accepts connections and never answers (the issue: 302 s);
- ``bench`` on an engine that resets the connection when verification creates its container,
  and one that answers garbage when the built image is read back (the issue: a traceback and
  exit 1).

Prints the exit code, the seconds and the last lines of stderr for each.

Run:  .venv/bin/python benchmarks/engine_faults_before_after.py [TREE...]
      (e.g. a worktree of the commit before: git worktree add /tmp/old 8bc7a1f)
Committed output: benchmarks/results/engine_faults_before_after-DATE.txt
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from reliability.fake_engine import FaultyEngine  # noqa: E402

# Run the tree given, not the editable install of this checkout.
BOOT = (
    "import sys; sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in "
    "repr(f).lower()]; sys.path.insert(0, sys.argv.pop(1)); "
    "from imgopt.cli.app import main; main(sys.argv[1:])"
)
CASES = [
    ("gate", "hang", None),
    ("bench", "reset", r"^POST /v[\d.]+/containers/create"),
    ("bench", "garbage", r"^GET /v[\d.]+/images/sha256:[0-9a-f]+/history"),
]


def main() -> None:
    trees = sys.argv[1:] or [str(REPO)]
    with tempfile.TemporaryDirectory() as tmp:
        app = Path(tmp) / "app"
        app.mkdir()
        (app / "Dockerfile").write_text(
            'FROM debian:bookworm-slim\nCOPY app.sh /app.sh\nCMD ["sh", "/app.sh"]\n'
        )
        (app / "app.sh").write_text("echo ok\n")
        for tree in trees:
            for i, (command, fault, when) in enumerate(CASES):
                sock = Path(f"/tmp/imgopt-bench-fault-{os.getpid()}-{i}.sock")
                out = Path(tmp) / f"run-{abs(hash(tree))}-{i}"
                args = (
                    ["gate", str(app), "--check", "size:10GB"]
                    if command == "gate"
                    else ["bench", str(app), "--repeat", "1", "--no-warm", "--out", str(out)]
                )
                with FaultyEngine(sock, fault, when) as engine:
                    env = {**os.environ, "DOCKER_HOST": engine.docker_host}
                    started = time.monotonic()
                    proc = subprocess.run(
                        [sys.executable, "-c", BOOT, tree, *args],
                        capture_output=True,
                        text=True,
                        env=env,
                        timeout=900,
                        check=False,
                    )
                    took = time.monotonic() - started
                where = "every call" if when is None else when
                print(
                    f"== {tree}: {command}, engine {fault} from {where}: exit {proc.returncode} "
                    f"after {took:.0f} s, traceback: {'Traceback' in proc.stderr}"
                )
                for line in proc.stderr.strip().splitlines()[-3:]:
                    print(f"   {line}")
                sys.stdout.flush()


if __name__ == "__main__":
    main()
