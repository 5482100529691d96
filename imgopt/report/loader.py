"""Read a bench run folder (``results.csv`` + ``run.json``, see :mod:`imgopt.bench.results`) into
:class:`~imgopt.report.data.RunData`.

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

import json
import math
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

if TYPE_CHECKING:
    import pandas as pd

#: Copies of the variants' Dockerfiles inside a run folder: ``dockerfiles/<variant>/Dockerfile``.
DOCKERFILES_DIR = "dockerfiles"
#: A copy of ``imgopt propose``'s summary (the variants' changes) inside a run folder.
CHANGES_FILE = "summary.json"

#: Columns a report reads; one missing from an older run's table leaves its figures blank.
_NEEDED = {
    "row": "the row kinds",
    "variant": "variant names",
    "kind": "cold/warm build kinds",
    "seconds": "build times",
    "size_bytes": "image sizes",
    "compressed_bytes": "compressed sizes",
    "layers": "layer counts",
    "own_size_bytes": "base-image versus own bytes",
    "layer_index": "layer order",
    "instruction": "layer instructions",
    "base": "which layers are the base image's",
    "efficiency": "efficiency",
    "wasted_bytes": "wasted bytes",
    "recoverable_bytes": "recoverable bytes",
    "verified": "verification results",
    "verify_reason": "verification reasons",
    "error": "errors",
    "dockerfile": "Dockerfile paths",
}


def load(path: str | Path) -> RunData:
    """Read the run folder at ``path``.

    Raises:
        InputError: the folder does not exist, holds no run, or its table cannot be read.
    """
    from imgopt.bench.results import METADATA, RESULTS

    folder = Path(path)
    if not folder.exists():
        raise InputError(f"{folder}: no such run folder")
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder", hint="give the run folder `imgopt bench` wrote")
    results, meta_path = folder / RESULTS, folder / METADATA
    if not results.is_file() and not meta_path.is_file():
        raise InputError(
            f"{folder} holds no imgopt run (no {RESULTS} or {METADATA})",
            hint="give the run folder `imgopt bench` wrote (see `imgopt bench --out`)",
        )
    notes: list[str] = []
    meta = _read_meta(meta_path, notes)
    frame = _read_table(results, notes)
    return _assemble(folder, meta, frame, notes)


def _read_meta(path: Path, notes: list[str]) -> dict[str, Any]:
    if not path.is_file():
        notes.append(f"{path.name} is missing: the environment and the run's options are unknown.")
        return {}
    try:
        value = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        notes.append(f"{path.name} could not be read ({err}); the environment is unknown.")
        return {}
    if not isinstance(value, dict):
        notes.append(f"{path.name} does not hold an object; the environment is unknown.")
        return {}
    return value


def _read_table(path: Path, notes: list[str]) -> pd.DataFrame | None:
    from imgopt.bench.results import load_run

    if not path.is_file():
        notes.append(f"{path.name} is missing: nothing was measured yet.")
        return None
    try:
        text = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror})") from None
    torn = bool(text) and not text.endswith(b"\n")
    try:
        frame = load_run(path)
    except Exception as err:  # pandas raises many kinds; all mean "not a readable table"
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise InputError(f"{path}: not a readable results table ({first})") from None
    if torn and len(frame):
        # The run was killed mid-write: the last line is incomplete and its numbers untrustworthy.
        frame = frame.iloc[:-1]
        notes.append(
            f"The last row of {path.name} was cut short (the run was killed mid-write); "
            "it was left out."
        )
    missing = [c for c in _NEEDED if c not in frame.columns]
    if missing:
        notes.append(
            "This run was written by an older imgopt: its table has no "
            + ", ".join(_NEEDED[c] for c in missing)
            + "; those figures are left blank."
        )
        for column in missing:
            frame[column] = None
    return frame


# --- assembling -------------------------------------------------------------------------------


def _none(value: Any) -> Any:
    """pandas' NA/NaN as None."""
    if value is None:
        return None
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def _int(value: Any) -> int | None:
    value = _none(value)
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _float(value: Any) -> float | None:
    value = _none(value)
    try:
        out = float(value) if value is not None else None
    except (TypeError, ValueError):
        return None
    return out if out is not None and math.isfinite(out) else None


def _str(value: Any) -> str | None:
    value = _none(value)
    text = str(value).strip() if value is not None else ""
    return text or None


