"""The tar lister against Python's tarfile, and the waste figures on hand-made layers."""

from __future__ import annotations

import io
import tarfile

import pytest

from imgopt.bench.tarlist import TarEntry, TarLister, clean_path
from imgopt.bench.waste import analyze_waste, dive_figures, recoverable


def _tar(fmt: int) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as archive:

        def add(
            name: str, data: bytes = b"", kind: bytes = tarfile.REGTYPE, link: str = ""
        ) -> None:
            info = tarfile.TarInfo(name)
            info.type = kind
            info.size = len(data) if kind == tarfile.REGTYPE else 0
            info.linkname = link
            archive.addfile(info, io.BytesIO(data) if data else None)

        add("usr/", kind=tarfile.DIRTYPE)
        add("usr/bin/tool", b"x" * 1000)
        add("usr/" + "deep/" * 40 + "long-name.txt", b"y" * 513)  # needs PAX/GNU long names
        add("usr/bin/hard", kind=tarfile.LNKTYPE, link="usr/bin/tool")
        add("usr/bin/soft", kind=tarfile.SYMTYPE, link="tool")
        add("./etc/.wh.gone")
        add("empty.txt")
    return buf.getvalue()


@pytest.mark.parametrize("fmt", [tarfile.PAX_FORMAT, tarfile.GNU_FORMAT, tarfile.USTAR_FORMAT])
@pytest.mark.parametrize("chunk", [1, 100, 512, 4096, 1 << 20])
def test_lister_matches_tarfile(fmt: int, chunk: int) -> None:
    try:
        data = _tar(fmt)
    except ValueError:
        pytest.skip("format cannot hold the long name")
    lister = TarLister()
    for i in range(0, len(data), chunk):
        lister.feed(data[i : i + chunk])
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        expected = [
            TarEntry(clean_path(m.name), m.size, m.type.decode()) for m in archive.getmembers()
        ]
    assert lister.entries == expected
    assert lister.ended
    assert lister.entries[2].path.endswith("long-name.txt") and lister.entries[2].size == 513
    assert lister.entries[5].path == "etc/.wh.gone"


def test_lister_skip_stands_in_for_content() -> None:
    data = _tar(tarfile.PAX_FORMAT)
    # Feed headers only, skipping each regular file's content as a tar-split record would.
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        members = archive.getmembers()
    lister = TarLister()
    pos = 0
    for m in members:
        lister.feed(data[pos : m.offset_data])
        if m.isreg() and m.size:
            lister.skip(m.size)
        pos = m.offset_data + (m.size if m.isreg() else 0)
    lister.feed(data[pos:])
    assert [e.path for e in lister.entries] == [clean_path(m.name) for m in members]


def _e(path: str, size: int = 0, kind: str = "0") -> TarEntry:
    return TarEntry(path, size, kind)


def test_recoverable_counts_hidden_copies_not_the_survivor() -> None:
    layers = [
        [_e("bin", kind="5"), _e("bin/sh", 100)],  # base
        [
            _e("app", kind="5"),
            _e("app/a", 10),
            _e("app/b", 20),
            _e("app/d", kind="5"),
            _e("app/d/x", 5),
        ],
        [
            _e("app", kind="5"),
            _e("app/a", 11),
            _e("app/.wh.b"),
            _e("app/d", kind="5"),
            _e("app/d/.wh..wh..opq"),
        ],
        [_e("bin", kind="5"), _e("bin/sh", 90)],
    ]
    total, own = recoverable(layers, own_from=1)
    assert own == 10 + 20 + 5  # a's first copy, deleted b, x hidden by the opaque directory
    assert total == own + 100  # plus the base's sh, overwritten by the last layer


def test_dive_figures_on_hand_made_layers() -> None:
    layers = [
        [_e("f", 100), _e("d", kind="5"), _e("d/x", 7)],
        [_e("f", 40), _e(".wh.d")],
    ]
    efficiency, wasted, paths = dive_figures(layers)
    # f: records 100 and 40 (wasted 140, min 40); d: a whiteout of a directory counts its subtree
    # (7) once, d/x once: neither is "inefficient" in dive's terms.
    assert wasted == 140
    assert paths == [("/f", 140)]
    assert efficiency == pytest.approx((40 + 7 + 7) / (140 + 7 + 7))
    waste = analyze_waste(layers)
    assert waste.recoverable_bytes == 100 + 7
    assert dive_figures([]) == (1.0, 0, [])
