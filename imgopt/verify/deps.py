"""Start what an app needs: its Compose dependencies, or the services its smoke spec names.

When the Dockerfile's service belongs to a Compose project (a Compose file next to or above the
build context that builds this context: :func:`~imgopt.engine.compose.find_compose_for`), the
service's ``depends_on`` (transitively) are started before the image under test, with their
environment, commands, healthchecks and volumes as Compose resolved them. A smoke spec's
``[[service]]`` tables add dependencies for apps without Compose.

Everything runs in imgopt's sandbox (:mod:`imgopt.engine.containers`) on one isolated network
of its own: the dependencies and the app reach each other by their Compose names and aliases,
nothing on it reaches the host or the outside. Every container, network and volume carries the
run's label and is removed when the block ends, also on Ctrl-C and on failure.

What is deliberately not taken from the Compose file: published ports (imgopt probes from inside
the network namespace), bind mounts outside the project (a repository's file must not mount the
host's), the service's own volumes (the image under test is what is checked, not the source tree
mounted over it), and the keys that lift the sandbox (``privileged``, ``cap_add``, ``devices``,
``network_mode``, ``pid``, ``ipc``, ``security_opt``...): they are listed in
:attr:`Dependencies.notes`.

Real repositories' Compose files are read as their users would run them: a git-ignored ``.env``
comes from the ``.env.example`` beside it (:func:`~imgopt.engine.compose.load_compose`), and a
bind-mounted data folder that does not exist yet is a fresh volume of the run's.

A dependency that Compose would build (``build:``) is built by imgopt from the same context,
Dockerfile, args and target, once per run, under ``imgopt-dep/<project>-<service>:<run id>``
with the run's label (the run's clean-up removes it).

Within :func:`shared_dependencies` (``imgopt analyze`` and ``bench`` wrap their whole run in it),
they are started once, by the original's profile, and every variant's check reuses them: each
check still runs the image under test in a fresh container of its own.

A dependency is ready when its healthcheck (Compose's, else the image's) says healthy, else when
its lowest exposed TCP port accepts a connection, else once started; ``service_completed_
successfully`` waits for it to exit 0.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from imgopt.engine.compose import (
    BuildSpec,
    ComposeProject,
    ComposeService,
    find_compose_for,
    load_compose,
)
from imgopt.engine.containers import (
    RUN_LABEL,
    ContainerStartError,
    HealthcheckSpec,
    MountSpec,
    Placement,
    RunningContainer,
    Sandbox,
    image_facts,
    isolated_network,
    placed,
    run_volume,
    running_container,
)
from imgopt.engine.images import RegistryError, ensure_image
from imgopt.errors import InputError, keep_ends
from imgopt.verify.spec import ServiceSpec

#: Compose keys that would lift the sandbox: never applied, always reported.
IGNORED_KEYS = (
    "privileged",
    "cap_add",
    "devices",
    "network_mode",
    "pid",
    "ipc",
    "userns_mode",
    "security_opt",
    "volumes_from",
    "cgroup_parent",
    "sysctls",
    "ports",
)
DEFAULT_READY_TIMEOUT_S = 120.0
#: Dependencies run with Docker's default capabilities (a database's entry point changes users),
#: minus NET_RAW, on the isolated network, under these limits.
DEPENDENCY_SANDBOX = Sandbox(memory="1g", pids_limit=512, drop_all_capabilities=False)


class DependencyError(InputError):
    """A dependency cannot be started or never got ready: the app cannot be checked."""


@dataclass(frozen=True)
class Dependency:
    """One service to start before the app, and how to know it is ready."""

    name: str
    image: str
    aliases: tuple[str, ...]
    env: Mapping[str, str] = field(default_factory=dict)
    command: tuple[str, ...] | None = None
    entrypoint: tuple[str, ...] | None = None
    healthcheck: HealthcheckSpec | None = None
    mounts: tuple[MountSpec, ...] = ()
    volumes: tuple[str, ...] = ()  # the project's named volumes it mounts (created per run)
    ready_port: int | None = None  # None: the image's lowest exposed TCP port, if any
    conditions: tuple[tuple[str, str], ...] = ()  # (dependency, Compose condition) to wait for
    ready_timeout_s: float = DEFAULT_READY_TIMEOUT_S
    user: str | None = None
    build: BuildSpec | None = None  # built (once per run, labelled with it) when set


@dataclass(frozen=True)
class Dependencies:
    """What the app needs started, in start order, and how the app itself is placed.

    Attributes:
        services: the dependencies, each after those it depends on.
        env: the app's environment from its Compose service (the spec's env goes on top).
        aliases: the app's names on the network (its Compose service's name and aliases).
        source: where they come from (``compose.yaml: services.web``, a spec file).
        notes: what was left out of the Compose definitions, and why.
    """

    services: tuple[Dependency, ...] = ()
    env: Mapping[str, str] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    source: str = ""
    notes: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.services)

    @property
    def names(self) -> tuple[str, ...]:
        """The dependencies' names, in start order."""
        return tuple(d.name for d in self.services)


