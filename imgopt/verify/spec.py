"""Smoke specs: what to check to know that an image works.

A spec is a ``smoke.toml`` file next to the Dockerfile (the format is documented in
``imgopt.verify`` and in ``sample_apps/README.md``), or is inferred from the image when there is
none. Loading is strict: an unknown key or a value of the wrong kind is a :class:`ConfigError`
naming the file and the key, so a typo cannot silently turn a check off.
"""

from __future__ import annotations

import math
import re
import shlex
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from imgopt.errors import ConfigError

SPEC_FILENAME = "smoke.toml"
SPEC_HINT = "the smoke spec format is described in sample_apps/README.md"

DEFAULT_STARTUP_TIMEOUT_S = 60.0
DEFAULT_REQUEST_TIMEOUT_S = 10.0
DEFAULT_COMMAND_TIMEOUT_S = 60.0
DEFAULT_MEMORY = "1g"
DEFAULT_PIDS_LIMIT = 512
DEFAULT_CPUS = 1.0
TRUST_FLAG = "--trust-spec-limits"


@dataclass(frozen=True)
class Ceilings:
    """The most a repository's smoke spec may ask for; beyond them it needs :data:`TRUST_FLAG`.

    A spec comes with the code under test, so it is no more trusted than the Dockerfile: it may
    loosen limits for an app that needs it, within these. ``absolute`` ceilings hold even with the
    flag (a timeout of 1e300 seconds is a typo or an attack, never a need).
    """

    memory_bytes: int = 2 * 1024**3
    pids_limit: int = 4096
    cpus: float = 2.0
    startup_timeout_s: float = 300.0
    request_timeout_s: float = 60.0
    command_timeout_s: float = 600.0
    services: int = 4
    absolute_seconds: float = 24 * 3600.0
    absolute_memory_bytes: int = 64 * 1024**4
    absolute_pids_limit: int = 4_194_304


CEILINGS = Ceilings()
MIN_MEMORY_BYTES = 16 * 1024**2  # below this the engine refuses to start a container

Capabilities = Literal["auto", "drop-all", "default"]
CommandMode = Literal["run", "exec"]
Env = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class StatusRange:
    """Accepted HTTP status codes, inclusive on both ends.

    Written in a spec as ``200`` (exactly), ``"2xx"`` (a class) or ``"<500"`` (anything below).
    """

    low: int
    high: int

    def matches(self, status: int) -> bool:
        """Whether ``status`` is accepted."""
        return self.low <= status <= self.high

    def __str__(self) -> str:
        if self.low == self.high:
            return str(self.low)
        if self.low % 100 == 0 and self.high == self.low + 99:
            return f"{self.low // 100}xx"
        if self.low == 100:
            return f"<{self.high + 1}"
        return f"{self.low}-{self.high}"

    @classmethod
    def parse(cls, value: object) -> StatusRange:
        """Read ``200``, ``"2xx"`` or ``"<500"``.

        Raises:
            ValueError: for anything else.
        """
        if isinstance(value, int) and not isinstance(value, bool) and 100 <= value <= 599:
            return cls(value, value)
        if isinstance(value, str):
            text = value.strip().lower()
            if re.fullmatch(r"[1-5]xx", text):
                low = int(text[0]) * 100
                return cls(low, low + 99)
            match = re.fullmatch(r"<\s*([1-6]\d\d)", text)
            if match and int(match.group(1)) > 100:
                return cls(100, int(match.group(1)) - 1)
            if re.fullmatch(r"[1-5]\d\d", text):
                return cls(int(text), int(text))
        raise ValueError(
            f'must be a status code like 200, a class like "2xx", or "<500"; got {value!r}'
        )


@dataclass(frozen=True)
class HttpCheck:
    """GET a path on a port of the container started with the image's own command."""

    name: str
    port: int
    path: str = "/"
    status: StatusRange = StatusRange(200, 200)
    body_contains: str | None = None
    same_body: bool = False  # the body is deterministic: a variant must return the same bytes
    env: Env = ()  # the spec's env with this check's own env on top
    startup_timeout_s: float = DEFAULT_STARTUP_TIMEOUT_S
    request_timeout_s: float = DEFAULT_REQUEST_TIMEOUT_S
    #: Not HTTP: connect to the port and read what the app sends first (a greeting, stats), if
    #: anything; the status is None and that text is the body (derived for non-HTTP services).
    tcp: bool = False


