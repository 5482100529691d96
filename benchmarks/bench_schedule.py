"""The scheduler at scale, in simulation: 200 targets over 10 engines, from recorded unit costs.

Nothing is built. Every duration replayed here was measured by a real run committed in this
repository:

- **Sample-app targets** (reports/*/run/, ``imgopt bench``): a unit is one variant: its cold
  build plus its warm rebuild, plus an even share of the run's measure and verify phases
  (run.json records those per run, not per variant). The dispatcher plans with one repetition's
  figures (the "earlier run" it would have in a run folder) and the replay uses another's, so
  estimates are close but never exact. A run recorded with one repetition (go-vendored,
  ``--repeat 1``) is replayed with it and planned with it divided by a recorded rerun ratio, as
  the corpus is (before, its missing second repetition was replayed as 0 s of building).
- **Corpus targets** (benchmarks/results/build_check-2026-12-04.jsonl): real Dockerfiles from the
  corpus, each built once (the original, built or failed; the hygiene variant where it was
  built). Only cold builds were recorded for them, so their units are shorter than a full unit
  (no warm rebuild, no verification).
- The 190 corpus files with a recorded time and the 8 sample-app runs make 198 targets; the list
  is filled up to ``--targets`` by taking the sample-app runs again (as other targets with the
  same costs), in a fixed order.
- **A-priori estimates** (what a first run knows): each unit's Dockerfile read by
  :func:`imgopt.schedule.prior.dockerfile_seconds` (package-index updates, packages, downloads,
  compiles counted with round weights): a sample app's variant from the Dockerfile its run
  recorded, a corpus unit from the corpus file (``../shared/corpus/dockerfiles``, as
  benchmarks/build_check.py reads it; its hygiene variant's text was not recorded, the
  original's stands for it), with its kind (:func:`imgopt.schedule.prior.dockerfile_kind`).
  Nothing measured goes into them: no weight was fitted on these durations.
- The sample-app runs are read as of :data:`REPORTS_COMMIT` (git), so a run re-recorded since
  changes no figure.
- **Pulls**: engines start without base images; a unit's base (the variant's final base, as its
  row records; build stages' other bases are not counted) is pulled once per engine at the
  stand-in's size (benchmarks/results/standin_sizes-2026-12-04.txt) over the local registry's
  measured rate (node:18, 1019.2 MB in 49.4 s: benchmarks/results/bench_registry-2026-12-04.txt).

The dispatcher sees only its cost model (earlier timings when the case has them, the a-priori
estimates, base sizes) and the simulated clock when a unit finishes (imgopt.schedule.simulate
drives the same Dispatcher a real run does); the replayed durations reach it only as the time at
which a unit it started ends.

The lower bound is max(total unit seconds / engines, longest unit), pulls excluded (no schedule
can beat it); a second line adds one pull of every base, and a third gives the engine-dies
case's own bound (the engine that dies at d seconds does at most d of the work, the others the
rest: max((total - d) / (engines - 1), longest)), which its row in the table is not divided by:
every case's row is divided by the same bound. "mean busy" is each engine's time on
units and pulls (and lost work), averaged: makespan over mean busy is how evenly the work was
spread, mean busy over the bound what pulls and reruns added.

Cases (the same recorded durations in each; only what the dispatcher knows differs): a nightly
job (every unit timed by an earlier run), a first run of the corpus (only the sample apps timed
before), no history (the a-priori estimates only), the nightly job with one engine dying at half
the bound (its running unit is lost and runs again elsewhere), and, for reference, no history
without the a-priori estimates (every unit the same default) and targets dealt round-robin with
no scheduler.

Variations (``--seeds N``: seeds 0..N-1; ``--seed-offset K``: seeds K..K+N-1, e.g. 100..111 held
out from choosing a policy): seed 0 is the recorded order as is; another seed
changes what no schedule should depend on: the targets' names (so ties fall otherwise), which
recorded rerun ratio goes with which unit, and which two of a sample app's repetitions are the
earlier run and the replay. The last table gives makespan / bound per case and seed, and the
worst.

Run:  .venv/bin/python benchmarks/bench_schedule.py --seeds 12 \\
          > benchmarks/results/bench_schedule-DATE.txt
"""

from __future__ import annotations

import argparse
import csv
import functools
import io
import json
import random
import statistics
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from imgopt.schedule import CostModel, Timing, Unit, dispatch, simulate  # noqa: E402
from imgopt.schedule.prior import dockerfile_facts, kind_of  # noqa: E402

