"""The registry in the loop (issue 14): how long a pull through the local registry takes, and what
bases that are absent locally cost `imgopt analyze`.

1. Pull-through: the largest stand-in pulled from the project's registry (scripts/setup-registry.sh)
   by a throwaway second engine (its own data root, socket and containerd, no network set-up,
   docker.io mirrored to the same registry), so every layer is really downloaded, checked and
   extracted, as on a user's machine pulling from Docker Hub or a mirror; the shared engine is
   never touched. The second engine and its data are removed afterwards.
2. `imgopt analyze sample_apps/flask-tutorial --variants slim-base` with its bases present, then
   with the local tag of debian:bookworm-slim (the base slim-base needs) removed: the planner asks
   the registry, and the base is pulled through the engine's mirror before the builds. The tag is
   removed only, so the layers stay in the store (other images share them); the pull then fetches
   manifest and config, not layers (part 1 measures the layer download). The tag is restored (to
   the same image id) in any case.

The machine's load average is printed before and after: builds by others skew the analyze times.

Run (from the repository root, with the engine and registry up):

    .venv/bin/python benchmarks/bench_registry.py [--skip-analyze] [--image REF]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
FLASK = REPO / "sample_apps" / "flask-tutorial"
REMOVED = ("debian:bookworm-slim",)  # the base slim-base needs for the Flask app


def docker(*args: str, host: str | None = None) -> str:
    cmd = ["docker", *(["-H", host] if host else []), *args]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()


def registry_url() -> str:
    script = REPO / "scripts" / "setup-registry.sh"
    return subprocess.run(
        ["bash", str(script), "--url"], capture_output=True, text=True, check=True
    ).stdout.strip()


def largest_standin() -> tuple[str, int]:
    """The largest stand-in with a docker.io name (standins/recipes.toml), and its size."""
    import tomllib

    manifest = tomllib.loads((REPO / "standins" / "recipes.toml").read_text())
    best = ("", 0)
    for recipe in manifest["recipe"]:
        name = recipe["tags"][0]
        if name.startswith("gcr.io/"):
            continue  # not under docker.io: not mirrored
        size = int(docker("image", "inspect", "--format", "{{.Size}}", name))
        if size > best[1]:
            best = (name, size)
    return best


def pull_through(image: str, mirror: str) -> dict[str, Any]:
    """Pull ``image`` with a second, empty engine whose docker.io mirror is ``mirror``."""
    root = Path(tempfile.mkdtemp(prefix="imgopt-bench-dockerd-"))
    sock = f"unix://{root}/docker.sock"
    (root / "daemon.json").write_text(json.dumps({"registry-mirrors": [mirror]}))
    log = (root / "dockerd.log").open("w")
    # A bridge of its own. Never `--bridge none`: a dockerd started so deletes the host's docker0
    # (libnetwork's removeDefaultBridgeInterface), which the shared engine's containers use.
    bridge = "imgoptbench0"
    subprocess.run(["ip", "link", "add", "name", bridge, "type", "bridge"], check=True)
    proc = subprocess.Popen(
        ["dockerd", "--config-file", str(root / "daemon.json"), "--data-root", str(root / "data"),
         "--exec-root", str(root / "exec"), "--pidfile", str(root / "docker.pid"), "-H", sock,
         "--bridge", bridge, "--iptables=false", "--ip6tables=false", "--ip-masq=false"],
        stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        for _ in range(120):
            if subprocess.run(["docker", "-H", sock, "info"], capture_output=True).returncode == 0:
                break
            time.sleep(0.5)
        else:
            raise SystemExit(f"the second engine did not start; see {root / 'dockerd.log'}")
        started = time.perf_counter()
        docker("pull", "-q", image, host=sock)
        seconds = time.perf_counter() - started
        size = int(docker("image", "inspect", "--format", "{{.Size}}", image, host=sock))
        return {"image": image, "seconds": round(seconds, 2), "size_bytes": size}
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        subprocess.run(["umount", "-R", str(root / "exec")], capture_output=True)
        subprocess.run(["ip", "link", "delete", bridge], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def restore_tag(ref: str, image_id: str) -> None:
    """Put ``ref`` back on ``image_id`` unless it is there already."""
    found = subprocess.run(
        ["docker", "image", "inspect", "--format", "{{.Id}}", ref], capture_output=True, text=True
    ).stdout.strip()
    if found != image_id:
        docker("tag", image_id, ref)


def registry_steps() -> list[str]:
    """What a missing base adds, without the builds' noise: planning the Flask app (which asks
    the engine, then the registry, about each candidate image) and the pull of its slim base, with
    the base's tag present and removed."""
    sys.path.insert(0, str(REPO))
    from imgopt.analyze.pipeline import engine_image_available
    from imgopt.engine.images import pull_image
    from imgopt.variants import plan_file

    lines = []
    ref = REMOVED[0]
    image_id = docker("image", "inspect", "--format", "{{.Id}}", ref)
    for case in ("present", "absent"):
        try:
            if case == "absent":
                docker("rmi", ref)
            started = time.perf_counter()
            plan = plan_file(FLASK / "Dockerfile", context_dir=FLASK,
                             image_available=engine_image_available())  # fmt: skip
            planned = time.perf_counter() - started
            pulled = None
            if case == "absent":
                started = time.perf_counter()
                pull_image(ref)
                pulled = time.perf_counter() - started
            lines.append(
                f"{ref} {case}: propose (availability asked) {planned:.2f} s, "
                f"{len(plan.variants) - 1} variants proposed"
                + (f"; pull through the mirror {pulled:.2f} s" if pulled is not None else "")
            )
        finally:
            restore_tag(ref, image_id)
    return lines


