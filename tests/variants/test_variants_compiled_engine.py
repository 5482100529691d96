"""The compiled multi-stage from evidence, for real (issue 13 item 4): a small C app
(``compiled_app/``: libyaml from the distribution, a config file a context COPY puts in /etc
before the build) is built, read (layers, ``ldd``, ``dpkg-query -S``), its runtime stage derived
and built, and both images are run and compared.

The original, its evidence and the runtime variant are built once per session
(:func:`compiled_app`); everything is removed after, by tag and run id.
"""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from _variants_fixture import image_size

from imgopt.engine.containers import remove_run_containers, run_container
from imgopt.variants.evidence import BuildEvidence, owner_of

pytestmark = pytest.mark.engine
APP = Path(__file__).parent / "compiled_app"
RUN_ID = f"test-compiled-{uuid.uuid4().hex[:8]}"
TAG = f"imgopt-test/compiled-{RUN_ID}"
LABEL = "imgopt.test=compiled"


@dataclass(frozen=True)
class Built:
    evidence: BuildEvidence
    dockerfile: str
    original: str
    variant: str
    error: str | None


def _build(dockerfile: Path, tag: str) -> str | None:
    cmd = [
        "docker", "buildx", "build", "--load", "--progress=plain", "--label", LABEL,
        "-t", tag, "-f", str(dockerfile), str(APP),
    ]  # fmt: skip
    proc = subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    return None if proc.returncode == 0 else proc.stderr[-3000:]


@pytest.fixture(scope="session")
def compiled_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    from imgopt.analyze.evidence import gather, replan

    original, variant = f"{TAG}:original", f"{TAG}:multistage-slim"
    try:
        error = _build(APP / "Dockerfile", original)
        assert error is None, f"the original does not build:\n{error}"
        evidence = gather(original, base_ref="buildpack-deps:bookworm", run_id=RUN_ID)
        plan = replan(APP / "Dockerfile", APP, evidence, image_available=lambda ref: True)
        proposed = plan.get("multistage-slim")
        assert proposed is not None, plan.skipped
        path = tmp_path_factory.mktemp("compiled") / "Dockerfile"
        path.write_text(proposed.dockerfile)
        yield Built(evidence, proposed.dockerfile, original, variant, _build(path, variant))
    finally:
        remove_run_containers(RUN_ID)
        subprocess.run(["docker", "rmi", "-f", original, variant], capture_output=True)


def _run(image: str) -> tuple[int | None, str]:
    done = run_container(image, run_id=RUN_ID, timeout_s=60)
    return done.exit_code, done.output


def test_the_evidence_names_the_binary_its_library_and_the_release(compiled_app: Built) -> None:
    ev = compiled_app.evidence
    assert ev.release == "debian:bookworm"
    assert ev.entry[0] == "/usr/local/bin/hello"
    libs = ev.libraries["/usr/local/bin/hello"]
    yaml = next(lib for lib in libs if "libyaml" in lib)
    # From the image's own dpkg database, which lists it under the merged-/usr twin path.
    assert owner_of(yaml, ev.owners) == "libyaml-0-2"
    roots = {r.path: r for r in ev.roots}
    assert roots["/usr/src/hello"].build_tree
    assert "/etc/hello" in roots


def test_the_runtime_stage_builds_runs_like_the_original_and_is_smaller(
    compiled_app: Built,
) -> None:
    text = compiled_app.dockerfile
    runtime = text.split("\nFROM ", 2)[-1]
    assert runtime.startswith("debian:bookworm-slim")
    assert "--no-install-recommends libyaml-0-2" in runtime
    assert "COPY --from=build /etc/hello /etc/hello" in runtime
    assert "/usr/src/hello /usr/src/hello" not in runtime  # the build tree stays behind
    assert compiled_app.error is None, f"the runtime variant does not build:\n{compiled_app.error}"
    want = _run(compiled_app.original)
    assert want[0] == 0 and "hello from the config" in want[1], want
    assert _run(compiled_app.variant) == want

    assert image_size(compiled_app.variant) * 5 < image_size(compiled_app.original)


