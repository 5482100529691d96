"""bench and analyze refuse a repository's smoke.toml that lifts a limit: exit 2, one line naming
the file and the key, nothing built (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from imgopt.cli.app import app

SPECS = [
    ('memory = "8g"', "memory"),
    ("pids_limit = 4194304", "pids_limit"),
    ('capabilities = "default"', "capabilities"),
    ("startup_timeout = 1e300", "startup_timeout"),
    ("startup_timeout = nan", "startup_timeout"),
    ("startup_timeout = 0", "startup_timeout"),
]


def _app(tmp_path: Path, limits: str) -> Path:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "Dockerfile").write_text('FROM debian:bookworm-slim\nCMD ["true"]\n')
    (tmp_path / "app" / "smoke.toml").write_text(f'{limits}\n[[command]]\ncommand = "true"\n')
    return tmp_path / "app"


def _check(result, app_dir: Path, key: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, result.output
    lines = [ln for ln in result.output.splitlines() if ln.startswith("imgopt: error:")]
    assert len(lines) == 1, result.output
    assert f"{app_dir / 'smoke.toml'}: {key}: " in lines[0]
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("limits", "key"), SPECS)
def test_bench_refuses_before_building(tmp_path: Path, limits: str, key: str) -> None:
    app_dir = _app(tmp_path, limits)
    out = tmp_path / "run"
    result = CliRunner().invoke(app, ["bench", str(app_dir), "--repeat", "1", "--out", str(out)])
    _check(result, app_dir, key)
    assert not (out / "results.jsonl").exists()
    if "1e300" not in limits and "nan" not in limits and "= 0" not in limits:
        assert "--trust-spec-limits" in result.output


@pytest.mark.engine
def test_analyze_refuses_too(tmp_path: Path) -> None:
    app_dir = _app(tmp_path, 'memory = "8g"')
    result = CliRunner().invoke(app, ["analyze", str(app_dir), "--out", str(tmp_path / "out")])
    _check(result, app_dir, "memory")