@dataclass(frozen=True)
class Environment:
    """Where the app under test runs: pass these to ``running_container``, or run the
    containers in :func:`imgopt.engine.containers.placed` of :attr:`placement`.

    Attributes:
        network: the isolated network (None: no dependencies, so no network at all).
        env: the app's environment from its Compose service.
        aliases: the app's names on that network.
        started: the dependencies that were started and got ready.
    """

    network: str | None = None
    env: Mapping[str, str] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    started: tuple[str, ...] = ()

    @property
    def placement(self) -> Placement:
        """The same, as :func:`~imgopt.engine.containers.placed` takes it."""
        return Placement(self.network, self.aliases, dict(self.env))


NO_DEPENDENCIES = Dependencies()


def find_dependencies(
    context: Path,
    dockerfile: Path,
    services: Sequence[ServiceSpec] = (),
    *,
    compose: tuple[Path | None, str | None] = (None, None),
) -> Dependencies:
    """The dependencies of the app built from ``dockerfile`` in ``context``.

    Those of its Compose service (``compose``: the file and service name, when the user named
    them; else the service next to or above the context that builds it), then the smoke spec's
    ``services``.

    Raises:
        DependencyError: the named Compose file has no such service.
        ConfigError: the named Compose file is malformed.
        EngineError: ``docker compose`` is not installed.
    """
    path, name = compose
    found: tuple[ComposeProject, ComposeService] | None = None
    if path is not None and name is not None:
        project = load_compose(path, all_profiles=True)
        service = project.service(name)
        if service is None:
            raise DependencyError(f"{path}: no service {name!r}")
        found = (project, service)
    else:
        # Another Dockerfile of the same context (dvna's Dockerfile-dev) is the same app: its
        # Compose service's dependencies and environment are what the app needs.
        found = find_compose_for(context, dockerfile, other_dockerfile=True)
    deps = compose_dependencies(*found) if found else NO_DEPENDENCIES
    return with_spec_services(deps, services)


def compose_dependencies(project: ComposeProject, service: ComposeService) -> Dependencies:
    """What ``service`` of ``project`` depends on (transitively), in start order."""
    where = f"{project.path}: services"
    notes: list[str] = list(project.notes)
    order = _start_order(project, service.name)
    extra_aliases = _link_aliases(project)
    deps = tuple(
        _compose_dependency(project, project.service(name), extra_aliases, notes)  # type: ignore[arg-type]
        for name in order
    )
    notes += [
        f"{service.name}: its own {key} are not used (the image is checked as built)"
        for key in ("volumes",)
        if service.definition.get(key)
    ]
    return Dependencies(
        services=deps,
        env=_environment(service.definition),
        aliases=_aliases(service, extra_aliases),
        source=f"{where}.{service.name}",
        notes=tuple(notes),
    )


def with_spec_services(deps: Dependencies, services: Sequence[ServiceSpec]) -> Dependencies:
    """``deps`` plus a smoke spec's ``[[service]]`` dependencies (started after them)."""
    if not services:
        return deps
    taken = set(deps.names)
    added = tuple(
        Dependency(
            name=s.name,
            image=s.image,
            aliases=s.aliases,
            env=dict(s.env),
            command=s.command,
            ready_port=s.port,
            ready_timeout_s=s.startup_timeout_s,
        )
        for s in services
        if s.name not in taken
    )
    source = "; ".join(x for x in (deps.source, "the smoke spec's [[service]]") if x)
    return Dependencies(
        services=deps.services + added,
        env=deps.env,
        aliases=deps.aliases,
        source=source,
        notes=deps.notes,
    )


