"""Cache mounts change build time, never the image; cold bench builds never share them.

The build-cache rules (IMG801-IMG804) are safe fixes because what a cache mount holds stays on
the build machine: the same Dockerfile built with and without the fix gives the same files in its
layers, except what the original left under the mount targets (and the directories above a
target that held only the cache, or that BuildKit touched to make the mount point).
imgopt.bench.cold gives every bench build cache mount ids of its own and prunes those, and only
those.
"""

from __future__ import annotations

import posixpath
import subprocess
from pathlib import Path

import pytest

from imgopt.bench.cold import cache_mount_records, isolated, namespaced_text, prune_cache_mounts
from imgopt.bench.layers import measure_layers
from imgopt.bench.pushed import changed_layers
from imgopt.dockerfile import parse
from imgopt.engine.builders import BuildRequest, get_builder
from imgopt.engine.images import inspect_image
from imgopt.rules import apply_fixes

from .conftest import TEST_LABELS, ImageJanitor, wait_for_image

GO_MAIN = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("cache-mount test") }\n'
GO_ORIGINAL = "FROM golang:1.19\nWORKDIR /src\nCOPY . .\nRUN go build -o /usr/local/bin/app .\n"
PIP_ORIGINAL = "FROM python:3.11-slim\nRUN pip install --no-cache-dir six==1.16.0\n"


# -- no engine -----------------------------------------------------------------------------------


def test_namespaced_ids_default_to_the_target_and_keep_shared_ids_shared() -> None:
    text = (
        "FROM a\n"
        "RUN --mount=type=cache,target=/root/.npm \\\n"
        "    --mount=type=cache,id=gomod,target=/go/pkg/mod,sharing=locked \\\n"
        "    --mount=type=secret,id=token make\n"
        "RUN --mount=type=cache,id=gomod,target=/go/pkg/mod go build\n"
    )
    out = namespaced_text(text, "run1-v-0")
    mounts = [m for ins in parse(out).instructions for m in ins.mounts]
    ids = [(m.type, m.get("id")) for m in mounts]
    assert ids == [
        ("cache", "imgopt-run1-v-0-/root/.npm"),
        ("cache", "imgopt-run1-v-0-gomod"),
        ("secret", "token"),
        ("cache", "imgopt-run1-v-0-gomod"),
    ]
    assert mounts[1].get("sharing") == "locked" and mounts[1].target == "/go/pkg/mod"
    assert out.endswith(
        "make\nRUN --mount=type=cache,target=/go/pkg/mod,id=imgopt-run1-v-0-gomod go build\n"
    )


def test_a_dockerfile_without_cache_mounts_is_built_as_it_is(tmp_path: Path) -> None:
    plain = tmp_path / "Dockerfile"
    plain.write_text("FROM a\nRUN --mount=type=secret,id=x make\n")
    assert isolated(plain, "ns") == plain
    mounted = tmp_path / "Dockerfile.cache"
    mounted.write_text("FROM a\nRUN --mount=type=cache,target=/c make\n")
    (tmp_path / "Dockerfile.cache.dockerignore").write_text(".git\n")
    copy = isolated(mounted, "rbunit-ns")
    try:
        assert copy != mounted and "id=imgopt-rbunit-ns-/c" in copy.read_text()
        assert (copy.parent / "Dockerfile.cache.dockerignore").read_text() == ".git\n"
    finally:
        prune_cache_mounts("rbunit-ns")  # also removes the copy's folder
    assert not copy.exists()


def test_changed_layers_are_the_ones_the_image_before_lacks() -> None:
    assert changed_layers(["a", "b"], ["a", "b"]) == []
    assert changed_layers(["a", "b", "c"], ["a", "x", "c", "y"]) == [1, 3]


# -- engine --------------------------------------------------------------------------------------


def _build(ctx: Path, dockerfile: Path, janitor: ImageJanitor) -> list[str]:
    """Build cold; return the paths of every layer above the base, whiteouts included."""
    result = get_builder().build(
        BuildRequest(context=ctx, dockerfile=dockerfile, labels=TEST_LABELS, no_cache=True)
    )
    janitor.add(result.image_id)
    info = inspect_image(result.image_id)
    facts = measure_layers(info.id, info.diff_ids, compressed=False, entries=True)
    paths: list[str] = []
    for layer in facts[_base_layers(dockerfile) :]:
        paths.extend("/" + e.path.strip("/") for e in layer.entries or ())
    return paths


def _base_layers(dockerfile: Path) -> int:
    base = parse(dockerfile.read_text()).final_stage.base_resolved
    return len(inspect_image(base).diff_ids)


