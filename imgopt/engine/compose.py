"""Read a Compose project with Compose itself: which services build an image, which only name one.

The project is resolved by the real Compose v2 (``docker compose config --format json``), so
override files, profiles, ``include``, ``extends``, ``.env`` files and interpolation mean exactly
what they mean to ``docker compose``. From the resolved project imgopt reads each service's
``build`` (context, dockerfile, args, target) and ``image``, and keeps the whole resolved
definition (:attr:`ComposeService.definition`) for starting a service's dependencies
(:mod:`imgopt.verify.deps`).

Example (needs ``docker compose``)::

    project = load_compose(Path("sample_apps/compose-tutorial/docker-compose.yml"))
    [(s.name, s.build is not None, s.image) for s in project.services]
    # [('web', True, None), ('db', False, 'postgres:15')]
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from imgopt.errors import ConfigError, EngineError, InputError

#: File names ``docker compose`` looks for, in its order of preference.
COMPOSE_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml")
COMPOSE_HINT = "scripts/setup-engine.sh installs Docker Compose v2 (`docker compose`)"
#: How many folders above a build context are searched for a Compose file that builds it.
SEARCH_LEVELS = 3
COMPOSE_TIMEOUT_S = 60.0


@dataclass(frozen=True, slots=True)
class BuildSpec:
    """How Compose builds a service's image.

    Attributes:
        context: the build context folder (absolute).
        dockerfile: the Dockerfile (resolved against the context).
        args: build arguments (``args:``), as Compose resolved them.
        target: the stage to build (``target:``), or None for the last.
    """

    context: Path
    dockerfile: Path
    args: Mapping[str, str] = field(default_factory=dict)
    target: str | None = None


@dataclass(frozen=True, slots=True)
class ComposeService:
    """One service of a Compose project.

    Attributes:
        name: the service's key under ``services``.
        build: how its image is built, or None when it only names an ``image``.
        image: the ``image`` it names (the tag Compose gives a built image), or None.
        ports: its ``ports``, for display (``"5000:5000"``).
        note: why it cannot be analysed, when it has a ``build`` imgopt cannot follow.
        definition: the service as Compose resolved it (JSON).
    """

    name: str
    build: BuildSpec | None
    image: str | None = None
    ports: tuple[str, ...] = ()
    note: str | None = None
    definition: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class ComposeProject:
    """A Compose project's services, in file order (then by name: from ``include``...).

    Attributes:
        path: the Compose file.
        name: the project's name.
        services: its services.
        definition: the whole project as Compose resolved it (JSON).
        notes: what imgopt supplied that the project lacked (an ``env_file`` that is not
            there: see :func:`load_compose`).
    """

    path: Path
    services: tuple[ComposeService, ...]
    name: str = ""
    definition: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    notes: tuple[str, ...] = ()

    @property
    def built(self) -> tuple[ComposeService, ...]:
        """Services whose image is built from a Dockerfile imgopt can read."""
        return tuple(s for s in self.services if s.build is not None)

    def service(self, name: str) -> ComposeService | None:
        """The service called ``name``, or None."""
        return next((s for s in self.services if s.name == name), None)


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


def load_compose(
    path: Path, environ: Mapping[str, str] | None = None, *, all_profiles: bool = False
) -> ComposeProject:
    """Resolve the Compose project of the file at ``path`` with ``docker compose config``.

    Args:
        path: the Compose file (its override file beside it is merged, as Compose does).
        environ: variables for interpolation (default: the process environment); the project's
            ``.env`` file fills in what they do not set, as Compose does.
        all_profiles: include the services of every profile (``--profile '*'``).

    An ``env_file`` that does not exist (a git-ignored ``.env`` beside the ``.env.example`` the
    repository ships) is replaced by its template when there is one (``.env.example``,
    ``.sample``, ``.dist``, ``-dist``, ``.template``, ``.default(s)``), else left out
    (``required: false``); the project's ``.env`` for interpolation likewise. Each replacement is
    listed in :attr:`ComposeProject.notes`; the user's files are never changed.

    Raises:
        InputError: the file cannot be read.
        ConfigError: Compose refuses it (the message names the file, and the line or key).
        EngineError: ``docker compose`` (v2) is not installed or does not answer.
    """
    if not path.is_file():
        raise InputError(f"{path}: cannot read (no such file)")
    notes: tuple[str, ...] = ()
    try:
        data = _compose_config(path, environ, all_profiles)
    except ConfigError as err:
        if not _MISSING_ENV_FILE.search(err.message):
            raise
        # A repository ships `.env.example` and git-ignores `.env`: Compose refuses the project
        # until someone copies it. Resolve it as that someone would (see _env_stand_ins).
        data, notes = _with_env_stand_ins(path, environ, all_profiles)
    services = data.get("services") or {}
    if not isinstance(services, dict):
        raise ConfigError(f"{path}: no `services` mapping; is this a Compose file?")
    order = _file_order(path)
    names = sorted(services, key=lambda n: (order.get(str(n), len(order)), str(n)))
    return ComposeProject(
        path=path,
        services=tuple(_checked_service(path, str(name), services[name]) for name in names),
        name=str(data.get("name") or ""),
        definition=data,
        notes=notes,
    )


def find_compose_for(
    context: Path, dockerfile: Path, *, other_dockerfile: bool = False
) -> tuple[ComposeProject, ComposeService] | None:
    """A Compose project next to or above ``context`` with a service that builds it, or None.

    The service must build this context with this Dockerfile; failing that, with
    ``other_dockerfile``, the one service of a project that builds this context with another
    Dockerfile (a ``Dockerfile-dev``) is taken, and :attr:`ComposeProject.notes` says so (its
    dependencies are the app's; its build settings are not this Dockerfile's). Folders are
    searched from the context up, :data:`SEARCH_LEVELS` above it at most and not past a
    repository root (``.git``).
    A Compose file that Compose cannot resolve is passed over, as are services in profiles.

    Raises:
        EngineError: ``docker compose`` is not installed.
    """
    context = context.resolve()
    dockerfile = dockerfile.resolve()
    folder = context
    for _ in range(SEARCH_LEVELS + 1):
        found = find_compose_file(folder)
        if found is not None:
            try:
                project = load_compose(found, all_profiles=True)
            except (ConfigError, InputError):
                project = None
            same_context: list[ComposeService] = []
            for service in project.services if project else ():
                build = service.build
                if build and build.context == context and build.dockerfile == dockerfile:
                    assert project is not None
                    return project, service
                if build and build.context == context:
                    same_context.append(service)
            if other_dockerfile and project is not None and len(same_context) == 1:
                # The project builds this context with another Dockerfile (dvna's compose file
                # builds Dockerfile-dev): the same app, needing the same services.
                (service,) = same_context
                assert service.build is not None
                note = (
                    f"{service.name}: builds this context with {service.build.dockerfile.name}, "
                    f"not {dockerfile.name}; its dependencies and environment are used"
                )
                return dataclasses.replace(project, notes=(*project.notes, note)), service
        if (folder / ".git").exists() or folder.parent == folder:
            break
        folder = folder.parent
    return None


# --- internals -------------------------------------------------------------------------------


def _compose_config(
    path: Path,
    environ: Mapping[str, str] | None,
    all_profiles: bool,
    *,
    files: tuple[Path, ...] = (),
    env_file: Path | None = None,
) -> dict[str, Any]:
    argv = ["docker", "compose"]
    if files:
        # Stand-ins for the project's files, resolved as if they were in its folder.
        argv += [a for f in files for a in ("-f", str(f))]
        argv += ["--project-directory", str(path.parent)]
    elif find_compose_file(path.parent) != path:
        argv += ["-f", str(path)]
    # else: the file Compose picks by itself in that folder, which also merges its override file
    # (compose.override.yaml); naming it with -f would leave the override out.
    if env_file is not None:
        argv += ["--env-file", str(env_file)]
    if all_profiles:
        argv += ["--profile", "*"]
    argv += ["config", "--format", "json"]
    env = dict(os.environ if environ is None else environ)
    env["PATH"] = os.environ.get("PATH", "/usr/bin:/bin")
    env.setdefault("HOME", os.environ.get("HOME", "/"))
    env.pop("COMPOSE_FILE", None)  # -f names the file; the caller's COMPOSE_FILE would add more
    env.pop("COMPOSE_PROFILES", None)
    try:
        proc = subprocess.run(
            argv,
            capture_output=True,
            text=True,
            errors="replace",
            env=env,
            cwd=path.parent,
            timeout=COMPOSE_TIMEOUT_S,
            check=False,
        )
    except FileNotFoundError as exc:
        raise EngineError("the docker CLI is not installed", hint=COMPOSE_HINT) from exc
    except subprocess.TimeoutExpired as exc:
        raise EngineError(
            f"{path}: docker compose config did not answer within {COMPOSE_TIMEOUT_S:g}s"
        ) from exc
    if proc.returncode != 0:
        raise _compose_error(path, proc.stderr)
    try:
        data = json.loads(proc.stdout)
    except ValueError as exc:
        raise EngineError(f"{path}: docker compose config printed no JSON") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: no `services` mapping; is this a Compose file?")
    return data


_MISSING_ENV_FILE = re.compile(r"env file (\S+) not found")
#: Names a repository gives the template of an env file it does not ship: ``.env.example``...
ENV_TEMPLATE_SUFFIXES = (
    ".example",
    ".sample",
    ".dist",
    "-dist",
    ".template",
    ".default",
    ".defaults",
)
OVERRIDE_NAMES = (
    "compose.override.yaml",
    "compose.override.yml",
    "docker-compose.override.yaml",
    "docker-compose.override.yml",
)


def env_template(path: Path) -> Path | None:
    """The template a repository ships for the env file ``path`` (``.env.example``), or None."""
    for suffix in ENV_TEMPLATE_SUFFIXES:
        candidate = path.with_name(path.name + suffix)
        if candidate.is_file():
            return candidate
    return None


def _with_env_stand_ins(
    path: Path, environ: Mapping[str, str] | None, all_profiles: bool
) -> tuple[dict[str, Any], tuple[str, ...]]:
    """Resolve the project with every missing ``env_file`` replaced by its template, or left out;
    the copies live in a temporary folder, resolved against the project's own folder."""
    import tempfile

    import yaml

    from imgopt.userfiles import read_bytes

    folder = path.parent
    sources = [path]
    if find_compose_file(folder) == path:
        sources += [folder / n for n in OVERRIDE_NAMES if (folder / n).is_file()][:1]
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="imgopt-compose-") as tmp:
        copies: list[Path] = []
        for i, source in enumerate(sources):
            try:
                text = read_bytes(source, what="Compose file").decode("utf-8", errors="replace")
                doc = yaml.safe_load(text)
            except InputError as exc:
                raise ConfigError(exc.message, hint=exc.hint) from None
            except yaml.YAMLError as exc:
                raise ConfigError(f"{source}: {exc}") from exc
            services = doc.get("services") if isinstance(doc, dict) else None
            for name, body in (services or {}).items():
                if isinstance(body, dict) and body.get("env_file") is not None:
                    body["env_file"] = _env_files(folder, str(name), body["env_file"], notes)
            copy = Path(tmp) / f"{i}-{source.name}"
            copy.write_text(yaml.safe_dump(doc, sort_keys=False), "utf-8")
            copies.append(copy)
        dotenv = folder / ".env"
        template = None if dotenv.exists() else env_template(dotenv)
        if template is not None:
            notes.append(f"{dotenv} does not exist: interpolated from {template.name} instead")
        data = _compose_config(path, environ, all_profiles, files=tuple(copies), env_file=template)
    return data, tuple(dict.fromkeys(notes))


