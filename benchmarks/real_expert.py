"""How close to an expert (issue 17): each real app's own Dockerfile against one written by hand.

For every app below, ``benchmarks/real/<app>/Dockerfile.expert`` is the best Dockerfile we could
write by hand on the same base family. This builds the app's own Dockerfile and the expert one
(BuildKit, ``docker buildx build --load``), measures both with imgopt's own code
(:func:`imgopt.bench.layers.measure_layers` and :func:`imgopt.bench.sizes.image_sizes`:
uncompressed size as the engine reports it, compressed = the layers' gzip sizes), checks that the
expert image behaves like the original (the same command output, the same port answering the same
way), and writes a table. When the app's own Dockerfile does not build (go-md2man,
fastapi-realworld), the expert is still measured and its checks run on it alone ("n/a": there
is nothing to compare with, so "behaves alike" stays unknown). When
``reports/real/results.json`` (benchmarks/publish_real.py) is there, it adds imgopt's
recommended compressed size per app and its ratio to the expert's (issue 17's goal: at most
1.15).

Base tags without a stand-in are aliased at run time exactly as the published benchmark does
(benchmarks/real/aliases.toml, through publish_real's AliasTags): the stand-in is tagged under
the missing name and the tag removed afterwards; no Dockerfile is edited. The same goes for
the dependencies a check starts (:class:`Service`: the image, network aliases and environment
the app's own Compose file gives them, e.g. ``mongo:3`` -> imgopt/mongo-wire, ``mysql:5`` ->
mariadb:10.11, ``postgres:11.5-alpine`` -> postgres:15): each check starts them afresh on a new
network, waits until they accept connections, and removes them with their volumes and the
network afterwards. twemproxy's expert ships on gcr.io/distroless/base-debian12, and the
dependency stand-ins come from the stand-ins' ``real-deps`` group (``standins/build.py --group
real-deps``); python:3.9-slim from ``real-bases``.

Run (one build at a time; about 20 minutes for every app on the shared 2-core machine):

    .venv/bin/python benchmarks/real_expert.py [--app NAME]... [--keep]

Writes benchmarks/results/real_expert-<date>.txt (what it printed) and .json (the rows); with
``--app``, the rows of the other apps already in that day's .json are kept (each row says when
and by which command it was measured), so apps can be measured one run at a time. Every
image, container and network it creates carries the label ``org.imgopt.real-expert=<run id>``
and is removed at the end (``--keep`` keeps the images); containers go with their anonymous
volumes (``docker rm -v``). Exit status: 0 when every app measured by this run behaves alike,
1 otherwise (a difference, a failed build, or an original that could not be compared).
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

import publish_real  # noqa: E402  (the published benchmark's alias table and tagging)

REAL = REPO / "benchmarks" / "real"
RESULTS = REPO / "benchmarks" / "results"
PUBLISHED = REPO / "reports" / "real" / "results.json"
RUN_ID = uuid.uuid4().hex[:12]
LABEL = f"org.imgopt.real-expert={RUN_ID}"
GOAL = 1.15


@dataclass(frozen=True)
class Service:
    """A dependency container started before the probed image, as the app's Compose file has it.

    Attributes:
        image: the image as the Compose file names it (aliased onto a stand-in through
            benchmarks/real/aliases.toml when it is missing, like the bases).
        aliases: its names on the network (the Compose service name, its ``container_name``).
        port: the port it serves on; the probe starts once a TCP connection to it is accepted
            (the official postgres and mysql entry points keep TCP closed while they initialise).
        env: its environment variables.
    """

    image: str
    aliases: tuple[str, ...]
    port: int
    env: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Probe:
    """One way to run an image and what to observe; both images must give the same observation.

    Attributes:
        name: shown in the table.
        args: arguments after the image name (the command, or the entry point's arguments).
        stdin: text fed to the container (a CLI check), or None.
        env: environment variables.
        port: a container port to probe once it answers (a server check), or None.
        request: ``METHOD PATH`` for an HTTP probe on ``port``; None for a plain TCP connect.
        body: the request body.
        compare_body: whether the response body must be equal too (else status and type only).
        services: the dependencies to start first, each on a fresh network shared with the
            image, as the app's Compose file wires them (see :class:`Service`).
        entrypoint: replaces the image's entry point (a CLI check), or None.
    """

    name: str
    args: tuple[str, ...] = ()
    stdin: str | None = None
    env: dict[str, str] = field(default_factory=dict)
    port: int | None = None
    request: str | None = None
    body: str = ""
    compare_body: bool = False
    services: tuple[Service, ...] = ()
    entrypoint: str | None = None


MARKDOWN_DOC = "# NAME\n\ndemo - a page\n\n## SYNOPSIS\n\n**demo** [*options*]\n\nSome `code`.\n"

GOOF_DEPS = (
    "for (const d of Object.keys(require('./package.json').dependencies)) require.resolve(d);"
    " console.log('resolved')"
)


def gets(
    port: int, env: dict[str, str], services: tuple[Service, ...], *routes: tuple[str, str, bool]
) -> tuple[Probe, ...]:
    """HTTP GET checks on one server: each route is (path, what it shows, whether the body must
    be equal too)."""
    return tuple(
        Probe(
            f"GET {path} {what}",
            env=env,
            port=port,
            request=f"GET {path}",
            compare_body=body,
            services=services,
        )
        for path, what, body in routes
    )


# --- dependencies, wired as each app's own Compose file wires them ------------------------------

#: rq-dashboard's Compose file points at the host's Redis; its check starts the redis:7 stand-in.
REDIS = Service("redis:7", ("redis",), 6379)
#: hackathon-starter's docker-compose.yml: service ``mongo`` (image ``mongo``), and the app's
#: MONGODB_URI=mongodb://mongo:27017/test.
HACKATHON_MONGO = Service("mongo", ("mongo",), 27017)
HACKATHON_ENV = {"MONGODB_URI": "mongodb://mongo:27017/test"}
#: nodejs-goof's docker-compose.yml: DOCKER=1 makes the app use mongodb://goof-mongo/express-todo
#: (service goof-mongo, mongo:3); MySQL is service good-mysql (container goof-mysql, mysql:5,
#: MYSQL_ROOT_PASSWORD=root, MYSQL_DATABASE=acme). The app's typeorm connects to localhost:3306,
#: not to that service, so it logs "failed connecting ... MySQL" and serves on, in both images,
#: exactly as under Compose.
GOOF_ENV = {"DOCKER": "1"}
GOOF_SERVICES = (
    Service("mongo:3", ("goof-mongo",), 27017),
    Service(
        "mysql:5",
        ("good-mysql", "goof-mysql"),
        3306,
        {"MYSQL_ROOT_PASSWORD": "root", "MYSQL_DATABASE": "acme"},
    ),
)
#: fastapi-realworld's docker-compose.yml: service ``db`` (postgres:11.5-alpine) and the app's
#: DATABASE_URL=postgresql://postgres:postgres@db/postgres, both also reading ``.env``, which the
#: README makes from .env.example (SECRET_KEY=secret, DEBUG=True). With no POSTGRES_PASSWORD
#: there, postgres:11.5's entry point allowed every connection without a password (trust); the
#: postgres:15 stand-in, like the official 15, wants that said: POSTGRES_HOST_AUTH_METHOD=trust.
FASTAPI_DB = Service("postgres:11.5-alpine", ("db",), 5432, {"POSTGRES_HOST_AUTH_METHOD": "trust"})
FASTAPI_ENV = {
    "SECRET_KEY": "secret",
    "DEBUG": "True",
    "DATABASE_URL": "postgresql://postgres:postgres@db/postgres",
}

#: The apps with an expert Dockerfile, and how their images are checked against each other.
APPS: dict[str, tuple[Probe, ...]] = {
    "go-md2man": (Probe("markdown on stdin -> roff on stdout", stdin=MARKDOWN_DOC),),
    "faas-watchdog": (
        Probe("./watchdog -version", args=("./watchdog", "-version")),
        Probe(
            "POST / runs fprocess (./watchdog -version: no cat in the expert image)",
            args=("./watchdog",),
            env={"fprocess": "./watchdog -version"},
            port=8080,
            request="POST /",
            body="hello watchdog",
            compare_body=True,
        ),
    ),
    "twemproxy": (
        Probe("nutcracker --version", args=("--version",)),
        Probe("nutcracker -t (the bundled configuration)", args=("-t",)),
        Probe("default start: the stats port 22222 answers", port=22222),
    ),
    "nodejs-goof": (
        Probe(
            "every production dependency resolves",
            entrypoint="node",
            args=("-e", GOOF_DEPS),
        ),
        *gets(
            3001,
            GOOF_ENV,
            GOOF_SERVICES,
            ("/", "(the todo list, from MongoDB) with mongo:3 and mysql:5", True),
            ("/public/about.html", "(st's static files) with mongo:3 and mysql:5", True),
        ),
    ),
    "rq-dashboard": gets(
        9181,
        {"RQ_DASHBOARD_REDIS_URL": "redis://redis:6379"},
        (REDIS,),
        ("/", "with redis:7", False),
        ("/0/data/queues.json", "with redis:7", True),
    ),
    "hackathon-starter": gets(
        8080,
        HACKATHON_ENV,
        (HACKATHON_MONGO,),
        ("/", "with mongo (a CSRF token in the page: status and type only)", False),
        ("/css/main.css", "(compiled from main.scss at install) with mongo", True),
        ("/js/lib/jquery.min.js", "(served from node_modules) with mongo", True),
    ),
    "fastapi-realworld": gets(
        8000,
        FASTAPI_ENV,
        (FASTAPI_DB,),
        ("/", "with postgres (migrations run first)", True),
        ("/api/tags", "(a query on the migrated database) with postgres", True),
        ("/openapi.json", "(FastAPI's and pydantic's schema) with postgres", True),
    ),
}


def log(message: str) -> None:
    print(f"real-expert: {message}", file=sys.stderr, flush=True)


def docker(*args: str, check: bool = True, timeout: float = 120, stdin: str | None = None) -> Any:
    return subprocess.run(
        ["docker", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=check,
    )


# --- building and measuring ---------------------------------------------------------------------


def external_bases(dockerfile: Path) -> list[str]:
    """The images a Dockerfile builds FROM (not its own stages, not scratch)."""
    from imgopt.bench.sizes import parse_dockerfile

    parsed = parse_dockerfile(dockerfile, {})
    if parsed is None:
        return []
    refs = []
    for stage in parsed.stages:
        ref = stage.base_resolved.strip()
        if stage.base_stage is None and ref and ref.lower() != "scratch":
            refs.append(ref)
    return refs


def build(app: str, dockerfile: Path, tag: str) -> tuple[bool, float, str]:
    """Build ``dockerfile`` in the app's folder; (ok, seconds, why it failed: BuildKit's last
    line and the last lines the failing step printed)."""
    start = time.monotonic()
    proc = docker(
        "buildx", "build", "--load", "--progress=plain", "--label", LABEL, "-t", tag,
        "-f", str(dockerfile), str(REAL / app),
        check=False, timeout=3600,
    )  # fmt: skip
    lines = proc.stderr.strip().splitlines()
    printed = [line for line in lines if STEP_OUTPUT.match(line)]
    why = " | ".join([*lines[-1:], *printed[-4:]])
    return proc.returncode == 0, time.monotonic() - start, why


#: A line a build step printed, in BuildKit's plain progress (``#12 3.456 npm ERR! ...``).
STEP_OUTPUT = re.compile(r"#\d+ \d+\.\d+ \S")


def measure(tag: str) -> tuple[int, int | None]:
    """(uncompressed, compressed) bytes, measured by imgopt's own code."""
    from imgopt.bench.layers import measure_layers
    from imgopt.bench.sizes import image_sizes
    from imgopt.engine.images import inspect_image

    info = inspect_image(tag)
    facts = measure_layers(info.id, info.diff_ids, entries=False)
    sizes = image_sizes(info, facts, dockerfile=None)
    return sizes.size_bytes, sizes.compressed_bytes


