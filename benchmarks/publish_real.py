"""The published benchmark on real apps (issue #17): every app of benchmarks/real/ analysed end to
end with imgopt's default options, and the index that tells the truth about it.

For each app listed in ``benchmarks/real/SOURCES.md`` this script:

1. collects every image the app needs: the base images of its Dockerfile and of every variant
   imgopt proposes (``imgopt analyze --no-build --format json``: ``base_images`` and the
   ``missing_images`` of variants skipped for want of an image), and the images of the Compose
   project imgopt ties to it (the one verification starts dependencies from);
2. tags, for each of those images that is missing locally and matches an entry of
   ``benchmarks/real/aliases.toml``, that entry's stand-in under the missing name, recording
   exactly the tags it created (in ``out/publish-real/alias-tags.json`` as well, so that a run
   killed outright has them removed by the next one); the proposal step is repeated until no new
   alias is needed (a slimmer sibling can only be proposed once its image exists);
3. runs ``imgopt analyze benchmarks/real/<app> [-f DOCKERFILE] --out reports/real/<app>/analysis
   --format json`` with nothing else (no smoke spec, no option), under a wall-time ceiling per
   app, its progress in ``reports/real/<app>/analyze.log``;
4. removes exactly the tags it created (also on Ctrl-C, SIGTERM, a failure or the ceiling), and
   writes ``reports/real/<app>/result.json``: sizes, reduction, verification strength, build and
   wall times, load averages, the aliases used, the imgopt commit, and for an app with no
   recommendation the exact reason.

Then it writes ``reports/real/index.md`` (the per-app table, the apps without a recommendation
with their reasons, the controls, the issue's four figures and two plots) and the raw tables
``reports/real/results.csv`` and ``results.json``. The run is resumable: an app whose result was
produced by the same imgopt commit is kept (``--force`` measures it again), so an interrupted run
continues where it stopped; the index states the commit of every app's result.

Run (from the repository root; slow: every app is built, measured and verified):

    make publish-real                                                # every app
    .venv/bin/python benchmarks/publish_real.py --apps httpbin,go-md2man   # some apps
    .venv/bin/python benchmarks/publish_real.py --render-only        # the index from the results
    .venv/bin/python benchmarks/publish_real.py --cleanup            # remove leftover alias tags
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shlex
import signal
import statistics
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

REPO = Path(__file__).resolve().parent.parent
REAL = REPO / "benchmarks" / "real"
SOURCES = REAL / "SOURCES.md"
ALIASES = REAL / "aliases.toml"
REPORTS = REPO / "reports" / "real"
WORK = REPO / "out" / "publish-real"
JOURNAL = WORK / "alias-tags.json"
SCHEMA = "imgopt.publish_real/1"
COMMAND = "make publish-real"
#: Wall-time ceiling of one app's analysis (seconds): one stuck app cannot eat the run.
DEFAULT_CEILING_S = 2700.0
#: How long a stopped analysis may take to clean up after SIGTERM before it is killed.
GRACE_S = 120.0
#: Rounds of "propose, alias what is missing" before the analysis (each alias can make imgopt
#: propose a variant on a sibling image that itself needs an alias).
ALIAS_ROUNDS = 3
ROLES = ("naive", "partial", "control")
#: The outcome of an app not analysed yet (left out of the figures, which say how many).
PENDING = "pending"
LOG_TAIL_LINES = 25


def log(message: str) -> None:
    """A progress line on stderr, with the time (the background run's log reads well)."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- the apps -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class App:
    """One real app, as SOURCES.md lists it."""

    name: str
    role: str
    stack: str
    dockerfile: str = "Dockerfile"
    compose: str | None = None
    repository: str = ""
    commit: str = ""
    licence: str = ""

    @property
    def control(self) -> bool:
        return self.role == "control"


def _md_cells(line: str) -> list[str]:
    # Split a Markdown table row on unescaped pipes and drop the outer empty cells.
    cells = re.split(r"(?<!\\)\|", line.strip())
    return [c.strip().replace("\\|", "|") for c in cells[1:-1]]


def read_sources(text: str) -> list[App]:
    """The apps of SOURCES.md's table (the one whose header starts with ``app``).

    Raises:
        ValueError: no such table, a missing column, or an unknown role.
    """
    lines = text.splitlines()
    start = next(
        (i for i, ln in enumerate(lines) if ln.startswith("|") and _md_cells(ln)[:1] == ["app"]),
        None,
    )
    if start is None:
        raise ValueError("SOURCES.md: no table whose first column is `app`")
    header = _md_cells(lines[start])
    need = ("app", "role", "stack", "dockerfile", "compose")
    missing = [c for c in need if c not in header]
    if missing:
        raise ValueError(f"SOURCES.md: the app table lacks column(s) {', '.join(missing)}")
    apps: list[App] = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        row = dict(zip(header, _md_cells(line), strict=False))
        if row["role"] not in ROLES:
            raise ValueError(f"SOURCES.md: {row['app']}: role {row['role']!r} not in {ROLES}")
        compose = row["compose"].strip("` ")
        apps.append(
            App(
                name=row["app"],
                role=row["role"],
                stack=row["stack"],
                dockerfile=row["dockerfile"].strip("` ") or "Dockerfile",
                compose=None if compose in ("", "-") else compose,
                repository=row.get("repository", ""),
                commit=row.get("commit", ""),
                licence=row.get("licence", ""),
            )
        )
    return apps


# --- the alias table ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Alias:
    """One entry of aliases.toml."""

    match: str
    standin: str
    reason: str

    def matches(self, ref: str) -> bool:
        return re.fullmatch(self.match, normalize(ref)) is not None


def load_aliases(text: str) -> list[Alias]:
    """The entries of an alias table (TOML text), in order.

    Raises:
        ValueError: not TOML, an entry without ``match``, ``standin`` or ``reason``, an unknown
            key, or a pattern that is not a regular expression.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ValueError(f"aliases.toml: {e}") from None
    unknown_top = set(data) - {"alias"}
    if unknown_top:
        raise ValueError(f"aliases.toml: unknown key(s) {', '.join(sorted(unknown_top))}")
    out: list[Alias] = []
    for n, entry in enumerate(data.get("alias", []), start=1):
        keys = {"match", "standin", "reason"}
        if not isinstance(entry, dict) or set(entry) != keys:
            raise ValueError(f"aliases.toml: alias {n}: needs exactly the keys {sorted(keys)}")
        if not all(isinstance(entry[k], str) and entry[k].strip() for k in keys):
            raise ValueError(f"aliases.toml: alias {n}: every key must be a non-empty string")
        try:
            re.compile(entry["match"])
        except re.error as e:
            raise ValueError(f"aliases.toml: alias {n}: match: {e}") from None
        out.append(Alias(entry["match"], normalize(entry["standin"]), entry["reason"].strip()))
    return out


def normalize(ref: str) -> str:
    """An image reference in Docker Hub's short form with a tag (``node`` -> ``node:latest``,
    ``docker.io/library/python:3.8`` -> ``python:3.8``); a digest is kept as it is."""
    ref = ref.strip()
    for prefix in ("docker.io/", "index.docker.io/", "registry-1.docker.io/"):
        if ref.startswith(prefix):
            ref = ref[len(prefix) :]
            break
    if ref.startswith("library/"):
        ref = ref[len("library/") :]
    if "@" in ref:
        return ref
    last = ref.rsplit("/", 1)[-1]
    return ref if ":" in last else f"{ref}:latest"


def alias_for(ref: str, aliases: Sequence[Alias]) -> Alias | None:
    """The first entry that matches ``ref``, or None (a digest reference is never aliased)."""
    if "@" in ref:
        return None
    return next((a for a in aliases if a.matches(ref)), None)


class Engine(Protocol):
    """What the alias tags need from the engine (the Docker CLI, or a fake in tests)."""

    def image_id(self, ref: str) -> str | None:
        """The local image's id, or None when no image has that name."""

    def tag(self, source: str, ref: str) -> None:
        """Tag image ``source`` as ``ref``."""

    def untag(self, ref: str) -> None:
        """Remove the name ``ref`` (the image stays while another name holds it)."""


