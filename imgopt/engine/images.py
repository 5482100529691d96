"""Inspect images, read their history, and stream their layer tars.

Two ways to get a layer's tar, the exact bytes whose sha256 is the layer's diff id (and which
``docker push`` gzips into the registry's blob):

- :class:`LocalStore`, the fast way, when the engine runs on this machine with a graph driver and
  its data root is readable (root, the usual case on CI): the engine keeps, for every layer, a
  ``tar-split.json.gz`` holding the tar's headers and padding byte for byte plus the names and
  sizes of the files in between, whose contents sit in the layer's diff directory. Reassembling
  them is exactly what the engine does for ``docker save`` and ``docker push``, minus the engine's
  temporary copy of the whole image. Every reassembled tar is checked against the layer's diff id,
  so a mismatch can never pass silently. The tar-split alone also lists every entry of a layer
  (path, size, type) without reading file contents, which is all the waste analysis needs.
- :func:`save_image`, the general way: the engine's ``GET /images/{name}/get`` stream (what
  ``docker save`` writes), for remote engines, the containerd image store, or a data root that
  cannot be read.
"""

from __future__ import annotations

import base64
import functools
import gzip
import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from imgopt.errors import EngineError, InputError

CHUNK = 4 << 20  # bytes per chunk handed to hashing and compression


@dataclass(frozen=True)
class HistoryEntry:
    """One entry of an image's history, oldest first.

    Attributes:
        created_by: the instruction as the builder recorded it
            (``"RUN /bin/sh -c pip install flask # buildkit"``).
        empty_layer: the instruction produced no layer (ENV, CMD, LABEL, ...).
        size: the size of the layer it produced, as the engine counts it (``docker history``).
        created: creation time, seconds since the epoch.
        comment: the history comment (``"buildkit.dockerfile.v0"``).
    """

    created_by: str
    empty_layer: bool
    size: int
    created: int = 0
    comment: str = ""


@dataclass(frozen=True)
class ImageInfo:
    """What ``docker image inspect`` and ``docker history`` say about an image.

    Attributes:
        id: ``sha256:...``.
        tags: repository tags.
        size: total uncompressed size (the sum of the layers' sizes).
        diff_ids: the layers, bottom first (sha256 of each layer's uncompressed tar).
        labels: the image's labels.
        history: every history entry, oldest first (:class:`HistoryEntry`).
        driver: the engine's storage driver for this image (``"overlay2"``).
        created: the image's creation time as the engine reports it.
    """

    id: str
    tags: tuple[str, ...]
    size: int
    diff_ids: tuple[str, ...]
    labels: Mapping[str, str] = field(default_factory=dict)
    history: tuple[HistoryEntry, ...] = ()
    driver: str = ""
    created: str = ""

    @property
    def layer_history(self) -> tuple[HistoryEntry, ...]:
        """The history entries that produced a layer, one per diff id, bottom first."""
        entries = tuple(h for h in self.history if not h.empty_layer)
        if len(entries) != len(self.diff_ids):
            return ()
        return entries


def _client() -> Any:
    from imgopt.engine.client import get_client

    return get_client()


def _engine_error(exc: Exception, what: str) -> Exception:
    from docker.errors import ImageNotFound, NotFound

    if isinstance(exc, ImageNotFound | NotFound):
        return InputError(f"no image {what} in the local engine")
    return EngineError(f"the Docker engine failed on {what}: {str(exc).strip()[:200]}")


def inspect_image(ref: str) -> ImageInfo:
    """Inspect ``ref`` (name or id) and read its history.

    Raises:
        InputError: when the engine has no such image.
        EngineError: when the engine fails.
    """
    from docker.errors import DockerException

    client = _client()
    try:
        raw = client.api.inspect_image(ref)
        api_history = client.api.history(raw["Id"])
    except DockerException as exc:
        raise _engine_error(exc, ref) from exc
    diff_ids = tuple(raw.get("RootFS", {}).get("Layers") or ())
    config = None
    store = LocalStore.open()
    if store is not None:
        config = store.config(raw["Id"])
    history = _history(api_history, config, len(diff_ids))
    return ImageInfo(
        id=raw["Id"],
        tags=tuple(raw.get("RepoTags") or ()),
        size=int(raw.get("Size") or 0),
        diff_ids=diff_ids,
        labels=dict((raw.get("Config") or {}).get("Labels") or {}),
        history=history,
        driver=str((raw.get("GraphDriver") or {}).get("Name") or ""),
        created=str(raw.get("Created") or ""),
    )


def image_exists(ref: str) -> bool:
    """Whether the local engine has ``ref``."""
    from docker.errors import DockerException, ImageNotFound, NotFound

    try:
        _client().api.inspect_image(ref)
    except (ImageNotFound, NotFound):
        return False
    except DockerException as exc:
        raise _engine_error(exc, ref) from exc
    return True


