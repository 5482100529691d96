"""How references map to registries and repository paths (no engine needed)."""

from __future__ import annotations

import pytest

from imgopt.engine.images import registry_host, repository_path


@pytest.mark.parametrize(
    ("ref", "host", "path"),
    [
        ("python:3.11", "docker.io", "library/python"),
        ("python", "docker.io", "library/python"),
        ("team/app:v1", "docker.io", "team/app"),
        ("docker.io/library/python:3.11", "docker.io", "library/python"),
        ("index.docker.io/team/app", "docker.io", "team/app"),
        ("gcr.io/distroless/static-debian12", "gcr.io", "distroless/static-debian12"),
        ("127.0.0.1:5959/library/debian:bookworm-slim", "127.0.0.1:5959", "library/debian"),
        ("localhost/app@sha256:" + "a" * 64, "localhost", "app"),
        ("reg.example:5000/team/app:v1@sha256:" + "b" * 64, "reg.example:5000", "team/app"),
    ],
)
def test_reference_names_its_registry_and_repository(ref: str, host: str, path: str) -> None:
    assert registry_host(ref) == host
    assert repository_path(ref) == path
