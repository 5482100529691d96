"""A bench run folder as the report sees it: :class:`~imgopt.report.data.RunData`.

The folder is read once into frames, and every figure comes from the one summary
(:mod:`imgopt.results.frames`); this module adds what only a report shows: the Dockerfiles, the
variants' changes, the environment box and notes on what the run lacks.

A report is made from whatever a run folder holds. A run that was interrupted, that is still
running, that lacks its metadata or that was written by an older imgopt (fewer columns, no
``variant`` rows) still gives a report, with a note saying what is missing. Only a folder that
holds no run at all, or a table that cannot be read, is an :class:`~imgopt.errors.InputError`.

Each variant's Dockerfile (for the diff) is looked for in the run folder first
(``dockerfiles/<variant>/Dockerfile``, where ``benchmarks/publish_report.py`` keeps a copy so a
committed report does not depend on the machine it was made on), then at the path the run
recorded. Its changes come from the ``summary.json`` that ``imgopt propose`` writes next to the
variant folders, or a copy of it in the run folder.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from imgopt.errors import InputError
from imgopt.report.data import (
    ChangeInfo,
    Environment,
    Layer,
    RunData,
    Spread,
    VariantResult,
)
from imgopt.userfiles import is_inside, read_bytes, read_text

if TYPE_CHECKING:
    from imgopt.results.frames import RunFrames

#: Copies of the variants' Dockerfiles inside a run folder: ``dockerfiles/<variant>/Dockerfile``.
DOCKERFILES_DIR = "dockerfiles"
#: A copy of ``imgopt propose``'s summary (the variants' changes) inside a run folder.
CHANGES_FILE = "summary.json"


def load(path: str | Path) -> RunData:
    """Read the run folder at ``path`` (once, into :class:`~imgopt.results.frames.RunFrames`).

    Raises:
        InputError: the folder does not exist, holds no run, or its table cannot be read.
    """
    from imgopt.results.frames import read_run

    return from_frames(read_run(path))


def from_frames(run: RunFrames) -> RunData:
    """The report's view of a run already read into frames: every figure from
    :func:`imgopt.results.frames.summarize`, plus the Dockerfiles, changes and notes."""
    from imgopt.results.frames import records, summarize

    folder, meta, notes = run.path, run.meta, list(run.notes)
    options = _obj(meta, "options")
    repeat = _int(options.get("repeat"))
    warm_wanted = options.get("warm", True) is not False
    paths = {str(v["name"]): _str(v.get("dockerfile")) for v in run.meta_variants()}
    digests = {str(v["name"]): _str(v.get("sha256")) for v in run.meta_variants()}
    run_engine = _str(_obj(meta, "engine").get("name"))
    engine_of = {str(v["name"]): _str(v.get("engine")) for v in run.meta_variants()}
    changes = _changes(folder, paths, digests, notes)

    # An older run records no variant rows at all: one note for the table says so, not one each.
    has_variant_rows = len(run.checks) > 0
    variants: list[VariantResult] = []
    for row in records(summarize(run)):
        name = row["name"]
        error = row["error"]
        if row["verified"] is False and error is None:
            error = row["verify_reason"] or "did not pass the smoke checks"
        size, own = row["size_bytes"], row["own_size_bytes"]
        variants.append(
            VariantResult(
                name=name,
                dockerfile_path=row["dockerfile"],
                dockerfile_text=_dockerfile_text(
                    folder, name, row["dockerfile"], digests.get(name)
                ),
                size_bytes=size,
                compressed_bytes=row["compressed_bytes"],
                base_bytes=(size - own) if size is not None and own is not None else None,
                layer_count=row["layers"] or _layer_count(run, name),
                cold=_spread(row, "cold"),
                warm=_spread(row, "warm"),
                efficiency=row["efficiency"],
                wasted_bytes=row["wasted_bytes"],
                recoverable_bytes=row["recoverable_bytes"],
                verified=row["verified"],
                error=error,
                changes=changes.get(name, ()),
                proof=row["proof"],
                closure_bytes_here=row["closure_bytes_here"],
                engine=engine_of.get(name) or run_engine,
                **_absent(meta, name),
            )
        )
        _variant_notes(name, run, row, error, repeat, warm_wanted, notes, has_variant_rows)

    notes[:0] = _status_notes(folder, meta)
    engines = {str(v["engine"]) for v in run.meta_variants() if _str(v.get("engine"))}
    if len(engines) > 1:  # a run resumed on another engine (issue 18)
        notes.append(
            f"The variants were built on {len(engines)} engines (see Engine below): build times "
            "compare only between variants built on one engine."
        )
    if not variants:
        notes.append("The run holds no variants yet.")
    return RunData(
        path=str(folder),
        app=_app_name(folder, meta),
        variants=tuple(variants),
        layers=_layers(run),
        env=_environment(meta, repeat),
        notes=tuple(notes),
    )


def _absent(meta: dict[str, Any], name: str) -> dict[str, Any]:
    """The closure files variant ``name`` lacks but does not need (:mod:`imgopt.report.absent`)."""
    from imgopt.report.absent import absent_files

    listed, total = absent_files(meta, name)
    return {"absent_files": listed, "absent_total": total}


def _int(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _str(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def _spread(row: Mapping[str, Any], kind: str) -> Spread | None:
    if row[f"{kind}_s"] is None:
        return None
    return Spread(
        median=row[f"{kind}_s"],
        low=row[f"{kind}_min_s"],
        high=row[f"{kind}_max_s"],
        n=row[f"{kind}_n"],
    )


def _layers(run: RunFrames) -> tuple[Layer, ...]:
    from imgopt.results.frames import records

    out = []
    for name in run.variants:
        mine = records(run.layers[run.layers["variant"] == name])
        for i, r in enumerate(mine):
            out.append(
                Layer(
                    variant=name,
                    index=r["layer_index"] if r["layer_index"] is not None else i,
                    instruction=_str(r["instruction"]) or _str(r["created_by"]) or "?",
                    size_bytes=r["size_bytes"] or 0,
                    compressed_bytes=r["compressed_bytes"],
                    base=bool(r["base"]),
                )
            )
    return tuple(out)


def _layer_count(run: RunFrames, name: str) -> int | None:
    return int((run.layers["variant"] == name).sum()) or None


def _variant_notes(
    name: str,
    run: RunFrames,
    row: Mapping[str, Any],
    error: str | None,
    repeat: int | None,
    warm_wanted: bool,
    notes: list[str],
    has_variant_rows: bool,
) -> None:
    builds = run.builds[run.builds["variant"] == name]
    measured = name in run.checks.index or len(builds) or (run.layers["variant"] == name).any()
    if not measured:
        notes.append(f"`{name}` was not measured: the run stopped before reaching it.")
        return
    if error is not None:
        return  # a broken variant is explained in the table; its missing builds are expected
    cold, warm = row["cold_n"], row["warm_n"]
    if repeat:
        if cold < repeat:
            notes.append(f"`{name}`: {cold} of {repeat} cold builds finished.")
        skipped = builds[(builds["kind"] == "warm") & builds["error"].notna()]
        if len(skipped) and not warm:
            notes.append(f"`{name}`: no warm rebuild ({_str(skipped['error'].iloc[0])}).")
        elif warm_wanted and warm < repeat:
            notes.append(f"`{name}`: {warm} of {repeat} warm rebuilds finished.")
    if name not in run.checks.index and cold and has_variant_rows:
        notes.append(
            f"`{name}`: measured builds but no verification or waste figures were recorded."
        )


def _status_notes(folder: Path, meta: dict[str, Any]) -> list[str]:
    from imgopt.bench.results import lock_holder

    status = meta.get("status")
    if not meta or status == "complete":
        return []
    error = _str(meta.get("error"))
    if status == "interrupted":
        return [
            "The run was interrupted: this report shows what finished before it stopped "
            f"({_resume_hint(folder)} completes it)."
        ]
    if status == "failed":
        return [
            f"The run failed{f' ({error})' if error else ''}: this report shows what finished "
            "before it stopped."
        ]
    if status == "running":
        if lock_holder(folder) is not None:
            return ["The run is still going: this report shows what has finished so far."]
        return [
            "The run did not finish (its process ended without closing it, killed?): this "
            f"report shows what finished ({_resume_hint(folder)} completes it)."
        ]
    return [f"The run's status is {status!r}: this report shows what the folder holds."]


def _resume_hint(folder: Path) -> str:
    """The command that completes an unfinished run in ``folder``: the analysis that wrote it,
    or the bench, each with the same arguments as before plus ``--out`` and ``--resume``."""
    if not (folder / "dockerfiles").is_dir():
        return f"`imgopt bench ... --out {folder} --resume`, with the same arguments,"
    from imgopt.userfiles import MARKER

    # A Compose service's run sits in OUT/<service>/: the analysis is resumed from OUT.
    out = (
        folder.parent
        if not (folder / MARKER).exists() and (folder.parent / MARKER).exists()
        else folder
    )
    return f"`imgopt analyze ... --out {out} --resume`, with the same arguments,"


def _obj(mapping: Mapping[str, Any], key: str) -> dict[str, Any]:
    """``mapping[key]`` when it is an object, else an empty one (older or damaged metadata)."""
    value = mapping.get(key)
    return value if isinstance(value, dict) else {}


def _app_name(folder: Path, meta: dict[str, Any]) -> str:
    app = _obj(meta, "app")
    name = _str(app.get("name"))
    if name:
        return name
    context = _str(app.get("context"))
    if context:
        return Path(context).name
    return folder.resolve().name


def _load_text(start: object, end: object) -> str | None:
    """``load 0.4 at the start, 1.2 at the end`` (1-minute averages), from what the run recorded."""

    def first(value: object) -> float | None:
        if isinstance(value, list) and value and isinstance(value[0], int | float):
            return float(value[0])
        return None

    begin, finish = first(start), first(end)
    if begin is None:
        return None
    text = f"load {begin:.1f} at the start"
    return text + (f", {finish:.1f} at the end" if finish is not None else "")


def _environment(meta: dict[str, Any], repeat: int | None) -> Environment:
    from imgopt.results.frames import entries

    machine = _obj(meta, "machine")
    parts = [
        " ".join(str(machine[k]) for k in ("system", "release", "machine") if machine.get(k)),
        _str(machine.get("cpu")),
        f"{machine['cpu_count']} CPUs" if machine.get("cpu_count") else None,
        f"{int(machine['memory_bytes']) / 1e9:.1f} GB memory"
        if _int(machine.get("memory_bytes"))
        else None,
        _load_text(machine.get("load_average"), meta.get("load_at_end")),
    ]
    engine = _obj(meta, "engine")
    builder = _obj(meta, "builder")
    app = _obj(meta, "app")
    git = _obj(app, "git")
    commit = _str(git.get("commit"))
    if commit and git.get("dirty"):
        commit += " (with uncommitted changes)"
    bases = tuple(
        (str(b.get("ref")), b.get("standin") if isinstance(b.get("standin"), bool) else None)
        for b in entries(meta, "base_images")
        if b.get("ref")
    )
    builder_text = " ".join(
        x for x in (_str(builder.get("name")), _str(builder.get("version"))) if x
    )
    return Environment(
        machine=", ".join(p for p in parts if p) or None,
        engine=_engine_text(meta, engine),
        builder=builder_text or None,
        imgopt_version=_str(meta.get("imgopt_version")),
        app_commit=commit,
        date=_str(meta.get("started_at")),
        base_images=bases,
        repeat=repeat,
    )


def _engine_text(meta: dict[str, Any], engine: dict[str, Any]) -> str | None:
    """``Docker Engine 26.1.5``, and which engine(s) produced the results when that is not
    only the environment's engine (``--engine``): by name, and per variant when several did."""
    from imgopt.results.frames import entries

    version = _str(engine.get("version"))
    text = f"Docker Engine {version}" if version else None
    by_engine: dict[str, list[str]] = {}
    for v in entries(meta, "variants"):
        if _str(v.get("engine")) and _str(v.get("name")):
            by_engine.setdefault(str(v["engine"]), []).append(str(v["name"]))
    if len(by_engine) > 1:
        where = "; ".join(f"{name} ({', '.join(vs)})" for name, vs in by_engine.items())
        return f"{text or 'Docker Engine'}, {len(by_engine)} engines: {where}"
    name = _str(engine.get("name"))
    if name and name != "default":
        return f"{text or 'Docker Engine'} (engine {name})"
    return text


