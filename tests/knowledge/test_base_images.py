from __future__ import annotations

import pytest

from imgopt.knowledge import (
    capabilities_of_apt_package,
    capabilities_of_command,
    families,
    native_package,
    parse_tag,
    runtime_packages,
    siblings,
)


@pytest.mark.parametrize(
    ("tag", "version", "flavor", "distro"),
    [
        ("3.11-slim-bookworm", "3.11", "slim", "bookworm"),
        ("18-bookworm-slim", "18", "slim", "bookworm"),
        ("bookworm", None, "", "bookworm"),
        ("17-jdk-jammy", "17", "jdk", "jammy"),
        ("3.11-alpine3.19", "3.11", "alpine3.19", None),
        (None, "latest", "", None),
    ],
)
def test_parse_tag(tag: str | None, version: str | None, flavor: str, distro: str | None) -> None:
    parts = parse_tag(tag)
    assert (parts.version, parts.flavor, parts.distro) == (version, flavor, distro)


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("python:3.11", "python:3.11-slim"),
        ("python:3.11-bookworm", "python:3.11-slim-bookworm"),
        ("node:18", "node:18-slim"),
        ("node:18-bookworm", "node:18-bookworm-slim"),
        ("debian:bookworm", "debian:bookworm-slim"),
        ("golang:1.19", "gcr.io/distroless/static-debian12"),
        ("eclipse-temurin:17-jdk", "eclipse-temurin:17-jre"),
        ("openjdk:17", "eclipse-temurin:17-jre"),
        ("ubuntu:20.04", "debian:bookworm-slim"),
        ("python", "python:slim"),
    ],
)
def test_first_sibling(ref: str, expected: str) -> None:
    assert siblings(ref)[0].ref == expected


def test_alpine_siblings_are_musl_and_drop_the_codename() -> None:
    alpine = [s for s in siblings("python:3.11-bookworm") if s.kind == "alpine"]
    assert [s.ref for s in alpine] == ["python:3.11-alpine"]
    assert alpine[0].musl


def test_distroless_python_only_for_its_python_version() -> None:
    assert any(s.kind == "distroless" for s in siblings("python:3.11-slim"))
    assert not any(s.kind == "distroless" for s in siblings("python:3.12-slim"))
    d = next(s for s in siblings("python:3.11") if s.kind == "distroless")
    assert d.runtime_only and "shell" in d.lacks


@pytest.mark.parametrize(
    "ref",
    [
        "gcr.io/distroless/static-debian12",
        "myorg/python:3.11",
        "python@sha256:" + "0" * 64,
        "${BASE}",
        "scratch",
        "python:3.11-alpine",
    ],
)
def test_no_siblings_for_unknown_pinned_or_already_slim(ref: str) -> None:
    assert siblings(ref) == [] or all(s.kind != "slim" for s in siblings(ref))


def test_every_family_named_in_the_issue_is_known() -> None:
    names = set(families())
    assert {
        "python",
        "node",
        "golang",
        "debian",
        "ubuntu",
        "buildpack-deps",
        "openjdk",
        "eclipse-temurin",
        "nginx",
        "ruby",
        "rust",
    } <= names


def test_package_tables() -> None:
    assert runtime_packages("libpq-dev") == ("libpq5",)
    assert runtime_packages("libpq-dev=15.1") == ("libpq5",)
    assert runtime_packages("curl") is None
    assert native_package("python", "psycopg2==2.9.9") == ("libpq5",)
    assert native_package("python", "flask") is None
    assert native_package("node", "bcrypt") == ()
    assert capabilities_of_apt_package("libssl-dev") == {"dev-headers"}
    assert capabilities_of_apt_package("build-essential") == {"compilers"}
    assert capabilities_of_command("/usr/bin/git") == {"vcs"}
