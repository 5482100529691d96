"""``imgopt bench`` of ``imgopt propose``'s node-express ``slim-base`` verifies: node reads
``/etc/ssl/openssl.cnf`` when it starts, ``node:18-slim`` lacks it, and the strict file closure
failed the variant ("variant lacks /etc/ssl/openssl.cnf, which the original read") before
propose carried it (benchmarks/results/propose_bench-2026-12-06-s10-node.txt has the run of
both Node sample apps, before and after). One cold build each of the original and the variant,
no warm rebuild: about 30 s on the shared 2-core machine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from imgopt.cli.app import app

pytestmark = pytest.mark.engine
REPO = Path(__file__).resolve().parents[2]
APP = REPO / "sample_apps" / "node-express"
CNF = "/etc/ssl/openssl.cnf"
runner = CliRunner()


def test_bench_of_proposes_node_slim_base_verifies(tmp_path: Path) -> None:
    out = tmp_path / "p"
    proposed = runner.invoke(app, ["propose", str(APP), "-o", str(out), "--no-check-images"])
    assert proposed.exit_code == 0, proposed.output
    slim = out / "slim-base" / "Dockerfile"
    assert f"COPY --from=node:18 {CNF} {CNF}" in slim.read_text()
    run = tmp_path / "run"
    args = ["bench", str(APP), "-f", str(out / "original" / "Dockerfile"), "-f", str(slim)]
    result = runner.invoke(app, [*args, "--repeat", "1", "--no-warm", "--out", str(run)])
    assert result.exit_code == 0, result.output
    verification = json.loads((run / "run.json").read_text())["verification"]
    assert verification["slim-base"]["verified"] is True, verification["slim-base"]
    assert verification["slim-base"]["strict_closure"] is True
    assert verification["slim-base"]["absent_files"] == []
