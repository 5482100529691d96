"""List the entries of a tar stream without holding it: fed in chunks, contents may be skipped.

Reads what Go's ``archive/tar`` (and so the engine and dive) reads: ustar, GNU and PAX headers,
long names and sizes from PAX records or GNU ``L``/``K`` entries, base-256 sizes. For each entry
it keeps the cleaned path (like Go's ``path.Clean``), the header's size and the type flag, which is
all the waste analysis needs.
"""

from __future__ import annotations

import contextlib
import posixpath
from typing import NamedTuple

BLOCK = 512
# Types whose header is never followed by content, whatever their size field says (Go's
# isHeaderOnlyType).
_HEADER_ONLY = frozenset(b"123456")
_META = frozenset(b"xgLK")


class TarEntry(NamedTuple):
    """One entry of a layer tar.

    Attributes:
        path: the cleaned path without a leading slash (``"usr/bin/python3"``).
        size: the header's size field (0 for directories, links, whiteouts).
        type: the type flag as a character (``"0"`` file, ``"5"`` directory, ``"1"`` hard link,
            ``"2"`` symlink, ...).
    """

    path: str
    size: int
    type: str

    @property
    def is_dir(self) -> bool:
        """Whether the entry is a directory."""
        return self.type == "5"


def clean_path(name: str) -> str:
    """Go's ``path.Clean`` of a tar name, without the leading slash (``"."`` for the root)."""
    cleaned = posixpath.normpath("/" + name).lstrip("/")
    return cleaned or "."


def _cstr(field: bytes) -> str:
    end = field.find(b"\0")
    raw = field if end < 0 else field[:end]
    return raw.decode("utf-8", "surrogateescape")


def _number(field: bytes) -> int:
    if field and field[0] & 0x80:  # base-256 (GNU): big-endian, sign bit in the first byte
        value = field[0] & 0x3F
        for byte in field[1:]:
            value = (value << 8) | byte
        return -value if field[0] & 0x40 else value
    text = field.replace(b"\0", b" ").strip()
    return int(text, 8) if text else 0


def _pax_records(data: bytes) -> dict[str, str]:
    records: dict[str, str] = {}
    pos = 0
    while pos < len(data):
        space = data.find(b" ", pos)
        if space < 0:
            break
        try:
            length = int(data[pos:space])
        except ValueError:
            break
        if length <= 0:
            break
        record = data[space + 1 : pos + length - 1]  # without the trailing newline
        key, _, value = record.partition(b"=")
        records[key.decode("utf-8", "surrogateescape")] = value.decode("utf-8", "surrogateescape")
        pos += length
    return records


class TarLister:
    """Incremental tar header reader.

    Feed the tar's bytes with :meth:`feed`; where the caller knows an entry's content without
    having its bytes (a tar-split file record), call :meth:`skip` with the content's length
    instead. Entries accumulate in :attr:`entries`.
    """

    def __init__(self) -> None:
        self.entries: list[TarEntry] = []
        self._header = bytearray()
        self._data_left = 0  # content bytes of the current entry still to come
        self._pad_left = 0  # padding after the content
        self._collect: bytearray | None = None  # content of a PAX/GNU meta entry
        self._collect_type = 0
        self._pax: dict[str, str] = {}
        self._global_pax: dict[str, str] = {}
        self._long_name: str | None = None
        self._long_link: str | None = None
        self.ended = False

    def feed(self, data: bytes | bytearray | memoryview) -> None:
        """Consume the next bytes of the tar stream."""
        view = memoryview(data)
        pos = 0
        end = len(view)
        while pos < end:
            if self._data_left:
                take = min(self._data_left, end - pos)
                if self._collect is not None:
                    self._collect += view[pos : pos + take]
                self._data_left -= take
                pos += take
                if not self._data_left:
                    self._content_done()
                continue
            if self._pad_left:
                take = min(self._pad_left, end - pos)
                self._pad_left -= take
                pos += take
                continue
            need = BLOCK - len(self._header)
            if not self._header and end - pos >= BLOCK:
                self._on_header(bytes(view[pos : pos + BLOCK]))
                pos += BLOCK
                continue
            take = min(need, end - pos)
            self._header += view[pos : pos + take]
            pos += take
            if len(self._header) == BLOCK:
                block = bytes(self._header)
                self._header.clear()
                self._on_header(block)

    def skip(self, size: int) -> None:
        """Account for ``size`` content bytes of the current entry that are not fed.

        Raises:
            ValueError: when the current entry has fewer content bytes left, or is a meta entry
                whose content must be read.
        """
        if size == 0:
            return
        if self._collect is not None or size > self._data_left:
            raise ValueError("tar content skipped where the stream does not have it")
        self._data_left -= size
        if not self._data_left:
            self._content_done()

    def _content_done(self) -> None:
        if self._collect is not None:
            data = bytes(self._collect)
            self._collect = None
            if self._collect_type == ord("x"):
                self._pax.update(_pax_records(data))
            elif self._collect_type == ord("g"):
                self._global_pax.update(_pax_records(data))
            elif self._collect_type == ord("L"):
                self._long_name = _cstr(data)
            elif self._collect_type == ord("K"):
                self._long_link = _cstr(data)

    def _on_header(self, block: bytes) -> None:
        if block.count(0) == BLOCK:
            self.ended = True
            return
        size = _number(block[124:136])
        typeflag = block[156] or ord("0")
        pad = (-size) % BLOCK
        if typeflag in _META:
            self._collect = bytearray()
            self._collect_type = typeflag
            self._data_left = size
            self._pad_left = pad
            if not size:
                self._content_done()
            return
        name = _cstr(block[0:100])
        if block[257:263] == b"ustar\0":  # POSIX ustar: a prefix may hold the directory part
            prefix = _cstr(block[345:500])
            if prefix:
                name = f"{prefix}/{name}"
        pax = {**self._global_pax, **self._pax} if self._global_pax else self._pax
        if self._long_name is not None:
            name = self._long_name
        if "path" in pax:
            name = pax["path"]
        if "size" in pax:
            with contextlib.suppress(ValueError):
                size = int(pax["size"])
            pad = (-size) % BLOCK
        self._pax = {}
        self._long_name = None
        self._long_link = None
        if typeflag == ord("7"):  # contiguous file: a regular file for every reader
            typeflag = ord("0")
        self.entries.append(TarEntry(clean_path(name), size, chr(typeflag)))
        if typeflag in _HEADER_ONLY:
            return
        self._data_left = size
        self._pad_left = pad
