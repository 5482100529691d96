"""The real-app regression gate (benchmarks/compare_real.py): what counts as worse."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "compare_real", REPO / "benchmarks" / "compare_real.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["compare_real"] = module
    spec.loader.exec_module(module)
    return module


cr = _load()

BASE: dict[str, Any] = {
    "app": "a",
    "outcome": "recommended",
    "variant": "slim-base",
    "change": -0.6,
    "probes": 3,
    "commands": 0,
    "closure_files": 100,
    "dependencies": "db",
    "recommended_cold_s": 100.0,
    "recommended_warm_s": 2.0,
    "wall_s": 600.0,
}


def diffs(**new: Any) -> dict[str, Any]:
    return {d.what: d for d in cr.compare_app("a", BASE, {**BASE, **new}, 0.3)}


def test_the_same_result_has_no_difference() -> None:
    assert diffs() == {}


def test_losing_the_recommendation_reduction_or_proof_is_worse() -> None:
    d = diffs(outcome="no-recommendation", change=None)
    assert d["outcome"].worse and d["reduction"].worse
    assert diffs(change=-0.4)["reduction"].worse
    assert not diffs(change=-0.7)["reduction"].worse
    assert diffs(closure_files=None)["closure_files"].worse
    assert diffs(dependencies="")["dependencies started"].worse


def test_keeping_the_original_is_not_worse_than_a_recommendation_that_saves_nothing() -> None:
    """postgres-meta went from "recommended hygiene, 0.0 %" to "kept": the minimum-gain rule at
    work, not a loss. Keeping it instead of a real reduction still is one."""
    nothing = {**BASE, "change": -0.0}
    kept = {**BASE, "outcome": "kept-original", "variant": "original", "change": None}
    (outcome,) = [d for d in cr.compare_app("a", nothing, kept, 0.3) if d.what == "outcome"]
    assert not outcome.worse
    assert diffs(outcome="kept-original", variant="original", change=None)["outcome"].worse


def test_times_count_only_beyond_the_tolerance_and_are_marked_as_timings() -> None:
    assert "wall_s" not in diffs(wall_s=700.0)
    d = diffs(wall_s=900.0)["wall_s"]
    assert d.worse and d.timing


def test_the_gate_fails_on_sizes_not_on_times_unless_asked(tmp_path: Path) -> None:
    def write(name: str, rows: list[dict[str, Any]]) -> Path:
        path = tmp_path / name
        path.write_text(json.dumps({"apps": rows}))
        return path

    old = write("old.json", [BASE])
    slower = write("slower.json", [{**BASE, "wall_s": 2000.0}])
    smaller = write("smaller.json", [{**BASE, "change": -0.1}])
    assert cr.main([str(slower), "--baseline", str(old)]) == 0
    assert cr.main([str(slower), "--baseline", str(old), "--fail-on-time"]) == 1
    assert cr.main([str(smaller), "--baseline", str(old)]) == 1
    assert cr.main([str(write("gone.json", [])), "--baseline", str(old)]) == 1


def test_not_a_results_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("[]")
    with pytest.raises(SystemExit, match=r"not a results\.json"):
        cr.main([str(path), "--baseline", str(path)])
