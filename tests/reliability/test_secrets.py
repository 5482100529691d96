"""Secrets never leave imgopt: build-arg values are never written anywhere, and secret-looking
ARG/ENV defaults are redacted in diffs and reports and flagged by IMG702 (issue #12)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from imgopt.userfiles import REDACTED

from .conftest import run_cli

REPO = Path(__file__).resolve().parents[2]
FLASK = REPO / "sample_apps" / "flask-tutorial"
FIXTURES = REPO / "tests" / "report" / "fixtures"
TOKEN = "tok-9f8e7d6c5b4a"  # a build-arg value
PASSWORD = "hunter2-Xq9"  # a secret-looking ENV default


def _all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def test_compose_build_arg_values_never_reach_analysis_json(cli: CliRunner, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FLASK, project / "app")
    (project / "compose.yaml").write_text(
        f"services:\n  web:\n    build:\n      context: ./app\n      args: {{NPM_TOKEN: {TOKEN}}}\n"
    )
    out = tmp_path / "out"
    code, output = run_cli(
        cli, "analyze", project / "compose.yaml", "--no-build", "-o", out, "--format", "json"
    )
    assert code == 0, output
    assert TOKEN not in output
    assert TOKEN.encode() not in _all_bytes(out)
    doc = json.loads((out / "analysis.json").read_text())
    assert doc["services"][0]["build_args"] == {"NPM_TOKEN": REDACTED}  # the name is kept


def test_run_json_and_results_rows_keep_names_not_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--build-arg values were stored verbatim in run.json, and a layer's history repeats them
    (`RUN |1 NPM_TOKEN=... /bin/sh -c ...`)."""
    import imgopt.engine.client as client
    from imgopt.bench.runner import BenchOptions, BenchRun, make_variants

    monkeypatch.setattr(client, "engine_version", lambda: "test")
    context = tmp_path / "app"
    context.mkdir()
    (context / "Dockerfile").write_text("FROM scratch\nARG NPM_TOKEN\n")
    variants = make_variants(context, [context / "Dockerfile"], ["original"])
    run = BenchRun(variants, BenchOptions(build_args={"NPM_TOKEN": TOKEN}), tmp_path / "run")

    class _Builder:
        name = "fake"

        def version(self) -> str:
            return "0"

    run.builder = _Builder()  # type: ignore[assignment]
    run.folder.create(run._metadata())
    run.folder.append(
        [{"row": "layer", "variant": "original", "created_by": f"RUN |1 NPM_TOKEN={TOKEN} sh"}]
    )
    run.folder.release()
    meta = json.loads((tmp_path / "run" / "run.json").read_text())
    assert meta["options"]["build_args"] == {"NPM_TOKEN": REDACTED}
    assert meta["variants"][0]["sha256"]  # lets a report elsewhere check the file
    assert TOKEN.encode() not in _all_bytes(tmp_path / "run")
    assert f"NPM_TOKEN={REDACTED}" in (tmp_path / "run" / "results.csv").read_text()


def test_baseline_never_holds_a_build_arg_value(tmp_path: Path) -> None:
    from imgopt.gate.baseline import write_baseline
    from imgopt.gate.record import ImageRecord, LayerRecord

    layer = LayerRecord(index=0, diff_id="sha256:a", instruction="RUN make",
                        created_by=f"RUN |1 NPM_TOKEN={TOKEN} /bin/sh -c make", line=3,
                        base=False, size_bytes=10, compressed_bytes=None)  # fmt: skip
    record = ImageRecord(ref="app", image_id="sha256:x", size_bytes=10, compressed_bytes=None,
                         compressed_method=None, layers=(layer,))  # fmt: skip
    path = write_baseline(record, tmp_path / "baseline.json", secrets=[TOKEN])
    assert TOKEN not in path.read_text() and REDACTED in path.read_text()
    # What `imgopt gate --build-arg` measures is redacted before it is printed or compared.
    from imgopt.gate.baseline import redact_record

    shown = redact_record(record, [TOKEN])
    assert shown.layers[0].created_by == f"RUN |1 NPM_TOKEN={REDACTED} /bin/sh -c make"
    assert redact_record(record, []) is record


