"""analyze states what verification checked: in the recommendation sentence and in the JSON
(``verification``), read from the run's run.json (no engine)."""

from __future__ import annotations

import json
from pathlib import Path

from analyze_fakes import analysed

from imgopt.analyze.render import sentence, target_json

PROOF = {
    "verified": True,
    "probes": 3,
    "commands": 1,
    "closure_files": 761,
    "closure_bytes": 103_000_000,
    "dependencies": [],
    "summary": "3 HTTP probes, 1 command, 761 closure files (103.0 MB), dependencies started: none",
}


def _with_proof(tmp_path: Path):  # type: ignore[no-untyped-def]
    t = analysed(tmp_path)
    # the fake bench's run folder is the context (tmp_path)
    (tmp_path / "run.json").write_text(json.dumps({"verification": {"slim-base": PROOF}}))
    return t


def test_the_recommendation_says_what_was_checked_and_what_the_app_touched(
    tmp_path: Path,
) -> None:
    text = sentence(_with_proof(tmp_path))
    assert text.endswith(
        "answers your smoke check like the original (checked: 3 HTTP probes, 1 command, 761 "
        "closure files (103.0 MB), dependencies started: none; the app touched 103.0 MB of the "
        "original's 1,100.0 MB image)."
    )


def test_the_json_has_each_variants_proof(tmp_path: Path) -> None:
    assert target_json(_with_proof(tmp_path))["verification"] == {"slim-base": PROOF}


def test_without_a_record_nothing_is_claimed(tmp_path: Path) -> None:
    t = analysed(tmp_path)
    assert "checked:" not in sentence(t)
    assert target_json(t)["verification"] == {}