class DockerCLI:
    """:class:`Engine` through the docker CLI."""

    def image_id(self, ref: str) -> str | None:
        r = subprocess.run(
            ["docker", "image", "inspect", "--format", "{{.Id}}", ref],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        return (r.stdout.strip() or None) if r.returncode == 0 else None

    def tag(self, source: str, ref: str) -> None:
        subprocess.run(["docker", "tag", source, ref], check=True, timeout=60, capture_output=True)

    def untag(self, ref: str) -> None:
        # --no-prune: only the name goes, never a parent image.
        subprocess.run(
            ["docker", "image", "rm", "--no-prune", ref],
            check=True,
            timeout=60,
            capture_output=True,
        )


@dataclass(frozen=True, slots=True)
class Tagged:
    """A tag this harness created: ``ref`` names ``standin``'s image ``image_id``."""

    ref: str
    standin: str
    image_id: str
    reason: str


@dataclass(slots=True)
class AliasTags:
    """The alias tags of one app: created on demand, each recorded before it exists (journal),
    removed exactly, and only while it still names the image it was created for.

    Attributes:
        engine: where images are looked up and tagged.
        aliases: the alias table.
        journal: a JSON file listing the tags created and not yet removed (None: none kept).
        created: the tags created, in order.
        unaliased: images needed that are missing and that no entry maps (for the reason).
        missing_standins: entries whose stand-in does not exist here.
        present: names needed that match an entry and already name its stand-in's image (an
            alias someone else created on the shared engine): used, though not created here.
    """

    engine: Engine
    aliases: Sequence[Alias]
    journal: Path | None = None
    created: list[Tagged] = field(default_factory=list)
    unaliased: list[str] = field(default_factory=list)
    missing_standins: list[str] = field(default_factory=list)
    present: list[Tagged] = field(default_factory=list)

    def apply(self, refs: Iterable[str]) -> list[Tagged]:
        """Tag a stand-in under every name of ``refs`` that is missing and has an alias.

        Returns:
            The tags created by this call.
        """
        new: list[Tagged] = []
        for raw in refs:
            ref = normalize(raw)
            if any(t.ref == ref for t in [*self.created, *self.present]):
                continue
            alias = alias_for(ref, self.aliases)
            current = self.engine.image_id(ref)
            if current is not None:
                if (
                    alias is not None
                    and ref != alias.standin
                    and self.engine.image_id(alias.standin) == current
                ):
                    self.present.append(Tagged(ref, alias.standin, current, alias.reason))
                continue
            if alias is None:
                if ref not in self.unaliased:
                    self.unaliased.append(ref)
                continue
            image = self.engine.image_id(alias.standin)
            if image is None:
                if alias.standin not in self.missing_standins:
                    self.missing_standins.append(alias.standin)
                continue
            tagged = Tagged(ref, alias.standin, image, alias.reason)
            self.created.append(tagged)
            self._save()  # recorded before it exists: a kill between the two loses nothing
            self.engine.tag(alias.standin, ref)
            new.append(tagged)
        return new

    def remove(self) -> list[str]:
        """Remove every tag created, unless it now names another image (then someone else
        replaced it: it is left alone). Returns the names removed."""
        removed = remove_tags(self.engine, self.created)
        self.created = []
        self._save()
        return removed

    def _save(self) -> None:
        if self.journal is None:
            return
        save_journal(self.journal, self.created)


def remove_tags(engine: Engine, tags: Iterable[Tagged]) -> list[str]:
    """Remove each tag that still names the image it was created for; the names removed."""
    removed: list[str] = []
    for t in tags:
        if engine.image_id(t.ref) != t.image_id:
            continue
        try:
            engine.untag(t.ref)
        except subprocess.CalledProcessError as e:
            log(f"could not remove alias tag {t.ref}: {e.stderr!r}")
            continue
        removed.append(t.ref)
    return removed


def save_journal(path: Path, tags: Sequence[Tagged]) -> None:
    """Write the journal atomically; an empty list removes it."""
    if not tags:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps([asdict(t) for t in tags], indent=1) + "\n", encoding="utf-8")
    tmp.replace(path)


def recover_journal(path: Path, engine: Engine) -> list[str]:
    """Remove the tags an earlier run recorded and never removed (it was killed); the names."""
    if not path.is_file():
        return []
    entries = json.loads(path.read_text(encoding="utf-8"))
    removed = remove_tags(engine, [Tagged(**e) for e in entries])
    path.unlink(missing_ok=True)
    return removed


# --- one app ------------------------------------------------------------------------------------


