"""``imgopt propose``'s Node slim variants carry ``/etc/ssl/openssl.cnf``, which node reads when it
starts and ``node:*-slim`` lacks: without it ``imgopt bench`` of the written Dockerfiles failed
their file closure ("variant lacks /etc/ssl/openssl.cnf, which the original read";
benchmarks/results/propose_bench-2026-12-06-s10-node.txt). ``imgopt analyze`` plans without it
and carries what the built original read (imgopt.analyze.carry)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from imgopt.cli.app import app
from imgopt.dockerfile import parse
from imgopt.variants import plan_file, plan_variants
from imgopt.variants.carry import plan_carry
from imgopt.variants.strategies.slim_base import KNOWN_CARRY_ID, carry_known_lacks

REPO = Path(__file__).resolve().parents[2]
CNF = "/etc/ssl/openssl.cnf"
runner = CliRunner()


def _final_lines(text: str) -> list[str]:
    df = parse(text)
    start = df.final_stage.from_instruction.line
    return text.splitlines()[start - 1 :]


@pytest.mark.parametrize("app_name", ["node-express", "node-build"])
def test_imgopt_propose_writes_node_slim_variants_that_carry_openssl_cnf(
    tmp_path: Path, app_name: str
) -> None:
    out = tmp_path / "p"
    result = runner.invoke(
        app, ["propose", str(REPO / "sample_apps" / app_name), "-o", str(out), "--no-check-images"]
    )
    assert result.exit_code == 0, result.output
    slim = (out / "slim-base" / "Dockerfile").read_text()
    assert f"COPY --from=node:18 {CNF} {CNF}" in slim.splitlines()  # the original's base
    staged = (out / "multistage-slim" / "Dockerfile").read_text()
    assert f"COPY --from=build {CNF} {CNF}" in _final_lines(staged)  # the build stage's copy
    for name in ("original", "hygiene", "multistage", "alpine"):
        assert CNF not in (out / name / "Dockerfile").read_text(), name
    assert "known-carry" in result.stdout and "Carry /etc/ssl/openssl.cnf" in result.stdout


def test_the_carry_comes_before_the_apps_files_and_is_named_in_the_changes() -> None:
    plan = carry_known_lacks(plan_file(REPO / "sample_apps" / "node-express" / "Dockerfile"))
    slim = plan.get("slim-base")
    assert slim is not None
    lines = slim.dockerfile.splitlines()
    carried = lines.index(f"COPY --from=node:18 {CNF} {CNF}")
    assert lines[carried - 1].startswith("# imgopt: what node:18-slim lacks of node:18")
    assert carried < lines.index("COPY . .")  # a code edit does not copy it again
    (change,) = [c for c in slim.changes if c.source == KNOWN_CARRY_ID]
    assert CNF in change.title and "imgopt analyze carries" in change.rationale
    # the carried variant has nothing left to carry: analyze's closure carry would add no copy
    assert not plan_carry(
        slim.dockerfile, plan.original, [CNF], own=lambda _: False, in_base=lambda _: False
    )


def test_analyze_plans_without_it_and_other_bases_carry_nothing() -> None:
    """What analyze plans (plan_variants) is as before: its evidence decides the carry. A base
    whose slim sibling is not known to lack anything (python:*-slim has openssl.cnf) carries
    nothing, nor does a variant already on the original's base."""
    node = 'FROM node:18\nWORKDIR /app\nCOPY . .\nRUN npm install\nCMD ["node", "i.js"]\n'
    plain = plan_variants(node, image_available=lambda _r: True)
    assert all(CNF not in v.dockerfile for v in plain.variants)
    carried = carry_known_lacks(plain)
    changed = [v.name for v, w in zip(plain.variants, carried.variants, strict=True) if v != w]
    assert changed == ["slim-base", "multistage-slim"]  # not alpine, distroless or multistage
    assert {"alpine", "distroless", "multistage"} <= set(plain.names)
    python = 'FROM python:3.11\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]\n'
    plan = plan_variants(python, image_available=lambda _r: True)
    assert plan.get("slim-base") is not None and carry_known_lacks(plan) == plan


class _Pinning:
    """Every image exists, each tag at the digest ``b...``."""

    def __call__(self, ref: str) -> bool:
        return True

    def digest(self, ref: str) -> str:
        return "sha256:" + "b" * 64


def test_a_pinned_node_base_carries_from_the_pinned_original() -> None:
    pinned = "node:18@sha256:" + "a" * 64
    text = f'FROM {pinned}\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["npm", "start"]\n'
    plan = carry_known_lacks(plan_variants(text, image_available=_Pinning()))
    slim = plan.get("slim-base")
    assert slim is not None and slim.dockerfile.startswith("FROM node:18-slim@sha256:bbb")
    assert f"COPY --from={pinned} {CNF} {CNF}" in slim.dockerfile


def test_a_static_analysis_writes_the_same_carry_as_propose(tmp_path: Path) -> None:
    out = tmp_path / "a"
    result = runner.invoke(
        app, ["analyze", str(REPO / "sample_apps" / "node-express"), "--no-build", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    written = {p.parent.name: p.read_text() for p in out.rglob("dockerfiles/*/Dockerfile")}
    assert f"COPY --from=node:18 {CNF} {CNF}" in written["slim-base"].splitlines()
    assert f"COPY --from=build {CNF} {CNF}" in _final_lines(written["multistage-slim"])
    assert CNF not in written["original"] and CNF not in written["hygiene"]
