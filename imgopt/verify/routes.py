"""Find what to probe without a spec: routes in the app's source, and the HEALTHCHECK's target.

Routes are read statically from the build context, never by running anything: Flask and FastAPI
decorators (``@app.route("/x")``, ``@app.get("/x")``, ``@router.get("/x")``), Express
(``app.get('/x', ...)``, ``router.get(...)``), Go (``http.HandleFunc("/x", ...)``,
``mux.Handle(...)``, ``r.GET(...)``), Sinatra/Rails-like ``get '/x' do``, Django's
``urlpatterns`` (``path('about', ...)``, ``url(r'^$', ...)``), Werkzeug's ``Rule('/x')``, and
hand-written dispatch (``self.path == "/x"``, ``r.URL.Path == "/x"``, ``req.url === '/x'``). Only
parameter-free paths are kept (no ``<id>``, ``:id``, ``{id}``, ``*``), since a probe cannot
invent a parameter's value.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

MAX_ROUTES = 10
MAX_FILE_BYTES = 256 * 1024
MAX_FILES = 2000
SOURCE_SUFFIXES = frozenset({".py", ".js", ".mjs", ".cjs", ".ts", ".go", ".rb"})
SKIP_DIRS = frozenset(
    {"node_modules", ".git", "venv", ".venv", "__pycache__", "dist", "build", "vendor", "test"}
    | {"tests", "testdata", "site-packages"}
)

_QUOTED = r"""(?P<q>["'`])(?P<path>/[^"'`\s]*)(?P=q)"""
_PATTERNS = (
    # Flask/FastAPI/Starlette/Express/Koa/Gin/Echo: obj.route("/x"), obj.get('/x'), r.GET("/x")
    re.compile(
        r"\b\w+\s*\.\s*(?:route|get|GET|api_route|Get|HandleFunc|Handle|handle|all)\s*\(\s*"
        + _QUOTED
    ),
    # Go: http.HandleFunc("/x", ...) / http.Handle("/x", ...) (covered above), Go 1.22 "GET /x"
    re.compile(r"""\b\w+\s*\.\s*(?:HandleFunc|Handle)\s*\(\s*"GET\s+(?P<path>/[^"\s]*)\""""),
    # Sinatra: get '/x' do
    re.compile(r"^\s*get\s+" + _QUOTED + r"\s+do\b", re.M),
    # Hand-written dispatch: self.path == "/x", r.URL.Path == "/x", req.url === '/x'
    re.compile(r"\b(?:path|url|URL\.Path|pathname)\s*===?\s*" + _QUOTED),
    # Werkzeug (isso): Rule('/info', endpoint=...)
    re.compile(r"\bRule\s*\(\s*" + _QUOTED),
)
#: Django's urls.py: path('bookmarks', ...), re_path(r'^about/$', ...), url(r'^$', ...). Their
#: paths have no leading slash; only read in a module that defines ``urlpatterns``.
_PY_QUIET = re.compile(r"""(\"\"\"|\'\'\')[\s\S]*?\1|#[^\n]*""")
_DJANGO = re.compile(r"""\b(?:path|re_path|url)\s*\(\s*r?(?P<q>["'])(?P<path>[^"'\s]*)(?P=q)""")
_PARAM = re.compile(r"[<>{}:*?$\\]|\[|\]|\(")


def find_routes(context: str | Path, *, limit: int = MAX_ROUTES) -> tuple[str, ...]:
    """Parameter-free GET paths found in the app's source under ``context``, ``/`` first.

    At most ``limit`` paths, in the order the source files list them (files sorted by path), so
    the same context always gives the same probes. Unreadable files are skipped.
    """
    found: list[str] = []
    for path in _source_files(Path(context)):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for route in routes_in(text):
            if route not in found:
                found.append(route)
    found.sort(key=lambda r: r != "/")  # stable: "/" first, the rest as found
    return tuple(found[:limit])


def routes_in(text: str) -> list[str]:
    """The parameter-free paths that route registrations in ``text`` name, in order."""
    hits: list[tuple[int, str]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            route = match.group("path")
            if _PARAM.search(route) or "//" in route:
                continue
            hits.append((match.start(), route))
    if "urlpatterns" in text:
        # Not in a docstring or comment (startproject's urls.py shows path('blog/', ...) in one).
        quiet = [m.span() for m in _PY_QUIET.finditer(text)]
        for match in _DJANGO.finditer(text):
            if any(a <= match.start() < b for a, b in quiet):
                continue
            raw = match.group("path")
            route = "/" + raw.removeprefix("^").removesuffix("$").lstrip("/")
            if _PARAM.search(route) or "//" in route:
                continue
            hits.append((match.start(), route))
    out: list[str] = []
    for _, route in sorted(hits):
        if route not in out:
            out.append(route)
    return out


def _source_files(root: Path) -> list[Path]:
    files: list[Path] = []
    if not root.is_dir():
        return files
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if path.suffix not in SOURCE_SUFFIXES or name.endswith(("_test.go", ".test.js")):
                continue
            try:
                if path.stat().st_size > MAX_FILE_BYTES:
                    continue
            except OSError:
                continue
            files.append(path)
            if len(files) >= MAX_FILES:
                return files
    return files


_LOCAL_URL = re.compile(
    r"https?://(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?::(?P<port>\d+))?(?P<path>/[^\s'\"|;&)]*)?"
)


def healthcheck_argv(test: tuple[str, ...] | None) -> tuple[str, ...] | None:
    """The command a HEALTHCHECK runs, as an argv; None when there is none (or ``NONE``).

    ``["CMD-SHELL", "curl -f ..."]`` runs under ``/bin/sh -c`` as the engine runs it; ``["CMD",
    ...]`` is the argv itself.
    """
    if not test or test[0] == "NONE":
        return None
    if test[0] == "CMD-SHELL" and len(test) > 1:
        return ("/bin/sh", "-c", test[1])
    if test[0] == "CMD" and len(test) > 1:
        return tuple(test[1:])
    return None


def healthcheck_target(test: tuple[str, ...] | None) -> tuple[int | None, str] | None:
    """The (port, path) a HEALTHCHECK command requests on the container itself, if it names one.

    ``curl -f http://localhost:5000/health`` gives ``(5000, "/health")``; a URL without a port
    gives ``(None, path)`` (port 80, or whichever port the app listens on); None when the command
    names no local URL.
    """
    argv = healthcheck_argv(test)
    if argv is None:
        return None
    text = " ".join(argv) if argv[:2] != ("/bin/sh", "-c") else argv[2]
    match = _LOCAL_URL.search(text)
    if match is None:
        return None
    port = int(match.group("port")) if match.group("port") else None
    path = match.group("path") or "/"
    if _PARAM.search(path.split("?")[0]):
        path = path.split("?")[0]
    return port, path


__all__ = ["MAX_ROUTES", "find_routes", "healthcheck_argv", "healthcheck_target", "routes_in"]
