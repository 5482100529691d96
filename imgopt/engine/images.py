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
import contextlib
import functools
import gzip
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from imgopt.errors import EngineError, InputError, keep_ends

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


# ----------------------------------------------------------------------------------------------
# Registries: where an image is, pulling and pushing it, and what the registry stores
#
# Everything goes through the engine's API, so the engine's credentials (`docker login`) and its
# registry mirrors apply exactly as they do to `docker pull`: a distribution inspect of a docker.io
# name asks the engine's mirrors first (checked here against the local registry: the mirror's log
# shows the engine's HEAD on /v2/library/python/manifests/3.11-slim). Only the manifest's body,
# which no engine endpoint returns, is read from the registry's v2 API directly.

DOCKER_HUB = "docker.io"
#: Registry answers that mean "no such image here" (or "not for you"), as opposed to a registry
#: that cannot be reached at all.
_ANSWER_WORDS = (
    "manifest unknown",
    "name unknown",
    "not found",
    "does not exist",
    "unauthorized",
    "denied",
    "requested access to the resource",
)
MANIFEST_TYPES = (
    "application/vnd.docker.distribution.manifest.v2+json",
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
    "application/vnd.oci.image.index.v1+json",
)


LOGIN = "`docker login` to the registry if it needs credentials"


class RegistryError(EngineError):
    """A registry could not be reached, or failed, while imgopt needed an image from it."""


@dataclass(frozen=True)
class RemoteImage:
    """What a registry reports for a reference (``docker buildx imagetools inspect`` in brief).

    Attributes:
        ref: the reference asked about.
        digest: the manifest's (or index's) digest, what ``ref@digest`` pins.
        media_type: the manifest's media type.
        registry: the registry asked, as :func:`registry_label` names it.
    """

    ref: str
    digest: str
    media_type: str
    registry: str


@dataclass(frozen=True)
class Lookup:
    """Whether an image can be had: local, in a registry, or neither (with the registry's answer).

    Attributes:
        ref: the reference.
        local: the engine has it.
        remote: what a registry reports, when the engine does not have it and a registry does.
        answer: the registry's own words when it has no such image.
        registry: the registry asked (empty when the image is local).
    """

    ref: str
    local: bool
    remote: RemoteImage | None = None
    answer: str = ""
    registry: str = ""
    reachable: bool = True

    @property
    def available(self) -> bool:
        return self.local or self.remote is not None

    @property
    def reason(self) -> str:
        """Why it is not available, quoting the registry (empty when it is)."""
        if self.available:
            return ""
        if not self.reachable:
            return f"{self.registry} could not be reached: {self.answer}"
        return f"{self.registry} answered: {self.answer}"


def registry_host(ref: str) -> str:
    """The registry a reference names: ``docker.io`` for ``python:3.11``, else its first part."""
    first, sep, _ = ref.partition("/")
    if sep and ("." in first or ":" in first or first == "localhost"):
        return DOCKER_HUB if first in ("index.docker.io", "registry-1.docker.io") else first
    return DOCKER_HUB


def repository_path(ref: str) -> str:
    """The repository's path in its registry's v2 API: ``library/python`` for ``python:3.11``,
    ``team/app`` for ``registry.example:5000/team/app:v1@sha256:...``."""
    name = ref.split("@", 1)[0]
    first, sep, rest = name.partition("/")
    if sep and ("." in first or ":" in first or first == "localhost"):
        name = rest
    last = name.rsplit("/", 1)[-1]
    if ":" in last:
        name = name[: len(name) - len(last)] + last.split(":", 1)[0]
    if registry_host(ref) == DOCKER_HUB and "/" not in name:
        name = f"library/{name}"
    return name


@functools.cache
def engine_mirrors() -> tuple[str, ...]:
    """The engine's registry mirrors for docker.io (``registry-mirrors`` in daemon.json)."""
    from docker.errors import DockerException

    try:
        info = _client().info()
    except DockerException:
        return ()
    mirrors = (info.get("RegistryConfig") or {}).get("Mirrors") or ()
    return tuple(str(m).rstrip("/") for m in mirrors)


