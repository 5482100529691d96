"""How strong the proof is, said wherever a run folder is summarised (issue 11, item 5).

``tests/report/fixtures/verified`` is a real run folder: ``imgopt bench sample_apps/go-port
--variants <imgopt propose's output> --repeat 1 --no-warm`` on this project's engine, with the
proposed Dockerfiles and their ``summary.json`` copied in. Its ``run.json`` holds each variant's
proof (``verification``) as the verifier wrote it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from imgopt.results.frames import read_run, records, summarize

from .test_agreement import FIXTURES, bench_summary

VERIFIED = FIXTURES / "verified"


def _recorded() -> dict[str, dict[str, object]]:
    meta = json.loads((VERIFIED / "run.json").read_text("utf-8"))
    table: dict[str, dict[str, object]] = meta["verification"]
    return table


def test_the_summary_carries_each_variants_proof_and_the_bytes_of_the_closure_it_holds() -> None:
    rows = {r["name"]: r for r in records(summarize(read_run(VERIFIED)))}
    recorded = _recorded()
    assert set(recorded) == set(rows)
    for name, proof in recorded.items():
        assert rows[name]["proof"] == proof["summary"]
        assert rows[name]["closure_files"] == proof["closure_files"]
        assert rows[name]["closure_bytes_here"] == proof["image_bytes"]
    # distroless runs a program built again without cgo: it holds less of the closure
    assert rows["distroless"]["closure_bytes_here"] < rows["Dockerfile"]["closure_bytes_here"]


def test_a_malformed_proof_is_left_blank_never_trusted(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "run"
    shutil.copytree(VERIFIED, folder)
    meta = json.loads((folder / "run.json").read_text("utf-8"))
    meta["verification"]["distroless"] = {"summary": 7, "closure_files": -1, "image_bytes": True}
    meta["verification"]["hygiene"] = "yes"
    (folder / "run.json").write_text(json.dumps(meta))
    rows = {r["name"]: r for r in records(summarize(read_run(folder)))}
    for name in ("distroless", "hygiene"):
        assert rows[name]["proof"] is None
        assert rows[name]["closure_files"] is None
        assert rows[name]["closure_bytes_here"] is None


def test_bench_states_what_each_verified_variant_checked_and_the_pick_too(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from imgopt.cli.bench import _print_table

    result = bench_summary(VERIFIED)
    assert result.recommended == "distroless"
    _print_table(result)
    out = capsys.readouterr().out
    for name, proof in _recorded().items():
        assert f"  {name}: checked: {proof['summary']}\n" in out
    pick = next(line for line in out.splitlines() if "* recommended:" in line)
    assert "distroless (checked: 5 HTTP probes, 0 commands, 4 closure files (8.6 MB)" in pick
    assert "the app touched 6.6 MB of this 8.4 MB image (8.6 MB of the original's 922.3 MB)" in (
        pick
    )
    header = next(line for line in out.splitlines() if line.startswith("variant"))
    assert "compressed  app's files" in header


def test_nothing_recommended_never_says_none_was_built_of_built_variants(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every variant built and measured, every one failed verification: the line says so."""
    import csv
    import shutil

    from imgopt.cli.bench import _print_table

    folder = tmp_path / "run"
    shutil.copytree(VERIFIED, folder)
    with open(folder / "results.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        if row["row"] == "variant":
            row["verified"], row["verify_reason"] = "False", "GET /: status 500"
    with open(folder / "results.csv", "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    _print_table(bench_summary(folder))
    out = capsys.readouterr().out
    assert "none was built" not in out.lower() and "no variant was built" not in out
    assert "No variant can be recommended: none passed verification (Dockerfile: broken: " in out
