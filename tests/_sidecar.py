"""The verification sidecar's image for engine tests: built once per test session, removed at its
end when the session built it (an image that was there before is a user's cache, kept)."""

from __future__ import annotations

import json
import subprocess

import pytest

from imgopt.engine.sidecar import image_tag, sidecar_image

_TAG = pytest.StashKey[str]()


def session_sidecar_image(config: pytest.Config) -> str:
    """The sidecar image's tag; built now if the engine lacks it, once per session."""
    if _TAG in config.stash:
        return config.stash[_TAG]
    tag = image_tag()
    present = subprocess.run(["docker", "image", "inspect", tag], capture_output=True).returncode
    built = present != 0
    assert sidecar_image() == tag
    config.stash[_TAG] = tag
    if built:

        def remove() -> None:
            subprocess.run(["docker", "rmi", tag], capture_output=True, timeout=120)

        config.add_cleanup(remove)
    return tag


def sidecars_created(run_id: str, since: float, until: float) -> list[str]:
    """Names of the sidecars the engine created for run ``run_id`` between two times (its events:
    each sidecar carries the run's label and ``imgopt.sidecar-of``)."""
    proc = subprocess.run(
        ["docker", "events", "--since", f"{since:.3f}", "--until", f"{until:.3f}",
         "--filter", "type=container", "--filter", "event=create",
         "--filter", f"label=imgopt.run={run_id}", "--format", "{{json .}}"],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    names = []
    for line in proc.stdout.splitlines():
        attributes = json.loads(line).get("Actor", {}).get("Attributes", {})
        if "imgopt.sidecar-of" in attributes:
            names.append(str(attributes.get("name", "")))
    return names