def test_a_variant_that_lacks_a_library_the_original_loads_fails_naming_it(
    compiled_app: Built, tmp_path: Path
) -> None:
    from imgopt.analyze.evidence import LibraryCheck

    check = LibraryCheck()
    check.original = (compiled_app.original, "buildpack-deps:bookworm")
    good = tmp_path / "Dockerfile"
    good.write_text(compiled_app.dockerfile)
    assert check(good, compiled_app.variant, RUN_ID) is None
    # Both images' files were read from the engine's layer store: no container was needed.
    assert check.containers == 0
    # The same runtime stage without the package that holds libyaml: builds, but cannot run.
    broken = tmp_path / "Dockerfile.broken"
    text = compiled_app.dockerfile
    start = text.index("RUN ", text.index("FROM debian"))  # the apt-get install
    broken.write_text(text[:start] + text[text.index("COPY --from", start) :])
    tag = f"{TAG}:broken"
    try:
        assert _build(broken, tag) is None
        problem = check(broken, tag, RUN_ID)
    finally:
        subprocess.run(["docker", "rmi", "-f", tag], capture_output=True)
    assert problem is not None
    assert "/usr/local/bin/hello needs libyaml-0.so.2, which the variant lacks" in problem
    # The loss was read from the layers and confirmed by the image's own ldd, in one container.
    assert check.containers == 1


def test_analyze_proposes_the_compiled_runtime_after_building_the_original(
    tmp_path: Path,
) -> None:
    """The whole path: analyze plans without evidence, builds and verifies the original, reads
    it, plans multistage-slim with the evidence, builds, verifies and recommends it."""
    import shutil

    from imgopt.analyze import AnalyzeOptions, analyze

    app = tmp_path / "app"
    shutil.copytree(APP, app)
    result = analyze(app, options=AnalyzeOptions(out=tmp_path / "out"))
    target = result.targets[0]
    assert target.error is None, target.error
    assert target.plan.get("multistage-slim") is not None, target.plan.skipped
    assert target.bench is not None
    rows = {v.name: v for v in target.bench.variants}
    slim = rows["multistage-slim"]
    assert slim.verified, slim.verify_reason or slim.error
    assert slim.size_bytes is not None and rows["original"].size_bytes is not None
    assert slim.size_bytes * 5 < rows["original"].size_bytes
    assert "could not be read" not in (target.plan.skip_reason("multistage") or "")


def test_analyze_interrupted_after_the_evidence_pass_resumes_with_its_variants(
    tmp_path: Path,
) -> None:
    """``--resume`` of a compiled app whose first attempt had added the variants planned from
    the built original: they are planned again from the recorded evidence (the original's
    image is gone by then), so the resumed run benchmarks the same variants and completes."""
    import os
    import shutil
    import signal
    import sys
    import time

    from imgopt.analyze import AnalyzeOptions, analyze

    app, out = tmp_path / "app", tmp_path / "out"
    shutil.copytree(APP, app)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    log = tmp_path / "stderr"
    with log.open("w") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-m", "imgopt", "analyze", str(app), "--out", str(out)],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env=env,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 900
        while not (out / "evidence.json").is_file():
            assert proc.poll() is None, f"ended before the evidence pass: {log.read_text()}"
            assert time.monotonic() < deadline, "no evidence pass within 900 s"
            time.sleep(0.2)
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    err = log.read_text()
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert "--resume" in err, err
    result = analyze(app, options=AnalyzeOptions(out=out, resume=True))
    target = result.targets[0]
    assert target.error is None, target.error
    assert target.plan.get("multistage-slim") is not None, target.plan.skipped
    assert target.bench is not None
    rows = {v.name: v for v in target.bench.variants}
    assert "multistage-slim" in rows and rows["multistage-slim"].verified, rows