@dataclass(frozen=True)
class CommandCheck:
    """Run a command in the image and check its exit code and output.

    ``mode="run"`` starts a fresh container with ``command`` instead of the image's CMD
    (``command=None`` runs the image's own command to completion); ``mode="exec"`` runs
    ``command`` inside the running container started with the image's own command, after the HTTP
    checks on that container.
    """

    name: str
    command: tuple[str, ...] | None = None
    entrypoint: tuple[str, ...] | None = None
    mode: CommandMode = "run"
    exit_code: int = 0
    output_contains: str | None = None
    same_output: bool = False  # the output is deterministic: a variant must print the same
    env: Env = ()
    timeout_s: float = DEFAULT_COMMAND_TIMEOUT_S


@dataclass(frozen=True)
class ServiceSpec:
    """A dependency the app needs running beside it (``[[service]]``), for apps without Compose.

    Attributes:
        name: the service's name (default: the image's repository name, ``postgres``).
        image: the image to run (must be in the local engine or its registry).
        aliases: names the app reaches it by on the isolated network (default: ``name``).
        env: its environment.
        command: replaces its CMD (None keeps it).
        port: the TCP port that answers once it is ready (default: its lowest EXPOSEd port;
            None with nothing exposed: ready once started).
        startup_timeout_s: how long it may take to get ready.
    """

    name: str
    image: str
    aliases: tuple[str, ...] = ()
    env: Env = ()
    command: tuple[str, ...] | None = None
    port: int | None = None
    startup_timeout_s: float = DEFAULT_STARTUP_TIMEOUT_S


@dataclass(frozen=True)
class SmokeSpec:
    """All checks of one image, and the limits its containers run under."""

    source: str  # the spec file, or "inferred from <image>"
    http: tuple[HttpCheck, ...] = ()
    commands: tuple[CommandCheck, ...] = ()
    env: Env = ()  # environment of the container started with the image's own command
    memory: str = DEFAULT_MEMORY
    pids_limit: int = DEFAULT_PIDS_LIMIT
    capabilities: Capabilities = "auto"
    inferred: bool = False
    cpus: float = DEFAULT_CPUS
    services: tuple[ServiceSpec, ...] = ()
    #: ``[closure] strict``: true, the literal closure rule (the default,
    #: :mod:`imgopt.verify.closure`); false, the required-files one; None when the spec does not
    #: say (the default applies).
    closure_strict: bool | None = None

    @property
    def check_names(self) -> tuple[str, ...]:
        """Names of every check, HTTP checks first, in the order they run."""
        return tuple(c.name for c in self.http) + tuple(c.name for c in self.commands)


@dataclass(frozen=True)
class ImageFacts:
    """What spec inference needs to know about an image (read from its config)."""

    exposed_tcp_ports: tuple[int, ...] = ()
    cmd: tuple[str, ...] | None = None
    entrypoint: tuple[str, ...] | None = None


# --- loading ---------------------------------------------------------------------------------


def find_spec(directory: str | Path) -> Path | None:
    """The ``smoke.toml`` in ``directory`` (e.g. a Dockerfile's folder), or None."""
    candidate = Path(directory) / SPEC_FILENAME
    return candidate if candidate.is_file() else None


def load_spec(path: str | Path, *, trusted: bool = False) -> SmokeSpec:
    """Read and validate a smoke spec file.

    ``trusted`` (the user's :data:`TRUST_FLAG`) lets its limits go beyond :data:`CEILINGS`.

    Raises:
        ConfigError: when the file cannot be read, is not TOML, has no check, or has an unknown
            key or a bad value; the message names the file and the key (``http#2.status``).
    """
    from imgopt.errors import InputError
    from imgopt.userfiles import read_text

    path = Path(path)
    try:  # regular files only, size-limited: a FIFO or /dev/zero is refused, not read
        text = read_text(path, limit=1 << 20, what="smoke spec")
    except InputError as exc:
        detail = exc.message.removeprefix(f"{path}: ")
        raise ConfigError(f"{path}: cannot read smoke spec: {detail}", hint=SPEC_HINT) from None
    return parse_spec(text, source=str(path), trusted=trusted)


