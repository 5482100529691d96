"""`imgopt analyze` builds each distinct step once: its run records which cold times are
estimated from steps (imgopt.bench.steps) and which were measured, and the recommended variant
gets one real cold build beside its estimate.

It reads the analysis that the session fixture ``sample_analyses`` runs anyway (go-http: four
small variants), so it costs no build of its own.
"""

from __future__ import annotations

import csv
import json
from typing import Any

import pytest
from _analyze_fixture import SampleAnalyses

APP = "go-http"


def _cold_rows(rows: list[dict[str, Any]], variant: str) -> list[dict[str, Any]]:
    return [
        r
        for r in rows
        if r["row"] == "build" and r["variant"] == variant and r["kind"] == "cold" and r["seconds"]
    ]


@pytest.mark.engine
def test_analyze_estimates_cold_times_and_builds_the_recommended_one_cold(
    sample_analyses: SampleAnalyses,
) -> None:
    result = sample_analyses.get(APP)
    assert result.returncode == 0, result.explain()
    t = result.target
    rows = list(csv.DictReader((result.out / "results.csv").open(encoding="utf-8")))
    meta = json.loads((result.out / "run.json").read_text("utf-8"))
    names = [v["name"] for v in t["variants"]]
    original, recommended = names[0], t["recommended"]["name"]

    # The original is always a real cold build: the yardstick everything else is held to.
    (orig_cold,) = _cold_rows(rows, original)
    assert orig_cold["estimated"] == "false"
    # Every other variant's first cold build says which it is; an estimated one is written down
    # with the steps it was made of, and at least one variant shared steps.
    flags = {}
    for name in names[1:]:
        first = next(r for r in _cold_rows(rows, name) if r["repetition"] == "0")
        flags[name] = first["estimated"]
        assert first["estimated"] in ("true", "false"), first
        if first["estimated"] == "true":
            how = meta["estimates"][name]
            assert how["seconds"] == pytest.approx(float(first["seconds"]), abs=1e-3)
            assert how["steps_unknown"] == [] and how["steps_executed"] >= 1
            # the critical path is never longer than the sum of the same steps
            assert how["seconds"] <= how["serial_seconds"] + 1e-6
            # a cold time, not the cached build's own few seconds
            assert float(first["seconds"]) >= how["build_seconds"] - 1e-3
    assert "true" in flags.values(), (flags, meta.get("estimates"))

    # The recommended variant: when its time was estimated, one real cold build stands beside
    # the estimate, and the summary shows the measured time (flagged as such).
    summary = {v["name"]: v for v in t["variants"]}[recommended]
    mine = _cold_rows(rows, recommended)
    real = [r for r in mine if r["estimated"] == "false"]
    if recommended != original and flags[recommended] == "true":
        (check,) = real
        assert int(check["repetition"]) == meta["options"]["repeat"]
        assert summary["cold_estimated"] is False
        assert summary["cold_build_s"] == pytest.approx(float(check["seconds"]))
        assert summary["cold_estimate_s"] == pytest.approx(float(mine[0]["seconds"]))
    else:
        assert len(real) == 1 and summary["cold_estimated"] is False
