"""Every result names the engine that produced it, and build times compare within one engine."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from imgopt.bench.results import COLUMNS, RunFolder, load_run
from imgopt.engine.client import engine_name
from imgopt.gate.machine import same_machine
from imgopt.report.loader import _engine_text
from imgopt.schedule.cost import timings_from_run

ENGINE2 = "tcp://127.0.0.1:2377"


def test_the_engine_name_is_the_engine_option_else_docker_host(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("IMGOPT_ENGINE_NAME", raising=False)
    monkeypatch.delenv("DOCKER_HOST", raising=False)
    assert engine_name() == "default"
    monkeypatch.setenv("DOCKER_HOST", "unix:///run/other.sock")
    assert engine_name() == "unix:///run/other.sock"
    monkeypatch.setenv("IMGOPT_ENGINE_NAME", "build-2")
    assert engine_name() == "build-2"


def test_every_row_names_its_engine_unless_it_names_its_own(tmp_path: Path) -> None:
    folder = RunFolder(tmp_path / "run")
    folder.engine = ENGINE2
    folder.create({"run_id": "r1"})
    folder.append([{"row": "build", "variant": "original", "kind": "cold", "seconds": 1.5}])
    folder.append([{"row": "build", "variant": "slim", "seconds": 2.0, "engine": "default"}])
    folder.release()
    assert [r["engine"] for r in folder.rows()] == [ENGINE2, "default"]
    assert list(load_run(tmp_path / "run")["engine"]) == [ENGINE2, "default"]


def test_resuming_a_run_of_an_older_imgopt_keeps_its_columns(tmp_path: Path) -> None:
    """A results.csv written before the engine column: resumed rows fit its header."""
    run = tmp_path / "run"
    run.mkdir()
    old = [c for c in COLUMNS if c != "engine"]
    (run / "results.csv").write_text(",".join(old) + "\n")
    (run / "run.json").write_text(json.dumps({"run_id": "old"}))
    folder = RunFolder(run)
    folder.engine = "default"
    folder.open_existing()
    folder.append([{"row": "build", "variant": "original", "seconds": 3.0}])
    folder.release()
    with (run / "results.csv").open() as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == old and len(rows[1]) == len(old)
    assert load_run(run)["seconds"].tolist() == [3.0]


def _run(folder: Path, meta: dict[str, Any], rows: list[dict[str, str]]) -> Path:
    folder.mkdir(parents=True)
    (folder / "run.json").write_text(json.dumps(meta))
    with (folder / "results.csv").open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return folder


def test_timings_are_per_engine_by_each_rows_engine(tmp_path: Path) -> None:
    meta = {"engine": {"name": "default"}, "phases": {}}
    rows = [
        {"row": "build", "variant": "original", "kind": "cold", "seconds": "10", "engine": ""},
        {"row": "build", "variant": "slim", "kind": "cold", "seconds": "30", "engine": ENGINE2},
    ]
    timings = timings_from_run(_run(tmp_path / "r", meta, rows), target="app")
    assert {(t.variant, t.engine, t.seconds) for t in timings} == {
        ("original", "default", 10.0),
        ("slim", ENGINE2, 30.0),
    }


def test_the_report_names_the_engines_only_when_not_the_environments() -> None:
    one: dict[str, Any] = {
        "engine": {"version": "26.1.5", "name": "default"},
        "variants": [{"name": "original"}],
    }
    assert _engine_text(one, one["engine"]) == "Docker Engine 26.1.5"  # as before issue 18
    other: dict[str, Any] = {"engine": {"version": "26.1.5", "name": ENGINE2}}
    assert _engine_text(other, other["engine"]) == f"Docker Engine 26.1.5 (engine {ENGINE2})"
    merged: dict[str, Any] = {
        "engine": {"version": "26.1.5", "name": "default"},
        "variants": [
            {"name": "original", "engine": "default"},
            {"name": "slim", "engine": ENGINE2},
            {"name": "hygiene", "engine": "default"},
        ],
    }
    assert _engine_text(merged, merged["engine"]) == (
        f"Docker Engine 26.1.5, 2 engines: default (original, hygiene); {ENGINE2} (slim)"
    )


def test_the_gate_compares_build_times_only_on_one_engine() -> None:
    host = {"node": "ci-1", "cpu": "x", "cpu_count": 2, "machine": "x86_64", "machine_id": "m"}
    assert same_machine({**host, "engine_id": "A"}, {**host, "engine_id": "A"}) == (True, "")
    same, why = same_machine({**host, "engine_id": "A"}, {**host, "engine_id": "B"})
    assert not same and "another Docker engine" in why
    # a baseline recorded before engine ids: the host decides, as before
    assert same_machine({**host, "engine_id": "A"}, host) == (True, "")


def test_a_report_of_a_run_from_two_engines_says_times_compare_within_one(tmp_path: Path) -> None:
    from imgopt.report import load_run_data

    meta = {
        "engine": {"version": "26.1.5", "name": "default"},
        "variants": [
            {"name": "original", "original": True, "engine": "default"},
            {"name": "slim", "engine": ENGINE2},  # resumed on engine 2
        ],
    }
    run = load_run_data(_run(tmp_path / "r", meta, []))
    assert any("built on 2 engines" in n for n in run.notes), run.notes
    assert run.env.engine is not None and "2 engines" in run.env.engine
    one = load_run_data(_run(tmp_path / "one", {**meta, "variants": meta["variants"][:1]}, []))
    assert not any("engines" in n for n in one.notes)
