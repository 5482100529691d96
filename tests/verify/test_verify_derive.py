"""Derived probes, what varies, and the file closure, without an engine: routes found in sources,
HEALTHCHECK targets, templates learned from two runs, strace output parsed, a variant's files
judged, listening ports read from /proc."""

from __future__ import annotations

import contextlib
import os
import socket
from pathlib import Path

import pytest

from imgopt.engine.filesystem import FileEntry, IndexedFiles
from imgopt.verify import keep_ends, listening_ports
from imgopt.verify.closure import (
    Closure,
    check_variant,
    closure_from_trace,
    measure,
    parse_trace,
)
from imgopt.verify.discover import Discovery, spec_draft
from imgopt.verify.routes import find_routes, healthcheck_argv, healthcheck_target, routes_in
from imgopt.verify.spec import parse_spec
from imgopt.verify.variance import learn
from imgopt.verify.verifier import Proof

# --- routes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('@app.route("/")\n@app.route("/summary")\n@app.get("/items/<id>")', ["/", "/summary"]),
        ("@router.get('/health')\nasync def h(): ...\n@app.post('/x')", ["/health"]),
        (
            "app.get('/', h);\nrouter.get('/api/todos', list);\napp.get('/t/:id', one);",
            ["/", "/api/todos"],
        ),
        (
            'mux.HandleFunc("/quote", q)\nhttp.Handle("/static/", fs)\nr.GET("/v1/{id}", g)',
            ["/quote", "/static/"],
        ),
        ('if self.path == "/page":\n    ...\nelif self.path == "/count":', ["/page", "/count"]),
        ("get '/status' do\n  'ok'\nend", ["/status"]),
        ('print("/not/a/route")\nopen("/etc/passwd")', []),
        # Django (linkding): relative paths, regexes, parameters skipped
        (
            '"""Examples:\n    path(\'blog/\', include(\'blog.urls\'))\n"""\n'
            "# path('old', gone)\n"
            "urlpatterns = [\n    url(r'^$', RedirectView.as_view()),\n"
            "    path('bookmarks', index),\n    path('bookmarks/<int:id>/edit', edit),\n"
            "    re_path(r'^about/$', about),\n    path('admin/', admin.site.urls),\n]",
            ["/", "/bookmarks", "/about/", "/admin/"],
        ),
        ("os.path.join('a', 'b')\npath('x')", []),  # no urlpatterns: not Django
        # Werkzeug (isso)
        ("isso.urls.add(Rule('/info', endpoint=self.show))", ["/info"]),
    ],
)
def test_routes_in_source(source: str, expected: list[str]) -> None:
    assert routes_in(source) == expected


def test_find_routes_puts_root_first_skips_tests_and_is_bounded(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(
        "\n".join(f'@app.route("/r{i}")' for i in range(15)) + '\n@app.route("/")\n'
    )
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_app.py").write_text('@app.route("/from-a-test")\n')
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "x.js").write_text("app.get('/from-a-dependency')\n")
    routes = find_routes(tmp_path)
    assert routes[0] == "/"
    assert len(routes) == 10
    assert "/from-a-test" not in routes and "/from-a-dependency" not in routes


def test_healthcheck_target_and_command() -> None:
    test = ("CMD-SHELL", "curl -fsS http://localhost:5000/health || exit 1")
    assert healthcheck_target(test) == (5000, "/health")
    assert healthcheck_argv(test) == ("/bin/sh", "-c", test[1])
    assert healthcheck_target(("CMD", "wget", "-q", "http://127.0.0.1/ping")) == (None, "/ping")
    assert healthcheck_argv(("CMD", "/bin/check")) == ("/bin/check",)
    assert healthcheck_target(("CMD", "pg_isready")) is None
    assert healthcheck_argv(("NONE",)) is None and healthcheck_argv(None) is None


# --- what varies -----------------------------------------------------------------------------


def test_a_timestamp_is_left_out_but_the_rest_must_match() -> None:
    first = '{"now": "2026-12-04T22:10:01.123Z", "request_id": "a1b2", "service": "x"}'
    second = '{"now": "2026-12-04T22:10:02.456Z", "request_id": "ff07", "service": "x"}'
    template = learn(first, second)
    assert template.gaps == 2
    later = '{"now": "2026-12-05T01:00:00.000Z", "request_id": "0000", "service": "x"}'
    assert template.matches(later)
    assert not template.matches(later.replace('"x"', '"y"'))
    assert not template.matches(later.replace("service", "servicio"))
    assert "lacks" in template.first_difference(later.replace('"x"', '"y"'))