def _history(
    api_history: list[dict[str, Any]], config: dict[str, Any] | None, n_layers: int
) -> tuple[HistoryEntry, ...]:
    """Merge the engine's history (sizes, newest first) with the config's (empty_layer flags).

    The engine's history answer has one item per config history entry but no ``empty_layer``
    flag; the config has the flag but no sizes. Without the config (a remote engine), a zero-size
    item is taken as empty as long as that leaves one non-empty entry per layer.
    """
    items = list(reversed(api_history))
    flags: list[bool] | None = None
    if config is not None:
        cfg_hist = config.get("history") or []
        if len(cfg_hist) == len(items):
            flags = [bool(h.get("empty_layer")) for h in cfg_hist]
    if flags is None:
        flags = [int(i.get("Size") or 0) == 0 for i in items]
        # Zero-size layers exist (a RUN that changed nothing, under the classic builder): mark
        # the latest zero-size items non-empty until the counts agree.
        missing = n_layers - flags.count(False)
        for idx in range(len(items) - 1, -1, -1):
            if missing <= 0:
                break
            if flags[idx] and _may_make_layer(str(items[idx].get("CreatedBy") or "")):
                flags[idx] = False
                missing -= 1
    return tuple(
        HistoryEntry(
            created_by=str(i.get("CreatedBy") or ""),
            empty_layer=flag,
            size=int(i.get("Size") or 0),
            created=int(i.get("Created") or 0),
            comment=str(i.get("Comment") or ""),
        )
        for i, flag in zip(items, flags, strict=True)
    )


def _may_make_layer(created_by: str) -> bool:
    text = created_by.replace("/bin/sh -c #(nop)", "").strip().upper()
    return not text.startswith(
        ("ENV", "LABEL", "CMD", "ENTRYPOINT", "EXPOSE", "USER", "ARG", "STOPSIGNAL", "HEALTHCHECK")
    )


def chain_ids(diff_ids: Iterable[str]) -> list[str]:
    """The layer chain ids for ``diff_ids`` (how the engine names a layer on top of its parents)."""
    out: list[str] = []
    prev: str | None = None
    for diff_id in diff_ids:
        prev = (
            diff_id
            if prev is None
            else "sha256:" + hashlib.sha256(f"{prev} {diff_id}".encode()).hexdigest()
        )
        out.append(prev)
    return out


# ----------------------------------------------------------------------------------------------
# The engine's own layer store, read directly (fast path)


@dataclass(frozen=True)
class TarSplitRecord:
    """One record of a layer's tar-split: raw tar bytes, or a file's name and size."""

    raw: bytes | None  # header/padding bytes (segment records)
    name: str | None = None  # file records: the entry's name inside the tar
    size: int = 0  # file records: the number of content bytes that follow


@dataclass(frozen=True)
class LocalLayer:
    """A layer in the engine's store on this machine."""

    diff_id: str
    chain_id: str
    tar_split: Path
    diff_dir: Path
    size: int

    def records(self) -> Iterator[TarSplitRecord]:
        """The tar-split records in order (segments and file entries).

        Raises:
            EngineError: when the tar-split cannot be read.
        """
        try:
            with gzip.open(self.tar_split, "rb") as fh:
                for line in fh:
                    entry = json.loads(line)
                    if entry.get("type") == 1:
                        yield TarSplitRecord(
                            None, entry.get("name") or "", int(entry.get("size") or 0)
                        )
                    else:
                        payload = entry.get("payload")
                        yield TarSplitRecord(base64.b64decode(payload) if payload else b"")
        except (OSError, ValueError, EOFError) as exc:
            raise EngineError(f"cannot read the layer store's {self.tar_split}: {exc}") from exc

    def tar_chunks(self, chunk_size: int = CHUNK) -> Iterator[bytes | bytearray]:
        """The layer's tar, reassembled from tar-split and diff directory, in chunks.

        Raises:
            EngineError: when a file the tar-split names is missing or has changed size.
        """
        # Chunks are filled with readinto and handed out as they are (a fresh buffer follows), so
        # file contents are copied once, from the page cache; consumers must not modify them.
        buf = bytearray(chunk_size)
        view = memoryview(buf)
        used = 0
        root = str(self.diff_dir)
        for rec in self.records():
            if rec.raw is not None:
                raw = rec.raw
                while raw:
                    take = min(len(raw), chunk_size - used)
                    view[used : used + take] = raw[:take]
                    used += take
                    raw = raw[take:]
                    if used == chunk_size:
                        yield buf
                        buf = bytearray(chunk_size)
                        view = memoryview(buf)
                        used = 0
                continue
            if not rec.size:
                continue
            path = os.path.join(root, rec.name or "")
            try:
                with open(path, "rb", buffering=0) as fh:
                    remaining = rec.size
                    while remaining:
                        want = min(remaining, chunk_size - used)
                        got = fh.readinto(view[used : used + want])
                        if not got:
                            raise EngineError(f"layer file {path} is shorter than recorded")
                        used += got
                        remaining -= got
                        if used == chunk_size:
                            yield buf
                            buf = bytearray(chunk_size)
                            view = memoryview(buf)
                            used = 0
            except OSError as exc:
                raise EngineError(f"cannot read layer file {path}: {exc}") from exc
        if used:
            yield bytes(view[:used])


