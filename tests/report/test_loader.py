"""Reading run folders: a complete run, and every kind of bad input (notes, or one clear error)."""

from __future__ import annotations

import csv
import json
import os
import statistics
from collections.abc import Callable
from pathlib import Path

import pytest

from imgopt.errors import InputError
from imgopt.report import load_run_data

from .conftest import FIXTURES


def rows(name: str) -> list[dict[str, str]]:
    with open(FIXTURES / name / "results.csv", newline="") as fh:
        return list(csv.DictReader(fh))


def test_complete_run_matches_its_table() -> None:
    run = load_run_data(FIXTURES / "complete")
    table = rows("complete")
    assert run.notes == ()
    assert run.app == "app"
    assert [v.name for v in run.variants] == ["Dockerfile", "broken", "slim"]
    assert run.original is not None and run.original.name == "Dockerfile"
    for variant in run.variants:
        vrow = next(r for r in table if r["row"] == "variant" and r["variant"] == variant.name)
        assert variant.size_bytes == int(vrow["size_bytes"])
        assert variant.compressed_bytes == int(vrow["compressed_bytes"])
        assert variant.layer_count == int(vrow["layers"])
        assert variant.base_bytes == int(vrow["size_bytes"]) - int(vrow["own_size_bytes"])
        cold = [
            float(r["seconds"])
            for r in table
            if r["row"] == "build" and r["variant"] == variant.name and r["kind"] == "cold"
        ]
        assert variant.cold is not None and variant.cold.median == statistics.median(cold)
        assert (variant.cold.low, variant.cold.high, variant.cold.n) == (min(cold), max(cold), 2)
        layers = run.layers_of(variant.name)
        assert len(layers) == variant.layer_count
        assert sum(la.size_bytes for la in layers) == variant.size_bytes
        assert layers[0].base and layers[0].instruction == "FROM debian:bookworm-slim"
    broken = run.get("broken")
    assert broken is not None and broken.broken and broken.verified is False
    assert broken.error is not None and "exit code 4" in broken.error
    slim = run.get("slim")
    assert slim is not None and slim.usable
    assert [c.source for c in slim.changes] == ["IMG401"] and slim.changes[0].lines == (2, 3)
    assert slim.dockerfile_text is not None and "COPY main.sh" in slim.dockerfile_text


def test_environment_box_from_run_json() -> None:
    env = load_run_data(FIXTURES / "complete").env
    assert env.engine == "Docker Engine 26.1.5+dfsg1"
    assert env.builder is not None and env.builder.startswith("buildkit buildx 0.13.1")
    assert env.machine is not None and "2 CPUs" in env.machine and "25.3 GB memory" in env.machine
    assert env.base_images == (("debian:bookworm-slim", True),)
    assert env.repeat == 2 and env.imgopt_version == "0.1.0"
    assert env.date == "2026-11-26T15:45:00+00:00"


def test_the_machine_line_says_how_loaded_the_machine_was(tmp_path: Path) -> None:
    import shutil

    run_dir = tmp_path / "run"
    shutil.copytree(FIXTURES / "complete", run_dir)
    meta = json.loads((run_dir / "run.json").read_text())
    assert load_run_data(run_dir).env.machine is not None
    assert "load" not in (load_run_data(run_dir).env.machine or "")  # older runs: not claimed
    meta["machine"]["load_average"] = [3.14, 2.0, 1.0]
    meta["load_at_end"] = [0.52, 1.0, 1.0]
    (run_dir / "run.json").write_text(json.dumps(meta))
    machine = load_run_data(run_dir).env.machine or ""
    assert machine.endswith("load 3.1 at the start, 0.5 at the end")


def test_interrupted_run_keeps_what_finished_and_says_so() -> None:
    run = load_run_data(FIXTURES / "interrupted")
    text = " ".join(run.notes)
    assert "interrupted" in text and "--resume" in text
    assert "cut short" in text  # the torn last line was dropped, not parsed as numbers
    assert "`slim`: 1 of 2 cold builds finished." in run.notes
    slim = run.get("slim")
    cold = next(r for r in rows("interrupted") if r["variant"] == "slim" and r["kind"] == "cold")
    # measured from its finished cold build, but never verified: not recommendable
    assert slim is not None and slim.size_bytes == int(cold["size_bytes"])
    assert slim.verified is None and not slim.usable
    assert run.layers_of("slim") == []  # the torn layer row is not there


