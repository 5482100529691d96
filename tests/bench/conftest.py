"""Fixtures for the bench tests: small images of our own, built once per session and removed.

Every image a test builds carries ``imgopt.test=1``; everything a fixture builds is removed when the
session ends. Base images come from the stand-ins (``debian:bookworm-slim``) or ``scratch``.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

BASE = "debian:bookworm-slim"
TEST_LABELS = {"imgopt.test": "1"}


def wait_for_image(ref: str, timeout_s: float = 900) -> None:
    """Wait for a stand-in that another process may still be building (never pulls)."""
    deadline = time.monotonic() + timeout_s
    while True:
        proc = subprocess.run(["docker", "image", "inspect", ref], capture_output=True, check=False)
        if proc.returncode == 0:
            return
        if time.monotonic() > deadline:
            pytest.fail(f"base image {ref} is missing; run `make standins`", pytrace=False)
        time.sleep(5)


def remove_images(ids: list[str]) -> None:
    if ids:
        subprocess.run(["docker", "rmi", "-f", *ids], capture_output=True, check=False)


@pytest.fixture(scope="session")
def base_image() -> str:
    wait_for_image(BASE)
    return BASE


class ImageJanitor:
    """Collects the images a session builds and removes them at the end."""

    def __init__(self) -> None:
        self.ids: list[str] = []

    def add(self, image_id: str) -> str:
        self.ids.append(image_id)
        return image_id


@pytest.fixture(scope="session")
def janitor() -> Iterator[ImageJanitor]:
    j = ImageJanitor()
    yield j
    remove_images(j.ids)


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` (relative path -> content) under ``root``."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
    return root