def _env_files(folder: Path, service: str, raw: Any, notes: list[str]) -> list[Any]:
    """A service's ``env_file`` entries, each missing one replaced by its template, or made
    optional (Compose 2.24's long form) when the repository has none."""
    out: list[Any] = []
    for entry in raw if isinstance(raw, list) else [raw]:
        text = str(entry.get("path") if isinstance(entry, dict) else entry)
        real = (folder / text).resolve()
        if real.exists():
            out.append(entry)
            continue
        template = env_template(real)
        if template is not None:
            out.append(str(template))
            notes.append(f"{service}: env_file {text} does not exist: {template.name} used instead")
        else:
            out.append({"path": str(real), "required": False})
            notes.append(f"{service}: env_file {text} does not exist and has no template: left out")
    return out


def _file_order(path: Path) -> dict[str, int]:
    """The order of the services in the file itself (Compose sorts them by name)."""
    import yaml

    try:
        doc = yaml.safe_load(path.read_text("utf-8", errors="replace"))
    except (OSError, yaml.YAMLError):
        return {}
    services = doc.get("services") if isinstance(doc, dict) else None
    return {str(n): i for i, n in enumerate(services)} if isinstance(services, dict) else {}


def _compose_error(path: Path, stderr: str) -> Exception:
    lines = [
        line.strip() for line in stderr.splitlines() if line.strip() and "level=warning" not in line
    ]
    text = lines[-1] if lines else "docker compose config failed"
    if (
        "is not a docker command" in text
        or "unknown command" in text
        or "unknown shorthand" in text
    ):
        return EngineError(
            "Docker Compose v2 (`docker compose`) is not installed", hint=COMPOSE_HINT
        )
    match = re.match(r"yaml: line (\d+): (.*)", text)
    if match:
        return ConfigError(f"{path}:{match.group(1)}: {match.group(2)}")
    text = text.removeprefix(f"{path}: ").removesuffix(": invalid compose project")
    if text == "empty compose file":
        text = "no `services` mapping; is this a Compose file?"
    return ConfigError(f"{path}: {text}")


