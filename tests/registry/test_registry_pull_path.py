"""The pull path for real (issue 14): with the base images' local tags removed, `imgopt analyze`
proposes slim-base anyway (the registry has its base), pulls it through the engine's docker.io
mirror, builds and verifies it; a registry that is down stops analyze with exit 3 naming the
image and the registry; an image no registry has makes a variant "not buildable" with the
registry's answer; `gate --baseline-image` pulls what is not local.

Removing base tags affects every build on the engine, so the window is kept to one analyze, and
the tags are restored in a finally (to the very same images: the registry holds them)."""

from __future__ import annotations

import json
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, ScratchRegistry, free_port

pytestmark = pytest.mark.engine

IMGOPT = [str(REPO / ".venv" / "bin" / "imgopt")]
FLASK = REPO / "sample_apps" / "flask-tutorial"
REMOVED = ("python:3.11-slim", "debian:bookworm-slim")


def _image_id(ref: str) -> str | None:
    proc = subprocess.run(
        ["docker", "image", "inspect", "--format", "{{.Id}}", ref], capture_output=True, text=True
    )
    return proc.stdout.strip() if proc.returncode == 0 else None


@pytest.fixture
def bases_absent() -> Iterator[dict[str, str]]:
    """Untag python:3.11-slim and debian:bookworm-slim; put the tags back afterwards."""
    ids = {ref: _image_id(ref) for ref in REMOVED}
    missing = [ref for ref, image_id in ids.items() if image_id is None]
    assert not missing, f"stand-ins missing before the test: {missing}"
    try:
        for ref in REMOVED:
            subprocess.run(["docker", "rmi", ref], capture_output=True, check=True)
        yield {ref: str(image_id) for ref, image_id in ids.items()}
    finally:
        for ref, image_id in ids.items():
            if _image_id(ref) != image_id:
                subprocess.run(["docker", "tag", str(image_id), ref], check=True)


def test_analyze_pulls_the_slim_base_through_the_registry(
    tmp_path: Path, bases_absent: dict[str, str]
) -> None:
    out = tmp_path / "analysis"
    proc = subprocess.run(
        [*IMGOPT, "analyze", str(FLASK), "--variants", "slim-base", "--out", str(out),
         "--format", "json"],
        capture_output=True,
        text=True,
        timeout=1200,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    # Proposed although not local: the registry has it; pulled with progress through the mirror.
    assert "pulling debian:bookworm-slim from docker.io (through the engine's mirror" in proc.stderr
    assert "pulling debian:bookworm-slim: " in proc.stderr
    assert _image_id("debian:bookworm-slim") == bases_absent["debian:bookworm-slim"]
    analysis = json.loads(proc.stdout)
    slim = [v for v in analysis["variants"] if v["name"] == "slim-base"]
    assert slim and slim[0]["image_id"] and slim[0]["verified"] is True, slim
    assert slim[0]["base_image"] == "debian:bookworm-slim"


def test_a_registry_that_is_down_stops_analyze_with_exit_3(tmp_path: Path) -> None:
    host = f"127.0.0.1:{free_port()}"  # closed: no registry there
    ref = f"{host}/library/debian:bookworm-slim"
    (tmp_path / "Dockerfile").write_text(f'FROM {ref}\nCMD ["true"]\n')
    proc = subprocess.run(
        [*IMGOPT, "analyze", str(tmp_path), "--variants", "hygiene", "--out",
         str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    assert proc.returncode == 3, proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("imgopt: error:")]
    assert len(errors) == 1 and ref in errors[0] and f"registry {host}" in errors[0], proc.stderr
    assert "Traceback" not in proc.stderr


def test_an_image_no_registry_has_is_not_buildable_with_the_registry_answer(
    tmp_path: Path,
) -> None:
    dockerfile = 'FROM python:3.11\nCOPY app.py .\nCMD ["python", "app.py"]\n'
    (tmp_path / "Dockerfile").write_text(dockerfile)
    (tmp_path / "app.py").write_text("print('ok')\n")
    proc = subprocess.run(
        [*IMGOPT, "propose", str(tmp_path), "-o", str(tmp_path / "out"), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    text = json.dumps(json.loads(proc.stdout))
    assert "python:3.11-alpine" in text and "not buildable" in text
    assert "manifest unknown" in text  # the mirror's answer, quoted
    assert "slim-base" in text


def test_gate_pulls_a_baseline_image_that_is_not_local(
    tmp_path: Path, scratch_registry: ScratchRegistry
) -> None:
    from imgopt.engine.images import push_image, remove_images

    tag = uuid.uuid4().hex[:8]
    baseline = f"{scratch_registry.host}/imgopt-test/gate-base:{tag}"
    subject = f"imgopt-test-gate:{tag}"
    (tmp_path / "Dockerfile").write_text(
        "FROM debian:bookworm-slim\nLABEL imgopt.test=registry\nRUN echo one > /one\n"
    )
    subprocess.run(
        ["docker", "build", "-q", "-t", subject, str(tmp_path)], capture_output=True, check=True
    )
    image_id = str(_image_id(subject))
    try:
        push_image(image_id, baseline)  # what "main pushed"; the baseline tag is not local
        assert _image_id(baseline) is None
        proc = subprocess.run(
            [*IMGOPT, "gate", subject, "--baseline-image", baseline, "--check", "size:+5%"],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert proc.returncode == 0, proc.stderr
        assert f"pulling {baseline}: " in proc.stderr
        assert _image_id(baseline) == image_id
    finally:
        remove_images([image_id])
