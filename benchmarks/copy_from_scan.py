"""What a ``COPY --from=<stage> /app /app`` costs before it starts, against the size of the stage.

BuildKit keys a ``COPY --from`` by a checksum of its source in the stage's new snapshot
(``contenthash.Checksum``, computed by the solver's "slow cache" step, for which no vertex is
reported as running). The first time a snapshot is checksummed, ``scanPath`` walks the *parent*
of the source path, so for ``/app`` the stage's whole root filesystem. This measures that gap,
between the stage's RUN ending and the COPY starting, for stages of three sizes, with the copy
made from ``/app`` (parent: the root) and from ``/tmp/handover/app`` (parent: the copy only, what
imgopt's Node hand-over does: imgopt/variants/strategies/node.py). The RUN is the same in both
shapes (it makes the /tmp copy either way), so only the COPY's source differs; each build's
``BUST`` build argument re-runs the RUN, as a code edit does.

Run (from the repository root):

    .venv/bin/python benchmarks/copy_from_scan.py --rounds 3
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import subprocess
import tempfile
from pathlib import Path

BASES = ("debian:bookworm-slim", "node:18-slim", "node:18")
SOURCES = {"/app": "/app", "nested": "/tmp/handover/app"}
DOCKERFILE = """\
FROM {base} AS a
WORKDIR /app
ARG BUST
RUN echo "$BUST" > /app/x && mkdir -p /tmp/handover/app && cp -a /app/. /tmp/handover/app/

FROM debian:bookworm-slim
COPY --from=a {source} /app
"""


def entries(image: str) -> int:
    """Files, directories and links in the image's root filesystem."""
    out = subprocess.run(
        ["docker", "run", "--rm", "--label", "imgopt.bench-copy-from-scan=1", image,
         "sh", "-c", "find / -xdev | wc -l"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return int(out.strip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from imgopt.engine.builders import BuildRequest, get_builder

    print(f"load average before (/proc/loadavg): {Path('/proc/loadavg').read_text().strip()}")
    builder = get_builder()
    ns = secrets.token_hex(3)
    images: list[str] = []
    gaps: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="imgopt-copy-from-scan-") as tmp:
        context = Path(tmp) / "context"
        context.mkdir()
        files = {}
        for base in BASES:
            for shape, source in SOURCES.items():
                path = Path(tmp) / f"{base.replace(':', '_')}-{shape.strip('/')}.Dockerfile"
                path.write_text(DOCKERFILE.format(base=base, source=source))
                files[base, shape] = path
        for r in range(args.rounds + 1):  # round 0 builds the stages once, not counted
            order = list(files.items())
            for (base, shape), path in order if r % 2 else order[::-1]:
                request = BuildRequest(
                    context=context,
                    dockerfile=path,
                    build_args={"BUST": f"{ns}-{r}-{base}-{shape}"},
                    labels={"imgopt.bench-copy-from-scan": ns},
                )
                result = builder.build(request)
                images.append(result.image_id)
                if r == 0:
                    continue
                steps = [s for s in result.steps if s.started and s.completed and not s.cached]
                run = next(s for s in steps if s.instruction.startswith("RUN "))
                copy = next(s for s in steps if s.instruction.startswith("COPY --from"))
                assert run.completed is not None and copy.started is not None
                gaps.setdefault((base, shape), []).append(copy.started - run.completed)
    subprocess.run(["docker", "rmi", "-f", *set(images)], capture_output=True, check=False)
    print(f"load average after (/proc/loadavg): {Path('/proc/loadavg').read_text().strip()}")
    print(f"cpus {os.cpu_count()}; {args.rounds} rounds, order reversed every round")
    print("gap: the stage's RUN ended -> the COPY --from started (s): no vertex ran in between")
    print(f"{'stage FROM':22s} {'entries':>8s} {'COPY source':18s} {'gap median':>10s}  every gap")
    for base in BASES:
        n = entries(base)
        for shape, source in SOURCES.items():
            g = gaps[base, shape]
            every = ", ".join(f"{x:.2f}" for x in g)
            print(f"{base:22s} {n:8d} {source:18s} {statistics.median(g):10.2f}  {every}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
