"""Every container verification creates is removed with its anonymous volumes.

An image that declares ``VOLUME`` (the postgres and redis stand-ins, an app's data folder) gets an
anonymous volume for every container created from it; one removed without ``v=True`` leaves that
volume behind, on a user's machine and in CI. One tiny image (no RUN step: seconds to build) goes
through each way verification makes a container: a service run and probed, a one-shot command
run to completion, one that cannot start, and the never-started container the closure reads an
image's files from (``docker export``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from _engine_helpers import built_image
from _volumes import anonymous_volumes, left_behind, no_anonymous_volume_left

from imgopt.engine.containers import (
    ContainerStartError,
    remove_run_containers,
    run_container,
    running_container,
)
from imgopt.engine.filesystem import image_files

pytestmark = pytest.mark.engine

RUN_ID = f"test-volumes-{uuid.uuid4().hex[:8]}"
LABELS = {"imgopt.test": "1"}
DOCKERFILE = 'FROM debian:bookworm-slim\nVOLUME /data /cache\nCMD ["sleep", "30"]\n'


@pytest.fixture(scope="module")
def image(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder: Path = tmp_path_factory.mktemp("volumes")
    (folder / "Dockerfile").write_text(DOCKERFILE)
    with built_image(folder, "volumes", timeout_s=300) as tag:
        yield tag
    remove_run_containers(RUN_ID)


def test_the_check_sees_a_volume_left_behind(image: str) -> None:
    """The helper the other tests rely on does find a container's volume removed without -v."""
    import subprocess

    before = anonymous_volumes()
    cid = subprocess.run(
        ["docker", "create", "--label", f"imgopt.run={RUN_ID}", image],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    ours = anonymous_volumes() - before
    assert len(ours) == 2  # /data and /cache
    subprocess.run(["docker", "rm", "-f", cid], capture_output=True, check=True)  # no -v
    try:
        assert left_behind(before) >= ours
    finally:
        # Only the two volumes this test just made and left on purpose.
        subprocess.run(["docker", "volume", "rm", *sorted(ours)], capture_output=True, check=True)


def test_every_container_verification_makes_goes_with_its_volumes(image: str) -> None:
    with no_anonymous_volume_left(f"run {RUN_ID}"):
        with running_container(image, run_id=RUN_ID, labels=LABELS) as container:
            assert container.state().running
        done = run_container(image, run_id=RUN_ID, labels=LABELS, timeout_s=30, command=["true"])
        assert done.exit_code == 0
        with pytest.raises(ContainerStartError):
            run_container(image, run_id=RUN_ID, labels=LABELS, timeout_s=30, command=["/nope"])
        files = image_files(image, run_id=RUN_ID, labels=LABELS)
        assert files  # read from a created, never started container
