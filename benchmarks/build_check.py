"""Build real Dockerfiles and their hygiene variant: a hygiene variant must build whenever its
original builds (issue 13). Heavy: benchmarks only, never CI.

Which files: those of the corpus (default ``../shared/corpus/dockerfiles``) whose every external
base image is a stand-in here (standins/recipes.toml) or names one by an honest alias: a tag that
pins no version, so that any release of the image is what it promises (``debian``,
``debian:latest``, ``python:3``, ``node``, ``golang:latest``...), or the stand-in's own release
under another name (``debian:12``). Tags that pin another version (``python:3.6``,
``debian:stretch``, ``ubuntu:*``) are never aliased. Files with a ``# syntax=`` line (the
frontend would come from a registry) are left out.

For each file: the hygiene variant is planned from the original text (what ``imgopt propose``
gives), then the same FROM substitution (alias -> stand-in tag) is applied to both; the corpus
has no build contexts, so each named context source is created empty (a file, ``{}`` for a
``.json`` one, or a folder for a source ending in ``/`` or ``.``), and sources with wildcards
leave the file out.
Files that read nothing from the context come first (they can build as written), and among
them those that fetch nothing but packages. The
original is built; the hygiene variant only when the original built (one build at a time,
``docker buildx build --load --network host``: the shared engine's bridge can vanish when it
restarts, and host networking changes nothing a Dockerfile can tell; a time limit per build),
and each image is removed right after its build. Every result is one JSON line; a failure
keeps the last lines of its log.

With ``--versions``, files whose bases need a version alias (see :data:`VERSION_ALIASES`:
python:3.x -> the Python 3.11 stand-in, node:N -> node 18, golang:1.N -> golang 1.19) are taken
too; the original and its hygiene variant always get the same substitution, so the comparison
stays fair, and each row's ``bases`` records it. ``--previous FILE`` tries the files an earlier
results file holds last.

Run:  .venv/bin/python benchmarks/build_check.py --out benchmarks/results/build_check-DATE.jsonl \\
          [--versions] [--previous OLD.jsonl] [--deadline HH:MM] [--limit N] [PATH...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "dockerfiles"
LABEL = "org.imgopt.buildcheck"

#: Honest aliases: floating tags (no version pinned) and other names of the stand-in's release.
ALIASES = {
    "debian": "debian:bookworm",
    "debian:latest": "debian:bookworm",
    "debian:stable": "debian:bookworm",
    "debian:12": "debian:bookworm",
    "debian:bookworm": "debian:bookworm",
    "debian:stable-slim": "debian:bookworm-slim",
    "debian:12-slim": "debian:bookworm-slim",
    "debian:bookworm-slim": "debian:bookworm-slim",
    "buildpack-deps": "buildpack-deps:bookworm",
    "buildpack-deps:latest": "buildpack-deps:bookworm",
    "buildpack-deps:bookworm": "buildpack-deps:bookworm",
    "python": "python:3.11",
    "python:latest": "python:3.11",
    "python:3": "python:3.11",
    "python:slim": "python:3.11-slim",
    "python:3-slim": "python:3.11-slim",
    "python:3.11": "python:3.11",
    "python:3.11-slim": "python:3.11-slim",
    "node": "node:18",
    "node:latest": "node:18",
    "node:slim": "node:18-slim",
    "node:18": "node:18",
    "node:18-slim": "node:18-slim",
    "golang": "golang:1.19",
    "golang:latest": "golang:1.19",
    "golang:1.19": "golang:1.19",
}


#: Version aliases (``--versions``): another Python 3, Node.js or Go release runs on the stand-in
#: of Debian 12's (python:3.6 -> python:3.11, node:8 or node:carbon -> node:18, golang:1.12 ->
#: golang:1.19), plain or ``-slim``. Not honest about the version, so the original AND its hygiene
#: variant get the same substitution: the comparison "the hygiene variant builds whenever its
#: original builds" stays fair, and every result row records the substitution it used. Tags that
#: name another Debian release (``-stretch``, ``-buster``), Alpine, Windows or Python 2 are never
#: aliased.
_NODE_NAMES = "argon|boron|carbon|dubnium|erbium|fermium|gallium|hydrogen|iron|jod|lts|current"
VERSION_ALIASES = (
    (re.compile(r"python:3(?:\.\d+){1,2}(?:-slim)?"), "python:3.11"),
    (re.compile(rf"node:(?:\d+(?:\.\d+){{0,2}}|{_NODE_NAMES})(?:-slim)?"), "node:18"),
    (re.compile(r"golang:1(?:\.\d+){1,2}"), "golang:1.19"),
)


def alias_of(ref: str, *, versions: bool = False) -> str | None:
    """The stand-in tag ``ref`` is built on here, or None (``versions``: version aliases too)."""
    ref = ref.lower()
    if ref in ALIASES:
        return ALIASES[ref]
    if not versions:
        return None
    for pattern, standin in VERSION_ALIASES:
        if pattern.fullmatch(ref):
            return standin + ("-slim" if ref.endswith("-slim") else "")
    return None


def candidates(folder: Path, *, versions: bool = False) -> list[tuple[Path, dict[str, str]]]:
    """The files whose every external base has an honest stand-in (``versions``: or a version
    alias), with the substitution."""
    from imgopt.dockerfile import parse
    from imgopt.errors import DockerfileParseError

    out: list[tuple[Path, dict[str, str]]] = []
    for f in sorted(folder.iterdir()):
        text = f.read_text(errors="replace")
        try:
            df = parse(text)
        except DockerfileParseError:
            continue
        if df.directives and any(d.name == "syntax" for d in df.directives):
            continue
        bases = {s.base_resolved for s in df.stages if s.base_stage is None}
        mapping = {b: alias_of(b, versions=versions) for b in bases}
        if bases and all(mapping.values()):
            out.append((f, {b: str(s) for b, s in mapping.items()}))
    # Files that read no context first: the corpus has none, so only those can build as written.
    # And those that fetch nothing but packages (no curl/wget/git clone: most hosts of
    # 2015-2019 are unreachable from here, and nothing but Debian, PyPI and npm is).
    out.sort(key=lambda item: (_reads_context(item[0]), _fetches(item[0]), item[0].name))
    return out


def _fetches(path: Path) -> bool:
    text = path.read_text(errors="replace")
    return bool(re.search(r"\b(curl|wget|git\s+clone|go\s+get)\b|ADD\s+https?://", text))


def _reads_context(path: Path) -> bool:
    from imgopt.dockerfile import parse

    df = parse(path.read_text(errors="replace"))
    return any(
        ins.keyword in ("COPY", "ADD")
        and not ins.flag("from")
        and not all(re.match(r"(?i)(https?|ftp)://", a) for a in ins.args[:-1])
        for ins in df.instructions
    )


def substitute(text: str, mapping: dict[str, str]) -> str:
    """``text`` with each FROM naming a key of ``mapping`` naming its stand-in instead."""

    def repl(m: re.Match[str]) -> str:
        image = m.group(2)
        return m.group(1) + mapping.get(image, image)

    return re.sub(r"(?im)^(\s*FROM\s+(?:--\S+\s+)*)(\S+)", repl, text)


def make_context(df_text: str, root: Path) -> bool:
    """Empty stand-ins for the context sources COPY/ADD name; False when one has a wildcard."""
    from imgopt.dockerfile import parse

    df = parse(df_text)
    for ins in df.instructions:
        if ins.keyword not in ("COPY", "ADD") or ins.flag("from"):
            continue
        words = [a for a in ins.args if not a.startswith("<<")]
        for src in words[:-1]:
            if re.match(r"(?i)(https?|ftp)://|git@", src):
                continue
            if any(ch in src for ch in "*?[$"):
                return False
            path = root / src.lstrip("/")
            if src.endswith(("/", "/.")) or src in (".", "./"):
                path.mkdir(parents=True, exist_ok=True)
            elif not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text("{}\n" if src.endswith(".json") else "")
    return True


#: Log lines that say the shared engine, not the Dockerfile, failed: such a build is retried once
#: after the engine answers again, and the run stops if it still fails that way.
ENGINE_TROUBLE = ("Cannot connect to the Docker daemon", "failed to create endpoint")


class EngineDown(Exception):
    """The Docker engine stopped answering (the machine's engine is shared and may restart)."""


def _wait_for_engine(seconds: float = 180.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if subprocess.run(["docker", "info"], capture_output=True, check=False).returncode == 0:
            return True
        time.sleep(5)
    return False


def build(text: str, ctx: Path, tag: str, timeout: float, run: str) -> dict[str, Any]:
    """Build ``text`` in ``ctx`` as ``tag`` (again once if the engine restarted meanwhile),
    then remove the image; the outcome and log tail.

    Raises:
        EngineDown: the engine did not come back within three minutes.
    """
    for _ in range(2):
        result = _build_once(text, ctx, tag, timeout, run)
        if not any(sign in result["log_tail"] for sign in ENGINE_TROUBLE):
            return result
        if not _wait_for_engine():
            break
    raise EngineDown(result["log_tail"])


def _build_once(text: str, ctx: Path, tag: str, timeout: float, run: str) -> dict[str, Any]:
    (ctx / "Dockerfile.buildcheck").write_text(text)
    cmd = [
        "docker", "buildx", "build", "--load", "--progress=plain", "--network", "host", "-t", tag,
        "--label", f"{LABEL}={run}", "-f", str(ctx / "Dockerfile.buildcheck"), str(ctx),
    ]  # fmt: skip
    t0 = time.monotonic()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        ok, log = proc.returncode == 0, proc.stdout + proc.stderr
        status = "built" if ok else "failed"
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout or b""
        log = out.decode(errors="replace") if isinstance(out, bytes) else out
        status = "timeout"
    seconds = time.monotonic() - t0
    subprocess.run(["docker", "image", "rm", "-f", tag], capture_output=True, check=False)
    tail = "\n".join(log.strip().splitlines()[-25:]) if status != "built" else ""
    return {"status": status, "seconds": round(seconds, 1), "log_tail": tail}


def _none(status: str | None) -> bool:
    return bool(status and status.startswith("no "))


def summarize(path: Path) -> list[str]:
    """The counts of a results file, and every hygiene failure where the original built, with
    its log tail."""
    rows = [json.loads(line) for line in path.read_text().splitlines() if line]
    status = [
        (r.get("original", {}).get("status"), r.get("hygiene", {}).get("status")) for r in rows
    ]
    built = [r for r, (o, _) in zip(rows, status, strict=True) if o == "built"]
    nothing = sum(1 for o, h in status if o == "built" and _none(h))
    lines = [
        f"files tried: {len(rows)} (skipped, no context could be made: "
        f"{sum(1 for r in rows if 'skipped' in r)})",
        f"originals built: {len(built)}; failed: {sum(1 for o, _ in status if o == 'failed')}; "
        f"timed out: {sum(1 for o, _ in status if o == 'timeout')}",
        f"hygiene built where the original built: "
        f"{sum(1 for o, h in status if o == 'built' and h == 'built')} of {len(built)} "
        f"(no hygiene variant, nothing to fix: {nothing})",
    ]
    bad = [
        r
        for r, (o, h) in zip(rows, status, strict=True)
        if o == "built" and h in ("failed", "timeout")
    ]
    versioned = [r for r in built if any(k.lower() not in ALIASES for k in r.get("bases", {}))]
    lines.append(
        f"of the originals built, {len(versioned)} used a version alias (--versions), and their "
        f"hygiene variant built for "
        f"{sum(1 for r in versioned if r.get('hygiene', {}).get('status') == 'built')}"
    )
    lines.append(f"hygiene FAILED where the original built: {len(bad)}")
    for r in bad:
        lines.append(f"--- {r['file']} ({r['hygiene']['status']}), log tail:")
        lines.extend("    " + x for x in r["hygiene"]["log_tail"].splitlines())
    return lines


def main(argv: list[str] | None = None) -> int:
    from imgopt.variants import plan_variants

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--out", required=True, help="JSON lines, one per file")
    ap.add_argument("--deadline", help="HH:MM UTC: start no build after it")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds per build")
    ap.add_argument("--summary", action="store_true", help="only summarize --out")
    ap.add_argument(
        "--versions", action="store_true", help="also files whose bases need a version alias"
    )
    ap.add_argument(
        "--previous",
        type=Path,
        help="an earlier results file: the files it holds are tried last (new ones first)",
    )
    args = ap.parse_args(argv)
    if args.summary:
        print("\n".join(summarize(Path(args.out))))
        if args.previous is not None:  # the earlier run's files that this one did not repeat
            tried = {json.loads(x)["file"] for x in Path(args.out).read_text().splitlines() if x}
            rest = [x for x in args.previous.read_text().splitlines() if x]
            rest = [x for x in rest if json.loads(x)["file"] not in tried]
            with tempfile.NamedTemporaryFile("w", suffix=".jsonl") as both:
                both.write(Path(args.out).read_text() + "\n".join(rest) + "\n")
                both.flush()
                print(
                    f"\nTogether with the {len(rest)} files of {args.previous.name} not tried "
                    "again here:"
                )
                print("\n".join(summarize(Path(both.name))))
        return 0
    folder = Path(args.paths[0]) if args.paths else DEFAULT_CORPUS
    deadline = None
    if args.deadline:
        h, m = (int(x) for x in args.deadline.split(":"))
        now = dt.datetime.now(dt.UTC)
        deadline = now.replace(hour=h, minute=m, second=0, microsecond=0)
        if deadline < now:
            deadline += dt.timedelta(days=1)
    run = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    files = candidates(folder, versions=args.versions)
    if args.previous is not None:
        tried = {json.loads(x)["file"] for x in args.previous.read_text().splitlines() if x}
        files.sort(key=lambda item: item[0].name in tried)  # stable: the order within is kept
    print(f"{len(files)} candidate files", file=sys.stderr)
    if args.limit:
        files = files[: args.limit]
    out = Path(args.out)
    done = set()
    if out.exists():  # resume: files with a result are not built again
        done = {json.loads(line)["file"] for line in out.read_text().splitlines() if line}
    with out.open("a") as sink:
        for n, (path, mapping) in enumerate(files):
            if path.name in done:
                continue
            if deadline and dt.datetime.now(dt.UTC) >= deadline:
                print("deadline reached", file=sys.stderr)
                break
            text = path.read_text(errors="surrogateescape")
            row: dict[str, Any] = {"file": path.name, "bases": mapping}
            plan = plan_variants(text, path=str(path), image_available=lambda ref: True)
            hyg = next((v.dockerfile for v in plan.variants if v.name == "hygiene"), None)
            with tempfile.TemporaryDirectory(prefix="imgopt-buildcheck-") as tmp:
                ctx = Path(tmp)
                if not make_context(text, ctx):
                    row["skipped"] = "a COPY/ADD source with a wildcard: no context to make"
                else:
                    tag = f"imgopt-buildcheck-{run}:{n}"
                    # EngineDown propagates: the run stops rather than record the engine's
                    # absence as a failed build.
                    row["original"] = build(
                        substitute(text, mapping), ctx, tag + "-orig", args.timeout, run
                    )
                    if hyg is None:
                        row["hygiene"] = {"status": "no hygiene variant (nothing to fix)"}
                    elif row["original"]["status"] != "built":
                        row["hygiene"] = {"status": "not built (the original did not build)"}
                    else:
                        row["hygiene"] = build(
                            substitute(hyg, mapping), ctx, tag + "-hyg", args.timeout, run
                        )
                shutil.rmtree(ctx, ignore_errors=True)
            sink.write(json.dumps(row) + "\n")
            sink.flush()
            o, h = row.get("original", {}).get("status"), row.get("hygiene", {}).get("status")
            print(f"{path.name}: original {o}, hygiene {h}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