def _bool(value: Any) -> bool | None:
    value = _none(value)
    if value is None:
        return None
    if isinstance(value, str):
        return {"true": True, "false": False}.get(value.strip().lower())
    return bool(value)


def _assemble(
    folder: Path, meta: dict[str, Any], frame: pd.DataFrame | None, notes: list[str]
) -> RunData:
    meta_variants = [v for v in meta.get("variants") or [] if isinstance(v, dict) and v.get("name")]
    names: list[str] = [str(v["name"]) for v in meta_variants]
    rows: list[dict[str, Any]] = (
        [{str(k): v for k, v in r.items()} for r in frame.to_dict("records")]
        if frame is not None
        else []
    )
    for r in rows:
        name = _str(r.get("variant"))
        if name and name not in names:
            names.append(name)
    original = next((str(v["name"]) for v in meta_variants if v.get("original")), None)
    if original and names and names[0] != original:
        names.remove(original)
        names.insert(0, original)

    options = _obj(meta, "options")
    repeat = _int(options.get("repeat"))
    warm_wanted = options.get("warm", True) is not False
    paths = {str(v["name"]): _str(v.get("dockerfile")) for v in meta_variants}
    changes = _changes(folder, paths, notes)

    # An older run records no variant rows at all: one note for the table says so, not one each.
    has_variant_rows = any(r.get("row") == "variant" for r in rows)
    variants: list[VariantResult] = []
    layers: list[Layer] = []
    for name in names:
        mine = [r for r in rows if _str(r.get("variant")) == name]
        builds = [r for r in mine if r.get("row") == "build"]
        vrow = next((r for r in mine if r.get("row") == "variant"), None)
        cold = [
            s
            for r in builds
            if r.get("kind") == "cold" and (s := _float(r.get("seconds"))) is not None
        ]
        warm = [
            s
            for r in builds
            if r.get("kind") == "warm" and (s := _float(r.get("seconds"))) is not None
        ]
        cold_errors = [e for r in builds if r.get("kind") == "cold" and (e := _str(r.get("error")))]
        # An older run has no variant row: the first finished cold build carries the sizes.
        source = vrow or next(
            (r for r in builds if r.get("kind") == "cold" and _int(r.get("size_bytes"))), None
        )
        size = _int(source.get("size_bytes")) if source else None
        own = _int(source.get("own_size_bytes")) if source else None
        verified = _bool(vrow.get("verified")) if vrow else None
        error = (_str(vrow.get("error")) if vrow else None) or (
            cold_errors[0] if cold_errors else None
        )
        if verified is False and error is None:
            error = (
                _str(vrow.get("verify_reason")) if vrow else None
            ) or "did not pass the smoke checks"
        dockerfile = paths.get(name) or next(
            (p for r in mine if (p := _str(r.get("dockerfile")))), None
        )
        variant_layers = [
            Layer(
                variant=name,
                index=_int(r.get("layer_index")) or i,
                instruction=_str(r.get("instruction")) or _str(r.get("created_by")) or "?",
                size_bytes=_int(r.get("size_bytes")) or 0,
                compressed_bytes=_int(r.get("compressed_bytes")),
                base=bool(_bool(r.get("base"))),
            )
            for i, r in enumerate(x for x in mine if x.get("row") == "layer")
        ]
        layers.extend(variant_layers)
        if own is None and variant_layers and size is not None:
            own = sum(la.size_bytes for la in variant_layers if not la.base)
        variants.append(
            VariantResult(
                name=name,
                dockerfile_path=dockerfile,
                dockerfile_text=_dockerfile_text(folder, name, dockerfile),
                size_bytes=size,
                compressed_bytes=_int(source.get("compressed_bytes")) if source else None,
                base_bytes=(size - own) if size is not None and own is not None else None,
                layer_count=_int(source.get("layers")) if source else (len(variant_layers) or None),
                cold=Spread.of(cold),
                warm=Spread.of(warm),
                efficiency=_float(vrow.get("efficiency")) if vrow else None,
                wasted_bytes=_int(vrow.get("wasted_bytes")) if vrow else None,
                recoverable_bytes=_int(vrow.get("recoverable_bytes")) if vrow else None,
                verified=verified,
                error=error,
                changes=changes.get(name, ()),
            )
        )
        _variant_notes(
            name,
            mine,
            builds,
            vrow,
            error,
            cold,
            warm,
            repeat,
            warm_wanted,
            notes,
            has_variant_rows,
        )

    notes[:0] = _status_notes(folder, meta)
    if not variants:
        notes.append("The run holds no variants yet.")
    return RunData(
        path=str(folder),
        app=_app_name(folder, meta),
        variants=tuple(variants),
        layers=tuple(layers),
        env=_environment(meta, repeat),
        notes=tuple(notes),
    )


