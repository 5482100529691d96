"""timings_from_run reads the committed run tables (a copy of flask-tutorial's published run of
2026-11-26, kept here so that re-publishing the benchmark does not change what is asserted)."""

from __future__ import annotations

from pathlib import Path

import pytest

from imgopt.errors import ConfigError
from imgopt.schedule.cost import timings_from_run

REPO = Path(__file__).resolve().parents[2]


def test_a_committed_run_gives_one_timing_per_variant() -> None:
    run = Path(__file__).parent / "fixtures" / "flask-run"
    timings = timings_from_run(run, target="flask")
    assert [t.variant for t in timings] == sorted(
        ["original", "hygiene", "slim-base", "multistage", "multistage-slim", "distroless"]
    )
    assert {t.target for t in timings} == {"flask"} and {t.engine for t in timings} == {"default"}
    # medians of cold and warm plus a sixth of the measure and verify phases
    original = next(t for t in timings if t.variant == "original")
    assert original.seconds == pytest.approx(34.6 + 8.8 + (23.492 + 6.949) / 6, abs=0.1)
    assert original.size_bytes == 788637517


def test_a_folder_that_is_not_a_run_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "run.json").write_text("[1]")
    (tmp_path / "results.csv").write_text("row,variant\n")
    with pytest.raises(ConfigError, match="not a JSON object"):
        timings_from_run(tmp_path)
    (tmp_path / "run.json").write_text("{")
    with pytest.raises(ConfigError, match="not JSON"):
        timings_from_run(tmp_path)