@contextlib.contextmanager
def started_dependencies(
    deps: Dependencies, *, run_id: str, labels: Mapping[str, str] | None = None
) -> Iterator[Environment]:
    """Start ``deps`` on an isolated network; yield where the app goes; remove it all at the end.

    Without dependencies nothing is started and the app gets no network at all.

    Raises:
        DependencyError: a dependency's image is missing, it did not start, or it never got
            ready (the app cannot be checked: a verdict on the set-up, not on a variant).
        EngineError: the engine failed.
    """
    with contextlib.ExitStack() as stack:
        yield _start_all(deps, stack, run_id, labels).environment


@dataclass
class _Started:
    """Dependencies running for a run: where the app goes, and their containers."""

    deps: Dependencies
    environment: Environment
    running: dict[str, RunningContainer]
    jobs: frozenset[str]  # those that must exit 0 (``service_completed_successfully``)

    def check_alive(self) -> None:
        """Raise when a dependency stopped since it got ready (it is not restarted: a database
        that died between two checks would make the next verdict a verdict on the set-up)."""
        for name, container in self.running.items():
            if name in self.jobs:
                continue
            state = container.state()
            if not state.running:
                raise DependencyError(
                    f"dependency {name} stopped (exit code {state.exit_code}) while the run's "
                    f"checks still needed it (last output: "
                    f"{keep_ends(container.logs(tail=5), 300)!r})"
                )


def _start_all(
    deps: Dependencies,
    stack: contextlib.ExitStack,
    run_id: str,
    labels: Mapping[str, str] | None,
) -> _Started:
    """Start ``deps`` into ``stack`` (which removes them) and wait until every one is ready."""
    if not deps:
        environment = Environment(env=dict(deps.env), aliases=deps.aliases)
        return _Started(deps, environment, {}, frozenset())
    network = stack.enter_context(isolated_network(run_id, labels))
    volumes: dict[str, str] = {}
    running: dict[str, RunningContainer] = {}
    waited: set[str] = set()
    jobs = {w for d in deps.services for w, c in d.conditions if c == _COMPLETED}
    for dep in deps.services:
        for wanted, condition in dep.conditions:
            if wanted in running and wanted not in waited:
                _wait(deps.services, wanted, running[wanted], condition)
                waited.add(wanted)
        for volume in dep.volumes:
            if volume not in volumes:
                volumes[volume] = stack.enter_context(run_volume(run_id, labels))
        mounts = tuple(
            MountSpec(m.target, "volume", volumes[m.source], m.read_only)
            if m.kind == "volume" and m.source in volumes
            else m
            for m in dep.mounts
        )
        running[dep.name] = stack.enter_context(_started(dep, run_id, labels, network, mounts))
    # Whatever Compose waits for or not, the app starts once every dependency is ready: a
    # check against a database still starting up would pass or fail by chance.
    for dep in deps.services:
        if dep.name not in waited:
            condition = _COMPLETED if dep.name in jobs else "service_healthy"
            _wait(deps.services, dep.name, running[dep.name], condition)
    environment = Environment(
        network=network, env=dict(deps.env), aliases=deps.aliases, started=deps.names
    )
    return _Started(deps, environment, running, frozenset(jobs))


@dataclass
class _Sharing:
    """A scope (:func:`shared_dependencies`) whose dependencies, once started, stay up."""

    run_id: str
    stack: contextlib.ExitStack
    started: list[_Started] = field(default_factory=list)
    #: Checks may run in another thread (the bench's background, in this scope's context):
    #: one starts the dependencies at a time, and none after the scope ended.
    lock: threading.Lock = field(default_factory=threading.Lock)
    open: bool = True

    def find(self, deps: Dependencies) -> _Started | None:
        return next((s for s in self.started if s.deps == deps), None)


_SHARING: contextvars.ContextVar[_Sharing | None] = contextvars.ContextVar(
    "imgopt_shared_dependencies", default=None
)


