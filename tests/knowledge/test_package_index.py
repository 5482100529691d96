"""Distribution-aware swaps: package names are looked up in a snapshot of Debian's real index."""

from __future__ import annotations

import lzma
from importlib import resources

import pytest

from imgopt.knowledge import (
    adds_apt_sources,
    check_packages,
    release_packages,
    swap_package_check,
)
from imgopt.variants import plan_variants


def test_bookworm_snapshot_is_the_whole_index() -> None:
    names = release_packages("bookworm")
    assert names is not None
    # Debian 12 has about 64,000 binary packages plus the names they provide.
    assert len(names) > 60_000
    assert {"python3-pip", "libssl3", "default-mysql-server", "build-essential"} <= names
    assert not {"python-pip", "libssl1.1", "mysql-server", "php7.0"} & names
    data = resources.files("imgopt.knowledge").joinpath("packages/debian-bookworm.txt.xz")
    lines = lzma.decompress(data.read_bytes()).decode().splitlines()
    assert lines == sorted(lines)


def test_unknown_release_checks_nothing() -> None:
    check = check_packages("stretch", ["curl"])
    assert check.index is None and not check.ok
    assert "no package index of Debian stretch" in check.describe()


def test_check_drops_pins_and_architectures() -> None:
    check = check_packages("bookworm", ["curl=7.88.1-10", "libc6:amd64", "python-dev"])
    assert check.checked == ("curl", "libc6", "python-dev")
    assert check.missing == ("python-dev",)
    assert "1 of the 3 apt packages installed are not in Debian bookworm" in check.describe()


@pytest.mark.parametrize(
    ("base", "sibling", "expected"),
    [
        ("ubuntu:16.04", "debian:bookworm-slim", "bookworm"),
        ("debian:bookworm", "debian:bookworm-slim", None),  # same release: same packages
        ("python:3.11", "python:3.11-slim", None),
    ],
)
def test_swap_check_only_across_releases(base: str, sibling: str, expected: str | None) -> None:
    check = swap_package_check(base, sibling, ["curl"])
    assert (check.release if check else None) == expected


@pytest.mark.parametrize(
    "text",
    [
        "RUN add-apt-repository -y ppa:nginx/stable",
        "RUN echo 'deb http://repo/ x main' > /etc/apt/sources.list.d/x.list",
        "RUN curl -sL https://deb.nodesource.com/setup_8.x | sudo -E bash -",
        "RUN sed -i s/archive.ubuntu.com/mirror/ /etc/apt/sources.list",
    ],
)
def test_own_apt_sources(text: str) -> None:
    assert adds_apt_sources(text)


def test_no_own_apt_sources() -> None:
    assert not adds_apt_sources("RUN apt-get update && apt-get install -y curl\n")


def test_slim_base_refuses_ubuntu_swap_with_missing_packages() -> None:
    # corpus 0057: Ubuntu 14.04's python-pip, python-dev do not exist in Debian 12.
    text = (
        "FROM ubuntu:14.04\n"
        "RUN apt-get update -y && apt-get install -y python python-dev python-pip ssh sshpass\n"
        'CMD ["bash"]\n'
    )
    plan = plan_variants(text, image_available=lambda ref: True)
    assert "slim-base" not in [v.name for v in plan.variants]
    reason = {s.name: s.reason for s in plan.skipped}["slim-base"]
    assert "3 of the 5 apt packages installed are not in Debian bookworm" in reason


def test_slim_base_says_what_it_checked_on_ubuntu() -> None:
    text = "FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y curl vim\n"
    plan = plan_variants(text, image_available=lambda ref: True)
    slim = {v.name: v for v in plan.variants}["slim-base"]
    assert "FROM debian:bookworm-slim" in slim.dockerfile
    rationale = " ".join(c.rationale for c in slim.changes)
    assert "apt packages installed exist in Debian bookworm under the same name" in rationale
