"""What imgopt knows about base images, read from ``base_images.toml`` (data, not code branches).

Example:
    >>> from imgopt.knowledge import siblings
    >>> [(s.ref, s.kind) for s in siblings("python:3.11")][:2]
    [('python:3.11-slim', 'slim'), ('python:3.11-alpine', 'alpine')]
    >>> siblings("node:18-bookworm")[0].ref
    'node:18-bookworm-slim'
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from importlib import resources
from typing import Any

from imgopt.dockerfile.imageref import ImageRef, parse_image_ref

_VERSION = re.compile(r"^(\d+(\.\d+)*|latest|lts|current|stable|mainline)$")


@dataclass(frozen=True, slots=True)
class TagParts:
    """A tag split into its meaning: ``3.11-slim-bookworm`` -> version, flavor, distro."""

    version: str | None
    flavor: str  # "" for the full image; "alpine3.19" normalises to "alpine" for matching
    distro: str | None

    @property
    def flavor_kind(self) -> str:
        """The flavor without a version suffix: ``alpine3.19`` -> ``alpine``."""
        return re.sub(r"[0-9.]+$", "", self.flavor)


@dataclass(frozen=True, slots=True)
class Sibling:
    """A slimmer image that can stand in for a base image under conditions.

    Attributes:
        ref: the sibling's image reference, e.g. ``python:3.11-slim``.
        kind: ``slim``, ``alpine``, ``distroless``, ``static`` or ``jre``.
        lacks: capabilities the sibling does not have (``compilers``, ``shell``, ``apt`` ...).
        musl: the sibling uses musl libc.
        runtime_only: only usable as the final stage of a multi-stage build.
        note: one line for the user.
        carries: files the image it stands in for has and it lacks, which the runtime reads
            when it starts (node reads ``/etc/ssl/openssl.cnf``; ``*-slim`` installs no openssl).
    """

    ref: str
    kind: str
    lacks: frozenset[str]
    musl: bool
    runtime_only: bool
    note: str
    carries: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Family:
    """An image family (``python``) and how it names and slims its tags."""

    name: str
    repositories: tuple[str, ...]
    ecosystem: str
    tag_order: tuple[str, ...]
    default_distro: str | None
    sibling_specs: tuple[dict[str, Any], ...]


@functools.cache
def _data() -> dict[str, Any]:
    text = resources.files("imgopt.knowledge").joinpath("base_images.toml").read_text("utf-8")
    return tomllib.loads(text)


@functools.cache
def families() -> dict[str, Family]:
    """Every known family by name."""
    out: dict[str, Family] = {}
    for name, spec in _data()["families"].items():
        out[name] = Family(
            name=name,
            repositories=tuple(spec["repositories"]),
            ecosystem=spec["ecosystem"],
            tag_order=tuple(spec["tag_order"]),
            default_distro=spec.get("default_distro"),
            sibling_specs=tuple(spec.get("siblings", ())),
        )
    return out


def family_of(ref: ImageRef | str) -> Family | None:
    """The family of a Docker Hub official image, or None (other registries, unknown names)."""
    ref = parse_image_ref(ref) if isinstance(ref, str) else ref
    if not ref.is_official:
        return None
    for fam in families().values():
        if ref.family in fam.repositories:
            return fam
    return None


def parse_tag(tag: str | None) -> TagParts:
    """Split a tag into version, flavor and distro.

    Example:
        >>> parse_tag("3.11-slim-bookworm")
        TagParts(version='3.11', flavor='slim', distro='bookworm')
        >>> parse_tag("18-bookworm-slim")
        TagParts(version='18', flavor='slim', distro='bookworm')
    """
    distros = set(_data()["distros"])
    version: str | None = None
    distro: str | None = None
    flavor: list[str] = []
    for i, token in enumerate((tag or "latest").split("-")):
        if i == 0 and _VERSION.match(token):
            version = token
        elif token in distros:
            distro = token
        else:
            flavor.append(token)
    return TagParts(version=version, flavor="-".join(flavor), distro=distro)


def _render_tag(fam: Family, parts: TagParts, flavor: str) -> str:
    # Alpine tags carry no Debian codename: python:3.11-bookworm -> python:3.11-alpine.
    distro = None if flavor.startswith("alpine") else parts.distro
    values = {"version": parts.version, "flavor": flavor, "distro": distro}
    if flavor and values["version"] == "latest":
        values["version"] = None  # python:slim, not python:latest-slim
    tokens = [values[k] for k in fam.tag_order if values.get(k)]
    return "-".join(t for t in tokens if t) or "latest"


def _requirements_met(spec: dict[str, Any], fam: Family, parts: TagParts) -> bool:
    req = spec.get("requires", {})
    distro = parts.distro or fam.default_distro
    if "distro" in req and distro not in req["distro"]:
        return False
    if "version_prefix" in req:
        v = parts.version or ""
        if not any(v == p or v.startswith(p + ".") for p in req["version_prefix"]):
            return False
    return True


def siblings(ref: ImageRef | str) -> list[Sibling]:
    """The slimmer siblings of a base image, most conservative first.

    Unknown families, images from other registries, digests and unresolved ``$VARS`` give [].
    """
    ref = parse_image_ref(ref) if isinstance(ref, str) else ref
    return list(_siblings(ref))


@functools.lru_cache(maxsize=1024)
def _siblings(ref: ImageRef) -> tuple[Sibling, ...]:
    # Rules and strategies ask for the same few bases many times per planned file (each variant
    # is linted again); the answer depends only on the reference and the packaged data.
    fam = family_of(ref)
    if fam is None or ref.digest or ref.has_variables:
        return ()
    parts = parse_tag(ref.tag)
    out: list[Sibling] = []
    for spec in fam.sibling_specs:
        if spec["from"] != parts.flavor_kind or not _requirements_met(spec, fam, parts):
            continue
        if "image" in spec:
            distro = parts.distro or fam.default_distro or "bookworm"
            if "{version}" in spec["image"] and parts.version in (None, "latest"):
                continue
            target = spec["image"].format(distro=distro, version=parts.version)
        else:
            target = ref.with_tag(_render_tag(fam, parts, spec["to"])).render()
        out.append(
            Sibling(
                ref=target,
                kind=spec["kind"],
                lacks=frozenset(spec.get("lacks", ())),
                musl=bool(spec.get("musl", False)),
                runtime_only=bool(spec.get("runtime_only", False)),
                note=spec.get("note", ""),
                carries=tuple(spec.get("carries", ())),
            )
        )
    return tuple(out)


def capabilities_of_command(word: str) -> frozenset[str]:
    """Capabilities a command word needs: ``gcc`` -> {"compilers"}, ``git`` -> {"vcs"}."""
    base = word.rsplit("/", 1)[-1]
    table: dict[str, list[str]] = _data()["capabilities"]["commands"]
    return frozenset(cap for cap, words in table.items() if base in words)


def capabilities_of_apt_package(package: str) -> frozenset[str]:
    """Capabilities an installed apt package stands for: ``libpq-dev`` -> {"dev-headers"}."""
    name = package.split("=", 1)[0].split(":", 1)[0]
    table: dict[str, list[str]] = _data()["capabilities"]["apt_packages"]
    return frozenset(cap for cap, pats in table.items() if any(fnmatchcase(name, p) for p in pats))


def runtime_packages(dev_package: str) -> tuple[str, ...] | None:
    """The runtime library packages for a -dev package (``libpq-dev`` -> ``("libpq5",)``)."""
    found = _data()["dev_to_runtime"].get(dev_package.split("=", 1)[0])
    return tuple(found) if found is not None else None


def native_package(ecosystem: str, name: str) -> tuple[str, ...] | None:
    """For a pip/npm package that compiles native code: the Debian runtime packages it needs
    (possibly empty); None when the package is not known to build native code."""
    table: dict[str, list[str]] = _data()["native"].get(ecosystem, {})
    key = name.lower().replace("_", "-").split("[", 1)[0]
    for sep in ("==", ">=", "<=", "~=", "!=", ">", "<", "@"):
        key = key.split(sep, 1)[0]
    found = table.get(key.strip())
    return tuple(found) if found is not None else None


@dataclass(frozen=True, slots=True)
class DistroPython:
    """The Python a distro's own ``python3`` package installs.

    Attributes:
        distro: the codename (``"bookworm"``).
        version: ``"3.11"``.
        binary: the interpreter's path (``"/usr/bin/python3.11"``).
        distroless: the distroless image carrying the same interpreter, if there is one.
    """

    distro: str
    version: str
    binary: str
    distroless: str | None


def distro_of(ref: ImageRef | str) -> str | None:
    """The Debian/Ubuntu codename an official image is built on, if known.

    Example:
        >>> distro_of("debian:12"), distro_of("python:3.11-slim"), distro_of("ubuntu:20.04")
        ('bookworm', 'bookworm', 'focal')
    """
    ref = parse_image_ref(ref) if isinstance(ref, str) else ref
    fam = family_of(ref)
    if fam is None or ref.has_variables:
        return None
    parts = parse_tag(ref.tag)
    if parts.distro:
        return parts.distro
    versions: dict[str, str] = _data().get("distro_versions", {}).get(fam.name, {})
    if parts.version in versions:
        return versions[parts.version]
    if parts.flavor_kind == "alpine":
        return None
    return fam.default_distro


def distro_python(distro: str | None) -> DistroPython | None:
    """What ``apt-get install python3`` gives on ``distro`` (None when unknown)."""
    spec = _data().get("distro_python", {}).get(distro or "")
    if spec is None:
        return None
    return DistroPython(
        distro=str(distro),
        version=spec["version"],
        binary=spec["binary"],
        distroless=spec.get("distroless"),
    )


def apt_build_only(package: str) -> str | None:
    """Whether an apt package is only needed to build: ``"always"`` (toolchains, Python
    packaging), ``"unless_used"`` (fetch tools such as curl, kept when the runtime calls them), or
    None (a package the app may need at run time; ``*-dev`` packages are None here, see
    :func:`runtime_packages`)."""
    name = package.split("=", 1)[0].split(":", 1)[0]
    table: dict[str, list[str]] = _data().get("build_only", {}).get("apt", {})
    for kind in ("always", "unless_used"):
        if any(fnmatchcase(name, p) for p in table.get(kind, ())):
            return kind
    return None


def default_workdir(ref: ImageRef | str) -> str:
    """The working directory an official image sets (``golang``: ``/go``), else ``/``."""
    fam = family_of(ref)
    if fam is None:
        return "/"
    return str(_data()["families"][fam.name].get("default_workdir", "/"))


@dataclass(frozen=True, slots=True)
class PackageCheck:
    """Whether the apt packages a Dockerfile installs exist in a Debian release.

    Attributes:
        release: the codename checked (``"bookworm"``).
        checked: the package names looked up, in order.
        missing: those the release's index does not have (neither as a package nor as a name
            a package provides).
        index: None when imgopt has no index of the release (nothing could be checked).
    """

    release: str
    checked: tuple[str, ...]
    missing: tuple[str, ...]
    index: str | None

    @property
    def ok(self) -> bool:
        """Every package was found in a known index."""
        return self.index is not None and not self.missing

    def describe(self) -> str:
        """One clause for a message: what was checked and what was found."""
        if self.index is None:
            return f"imgopt has no package index of Debian {self.release} to check against"
        if not self.checked:
            return f"the stage installs no apt package (checked against {self.index})"
        if self.missing:
            shown = ", ".join(self.missing[:5]) + (" ..." if len(self.missing) > 5 else "")
            return (
                f"{len(self.missing)} of the {len(self.checked)} apt packages installed are not "
                f"in Debian {self.release} ({shown}; checked against {self.index})"
            )
        return (
            f"all {len(self.checked)} apt packages installed exist in Debian {self.release} "
            f"under the same name (checked against {self.index})"
        )


#: Where the package-name snapshots live: ``packages/debian-<release>.txt.xz``, one name a line
#: (every Package and every name a Provides line gives, main/contrib/non-free/non-free-firmware
#: and -updates, amd64), made from the release's real Packages.xz by
#: ``benchmarks/corpus_check.py --save-release-index RELEASE PATH``.
_INDEX_DIR = "packages"


@functools.cache
def release_packages(release: str) -> frozenset[str] | None:
    """Every package name of a Debian release in imgopt's snapshot of its index, or None."""
    import lzma

    res = resources.files("imgopt.knowledge").joinpath(_INDEX_DIR, f"debian-{release}.txt.xz")
    try:
        data = res.read_bytes()
    except (FileNotFoundError, OSError):
        return None
    return frozenset(lzma.decompress(data).decode("utf-8").split())


