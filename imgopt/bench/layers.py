"""Measure layers: tar size, exact gzip size, and the entry list, cached on disk by diff id.

What "compressed size" means here
---------------------------------
A registry stores each layer as the gzip of the layer's tar: ``docker push`` compresses the very
tar whose sha256 is the layer's diff id with Go's ``compress/gzip`` at its default level. We
compress the same bytes (checked against the diff id) as a gzip stream at zlib level 6 with
zlib-ng, split into 4 MiB pieces that are deflated in parallel, each primed with the 32 KiB before
it (pigz's scheme; the pieces join into one valid deflate stream), plus gzip's 10-byte header and
8-byte trailer. So ``compressed_bytes`` is the length of a real gzip stream of the exact layer tar;
it is not Go's byte stream, because no two deflate implementations emit the same bits. Measured
here: on the four layers of ``buildpack-deps:bookworm`` (958 MB of tar), Go 1.19's
``gzip.DefaultCompression`` gave 350,791,222 bytes and this method 351,028,390 (+0.07%; the
largest per-layer difference +0.4%); on a 1.2 GB tar of a Debian system, zlib-ng level 6 was
-0.06% from Go and CPython's zlib level 6 -2.3%, so zlib-ng is also the closer match, and 2-3x
faster. ``benchmarks/bench_compressed.py`` re-measures this against Go when a Go toolchain is
installed. The method string is recorded with every figure (``GZIP_METHOD``).

Caching
-------
Layers are content-addressed, so a figure keyed by diff id and method never goes stale: a base
layer shared by five variants (or five runs) is compressed once. The cache lives in
``$IMGOPT_CACHE_DIR`` (default ``~/.cache/imgopt``) under ``layers/``, one JSON file per layer
plus a gzip'd entry list, written atomically so concurrent runs can share it.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import re
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from imgopt.bench.tarlist import TarEntry, TarLister
from imgopt.errors import EngineError

GZIP_LEVEL = 6
PIECE = 4 << 20  # bytes deflated per parallel piece
WINDOW = 32 << 10  # deflate's window: each piece is primed with this much of what precedes it
GZIP_OVERHEAD = 10 + 8  # gzip header (no name, as Go writes it) + CRC32 and length trailer


def _deflate_module() -> tuple[Any, str]:
    try:
        from zlib_ng import zlib_ng

        return zlib_ng, "zlib-ng"
    except ImportError:  # pragma: no cover - zlib-ng is a dependency; stdlib keeps us working
        import zlib

        return zlib, "zlib"


_ZLIB, _ZLIB_NAME = _deflate_module()
GZIP_METHOD = f"gzip-{_ZLIB_NAME}-{GZIP_LEVEL}-pieces-{PIECE >> 20}MiB"


def cache_root() -> Path:
    """The cache folder: ``$IMGOPT_CACHE_DIR``, else ``$XDG_CACHE_HOME/imgopt`` (``~/.cache``)."""
    if os.environ.get("IMGOPT_CACHE_DIR"):
        return Path(os.environ["IMGOPT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "imgopt"


@dataclass(frozen=True)
class LayerFacts:
    """Measured facts of one layer.

    Attributes:
        diff_id: the layer's id (sha256 of its uncompressed tar).
        tar_bytes: length of the uncompressed tar.
        compressed_bytes: gzip size (see the module docs), or None when not measured.
        method: how ``compressed_bytes`` was measured (``GZIP_METHOD``).
        entries: the tar's entries in order, or None when not loaded.
        cached: the figures came from the on-disk cache.
    """

    diff_id: str
    tar_bytes: int
    compressed_bytes: int | None
    method: str
    entries: tuple[TarEntry, ...] | None = None
    cached: bool = False


class LayerCache:
    """Per-layer figures on disk, keyed by diff id (safe to share between concurrent runs)."""

    def __init__(self, root: Path | None = None) -> None:
        self.dir = (root or cache_root()) / "layers"

    def _paths(self, diff_id: str) -> tuple[Path, Path]:
        hex_id = diff_id.removeprefix("sha256:")
        if not re.fullmatch(r"[0-9a-f]{64}", hex_id):
            raise ValueError(f"not a layer digest: {diff_id}")
        return self.dir / f"{hex_id}.json", self.dir / f"{hex_id}.entries.gz"

    def get(self, diff_id: str, *, gzip_needed: bool, entries_needed: bool) -> LayerFacts | None:
        """The cached facts, or None when something asked for is missing."""
        meta_path, entries_path = self._paths(diff_id)
        try:
            meta = json.loads(meta_path.read_text())
        except (OSError, ValueError):
            return None
        compressed = (meta.get("gzip") or {}).get(GZIP_METHOD)
        if gzip_needed and compressed is None:
            return None
        entries: tuple[TarEntry, ...] | None = None
        if entries_needed:
            entries = self._read_entries(entries_path)
            if entries is None:
                return None
        return LayerFacts(
            diff_id=diff_id,
            tar_bytes=int(meta["tar_bytes"]),
            compressed_bytes=compressed,
            method=GZIP_METHOD,
            entries=entries,
            cached=True,
        )

    def put(self, facts: LayerFacts) -> None:
        """Store ``facts``, merging with what is there (other methods' figures are kept)."""
        meta_path, entries_path = self._paths(facts.diff_id)
        self.dir.mkdir(parents=True, exist_ok=True)
        try:
            meta = json.loads(meta_path.read_text())
        except (OSError, ValueError):
            meta = {}
        meta["diff_id"] = facts.diff_id
        meta["tar_bytes"] = facts.tar_bytes
        if facts.compressed_bytes is not None:
            meta.setdefault("gzip", {})[facts.method] = facts.compressed_bytes
        if facts.entries is not None:
            meta["entries"] = len(facts.entries)
            if not entries_path.exists():
                _atomic_write(entries_path, _encode_entries(facts.entries))
        _atomic_write(meta_path, json.dumps(meta, sort_keys=True).encode())

    def _read_entries(self, path: Path) -> tuple[TarEntry, ...] | None:
        try:
            text = gzip.decompress(path.read_bytes()).decode("utf-8", "surrogateescape")
        except (OSError, EOFError, ValueError):
            return None
        out: list[TarEntry] = []
        for line in text.split("\n"):
            if not line:
                continue
            kind, size, name = line.split("\t", 2)
            out.append(TarEntry(name, int(size), kind))
        return tuple(out)


def _encode_entries(entries: Iterable[TarEntry]) -> bytes:
    # Tabs and newlines cannot be escaped in a tar name we care about; replace them (display
    # only: waste analysis of such a path still works on the in-memory entries).
    lines = (
        f"{e.type}\t{e.size}\t{e.path.replace(chr(10), '?').replace(chr(9), '?')}\n"
        for e in entries
    )
    return gzip.compress("".join(lines).encode("utf-8", "surrogateescape"), compresslevel=1)


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# ----------------------------------------------------------------------------------------------
# Parallel gzip sizing


def _deflate_piece(data: bytes | bytearray, zdict: bytes | bytearray, final: bool) -> int:
    if zdict:
        comp = _ZLIB.compressobj(
            GZIP_LEVEL, _ZLIB.DEFLATED, -15, 8, _ZLIB.Z_DEFAULT_STRATEGY, zdict
        )
    else:
        comp = _ZLIB.compressobj(GZIP_LEVEL, _ZLIB.DEFLATED, -15, 8, _ZLIB.Z_DEFAULT_STRATEGY)
    size = len(comp.compress(data))
    size += len(comp.flush(_ZLIB.Z_FINISH if final else _ZLIB.Z_SYNC_FLUSH))
    return size


class _Meter:
    """Hashes, lists and (optionally) gzip-sizes one layer's byte stream."""

    def __init__(self, pool: ThreadPoolExecutor | None, slots: threading.Semaphore) -> None:
        self.pool = pool
        self.slots = slots
        self.sha = hashlib.sha256()
        self.lister = TarLister()
        self.tar_bytes = 0
        self._pending: bytes | bytearray | None = None
        self._prev_tail: bytes | bytearray = b""
        self._futures: list[Future[int]] = []

    def _submit(self, data: bytes | bytearray, final: bool) -> None:
        assert self.pool is not None
        self.slots.acquire()
        future = self.pool.submit(_deflate_piece, data, self._prev_tail, final)
        future.add_done_callback(lambda _f: self.slots.release())
        self._futures.append(future)
        self._prev_tail = data[-WINDOW:]

    def feed(self, chunk: bytes | bytearray) -> None:
        self.sha.update(chunk)
        self.lister.feed(chunk)
        self.tar_bytes += len(chunk)
        if self.pool is None:
            return
        if self._pending is not None:
            self._submit(self._pending, final=False)
        self._pending = chunk

    def finish(self) -> tuple[str, int, int | None]:
        """(sha256 digest, tar length, gzip length or None)."""
        digest = "sha256:" + self.sha.hexdigest()
        if self.pool is None:
            return digest, self.tar_bytes, None
        if self._pending is not None:
            self._submit(self._pending, final=True)
            self._pending = None
        if not self._futures:  # an empty stream: a gzip of nothing
            return digest, self.tar_bytes, GZIP_OVERHEAD + 2
        return digest, self.tar_bytes, GZIP_OVERHEAD + sum(f.result() for f in self._futures)


# ----------------------------------------------------------------------------------------------
# Measuring an image's layers


ProgressFn = Callable[[int], None]
"""Called with the number of layer bytes just processed."""


def measure_layers(
    image_id: str,
    diff_ids: Iterable[str],
    *,
    compressed: bool = True,
    entries: bool = True,
    cache: LayerCache | None = None,
    workers: int | None = None,
    on_bytes: ProgressFn | None = None,
) -> list[LayerFacts]:
    """Measure every layer of an image (bottom first), from the cache where possible.

    Layers not in the cache are read from the engine's own layer store when it is on this
    machine, else from ``docker save``; either way the tar's sha256 must equal the diff id.

    Args:
        image_id: the image (for ``docker save``).
        diff_ids: its layers, bottom first.
        compressed: measure gzip sizes.
        entries: list each layer's entries (for the waste analysis).
        cache: the layer cache (default: the user's).
        workers: deflate threads (default: one per CPU).
        on_bytes: progress callback.

    Raises:
        EngineError: when a layer cannot be read or does not hash to its diff id.
    """
    from imgopt.engine.images import LocalStore

    ids = list(diff_ids)
    cache = cache if cache is not None else LayerCache()
    found: dict[str, LayerFacts] = {}
    for diff_id in dict.fromkeys(ids):
        hit = cache.get(diff_id, gzip_needed=compressed, entries_needed=entries)
        if hit is not None:
            found[diff_id] = hit
    missing = [d for d in dict.fromkeys(ids) if d not in found]
    if missing:
        store = LocalStore.open()
        local = store.layers(ids) if store is not None else None
        measured: dict[str, LayerFacts] = {}
        if local is not None:
            by_id = {layer.diff_id: layer for layer in local}
            streams = [(d, by_id[d].tar_chunks()) for d in missing]
            if not compressed:
                measured = {d: _entries_from_tar_split(by_id[d]) for d in missing}
            else:
                measured = _measure_streams(streams, workers, on_bytes)
        bad = [d for d in missing if d not in measured]
        if bad:
            measured.update(_measure_from_save(image_id, set(bad), compressed, workers, on_bytes))
        for diff_id in missing:
            facts = measured.get(diff_id)
            if facts is None:
                raise EngineError(f"layer {diff_id[:19]} of {image_id[:19]} could not be read")
            with contextlib.suppress(OSError):  # an unwritable cache only costs time later
                cache.put(facts)
            found[diff_id] = (
                facts if entries else facts.__class__(**{**facts.__dict__, "entries": None})
            )
    return [found[d] for d in ids]


def _entries_from_tar_split(layer: Any) -> LayerFacts:
    """List a layer from its tar-split alone (no file contents read)."""
    lister = TarLister()
    tar_bytes = 0
    for rec in layer.records():
        if rec.raw is not None:
            lister.feed(rec.raw)
            tar_bytes += len(rec.raw)
        else:
            lister.skip(rec.size)
            tar_bytes += rec.size
    return LayerFacts(layer.diff_id, tar_bytes, None, GZIP_METHOD, tuple(lister.entries))


def _measure_streams(
    streams: list[tuple[str, Iterator[bytes | bytearray]]],
    workers: int | None,
    on_bytes: ProgressFn | None,
) -> dict[str, LayerFacts]:
    """Measure layer streams; pieces of all layers share one deflate pool.

    Two layers are read at a time, so reading one layer's files overlaps deflating another's.
    A stream whose bytes do not hash to its diff id is left out of the result.
    """
    n = workers or os.cpu_count() or 2
    slots = threading.Semaphore(2 * n + 2)  # bounds memory: in-flight pieces
    out: dict[str, LayerFacts] = {}
    with ThreadPoolExecutor(n, thread_name_prefix="imgopt-deflate") as pool:

        def one(item: tuple[str, Iterator[bytes | bytearray]]) -> None:
            diff_id, chunks = item
            meter = _Meter(pool, slots)
            for chunk in chunks:
                meter.feed(chunk)
                if on_bytes is not None:
                    on_bytes(len(chunk))
            digest, tar_bytes, gz = meter.finish()
            if digest == diff_id:
                out[diff_id] = LayerFacts(
                    diff_id, tar_bytes, gz, GZIP_METHOD, tuple(meter.lister.entries)
                )

        with ThreadPoolExecutor(min(2, len(streams)) or 1, thread_name_prefix="imgopt-read") as rd:
            for future in [rd.submit(one, s) for s in streams]:
                future.result()
    return out


class _IterReader:
    """A file-like view of an iterator of byte chunks (for tarfile's stream mode).

    Reads return at most what is left of the current chunk (tarfile's stream reader loops until
    it has what it asked for), so no byte is copied more than once.
    """

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._chunk = memoryview(b"")
        self._pos = 0

    def read(self, size: int = -1) -> bytes:
        while self._pos >= len(self._chunk):
            try:
                self._chunk = memoryview(next(self._chunks))
            except StopIteration:
                return b""
            self._pos = 0
        end = len(self._chunk) if size < 0 else min(len(self._chunk), self._pos + size)
        data = self._chunk[self._pos : end].tobytes()
        self._pos = end
        return data


def _measure_from_save(
    image_id: str,
    wanted: set[str],
    compressed: bool,
    workers: int | None,
    on_bytes: ProgressFn | None,
) -> dict[str, LayerFacts]:
    """Measure layers from the ``docker save`` stream (OCI layout or the older layout)."""
    import tarfile

    from imgopt.engine.images import CHUNK, save_image

    n = workers or os.cpu_count() or 2
    slots = threading.Semaphore(2 * n + 2)
    out: dict[str, LayerFacts] = {}
    reader = _IterReader(iter(save_image(image_id)))
    with (
        ThreadPoolExecutor(n, thread_name_prefix="imgopt-deflate") as pool,
        tarfile.open(fileobj=reader, mode="r|", bufsize=CHUNK) as archive,  # type: ignore[call-overload]
    ):
        for member in archive:
            if not member.isfile():
                continue
            name = member.name
            hex_match = re.fullmatch(r"blobs/sha256/([0-9a-f]{64})", name)
            if hex_match:
                if f"sha256:{hex_match.group(1)}" not in wanted:
                    continue  # config, manifests, or a layer we already know
            elif not name.endswith("layer.tar"):
                continue
            fh = archive.extractfile(member)
            if fh is None:
                continue
            meter = _Meter(pool if compressed else None, slots)
            while True:
                chunk = fh.read(CHUNK)
                if not chunk:
                    break
                meter.feed(chunk)
                if on_bytes is not None:
                    on_bytes(len(chunk))
            digest, tar_bytes, gz = meter.finish()
            if digest in wanted:
                out[digest] = LayerFacts(
                    digest, tar_bytes, gz, GZIP_METHOD, tuple(meter.lister.entries)
                )
    return out
