"""Why a case of benchmarks/bench_schedule.py ends when it does: one seed, one case, traced.

Replays the same units, estimates and durations as bench_schedule.py's table (its functions, the
same seed) and prints: when each engine ended and how busy it was; the units that ended last
(when they started, their replayed and estimated seconds, whether an earlier run timed them);
every pull of a base image over 40 s (which engine, when, for which unit); and how many replans
had plans (one per pull weight, imgopt.schedule.dispatch.PULL_WEIGHTS) that ended at the same
time by the latest end alone, so that only the comparison of the next latest ends told them apart.

Run:  .venv/bin/python benchmarks/trace_schedule.py --seed 503 --case "no history" \\
          [--compare-next-ends]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bench_schedule as bench

from imgopt.schedule import CostModel, Unit, dispatch, simulate

CASES = ("nightly", "first run", "no history", "engine dies")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--case", choices=CASES, required=True)
    bench.add_run_options(parser)
    args = parser.parse_args()
    engines = bench.engines_of(args)
    v = bench.variation(args.targets, engines, args.seed)
    nightly, first_run, actual, units, sizes, model = (
        v.nightly, v.first_run, v.actual, v.units, v.sizes, v.model,
    )  # fmt: skip
    a_priori, kinds = v.a_priori, v.kinds

    work = sum(actual.values())
    bound = max(work / len(engines), max(actual.values()))
    deaths = None
    if args.case == "nightly":
        cost = model(nightly)
    elif args.case == "first run":
        cost = model(first_run)
    elif args.case == "no history":
        cost = CostModel(base_sizes=sizes, priors=a_priori, kinds=kinds)
    else:
        cost = model(nightly)
        deaths = {engines[-1]: bound / 2}

    ties = {"replans": 0, "tied": 0, "tied, plans differ": 0}
    plan = dispatch.Dispatcher._plan

    def place(self: dispatch.Dispatcher, todo: list[Unit], now: float) -> None:
        alive = [e for e in self._order if e in self.alive]
        if alive:
            todo.sort(key=self._priority(todo))
            made = [plan(self, todo, alive, now, w) for w in dispatch.PULL_WEIGHTS]
            best = min(made, key=lambda m: m[0][0])
            same = [m for m in made if abs(m[0][0] - best[0][0]) <= 1e-9]
            ties["replans"] += 1
            ties["tied"] += len(same) > 1
            ties["tied, plans differ"] += any(m[1] != same[0][1] for m in same)
        original(self, todo, now)

    original = dispatch.Dispatcher._place
    dispatch.Dispatcher._place = place  # type: ignore[method-assign]
    sim = simulate(units, engines, cost, lambda u, e: actual[u], pull=bench.pull_seconds,
                   deaths=deaths)  # fmt: skip
    dispatch.Dispatcher._place = original  # type: ignore[method-assign]

    print(f"seed {args.seed}, {args.case}: makespan {sim.makespan:.1f} s, bound {bound:.1f} s, "
          f"{sim.makespan / bound:.3f}")  # fmt: skip
    busy = sim.busy_seconds()
    ends: dict[str, float] = defaultdict(float)
    for p in sim.placements:
        ends[p.engine] = max(ends[p.engine], p.end)
    print("engine     busy s   last end s")
    for e in engines:
        print(f"{e}  {busy.get(e, 0.0):8.1f}  {ends[e]:10.1f}")
    print("units that ended last:")
    for p in sorted(sim.placements, key=lambda p: -p.end)[:6]:
        u = p.unit
        timed = "timed before" if cost.known(u) else "never timed"
        print(f"  {u.key[:50]:50} {p.engine} {p.start:6.1f}-{p.end:6.1f} s, replayed "
              f"{actual[u]:6.1f} s, estimated {cost.seconds(u):6.1f} s, {timed}, "
              f"{','.join(u.bases)}")  # fmt: skip
    for p in sim.placements:
        if not p.completed:
            print(f"  lost: {p.unit.key} on {p.engine}, {p.start:.1f}-{p.end:.1f} s (its engine "
                  f"died), replayed {actual[p.unit]:.1f} s")  # fmt: skip
    have: dict[str, set[str]] = defaultdict(set)
    pulled: dict[str, list[str]] = defaultdict(list)
    for p in sorted(sim.placements, key=lambda p: p.start):
        for base in p.unit.bases:
            if base not in have[p.engine]:
                have[p.engine].add(base)
                pulled[base].append(f"{p.engine} at {p.start:.0f} s ({p.unit.key[:40]})")
    total = 0.0
    print("pulls:")
    for base, where in sorted(pulled.items(), key=lambda kv: -len(kv[1])):
        seconds = bench.pull_seconds(Unit("", "", (base,)), set())
        total += seconds * len(where)
        print(f"  {base}: {len(where)} x {seconds:.1f} s")
        if seconds > 40:
            for line in where:
                print(f"    {line}")
    print(f"  in all {total:.1f} s of pulls ({total / len(engines):.1f} s per engine)")
    print(
        f"replans: {ties['replans']}; the plans of the {len(dispatch.PULL_WEIGHTS)} pull weights "
        f"tied on their latest end in {ties['tied']}, and differed in "
        f"{ties['tied, plans differ']} of those"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
