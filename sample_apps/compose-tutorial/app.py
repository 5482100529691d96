"""The Compose tutorial's hit counter, kept in PostgreSQL.

Without a reachable database (a smoke test runs the web image alone) it still answers, and says the
visit was not counted, so the image can be checked on its own.
"""

import os

import psycopg2
from flask import Flask

app = Flask(__name__)

DATABASE_URL = os.environ.get("DATABASE_URL", "postgresql://app:secret@db:5432/app")


def count_visit() -> int | None:
    """Add one visit and return the total, or None when the database cannot be reached."""
    try:
        conn = psycopg2.connect(DATABASE_URL, connect_timeout=2)
    except psycopg2.OperationalError:
        return None
    try:
        with conn, conn.cursor() as cur:
            cur.execute("CREATE TABLE IF NOT EXISTS visits (id serial PRIMARY KEY, at timestamptz DEFAULT now())")
            cur.execute("INSERT INTO visits DEFAULT VALUES")
            cur.execute("SELECT count(*) FROM visits")
            return int(cur.fetchone()[0])
    finally:
        conn.close()


@app.route("/")
def hello():
    visits = count_visit()
    if visits is None:
        return "Hello World! (database unavailable: this visit was not counted)\n"
    return f"Hello World! I have been seen {visits} times.\n"


@app.route("/health")
def health():
    return "ok\n"
