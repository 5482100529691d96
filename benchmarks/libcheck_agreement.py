"""Does the library check's reading of ELF files (imgopt/analyze/elf.py) say what ldd says, and
what does each cost?

For a sample app, the original and the proposed variants (``imgopt propose``) are built (with the
build cache: the images are what matters here, not build times), then for each image:

- ``read``: the libraries of the ELF files the Dockerfile's own layers added, read from the
  engine's layer store (:func:`imgopt.analyze.evidence._static_libraries`), and its time, right
  after the build and once more (in analyze the bench has listed the layers before the check);
- ``ldd (old)``: the check as it was: one container running ``ldd`` over every such file
  (``_ELF``), its time, and whether its output was cut short (then the check judged nothing);
- ``ldd``: the same files through ``ldd`` in batches of 60 (small enough for the output cap),
  and how many files' libraries (by name, found or not) agree with the reading.

Then the host's own files (/usr/bin, /usr/lib/x86_64-linux-gnu, Python's lib-dynload) read the
same way (the host's root as a one-layer image) against the host's ``ldd``.

Images are tagged ``imgopt-libcheck-bench:<variant>`` and removed at the end, with the
containers of this script's run id. Run from the repository root:

    .venv/bin/python benchmarks/libcheck_agreement.py --app flask-tutorial
"""

from __future__ import annotations

import argparse
import glob
import os
import posixpath
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TAG = "imgopt-libcheck-bench"
RUN_ID = "libcheck-bench"


def names(libs: tuple[str, ...]) -> list[str]:
    return sorted(("?" if x[0] == "?" else "") + posixpath.basename(x.lstrip("?")) for x in libs)


def image_rows(app: Path) -> None:
    from imgopt.analyze import evidence as ev
    from imgopt.dockerfile import parse
    from imgopt.engine.containers import ContainerStartError, remove_run_containers
    from imgopt.variants.evidence import parse_ldd, roots_of

    out = Path(tempfile.mkdtemp(prefix="libcheck-bench-"))
    subprocess.run(
        [str(REPO / ".venv/bin/imgopt"), "propose", str(app), "-o", str(out / "p")],
        check=True,
        capture_output=True,
    )
    dockerfiles = {"original": app / "Dockerfile"}
    for df in sorted((out / "p").glob("*/Dockerfile")):
        dockerfiles[df.parent.name] = df
    tags = []
    try:
        for name, df in dockerfiles.items():
            tag = f"{TAG}:{name}"
            started = time.perf_counter()
            done = subprocess.run(
                ["docker", "buildx", "build", "--load", "-q", "-t", tag, "-f", str(df), str(app)],
                capture_output=True,
                text=True,
            )
            if done.returncode != 0:
                print(f"{name}: does not build here: {done.stderr.strip()[-300:]}")
                continue
            tags.append(tag)
            base = parse(df.read_text()).final_stage.base_resolved
            print(f"{name} (base {base}), built in {time.perf_counter() - started:.1f} s")
            started = time.perf_counter()
            static = ev._static_libraries(tag, base)
            read_s = time.perf_counter() - started
            if static is None:
                print("  read: the layer store is not readable here")
                continue
            started = time.perf_counter()
            ev._static_libraries(tag, base)
            again_s = time.perf_counter() - started
            found, unknown = static
            missing = sum(any(x.startswith("?") for x in v) for v in found.values())
            print(
                f"  read: {len(found)} ELF files in {read_s:.2f} s (again: {again_s:.2f} s), "
                f"{len(unknown)} undecided, {missing} with a library not found"
            )
            started = time.perf_counter()
            try:
                base_paths, added = ev._layer_paths(tag, base)
                roots = [r.path for r in roots_of(added, base_paths)]
                ev._sh(tag, ev._ELF, ["0", "100000", *roots], RUN_ID, "old")  # one page: all
                old = "complete"
            except (ev.EvidenceError, ContainerStartError) as err:
                old = f"failed: {err.message}"
            seconds = time.perf_counter() - started
            print(f"  ldd (old, one container over every file): {seconds:.2f} s, {old}")
            files = sorted(found)
            started = time.perf_counter()
            ldd: dict[str, tuple[str, ...]] = {}
            try:
                for i in range(0, len(files), 60):
                    got = ev._sh(tag, ev._LDD_FILES, files[i : i + 60], RUN_ID, "batch")
                    ldd.update(parse_ldd(got.get("ldd", "")))
            except (ev.EvidenceError, ContainerStartError) as err:
                print(f"  ldd: cannot run in this image ({err.message})")
                continue
            agree = sum(names(found[f]) == names(ldd.get(f, ())) for f in files)
            print(
                f"  ldd in batches of 60: {time.perf_counter() - started:.2f} s; "
                f"the reading agrees on {agree} of {len(files)} files"
            )
            for f in [f for f in files if names(found[f]) != names(ldd.get(f, ()))][:5]:
                print(f"    differs: {f}: read {names(found[f])}, ldd {names(ldd.get(f, ()))}")
    finally:
        remove_run_containers(RUN_ID)
        if tags:
            subprocess.run(["docker", "rmi", "-f", *tags], capture_output=True)
        shutil.rmtree(out, ignore_errors=True)


def host_rows() -> None:
    from imgopt.analyze.elf import LayerTree, Resolver, elf_files, parse_ld_cache
    from imgopt.variants.evidence import parse_ldd

    tree = LayerTree([""])
    cache = parse_ld_cache(Path("/etc/ld.so.cache").read_bytes())
    paths = sorted(
        glob.glob("/usr/bin/*")
        + glob.glob("/usr/lib/x86_64-linux-gnu/*.so*")
        + glob.glob("/usr/lib/python3*/lib-dynload/*.so")
    )
    started = time.perf_counter()
    files = elf_files(tree, paths)
    r = Resolver(tree, cache, {k: v for k, v in os.environ.items() if k == "LD_LIBRARY_PATH"})
    got = {f: r.libraries(f) for f in files}
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    script = 'for f in "$@"; do echo "@elf $f"; ldd "$f" 2>&1; done'
    done = subprocess.run(["sh", "-c", script, "sh", *files], capture_output=True, text=True)
    ldd = parse_ldd(done.stdout)
    ldd_s = time.perf_counter() - started
    agree = sum(
        g is not None and not g.unknown and names(g.libraries) == names(ldd.get(f, ()))
        for f, g in got.items()
    )
    print(
        f"host: {len(files)} ELF files read in {read_s:.2f} s, ldd over them {ldd_s:.2f} s; "
        f"the reading agrees on {agree} of {len(files)}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", default="flask-tutorial")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    print(f"load average before {os.getloadavg()}")
    image_rows(REPO / "sample_apps" / args.app)
    host_rows()
    print(f"load average after {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
