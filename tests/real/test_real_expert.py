"""The expert comparison's harness (benchmarks/real_expert.py), without an engine: every app it
checks has an expert Dockerfile, every dependency a check starts resolves to a stand-in through
the alias table, the readiness test on a port, and how a run's rows merge with the day's file."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .benchmark_module import REPO, load

rx = load("real_expert")


@pytest.mark.parametrize("app", sorted(rx.APPS))
def test_every_app_has_an_expert_dockerfile(app: str) -> None:
    assert (REPO / "benchmarks" / "real" / app / "Dockerfile.expert").is_file()
    assert (REPO / "benchmarks" / "real" / app / "Dockerfile").is_file()


def test_every_dependency_resolves_to_a_stand_in() -> None:
    pr = rx.publish_real
    aliases = pr.load_aliases(pr.ALIASES.read_text(encoding="utf-8"))
    images = {s.image for probes in rx.APPS.values() for p in probes for s in p.services}
    assert {"mongo", "mongo:3", "mysql:5", "postgres:11.5-alpine", "redis:7"} <= images
    standins = {i: getattr(pr.alias_for(pr.normalize(i), aliases), "standin", None) for i in images}
    assert standins == {
        "mongo": "imgopt/mongo-wire:latest",
        "mongo:3": "imgopt/mongo-wire:latest",
        "mysql:5": "mariadb:10.11",
        "postgres:11.5-alpine": "postgres:15",
        "redis:7": "redis:7",
    }


def test_no_services_no_network() -> None:
    with rx.network_with(()) as extra:
        assert extra == []


@contextmanager
def _server(handle: str) -> Iterator[int]:
    """A loopback server that closes each connection at once, or greets, or stays silent."""
    srv = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        srv.settimeout(0.05)
        held: list[socket.socket] = []
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except TimeoutError:
                continue
            if handle == "close":
                conn.close()
            else:
                if handle == "greet":
                    conn.sendall(b"hello")
                held.append(conn)
        for c in held:
            c.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield srv.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        srv.close()


@pytest.mark.parametrize("handle", ["silent", "greet"])
def test_accepts_a_server_that_keeps_the_connection(handle: str) -> None:
    with _server(handle) as port:
        rx.accepts(port)


def test_refuses_a_proxy_that_closes_at_once() -> None:
    # docker's userland proxy accepts and then closes when nothing listens in the container.
    with _server("close") as port, pytest.raises(OSError):
        rx.accepts(port)


def test_merged_keeps_the_other_apps_rows(tmp_path: Path) -> None:
    day = tmp_path / "real_expert-2026-12-05.json"
    old = [
        {"app": "twemproxy", "expert_bytes": 1, "unknown_field": "dropped"},
        {"app": "fastapi-realworld", "expert_bytes": 2},
        {"app": "not-an-app-any-more", "expert_bytes": 3},
    ]
    day.write_text(json.dumps({"rows": old}), encoding="utf-8")
    rows = rx.merged(day, [rx.Row("fastapi-realworld", expert_bytes=9)])
    assert [(r.app, r.expert_bytes) for r in rows] == [("twemproxy", 1), ("fastapi-realworld", 9)]


def test_a_recommendation_on_other_stand_ins_is_not_compared(tmp_path: Path) -> None:
    there = rx.Published(60, {"python:3.8-slim": "python:3.11-slim", "redis:7": "redis:7"})
    row = rx.Row("rq-dashboard", aliases=["python:3.8-slim -> python:3.9-slim (tagged already)"])
    assert rx.other_standins(row, there) == [
        "python:3.8-slim -> python:3.11-slim there, python:3.9-slim here"
    ]
    row.aliases = ["python:3.8-slim -> python:3.11-slim", "mongo:3 -> imgopt/mongo-wire:latest"]
    assert rx.other_standins(row, there) == []


def test_render_only_recomputes_the_ratio_without_measuring(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    day = tmp_path / f"real_expert-{rx.datetime.now(rx.UTC).date().isoformat()}.json"
    rows = [
        {"app": "rq-dashboard", "expert_compressed_bytes": 50, "behaves_alike": True,
         "aliases": ["python:3.8-slim -> python:3.9-slim"]},
        {"app": "twemproxy", "expert_compressed_bytes": 10, "behaves_alike": True},
    ]  # fmt: skip
    day.write_text(json.dumps({"rows": rows}), encoding="utf-8")
    results = tmp_path / "results.json"
    apps = [
        {"app": "rq-dashboard", "recommended_compressed_bytes": 60,
         "aliases": "python:3.8-slim -> python:3.11-slim"},
        {"app": "twemproxy", "recommended_compressed_bytes": 30, "aliases": ""},
    ]  # fmt: skip
    results.write_text(json.dumps({"apps": apps}), encoding="utf-8")
    monkeypatch.setattr(rx, "PUBLISHED", results)
    monkeypatch.setattr(rx, "docker", lambda *a, **k: pytest.fail(f"docker {a} called"))
    assert rx.main(["--render-only", "--out", str(tmp_path)]) == 0
    out = {r["app"]: r for r in json.loads(day.read_text(encoding="utf-8"))["rows"]}
    assert out["twemproxy"]["recommended_over_expert"] == 3.0
    assert out["rq-dashboard"]["recommended_over_expert"] is None
    assert "python:3.11-slim there" in out["rq-dashboard"]["recommended_note"]
    assert "nothing measured" in day.with_suffix(".txt").read_text(encoding="utf-8")