def test_identical_runs_require_identical_text() -> None:
    template = learn("hello\n", "hello\n")
    assert not template.masked
    assert template.matches("hello\n") and not template.matches("hello!\n")


def test_a_differing_line_is_masked_not_the_whole_body() -> None:
    template = learn("title\nserved at 10:01\nfooter\n", "title\nserved at 10:02\nfooter\n")
    assert template.matches("title\nserved at 23:59\nfooter\n")
    assert not template.matches("title\nserved at 23:59\n")


# --- the closure -----------------------------------------------------------------------------

TRACE = """\
100 openat(AT_FDCWD</>, "/proc/1/status", O_RDONLY) = 3</proc/1/status>
101 execve("/usr/bin/sleep", ["sleep", "0.05"], 0x0 /* 8 vars */) = 0
101 openat(AT_FDCWD</>, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3</etc/ld.so.cache>
100 execve("./server", ["./server"], 0x0 /* 8 vars */) = 0
100 openat(AT_FDCWD</app>, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3</etc/ld.so.cache>
100 openat(AT_FDCWD</app>, "templates/index.html", O_RDONLY <unfinished ...>
102 openat(AT_FDCWD</app>, "/tmp/out", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 4</tmp/out>
100 <... openat resumed>) = 5</app/templates/index.html>
102 execve("/usr/bin/jq", ["jq", "length"], 0x0 /* 8 vars */) = 0
100 openat(AT_FDCWD</app>, "/etc/hosts", O_RDONLY|O_CLOEXEC) = 6</etc/hosts>
100 openat(AT_FDCWD</app>, "/usr/share", O_RDONLY|O_DIRECTORY) = 7</usr/share>
"""


def test_trace_starts_at_the_images_command_and_keeps_reads_and_programs() -> None:
    files, programs = parse_trace(TRACE, init_pid=100)
    assert files == ["/etc/ld.so.cache", "/app/templates/index.html", "/etc/hosts"]
    assert programs == ["/app/server", "/usr/bin/jq"]  # ./server resolved with the cwd
    closure = closure_from_trace(TRACE, 100, complete=True)
    assert "/etc/hosts" not in closure.files  # Docker mounts it; it is not the image's
    assert closure.executables == ("/app/server", "/usr/bin/jq")


def _files(entries: dict[str, FileEntry]) -> IndexedFiles:
    return IndexedFiles({"/": FileEntry("dir", 0), **entries})


ORIGINAL = _files(
    {
        "/app/templates/index.html": FileEntry("file", 10, sha256="t"),
        "/usr/bin/jq": FileEntry("file", 300),
        "/usr/local/lib/python3.11/dist-packages/flask/app.py": FileEntry("file", 40),
        "/usr/local/lib/python3.11/dist-packages/flask/__pycache__/app.cpython-311.pyc": (
            FileEntry("file", 50)
        ),
        "/usr/local/bin/flask": FileEntry("file", 5),
        "/etc/ssl/openssl.cnf": FileEntry("file", 7),
        "/lib": FileEntry("symlink", 0, "usr/lib"),
        "/usr/lib/libc.so.6": FileEntry("file", 100),
    }
)
CLOSURE = Closure(
    files=(
        "/app/templates/index.html",
        "/usr/bin/jq",
        "/usr/local/lib/python3.11/dist-packages/flask/__pycache__/app.cpython-311.pyc",
        "/usr/local/bin/flask",
        "/etc/ssl/openssl.cnf",
        "/lib/libc.so.6",
        "/tmp/created-at-run-time",
    ),
    executables=("/usr/bin/jq", "/usr/local/bin/flask"),
    complete=True,
)


def _facts():  # type: ignore[no-untyped-def]
    own = {"/app/templates/index.html", "/usr/bin/jq", "/usr/local/bin/flask"}
    own.add("/usr/local/lib/python3.11/dist-packages/flask/__pycache__/app.cpython-311.pyc")
    facts = measure(CLOSURE, ORIGINAL, {"templates/index.html": "t"})
    from dataclasses import replace

    required = {"/app/templates/index.html", "/usr/bin/jq", "/usr/local/bin/flask"}
    required.add("/usr/lib/libc.so.6")
    return replace(facts, own=frozenset(own), required=frozenset(required))


