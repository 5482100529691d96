"""A multi-stage build with the classic builder leaves no image of an intermediate stage behind.

Built through ``get_builder("classic").build``, the call ``imgopt analyze --builder classic``
makes. Other builds run on the engine at the same time, so nothing here counts images globally:
each check looks only at the ids this build's output named, or at images whose history holds
this test's own random marker. The fake-stream side (which ids are chosen) is in
test_classic_leftovers.py.
"""

from __future__ import annotations

import re
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from imgopt.engine.builders import BuildFailure, BuildRequest, get_builder
from imgopt.errors import Interrupted

from .conftest import TEST_LABELS, ImageJanitor, remove_images

pytestmark = pytest.mark.engine

_NAMED = re.compile(r"^ ---> ([0-9a-f]{12})$", re.M)


def docker(*args: str) -> str:
    return subprocess.run(
        ["docker", *args], capture_output=True, text=True, check=True, timeout=120
    ).stdout


def dangling() -> set[str]:
    return set(docker("images", "-f", "dangling=true", "-q", "--no-trunc").split())


def all_images() -> set[str]:
    return set(docker("images", "-a", "-q", "--no-trunc").split())


def exists(image: str) -> bool:
    proc = subprocess.run(["docker", "image", "inspect", image], capture_output=True, check=False)
    return proc.returncode == 0


def chain(image: str) -> set[str]:
    """The image and its local parents."""
    return {
        i[7:19] for i in docker("history", "-q", "--no-trunc", image).split() if i[:7] == "sha256:"
    }


def named(log: str) -> set[str]:
    """Every image id a build's output named (short ids)."""
    assert log.startswith("Step 1/"), "the log tail must hold the whole build for this check"
    return set(_NAMED.findall(log))


def new_dangling(before: set[str], ids: set[str]) -> set[str]:
    return {d[7:19] for d in dangling() - before} & ids


class Marked:
    """Images whose history holds ``marker``: every image the test's Dockerfile makes (its first
    step in each stage names it), by short id."""

    def __init__(self) -> None:
        self.marker = uuid.uuid4().hex
        self.before = all_images()

    def images(self) -> set[str]:
        found = set()
        for image in all_images() - self.before:
            with_history = subprocess.run(
                ["docker", "history", "--no-trunc", "--format", "{{.CreatedBy}}", image],
                capture_output=True,
                text=True,
                check=False,
            )
            if self.marker in with_history.stdout:
                found.add(image[7:19])
        return found


@pytest.fixture
def marked() -> Iterator[Marked]:
    m = Marked()
    yield m
    for _ in range(3):  # whatever the test left, and only that; children before parents
        remove_images(sorted(m.images()))


def two_stages(root: Path, marker: str, final_stage: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "Dockerfile").write_text(
        "FROM debian:bookworm-slim AS build\n"
        f"RUN echo {marker} > /marker\n"
        "RUN cp /marker /copied\n"
        "\n"
        "FROM debian:bookworm-slim\n"
        f"ARG IMGOPT_TEST_MARK={marker}\n"
        "COPY --from=build /copied /marker\n" + final_stage
    )
    return root


def request_for(context: Path, marker: str, **kw: Any) -> BuildRequest:
    """Tagged and labelled as imgopt's runs tag and label theirs."""
    return BuildRequest(
        context=context, tag=f"imgopt-test-classic:{marker[:12]}", labels=TEST_LABELS, **kw
    )


def build(context: Path, marker: str, **kw: Any) -> Any:
    return get_builder("classic").build(request_for(context, marker, **kw))


def test_the_build_stage_goes_and_the_final_image_stays(
    tmp_path: Path, base_image: str, janitor: ImageJanitor, marked: Marked
) -> None:
    context = two_stages(tmp_path / "app", marked.marker, 'CMD ["cat", "/marker"]\n')
    before = dangling()
    result = build(context, marked.marker, no_cache=True)
    janitor.add(result.image_id)
    ids = named(result.log_tail)
    kept = chain(result.image_id)
    base = docker("image", "inspect", "--format", "{{.Id}}", base_image).strip()[7:19]
    gone = {i for i in ids if not exists(i)}
    # The build stage's two images were committed (the output names them) and are gone; the
    # base image and the final image's own chain are all that is left of what the build named.
    assert len(gone) == 2, result.log_tail
    assert ids - gone == (kept & ids) | {base}
    assert new_dangling(before, ids) == set()
    assert marked.images() <= kept  # nothing else the build made is left
    # The final image is whole: it runs and says what the build stage wrote.
    out = docker("run", "--rm", "--label", "imgopt.test=1", "--network", "none", result.image_id)
    assert out.strip() == marked.marker
    labels = docker("image", "inspect", "--format", "{{json .Config.Labels}}", result.image_id)
    assert '"imgopt.test":"1"' in labels


