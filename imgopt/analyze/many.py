"""``imgopt analyze PATH...`` over one engine or several: the targets as units of the scheduler.

Each target (a build context, a Dockerfile or a Compose file) is analysed by a child
``imgopt analyze`` into ``OUT/<name>/``, with the environment of the engine the scheduler
(:mod:`imgopt.schedule`) placed it on: ``DOCKER_HOST`` and ``BUILDX_BUILDER``
(:func:`imgopt.engine.client.engine_environment`). So every image of a target is built and
verified on one engine, and its run folder holds only that engine's times: a build time is never
compared with another engine's. A child that fails with exit 3 while its engine no longer
answers a ping was cut off by the engine: the engine leaves the run and the target is analysed
again on another. ``OUT/engines.json`` records which engine produced each target's results
(and every engine it was started on).

With ``--shard K/N`` only this job's part of the targets is analysed; with fewer targets than
jobs, each target's variants are split instead (every job builds the original, as the reference
its variants are verified against). ``imgopt report out-*/*/`` of all the jobs' folders makes
one report, a target whose variants the jobs shared as one run (:mod:`imgopt.report.parts`). A
Compose file is split by (service, variant), the units a split over engines hands out
(:func:`compose_plan`; a service's variants analysed together as one unit, a service that plans
no variant as one unit of its original alone), balanced by the same cost model: each service's
original is a base that costs a job once, the first time it takes one of that service's units
(:func:`imgopt.schedule.shard_units`), so a small service goes whole to one job and a big one is
spread only as far as that pays for building its original again. The split uses only what every
job knows alike (the plan, each service's Dockerfile), not a job's own earlier timings in its
``OUT``, so every job computes the same one. Each job runs a child per service it took,
``--services SERVICE --variants SHARE``, into ``OUT/<name>.part<i>/<service>/`` (``i``: the
service's place in the file, the same folder in every job); it builds no other service's
original. ``engines.json`` names each child's service and variants, and the report reads each
service's shares as one run of that service. When the plan cannot be made here, the variant names
of every service are split instead (:func:`planned_variants`), each job's child analysing every
service with its share, into ``OUT/<name>/<service>/``.

With fewer targets than engines (one big target over two engines), a target is split by
variant, and then the unit of work is one variant of the target (:class:`_Split`): the
scheduler hands its variants out one at a time, each to the engine expected to finish it first,
as engines come free. The first variant an engine takes opens a part there,
``OUT/<name>.part<k>/`` (``k`` in the order parts open): a child that builds and verifies the
original too, as the reference of that engine's variants; each further variant that engine takes
resumes its part with one more variant (``--resume``: the bench runs the variants its run folder
does not list yet, :meth:`imgopt.bench.runner.BenchRun._open`). So an engine that finishes early
takes the next unplaced variant, every image is verified on the engine that built it, and each
part holds one engine's times and stays an ordinary resumable run folder. The original's build
counts in the placement as work done once per engine (a pull in the cost model's terms), so a
variant prefers an engine whose part has the original already. The variants that the built
original's evidence rewrites (a Node variant that prunes npm packages:
:func:`imgopt.analyze.evidence.prunes_npm`) go together as one unit that opens a part of its own,
since only a run's first pass reads that evidence. When an engine dies, its running variant is
analysed again on another engine, in that engine's part; the dead engine's part keeps what it
finished (``engines.json`` names the variant under ``moved``; a part that finished nothing is
removed).

A Compose file is split the same way, the unit one variant of one service (label
``<service>:<variant>``, :func:`compose_plan`): a part is opened per engine and service, the
first time that engine takes a variant of that service (its child, ``--services SERVICE
--variants ...``, builds and verifies that service's original as the reference, into
``OUT/<name>.part<k>/<service>/``), and later variants of that service on that engine resume it.
Each service's original is its own "base" in the placement, costed from its own Dockerfile
(or earlier timings), and each service's evidence variants go together as above. A service that
plans no variant (an already-optimal Dockerfile, or none of ``--variants`` applies to it) is one
unit of its original alone, as in ``--shard``: a part of its own on one engine, its child given
``--variants original``. ``engines.json`` names each part's service (``services``) and variants
(``["original"]`` for such a part).

The report reads a target's parts (a Compose service's parts) as one run
(:mod:`imgopt.report.parts`): ``OUT/report/`` is written so at the end, and ``imgopt report OUT``
makes the same.
"""

from __future__ import annotations

import glob
import json
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any, TypeVar, cast

from imgopt.analyze.workspace import DEFAULT_OUT, REPORT_DIR, prepare_out, release_out
from imgopt.engine.client import EngineEndpoint, engine_answers, engine_environment, engine_name
from imgopt.errors import EngineGone, ExitCode, ImgoptError, InputError
from imgopt.schedule import CostModel, Engine, Shard, Unit, run_units, shard_units
from imgopt.schedule.cost import Timing, timings_from_run

