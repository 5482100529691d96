"""On the engine: a Node server that requires a devDependency at run time (tests/variants/
node_keepdev_app: `supports-color`, with its `has-flag`) gets a multistage variant that keeps
exactly those packages, and that variant verifies like the original.

Without the evidence pass the variant runs `npm prune --omit=dev` and ships no supports-color:
the server cannot start (tests/variants/test_npm_closure.py pins that plan). Only the original
and `multistage` are built (`--variants multistage`); analyze removes its images and containers.
`--resume` on the finished folder plans the same variant from the recorded evidence.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from imgopt.userfiles import sha256_of

pytestmark = pytest.mark.engine
REPO = Path(__file__).resolve().parents[2]
APP = Path(__file__).parent / "node_keepdev_app"


def _labelled(kind: str, run_id: str) -> list[str]:
    args = ["images", "-q"] if kind == "images" else ["ps", "-aq"]
    return subprocess.run(
        ["docker", *args, "--filter", f"label=imgopt.run={run_id}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()


def test_the_multistage_variant_keeps_the_devdependency_read_and_verifies(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["analyze", str(APP), "--out", str(out), "--variants", "multistage", "--format", "json"]
    proc = subprocess.run(
        [sys.executable, "-m", "imgopt", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=1500,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert "keep the npm packages the app read at run time" in proc.stderr
    result = json.loads(proc.stdout)
    verified = {v["name"]: v["verified"] for v in result["variants"]}
    assert verified == {"original": True, "multistage": True}, result["variants"]

    record = json.loads((out / "evidence.json").read_text("utf-8"))
    assert record["npm"] == [
        {
            "app_dir": "/app",
            "lockfile": "/app/package-lock.json",
            "read": ["node_modules/has-flag", "node_modules/supports-color"],
            "dropped": {
                "node_modules/has-flag": "a devDependency, or reachable only through "
                "devDependencies",
                "node_modules/supports-color": "a devDependency, or reachable only through "
                "devDependencies",
            },
        }
    ]
    dockerfile = out / "dockerfiles" / "multistage" / "Dockerfile"
    text = dockerfile.read_text("utf-8")
    assert (
        "COPY --from=build /app/node_modules/supports-color /app/node_modules/supports-color"
        in (text)
    )
    assert "RUN npm prune --omit=dev" in text
    titles = [c["title"] for c in result["changes"]["multistage"]]
    assert (
        "Keep devDependencies has-flag, supports-color: the original read them at run time"
        in titles
    )
    meta = json.loads((out / "run.json").read_text("utf-8"))
    digests = {v["name"]: v["sha256"] for v in meta["variants"]}
    assert digests["multistage"] == sha256_of(dockerfile)  # the file that was measured
    assert _labelled("ps", meta["run_id"]) == []
    assert _labelled("images", meta["run_id"]) == []

    # --resume plans statically again, then from evidence.json: the same variant, byte for byte
    resumed = subprocess.run(
        [sys.executable, "-m", "imgopt", *args, "--resume"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=900,
    )
    assert resumed.returncode == 0, resumed.stderr[-4000:]
    assert dockerfile.read_text("utf-8") == text
    again = json.loads(resumed.stdout)
    assert {v["name"]: v["verified"] for v in again["variants"]} == verified
    assert _labelled("ps", meta["run_id"]) == []
    assert _labelled("images", meta["run_id"]) == []