@contextlib.contextmanager
def shared_dependencies(run_id: str) -> Iterator[None]:
    """Within this block, :func:`app_in_place` starts a run's dependencies only once.

    The first :func:`app_in_place` of ``run_id`` starts them as usual; later ones (the original's
    profile, then every variant's check) reuse them, after checking that each still runs. They
    are removed when this block ends, also on Ctrl-C and on failure.

    Why sharing is sound: every check still gets a fresh container of the image under test, on
    the same network, with the same names and environment; only the dependencies' state carries
    over, and it already does between the original's two runs (both run against the same started
    dependencies), so what a check changes in a database is learnt as variance on the original
    (a hit counter) or is idempotent (a note written then read back). A dependency that stopped
    between checks is an error on the set-up, never a variant's failure.
    """
    with contextlib.ExitStack() as stack:
        sharing = _Sharing(run_id, stack)
        token = _SHARING.set(sharing)
        try:
            yield
        finally:
            with sharing.lock:  # a check still starting them finishes first; none starts after
                sharing.open = False
            _SHARING.reset(token)


@contextlib.contextmanager
def app_in_place(
    deps: Dependencies, *, run_id: str, labels: Mapping[str, str] | None = None
) -> Iterator[Environment]:
    """:func:`started_dependencies`, with every container started in the block in the app's
    place (on their network, with its names and environment): the one call verification needs.

    Inside :func:`shared_dependencies` of the same run, the dependencies are started by the first
    call only and stay up for the next ones (each checks they still run).
    """
    sharing = _SHARING.get()
    started = None
    if sharing is not None and sharing.run_id == run_id and deps:
        with sharing.lock:
            if sharing.open:
                started = sharing.find(deps)
                if started is None:
                    started = _start_all(deps, sharing.stack, run_id, labels)
                    sharing.started.append(started)
                else:
                    started.check_alive()
    if started is None:  # not shared (or the scope ended under a check still running)
        with (
            started_dependencies(deps, run_id=run_id, labels=labels) as environment,
            placed(environment.placement),
        ):
            yield environment
        return
    with placed(started.environment.placement):
        yield started.environment


# --- readiness -------------------------------------------------------------------------------

_COMPLETED = "service_completed_successfully"


@contextlib.contextmanager
def _started(
    dep: Dependency,
    run_id: str,
    labels: Mapping[str, str] | None,
    network: str,
    mounts: tuple[MountSpec, ...],
) -> Iterator[RunningContainer]:
    started = False
    image = _built(dep, run_id, labels) if dep.build is not None else dep.image
    try:
        ensure_image(image)  # local, or pulled from its registry
    except RegistryError as exc:
        raise DependencyError(
            f"dependency {dep.name}: {exc.message}",
            hint="dependency images must be in the local engine or its registry",
        ) from exc
    try:
        with running_container(
            image,
            run_id=run_id,
            command=dep.command,
            entrypoint=dep.entrypoint,
            env=dep.env,
            sandbox=_sandbox(dep),
            labels={**dict(labels or {}), "imgopt.dependency": dep.name},
            network=network,
            aliases=dep.aliases,
            mounts=mounts,
            healthcheck=dep.healthcheck,
        ) as container:
            started = True
            yield container
    except InputError as exc:  # its image is missing
        if started:
            raise  # from the block, not from starting it
        raise DependencyError(
            f"dependency {dep.name}: {exc.message}",
            hint="dependency images must be in the local engine or its registry",
        ) from exc
    except ContainerStartError as exc:
        if started:
            raise
        raise DependencyError(f"dependency {dep.name} did not start: {exc}") from exc


def _wait(
    services: Sequence[Dependency], name: str, container: RunningContainer, condition: str
) -> None:
    dep = next(d for d in services if d.name == name)
    deadline = time.monotonic() + dep.ready_timeout_s
    port = dep.ready_port
    if port is None and condition != _COMPLETED:
        exposed = image_facts(container.image).exposed_tcp_ports
        port = min(exposed) if exposed else None
    while True:
        state = container.state()
        if condition == _COMPLETED:
            if not state.running:
                if state.exit_code == 0:
                    return
                raise DependencyError(f"dependency {name} exited with code {state.exit_code}")
        elif not state.running:
            raise DependencyError(
                f"dependency {name} exited with code {state.exit_code} before it was ready"
                f" (last output: {keep_ends(container.logs(tail=5), 300)!r})"
            )
        elif _ready(container, port):
            return
        if time.monotonic() > deadline:
            raise DependencyError(
                f"dependency {name} was not ready within {dep.ready_timeout_s:g}s"
                f" (last output: {keep_ends(container.logs(tail=5), 300)!r})"
            )
        time.sleep(0.5)


