"""Build the offline stand-in base images (debian, python, node, golang, distroless...).

No public registry is reachable on the project's machines, so the base images that sample apps
and imgopt's variants start FROM are made here from Debian packages and tagged with the official
names (and, with ``--push``, pushed to the local registry that the engine uses as docker.io's
mirror). What to build is data: ``standins/recipes.toml`` lists each recipe (a directory with a
Dockerfile, or a debootstrap script for the root images) and the names it is tagged with.

Each image is built only when it is absent or its recipe changed: the label
``org.imgopt.standin.recipe-hash`` holds a hash of the recipe's files, of the host inputs copied
into it (CA bundle, apt sources) and of the recipes it is built FROM, so changing debian's recipe
rebuilds everything above it. An image under an official name that lacks the
``org.imgopt.standin=true`` label is a real image (pulled or loaded) and is never replaced. A
recipe is built under a temporary tag and only retagged to its official names once it succeeded,
so a failure leaves no half-built image under an official name.

Usage (the console gets one line per image; build output goes to the log, standins/build.log):

    .venv/bin/python standins/build.py                 # build what is missing or out of date
    .venv/bin/python standins/build.py --group real-deps   # + the real apps' redis, mariadb...
    .venv/bin/python standins/build.py --group real-bases  # + Debian 11, Python 3.9 (old tags)
    .venv/bin/python standins/build.py --only python-3.11-slim-bookworm --force
    .venv/bin/python standins/build.py --force --no-cache  # everything from nothing (timing)
    .venv/bin/python standins/build.py --sizes [--update-readme]

Exit status: 0 when every stand-in is current (or deliberately skipped), 1 when a recipe failed
(or, with --check, when something would be built), 2 on bad usage or a missing prerequisite (no
engine, no Debian mirror, not root for debootstrap...).
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import graphlib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

HERE = Path(__file__).resolve().parent
DEFAULT_MANIFEST = HERE / "recipes.toml"
DEFAULT_LOG = HERE / "build.log"
README = HERE / "README.md"

LABEL_STANDIN = "org.imgopt.standin"
LABEL_HASH = "org.imgopt.standin.recipe-hash"
LABEL_RECIPE = "org.imgopt.standin.recipe"
LABEL_FROM = "org.imgopt.standin.built-from"
# Bump when this driver changes how images are made, so existing stand-ins count as outdated.
DRIVER_VERSION = "1"
TMP_REPO = "imgopt-standin-tmp"
DEFAULT_GROUP = "base"

HOST_SOURCES = Path("/etc/apt/sources.list.d/debian.sources")
HOST_SOURCES_LIST = Path("/etc/apt/sources.list")
HOST_CA_BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")
HOST_DEBIAN_CAS = Path("/usr/share/ca-certificates")
# The Debian release the host's apt sources list and every recipe builds on unless it names
# another `suite` (the real-app benchmark's bullseye images): another suite is fetched from the
# same mirrors, with the host's suite names renamed (bookworm-updates -> bullseye-updates).
SUITE = "bookworm"
PEM_RE = re.compile(r"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", re.S)


class StandinError(Exception):
    """A prerequisite is missing or the input is wrong (exit status 2)."""


@dataclass(frozen=True)
class Recipe:
    """One stand-in image: where its recipe lives and which names it is tagged with.

    Attributes:
        name: Recipe name, unique in the manifest (also its directory name by default).
        directory: Directory holding the recipe's files; all of them go into its hash.
        kind: ``dockerfile`` (built with BuildKit) or ``debootstrap`` (mkroot.sh + docker import).
        tags: The official names, the first one primary.
        built_from: What the image is made of, for the ``built-from`` label.
        group: Which run builds it: ``base`` (the default run: bootstrap, CI) or an opt-in group
            such as ``real-deps``, built only when asked for with ``--group``.
        suite: The Debian release its packages come from (``bookworm`` unless the manifest says
            otherwise): which apt sources its root image gets and which host inputs its hash
            covers. A recipe and the recipes it is built FROM have the same suite.
        reference_image: The official image whose size is given as a reference, if any.
        reference_mb: That image's uncompressed size in MB (10**6 bytes): a reference value,
            not measured here (no registry is reachable).
        reference_source: Where the reference value comes from, and when.
        bases: Names of the recipes whose images this one is built FROM (filled in from the
            Dockerfile's FROM lines).
    """

    name: str
    directory: Path
    kind: str
    tags: tuple[str, ...]
    built_from: str
    group: str = "base"
    suite: str = SUITE
    reference_image: str | None = None
    reference_mb: float | None = None
    reference_source: str | None = None
    bases: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class HostInputs:
    """Files taken from the host at build time (never committed): they go into images and hashes."""

    mirror: str
    sources: str
    ca_bundle: bytes
    extra_cas: tuple[str, ...]

    def digest(self) -> str:
        """Hash of everything that is copied into the images."""
        h = hashlib.sha256()
        for part in (self.sources.encode(), self.ca_bundle, *(c.encode() for c in self.extra_cas)):
            h.update(hashlib.sha256(part).digest())
        return h.hexdigest()

    def write(self, directory: Path) -> None:
        """Lay the inputs out as the recipes expect them (named build context ``hostfiles``)."""
        (directory / "extra-ca").mkdir(parents=True)
        (directory / "debian.sources").write_text(self.sources)
        (directory / "ca-certificates.crt").write_bytes(self.ca_bundle)
        for i, pem in enumerate(self.extra_cas, 1):
            (directory / "extra-ca" / f"imgopt-host-ca-{i}.crt").write_text(pem + "\n")


@dataclass(frozen=True)
class ImageState:
    """What the engine holds under one name."""

    image_id: str
    labels: dict[str, str]
    size: int

    @property
    def is_standin(self) -> bool:
        return self.labels.get(LABEL_STANDIN) == "true"


# --------------------------------------------------------------------------------------------
# Manifest and hashes


def normalize_tag(tag: str) -> str:
    """``gcr.io/distroless/static-debian12`` -> ``...:latest``, as the engine lists it."""
    last = tag.rsplit("/", 1)[-1]
    return tag if ":" in last else f"{tag}:latest"


def from_refs(dockerfile: Path) -> list[str]:
    """Images a Dockerfile builds on: FROM lines and ``COPY --from=IMAGE`` (not stage names)."""
    refs: list[str] = []
    stages: set[str] = set()
    for line in dockerfile.read_text().splitlines():
        words = line.split()
        if len(words) < 2:
            continue
        if words[0].upper() == "COPY":
            ref = next((w[len("--from=") :] for w in words if w.startswith("--from=")), "")
        elif words[0].upper() == "FROM":
            args = [w for w in words[1:] if not w.startswith("--")]
            ref = args[0]
            if len(args) >= 3 and args[1].upper() == "AS":
                stages.add(args[2].lower())
        else:
            continue
        if ref and ref != "scratch" and ref.lower() not in stages and not ref.isdigit():
            refs.append(ref)
    return refs


def load_manifest(path: Path) -> list[Recipe]:
    """Read the recipe list; bases are the recipes whose tags a Dockerfile names in FROM.

    Raises:
        StandinError: if the manifest is malformed or a recipe directory is incomplete.
    """
    try:
        data = tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise StandinError(f"cannot read recipe manifest {path}: {exc}") from exc
    raw = data.get("recipe", [])
    if not raw:
        raise StandinError(f"{path}: no [[recipe]] entries")
    recipes: list[Recipe] = []
    for entry in raw:
        try:
            name = entry["name"]
            recipe = Recipe(
                name=name,
                directory=(path.parent / entry.get("dir", f"recipes/{name}")).resolve(),
                kind=entry.get("kind", "dockerfile"),
                tags=tuple(entry["tags"]),
                built_from=entry["built_from"],
                group=entry.get("group", DEFAULT_GROUP),
                suite=entry.get("suite", SUITE),
                reference_image=entry.get("reference_image"),
                reference_mb=entry.get("reference_mb"),
                reference_source=entry.get("reference_source"),
            )
        except (KeyError, TypeError) as exc:
            raise StandinError(f"{path}: recipe entry {entry!r} lacks {exc}") from exc
        if recipe.reference_mb is not None and not (
            recipe.reference_image and recipe.reference_source
        ):
            raise StandinError(
                f"{path}: recipe {name}: reference_mb needs reference_image and reference_source"
            )
        needed = "mkroot.sh" if recipe.kind == "debootstrap" else "Dockerfile"
        if recipe.kind not in {"dockerfile", "debootstrap"}:
            raise StandinError(f"{path}: recipe {name}: unknown kind {recipe.kind!r}")
        if not (recipe.directory / needed).is_file():
            raise StandinError(f"{path}: recipe {name}: {recipe.directory / needed} is missing")
        if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", name):
            raise StandinError(f"{path}: recipe name {name!r} must be lower-case [a-z0-9._-]")
        if not isinstance(recipe.suite, str) or not re.fullmatch(r"[a-z]+", recipe.suite):
            raise StandinError(f"{path}: recipe {name}: suite {recipe.suite!r} is not a codename")
        recipes.append(recipe)

    owner: dict[str, str] = {}
    for r in recipes:
        for tag in r.tags:
            if normalize_tag(tag) in owner:
                raise StandinError(f"{path}: tag {tag} is listed twice")
            owner[normalize_tag(tag)] = r.name
    if len({r.name for r in recipes}) != len(recipes):
        raise StandinError(f"{path}: recipe names must be unique")

    resolved: list[Recipe] = []
    for r in recipes:
        bases: list[str] = []
        if r.kind == "dockerfile":
            for ref in from_refs(r.directory / "Dockerfile"):
                base = owner.get(normalize_tag(ref))
                if base and base not in bases and base != r.name:
                    bases.append(base)
        resolved.append(Recipe(**{**r.__dict__, "bases": tuple(bases)}))
    suites = {r.name: r.suite for r in resolved}
    for r in resolved:
        other = next((b for b in r.bases if suites[b] != r.suite), None)
        if other:
            raise StandinError(
                f"{path}: recipe {r.name} (suite {r.suite}) is built FROM {other} "
                f"(suite {suites[other]}); set the same suite on both"
            )
    return resolved


def build_order(recipes: Sequence[Recipe]) -> list[Recipe]:
    """Recipes sorted so that every base comes before the recipes built FROM it."""
    by_name = {r.name: r for r in recipes}
    sorter = graphlib.TopologicalSorter({r.name: r.bases for r in recipes})
    try:
        order = list(sorter.static_order())
    except graphlib.CycleError as exc:
        raise StandinError(f"recipes build FROM each other in a cycle: {exc.args[1]}") from exc
    return [by_name[n] for n in order]


def recipe_files_digest(directory: Path) -> str:
    """Hash of every file under a recipe directory: relative path, executable bit, content."""
    h = hashlib.sha256()
    for p in sorted(directory.rglob("*")):
        if p.is_dir() or "__pycache__" in p.parts:
            continue
        rel = p.relative_to(directory).as_posix()
        mode = "x" if os.access(p, os.X_OK) else "-"
        h.update(f"{rel}\0{mode}\0".encode())
        h.update(p.read_bytes() if not p.is_symlink() else os.readlink(p).encode())
        h.update(b"\0")
    return h.hexdigest()


def recipe_hashes(
    recipes: Sequence[Recipe], host_digest: str, suite_digests: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The recipe hash of every recipe, including those of the recipes it builds on.

    ``host_digest`` is that of the host inputs for the default suite; a recipe of another suite
    takes its suite's from ``suite_digests``, or else from the host's inputs for that suite (its
    apt sources differ).

    Raises:
        StandinError: when the host has no Debian source for a recipe's suite.
    """
    hashes: dict[str, str] = {}
    digests = {SUITE: host_digest, **(suite_digests or {})}
    for r in build_order(recipes):
        if r.suite not in digests:
            digests[r.suite] = host_inputs(r.suite).digest()
        h = hashlib.sha256()
        for part in (
            DRIVER_VERSION,
            r.kind,
            r.built_from,
            recipe_files_digest(r.directory),
            digests[r.suite],
            *(hashes[b] for b in r.bases),
        ):
            h.update(part.encode() + b"\0")
        hashes[r.name] = h.hexdigest()[:32]
    return hashes


# --------------------------------------------------------------------------------------------
# Host inputs


def parse_deb822(text: str) -> list[dict[str, str]]:
    """Stanzas of a deb822 file as dicts (continuation lines joined, comments dropped)."""
    stanzas: list[dict[str, str]] = []
    current: dict[str, str] = {}
    key = ""
    for line in [*text.splitlines(), ""]:
        if line.startswith("#"):
            continue
        if not line.strip():
            if current:
                stanzas.append(current)
            current, key = {}, ""
        elif line[0].isspace() and key:
            current[key] += " " + line.strip()
        elif ":" in line:
            key, _, value = line.partition(":")
            key = key.strip()
            current[key] = value.strip()
    return stanzas


def host_apt_entries(codename: str) -> list[tuple[str, list[str]]]:
    """(URI, suites) of the host's Debian sources for one release (``bookworm``: ``bookworm``,
    ``bookworm-updates``, ``bookworm-security``), from the deb822 file or else sources.list."""
    entries: list[tuple[str, list[str]]] = []
    if HOST_SOURCES.is_file():
        for st in parse_deb822(HOST_SOURCES.read_text()):
            if "deb" not in st.get("Types", "").split():
                continue
            suites = [s for s in st.get("Suites", "").split() if s.split("-")[0] == codename]
            for uri in st.get("URIs", "").split():
                if suites:
                    entries.append((uri, suites))
    elif HOST_SOURCES_LIST.is_file():
        for line in HOST_SOURCES_LIST.read_text().splitlines():
            words = [w for w in line.split() if not w.startswith("[")]
            if len(words) >= 3 and words[0] == "deb" and words[2].split("-")[0] == codename:
                entries.append((words[1], [words[2]]))
    return entries


def host_apt_sources(suite: str = SUITE) -> tuple[str, str]:
    """The host's Debian mirror for ``suite`` and a deb822 sources file for the images.

    Only that release's suites are kept (the host may also list trixie for the engine's
    packages). The mirror host names are read here, at run time, and never written into the
    repository. A release the host does not list (``bullseye`` on a bookworm host) gets the
    host's bookworm mirrors with the codename renamed: ``bookworm``, ``bookworm-updates``,
    ``bookworm-security`` become ``bullseye``, ``bullseye-updates``, ``bullseye-security``
    (Debian's mirrors serve every supported release).

    Raises:
        StandinError: when the host has no Debian source for ``suite`` or bookworm.
    """
    entries = host_apt_entries(suite)
    if not entries and suite != SUITE:
        entries = [
            (uri, [rename_suite(s, suite) for s in suites])
            for uri, suites in host_apt_entries(SUITE)
        ]
    mirror = next((uri for uri, suites in entries if suite in suites), None)
    if mirror is None:
        raise StandinError(
            f"no Debian {suite} mirror found in {HOST_SOURCES} or {HOST_SOURCES_LIST}; "
            "the stand-in images are made from Debian packages and need one"
        )
    stanzas = [
        "\n".join(
            [
                "Types: deb",
                f"URIs: {uri}",
                f"Suites: {' '.join(suites)}",
                "Components: main",
                "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg",
            ]
        )
        for uri, suites in entries
    ]
    return mirror, "\n\n".join(stanzas) + "\n"


def rename_suite(host_suite: str, suite: str) -> str:
    """``bookworm-security`` -> ``bullseye-security`` for suite ``bullseye``."""
    _, dash, kind = host_suite.partition("-")
    return f"{suite}{dash}{kind}"


def host_cas() -> tuple[bytes, tuple[str, ...]]:
    """The host's CA bundle, and the CAs in it that Debian's ca-certificates does not ship.

    Outbound TLS on the project's machines is re-signed by a local CA that only the host trusts;
    those extra CAs must survive a later ``apt-get install ca-certificates`` inside an image.

    Raises:
        StandinError: when the host has no CA bundle.
    """
    try:
        bundle = HOST_CA_BUNDLE.read_bytes()
    except OSError as exc:
        raise StandinError(
            f"cannot read the host CA bundle {HOST_CA_BUNDLE} ({exc}); install ca-certificates"
        ) from exc
    known: set[str] = set()
    for crt in HOST_DEBIAN_CAS.rglob("*.crt") if HOST_DEBIAN_CAS.is_dir() else []:
        known.update("".join(m.split()) for m in PEM_RE.findall(crt.read_text(errors="replace")))
    extras = tuple(
        pem
        for pem in PEM_RE.findall(bundle.decode(errors="replace"))
        if "".join(pem.split()) not in known
    )
    return bundle, extras


def host_inputs(suite: str = SUITE) -> HostInputs:
    mirror, sources = host_apt_sources(suite)
    bundle, extras = host_cas()
    return HostInputs(mirror=mirror, sources=sources, ca_bundle=bundle, extra_cas=extras)


# --------------------------------------------------------------------------------------------
# Engine


def docker(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run the docker CLI, capturing its output."""
    try:
        proc = subprocess.run(["docker", *args], capture_output=True, text=True)
    except OSError as exc:
        raise StandinError(f"cannot run docker: {exc}") from exc
    if check and proc.returncode != 0:
        raise StandinError(f"docker {' '.join(args[:3])} failed: {proc.stderr.strip()[:500]}")
    return proc


def inspect_images(tags: Sequence[str]) -> dict[str, ImageState]:
    """What the engine holds under each name (missing names are absent), in one docker call."""
    if not tags:
        return {}
    proc = docker(
        "image",
        "inspect",
        "--format",
        "{{json .RepoTags}}\t{{.Id}}\t{{.Size}}\t{{json .Config.Labels}}",
        *tags,
        check=False,
    )
    if proc.returncode != 0 and "No such image" not in proc.stderr:
        raise StandinError(f"docker image inspect failed: {proc.stderr.strip()[:500]}")
    found: dict[str, ImageState] = {}
    for line in proc.stdout.splitlines():
        if not line.strip():
            continue
        repo_tags, image_id, size, labels = line.split("\t")
        state = ImageState(image_id, json.loads(labels) or {}, int(size))
        for t in json.loads(repo_tags) or []:
            found[t] = state
    return {t: found[normalize_tag(t)] for t in tags if normalize_tag(t) in found}


def check_engine() -> None:
    proc = docker("version", "--format", "{{.Server.Version}}", check=False)
    if proc.returncode != 0:
        raise StandinError(
            "no Docker engine answers (run scripts/setup-engine.sh): " + proc.stderr.strip()[:300]
        )


def check_builder() -> None:
    """BuildKit must be the engine's own (docker driver), so FROM finds the local stand-ins."""
    proc = docker("buildx", "inspect", check=False)
    if proc.returncode != 0:
        raise StandinError("docker buildx is missing (run scripts/setup-engine.sh)")
    driver = re.search(r"^Driver:\s*(\S+)", proc.stdout, re.M)
    if not driver or driver.group(1) != "docker":
        raise StandinError(
            "the current buildx builder does not use the docker driver, so it cannot see local "
            "images; run `docker buildx use default`"
        )


@contextlib.contextmanager
def engine_lock() -> Iterator[None]:
    """One build.py at a time per machine: a second run waits, then finds everything current."""
    path = Path(tempfile.gettempdir()) / "imgopt-standins.lock"
    with path.open("a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("stand-ins: another build.py is running; waiting for it", file=sys.stderr)
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def remove_leftover_tmp_tags() -> None:
    """Temporary tags of an interrupted earlier run (only ours: the imgopt-standin-tmp repo)."""
    proc = docker("images", "--format", "{{.Repository}}:{{.Tag}}", TMP_REPO, check=False)
    leftovers = [t for t in proc.stdout.split() if t.startswith(f"{TMP_REPO}:")]
    if leftovers:
        docker("rmi", *leftovers, check=False)


# --------------------------------------------------------------------------------------------
# Building


def label_args(recipe: Recipe, recipe_hash: str, repo_root: Path) -> dict[str, str]:
    try:
        shown = recipe.directory.relative_to(repo_root).as_posix()
    except ValueError:
        shown = recipe.directory.as_posix()
    return {
        LABEL_STANDIN: "true",
        LABEL_HASH: recipe_hash,
        LABEL_RECIPE: shown,
        LABEL_FROM: recipe.built_from,
    }


def run_logged(cmd: Sequence[str], log: IO[str], **kwargs: Any) -> int:
    log.write(f"$ {' '.join(cmd)}\n")
    log.flush()
    return subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, **kwargs).returncode


def ensure_debootstrap(log: IO[str]) -> None:
    if os.geteuid() != 0:
        raise StandinError("the debian root images need debootstrap, which must run as root")
    if shutil.which("debootstrap"):
        return
    print("stand-ins: installing debootstrap (apt-get)", file=sys.stderr)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "--no-install-recommends", "debootstrap"]
    # A fresh machine may have no package lists yet: update once and retry.
    if run_logged(install, log, env=env) != 0 and (
        run_logged(["apt-get", "update"], log, env=env) != 0 or run_logged(install, log, env=env)
    ):
        raise StandinError(f"apt-get install debootstrap failed; see {log.name}")


def build_debootstrap(
    recipe: Recipe,
    tmp_tag: str,
    labels: dict[str, str],
    host: HostInputs,
    hostdir: Path,
    log: IO[str],
) -> bool:
    """mkroot.sh into a scratch directory, then tar | docker import with the recipe's config."""
    ensure_debootstrap(log)
    work = Path(tempfile.mkdtemp(prefix=f"imgopt-standin-{recipe.name}-", dir="/var/tmp"))
    try:
        root = work / "root"
        root.mkdir()
        cmd = ["bash", str(recipe.directory / "mkroot.sh"), str(root), host.mirror, str(hostdir)]
        if run_logged(cmd, log) != 0:
            return False
        changes: list[str] = []
        config = recipe.directory / "image-config"
        if config.is_file():
            for line in config.read_text().splitlines():
                if line.strip() and not line.lstrip().startswith("#"):
                    changes += ["--change", line.strip()]
        for key, value in labels.items():
            changes += ["--change", f"LABEL {key}={json.dumps(value)}"]
        tar_cmd = ["tar", "--numeric-owner", "--xattrs", "--xattrs-include=*", "-C", str(root)]
        tar_cmd += ["--exclude=./dev/*", "--exclude=./proc/*", "--exclude=./sys/*", "-cf", "-", "."]
        import_cmd = ["docker", "import", *changes, "-", tmp_tag]
        log.write(f"$ {' '.join(tar_cmd)} | {' '.join(import_cmd)}\n")
        log.flush()
        tar = subprocess.Popen(tar_cmd, stdout=subprocess.PIPE, stderr=log)
        imp = subprocess.run(import_cmd, stdin=tar.stdout, stdout=log, stderr=subprocess.STDOUT)
        assert tar.stdout is not None
        tar.stdout.close()
        return tar.wait() == 0 and imp.returncode == 0
    finally:
        unmount_below(work)
        shutil.rmtree(work, ignore_errors=True)


def unmount_below(directory: Path) -> None:
    """Unmount what an interrupted debootstrap left mounted in its root (/proc, /sys) first."""
    try:
        mounts = [line.split()[1] for line in Path("/proc/mounts").read_text().splitlines()]
    except OSError:
        return
    prefix = str(directory) + "/"
    for target in sorted((m for m in mounts if m.startswith(prefix)), reverse=True):
        subprocess.run(["umount", "-l", target], capture_output=True)


def build_dockerfile(
    recipe: Recipe,
    tmp_tag: str,
    labels: dict[str, str],
    hostdir: Path,
    log: IO[str],
    no_cache: bool = False,
) -> bool:
    """BuildKit build of the recipe directory; host files come in as the context ``hostfiles``."""
    cmd = ["docker", "buildx", "build", "--load", "--progress=plain", "--tag", tmp_tag]
    if no_cache:
        cmd.append("--no-cache")
    cmd += ["--build-context", f"hostfiles={hostdir}"]
    for key, value in labels.items():
        cmd += ["--label", f"{key}={value}"]
    cmd += ["--file", str(recipe.directory / "Dockerfile"), str(recipe.directory)]
    return run_logged(cmd, log) == 0


@dataclass
class Outcome:
    status: str  # built, retagged, current, skipped, FAILED
    seconds: float
    note: str = ""


class Builder:
    """Brings every selected recipe's images up to date, one recipe at a time, in FROM order."""

    def __init__(
        self,
        recipes: Sequence[Recipe],
        log: IO[str],
        *,
        force: frozenset[str] = frozenset(),
        no_cache: bool = False,
        check_only: bool = False,
        extra_labels: dict[str, str] | None = None,
        repo_root: Path = HERE.parent,
    ) -> None:
        self.recipes = build_order(recipes)
        self.log = log
        self.force = force
        self.no_cache = no_cache
        self.check_only = check_only
        self.extra_labels = extra_labels or {}
        self.repo_root = repo_root
        self._host: dict[str, HostInputs] = {}
        self._hostdir: dict[str, Path] = {}
        self._checked_builder = False

    def host(self, suite: str = SUITE) -> HostInputs:
        if suite not in self._host:
            self._host[suite] = host_inputs(suite)
        return self._host[suite]

    def hostdir(self, stack: contextlib.ExitStack, suite: str = SUITE) -> Path:
        if suite not in self._hostdir:
            path = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="imgopt-host-")))
            self.host(suite).write(path / "hostfiles")
            self._hostdir[suite] = path / "hostfiles"
        return self._hostdir[suite]

    def run(self, selected: set[str] | None = None) -> dict[str, Outcome]:
        """Build what is missing or outdated; returns each selected recipe's outcome."""
        others = {r.suite for r in self.recipes} - {SUITE}
        hashes = recipe_hashes(
            self.recipes, self.host().digest(), {s: self.host(s).digest() for s in others}
        )
        wanted = self.recipes
        if selected is not None:
            wanted = [r for r in self.recipes if r.name in with_bases(self.recipes, selected)]
        outcomes: dict[str, Outcome] = {}
        with contextlib.ExitStack() as stack:
            states = inspect_images([t for r in wanted for t in r.tags])
            for recipe in wanted:
                failed_bases = [
                    b for b in recipe.bases if outcomes.get(b, Outcome("", 0)).status == "FAILED"
                ]
                if failed_bases:
                    outcomes[recipe.name] = Outcome("FAILED", 0.0, f"base {failed_bases[0]} failed")
                else:
                    outcomes[recipe.name] = self.bring_up(
                        recipe, hashes[recipe.name], states, stack
                    )
                report(recipe, outcomes[recipe.name])
        return outcomes

    def bring_up(
        self,
        recipe: Recipe,
        recipe_hash: str,
        states: dict[str, ImageState],
        stack: contextlib.ExitStack,
    ) -> Outcome:
        start = time.monotonic()
        real = [t for t in recipe.tags if t in states and not states[t].is_standin]
        for tag in real:
            print(
                f"stand-ins: notice: {tag} is a real image (no {LABEL_STANDIN} label); "
                "leaving it alone",
                file=sys.stderr,
            )
        ours = [t for t in recipe.tags if t not in real]
        if not ours:
            return Outcome("skipped", 0.0, "real image present")
        current = [
            t for t in ours if t in states and states[t].labels.get(LABEL_HASH) == recipe_hash
        ]
        old_ids = {states[t].image_id for t in ours if t in states}
        if self.check_only:
            if current and all(states[t].image_id == states[current[0]].image_id for t in ours):
                return Outcome("current", 0.0)
            return Outcome("outdated" if old_ids else "missing", 0.0, "would build")
        if current and recipe.name not in self.force:
            missing = [
                t
                for t in ours
                if t not in current or states[t].image_id != states[current[0]].image_id
            ]
            for tag in missing:
                docker("tag", states[current[0]].image_id, tag)
            self.drop_unused(old_ids - {states[current[0]].image_id})
            status = "retagged" if missing else "current"
            return Outcome(status, time.monotonic() - start, ", ".join(missing))

        tmp_tag = f"{TMP_REPO}:{recipe.name}-{os.getpid()}"
        labels = {**self.extra_labels, **label_args(recipe, recipe_hash, self.repo_root)}
        self.log.write(f"\n===== {recipe.name} -> {', '.join(ours)} ({time.ctime()})\n")
        self.log.flush()
        hostdir = self.hostdir(stack, recipe.suite)
        try:
            if recipe.kind == "debootstrap":
                host = self.host(recipe.suite)
                ok = build_debootstrap(recipe, tmp_tag, labels, host, hostdir, self.log)
            else:
                if not self._checked_builder:
                    check_builder()
                    self._checked_builder = True
                ok = build_dockerfile(recipe, tmp_tag, labels, hostdir, self.log, self.no_cache)
            if ok:
                new = inspect_images([tmp_tag]).get(tmp_tag)
                ok = new is not None and new.labels.get(LABEL_HASH) == recipe_hash
                if not ok:
                    self.log.write(f"built image {tmp_tag} is missing or lacks its labels\n")
            if ok:
                for tag in ours:
                    docker("tag", tmp_tag, tag)
        finally:
            # Untag only: on success the official names still point at the image.
            docker("rmi", tmp_tag, check=False)
        if not ok:
            return Outcome("FAILED", time.monotonic() - start, f"see {self.log.name}")
        new_id = inspect_images([ours[0]])[ours[0]].image_id
        self.drop_unused(old_ids - {new_id})
        return Outcome("built", time.monotonic() - start)

    def drop_unused(self, image_ids: set[str]) -> None:
        """Remove replaced stand-ins that no name points at any more.

        An image that still has a name (someone tagged it) stays; ``docker rmi`` by ID would
        remove that name too. One still used by a container stays as well (rmi refuses).
        """
        for image_id in image_ids:
            proc = docker(
                "image", "inspect", "--format", "{{len .RepoTags}}", image_id, check=False
            )
            if proc.returncode == 0 and proc.stdout.strip() == "0":
                docker("rmi", image_id, check=False)


