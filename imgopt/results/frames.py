"""A run folder, read once into tidy pandas frames, and every per-variant figure computed from them.

:func:`read_run` reads ``results.csv`` and ``run.json`` (written by :mod:`imgopt.bench.results`)
into a :class:`RunFrames`: one frame per row kind,

- ``builds``: one row per build (variant, ``kind`` cold or warm, repetition, seconds, error);
- ``layers``: one row per layer of a variant's measured image (index, instruction, base or own,
  sizes);
- ``checks``: one row per measured variant (sizes, waste, verification result and reason).

:func:`summarize` turns those into one row per variant: the medians and ranges of the build
times, the sizes, waste figures, verification, and why a variant may not be recommended. That
frame is the only place these figures are computed; ``imgopt bench``'s summary, the report,
``imgopt analyze`` and the recommendation (:mod:`imgopt.results.recommend`) all read it.

A run that was interrupted, killed mid-write or written by an older imgopt still reads: what it
lacks is blank, and :attr:`RunFrames.notes` says why.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from imgopt.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

#: Columns the summary reads, and what a run without them lacks.
NEEDED = {
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

#: The columns of :func:`summarize`'s frame, one row per variant, in run order.
SUMMARY_COLUMNS = (
    "name",
    "original",
    "dockerfile",
    "image_id",
    "size_bytes",
    "compressed_bytes",
    "layers",
    "own_size_bytes",
    "own_compressed_bytes",
    "base_image",
    "cold_s",
    "cold_min_s",
    "cold_max_s",
    "cold_n",
    "warm_s",
    "warm_min_s",
    "warm_max_s",
    "warm_n",
    "builds",
    "efficiency",
    "wasted_bytes",
    "recoverable_bytes",
    "recoverable_own_bytes",
    "verified",
    "verify_reason",
    "error",
    "excluded",
    "proof",
    "closure_files",
    "closure_bytes",
    "closure_bytes_here",
    "cold_estimated",
    "cold_estimate_s",
)


#: What the summary takes from a variant's measured-image row as it is.
_CHECK_COLUMNS = SUMMARY_COLUMNS[
    SUMMARY_COLUMNS.index("own_size_bytes") : SUMMARY_COLUMNS.index("error")
]
#: What the summary takes from ``verification`` in run.json (the verifier's proof): the words
#: saying what was checked, the original's runtime file closure (files, bytes) and the bytes of
#: it that this variant's image holds (the app's floor in that image).
PROOF_COLUMNS = ("proof", "closure_files", "closure_bytes", "closure_bytes_here")
_CHECK_COLUMNS = tuple(c for c in _CHECK_COLUMNS if not c.startswith(("cold", "warm", "builds")))


@dataclass(frozen=True)
class RunFrames:
    """One run folder as tidy frames (see the module docs).

    Attributes:
        path: the run folder.
        meta: ``run.json`` (empty when missing or unreadable).
        builds: the build rows.
        layers: the layer rows.
        checks: the variant rows (sizes, waste, verification).
        variants: the variants' names in run order, the original first.
        original: the original's name (None for an empty run).
        notes: what could not be read, for the reader to see.
    """

    path: Path
    meta: dict[str, Any]
    builds: pd.DataFrame
    layers: pd.DataFrame
    checks: pd.DataFrame
    variants: tuple[str, ...]
    original: str | None
    notes: tuple[str, ...] = ()

    @property
    def status(self) -> str | None:
        """The run's status (``complete``, ``interrupted``, ``failed``, ``running``), if known."""
        status = self.meta.get("status")
        return str(status) if status else None

    @property
    def repeat(self) -> int | None:
        """Repetitions asked for per build kind, if recorded."""
        options = self.meta.get("options")
        value = options.get("repeat") if isinstance(options, dict) else None
        return int(value) if isinstance(value, int) else None

    def proof(self, name: str) -> dict[str, Any]:
        """What verification checked for variant ``name`` (``verification`` in run.json, written
        by the bench from :class:`imgopt.verify.Proof`): ``proof`` (its words),
        ``closure_files`` and ``closure_bytes`` (the original's runtime file closure) and
        ``closure_bytes_here`` (how much of it this variant's image holds), each None when not
        recorded or malformed."""
        table = self.meta.get("verification")
        entry = table.get(name) if isinstance(table, dict) else None
        entry = entry if isinstance(entry, dict) else {}
        words = entry.get("summary")
        here = _count(entry.get("image_bytes"))
        if here is None and name == self.original:  # recorded before image_bytes existed
            here = _count(entry.get("closure_bytes"))
        return {
            "proof": " ".join(words.split()) if isinstance(words, str) and words.strip() else None,
            "closure_files": _count(entry.get("closure_files")),
            "closure_bytes": _count(entry.get("closure_bytes")),
            "closure_bytes_here": here,
        }

    def meta_variants(self) -> list[dict[str, Any]]:
        """The variants ``run.json`` lists (name, dockerfile, original)."""
        return [v for v in entries(self.meta, "variants") if v.get("name")]


