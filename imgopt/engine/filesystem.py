"""Read an image's files without running it, and the parts of its config verification needs.

:func:`open_image_files` reads them from the engine's overlay2 store on this machine when it can
(:class:`LayerStack`: a path is looked up layer by layer from the top, with overlayfs's whiteouts
and opaque directories, so checking a few hundred paths costs a few thousand ``lstat`` calls and
no copy of the image). Otherwise :func:`image_files` creates a container from the image (never
started: nothing of the image runs), streams its filesystem out of the engine (``docker export``,
the merged view of every layer with whiteouts applied) and removes the container, also on errors
and interrupts. It lists every entry and hashes the contents of the files the caller asks for.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import posixpath
import stat
import tarfile
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from imgopt.engine.client import get_client
from imgopt.engine.containers import RUN_LABEL
from imgopt.errors import EngineError, InputError


@dataclass(frozen=True)
class FileEntry:
    """One entry of an image's filesystem.

    Attributes:
        kind: ``"file"``, ``"dir"``, ``"symlink"``, ``"hardlink"`` or ``"other"``.
        size: bytes of a regular file (0 otherwise).
        link: a symlink's target or a hard link's source, as stored.
        sha256: the content's hash, for the files that were asked for; else None.
    """

    kind: str
    size: int
    link: str = ""
    sha256: str | None = None


@dataclass(frozen=True)
class RuntimeFacts:
    """Config of an image that says how it runs, beyond :class:`ImageConfig`."""

    healthcheck: tuple[str, ...] | None  # ("CMD-SHELL", "curl ...") or ("CMD", ...)
    env: Mapping[str, str]


class ImageFiles(Protocol):
    """An image's filesystem, read-only, by absolute path."""

    def get(self, path: str) -> FileEntry | None:
        """The entry at ``path`` (symlinks not followed), or None."""

    def sha256(self, path: str) -> str | None:
        """The content hash of the regular file at ``path``, or None."""

    def files(self) -> Iterator[tuple[str, FileEntry]]:
        """Every entry (path, entry) of the filesystem."""

    def layer(self, path: str) -> int | None:
        """The index (bottom first) of the layer that provides ``path``; None when unknown."""


class IndexedFiles:
    """An image's files listed in full (from ``docker export``)."""

    def __init__(self, entries: Mapping[str, FileEntry]) -> None:
        self._entries = entries

    def get(self, path: str) -> FileEntry | None:
        return self._entries.get(path)

    def sha256(self, path: str) -> str | None:
        entry = self._entries.get(path)
        return entry.sha256 if entry is not None else None

    def files(self) -> Iterator[tuple[str, FileEntry]]:
        yield from self._entries.items()

    def layer(self, path: str) -> int | None:
        return None  # an export is flat


_OPAQUE_XATTRS = ("trusted.overlay.opaque", "user.overlay.opaque")


