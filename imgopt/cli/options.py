"""The build options ``imgopt baseline save``, ``imgopt gate`` and ``imgopt bench`` share,
declared once so that they read, parse and document the same way in every command."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from imgopt.errors import InputError

if TYPE_CHECKING:
    from imgopt.engine.client import EngineEndpoint

BuildTarget = Annotated[str | None, typer.Option("--target", help="Build this stage.")]
BuildArgs = Annotated[
    list[str] | None,
    typer.Option("--build-arg", help="KEY=VALUE for the build (repeat for more)."),
]
Builder = Annotated[
    str,
    typer.Option(
        "--builder",
        metavar="auto|buildkit|classic|NAME",
        help="auto, buildkit or classic; or a buildx builder's name (BuildKit through it; "
        "remote and multi-node builders too).",
    ),
]
#: The builder kinds; any other --builder value names a buildx builder.
BUILDER_KINDS = ("auto", "buildkit", "classic")
Engines = Annotated[
    list[str] | None,
    typer.Option(
        "--engine",
        metavar="NAME|URL",
        help="An engine to build on: a Docker context name or a DOCKER_HOST-style URL "
        "(unix://, tcp://, ssh://); repeat for several. Default: the engine list of the run "
        "table in imgopt.toml, else DOCKER_HOST or the default socket.",
    ),
]
ShardOption = Annotated[
    str | None,
    typer.Option(
        "--shard",
        metavar="K/N",
        help="Run only part K of N of the work (CI job K of a matrix of N); `imgopt report` "
        "merges the N run folders.",
    ),
]
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


def builder_kind(value: str) -> tuple[str, str | None]:
    """``--builder`` as (kind, buildx builder name): a kind as it is, a name as BuildKit."""
    if value in BUILDER_KINDS:
        return value, None
    if not value.strip():
        raise InputError("--builder: empty name", hint="auto, buildkit, classic or a builder")
    return "buildkit", value.strip()


def selected_engines(engines: list[str] | None, builder: str) -> list[EngineEndpoint]:
    """The engines a command runs on: ``--engine`` (else ``[run] engine`` of the configuration
    file), each with the buildx builder ``--builder NAME`` (else the file's) names; empty when
    none is given anywhere: the environment's engine, as always.

    Raises:
        InputError: a Docker context that does not exist, or one engine named twice.
        ConfigError: a malformed configuration file.
    """
    from imgopt.engine.client import EngineEndpoint, resolve_engine
    from imgopt.schedule.config import load_run_config

    config = load_run_config()
    _, name = builder_kind(builder)
    name = name or config.builder
    specs = list(engines or config.engines)
    if not specs:
        return [EngineEndpoint("default", None, name)] if name else []
    resolved = [resolve_engine(spec, name) for spec in specs]
    hosts = [e.host for e in resolved]
    for i, e in enumerate(resolved):
        if e.host in hosts[:i]:
            raise InputError(
                f"--engine {e.name}: the same engine is named twice ({e.host or 'default'})",
                hint="name each engine once",
            )
    return resolved


def use_one_engine(engines: list[str] | None, builder: str) -> str:
    """For a command that runs on one engine (``bench``): make the engine named by ``--engine``
    or the configuration this process's engine, with its buildx builder; returns the builder kind.

    Raises:
        InputError: several engines (``imgopt analyze PATH...`` spreads work over several).
    """
    endpoints = selected_engines(engines, builder)
    if len(endpoints) > 1:
        raise InputError(
            "this command runs on one engine; "
            f"{len(endpoints)} were given ({', '.join(e.name for e in endpoints)})",
            hint="imgopt analyze PATH... --engine A --engine B spreads targets over several",
        )
    if endpoints:
        from imgopt.engine.client import use_engine

        use_engine(endpoints[0])
    return builder_kind(builder)[0]