# --------------------------------------------------------------------------------------------
# Pushing to the local registry (scripts/setup-registry.sh), which the engine uses as docker.io's
# mirror: `docker pull python:3.11-slim` then gets the stand-in from it, as from Docker Hub.

DEFAULT_REGISTRY = f"127.0.0.1:{os.environ.get('IMGOPT_REGISTRY_PORT', '5959')}"
MANIFEST_TYPES = (
    "application/vnd.docker.distribution.manifest.v2+json",
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
    "application/vnd.oci.image.index.v1+json",
)


def mirror_path(tag: str) -> tuple[str, str] | None:
    """``python:3.11-slim`` -> (``library/python``, ``3.11-slim``): where a docker.io name lives
    in a registry that mirrors Docker Hub. None for a name under another registry (``gcr.io/...``):
    the engine's registry mirrors apply to docker.io only."""
    name, _, ref = normalize_tag(tag).rpartition(":")
    first = name.split("/", 1)[0]
    if "/" in name and ("." in first or ":" in first or first == "localhost"):
        return None
    return (name if "/" in name else f"library/{name}"), ref


def registry_image_id(registry: str, repo: str, ref: str) -> str | None:
    """The image id (config digest) of the manifest the registry holds for repo:ref, None when
    it has none: the engine pushes an image's config unchanged, so this equals the local id."""
    import urllib.error
    import urllib.request

    req = urllib.request.Request(
        f"http://{registry}/v2/{repo}/manifests/{ref}",
        headers={"Accept": ", ".join(MANIFEST_TYPES)},
    )
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            manifest = json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return None
        raise StandinError(f"registry {registry} answered {exc.code} for {repo}:{ref}") from exc
    except (OSError, ValueError) as exc:
        raise StandinError(
            f"no registry answers at {registry} ({exc}); run scripts/setup-registry.sh"
        ) from exc
    config = manifest.get("config") if isinstance(manifest, dict) else None
    return str(config.get("digest")) if isinstance(config, dict) else None


