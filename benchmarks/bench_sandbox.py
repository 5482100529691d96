"""What the verification sandbox costs (issue 11 dependencies, issue 12 sandbox).

Measures, on the real engine:

1. starting compose-tutorial's dependencies (``db``: postgres:15 stand-in, waited for until its
   healthcheck says healthy) and tearing them down (container, network, volume), ``--repeat`` times;
2. one TCP connection to a container port through its network namespace (``open_connection``:
   a thread enters the namespace with setns, creates the socket) against one to a published port
   on 127.0.0.1, on the tiny test server;
3. reading the output of a container that prints ``--megabytes`` MB: the time, and the peak memory
   of the process that reads it (in a fresh interpreter, so the peak is the read's).

Usage: .venv/bin/python benchmarks/bench_sandbox.py [--repeat 3] [--megabytes 500] > RESULT.txt
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from imgopt.engine.containers import (  # noqa: E402
    remove_run_containers,
    running_container,
)
from imgopt.verify.deps import app_in_place, find_dependencies  # noqa: E402

RUN_ID = f"bench-sandbox-{uuid.uuid4().hex[:8]}"
LABELS = {"imgopt.bench": "1"}
APP = REPO / "sample_apps" / "compose-tutorial"
TINY = REPO / "tests" / "verify" / "tiny"

LOUD = r"""
import json, resource, sys, time
from imgopt.engine.containers import run_container
image, run_id, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
started = time.perf_counter()
ran = run_container(image, run_id=run_id, timeout_s=900, entrypoint=["bash", "-c"],
                    command=[f"head -c {size} /dev/zero | tr '\\0' a; echo; echo THE-END"],
                    labels={"imgopt.bench": "1"})
print(json.dumps({"seconds": time.perf_counter() - started, "kept_bytes": len(ran.output),
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "exit_code": ran.exit_code}))
"""


def _by_label(kind: str) -> int:
    argv = ["docker", "ps", "-a"] if kind == "container" else ["docker", kind, "ls"]
    out = subprocess.run(
        [*argv, "-q", f"--filter=label=imgopt.run={RUN_ID}"], capture_output=True, text=True
    )
    return len(out.stdout.split())


def dependencies(repeat: int) -> dict[str, object]:
    deps = find_dependencies(APP, APP / "Dockerfile")
    ready, teardown = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        with app_in_place(deps, run_id=RUN_ID, labels=LABELS):
            ready.append(time.perf_counter() - started)
            closing = time.perf_counter()
        teardown.append(time.perf_counter() - closing)
    left = {k: _by_label(k) for k in ("container", "network", "volume")}
    return {
        "services": list(deps.names),
        "ready_s": [round(x, 2) for x in ready],
        "ready_median_s": round(statistics.median(ready), 2),
        "teardown_s": [round(x, 2) for x in teardown],
        "left_behind": left,
    }


def connections(image: str, count: int = 200) -> dict[str, object]:
    def timed(connect: object) -> list[float]:
        out = []
        for _ in range(count):
            started = time.perf_counter()
            sock = connect()  # type: ignore[operator]
            out.append(time.perf_counter() - started)
            sock.close()
        return out

    import socket

    with running_container(image, run_id=RUN_ID, labels=LABELS) as running:
        deadline = time.monotonic() + 30
        while True:
            try:
                running.open_connection(8080, 2.0).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        netns = timed(lambda: running.open_connection(8080, 2.0))
    result: dict[str, object] = {
        "connections": count,
        "netns_median_ms": round(statistics.median(netns) * 1000, 3),
        "netns_max_ms": round(max(netns) * 1000, 3),
    }
    # The same server, published on 127.0.0.1 (Docker's default bridge and docker-proxy).
    name = f"bench-sandbox-{uuid.uuid4().hex[:6]}"
    started = subprocess.run(
        ["docker", "run", "-d", "--name", name, "--label", f"imgopt.run={RUN_ID}",
         "-p", "127.0.0.1::8080", image],
        capture_output=True, text=True,
    )  # fmt: skip
    if started.returncode != 0:
        subprocess.run(["docker", "rm", "-f", "-v", name], capture_output=True)
        result["published_error"] = started.stderr.strip()[-300:]
        return result
    try:
        port = (
            subprocess.run(
                ["docker", "port", name, "8080"], capture_output=True, text=True, check=True
            )
            .stdout.split(":")[-1]
            .strip()
        )
        time.sleep(1.0)
        published = timed(lambda: socket.create_connection(("127.0.0.1", int(port)), 2.0))
    finally:
        subprocess.run(["docker", "rm", "-f", "-v", name], capture_output=True)
    result["published_median_ms"] = round(statistics.median(published) * 1000, 3)
    result["published_max_ms"] = round(max(published) * 1000, 3)
    return result


def loud_output(image: str, megabytes: int) -> dict[str, object]:
    proc = subprocess.run(
        [sys.executable, "-c", LOUD, image, RUN_ID, str(megabytes * 1000 * 1000)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    found: dict[str, object] = json.loads(proc.stdout)
    found["printed_mb"] = megabytes
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--megabytes", type=int, default=500)
    args = parser.parse_args()
    tag = f"imgopt-bench/tiny:{uuid.uuid4().hex[:8]}"
    subprocess.run(
        ["docker", "buildx", "build", "--load", "-q", "-t", tag, str(TINY)],
        check=True,
        capture_output=True,
    )
    try:
        result = {
            "command": " ".join(["benchmarks/bench_sandbox.py", *sys.argv[1:]]),
            "machine": {
                "python": platform.python_version(),
                "cpus": _cpus(),
                "loadavg_at_start": _load(),  # the engine and cores are shared: say how busy
            },
            "engine": subprocess.run(
                ["docker", "version", "-f", "{{.Server.Version}}"], capture_output=True, text=True
            ).stdout.strip(),
            "dependencies": dependencies(args.repeat),
            "connect": connections(tag),
            "loud_output": loud_output(tag, args.megabytes),
        }
    finally:
        remove_run_containers(RUN_ID)
        subprocess.run(["docker", "rmi", "-f", tag], capture_output=True)
    print(json.dumps(result, indent=2))


def _load() -> list[float]:
    import os

    return [round(x, 2) for x in os.getloadavg()]


def _cpus() -> int:
    import os

    return os.cpu_count() or 0


if __name__ == "__main__":
    main()
