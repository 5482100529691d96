"""`--push REPO` (issue 14): after the run the recommended variant goes to the registry, the
compressed sizes imgopt reported are set beside the manifest's, and the run's images are gone."""

from __future__ import annotations

import json
import subprocess
import uuid
from pathlib import Path

import pytest
from conftest import REPO, ScratchRegistry

from imgopt.errors import InputError

pytestmark = pytest.mark.engine


def hello_app(tmp_path: Path) -> Path:
    app = tmp_path / "app"
    app.mkdir()
    (app / "Dockerfile").write_text(
        'FROM debian:bookworm-slim\nRUN echo hello > /hello\nCMD ["cat", "/hello"]\n'
    )
    return app


def imgopt(*args: str) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [str(REPO / ".venv" / "bin" / "imgopt"), *args], capture_output=True, text=True, timeout=900
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


def images_of_run(run_id: str) -> list[str]:
    return subprocess.run(
        ["docker", "images", "-q", "--filter", f"label=imgopt.run={run_id}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()


def test_bench_push_sends_the_recommended_variant_and_compares_sizes(
    tmp_path: Path, scratch_registry: ScratchRegistry
) -> None:
    app = hello_app(tmp_path)
    repo = f"{scratch_registry.host}/imgopt-test/push-{uuid.uuid4().hex[:8]}"
    proc = imgopt("bench", str(app), "--repeat", "1", "--no-warm", "--out", str(tmp_path / "run"),
                  "--format", "json", "--push", repo)  # fmt: skip
    result = json.loads(proc.stdout)
    (pushed,) = result["pushed"]
    assert pushed["variant"] == result["recommended"]
    assert pushed["ref"] == f"{repo}:{result['recommended']}"
    assert abs(pushed["difference"]) < 0.01
    assert pushed["registry_compressed_bytes"] == sum(x["registry"] for x in pushed["layers"])
    assert "compressed size: imgopt reported" in proc.stderr
    # The run's images are removed once pushed (no --keep-images), as without --push.
    assert images_of_run(result["run_id"]) == []


@pytest.mark.parametrize("repo", ["reg.example/app:v1", "reg.example/app@sha256:" + "a" * 64])
def test_push_takes_a_repository_without_tag(repo: str) -> None:
    from imgopt.bench.publish import check_repo

    with pytest.raises(InputError, match="without tag or digest"):
        check_repo(repo)
    assert check_repo("127.0.0.1:5959/team/app") == "127.0.0.1:5959/team/app"


def test_bench_pulls_a_base_that_is_not_local_with_progress(
    tmp_path: Path, scratch_registry: ScratchRegistry
) -> None:
    from imgopt.engine.images import push_image, remove_images

    # A context folder of its own: `docker build -` (Dockerfile on stdin) leaves a dockerfile*
    # and an empty-dir* folder in /tmp behind each time (the CLI's, not removed).
    base_context = tmp_path / "base"
    base_context.mkdir()
    (base_context / "Dockerfile").write_text(
        "FROM debian:bookworm-slim\nLABEL imgopt.test=registry\nRUN echo base > /base\n"
    )
    base_id = subprocess.run(
        ["docker", "build", "-q", str(base_context)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    ref = f"{scratch_registry.host}/imgopt-test/base:{uuid.uuid4().hex[:8]}"
    try:
        push_image(base_id, ref)
        remove_images([base_id])  # only the registry has it now
        app = tmp_path / "app"
        app.mkdir()
        (app / "Dockerfile").write_text(f'FROM {ref}\nCMD ["cat", "/base"]\n')
        proc = imgopt("bench", str(app), "--repeat", "1", "--no-warm", "--no-verify", "--out",
                      str(tmp_path / "run"))  # fmt: skip
        assert f"pulling {ref}: " in proc.stderr and "done" in proc.stderr
    finally:
        remove_images([base_id])


def test_analyze_push_sends_the_recommendation(
    tmp_path: Path, scratch_registry: ScratchRegistry
) -> None:
    app = hello_app(tmp_path)
    repo = f"{scratch_registry.host}/imgopt-test/analyze-{uuid.uuid4().hex[:8]}"
    proc = imgopt("analyze", str(app), "--out", str(tmp_path / "out"), "--format", "json",
                  "--push", repo)  # fmt: skip
    picked = json.loads(proc.stdout)["recommendation"]["variant"]
    assert f"pushed {picked} as {repo}:{picked}@sha256:" in proc.stderr
    assert "compressed size: imgopt reported" in proc.stderr
    run_id = json.loads((tmp_path / "out" / "run.json").read_text())["run_id"]
    assert images_of_run(run_id) == []