def test_measure_resolves_links_totals_bytes_and_finds_the_apps_files() -> None:
    facts = measure(CLOSURE, ORIGINAL, {"templates/index.html": "t"}, base_layers=1)
    # Required: the app's own file, the programs, the base's shared library; not a system
    # package's configuration, nor a package the base image shipped.
    assert facts.required == {
        "/app/templates/index.html",
        "/usr/bin/jq",
        "/usr/local/bin/flask",
        "/usr/lib/libc.so.6",
    }
    assert "/usr/lib/libc.so.6" in facts.files  # /lib -> usr/lib followed
    assert "/tmp/created-at-run-time" not in facts.files  # not in the image
    assert facts.bytes == 10 + 300 + 50 + 5 + 7 + 100
    assert dict(facts.app_files) == {"/app/templates/index.html": "t"}


def test_a_variant_that_moved_packages_and_changed_base_passes() -> None:
    variant = _files(
        {
            "/app/templates/index.html": FileEntry("file", 10, sha256="t"),
            "/usr/bin/jq": FileEntry("file", 300),
            "/opt/venv/lib/python3.11/site-packages/flask/app.py": FileEntry("file", 40),
            "/opt/venv/bin/flask": FileEntry("file", 9),
            "/usr/lib/libc.so.6": FileEntry("file", 100),
        }
    )
    check = check_variant(_facts(), variant, strict=False)
    assert check.problems == ()
    assert check.absent_optional == ("/etc/ssl/openssl.cnf",)  # by default: reported, not failed
    assert check_variant(_facts(), variant, strict=True).problems == (  # literally: failed
        "variant lacks /etc/ssl/openssl.cnf, which the original read (configuration or data: "
        "--lenient-closure accepts it)",
    )


def test_a_variant_without_the_template_or_the_binary_fails_naming_them() -> None:
    variant = _files({"/usr/lib/libc.so.6": FileEntry("file", 100)})
    problems = check_variant(_facts(), variant, strict=False).problems
    assert "variant lacks /app/templates/index.html, which the original read" in problems
    assert "variant lacks /usr/bin/jq, which the original read" in problems


def test_a_variant_with_another_template_fails() -> None:
    variant = _files(
        {
            "/app/templates/index.html": FileEntry("file", 10, sha256="other"),
            "/usr/bin/jq": FileEntry("file", 300),
        }
    )
    problems = check_variant(_facts(), variant, strict=False).problems
    assert problems[0].startswith("variant has another /app/templates/index.html")


def _layered(base: dict[str, FileEntry], own: dict[str, FileEntry]) -> IndexedFiles:
    """An original whose ``own`` files came from the Dockerfile's layers (layer 1), above the
    base image's (layer 0)."""

    class Layered(IndexedFiles):
        def layer(self, path: str) -> int | None:
            return 1 if path in own else 0

    return Layered({"/": FileEntry("dir", 0), **base, **own})


STDLIB = "/usr/local/lib/python3.11/json/__init__.py"
LOADER = "/lib64/ld-linux-x86-64.so.2"
BASE = {
    STDLIB: FileEntry("file", 12),
    "/usr/lib/x86_64-linux-gnu/libssl.so.3": FileEntry("file", 600),
    LOADER: FileEntry("file", 200),
    "/etc/ssl/openssl.cnf": FileEntry("file", 7),
    "/usr/lib/python3/dist-packages/distutils-precedence.pth": FileEntry("file", 1),
    "/usr/lib/python3/dist-packages/_distutils_hack/__init__.py": FileEntry("file", 3),
}
EXTENSION = "/usr/local/lib/python3.11/site-packages/psycopg2/_psycopg.cpython-311.so"
OWN = {
    EXTENSION: FileEntry("file", 40),
    "/etc/app.conf": FileEntry("file", 70),  # installed by the Dockerfile, outside /app
    "/app/page.html": FileEntry("file", 9, sha256="p"),
    "/app/build/bundle.js": FileEntry("file", 90),  # a build output in the app's folder
}
STRICT = measure(
    Closure(files=(*BASE, *OWN), complete=True),
    _layered(BASE, OWN),
    {"page.html": "p"},
    1,
)


