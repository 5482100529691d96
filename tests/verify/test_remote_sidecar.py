"""Verification through a sidecar (imgopt.engine.sidecar), for real, on this machine's engine made
to count as one on another machine (``IMGOPT_VERIFY_SIDECAR=1``: then no container's process is
read through this machine's /proc; ``RunningContainer.pid`` refuses).

go-http and python-files (a template, a data file and jq, found without their smoke specs) are
profiled and checked twice, once through this machine's /proc and once through sidecars: the
same kind, listening ports, port, probes, closure and verdicts; a planted broken variant of
python-files (its template removed) still fails, naming the file; a distroless image (no shell)
is gated by the sidecar image's shell, with the same closure; the sidecars were created (the
engine's events say so) and nothing of the run is left (containers, volumes). The sidecar image
is built once per test session (tests/_sidecar.py)."""

from __future__ import annotations

import contextlib
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from _engine_helpers import built_image
from _sidecar import session_sidecar_image, sidecars_created

from imgopt.engine import sidecar
from imgopt.engine.containers import remove_run_containers, running_container
from imgopt.errors import EngineError
from imgopt.verify import Verifier
from imgopt.verify.verifier import Profile, Verdict

pytestmark = pytest.mark.engine

REPO = Path(__file__).resolve().parents[2]
RUN_ID = f"test-remote-{uuid.uuid4().hex[:8]}"
LABELS = {"imgopt.test": "1"}
APPS = {"go-http": "golang:1.19", "python-files": "python:3.11-slim"}
BROKEN = "/app/templates/page.html"
#: sample_apps/go-port built static, on distroless static: no /bin/sh, no sleep, no libc
NO_SHELL = (
    "FROM golang:1.19 AS build\nWORKDIR /src\nCOPY go.mod *.go ./\n"
    "RUN CGO_ENABLED=0 go build -o /go-port .\n"
    "FROM gcr.io/distroless/static-debian12\n"
    "COPY --from=build /go-port /usr/local/bin/go-port\n"
    'ENV PORT=9090\nCMD ["go-port"]\n'
)


@pytest.fixture(scope="module")
def images(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, str]]:
    session_sidecar_image(request.config)
    with contextlib.ExitStack() as stack:
        tags = {
            name: stack.enter_context(built_image(REPO / "sample_apps" / name, name))
            for name in APPS
        }
        planted = _planted_context(tags["python-files"], tmp_path_factory.mktemp("planted"))
        tags["broken"] = stack.enter_context(built_image(planted, "planted-remote"))
        no_shell = tmp_path_factory.mktemp("no-shell")
        (no_shell / "Dockerfile").write_text(NO_SHELL)
        for source in (REPO / "sample_apps" / "go-port").iterdir():
            if source.name == "go.mod" or source.suffix == ".go":
                (no_shell / source.name).write_bytes(source.read_bytes())
        tags["no-shell"] = stack.enter_context(built_image(no_shell, "no-shell-remote"))
        yield tags
    left = {
        kind: subprocess.run(
            ["docker", *command, "-q", "--filter", f"label=imgopt.run={RUN_ID}"],
            capture_output=True, text=True, check=True,
        ).stdout.split()
        for kind, command in (("containers", ["ps", "-a"]), ("volumes", ["volume", "ls"]))
    }  # fmt: skip
    remove_run_containers(RUN_ID)
    assert left == {"containers": [], "volumes": []}, (
        f"run {RUN_ID} (sidecars included) left {left}"
    )


def _planted_context(original: str, folder: Path) -> Path:
    """tests/verify/planted with its build arguments written in: python-files minus a file."""
    text = (REPO / "tests" / "verify" / "planted" / "Dockerfile").read_text()
    text = text.replace("ARG ORIGINAL\n", f"ARG ORIGINAL={original}\n")
    (folder / "Dockerfile").write_text(text.replace("ARG BROKEN\n", f"ARG BROKEN={BROKEN}\n"))
    return folder