def push_standins(recipes: Sequence[Recipe], registry: str, log: IO[str]) -> dict[str, str]:
    """Push every stand-in under its docker.io name to ``registry`` (``library/python:3.11-slim``
    for ``python:3.11-slim``) unless the registry already holds exactly that image; returns each
    name's outcome (``pushed``, ``current``, ``local only``, ``absent``, ``FAILED``).

    The ``REGISTRY/...`` tag is removed again after the push: the engine keeps only the official
    name. The registry's manifest names the image's config, whose digest is the image id: that is
    how the next run knows a name is current (one GET per name).
    """
    states = inspect_images([t for r in recipes for t in r.tags])
    out: dict[str, str] = {}
    for recipe in recipes:  # bases first, as in the manifest (a selection may lack its bases)
        for tag in recipe.tags:
            where = mirror_path(tag)
            state = states.get(tag)
            if where is None:
                out[tag] = "local only"
                continue
            if state is None or not state.is_standin:
                out[tag] = "absent" if state is None else "skipped"
                continue
            repo, ref = where
            target = f"{registry}/{repo}:{ref}"
            if registry_image_id(registry, repo, ref) == state.image_id:
                out[tag] = "current"
                continue
            start = time.monotonic()
            docker("tag", state.image_id, target)
            try:
                log.write(f"\n===== push {tag} -> {target} ({time.ctime()})\n")
                log.flush()
                code = run_logged(["docker", "push", target], log)
            finally:
                docker("rmi", target, check=False)
            out[tag] = "pushed" if code == 0 else "FAILED"
            print(f"{out[tag]:<9} {target:<44} {time.monotonic() - start:6.1f} s", flush=True)
    return out