SECRET_DOCKERFILE = (
    "FROM debian:bookworm\n"
    f"ENV DATABASE_PASSWORD={PASSWORD}\n"
    "RUN apt-get update && apt-get install -y curl\n"
    "COPY . /app\n"
)


def test_propose_diffs_redact_secret_defaults(cli: CliRunner, tmp_path: Path) -> None:
    context = tmp_path / "app"
    context.mkdir()
    (context / "Dockerfile").write_text(SECRET_DOCKERFILE)
    out = tmp_path / "out"
    code, output = run_cli(cli, "propose", context, "-o", out, "--no-check-images")
    assert code == 0, output
    diffs = sorted(out.glob("*.diff"))
    assert diffs and any(REDACTED in d.read_text() for d in diffs)
    for d in diffs:
        assert PASSWORD not in d.read_text(), d


def test_reports_redact_secret_defaults(cli: CliRunner, tmp_path: Path) -> None:
    run = tmp_path / "run"
    shutil.copytree(FIXTURES / "complete", run)
    for f in (run / "dockerfiles").glob("*/Dockerfile"):
        lines = f.read_text().splitlines(keepends=True)
        lines.insert(1, f"ARG API_TOKEN={PASSWORD}\n")
        f.write_text("".join(lines))
    out = tmp_path / "out"
    code, output = run_cli(cli, "report", run, "-o", out, "--format", "md", "--format", "json")
    assert code == 0, output
    assert PASSWORD.encode() not in _all_bytes(out)


def test_img702_flags_the_secret_with_docs(cli: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(SECRET_DOCKERFILE)
    code, output = run_cli(cli, "lint", tmp_path / "Dockerfile", "--select", "IMG702")
    assert code == 1
    assert "IMG702" in output and "DATABASE_PASSWORD" in output
    code, output = run_cli(cli, "rule", "IMG702")
    assert code == 0 and "Why it matters" in output and "--mount=type=secret" in output


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("ENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D", True),
        ("ARG VERSION=1.2.3", True),
        ("ENV DB_PASSWORD=${DB_PASSWORD}", True),
        ("ENV SECRET_KEY=s3cret-value", False),
        ("+ARG GITHUB_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyzAB", False),
        ("RUN pip install -i https://user:pa55@pypi.example.org/simple x", False),
    ],
)
def test_redaction_keeps_what_is_not_secret(text: str, kept: bool) -> None:
    from imgopt.rules.img702_secret_defaults import redact_secrets

    assert (redact_secrets(text) == text) is kept


def test_analyze_output_diff_redacts_secret_defaults(tmp_path: Path) -> None:
    """The recommended diff that `imgopt analyze` prints (text and Markdown)."""
    import dataclasses
    import sys

    from imgopt.analyze.model import Analysis
    from imgopt.analyze.render import render_markdown, render_text

    sys.path.insert(0, str(REPO / "tests" / "analyze"))
    try:
        from analyze_fakes import analysed  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    t = analysed(tmp_path)
    original = f"FROM debian:bookworm\nENV API_TOKEN={PASSWORD}\nCOPY . /app\n"
    slim = f"FROM debian:bookworm-slim\nENV API_TOKEN={PASSWORD}\nCOPY . /app\n"
    variants = (dataclasses.replace(t.plan.variants[0], dockerfile=original),
                dataclasses.replace(t.plan.variants[1], dockerfile=slim))  # fmt: skip
    plan = dataclasses.replace(t.plan, original=original, variants=variants)
    t = dataclasses.replace(t, plan=plan)
    a = Analysis(kind="dockerfile", source=tmp_path / "Dockerfile", out=tmp_path, targets=(t,))
    for text in (render_text(a), render_markdown(a)):
        assert "FROM debian:bookworm-slim" in text  # the diff is there
        assert PASSWORD not in text and f"API_TOKEN={REDACTED}" in text