#: Stand-in sizes in MB (benchmarks/results/standin_sizes-2026-12-04.txt), by the names FROM uses.
STANDIN_MB = {
    "debian:bookworm": 116.9,
    "debian:bookworm-slim": 75.1,
    "node:18-slim": 197.2,
    "python:3.11-slim": 132.6,
    "python:3.11": 1001.6,
    "node:18": 1019.2,
    "golang:1.19": 915.0,
    "gcr.io/distroless/static-debian12": 1.8,
    "gcr.io/distroless/python3-debian12": 50.9,
}
#: The corpus's Dockerfiles (benchmarks/build_check.py's default).
CORPUS = REPO.parent / "shared" / "corpus" / "dockerfiles"
#: The commit whose sample-app runs (reports/*/run/) are replayed: the runs every figure of this
#: script so far was made with (a run re-recorded later, or being recorded in the working tree,
#: changes no figure).
REPORTS_COMMIT = "0035ac8212cf9af0a458fdc959015d131fd3d68f"
#: Bytes per second of a pull from the local registry (1019.2 MB in 49.4 s, the slower run).
PULL_RATE = 1019.2e6 / 49.4


@dataclass(frozen=True)
class Recorded:
    unit: Unit
    estimate: float | None  # what an earlier run recorded; None: nothing known
    seconds: float  # what the replay takes


def sample_app_units(
    run_dir: PurePosixPath, target: str, pair: tuple[int, int], ratio: float
) -> list[Recorded]:
    """A sample-app run's units: planned with repetition ``pair[0]``'s figures, replayed with
    ``pair[1]``'s. A run recorded with one repetition is replayed with it, and planned with it
    divided by ``ratio`` (a recorded rerun ratio, as for the corpus)."""
    run = json.loads(recorded_text(run_dir / "run.json"))
    rows = list(csv.DictReader(io.StringIO(recorded_text(run_dir / "results.csv"))))
    builds: dict[tuple[str, int], float] = defaultdict(float)
    bases: dict[str, str] = {}
    sizes: dict[str, int] = {}
    for row in rows:
        if row["row"] == "build":
            builds[(row["variant"], int(row["repetition"]))] += float(row["seconds"])
        elif row["row"] == "variant":
            bases[row["variant"]] = row["base_image"]
            sizes[row["variant"]] = int(row["size_bytes"])
    variants = sorted(bases)
    share = (run["phases"]["measure"] + run["phases"]["verify"]) / len(variants)
    repetitions = {r for _, r in builds}
    plan, replay = pair if set(pair) <= repetitions else (0, 0)
    scale = 1.0 if plan != replay else 1 / ratio
    return [
        Recorded(
            Unit(target, v, (bases[v],) if bases[v] else (), sizes[v]),
            builds[(v, plan)] * scale + share,
            builds[(v, replay)] + share,
        )
        for v in variants
    ]


@functools.cache
def _recorded_files() -> tuple[PurePosixPath, ...]:
    listed = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", REPORTS_COMMIT, "--", "reports/"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return tuple(PurePosixPath(name) for name in listed)


def recorded(pattern: str) -> list[PurePosixPath]:
    """The sample-app run files matching ``pattern`` as of :data:`REPORTS_COMMIT`."""
    return sorted(p for p in _recorded_files() if p.match(pattern))