def _variant_notes(
    name: str,
    mine: list[dict[str, Any]],
    builds: list[dict[str, Any]],
    vrow: Mapping[str, Any] | None,
    error: str | None,
    cold: list[float],
    warm: list[float],
    repeat: int | None,
    warm_wanted: bool,
    notes: list[str],
    has_variant_rows: bool,
) -> None:
    if not mine:
        notes.append(f"`{name}` was not measured: the run stopped before reaching it.")
        return
    if error is not None:
        return  # a broken variant is explained in the table; its missing builds are expected
    if repeat:
        if len(cold) < repeat:
            notes.append(f"`{name}`: {len(cold)} of {repeat} cold builds finished.")
        warm_skipped = [r for r in builds if r.get("kind") == "warm" and _str(r.get("error"))]
        if warm_skipped and not warm:
            notes.append(f"`{name}`: no warm rebuild ({_str(warm_skipped[0].get('error'))}).")
        elif warm_wanted and len(warm) < repeat:
            notes.append(f"`{name}`: {len(warm)} of {repeat} warm rebuilds finished.")
    if vrow is None and cold and has_variant_rows:
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
            "(`imgopt bench --resume` completes it)."
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
            "report shows what finished (`imgopt bench --resume` completes it)."
        ]
    return [f"The run's status is {status!r}: this report shows what the folder holds."]


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


def _environment(meta: dict[str, Any], repeat: int | None) -> Environment:
    machine = _obj(meta, "machine")
    parts = [
        " ".join(str(machine[k]) for k in ("system", "release", "machine") if machine.get(k)),
        _str(machine.get("cpu")),
        f"{machine['cpu_count']} CPUs" if machine.get("cpu_count") else None,
        f"{int(machine['memory_bytes']) / 1e9:.1f} GB memory"
        if _int(machine.get("memory_bytes"))
        else None,
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
        for b in meta.get("base_images") or []
        if isinstance(b, dict) and b.get("ref")
    )
    builder_text = " ".join(
        x for x in (_str(builder.get("name")), _str(builder.get("version"))) if x
    )
    return Environment(
        machine=", ".join(p for p in parts if p) or None,
        engine=f"Docker Engine {engine['version']}" if _str(engine.get("version")) else None,
        builder=builder_text or None,
        imgopt_version=_str(meta.get("imgopt_version")),
        app_commit=commit,
        date=_str(meta.get("started_at")),
        base_images=bases,
        repeat=repeat,
    )


def _dockerfile_text(folder: Path, name: str, recorded: str | None) -> str | None:
    candidates = [folder / DOCKERFILES_DIR / name / "Dockerfile"]
    if recorded:
        p = Path(recorded)
        candidates += [p] if p.is_absolute() else [folder / p, p]
    for c in candidates:
        try:
            if c.is_file():
                return c.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
    return None


def _changes(
    folder: Path, paths: Mapping[str, str | None], notes: list[str]
) -> dict[str, tuple[ChangeInfo, ...]]:
    """Each variant's changes, from ``imgopt propose``'s summary.json: in the run folder (or its
    ``dockerfiles/``, where ``imgopt propose -o RUN/dockerfiles`` puts it) first, else the one
    beside the variant Dockerfiles the run recorded."""
    candidates = [folder / CHANGES_FILE, folder / DOCKERFILES_DIR / CHANGES_FILE]
    for p in paths.values():
        if p:
            # propose writes <out>/<variant>/Dockerfile and <out>/summary.json
            candidates.append(Path(p).parent.parent / CHANGES_FILE)
    for c in candidates:
        if not c.is_file():
            continue
        try:
            data = json.loads(c.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            notes.append(f"{c} could not be read ({err}); the variants' changes are not shown.")
            return {}
        return _parse_changes(data)
    return {}


def _parse_changes(data: Any) -> dict[str, tuple[ChangeInfo, ...]]:
    out: dict[str, tuple[ChangeInfo, ...]] = {}
    if not isinstance(data, dict):
        return out
    for v in data.get("variants") or []:
        if not isinstance(v, dict) or not v.get("name"):
            continue
        items = []
        for c in v.get("changes") or []:
            if not isinstance(c, dict):
                continue
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
