"""Baseline files: a small JSON record of an image, meant to be committed next to the Dockerfile.

Layout (``schema_version`` 1)::

    {
      "schema": "imgopt-baseline",
      "schema_version": 1,
      "created": "2024-05-01T12:00:00Z",
      "imgopt_version": "0.1.0",
      "image": {"ref": "...", "id": "sha256:...", "size_bytes": 80123456,
                "compressed_bytes": 30123456, "compressed_method": "gzip-zlib-ng-6-...",
                "base_image": "debian:bookworm-slim", "base_layers": 1,
                "dockerfile": "Dockerfile"},
      "layers": [{"index": 0, "diff_id": "sha256:...", "instruction": "FROM ...",
                  "created_by": "...", "line": null, "base": true,
                  "size_bytes": 74800000, "compressed_bytes": 28700000}, ...],
      "waste": {"efficiency": 0.99, "wasted_bytes": ..., "user_wasted_ratio": ...,
                "recoverable_bytes": ..., "recoverable_own_bytes": ...} | null,
      "build": {"builder": "buildkit", "builder_version": "...", "engine_version": "...",
                "seconds": 12.3, "no_cache": false, "cached_steps": 2, "run_steps": 4} | null,
      "machine": {"node": ..., "cpu": ..., "cpu_count": ..., "machine_id": ..., ...},
      "commit": {"commit": "...", "dirty": false} | null
    }

Reading is strict: a missing or mistyped key is a :class:`~imgopt.errors.ConfigError` naming the
file and the key (``baseline.json: layers[2].size_bytes: expected an integer``), so a damaged
baseline can never make a gate pass by accident. Keys a later minor version adds are ignored;
a newer ``schema_version`` is refused.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from imgopt.errors import ConfigError, InputError
from imgopt.gate.record import BuildRecord, ImageRecord, LayerRecord, WasteRecord
from imgopt.userfiles import check_target, read_text, redact_values, write_text

SCHEMA = "imgopt-baseline"
SCHEMA_VERSION = 1

T = TypeVar("T")


def record_to_dict(record: ImageRecord) -> dict[str, Any]:
    """The baseline document for ``record`` (JSON-ready)."""
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "created": record.created,
        "imgopt_version": record.imgopt_version,
        "image": {
            "ref": record.ref,
            "id": record.image_id,
            "size_bytes": record.size_bytes,
            "compressed_bytes": record.compressed_bytes,
            "compressed_method": record.compressed_method,
            "base_image": record.base_image,
            "base_layers": record.base_layers,
            "dockerfile": record.dockerfile,
        },
        "layers": [
            {
                "index": layer.index,
                "diff_id": layer.diff_id,
                "instruction": layer.instruction,
                "created_by": layer.created_by,
                "line": layer.line,
                "base": layer.base,
                "size_bytes": layer.size_bytes,
                "compressed_bytes": layer.compressed_bytes,
            }
            for layer in record.layers
        ],
        "waste": None
        if record.waste is None
        else {
            "efficiency": record.waste.efficiency,
            "wasted_bytes": record.waste.wasted_bytes,
            "user_wasted_ratio": record.waste.user_wasted_ratio,
            "recoverable_bytes": record.waste.recoverable_bytes,
            "recoverable_own_bytes": record.waste.recoverable_own_bytes,
        },
        "build": None
        if record.build is None
        else {
            "builder": record.build.builder,
            "builder_version": record.build.builder_version,
            "engine_version": record.build.engine_version,
            "seconds": record.build.seconds,
            "no_cache": record.build.no_cache,
            "cached_steps": record.build.cached_steps,
            "run_steps": record.build.run_steps,
        },
        "machine": dict(record.machine),
        "commit": None if record.commit is None else dict(record.commit),
    }


def redact_record(record: ImageRecord, secrets: Iterable[str]) -> ImageRecord:
    """``record`` with ``secrets`` (build-arg values) replaced in every layer's instruction and
    history: BuildKit records ``RUN |1 TOKEN=value ...`` for a RUN that sees a build arg."""
    from dataclasses import replace

    values = tuple(secrets)
    if not values:
        return record
    layers = tuple(
        replace(
            layer,
            instruction=redact_values(layer.instruction, values),
            created_by=redact_values(layer.created_by, values),
        )
        for layer in record.layers
    )
    return replace(record, layers=layers)


def check_output(path: Path) -> None:
    """Refuse, before anything is measured, a baseline path that cannot be written: a folder,
    a symlink, a device.

    Raises:
        InputError: naming the path.
    """
    check_target(path)


def write_baseline(record: ImageRecord, path: str | Path, *, secrets: Iterable[str] = ()) -> Path:
    """Write ``record`` as a baseline file (atomically, in the file's own folder, never through
    a symlink; parent folders are created). ``secrets`` (build-arg values) are redacted from
    it: a layer's history repeats them.

    Raises:
        InputError: when the file cannot be written (a folder, a symlink, no permission).
    """
    target = Path(path)
    text = redact_values(json.dumps(record_to_dict(record), indent=2) + "\n", secrets)
    check_target(target)  # before a folder is made: -o /tmp is refused, nothing left behind
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot write the baseline {target}: {exc.strerror or exc}") from None
    write_text(target, text)
    return target


#: A baseline is a few KB per layer; anything near this is not one.
MAX_BASELINE_BYTES = 16 << 20


def load_baseline(path: str | Path) -> ImageRecord:
    """Read a baseline file.

    Raises:
        ConfigError: the file is missing, not a regular file, too large, not UTF-8, not JSON,
            nested too deeply, or a key is missing or has the wrong type or an impossible value
            (negative, infinite, not a number); the message names the file and the key.
    """
    file = Path(path)
    hint = "write one with `imgopt baseline save IMAGE|PATH -o FILE`"
    try:
        text = read_text(file, limit=MAX_BASELINE_BYTES, what="baseline")
    except InputError as exc:
        raise ConfigError(exc.message, hint=exc.hint or hint) from None
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise ConfigError(
            f"{file}: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    except (ValueError, RecursionError) as exc:
        why = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise ConfigError(f"{file}: not a baseline: {why}", hint=hint) from None
    return record_from_dict(data, str(file))


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a baseline can hold")


def origin_warning(baseline: ImageRecord, current: ImageRecord) -> str | None:
    """A warning when ``baseline`` was recorded from another image than ``current`` (another
    repository name or build context, or another Dockerfile), else None. Tags and ids may
    differ: a baseline is recorded from an earlier build of the same image."""
    was, now = _identity(baseline.ref), _identity(current.ref)
    if was is not None and now is not None and was != now:
        return (
            f"the baseline was recorded from {baseline.ref!r}, not {current.ref!r}: "
            "its figures may describe another image"
        )
    was_file, now_file = baseline.dockerfile, current.dockerfile
    if was_file and now_file and Path(was_file).name != Path(now_file).name:
        return f"the baseline was recorded from the Dockerfile {was_file!r}, not {now_file!r}"
    return None


def _identity(ref: str) -> str | None:
    """An image reference without tag or digest, or a build context's folder name; None for
    an image id (which says nothing about what the image is)."""
    ref = ref.strip()
    if not ref or ref.startswith("sha256:"):
        return None
    if ref.startswith((".", "/")) or (os.sep in ref and ":" not in ref):
        return "context:" + Path(ref).resolve().name
    ref = ref.split("@", 1)[0]
    head, _, tail = ref.rpartition("/")
    name = tail.split(":", 1)[0]
    return f"{head}/{name}" if head else name


class _Reader:
    """Typed access to a JSON document that names the file and key path in every error."""

    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, key: str, why: str) -> ConfigError:
        return ConfigError(
            f"{self.name}: {key}: {why}",
            hint="regenerate it with `imgopt baseline save IMAGE|PATH -o FILE`",
        )

    def obj(self, data: Any, key: str) -> Mapping[str, Any]:
        if not isinstance(data, Mapping):
            raise self.fail(key or "(top level)", "expected an object")
        return data

    def get(self, data: Mapping[str, Any], key: str, path: str, check: Callable[[Any], T]) -> T:
        where = f"{path}.{key}" if path else key
        if key not in data:
            raise self.fail(where, "missing")
        try:
            return check(data[key])
        except (TypeError, ValueError) as exc:
            raise self.fail(where, str(exc)) from exc

    def opt(
        self, data: Mapping[str, Any], key: str, path: str, check: Callable[[Any], T]
    ) -> T | None:
        if data.get(key) is None:
            return None
        return self.get(data, key, path, check)


#: Larger than any image or layer can be (8 EiB); a larger figure is damage, not data.
_MAX_INT = 1 << 63


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an integer, got {_show(value)}")
    if value < 0:
        raise ValueError(f"expected a non-negative integer, got {_show(value)}")
    if value >= _MAX_INT:
        raise ValueError(f"expected an integer below 2**63, got {_show(value)}")
    return value


def _float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number, got {_show(value)}")
    if isinstance(value, int) and value >= _MAX_INT:
        raise ValueError(f"expected a number below 2**63, got {_show(value)}")
    number = float(value)
    if not math.isfinite(number) or number < 0 or number >= _MAX_INT:
        raise ValueError(f"expected a finite non-negative number, got {_show(value)}")
    return number


def _show(value: Any) -> str:
    """A short rendering of a JSON value for an error line."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= _MAX_INT:
        return "a number with more than 18 digits"
    try:
        text = json.dumps(value)
    except (ValueError, RecursionError):
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {_show(value)}")
    return value


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {_show(value)}")
    return value


