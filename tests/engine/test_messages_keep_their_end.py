"""Errors keep their useful end (issue 11): a long engine or build message is shortened in its
middle, never cut after 300 characters, so "exec: ...: no such file or directory" still names
the executable that is missing."""

from __future__ import annotations

from pathlib import Path

from imgopt.errors import keep_ends

PREFIX = (
    "failed to create task for container: failed to create shim task: OCI runtime create "
    "failed: runc create failed: unable to start container process: "
)
LONG = PREFIX * 4 + 'exec: "/app-exe": stat /app-exe: no such file or directory: unknown'


def test_keep_ends_keeps_head_and_tail_with_an_ellipsis_between() -> None:
    short = keep_ends(LONG, 300)
    assert len(short) <= 300
    assert short.startswith("failed to create task")
    assert short.endswith('exec: "/app-exe": stat /app-exe: no such file or directory: unknown')
    assert " ... " in short
    assert keep_ends("short\n  text") == "short text"


def test_a_container_start_error_keeps_the_missing_executables_name() -> None:
    from imgopt.engine.containers import _short

    said = _short(RuntimeError(LONG))
    assert "stat /app-exe: no such file or directory" in said
    assert len(LONG) > 600 >= len(said)


def test_an_engine_explanation_keeps_its_end() -> None:
    from imgopt.engine.images import _explanation

    class Refused(Exception):
        explanation = "x" * 900 + " manifest unknown: python:3.99-slim"

    assert _explanation(Refused()).endswith("manifest unknown: python:3.99-slim")


def test_a_rejected_dockerfile_keeps_the_end_of_the_parsers_words() -> None:
    from imgopt.engine.builders.base import rejected_dockerfile

    text = "dockerfile parse error on line 3: " + "unknown flag " * 40 + "--chmodd"
    failure = rejected_dockerfile(text, Path("Dockerfile"))
    assert failure is not None
    assert failure.message.startswith("Dockerfile:3: unknown flag")
    assert failure.message.endswith("--chmodd")


def test_a_build_failure_keeps_its_last_words() -> None:
    from imgopt.engine.builders.buildkit import _one_line

    assert _one_line("step output\n" * 100 + "/bin/sh: 1: jqq: not found").endswith(
        "jqq: not found"
    )
