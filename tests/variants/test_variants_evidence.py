"""Multi-stage variants from evidence, not guesses (issue 13): no guessed runtime stage for
compiled code, Go data folders that hold Go files too are kept, and the Python runtime stage
leaves setuptools/pkg_resources out unless the app names them."""

from __future__ import annotations

from pathlib import Path

from imgopt.variants import plan_variants
from imgopt.variants.strategies.compiled import NO_EVIDENCE


def _plan(text: str, ctx: Path | None = None):  # type: ignore[no-untyped-def]
    return plan_variants(text, context_dir=ctx, image_available=lambda ref: True)


def test_compiled_code_gets_no_guessed_runtime_stage() -> None:
    # The shape of the corpus files that lost /usr/src/redmine or a binary moved to /cpuminer.
    text = (
        "FROM debian:bookworm\n"
        "RUN apt-get update && apt-get install -y gcc make libssl-dev curl\n"
        "RUN curl -L https://example.org/cpuminer.tgz | tar xz && cd cpuminer "
        "&& ./configure && make && make install && mv cpuminer /cpuminer\n"
        'ENTRYPOINT ["/cpuminer"]\n'
    )
    plan = _plan(text)
    names = [v.name for v in plan.variants]
    assert "multistage" not in names and "multistage-slim" not in names
    reasons = {s.name: s.reason for s in plan.skipped}
    assert reasons["multistage"] == NO_EVIDENCE
    assert "no guessed runtime stage" in reasons["multistage-slim"]


def test_go_keeps_a_config_folder_that_also_holds_go_files(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text("module example.com/app\n\ngo 1.19\n")
    (tmp_path / "main.go").write_text('package main\n\nfunc main() { loadConfig("config") }\n')
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "load.go").write_text("package main\n\nfunc loadConfig(string) {}\n")
    (tmp_path / "config" / "app.yaml").write_text("port: 8080\n")
    (tmp_path / "internal").mkdir()
    (tmp_path / "internal" / "x.go").write_text("package internal\n")
    text = 'FROM golang:1.19\nWORKDIR /app\nCOPY . .\nRUN go build -o /server .\nCMD ["/server"]\n'
    plan = _plan(text, tmp_path)
    multi = {v.name: v.dockerfile for v in plan.variants}["multistage-slim"]
    assert "/app/config /app/config" in multi
    assert "/app/internal" not in multi  # Go sources only: not read at run time


def _python_ctx(tmp_path: Path, app: str) -> Path:
    (tmp_path / "requirements.txt").write_text("flask==3.0.0\n")
    (tmp_path / "app.py").write_text(app)
    return tmp_path


PY = (
    "FROM python:3.11\nWORKDIR /app\nCOPY requirements.txt .\n"
    "RUN pip install -r requirements.txt\nCOPY . .\n"
    'CMD ["python", "app.py"]\n'
)


def test_python_runtime_leaves_setuptools_out(tmp_path: Path) -> None:
    plan = _plan(PY, _python_ctx(tmp_path, "import flask\n"))
    multi = {v.name: v.dockerfile for v in plan.variants}["multistage-slim"]
    assert "RUN python3 -m pip uninstall -y pip setuptools wheel" in multi


def test_python_runtime_keeps_setuptools_the_app_imports(tmp_path: Path) -> None:
    plan = _plan(PY, _python_ctx(tmp_path, "import pkg_resources\n"))
    variant = {v.name: v for v in plan.variants}["multistage-slim"]
    assert "RUN python3 -m pip uninstall -y pip\n" in variant.dockerfile
    assert any("setuptools (and pkg_resources) stay" in c.rationale for c in variant.changes)


def test_runtime_packages_are_those_of_the_stage_release(tmp_path: Path) -> None:
    # Debian 12's table says libssl-dev -> libssl3; bullseye has libssl1.1. With no index of
    # bullseye to confirm a name, the runtime stage keeps the -dev package (it depends on the
    # right library) instead of a guessed one.
    (tmp_path / "package.json").write_text('{"name": "a", "version": "1.0.0"}\n')
    (tmp_path / "package-lock.json").write_text('{"lockfileVersion": 3}\n')
    (tmp_path / "server.js").write_text("require('http')\n")
    text = (
        "FROM node:18-bullseye\n"
        "RUN apt-get update && apt-get install -y libssl-dev\n"
        "WORKDIR /app\n"
        "COPY package*.json ./\n"
        "RUN npm ci\n"
        "COPY . .\n"
        'CMD ["node", "server.js"]\n'
    )
    plan = _plan(text, tmp_path)
    variants = {v.name: v for v in plan.variants}
    multi = variants.get("multistage") or variants.get("multistage-slim")
    assert multi is not None, [(s.name, s.reason) for s in plan.skipped]
    runtime = multi.dockerfile.split("\nFROM ", 2)[-1]
    assert "libssl3" not in runtime
    assert "libssl-dev" in runtime