def _checked_service(path: Path, name: str, body: Any) -> ComposeService:
    """:func:`_service`, with a document of unexpected shape (a list where Compose gives a
    mapping, ``ports: true``) reported as one line naming the service, never a traceback."""
    try:
        return _service(name, body)
    except (TypeError, ValueError, AttributeError, KeyError) as err:
        raise ConfigError(
            f"{path}: services.{name}: not a service definition imgopt understands ({err})"
        ) from None


def _service(name: str, body: Any) -> ComposeService:
    body = body if isinstance(body, dict) else {}
    image = body.get("image") if isinstance(body.get("image"), str) else None
    ports = tuple(_port_text(p) for p in body.get("ports") or ())
    raw = body.get("build")
    if not isinstance(raw, dict):
        note = None if image else "names neither a `build` nor an `image`"
        return ComposeService(name, None, image, ports, note, body)
    context_text = str(raw.get("context", "."))
    if "://" in context_text or context_text.startswith("git@"):
        note = f"its build context {context_text} is remote; only local contexts are analysed"
        return ComposeService(name, None, image, ports, note, body)
    if "dockerfile_inline" in raw:
        note = "its Dockerfile is inline (`dockerfile_inline`); only Dockerfile files are analysed"
        return ComposeService(name, None, image, ports, note, body)
    context = Path(context_text).resolve()
    build = BuildSpec(
        context=context,
        dockerfile=(context / str(raw.get("dockerfile") or "Dockerfile")).resolve(),
        args={str(k): str(v) for k, v in (raw.get("args") or {}).items() if v is not None},
        target=str(raw["target"]) if raw.get("target") else None,
    )
    return ComposeService(name, build, image, ports, None, body)


def _port_text(port: Any) -> str:
    if not isinstance(port, dict):
        return str(port)
    target = f"{port.get('target')}"
    if port.get("protocol") not in (None, "tcp"):
        target += f"/{port['protocol']}"
    published = port.get("published")
    if not published:
        return target
    ip = f"{port['host_ip']}:" if port.get("host_ip") else ""
    return f"{ip}{published}:{target}"
