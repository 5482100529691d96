"""The build context is scanned once per plan and once per `imgopt lint` run, and afresh
outside them (a folder that changes between two lints is seen as it is)."""

from __future__ import annotations

from pathlib import Path

import pytest

from imgopt.rules import context, lint
from imgopt.variants import plan_variants

NAIVE = "FROM python:3.11\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n"


@pytest.fixture
def scans(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    seen: list[Path] = []
    real = context._scan

    def counting(root: Path) -> frozenset[str]:
        seen.append(root)
        return real(root)

    monkeypatch.setattr(context, "_scan", counting)
    return seen


def test_a_plan_scans_its_context_once(tmp_path: Path, scans: list[Path]) -> None:
    (tmp_path / "requirements.txt").write_text("flask==3.0.0\n")
    (tmp_path / "__pycache__").mkdir()
    plan = plan_variants(NAIVE, context_dir=tmp_path)
    assert len(plan.variants) > 2  # several texts were linted against the context...
    assert scans == [tmp_path]  # ...which was read once
    assert any(f.code == "IMG601" for f in plan.findings)


def test_outside_a_batch_every_lint_sees_the_folder_as_it_is(
    tmp_path: Path, scans: list[Path]
) -> None:
    (tmp_path / "__pycache__").mkdir()
    assert any(f.code == "IMG601" for f in lint(NAIVE, context_dir=tmp_path))
    (tmp_path / ".dockerignore").write_text("**/__pycache__\n")
    (tmp_path / "__pycache__").rmdir()
    assert not any(f.code == "IMG601" for f in lint(NAIVE, context_dir=tmp_path))
    assert len(scans) == 2


def test_lint_command_scans_a_shared_folder_once(tmp_path: Path, scans: list[Path]) -> None:
    from imgopt.cli.lint import Format, _lint

    for name in ("Dockerfile", "api.Dockerfile", "worker.Dockerfile"):
        (tmp_path / name).write_text(NAIVE)
    code = _lint([tmp_path], None, Format.json, None, None, None, False, False, jobs=1)
    assert code == 1
    assert scans == [tmp_path]


def test_nested_batches_share_one_cache(tmp_path: Path, scans: list[Path]) -> None:
    with context.one_scan_per_context():
        with context.one_scan_per_context():
            context.scan_context(tmp_path)
        context.scan_context(tmp_path)
    assert scans == [tmp_path]
    context.scan_context(tmp_path)  # the block is over: scanned again
    assert scans == [tmp_path, tmp_path]