def _verify(
    app: str, image: str, variants: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    *, through_sidecar: bool,
) -> tuple[Profile, list[Verdict], list[str]]:  # fmt: skip
    """Profile ``image`` (with no smoke spec) and check ``variants``; and the sidecars created."""
    if through_sidecar:
        monkeypatch.setenv(sidecar.FORCE_ENV, "1")
    else:
        monkeypatch.delenv(sidecar.FORCE_ENV, raising=False)
    mode = "sidecar" if through_sidecar else "local"
    verifier = Verifier(
        run_id=RUN_ID,
        context=REPO / "sample_apps" / app,
        labels=LABELS,
        out_dir=tmp_path / mode,
    )
    since = time.time()
    profile = verifier.profile(image, base_image=APPS[app])
    verdicts = [verifier.check(profile, v) for v in variants]
    created = sidecars_created(RUN_ID, since, time.time() + 1)
    monkeypatch.delenv(sidecar.FORCE_ENV, raising=False)
    return profile, verdicts, created


@pytest.mark.parametrize("app", list(APPS))
def test_a_sidecar_finds_what_this_machines_proc_finds(
    app: str, images: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    image = images[app]
    local, (local_same,), none = _verify(
        app, image, [image], tmp_path, monkeypatch, through_sidecar=False
    )
    remote, (remote_same,), created = _verify(
        app, image, [image], tmp_path, monkeypatch, through_sidecar=True
    )
    assert none == []  # the local path starts no sidecar
    # One sidecar per container the verification started: discovery, the second run of the
    # original's probes, the variant's run (at least).
    assert len(created) >= 3, created
    assert local.passed, local.reason
    assert remote.passed, remote.reason
    assert remote.discovery.kind == local.discovery.kind == "service"
    assert remote.discovery.listening == local.discovery.listening
    assert remote.discovery.port == local.discovery.port
    assert remote.spec.check_names == local.spec.check_names
    assert remote.proof.probes == local.proof.probes >= 2
    assert remote.proof.commands == local.proof.commands
    assert remote.closure is not None and local.closure is not None
    assert remote.closure.complete and local.closure.complete, remote.proof.closure_note
    only_local = sorted(set(local.closure.files) - set(remote.closure.files))
    only_remote = sorted(set(remote.closure.files) - set(local.closure.files))
    assert (only_local, only_remote) == ([], []), "the closures differ"
    assert remote.closure.executables == local.closure.executables
    assert remote.proof.closure_bytes == local.proof.closure_bytes
    assert remote_same.verified, remote_same.reason
    assert local_same.verified, local_same.reason


def test_a_planted_broken_variant_fails_through_a_sidecar(
    images: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = "python-files"
    _, (broken, same), created = _verify(
        app, images[app], [images["broken"], images[app]], tmp_path, monkeypatch,
        through_sidecar=True,
    )  # fmt: skip
    assert created
    assert same.verified, same.reason
    assert not broken.verified
    assert f"variant lacks {BROKEN}, which the original read" in broken.differences
    assert any(d.startswith("GET /page: status 500") for d in broken.differences), broken.reason


def test_an_image_without_a_shell_is_gated_by_the_sidecar_images(
    images: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """distroless has no /bin/sh: on this machine the host's shell gates it (bind mounts); on
    an engine of another machine the sidecar image's does, from a volume of the run. The same
    closure either way, and none of the gate's files in it."""
    closures = {}
    for mode in ("local", "sidecar"):
        if mode == "sidecar":
            monkeypatch.setenv(sidecar.FORCE_ENV, "1")
        verifier = Verifier(run_id=RUN_ID, labels=LABELS)
        profile = verifier.profile(images["no-shell"])
        monkeypatch.delenv(sidecar.FORCE_ENV, raising=False)
        assert profile.passed, profile.reason
        assert profile.discovery.listening == (9090,)
        assert profile.closure is not None and profile.closure.complete, profile.proof.closure_note
        closures[mode] = profile.closure
    assert closures["sidecar"] == closures["local"]
    assert closures["sidecar"].executables == ("/usr/local/bin/go-port",)
    assert not [f for f in closures["sidecar"].files if f.startswith("/.imgopt-gate")]


def test_forced_sidecar_never_reads_this_machines_proc(
    images: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With IMGOPT_VERIFY_SIDECAR set, a container's host pid is refused (so nothing above went
    through this machine's /proc) and its port is still reached, through the sidecar."""
    monkeypatch.setenv(sidecar.FORCE_ENV, "1")
    with running_container(images["go-http"], run_id=RUN_ID, labels=LABELS) as container:
        assert container.remote
        with pytest.raises(EngineError, match="reached through a sidecar"):
            _ = container.pid
        deadline = time.monotonic() + 30
        while True:
            try:
                sock = container.open_connection(8080, 5.0)
                break
            except OSError:
                assert time.monotonic() < deadline, "go-http never accepted"
                time.sleep(0.2)
        with sock:
            sock.sendall(b"GET / HTTP/1.0\r\n\r\n")
            answer = b""
            while chunk := sock.recv(4096):
                answer += chunk
        assert answer.startswith(b"HTTP/1.0 200"), answer[:200]
        with pytest.raises(ConnectionRefusedError):
            container.open_connection(8081, 5.0)  # nothing listens there
        name = container.sidecar().name
    gone = subprocess.run(["docker", "ps", "-aq", "--filter", f"name={name}"],
                          capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert gone == "", "the sidecar outlived its container"


def test_a_container_that_exited_refuses_connections_through_a_sidecar(
    images: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """No sidecar can join a stopped container: its port refuses, as on this machine, so a
    probe reports the app's exit rather than an engine failure."""
    monkeypatch.setenv(sidecar.FORCE_ENV, "1")
    with running_container(
        images["go-http"], run_id=RUN_ID, labels=LABELS, command=["sh", "-c", "exit 3"]
    ) as container:
        deadline = time.monotonic() + 30
        while container.state().running:
            assert time.monotonic() < deadline, "it never exited"
            time.sleep(0.1)
        with pytest.raises(ConnectionRefusedError):
            container.open_connection(8080, 5.0)
        assert container.state().exit_code == 3


def test_without_root_an_engine_elsewhere_is_verified_through_sidecars(
    images: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not root here (no strace to run, no namespace to enter) and an engine whose name is not
    this machine's: no IMGOPT_VERIFY_SIDECAR needed. Containers get no network (not Docker's
    bridge, the fall-back of a user who is not root on this machine's engine), and discovery,
    the trace and the probes go through sidecars, with the closure /proc gives as root."""
    from imgopt.engine import containers
    from imgopt.verify import closure as closure_mod

    monkeypatch.delenv(sidecar.FORCE_ENV, raising=False)
    context = REPO / "sample_apps" / "go-http"
    as_root = Verifier(run_id=RUN_ID, context=context, labels=LABELS).profile(images["go-http"])
    monkeypatch.setattr(containers, "can_enter_network_namespaces", lambda: False)
    monkeypatch.setattr(sidecar, "_engine_name", lambda host: "another-machine")
    monkeypatch.setattr(closure_mod, "tracer_problem", lambda: "tracing needs root")
    assert containers._isolation(None) == "none"
    since = time.time()
    verifier = Verifier(run_id=RUN_ID, context=context, labels=LABELS)
    profile = verifier.profile(images["go-http"])
    verdict = verifier.check(profile, images["go-http"])
    assert sidecars_created(RUN_ID, since, time.time() + 1)
    assert profile.passed, profile.reason
    assert profile.discovery.listening == as_root.discovery.listening == (8080,)
    assert profile.closure is not None and profile.closure.complete, profile.proof.closure_note
    assert as_root.closure is not None and profile.closure.files == as_root.closure.files
    assert verdict.verified, verdict.reason
