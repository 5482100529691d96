"""imgopt lint and imgopt propose against hadolint, on the same Dockerfiles, in the same run.

Every figure is a command timed as a user runs it, start-up included:

- ``hadolint F1 F2 ...`` (ShellCheck on every RUN, every core) against ``imgopt lint F1 F2 ...``
  (every core): one command over all the files;
- ``imgopt propose DIR -o OUT`` once per file, as the command runs (the CLI, the image checks it
  makes by default against the engine, the variant files it writes), against ``hadolint F`` once
  per file; both on a pool of one process per core, on a sample of the files (--propose-files).

hadolint's exit status is checked (``--no-fail``: 0 unless it crashed), and so is imgopt's.

The Dockerfiles are a corpus: ``--corpus shared`` (../shared/corpus: real Dockerfiles from the
Dinosaur dataset, a sample of --files of them), ``--corpus public`` (40 real public Dockerfiles,
benchmarks/corpus/public/SOURCES.md), ``--corpus repo`` (this repository's sample apps, parser
fixtures and golden inputs), or the PATHs given. Each file gets a folder of its own (its build
context). A small corpus is copied until there are about --files files, and every copy is made
distinct at every instruction (:func:`distinct_copy`), so no cache keyed on a file, an
instruction or a RUN's text can answer one copy from another; the run checks that every copy
lints exactly like its original (same finding codes) and that hadolint parses every copy it
parses the original of.

Run:  .venv/bin/python benchmarks/bench_lint.py [--corpus shared|public|repo] [--files N] [PATH...]
Committed output: benchmarks/results/bench_lint-DATE.txt (benchmarks/bench_lint_all.sh).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

#: The corpora to time: the repository's own Dockerfiles (sample apps, parser fixtures, golden
#: inputs: small, many edge cases), and real public Dockerfiles from permissively licensed
#: projects (benchmarks/corpus/public/SOURCES.md), closer to what the issue measured hadolint on.
CORPORA = {
    "repo": [
        "sample_apps/**/Dockerfile",
        "tests/dockerfile/cases/*.Dockerfile",
        "tests/variants/golden/*/input/Dockerfile",
    ],
    "public": ["benchmarks/corpus/public/*/Dockerfile"],
    "shared": ["../shared/corpus/dockerfiles/*.Dockerfile"],
}


def corpus(name: str = "repo", paths: list[str] | None = None) -> list[Path]:
    """The distinct Dockerfiles of a corpus, or of ``paths`` (files, or folders searched for
    ``Dockerfile``, ``*.Dockerfile`` and ``Dockerfile.*``) when given."""
    found: dict[str, Path] = {}
    candidates: list[Path] = []
    if paths:
        for raw in paths:
            p = Path(raw)
            if p.is_dir():
                candidates += sorted(
                    f
                    for f in p.rglob("*")
                    if f.is_file()
                    and (
                        f.name == "Dockerfile"
                        or f.name.endswith(".Dockerfile")
                        or (f.name.startswith("Dockerfile.") and not f.name.endswith("ignore"))
                    )
                )
            else:
                candidates.append(p)
    else:
        for pattern in CORPORA[name]:
            root, _, rest = pattern.rpartition("../")
            base = (REPO / root / "..").resolve() if rest != pattern else REPO
            candidates += sorted(base.glob(rest))
    for path in candidates:
        if path.is_file():
            found.setdefault(path.read_text(errors="replace"), path)
    return sorted(found.values())


def distinct_copy(data: bytes, copy: int) -> bytes:
    """``data`` made distinct at every instruction for copy number ``copy``.

    Every instruction's keyword is followed by a line continuation and a comment naming the copy
    (``COPY \\`` / ``# bench copy 3`` / ``  a b``: Docker drops comment lines inside an
    instruction), and every shell-form RUN also ends with a shell comment naming it, so the
    instruction's text and the RUN's shell text differ between copies while the instructions
    mean the same. A file with a heredoc or an escape directive keeps its instructions as they
    are and gets a comment before each one and at the end: :func:`undistinct` counts them.
    """
    newline = b"\r\n" if b"\r\n" in data else b"\n"
    mark = b"# bench copy " + str(copy).encode()
    if data and not data.endswith((b"\n", b"\r")):
        data += newline
    plain = b"<<" not in data and b"escape=" not in data.split(b"\n", 1)[0].lower()
    out: list[bytes] = []
    continued = False
    run_shell = False
    for line in data.split(b"\n"):
        cr = b"\r" if line.endswith(b"\r") else b""
        body = line.rstrip(b"\r")
        lead = body.lstrip()
        if not lead or lead.startswith(b"#"):
            out.append(line)
            continue
        ends_continued = body.rstrip(b" \t").endswith(b"\\")
        if not continued:
            keyword, _, rest = lead.partition(b" ")
            indent = body[: len(body) - len(lead)]
            if plain and rest.strip():
                run_shell = keyword.upper() == b"RUN" and not rest.lstrip().startswith(b"[")
                out.append(indent + keyword + b" \\" + cr)
                out.append(mark + cr)
                body = indent + b"  " + rest.lstrip()
            else:
                out.append(mark + cr)
                run_shell = False
        if run_shell and not ends_continued:
            body += b" " + mark
        out.append(body + cr)
        continued = ends_continued
    return b"\n".join(out) + mark + newline


def undistinct(data: bytes) -> bool:
    """Whether :func:`distinct_copy` leaves the instructions of ``data`` as they are."""
    return b"<<" in data or b"escape=" in data.split(b"\n", 1)[0].lower()


def timed(cmd: list[str], **kwargs: Any) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, **kwargs)
    return time.perf_counter() - started, proc


def checked(what: str, proc: subprocess.CompletedProcess[str], ok: tuple[int, ...]) -> None:
    """Stop the benchmark when a tool did not run to the end: a crash must not time as fast.

    ``imgopt lint`` exits 2 when a file could not be parsed (and still checks every other one),
    ``imgopt propose`` when its one file could not: both ran to the end.
    """
    if proc.returncode not in ok:
        raise SystemExit(f"{what} exited {proc.returncode}: {proc.stderr[-2000:]}")


def per_file(commands: list[list[str]], workers: int) -> tuple[float, list[str]]:
    """Run one command per file, ``workers`` at a time; return the wall-clock seconds and the
    errors of the commands that failed (exit 3: the engine or a registry did not answer; they
    are counted and printed with the figures, never hidden in them)."""
    from concurrent.futures import ThreadPoolExecutor

    def one(cmd: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(cmd, capture_output=True, text=True, check=False)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(one, commands))
    elapsed = time.perf_counter() - started
    failed = []
    for cmd, proc in zip(commands, results, strict=True):
        imgopt = "imgopt" in cmd[0]
        checked(" ".join(cmd[:2]), proc, (0, 1, 2, 3) if imgopt else (0,))
        if imgopt and proc.returncode == 3:
            failed.append(proc.stderr.strip().splitlines()[0] if proc.stderr.strip() else "")
    return elapsed, failed


def hadolint_codes(files: list[Path]) -> list[set[str] | None]:
    """hadolint's rule codes per file (None: hadolint could not parse it, DL1000)."""
    proc = subprocess.run(
        [str(BIN / "hadolint"), "--no-fail", "-f", "json", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    checked("hadolint", proc, (0,))
    by_file: dict[str, set[str]] = {str(f): set() for f in files}
    for r in json.loads(proc.stdout or "[]"):
        by_file.setdefault(r["file"], set()).add(r["code"])
    return [None if "DL1000" in by_file[str(f)] else by_file[str(f)] for f in files]


def imgopt_codes(files: list[Path]) -> list[set[str]]:
    """imgopt lint's rule codes per file."""
    proc = subprocess.run(
        [str(BIN / "imgopt"), "lint", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    checked("imgopt lint", proc, (0, 1, 2))
    by_file: dict[str, set[str]] = {str(f): set() for f in files}
    for r in json.loads(proc.stdout or "[]"):
        by_file.setdefault(str(r.get("path")), set()).add(str(r.get("code")))
    return [by_file.get(str(f), set()) for f in files]


def help_startup(rounds: int = 10) -> float:
    times = [timed([str(BIN / "imgopt"), "--help"])[0] for _ in range(rounds)]
    return statistics.median(times)


def layout(distinct: list[Path], tmp: Path, files: int) -> tuple[list[Path], list[Path], int]:
    """Copies of ``distinct`` in folders of their own under ``tmp``, about ``files`` of them.

    Returns the timed files, for each the Dockerfile it copies, and how many of them kept their
    instructions as they are (heredocs, escape directives).
    """
    sample = distinct
    if len(distinct) > files:  # a large corpus: an even sample, no copies
        step = len(distinct) / files
        sample = [distinct[int(i * step)] for i in range(files)]
    repeat = max(1, files // len(sample))
    out: list[Path] = []
    sources: list[Path] = []
    kept = 0
    for i in range(repeat):
        for j, src in enumerate(sample):
            data = src.read_bytes()
            dst = tmp / f"{i}-{j}" / "Dockerfile"
            dst.parent.mkdir()
            dst.write_bytes(distinct_copy(data, i) if repeat > 1 else data)
            kept += repeat > 1 and undistinct(data)
            out.append(dst)
            sources.append(src)
    return out, sources, kept


def main() -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=600, help="about how many files to lint")
    parser.add_argument("--propose-files", type=int, default=40, help="files to propose")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--corpus", choices=sorted(CORPORA), default="repo", help="which Dockerfiles to time"
    )
    parser.add_argument("paths", nargs="*", help="Dockerfiles or folders to time instead")
    args = parser.parse_args()

    # Bytecode as an installed package has it (pip compiles on install): without it every run
    # would compile imgopt's modules first, which no user's run does.
    import compileall

    compileall.compile_dir(str(REPO / "imgopt"), quiet=1)
    distinct = corpus(args.corpus, args.paths)
    workers = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "lint").mkdir()
        files, sources, kept = layout(distinct, tmp / "lint", args.files)
        names = [str(f) for f in files]

        # The copies must be the same Dockerfiles to both tools, or the timing compares
        # different work: the same imgopt findings, and hadolint parses what it parsed before.
        firsts = {src: i for i, src in reversed(list(enumerate(sources)))}
        originals = sorted(firsts, key=str)
        # Each original in a folder of its own too, as its copies are (the context rules read
        # the folder): only the copy's text differs.
        alone = []
        for k, src in enumerate(originals):
            (tmp / "orig" / str(k)).mkdir(parents=True)
            alone.append(tmp / "orig" / str(k) / "Dockerfile")
            alone[-1].write_bytes(src.read_bytes())
        base_imgopt = dict(zip(originals, imgopt_codes(alone), strict=True))
        base_hadolint = dict(zip(originals, hadolint_codes(alone), strict=True))
        differs = [
            str(f)
            for f, src, codes in zip(files, sources, imgopt_codes(files), strict=True)
            if codes != base_imgopt[src]
        ]
        hadolint_lost = [
            str(f)
            for f, src, codes in zip(files, sources, hadolint_codes(files), strict=True)
            if codes is None and base_hadolint[src] is not None
        ]

        lint_s, hadolint_s = [], []
        for _ in range(args.rounds):
            t, proc = timed([str(BIN / "imgopt"), "lint", "--format", "json", *names])
            checked("imgopt lint", proc, (0, 1, 2))
            json.loads(proc.stdout)  # every file's findings were written
            lint_s.append(t)
            t, proc = timed([str(BIN / "hadolint"), "--no-fail", *names])
            checked("hadolint", proc, (0,))
            hadolint_s.append(t)

        # The first copy of an even sample of the distinct files: every kind of file, once.
        block = files[: len(set(sources))]
        sample = block[:: max(1, len(block) // args.propose_files)][: args.propose_files]
        propose = [
            [str(BIN / "imgopt"), "propose", str(f.parent), "-o", str(tmp / "out" / f.parent.name)]
            for f in sample
        ]
        propose_s, propose_failed = per_file(propose, workers)
        written = sum(1 for f in sample if (tmp / "out" / f.parent.name / "summary.json").is_file())
        hadolint_one_s, _ = per_file(
            [[str(BIN / "hadolint"), "--no-fail", str(f)] for f in sample], workers
        )

    hadolint_parse_failures = sum(1 for c in base_hadolint.values() if c is None)
    lint_fps = len(files) / statistics.median(lint_s)
    hadolint_fps = len(files) / statistics.median(hadolint_s)
    propose_fps = len(sample) / propose_s
    hadolint_one_fps = len(sample) / hadolint_one_s
    return {
        "corpus": "paths given" if args.paths else args.corpus,
        "distinct_dockerfiles": len(set(sources)),
        "lines_per_file": round(
            statistics.mean(len(p.read_text(errors="replace").splitlines()) for p in set(sources)),
            1,
        ),
        "files_linted": len(files),
        "copies_per_file": len(files) // len(set(sources)),
        "copies_with_instructions_kept_as_is": kept,
        "copies_linting_differently": len(differs),
        "copies_hadolint_could_not_parse": len(hadolint_lost),
        "hadolint_cannot_parse": hadolint_parse_failures,
        "rounds": args.rounds,
        "cores": workers,
        "hadolint_files_per_s": round(hadolint_fps, 1),
        "imgopt_lint_files_per_s": round(lint_fps, 1),
        "lint_speedup": round(lint_fps / hadolint_fps, 2),
        "files_proposed": len(sample),
        "propose_wrote_summary": written,
        "propose_engine_or_registry_errors": len(propose_failed),
        "propose_first_error": propose_failed[0] if propose_failed else None,
        "hadolint_per_file_files_per_s": round(hadolint_one_fps, 1),
        "imgopt_propose_per_file_files_per_s": round(propose_fps, 1),
        "propose_speedup": round(propose_fps / hadolint_one_fps, 2),
        "imgopt_help_startup_s": round(help_startup(), 3),
        "load_average": tuple(round(x, 2) for x in os.getloadavg()),
    }


if __name__ == "__main__":
    out = main()
    if "--json" in sys.argv:
        print(json.dumps(out, indent=2))
    else:
        for key, value in out.items():
            print(f"{key:40s} {value}")
