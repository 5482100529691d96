"""A Flask API whose database driver is compiled at install time (psycopg2 from source).

It answers without a database: it reports which libpq psycopg2 was built against and parses
connection strings with libpq's own parser, so the compiled extension is exercised on every request.
"""

import psycopg2
import psycopg2.extensions
from flask import Flask, jsonify, request

app = Flask(__name__)


def _libpq_version(number: int) -> str:
    # libpq encodes 15.4 as 150004 (major * 10000 + minor) since PostgreSQL 10.
    return f"{number // 10000}.{number % 10000}"


@app.route("/")
def index():
    return jsonify(
        {
            "service": "python-native",
            "psycopg2": psycopg2.__version__.split()[0],
            "libpq": _libpq_version(psycopg2.extensions.libpq_version()),
        }
    )


@app.route("/parse-dsn")
def parse_dsn():
    dsn = request.args.get("dsn", "host=db port=5432 dbname=shop user=app")
    try:
        parsed = psycopg2.extensions.parse_dsn(dsn)
    except psycopg2.ProgrammingError as exc:
        return jsonify({"error": str(exc).strip()}), 400
    return jsonify(parsed)


@app.route("/healthz")
def healthz():
    return "ok\n"
