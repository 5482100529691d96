"""Which npm packages the app read at run time that a production install would drop.

The Node multi-stage variants run ``npm prune --omit=dev`` in the build stage (see
:mod:`imgopt.variants.strategies.node`). An app can still read a devDependency at run time, or a
package reachable only through one: ``debug`` loads ``supports-color`` when it is there (an
optional peer), and ``npm update`` can leave the only copy under a devDependency. The variant
then lacks files the original read, and fails verification.

After the original is built and verified, :mod:`imgopt.analyze.evidence` reads the lockfile the
built original holds in each app directory its runtime file closure reaches into
(``<dir>/node_modules/...``). That lockfile, not the context's, is what ``npm prune`` works from
(``npm update`` rewrites it). Here, with no engine:

- :func:`packages_read`: the lockfile paths of the packages the app opened files of
  (``node_modules/debug``, ``node_modules/a/node_modules/b``, ``node_modules/@scope/x``);
- :func:`lock_entries`: a lockfile's packages by path (lockfile v2/v3 ``packages``, or v1's
  nested ``dependencies``);
- :func:`npm_tree`: of the packages read, those a production install leaves out: marked
  ``dev`` or ``extraneous``, or not in the lockfile at all (``npm prune`` removes extraneous
  packages). ``devOptional`` and ``optional`` packages stay: only ``--omit=dev`` is given.

The Node strategy copies exactly those packages from the unpruned build stage.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

NODE_MODULES = "node_modules"
#: The lockfiles ``npm prune`` reads, in npm's order, then the hidden lockfile npm 7+ keeps.
LOCKFILES = ("npm-shrinkwrap.json", "package-lock.json", "node_modules/.package-lock.json")
#: The lockfile flags that decide what a production install keeps.
LOCK_FLAGS = ("dev", "devOptional", "optional", "peer", "extraneous")
#: Why a package marked ``dev`` is dropped.
DEV = "a devDependency, or reachable only through devDependencies"


@dataclass(frozen=True, slots=True)
class NpmTree:
    """What the built original's lockfile says of the packages its app read.

    Attributes:
        app_dir: the directory holding ``node_modules`` (``/usr/src/goof``).
        lockfile: the lockfile read in the image; None when there was none.
        read: the lockfile paths of the packages the app opened files of, sorted.
        dropped: those a production install leaves out, with the reason.
    """

    app_dir: str
    lockfile: str | None
    read: tuple[str, ...] = ()
    dropped: Mapping[str, str] = field(default_factory=dict)


def app_dirs(closure: Iterable[str]) -> tuple[str, ...]:
    """The directories whose ``node_modules`` the closure reaches into, sorted.

    Example:
        >>> app_dirs(["/app/node_modules/x/index.js", "/usr/lib/node_modules/npm/a.js", "/app/a"])
        ('/app', '/usr/lib')
    """
    out: set[str] = set()
    for path in closure:
        head, sep, _ = path.partition(f"/{NODE_MODULES}/")
        if sep and head.startswith("/"):
            out.add(head)
    return tuple(sorted(out))


def package_of(relative: str) -> str | None:
    """The lockfile path of the package a file under ``node_modules`` belongs to.

    Example:
        >>> package_of("node_modules/a/node_modules/@s/b/lib/x.js")
        'node_modules/a/node_modules/@s/b'
        >>> package_of("node_modules/.bin/nodemon") is None
        True
    """
    parts = relative.split("/")
    out: list[str] = []
    i = 0
    while i < len(parts) and parts[i] == NODE_MODULES:
        name = parts[i + 1 : i + 2]
        if not name or not name[0] or name[0].startswith("."):
            break
        if name[0].startswith("@"):
            if i + 2 >= len(parts) or not parts[i + 2]:
                break
            name = parts[i + 1 : i + 3]
        out.extend([NODE_MODULES, *name])
        i += 1 + len(name)
    return "/".join(out) or None


def packages_read(closure: Iterable[str], app_dir: str) -> tuple[str, ...]:
    """The lockfile paths of the packages under ``app_dir/node_modules`` the closure names."""
    prefix = app_dir.rstrip("/") + "/"
    found = {
        pkg
        for path in closure
        if path.startswith(prefix + NODE_MODULES + "/")
        and (pkg := package_of(posixpath.normpath(path)[len(prefix) :])) is not None
    }
    return tuple(sorted(found))


def lock_entries(lock: Mapping[str, Any]) -> dict[str, dict[str, bool]]:
    """A lockfile's packages by path (``node_modules/a/node_modules/b``), with their flags.

    Lockfile v2 and v3 list them under ``packages``; v1 (npm 6) nests them in ``dependencies``.
    """
    packages = lock.get("packages")
    out: dict[str, dict[str, bool]] = {}
    if isinstance(packages, dict):
        for path, entry in packages.items():
            if isinstance(path, str) and path and isinstance(entry, dict):
                out[path] = {k: bool(entry.get(k)) for k in LOCK_FLAGS if entry.get(k)}
        return out
    stack: list[tuple[str, Any]] = [("", lock.get("dependencies"))]
    while stack:
        prefix, deps = stack.pop()
        if not isinstance(deps, dict):
            continue
        for name, entry in deps.items():
            if not isinstance(entry, dict):
                continue
            path = f"{prefix}{NODE_MODULES}/{name}"
            out[path] = {k: bool(entry.get(k)) for k in LOCK_FLAGS if entry.get(k)}
            stack.append((path + "/", entry.get("dependencies")))
    return out


def _why_dropped(flags: Mapping[str, bool] | None) -> str | None:
    if flags is None:
        return "not in the lockfile (npm prune removes extraneous packages)"
    if flags.get("extraneous"):
        return "extraneous (npm prune removes it)"
    if flags.get("dev"):
        return DEV
    return None


def npm_tree(
    app_dir: str,
    closure: Iterable[str],
    entries: Mapping[str, Mapping[str, bool]] | None,
    lockfile: str | None,
) -> NpmTree:
    """Which packages the app read under ``app_dir`` that a production install would drop.

    Args:
        app_dir: the directory holding ``node_modules``.
        closure: the files the original's processes opened.
        entries: :func:`lock_entries` of the lockfile the built original holds (None: no
            lockfile; nothing is judged dropped, since nothing can be told).
        lockfile: that lockfile's path in the image.
    """
    read = packages_read(closure, app_dir)
    if entries is None:
        return NpmTree(app_dir, None, read)
    dropped = {p: why for p in read if (why := _why_dropped(entries.get(p))) is not None}
    return NpmTree(app_dir, lockfile, read, dropped)


def kept_paths(tree: NpmTree) -> tuple[str, ...]:
    """The package folders to copy so that every dropped package read is there, outermost
    only (a package's folder holds its nested ``node_modules``).

    Example:
        >>> nested = {"node_modules/x": "dev", "node_modules/x/node_modules/y": "dev"}
        >>> kept_paths(NpmTree("/a", "package-lock.json", (), nested))
        ('node_modules/x',)
    """
    out: list[str] = []
    for path in sorted(tree.dropped):
        if not any(path.startswith(k + "/") for k in out):
            out.append(path)
    return tuple(out)


def package_name(path: str) -> str:
    """The package's name from its lockfile path (``node_modules/a/node_modules/@s/b`` ->
    ``@s/b``)."""
    return path.rsplit(f"{NODE_MODULES}/", 1)[-1]


def tree_for(trees: Iterable[NpmTree], app_dir: str) -> NpmTree | None:
    """The tree of ``app_dir`` among ``trees``."""
    return next((t for t in trees if t.app_dir == app_dir.rstrip("/")), None)
