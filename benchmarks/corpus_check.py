"""Invariants of every rewrite on a corpus of real Dockerfiles: `lint --fix` and every `propose`
variant, checked against the original (issue 13).

For each Dockerfile of the corpus (default ``../shared/corpus/dockerfiles``, read-only: nothing is
written next to it; the build context is an empty temporary folder, since the corpus holds only
Dockerfiles), the safe fixes (what ``imgopt lint --fix`` writes) and every proposed variant are
checked for:

- ``reparse``: the output parses.
- ``runtime``: the final stage keeps the EXPOSE, ENV, USER, WORKDIR, ENTRYPOINT and CMD in effect
  in the original's final stage (followed through ``FROM <stage>`` chains).
- ``missing-ref``: no reference to a stage that does not exist (``COPY --from``, ``FROM``,
  ``--mount=from=``) and no context file the original does not read (nor one a proposed
  ``.dockerignore`` hides).
- ``apt-lists``: no apt command reads the package lists after a command of the file removed
  them, with no ``apt-get update`` in between (only where the original did not already).
- ``cwd``: no command of the original runs in a working directory the original never ran it in
  (a merged ``RUN`` carrying a ``cd``).
- ``apt-package``: every package an ``apt-get install`` of the output names exists in the Debian
  release of the stage's base image (``distro_of``), in Debian's real package index for that
  release, downloaded at run time from the Debian mirror configured in
  ``/etc/apt/sources.list.d`` (cached in ``~/.cache/imgopt/debian-packages``), or read from a
  snapshot (``--index-snapshot``). Only packages the original does not already install on the
  same release are checked: the original is the user's. Ubuntu releases cannot be checked here
  (no Ubuntu index is reachable) and neither can Debian releases the mirror no longer carries:
  those are counted as "not checked", never as passed.

A violation of ``lint --fix`` is attributed to the rules whose fixes, applied alone, reproduce
it (``combination`` when none does alone); a violation of a variant to the variant. Also
measured: files with at least one proposed variant, and seconds per file for ``propose``
(planning every variant), median and p95.

Run:  .venv/bin/python benchmarks/corpus_check.py [--jobs N] [--json OUT] [PATH...]
      .venv/bin/python benchmarks/corpus_check.py \\
          --write-snapshot tests/corpus/package_index.json tests/corpus/dockerfiles
Compare two commits with the same script:  PYTHONPATH=<worktree> .venv/bin/python \\
      benchmarks/corpus_check.py --no-packages ...
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import lzma
import multiprocessing.util
import os
import posixpath
import re
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "dockerfiles"
CACHE = Path.home() / ".cache" / "imgopt" / "debian-packages"

#: Debian releases by codename; an Ubuntu codename is "not checked" (no index reachable here).
UBUNTU = frozenset(
    [
        "trusty",
        "xenial",
        "bionic",
        "focal",
        "jammy",
        "noble",
        "precise",
        "lucid",
        "artful",
        "cosmic",
        "disco",
        "eoan",
        "groovy",
        "hirsute",
        "impish",
        "kinetic",
        "lunar",
        "mantic",
        "oracular",
        "zesty",
        "yakkety",
        "vivid",
        "wily",
        "utopic",
    ]
)
DEBIAN_COMPONENTS = ("main", "contrib", "non-free", "non-free-firmware")


# -- the facts of one Dockerfile ---------------------------------------------------------------


@dataclass
class Facts:
    """What the invariants compare, read from one parsed Dockerfile."""

    runtime: dict[str, Any]
    stage_names: set[str]
    n_stages: int
    external_froms: set[str]
    context_sources: list[str]
    lists_violations: Counter[str]
    cwds: dict[str, set[str]]
    packages: set[tuple[str, str]]  # (release or "", package)
    package_stage_release: dict[str, str] = field(default_factory=dict)


def _chain(df: Any, stage: Any) -> list[Any]:
    chain = [stage]
    seen = {stage.index}
    while chain[0].base_stage is not None and chain[0].base_stage not in seen:
        seen.add(chain[0].base_stage)
        chain.insert(0, df.stages[chain[0].base_stage])
    return chain


def _release(df: Any, stage: Any) -> str:
    from imgopt.knowledge import distro_of

    root = _chain(df, stage)[0]
    if root.image is None:
        return ""
    try:
        return distro_of(root.image) or ""
    except Exception:  # an unknown reference shape: no release
        return ""


def _norm_cmd(ins: Any) -> Any:
    if ins.is_exec_form:
        return ["exec", *ins.args]
    return ["shell", " ".join(ins.body.split())]


_VAR = re.compile(r"\$\{(\w+)\}|\$(\w+)")
_SHELL_SPECIAL = re.compile(r"[$;&|<>(){}*?~'\"\\`]")


def _expand(value: str, env: dict[str, str]) -> str:
    """``$X``/``${X}`` replaced by what the file set X to; variables of the base image stay."""
    return _VAR.sub(lambda m: env.get(m.group(1) or m.group(2), m.group(0)), value)


def _same_path(want: str, have: str) -> bool:
    """PATH keeps every directory it had, in the same order (a venv may be put in front)."""
    it = iter(have.split(":"))
    return all(any(d == h for h in it) for d in want.split(":"))


def _as_exec(form: Any, other: Any) -> Any:
    """A shell-form ENTRYPOINT/CMD of plain words runs the same program as its exec form when
    the other of the two is absent (with both, the shell form drops or changes the arguments)."""
    if form is None or other is not None or form[0] != "shell" or _SHELL_SPECIAL.search(form[1]):
        return form
    return ["exec", *form[1].split()]


def runtime_settings(df: Any) -> dict[str, Any]:
    """EXPOSE, ENV, USER, WORKDIR, ENTRYPOINT, CMD in effect in the final stage."""
    expose: set[str] = set()
    env: dict[str, str] = {}
    user = workdir = None
    entrypoint = cmd = None
    wd = "/"
    for stage in _chain(df, df.final_stage):
        for ins in stage.body:
            kw = ins.keyword
            if kw == "EXPOSE":
                expose.update(ins.args)
            elif kw == "ENV":
                for k, v in ins.key_values():
                    env[k] = _expand(v or "", env)
            elif kw == "USER":
                user = ins.args[0] if ins.args else ""
            elif kw == "WORKDIR":
                wd = posixpath.normpath(posixpath.join(wd, ins.args[0] if ins.args else "/"))
                workdir = wd
            elif kw == "ENTRYPOINT":
                entrypoint = _norm_cmd(ins)
            elif kw == "CMD":
                cmd = _norm_cmd(ins)
    return {
        "EXPOSE": sorted(expose),
        "ENV": env,
        "USER": user,
        "WORKDIR": workdir,
        "ENTRYPOINT": _as_exec(entrypoint, cmd),
        "CMD": _as_exec(cmd, entrypoint),
    }


def _words(cmd: Any) -> tuple[str, ...]:
    return tuple(cmd.effective_argv)


def _prog(cmd: Any) -> str:
    argv = _words(cmd)
    return argv[0].rsplit("/", 1)[-1] if argv else ""


# The harness reads shell commands with imgopt's parser only, never with imgopt's rule helpers
# (imgopt.rules.helpers has the same lists): it must judge any commit's rewrites, including
# those from before the helpers existed, by one fixed yardstick.
_APT_VALUE_OPTS = frozenset({"-o", "-c", "-t", "--option", "--config-file", "--target-release"})
_APT_READS = frozenset(
    [
        "install",
        "upgrade",
        "dist-upgrade",
        "full-upgrade",
        "build-dep",
        "source",
        "download",
        "reinstall",
    ]
)


def _apt_positionals(cmd: Any) -> list[str]:
    out: list[str] = []
    skip = False
    for a in _words(cmd)[1:]:
        if skip:
            skip = False
        elif a.startswith("-"):
            skip = a in _APT_VALUE_OPTS
        else:
            out.append(a)
    return out


def _apt_sub(cmd: Any) -> str | None:
    if _prog(cmd) not in ("apt-get", "apt", "aptitude"):
        return None
    pos = _apt_positionals(cmd)
    return pos[0] if pos else None


def _removes_lists(cmd: Any) -> bool:
    if _prog(cmd) != "rm":
        return False
    for a in _words(cmd)[1:]:
        p = a.rstrip("/")
        for suffix in ("/*", "/**"):
            if p.endswith(suffix):
                p = p[: -len(suffix)]
        if p and "/var/lib/apt/lists".startswith(p) and p.startswith("/var"):
            return True
    return False


def _lists_mounted(ins: Any) -> bool:
    """Whether a RUN mounts a cache over apt's lists (``/var/lib/apt[/lists]``); a tmpfs one is
    modelled the same way (a cache that is always cold would be stricter)."""
    for m in ins.flag_values("mount"):
        opts = dict(p.split("=", 1) if "=" in p else (p, "") for p in m.split(","))
        target = (opts.get("target") or opts.get("dst") or opts.get("destination") or "").rstrip(
            "/"
        )
        if opts.get("type") in ("cache", "tmpfs") and target in (
            "/var/lib/apt",
            "/var/lib/apt/lists",
        ):
            return True
    return False


def _cmd_text(cmd: Any) -> str:
    return " ".join(cmd.argv)


def _apt_key(cmd: Any) -> str:
    """An apt command without options and packages: fixes add both (``--no-install-recommends``,
    ``ca-certificates`` next to ``wget``); violations are compared by count per key."""
    return " ".join([_prog(cmd), *_apt_positionals(cmd)[:1]])


#: Programs whose effect does not depend on the working directory when they name no relative
#: path (package managers, user and locale tools): the cwd invariant skips them.
_CWD_FREE = frozenset(
    [
        "apt-get",
        "apt",
        "apt-cache",
        "aptitude",
        "apk",
        "yum",
        "dnf",
        "microdnf",
        "zypper",
        "useradd",
        "adduser",
        "groupadd",
        "addgroup",
        "usermod",
        "echo",
        "true",
        "set",
        "export",
        "ldconfig",
        "locale-gen",
        "update-ca-certificates",
        "update-alternatives",
        "dpkg-reconfigure",
    ]
)


def _cwd_matters(cmd: Any) -> bool:
    if _prog(cmd) in _CWD_FREE:
        return False
    args = [a for a in _words(cmd)[1:] if not a.startswith("-")]
    return not args or any(not a.startswith(("/", "http://", "https://", "$")) for a in args)


def _package(word: str) -> str | None:
    """The bare package name of an install argument, or None for what is not one (a local
    ``.deb``, a variable, a glob, a release pin ``pkg/release`` is kept as ``pkg``)."""
    if any(ch in word for ch in "$*?[{`") or word.endswith(".deb") or word.startswith(("/", ".")):
        return None
    name = re.split(r"[=:<>~]", word, maxsplit=1)[0].split("/", 1)[0]
    if name.endswith("-") and len(name) > 1:
        name = name[:-1]  # apt's "install pkg-" removes it
    return name.lower() if re.fullmatch(r"[a-z0-9][a-z0-9+.\-]+", name.lower()) else None


def facts(df: Any) -> Facts:
    from imgopt.dockerfile import run_commands

    runtime = runtime_settings(df)
    names = {s.name for s in df.stages if s.name}
    external = set()
    for s in df.stages:
        if s.base_stage is None:
            external.add(s.base_resolved.lower())
    sources: list[str] = []
    lists_bad: Counter[str] = Counter()
    cwds: dict[str, set[str]] = defaultdict(set)
    packages: set[tuple[str, str]] = set()
    for stage in df.stages:
        release = _release(df, stage)
        wd = "/"
        # Official Debian and Ubuntu images ship without apt lists; for other bases the
        # original is counted the same way, and only outputs worse than it count.
        removed = True
        cache_removed = layer_removed = True
        for st in _chain(df, stage):
            own = st.index == stage.index
            for ins in st.body:
                kw = ins.keyword
                if kw == "WORKDIR" and ins.args:
                    wd = posixpath.normpath(posixpath.join(wd, ins.args[0]))
                if kw in ("COPY", "ADD") and own:
                    if ins.flag("from"):
                        external.add(ins.flag("from").lower())
                    else:
                        words = [a for a in ins.args if not a.startswith("<<")]
                        for src in words[:-1]:
                            if not re.match(r"(?i)(https?|ftp|git)://|git@", src):
                                sources.append(posixpath.normpath(src.lstrip("/")) or ".")
                if kw != "RUN":
                    continue
                for m in ins.flag_values("mount"):
                    hit = re.search(r"(?:^|,)from=([^,]+)", m)
                    if hit:
                        external.add(hit.group(1).lower())
                cwd = wd
                # A cache mount on the lists hides the layer's own lists while the RUN runs: it
                # sees the cache (shared by every RUN of the build that mounts it, empty when
                # cold), and the layer's lists are as they were after it.
                mounted = _lists_mounted(ins)
                if mounted:
                    layer_removed, removed = removed, cache_removed
                for c in run_commands(ins):
                    sub = _apt_sub(c)
                    if sub == "update":
                        removed = False
                    elif (sub in _APT_READS or _prog(c) == "apt-cache") and removed and own:
                        lists_bad[_apt_key(c)] += 1
                    if _removes_lists(c):
                        removed = True
                    if own and cwd and _cwd_matters(c):
                        cwds[_cmd_text(c)].add(cwd)
                    if _prog(c) == "cd":
                        target = next((a for a in _words(c)[1:] if not a.startswith("-")), "~")
                        cwd = (
                            "/root"
                            if target == "~"
                            else ""
                            if "$" in target or target == "-" or not cwd
                            else posixpath.normpath(posixpath.join(cwd, target))
                        )
                    if own and sub == "install":
                        for w in _apt_positionals(c)[1:]:
                            name = _package(w)
                            if name:
                                packages.add((release, name))
                if mounted:
                    cache_removed, removed = removed, layer_removed
    return Facts(
        runtime=runtime,
        stage_names=names,
        n_stages=len(df.stages),
        external_froms=external,
        context_sources=sources,
        lists_violations=lists_bad,
        cwds=dict(cwds),
        packages=packages,
    )


# -- the invariants ----------------------------------------------------------------------------


def _covered(src: str, originals: Iterable[str]) -> bool:
    for o in originals:
        if o in (".", "*") or src == o or src.startswith(o + "/"):
            return True
        if any(ch in o for ch in "*?[") and fnmatch.fnmatchcase(src, o):
            return True
    return False


def _ignored(src: str, dockerignore: str) -> bool:
    hidden = False
    for raw in dockerignore.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        neg = line.startswith("!")
        pat = posixpath.normpath(line.lstrip("!").lstrip("/"))
        if fnmatch.fnmatchcase(src, pat) or src.startswith(pat + "/"):
            hidden = not neg
    return hidden


def check_output(
    orig: Any, orig_facts: Facts, text: str, dockerignore: str | None
) -> tuple[list[tuple[str, str]], Facts | None]:
    """Violations of one output against the original: ``[(invariant, detail)]`` and its facts."""
    from imgopt.dockerfile import parse
    from imgopt.errors import DockerfileParseError

    try:
        df = parse(text)
    except DockerfileParseError as exc:
        return [("reparse", str(exc))], None
    out: list[tuple[str, str]] = []
    got = facts(df)
    for key, want in orig_facts.runtime.items():
        have = got.runtime[key]
        if key == "ENV" and isinstance(want, dict):
            lost = {
                k: v
                for k, v in want.items()
                if have.get(k) != v and not (k == "PATH" and _same_path(v, have.get(k, "")))
            }
            if lost:
                out.append(("runtime", f"ENV changed or lost: {sorted(lost)[:5]}"))
        elif have != want:
            out.append(("runtime", f"{key}: {want!r} -> {have!r}"))
    for stage in df.stages:
        for ins in stage.body:
            ref = ins.flag("from") if ins.keyword == "COPY" else None
            if ref and not _ref_ok(ref, got, orig_facts):
                out.append(("missing-ref", f"line {ins.line}: COPY --from={ref}"))
    for src in got.context_sources:
        if not _covered(src, orig_facts.context_sources):
            out.append(("missing-ref", f"context file the original does not read: {src}"))
        elif dockerignore is not None and _ignored(src, dockerignore):
            out.append(("missing-ref", f"{src} is hidden by the proposed .dockerignore"))
    for bad, n in sorted((got.lists_violations - orig_facts.lists_violations).items()):
        out.append(("apt-lists", f"{n} more `{bad}` after the lists are removed"))
    for cmd, dirs in got.cwds.items():
        before = orig_facts.cwds.get(cmd)
        if before and "" not in before and dirs - before:
            out.append(("cwd", f"{cmd[:60]!r} ran in {sorted(before)}, now {sorted(dirs)}"))
    return out, got


def _ref_ok(ref: str, got: Facts, orig: Facts) -> bool:
    low = ref.lower()
    if low in got.stage_names or low in orig.external_froms:
        return True
    return low.isdigit() and int(low) < got.n_stages


# -- one file, in a worker ---------------------------------------------------------------------


@dataclass
class FileResult:
    name: str
    error: str | None = None
    seconds: float = 0.0
    variants: list[str] = field(default_factory=list)
    violations: list[tuple[str, str, str, str]] = field(default_factory=list)  # out, inv, who, why
    packages: list[tuple[str, str, str]] = field(default_factory=list)  # out, release, package


_EMPTY: list[Path] = []


def _context() -> Path:
    if not _EMPTY:
        folder = tempfile.mkdtemp(prefix="imgopt-corpus-ctx-")
        _EMPTY.append(Path(folder))
        # Removed when this process exits, a pool worker included (multiprocessing runs its
        # finalizers before a worker's os._exit, where atexit handlers never run).
        multiprocessing.util.Finalize(None, shutil.rmtree, args=(folder, True), exitpriority=0)
    return _EMPTY[0]


def check_file(path: str) -> FileResult:
    """Every check of one file; a crash of imgopt is itself a violation (``crash``)."""
    try:
        return _check_file(path)
    except Exception as exc:  # report it with the others, do not stop the run
        res = FileResult(name=Path(path).name)
        res.violations.append(("imgopt", "crash", "imgopt", f"{type(exc).__name__}: {exc}"))
        return res


def _check_file(path: str) -> FileResult:
    from imgopt.dockerfile import parse
    from imgopt.errors import DockerfileParseError
    from imgopt.rules import apply_fixes
    from imgopt.variants import plan_variants

    res = FileResult(name=Path(path).name)
    text = Path(path).read_bytes().decode("utf-8", "surrogateescape")
    try:
        df = parse(text, path=path)
    except DockerfileParseError as exc:
        res.error = f"does not parse (as in Docker): {exc}"
        return res
    ctx = _context()
    base = facts(df)
    outputs: list[tuple[str, str, str | None]] = []
    # Planned first: timed with cold caches, as `imgopt propose FILE` runs.
    t0 = time.perf_counter()
    plan = plan_variants(df, path=path, context_dir=ctx, image_available=lambda ref: True)
    res.seconds = time.perf_counter() - t0
    fixed = apply_fixes(df, context_dir=ctx)
    outputs.append(("lint-fix", fixed.text, fixed.dockerignore))
    for v in plan.variants[1:]:
        res.variants.append(v.name)
        outputs.append((v.name, v.dockerfile, v.dockerignore))
    for label, out_text, ignore in outputs:
        found, got = check_output(df, base, out_text, ignore)
        for inv, why in found:
            who = label
            if label == "lint-fix":
                who = _blame(df, ctx, base, inv, [f.code for f in fixed.applied])
            res.violations.append((label, inv, who, why))
        if got is not None:
            for release, pkg in sorted(got.packages - base.packages):
                res.packages.append((label, release, pkg))
    return res


def _blame(df: Any, ctx: Path, base: Facts, inv: str, codes: Sequence[str]) -> str:
    """The rules whose fixes alone reproduce an invariant violation of ``lint --fix``."""
    from imgopt.rules import apply_fixes

    guilty = []
    for code in sorted(set(codes)):
        alone = apply_fixes(df, context_dir=ctx, select=[code])
        found, _ = check_output(df, base, alone.text, alone.dockerignore)
        if any(i == inv for i, _ in found):
            guilty.append(code)
    return "+".join(guilty) or "combination of " + "+".join(sorted(set(codes)))


# -- Debian's package index --------------------------------------------------------------------


def debian_mirror() -> str | None:
    """The Debian archive URI configured for apt on this machine (read at run time)."""
    d = Path("/etc/apt/sources.list.d")
    files = sorted(d.glob("*.sources")) + sorted(d.glob("*.list"))
    main = Path("/etc/apt/sources.list")
    if main.exists():
        files.append(main)
    for f in files:
        try:
            text = f.read_text()
        except OSError:
            continue
        for uri in re.findall(r"(?:URIs:\s*|^deb\s+(?:\[[^\]]*\]\s+)?)(\S+)", text, re.M):
            if uri.rstrip("/").endswith("/debian"):
                return str(uri).rstrip("/")
    return None


def debian_packages(release: str) -> frozenset[str] | None:
    """Every package name (and virtual name a package provides) of a Debian release's main,
    contrib and non-free components plus its -updates suite; None when the mirror does not
    carry the release."""
    cache = CACHE / f"{release}.txt"
    if cache.exists():
        return frozenset(cache.read_text().split())
    mirror = debian_mirror()
    if mirror is None:
        return None
    names: set[str] = set()
    got_main = False
    for suite in (release, f"{release}-updates"):
        for comp in DEBIAN_COMPONENTS:
            url = f"{mirror}/dists/{suite}/{comp}/binary-amd64/Packages.xz"
            try:
                with urllib.request.urlopen(url, timeout=60) as resp:
                    data = lzma.decompress(resp.read()).decode("utf-8", "replace")
            except Exception:
                continue
            got_main = got_main or (suite == release and comp == "main")
            for line in data.splitlines():
                if line.startswith("Package: "):
                    names.add(line[9:].strip())
                elif line.startswith("Provides: "):
                    for item in line[10:].split(","):
                        names.add(item.strip().split(" ", 1)[0])
    if not got_main:
        return None
    CACHE.mkdir(parents=True, exist_ok=True)
    cache.write_text("\n".join(sorted(names)) + "\n")
    return frozenset(names)


class PackageIndex:
    """Answers "is PACKAGE in RELEASE" from Debian's index or from a committed snapshot."""

    def __init__(self, snapshot: dict[str, dict[str, bool]] | None = None) -> None:
        self.snapshot = snapshot
        self._sets: dict[str, frozenset[str] | None] = {}
        self.asked: dict[str, dict[str, bool]] = defaultdict(dict)
        self.not_in_snapshot: set[tuple[str, str]] = set()

    def has(self, release: str, pkg: str) -> bool | None:
        """True/False, or None when the release cannot be checked here."""
        if not release or release in UBUNTU:
            return None
        if self.snapshot is not None:
            known = self.snapshot.get(release)
            if known is not None and pkg not in known:
                self.not_in_snapshot.add((release, pkg))
                return None
            return None if known is None else known[pkg]
        if release not in self._sets:
            self._sets[release] = debian_packages(release)
        names = self._sets[release]
        if names is None:
            return None
        found = pkg in names
        self.asked[release][pkg] = found
        return found


