"""`imgopt bench` end to end on a tiny app: JSON schema, failures, resume, isolation, warm edits."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from imgopt.bench.edit import pick_edit_target, warm_context
from imgopt.bench.results import load_run
from imgopt.bench.runner import BenchOptions, BenchRun, make_variants
from imgopt.cli.app import app
from imgopt.dockerfile import parse
from imgopt.engine.builders import BuildStep
from imgopt.engine.images import images_with_label, remove_images

from .conftest import write_tree

# The blob is 2 MB: a variant must save more than 1 MB (or 1 %) to be recommended over the
# original (imgopt/results/recommend.py), and slim.Dockerfile saves exactly the blob.
ORIGINAL = """\
FROM debian:bookworm-slim
RUN head -c 2000000 /dev/urandom > /opt/blob
RUN rm /opt/blob
COPY main.sh /app/main.sh
CMD ["sh", "/app/main.sh"]
"""
SLIM = """\
FROM debian:bookworm-slim
COPY main.sh /app/main.sh
CMD ["sh", "/app/main.sh"]
"""
BROKEN = """\
FROM debian:bookworm-slim
COPY main.sh /app/main.sh
CMD ["sh", "-c", "echo broken; exit 4"]
"""
MAIN = "echo hello\n"

VARIANT_KEYS = {
    "name",
    "dockerfile",
    "original",
    "image_id",
    "size_bytes",
    "compressed_bytes",
    "layers",
    "own_size_bytes",
    "own_compressed_bytes",
    "base_image",
    "cold_build_s",
    "cold_build_min_s",
    "cold_build_max_s",
    "warm_build_s",
    "warm_build_min_s",
    "warm_build_max_s",
    "builds",
    "efficiency",
    "wasted_bytes",
    "recoverable_bytes",
    "recoverable_own_bytes",
    "verified",
    "verify_reason",
    "error",
    "proof",
    "closure_files",
    "closure_bytes",
    "closure_bytes_here",
    "cold_estimated",
    "cold_estimate_s",
}

runner = CliRunner()


@pytest.fixture()
def app_dir(tmp_path: Path, base_image: str) -> Path:
    return write_tree(
        tmp_path / "app",
        {
            "Dockerfile": ORIGINAL,
            "slim.Dockerfile": SLIM,
            "broken.Dockerfile": BROKEN,
            "main.sh": MAIN,
            "README.md": "not copied\n",
        },
    )


def _bench(*args: str) -> Any:
    return runner.invoke(app, ["bench", *args])


@pytest.fixture(scope="module")
def json_run(tmp_path_factory: pytest.TempPathFactory, base_image: str) -> tuple[Path, Any]:
    root = tmp_path_factory.mktemp("jsonrun")
    app_dir = write_tree(
        root / "app",
        {
            "Dockerfile": ORIGINAL,
            "slim.Dockerfile": SLIM,
            "broken.Dockerfile": BROKEN,
            "main.sh": MAIN,
        },
    )
    out = root / "run"
    result = _bench(
        str(app_dir),
        "-f", str(app_dir / "Dockerfile"),
        "-f", str(app_dir / "slim.Dockerfile"),
        "-f", str(app_dir / "broken.Dockerfile"),
        "--repeat", "1", "--out", str(out), "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (app_dir / "main.sh").read_text() == MAIN  # the warm edit never touches the user's file
    return out, json.loads(result.stdout)


@pytest.mark.engine
def test_json_output_schema(json_run: tuple[Path, Any]) -> None:
    out, doc = json_run
    assert doc["schema"] == "imgopt.bench/1"
    assert doc["status"] == "complete"
    assert doc["builder"] == "buildkit"
    assert Path(doc["run_dir"]) == out
    names = [v["name"] for v in doc["variants"]]
    assert names == ["Dockerfile", "slim.Dockerfile", "broken.Dockerfile"]
    for v in doc["variants"]:
        assert set(v) == VARIANT_KEYS
        assert isinstance(v["size_bytes"], int) and v["size_bytes"] > 70_000_000
        assert (
            isinstance(v["compressed_bytes"], int) and 0 < v["compressed_bytes"] < v["size_bytes"]
        )
        assert isinstance(v["cold_build_s"], float) and isinstance(v["warm_build_s"], float)
        assert 0 < v["efficiency"] <= 1
        assert v["error"] is None
    original, slim, broken = doc["variants"]
    assert original["original"] and original["verified"] is True
    assert original["layers"] == 4 and slim["layers"] == 2
    assert original["recoverable_own_bytes"] == 2000000
    assert original["wasted_bytes"] >= 2000000
    assert slim["verified"] is True
    assert broken["verified"] is False and "exit code 4" in broken["verify_reason"]
    assert doc["recommended"] == "slim.Dockerfile"


@pytest.mark.engine
def test_run_folder_loads_with_one_call(json_run: tuple[Path, Any]) -> None:
    out, doc = json_run
    df = load_run(out)
    builds = df[df.row == "build"]
    assert sorted(zip(builds.variant, builds.kind, strict=True)) == sorted(
        (v, k)
        for v in ("Dockerfile", "slim.Dockerfile", "broken.Dockerfile")
        for k in ("cold", "warm")
    )
    assert (builds.seconds > 0).all()
    warm = builds[(builds.variant == "Dockerfile") & (builds.kind == "warm")].iloc[0]
    assert warm.edited_file == "main.sh"
    assert warm.cached_steps == 2  # both RUN layers came from the cache; only the COPY reran
    layers = df[(df.row == "layer") & (df.variant == "Dockerfile")]
    assert list(layers.instruction) == [
        "FROM debian:bookworm-slim",
        "RUN head -c 2000000 /dev/urandom > /opt/blob",
        "RUN rm /opt/blob",
        "COPY main.sh /app/main.sh",
    ]
    assert list(layers.base) == [True, False, False, False]
    assert layers.compressed_bytes.notna().all()
    meta = json.loads((out / "run.json").read_text())
    assert meta["status"] == "complete"
    assert meta["base_images"][0]["ref"] == "debian:bookworm-slim"
    assert meta["base_images"][0]["standin"] is True
    assert meta["engine"]["version"] and meta["builder"]["name"] == "buildkit"
    broken = df[(df.row == "variant") & (df.variant == "broken.Dockerfile")].iloc[0]
    assert not broken.verified and "broken" in broken.log_tail  # the failing container's log
    # Every image the run built is gone.
    assert images_with_label("imgopt.run", doc["run_id"]) == []


@pytest.mark.engine
def test_failing_original_build_exits_3_with_one_line(app_dir: Path, tmp_path: Path) -> None:
    (app_dir / "Dockerfile").write_text("FROM debian:bookworm-slim\nRUN exit 7\n")
    result = _bench(str(app_dir), "--repeat", "1", "--out", str(tmp_path / "run"))
    assert result.exit_code == 3
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("imgopt: error:")]
    assert len(lines) == 1 and "RUN exit 7" in lines[0] and "exit code: 7" in lines[0]
    df = load_run(tmp_path / "run")
    row = df[df.row == "build"].iloc[0]
    assert row.kind == "cold" and "exit code: 7" in row.error
    assert json.loads((tmp_path / "run" / "run.json").read_text())["status"] == "failed"


@pytest.mark.engine
def test_engine_down_exits_3_with_one_line(app_dir: Path, tmp_path: Path) -> None:
    env = {**os.environ, "DOCKER_HOST": f"unix://{tmp_path}/no-engine.sock"}
    proc = subprocess.run(
        [sys.executable, "-m", "imgopt", "bench", str(app_dir), "--out", str(tmp_path / "run")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 3
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("imgopt: error:")]
    assert len(errors) == 1 and "engine" in errors[0].lower()
    assert "Traceback" not in proc.stderr


class _InterruptAfter:
    """An observer that presses Ctrl-C after ``n`` builds have finished."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.finished = 0

    def build_started(self, variant: str, kind: str, repetition: int, repeat: int) -> None:
        pass

    def build_step(self, step: BuildStep, done: int, total: int) -> None:
        pass

    def build_finished(self, seconds: float | None, error: str | None) -> None:
        self.finished += 1
        if self.finished == self.n:
            raise KeyboardInterrupt

    def phase(self, message: str) -> None:
        pass