def _dockerfile_text(
    folder: Path, name: str, recorded: str | None, digest: str | None
) -> str | None:
    """The variant's Dockerfile: its copy inside the run folder, else the file the run
    recorded. A run folder may come from elsewhere, so a file outside it is read only when its
    content has the SHA-256 the run recorded (a run.json cannot make a report embed a local
    file whose content its author did not already know)."""
    candidates = [folder / DOCKERFILES_DIR / name / "Dockerfile"]
    if recorded and not Path(recorded).is_absolute():
        candidates.append(folder / recorded)
    for c in candidates:
        if is_inside(c, folder) and c.is_file():
            with contextlib.suppress(InputError):
                return read_text(c, limit=_MAX_DOCKERFILE, what="Dockerfile")
    if recorded:
        return _verified_outside(Path(recorded), digest)
    return None


_MAX_DOCKERFILE = 4 << 20


def _verified_outside(path: Path, digest: str | None) -> str | None:
    """The text of ``path`` when its SHA-256 is ``digest``, else None."""
    import hashlib

    if not digest or not path.is_file():
        return None
    try:
        data = read_bytes(path, limit=_MAX_DOCKERFILE, what="Dockerfile")
    except InputError:
        return None
    if hashlib.sha256(data).hexdigest() != digest.removeprefix("sha256:"):
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _changes(
    folder: Path,
    paths: Mapping[str, str | None],
    digests: Mapping[str, str | None],
    notes: list[str],
) -> dict[str, tuple[ChangeInfo, ...]]:
    """Each variant's changes, from ``imgopt propose``'s summary.json: in the run folder (or its
    ``dockerfiles/``, where ``imgopt propose -o RUN/dockerfiles`` puts it) first, else the one
    beside the variant Dockerfiles the run recorded, when that Dockerfile is the one the run
    measured (its SHA-256 matches: see :func:`_dockerfile_text`)."""
    candidates = [folder / CHANGES_FILE, folder / DOCKERFILES_DIR / CHANGES_FILE]
    for name, p in paths.items():
        if p and _verified_outside(Path(p), digests.get(name)) is not None:
            # propose writes <out>/<variant>/Dockerfile and <out>/summary.json
            candidates.append(Path(p).parent.parent / CHANGES_FILE)
    for c in candidates:
        if not c.is_file():
            continue
        try:
            data = json.loads(read_bytes(c, limit=_MAX_DOCKERFILE, what="summary"))
        except (InputError, UnicodeDecodeError, ValueError, RecursionError) as err:
            notes.append(f"{c} could not be read ({err}); the variants' changes are not shown.")
            return {}
        return _parse_changes(data)
    return {}


def _parse_changes(data: Any) -> dict[str, tuple[ChangeInfo, ...]]:
    from imgopt.results.frames import entries

    out: dict[str, tuple[ChangeInfo, ...]] = {}
    if not isinstance(data, dict):
        return out
    for v in entries(data, "variants"):
        if not v.get("name"):
            continue
        items = []
        for c in entries(v, "changes"):
            lines = c.get("lines")
            span = None
            if (
                isinstance(lines, list)
                and len(lines) == 2
                and all(isinstance(x, int) for x in lines)
            ):
                span = (lines[0], lines[1])
            items.append(
                ChangeInfo(
                    source=str(c.get("source") or "?"),
                    title=str(c.get("title") or ""),
                    rationale=str(c.get("rationale") or ""),
                    safety=str(c.get("safety") or ""),
                    lines=span,
                )
            )
        out[str(v["name"])] = tuple(items)
    return out