@functools.cache
def recorded_text(path: PurePosixPath) -> str:
    """A sample-app run file's text as of :data:`REPORTS_COMMIT`."""
    return subprocess.run(
        ["git", "show", f"{REPORTS_COMMIT}:{path}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        errors="replace",
        check=True,
    ).stdout


def rerun_ratios() -> list[float]:
    """Repetition 1 over repetition 0 of every sample-app build over a second: how much a unit's
    time differs from an earlier run's on the same engine, as recorded."""
    ratios = []
    for results in recorded("reports/*/run/results.csv"):
        first: dict[tuple[str, str], float] = {}
        second: dict[tuple[str, str], float] = {}
        for row in csv.DictReader(io.StringIO(recorded_text(results))):
            if row["row"] == "build" and row["repetition"] in ("0", "1"):
                into = first if row["repetition"] == "0" else second
                into[(row["variant"], row["kind"])] = float(row["seconds"])
        ratios += [second[k] / first[k] for k in sorted(first) if first[k] > 1 and k in second]
    return ratios


def corpus_units(with_history: bool, ratios: list[float], names: Names) -> list[list[Recorded]]:
    """Corpus targets; ``with_history``: as if a nightly job had run them before, the estimate
    being the recorded time divided by one of ``ratios`` (in turn)."""
    out: list[list[Recorded]] = []
    n = 0
    path = REPO / "benchmarks/results/build_check-2026-12-04.jsonl"
    for line in path.read_text().splitlines():
        record = json.loads(line)
        bases = tuple(sorted(set(record["bases"].values())))
        units = []
        for variant in ("original", "hygiene"):
            seconds = (record.get(variant) or {}).get("seconds")
            if seconds is None:
                continue
            ratio = ratios[n % len(ratios)]
            n += 1
            estimate = float(seconds) / ratio if with_history else None
            target = names(f"corpus/{record['file']}")
            units.append(Recorded(Unit(target, variant, bases), estimate, seconds))
        if units:
            out.append(units)
    return out


class Names:
    """Target names and the draws of one variation (``seed``; 0: the recorded order as is).

    A seed other than 0 changes what a run cannot know and a schedule must not depend on: the
    names of the targets (a random prefix, so ties between equal estimates fall otherwise), which
    recorded rerun ratio goes with which corpus unit, and which two of a sample app's three
    repetitions are the earlier run and the replayed one.
    """

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self._prefix: dict[str, str] = {}

    def __call__(self, target: str) -> str:
        if not self.seed:
            return target
        if target not in self._prefix:
            self._prefix[target] = f"{self.rng.randrange(16**4):04x}-"
        return self._prefix[target] + target

    def original(self, name: str) -> str:
        """The recorded name of a target named by :meth:`__call__`."""
        return name.split("-", 1)[1] if self.seed else name

    def ratios(self) -> list[float]:
        ratios = rerun_ratios()
        if self.seed:
            random.Random(self.seed).shuffle(ratios)
        return ratios

    def pair(self, run: str) -> tuple[int, int]:
        if not self.seed:
            return (0, 1)
        plan, replay = random.Random(f"{self.seed}/{run}").sample(range(3), 2)
        return (plan, replay)


def targets(count: int, names: Names, corpus_history: bool = False) -> list[list[Recorded]]:
    runs = [p.parent for p in recorded("reports/*/run/run.json")]
    apps = [(p.parent.name, p) for p in runs]
    ratios = names.ratios()

    def app(i: int, name: str, path: PurePosixPath) -> list[Recorded]:
        return sample_app_units(path, names(name), names.pair(name), ratios[i % len(ratios)])

    out = [app(i, name, p) for i, (name, p) in enumerate(apps)]
    out += corpus_units(corpus_history, ratios, names)
    copy = 2
    while len(out) < count:
        for i, (name, p) in enumerate(apps):
            if len(out) < count:
                out.append(app(i, f"{name}#{copy}", p))
        copy += 1
    return out[:count]


def priors(
    groups: list[list[Recorded]], names: Names
) -> tuple[dict[tuple[str, str], float], dict[tuple[str, str], str]]:
    """Each unit's a-priori seconds and kind from its Dockerfile's text (what a first run knows):
    a sample app's variant from the Dockerfile its run recorded, a corpus file's units from the
    corpus file (its hygiene variant is not recorded: the original's text stands for it)."""
    texts: dict[str, str] = {}
    for path in recorded("reports/*/run/dockerfiles/*/Dockerfile"):
        texts[f"{path.parents[2].parent.name}/{path.parent.name}"] = recorded_text(path)
    seconds: dict[tuple[str, str], float] = {}
    kinds: dict[tuple[str, str], str] = {}
    for group in groups:
        for r in group:
            name = names.original(r.unit.target)
            if name.startswith("corpus/"):
                text = (CORPUS / name.removeprefix("corpus/")).read_text(errors="replace")
            else:
                text = texts[f"{name.split('#')[0]}/{r.unit.variant}"]
            if (facts := dockerfile_facts(text)) is not None:
                seconds[(r.unit.target, r.unit.variant)] = sum(facts.values())
                kinds[(r.unit.target, r.unit.variant)] = kind_of(facts)
    return seconds, kinds


def rank_correlation(xs: list[float], ys: list[float]) -> float:
    """Spearman's rank correlation (ties ranked in order)."""

    def ranks(values: list[float]) -> list[float]:
        out = [0.0] * len(values)
        for rank, i in enumerate(sorted(range(len(values)), key=values.__getitem__)):
            out[i] = float(rank)
        return out

    return statistics.correlation(ranks(xs), ranks(ys))


def pull_seconds(unit: Unit, present: set[str]) -> float:
    return sum(STANDIN_MB[b] * 1e6 / PULL_RATE for b in unit.bases if b not in present)


def round_robin(groups: list[list[Recorded]], engines: int) -> float:
    """Targets dealt to engines in turn, each engine running its list (no scheduler)."""
    load = [0.0] * engines
    present: list[set[str]] = [set() for _ in range(engines)]
    for i, group in enumerate(groups):
        e = i % engines
        for r in group:
            load[e] += pull_seconds(r.unit, present[e]) + r.seconds
            present[e].update(r.unit.bases)
    return max(load)


@dataclass
class Variation:
    """One variation's targets (see :class:`Names`), what each unit really takes, and the cost
    model a run would start with, given which recorded timings it has."""

    names: Names
    engines: list[str]
    nightly: list[list[Recorded]]
    first_run: list[list[Recorded]]
    actual: dict[Unit, float]
    units: list[Unit]
    sizes: dict[str, int]
    a_priori: dict[tuple[str, str], float]
    kinds: dict[tuple[str, str], str]

    def model(self, groups: list[list[Recorded]]) -> CostModel:
        timings = [
            Timing(r.unit.target, r.unit.variant, e, r.estimate)
            for g in groups
            for r in g
            if r.estimate is not None
            for e in self.engines
        ]
        return CostModel(timings, base_sizes=self.sizes, priors=self.a_priori, kinds=self.kinds)


def variation(count: int, engines: list[str], seed: int) -> Variation:
    names = Names(seed)
    nightly = targets(count, names, corpus_history=True)
    recorded = [r for g in nightly for r in g]
    a_priori, kinds = priors(nightly, names)
    return Variation(
        names=names,
        engines=engines,
        nightly=nightly,
        first_run=targets(count, names, corpus_history=False),
        actual={r.unit: r.seconds for r in recorded},
        units=[r.unit for r in recorded],
        sizes={k: int(v * 1e6) for k, v in STANDIN_MB.items()},
        a_priori=a_priori,
        kinds=kinds,
    )


def one_variation(count: int, engines: list[str], seed: int) -> dict[str, float]:
    """Print the table of one variation (see :class:`Names`); returns makespan / bound by case."""
    v = variation(count, engines, seed)
    names, nightly, first_run, actual, units, sizes = (
        v.names, v.nightly, v.first_run, v.actual, v.units, v.sizes,
    )  # fmt: skip
    a_priori, kinds, model = v.a_priori, v.kinds, v.model

    work = sum(actual.values())
    longest = max(actual.values())
    bound = max(work / len(engines), longest)
    sample = sum(1 for g in nightly if not names.original(g[0].unit.target).startswith("corpus/"))
    ratios = rerun_ratios()

    print(f"== seed {seed}" + ("" if seed else " (the recorded order, as is)"))
    print(
        f"bench_schedule: {len(nightly)} targets ({sample} sample-app runs, "
        f"{len(nightly) - sample} corpus Dockerfiles), {len(units)} units, {len(engines)} engines"
    )
    print(
        f"unit seconds: total {work:.1f}, median {statistics.median(actual.values()):.1f}, "
        f"longest {longest:.1f}"
    )
    print(
        f"rerun ratios (rep 1 / rep 0, {len(ratios)} sample-app builds over 1 s): "
        f"min {min(ratios):.2f}, median {statistics.median(ratios):.2f}, max {max(ratios):.2f}"
    )
    print(
        f"lower bound: max({work:.1f} / {len(engines)}, {longest:.1f}) = {bound:.1f} s "
        "(pulls excluded)"
    )
    dies = bound / 2
    print(
        f"engine dies at {dies:.0f} s: it cannot do more than that, so the {len(engines) - 1} "
        f"others do at least {work - dies:.1f} s: max({work - dies:.1f} / {len(engines) - 1}, "
        f"{longest:.1f}) = {max((work - dies) / (len(engines) - 1), longest):.1f} s "
        "(its case's own bound; the table divides by the one above)"
    )
    once = sum(pull_seconds(Unit("", "", (b,)), set()) for b in {b for u in units for b in u.bases})
    print(
        f"with pulls: every base pulled at least once ({once:.1f} s in all): "
        f"{(work + once) / len(engines):.1f} s"
    )
    estimated = [u for u in units if (u.target, u.variant) in a_priori]
    by_prior = sorted(estimated, key=lambda u: (-a_priori[(u.target, u.variant)], u.key))
    top = max(estimated, key=lambda u: actual[u])
    agree = rank_correlation(
        [a_priori[(u.target, u.variant)] for u in estimated], [actual[u] for u in estimated]
    )
    print(
        f"a-priori estimates: {len(estimated)} units, rank correlation with the replayed seconds "
        f"{agree:.2f}; "
        f"the longest unit ({actual[top]:.1f} s) is {by_prior.index(top) + 1}th by its estimate"
    )
    print()
    print(
        f"{'scenario':62} {'makespan s':>10} {'/ bound':>8} {'mean busy s':>11} "
        f"{'pulls':>6} {'reruns':>7}"
    )
    ratio_of: dict[str, float] = {}

    def row(
        case: str, name: str, makespan: float, busy: str = "", pulls: str = "", reruns: str = ""
    ) -> None:
        ratio_of[case] = makespan / bound
        print(
            f"{name:62} {makespan:10.1f} {makespan / bound:8.3f} {busy:>11} {pulls:>6} {reruns:>7}"
        )

    def run(case: str, name: str, cost: CostModel, deaths: dict[str, float] | None = None) -> None:
        pulls = 0

        def counted(unit: Unit, present: set[str]) -> float:
            nonlocal pulls
            pulls += sum(1 for b in unit.bases if b not in present)
            return pull_seconds(unit, present)

        def took(unit: Unit, engine: str) -> float:
            return actual[unit]

        sim = simulate(units, engines, cost, took, pull=counted, deaths=deaths)
        assert not sim.stranded and len(sim.engine_of()) == len(units)
        lost = sum(1 for p in sim.placements if not p.completed)
        busy = sum(sim.busy_seconds().values()) / len(engines)
        row(case, name, sim.makespan, f"{busy:.1f}", str(pulls), str(lost))

    run("nightly", "nightly: every unit timed by an earlier run", model(nightly))
    run("first run", "first corpus run: sample apps timed before, corpus not", model(first_run))
    run(
        "no history",
        "no history: only a-priori estimates from the Dockerfiles",
        CostModel(base_sizes=sizes, priors=a_priori, kinds=kinds),
    )
    run(
        "engine dies",
        f"nightly, {engines[-1]} dies at {dies:.0f} s (half the bound)",
        model(nightly),
        {engines[-1]: dies},
    )
    run(
        "no estimate",
        "(reference) no history, no Dockerfile estimate: all default",
        CostModel(base_sizes=sizes),
    )
    dealt = round_robin(nightly, len(engines))
    row("round-robin", "no scheduler: targets dealt round-robin", dealt)
    print()
    return ratio_of


def add_run_options(parser: argparse.ArgumentParser) -> None:
    """The options every replay of a variation takes (this script's and trace_schedule.py's)."""
    parser.add_argument("--targets", type=int, default=200)
    parser.add_argument("--engines", type=int, default=10)
    parser.add_argument(
        "--compare-next-ends",
        action="store_true",
        help="plans that end at the same time are told apart by their next latest ends "
        "(imgopt.schedule.dispatch.COMPARE_NEXT_ENDS, tried in session 9 and left off)",
    )


def engines_of(args: argparse.Namespace) -> list[str]:
    """The engines of :func:`add_run_options`' ``--engines``, with its policy switch applied."""
    if args.compare_next_ends:
        dispatch.COMPARE_NEXT_ENDS = True
    return [f"engine{i + 1:02}" for i in range(args.engines)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_run_options(parser)
    parser.add_argument(
        "--seeds", type=int, default=5, help="variations 0..N-1 (0: the recorded order as is)"
    )
    parser.add_argument(
        "--seed-offset",
        type=int,
        default=0,
        help="start at this seed (e.g. 100: seeds 100..100+N-1, held out from choosing a policy)",
    )
    args = parser.parse_args()
    engines = engines_of(args)
    seeds = range(args.seed_offset, args.seed_offset + args.seeds)
    by_seed = [one_variation(args.targets, engines, seed) for seed in seeds]
    print(f"makespan / bound over seeds {seeds[0]}..{seeds[-1]}")
    print(f"{'case':14} " + " ".join(f"{s:>6}" for s in seeds) + f" {'worst':>6}")
    for case in by_seed[0]:
        figures = [ratios[case] for ratios in by_seed]
        print(f"{case:14} " + " ".join(f"{f:6.3f}" for f in figures) + f" {max(figures):6.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