class LayerStack:
    """An image's files read from its overlay2 layer directories (top layer first)."""

    def __init__(self, diff_dirs: list[Path]) -> None:
        self._dirs = [str(d) for d in reversed(diff_dirs)]  # top first
        self._cache: dict[str, tuple[FileEntry, str, int] | None] = {}
        self._parents: dict[str, list[str]] = {}

    def _find(self, path: str) -> tuple[FileEntry, str, int] | None:
        if path in self._cache:
            return self._cache[path]
        found: tuple[FileEntry, str, int] | None = None
        rel = path.lstrip("/")
        for top in self._layers_for(path):
            real = os.path.join(top, rel)
            try:
                st = os.lstat(real)
            except OSError:
                continue
            if _whiteout(st):
                break  # a whiteout: deleted in this layer
            found = (_entry(real, st), real, len(self._dirs) - 1 - self._dirs.index(top))
            break
        self._cache[path] = found
        return found

    def _layers_for(self, path: str) -> list[str]:
        """The layers in which ``path`` may live: above any opaque parent or deleting layer."""
        parent = posixpath.dirname(path)
        if parent in ("/", ""):
            return self._dirs
        if parent in self._parents:
            return self._parents[parent]
        out: list[str] = []
        rel = parent.lstrip("/")
        for top in self._layers_for(parent):
            out.append(top)
            real = os.path.join(top, rel)
            try:
                st = os.lstat(real)
            except OSError:
                continue
            if not stat.S_ISDIR(st.st_mode):
                break  # a file or whiteout hides everything below
            if any(_xattr(real, name) == b"y" for name in _OPAQUE_XATTRS):
                break
        self._parents[parent] = out
        return out

    def get(self, path: str) -> FileEntry | None:
        found = self._find(path)
        return found[0] if found else None

    def sha256(self, path: str) -> str | None:
        found = self._find(path)
        if found is None or found[0].kind != "file":
            return None
        try:
            with open(found[1], "rb") as handle:
                return hashlib.file_digest(handle, "sha256").hexdigest()
        except OSError:
            return None

    def layer(self, path: str) -> int | None:
        found = self._find(path)
        return found[2] if found else None

    def files(self) -> Iterator[tuple[str, FileEntry]]:
        kinds: dict[str, str] = {}  # what an upper layer already gave, by path
        blocked: set[str] = set()  # deleted by a whiteout in an upper layer
        opaque: set[str] = set()  # directories whose lower layers' contents are hidden
        for top in self._dirs:
            new_blocked: set[str] = set()
            new_opaque: set[str] = set()
            for dirpath, dirnames, filenames in os.walk(top):
                rel = os.path.relpath(dirpath, top)
                rel_dir = "/" if rel == "." else "/" + rel
                if rel_dir != "/" and (
                    rel_dir in blocked or rel_dir in opaque or kinds.get(rel_dir, "dir") != "dir"
                ):
                    dirnames[:] = []  # hidden by an upper layer: nothing below comes through
                    continue
                for name in dirnames + filenames:
                    path = posixpath.join(rel_dir, name)
                    if path in blocked:
                        continue
                    real = os.path.join(dirpath, name)
                    try:
                        st = os.lstat(real)
                    except OSError:
                        continue
                    if _whiteout(st):
                        new_blocked.add(path)
                        continue
                    entry = _entry(real, st)
                    if entry.kind == "dir" and any(_xattr(real, x) == b"y" for x in _OPAQUE_XATTRS):
                        new_opaque.add(path)
                    if path in kinds:
                        continue
                    kinds[path] = entry.kind
                    yield path, entry
            blocked |= new_blocked
            opaque |= new_opaque


def _xattr(path: str, name: str) -> bytes | None:
    try:
        return os.getxattr(path, name, follow_symlinks=False)
    except OSError:
        return None


def _entry(real: str, st: os.stat_result) -> FileEntry:
    if stat.S_ISREG(st.st_mode):
        return FileEntry("file", st.st_size)
    if stat.S_ISDIR(st.st_mode):
        return FileEntry("dir", 0)
    if stat.S_ISLNK(st.st_mode):
        return FileEntry("symlink", 0, os.readlink(real))
    return FileEntry("other", 0)


def open_image_files(
    image: str,
    *,
    run_id: str,
    hash_wanted: Callable[[str], bool] = lambda _path: False,
    labels: Mapping[str, str] | None = None,
) -> ImageFiles:
    """An image's files: from the local layer store when readable, else from ``docker export``.

    Raises:
        InputError: when the engine has no such image.
        EngineError: when the engine fails.
    """
    from imgopt.engine.images import LocalStore, inspect_image

    store = LocalStore.open()
    if store is not None:
        layers = store.layers(inspect_image(image).diff_ids)
        if layers is not None:
            return LayerStack([layer.diff_dir for layer in layers])
    entries = image_files(image, run_id=run_id, hash_wanted=hash_wanted, labels=labels)
    return IndexedFiles(entries)