def registry_label(ref: str) -> str:
    """How messages name the registry of ``ref``: ``docker.io (through the engine's mirror
    http://127.0.0.1:5959)`` when the engine mirrors Docker Hub, else the host."""
    host = registry_host(ref)
    mirrors = engine_mirrors() if host == DOCKER_HUB else ()
    if mirrors:
        return f"{host} (through the engine's mirror {', '.join(mirrors)})"
    return host


def _explanation(exc: Exception) -> str:
    text = str(getattr(exc, "explanation", None) or exc).strip()
    return keep_ends(text)


def _is_answer(exc: Exception) -> bool:
    from docker.errors import APIError

    if isinstance(exc, APIError) and exc.status_code in (401, 403, 404):
        return True
    return any(word in _explanation(exc).lower() for word in _ANSWER_WORDS)


def inspect_remote(ref: str) -> RemoteImage | str:
    """Ask the registry of ``ref`` about it through the engine (distribution inspect).

    Returns:
        what the registry reports, or its answer (a string) when it has no such image or
        refuses access.

    Raises:
        RegistryError: the registry cannot be reached or fails (the image and registry named).
        EngineError: the engine itself fails.
    """
    from docker.errors import APIError, DockerException

    label = registry_label(ref)
    try:
        raw = _client().api.inspect_distribution(ref)
    except APIError as exc:
        if _is_answer(exc):
            return _explanation(exc)
        raise RegistryError(
            f"cannot ask registry {label} about image {ref}: {_explanation(exc)}",
            hint="start that registry or check the network; `docker pull "
            f"{ref}` shows the same error",
        ) from exc
    except DockerException as exc:
        raise _engine_error(exc, ref) from exc
    desc = raw.get("Descriptor") or {}
    return RemoteImage(ref, str(desc.get("digest") or ""), str(desc.get("mediaType") or ""), label)


def lookup_image(ref: str) -> Lookup:
    """Whether ``ref`` is in the engine or, failing that, in a registry the engine can use.

    Raises:
        RegistryError: the engine does not have it and its registry cannot be reached.
        EngineError: the engine fails.
    """
    if image_exists(ref):
        return Lookup(ref, True)
    found = inspect_remote(ref)
    label = registry_label(ref)
    if isinstance(found, RemoteImage):
        return Lookup(ref, False, remote=found, registry=label)
    return Lookup(ref, False, answer=found, registry=label)


class ImageAvailability:
    """The planner's ``image_available``: an image is available when the engine has it or a
    registry has it (:func:`lookup_image`); each reference is asked once.

    Called as the planner does (for a variant's candidate image), a registry that cannot be
    reached makes the image unavailable, with that reason: the variant is not buildable here, and
    the rest of the analysis goes on. :meth:`lookup` raises instead: an image the build needs.
    ``explain(ref)`` gives the registry's answer for one that is not available, and
    ``remote_only()`` the references that a build would have to pull.
    """

    def __init__(self) -> None:
        self.lookups: dict[str, Lookup] = {}

    def lookup(self, ref: str) -> Lookup:
        """Raises:
        RegistryError: not local, and its registry cannot be reached."""
        found = self.lookups.get(ref)
        if found is None or not found.reachable:
            found = self.lookups[ref] = lookup_image(ref)
        return found

    def __call__(self, ref: str) -> bool | None:
        try:
            return self.lookup(ref).available
        except RegistryError as err:
            cause = err.message.split(": ", 1)[-1]
            self.lookups[ref] = Lookup(
                ref, False, answer=cause, registry=registry_label(ref), reachable=False
            )
            return False

    def explain(self, ref: str) -> str | None:
        """Why ``ref`` is not available, in the registry's words; None when it is (or unasked)."""
        found = self.lookups.get(ref)
        return found.reason if found is not None and not found.available else None

    def digest(self, ref: str) -> str | None:
        """The digest a registry reports for ``ref`` (asking it even when ``ref`` is local);
        None when no registry has it or its registry cannot be reached."""
        found = self.lookups.get(ref)
        if found is not None and found.remote is not None:
            return found.remote.digest
        try:
            remote = inspect_remote(ref)
        except RegistryError:
            return None
        return remote.digest if isinstance(remote, RemoteImage) else None

    def remote_only(self) -> list[str]:
        """References that are in a registry but not in the engine, in the order asked."""
        return [r for r, found in self.lookups.items() if not found.local and found.available]