def _ready(container: RunningContainer, port: int | None) -> bool:
    health = container.health()
    if health is not None:
        return health == "healthy"
    if port is None:
        return True
    try:
        container.open_connection(port, 2.0).close()
    except OSError:
        return False
    return True


def _built(dep: Dependency, run_id: str, labels: Mapping[str, str] | None) -> str:
    """The dependency's image, built from its Compose ``build`` once per run (labelled with the
    run, so the run's clean-up removes it)."""
    from imgopt.engine.builders import BuildFailure, BuildRequest, get_builder
    from imgopt.engine.images import image_exists

    assert dep.build is not None
    tag = f"{dep.image}:{_slug(run_id).replace('/', '-')}"
    if image_exists(tag):
        return tag
    request = BuildRequest(
        context=dep.build.context,
        dockerfile=dep.build.dockerfile,
        tag=tag,
        build_args=dict(dep.build.args),
        target=dep.build.target,
        labels={**dict(labels or {}), RUN_LABEL: run_id, "imgopt.dependency": dep.name},
    )
    try:
        get_builder("auto").build(request)
    except (BuildFailure, InputError) as exc:
        raise DependencyError(f"dependency {dep.name} did not build: {exc.message}") from exc
    return tag


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9_./-]+", "-", text.lower()).strip("-.")[:120] or "dep"


def _sandbox(dep: Dependency) -> Sandbox:
    lifetime = DEPENDENCY_SANDBOX.lifetime_s + dep.ready_timeout_s
    return Sandbox(
        memory=DEPENDENCY_SANDBOX.memory,
        pids_limit=DEPENDENCY_SANDBOX.pids_limit,
        drop_all_capabilities=False,
        lifetime_s=max(lifetime, 3600.0),
        cpus=DEPENDENCY_SANDBOX.cpus,
        user=dep.user,
    )


# --- reading Compose's resolved definitions ---------------------------------------------------


def _start_order(project: ComposeProject, target: str) -> list[str]:
    """``target``'s dependencies, transitively, each after its own (depth first)."""
    order: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in order:
            return
        if name in visiting:
            raise DependencyError(f"{project.path}: services.{name}: depends_on forms a cycle")
        visiting.add(name)
        service = project.service(name)
        if service is None:
            raise DependencyError(f"{project.path}: depends on undefined service {name!r}")
        for dep in _depends_on(service.definition):
            visit(dep)
        visiting.discard(name)
        if name != target:
            order.append(name)

    visit(target)
    return order


def _depends_on(definition: Mapping[str, Any]) -> dict[str, str]:
    """What a service depends on, and on what condition. ``required: false`` ones are started
    too: the project is read with every profile on, so Compose would start them as well (a
    flask app's postgres and redis sit in profiles its own ``.env`` turns on), and an app
    checked without them would answer 500 where it answers 200 in its project."""
    raw = definition.get("depends_on") or {}
    if isinstance(raw, list):
        return {str(n): "service_started" for n in raw}
    return {str(n): str((v or {}).get("condition", "service_started")) for n, v in raw.items()}


def _compose_dependency(
    project: ComposeProject,
    service: ComposeService,
    extra_aliases: Mapping[str, list[str]],
    notes: list[str],
) -> Dependency:
    body = service.definition
    where = f"{project.path}: services.{service.name}"
    image = service.image
    if service.build is not None:
        # Built by imgopt from the same context, Dockerfile, args and target as Compose would,
        # under a name of its own (see _built): a repository's tag is never overwritten.
        image = _slug(f"imgopt-dep/{project.name}-{service.name}")
    if image is None:
        raise DependencyError(f"{where}: has no image to run")
    for key in IGNORED_KEYS:
        if body.get(key):
            notes.append(f"{service.name}: `{key}` is not applied (imgopt's sandbox)")
    mounts, volumes = _mounts(project, service, where, notes)
    return Dependency(
        name=service.name,
        image=image,
        aliases=_aliases(service, extra_aliases),
        env=_environment(body),
        command=_argv(body.get("command")),
        entrypoint=_argv(body.get("entrypoint")),
        healthcheck=_healthcheck(body.get("healthcheck"), where),
        mounts=mounts,
        volumes=volumes,
        conditions=tuple(_depends_on(body).items()),
        user=str(body["user"]) if body.get("user") else None,
        build=service.build,
    )


