"""A target split over engines, read as one run: one report, whatever the number of engines.

``imgopt analyze`` over more engines than targets splits a target into parts, one per engine
that took some of its variants (they are handed out one at a time, :mod:`imgopt.analyze.many`):
part ``k`` is an ordinary run folder ``OUT/<name>.part<k>/`` holding one engine's builds of the
original (its reference) and of the variants that engine took, and ``OUT/engines.json`` says
which folders are parts of which target. A variant whose engine died while analysing it was
analysed again in another part; the dead engine's part names it under ``moved``, and what it
left of it is not read. The parts are not merged into one folder on disk: each stays a
one-engine run that ``imgopt analyze TARGET --out OUT/<name>.part<k> --variants ... --resume``
completes like any other, with no build time of another engine in it. The report merges them
when it reads them (:func:`load_runs`): every variant of every part, each compared with the
original of its own part (built and verified on the same engine), and one recommendation.

- The first part's original is *the* original (the row called ``original``); the other parts'
  originals are shown as ``original.part<k>`` (:attr:`~imgopt.report.data.RunData.references`):
  the reference of their part's variants, never a candidate of the recommendation.
- What the one recommendation function (:mod:`imgopt.results.recommend`) ranks must be
  comparable, so a variant of another part is handed to it relative to the first part's original
  (:func:`imgopt.report.recommend.comparable`): its sizes shifted by the difference between the
  two originals (which is the base layers' sizes as each engine reports them), its cold build
  time scaled by the ratio of the two originals' cold builds. Its own measured figures are what
  the report's table shows, each "change vs original" against its own part's original.
- CI jobs that shared one target's variants (``--shard k/N`` with fewer targets than jobs) are
  merged the same way: each job's ``OUT/<name>/`` is its share, its ``engines.json`` names the
  shard; their originals are ``original.job<k>``. Of a Compose file, each job's
  ``OUT/<name>.part<i>/<service>/`` is its share of that service's variants (``engines.json``
  names the service; a job ran only the services it took a variant of), or, split by variant
  name when the plan could not be made, ``OUT/<name>/<service>/``: a service's shares are one
  run, named after the service. A job's child of a service that left no run is named in that
  service's report; when it was the only one that took the service (of a split over engines
  too: the service's only part), the service has no report, and it is named in each other
  service's. A job or part analysed again (a CI job run twice, or a split into another output
  folder) whose analysis left no run is named in the report of its analysis that left one.
- The originals are the same Dockerfile built on each engine: a note says whether their sizes are
  equal, differ only in the base image's layers, or differ in what the Dockerfile adds (then the
  engines did not build the same image, and sizes compare only within a part).
- A Compose file is split per service: a part ``OUT/<name>.part<k>/`` holds one service's run,
  ``<service>/`` (``engines.json`` names it under ``services``), and each service's parts are
  one run, named after the service as ``imgopt analyze`` of the Compose file on one engine names
  it. That one-engine output folder (``OUT/<service>/``, no ``engines.json``) stands for its
  services' runs too, so ``imgopt report OUT`` reads both the same way.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from imgopt.report.data import RunData, VariantResult
from imgopt.results import units

#: What ``imgopt analyze`` over several targets or engines writes into its output folder.
ENGINES_FILE = "engines.json"
#: ``analyze``'s own report of all its targets, inside its output folder.
REPORT_DIR = "report"
_PART = re.compile(r"^(?P<name>.+)\.part(?P<k>[0-9]+)$")
#: A report of a split target's parts: (their jobs' N or output folder, target, service, the
#: how-manyth analysis of the same parts).
_Key = tuple[Path | int, str, str | None, int]


@dataclass(frozen=True, slots=True)
class Part:
    """One run folder that is part ``k`` of a split target.

    Attributes:
        target: the target as ``engines.json`` names it (its path when analysed).
        k: the part's number (1: the reference part).
        engine: the engine it ran on (``--engine``'s name).
        folder: its run folder.
        variants: the variants it was given (``--variants``), when recorded.
        finished: its run closed as complete (False: interrupted, failed or still running).
        jobs: N when it is CI job k of N's share of the target's variants (``--shard k/N``:
            each job's output folder holds its own ``OUT/<name>/``); None for a part of a split
            over engines (``OUT/<name>.part<k>/``).
        moved: variants it started whose engine died: analysed again in another part.
        service: the Compose service whose run it holds (``folder`` is then
            ``OUT/<name>.part<k>/<service>/``, or the part's folder when it left no run; for
            CI job k's share, ``OUT/<name>.part<i>/<service>/`` or ``OUT/<name>/<service>/``).
        out: the output folder whose ``engines.json`` names it.
    """

    target: str
    k: int
    engine: str | None
    folder: Path | None = None
    variants: tuple[str, ...] | None = None
    finished: bool = True
    jobs: int | None = None
    moved: tuple[str, ...] = ()
    service: str | None = None
    out: Path | None = None

    @property
    def label(self) -> str:
        """``part 2`` or ``job 2 of 4``."""
        return f"job {self.k} of {self.jobs}" if self.jobs else f"part {self.k}"


def load_runs(paths: Sequence[str | Path]) -> list[RunData]:
    """Read run folders for a report: the parts of one split target as one run.

    Args:
        paths: run folders; ``imgopt analyze``'s output folder (holding ``engines.json``) stands
            for every run folder it holds (a Compose part's services each as a run), and its own
            ``report/`` folder (matched by ``OUT/*/``) is skipped; the output folder of a Compose
            file analysed on one engine stands for its services' runs.

    Returns:
        The runs in the order given; a split target where its first given part was.

    Raises:
        InputError: a folder holds no run, or its table cannot be read
            (:func:`imgopt.report.loader.load`).
    """
    from imgopt.report.loader import load

    folders: list[Path] = []
    #: a Compose service's run read through its output folder: named after the service
    services: dict[Path, str] = {}
    for p in map(Path, paths):
        if not (p / "run.json").exists() and (p / ENGINES_FILE).is_file():
            folders += _runs_of(p, services)
        elif not (p / "run.json").exists() and _is_analyze_report(p):
            continue
        elif not (p / "run.json").exists() and (found := _compose_runs(p)):
            services |= found
            folders += found
        else:
            folders.append(p)
    runs: list[RunData | list[tuple[Part, RunData]]] = []
    groups: dict[_Key, list[tuple[Part, RunData]]] = {}
    gone: dict[_Key, list[tuple[Path, Part]]] = {}
    for folder in folders:
        part = part_of(folder)
        if part is None:
            run = load(folder)
            name = services.get(folder)
            runs.append(replace(run, app=name) if name is not None else run)
            continue
        # a split over engines within one OUT; CI jobs' shares across the jobs' OUTs; the same
        # part twice (two runs' job 1) starts another report rather than mixing two runs
        where: Path | int = part.jobs or part.out or folder.resolve().parent
        n = 0
        while any(p.k == part.k for p, _ in groups.get((where, part.target, part.service, n), [])):
            n += 1
        key = (where, part.target, part.service, n)
        if not (folder / "run.json").exists():  # a part that failed before its run began
            gone.setdefault(key, []).append((folder, part))
            continue
        if key not in groups:
            groups[key] = []
            runs.append(groups[key])
        groups[key].append((part, load(folder)))
    said: dict[_Key, list[str]] = {}
    for key, gone_parts in gone.items():
        missing = []
        for folder, part in gone_parts:
            # the same job or part analysed again (a CI job run twice): named where its other
            # analysis is reported
            again = _analysed_again(key, part, groups)
            for g, other in again:
                said.setdefault(g, []).append(_no_run(folder, part, again=other))
            if not again:
                missing.append((folder, part))
        if not missing:
            continue
        if key in groups:
            said.setdefault(key, []).extend(_no_run(folder, part) for folder, part in missing)
            continue
        # a Compose file's job or part that left no run of any service (key[2] None), or of the
        # one service it took when no other part of it did: named in each other service's report
        each = [g for g in groups if g[:2] == key[:2] and g[2] is not None]
        if not each:  # no part left a run: the error of any folder without one
            load(missing[0][0])
        for g in each:
            said.setdefault(g, []).extend(_no_run(f, p, key[2]) for f, p in missing)
    out = []
    for r in runs:
        if isinstance(r, RunData):
            out.append(r)
            continue
        merged = merge_parts(r)
        key = next(k for k, g in groups.items() if g is r)
        notes = dict.fromkeys(said.get(key, ()))  # a folder given twice is named once
        out.append(replace(merged, notes=(*notes, *merged.notes)))
    return out


def _analysed_again(
    key: _Key, part: Part, groups: dict[_Key, list[tuple[Part, RunData]]]
) -> list[tuple[_Key, Part]]:
    """The reports that hold another analysis of ``part``, which left no run (its ``key``): the
    same job or part of the same target (and service: each service's, for a CI job's Compose
    analysis that left none) that left a run, the one of the same analyses (CI jobs, or
    output folder) or else of any, the last given. Empty when ``key``'s own report holds the
    target's other parts only: the part is named there as one of its parts."""
    if key in groups and not any(p.k == part.k for p, _ in groups[key]):
        return []
    best: dict[str | None, tuple[_Key, Part]] = {}
    for g, members in groups.items():
        if g[1] != key[1] or key[2] not in (None, g[2]):
            continue
        other = next((p for p, _ in members if (p.k, p.jobs) == (part.k, part.jobs)), None)
        prev = best.get(g[2])
        if other is not None and (prev is None or g[0] == key[0] or prev[0][0] != key[0]):
            best[g[2]] = (g, other)
    return list(best.values())


def _no_run(
    folder: Path, part: Part, service: str | None = None, *, again: Part | None = None
) -> str:
    """The note of a part that left no run, in the report of its target's other parts, or (of a
    Compose file) in each other service's report when it was the only part of ``service``, or
    in the report of ``again``, another analysis of the same job or part that left a run."""
    where = f"{part.label} ({folder}, engine {part.engine or 'unknown'})"
    why = "its analysis failed before building (engines.json has its exit code)"
    if again is not None:
        return (
            f"Another analysis of {where} left no run: {why}; this report holds its analysis "
            f"in {again.folder}."
        )
    if service is None:
        return f"{where} left no run: {why}; this report holds the other parts."
    return (
        f"Service {service} has no report: {where}, the only one that took it, left no run: "
        f"{why}; the other services' reports are complete."
    )


def part_of(folder: Path) -> Part | None:
    """The part of a split target ``folder`` is, by its output folder's ``engines.json``; None
    for a whole target's folder or any other run. A Compose service's run in a part,
    ``OUT/<name>.part<k>/<service>/``, is that part (of that service's split), and in a CI job's
    share of a Compose file's variants, ``OUT/<name>.part<i>/<service>/`` (or
    ``OUT/<name>/<service>/``), that job's share of the service's."""
    resolved = folder.resolve()
    found = _part_of(folder, resolved.parent, resolved.name, None)
    if found is None and _PART.match(resolved.parent.name):
        found = _part_of(folder, resolved.parent.parent, resolved.parent.name, resolved.name)
    elif found is None and (service := _compose_runs(resolved.parent).get(resolved)):
        # a CI job's share of a Compose file's variants: OUT/<name>/<service>/ of --shard k/N
        found = _part_of(folder, resolved.parent.parent, resolved.parent.name, service)
    return found


def _part_of(folder: Path, out: Path, name: str, service: str | None) -> Part | None:
    """``folder`` as the part ``out/name`` (its ``service``'s run when given), if
    ``out/engines.json`` says it is one."""
    match = _PART.match(name)
    record = _engines_record(out)
    if record is None:
        return None
    shard = re.fullmatch(r"([0-9]+)/([0-9]+)", str(record.get("shard") or ""))
    for t in _targets(record):
        if Path(str(t.get("out", ""))).name != name:
            continue
        engine, variants, moved = t.get("engine"), t.get("variants"), t.get("moved")
        names = t.get("services")
        if service is None and isinstance(names, list) and len(names) == 1:
            service = str(names[0])  # a Compose service's part (that left no run of it)
            if isinstance(variants, list) and (folder / service / "run.json").exists():
                return None  # the part's folder itself, not its service's run
        if (
            shard is None
            and service is not None
            and (names != [service] or not isinstance(variants, list))
        ):
            return None  # a Compose project split by service only: each service run whole
        if shard is not None and isinstance(variants, list):
            # one job's share of the variants (of each service's, for a Compose file)
            k, jobs = int(shard[1]), int(shard[2])
        elif match is not None and (shard is None or service is None):
            k, jobs = int(match["k"]), None
        else:
            return None
        return Part(
            str(t.get("path")),
            k,
            str(engine) if engine else None,
            folder,
            tuple(map(str, variants)) if isinstance(variants, list) else None,
            _status(folder) in (None, "complete"),
            jobs,
            tuple(map(str, moved)) if isinstance(moved, list) else (),
            service if isinstance(variants, list) else None,
            out.resolve(),
        )
    return None


def _status(folder: Path) -> str | None:
    """``run.json``'s status (None: no readable run.json)."""
    try:
        meta = json.loads((folder / "run.json").read_text("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    status = meta.get("status") if isinstance(meta, dict) else None
    return str(status) if status is not None else None


def _engines_record(out: Path) -> dict[str, Any] | None:
    try:
        record = json.loads((out / ENGINES_FILE).read_text("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return record if isinstance(record, dict) else None


def _targets(record: dict[str, Any]) -> list[dict[str, Any]]:
    targets = record.get("targets")
    return [t for t in targets if isinstance(t, dict)] if isinstance(targets, list) else []


def _runs_of(out: Path, services: dict[Path, str]) -> list[Path]:
    """The run folders of ``analyze``'s output folder ``out``, in ``engines.json``'s order; a
    Compose target's services (``OUT/<name>/<service>/``) each as one (added to ``services``,
    each with its service's name)."""
    found: list[Path] = []
    for t in _targets(_engines_record(out) or {}):
        folder = out / Path(str(t.get("out", ""))).name
        runs = _compose_runs(folder) or {p.parent: p.parent.name for p in folder.glob("*/run.json")}
        if (folder / "run.json").exists() or not runs:
            found.append(folder)  # one without a run: load() says so
        else:
            found += runs
            services |= runs
    return found


def _compose_runs(out: Path) -> dict[Path, str]:
    """The runs of a Compose file's analysis in ``out`` (its ``analysis.json`` says so), each
    with its service's name, in the file's order; empty for any other folder."""
    try:
        doc = json.loads((out / "analysis.json").read_text("utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(doc, dict) or doc.get("kind") != "compose":
        return {}
    found: dict[Path, str] = {}
    for s in doc.get("services") or []:
        if not isinstance(s, dict) or not s.get("analysed") or not s.get("run_dir"):
            continue
        folder = out / Path(str(s["run_dir"])).name
        if (folder / "run.json").exists():
            found[folder] = str(s.get("service") or folder.name)
    return found


def _is_analyze_report(folder: Path) -> bool:
    return folder.name == REPORT_DIR and (folder.parent / ENGINES_FILE).is_file()


def merge_parts(parts: list[tuple[Part, RunData]]) -> RunData:
    """One run of a split target's parts (in any order): see the module's docstring."""
    parts = sorted(((p, _without(r, p.moved)) for p, r in parts), key=lambda p: p[0].k)
    service = parts[0][0].service
    if service is not None:  # a Compose service's run: named as analyze names it
        parts = [(p, replace(r, app=service)) for p, r in parts]
    if len(parts) == 1:
        return parts[0][1]
    first = parts[0][1]
    variants: list[VariantResult] = []
    references: list[str] = []
    renamed: dict[tuple[int, str], str] = {}
    notes: list[str] = []
    for i, (part, run) in enumerate(parts):
        original = run.original
        mine = ""
        if original is not None:
            mine = original.name if i == 0 else f"{original.name}.{_suffix(part)}"
        taken = {v.name for v in variants}
        for v in run.variants:
            name = mine if v is original else v.name
            if name in taken:  # a variant in two parts: never planned so, but keep both
                name = f"{v.name}.{_suffix(part)}"
            renamed[(part.k, v.name)] = name
            engine = v.engine or part.engine
            if part.jobs:  # the jobs' engines are all "default", each on its own machine
                engine = f"{engine or 'unknown'}, {part.label}"
            ref = mine if i > 0 and v is not original else None
            variants.append(replace(v, name=name, engine=engine, reference=ref))
        if i > 0 and original is not None:
            references.append(mine)
        where = f"{part.label} ({run.path}, engine {part.engine or 'unknown'})"
        notes += [f"{where}: {n}" for n in run.notes]
        if part.moved:
            notes.append(
                f"{where}: its engine stopped answering during {', '.join(part.moved)}, "
                "analysed again in another part; this part holds what it finished before."
            )
        elif not part.finished:
            notes.append(f"{where} did not finish: {_resume_command(part)}")
    layers = tuple(
        replace(la, variant=renamed.get((part.k, la.variant), la.variant))
        for part, run in parts
        for la in run.layers
    )
    merged = RunData(
        # OUT, for parts over engines; for CI jobs, the folder that holds their OUTs
        path=os.path.commonpath([str(Path(r.path).resolve().parent) for _, r in parts]),
        app=first.app,
        variants=tuple(variants),
        layers=layers,
        env=replace(
            first.env,
            engine=_engines_text(parts, renamed),
            # every part's bases (another part's variants may use other ones)
            base_images=tuple(dict.fromkeys(b for _, r in parts for b in r.env.base_images)),
        ),
        references=tuple(references),
    )
    notes[:0] = [_split_note(merged, parts), *_originals_notes(merged)]
    notes += _environment_notes(parts)
    return replace(merged, notes=tuple(notes))


def _without(run: RunData, moved: Sequence[str]) -> RunData:
    """``run`` without the variants that were analysed again in another part."""
    if not moved:
        return run
    return replace(
        run,
        variants=tuple(v for v in run.variants if v.name not in moved),
        layers=tuple(la for la in run.layers if la.variant not in moved),
    )


def _resume_command(part: Part) -> str:
    """The command that completes one part, on its own engine, as an ordinary analysis."""
    import shlex

    folder = part.folder.parent if part.service and part.folder else part.folder
    argv = ["imgopt", "analyze", part.target, "--out", str(folder)]
    if part.service:
        argv += ["--services", part.service]
    if part.variants:
        argv += ["--variants", ",".join(part.variants)]
    if part.engine and part.engine != "default":
        argv += ["--engine", part.engine]
    return (
        f"`{shlex.join([*argv, '--resume'])}` completes it (with the run's --repeat and "
        "--builder), then `imgopt report` of the output folder shows every part again."
    )


def _engines_text(parts: list[tuple[Part, RunData]], renamed: dict[tuple[int, str], str]) -> str:
    """``Docker Engine 26.1.5+dfsg1, 2 engines: default (part 1: original, hygiene); ...``."""
    version = parts[0][1].env.engine or "Docker Engine"
    version = version.split(",")[0].split(" (engine ")[0]
    each = "; ".join(
        f"{part.engine or 'unknown'} ({part.label}: {', '.join(names)})"
        for part, names in ((p, [n for (k, _), n in renamed.items() if k == p.k]) for p, _ in parts)
    )
    if parts[0][0].jobs:
        return f"{version}, {len(parts)} CI jobs: {each}"
    return f"{version}, {len(parts)} engines: {each}"


def _suffix(part: Part) -> str:
    return f"job{part.k}" if part.jobs else f"part{part.k}"


def _over(parts: list[tuple[Part, RunData]]) -> str:
    if parts[0][0].jobs:
        return f"{len(parts)} CI jobs (--shard), each on its own engine"
    return f"{len(parts)} engines"


def _split_note(run: RunData, parts: list[tuple[Part, RunData]]) -> str:
    return (
        f"This target was split over {_over(parts)}, a part each, every part building and "
        "verifying the original on its own engine: each variant's size and build times are "
        f"compared with the original of its own part (`original` for {parts[0][0].label}, "
        f"{', '.join(f'`{r}`' for r in run.references)} for the others); build times compare "
        "only within one engine. The recommendation ranks every part's variants together, each "
        "relative to its own part's original."
    )


def _originals_notes(run: RunData) -> list[str]:
    """Whether the originals built on the engines have the same size, and where they differ."""
    first = run.original
    if first is None or first.size_bytes is None:
        return []
    out = []
    for name in run.references:
        other = run.get(name)
        if other is None or other.size_bytes is None:
            out.append(f"`{name}` was not measured: its part's variants have no reference.")
            continue
        delta = other.size_bytes - first.size_bytes
        base_delta = (
            other.base_bytes - first.base_bytes
            if other.base_bytes is not None and first.base_bytes is not None
            else None
        )
        if delta == 0:
            out.append(
                f"`{name}` ({other.engine}) and `original` ({first.engine}) have the same size, "
                f"{other.size_bytes:,} bytes."
            )
        elif base_delta == delta:
            out.append(
                f"`{name}` ({other.engine}) is {_bytes(delta)} than `original` ({first.engine}), "
                f"all of it in the base image's layers ({_share(delta, first.size_bytes)}): the "
                "same base layers, whose sizes an engine that pulled them reports slightly "
                "differently from one that built or loaded them."
            )
        else:
            out.append(
                f"`{name}` ({other.engine}) is {_bytes(delta)} than `original` ({first.engine}), "
                f"not only in the base image's layers ({_share(delta, first.size_bytes)}): the "
                "engines did not build the same image, so sizes compare only within one part."
            )
    return out


def _bytes(delta: int) -> str:
    return f"{abs(delta):,} bytes {'larger' if delta > 0 else 'smaller'}"


def _share(delta: int, of: int) -> str:
    """``0.0025 % of its size``: enough digits to show a base layer's few kB."""
    return f"{100 * abs(delta) / of:.2g} % of its size" if of else units.MISSING


def _environment_notes(parts: list[tuple[Part, RunData]]) -> list[str]:
    """A part measured elsewhere than part 1 in anything but the engine: say so."""
    first = parts[0][1].env
    out = []
    for part, run in parts[1:]:
        differs = [
            label
            for label, a, b in (
                ("machine", first.machine, run.env.machine),
                ("builder", first.builder, run.env.builder),
                ("imgopt", first.imgopt_version, run.env.imgopt_version),
                ("repetitions", first.repeat, run.env.repeat),
            )
            if a != b
        ]
        if differs:
            out.append(
                f"{part.label} differs from {parts[0][0].label} in: {', '.join(differs)} (the "
                "environment box shows the first's)."
            )
    return out