# Progress of a pull or push: one short line at a time ("python:3.11-slim: 2 of 3 layers, ...").
Progress = Callable[[str], None]


class _Transfer:
    """Follows the engine's JSON progress stream of a pull or push and reports it, throttled."""

    def __init__(self, ref: str, verb: str, progress: Progress | None) -> None:
        self.ref = ref
        self.verb = verb
        self.progress = progress
        self.layers: dict[str, tuple[int, int]] = {}  # layer id -> (current, total) bytes
        self.done: set[str] = set()
        self.last = 0.0
        self.digest = ""
        self.where = (
            f"from {registry_label(ref)}" if verb == "pulling" else f"to {registry_host(ref)}"
        )

    @contextlib.contextmanager
    def errors(self) -> Iterator[None]:
        """The engine's failures as :class:`RegistryError` (the registry's) or EngineError."""
        from docker.errors import APIError, DockerException
        from requests.exceptions import RequestException

        try:
            yield
        except APIError as exc:
            raise RegistryError(
                f"{self.verb} {self.ref} {self.where} failed: {_explanation(exc)}", hint=LOGIN
            ) from exc
        except (DockerException, RequestException) as exc:
            raise EngineError(
                f"the Docker engine failed while {self.verb} {self.ref}: {exc}"
            ) from exc

    def feed(self, event: Mapping[str, Any]) -> None:
        import re
        import time

        if event.get("error"):
            said = keep_ends(str(event["error"]))
            raise RegistryError(f"{self.verb} {self.ref} {self.where} failed: {said}", hint=LOGIN)
        status = str(event.get("status") or "")
        layer = str(event.get("id") or "")
        aux = event.get("aux") or {}
        if isinstance(aux, Mapping) and aux.get("Digest"):
            self.digest = str(aux["Digest"])
        match = re.search(r"\b(sha256:[0-9a-f]{64})\b", status)
        if match and ("Digest:" in status or "digest:" in status):
            self.digest = match.group(1)
        detail = event.get("progressDetail") or {}
        if layer and isinstance(detail, Mapping) and detail.get("total"):
            self.layers[layer] = (int(detail.get("current") or 0), int(detail["total"]))
        if status in ("Pull complete", "Already exists", "Pushed", "Layer already exists"):
            self.done.add(layer)
            self.layers.setdefault(layer, (0, 0))
        elif status.startswith(("Pulling fs layer", "Waiting", "Preparing")):
            self.layers.setdefault(layer, (0, 0))
        now = time.monotonic()
        if self.progress is not None and (status.endswith("complete") or now - self.last >= 1.0):
            self.last = now
            self.progress(self.summary())

    def summary(self) -> str:
        moved = sum(c for c, _ in self.layers.values())
        total = sum(t for _, t in self.layers.values())
        size = f", {moved / 1e6:.1f} of {total / 1e6:.1f} MB" if total else ""
        return f"{self.verb} {self.ref}: {len(self.done)} of {len(self.layers)} layers{size}"


def pull_image(ref: str, progress: Progress | None = None) -> str:
    """Pull ``ref`` through the engine (its credentials and mirrors), with progress; returns
    the image id.

    Raises:
        RegistryError: the registry does not have it, refuses, or cannot be reached.
        EngineError: the engine fails.
    """
    transfer = _Transfer(ref, "pulling", progress)
    with transfer.errors():
        for event in _client().api.pull(ref, stream=True, decode=True):
            transfer.feed(event)
    if progress is not None:
        progress(transfer.summary() + ", done")
    return str(_client().api.inspect_image(ref)["Id"])


def push_image(image: str, ref: str, progress: Progress | None = None) -> str:
    """Tag ``image`` (an id or name) as ``ref`` and push it; returns the manifest digest the
    registry reported. The ``ref`` tag is removed again afterwards; the image stays.

    Raises:
        RegistryError: the registry refused or could not be reached.
        EngineError: the engine fails.
    """
    repo, _, tag = ref.rpartition(":")
    if not repo or "/" in tag:
        repo, tag = ref, "latest"
    client = _client()
    transfer = _Transfer(ref, "pushing", progress)
    with transfer.errors():
        client.api.tag(image, repo, tag)
        try:
            for event in client.api.push(repo, tag=tag, stream=True, decode=True):
                transfer.feed(event)
        finally:
            client.api.remove_image(f"{repo}:{tag}", noprune=True)
    if not transfer.digest:
        raise RegistryError(f"pushing {ref}: the engine reported no digest")
    if progress is not None:
        progress(transfer.summary() + f", done ({transfer.digest})")
    return transfer.digest