def _outside(paths: list[str], targets: tuple[str, ...]) -> set[str]:
    """Paths not under a target, nor a directory above one (``/root/.cache`` above
    ``/root/.cache/go-build``, which the original has only to hold the cache)."""
    return {
        p
        for p in paths
        if not any(p == t or p.startswith(t + "/") or t.startswith(p + "/") for t in targets)
    }


def _with_and_without(
    tmp_path: Path, original: str, code: str, janitor: ImageJanitor
) -> tuple[list[str], list[str], tuple[str, ...]]:
    fixed = apply_fixes(original, select=[code], context_dir=tmp_path).text
    assert fixed != original, f"{code} proposes no cache mount here"
    targets = tuple(
        (m.target or "").rstrip("/") for ins in parse(fixed).instructions for m in ins.mounts
    )
    (tmp_path / "Dockerfile.original").write_text(original)
    (tmp_path / "Dockerfile.fixed").write_text(fixed)
    without = _build(tmp_path, tmp_path / "Dockerfile.original", janitor)
    with_mount = _build(tmp_path, tmp_path / "Dockerfile.fixed", janitor)
    return without, with_mount, targets


@pytest.mark.engine
def test_go_cache_mounts_leave_the_same_files_in_the_layers(
    tmp_path: Path, janitor: ImageJanitor
) -> None:
    wait_for_image("golang:1.19")
    (tmp_path / "main.go").write_text(GO_MAIN)
    (tmp_path / "go.mod").write_text("module example.com/cachetest\n\ngo 1.19\n")
    without, with_mount, targets = _with_and_without(tmp_path, GO_ORIGINAL, "IMG803", janitor)
    assert "/root/.cache/go-build" in targets
    # The original ships Go's build cache; the fixed image has nothing under the targets...
    assert any(p.startswith("/root/.cache/go-build/") for p in without)
    assert not any(posixpath.dirname(p).startswith("/root/.cache/go-build") for p in with_mount)
    # ...and every other file, directory and whiteout is the same.
    assert _outside(with_mount, targets) == _outside(without, targets)
    assert {p for p in without if "/root/.cache/go-build".startswith(p + "/")} <= {
        "/root",
        "/root/.cache",
    }
    assert "/usr/local/bin/app" in with_mount


@pytest.mark.engine
def test_pip_cache_mount_instead_of_no_cache_dir_leaves_the_same_files(
    tmp_path: Path, janitor: ImageJanitor
) -> None:
    wait_for_image("python:3.11-slim")
    without, with_mount, targets = _with_and_without(tmp_path, PIP_ORIGINAL, "IMG801", janitor)
    assert targets == ("/root/.cache/pip",)
    assert any(p.endswith("/six.py") for p in with_mount)
    assert not any(p.startswith("/root/.cache") for p in with_mount + without)
    # BuildKit makes the mount point and removes it after the RUN: /root itself may then be in
    # the layer again (a new modification time, nothing in it changed).
    assert set(with_mount) - set(without) <= {"/root"}
    assert _outside(with_mount, targets) == _outside(without, targets)


@pytest.mark.engine
def test_a_cold_bench_build_starts_its_cache_mounts_empty_and_prunes_only_its_own(
    tmp_path: Path, janitor: ImageJanitor
) -> None:
    wait_for_image("debian:bookworm-slim")
    df = tmp_path / "Dockerfile"
    df.write_text(
        "FROM debian:bookworm-slim\n"
        "RUN --mount=type=cache,target=/cache \\\n"
        "    sh -c 'ls -A /cache | wc -l > /seen; touch /cache/x'\n"
    )
    seen = []
    for ns in ("rbtest-mine", "rbtest-other", "rbtest-mine"):
        copy = isolated(df, ns)
        result = get_builder().build(
            BuildRequest(context=tmp_path, dockerfile=copy, labels=TEST_LABELS, no_cache=True)
        )
        janitor.add(result.image_id)
        out = subprocess.run(
            ["docker", "run", "--rm", result.image_id, "cat", "/seen"],
            capture_output=True,
            text=True,
            check=True,
        )
        seen.append(out.stdout.strip())
    try:
        # Each cold build found its mount empty, the second of one namespace included.
        assert seen == ["0", "0", "0"]
        assert cache_mount_records("rbtest-mine") and cache_mount_records("rbtest-other")
        assert prune_cache_mounts("rbtest-mine") >= 1
        assert cache_mount_records("rbtest-mine") == []
        assert cache_mount_records("rbtest-other"), "another namespace's mount was pruned"
    finally:
        prune_cache_mounts("rbtest-mine")
        prune_cache_mounts("rbtest-other")