# -- the run -----------------------------------------------------------------------------------


def corpus_files(paths: Sequence[str]) -> list[str]:
    out: list[str] = []
    for raw in paths or [str(DEFAULT_CORPUS)]:
        p = Path(raw)
        if p.is_dir():
            out += sorted(str(f) for f in p.iterdir() if f.is_file() and "Dockerfile" in f.name)
        else:
            out.append(str(p))
    return out


def run(
    paths: Sequence[str], *, jobs: int | None = None, index: PackageIndex | None = None
) -> dict[str, Any]:
    """Check every file; the summary as a JSON-ready mapping (``violations`` lists them all)."""
    from imgopt.workers import map_ordered

    files = corpus_files(paths)
    t0 = time.perf_counter()
    results = list(map_ordered(check_file, files, jobs=jobs))
    wall = time.perf_counter() - t0
    violations: list[dict[str, str]] = []
    unchecked: Counter[str] = Counter()
    checked = 0
    for r in results:
        for out, inv, who, why in r.violations:
            violations.append(
                {"file": r.name, "output": out, "invariant": inv, "by": who, "why": why}
            )
        for out, release, pkg in r.packages:
            if index is None:
                unchecked["--no-packages"] += 1
                continue
            found = index.has(release, pkg)
            if found is None:
                unchecked[release or "no known release"] += 1
            elif found:
                checked += 1
            else:
                checked += 1
                violations.append(
                    {
                        "file": r.name,
                        "output": out,
                        "invariant": "apt-package",
                        "by": out,
                        "why": f"{pkg} is not in Debian {release}",
                    }
                )
    parsed = [r for r in results if r.error is None]
    secs = sorted(r.seconds for r in parsed)
    return {
        "files": len(results),
        "parsed": len(parsed),
        "not_parsed": [f"{r.name}: {r.error}" for r in results if r.error],
        "with_variant": sum(1 for r in parsed if r.variants),
        "variants": dict(Counter(v for r in parsed for v in r.variants)),
        "propose_seconds_median": statistics.median(secs) if secs else 0.0,
        "propose_seconds_p95": secs[int(0.95 * (len(secs) - 1))] if secs else 0.0,
        "wall_seconds": wall,
        "violations": violations,
        "by_invariant": dict(Counter(v["invariant"] for v in violations)),
        "by_output": dict(Counter(v["output"] for v in violations)),
        "by_rule_or_variant": dict(Counter(v["by"] for v in violations)),
        "packages_checked": checked,
        "packages_not_checked": dict(unchecked),
        "not_in_snapshot": sorted(index.not_in_snapshot) if index is not None else [],
    }


