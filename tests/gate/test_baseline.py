from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from imgopt.errors import ConfigError
from imgopt.gate.baseline import (
    SCHEMA_VERSION,
    load_baseline,
    record_from_dict,
    record_to_dict,
    write_baseline,
)
from imgopt.gate.record import BuildRecord, WasteRecord

from .fakes import image, layer


def _record() -> Any:
    return image(
        [
            layer(0, "COPY / /", 75_000_000, compressed=29_000_000, base=True),
            layer(1, "WORKDIR /app", 0, compressed=90, line=2),
            layer(2, "RUN make", 2_000_000, compressed=2_000_500, line=3),
        ],
        waste=WasteRecord(0.99, 1234, 0.001, 1000, 900),
        build=BuildRecord("buildkit", "v0.13", "26.1.5", 12.5, False, 1, 3),
    )


def test_round_trip(tmp_path: Path) -> None:
    record = _record()
    path = write_baseline(record, tmp_path / "sub" / "baseline.json")
    data = json.loads(path.read_text())
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["image"]["size_bytes"] == 77_000_000
    assert data["layers"][2]["instruction"] == "RUN make"
    assert data["machine"]["node"] == "ci-1"
    assert data["build"]["builder"] == "buildkit"
    assert load_baseline(path) == record


def test_the_file_is_small(tmp_path: Path) -> None:
    path = write_baseline(_record(), tmp_path / "b.json")
    assert path.stat().st_size < 4000


def _broken(mutate: Any) -> dict[str, Any]:
    data = record_to_dict(_record())
    mutate(data)
    return data


@pytest.mark.parametrize(
    ("mutate", "key", "says"),
    [
        (lambda d: d["layers"][2].__setitem__("size_bytes", "big"), "layers[2].size_bytes",
         "expected an integer"),
        (lambda d: d["layers"][1].pop("created_by"), "layers[1].created_by", "missing"),
        (lambda d: d["image"].pop("size_bytes"), "image.size_bytes", "missing"),
        (lambda d: d.__setitem__("layers", {}), "layers", "expected a list"),
        (lambda d: d["layers"].__setitem__(0, 7), "layers[0]", "expected an object"),
        (lambda d: d["build"].__setitem__("seconds", "slow"), "build.seconds", "number"),
        (lambda d: d["layers"][0].__setitem__("base", "yes"), "layers[0].base", "true or false"),
        (lambda d: d.__setitem__("schema_version", 99), "schema_version", "newer"),
        (lambda d: d.__setitem__("schema", "other"), "schema", "not an imgopt baseline"),
        (lambda d: d["image"].__setitem__("size_bytes", -1), "image.size_bytes", "non-negative"),
    ],
)  # fmt: skip
def test_malformed_baseline_names_file_and_key(mutate: Any, key: str, says: str) -> None:
    with pytest.raises(ConfigError) as info:
        record_from_dict(_broken(mutate), "ci/baseline.json")
    assert info.value.message.startswith(f"ci/baseline.json: {key}: ")
    assert says in info.value.message


def test_not_json_names_file_and_position(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text('{"schema": "imgopt-baseline",\n  "layers": [}\n')
    with pytest.raises(ConfigError) as info:
        load_baseline(path)
    assert str(path) in info.value.message and "line 2" in info.value.message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read the baseline"):
        load_baseline(tmp_path / "none.json")
