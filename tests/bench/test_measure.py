"""Layer sizes tied to instructions, exact compressed sizes, the layer cache, waste against dive."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import subprocess
import tarfile
from pathlib import Path

import pytest

from imgopt.bench.layers import GZIP_METHOD, LayerCache, _measure_from_save, measure_layers
from imgopt.bench.sizes import base_image_ref, image_sizes, parse_dockerfile
from imgopt.bench.waste import analyze_waste
from imgopt.engine.builders import BuildRequest, get_builder
from imgopt.engine.images import ImageInfo, inspect_image

from .conftest import TEST_LABELS, ImageJanitor, write_tree

DIVE = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "dive"

ORIGINAL = """\
FROM debian:bookworm-slim
RUN head -c 300000 /dev/zero > /zeros.bin
COPY app.txt /app/app.txt
RUN head -c 120000 /dev/zero > /app/more.bin
CMD ["cat", "/app/app.txt"]
"""

# The same, with one layer inserted in the middle.
INSERTED = """\
FROM debian:bookworm-slim
RUN head -c 300000 /dev/zero > /zeros.bin
RUN head -c 50000 /dev/zero > /inserted.bin
COPY app.txt /app/app.txt
RUN head -c 120000 /dev/zero > /app/more.bin
CMD ["cat", "/app/app.txt"]
"""

# Overwritten, deleted and opaque-replaced files across layers, for the waste figures.
WASTEFUL = """\
FROM debian:bookworm-slim
RUN mkdir -p /data/gone /data/opq /data/keep \\
 && head -c 300000 /dev/urandom > /data/big.bin \\
 && head -c 5000 /dev/urandom > /data/gone/a \\
 && head -c 1111 /dev/urandom > /data/opq/x \\
 && echo hi > /data/keep/h \\
 && ln /data/big.bin /data/hard.bin
RUN head -c 200000 /dev/urandom > /data/big.bin \\
 && rm -rf /data/gone /data/opq && mkdir /data/opq && echo new > /data/opq/y \\
 && rm -f /usr/bin/perl