@pytest.mark.engine
def test_interrupted_run_keeps_its_rows_and_resumes(app_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    variants = make_variants(app_dir, [app_dir / "Dockerfile", app_dir / "slim.Dockerfile"])
    options = BenchOptions(repeat=2)
    first = BenchRun(variants, options, out, observer=_InterruptAfter(3))
    with pytest.raises(KeyboardInterrupt):
        first.run()
    meta = json.loads((out / "run.json").read_text())
    assert meta["status"] == "interrupted"
    before = load_run(out)
    done_before = before[before.row == "build"][["variant", "kind", "repetition", "seconds"]]
    # The third build's row was written (it finished) before Ctrl-C landed.
    assert len(done_before) == 3
    assert images_with_label("imgopt.run", meta["run_id"]) == []  # cleaned up on interrupt

    resumed = BenchRun(variants, options, out, resume=True).run()
    assert resumed.status == "complete"
    after = load_run(out)
    builds = after[after.row == "build"]
    keys = list(zip(builds.variant, builds.kind, builds.repetition, strict=True))
    assert len(keys) == len(set(keys)) == 2 * 2 * 2  # nothing redone, nothing missing
    # The rows from before the interruption are untouched.
    assert builds.head(3)[["variant", "kind", "repetition", "seconds"]].equals(done_before)
    assert (after.row == "variant").sum() == 2
    assert all(v.verified for v in resumed.variants)


@pytest.mark.engine
def test_two_runs_do_not_touch_each_others_images(app_dir: Path, tmp_path: Path) -> None:
    variants = make_variants(app_dir, [app_dir / "slim.Dockerfile"])
    kept = BenchRun(
        variants, BenchOptions(repeat=1, warm=False, keep_images=True, verify=False), tmp_path / "a"
    ).run()
    try:
        mine = images_with_label("imgopt.run", kept.run_id)
        assert mine
        other = BenchRun(
            variants, BenchOptions(repeat=1, warm=False, verify=False), tmp_path / "b"
        ).run()
        assert images_with_label("imgopt.run", other.run_id) == []
        assert images_with_label("imgopt.run", kept.run_id) == mine
    finally:
        remove_images(images_with_label("imgopt.run", kept.run_id))


def test_edit_target_is_the_source_copied_last(tmp_path: Path) -> None:
    ctx = write_tree(
        tmp_path,
        {
            "requirements.txt": "flask\n",
            "app.py": "print('hi')\n",
            "helpers.py": "x = 1\n",
            "tests/test_app.py": "def test(): pass\n",
            "static/site.css": "body {}\n",
            "ignored.py": "y = 2\n",
            ".dockerignore": "ignored.py\n",
        },
    )
    df = parse(
        "FROM python:3.11\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n"
    )
    target = pick_edit_target(df, ctx)
    assert target is not None and target.path == Path("app.py") and target.opening == "#"
    copy = warm_context(ctx, target, "marker-1")
    try:
        assert (copy / "app.py").read_text() == "print('hi')\n# marker-1\n"
        assert (ctx / "app.py").read_text() == "print('hi')\n"  # the user's file is untouched
        assert (copy / "helpers.py").read_text() == "x = 1\n"
    finally:
        shutil.rmtree(copy.parent)
    go = parse("FROM golang:1.19\nWORKDIR /app\nCOPY go.mod .\nCOPY *.go ./\nRUN go build\n")
    write_tree(
        ctx, {"go.mod": "module x\n", "main.go": "package main\n", "util.go": "package main\n"}
    )
    target = pick_edit_target(go, ctx)
    assert target is not None and target.path == Path("main.go") and target.opening == "//"
    copy = warm_context(ctx, target, "marker-2")
    try:  # a blank line before the comment, as gofmt wants (Dockerfiles run `gofmt -l`)
        assert (copy / "main.go").read_text() == "package main\n\n// marker-2\n"
    finally:
        shutil.rmtree(copy.parent)
    none = parse("FROM scratch\nCOPY requirements.txt /\n")
    assert pick_edit_target(none, ctx) is None


def test_warm_edit_target_follows_copy_from_into_build_stages(tmp_path: Path) -> None:
    # A multi-stage variant whose runtime stage copies only the build stage's output: the code
    # change reaches the image through the build stage, so that is where the edit goes.
    ctx = tmp_path / "ctx"
    write_tree(ctx, {"go.mod": "module x\n", "main.go": "package main\n", "README.txt": "hi\n"})
    go = parse(
        "FROM golang:1.19 AS deps\nCOPY go.mod .\n"
        "FROM deps AS build\nCOPY . .\nRUN go build -o /server\n"
        "FROM gcr.io/distroless/static-debian12\nCOPY --from=build /server /server\n"
        'CMD ["/server"]\n'
    )
    target = pick_edit_target(go, ctx)
    assert target is not None and target.path == Path("main.go")
    # The shipped stage's own context copy of a source file wins over a build stage's.
    write_tree(ctx, {"server.js": "//\n"})
    node = parse(
        "FROM node:18 AS build\nCOPY main.go .\nFROM node:18-slim\n"
        "COPY --from=build /x /x\nCOPY server.js ./\n"
    )
    target = pick_edit_target(node, ctx)
    assert target is not None and target.path == Path("server.js")
    # A stage nothing ships from is never edited.
    unrelated = parse("FROM golang:1.19 AS tools\nCOPY main.go .\nFROM scratch\nCOPY go.mod /\n")
    assert pick_edit_target(unrelated, ctx) is None


def test_resume_lists_variants_planned_after_the_folder_was_written(
    app_dir: Path, tmp_path: Path
) -> None:
    """A run stopped after analyze's evidence pass planned more variants but before run.json
    listed them resumes with them; a resume that drops a recorded variant is refused."""
    from imgopt.engine.builders import get_builder
    from imgopt.errors import InputError

    out = tmp_path / "run"
    original, slim = make_variants(app_dir, [app_dir / "Dockerfile", app_dir / "slim.Dockerfile"])
    first = BenchRun([original], BenchOptions(repeat=1), out)
    first.builder = get_builder("classic")
    first._open()
    first.folder.release()
    assert [v["name"] for v in json.loads((out / "run.json").read_text())["variants"]] == [
        "Dockerfile"
    ]

    resumed = BenchRun([original, slim], BenchOptions(repeat=1), out, resume=True)
    resumed.builder = get_builder("classic")
    resumed._open()
    resumed.folder.release()
    listed = json.loads((out / "run.json").read_text())["variants"]
    assert [v["name"] for v in listed] == ["Dockerfile", "slim.Dockerfile"]
    assert listed[1]["original"] is False

    dropped = BenchRun([slim], BenchOptions(repeat=1), out, resume=True)
    dropped.builder = get_builder("classic")
    with pytest.raises(InputError, match="benchmarks"):
        dropped._open()
