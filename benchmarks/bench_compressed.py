"""Exact compressed size: throughput from a cold cache, the cached case, and fidelity to Go's gzip.

Target (issue 4): at least 100 MB/s of layer data for a ~1 GB image on this 2-core machine from a
cold cache, reading the layers included; near zero for layers already measured.

Measures, on one image (default: the largest local stand-in base image, e.g. python:3.11):
  1. imgopt, cold cache, layers read from the engine's layer store (the default path);
  2. imgopt again, warm cache (every layer already measured);
  3. imgopt, cold cache, layers read from the `docker save` stream (the fallback path);
  4. references: `docker save` alone, and CPython zlib level 6 on one core;
  5. fidelity: Go's gzip.DefaultCompression (what `docker push` uses) on the same layer tars,
     when a Go toolchain is installed (`apt-get install golang-go`), else skipped.

Run:  .venv/bin/python benchmarks/bench_compressed.py [--image REF] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path
from typing import Any

from imgopt.bench.layers import GZIP_METHOD, LayerCache, _measure_from_save, measure_layers
from imgopt.engine.images import LocalStore, inspect_image

GO_GZIP = """\
package main

import (
\t"compress/gzip"
\t"fmt"
\t"io"
\t"os"
)

type counter struct{ n int64 }

func (c *counter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

func main() {
\tc := &counter{}
\tw := gzip.NewWriter(c)
\tif _, err := io.Copy(w, os.Stdin); err != nil {
\t\tpanic(err)
\t}
\tw.Close()
\tfmt.Println(c.n)
}
"""


def largest_image() -> str:
    """The largest local stand-in base image (python:3.11 is about 1 GB), else the largest image."""
    out = subprocess.run(
        ["docker", "images", "--format", "{{.ID}} {{.Repository}}:{{.Tag}}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    best: tuple[bool, int, str] = (False, -1, "")
    for line in out:
        if not line.strip():
            continue
        image_id, ref = line.split(" ", 1)
        if ref.startswith(("imgopt-run-", "<none>")):
            continue
        info = inspect_image(image_id)
        standin = info.labels.get("org.imgopt.standin") == "true"
        best = max(best, (standin, info.size, ref))
    return best[2]


def go_sizes(image: str, diff_ids: list[str]) -> dict[str, int] | None:
    go = shutil.which("go") or next(
        (str(p) for p in sorted(Path("/usr/lib").glob("go-*/bin/go"))), None
    )
    store = LocalStore.open()
    if go is None or store is None:
        return None
    layers = store.layers(diff_ids)
    if layers is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "main.go"
        src.write_text(GO_GZIP)
        env = {**os.environ, "GOCACHE": str(Path(tmp) / "cache"), "GO111MODULE": "off"}
        subprocess.run([go, "build", "-o", str(Path(tmp) / "gogz"), str(src)], check=True, env=env)
        out: dict[str, int] = {}
        for layer in layers:
            proc = subprocess.Popen(
                [str(Path(tmp) / "gogz")], stdin=subprocess.PIPE, stdout=subprocess.PIPE
            )
            assert proc.stdin is not None and proc.stdout is not None
            for chunk in layer.tar_chunks():
                proc.stdin.write(chunk)
            proc.stdin.close()
            out[layer.diff_id] = int(proc.stdout.read().strip())
            proc.wait()
        return out


def main() -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--image", help="image to measure (default: the largest stand-in)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    image = args.image or largest_image()
    info = inspect_image(image)
    ids = list(info.diff_ids)
    result: dict[str, Any] = {"image": image, "layers": len(ids), "method": GZIP_METHOD}

    with tempfile.TemporaryDirectory() as tmp:
        cache = LayerCache(Path(tmp))
        t = time.perf_counter()
        facts = measure_layers(info.id, ids, cache=cache)
        cold = time.perf_counter() - t
        total = sum(f.tar_bytes for f in facts)
        result["tar_bytes"] = total
        result["compressed_bytes"] = sum(f.compressed_bytes or 0 for f in facts)
        result["cold_s"] = round(cold, 2)
        result["cold_mb_per_s"] = round(total / cold / 1e6, 1)
        t = time.perf_counter()
        measure_layers(info.id, ids, cache=cache)
        result["cached_s"] = round(time.perf_counter() - t, 4)

    t = time.perf_counter()
    saved = _measure_from_save(info.id, set(ids), True, None, None)
    save_path = time.perf_counter() - t
    result["save_path_s"] = round(save_path, 2)
    result["save_path_mb_per_s"] = round(total / save_path / 1e6, 1)
    result["save_path_same_figures"] = all(
        saved[f.diff_id].compressed_bytes == f.compressed_bytes for f in facts
    )

    t = time.perf_counter()
    with subprocess.Popen(["docker", "save", info.id], stdout=subprocess.PIPE) as proc:
        assert proc.stdout is not None
        while proc.stdout.read(1 << 22):
            pass
    result["docker_save_alone_s"] = round(time.perf_counter() - t, 2)

    store = LocalStore.open()
    local = store.layers(ids) if store is not None else None
    if local:
        biggest = max(local, key=lambda layer: layer.size)
        sample = bytearray()
        for chunk in biggest.tar_chunks():
            sample += chunk
            if len(sample) >= 200 << 20:
                break
        t = time.perf_counter()
        comp = zlib.compressobj(6, zlib.DEFLATED, 31)
        comp.compress(sample)
        comp.flush()
        rate = len(sample) / (time.perf_counter() - t) / 1e6
        result["python_zlib6_one_core_mb_per_s"] = round(rate, 1)

    go = go_sizes(image, ids)
    if go is not None:
        ours = sum(f.compressed_bytes or 0 for f in facts)
        theirs = sum(go.values())
        result["go_gzip_default_bytes"] = theirs
        result["deviation_vs_go_percent"] = round(100 * (ours - theirs) / theirs, 3)
        result["max_layer_deviation_vs_go_percent"] = round(
            max(
                abs(100 * ((f.compressed_bytes or 0) - go[f.diff_id]) / go[f.diff_id])
                for f in facts
                if go[f.diff_id] > 1 << 20
            ),
            3,
        )
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:40s} {value}")
    return result


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
