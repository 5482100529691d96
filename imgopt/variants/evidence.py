"""What the built original says its runtime stage needs: evidence for a compiled multi-stage.

A plan made before anything is built can only guess what a compiled program needs at run time
(issue 13: copying the install prefix lost apps placed elsewhere, runtime packages and init
scripts, and named Debian 12's packages on every release). After the original is built,
:mod:`imgopt.analyze.evidence` reads it and fills :class:`BuildEvidence`:

- the paths each of the Dockerfile's own layers added (the layer lists the bench measures),
  grouped into *roots*: the highest added path whose parent the base image already had
  (``/usr/src/redmine``, ``/cpuminer``, ``/usr/local/sbin/nutcracker``), with those the image's
  own package database (``dpkg-query -S``) owns left out: packages install those;
- for every ELF file in those roots, the shared libraries it loads (``ldd`` in a throwaway
  container of the original: its NEEDED entries resolved to paths by the image's own loader),
  and the package of the release that owns each library (``dpkg-query -S``, with the
  merged-``/usr`` twin of a path tried too);
- the program the entrypoint runs, resolved with the image's PATH;
- the runtime file closure, when verification recorded one (the files the app opened), and the
  packages owning those files;
- the image's release (``/etc/os-release``), and for each candidate runtime base its release and
  installed packages.

:func:`derive_runtime` turns that into a runtime stage: the packages to install (names from this
release's own database, never a table), the roots to copy from the build stage, and the roots
left behind with the reason. Everything here is pure: parsers of the tools' output and the
derivation, tested with fakes; nothing runs or reads an image.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from imgopt.variants.npm_closure import NpmTree

#: Paths that hold caches, package-manager state, logs and scratch space: never app files.
JUNK_PREFIXES = (
    "/tmp",
    "/var/tmp",
    "/var/cache",
    "/var/log",
    "/var/lib/apt",
    "/var/lib/dpkg",
    "/root/.cache",
    "/root/.npm",
    "/root/.cargo/registry",
    "/usr/share/doc",
    "/usr/share/man",
    "/usr/share/info",
    "/usr/local/share/doc",
    "/usr/local/share/man",
    "/usr/local/share/info",
    "/usr/local/include",
    "/usr/local/lib/pkgconfig",
    "/etc/ld.so.cache",
    "/etc/alternatives",
)
#: Where an install step puts what a program needs at run time (its files, configs, data): the
#: roots added there are kept unless they are junk. ``/usr/local/src`` is a build tree.
INSTALL_PREFIXES = ("/usr/local", "/etc", "/opt")
#: Files that only matter to build against a library, never to run with it.
DEV_ONLY_SUFFIXES = (".a", ".la", ".o", ".h")
#: A root that holds these is a build tree (sources, objects, build scripts).
BUILD_TREE_MARKERS = re.compile(
    r"(?:\.o|\.c|\.cc|\.cpp|\.h|/Makefile|/CMakeLists\.txt|/configure|/config\.status)\Z"
)
#: A root this small (bytes) is kept even when no evidence names it: an empty folder made for
#: run time (``mkdir /var/run/app``), a user's home, a one-line config. It costs nothing.
SMALL_ROOT = 64 * 1024


@dataclass(frozen=True, slots=True)
class Root:
    """A path the Dockerfile's layers added whose parent the base image already had.

    Attributes:
        path: absolute path.
        bytes: the size of the regular files in it.
        files: how many regular files it holds.
        build_tree: it holds sources, objects or build scripts.
        is_dir: it is a folder (its contents are copied into a folder of the same name).
    """

    path: str
    bytes: int = 0
    files: int = 0
    build_tree: bool = False
    is_dir: bool = False


@dataclass(frozen=True, slots=True)
class RuntimeBase:
    """A candidate runtime image, as read from it: its release and installed packages."""

    ref: str
    release: str | None
    packages: frozenset[str]


@dataclass(frozen=True, slots=True)
class BuildEvidence:
    """What the built original shows (see the module docs).

    Attributes:
        release: the original's release, ``"debian:bookworm"`` (``ID:VERSION_CODENAME``).
        roots: the unowned roots the Dockerfile's layers added, junk excluded.
        libraries: ELF file -> the library paths it loads (``"?libfoo.so.1"``: not found).
        owners: library or closure path -> the package owning it (``"libyaml-0-2"``).
        entry: the entrypoint program's path(s) in the image (as found, and resolved).
        closure: the files the app opened while verified, or None when not recorded.
        closure_packages: the packages owning closure files.
        bases: candidate runtime images, by reference.
        base_image: the original's base (its FROM), as written resolved.
        npm: for each app directory whose ``node_modules`` the closure reaches into, what the
            built original's lockfile says of the packages read
            (:mod:`imgopt.variants.npm_closure`).
    """

    release: str | None
    roots: tuple[Root, ...]
    libraries: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    owners: Mapping[str, str] = field(default_factory=dict)
    entry: tuple[str, ...] = ()
    closure: tuple[str, ...] | None = None
    closure_packages: frozenset[str] = frozenset()
    bases: Mapping[str, RuntimeBase] = field(default_factory=dict)
    base_image: str | None = None
    npm: tuple[NpmTree, ...] = ()


@dataclass(frozen=True, slots=True)
class RuntimeStage:
    """What :func:`derive_runtime` found the runtime stage needs.

    Attributes:
        packages: to install with apt (not already in the runtime base), sorted.
        copies: paths to copy from the build stage, in order.
        folders: those of ``copies`` that are folders.
        ldconfig: a copied library lives in a linker path: refresh the cache.
        why_packages: package -> why it is needed (``"libyaml-0.so.2 of /usr/local/sbin/x"``).
        dropped: roots left in the build stage, with the reason.
    """

    packages: tuple[str, ...]
    copies: tuple[str, ...]
    ldconfig: bool
    why_packages: Mapping[str, str]
    dropped: tuple[tuple[Root, str], ...]
    folders: frozenset[str] = frozenset()


class NoRuntime(Exception):
    """The evidence does not support a runtime stage; the message says why."""


# -- parsers of the tools' output ----------------------------------------------------------


def parse_os_release(text: str) -> str | None:
    """``ID:VERSION_CODENAME`` of an ``/etc/os-release`` (``"debian:bookworm"``), or None.

    Example:
        >>> parse_os_release('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\\nID=debian\\n'
        ...                  'VERSION_CODENAME=bookworm\\n')
        'debian:bookworm'
    """
    values: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            values[key.strip()] = value.strip().strip('"').strip("'")
    distro = values.get("ID")
    codename = values.get("VERSION_CODENAME") or values.get("VERSION_ID")
    if not distro or not codename:
        return None
    return f"{distro}:{codename}"


_LDD_ARROW = re.compile(r"^\s*(\S+)\s+=>\s+(not found|\S+)")
_LDD_PLAIN = re.compile(r"^\s*(/\S+)\s+\(0x")


def parse_ldd(text: str) -> dict[str, tuple[str, ...]]:
    """The libraries of each ELF file in the output of ``echo "@elf PATH"; ldd PATH`` blocks.

    ``libfoo.so.1 => /usr/lib/x86_64-linux-gnu/libfoo.so.1 (0x...)`` gives the path; ``=> not
    found`` gives ``"?libfoo.so.1"``; the loader's own line (``/lib64/ld-linux-x86-64.so.2
    (0x...)``) gives its path; ``linux-vdso.so.1`` (the kernel's) and files that are not
    dynamic executables (``not a dynamic executable``, ``statically linked``) give nothing.

    Example:
        >>> parse_ldd("@elf /usr/local/bin/x\\n\\tlinux-vdso.so.1 (0x00007ffd)\\n"
        ...           "\\tlibyaml-0.so.2 => /lib/x86_64-linux-gnu/libyaml-0.so.2 (0x7f)\\n"
        ...           "\\tlibz.so.1 => not found\\n")
        {'/usr/local/bin/x': ('/lib/x86_64-linux-gnu/libyaml-0.so.2', '?libz.so.1')}
    """
    out: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("@elf "):
            current = out.setdefault(line[5:].strip(), [])
            continue
        if current is None:
            continue
        m = _LDD_ARROW.match(line)
        if m:
            name, where = m.groups()
            current.append(f"?{name}" if where == "not found" else where)
            continue
        m = _LDD_PLAIN.match(line)
        if m:
            current.append(m.group(1))
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


def parse_dpkg_search(text: str) -> dict[str, str]:
    """Path -> package from ``dpkg-query -S PATH...`` output (``pkg[:arch][, pkg2]: /path``).

    Diversion lines and errors are skipped; of several packages sharing a path (a directory)
    the first is kept; the architecture qualifier is dropped.

    Example:
        >>> parse_dpkg_search("libc6:amd64: /lib/x86_64-linux-gnu/libc.so.6\\n"
        ...                   "diversion by x from: /bin/sh\\n")
        {'/lib/x86_64-linux-gnu/libc.so.6': 'libc6'}
    """
    out: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith(("diversion ", "dpkg-query:")) or ": /" not in line:
            continue
        pkgs, _, path = line.partition(": /")
        first = pkgs.split(",", 1)[0].strip().split(":", 1)[0]
        if first:
            out.setdefault("/" + path.strip(), first)
    return out


def usr_merge_twin(path: str) -> str | None:
    """The other spelling of a path under merged ``/usr`` (``/usr/lib/x`` <-> ``/lib/x``).

    Example:
        >>> usr_merge_twin("/usr/lib/x86_64-linux-gnu/libc.so.6")
        '/lib/x86_64-linux-gnu/libc.so.6'
        >>> usr_merge_twin("/lib64/ld-linux-x86-64.so.2")
        '/usr/lib64/ld-linux-x86-64.so.2'
    """
    m = re.match(r"/(usr/)?(bin|sbin|lib|lib32|lib64|libx32)(/.*)\Z", path)
    if not m:
        return None
    return f"/{m.group(2)}{m.group(3)}" if m.group(1) else f"/usr/{m.group(2)}{m.group(3)}"


def owner_of(path: str, owners: Mapping[str, str]) -> str | None:
    """The package owning ``path`` or its merged-``/usr`` twin."""
    found = owners.get(path)
    if found is None and (twin := usr_merge_twin(path)) is not None:
        found = owners.get(twin)
    return found


# -- roots -----------------------------------------------------------------------------------


def is_junk(path: str) -> bool:
    """A cache, package-manager state, documentation or a header: never needed to run."""
    return any(path == p or path.startswith(p + "/") for p in JUNK_PREFIXES)


def roots_of(
    added: Iterable[tuple[str, int, str]], base_paths: frozenset[str] | set[str]
) -> list[Root]:
    """Group the paths the Dockerfile's layers added into roots (see :class:`Root`).

    Args:
        added: (absolute path, size, tar type: ``"0"`` file, ``"5"`` folder, ``"2"`` symlink)
            for every entry of those layers. A folder the base already had is only listed
            because something changed inside it: it is no root itself.
        base_paths: every path of the base image (folders included).

    Example:
        >>> [r.path for r in roots_of([("/usr/src/app/x.c", 5, "0"), ("/usr/src/app", 0, "5"),
        ...      ("/usr/local/bin", 0, "5"), ("/usr/local/bin/app", 9, "0")],
        ...      {"/usr", "/usr/src", "/usr/local", "/usr/local/bin"})]
        ['/usr/local/bin/app', '/usr/src/app']
    """
    roots: dict[str, list[int]] = {}
    trees: set[str] = set()
    dirs: set[str] = set()
    for path, size, kind in added:
        if path in ("/", "") or is_junk(path) or (kind == "5" and path in base_paths):
            continue
        root = path
        parent = posixpath.dirname(root)
        while parent not in base_paths and parent != "/":
            root, parent = parent, posixpath.dirname(parent)
        acc = roots.setdefault(root, [0, 0])
        if kind == "5" and path == root:
            dirs.add(root)
        if kind in ("0", "\0", "7"):
            acc[0] += size
            acc[1] += 1
            if BUILD_TREE_MARKERS.search(path):
                trees.add(root)
    return [Root(p, b, n, p in trees, p in dirs) for p, (b, n) in sorted(roots.items())]


def _under(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


def _root_of(path: str, roots: Iterable[Root]) -> Root | None:
    return next((r for r in roots if _under(path, r.path)), None)


def _folder_in(path: str, root: str) -> str:
    """The folder of ``path`` to copy from a build tree: its parent, or ``path`` itself when
    that parent is the tree's top."""
    parent = posixpath.dirname(path)
    return path if parent == root.rstrip("/") else parent


def _kept(path: str, roots: Iterable[Root], keep: Mapping[str, str]) -> bool:
    root = _root_of(path, roots)
    return root is not None and root.path in keep


# -- the derivation --------------------------------------------------------------------------


def slim_base_for(release: str | None) -> str | None:
    """The smallest image of the same release with a package manager, for a runtime stage.

    Example:
        >>> slim_base_for("debian:bookworm"), slim_base_for("ubuntu:jammy")
        ('debian:bookworm-slim', 'ubuntu:jammy')
    """
    if release is None:
        return None
    distro, _, codename = release.partition(":")
    if distro == "debian":
        return f"debian:{codename}-slim"
    if distro == "ubuntu":
        return f"ubuntu:{codename}"
    return None


def derive_runtime(
    evidence: BuildEvidence,
    runtime_ref: str,
    *,
    explicit_packages: Iterable[str] = (),
    context_destinations: Iterable[str] = (),
    build_dirs: Iterable[str] = (),
) -> RuntimeStage:
    """The runtime stage on ``runtime_ref`` that the evidence supports.

    A root is copied when the entrypoint's program is in it, a closure file is, a library a
    copied ELF file loads is, it lies under an install prefix (``/usr/local``, ``/etc``,
    ``/opt``; not a build tree), it is a context COPY's destination that no build step worked
    in, or it is small (:data:`SMALL_ROOT`); every other root stays behind, with the reason.
    Packages: the owners of the libraries the copied ELF files load, of the entry program, of
    the closure files, and the Dockerfile's explicit installs (``explicit_packages``: already
    filtered of toolchains and ``-dev`` packages), minus what the runtime base has. A library
    the base image had without a package (a toolchain built into ``/usr/local``) is copied.

    Args:
        evidence: what the built original shows.
        runtime_ref: one of ``evidence.bases``.
        explicit_packages: runtime packages the Dockerfile installs by name.
        context_destinations: where the stage's context COPYs put files.
        build_dirs: working directories of the build steps (a COPY there is the sources).

    Raises:
        NoRuntime: the runtime base was not read, is another release, or the entry program is
            neither copied nor installed.
    """
    base = evidence.bases.get(runtime_ref)
    if base is None:
        raise NoRuntime(f"{runtime_ref} could not be read (is it available here?)")
    if evidence.release is None or base.release != evidence.release:
        raise NoRuntime(
            f"{runtime_ref} is {base.release or 'of an unknown release'}, the original "
            f"{evidence.release or 'of an unknown release'}: a binary built against one "
            "release's libraries may not run on another"
        )
    roots = list(evidence.roots)
    keep: dict[str, str] = {}
    dests = list(context_destinations)
    builds = list(build_dirs)
    closure = evidence.closure or ()
    # From a build tree, only what is used: the program, the folders of the files opened.
    partial: dict[str, None] = {}
    for r in roots:
        if dev_only(r.path):
            continue  # a static library or header on its own: only to build against
        entries = [e for e in evidence.entry if _under(e, r.path)]
        opened = [f for f in closure if _under(f, r.path)]
        if r.build_tree and r.is_dir and (entries or opened):
            partial.update(dict.fromkeys(entries))
            partial.update(dict.fromkeys(_folder_in(f, r.path) for f in opened))
        elif entries:
            keep[r.path] = "the entrypoint's program"
        elif opened:
            keep[r.path] = "the app opened files in it"
        elif any(_under(r.path, p) for p in INSTALL_PREFIXES) and not r.build_tree:
            keep[r.path] = "installed"
        elif any(_under(d, r.path) or _under(r.path, d) for d in dests) and not any(
            _under(b, r.path) for b in builds
        ):
            keep[r.path] = "copied from the build context"
        elif r.bytes <= SMALL_ROOT and not r.build_tree:
            keep[r.path] = "small"
    packages: dict[str, str] = {}
    extra_copies: list[str] = []
    ldconfig = False
    seen: set[str] = set()
    todo = [
        f for f in evidence.libraries if _kept(f, roots, keep) or any(_under(f, p) for p in partial)
    ]
    while todo:
        elf = todo.pop(0)
        if elf in seen:
            continue
        seen.add(elf)
        for lib in evidence.libraries.get(elf, ()):
            name = posixpath.basename(lib.lstrip("?"))
            if lib.startswith("?"):
                raise NoRuntime(f"{elf} needs {name}, which the original's loader did not find")
            pkg = owner_of(lib, evidence.owners)
            if pkg is not None:
                packages.setdefault(pkg, f"{name} of {elf}")
                continue
            added = _root_of(lib, roots)
            if added is not None:
                if added.path not in keep:
                    keep[added.path] = f"{name}, which {elf} loads"
                    todo.extend(f for f in evidence.libraries if _under(f, added.path))
                ldconfig = True
            elif runtime_ref != evidence.base_image and lib not in extra_copies:
                extra_copies.append(lib)  # the base image's own, unpackaged library
                ldconfig = True
    for e in evidence.entry:
        pkg = owner_of(e, evidence.owners)
        if pkg is not None:
            packages.setdefault(pkg, f"the entrypoint's program {e}")
    if (
        evidence.entry
        and not any(owner_of(e, evidence.owners) or _root_of(e, roots) for e in evidence.entry)
        and runtime_ref != evidence.base_image
    ):
        raise NoRuntime(
            f"the entrypoint's program {evidence.entry[0]} comes from the base image "
            "without a package; it would have to be copied by hand"
        )
    for pkg in sorted(evidence.closure_packages):
        packages.setdefault(pkg, "the app opened its files")
    for pkg in explicit_packages:
        packages.setdefault(pkg, "installed by the Dockerfile")
    for path in keep:
        if re.search(r"/lib(64)?(/|\Z)", path):
            ldconfig = True
    wanted = sorted(p for p in packages if p not in base.packages)
    copies = [r.path for r in roots if r.path in keep]
    copies += [p for p in partial if not any(_under(p, c) for c in copies)] + extra_copies
    dropped = tuple(
        (
            r,
            "a build tree, of which only what the app uses is copied"
            if any(_under(p, r.path) for p in partial)
            else _why_dropped(r),
        )
        for r in roots
        if r.path not in keep
    )
    return RuntimeStage(
        packages=tuple(wanted),
        copies=tuple(copies),
        ldconfig=ldconfig,
        why_packages={p: packages[p] for p in wanted},
        dropped=dropped,
        folders=frozenset(r.path for r in roots if r.is_dir and r.path in keep)
        | frozenset(p for p in partial if p not in evidence.entry),
    )


def _why_dropped(root: Root) -> str:
    if dev_only(root.path):
        return "only needed to build against it"
    return "a build tree not used at run time" if root.build_tree else "not used at run time"


def dev_only(path: str) -> bool:
    """A file only needed to build against a library (``.a``, ``.la``, headers, objects)."""
    return path.endswith(DEV_ONLY_SUFFIXES)


def lost_libraries(
    original: Mapping[str, tuple[str, ...]], variant: Mapping[str, tuple[str, ...]]
) -> list[str]:
    """Libraries a variant's ELF file cannot load that the original's file of the same name
    loaded: ``ldd`` results (:func:`parse_ldd`) of the Dockerfile's own files in both images.

    A file the original has no counterpart for is not judged (nothing to compare with).

    Example:
        >>> lost = lost_libraries({"/usr/local/lib/_psycopg.so": ("/usr/lib/libpq.so.5",)},
        ...                       {"/opt/venv/lib/_psycopg.so": ("?libpq.so.5",)})
        >>> [text.split(",")[0] for text in lost]
        ['/opt/venv/lib/_psycopg.so needs libpq.so.5']
    """
    had: dict[str, dict[str, str]] = {}
    for elf, libs in original.items():
        for lib in libs:
            if not lib.startswith("?"):
                had.setdefault(posixpath.basename(elf), {})[posixpath.basename(lib)] = lib
    out: list[str] = []
    for elf, libs in sorted(variant.items()):
        known = had.get(posixpath.basename(elf), {})
        for lib in libs:
            if lib.startswith("?") and lib[1:] in known:
                out.append(
                    f"{elf} needs {lib[1:]}, which the variant lacks (the original loads "
                    f"{known[lib[1:]]})"
                )
    return out
