"""Smoke spec loading, validation and inference (no engine needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from imgopt.errors import ConfigError
from imgopt.verify import (
    CommandCheck,
    HttpCheck,
    ImageFacts,
    StatusRange,
    find_spec,
    load_spec,
    parse_spec,
    spec_from_facts,
)

FULL = """
startup_timeout = 45
memory = "512m"
pids_limit = 128
capabilities = "drop-all"
env = { MODE = "smoke", WORKERS = 2 }

[[http]]
name = "index"
port = 5000
body_contains = "Hello"
same_body = true

[[http]]
port = 5000
path = "/health"
status = "2xx"
env = { MODE = "health" }
startup_timeout = 5

[[command]]
command = "python3 -c 'print(1)'"
output_contains = "1"

[[command]]
name = "in the app"
mode = "exec"
command = ["id", "-u"]
exit_code = 0
timeout = 5
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "smoke.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_full_spec_round_trips_every_field(tmp_path: Path) -> None:
    spec = load_spec(write(tmp_path, FULL))
    assert spec.source == str(tmp_path / "smoke.toml")
    assert (spec.memory, spec.pids_limit, spec.capabilities) == ("512m", 128, "drop-all")
    assert spec.env == (("MODE", "smoke"), ("WORKERS", "2"))
    index, health = spec.http
    assert index == HttpCheck(
        name="index",
        port=5000,
        path="/",
        status=StatusRange(200, 200),
        body_contains="Hello",
        same_body=True,
        env=(("MODE", "smoke"), ("WORKERS", "2")),
        startup_timeout_s=45.0,
    )
    # unnamed checks get a readable name; check env overrides the spec's env
    assert health.name == "GET /health on port 5000"
    assert health.status == StatusRange(200, 299)
    assert health.env == (("MODE", "health"), ("WORKERS", "2"))
    assert health.startup_timeout_s == 5.0
    run, in_app = spec.commands
    assert run.command == ("python3", "-c", "print(1)")  # a string is split like a shell would
    assert run.name == "python3 -c 'print(1)'"
    assert run.mode == "run"
    assert in_app == CommandCheck(
        name="in the app",
        command=("id", "-u"),
        mode="exec",
        env=(("MODE", "smoke"), ("WORKERS", "2")),
        timeout_s=5.0,
    )
    assert spec.check_names == ("index", "GET /health on port 5000", run.name, "in the app")


@pytest.mark.parametrize(
    ("text", "key", "detail"),
    [
        ("[[http]]\nport = 80\nbody_contain = 'x'\n", "http#1.body_contain", "unknown key"),
        ("[[http]]\npath = '/'\n", "http#1.port", "is required"),
        ("[[http]]\nport = 70000\n", "http#1.port", "1 to 65535"),
        ("[[http]]\nport = '80'\n", "http#1.port", "integer"),
        ("[[http]]\nport = 80\n[[http]]\nport = 80\npath = 'x'\n", "http#2.path", 'with "/"'),
        ("[[http]]\nport = 80\nstatus = 'ok'\n", "http#1.status", "status code"),
        ("[[http]]\nport = 80\nsame_body = 'yes'\n", "http#1.same_body", "true or false"),
        ("[[http]]\nport = 80\nstartup_timeout = 0\n", "http#1.startup_timeout", "positive"),
        ("[[http]]\nport = 80\nenv = { 1X = 'a' }\n", "http#1.env.1X", "variable name"),
        ("[[command]]\nmode = 'exec'\n", "command#1.command", "required"),
        ("[[command]]\ncommand = []\n", "command#1.command", "non-empty list"),
        ("[[command]]\ncommand = 'x'\nmode = 'shell'\n", "command#1.mode", '"run" or "exec"'),
        ("[[command]]\ncommand = 'x'\nexit_code = 300\n", "command#1.exit_code", "0-255"),
        ("memory = 'lots'\n[[command]]\n", "memory", "size"),
        ("capabilities = 'none'\n[[command]]\n", "capabilities", '"auto"'),
        ("pids_limit = 2\n[[command]]\n", "pids_limit", "at least 16"),
        ("timeout = 3\n[[command]]\n", "timeout", "unknown key"),
        ("env = { A = 'x' }\n", "http", "at least one"),
        ("http = 3\n", "http", "[[http]]"),
        (
            "[[http]]\nport = 1\nname = 'a'\n[[command]]\nname = 'a'\n",
            "command#1.name",
            "duplicate",
        ),
    ],
)
def test_malformed_spec_names_file_and_key(
    tmp_path: Path, text: str, key: str, detail: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_spec(path)
    message = str(info.value)
    assert message.startswith(f"{path}: {key}: "), message
    assert detail in message
    assert info.value.hint and "README" in info.value.hint


def test_invalid_toml_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "[[http]]\nport = = 5\n")
    with pytest.raises(ConfigError, match=r"smoke\.toml: not valid TOML: .*line 2"):
        load_spec(path)


def test_unreadable_spec_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read smoke spec"):
        load_spec(tmp_path / "missing.toml")


def test_find_spec(tmp_path: Path) -> None:
    assert find_spec(tmp_path) is None
    path = write(tmp_path, "[[command]]\n")
    assert find_spec(tmp_path) == path


@pytest.mark.parametrize(
    ("text", "low", "high", "shown"),
    [
        (200, 200, 200, "200"),
        ("2xx", 200, 299, "2xx"),
        ("<500", 100, 499, "<500"),
        ("404", 404, 404, "404"),
    ],
)
def test_status_range(text: object, low: int, high: int, shown: str) -> None:
    status = StatusRange.parse(text)
    assert (status.low, status.high, str(status)) == (low, high, shown)
    assert status.matches(low) and status.matches(high)
    assert not status.matches(low - 1) and not status.matches(high + 1)


@pytest.mark.parametrize("bad", [True, 99, 600, "6xx", "<100", "ok", 2.0])
def test_status_range_rejects(bad: object) -> None:
    with pytest.raises(ValueError):
        StatusRange.parse(bad)


def test_inferred_spec_probes_lowest_exposed_port_and_accepts_below_500() -> None:
    spec = spec_from_facts(ImageFacts(exposed_tcp_ports=(8080, 5000)), image="app:1")
    assert spec.inferred and spec.source == "inferred from app:1"
    assert spec.commands == ()
    (check,) = spec.http
    assert (check.port, check.path) == (5000, "/")
    assert check.status.matches(404) and check.status.matches(200)
    assert not check.status.matches(500)
    assert check.body_contains is None and not check.same_body


def test_inferred_spec_without_ports_runs_the_default_command() -> None:
    spec = spec_from_facts(ImageFacts(cmd=("./batch-job",)), image="job:1")
    assert spec.http == ()
    (check,) = spec.commands
    assert check.command is None and check.entrypoint is None
    assert (check.mode, check.exit_code) == ("run", 0)


def test_parse_spec_names_its_source() -> None:
    with pytest.raises(ConfigError, match=r"^inline: http#1\.port: "):
        parse_spec("[[http]]\n", source="inline")