ENGINES_FILE = "engines.json"
#: The unit of a whole target (all its variants in one child).
ALL = "*"
#: The reference every variant of a target is verified against.
ORIGINAL = "original"

R = TypeVar("R")


@dataclass(frozen=True)
class ChildOptions:
    """What every child ``imgopt analyze`` is given, as its command-line options."""

    args: tuple[str, ...] = ()


@dataclass(frozen=True)
class TargetOutcome:
    """One target's analysis: where, on which engine, how it ended."""

    path: Path
    folder: Path
    engine: str
    attempts: tuple[str, ...]
    exit_code: int
    seconds: float
    variants: tuple[str, ...] | None
    recommended: str | None
    services: tuple[str, ...] | None = None
    #: A part of a target split over engines: this part's own pick; ``recommended`` is then the
    #: target's one pick, from every part's rows (:mod:`imgopt.report.parts`).
    part_recommended: str | None = None
    split: bool = False
    #: Variants this part started that were analysed again in another part: its engine died.
    moved: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The outcome as ``engines.json`` and ``--format json`` give it."""
        return {
            "path": str(self.path),
            "out": str(self.folder),
            "engine": self.engine,
            "attempts": list(self.attempts),
            "exit_code": self.exit_code,
            "seconds": round(self.seconds, 3),
            "variants": list(self.variants) if self.variants is not None else None,
            "services": list(self.services) if self.services is not None else None,
            "recommended": self.recommended,
            "part_recommended": self.part_recommended if self.split else None,
            "moved": list(self.moved),
        }


Runner = Callable[[list[str], dict[str, str], str], int]


def analyze_many(
    paths: Sequence[Path],
    endpoints: Sequence[EngineEndpoint],
    out: Path | None,
    child: ChildOptions,
    *,
    shard: Shard | None = None,
    variant_names: Callable[[Path], Sequence[str]] | None = None,
    service_plans: Callable[[Path], Sequence[ServiceVariants]] | None = None,
    together: Callable[[Path], Collection[str]] | None = None,
    runner: Runner | None = None,
) -> list[TargetOutcome]:
    """Analyse every target of ``paths`` (this shard's part) over ``endpoints``.

    Args:
        paths: the targets.
        endpoints: the engines (empty: the environment's).
        out: the output folder; each target gets ``out/<name>/``.
        child: options for every child.
        shard: this CI job's part.
        variant_names: a target's variant names (to split one target's variants between jobs
            or engines).
        service_plans: each service of a target that is a Compose file with its variants, else
            none (to split a Compose project between engines, or CI jobs, by service and
            variant: :func:`compose_plan`).
        together: the variants of a target that must be analysed in one child that builds the
            original (the built original's evidence rewrites them: :func:`evidence_variants`).
        runner: runs one child (argv, environment, engine name) and returns its exit code
            (default: a subprocess whose progress lines are prefixed with the engine's name).

    Raises:
        InputError: two paths that are the same target, or a bad ``out``.
        EngineError: every engine died with targets left.
    """
    out = out if out is not None else DEFAULT_OUT
    engines = [Engine(e.name, e.host, e.builder) for e in endpoints] or [Engine("default")]
    by_name = {e.name: e for e in endpoints} or {"default": EngineEndpoint("default")}
    folders = _folders(paths)
    units = [Unit(str(p), ALL) for p in paths]
    cost = _history(out, paths, folders)
    variants: dict[str, tuple[str, ...]] = {}
    #: --shard of a Compose file: each service this job took (key ``path#service``)
    services_of: dict[str, str] = {}
    splits: dict[str, _Split] = {}
    if shard is None and len(engines) > len(paths) and variant_names is not None:
        units, splits = _split_for_engines(
            paths, len(engines), variant_names, service_plans, together, cost, folders
        )
        cost = _split_costs(cost, splits)
    elif shard is not None:
        composed: dict[str, _Split] = {}
        if len(paths) < shard.count and variant_names is not None:
            units = []
            for p in paths:
                split = _compose_shard(p, service_plans, folders[str(p)])
                if split is None:
                    units += [Unit(str(p), name) for name in variant_names(p) if name != ORIGINAL]
                    continue
                composed[str(p)] = split
                units += split.units()
        if composed:  # the same split in every job: no job's own earlier timings of them
            others = [p for p in paths if str(p) not in composed]
            units = shard_units(
                units, shard, _split_costs(_history(out, others, folders), composed)
            )
        else:
            units = shard_units(units, shard, cost)
        for u in units:
            if (split := composed.get(u.target)) is not None:  # a child per service taken
                service = split.services[u.variant]
                key = f"{u.target}#{service}"
                services_of[key] = service
                variants[key] = variants.get(key, ()) + split.groups[u.variant]
            elif u.variant != ALL:
                variants.setdefault(u.target, ())
                variants[u.target] += (u.variant,)
        for target, split in composed.items():
            for i, service in enumerate(dict.fromkeys(split.services.values()), start=1):
                folders[f"{target}#{service}"] = f"{split.folder}.part{i}"
        units = list(
            {
                _where(w): w
                for w in (
                    Unit(u.target, composed[u.target].services[u.variant])
                    if u.target in composed
                    else Unit(u.target, ALL)
                    for u in units
                )
            }.values()
        )
    folder = prepare_out(out, [p if p.is_dir() else p.parent for p in paths])
    try:
        for unit in units:
            if unit.target not in splits:
                folder.mkdir(folders[_where(unit)])
        run = runner or _subprocess
        lock = threading.Lock()

        def child_run(unit: Unit, engine: Engine, argv: list[str]) -> tuple[int, float]:
            endpoint = by_name[engine.name]
            started = time.monotonic()
            code = run(argv, engine_environment(endpoint), engine.name)
            if code == ExitCode.ENGINE and not engine_answers(host=endpoint.host):
                raise EngineGone(f"engine {engine.name} stopped answering")
            return code, time.monotonic() - started

        def execute(unit: Unit, engine: Engine) -> tuple[int, float]:
            argv = [sys.executable, "-m", "imgopt", "analyze", unit.target, "--format", "json"]
            argv += list(child.args)
            if (split := splits.get(unit.target)) is not None:
                with lock:
                    part, names, resume = split.take(unit.variant, engine.name)
                    if not resume:
                        folder.mkdir(part.folder)
                argv += ["--out", str(out / part.folder)]
                # none: a Compose service that plans no variant, its original alone
                argv += ["--variants", ",".join(names or [ORIGINAL])]
                argv += ["--services", part.service] if part.service is not None else []
                try:
                    code, seconds = child_run(unit, engine, argv + ["--resume"] * resume)
                except EngineGone:
                    with lock:
                        part.give_back(split.groups[unit.variant])
                    raise
                with lock:
                    part.ended(unit.variant, code, seconds)
                return code, seconds
            argv += ["--out", str(out / folders[_where(unit)])]
            if _where(unit) in variants:  # the last --variants wins
                argv += ["--variants", ",".join(variants[_where(unit)] or (ORIGINAL,))]
            if _where(unit) in services_of:  # and the last --services
                argv += ["--services", services_of[_where(unit)]]
            return child_run(unit, engine, argv)

        results = run_units(units, engines, execute, cost=cost)
        outcomes = []
        for r in results:
            if r.unit.target in splits:
                splits[r.unit.target].attempts[r.unit.variant] = r.attempts
                continue
            code, seconds = r.value if r.value is not None else (int(ExitCode.ENGINE), r.seconds)
            path = Path(r.unit.target)
            where = out / folders[_where(r.unit)]
            outcomes.append(
                TargetOutcome(
                    path,
                    where,
                    r.engine,
                    r.attempts,
                    code,
                    seconds,
                    _shared(variants.get(_where(r.unit)), _where(r.unit) in services_of),
                    _recommended(where),
                    (services_of[_where(r.unit)],) if _where(r.unit) in services_of else None,
                )
            )
        for split in splits.values():
            outcomes += split.outcomes(out)
        order = {str(p): i for i, p in enumerate(paths)}
        outcomes.sort(key=lambda o: (order[str(o.path)], o.folder.name))
        record = {
            "targets": [o.to_dict() for o in outcomes],
            "engines": [
                {"name": e.name, "host": e.host, "builder": e.builder} for e in by_name.values()
            ],
            "shard": str(shard) if shard is not None else None,
        }
        folder.write_text(out / ENGINES_FILE, json.dumps(record, indent=2) + "\n")
        if shard is None and splits:
            _split_report(out)
            picks = _split_picks(outcomes)  # needs engines.json: it says which folders are parts
            if picks:
                outcomes = [
                    replace(
                        o,
                        recommended=picks[_pick_key(o)],
                        part_recommended=o.recommended,
                        split=True,
                    )
                    if _pick_key(o) in picks
                    else o
                    for o in outcomes
                ]
                record["targets"] = [o.to_dict() for o in outcomes]
                folder.write_text(out / ENGINES_FILE, json.dumps(record, indent=2) + "\n")
    finally:
        release_out(out)
    return outcomes


@dataclass
class _Part:
    """One engine's part of a target split by variant (of one service of a Compose file): a run
    folder grown a variant at a time."""

    k: int
    engine: str
    folder: str
    #: Opened for the variants analysed together (:func:`evidence_variants`).
    fresh: bool
    #: The Compose service whose variants it holds (its child's ``--services``), else None.
    service: str | None = None
    #: The variants given to it, in order (each resumed child gets them all, and one more unit's).
    variants: list[str] = field(default_factory=list)
    #: Variants it started whose engine died: analysed again in another part.
    moved: list[str] = field(default_factory=list)
    #: The units that ended here (their labels).
    units: list[str] = field(default_factory=list)
    code: int | None = None
    seconds: float = 0.0

    def give_back(self, names: Sequence[str]) -> None:
        """The engine died during ``label``'s child: its variants go to another part."""
        self.variants = [v for v in self.variants if v not in names]
        self.moved += names

    def ended(self, label: str, code: int, seconds: float) -> None:
        """A child of this part ended (its exit code is the part's state: the run folder's)."""
        self.units.append(label)
        self.code = code
        self.seconds += seconds


@dataclass
class _Split:
    """A target split over engines by variant: its units, and its parts as engines open them.

    Attributes:
        path: the target.
        folder: its folder's name in OUT (each part's is ``<folder>.part<k>``).
        groups: each unit's label (its variant's name, or the names of the variants analysed
            together, comma-separated; for a Compose file, prefixed ``<service>:``) -> its
            variants.
        fresh: the labels of the variants analysed together (one per service at most): each
            opens a part of its own.
        services: for a Compose file, each label's service (a part holds one service's
            variants); empty for any other target.
        dockerfiles: for a Compose file, each service's Dockerfile (its a-priori cost).
    """

    path: Path
    folder: str
    groups: dict[str, tuple[str, ...]]
    fresh: frozenset[str] = frozenset()
    services: dict[str, str] = field(default_factory=dict)
    dockerfiles: dict[str, Path] = field(default_factory=dict)
    parts: list[_Part] = field(default_factory=list)
    attempts: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def units(self) -> list[Unit]:
        """A unit per label, naming as its base the original its variants are verified against
        (built once per engine or job: :func:`_original_of`). A Compose service's original
        alone (a label with no variants) is that build itself: no base, costed as the original
        (:func:`_split_costs`), so an earlier timing of it (``<service>:original``) is not
        counted twice."""
        target = str(self.path)
        return [
            Unit(target, label, bases=(_original_of(target, self.services.get(label)),))
            if names
            else Unit(target, label)
            for label, names in self.groups.items()
        ]

    def take(self, label: str, engine: str) -> tuple[_Part, list[str], bool]:
        """``engine`` analyses unit ``label``: in its latest part (of the label's service), or
        a new one (its first variant of this target or service, or the variants analysed
        together).

        Returns:
            (the part, every variant it is now given, whether its run folder is resumed).
        """
        service = self.services.get(label)
        mine = [p for p in self.parts if p.engine == engine and p.service == service]
        if label in self.fresh or not mine:
            k = len(self.parts) + 1
            fresh = label in self.fresh
            mine.append(_Part(k, engine, f"{self.folder}.part{k}", fresh, service))
            self.parts.append(mine[-1])
        part = mine[-1]
        resume = bool(part.variants or part.moved)
        part.variants += self.groups[label]
        return part, [*part.variants, *part.moved], resume

    def outcomes(self, out: Path) -> list[TargetOutcome]:
        """A part per engine that took its variants. A part whose every child its engine's
        death cut off holds nothing of use: its folder is removed (its variants ended in other
        parts, whose attempts name the engine)."""
        found = []
        for part in self.parts:
            where = out / part.folder
            if not part.units:
                shutil.rmtree(where, ignore_errors=True)
                continue
            attempts = dict.fromkeys(e for u in part.units for e in self.attempts.get(u, ()))
            found.append(
                TargetOutcome(
                    self.path,
                    where,
                    part.engine,
                    tuple(attempts) or (part.engine,),
                    part.code if part.code is not None else int(ExitCode.ENGINE),
                    part.seconds,
                    _shared(tuple(part.variants), part.service is not None),
                    _recommended(where),
                    (part.service,) if part.service is not None else None,
                    moved=tuple(part.moved),
                )
            )
        return found


def _split_report(out: Path) -> None:
    """A target was split over engines: ``OUT/report/``, the report of every target, each split
    one as one run (:func:`imgopt.report.load_runs`), as ``imgopt report OUT`` makes it. A part
    that left no run is said on stderr (its child already said why); the parts stay as they
    are."""
    from imgopt.report import load_runs, recommend, write_one, write_reports

    try:
        runs = load_runs([out])
        if len(runs) == 1:
            write_one(runs[0], out / REPORT_DIR)
        else:
            write_reports(runs, out / REPORT_DIR)
    except ImgoptError as err:
        print(f"imgopt: no report in {out / REPORT_DIR}: {err}", file=sys.stderr)
        return
    for run in runs:
        if run.references:  # a split target: its one pick, which each part's line cannot say
            pick = recommend(run).smallest
            print(
                f"imgopt: {run.app}: one report of its {len(run.references) + 1} parts in "
                f"{out / REPORT_DIR}, recommended: {pick.name if pick else 'none'}",
                file=sys.stderr,
            )


def _split_picks(outcomes: Sequence[TargetOutcome]) -> dict[_PickKey, str | None]:
    """Each target split over engines (its parts' folders read as one run): its one pick, by
    :func:`_pick_key` (a Compose service's parts, ``OUT/<name>.part<k>/<service>/``, are one
    run of that service). Each part's own analysis.json names only the pick among its own
    rows."""
    from imgopt.report import load_runs, recommend

    folders: dict[_PickKey, list[Path]] = {}
    for o in outcomes:
        service = o.services[0] if o.variants is not None and o.services else None
        run = o.folder / service if service is not None else o.folder
        folders.setdefault(_pick_key(o), []).append(run)
    picks: dict[_PickKey, str | None] = {}
    for key, found in folders.items():
        ran = [f for f in found if (f / "run.json").is_file()]
        if len(found) < 2 or not ran:
            continue
        try:
            runs = load_runs(ran)
        except ImgoptError:
            continue  # _split_report said why
        if len(runs) == 1 and runs[0].references:
            pick = recommend(runs[0]).smallest
            picks[key] = pick.name if pick is not None else None
    return picks


_PickKey = tuple[str, tuple[str, ...] | None]


def _pick_key(o: TargetOutcome) -> _PickKey:
    """A split target's parts share it: its path, and for a Compose file the part's service."""
    return str(o.path), o.services


def _where(unit: Unit) -> str:
    """The key of a unit's folder and variants: the target's path, or ``path#k`` for part k."""
    return unit.target if unit.variant == ALL else f"{unit.target}#{unit.variant}"


@dataclass(frozen=True)
class ServiceVariants:
    """One service of a Compose file as a split over engines sees it (:func:`compose_plan`).

    Attributes:
        name: the service (its child's ``--services``).
        variants: its planned variants, the original left out (it is every part's reference).
        together: those of them analysed together (:func:`evidence_variants`).
        dockerfile: its Dockerfile, for an a-priori cost.
    """

    name: str
    variants: tuple[str, ...]
    together: tuple[str, ...] = ()
    dockerfile: Path | None = None


def _split_for_engines(
    paths: Sequence[Path],
    engines: int,
    variant_names: Callable[[Path], Sequence[str]],
    service_plans: Callable[[Path], Sequence[ServiceVariants]] | None,
    together: Callable[[Path], Collection[str]] | None,
    cost: CostModel,
    folders: dict[str, str],
) -> tuple[list[Unit], dict[str, _Split]]:
    """Fewer targets than engines: each target with a share of more than one engine is split
    into a unit per variant (:class:`_Split`), a Compose file into a unit per variant of each of
    its services (label ``<service>:<variant>``; a service that plans none, a unit of its
    original alone: :func:`_service_groups`); a target with one unit stays whole.

    Returns:
        The units (whole targets, and each split target's variants), and the split targets.
    """
    units: list[Unit] = []
    splits: dict[str, _Split] = {}
    for i, path in enumerate(paths):
        share = engines // len(paths) + (1 if i < engines % len(paths) else 0)
        groups: dict[str, tuple[str, ...]] = {}
        fresh: set[str] = set()
        services: dict[str, str] = {}
        dockerfiles: dict[str, Path] = {}
        try:
            plans = list(service_plans(path)) if service_plans and share > 1 else []
            if plans:  # a Compose file: per service, as any other target's variants
                groups, fresh, services, dockerfiles = _service_groups(plans)
            elif share > 1:
                names = [n for n in variant_names(path) if n != ORIGINAL]
                joined = [n for n in names if n in set(together(path))] if together else []
                groups = _groups(names, joined, "")
                fresh = {",".join(joined)} if joined else set()
        except ImgoptError:  # planning here failed (a registry, the file): the child will say
            groups = {}
        if len(groups) < 2:
            units.append(Unit(str(path), ALL))
            continue
        split = _Split(path, folders[str(path)], groups, frozenset(fresh), services, dockerfiles)
        splits[str(path)] = split
        units += split.units()
    return units, splits


def _service_groups(
    plans: Sequence[ServiceVariants],
) -> tuple[dict[str, tuple[str, ...]], set[str], dict[str, str], dict[str, Path]]:
    """A Compose file's units, a variant of a service at a time (:func:`_groups`, label
    ``<service>:<variant>``): each label's variants, the labels of those analysed together, each
    label's service, each service's Dockerfile. A service that plans no variant is one unit of
    its original alone (label ``<service>:original``, no variants: its child is given
    ``--variants original``), so that it is analysed too, by one job or engine."""
    groups: dict[str, tuple[str, ...]] = {}
    fresh: set[str] = set()
    services: dict[str, str] = {}
    dockerfiles: dict[str, Path] = {}
    for plan in plans:
        joined = [n for n in plan.variants if n in set(plan.together)]
        mine = _groups(plan.variants, joined, f"{plan.name}:")
        if not mine:
            mine = {f"{plan.name}:{ORIGINAL}": ()}
        services |= dict.fromkeys(mine, plan.name)
        fresh |= {f"{plan.name}:{','.join(joined)}"} if joined else set()
        groups |= mine
        if plan.dockerfile is not None:
            dockerfiles[plan.name] = plan.dockerfile
    return groups, fresh, services, dockerfiles


def _compose_shard(
    path: Path,
    service_plans: Callable[[Path], Sequence[ServiceVariants]] | None,
    folder: str,
) -> _Split | None:
    """``--shard`` of a Compose file with fewer targets than jobs: a unit per variant of each
    service (:func:`_service_groups`, a service that plans none as its original alone), each
    naming that service's original as its base; None for any other target, or when the plan
    cannot be made here (its variants are then split by name, each job's child analysing every
    service)."""
    try:
        plans = list(service_plans(path)) if service_plans is not None else []
    except ImgoptError:
        return None
    if not plans:
        return None
    groups, fresh, services, dockerfiles = _service_groups(plans)
    return _Split(path, folder, groups, frozenset(fresh), services, dockerfiles)


def _shared(variants: tuple[str, ...] | None, service: bool) -> tuple[str, ...] | None:
    """The variants a child of a shard or of a part was given: a Compose service's share of
    none is its original alone (``--variants original``)."""
    return (variants or (ORIGINAL,)) if service else variants


def _groups(names: Sequence[str], joined: Sequence[str], prefix: str) -> dict[str, tuple[str, ...]]:
    """A unit per variant of ``names`` and one for those ``joined`` (analysed together), by
    label (``prefix`` and the variant's name, or the joined names comma-separated)."""
    groups: dict[str, tuple[str, ...]] = {f"{prefix}{n}": (n,) for n in names if n not in joined}
    if joined:
        groups[f"{prefix}{','.join(joined)}"] = tuple(joined)
    return groups


def _original_of(target: str, service: str | None = None) -> str:
    """The "base" every variant of a split target (or of one service of a Compose file)
    shares: its original, built once per engine (by the first of its variants there) as their
    reference."""
    return f"{target}#{ORIGINAL}" if service is None else f"{target}#{service}#{ORIGINAL}"


def _split_costs(cost: CostModel, splits: Mapping[str, _Split]) -> CostModel:
    """``cost`` with each split target's original (each Compose service's) as a base of its
    variants, costing what the original is expected to take, and each variant never timed
    expected to take as long as the original (its Dockerfile is not written yet; the dispatcher
    rescales by what finishes); a Compose service's original alone, as its original."""
    bases: dict[str, float] = {}
    priors: dict[tuple[str, str], float] = {}
    kinds: dict[tuple[str, str], str] = {}
    for target, split in splits.items():
        if split.services:  # a Compose file: each service's original, from its own Dockerfile
            seen, their = dockerfile_priors(split.dockerfiles)
            originals: dict[str | None, tuple[float, str | None]] = {}
            for name in dict.fromkeys(split.services.values()):
                original = Unit(target, f"{name}:{ORIGINAL}")
                seconds = seen.get((name, ALL))
                if cost.known(original) or seconds is None:
                    seconds = cost.seconds(original)
                originals[name] = (seconds, their.get((name, ALL)))
        else:
            original = Unit(target, ORIGINAL)
            seconds = cost.seconds(original if cost.known(original) else Unit(target, ALL))
            originals = {None: (seconds, cost.kind(Unit(target, ALL)))}
        for service, (seconds, _) in originals.items():
            bases[_original_of(target, service)] = seconds
        for label, names in split.groups.items():
            seconds, kind = originals[split.services.get(label)]
            priors[(target, label)] = seconds * len(names) if names else seconds
            if kind is not None:
                kinds[(target, label)] = kind
    return cost.extended(priors=priors, base_seconds=bases, kinds=kinds)


def _folders(paths: Sequence[Path]) -> dict[str, str]:
    """A folder name per target: its folder's name (the Dockerfile's for a file), made unique."""
    out: dict[str, str] = {}
    used: set[str] = set()
    seen: set[Path] = set()
    for p in paths:
        resolved = p.resolve()
        if resolved in seen:
            raise InputError(f"{p}: named twice", hint="give each target once")
        seen.add(resolved)
        base = resolved.name if p.is_dir() else f"{resolved.parent.name}-{resolved.stem}"
        slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", base).strip("-.") or "target"
        name, n = slug, 2
        while name in used or name == "report":
            name, n = f"{slug}-{n}", n + 1
        used.add(name)
        out[str(p)] = name
    return out


def _history(out: Path, paths: Sequence[Path], folders: dict[str, str]) -> CostModel:
    """Earlier timings: the run folders a previous ``analyze`` of the same targets left in
    ``out``, whole or in parts (each timing with the engine its results name); and for targets
    never timed, the a-priori seconds their Dockerfile's text gives
    (:mod:`imgopt.schedule.prior`)."""
    runs: dict[str, list[Path]] = {}
    dockerfiles: dict[str, Path] = {}
    for p in paths:
        name = folders[str(p)]
        runs[str(p)] = [out / name, *sorted(out.glob(f"{glob.escape(name)}.part*"))]
        dockerfile = p / "Dockerfile" if p.is_dir() else p
        if dockerfile.suffix not in (".yml", ".yaml"):  # a Compose file: its services, not it
            dockerfiles[str(p)] = dockerfile
    priors, kinds = dockerfile_priors(dockerfiles)
    return earlier_costs(runs, priors=priors).extended(kinds=kinds)


def dockerfile_priors(
    dockerfiles: Mapping[str, Path],
) -> tuple[dict[tuple[str, str], float], dict[tuple[str, str], str]]:
    """A-priori seconds of each whole target (target key, :data:`ALL`) from its Dockerfile, and
    its kind (what weighs most in them: the dispatcher learns how each kind's units compare with
    their estimates as they finish); the dispatcher only needs their order and rescales by what
    finished. Unreadable or unparsable: none."""
    from imgopt.schedule.prior import dockerfile_facts, kind_of

    priors: dict[tuple[str, str], float] = {}
    kinds: dict[tuple[str, str], str] = {}
    for key, dockerfile in dockerfiles.items():
        try:
            facts = dockerfile_facts(dockerfile.read_text("utf-8", errors="replace"))
        except OSError:
            continue
        if facts is not None:
            priors[(key, ALL)] = sum(facts.values())
            kinds[(key, ALL)] = kind_of(facts)
    return priors, kinds


def earlier_costs(
    runs: Mapping[str, Path | Sequence[Path]],
    priors: Mapping[tuple[str, str], float] | None = None,
) -> CostModel:
    """Expected costs from earlier run folders (target key -> its folder, or the folders of its
    parts; missing ones are skipped): each variant's timing, and the whole target's
    (:data:`ALL`) as their sum, per engine; ``priors`` for what was never timed. A folder of a
    Compose file (or of one of its parts) holds a run per service, ``<service>/``: their
    variants are timed as ``<service>:<variant>``, as a Compose file split over engines names
    its units."""
    timings: list[Timing] = []
    for key, where in runs.items():
        found = []
        for folder in [where] if isinstance(where, Path) else where:
            if (folder / "run.json").is_file():
                each = [(folder, "")]
            else:
                each = [(r.parent, f"{r.parent.name}:") for r in sorted(folder.glob("*/run.json"))]
            for run, prefix in each:
                try:
                    found += [
                        replace(t, variant=prefix + t.variant)
                        for t in timings_from_run(run, target=key)
                    ]
                except Exception:  # an unreadable earlier run only means no estimate
                    continue
        timings += found
        for engine in {t.engine for t in found}:
            seconds = sum(t.seconds for t in found if t.engine == engine)
            timings.append(Timing(key, ALL, engine, seconds))
    return CostModel(timings, priors=priors)


def run_in_process(
    keys: Sequence[str], execute: Callable[[int], R], cost: CostModel | None = None
) -> list[R]:
    """The targets of one ``analyze`` (a Compose project's services) through the scheduler, on
    this process's engine: placed by expected cost, run one at a time in the calling thread, as
    without a scheduler; an error raises as it would without one. Results in ``keys``' order.

    Args:
        keys: a unique key per target (its output folder's name).
        execute: runs the target at that index.
        cost: earlier timings (:func:`earlier_costs`), read before the output folder is emptied.
    """
    index = {key: i for i, key in enumerate(keys)}
    if len(index) != len(keys):
        raise ValueError("target keys must be unique")
    results = run_units(
        [Unit(key, ALL) for key in keys],
        [Engine(engine_name())],
        lambda unit, _: execute(index[unit.target]),
        cost=cost,
        is_engine_failure=lambda _: False,  # one engine: nowhere to retry, its error stands
        raise_errors=True,
    )
    done = {r.unit.target: r.value for r in results}
    return [cast(R, done[key]) for key in keys]  # raise_errors: every unit returned a value


def _recommended(folder: Path) -> str | None:
    """The pick ``folder``'s analysis.json names (a Compose file's: its one analysed
    service's, as a Compose part holds one)."""
    try:
        doc: Any = json.loads((folder / "analysis.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(doc, dict) and doc.get("kind") == "compose":
        services = doc.get("services")
        analysed = [
            s
            for s in (services if isinstance(services, list) else [])
            if isinstance(s, dict) and s.get("analysed") and not s.get("same_as")
        ]
        doc = analysed[0] if len(analysed) == 1 else None
    rec = doc.get("recommendation") if isinstance(doc, dict) else None
    return rec.get("variant") if isinstance(rec, dict) else None


def _subprocess(argv: list[str], env: dict[str, str], engine: str) -> int:
    """Run a child, its stderr lines prefixed with the engine's name, its stdout dropped (the
    child's analysis.json holds the same)."""
    proc = subprocess.Popen(
        argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True, errors="replace",
    )  # fmt: skip
    assert proc.stderr is not None
    relay = threading.Thread(target=_prefix, args=(proc.stderr, f"[{engine}] "), daemon=True)
    relay.start()
    try:
        code = proc.wait()
    except BaseException:
        # Ctrl-C reaches the child too (same process group); wait for its clean-up.
        proc.wait()
        raise
    relay.join(timeout=5)
    return code


def _prefix(stream: IO[str], prefix: str) -> None:
    for line in stream:
        sys.stderr.write(prefix + line)
    sys.stderr.flush()


def compose_services(path: Path) -> list[str]:
    """The services ``analyze`` analyses in ``path`` when it is a Compose file (one per image it
    builds), in the file's order; empty for any other target."""
    from imgopt.analyze.pipeline import _distinct
    from imgopt.analyze.targets import resolve_source

    source = resolve_source(path, None)
    if source.kind != "compose":
        return []
    return [t.name for t in _distinct(source.targets)[0]]


def compose_plan(
    path: Path, only: Sequence[str] | None = None, services: Sequence[str] | None = None
) -> list[ServiceVariants]:
    """Each service ``analyze`` analyses in ``path`` when it is a Compose file (those of
    ``services`` when given), with the variants it would plan for it (``only``: of those) and
    those analysed together (:func:`evidence_variants`), in the file's order; empty for any
    other target. What a Compose file split over engines hands out, a variant at a time."""
    from imgopt.analyze.evidence import REPLANNED, prunes_npm
    from imgopt.analyze.pipeline import (
        AnalyzeOptions,
        QuietObserver,
        _distinct,
        _only_services,
        _static,
        engine_image_available,
    )
    from imgopt.analyze.targets import resolve_source

    source = resolve_source(path, None)
    if source.kind != "compose":
        return []
    targets = _distinct(source.targets)[0]
    if services is not None:
        targets = _only_services(source, targets, services)
    available = engine_image_available()
    options = AnalyzeOptions(variants=tuple(only) if only is not None else None)
    found = []
    for target in targets:
        plan = _static(target, options, QuietObserver(), available)[1]
        names = tuple(n for n in plan.names if n != ORIGINAL)
        joined = tuple(n for n in names if n in REPLANNED) if prunes_npm(plan) else ()
        found.append(ServiceVariants(target.name, names, joined, target.dockerfile))
    return found


def planned_variants(path: Path, only: Sequence[str] | None = None) -> list[str]:
    """The variant names ``analyze`` would plan for ``path`` (every service of a Compose file),
    the original first: what ``--shard`` splits when there are fewer targets than jobs."""
    names: list[str] = []
    for plan in _plans(path, only):
        names += [n for n in plan.names if n not in names]
    return names


def evidence_variants(path: Path, only: Sequence[str] | None = None) -> list[str]:
    """The variants of ``path`` that the built original's evidence rewrites before they are
    built (a Node plan's variants that prune npm packages:
    :func:`imgopt.analyze.evidence.prunes_npm`): only a run's first pass reads that evidence,
    not a resumed one, so a target split by variant analyses them together, in a part of their
    own."""
    from imgopt.analyze.evidence import REPLANNED, prunes_npm

    names: list[str] = []
    for plan in _plans(path, only):
        if prunes_npm(plan):
            names += [n for n in plan.names if n in REPLANNED and n not in names]
    return names


def _plans(path: Path, only: Sequence[str] | None) -> list[Any]:
    """The static plan ``analyze`` makes of each target of ``path``."""
    from imgopt.analyze.pipeline import (
        AnalyzeOptions,
        QuietObserver,
        _static,
        engine_image_available,
    )
    from imgopt.analyze.targets import resolve_source

    available = engine_image_available()
    options = AnalyzeOptions(variants=tuple(only) if only is not None else None)
    return [
        _static(target, options, QuietObserver(), available)[1]
        for target in resolve_source(path, None).targets
    ]
