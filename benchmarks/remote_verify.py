"""What verification through a sidecar costs and finds, against this machine's /proc path.

For each sample app named (default: go-http and python-files), its image is built once, then
verified twice with no smoke spec (``imgopt.verify.Verifier``: profile the original, check the
original again as a variant): once through this machine's /proc, once with
``IMGOPT_VERIFY_SIDECAR=1`` (every engine treated as one on another machine: the trace, the gate,
the ports and the probes go through a sidecar on the engine). Printed per mode: the seconds of the
profile and of the check, what was discovered, the proof, the closure; then how the closures
differ (paths only one mode saw). ``--build`` first times a cold build of the sidecar image
(``--no-cache``, under a temporary tag, removed afterwards). Everything built is removed.

Run (from the repository root; the two modes run one after the other, never together):

    .venv/bin/python benchmarks/remote_verify.py --build go-http python-files
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from imgopt.engine import sidecar
from imgopt.engine.containers import remove_run_containers
from imgopt.verify import Verifier

REPO = Path(__file__).resolve().parents[1]
BASES = {"go-http": "golang:1.19", "python-files": "python:3.11-slim", "go-port": "golang:1.19"}


def build(context: Path, tag: str, *extra: str) -> float:
    started = time.monotonic()
    subprocess.run(
        ["docker", "buildx", "build", "--load", "--label", "imgopt.bench=1", "-t", tag, *extra,
         str(context)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return time.monotonic() - started


def time_sidecar_build() -> None:
    tag = f"imgopt-bench/sidecar:{uuid.uuid4().hex[:8]}"
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "Dockerfile").write_text(sidecar.dockerfile())
        try:
            seconds = build(Path(tmp), tag, "--no-cache")
            size = subprocess.run(
                ["docker", "image", "inspect", "-f", "{{.Size}}", tag],
                check=True, capture_output=True, text=True,
            ).stdout.strip()  # fmt: skip
        finally:
            subprocess.run(["docker", "rmi", "-f", tag], capture_output=True)
    print(f"sidecar image, cold build (--no-cache): {seconds:.1f} s, {int(size):,} bytes")
    print(sidecar.dockerfile())


def verify(app: str, image: str, mode: str, run_id: str) -> tuple[set[str], bool]:
    if mode == "sidecar":
        os.environ[sidecar.FORCE_ENV] = "1"
    else:
        os.environ.pop(sidecar.FORCE_ENV, None)
    verifier = Verifier(run_id=run_id, context=REPO / "sample_apps" / app)
    started = time.monotonic()
    profile = verifier.profile(image, base_image=BASES[app])
    profiled = time.monotonic() - started
    started = time.monotonic()
    verdict = verifier.check(profile, image)
    checked = time.monotonic() - started
    os.environ.pop(sidecar.FORCE_ENV, None)
    closure = profile.closure
    print(f"  {mode}: profile {profiled:.1f} s, check {checked:.1f} s")
    print(f"    discovered: {profile.discovery.describe()}")
    print(f"    checks: {', '.join(profile.spec.check_names)}")
    print(f"    proof: {verdict.proof.describe()}")
    if closure is not None:
        print(f"    closure: {len(closure.files)} files, complete={closure.complete}, "
              f"programs {', '.join(closure.executables)}")  # fmt: skip
    print(f"    verdict on the original again: verified={verdict.verified} {verdict.reason or ''}")
    return set(closure.files if closure else ()), profile.passed and verdict.verified


def main(args: list[str]) -> None:
    if "--build" in args:
        time_sidecar_build()
    apps = [a for a in args if not a.startswith("--")] or ["go-http", "python-files"]
    print(f"sidecar image: {sidecar.sidecar_image()}")
    load = Path("/proc/loadavg").read_text().split()[:3]
    print(f"load average at start: {' '.join(load)}")
    run_id = f"bench-remote-{uuid.uuid4().hex[:8]}"
    for app in apps:
        tag = f"imgopt-bench/{app}:{uuid.uuid4().hex[:8]}"
        try:
            print(f"{app}: built in {build(REPO / 'sample_apps' / app, tag):.1f} s")
            local, local_ok = verify(app, tag, "local", run_id)
            remote, remote_ok = verify(app, tag, "sidecar", run_id)
            print(f"  closures: {len(local)} files through /proc, {len(remote)} through the "
                  f"sidecar; only through /proc: {sorted(local - remote) or 'none'}; only "
                  f"through the sidecar: {sorted(remote - local) or 'none'}")  # fmt: skip
            print(f"  verdicts: /proc {local_ok}, sidecar {remote_ok}")
        finally:
            remove_run_containers(run_id)
            subprocess.run(["docker", "rmi", "-f", tag], capture_output=True)
    print(f"load average at end: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")


if __name__ == "__main__":
    main(sys.argv[1:])
