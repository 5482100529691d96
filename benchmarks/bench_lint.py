"""Lint + propose throughput against hadolint on the same Dockerfiles, and `imgopt --help` start-up.

Targets (issue 3): imgopt's lint + propose at least 3x hadolint's files per second; no file that
hadolint parses fails to parse in imgopt; `imgopt --help` starts in under 0.3 s.

Both sides run as one command over the same file list, start-up included, as a user would run
them: `hadolint F1 F2 ...` (which also runs ShellCheck on every RUN, on every core) against a
Python process that parses, lints and plans every variant of every file on imgopt's worker
processes (every core, as `imgopt lint` uses them). `imgopt lint F1 F2 ...` alone is timed too.
The Dockerfiles are a corpus (`--corpus repo`: this repository's sample apps, parser fixtures and
golden inputs; `--corpus public`: real public Dockerfiles, benchmarks/corpus/public/SOURCES.md)
or the PATHs given, each in a folder of its own (its build context), copied until there are about
--files of them, every copy made distinct by comments (see distinct_copy), so both sides see the
same mix and neither can answer a copy from a cache.

Run:  .venv/bin/python benchmarks/bench_lint.py [--corpus repo|public] [--files N] [PATH...]
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

#: Runs in a fresh interpreter: parse, lint and plan every variant of every file given on the
#: command line, spread over imgopt's worker processes as ``imgopt lint`` spreads its files, and
#: print the paths that failed to parse. The plan carries the original's findings (the planner
#: lints the original anyway), so linting it again would only repeat work.
_DRIVER = """
import sys
from pathlib import Path
from imgopt.errors import DockerfileParseError
from imgopt.dockerfile import parse
from imgopt.variants import plan_variants
from imgopt.workers import map_ordered

def check(name):
    text = Path(name).read_text(encoding="utf-8", errors="surrogateescape")
    try:
        df = parse(text, path=name)
    except DockerfileParseError:
        return name
    plan = plan_variants(
        df, path=name, context_dir=Path(name).parent, image_available=lambda ref: True
    )
    assert plan.variants[0].name == "original"
    return None

if __name__ == "__main__":
    failed = [n for n in map_ordered(check, sys.argv[1:]) if n is not None]
    print("\\n".join(failed))