RUN rm -rf /usr/share/doc && echo again > /data/keep/h && mkdir -p /data/empty
"""


def _build(root: Path, name: str, dockerfile: str, janitor: ImageJanitor) -> ImageInfo:
    ctx = root / name
    write_tree(ctx, {"Dockerfile": dockerfile, "app.txt": "hello\n"})
    result = get_builder().build(BuildRequest(context=ctx, labels=TEST_LABELS))
    janitor.add(result.image_id)
    return inspect_image(result.image_id)


@pytest.fixture(scope="module")
def images(
    tmp_path_factory: pytest.TempPathFactory, base_image: str, janitor: ImageJanitor
) -> dict[str, ImageInfo]:
    root = tmp_path_factory.mktemp("measure")
    return {
        "original": _build(root, "original", ORIGINAL, janitor),
        "inserted": _build(root, "inserted", INSERTED, janitor),
        "wasteful": _build(root, "wasteful", WASTEFUL, janitor),
        "base": inspect_image(base_image),
    }


@pytest.fixture()
def cache(tmp_path: Path) -> LayerCache:
    return LayerCache(tmp_path / "cache")


def _saved_layers(image_id: str) -> dict[str, bytes]:
    """Every layer tar of an image, by diff id, straight from `docker save`."""
    data = subprocess.run(["docker", "save", image_id], capture_output=True, check=True).stdout
    out: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        for member in archive:
            fh = archive.extractfile(member) if member.isfile() else None
            if fh is None:
                continue
            blob = fh.read()
            out["sha256:" + hashlib.sha256(blob).hexdigest()] = blob
    return out


@pytest.mark.engine
def test_layers_tie_to_instructions_and_survive_an_inserted_layer(
    images: dict[str, ImageInfo], tmp_path: Path
) -> None:
    rows = {}
    for name, text in (("original", ORIGINAL), ("inserted", INSERTED)):
        path = tmp_path / f"{name}.Dockerfile"
        path.write_text(text)
        df = parse_dockerfile(path, {})
        assert df is not None
        base = images["base"]
        sizes = image_sizes(
            images[name], None, dockerfile=df, base=base, base_ref=base_image_ref(df)
        )
        assert sizes.base_layers == len(base.diff_ids) >= 1
        assert all(r.base for r in sizes.layers[: sizes.base_layers])
        assert all(r.instruction == "FROM debian:bookworm-slim" for r in sizes.layers if r.base)
        assert sizes.size_bytes == sum(r.size_bytes for r in sizes.layers)
        rows[name] = {r.instruction: r for r in sizes.layers if not r.base}
    original, inserted = rows["original"], rows["inserted"]
    assert list(original) == [
        "RUN head -c 300000 /dev/zero > /zeros.bin",
        "COPY app.txt /app/app.txt",
        "RUN head -c 120000 /dev/zero > /app/more.bin",
    ]
    assert set(inserted) - set(original) == {"RUN head -c 50000 /dev/zero > /inserted.bin"}
    for text, row in original.items():
        assert inserted[text].size_bytes == row.size_bytes, text
    assert original["RUN head -c 300000 /dev/zero > /zeros.bin"].size_bytes == 300000
    assert inserted["RUN head -c 50000 /dev/zero > /inserted.bin"].size_bytes == 50000
    assert original["COPY app.txt /app/app.txt"].line == 3
    assert inserted["COPY app.txt /app/app.txt"].line == 4


@pytest.mark.engine
def test_compressed_size_is_gzip_of_the_exact_layer_tar(
    images: dict[str, ImageInfo], cache: LayerCache
) -> None:
    info = images["original"]
    facts = measure_layers(info.id, info.diff_ids, cache=cache)
    saved = _saved_layers(info.id)
    for layer in facts:
        tar = saved[layer.diff_id]  # the tar we measured hashes to the diff id: same bytes
        assert layer.tar_bytes == len(tar)
        reference = len(gzip.compress(tar, compresslevel=6, mtime=0))
        assert layer.compressed_bytes is not None
        # zlib-ng and zlib at level 6 differ by a few percent at most (the module docs).
        assert abs(layer.compressed_bytes - reference) <= max(64, 0.04 * reference), layer
        assert layer.method == GZIP_METHOD
        # The entry list is the tar's own.
        with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
            names = [m.name.rstrip("/").removeprefix("./") for m in archive]
        assert [e.path for e in layer.entries or ()] == [n for n in names if n not in ("", ".")]


@pytest.mark.engine
def test_save_stream_gives_the_same_figures_as_the_layer_store(
    images: dict[str, ImageInfo], cache: LayerCache
) -> None:
    info = images["original"]
    local = measure_layers(info.id, info.diff_ids, cache=cache)
    saved = _measure_from_save(info.id, set(info.diff_ids), True, None, None)
    for layer in local:
        other = saved[layer.diff_id]
        assert (other.tar_bytes, other.compressed_bytes) == (
            layer.tar_bytes,
            layer.compressed_bytes,
        )
        assert other.entries == layer.entries


@pytest.mark.engine
def test_layer_cache_measures_a_shared_base_layer_once(
    images: dict[str, ImageInfo], cache: LayerCache
) -> None:
    seen: list[int] = []
    first = measure_layers(images["original"].id, images["original"].diff_ids, cache=cache)
    assert not any(f.cached for f in first)
    second = measure_layers(
        images["inserted"].id, images["inserted"].diff_ids, cache=cache, on_bytes=seen.append
    )
    base_ids = set(images["base"].diff_ids)
    assert all(f.cached for f in second if f.diff_id in base_ids)
    new = [f for f in second if not f.cached]
    assert new and all(f.diff_id not in base_ids for f in new)
    # Only the layers not seen before were read.
    assert sum(seen) == sum(f.tar_bytes for f in new)
    again = measure_layers(images["original"].id, images["original"].diff_ids, cache=cache)
    assert all(f.cached for f in again)
    assert [(f.tar_bytes, f.compressed_bytes, f.entries) for f in again] == [
        (f.tar_bytes, f.compressed_bytes, f.entries) for f in first
    ]


def _dive(image: str, out: Path) -> dict[str, float]:
    subprocess.run(
        [str(DIVE), "--source", "docker", image, "-j", str(out)],
        capture_output=True,
        check=True,
        env={"CI": "true", "PATH": "/usr/bin:/bin:/usr/local/bin"},
    )
    data = json.loads(out.read_text())["image"]
    return {"efficiency": data["efficiencyScore"], "wasted": data["inefficientBytes"]}


@pytest.mark.engine
@pytest.mark.parametrize("name", ["wasteful", "original"])
def test_waste_matches_dive(
    images: dict[str, ImageInfo], cache: LayerCache, tmp_path: Path, name: str
) -> None:
    info = images[name]
    facts = measure_layers(info.id, info.diff_ids, compressed=False, cache=cache)
    waste = analyze_waste([f.entries or () for f in facts], own_from=len(images["base"].diff_ids))
    dive = _dive(info.id, tmp_path / "dive.json")
    assert waste.wasted_bytes == dive["wasted"]
    assert waste.efficiency == pytest.approx(dive["efficiency"], rel=1e-12)
    if name == "wasteful":
        # big.bin (300000, overwritten), gone/a (5000) and opq/x (1111, hidden by an opaque
        # directory) and keep/h ("hi\n", overwritten) are the own layers' recoverable bytes.
        assert waste.recoverable_own_bytes == 300000 + 5000 + 1111 + 3
        assert waste.recoverable_bytes > waste.recoverable_own_bytes  # perl and docs too
        assert waste.wasted_bytes >= 300000 + 200000
        assert dict(waste.inefficient_paths)["/data/big.bin"] == 500000