def runtime_facts(image: str) -> RuntimeFacts:
    """The image's HEALTHCHECK test and its environment.

    Raises:
        InputError: when the engine has no such image.
        EngineError: when the engine cannot be asked.
    """
    from docker.errors import DockerException

    from imgopt.engine.images import _engine_error

    try:
        attrs: dict[str, Any] = get_client().api.inspect_image(image)
    except DockerException as exc:
        raise _engine_error(exc, image) from exc
    config = attrs.get("Config") or {}
    test = (config.get("Healthcheck") or {}).get("Test")
    env: dict[str, str] = {}
    for item in config.get("Env") or []:
        name, _, value = str(item).partition("=")
        env[name] = value
    return RuntimeFacts(
        healthcheck=tuple(str(t) for t in test) if isinstance(test, list) and test else None,
        env=env,
    )


def image_files(
    image: str,
    *,
    run_id: str,
    hash_wanted: Callable[[str], bool] = lambda _path: False,
    labels: Mapping[str, str] | None = None,
) -> dict[str, FileEntry]:
    """Every entry of ``image``'s filesystem by absolute path; contents hashed where asked.

    Args:
        image: image reference or id.
        run_id: the ``imgopt.run`` label of the (never started) container used to read it.
        hash_wanted: whether to hash the regular file at this absolute path.
        labels: extra labels for that container.

    Raises:
        InputError: when the engine has no such image.
        EngineError: when the engine fails.
    """
    import requests
    from docker.errors import DockerException, ImageNotFound, NotFound

    client = get_client()
    name = f"imgopt-files-{uuid.uuid4().hex[:12]}"
    try:
        container = client.containers.create(
            image,
            name=name,
            # Never started; a command is required to create a container from an image that has
            # none, and this one would fail loudly if anything ever started it.
            entrypoint=["/imgopt-never-started"],
            command=[],
            labels={**dict(labels or {}), RUN_LABEL: run_id},
            network_mode="none",
        )
        stream = _Reader(container.export())
        entries: dict[str, FileEntry] = {}
        with tarfile.open(fileobj=stream, mode="r|") as tar:  # type: ignore[call-overload]
            for member in tar:
                path = "/" + posixpath.normpath(member.name).lstrip("./").lstrip("/")
                if path == "/.":
                    path = "/"
                digest = None
                if member.isreg() and hash_wanted(path):
                    handle = tar.extractfile(member)
                    if handle is not None:
                        digest = hashlib.file_digest(handle, "sha256").hexdigest()
                entries[path] = FileEntry(
                    kind=_kind(member),
                    size=member.size if member.isreg() else 0,
                    link=member.linkname,
                    sha256=digest,
                )
        return entries
    except ImageNotFound as exc:
        raise InputError(f"no image {image!r} in the engine") from exc
    except (DockerException, requests.exceptions.RequestException, tarfile.TarError) as exc:
        raise EngineError(f"cannot read the files of {image}: {exc}") from exc
    finally:
        # Never created, or the label still finds it (remove_run_containers).
        with contextlib.suppress(NotFound, DockerException, requests.exceptions.RequestException):
            client.api.remove_container(name, force=True, v=True)


def _kind(member: tarfile.TarInfo) -> str:
    if member.isreg():
        return "file"
    if member.isdir():
        return "dir"
    if member.issym():
        return "symlink"
    if member.islnk():
        return "hardlink"
    return "other"


class _Reader:
    """A read()-able view of the chunks the engine streams."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = iter(chunks)
        self._buffer = bytearray()

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._buffer) < size:
            chunk = next(self._chunks, None)
            if chunk is None:
                break
            self._buffer += chunk
        if size < 0 or size >= len(self._buffer):
            out = bytes(self._buffer)
            self._buffer.clear()
        else:
            out = bytes(self._buffer[:size])
            del self._buffer[:size]  # cheap from the front of a bytearray
        return out


def _whiteout(st: os.stat_result) -> bool:
    """Whether an overlay2 layer entry is a whiteout (a 0/0 character device): deleted there."""
    return stat.S_ISCHR(st.st_mode) and st.st_rdev == 0


__all__ = [
    "FileEntry",
    "ImageFiles",
    "IndexedFiles",
    "LayerStack",
    "RuntimeFacts",
    "image_files",
    "open_image_files",
    "runtime_facts",
]
