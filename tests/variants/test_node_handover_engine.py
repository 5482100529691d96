"""On the engine: node-build's multistage-slim, whose app-build stage hands its app directory
over in a directory of its own (tests/variants/test_node_app_build.py says why), holds exactly
the files of the shape it replaced, ``rm -rf /app/node_modules`` in the build's RUN and
``COPY --from=app-build /app /app``: same paths, entry types, modes, owners, sizes and link
targets (modification times differ between any two builds), and nothing of the hand-over
directory itself.

Both images are built from the sample app with the layer cache; they are removed at the end.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import uuid
from pathlib import Path

import pytest

from imgopt.variants.planner import plan_variants
from imgopt.variants.strategies.node import HANDOVER, _handover

pytestmark = pytest.mark.engine
APP = Path(__file__).resolve().parents[2] / "sample_apps" / "node-build"
TAG = f"imgopt-test/node-handover-{uuid.uuid4().hex[:8]}"
LABEL = "imgopt.test=node-handover"

Entry = tuple[str, str, int, int, int, str]


def _build(dockerfile: Path, tag: str) -> None:
    cmd = [
        "docker", "buildx", "build", "--load", "--progress=plain", "--label", LABEL,
        "-t", tag, "-f", str(dockerfile), str(APP),
    ]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, f"{dockerfile.name} does not build:\n{proc.stderr[-3000:]}"


def _files(tag: str) -> dict[str, Entry]:
    """The image's filesystem as ``docker export`` writes it: type, mode, owner, size, link."""
    cid = subprocess.run(
        ["docker", "create", "--label", LABEL, tag], capture_output=True, text=True, check=True
    ).stdout.strip()
    try:
        data = subprocess.run(["docker", "export", cid], capture_output=True, check=True).stdout
    finally:
        subprocess.run(["docker", "rm", "-f", cid], capture_output=True)
    out: dict[str, Entry] = {}
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        for m in tar.getmembers():
            # what the engine makes for every container, not the image's
            if m.name in (".dockerenv", "etc/hostname", "etc/hosts", "etc/resolv.conf"):
                continue
            if m.name.startswith(("proc/", "sys/", "dev/")):
                continue
            out[m.name] = (m.type.decode(), oct(m.mode), m.uid, m.gid, m.size, m.linkname)
    return out


def test_the_handover_ships_the_same_files_as_copying_the_app_directory(tmp_path: Path) -> None:
    plan = plan_variants((APP / "Dockerfile").read_text("utf-8"), context_dir=APP)
    variant = plan.get("multistage-slim")
    assert variant is not None, plan.skipped
    hand = _handover("/app")
    assert f"&& {hand}\n" in variant.dockerfile
    assert f"COPY --from=app-build {HANDOVER} /app\n" in variant.dockerfile
    before = variant.dockerfile.replace(hand, "rm -rf /app/node_modules").replace(
        f"COPY --from=app-build {HANDOVER} /app\n", "COPY --from=app-build /app /app\n"
    )
    (tmp_path / "new.Dockerfile").write_text(variant.dockerfile)
    (tmp_path / "old.Dockerfile").write_text(before)
    new, old = f"{TAG}-new", f"{TAG}-old"
    try:
        _build(tmp_path / "new.Dockerfile", new)
        _build(tmp_path / "old.Dockerfile", old)
        files_new, files_old = _files(new), _files(old)
    finally:
        subprocess.run(["docker", "rmi", "-f", new, old], capture_output=True)
    assert "app/dist/server.js" in files_new
    assert "app/node_modules/express/package.json" in files_new
    assert not any(p.startswith("app/node_modules/typescript/") for p in files_new)
    assert not any(p.startswith("tmp/app-build") for p in files_new)
    assert sorted(set(files_old) - set(files_new)) == []
    assert sorted(set(files_new) - set(files_old)) == []
    differ = {p: (files_old[p], files_new[p]) for p in files_old if files_old[p] != files_new[p]}
    assert differ == {}
