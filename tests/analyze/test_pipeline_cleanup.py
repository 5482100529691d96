"""``imgopt analyze`` writes its report while the bench removes what it built, and never returns
(or stops on Ctrl-C) before that removal is finished. The bench and the report are fakes here:
what is pinned is the order of the pipeline's own steps."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from imgopt.analyze import pipeline
from imgopt.analyze.model import Target
from imgopt.analyze.pipeline import AnalyzeOptions, QuietObserver, _TargetRun
from imgopt.variants import Plan, Variant

DOCKERFILE = "FROM debian:bookworm-slim\nCOPY . /app\n"


class FakeBench:
    """A bench run whose cleanup is still going when it returns (BenchRun with defer_cleanup)."""

    def __init__(self, log: list[str]) -> None:
        self.log = log

    def close(self) -> None:
        time.sleep(0.05)
        self.log.append("cleanup finished")


def _target_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, report: Any) -> list[str]:
    log: list[str] = []
    ctx = tmp_path / "app"
    ctx.mkdir()
    (ctx / "Dockerfile").write_text(DOCKERFILE)
    plan = Plan(str(ctx / "Dockerfile"), DOCKERFILE, (Variant("original", DOCKERFILE),), ())
    run = _TargetRun(
        Target("app", ctx / "Dockerfile", ctx),
        tmp_path / "out",
        AnalyzeOptions(out=tmp_path / "out"),
        QuietObserver(),
        (),
        plan,
        {},
        (),
    )

    def bench(self: _TargetRun, files: Any) -> tuple[Any, str | None]:
        self._bench_run = FakeBench(log)
        log.append("bench returned")
        return None, None

    monkeypatch.setattr(_TargetRun, "_bench", bench)
    monkeypatch.setattr(_TargetRun, "_load", lambda self: object())
    monkeypatch.setattr("imgopt.report.recommend", lambda run: None)
    monkeypatch.setattr(_TargetRun, "_report", lambda self, run: report(log))
    monkeypatch.setattr(pipeline, "pull_missing", lambda *a, **k: [])
    monkeypatch.setattr(_TargetRun, "_bench_phases", lambda self: log.append("phases read"))
    run.run(None, report=True)
    return log


def test_the_report_is_written_while_the_bench_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def report(log: list[str]) -> Path:
        log.append("report written")
        return tmp_path / "report.md"

    log = _target_run(tmp_path, monkeypatch, report)
    # the report does not wait for the cleanup; the analysis does, and then reads its phases
    assert log == ["bench returned", "report written", "cleanup finished", "phases read"]


def test_ctrl_c_in_the_report_still_waits_for_the_cleanup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[list[str]] = []

    def report(log: list[str]) -> Path:
        seen.append(log)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _target_run(tmp_path, monkeypatch, report)
    assert seen[0] == ["bench returned", "cleanup finished", "phases read"]