def render(summary: dict[str, Any]) -> Iterator[str]:
    yield f"files: {summary['files']} (parsed {summary['parsed']})"
    for line in summary["not_parsed"]:
        yield f"  not parsed: {line}"
    yield f"files with at least one variant: {summary['with_variant']}"
    yield f"variants proposed: {json.dumps(summary['variants'], sort_keys=True)}"
    yield (
        f"propose seconds per file: median {summary['propose_seconds_median']:.4f}, "
        f"p95 {summary['propose_seconds_p95']:.4f} (wall {summary['wall_seconds']:.1f} s)"
    )
    yield f"violations: {len(summary['violations'])}"
    for key in ("by_invariant", "by_output", "by_rule_or_variant"):
        yield f"  {key}: {json.dumps(summary[key], sort_keys=True)}"
    yield (
        f"apt packages checked against Debian's index: {summary['packages_checked']}; "
        f"not checked: {json.dumps(summary['packages_not_checked'], sort_keys=True)}"
    )
    if summary["not_in_snapshot"]:
        yield f"package names missing from the snapshot: {summary['not_in_snapshot'][:20]}"
    for v in summary["violations"]:
        yield f"  {v['file']} [{v['output']}] {v['invariant']} ({v['by']}): {v['why']}"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    ap.add_argument("paths", nargs="*", help="Dockerfiles or folders (default: the shared corpus)")
    ap.add_argument("--jobs", type=int, default=None, help="worker processes (default: cores)")
    ap.add_argument("--json", help="write the whole summary as JSON here")
    ap.add_argument("--no-packages", action="store_true", help="skip the package-index check")
    ap.add_argument("--index-snapshot", help="answer package questions from this snapshot")
    ap.add_argument("--write-snapshot", help="write the package answers used to this file")
    ap.add_argument(
        "--save-release-index",
        nargs=2,
        metavar=("RELEASE", "PATH"),
        help="only write every package name of a Debian release, xz-compressed, to PATH "
        "(imgopt/knowledge/packages/debian-RELEASE.txt.xz)",
    )
    args = ap.parse_args(argv)
    if args.save_release_index:
        release, target = args.save_release_index
        names = debian_packages(release)
        if names is None:
            print(f"corpus_check: error: no index of {release} on the mirror", file=sys.stderr)
            return 2
        data = ("\n".join(sorted(names)) + "\n").encode()
        Path(target).write_bytes(lzma.compress(data, preset=9))
        print(f"{target}: {len(names)} names of Debian {release}")
        return 0
    index: PackageIndex | None = None
    if not args.no_packages:
        snap = json.loads(Path(args.index_snapshot).read_text()) if args.index_snapshot else None
        index = PackageIndex(snap)
    summary = run(args.paths, jobs=args.jobs, index=index)
    for line in render(summary):
        print(line)
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=1, sort_keys=True) + "\n")
    if args.write_snapshot and index is not None:
        snap = {r: dict(sorted(v.items())) for r, v in sorted(index.asked.items())}
        Path(args.write_snapshot).write_text(json.dumps(snap, indent=0, sort_keys=True) + "\n")
    return 1 if summary["violations"] else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
