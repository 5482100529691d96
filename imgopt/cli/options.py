"""The build options ``imgopt baseline save``, ``imgopt gate`` and ``imgopt bench`` share,
declared once so that they read, parse and document the same way in every command."""

from __future__ import annotations

from typing import Annotated

import typer

from imgopt.errors import InputError

BuildTarget = Annotated[str | None, typer.Option("--target", help="Build this stage.")]
BuildArgs = Annotated[
    list[str] | None,
    typer.Option("--build-arg", help="KEY=VALUE for the build (repeat for more)."),
]
Builder = Annotated[str, typer.Option("--builder", help="auto, buildkit or classic.")]
NoCache = Annotated[
    bool, typer.Option("--no-cache", help="Build without the build cache (a cold build).")
]
Labels = Annotated[
    list[str] | None, typer.Option("--label", help="KEY=VALUE label for a built image.")
]
Tag = Annotated[
    str | None, typer.Option("--tag", "-t", help="Name a built image (e.g. to push it next).")
]


def pairs(items: list[str], option: str) -> dict[str, str]:
    """``KEY=VALUE`` items as a mapping.

    Raises:
        InputError: an item without ``=``, naming ``option``.
    """
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise InputError(f"{option} {item!r}: expected KEY=VALUE")
        out[key] = value
    return out