def _aliases(service: ComposeService, extra: Mapping[str, list[str]]) -> tuple[str, ...]:
    names = [service.name]
    networks = service.definition.get("networks") or {}
    if isinstance(networks, dict):
        for config in networks.values():
            names += [str(a) for a in (config or {}).get("aliases") or ()]
    names += extra.get(service.name, [])
    return tuple(dict.fromkeys(names))


def _link_aliases(project: ComposeProject) -> dict[str, list[str]]:
    """``links: ["db:database"]`` gives service ``db`` the name ``database``."""
    out: dict[str, list[str]] = {}
    for service in project.services:
        for link in service.definition.get("links") or ():
            name, _, alias = str(link).partition(":")
            if alias:
                out.setdefault(name, []).append(alias)
    return out


def _environment(definition: Mapping[str, Any]) -> dict[str, str]:
    raw = definition.get("environment") or {}
    if isinstance(raw, list):
        raw = dict(str(item).partition("=")[::2] for item in raw)
    return {str(k): str(v) for k, v in raw.items() if v is not None}


def _argv(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        import shlex

        return tuple(shlex.split(value))
    return tuple(str(v) for v in value)


def _mounts(
    project: ComposeProject, service: ComposeService, where: str, notes: list[str]
) -> tuple[tuple[MountSpec, ...], tuple[str, ...]]:
    root = project.path.parent.resolve()
    mounts: list[MountSpec] = []
    volumes: list[str] = []
    for i, raw in enumerate(service.definition.get("volumes") or ()):
        if not isinstance(raw, dict) or not raw.get("target"):
            continue
        kind, source, target = raw.get("type"), str(raw.get("source") or ""), str(raw["target"])
        read_only = bool(raw.get("read_only"))
        if kind == "volume":
            if source:
                volumes.append(source)
            mounts.append(MountSpec(target, "volume", source, read_only))
        elif kind == "tmpfs":
            mounts.append(MountSpec(target, "tmpfs"))
        elif kind == "bind":
            real = Path(source).resolve()
            if real != root and root not in real.parents:
                raise DependencyError(
                    f"{where}.volumes[{i}]: bind mount of {source} is outside the project "
                    f"({root}); imgopt mounts only the project's own files",
                )
            if not real.exists():
                # Compose creates it empty (a database's data folder, `./postgres-data`): a
                # fresh volume of the run's is the same, without writing into the project.
                volumes.append(source)
                mounts.append(MountSpec(target, "volume", source, read_only))
                notes.append(f"{service.name}: {source} does not exist: a fresh volume instead")
                continue
            mounts.append(MountSpec(target, "bind", str(real), read_only=True))
            if not read_only:
                notes.append(f"{service.name}: {source} is mounted read-only")
        else:
            notes.append(f"{service.name}: a `{kind}` volume is not supported; left out")
    return tuple(mounts), tuple(dict.fromkeys(volumes))


_DURATION = re.compile(r"(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)")
_UNIT_S = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def _seconds(value: Any, default: float) -> float:
    """A Go duration as Compose writes it (``1m30s``, ``500ms``), in seconds."""
    if value is None:
        return default
    if isinstance(value, int | float):
        return float(value) / 1e9  # Compose writes plain numbers in nanoseconds
    parts = _DURATION.findall(str(value))
    if not parts:
        return default
    return sum(float(n) * _UNIT_S[u] for n, u in parts)


def _healthcheck(raw: Any, where: str) -> HealthcheckSpec | None:
    if not isinstance(raw, dict):
        return None
    if raw.get("disable"):
        return HealthcheckSpec(test=("NONE",))
    test = raw.get("test")
    if isinstance(test, str):
        test = ["CMD-SHELL", test]
    if not isinstance(test, list) or not test:
        return None  # only timings changed: the image's own test, which Docker runs anyway
    return HealthcheckSpec(
        test=tuple(str(t) for t in test),
        interval_s=min(_seconds(raw.get("interval"), 5.0), 5.0),  # poll often: we are waiting
        timeout_s=_seconds(raw.get("timeout"), 5.0),
        retries=int(raw.get("retries") or 3),
        start_period_s=_seconds(raw.get("start_period"), 0.0),
    )


__all__ = [
    "NO_DEPENDENCIES",
    "Dependencies",
    "Dependency",
    "DependencyError",
    "Environment",
    "app_in_place",
    "compose_dependencies",
    "find_dependencies",
    "shared_dependencies",
    "started_dependencies",
    "with_spec_services",
]