def imgopt_commit() -> tuple[str, list[str]]:
    """The last commit that changed imgopt/ (what the result depends on), and the files of
    imgopt/ changed in the working tree but not committed (other engineers' work in progress)."""
    commit = subprocess.run(
        ["git", "log", "-1", "--format=%H", "--", "imgopt", "pyproject.toml"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    status = subprocess.run(
        ["git", "status", "--porcelain", "--", "imgopt"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    dirty = sorted(line[3:] for line in status.splitlines() if line.strip())
    return commit, dirty


def _imgopt(*args: str) -> list[str]:
    return [sys.executable, "-m", "imgopt", *args]


def _target_args(app: App) -> list[str]:
    context = REAL / app.name
    args = [str(context.relative_to(REPO))]
    if app.dockerfile != "Dockerfile":
        args += ["-f", str((context / app.dockerfile).relative_to(REPO))]
    return args


def static_images(app: App, out: Path) -> tuple[list[str], str | None]:
    """The images imgopt's proposals for ``app`` need (``--no-build``), and why none could be
    read (imgopt's error line), if so."""
    r = subprocess.run(
        _imgopt("analyze", *_target_args(app), "--no-build", "--out", str(out), "--format", "json"),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    try:
        data = json.loads(r.stdout)
    except ValueError:
        return [], _error_lines(r.stderr) or f"imgopt analyze --no-build exited {r.returncode}"
    return images_of(data), None


def images_of(data: Mapping[str, Any]) -> list[str]:
    """Every image an ``analyze --format json`` object names: the base images of all proposed
    variants, and those of variants skipped because an image was missing."""
    refs: list[str] = []
    for b in data.get("base_images") or []:
        if isinstance(b, dict) and isinstance(b.get("ref"), str):
            refs.append(b["ref"])
    for s in data.get("skipped") or []:
        if isinstance(s, dict):
            refs.extend(r for r in s.get("missing_images") or [] if isinstance(r, str))
    return list(dict.fromkeys(refs))


def compose_images(app: App) -> tuple[list[str], str | None]:
    """The images of the Compose services imgopt would start for ``app`` (the project it finds
    next to or above the context that builds this Dockerfile), and that project's file."""
    from imgopt.engine.compose import find_compose_for
    from imgopt.errors import ImgoptError

    context = REAL / app.name
    try:
        found = find_compose_for(context, context / app.dockerfile)
    except ImgoptError as e:
        log(f"{app.name}: Compose not read: {e}")
        return [], None
    if found is None:
        return [], None
    project, _service = found
    images = [s.image for s in project.services if s.build is None and s.image]
    return list(dict.fromkeys(images)), str(project.path)


def build_log_tail(app: App, lines: int = 15) -> str:
    """The last lines of a plain-progress build of the app's original Dockerfile (imgopt keeps
    only the failing step's name; this says why it failed). Nothing is tagged or loaded: the
    build's only output is the build cache."""
    context = REAL / app.name
    cmd = ["docker", "buildx", "build", "--progress=plain", "--output", "type=cacheonly"]
    cmd += ["-f", str(context / app.dockerfile), str(context)]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=900, check=False)
    except subprocess.TimeoutExpired:
        return "(the reproduction build did not finish within 900 s)"
    if r.returncode == 0:
        return REBUILT
    return tail(r.stderr, lines)


REBUILT = "(the original built when the harness rebuilt it alone)"


def _parse(stdout: str) -> dict[str, Any] | None:
    try:
        parsed = json.loads(stdout)
    except ValueError:
        return None
    return parsed if isinstance(parsed, dict) else None


def _error_lines(stderr: str) -> str:
    """imgopt's ``error:`` and ``hint:`` lines, or its last lines."""
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    picked = [ln for ln in lines if ln.startswith(("imgopt: error:", "hint:"))]
    return "\n".join(picked or lines[-3:])


def tail(text: str, n: int = LOG_TAIL_LINES) -> str:
    """The last ``n`` non-empty lines of ``text``."""
    lines = [ln.rstrip() for ln in text.splitlines() if ln.strip()]
    return "\n".join(lines[-n:])


@dataclass(frozen=True, slots=True)
class Outcome:
    """How an ``imgopt analyze`` child ended."""

    exit_code: int | None
    wall_s: float
    timed_out: bool
    stdout: str
    stderr: str


class Stopped(Exception):
    """The harness got SIGTERM or SIGHUP (SIGINT is KeyboardInterrupt)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def run_child(cmd: Sequence[str], log_path: Path, ceiling_s: float) -> Outcome:
    """Run ``cmd`` in a session of its own, stderr to ``log_path``, stopped at the ceiling
    (SIGTERM, then SIGKILL after :data:`GRACE_S`); a signal to the harness stops it the same
    way before it propagates."""
    start = time.monotonic()
    with (
        log_path.open("w", encoding="utf-8") as err,
        (log_path.with_suffix(".json")).open("w+", encoding="utf-8") as out,
    ):
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=out, stderr=err, start_new_session=True)
        timed_out = False
        try:
            try:
                proc.wait(timeout=ceiling_s)
            except subprocess.TimeoutExpired:
                timed_out = True
                _stop(proc)
        except BaseException:
            _stop(proc)
            raise
        out.seek(0)
        stdout = out.read()
    return Outcome(
        exit_code=proc.returncode,
        wall_s=time.monotonic() - start,
        timed_out=timed_out,
        stdout=stdout,
        stderr=log_path.read_text(encoding="utf-8", errors="replace"),
    )


def _stop(proc: subprocess.Popen[Any]) -> None:
    # imgopt cleans up on SIGTERM (containers, buildx, temp folders); give it time to.
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=GRACE_S)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        pass


# --- reading an analysis ------------------------------------------------------------------------


def _num(v: Any) -> float | None:
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None


def _int(v: Any) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def change(new: float | None, old: float | None) -> float | None:
    """Relative change ``new`` against ``old`` (``-0.5``: half the size)."""
    from imgopt.results import units

    return units.change(new, old)


def summarize(app: App, data: Mapping[str, Any] | None, outcome: Outcome | None) -> dict[str, Any]:
    """The result fields of one app from its ``analysis.json`` (None: there is none) and how the
    analysis ended: the row of results.csv, less the run's bookkeeping."""
    row: dict[str, Any] = dict.fromkeys(RESULT_FIELDS)
    row.update(app=app.name, role=app.role, stack=app.stack)
    if outcome is not None:
        row.update(exit_code=outcome.exit_code, wall_s=round(outcome.wall_s, 1))
    if data is None:
        row["outcome"] = "no-recommendation"
        row["reason"] = _no_json_reason(outcome)
        return row
    if data.get("kind") == "compose":  # not expected (a folder is given), but never dropped
        services = [s for s in data.get("services") or [] if s.get("analysed")]
        data = services[0] if services else {}
    orig = data.get("original") or {}
    rec = data.get("recommended")
    recommendation = data.get("recommendation") or {}
    row.update(
        original_bytes=_int(orig.get("size_bytes")),
        original_compressed_bytes=_int(orig.get("compressed_bytes")),
        original_cold_s=_num(orig.get("cold_build_s")),
        original_warm_s=_num(orig.get("warm_build_s")),
        original_verified=orig.get("verified"),
        variants_proposed=len(data.get("variants") or []) - 1 if data.get("variants") else 0,
        variants_verified=sum(
            1
            for v in data.get("variants") or []
            if isinstance(v, dict) and not v.get("original") and v.get("verified") is True
        ),
    )
    verification = data.get("verification") or {}
    proof_of = rec.get("name") if isinstance(rec, dict) else "original"
    proof = verification.get(proof_of) or verification.get("original") or {}
    row.update(
        probes=_int(proof.get("probes")),
        tcp_probes=_int(proof.get("tcp_probes")),
        commands=_int(proof.get("commands")),
        closure_files=_int(proof.get("closure_files")),
        closure_bytes=_int(proof.get("closure_bytes")),
        dependencies=";".join(str(d) for d in proof.get("dependencies") or []),
        proof=proof.get("summary"),
    )
    if isinstance(rec, dict):
        row.update(
            variant=rec.get("name"),
            recommended_bytes=_int(rec.get("size_bytes")),
            recommended_compressed_bytes=_int(rec.get("compressed_bytes")),
            recommended_cold_s=_num(rec.get("cold_build_s")),
            recommended_warm_s=_num(rec.get("warm_build_s")),
            recommended_verified=rec.get("verified"),
        )
        row["change"] = change(row["recommended_bytes"], row["original_bytes"])
        row["compressed_change"] = change(
            row["recommended_compressed_bytes"], row["original_compressed_bytes"]
        )
    if isinstance(rec, dict) and rec.get("name") != "original":
        row["outcome"] = "recommended"
        row["reason"] = recommendation.get("sentence")
    elif isinstance(rec, dict):
        row["outcome"] = "kept-original"
        row["reason"] = _kept_reason(data)
    else:
        row["outcome"] = "no-recommendation"
        row["reason"] = _no_recommendation_reason(data, outcome)
    return row


def original_failed_to_build(data: Mapping[str, Any] | None, outcome: Outcome) -> bool:
    """The analysis stopped because the original Dockerfile did not build."""
    if outcome.timed_out:
        return False
    if data is not None:
        orig = data.get("original") or {}
        return orig.get("size_bytes") is None and "build failed" in str(orig.get("error") or "")
    return outcome.exit_code == 3 and "build failed" in _error_lines(outcome.stderr)


#: A short cause for the index, from the reason and the log's tail: (pattern, cause), first wins.
CAUSES = (
    (
        r"resolve image config for docker-image://\S*docker/dockerfile",
        "its `# syntax=` frontend image needs a registry (none is reachable)",
    ),
    (r"proxy\.golang\.org", "needs the Go module proxy (unreachable)"),
    (r"stopped at the ceiling", "stopped at the wall-time ceiling"),
    (
        r"failed to calculate checksum of ref .*\"(?P<file>[^\"]+)\": not found",
        "a file the Dockerfile copies is not in the repository: {file}",
    ),
    (r"pull access denied|manifest unknown", "an image is missing (no stand-in)"),
    (
        r"File \"[^\"]+\", line \d+[\s\S]*^(?P<err>\w+(Error|Exception): [^\n]*)",
        "imgopt crashed ({err}): a bug, or another engineer's change in progress in the shared "
        "working tree; measure it again",
    ),
    (r"exit code: 100", "apt-get failed"),
    (r"original failed to build", "original failed to build"),
    (r"original could not be verified", "original could not be verified"),
)


def cause(row: Mapping[str, Any]) -> str | None:
    """A short cause for an app without a recommendation (None: it has one)."""
    if row.get("outcome") in ("recommended", "kept-original", PENDING):
        return None
    text = f"{row.get('reason') or ''}\n{row.get('log_tail') or ''}"
    for pattern, words in CAUSES:
        m = re.search(pattern, text, re.M)
        if m:
            return words.format(**m.groupdict())
    return "see the reason"


def _variant_failures(data: Mapping[str, Any]) -> list[str]:
    out = []
    for v in data.get("variants") or []:
        if not isinstance(v, dict) or v.get("original"):
            continue
        if v.get("verified") is not True:
            why = v.get("error") or ("not verified" if v.get("verified") is None else "broken")
            out.append(f"{v.get('name')}: {why}")
    return out


def _kept_reason(data: Mapping[str, Any]) -> str:
    recommendation = data.get("recommendation") or {}
    text = recommendation.get("sentence") or recommendation.get("reason") or "original kept"
    failures = _variant_failures(data)
    if failures:
        text += " Variants: " + " | ".join(failures)
    return str(text)


def _no_recommendation_reason(data: Mapping[str, Any], outcome: Outcome | None) -> str:
    orig = data.get("original") or {}
    parts: list[str] = []
    if outcome is not None and outcome.timed_out:
        parts.append(f"stopped at the ceiling after {outcome.wall_s:.0f} s")
    if data.get("error") and data.get("error") != orig.get("error"):
        parts.append(str(data["error"]))
    if orig.get("error"):
        what = (
            "original failed to build"
            if orig.get("size_bytes") is None
            else "original could not be verified"
        )
        parts.append(f"{what}: {orig['error']}")
    elif orig.get("verified") is not True and orig.get("size_bytes") is not None:
        why = _excluded(data, "original")
        parts.append(
            f"original could not be verified: {why}" if why else "original could not be verified"
        )
    if not parts:
        recommendation = data.get("recommendation") or {}
        parts.append(str(recommendation.get("reason") or "imgopt recommended nothing"))
    if outcome is not None and outcome.exit_code not in (0, None):
        said = _error_lines(outcome.stderr)
        core = re.sub(r"^imgopt: error: ([\w.-]+: )?", "", said.split("\n")[0])
        if not any(core in p for p in parts):
            parts.append(f"imgopt exited {outcome.exit_code}: {said}")
        else:
            parts.append(f"imgopt exited {outcome.exit_code}")
    return " — ".join(dict.fromkeys(parts))


def _excluded(data: Mapping[str, Any], variant: str) -> str | None:
    """Why the recommendation left ``variant`` out, as imgopt said it."""
    recommendation = data.get("recommendation") or {}
    for e in recommendation.get("excluded") or []:
        if isinstance(e, dict) and e.get("variant") == variant and e.get("why"):
            return re.sub(r"^broken: ", "", str(e["why"]))
    return None


def _no_json_reason(outcome: Outcome | None) -> str:
    if outcome is None:
        return "not analysed"
    if outcome.timed_out:
        last = tail(outcome.stderr, 3)
        return f"stopped at the ceiling after {outcome.wall_s:.0f} s; last log lines: {last}"
    return f"imgopt exited {outcome.exit_code}: {_error_lines(outcome.stderr)}"


# --- the index ----------------------------------------------------------------------------------

RESULT_FIELDS = (
    "app",
    "role",
    "stack",
    "outcome",
    "variant",
    "original_bytes",
    "original_compressed_bytes",
    "recommended_bytes",
    "recommended_compressed_bytes",
    "change",
    "compressed_change",
    "original_verified",
    "recommended_verified",
    "variants_proposed",
    "variants_verified",
    "probes",
    "tcp_probes",
    "commands",
    "closure_files",
    "closure_bytes",
    "dependencies",
    "proof",
    "original_cold_s",
    "original_warm_s",
    "recommended_cold_s",
    "recommended_warm_s",
    "wall_s",
    "exit_code",
    "cause",
    "reason",
    "log_tail",
    "first_attempt",
    "aliases",
    "unaliased_images",
    "imgopt_commit",
    "imgopt_uncommitted",
    "started",
    "finished",
    "load_before",
    "load_after",
)


#: The fields :func:`summarize` reads from an analysis (the rest is the run's bookkeeping).
SUMMARY_FIELDS = frozenset(RESULT_FIELDS[: RESULT_FIELDS.index("wall_s")]) | {"reason"}


def reduction(row: Mapping[str, Any], *, compressed: bool = False) -> float:
    """The size reduction an app counts with in the median: the recommended variant's, as a
    positive fraction; 0 when imgopt kept the original or recommended nothing."""
    value = row.get("compressed_change" if compressed else "change")
    if row.get("outcome") != "recommended" or not isinstance(value, int | float):
        return 0.0
    return -float(value)


def broken(row: Mapping[str, Any]) -> bool:
    """A recommendation that was not verified to work (imgopt must never make one)."""
    if row.get("outcome") not in ("recommended", "kept-original"):
        return False
    return row.get("recommended_verified") is not True


def made_worse(row: Mapping[str, Any]) -> bool:
    """The recommendation is larger than the original (compressed when both were measured)."""
    if row.get("outcome") != "recommended":
        return False
    new, old = row.get("recommended_compressed_bytes"), row.get("original_compressed_bytes")
    if not (isinstance(new, int) and isinstance(old, int)):
        new, old = row.get("recommended_bytes"), row.get("original_bytes")
    return isinstance(new, int) and isinstance(old, int) and new > old


@dataclass(frozen=True, slots=True)
class Figures:
    """The four figures of issue #17's "Measure and goals", and what they are made of."""

    apps: int
    pending: int
    non_control: int
    non_control_recommended: int
    broken: int
    controls: int
    controls_kept: int
    controls_smaller: int
    controls_worse: int
    controls_no_recommendation: int
    median_reduction: float | None
    median_compressed_reduction: float | None

    @property
    def recommended_share(self) -> float | None:
        return self.non_control_recommended / self.non_control if self.non_control else None


def figures(rows: Sequence[Mapping[str, Any]]) -> Figures:
    """The index's figures. Apps without a recommendation (or whose original was kept) count as
    0 % in the medians; a control whose recommendation is larger than its original counts as
    made worse (and is a failure even though it was verified)."""
    pending = [r for r in rows if r.get("outcome") == PENDING]
    rows = [r for r in rows if r.get("outcome") != PENDING]
    non_control = [r for r in rows if r.get("role") != "control"]
    controls = [r for r in rows if r.get("role") == "control"]
    recommended = [r for r in non_control if r.get("outcome") == "recommended" and not broken(r)]
    return Figures(
        apps=len(rows),
        pending=len(pending),
        non_control=len(non_control),
        non_control_recommended=len(recommended),
        broken=sum(1 for r in rows if broken(r)),
        controls=len(controls),
        controls_kept=sum(1 for r in controls if r.get("outcome") == "kept-original"),
        controls_smaller=sum(
            1 for r in controls if r.get("outcome") == "recommended" and not made_worse(r)
        ),
        controls_worse=sum(1 for r in controls if made_worse(r)),
        controls_no_recommendation=sum(
            1 for r in controls if r.get("outcome") == "no-recommendation"
        ),
        median_reduction=(
            statistics.median(reduction(r) for r in non_control) if non_control else None
        ),
        median_compressed_reduction=(
            statistics.median(reduction(r, compressed=True) for r in non_control)
            if non_control
            else None
        ),
    )


def control_verdict(row: Mapping[str, Any]) -> str:
    """What happened to a control app, in words."""
    if made_worse(row):
        return "FAILURE: the recommendation is larger than the original"
    if broken(row):
        return "FAILURE: recommended without verification"
    return {
        "kept-original": "kept the original (verified)",
        "recommended": f"found a smaller verified variant ({row.get('variant')})",
    }.get(str(row.get("outcome")), "no recommendation (see the reason)")


def figure_lines(f: Figures) -> list[str]:
    """The four figures as sentences (index.md and the run's summary)."""
    from imgopt.results import units

    share = units.percent(f.recommended_share) if f.recommended_share is not None else "–"
    median = units.percent(f.median_reduction) if f.median_reduction is not None else "–"
    cmedian = (
        units.percent(f.median_compressed_reduction)
        if f.median_compressed_reduction is not None
        else "–"
    )
    head = []
    if f.pending:
        head = [
            f"- Over the {f.apps} apps analysed so far; {f.pending} not analysed yet (the run "
            "goes on; they are left out of these figures)."
        ]
    return [
        *head,
        f"- Non-control apps with a verified recommendation (a smaller variant, verified): "
        f"{f.non_control_recommended} of {f.non_control} ({share}). Goal: at least 80 %.",
        f"- Broken recommendations (recommended without passing verification): {f.broken}. "
        "Goal: 0.",
        f"- Controls made worse (recommendation larger than the original): {f.controls_worse} of "
        f"{f.controls} (kept the original: {f.controls_kept}; a smaller verified variant: "
        f"{f.controls_smaller}; no recommendation: {f.controls_no_recommendation}). Goal: 0.",
        f"- Median reduction over the {f.non_control} non-control apps, apps without a "
        f"recommendation counted as 0 %: {median} uncompressed, {cmedian} compressed.",
    ]


def _cell_size(n: Any, c: Any) -> str:
    from imgopt.results import units

    if n is None and c is None:
        return units.MISSING
    return f"{units.mb(n)} ({units.mb(c)})"


def _cell_s(a: Any, b: Any) -> str:
    from imgopt.results import units

    if a is None and b is None:
        return units.MISSING
    return f"{units.seconds(a)} → {units.seconds(b)}"


def _proof_cell(row: Mapping[str, Any]) -> str:
    from imgopt.results import units

    if row.get("outcome") in ("no-recommendation", PENDING):
        return units.MISSING
    parts = [f"{row.get('probes') or 0} probes", f"{row.get('commands') or 0} commands"]
    if row.get("tcp_probes"):
        parts.insert(1, f"{row['tcp_probes']} TCP probes")
    if row.get("closure_files") is not None:
        parts.append(f"{row['closure_files']} files ({units.mb(row.get('closure_bytes'))})")
    else:
        parts.append("no closure")
    parts.append(f"deps: {row.get('dependencies') or 'none'}")
    return ", ".join(parts)


def _change_cell(row: Mapping[str, Any]) -> str:
    from imgopt.results import units

    if row.get("outcome") == PENDING:
        return units.MISSING
    return units.percent(-reduction(row)) if row.get("outcome") == "recommended" else "0 %"


def app_table(rows: Sequence[Mapping[str, Any]]) -> Any:
    """The per-app table (an :class:`imgopt.results.tables.Table`)."""
    from imgopt.results import units
    from imgopt.results.tables import Table

    out = []
    for r in rows:
        out.append(
            (
                f"[{r['app']}]({r['app']}/analysis/report/report.md)"
                if r.get("report")
                else str(r["app"]),
                str(r.get("role")),
                str(r.get("outcome")),
                str(r.get("variant") or units.MISSING),
                _cell_size(r.get("original_bytes"), r.get("original_compressed_bytes")),
                _cell_size(r.get("recommended_bytes"), r.get("recommended_compressed_bytes")),
                _change_cell(r),
                _proof_cell(r),
                _cell_s(r.get("original_cold_s"), r.get("recommended_cold_s")),
                _cell_s(r.get("original_warm_s"), r.get("recommended_warm_s")),
                units.seconds(r.get("wall_s")),
                str(r.get("imgopt_commit") or "")[:10],
            )
        )
    return Table(
        headers=(
            "app",
            "role",
            "outcome",
            "recommended",
            "original (compressed)",
            "recommended (compressed)",
            "change",
            "verification of the recommendation",
            "cold build orig → rec",
            "warm rebuild orig → rec",
            "analysis wall time",
            "imgopt commit",
        ),
        rows=tuple(out),
        align=("l", "l", "l", "l", "r", "r", "r", "l", "r", "r", "r", "l"),
    )


def write_plots(rows: Sequence[Mapping[str, Any]], folder: Path) -> list[tuple[str, str]]:
    """The index's two plots (reduction per app; size against cold build time), as PNG and SVG
    in ``folder``; returns (file stem, caption) per plot."""
    from imgopt.report import plots
    from imgopt.report.data import Spread, VariantResult

    folder.mkdir(parents=True, exist_ok=True)
    assets = [
        plots.render_reduction_figure(
            [
                plots.AppReduction(
                    app=str(r["app"]),
                    variant=r.get("variant") if r.get("outcome") != "no-recommendation" else None,
                    change=-reduction(r) if r.get("outcome") == "recommended" else 0.0,
                    kept_original=r.get("outcome") == "kept-original",
                )
                for r in rows
            ]
        )
    ]
    points = []
    for r in rows:
        size, cold = r.get("recommended_bytes"), r.get("recommended_cold_s")
        if r.get("outcome") == "no-recommendation" or size is None or cold is None:
            continue
        points.append(
            VariantResult(
                name=str(r["app"]),
                size_bytes=size,
                compressed_bytes=r.get("recommended_compressed_bytes"),
                cold=Spread(cold, cold, cold, 1),
                verified=r.get("recommended_verified"),
            )
        )
    if points:
        fig = plots._new_figure(9.5, 5.2)
        ax = fig.add_subplot()
        plots.plot_size_vs_build(ax, points)
        ax.set_title("Recommended image per app: size against cold build time", fontsize=10)
        assets.append(
            plots.save(
                fig,
                "size_vs_build",
                "Size against cold build time",
                "Scatter, one point per app with a recommendation (or its kept original): the "
                "recommended image's compressed size against its cold build time.",
            )
        )
    out = []
    for a in assets:
        (folder / f"{a.name}.png").write_bytes(a.png)
        (folder / f"{a.name}.svg").write_bytes(a.svg)
        out.append((a.name, a.title))
    return out


def render_index(rows: Sequence[Mapping[str, Any]], meta: Mapping[str, Any]) -> str:
    """reports/real/index.md."""
    from imgopt.results import tables

    f = figures(rows)
    done = [r for r in rows if r.get("imgopt_commit")]
    lines = [
        "# imgopt on real apps",
        "",
        f"{len(rows)} public open-source apps (`benchmarks/real/`, sources and licences in "
        "[SOURCES.md](../../benchmarks/real/SOURCES.md)), each analysed end to end by `imgopt "
        "analyze` with its default options: no smoke spec, nothing written by us. Reproduce "
        f"with `{COMMAND}`; raw tables: [results.csv](results.csv), [results.json](results.json). "
        "Base-image tags without a local stand-in were aliased to the nearest stand-in at run "
        "time ([aliases.toml](../../benchmarks/real/aliases.toml); the aliases used are listed "
        "per app below); no Dockerfile was edited.",
        "",
        "## Figures (issue #17, Measure and goals)",
        "",
        *figure_lines(f),
        "",
        f"Measured {meta.get('first_started', '?')} to {meta.get('last_finished', '?')} on a "
        f"{meta.get('cpus', '?')}-core machine shared with other engineers' builds (load "
        "averages before and after each app in the raw tables); Docker engine "
        f"{meta.get('engine', '?')}. Results come from imgopt commit(s) "
        + ", ".join(f"`{c[:10]}`" for c in sorted({str(r["imgopt_commit"]) for r in done}))
        + " (per app in the table; uncommitted changes under imgopt/ at run time are listed in "
        "the raw tables).",
        "",
        "## Per app",
        "",
        "Sizes are uncompressed (compressed, as a registry stores them); change is the "
        "recommended variant's uncompressed size against the original's (0 % when the original "
        "was kept or nothing was recommended). Verification: what imgopt compared for the "
        "recommended variant (or the original).",
        "",
        tables.markdown(app_table(rows)),
    ]
    missing = [r for r in rows if r.get("outcome") not in ("recommended", PENDING)]
    if missing:
        lines += ["## Apps without a smaller recommendation, and why", ""]
        for r in missing:
            head = f"- **{r['app']}** ({r.get('role')}, {r.get('outcome')}): {cause(r)}."
            lines.append(f"{head} {r.get('reason')}")
            if r.get("log_tail"):
                lines += ["", "  ```text", *[f"  {ln}" for ln in str(r["log_tail"]).splitlines()]]
                lines += ["  ```"]
        lines.append("")
    controls = [r for r in rows if r.get("role") == "control" and r.get("outcome") != PENDING]
    if controls:
        lines += ["## Controls (already optimised Dockerfiles)", ""]
        lines += [f"- **{r['app']}**: {control_verdict(r)}" for r in controls]
        lines.append("")
    aliased = [r for r in rows if r.get("aliases")]
    if aliased:
        lines += ["## Aliases used (run time only)", ""]
        for r in aliased:
            lines.append(f"- **{r['app']}**: {str(r['aliases']).replace(';', ', ')}")
        lines.append("")
    lines += ["## Plots", ""]
    for stem, caption in meta.get("plots", []):
        lines += [f"![{caption}](figures/{stem}.png)", ""]
    return "\n".join(lines).rstrip() + "\n"


def write_index(rows: Sequence[Mapping[str, Any]], folder: Path) -> Figures:
    """results.csv, results.json, the plots and index.md in ``folder``."""
    rows = [{**r, "cause": cause(r)} for r in rows]  # the patterns may be newer than a result
    meta: dict[str, Any] = {
        "cpus": os.cpu_count(),
        "engine": _engine_version(),
        "first_started": min((str(r["started"]) for r in rows if r.get("started")), default=None),
        "last_finished": max((str(r["finished"]) for r in rows if r.get("finished")), default=None),
    }
    meta["plots"] = write_plots(rows, folder / "figures")
    with (folder / "results.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=RESULT_FIELDS, extrasaction="ignore")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: ("" if r.get(k) is None else r.get(k)) for k in RESULT_FIELDS})
    f = figures(rows)
    doc = {
        "schema": SCHEMA,
        "command": COMMAND,
        "meta": meta,
        "figures": {**asdict(f), "recommended_share": f.recommended_share},
        "apps": list(rows),
    }
    (folder / "results.json").write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    (folder / "index.md").write_text(render_index(rows, meta), encoding="utf-8")
    return f


def _engine_version() -> str | None:
    try:
        r = subprocess.run(
            ["docker", "version", "--format", "{{.Server.Version}}"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return r.stdout.strip() or None


# --- the run ------------------------------------------------------------------------------------


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _load() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def result_path(app: App) -> Path:
    return REPORTS / app.name / "result.json"


def read_result(app: App) -> dict[str, Any] | None:
    path = result_path(app)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def analyse(app: App, aliases: Sequence[Alias], engine: Engine, ceiling_s: float) -> dict[str, Any]:
    """Alias, analyse and clean up one app; its result row."""
    folder = REPORTS / app.name
    folder.mkdir(parents=True, exist_ok=True)
    work = WORK / app.name
    work.mkdir(parents=True, exist_ok=True)
    commit, dirty = imgopt_commit()
    started, load_before = _now(), _load()
    tags = AliasTags(engine, aliases, journal=JOURNAL)
    outcome: Outcome | None = None
    data: dict[str, Any] | None = None
    static_error: str | None = None
    build_tail: str | None = None
    first_attempt: str | None = None
    try:
        needed, _compose = compose_images(app)
        tags.apply(needed)
        for _round in range(ALIAS_ROUNDS):
            images, static_error = static_images(app, work / "static")
            if not tags.apply(images):
                break
        for t in tags.created:
            log(f"{app.name}: alias {t.ref} -> {t.standin}")
        out = folder / "analysis"
        where = out.relative_to(REPO) if out.is_relative_to(REPO) else out  # --reports /tmp/x
        cmd = _imgopt("analyze", *_target_args(app), "--out", str(where))
        cmd += ["--format", "json"]
        log(f"{app.name}: {shlex.join(cmd[2:])} (ceiling {ceiling_s:.0f} s)")
        outcome = run_child(cmd, folder / "analyze.log", ceiling_s)
        data = _parse(outcome.stdout)
        if original_failed_to_build(data, outcome):
            log(f"{app.name}: the original did not build; rebuilding it for the log's tail")
            build_tail = build_log_tail(app)
            if build_tail == REBUILT:
                # It builds alone: the first failure came from the shared machine (a mirror
                # timing out under load). Analyse once more, and keep the first reason.
                first_attempt = summarize(app, data, outcome)["reason"]
                log(f"{app.name}: it built alone; analysing once more")
                outcome = run_child(cmd, folder / "analyze.log", ceiling_s)
                data = _parse(outcome.stdout)
                build_tail = None
                if original_failed_to_build(data, outcome):
                    build_tail = build_log_tail(app)
    finally:
        aliases_used = [f"{t.ref} -> {t.standin}" for t in tags.created]
        aliases_used += [f"{t.ref} -> {t.standin} (tag already present)" for t in tags.present]
        removed = tags.remove()
        if removed:
            log(f"{app.name}: removed alias tags {', '.join(removed)}")
    stdout_json = folder / "analyze.json"
    stdout_json.unlink(missing_ok=True)  # the same object is analysis/analysis.json
    row = summarize(app, data, outcome)
    if static_error and row["outcome"] == "no-recommendation" and data is None:
        row["reason"] = f"{row['reason']} (static analysis: {static_error})"
    row.update(
        log_tail=build_tail
        or (tail(outcome.stderr) if outcome and row["outcome"] != "recommended" else None),
        first_attempt=first_attempt,
        aliases=";".join(aliases_used),
        unaliased_images=";".join(
            tags.unaliased + [f"{s} (stand-in missing)" for s in tags.missing_standins]
        ),
        imgopt_commit=commit,
        imgopt_uncommitted=";".join(dirty),
        started=started,
        finished=_now(),
        load_before=load_before,
        load_after=_load(),
        report=(folder / "analysis" / "report" / "report.md").is_file(),
    )
    row["cause"] = cause(row)
    row["run_id"] = data.get("run_id") if data else None
    (folder / "result.json").write_text(json.dumps(row, indent=1) + "\n", encoding="utf-8")
    return row


@contextmanager
def _signals() -> Iterator[None]:
    """SIGTERM and SIGHUP stop the run like Ctrl-C: the child first, then the alias tags."""

    def handler(signum: int, _frame: object) -> None:
        raise Stopped(signum)

    old = {s: signal.signal(s, handler) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for s, h in old.items():
            signal.signal(s, h)


@contextmanager
def _lock() -> Iterator[None]:
    import fcntl

    WORK.mkdir(parents=True, exist_ok=True)
    with (WORK / "lock").open("w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SystemExit("publish_real: another run holds out/publish-real/lock") from None
        fh.write(f"{os.getpid()}\n")
        fh.flush()
        yield


def resummarize(app: App, row: dict[str, Any]) -> dict[str, Any]:
    """``row`` with its figures and reason read again from the app's saved analysis (the same
    run: its run id), so a better reading applies to results measured before it."""
    folder = REPORTS / app.name
    data = _parse(_read(folder / "analysis" / "analysis.json"))
    if data is None or not _same_run(row, str(data.get("run_id") or "")):
        return row
    timed_out = "stopped at the ceiling" in str(row.get("reason") or "")
    stderr = _read(folder / "analyze.log")
    outcome = Outcome(row.get("exit_code"), float(row.get("wall_s") or 0), timed_out, "", stderr)
    fresh = summarize(app, data, outcome)
    keep = {"exit_code", "wall_s"}
    return {**row, **{k: v for k, v in fresh.items() if k not in keep and k in SUMMARY_FIELDS}}


def _same_run(row: Mapping[str, Any], run_id: str) -> bool:
    """Whether ``run_id`` (imgopt's, ``20261205-014852-87be99``) is the run ``row`` came from:
    the same id, or, for a result that did not record it, an id stamped while it ran."""
    if row.get("run_id"):
        return bool(row["run_id"] == run_id)
    stamp = re.match(r"(\d{8})-(\d{6})-", run_id)
    if not stamp or not row.get("started") or not row.get("finished"):
        return False
    when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.strptime(stamp[1] + stamp[2], "%Y%m%d%H%M%S"))
    return str(row["started"]) <= when <= str(row["finished"])


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def collect(apps: Sequence[App]) -> list[dict[str, Any]]:
    """The result rows of ``apps`` that have one, in SOURCES.md order; apps not analysed yet are
    listed as such (never dropped)."""
    rows = []
    for app in apps:
        row = read_result(app)
        if row is not None:
            row = resummarize(app, row)
        if row is None:
            row = summarize(app, None, None)
            row.update(outcome=PENDING, reason="not analysed yet")
        rows.append(row)
    return rows


def frozen_args(args: argparse.Namespace) -> list[str]:
    """The options of this run, for the same harness in the frozen worktree."""
    out = ["--ceiling", repr(args.ceiling)]
    if args.apps:
        out += ["--apps", args.apps]
    out += [f"--{name.replace('_', '-')}" for name in FLAGS if getattr(args, name)]
    return out


#: The harness's on/off options, passed on to the frozen worktree's harness as they were given.
FLAGS = ("force", "keep_any_commit", "render_only", "cleanup")


def frozen_tree(rev: str) -> tuple[str, Path]:
    """The commit ``rev`` names and a worktree of it under :data:`WORK` (made once, reused by a
    resumed run of the same commit)."""

    def git(*cmd: str, cwd: Path = REPO) -> str:
        return subprocess.run(
            ["git", *cmd], cwd=cwd, capture_output=True, text=True, check=True
        ).stdout.strip()

    try:
        sha = git("rev-parse", "--verify", f"{rev}^{{commit}}")
    except subprocess.CalledProcessError:
        raise SystemExit(f"publish_real: --frozen {rev}: not a commit of this repository") from None
    tree = WORK / f"frozen-{sha[:12]}"
    if not tree.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        git("worktree", "add", "--detach", str(tree), sha)
    if git("rev-parse", "HEAD", cwd=tree) != sha:
        raise SystemExit(f"publish_real: {tree} is not at {sha[:12]}; remove it and run again")
    return sha, tree


def changed_reports(tree: Path) -> tuple[set[str], list[str]]:
    """What the frozen run changed in its reports/real: the apps (whole folders) and the files
    at the top (index, tables, plots), from ``git status`` in the worktree."""
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all", "--", "reports/real"],
        cwd=tree,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    apps: set[str] = set()
    top: list[str] = []
    for line in status.splitlines():
        path = line[3:].split(" -> ")[-1].strip('"')
        parts = Path(path).parts[2:]  # below reports/real
        if len(parts) > 1:
            apps.add(parts[0])
        elif parts:
            top.append(parts[0])
    return apps, sorted(top)


def copy_back(tree: Path, apps: set[str], top: Sequence[str], reports: Path) -> None:
    """Put the frozen run's results into ``reports``: each changed app's folder replaces the
    one there, each changed top file is copied (a file the run removed is removed)."""
    import shutil

    source = tree / "reports" / "real"
    reports.mkdir(parents=True, exist_ok=True)
    for name in sorted(apps):
        target = reports / name
        if target.is_symlink() or target.is_file():
            raise SystemExit(f"publish_real: {target} is not a folder the harness wrote")
        if target.exists():
            shutil.rmtree(target)
        if (source / name).is_dir():
            shutil.copytree(source / name, target, symlinks=True)
    for name in top:
        src, dst = source / name, reports / name
        if dst.is_symlink():
            raise SystemExit(f"publish_real: {dst} is a symlink; not written through")
        if src.is_file():
            shutil.copy2(src, dst)
        elif dst.is_file():
            dst.unlink()


def run_frozen(rev: str, args: Sequence[str]) -> int:
    """Run this harness from a worktree of ``rev`` and copy its results back (see --frozen)."""
    sha, tree = frozen_tree(rev)
    log(f"running from {tree.relative_to(REPO)} (imgopt at {sha[:12]}, frozen)")
    env = {**os.environ, "PYTHONPATH": str(tree)}  # its imgopt, not the working tree's
    cmd = [sys.executable, str(tree / "benchmarks" / "publish_real.py"), *args]
    proc = subprocess.Popen(cmd, cwd=tree, env=env)
    forward = {signal.SIGTERM, signal.SIGHUP}
    old = {s: signal.signal(s, lambda n, _f: proc.send_signal(n)) for s in forward}
    try:
        while True:
            try:
                rc = proc.wait()
                break
            except KeyboardInterrupt:
                continue  # the child got the SIGINT too (same process group): let it finish
    finally:
        for s, h in old.items():
            signal.signal(s, h)
    apps, top = changed_reports(tree)
    copy_back(tree, apps, top, REPORTS)
    log(f"copied back: {len(apps)} app folder(s), {len(top)} file(s) into reports/real")
    return rc


def main(
    argv: Sequence[str] | None = None, engine_factory: Callable[[], Engine] = DockerCLI
) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--apps", default="", help="comma-separated app names (default: all)")
    parser.add_argument("--force", action="store_true", help="re-measure apps already measured")
    parser.add_argument(
        "--keep-any-commit",
        action="store_true",
        help="keep every finished app, whatever imgopt commit measured it (default: only "
        "those measured with the current commit)",
    )
    parser.add_argument("--render-only", action="store_true", help="only write the index")
    parser.add_argument("--cleanup", action="store_true", help="remove leftover alias tags")
    parser.add_argument(
        "--ceiling", type=float, default=DEFAULT_CEILING_S, help="seconds per app (wall time)"
    )
    parser.add_argument(
        "--reports",
        type=Path,
        default=None,
        help="write the per-app results and the index here instead of reports/real "
        "(for trying apps without touching the published results)",
    )
    parser.add_argument(
        "--frozen",
        nargs="?",
        const="HEAD",
        default=None,
        metavar="REV",
        help="run from a git worktree of REV (default HEAD) under out/publish-real/, so every "
        "app is measured with the same committed imgopt while the working tree changes; the "
        "results are copied back into reports/real (make publish-real uses it)",
    )
    args = parser.parse_args(argv)
    if args.frozen is not None:
        if args.reports is not None:
            parser.error("--frozen writes reports/real; it does not take --reports")
        return run_frozen(args.frozen, frozen_args(args))
    if args.reports is not None:
        global REPORTS
        REPORTS = args.reports.resolve()
    apps = read_sources(SOURCES.read_text(encoding="utf-8"))
    names = [n for n in args.apps.split(",") if n]
    unknown = sorted(set(names) - {a.name for a in apps})
    if unknown:
        parser.error(f"unknown app(s): {', '.join(unknown)}")
    by_name = {a.name: a for a in apps}
    chosen = [by_name[n] for n in names] if names else list(apps)  # in the order given
    REPORTS.mkdir(parents=True, exist_ok=True)
    if not args.render_only:
        engine = engine_factory()
        load_aliases(ALIASES.read_text(encoding="utf-8"))  # a malformed table stops here
        with _lock(), _signals():
            removed = recover_journal(JOURNAL, engine)
            if removed:
                log(f"removed alias tags a killed run left: {', '.join(removed)}")
            if args.cleanup:
                return 0
            commit, _dirty = imgopt_commit()
            try:
                for app in chosen:
                    previous = read_result(app)
                    if (
                        not args.force
                        and previous is not None
                        and (args.keep_any_commit or previous.get("imgopt_commit") == commit)
                    ):
                        kept = str(previous.get("imgopt_commit"))[:10]
                        log(f"{app.name}: kept (measured with imgopt {kept})")
                        continue
                    log(f"{app.name}: start (load {_load()})")
                    # Read per app: the table may be extended while a long run goes on.
                    aliases = load_aliases(ALIASES.read_text(encoding="utf-8"))
                    row = analyse(app, aliases, engine, args.ceiling)
                    log(
                        f"{app.name}: {row['outcome']} {row.get('variant') or ''} "
                        f"in {row.get('wall_s')} s: {str(row.get('reason'))[:300]}"
                    )
                    write_index(collect(apps), REPORTS)
            except KeyboardInterrupt:
                log("interrupted (SIGINT); alias tags removed, finished apps kept")
                return 130
            except Stopped as e:
                log(f"stopped ({e}); alias tags removed, finished apps kept")
                return 128 + e.signum
    f = write_index(collect(apps), REPORTS)
    for line in figure_lines(f):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