def test_a_stage_another_build_committed_is_left_to_it(
    tmp_path: Path, base_image: str, janitor: ImageJanitor, marked: Marked
) -> None:
    context = two_stages(tmp_path / "app", marked.marker, 'CMD ["cat", "/marker"]\n')
    # Another build (no label, no tag: nothing marks it as imgopt's) built the stage itself.
    # Its image is untagged and childless, exactly what a wrong cleanup would remove.
    other = get_builder("classic").build(BuildRequest(context=context, target="build"))
    janitor.add(other.image_id)
    before = dangling()
    # With the cache: the build stage comes from the other build.
    result = build(context, marked.marker)
    janitor.add(result.image_id)
    assert "Using cache" in result.log_tail
    assert exists(other.image_id)
    assert other.image_id[7:19] in named(result.log_tail)
    assert new_dangling(before, named(result.log_tail)) == set()
    # Left: the other build's stage (its image and the one below it) and this build's image.
    left = marked.images()
    assert len(chain(other.image_id) & left) == 2
    assert left <= chain(other.image_id) | chain(result.image_id)
    out = docker("run", "--rm", "--label", "imgopt.test=1", "--network", "none", result.image_id)
    assert out.strip() == marked.marker


def test_a_failed_build_leaves_no_stage_image(
    tmp_path: Path, base_image: str, marked: Marked
) -> None:
    context = two_stages(tmp_path / "app", marked.marker, "RUN false\n")
    before = dangling()
    with pytest.raises(BuildFailure) as failure:
        build(context, marked.marker, no_cache=True)
    ids = named(failure.value.log_tail)
    assert ids and new_dangling(before, ids) == set()
    assert marked.images() == set()


def test_an_interrupted_build_leaves_no_stage_image(
    tmp_path: Path, base_image: str, marked: Marked
) -> None:
    context = two_stages(tmp_path / "app", marked.marker, "RUN sleep 60\n")
    started: list[str] = []

    def stop(step: Any, done: int, total: int) -> None:
        started.append(step.instruction)
        if step.instruction.startswith("COPY"):  # reported once `RUN sleep 60` has begun
            raise Interrupted(15)

    request = request_for(context, marked.marker, no_cache=True)
    with pytest.raises(Interrupted):
        get_builder("classic").build(request, on_step=stop)
    assert any(s.startswith("RUN echo") for s in started)  # the stage was built, then removed
    assert marked.images() == set()


def test_held_stage_images_serve_the_warm_rebuild_and_go_on_release(
    tmp_path: Path, base_image: str, janitor: ImageJanitor, marked: Marked
) -> None:
    """A bench run holds the stage images (the classic builder's cache) until it ends: the warm
    rebuild takes the build stage from the cache, and the release then removes those images."""
    context = two_stages(tmp_path / "app", marked.marker, 'CMD ["cat", "/marker"]\n')
    builder = get_builder("classic")
    hold = builder.hold_stage_images  # type: ignore[attr-defined]
    hold()
    before = dangling()
    cold = builder.build(request_for(context, marked.marker, no_cache=True))
    janitor.add(cold.image_id)
    stage = named(cold.log_tail) - chain(cold.image_id)
    stage.discard(docker("image", "inspect", "--format", "{{.Id}}", base_image).strip()[7:19])
    assert len(stage) == 2 and all(exists(i) for i in stage)  # held, not removed yet
    warm = builder.build(request_for(context, marked.marker))
    janitor.add(warm.image_id)
    steps = {s.instruction: s.cached for s in warm.steps}
    assert steps[f"RUN echo {marked.marker} > /marker"] is True
    assert steps["RUN cp /marker /copied"] is True
    builder.release_stage_images()  # type: ignore[attr-defined]
    assert not any(exists(i) for i in stage)
    assert new_dangling(before, named(cold.log_tail) | named(warm.log_tail)) == set()
    assert exists(warm.image_id)