def parse_spec(text: str, *, source: str = "<string>", trusted: bool = False) -> SmokeSpec:
    """Validate the TOML text of a smoke spec; ``source`` names it in error messages.

    Raises:
        ConfigError: as :func:`load_spec`.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML: {exc}", hint=SPEC_HINT) from exc
    return _Reader(source, trusted).spec(data)


class _Reader:
    """Validates a parsed spec, naming the file and the key path in every error."""

    _TOP = frozenset(
        {"startup_timeout", "memory", "pids_limit", "capabilities", "env", "http", "command"}
        | {"cpus", "service", "closure"}
    )
    _CLOSURE = frozenset({"strict"})
    _SERVICE = frozenset(
        {"name", "image", "alias", "aliases", "env", "command", "port", "startup_timeout"}
    )
    _HTTP = frozenset(
        {"name", "port", "path", "status", "body_contains", "same_body", "env"}
        | {"startup_timeout", "request_timeout"}
    )
    _COMMAND = frozenset(
        {"name", "command", "entrypoint", "mode", "exit_code", "output_contains", "same_output"}
        | {"env", "timeout"}
    )

    def __init__(self, source: str, trusted: bool = False) -> None:
        self.source = source
        self.trusted = trusted

    def fail(self, key: str, message: str) -> ConfigError:
        return ConfigError(f"{self.source}: {key}: {message}", hint=SPEC_HINT)

    def spec(self, data: dict[str, Any]) -> SmokeSpec:
        self._no_unknown(data, self._TOP, "")
        env = self._env(data.get("env", {}), "env")
        startup = self._seconds(data, "startup_timeout", "", DEFAULT_STARTUP_TIMEOUT_S)
        memory = self._memory(data.get("memory", DEFAULT_MEMORY))
        pids = data.get("pids_limit", DEFAULT_PIDS_LIMIT)
        if not _is_int(pids) or pids < 16:
            raise self.fail("pids_limit", f"must be an integer of at least 16; got {pids!r}")
        self._ceiling("pids_limit", pids, CEILINGS.pids_limit, CEILINGS.absolute_pids_limit)
        cpus = data.get("cpus", DEFAULT_CPUS)
        if not _is_number(cpus) or not 0.1 <= cpus <= 64:
            raise self.fail("cpus", f"must be a number of cores from 0.1 to 64; got {cpus!r}")
        self._ceiling("cpus", cpus, CEILINGS.cpus, 64)
        caps = data.get("capabilities", "auto")
        if caps not in ("auto", "drop-all", "default"):
            raise self.fail(
                "capabilities", f'must be "auto", "drop-all" or "default"; got {caps!r}'
            )
        if caps == "default" and not self.trusted:
            raise self.fail(
                "capabilities",
                "\"default\" always runs with Docker's default capabilities, which a repository's "
                f'spec may not ask for; use "auto" (it falls back to them only when needed) or '
                f"pass {TRUST_FLAG}",
            )
        services = tuple(
            self._service(item, f"service#{i}", startup)
            for i, item in enumerate(self._tables(data, "service"), 1)
        )
        self._ceiling("service", len(services), CEILINGS.services, 64, unit=" services")
        http = tuple(
            self._http(item, f"http#{i}", env, startup)
            for i, item in enumerate(self._tables(data, "http"), 1)
        )
        commands = tuple(
            self._command(item, f"command#{i}", env)
            for i, item in enumerate(self._tables(data, "command"), 1)
        )
        if not http and not commands:
            raise self.fail("http", "a smoke spec needs at least one [[http]] or [[command]] check")
        closure = data.get("closure", {})
        if not isinstance(closure, dict):
            raise self.fail("closure", "must be a table written as [closure]")
        self._no_unknown(closure, self._CLOSURE, "closure")
        strict = closure.get("strict")
        if strict is not None:
            strict = self._bool(closure, "strict", "closure")
        seen: set[str] = set()
        keyed = [(f"http#{i}", c.name) for i, c in enumerate(http, 1)]
        keyed += [(f"command#{i}", c.name) for i, c in enumerate(commands, 1)]
        for key, name in keyed:
            if name in seen:
                raise self.fail(f"{key}.name", f"duplicate check name {name!r}")
            seen.add(name)
        return SmokeSpec(
            source=self.source,
            http=http,
            commands=commands,
            env=env,
            memory=memory,
            pids_limit=pids,
            capabilities=caps,
            cpus=float(cpus),
            services=services,
            closure_strict=strict,
        )

    def _http(self, item: dict[str, Any], key: str, env: Env, startup: float) -> HttpCheck:
        self._no_unknown(item, self._HTTP, key)
        if "port" not in item:
            raise self.fail(f"{key}.port", "is required (the container port to probe)")
        port = item["port"]
        if not _is_int(port) or not 1 <= port <= 65535:
            raise self.fail(f"{key}.port", f"must be an integer from 1 to 65535; got {port!r}")
        path = item.get("path", "/")
        if not isinstance(path, str) or not path.startswith("/"):
            raise self.fail(f"{key}.path", f'must be a string starting with "/"; got {path!r}')
        try:
            status = StatusRange.parse(item.get("status", 200))
        except ValueError as exc:
            raise self.fail(f"{key}.status", str(exc)) from None
        return HttpCheck(
            name=self._str(item, "name", key, f"GET {path} on port {port}"),
            port=port,
            path=path,
            status=status,
            body_contains=self._opt_str(item, "body_contains", key),
            same_body=self._bool(item, "same_body", key),
            env=_merge(env, self._env(item.get("env", {}), f"{key}.env")),
            startup_timeout_s=self._seconds(item, "startup_timeout", key, startup),
            request_timeout_s=self._seconds(
                item, "request_timeout", key, DEFAULT_REQUEST_TIMEOUT_S
            ),
        )

    def _command(self, item: dict[str, Any], key: str, env: Env) -> CommandCheck:
        self._no_unknown(item, self._COMMAND, key)
        mode = item.get("mode", "run")
        if mode not in ("run", "exec"):
            raise self.fail(f"{key}.mode", f'must be "run" or "exec"; got {mode!r}')
        command = self._argv(item, "command", key)
        if command is None and mode == "exec":
            raise self.fail(f"{key}.command", 'is required when mode = "exec"')
        exit_code = item.get("exit_code", 0)
        if not _is_int(exit_code) or not 0 <= exit_code <= 255:
            raise self.fail(f"{key}.exit_code", f"must be an integer 0-255; got {exit_code!r}")
        default_name = "default command" if command is None else shlex.join(command)
        return CommandCheck(
            name=self._str(item, "name", key, default_name),
            command=command,
            entrypoint=self._argv(item, "entrypoint", key),
            mode=mode,
            exit_code=exit_code,
            output_contains=self._opt_str(item, "output_contains", key),
            same_output=self._bool(item, "same_output", key),
            env=_merge(env, self._env(item.get("env", {}), f"{key}.env")),
            timeout_s=self._seconds(item, "timeout", key, DEFAULT_COMMAND_TIMEOUT_S),
        )

    # -- small typed readers --

    def _no_unknown(self, table: Mapping[str, Any], known: frozenset[str], key: str) -> None:
        for name in table:
            if name not in known:
                where = f"{key}.{name}" if key else name
                allowed = ", ".join(sorted(known))
                raise self.fail(where, f"unknown key (allowed here: {allowed})")

    def _tables(self, data: Mapping[str, Any], name: str) -> list[dict[str, Any]]:
        value = data.get(name, [])
        if isinstance(value, dict):
            value = [value]  # a single [http] table is read as one check
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(name, f"must be tables written as [[{name}]]")
        return value

    def _str(self, item: Mapping[str, Any], name: str, key: str, default: str) -> str:
        value = item.get(name, default)
        if not isinstance(value, str) or not value:
            raise self.fail(f"{key}.{name}", f"must be a non-empty string; got {value!r}")
        return value

    def _opt_str(self, item: Mapping[str, Any], name: str, key: str) -> str | None:
        value = item.get(name)
        if value is None:
            return None
        if not isinstance(value, str) or not value:
            raise self.fail(f"{key}.{name}", f"must be a non-empty string; got {value!r}")
        return value

    def _bool(self, item: Mapping[str, Any], name: str, key: str) -> bool:
        value = item.get(name, False)
        if not isinstance(value, bool):
            raise self.fail(f"{key}.{name}", f"must be true or false; got {value!r}")
        return value

    def _seconds(self, item: Mapping[str, Any], name: str, key: str, default: float) -> float:
        value = item.get(name, default)
        where = f"{key}.{name}" if key else name
        if not _is_number(value) or not math.isfinite(value) or not value > 0:
            raise self.fail(where, f"must be a positive number of seconds; got {value!r}")
        ceiling = {
            "request_timeout": CEILINGS.request_timeout_s,
            "timeout": CEILINGS.command_timeout_s,
        }.get(name, CEILINGS.startup_timeout_s)
        self._ceiling(where, value, ceiling, CEILINGS.absolute_seconds, unit=" s")
        return float(value)

    def _ceiling(
        self, key: str, value: float, ceiling: float, absolute: float, *, unit: str = ""
    ) -> None:
        """Refuse ``value`` above the ceiling (unless trusted) or above the absolute ceiling."""
        if value > absolute:
            raise self.fail(
                key, f"{value:g}{unit} is more than imgopt ever allows ({absolute:g}{unit})"
            )
        if value > ceiling and not self.trusted:
            raise self.fail(
                key,
                f"{value:g}{unit} is above the ceiling of {ceiling:g}{unit} that a repository's "
                f"spec may ask for; pass {TRUST_FLAG} to allow it",
            )

    def _memory(self, value: object) -> str:
        match = (
            re.fullmatch(r"(\d+)([bkmg]?)", value.strip().lower())
            if isinstance(value, str)
            else None
        )
        if match is None:
            raise self.fail("memory", f'must be a size like "512m" or "1g"; got {value!r}')
        size = int(match.group(1)) * 1024 ** "bkmg".index(match.group(2) or "b")
        if size < MIN_MEMORY_BYTES:
            raise self.fail(
                "memory", f"must be at least 16m (0 would mean no limit); got {value!r}"
            )
        if size > CEILINGS.absolute_memory_bytes:
            raise self.fail("memory", f"{value} is more than imgopt ever allows")
        if size > CEILINGS.memory_bytes and not self.trusted:
            raise self.fail(
                "memory",
                f"{value} is above the ceiling of {CEILINGS.memory_bytes // 1024**2}m that a "
                f"repository's spec may ask for; pass {TRUST_FLAG} to allow it",
            )
        return f"{match.group(1)}{match.group(2)}"

    def _service(self, item: dict[str, Any], key: str, startup: float) -> ServiceSpec:
        self._no_unknown(item, self._SERVICE, key)
        image = item.get("image")
        if not isinstance(image, str) or not re.fullmatch(r"[A-Za-z0-9][\w.:/@-]*", image):
            raise self.fail(f"{key}.image", f"must be an image reference; got {image!r}")
        default_name = image.split("@")[0].rsplit("/", 1)[-1].split(":")[0]
        name = self._str(item, "name", key, default_name)
        if not re.fullmatch(r"[a-zA-Z0-9][a-zA-Z0-9_.-]*", name):
            raise self.fail(f"{key}.name", f"must be a host name; got {name!r}")
        aliases: list[str] = []
        for field_name in ("alias", "aliases"):
            raw = item.get(field_name, [])
            values = [raw] if isinstance(raw, str) else raw
            if not isinstance(values, list) or not all(
                isinstance(v, str) and re.fullmatch(r"[a-zA-Z0-9][a-zA-Z0-9_.-]*", v)
                for v in values
            ):
                raise self.fail(f"{key}.{field_name}", f"must be host names; got {raw!r}")
            aliases += values
        port = item.get("port")
        if port is not None and (not _is_int(port) or not 1 <= port <= 65535):
            raise self.fail(f"{key}.port", f"must be an integer from 1 to 65535; got {port!r}")
        return ServiceSpec(
            name=name,
            image=image,
            aliases=tuple(dict.fromkeys([name, *aliases])),
            env=self._env(item.get("env", {}), f"{key}.env"),
            command=self._argv(item, "command", key),
            port=port,
            startup_timeout_s=self._seconds(item, "startup_timeout", key, startup),
        )

    def _argv(self, item: Mapping[str, Any], name: str, key: str) -> tuple[str, ...] | None:
        value = item.get(name)
        if value is None:
            return None
        if isinstance(value, str):
            try:
                value = shlex.split(value)  # split like a shell would, but no shell runs it
            except ValueError as exc:
                raise self.fail(f"{key}.{name}", f"cannot split {value!r}: {exc}") from None
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            message = f"must be a non-empty list of strings (or one string); got {value!r}"
            raise self.fail(f"{key}.{name}", message)
        return tuple(value)

    def _env(self, value: object, key: str) -> Env:
        if not isinstance(value, dict):
            raise self.fail(key, f"must be a table of NAME = value; got {value!r}")
        pairs: list[tuple[str, str]] = []
        for name, val in value.items():
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
                raise self.fail(f"{key}.{name}", "is not a valid environment variable name")
            if isinstance(val, bool) or not isinstance(val, str | int | float):
                raise self.fail(f"{key}.{name}", f"must be a string or a number; got {val!r}")
            pairs.append((name, str(val)))
        return tuple(pairs)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _merge(base: Env, extra: Env) -> Env:
    merged = dict(base)
    merged.update(extra)
    return tuple(sorted(merged.items()))


# --- inference -------------------------------------------------------------------------------


def spec_from_facts(facts: ImageFacts, *, image: str) -> SmokeSpec:
    """The spec imgopt assumes for an image that has no spec file.

    An image that EXPOSEs a TCP port must answer HTTP on its lowest such port at ``/`` with any
    status below 500 (a 404 still proves a server runs; a 5xx or no answer does not). An image
    that exposes nothing must run its own command to completion with exit code 0.
    """
    source = f"inferred from {image}"
    if facts.exposed_tcp_ports:
        port = min(facts.exposed_tcp_ports)
        check = HttpCheck(name=f"GET / on port {port}", port=port, status=StatusRange(100, 499))
        return SmokeSpec(source=source, http=(check,), inferred=True)
    command = CommandCheck(name="default command exits 0", timeout_s=DEFAULT_COMMAND_TIMEOUT_S)
    return SmokeSpec(source=source, commands=(command,), inferred=True)


def infer_spec(image: str) -> SmokeSpec:
    """Infer a spec from an image in the engine (see :func:`spec_from_facts`).

    Raises:
        InputError: when the engine has no such image.
        EngineError: when the engine cannot be asked.
    """
    from imgopt.engine.containers import image_facts

    facts = image_facts(image)
    return spec_from_facts(
        ImageFacts(
            exposed_tcp_ports=facts.exposed_tcp_ports, cmd=facts.cmd, entrypoint=facts.entrypoint
        ),
        image=image,
    )


def resolve_spec(
    image: str, directory: str | Path | None = None, *, trusted: bool = False
) -> SmokeSpec:
    """The spec file in ``directory`` if there is one, else a spec inferred from ``image``.

    ``trusted``: the user passed :data:`TRUST_FLAG` (see :func:`load_spec`).
    """
    if directory is not None:
        found = find_spec(directory)
        if found is not None:
            return load_spec(found, trusted=trusted)
    return infer_spec(image)


__all__ = [
    "CEILINGS",
    "SPEC_FILENAME",
    "TRUST_FLAG",
    "Ceilings",
    "CommandCheck",
    "HttpCheck",
    "ImageFacts",
    "ServiceSpec",
    "SmokeSpec",
    "StatusRange",
    "find_spec",
    "infer_spec",
    "load_spec",
    "parse_spec",
    "resolve_spec",
    "spec_from_facts",
]