class LocalStore:
    """The engine's graph-driver store on this machine (``/var/lib/docker``), read-only."""

    def __init__(self, root: Path, driver: str) -> None:
        self.root = root
        self.driver = driver
        self.image_dir = root / "image" / driver

    @staticmethod
    @functools.cache
    def open() -> LocalStore | None:
        """The store of the engine we talk to, or None when it is not readable from here.

        The engine is ours only if its data root holds the layer database; the check each layer
        gets (its reassembled tar must hash to its diff id) catches any other mix-up.
        """
        if os.environ.get("IMGOPT_NO_LOCAL_STORE"):
            return None
        try:
            info = _client().info()
        except Exception:
            return None
        driver = str(info.get("Driver") or "")
        root = Path(str(info.get("DockerRootDir") or ""))
        status = {str(k): str(v) for k, v in info.get("DriverStatus") or []}
        if driver != "overlay2" or "driver-type" in status:  # containerd snapshotter: no tar-split
            return None
        store = LocalStore(root, driver)
        layerdb = store.image_dir / "layerdb" / "sha256"
        if not os.access(layerdb, os.R_OK | os.X_OK):
            return None
        return store

    def config(self, image_id: str) -> dict[str, Any] | None:
        """The image's config JSON, verified against the image id; None if not here."""
        hex_id = image_id.removeprefix("sha256:")
        path = self.image_dir / "imagedb" / "content" / "sha256" / hex_id
        try:
            data = path.read_bytes()
        except OSError:
            return None
        if hashlib.sha256(data).hexdigest() != hex_id:
            return None
        try:
            value = json.loads(data)
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    def layers(self, diff_ids: Iterable[str]) -> list[LocalLayer] | None:
        """The layers of an image (bottom first), or None if any is missing here."""
        ids = list(diff_ids)
        out: list[LocalLayer] = []
        for diff_id, chain_id in zip(ids, chain_ids(ids), strict=True):
            meta = self.image_dir / "layerdb" / "sha256" / chain_id.removeprefix("sha256:")
            try:
                cache_id = (meta / "cache-id").read_text().strip()
                recorded = (meta / "diff").read_text().strip()
                size = int((meta / "size").read_text().strip() or 0)
            except (OSError, ValueError):
                return None
            tar_split = meta / "tar-split.json.gz"
            diff_dir = self.root / self.driver / cache_id / "diff"
            if recorded != diff_id or not tar_split.is_file() or not diff_dir.is_dir():
                return None
            out.append(LocalLayer(diff_id, chain_id, tar_split, diff_dir, size))
        return out


# ----------------------------------------------------------------------------------------------
# docker save (general path)


def save_image(ref: str, chunk_size: int = CHUNK) -> Iterator[bytes]:
    """Stream ``docker save REF`` from the engine API in chunks.

    Raises:
        InputError: when the engine has no such image.
        EngineError: when the engine fails or stops answering mid-stream.
    """
    from docker.errors import DockerException
    from requests.exceptions import RequestException

    try:
        stream = _client().api.get_image(ref, chunk_size=chunk_size)
        yield from stream
    except DockerException as exc:
        raise _engine_error(exc, ref) from exc
    except RequestException as exc:
        raise EngineError(f"the Docker engine stopped answering while saving {ref}: {exc}") from exc


# ----------------------------------------------------------------------------------------------
# Labels and removal


def images_with_label(label: str, value: str | None = None) -> list[str]:
    """Ids of the images carrying ``label`` (``=value`` when given)."""
    from docker.errors import DockerException

    selector = label if value is None else f"{label}={value}"
    try:
        found = _client().api.images(filters={"label": selector}, quiet=True, all=True)
    except DockerException as exc:
        raise _engine_error(exc, f"images labelled {selector}") from exc
    return sorted(set(found))


def remove_images(ids: Iterable[str]) -> list[str]:
    """Remove images by id (with every tag they carry); return the ids that could not go.

    Never raises for an image that is already gone.
    """
    from docker.errors import DockerException, ImageNotFound, NotFound

    left: list[str] = []
    client = _client()
    for image_id in dict.fromkeys(ids):
        try:
            client.api.remove_image(image_id, force=True, noprune=False)
        except (ImageNotFound, NotFound):
            continue
        except DockerException:
            left.append(image_id)
    return left


def tag_image(image_id: str, repository: str, tag: str) -> None:
    """Give ``image_id`` the name ``repository:tag``."""
    from docker.errors import DockerException

    try:
        _client().api.tag(image_id, repository, tag)
    except DockerException as exc:
        raise _engine_error(exc, image_id) from exc
