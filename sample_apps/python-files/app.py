"""A small catalogue service on the standard library: it reads its page template and its data file
at run time (not at import), and shells out to jq, a system binary its Dockerfile installs.

GET /        a plain greeting (needs nothing)
GET /page    the template rendered with the catalogue
GET /count   the number of items, counted by jq
"""

import json
import os
import subprocess
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "templates" / "page.html"
DATA = HERE / "data" / "items.json"


def page() -> str:
    items = json.loads(DATA.read_text())
    rows = "".join(f"<li>{item['name']}: {item['price']}</li>" for item in items)
    return TEMPLATE.read_text().replace("{{items}}", rows)


def count() -> str:
    done = subprocess.run(
        ["jq", "length", str(DATA)], capture_output=True, text=True, check=True, timeout=10
    )
    return f"items: {done.stdout.strip()}\n"


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
        if self.path == "/":
            handler = lambda: "python-files: a catalogue\n"  # noqa: E731
        elif self.path == "/page":
            handler = page
        elif self.path == "/count":
            handler = count
        else:
            self.send_error(404)
            return
        try:
            body, status = handler(), 200
        except (OSError, subprocess.SubprocessError, ValueError) as exc:
            body, status = f"error: {exc}\n", 500
        data = body.encode()
        self.send_response(status)
        kind = "text/html" if self.path == "/page" else "text/plain"
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        print(format % args, flush=True)


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "8000"))
    print(f"python-files listening on {port}", flush=True)
    ThreadingHTTPServer(("0.0.0.0", port), Handler).serve_forever()