def with_bases(recipes: Sequence[Recipe], names: set[str]) -> set[str]:
    by_name = {r.name: r for r in recipes}
    todo, seen = list(names), set()
    while todo:
        n = todo.pop()
        if n not in seen:
            seen.add(n)
            todo.extend(by_name[n].bases)
    return seen


def select(recipes: Sequence[Recipe], only: Sequence[str], groups: Sequence[str]) -> set[str]:
    """Names of the recipes a run brings up to date (their bases are added by the builder).

    ``only`` names recipes or image names; ``groups`` adds every recipe of each group. With
    neither, the default group: what bootstrap and CI build.

    Raises:
        StandinError: for a name or group that no recipe has.
    """
    selected: set[str] = set()
    for want in only:
        match = [
            r.name
            for r in recipes
            if want == r.name or normalize_tag(want) in map(normalize_tag, r.tags)
        ]
        if not match:
            raise StandinError(f"--only {want}: no such recipe or image name")
        selected.update(match)
    known = {r.group for r in recipes}
    for group in groups:
        if group not in known:
            raise StandinError(
                f"--group {group}: no such group (known: {', '.join(sorted(known))})"
            )
        selected.update(r.name for r in recipes if r.group == group)
    if not only and not groups:
        selected = {r.name for r in recipes if r.group == DEFAULT_GROUP}
    return selected


