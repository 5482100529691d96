"""A build that could not reach the network is made once more before it is believed
(imgopt.engine.builders.flaky, BenchRun._build), with the runner's seams faked, no engine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from imgopt.bench import runner as runner_mod
from imgopt.bench.runner import BenchOptions, BenchRun
from imgopt.engine.builders import BuildFailure, BuildResult
from imgopt.engine.builders.flaky import disk_full, network_failure
from imgopt.errors import EngineError

from .test_overlap import FakeBuilder, _app, _measurement_fake, _rows, fake_engine  # noqa: F401

APT = (
    "#7 2.301 Err:1 http://mirror/debian bookworm InRelease\n"
    "#7 2.301   Temporary failure resolving 'mirror'\n"
    "#7 2.9 E: Unable to locate package curl\n"
)


@pytest.mark.parametrize(
    ("log", "cause"),
    [
        (APT, "#7 2.301   Temporary failure resolving 'mirror'"),
        ("npm ERR! request to https://registry/x failed, reason: getaddrinfo EAI_AGAIN registry",
         "npm ERR! request to https://registry/x failed, reason: getaddrinfo EAI_AGAIN registry"),
        ("ReadTimeoutError: HTTPSConnectionPool(host='pypi', port=443): Read timed out.",
         "ReadTimeoutError: HTTPSConnectionPool(host='pypi', port=443): Read timed out."),
        ("curl: (6) Could not resolve host: example.org",
         "curl: (6) Could not resolve host: example.org"),
        ("E: Package 'netcat' has no installation candidate", None),
        ("ERROR: No matching distribution found for flask==99", None),
        ("npm ERR! 404 Not Found - GET https://registry/nope", None),
        ("go: github.com/x/y@v1.0.0: verifying module: checksum mismatch", None),
    ],
)  # fmt: skip
def test_only_failures_to_reach_a_host_count(log: str, cause: str | None) -> None:
    assert network_failure(log) == cause


NPM_FULL = "npm ERR! code ENOSPC\nnpm ERR! syscall write\nnpm ERR! errno -28\n"


@pytest.mark.parametrize(
    ("log", "line"),
    [
        (NPM_FULL, "npm ERR! code ENOSPC"),
        ("E: Write error - write (28: No space left on device)",
         "E: Write error - write (28: No space left on device)"),
        ("failed to copy files: write /var/lib/docker/x: no space left on device",
         "failed to copy files: write /var/lib/docker/x: no space left on device"),
        ("E: Unable to locate package curl", None),
    ],
)  # fmt: skip
def test_a_full_disk_is_recognised(log: str, line: str | None) -> None:
    assert disk_full(log) == line


def test_a_full_engine_disk_stops_the_run_with_one_engine_error_and_a_hint(
    fake_engine: dict[str, Any],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    # The disk filled during the session's own benchmark: npm exited 228 and every later variant
    # failed the same way, each reported as a broken variant. Now the first such build stops it.
    builder = FlakyBuilder(fake_engine["log"], NPM_FULL, fails=1)
    fake_engine["builder"] = builder
    with pytest.raises(EngineError) as err:
        _run(tmp_path, fake_engine, monkeypatch)
    assert builder.calls == 1  # not built once more, nor any other variant
    assert "the engine's disk is full (npm ERR! code ENOSPC)" in err.value.message
    assert err.value.hint is not None and "docker builder prune" in err.value.hint


class FlakyBuilder(FakeBuilder):
    """Fails the first ``fails`` builds with ``log``, then builds."""

    def __init__(self, log: list[tuple[str, float]], failure_log: str, fails: int) -> None:
        super().__init__(log)
        self.failure_log = failure_log
        self.fails = fails
        self.calls = 0

    def build(self, request: Any, on_step: Any = None) -> BuildResult:
        self.calls += 1
        if self.calls <= self.fails:
            raise BuildFailure(
                "build failed at step `RUN apt-get update`", log_tail=self.failure_log
            )
        return super().build(request, on_step)


def _run(tmp_path: Path, fake: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(runner_mod, "NETWORK_RETRY_PAUSE_S", 0.0)
    monkeypatch.setattr(BenchRun, "_measurement", _measurement_fake(fake["log"]))
    variants = _app(tmp_path, n=1)
    run = BenchRun(variants, BenchOptions(repeat=1, verify=False), tmp_path / "run")
    return run, run.run()


def test_a_network_failure_is_built_once_more_and_only_that_attempt_recorded(
    fake_engine: dict[str, Any],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    builder = FlakyBuilder(fake_engine["log"], APT, fails=1)
    fake_engine["builder"] = builder
    run, result = _run(tmp_path, fake_engine, monkeypatch)
    assert result.status == "complete"
    assert builder.calls == 3  # cold (failed, then again), warm
    builds = [r for r in _rows(run.folder.path) if r[0] == "build"]
    assert builds == [("build", "v0", "cold", "0"), ("build", "v0", "warm", "0")]


@pytest.mark.parametrize(("failure_log", "calls"), [(APT, 2), ("E: no installation candidate", 1)])
def test_it_is_believed_on_the_second_network_failure_and_at_once_on_any_other(
    fake_engine: dict[str, Any],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    failure_log: str,
    calls: int,
) -> None:
    builder = FlakyBuilder(fake_engine["log"], failure_log, fails=5)
    fake_engine["builder"] = builder
    with pytest.raises(BuildFailure):  # the original must build
        _run(tmp_path, fake_engine, monkeypatch)
    assert builder.calls == calls


@pytest.mark.engine
def test_a_build_that_could_not_resolve_a_host_is_built_once_more_for_real(
    tmp_path: Path,
) -> None:
    """A real build whose step prints apt's "Temporary failure resolving" and fails until the
    "network comes back" (a file the test adds to the context when the bench says it will build
    once more): the bench builds it once more, and the run records one successful cold build."""
    import csv

    from imgopt.bench.runner import QuietObserver, make_variants

    from .conftest import wait_for_image

    wait_for_image("debian:bookworm-slim")
    app = tmp_path / "app"
    app.mkdir()
    (app / "Dockerfile").write_text(
        "FROM debian:bookworm-slim\n"
        "COPY . /ctx\n"
        "RUN test -e /ctx/network-back || { echo 'Temporary failure resolving deb.example';"
        " exit 100; }\n"
    )
    said: list[str] = []

    class Network(QuietObserver):
        def phase(self, text: str) -> None:
            said.append(text)
            if "could not reach the network" in text:
                (app / "network-back").write_text("")

    options = BenchOptions(repeat=1, warm=False, verify=False, compressed=False)
    variants = make_variants(app, [app / "Dockerfile"])
    run = BenchRun(variants, options, tmp_path / "run", observer=Network())
    result = run.run()
    assert result.status == "complete", said
    assert any("Temporary failure resolving deb.example" in t for t in said), said
    with (tmp_path / "run" / "results.csv").open() as f:
        builds = [r for r in csv.DictReader(f) if r["row"] == "build"]
    assert [(b["kind"], bool(b["image_id"]), b.get("error") or "") for b in builds] == [
        ("cold", True, "")
    ]
