"""Images in registries (issue 14): available when local or in a registry, asked through the
engine; pulled with progress; the registry's own answer quoted when it has none; a registry that
is down named with the image (exit 3); the compressed sizes imgopt reports match what a registry
stores. Everything pushed goes to the session's scratch registry; every local image made or
pulled here is removed."""

from __future__ import annotations

import io
import subprocess
import tarfile
import uuid
from collections.abc import Iterator

import pytest
from conftest import ScratchRegistry, free_port

from imgopt.bench.layers import measure_layers
from imgopt.bench.publish import LayerSize, Pushed
from imgopt.engine.images import (
    ImageAvailability,
    RegistryError,
    ensure_image,
    inspect_image,
    lookup_image,
    pull_image,
    push_image,
    registry_layer_sizes,
    remove_images,
)
from imgopt.errors import ExitCode

pytestmark = pytest.mark.engine


def _docker(*args: str) -> str:
    return subprocess.run(
        ["docker", *args], capture_output=True, text=True, check=True
    ).stdout.strip()


@pytest.fixture
def tiny_image() -> Iterator[str]:
    """A one-file image of this test's own (docker import), removed afterwards."""
    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w") as tar:
        payload = uuid.uuid4().hex.encode()
        info = tarfile.TarInfo("hello.txt")
        info.size = len(payload)
        tar.addfile(info, io.BytesIO(payload))
    name = f"imgopt-test-registry:{uuid.uuid4().hex[:8]}"
    image_id = (
        subprocess.run(
            ["docker", "import", "--change", "LABEL imgopt.test=registry", "-", name],
            input=data.getvalue(),
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .strip()
    )
    try:
        yield image_id
    finally:
        remove_images([image_id])


def test_a_local_image_is_available_without_asking_a_registry() -> None:
    found = lookup_image("python:3.11-slim")
    assert found.local and found.available and found.remote is None


def test_an_image_only_a_registry_has_is_available_and_pulls_with_progress(
    scratch_registry: ScratchRegistry, tiny_image: str
) -> None:
    ref = f"{scratch_registry.host}/imgopt-test/tiny:{uuid.uuid4().hex[:8]}"
    digest = push_image(tiny_image, ref)
    remove_images([tiny_image])  # now only the registry has it
    found = lookup_image(ref)
    assert not found.local and found.available
    assert found.remote is not None and found.remote.digest == digest
    assert scratch_registry.host in found.registry
    lines: list[str] = []
    try:
        assert pull_image(ref, lines.append) == tiny_image  # the very image pushed
        assert lines and lines[-1].startswith(f"pulling {ref}: ") and "done" in lines[-1]
        assert lookup_image(ref).local
        assert ensure_image(ref) is False  # present now: nothing pulled again
    finally:
        remove_images([tiny_image])


def test_an_image_no_registry_has_is_missing_with_the_registry_answer(
    scratch_registry: ScratchRegistry,
) -> None:
    ref = f"{scratch_registry.host}/imgopt-test/nothing:1"
    found = lookup_image(ref)
    assert not found.available
    assert found.reason.startswith(f"{scratch_registry.host} answered: ")
    assert "manifest unknown" in found.reason  # the registry's words, not ours
    with pytest.raises(RegistryError, match="manifest unknown"):
        ensure_image(ref)


def test_a_registry_that_is_down_is_named_with_the_image() -> None:
    host = f"127.0.0.1:{free_port()}"  # nothing listens there
    ref = f"{host}/library/debian:bookworm-slim"
    with pytest.raises(RegistryError) as err:
        lookup_image(ref)
    assert ref in err.value.message and f"registry {host}" in err.value.message
    assert "connection refused" in err.value.message
    assert err.value.exit_code == ExitCode.ENGINE
    # For the planner, a candidate image behind a registry that is down is not available (its
    # variant is not buildable here, with the reason), and the analysis goes on.
    available = ImageAvailability()
    assert available(ref) is False
    assert available.explain(ref) == (
        f"{host} could not be reached: " + err.value.message.split(": ", 1)[1]
    )
    with pytest.raises(RegistryError):
        available.lookup(ref)  # what a build needs is asked again, and fails loudly


@pytest.mark.parametrize("image", ["debian:bookworm-slim", "python:3.11-slim"])
def test_reported_compressed_sizes_agree_with_the_registry_within_one_percent(
    scratch_registry: ScratchRegistry, image: str
) -> None:
    info = inspect_image(image)
    ref = f"{scratch_registry.host}/imgopt-test/{image.replace(':', '-')}:sizes"
    digest = push_image(info.id, ref)  # the tag is removed again; the stand-in stays as it was
    stored = registry_layer_sizes(ref, digest)
    facts = measure_layers(info.id, info.diff_ids, entries=False)
    pushed = Pushed(
        image,
        ref,
        digest,
        tuple(
            LayerSize(f.diff_id, f.compressed_bytes, s) for f, s in zip(facts, stored, strict=True)
        ),
    )
    assert pushed.difference is not None
    assert abs(pushed.difference) < 0.01, "\n".join(pushed.lines())
    assert _docker("image", "inspect", "--format", "{{.Id}}", image) == info.id
