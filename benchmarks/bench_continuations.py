"""How lint time grows with line continuations (issue #12: 200,000 lines took 100 s).

A Dockerfile with one ``RUN`` continued over N lines (``  && echo i \\``), for growing N:

- ``buildkit``: BuildKit's own parser (the ``dockerfile`` package's ``parse_string``) on the text
  as it is: what imgopt's parser handed it before the continuation was regrouped, quadratic
  because BuildKit appends each continuation line to a string;
- ``parse``: :func:`imgopt.dockerfile.parse` now (the continuation regrouped into long lines);
- ``lint``: every rule on the parsed file (linear; a per-command cache of the rules that holds
  50,000 commands makes larger files cost about twice as much per line);
- ``cli``: ``imgopt lint FILE`` as a user runs it, start-up included (at the largest N only).

Each figure is one run (wall time, ``time.perf_counter``) on whatever else the machine runs.

Run:  .venv/bin/python benchmarks/bench_continuations.py [--sizes N,...] [--no-buildkit-above N]
Committed output: benchmarks/results/bench_continuations-DATE.txt
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from imgopt.dockerfile import parse
from imgopt.dockerfile.parser import _go
from imgopt.rules import lint


def continued(n: int) -> str:
    """A Dockerfile whose RUN is continued over ``n`` lines."""
    body = "".join(f"  && echo {i} \\\n" for i in range(n))
    return f"FROM debian:bookworm-slim\nRUN echo start \\\n{body}  && true\n"


def timed(fn: object) -> str:
    """``wall/cpu`` seconds of one call (CPU time: this process only, less noisy on a shared
    machine; BuildKit's Go parser runs in this process too)."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()  # type: ignore[operator]
    return f"{time.perf_counter() - wall:.2f}/{time.process_time() - cpu:.2f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,20000,40000,80000,200000")
    ap.add_argument(
        "--no-buildkit-above",
        type=int,
        default=80000,
        help="skip BuildKit's quadratic parse above this many lines (it takes minutes)",
    )
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"python {sys.version.split()[0]}; one RUN continued over N lines; seconds wall/cpu")
    print(f"{'N':>8} {'buildkit':>12} {'parse':>12} {'lint':>12}")
    for n in sizes:
        text = continued(n)
        bk = (
            timed(lambda: _go().parse_string(text))  # noqa: B023
            if n <= args.no_buildkit_above
            else "-"
        )
        holder: dict[str, object] = {}
        p = timed(lambda: holder.setdefault("df", parse(text)))  # noqa: B023
        linted = timed(lambda: list(lint(holder["df"])))  # type: ignore[arg-type]  # noqa: B023
        print(f"{n:>8} {bk:>12} {p:>12} {linted:>12}", flush=True)
    n = sizes[-1]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "Dockerfile"
        path.write_text(continued(n))
        cmd = [sys.executable, "-m", "imgopt", "lint", str(path)]
        started = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        took = time.perf_counter() - started
    print(f"cli: imgopt lint on {n:,} continuation lines: {took:.1f} s (exit {proc.returncode})")


if __name__ == "__main__":
    main()