def _count(value: Any) -> int | None:
    """A recorded count or size: a non-negative int, else None (run.json may come from
    anywhere)."""
    ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
    return value if ok else None


def read_run(path: str | Path) -> RunFrames:
    """Read the run folder at ``path`` into frames.

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
    table = _read_table(results, notes)
    return from_table(folder, meta, table, notes)


def entries(mapping: Any, key: str) -> list[dict[str, Any]]:
    """The objects of ``mapping[key]`` when it is a list (anything else in an older or damaged
    ``run.json`` counts as none): a run folder may come from anywhere."""
    value = mapping.get(key) if isinstance(mapping, dict) else None
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def from_table(
    folder: Path, meta: dict[str, Any], table: pd.DataFrame, notes: list[str] | None = None
) -> RunFrames:
    """Split one results table (every row kind) into :class:`RunFrames`."""
    notes = notes if notes is not None else []
    builds = table[table["row"] == "build"].reset_index(drop=True)
    layers = table[table["row"] == "layer"].reset_index(drop=True)
    checks = table[table["row"] == "variant"].drop_duplicates("variant", keep="first")
    listed = [str(v["name"]) for v in entries(meta, "variants") if v.get("name")]
    names = list(dict.fromkeys([*listed, *(str(n) for n in table["variant"].dropna())]))
    original = next(
        (str(v["name"]) for v in entries(meta, "variants") if v.get("name") and v.get("original")),
        None,
    )
    if original is None and names:
        original = "original" if "original" in names else names[0]
    if original in names and names[0] != original:
        names.remove(original)
        names.insert(0, original)
    return RunFrames(
        path=folder,
        meta=meta,
        builds=builds,
        layers=layers,
        checks=checks.set_index("variant", drop=False),
        variants=tuple(names),
        original=original,
        notes=tuple(notes),
    )


def _read_meta(path: Path, notes: list[str]) -> dict[str, Any]:
    if not path.is_file():
        notes.append(f"{path.name} is missing: the environment and the run's options are unknown.")
        return {}
    from imgopt.errors import InputError
    from imgopt.userfiles import read_text

    try:  # a run folder may come from anywhere: regular file, size-limited, any nesting
        value = json.loads(read_text(path, limit=16 << 20, what="run metadata"))
    except (InputError, ValueError, RecursionError) as err:
        why = "nested too deeply" if isinstance(err, RecursionError) else str(err)
        notes.append(f"{path.name} could not be read ({why}); the environment is unknown.")
        return {}
    if not isinstance(value, dict):
        notes.append(f"{path.name} does not hold an object; the environment is unknown.")
        return {}
    return value


def _read_table(path: Path, notes: list[str]) -> pd.DataFrame:
    import pandas as pd

    from imgopt.bench.results import COLUMNS, load_run

    if not path.is_file():
        notes.append(f"{path.name} is missing: nothing was measured yet.")
        return pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})
    from imgopt.userfiles import read_bytes

    text = read_bytes(path, limit=256 << 20, what="results table")  # regular, size-limited
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
    missing = [c for c in NEEDED if c not in frame.columns]
    if missing:
        notes.append(
            "This run was written by an older imgopt: its table has no "
            + ", ".join(NEEDED[c] for c in missing)
            + "; those figures are left blank."
        )
    for column in COLUMNS:
        if column not in frame.columns:
            frame[column] = None
    return frame


# --- the summary --------------------------------------------------------------------------------


def summarize(run: RunFrames) -> pd.DataFrame:
    """One row per variant of ``run`` (columns :data:`SUMMARY_COLUMNS`), in run order.

    Build times are the median, min and max over the finished builds of each kind. Sizes come
    from the variant's measured image (an older run without variant rows: its first finished
    cold build). A variant's ``error`` is its recorded error or its first failed cold build's;
    ``excluded`` says why it may not be recommended (None when it may:
    :func:`imgopt.results.recommend.why_excluded`); ``proof``, ``closure_files`` and
    ``closure_bytes`` what its verification checked (:meth:`RunFrames.proof`).
    """
    import pandas as pd

    from imgopt.results.recommend import why_excluded

    names = list(run.variants)
    frame = pd.DataFrame(index=pd.Index(names, name="variant"))
    frame["name"] = names
    frame["original"] = [n == run.original for n in names]
    estimated = run.builds["estimated"].astype("boolean").fillna(False).astype(bool)
    for kind in ("cold", "warm"):
        done = run.builds[(run.builds["kind"] == kind) & run.builds["seconds"].notna()]
        if kind == "cold":
            # A variant's real cold builds, when it has any, else its estimated one
            # (imgopt.bench.steps); the estimate stays beside it to show the agreement.
            guessed = done[estimated.reindex(done.index)]
            real = done[~estimated.reindex(done.index)]
            guesses = guessed.groupby("variant")["seconds"].median().reindex(names)
            frame["cold_estimate_s"] = guesses.astype("float64")
            frame["cold_estimated"] = [
                bool(n in set(guessed["variant"]) and n not in set(real["variant"])) for n in names
            ]
            done = done[~done["variant"].isin(set(real["variant"])) | done.index.isin(real.index)]
        times = done.groupby("variant")["seconds"].agg(["median", "min", "max", "count"])
        times = times.reindex(names)
        frame[f"{kind}_s"] = times["median"].astype("float64")
        frame[f"{kind}_min_s"] = times["min"].astype("float64")
        frame[f"{kind}_max_s"] = times["max"].astype("float64")
        frame[f"{kind}_n"] = times["count"].fillna(0).astype("int64")
    frame["builds"] = run.builds.groupby("variant").size().reindex(names).fillna(0).astype("int64")

    checks = run.checks.reindex(names)
    # An older run has no variant rows: the first finished cold build carries the sizes.
    sized = run.builds[(run.builds["kind"] == "cold") & run.builds["size_bytes"].notna()]
    first_cold = sized.drop_duplicates("variant").set_index("variant").reindex(names)
    has_check = frame.index.isin(run.checks.index)
    for column in ("image_id", "size_bytes", "compressed_bytes", "layers"):
        frame[column] = checks[column].where(has_check, first_cold[column])
    for column in _CHECK_COLUMNS:
        frame[column] = checks[column]
    own = run.layers[run.layers["base"].fillna(False).astype(bool).eq(False)]
    own_sum = own.groupby("variant")["size_bytes"].sum().reindex(names)
    fill_own = frame["own_size_bytes"].isna() & frame["size_bytes"].notna() & own_sum.notna()
    frame["own_size_bytes"] = frame["own_size_bytes"].where(~fill_own, own_sum)

    failed = run.builds[(run.builds["kind"] == "cold") & run.builds["error"].notna()]
    first_error = failed.drop_duplicates("variant").set_index("variant")["error"].reindex(names)
    frame["error"] = checks["error"].where(checks["error"].notna(), first_error)
    frame["dockerfile"] = [_dockerfile(run, n) for n in names]
    out = frame.astype("object").where(frame.notna(), None)
    out["excluded"] = [why_excluded(**_candidate_fields(r)) for r in records(out)]
    proofs = [run.proof(n) for n in names]
    for column in PROOF_COLUMNS:
        out[column] = pd.Series([p[column] for p in proofs], index=out.index, dtype="object")
    return out.reindex(columns=list(SUMMARY_COLUMNS))


def _candidate_fields(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "size_bytes": row["size_bytes"],
        "verified": row["verified"],
        "error": row["error"],
        "verify_reason": row["verify_reason"],
    }


def _dockerfile(run: RunFrames, name: str) -> str | None:
    for v in run.meta_variants():
        if v["name"] == name and v.get("dockerfile"):
            return str(v["dockerfile"])
    for frame in (run.checks, run.builds, run.layers):
        paths = frame.loc[frame["variant"] == name, "dockerfile"].dropna()
        if len(paths):
            return str(paths.iloc[0])
    return None


def records(summary: pd.DataFrame) -> list[dict[str, Any]]:
    """The summary's rows as plain dicts (ints as ``int``, floats as ``float``, NA as None)."""
    out = []
    for row in summary.to_dict("records"):
        out.append({str(k): _plain(v) for k, v in row.items()})
    return out


def _plain(value: Any) -> Any:
    """A pandas or numpy scalar as the Python value it stands for (NA as None)."""
    if value is None:
        return None
    item = getattr(value, "item", None)
    if callable(item) and not isinstance(value, str):
        value = item()
    if isinstance(value, float) and value != value:  # NaN
        return None
    return value