def _mapping(value: Any) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise TypeError(f"expected an object, got {_show(value)}")
    return value


def record_from_dict(data: Any, name: str = "<baseline>") -> ImageRecord:
    """Build an :class:`ImageRecord` from a baseline document.

    Raises:
        ConfigError: naming ``name`` and the offending key.
    """
    r = _Reader(name)
    doc = r.obj(data, "")
    schema = r.get(doc, "schema", "", _str)
    if schema != SCHEMA:
        raise r.fail("schema", f"expected {SCHEMA!r}, got {schema!r}: not an imgopt baseline")
    version = r.get(doc, "schema_version", "", _int)
    if version > SCHEMA_VERSION:
        raise r.fail(
            "schema_version",
            f"{version} is newer than this imgopt reads ({SCHEMA_VERSION}); upgrade imgopt",
        )
    image = r.get(doc, "image", "", _mapping)
    raw_layers = r.get(doc, "layers", "", lambda v: v if isinstance(v, list) else _list_error(v))
    layers: list[LayerRecord] = []
    for i, raw in enumerate(raw_layers):
        path = f"layers[{i}]"
        item = r.obj(raw, path)
        layers.append(
            LayerRecord(
                index=r.get(item, "index", path, _int),
                diff_id=r.get(item, "diff_id", path, _str),
                instruction=r.get(item, "instruction", path, _str),
                created_by=r.get(item, "created_by", path, _str),
                line=r.opt(item, "line", path, _int),
                base=r.get(item, "base", path, _bool),
                size_bytes=r.get(item, "size_bytes", path, _int),
                compressed_bytes=r.opt(item, "compressed_bytes", path, _int),
            )
        )
    waste = None
    raw_waste = r.opt(doc, "waste", "", _mapping)
    if raw_waste is not None:
        waste = WasteRecord(
            efficiency=r.get(raw_waste, "efficiency", "waste", _float),
            wasted_bytes=r.get(raw_waste, "wasted_bytes", "waste", _int),
            user_wasted_ratio=r.get(raw_waste, "user_wasted_ratio", "waste", _float),
            recoverable_bytes=r.get(raw_waste, "recoverable_bytes", "waste", _int),
            recoverable_own_bytes=r.get(raw_waste, "recoverable_own_bytes", "waste", _int),
        )
    build = None
    raw_build = r.opt(doc, "build", "", _mapping)
    if raw_build is not None:
        build = BuildRecord(
            builder=r.get(raw_build, "builder", "build", _str),
            builder_version=r.get(raw_build, "builder_version", "build", _str),
            engine_version=r.get(raw_build, "engine_version", "build", _str),
            seconds=r.get(raw_build, "seconds", "build", _float),
            no_cache=r.get(raw_build, "no_cache", "build", _bool),
            cached_steps=r.opt(raw_build, "cached_steps", "build", _int) or 0,
            run_steps=r.opt(raw_build, "run_steps", "build", _int) or 0,
        )
    size = r.get(image, "size_bytes", "image", _int)
    return ImageRecord(
        ref=r.get(image, "ref", "image", _str),
        image_id=r.get(image, "id", "image", _str),
        size_bytes=size,
        compressed_bytes=r.opt(image, "compressed_bytes", "image", _int),
        compressed_method=r.opt(image, "compressed_method", "image", _str),
        layers=tuple(layers),
        base_image=r.opt(image, "base_image", "image", _str),
        base_layers=r.opt(image, "base_layers", "image", _int) or 0,
        dockerfile=r.opt(image, "dockerfile", "image", _str),
        waste=waste,
        build=build,
        machine=r.opt(doc, "machine", "", _mapping) or {},
        commit=r.opt(doc, "commit", "", _mapping),
        created=r.opt(doc, "created", "", _str) or "",
        imgopt_version=r.opt(doc, "imgopt_version", "", _str) or "",
    )


def _list_error(value: Any) -> list[Any]:
    raise TypeError(f"expected a list, got {_show(value)}")