# --- checking behaviour ---------------------------------------------------------------------------


class DependencyFailed(Exception):
    """A dependency service did not start accepting connections."""


@contextmanager
def network_with(services: Sequence[Service]) -> Iterator[list[str]]:
    """Extra ``docker run`` arguments: a fresh network holding ``services`` under their aliases,
    each accepting TCP connections; removed with their volumes afterwards.

    Raises:
        DependencyFailed: a service exited or did not accept connections in time.
    """
    if not services:
        yield []
        return
    net = f"imgopt-real-expert-{RUN_ID}-{uuid.uuid4().hex[:6]}"
    docker("network", "create", "--label", LABEL, net)
    try:
        for service in services:
            names = [a for name in service.aliases for a in ("--network-alias", name)]
            env = [a for k, v in service.env.items() for a in ("-e", f"{k}={v}")]
            cid = docker(
                "run", "-d", "--label", LABEL, "--network", net, *names, *env,
                "-p", f"127.0.0.1::{service.port}", service.image,
            ).stdout.strip()  # fmt: skip
            wait_accepting(cid, service)
        yield ["--network", net]
    finally:
        remove_containers()
        docker("network", "rm", net, check=False)


def wait_accepting(cid: str, service: Service, timeout: float = 180) -> None:
    """Wait until ``service``'s port accepts a TCP connection that the server keeps open."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = docker("inspect", "-f", "{{.State.Status}}", cid, check=False).stdout.strip()
        if state != "running":
            logs = docker("logs", cid, check=False)
            tail = (logs.stdout + logs.stderr)[-300:]
            raise DependencyFailed(f"{service.image} exited: {tail}")
        mapped = docker("port", cid, str(service.port), check=False).stdout.split("\n")[0]
        if mapped:
            with suppress(OSError):
                accepts(int(mapped.rsplit(":", 1)[1]))
                return
        time.sleep(1)
    raise DependencyFailed(f"{service.image} did not accept connections in {timeout:.0f} s")


def accepts(port: int) -> None:
    """Connect to ``port`` on the loopback; raise OSError unless the connection stays open or the
    server speaks first (docker's proxy accepts, then closes when nothing listens behind it)."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.settimeout(1)
        with suppress(TimeoutError):
            if s.recv(1) == b"":
                raise ConnectionResetError("closed at once")


def remove_containers() -> None:
    ids = docker("ps", "-aq", "--filter", f"label={LABEL}", check=False).stdout.split()
    if ids:
        docker("rm", "-f", "-v", *ids, check=False)


def http_once(port: int, request: str, body: str) -> str:
    method, path = request.split(" ", 1)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(method, path, body=body.encode() or None)
        resp = conn.getresponse()
        data = resp.read().decode(errors="replace")
        kind = (resp.getheader("Content-Type") or "").split(";")[0]
        return f"{resp.status} {kind}\n{data}"
    finally:
        conn.close()


#: Log time stamps (``2026/12/05 02:21:43``, ISO 8601): they differ between any two runs.
TIMESTAMP = re.compile(r"\d{4}[-/]\d{2}[-/]\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?")


def observe(tag: str, probe: Probe) -> str:
    """What the image does for ``probe`` (its output, or its answer), time stamps masked."""
    return TIMESTAMP.sub("<time>", _observe(tag, probe))


def _observe(tag: str, probe: Probe) -> str:
    try:
        with network_with(probe.services) as net:
            return _run(tag, probe, net)
    except DependencyFailed as exc:
        return f"no answer (dependency: {exc})"


def _run(tag: str, probe: Probe, net: list[str]) -> str:
    env = [a for k, v in probe.env.items() for a in ("-e", f"{k}={v}")]
    if probe.port is None:
        entry = ["--entrypoint", probe.entrypoint] if probe.entrypoint else []
        proc = docker(
            "run", "--rm", "-i", "--label", LABEL, *net, *env, *entry, tag, *probe.args,
            check=False, stdin=probe.stdin or "",
        )  # fmt: skip
        return f"exit {proc.returncode}\n{proc.stdout}{proc.stderr}".strip()
    cid = docker(
        "run", "-d", "--label", LABEL, *net, *env, "-p", f"127.0.0.1::{probe.port}",
        tag, *probe.args,
    ).stdout.strip()  # fmt: skip
    try:
        return answer(cid, probe)
    finally:
        docker("rm", "-f", "-v", cid, check=False)


def answer(cid: str, probe: Probe) -> str:
    deadline = time.monotonic() + 120
    last = "no answer"
    while time.monotonic() < deadline:
        mapped = docker("port", cid, str(probe.port), check=False).stdout.split("\n")[0]
        if not mapped:
            state = docker("inspect", "-f", "{{.State.Status}}", cid, check=False).stdout.strip()
            if state != "running":
                logs = docker("logs", cid, check=False)
                return f"exited\n{(logs.stdout + logs.stderr)[-400:]}"
        else:
            port = int(mapped.rsplit(":", 1)[1])
            try:
                if probe.request is None:
                    accepts(port)
                    return "accepts connections"
                reply = http_once(port, probe.request, probe.body)
                status, _, data = reply.partition("\n")
                return f"{status}\n{data}" if probe.compare_body else status
            except (OSError, http.client.HTTPException) as exc:
                last = f"no answer ({exc})"
        time.sleep(1)
    return last


# --- the run --------------------------------------------------------------------------------------


@dataclass
class Row:
    app: str
    measured_at: str = ""
    command: str = ""
    original_bytes: int | None = None
    original_compressed_bytes: int | None = None
    expert_bytes: int | None = None
    expert_compressed_bytes: int | None = None
    original_build_s: float | None = None
    expert_build_s: float | None = None
    behaves_alike: bool | None = None
    checks: list[dict[str, str]] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    note: str = ""
    recommended_compressed_bytes: int | None = None
    recommended_over_expert: float | None = None
    recommended_note: str = ""


def run_app(app: str, tags: publish_real.AliasTags) -> Row:
    row = Row(app)
    original, expert = REAL / app / "Dockerfile", REAL / app / "Dockerfile.expert"
    services = [s.image for probe in APPS[app] for s in probe.services]
    tags.apply(external_bases(original) + external_bases(expert) + services)
    row.aliases = [f"{t.ref} -> {t.standin}" for t in tags.created]
    row.aliases += [f"{t.ref} -> {t.standin} (tagged already)" for t in tags.present]
    images = {"original": f"imgopt-real-expert/{app}:original-{RUN_ID}"}
    images["expert"] = f"imgopt-real-expert/{app}:expert-{RUN_ID}"
    for which, dockerfile in (("original", original), ("expert", expert)):
        log(f"{app}: building the {which} Dockerfile")
        ok, seconds, tail = build(app, dockerfile, images[which])
        setattr(row, f"{which}_build_s", round(seconds, 1))
        if not ok:
            row.note += f"{which} did not build: {tail or '?'}; "
            continue
        size, compressed = measure(images[which])
        setattr(row, f"{which}_bytes", size)
        setattr(row, f"{which}_compressed_bytes", compressed)
    built = [which for which in images if getattr(row, f"{which}_bytes") is not None]
    if built == ["original", "expert"]:
        alike = True
        for probe in APPS[app]:
            seen = {which: observe(images[which], probe) for which in images}
            failed = ("exited", "no answer")
            same = seen["original"] == seen["expert"] and not seen["original"].startswith(failed)
            alike = alike and same
            row.checks.append({"check": probe.name, "same": str(same).lower(), **seen})
            log(f"{app}: {probe.name}: {'same' if same else 'DIFFERENT'}")
        row.behaves_alike = alike
    elif built == ["expert"]:
        # Nothing to compare with, but what the expert image does is worth a record: the checks
        # run on it alone ("same" is "n/a") and behaves_alike stays unknown.
        for probe in APPS[app]:
            seen = {"expert": observe(images["expert"], probe)}
            row.checks.append({"check": probe.name, "same": "n/a", **seen})
            log(f"{app}: {probe.name}: expert alone: {seen['expert'].splitlines()[0]}")
    return row


@dataclass(frozen=True)
class Published:
    """One app's recommendation in the published run."""

    compressed_bytes: int
    aliases: dict[str, str]  # image -> the stand-in tagged under its name there


def published() -> dict[str, Published]:
    """imgopt's recommended compressed size per app from the published run, if there is one."""
    if not PUBLISHED.is_file():
        return {}
    data = json.loads(PUBLISHED.read_text(encoding="utf-8"))
    out: dict[str, Published] = {}
    for app in data.get("apps", []):
        value = app.get("recommended_compressed_bytes")
        if isinstance(value, int) and value > 0:
            pairs = [a.split(" -> ", 1) for a in str(app.get("aliases") or "").split(";")]
            aliases = {p[0].strip(): p[1].strip() for p in pairs if len(p) == 2}
            out[str(app.get("app"))] = Published(value, aliases)
    return out


def other_standins(row: Row, there: Published) -> list[str]:
    """The images that the published run and this row's run aliased onto different stand-ins:
    their sizes are not comparable."""
    out = []
    for alias in row.aliases:
        ref, _, standin = alias.partition(" -> ")
        standin = standin.removesuffix(" (tagged already)")
        if ref in there.aliases and there.aliases[ref] != standin:
            out.append(f"{ref} -> {there.aliases[ref]} there, {standin} here")
    return out


def merged(path: Path, rows: list[Row]) -> list[Row]:
    """``rows`` plus the rows of the other apps that ``path`` (an earlier run's .json) holds,
    in the order of :data:`APPS`."""
    kept: dict[str, Row] = {}
    if path.is_file():
        for old in json.loads(path.read_text(encoding="utf-8")).get("rows", []):
            if isinstance(old, dict) and old.get("app") in APPS:
                known = {k: v for k, v in old.items() if k in Row.__dataclass_fields__}
                kept[str(old["app"])] = Row(**known)
    kept.update({r.app: r for r in rows})
    return [kept[a] for a in APPS if a in kept]


def table(rows: Sequence[Row]) -> str:
    from imgopt.results import units
    from imgopt.results.tables import Table, markdown

    cells = []
    for r in rows:
        expert_c = r.expert_compressed_bytes
        cells.append(
            (
                r.app,
                units.mb(r.original_bytes),
                units.mb(r.original_compressed_bytes),
                units.mb(r.expert_bytes),
                units.mb(expert_c),
                units.percent(units.change(expert_c, r.original_compressed_bytes), signed=True),
                {True: "yes", False: "NO", None: units.MISSING}[r.behaves_alike],
                units.mb(r.recommended_compressed_bytes),
                units.times(r.recommended_over_expert),
            )
        )
    headers = (
        "app",
        "original",
        "original compressed",
        "expert",
        "expert compressed",
        "expert vs original (compressed)",
        "behaves alike",
        "imgopt recommended (compressed)",
        "recommended / expert",
    )
    return markdown(Table(headers, tuple(cells), ("l", "r", "r", "r", "r", "r", "l", "r", "r")))


def shown(path: Path) -> str:
    """``path`` relative to the repository when it is inside it."""
    return str(path.relative_to(REPO) if path.is_relative_to(REPO) else path)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--app", action="append", choices=sorted(APPS), help="only this app")
    parser.add_argument("--keep", action="store_true", help="keep the images built")
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for the result files")
    parser.add_argument(
        "--render-only",
        action="store_true",
        help="measure nothing: rewrite the day's .txt and .json from its rows, with imgopt's "
        "recommended sizes read again from reports/real/results.json",
    )
    args = parser.parse_args(argv)
    # SIGTERM (timeout, CI cancel) unwinds like Ctrl-C, so the clean-up below still runs.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    apps = [] if args.render_only else args.app or list(APPS)
    aliases = publish_real.load_aliases(publish_real.ALIASES.read_text(encoding="utf-8"))
    engine = publish_real.DockerCLI()
    rows: list[Row] = []
    started = datetime.now(UTC).replace(microsecond=0)
    try:
        for app in apps:
            tags = publish_real.AliasTags(engine, aliases)
            try:
                rows.append(run_app(app, tags))
            finally:
                tags.remove()
                remove_containers()
    finally:
        if apps and not args.keep:
            ids = docker("images", "-q", "--filter", f"label={LABEL}", check=False).stdout.split()
            if ids:
                docker("rmi", "-f", *dict.fromkeys(ids), check=False)
    stem = args.out / f"real_expert-{started.date().isoformat()}"
    command = "benchmarks/real_expert.py" + "".join(f" --app {a}" for a in args.app or [])
    for r in rows:
        r.measured_at, r.command = started.isoformat(), command
    rows = merged(stem.with_suffix(".json"), rows)
    recommended = published()
    for r in rows:
        there = recommended.get(r.app)
        r.recommended_compressed_bytes = there.compressed_bytes if there else None
        r.recommended_over_expert, r.recommended_note = None, ""
        differ = other_standins(r, there) if there else []
        if differ:
            r.recommended_note = "not compared, other stand-ins: " + "; ".join(differ)
        elif there and r.expert_compressed_bytes:
            r.recommended_over_expert = round(there.compressed_bytes / r.expert_compressed_bytes, 3)
    lines = [
        f"# real_expert: {started.isoformat()}"
        + (" (--render-only: nothing measured)" if args.render_only else ""),
        *sorted({f"# command: .venv/bin/python {r.command} (at {r.measured_at})" for r in rows}),
        f"# sizes: imgopt.bench.sizes (MB = 10^6 bytes; compressed = sum of layer gzip sizes); "
        f"goal: recommended / expert <= {GOAL}",
        "# recommended: " + (shown(PUBLISHED) if recommended else "none yet"),
        "",
        table(rows).rstrip("\n"),
        "",
    ]
    for r in rows:
        lines.append(f"{r.app}: aliases: {', '.join(r.aliases) or 'none'}")
        for c in r.checks:
            if c["same"] == "n/a":
                lines.append(f"  check {c['check']}: expert alone (no original to compare)")
                lines.append(f"    expert:   {c['expert'][:300]!r}")
                continue
            lines.append(f"  check {c['check']}: {'same' if c['same'] == 'true' else 'DIFFERENT'}")
            if c["same"] != "true":
                lines.append(f"    original: {c['original'][:300]!r}")
                lines.append(f"    expert:   {c['expert'][:300]!r}")
        if r.note:
            lines.append(f"  note: {r.note.rstrip('; ')}")
        if r.recommended_note:
            lines.append(f"  imgopt's recommendation ({PUBLISHED.name}): {r.recommended_note}")
    text = "\n".join(lines) + "\n"
    print(text, end="")
    stem.with_suffix(".txt").write_text(text, encoding="utf-8")
    payload = {"started": started.isoformat(), "goal": GOAL, "rows": [asdict(r) for r in rows]}
    stem.with_suffix(".json").write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0 if all(r.behaves_alike for r in rows if r.measured_at == started.isoformat()) else 1


if __name__ == "__main__":
    sys.exit(main())