def test_killed_run_is_reported_as_unfinished() -> None:
    run = load_run_data(FIXTURES / "killed")
    assert "did not finish" in run.notes[0]
    assert "`slim` was not measured: the run stopped before reaching it." in run.notes
    assert run.get("slim") is not None and run.get("slim").size_bytes is None  # type: ignore[union-attr]


def test_running_run_with_a_live_lock_is_in_progress(run_copy: Callable[[str], Path]) -> None:
    folder = run_copy("killed")
    (folder / ".lock").write_text(str(os.getpid()))
    assert "still going" in load_run_data(folder).notes[0]


def test_failed_run_names_the_error(run_copy: Callable[[str], Path]) -> None:
    folder = run_copy("complete")
    meta = json.loads((folder / "run.json").read_text())
    meta.update(status="failed", error="the engine stopped answering")
    (folder / "run.json").write_text(json.dumps(meta))
    assert (
        load_run_data(folder).notes[0].startswith("The run failed (the engine stopped answering)")
    )


def test_older_format_names_the_missing_columns() -> None:
    run = load_run_data(FIXTURES / "old-format")
    assert run.notes[0].startswith("run.json is missing")
    assert "older imgopt" in run.notes[1] and "compressed sizes" in run.notes[1]
    assert len(run.notes) == 2  # one note for the table, not one per variant
    original = run.get("original")
    assert original is not None and original.size_bytes == 78127387 and original.layer_count == 4
    assert original.warm is not None and original.warm.median == 1.0
    nobuild = run.get("nobuild")
    assert nobuild is not None and nobuild.broken and "exit code: 1" in (nobuild.error or "")
    assert run.app == "old-format"  # no metadata: the folder's name


def test_unreadable_metadata_is_a_note(run_copy: Callable[[str], Path]) -> None:
    folder = run_copy("complete")
    (folder / "run.json").write_text("{not json")
    run = load_run_data(folder)
    assert "run.json could not be read" in run.notes[0]
    assert run.env.engine is None and len(run.variants) == 3


def test_missing_table_is_a_note(run_copy: Callable[[str], Path]) -> None:
    folder = run_copy("complete")
    (folder / "results.csv").unlink()
    run = load_run_data(folder)
    assert "results.csv is missing" in " ".join(run.notes)
    assert [v.size_bytes for v in run.variants] == [None, None, None]


def test_dockerfile_found_at_the_recorded_path_when_no_copy(
    run_copy: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = run_copy("complete")
    (folder / "dockerfiles" / "slim" / "Dockerfile").unlink()
    monkeypatch.chdir(tmp_path)  # run.json records prop/slim/Dockerfile relative to the bench's cwd
    (tmp_path / "prop" / "slim").mkdir(parents=True)
    (tmp_path / "prop" / "slim" / "Dockerfile").write_text("FROM scratch\n")
    # Outside the run folder, only the file the run measured is read: its SHA-256 must match.
    assert load_run_data(folder).get("slim").dockerfile_text is None  # type: ignore[union-attr]
    import hashlib
    import json

    meta = json.loads((folder / "run.json").read_text())
    for v in meta["variants"]:
        if v["name"] == "slim":
            v["sha256"] = hashlib.sha256(b"FROM scratch\n").hexdigest()
    (folder / "run.json").write_text(json.dumps(meta))
    assert load_run_data(folder).get("slim").dockerfile_text == "FROM scratch\n"  # type: ignore[union-attr]


def test_missing_folder_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such run folder"):
        load_run_data(tmp_path / "nope")


def test_folder_without_a_run_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="holds no imgopt run"):
        load_run_data(tmp_path)


def test_a_file_is_not_a_run_folder(tmp_path: Path) -> None:
    (tmp_path / "x").write_text("")
    with pytest.raises(InputError, match="not a folder"):
        load_run_data(tmp_path / "x")


def test_garbage_table_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "results.csv").write_bytes(b"\x00\xff\xfe garbage \x00\n\x01,\x02\n")
    with pytest.raises(InputError, match="not a readable results table"):
        load_run_data(tmp_path)