def check_packages(release: str, packages: Sequence[str]) -> PackageCheck:
    """Look up apt package names (version pins and ``:arch`` dropped) in a Debian release.

    Example:
        >>> check_packages("bookworm", ["python3-pip", "python-pip"]).missing
        ('python-pip',)
    """
    names = tuple(
        dict.fromkeys(
            n for p in packages if (n := re.split(r"[=:<>~/]", p, maxsplit=1)[0]) and "$" not in n
        )
    )
    known = release_packages(release)
    if known is None:
        return PackageCheck(release, names, (), None)
    missing = tuple(n for n in names if n not in known)
    return PackageCheck(release, names, missing, f"Debian {release}'s package index")


def swap_package_check(
    base: ImageRef | str, sibling: ImageRef | str, packages: Sequence[str]
) -> PackageCheck | None:
    """For a base swap that changes the distribution release (``ubuntu:16.04`` to
    ``debian:bookworm-slim``): whether every apt package installed exists in the target
    release. None when the release stays the same (the packages do too) or the target's release
    is unknown.
    """
    before, after = distro_of(base), distro_of(sibling)
    if after is None or before == after:
        return None
    return check_packages(after, packages)


_APT_SOURCES = re.compile(
    r"add-apt-repository|apt-key|sources\.list|ppa:|/etc/apt/trusted|signed-by=|"
    r"https?://\S*(?:setup|install)\S*\s*\|\s*(?:sudo\s+)?(?:-E\s+)?(?:ba)?sh"
)


def adds_apt_sources(text: str) -> bool:
    """Whether Dockerfile text adds apt sources of its own (a PPA, ``add-apt-repository``, an
    entry in ``sources.list``, a key, a vendor setup script piped to a shell): packages from
    those belong to one distribution, whatever the names say."""
    return bool(_APT_SOURCES.search(text))
