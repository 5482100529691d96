"""Does ``ldd`` over many ELF files still fit a container's output cap, and what does it cost?

In one image (default ``debian:bullseye-slim``, a local stand-in) and its folders (default
``/usr/lib/x86_64-linux-gnu`` and ``/usr/bin``, several hundred ELF files):

- ``one container``: ``ldd`` over every ELF file there in one container, as the evidence pass
  (:func:`imgopt.analyze.evidence.gather`) and the library check without the layer store did
  before: whether its output was cut short (then the pass ended with that reason);
- ``pages``: :func:`imgopt.analyze.evidence.ldd_pages` (find + ``ldd``, page after page): how
  many files, containers and seconds;
- ``files``: :func:`imgopt.analyze.evidence.ldd_files` on the files the pages found (what the
  evidence pass and the library check hand ``ldd`` after reading the layer store): containers,
  seconds, and whether both say the same of every file.

The containers carry this script's run id and are removed at the end. Timings are of a shared,
loaded machine: the load average is printed. Run from the repository root:

    .venv/bin/python benchmarks/ldd_pages.py
"""

from __future__ import annotations

import argparse
import os
import subprocess
import time
import uuid
from collections.abc import Sequence

from imgopt.analyze import evidence as ev
from imgopt.engine.containers import remove_run_containers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--image", default="debian:bullseye-slim")
    parser.add_argument("roots", nargs="*", default=["/usr/lib/x86_64-linux-gnu", "/usr/bin"])
    args = parser.parse_args()
    run_id = f"ldd-pages-{uuid.uuid4().hex[:8]}"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    print(f"commit {commit.stdout.strip()}, image {args.image}, roots {' '.join(args.roots)}")
    print(f"load average before {os.getloadavg()}")
    calls: list[list[str]] = []

    def sh(script: str, argv: Sequence[str], what: str) -> dict[str, str]:
        calls.append(list(argv))
        return ev._sh(args.image, script, argv, run_id, what)

    try:
        started = time.perf_counter()
        try:
            whole = sh(ev._ALL_ELF, ["0", "100000", *args.roots], "one container")
            one = f"complete, {len(ev.parse_ldd(whole.get('ldd', '')))} files"
        except ev.EvidenceError as err:
            one = f"failed: {err.message}"
        print(f"one container: {time.perf_counter() - started:.1f} s, {one}")
        calls.clear()
        started = time.perf_counter()
        pages = ev.ldd_pages(sh, ev._ALL_ELF, args.roots, "pages")
        seconds = time.perf_counter() - started
        sizes = [int(c[1]) for c in calls]
        print(
            f"pages: {len(pages)} files, {len(calls)} containers (files asked: {sizes}), "
            f"{seconds:.1f} s"
        )
        calls.clear()
        started = time.perf_counter()
        files = ev.ldd_files(sh, sorted(pages), "files")
        seconds = time.perf_counter() - started
        same = sum(files.get(f) == libs for f, libs in pages.items())
        print(
            f"files: {len(files)} files, {len(calls)} containers, {seconds:.1f} s; "
            f"the same libraries for {same} of {len(pages)} files"
        )
    finally:
        remove_run_containers(run_id)
    print(f"load average after {os.getloadavg()}")


if __name__ == "__main__":
    main()
