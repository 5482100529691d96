"""``imgopt gate`` and ``imgopt baseline save`` through the CLI, without an engine.

The measurement is replaced by records made by hand, so every exit code and output path is
pinned here; tests/gate/test_engine.py runs the same commands on real images.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from imgopt.gate.baseline import write_baseline
from imgopt.gate.record import ImageRecord

from .fakes import FakeFiles, image, layer

runner = CliRunner()
BASE = layer(0, "COPY / /", 75_000_000, compressed=29_000_000, base=True)
OLD = image([BASE, layer(1, "RUN make", 2_000_000, compressed=1_000_000, line=2)], ref="v1")
NEW = image(
    [BASE, layer(1, "COPY big /big", 30_000_000, compressed=30_000_000, line=2),
     layer(2, "RUN make", 2_000_000, compressed=1_000_000, line=3)],
    ref="v2",
)  # fmt: skip


def invoke(args: list[str], env: dict[str, str] | None = None) -> Any:
    from imgopt.cli.app import app

    return runner.invoke(app, args, env=env)


@pytest.fixture
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Measuring returns NEW for any subject ("old" for an image named "old"); no engine."""
    import imgopt.cli.gate as cli_gate
    import imgopt.gate.measure as measure

    seen: dict[str, Any] = {}

    def measure_subject(subject: Any, **kwargs: Any) -> tuple[ImageRecord, None]:
        seen["subject"] = subject
        seen.update(kwargs)
        return NEW, None

    def measure_image(ref: str, **kwargs: Any) -> ImageRecord:
        seen["baseline_image"] = ref
        return OLD

    monkeypatch.setattr(cli_gate, "measure_subject", measure_subject)
    monkeypatch.setattr(measure, "measure_image", measure_image)
    monkeypatch.setattr(measure, "EngineFiles", lambda: FakeFiles({}))
    # --baseline-image pulls a baseline that is not local; these images are all "local".
    monkeypatch.setattr("imgopt.engine.images.ensure_image", lambda ref, progress=None: False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return seen


@pytest.fixture
def baseline_file(tmp_path: Path) -> Path:
    return write_baseline(OLD, tmp_path / "baseline.json")


def test_failing_growth_exits_1_and_names_the_new_layer(
    fake_engine: dict[str, Any], baseline_file: Path
) -> None:
    result = invoke(["gate", "app:v2", "--baseline", str(baseline_file), "--check", "size:+5%"])
    assert result.exit_code == 1, result.output
    assert "FAIL  size:+5%" in result.stdout
    assert "+30.0 MB  new      COPY big /big (line 2)" in result.stdout
    assert fake_engine["subject"].image == "app:v2"
    assert fake_engine["compressed"] is False and fake_engine["waste"] is False


def test_passing_checks_exit_0(fake_engine: dict[str, Any], baseline_file: Path) -> None:
    result = invoke(
        ["gate", "app:v2", "-b", str(baseline_file), "-c", "size:+50%", "-c", "layers:3",
         "--format", "json"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["passed"] is True
    assert [c["status"] for c in doc["checks"]] == ["PASS", "PASS"]


def test_baseline_image(fake_engine: dict[str, Any]) -> None:
    result = invoke(["gate", "app:v2", "--baseline-image", "app:main", "-c", "size:+20MB",
                     "--format", "json"])  # fmt: skip
    assert result.exit_code == 1, result.output
    doc = json.loads(result.stdout)
    assert fake_engine["baseline_image"] == "app:main"
    assert doc["baseline"]["source"] == "image app:main"
    assert [la["delta_bytes"] for la in doc["checks"][0]["layers"]] == [30_000_000]


def test_output_file_text_on_stderr_and_step_summary(
    fake_engine: dict[str, Any], baseline_file: Path, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    out = tmp_path / "reports" / "gate.xml"
    result = invoke(
        ["gate", "app:v2", "-b", str(baseline_file), "-c", "size:+5%", "--format", "junit",
         "--output", str(out)],
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "FAIL  size:+5%" in result.stderr
    assert ET.parse(out).getroot().tag == "testsuites"
    text = summary.read_text()
    assert text.startswith("earlier step\n### ❌ imgopt gate: FAIL")
    assert "| Check | Result | Value | Threshold | Details |" in text


def test_checks_from_the_working_directorys_config(
    fake_engine: dict[str, Any],
    baseline_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "imgopt.toml").write_text(
        f'[gate]\nchecks = ["size:+100%", "layers:9"]\nbaseline = "{baseline_file.name}"\n'
    )
    monkeypatch.chdir(tmp_path)
    result = invoke(["gate", "app:v2", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [c["expr"] for c in doc["checks"]] == ["size:+100%", "layers:9"]
    assert doc["baseline"]["source"] == str(baseline_file.resolve())


# ----------------------------------------------------------------------------------------------
# Exit 2: configuration, baseline, input; always before the engine is asked


def test_malformed_config_exits_2_naming_file_and_key(
    fake_engine: dict[str, Any], tmp_path: Path
) -> None:
    config = tmp_path / "imgopt.toml"
    config.write_text('[gate]\nchecks = ["size:+5%", "size:lots"]\n')
    result = invoke(["gate", "app:v2", "--config", str(config)])
    assert result.exit_code == 2
    assert f"{config}: gate.checks[1]" in result.stderr
    assert "Traceback" not in result.output
    assert "subject" not in fake_engine  # nothing was measured


def test_malformed_dive_ci_exits_2(fake_engine: dict[str, Any], tmp_path: Path) -> None:
    dive = tmp_path / ".dive-ci"
    dive.write_text("rules:\n  highestUserWastedPercent: 20\n")
    result = invoke(["gate", "app:v2", "--config", str(dive)])
    assert result.exit_code == 2
    assert f"{dive}: rules.highestUserWastedPercent" in result.stderr


def test_malformed_baseline_exits_2_naming_file_and_key(
    fake_engine: dict[str, Any], baseline_file: Path
) -> None:
    data = json.loads(baseline_file.read_text())
    data["layers"][1]["size_bytes"] = "two megs"
    baseline_file.write_text(json.dumps(data))
    result = invoke(["gate", "app:v2", "-b", str(baseline_file), "-c", "size:+5%"])
    assert result.exit_code == 2
    assert f"{baseline_file}: layers[1].size_bytes: expected an integer" in result.stderr
    assert "subject" not in fake_engine


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["-c", "size:+5%"], "compares with a baseline"),
        (["-c", "size:5"], "no unit"),
        (["-b", "missing.json", "-c", "size:1GB"], "cannot read the baseline"),
        (["-b", "x.json", "--baseline-image", "y", "-c", "size:1GB"], "not both"),
        (["-c", "size:1GB", "--build-arg", "NOEQUALS"], "KEY=VALUE"),
        (["-c", "size:1GB", "-f", "no/such/Dockerfile"], "no such Dockerfile"),
    ],
)
def test_bad_input_exits_2(fake_engine: dict[str, Any], args: list[str], says: str) -> None:
    result = invoke(["gate", "app:v2", *args])
    assert result.exit_code == 2, result.output
    assert says in result.stderr


def test_no_checks_exits_2(
    fake_engine: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(["gate", "app:v2"])
    assert result.exit_code == 2 and "no checks" in result.stderr


def test_unknown_format_is_a_usage_error(fake_engine: dict[str, Any]) -> None:
    assert invoke(["gate", "app:v2", "-c", "size:1GB", "--format", "html"]).exit_code == 2


def test_baseline_save_writes_the_record(fake_engine: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "b" / "baseline.json"
    result = invoke(["baseline", "save", "app:v2", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert fake_engine["compressed"] is True and fake_engine["waste"] is True
    assert json.loads(out.read_text())["image"]["size_bytes"] == NEW.size_bytes
    assert "baseline of v2" in result.stderr


# ----------------------------------------------------------------------------------------------
# Exit 3: no engine (a real process, so nothing is cached from other tests)


@pytest.mark.parametrize("command", [["gate", "app:v2", "-c", "size:1GB"],
                                     ["baseline", "save", "app:v2", "-o", "b.json"]])  # fmt: skip
def test_unreachable_engine_exits_3_in_one_line(tmp_path: Path, command: list[str]) -> None:
    env = {**os.environ, "DOCKER_HOST": "unix:///nonexistent.sock"}
    env.pop("GITHUB_STEP_SUMMARY", None)
    proc = subprocess.run(
        [sys.executable, "-m", "imgopt", *command],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 3, proc.stderr
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("imgopt: error:")]
    assert len(errors) == 1 and "no Docker engine answers" in errors[0]
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