def test_the_apps_folders_and_the_runtime_code_the_dockerfile_added_are_required() -> None:
    assert {EXTENSION, "/app/page.html", "/app/build/bundle.js"} <= STRICT.required
    variant = _files({**BASE, "/etc/app.conf": FileEntry("file", 70)})
    check = check_variant(STRICT, variant, strict=False)
    assert set(check.problems) == {
        f"variant lacks {EXTENSION}, which the original read",
        "variant lacks /app/page.html, which the original read",
        "variant lacks /app/build/bundle.js, which the original read",
    }
    # outside the app's folders and not code: reported, not failed
    assert "/etc/app.conf" not in STRICT.required


def test_the_standard_library_and_shared_libraries_of_the_base_are_required() -> None:
    slim = _files(
        {**OWN, LOADER: FileEntry("file", 200), "/etc/ssl/openssl.cnf": FileEntry("file", 7)}
    )
    problems = check_variant(STRICT, slim, strict=False).problems
    assert f"variant lacks {STDLIB}, which the original read" in problems
    assert "variant lacks /usr/lib/x86_64-linux-gnu/libssl.so.3, which the original read" in (
        problems
    )


def test_a_variant_without_a_dynamic_loader_needs_no_shared_library() -> None:
    """A Go app linked dynamically in the original (cgo's resolver) and statically on scratch."""
    program = "/usr/local/bin/app"
    base = {LOADER: FileEntry("file", 200), "/lib/x86_64-linux-gnu/libc.so.6": FileEntry("file", 9)}
    own = {program: FileEntry("file", 50)}
    facts = measure(
        Closure(files=(*base, *own), executables=(program,), complete=True),
        _layered(base, own),
        {},
        1,
    )
    static = check_variant(facts, _files({program: FileEntry("file", 48)}), strict=False)
    assert static.problems == ()
    assert set(static.absent_optional) == set(base)
    # Literally too: nothing in the variant could load them. Named, with why, never failed.
    literal = check_variant(facts, _files({program: FileEntry("file", 48)}), strict=True)
    assert literal.problems == ()
    assert set(literal.absent_optional) == set(base)
    assert set(literal.reasons) == {"library-without-loader"}
    with_loader = _files({program: FileEntry("file", 48), LOADER: FileEntry("file", 200)})
    assert check_variant(facts, with_loader, strict=False).problems == (
        "variant lacks /lib/x86_64-linux-gnu/libc.so.6, which the original read",
    )


def test_the_same_module_or_library_of_another_build_or_place_counts() -> None:
    """A slimmer or distroless base: Python in /usr/lib, libssl in /lib, other sizes."""
    other = _files(
        {
            **{path: entry for path, entry in OWN.items() if path != EXTENSION},
            "/opt/venv/lib/python3.11/site-packages/psycopg2/_psycopg.cpython-311.so": FileEntry(
                "file", 41
            ),
            "/usr/lib/python3.11/json/__init__.py": FileEntry("file", 13),
            "/lib/x86_64-linux-gnu/libssl.so.3": FileEntry("file", 610),
            "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2": FileEntry("file", 210),
        }
    )
    check = check_variant(STRICT, other, strict=False)
    assert check.problems == ()
    assert len(check_variant(STRICT, other, strict=True).problems) == 3  # literally, these fail
    # the base image's configuration and the packages it shipped: by default, reported
    assert set(check.absent_optional) == {
        "/etc/ssl/openssl.cnf",
        "/usr/lib/python3/dist-packages/distutils-precedence.pth",
        "/usr/lib/python3/dist-packages/_distutils_hack/__init__.py",
    }


# --- discovery -------------------------------------------------------------------------------


def test_listening_ports_are_read_from_the_network_namespace() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        assert port in listening_ports(os.getpid())
    assert port not in listening_ports(os.getpid())


def test_discovery_says_what_it_found_and_drafts_a_spec_that_loads() -> None:
    found = Discovery(kind="service", listening=(8080, 9000), port=8080, ready_s=2.12)
    assert found.describe() == (
        "service, listens on 8080/tcp, 9000/tcp, 8080/tcp answered HTTP, ready after 2.1 s"
    )
    draft = spec_draft(found, ("/", "/health"), "app:1")
    spec = parse_spec(draft, source="draft")
    assert [(c.port, c.path) for c in spec.http] == [(8080, "/"), (8080, "/health")]
    never = Discovery(kind="unknown", reason="still running after 60 s and listens on no TCP port")
    assert parse_spec(spec_draft(never, (), "app:1"), source="draft").commands


