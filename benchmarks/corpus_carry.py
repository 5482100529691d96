"""Where a carried file lands in every proposed variant of a corpus of real Dockerfiles.

``imgopt analyze`` carries into a variant the files its slimmer base lacks and the original's app
opened (``imgopt.variants.carry.apply_carry``). This plans every Dockerfile of the corpus
(default ``../shared/corpus/dockerfiles``; read only), applies one probe carry to each proposed
variant and checks that the result parses, that the probe is an instruction of the final stage,
and that ``carried_paths`` reads back exactly the probe. Printed: files planned, variants, how
many got the carry before another instruction of the final stage and how many at its end, and
every problem.

Run:  .venv/bin/python benchmarks/corpus_carry.py [CORPUS_DIR]
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from imgopt.dockerfile import parse  # noqa: E402
from imgopt.errors import ImgoptError  # noqa: E402
from imgopt.variants.carry import Carry, apply_carry, carried_paths  # noqa: E402
from imgopt.variants.planner import plan_file  # noqa: E402

PROBE = "/etc/imgopt-probe.conf"


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared/corpus/dockerfiles"
    counts: collections.Counter[str] = collections.Counter()
    problems: list[str] = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        try:
            plan = plan_file(path, image_available=lambda _ref: True)
        except ImgoptError:
            counts["input errors"] += 1
            continue
        counts["planned"] += 1
        for variant in plan.variants[1:]:
            counts["variants"] += 1
            text = apply_carry(variant.dockerfile, [Carry(PROBE, "0")])
            try:
                final = parse(text).final_stage
            except ImgoptError as err:
                problems.append(f"{path.name} {variant.name}: does not parse: {err}")
                continue
            where = [i for i, ins in enumerate(final.instructions) if PROBE in ins.args]
            if len(where) != 1 or final.instructions[where[0]].keyword != "COPY":
                problems.append(f"{path.name} {variant.name}: the probe is not a COPY of its own")
                continue
            if carried_paths(text) != [PROBE]:
                problems.append(f"{path.name} {variant.name}: reads back {carried_paths(text)}")
                continue
            counts["at the end" if where[0] == len(final.instructions) - 1 else "before"] += 1
    print(", ".join(f"{k}: {v}" for k, v in counts.items()))
    print(f"problems: {len(problems)}")
    for line in problems:
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
