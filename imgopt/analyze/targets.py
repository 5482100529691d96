"""What ``imgopt analyze PATH [-f Dockerfile]`` means: which Dockerfiles to analyse.

PATH may be:

- a build context folder: its ``Dockerfile`` (or ``-f``, taken as given, then relative to the
  folder, as ``docker build -f`` does). A folder without a Dockerfile but with a Compose file
  (``compose.yaml``, ``docker-compose.yml``, ...) is that Compose project;
- a Dockerfile: its folder is the build context;
- a Compose file: every service with a ``build`` is analysed (:mod:`imgopt.analyze.compose`);
  the services that only name an ``image`` are listed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from imgopt.analyze.compose import (
    ComposeService,
    find_compose_file,
    load_compose,
    looks_like_compose,
)
from imgopt.analyze.model import Target
from imgopt.errors import InputError


@dataclass(frozen=True, slots=True)
class Source:
    """The resolved input.

    Attributes:
        kind: ``"dockerfile"`` or ``"compose"``.
        path: the Dockerfile or the Compose file.
        targets: the Dockerfiles to analyse.
        services: every Compose service's name, in file order (empty for a Dockerfile).
        image_services: Compose services that are not analysed (only an image, or a build
            imgopt cannot follow), in file order.
        notes: things to tell the user about the input.
    """

    kind: str
    path: Path
    targets: tuple[Target, ...]
    services: tuple[str, ...] = ()
    image_services: tuple[ComposeService, ...] = ()
    notes: tuple[str, ...] = ()


def _is_compose_text(path: Path) -> bool:
    """A YAML file whose top level has ``services`` (a Compose file with any name)."""
    if path.suffix.lower() not in (".yml", ".yaml"):
        return False
    try:
        with path.open("rb") as fh:  # only called for a regular file (is_file)
            head = fh.read(65536).decode("utf-8", errors="replace")
    except OSError:
        return False
    return any(line.startswith("services:") for line in head.splitlines())


def _app_name(dockerfile: Path, context: Path) -> str:
    return context.resolve().name or dockerfile.resolve().parent.name or "app"


def resolve_source(path: Path, dockerfile: Path | None = None) -> Source:
    """Resolve ``PATH [-f Dockerfile]`` (see the module docs).

    Raises:
        InputError: the path does not exist, holds neither a Dockerfile nor a Compose file,
            ``-f`` is combined with a file, or a Compose service names a Dockerfile that is not
            there.
        ConfigError: a malformed Compose file (its file and key named).
    """
    if not path.exists():
        raise InputError(f"{path}: no such file or directory")
    if path.is_file():
        if dockerfile is not None:
            raise InputError(
                f"{path} is a file; -f names a Dockerfile inside a build context folder",
                hint="give the build context folder as PATH with -f, or the Dockerfile alone",
            )
        if looks_like_compose(path) or _is_compose_text(path):
            return _compose(path)
        return Source(
            "dockerfile", path, (Target(_app_name(path, path.parent), path, path.parent),)
        )
    if dockerfile is not None:
        found = dockerfile if dockerfile.is_file() else path / dockerfile
        if not found.is_file():
            raise InputError(f"{dockerfile}: no such Dockerfile (also looked in {path})")
        return Source("dockerfile", found, (Target(_app_name(found, path), found, path),))
    compose = find_compose_file(path)
    candidate = path / "Dockerfile"
    if candidate.is_file():
        notes: tuple[str, ...] = ()
        if compose is not None:
            notes = (f"{compose} is here too: `imgopt analyze {compose}` analyses every service",)
        target = Target(_app_name(candidate, path), candidate, path)
        return Source("dockerfile", candidate, (target,), notes=notes)
    if compose is not None:
        return _compose(compose)
    raise InputError(
        f"{path} holds no Dockerfile and no Compose file",
        hint="give a build context folder with a Dockerfile, a Dockerfile (or -f), "
        "or a Compose file",
    )


def _compose(path: Path) -> Source:
    project = load_compose(path)
    targets: list[Target] = []
    others: list[ComposeService] = []
    for s in project.services:
        if s.build is None:
            others.append(s)
            continue
        if not os.path.isdir(s.build.context):  # False, not OSError, for a 400-char name
            raise InputError(
                f"{path}: services.{s.name}: build context {s.build.context} is missing"
            )
        if not os.path.isfile(s.build.dockerfile):
            raise InputError(
                f"{path}: services.{s.name}: Dockerfile {s.build.dockerfile} is missing"
            )
        targets.append(
            Target(
                name=s.name,
                dockerfile=s.build.dockerfile,
                context=s.build.context,
                build_args=dict(s.build.args),
                stage=s.build.target,
                compose_file=path,
            )
        )
    return Source(
        kind="compose",
        path=path,
        targets=tuple(targets),
        services=tuple(s.name for s in project.services),
        image_services=tuple(others),
    )