def test_proof_says_what_was_checked() -> None:
    proof = Proof(
        probes=3, commands=1, closure_files=761, closure_bytes=103_000_000, strict_closure=False
    )
    assert proof.describe() == (
        "3 HTTP probes, 1 command, 761 closure files (103.0 MB), dependencies started: none"
    )
    strict = Proof(commands=1, closure_files=761, closure_bytes=103_000_000)  # the default rule
    assert "761 closure files (103.0 MB), every one required (strict), dep" in strict.describe()
    static = Proof(closure_files=4, closure_bytes=8_600_000, absent_optional=1)
    assert (
        "4 closure files (8.6 MB), every one required (strict) but 1 shared library file that "
        "nothing could load (no dynamic loader), dependencies started: none"
    ) in static.describe()
    tcp = Proof(tcp_probes=5, closure_files=6, closure_bytes=3_800_000)
    assert tcp.describe().startswith("0 HTTP probes, 5 TCP probes, 0 commands, 6 closure files")
    assert (
        "no file closure (strace is not installed"
        in Proof(closure_note="strace is not installed").describe()
    )


def test_keep_ends_keeps_the_missing_executables_name() -> None:
    text = "OCI runtime create failed: " + "x" * 700 + ' exec: "/app-exe": no such file'
    short = keep_ends(text, 300)
    assert len(short) <= 300 and short.endswith('exec: "/app-exe": no such file')


# --- discovery's watch, with this process standing in for a container --------------------------


class _FakeContainer:
    """A 'container' whose network namespace is this test process's own."""

    def __init__(self, exit_code: int | None = None) -> None:
        self.exit_code = exit_code

    def state(self):  # type: ignore[no-untyped-def]
        from imgopt.engine.containers import ContainerState

        running = self.exit_code is None
        return ContainerState(
            "running" if running else "exited", running, self.exit_code, False, False
        )

    def logs(self, tail: int = 50) -> str:
        return "it said this\n"

    def open_connection(self, port: int, timeout: float) -> socket.socket:
        return socket.create_connection(("127.0.0.1", port), timeout=timeout)


def test_a_server_that_exposes_nothing_is_a_service_on_the_port_it_listens_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import http.server
    import threading
    import time

    from imgopt.verify.discover import watch_start

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        # This process's namespace is the host's, where other servers listen: only ours counts.
        monkeypatch.setattr("imgopt.verify.discover.listening_ports", lambda pid: (port,))
        found = watch_start(
            _FakeContainer(), pid=os.getpid(), hints=(), deadline_s=10, started=time.monotonic()
        )  # type: ignore[arg-type]
    finally:
        server.shutdown()
        server.server_close()
    assert found.kind == "service" and found.port == port and found.reason is None
    assert found.listening == (port,) and found.hints == () and found.ready_s is not None


