"""The Compose tutorial's hit counter, kept in PostgreSQL, plus a page that writes and reads a note.

The app needs its database: without one, `/` and `/note` answer 500, as the tutorial's app does
when its Redis is gone. `/health` answers without it.
"""

import os

import psycopg2
from flask import Flask

app = Flask(__name__)

DATABASE_URL = os.environ.get("DATABASE_URL", "postgresql://app:secret@db:5432/app")


def run(*statements: str) -> object:
    """Run the statements in one transaction; return the first column of the last one's row."""
    conn = psycopg2.connect(DATABASE_URL, connect_timeout=2)
    try:
        with conn, conn.cursor() as cur:
            for statement in statements:
                cur.execute(statement)
            return cur.fetchone()[0]
    finally:
        conn.close()


@app.route("/")
def hello():
    visits = run(
        "CREATE TABLE IF NOT EXISTS visits (id serial PRIMARY KEY, at timestamptz DEFAULT now())",
        "INSERT INTO visits DEFAULT VALUES",
        "SELECT count(*) FROM visits",
    )
    return f"Hello World! I have been seen {visits} times.\n"


@app.route("/note")
def note():
    # Writes, then reads back: the same answer however often it is asked.
    text = run(
        "CREATE TABLE IF NOT EXISTS notes (key text PRIMARY KEY, body text)",
        "INSERT INTO notes VALUES ('greeting', 'stored in postgres') "
        "ON CONFLICT (key) DO UPDATE SET body = excluded.body",
        "SELECT body FROM notes WHERE key = 'greeting'",
    )
    return f"note: {text}\n"


@app.route("/health")
def health():
    return "ok\n"