"""


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
            candidates += sorted(REPO.glob(pattern))
    for path in candidates:
        if path.is_file():
            found.setdefault(path.read_text(errors="replace"), path)
    return sorted(found.values())


def distinct_copy(data: bytes, copy: int) -> bytes:
    """``data`` with a comment naming the copy before every instruction and at the end, so no
    two timed files, and no two of their instructions, are identical.

    Without it, a tool that memoises by content (imgopt's parser does, per file text and per
    instruction, for the many texts one plan revisits) would answer copies from its cache,
    which a real tree of distinct Dockerfiles rarely allows. Files with heredocs only get the
    trailing comment (their instruction starts are not plain lines; imgopt parses them whole).
    """
    newline = b"\r\n" if b"\r\n" in data else b"\n"
    mark = b"# bench copy " + str(copy).encode()
    if data and not data.endswith((b"\n", b"\r")):
        data += newline
    if b"<<" in data or data.lstrip().startswith((b"#", b"\xef\xbb\xbf")):
        # Heredocs, a first comment that may be a parser directive, or a byte-order mark that
        # must stay first: leave the lines alone.
        return data + mark + newline
    out: list[bytes] = []
    continued = False
    for line in data.split(b"\n"):
        body = line.rstrip(b"\r")
        lead = body.lstrip()
        if lead and not lead.startswith(b"#"):
            if not continued:
                out.append(mark + (b"\r" if line.endswith(b"\r") else b""))
            continued = body.rstrip(b" \t").endswith(b"\\")
        out.append(line)
    return b"\n".join(out) + mark + newline


def timed(cmd: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    return time.perf_counter() - started, proc


def hadolint_parse_failures(files: list[Path]) -> set[str]:
    """Files hadolint itself cannot parse (it reports them as DL1000)."""
    failed: set[str] = set()
    for path in files:
        proc = subprocess.run(
            [str(BIN / "hadolint"), "--no-fail", "-f", "json", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        try:
            results = json.loads(proc.stdout or "[]")
        except ValueError:
            failed.add(str(path))
            continue
        if any(r.get("code") == "DL1000" for r in results):
            failed.add(str(path))
    return failed


def help_startup(rounds: int = 10) -> float:
    times = [timed([str(BIN / "imgopt"), "--help"])[0] for _ in range(rounds)]
    return statistics.median(times)


def main() -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=600, help="about how many files to time")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--corpus", choices=sorted(CORPORA), default="repo", help="which Dockerfiles to time"
    )
    parser.add_argument("paths", nargs="*", help="Dockerfiles or folders to time instead")
    args = parser.parse_args()

    # Bytecode as an installed package has it (pip compiles on install): without it every run
    # would compile imgopt's modules first, which no user's run does (PYTHONDONTWRITEBYTECODE,
    # set in some environments, would otherwise keep it from ever being written).
    import compileall

    compileall.compile_dir(str(REPO / "imgopt"), quiet=1)
    distinct = corpus(args.corpus, args.paths)
    repeat = max(1, args.files // len(distinct))
    with tempfile.TemporaryDirectory() as tmp:
        # Distinct copies, so that neither side can cache by path or content, and both read the
        # same bytes.
        files: list[Path] = []
        for i in range(repeat):
            for j, src in enumerate(distinct):
                # A folder each, as projects keep them: `imgopt lint` reads each build
                # context (for the .dockerignore rules), hadolint does not.
                dst = Path(tmp) / f"{i}-{j}" / "Dockerfile"
                dst.parent.mkdir()
                dst.write_bytes(distinct_copy(src.read_bytes(), i))
                files.append(dst)
        names = [str(f) for f in files]
        imgopt_s, lint_s, hadolint_s = [], [], []
        for _ in range(args.rounds):
            t, proc = timed([sys.executable, "-c", _DRIVER, *names])
            if proc.returncode != 0:
                raise SystemExit(f"imgopt driver failed: {proc.stderr[-2000:]}")
            imgopt_s.append(t)
            t, proc = timed([str(BIN / "imgopt"), "lint", "--format", "json", *names])
            if proc.returncode not in (0, 1):
                raise SystemExit(f"imgopt lint failed: {proc.stderr[-2000:]}")
            lint_s.append(t)
            t, _ = timed([str(BIN / "hadolint"), "--no-fail", *names])
            hadolint_s.append(t)
        imgopt_failed = {
            str(distinct[int(Path(n).parent.name.split("-")[1])]) for n in proc_lines(names)
        }
    hadolint_failed = hadolint_parse_failures(distinct)
    regressions = sorted(imgopt_failed - {str(p) for p in distinct if str(p) in hadolint_failed})
    imgopt_fps = len(files) / statistics.median(imgopt_s)
    lint_fps = len(files) / statistics.median(lint_s)
    hadolint_fps = len(files) / statistics.median(hadolint_s)
    result = {
        "corpus": "paths given" if args.paths else args.corpus,
        "distinct_dockerfiles": len(distinct),
        "lines_per_file": round(
            statistics.mean(len(p.read_text(errors="replace").splitlines()) for p in distinct), 1
        ),
        "files_timed": len(files),
        "rounds": args.rounds,
        "cores": os.cpu_count(),
        "imgopt_lint_propose_files_per_s": round(imgopt_fps, 1),
        "imgopt_lint_cli_files_per_s": round(lint_fps, 1),
        "hadolint_files_per_s": round(hadolint_fps, 1),
        "speedup": round(imgopt_fps / hadolint_fps, 2),
        "lint_cli_speedup": round(lint_fps / hadolint_fps, 2),
        "target_speedup": 3.0,
        "hadolint_parses_but_imgopt_fails": [os.path.relpath(p, REPO) for p in regressions],
        "imgopt_help_startup_s": round(help_startup(), 3),
        "target_help_startup_s": 0.3,
        "load_average": os.getloadavg(),
    }
    return result


def proc_lines(names: list[str]) -> list[str]:
    """Files of ``names`` that imgopt fails to parse (one more driver run, untimed)."""
    proc = subprocess.run(
        [sys.executable, "-c", _DRIVER, *names], capture_output=True, text=True, check=True
    )
    return [line for line in proc.stdout.splitlines() if line.strip()]


if __name__ == "__main__":
    out = main()
    if "--json" in sys.argv:
        print(json.dumps(out, indent=2))
    else:
        for key, value in out.items():
            print(f"{key:40s} {value}")