def registry_layer_sizes(ref: str, digest: str) -> list[int]:
    """The layer sizes (compressed, bytes, bottom first) in the manifest ``digest`` of ``ref``'s
    repository, read from the registry's v2 API.

    The engine has no endpoint for a manifest's body, so this asks the registry itself: over HTTPS,
    or plain HTTP for a loopback registry (which the engine also treats as insecure), anonymously
    or with a bearer token the registry grants anonymously, or with the basic credentials of
    ``docker login`` in ``~/.docker/config.json`` (credential helpers are not read).

    Raises:
        RegistryError: the registry cannot be reached or refuses.
    """
    import requests

    host = registry_host(ref)
    name = repository_path(ref)
    api = "registry-1.docker.io" if host == DOCKER_HUB else host
    loopback = api.startswith(("127.", "localhost"))
    url = f"{'http' if loopback else 'https'}://{api}/v2/{name}/manifests/{digest}"
    headers = {"Accept": ", ".join(MANIFEST_TYPES)}
    session = requests.Session()
    auth = _login_auth(host)
    try:
        resp = session.get(url, headers=headers, auth=auth, timeout=30)
        challenge = resp.headers.get("WWW-Authenticate", "")
        if resp.status_code == 401 and challenge.lower().startswith("bearer "):
            token = _bearer_token(session, challenge, name, auth)
            resp = session.get(
                url, headers={**headers, "Authorization": f"Bearer {token}"}, timeout=30
            )
        resp.raise_for_status()
        manifest = resp.json()
    except (requests.RequestException, ValueError) as exc:
        raise RegistryError(f"cannot read manifest {digest} of {ref} from {host}: {exc}") from exc
    layers = manifest.get("layers")
    if not isinstance(layers, list):
        raise RegistryError(f"manifest {digest} of {ref} lists no layers (an index?)")
    return [int(layer.get("size") or 0) for layer in layers]


def _login_auth(host: str) -> tuple[str, str] | None:
    path = Path(os.environ.get("DOCKER_CONFIG") or Path.home() / ".docker") / "config.json"
    try:
        auths = json.loads(path.read_text("utf-8")).get("auths") or {}
    except (OSError, ValueError):
        return None
    keys = [host, f"https://{host}", f"http://{host}"]
    if host == DOCKER_HUB:
        keys.append("https://index.docker.io/v1/")
    for key in keys:
        encoded = (auths.get(key) or {}).get("auth")
        if encoded:
            user, _, password = base64.b64decode(encoded).decode("utf-8").partition(":")
            return user, password
    return None


def _bearer_token(session: Any, challenge: str, name: str, auth: tuple[str, str] | None) -> str:
    import re

    params = dict(re.findall(r'(\w+)="([^"]*)"', challenge))
    realm = params.pop("realm", "")
    params.setdefault("scope", f"repository:{name}:pull")
    resp = session.get(realm, params=params, auth=auth, timeout=30)
    resp.raise_for_status()
    body = resp.json()
    return str(body.get("token") or body.get("access_token") or "")


def ensure_image(ref: str, progress: Progress | None = None) -> bool:
    """Make sure the engine has ``ref``, pulling it (with progress) when it does not; returns
    whether it was pulled.

    Raises:
        RegistryError: it is not local and its registry does not have it, refuses, or is down.
        EngineError: the engine fails.
    """
    if image_exists(ref):
        return False
    found = inspect_remote(ref)
    if not isinstance(found, RemoteImage):
        raise RegistryError(
            f"image {ref} is not in the engine, and {registry_label(ref)} answered: {found}",
            hint="check the name, or `docker login` to the registry if it needs credentials",
        )
    pull_image(ref, progress)
    return True
