"""carry.json: ``--resume`` writes the variants an interrupted analysis carried, and decides the
same way for a variant the resumed run adds (a part of a split target takes its variants one at a
time), without the original's image. The variant's base image is faked here
(tests/analyze/test_analyze_engine.py runs the whole path on node-express)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from imgopt.analyze import carry
from imgopt.variants import Plan, plan_variants
from imgopt.variants.carry import carried_paths

ORIGINAL = 'FROM node:18\nWORKDIR /usr/src/app\nCOPY . .\nRUN npm install\nCMD ["npm", "start"]\n'
CNF = "/etc/ssl/openssl.cnf"


@pytest.fixture()
def no_cnf_in_slim_bases(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every slim base lacks openssl.cnf, node:18 has it; which Dockerfiles were looked up."""
    looked: list[str] = []

    def base_files(dockerfile: str, run_id: str) -> object:
        looked.append(dockerfile)
        slim = "-slim" in dockerfile.rsplit("FROM ", 1)[1].split("\n", 1)[0]
        return lambda path: not slim

    monkeypatch.setattr(carry, "_base_files", base_files)
    return looked


def _plan(tmp_path: Path, only: tuple[str, ...]) -> Plan:
    (tmp_path / "package.json").write_text('{"name": "x", "scripts": {"start": "node i.js"}}')
    (tmp_path / "package-lock.json").write_text('{"lockfileVersion": 3, "packages": {}}')
    return plan_variants(ORIGINAL, context_dir=tmp_path, image_available=lambda _r: True, only=only)


def test_a_resumed_run_carries_the_same_and_decides_for_a_variant_it_adds(
    tmp_path: Path, no_cnf_in_slim_bases: list[str]
) -> None:
    first = _plan(tmp_path, ("slim-base",))
    record = tmp_path / carry.CARRY_FILE
    decisions = carry._decide(first, [CNF], set(), {}, "r")  # what carry_pass decides
    record.write_text(json.dumps(carry._to_dict([CNF], set(), decisions, decided=first.variants)))
    carried = carry.with_carry(first, decisions)
    looked = len(no_cnf_in_slim_bases)

    again = carry.resumed_carry(_plan(tmp_path, ("slim-base",)), record)
    assert [v.dockerfile for v in again.variants] == [v.dockerfile for v in carried.variants]
    assert len(no_cnf_in_slim_bases) == looked  # nothing looked up again
    (slim,) = again.variants[1:]
    assert carried_paths(slim.dockerfile) == [CNF]
    assert slim.changes[-1].source == "closure-carry"

    more = carry.resumed_carry(_plan(tmp_path, ("slim-base", "multistage-slim")), record)
    by_name = {v.name: v for v in more.variants}
    assert carried_paths(by_name["multistage-slim"].dockerfile) == [CNF]
    assert "COPY --from=build /etc/ssl/openssl.cnf" in by_name["multistage-slim"].dockerfile
    assert len(no_cnf_in_slim_bases) == looked + 1  # only the added variant's base
    assert sorted(json.loads(record.read_text())["decided"]) == ["multistage-slim", "slim-base"]


def test_an_unreadable_record_keeps_the_plan(
    tmp_path: Path, no_cnf_in_slim_bases: list[str]
) -> None:
    plan = _plan(tmp_path, ("slim-base",))
    record = tmp_path / carry.CARRY_FILE
    assert carry.resumed_carry(plan, record) is plan  # none
    record.write_text("{not json")
    assert carry.resumed_carry(plan, record) is plan
    record.write_text(json.dumps({"schema": "other/1"}))
    assert carry.resumed_carry(plan, record) is plan
    assert no_cnf_in_slim_bases == []


def test_variants_on_the_same_base_read_it_once(
    tmp_path: Path, no_cnf_in_slim_bases: list[str]
) -> None:
    plan = _plan(tmp_path, ("slim-base", "multistage-slim"))
    decisions = carry._decide(plan, [CNF], set(), {}, "r")
    assert sorted(decisions) == ["multistage-slim", "slim-base"]
    assert len(no_cnf_in_slim_bases) == 1  # both on node:18-slim