def report(recipe: Recipe, outcome: Outcome) -> None:
    name = recipe.tags[0] + "".join(f" +{t.split(':')[-1]}" for t in recipe.tags[1:])
    note = f"  ({outcome.note})" if outcome.note else ""
    print(f"{outcome.status:<9} {name:<44} {outcome.seconds:6.1f} s{note}", flush=True)


# --------------------------------------------------------------------------------------------
# Sizes


def like_for_like(recipe: Recipe) -> bool:
    """Whether the reference value is for the very image the stand-in stands in for (one of its
    own names: same version), so that a ratio means something."""
    return recipe.reference_image is not None and normalize_tag(recipe.reference_image) in {
        normalize_tag(t) for t in recipe.tags
    }


def size_table(recipes: Sequence[Recipe]) -> str:
    """Markdown table: every stand-in's uncompressed size as measured here, beside the reference
    value for the official image (not measured here); a ratio only when like for like."""
    states = inspect_images([r.tags[0] for r in recipes])
    rows = [
        "| Stand-in | Measured here | Reference image | Reference value (not measured here) "
        "| Ratio |",
        "|---|---:|---|---:|---:|",
    ]
    for r in recipes:
        state = states.get(r.tags[0])
        mine = state.size / 1e6 if state else None
        if mine is None or r.reference_mb is None:
            ratio = "–"
        elif like_for_like(r):
            ratio = f"{mine / r.reference_mb:.2f}"
        else:
            ratio = "not comparable (another version)"
        rows.append(
            "| {} | {} | {} | {} | {} |".format(
                ", ".join(f"`{t}`" for t in r.tags),
                fmt_mb(mine) if mine is not None else "not built",
                f"`{r.reference_image}`" if r.reference_image else "–",
                fmt_mb(r.reference_mb) if r.reference_mb else "unknown",
                ratio,
            )
        )
    return "\n".join(rows)


