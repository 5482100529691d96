"""Read a Compose file: which services build an image (and from what), which only name one.

Only what ``imgopt analyze`` needs is read: each service's ``build`` (a context string, or an
object with ``context``, ``dockerfile``, ``args`` and ``target``) and ``image``. Other keys
(``ports``, ``volumes``, ``networks``, ``environment``, ``depends_on``, ...) describe how the
containers run, not how the images are made, and are kept only for display. Values are
interpolated the way Compose does (``${VAR}``, ``${VAR:-default}``, ``${VAR-default}``,
``${VAR:?message}``, ``$VAR``, ``$$``) from the environment and the project's ``.env`` file,
the environment winning.

Example:
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "compose.yaml").write_text(
    ...     "services:\\n  web:\\n    build: .\\n  db:\\n    image: postgres:15\\n")
    >>> project = load_compose(folder / "compose.yaml")
    >>> [(s.name, s.build is not None, s.image) for s in project.services]
    [('web', True, None), ('db', False, 'postgres:15')]
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from imgopt.errors import ConfigError, InputError

#: File names ``docker compose`` looks for, in its order of preference.
COMPOSE_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml")

_VAR = re.compile(
    r"\$(?:(?P<escaped>\$)|\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?+])(?P<arg>[^}]*))?\}"
    r"|(?P<named>[A-Za-z_][A-Za-z0-9_]*))"
)


@dataclass(frozen=True, slots=True)
class BuildSpec:
    """How Compose builds a service's image.

    Attributes:
        context: the build context folder (resolved against the Compose file's folder).
        dockerfile: the Dockerfile (resolved against the context).
        args: build arguments (``args:``), values interpolated.
        target: the stage to build (``target:``), or None for the last.
    """

    context: Path
    dockerfile: Path
    args: Mapping[str, str] = field(default_factory=dict)
    target: str | None = None


@dataclass(frozen=True, slots=True)
class ComposeService:
    """One service of a Compose file.

    Attributes:
        name: the service's key under ``services``.
        build: how its image is built, or None when it only names an ``image``.
        image: the ``image`` it names (the tag Compose gives a built image), or None.
        ports: its ``ports``, as written (for display).
        note: why it cannot be analysed, when it has a ``build`` imgopt cannot follow.
    """

    name: str
    build: BuildSpec | None
    image: str | None = None
    ports: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ComposeProject:
    """A Compose file's services, in file order."""

    path: Path
    services: tuple[ComposeService, ...]

    @property
    def built(self) -> tuple[ComposeService, ...]:
        """Services whose image is built from a Dockerfile imgopt can read."""
        return tuple(s for s in self.services if s.build is not None)


def find_compose_file(folder: Path) -> Path | None:
    """The Compose file in ``folder`` that ``docker compose`` would use, or None."""
    for name in COMPOSE_NAMES:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def looks_like_compose(path: Path) -> bool:
    """Whether ``path`` is a Compose file by name (any ``*.yml``/``*.yaml`` named like one)."""
    name = path.name.lower()
    if name in COMPOSE_NAMES:
        return True
    return name.endswith((".yml", ".yaml")) and "compose" in name


def read_env_file(path: Path) -> dict[str, str]:
    """``KEY=VALUE`` lines of a ``.env`` file (``#`` comments, optional quotes, ``export``)."""
    out: dict[str, str] = {}
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return out
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        out[key.strip()] = value
    return out


def interpolate(value: str, env: Mapping[str, str], where: str) -> str:
    """Substitute ``$VAR``-style references in ``value`` as Compose does.

    Raises:
        ConfigError: a ``${VAR:?message}`` whose variable is unset or empty (``?``: unset).
    """

    def sub(m: re.Match[str]) -> str:
        if m.group("escaped"):
            return "$"
        name = m.group("braced") or m.group("named")
        op, arg = m.group("op"), m.group("arg") or ""
        current = env.get(name)
        if op is None:
            return current or ""
        unset = current is None if not op.startswith(":") else not current
        kind = op[-1]
        if kind == "-":
            return arg if unset else current or ""
        if kind == "+":
            return "" if unset else arg
        if unset:  # "?": required
            raise ConfigError(f"{where}: variable {name} is not set: {arg or 'required'}")
        return current or ""

    return _VAR.sub(sub, value)


def load_compose(path: Path, environ: Mapping[str, str] | None = None) -> ComposeProject:
    """Read the services of the Compose file at ``path``.

    Args:
        path: the Compose file.
        environ: variables for interpolation (default: the process environment); the project's
            ``.env`` file fills in what they do not set.

    Raises:
        InputError: the file cannot be read.
        ConfigError: it is not YAML, has no ``services`` mapping, or a value has the wrong type
            (the message names the file and the key).
    """
    import yaml

    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: cannot read ({getattr(err, 'strerror', None) or err})") from None
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(err, "problem", None) or "not valid YAML"
        raise ConfigError(f"{path}{line}: {problem}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("services"), dict):
        raise ConfigError(f"{path}: no `services` mapping; is this a Compose file?")
    env = {**read_env_file(path.parent / ".env"), **(os.environ if environ is None else environ)}
    services = [_service(path, str(name), body, env) for name, body in doc["services"].items()]
    return ComposeProject(path=path, services=tuple(services))


def _service(path: Path, name: str, body: Any, env: Mapping[str, str]) -> ComposeService:
    where = f"{path}: services.{name}"
    if body is None:
        body = {}
    if not isinstance(body, dict):
        raise ConfigError(f"{where}: expected a mapping, got {type(body).__name__}")
    image = body.get("image")
    if image is not None and not isinstance(image, str):
        raise ConfigError(f"{where}.image: expected a string")
    image = interpolate(image, env, f"{where}.image") if image else None
    ports = tuple(str(p) for p in body.get("ports") or () if isinstance(p, str | int | dict))
    raw = body.get("build")
    if raw is None:
        note = None if image else "names neither a `build` nor an `image`"
        return ComposeService(name, None, image, ports, note)
    if isinstance(raw, str):
        raw = {"context": raw}
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}.build: expected a string or a mapping")
    context_text = interpolate(str(raw.get("context", ".")), env, f"{where}.build.context")
    if "://" in context_text or context_text.startswith("git@"):
        note = f"its build context {context_text} is remote; only local contexts are analysed"
        return ComposeService(name, None, image, ports, note)
    if "dockerfile_inline" in raw:
        note = "its Dockerfile is inline (`dockerfile_inline`); only Dockerfile files are analysed"
        return ComposeService(name, None, image, ports, note)
    context = (path.parent / context_text).resolve()
    dockerfile_text = interpolate(
        str(raw.get("dockerfile", "Dockerfile")), env, f"{where}.build.dockerfile"
    )
    dockerfile = (context / dockerfile_text).resolve()
    target = raw.get("target")
    if target is not None and not isinstance(target, str):
        raise ConfigError(f"{where}.build.target: expected a string")
    build = BuildSpec(
        context=context,
        dockerfile=dockerfile,
        args=_args(raw.get("args"), env, f"{where}.build.args"),
        target=interpolate(target, env, f"{where}.build.target") if target else None,
    )
    return ComposeService(name, build, image, ports)


def _args(raw: Any, env: Mapping[str, str], where: str) -> dict[str, str]:
    """``args`` as a mapping or a list of ``KEY=VALUE``; a bare ``KEY`` takes the environment's
    value and is left out when unset (as Compose does)."""
    if raw is None:
        return {}
    items: list[tuple[str, Any]]
    if isinstance(raw, dict):
        items = [(str(k), v) for k, v in raw.items()]
    elif isinstance(raw, list):
        items = []
        for entry in raw:
            key, sep, value = str(entry).partition("=")
            items.append((key, value if sep else None))
    else:
        raise ConfigError(f"{where}: expected a mapping or a list")
    out: dict[str, str] = {}
    for key, value in items:
        if value is None:
            if key in env:
                out[key] = env[key]
            continue
        out[key] = interpolate(str(value), env, f"{where}.{key}")
    return out
