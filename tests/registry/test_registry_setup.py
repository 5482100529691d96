"""scripts/setup-registry.sh and the registry-mirror part of scripts/setup-engine.sh (issue 14):
a registry starts once, answers, keeps its data where it is told, is never doubled or replaced,
and the engine pulls docker.io names through the project's registry."""

from __future__ import annotations

import http.server
import json
import shutil
import subprocess
import threading
import urllib.request
from pathlib import Path

import pytest
from conftest import IN_CI, REPO, SETUP, answers, scratch

SETUP_ENGINE = REPO / "scripts" / "setup-engine.sh"


def _need_registry_binary() -> None:
    if shutil.which("docker-registry") is None:
        message = "docker-registry is not installed (scripts/bootstrap.sh installs it)"
        if IN_CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


def test_a_registry_starts_once_answers_and_stops(tmp_path: Path) -> None:
    _need_registry_binary()
    reg = scratch(tmp_path)
    try:
        first = reg.start()
        assert first.returncode == 0, first.stderr
        assert "starting docker-registry" in first.stderr
        assert answers(reg.host)
        pid = reg.pidfile.read_text().strip()
        second = reg.start()
        assert second.returncode == 0, second.stderr
        assert "starting" not in second.stderr  # idempotent: nothing started twice
        assert reg.pidfile.read_text().strip() == pid
        config = (tmp_path / "config.yml").read_text()
        assert f"addr: {reg.host}" in config  # loopback only
        assert f"rootdirectory: {tmp_path / 'data'}" in config
        assert (tmp_path / "registry.log").stat().st_size > 0
    finally:
        reg.stop()
    assert not answers(reg.host)


def test_url_prints_where_the_registry_is(tmp_path: Path) -> None:
    reg = scratch(tmp_path)
    proc = subprocess.run(
        ["bash", str(SETUP), "--url"], capture_output=True, text=True, env=reg.env, check=True
    )
    assert proc.stdout.strip() == f"http://{reg.host}"


def test_a_port_held_by_something_else_is_left_alone(tmp_path: Path) -> None:
    _need_registry_binary()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        reg = scratch(tmp_path)
        reg.env["IMGOPT_REGISTRY_PORT"] = str(server.server_address[1])
        proc = reg.start()
    finally:
        server.shutdown()
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "not a registry" in lines[0], proc.stderr
    assert not reg.pidfile.exists()


@pytest.mark.engine
def test_the_engine_pulls_docker_io_names_through_the_project_registry() -> None:
    url = subprocess.run(
        ["bash", str(SETUP), "--url"], capture_output=True, text=True, check=True
    ).stdout.strip()
    info = subprocess.run(
        ["docker", "info", "--format", "{{json .RegistryConfig.Mirrors}}"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert url.rstrip("/") in [m.rstrip("/") for m in json.loads(info.stdout)]
    # The stand-in is there under its official repository name, as the very image the engine has.
    req = urllib.request.Request(
        f"{url}/v2/library/python/manifests/3.11-slim",
        headers={"Accept": "application/vnd.docker.distribution.manifest.v2+json"},
    )
    with urllib.request.urlopen(req, timeout=10) as resp:
        manifest = json.loads(resp.read())
    local = subprocess.run(
        ["docker", "image", "inspect", "--format", "{{.Id}}", "python:3.11-slim"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert manifest["config"]["digest"] == local


@pytest.mark.engine
def test_an_engine_imgopt_did_not_start_is_not_reconfigured(tmp_path: Path) -> None:
    daemon_json = tmp_path / "daemon.json"
    daemon_json.write_text('{"log-level": "warn"}\n')
    env = {
        **scratch(tmp_path).env,
        "IMGOPT_DAEMON_JSON": str(daemon_json),
        "IMGOPT_DOCKERD_PIDFILE": str(tmp_path / "none.pid"),
        "IMGOPT_DOCKERD_LOG": str(tmp_path / "not-its-log"),
        "IMGOPT_REGISTRY_MIRROR": "http://127.0.0.1:1",  # a mirror the engine does not have
    }
    before = subprocess.run(["pgrep", "-x", "dockerd"], capture_output=True, text=True).stdout
    proc = subprocess.run(
        ["bash", str(SETUP_ENGINE)], capture_output=True, text=True, env=env, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert "not started by imgopt" in proc.stderr and "http://127.0.0.1:1" in proc.stderr
    assert daemon_json.read_text() == '{"log-level": "warn"}\n'
    after = subprocess.run(["pgrep", "-x", "dockerd"], capture_output=True, text=True).stdout
    assert after == before