def analyze_once(label: str) -> dict[str, Any]:
    out = Path(tempfile.mkdtemp(prefix="imgopt-bench-registry-"))
    started = time.perf_counter()
    proc = subprocess.run(
        [str(REPO / ".venv" / "bin" / "imgopt"), "analyze", str(FLASK), "--variants",
         "slim-base", "--out", str(out / "a"), "--format", "json"],
        capture_output=True, text=True,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    shutil.rmtree(out, ignore_errors=True)
    if proc.returncode != 0:
        raise SystemExit(f"analyze ({label}) failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    result = json.loads(proc.stdout)
    pulls = [line for line in proc.stderr.splitlines() if "pulling" in line and "done" in line]
    return {
        "case": label,
        "seconds": round(seconds, 1),
        "stage_seconds": {k: round(v, 1) for k, v in (result.get("timings") or {}).items()},
        "pulled": pulls,
        "recommended": (result.get("recommendation") or {}).get("variant"),
    }


def analyze_absent_vs_present() -> list[dict[str, Any]]:
    rows = [analyze_once("bases present")]
    ids = {ref: docker("image", "inspect", "--format", "{{.Id}}", ref) for ref in REMOVED}
    try:
        for ref in REMOVED:
            docker("rmi", ref)
        rows.append(analyze_once("bases absent (tags removed)"))
    finally:
        for ref, image_id in ids.items():
            restore_tag(ref, image_id)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--image", help="image to pull through (default: the largest stand-in)")
    parser.add_argument("--skip-analyze", action="store_true", help="only the pull-through")
    args = parser.parse_args()
    mirror = registry_url()
    print(f"registry: {mirror}; load average before: {os.getloadavg()}")
    image = args.image or largest_standin()[0]
    pull = pull_through(image, mirror)
    print(
        f"pull-through of {pull['image']} ({pull['size_bytes'] / 1e6:.1f} MB) from {mirror} "
        f"into an empty engine: {pull['seconds']:.1f} s"
    )
    for line in registry_steps():
        print(line)
    if not args.skip_analyze:
        for row in analyze_absent_vs_present():
            print(
                f"analyze flask-tutorial --variants slim-base, {row['case']}: {row['seconds']} s "
                f"(stages {row['stage_seconds']}); recommended {row['recommended']}"
            )
            for line in row["pulled"]:
                print(f"    {line}")
    print(f"load average after: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