def test_a_listener_that_never_answers_http_is_said_so(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from imgopt.verify.discover import watch_start

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        silent.settimeout(0.1)
        port = silent.getsockname()[1]
        monkeypatch.setattr("imgopt.verify.discover.listening_ports", lambda pid: (port,))
        found = watch_start(
            _FakeContainer(),
            pid=os.getpid(),
            hints=(silent.getsockname()[1],),
            deadline_s=1,
            started=time.monotonic(),
        )  # type: ignore[arg-type]
    assert found.kind == "service" and found.port is None
    assert found.reason is not None and "but answered no HTTP GET / within 1 s" in found.reason


def test_an_exit_is_a_one_shot_that_fails_unless_it_exited_0() -> None:
    import time

    from imgopt.verify.discover import watch_start

    ok = watch_start(
        _FakeContainer(0), pid=os.getpid(), hints=(), deadline_s=5, started=time.monotonic()
    )  # type: ignore[arg-type]
    assert ok.kind == "one-shot" and ok.exit_code == 0 and ok.reason is None
    assert ok.output == "it said this\n"
    bad = watch_start(
        _FakeContainer(127), pid=os.getpid(), hints=(), deadline_s=5, started=time.monotonic()
    )  # type: ignore[arg-type]
    assert bad.reason is not None and bad.reason.startswith(
        "its command cannot start (exit code 127"
    )


def test_a_tcp_service_that_speaks_no_http_is_probed_over_tcp(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """twemproxy: a Redis proxy port answers GET / in its own protocol and hangs up, its stats
    port sends JSON at once. Judged a TCP service in seconds, not after the minute's deadline;
    its probes connect to each port and compare what it says first."""
    import threading
    import time

    from imgopt.verify.discover import tcp_checks, watch_start
    from imgopt.verify.run import probe_http
    from imgopt.verify.verifier import _derived_spec

    def serve(sock: socket.socket, greeting: bytes) -> None:
        while True:
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            with conn:
                if greeting:
                    conn.sendall(greeting)  # a stats port: says its piece and hangs up
                else:
                    conn.settimeout(2)
                    with contextlib.suppress(OSError):
                        if conn.recv(1024):
                            conn.sendall(b"-ERR unknown command 'GET'\r\n")

    with socket.socket() as proxy, socket.socket() as stats:
        for sock in (proxy, stats):
            sock.bind(("127.0.0.1", 0))
            sock.listen()
        ports = (proxy.getsockname()[1], stats.getsockname()[1])
        threading.Thread(target=serve, args=(proxy, b""), daemon=True).start()
        threading.Thread(target=serve, args=(stats, b'{"uptime": 3}\n'), daemon=True).start()
        monkeypatch.setattr("imgopt.verify.discover.listening_ports", lambda pid: ports)
        started = time.monotonic()
        found = watch_start(
            _FakeContainer(), pid=os.getpid(), hints=(), deadline_s=60, started=started
        )  # type: ignore[arg-type]
        assert time.monotonic() - started < 30
        assert found.kind == "service" and found.not_http and found.reason is None
        assert found.port is None and found.listening == ports
        assert found.describe().startswith(f"service, listens on {ports[0]}/tcp")
        assert ", none of them HTTP" in found.describe()
        checks = tcp_checks(found, 5.0, 5.0)
        first = [probe_http(_FakeContainer(), c)[0] for c in checks]  # type: ignore[arg-type]
    assert [(r.name, r.passed, r.status, r.body) for r in first] == [
        (f"TCP {ports[0]}", True, None, ""),  # says nothing until asked
        (f"TCP {ports[1]}", True, None, '{"uptime": 3}\n'),
    ]
    spec = _derived_spec(found, first, ("/health",), None, None, None, "proxy:1")
    assert [(c.name, c.tcp) for c in spec.http] == [(f"TCP {p}", True) for p in ports]
    # The draft, when it is needed, asks for a command that talks to it, not an HTTP probe.
    draft = parse_spec(spec_draft(found, ("/",), "proxy:1"), source="draft")
    assert draft.http == () and [c.mode for c in draft.commands] == ["exec"]


def test_a_tcp_probe_of_a_port_that_never_accepts_fails_naming_it() -> None:
    from imgopt.verify.run import probe_http
    from imgopt.verify.spec import HttpCheck

    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]  # bound, not listening: refuses
        check = HttpCheck(name=f"TCP {port}", port=port, startup_timeout_s=0.5, tcp=True)
        result, hang = probe_http(_FakeContainer(), check)  # type: ignore[arg-type]
    assert not result.passed and hang
    assert result.reason is not None
    assert result.reason.startswith(f"port {port} accepted no TCP connection within 0.5s")


def test_a_bare_shell_that_exits_at_once_checks_nothing_of_the_app(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """faas-watchdog's image is its build stage: no CMD of its own, golang's `bash`."""
    from imgopt.engine.containers import ImageConfig
    from imgopt.verify.discover import exited

    class Silent(_FakeContainer):
        image = "sha256:build-image"

        def logs(self, tail: int = 50) -> str:
            return ""

    def facts(cmd: tuple[str, ...]) -> ImageConfig:
        return ImageConfig("sha256:x", (), cmd, None, user="", workdir="/go")

    monkeypatch.setattr("imgopt.verify.discover.image_facts", lambda image: facts(("bash",)))
    shell = exited(Silent(0), 0, 0.1, ())  # type: ignore[arg-type]
    assert shell.kind == "one-shot" and shell.exit_code == 0
    assert shell.reason is not None and shell.reason.startswith(
        "its command is a bare shell (bash)"
    )
    assert shell.describe().startswith("one-shot command, exited 0 after 0.1 s: its command is")
    draft = parse_spec(spec_draft(shell, (), "build:1"), source="draft")
    assert [(c.mode, c.command is not None) for c in draft.commands] == [("run", True)]
    # A real CLI that prints nothing (go-md2man on empty input) is a one-shot like any other.
    monkeypatch.setattr("imgopt.verify.discover.image_facts", lambda image: facts(("/go-md2man",)))
    assert exited(Silent(0), 0, 0.1, ()).reason is None  # type: ignore[arg-type]
