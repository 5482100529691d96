"""Which steps a ``--no-cache`` build reports cached: the cold build that estimates must match.

Builds sample_apps/go-http's Dockerfile twice with BuildKit, first with ``--no-cache``, then with
the cache, and prints every vertex: cached or not, its duration, the step key imgopt.bench.steps
gives it, its digest and its inputs' digests. On engine 26.1 (buildx 0.13) the ``WORKDIR`` right
after ``FROM`` is reported cached even under ``--no-cache`` (the frontend gives it no
ignore-cache flag), so a real cold build never spends time on it: an estimated cold time must
count it 0 s, whatever an execution of it once took (imgopt.bench.steps, ``cached when cold``).

It also shows what a cold build spends outside its steps (loading the definition, exporting
the image) against a build whose steps all come from the cache: an estimated cold time takes
that part from the estimated build (imgopt.bench.steps, ``overhead``).

Run (from the repository root); the images built are removed by their label, the cache mounts
by their namespace (any Dockerfile: ``--dockerfile``, with ``--context``):

    .venv/bin/python benchmarks/no_cache_steps.py
    .venv/bin/python benchmarks/no_cache_steps.py --dockerfile /tmp/p/hygiene/Dockerfile \\
        --context sample_apps/flask-tutorial
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    from imgopt.bench.cold import isolated, prune_cache_mounts
    from imgopt.bench.steps import step_keys
    from imgopt.engine.builders import BuildRequest, get_builder
    from imgopt.engine.images import images_with_label, remove_images

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--context", type=Path, default=REPO / "sample_apps" / "go-http")
    parser.add_argument("--dockerfile", type=Path, help="default: the context's Dockerfile")
    args = parser.parse_args()
    builder = get_builder("buildkit")
    ctx = args.context
    tag = f"no-cache-steps-{os.getpid()}"
    dockerfile = isolated(args.dockerfile or ctx / "Dockerfile", tag)  # mounts of its own
    print(f"{dockerfile}, context {ctx}")
    try:
        for no_cache in (True, False):
            print(f"load average {os.getloadavg()}")
            request = BuildRequest(
                context=ctx,
                dockerfile=dockerfile,
                labels={"imgopt.me": tag},
                no_cache=no_cache,
            )
            result = builder.build(request)
            keys = step_keys(result.steps)
            print(f"no_cache={no_cache}: {result.seconds:.2f} s")
            for s in result.steps:
                took = (s.completed or 0.0) - (s.started or 0.0)
                key = keys.get(s.digest or "", "-")[:8]
                print(
                    f"  {s.name[:45]:<45} cached={s.cached!s:<5} {took:6.2f} s key={key} "
                    f"digest={(s.digest or '')[7:15]} inputs={[i[7:15] for i in s.inputs]}"
                )
    finally:
        remove_images(images_with_label("imgopt.me", tag))
        prune_cache_mounts(tag)


if __name__ == "__main__":
    main()