def fmt_mb(mb: float) -> str:
    return f"{mb / 1000:.2f} GB" if mb >= 1000 else f"{mb:.1f} MB"


def update_readme(table: str) -> None:
    begin, end = "<!-- size-table:begin -->", "<!-- size-table:end -->"
    text = README.read_text()
    if begin not in text or end not in text:
        raise StandinError(f"{README} lacks the {begin} / {end} markers")
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    README.write_text(f"{head}{begin}\n{table}\n{end}{tail}")


# --------------------------------------------------------------------------------------------
# Command line


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--manifest", type=Path, default=DEFAULT_MANIFEST, help="recipe list")
    parser.add_argument("--log", type=Path, default=DEFAULT_LOG, help="build output goes here")
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="recipe name or image name to bring up to date (with its bases); repeatable",
    )
    parser.add_argument(
        "--group",
        action="append",
        metavar="GROUP",
        help=f"build the recipes of this group (with their bases); repeatable. Without --group "
        f"or --only, the {DEFAULT_GROUP!r} group (what bootstrap and CI need); "
        "`--group real-deps` adds the real-app benchmark's Compose dependencies, "
        "`--group real-bases` its Debian 11 and Python 3.9 bases for old Python tags",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="rebuild the stand-ins selected (--only, --group; the default group without them) "
        "even when current, not their bases",
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="build without BuildKit's layer cache"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="build nothing; exit 1 if any stand-in is missing or out of date",
    )
    parser.add_argument(
        "--label",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="extra label on every image built (tests mark theirs imgopt.test=1)",
    )
    parser.add_argument(
        "--push",
        nargs="?",
        const=DEFAULT_REGISTRY,
        metavar="REGISTRY",
        help="then push the docker.io-named stand-ins to REGISTRY (default %(const)s), the "
        "engine's docker.io mirror; only what the registry does not hold already",
    )
    parser.add_argument("--list", action="store_true", help="list recipes and names, then exit")
    parser.add_argument(
        "--sizes",
        action="store_true",
        help="print the size table (stand-ins measured here, official images' reference values)",
    )
    parser.add_argument(
        "--update-readme", action="store_true", help="with --sizes: write it into README.md"
    )
    args = parser.parse_args(argv)
    try:
        recipes = load_manifest(args.manifest)
        if args.list:
            for r in build_order(recipes):
                bases = f"  FROM {', '.join(r.bases)}" if r.bases else ""
                print(f"{r.name:<30} [{r.group}] {' '.join(r.tags)}{bases}")
            return 0
        check_engine()
        if args.sizes:
            table = size_table(recipes)
            print(table)
            if args.update_readme:
                update_readme(table)
            return 0
        selected = select(recipes, args.only or [], args.group or [])
        start = time.monotonic()
        args.log.parent.mkdir(parents=True, exist_ok=True)
        log_path = Path(os.devnull) if args.check else args.log
        with engine_lock(), log_path.open("w") as log:
            if not args.check:
                remove_leftover_tmp_tags()
            forced = frozenset(selected) if args.force else frozenset()
            extra = dict(label.partition("=")[::2] for label in args.label)
            builder = Builder(
                recipes,
                log,
                force=forced,
                no_cache=args.no_cache,
                check_only=args.check,
                extra_labels=extra,
            )
            outcomes = builder.run(selected)
            pushed: dict[str, str] = {}
            if args.push and not args.check:
                chosen = [r for r in recipes if r.name in selected]
                pushed = push_standins(chosen, args.push, log)
        failed = [n for n, o in outcomes.items() if o.status == "FAILED"]
        failed += [t for t, status in pushed.items() if status == "FAILED"]
        stale = [n for n, o in outcomes.items() if o.status in {"missing", "outdated"}]
        counts: dict[str, int] = {}
        for o in outcomes.values():
            counts[o.status] = counts.get(o.status, 0) + 1
        for status in pushed.values():
            counts[f"names {status}"] = counts.get(f"names {status}", 0) + 1
        summary = ", ".join(f"{v} {k}" for k, v in sorted(counts.items()))
        print(f"stand-ins: {summary} in {time.monotonic() - start:.1f} s", file=sys.stderr)
        if failed:
            print(
                f"stand-ins: failed: {', '.join(failed)}; build output in {args.log}",
                file=sys.stderr,
            )
            tail = args.log.read_text().splitlines()[-12:]
            print("\n".join(f"  | {line[:160]}" for line in tail), file=sys.stderr)
            return 1
        if stale:
            print(
                f"stand-ins: to build: {', '.join(stale)} (run standins/build.py)", file=sys.stderr
            )
            return 1
        return 0
    except StandinError as exc:
        print(f"stand-ins: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
