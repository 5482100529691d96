"""imgopt.verify.Verifier on the real engine with tiny images: a one-shot command compared by exit
code and output, an original that cannot start (said exactly, with a drafted smoke.toml), and
a traced start whose closure names the program, and a data file a variant lacks (failed by the
default, literal rule; named by the lenient one). Each image is built once per module."""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from _volumes import anonymous_volumes, left_behind

from imgopt.engine.containers import remove_run_containers
from imgopt.verify import Verifier, parse_spec

pytestmark = pytest.mark.engine

HERE = Path(__file__).resolve().parent
RUN_ID = f"test-verifier-{uuid.uuid4().hex[:8]}"
LABELS = {"imgopt.test": "1"}
READS_DATA = '["sh", "-c", "cat /etc/debian_version >/dev/null 2>&1; echo read; exit 0"]'
DOCKERFILES = {
    "batch": 'FROM debian:bookworm-slim\nCMD ["sh", "-c", "echo batch done; exit 0"]\n',
    "batch-other": 'FROM debian:bookworm-slim\nCMD ["sh", "-c", "echo batch went wrong; exit 0"]\n',
    # reads a base image's data file it does not need; the variant lacks it (issue 11 item 4)
    "reads-data": f"FROM debian:bookworm-slim\nCMD {READS_DATA}\n",
    "lacks-data": f"FROM debian:bookworm-slim\nRUN rm /etc/debian_version\nCMD {READS_DATA}\n",
    "cannot-start": 'FROM debian:bookworm-slim\nCMD ["config=docker", "/app-exe"]\n',
    # tiny's perl server (tiny/server.pl), made to need CAP_CHOWN before it listens, no EXPOSE
    "needs-chown": (
        "FROM debian:bookworm-slim\nCOPY server.pl /server.pl\nENV TINY_NEEDS_CHOWN=1\n"
        'CMD ["perl", "/server.pl"]\n'
    ),
    # sample_apps/go-port built static, on distroless static: no /bin/sh, no sleep, no libc
    "no-shell": (
        "FROM golang:1.19 AS build\nWORKDIR /src\nCOPY go.mod *.go ./\n"
        "RUN CGO_ENABLED=0 go build -o /go-port .\n"
        "FROM gcr.io/distroless/static-debian12\n"
        "COPY --from=build /go-port /usr/local/bin/go-port\n"
        'ENV PORT=9090\nCMD ["go-port"]\n'
    ),
}
GO_PORT = HERE.parents[1] / "sample_apps" / "go-port"


@pytest.fixture(scope="module")
def images(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    tags: dict[str, str] = {}
    before = anonymous_volumes()
    try:
        for name, text in DOCKERFILES.items():
            folder = tmp_path_factory.mktemp(name)
            (folder / "Dockerfile").write_text(text)
            (folder / "server.pl").write_bytes((HERE / "tiny" / "server.pl").read_bytes())
            for source in GO_PORT.iterdir():
                if source.name == "go.mod" or source.suffix == ".go":
                    (folder / source.name).write_bytes(source.read_bytes())
            tag = f"imgopt-test/{name}:{uuid.uuid4().hex[:8]}"
            proc = subprocess.run(
                ["docker", "buildx", "build", "--load", "--label", "imgopt.test=1", "-t", tag,
                 str(folder)],
                capture_output=True, text=True, timeout=600,
            )  # fmt: skip
            assert proc.returncode == 0, proc.stderr[-3000:]
            tags[name] = tag
        yield tags
    finally:
        if tags:
            subprocess.run(["docker", "rmi", "-f", *tags.values()], capture_output=True)
        left = subprocess.run(
            ["docker", "ps", "-aq", "--filter", f"label=imgopt.run={RUN_ID}"],
            capture_output=True, text=True, check=True,
        ).stdout.split()  # fmt: skip
        remove_run_containers(RUN_ID)
        assert left == [], f"containers of run {RUN_ID} were left behind: {left}"
        volumes = left_behind(before)
        assert not volumes, f"run {RUN_ID} left anonymous volumes behind: {volumes}"


def _verifier(tmp_path: Path, **kwargs: object) -> Verifier:
    return Verifier(run_id=RUN_ID, labels=LABELS, out_dir=tmp_path / "verify", **kwargs)  # type: ignore[arg-type]


def test_a_one_shot_is_compared_by_exit_code_and_output(
    images: dict[str, str], tmp_path: Path
) -> None:
    verifier = _verifier(tmp_path)
    profile = verifier.profile(images["batch"], base_image="debian:bookworm-slim")
    assert profile.passed, profile.reason
    assert profile.discovery.kind == "one-shot" and profile.discovery.exit_code == 0
    assert profile.discovery.describe().startswith("one-shot command, exited 0 after")
    assert profile.proof.commands == 1 and profile.proof.probes == 0
    # The trace saw the shell the image runs, from its first exec on.
    assert profile.closure is not None and profile.closure.complete
    assert any(p.endswith("/sh") or p.endswith("/dash") for p in profile.closure.executables)
    assert verifier.check(profile, images["batch"]).verified
    other = verifier.check(profile, images["batch-other"])
    assert not other.verified
    assert other.reason is not None and "default command: output differs" in other.reason


def test_an_original_that_cannot_start_says_why_and_drafts_a_spec(
    images: dict[str, str], tmp_path: Path
) -> None:
    verifier = _verifier(tmp_path)
    profile = verifier.profile(images["cannot-start"])
    assert not profile.passed
    assert profile.reason is not None and "cannot start (exit code 127" in profile.reason
    assert "config=docker" in profile.reason  # the useful end of the error is kept
    draft = (tmp_path / "verify" / "smoke.toml").read_text()
    assert parse_spec(draft, source="draft").commands  # ready to edit, and valid
    verdict = verifier.check(profile, images["batch"])
    assert not verdict.verified and "the original could not be verified" in (verdict.reason or "")


def test_a_spec_adds_to_the_derived_checks(images: dict[str, str], tmp_path: Path) -> None:
    spec = parse_spec(
        '[[command]]\nname = "echo"\ncommand = ["echo", "extra"]\noutput_contains = "extra"\n',
        source="test",
    )
    verifier = _verifier(tmp_path, spec=spec)
    profile = verifier.profile(images["batch"])
    assert profile.passed, profile.reason
    assert profile.spec.check_names == ("default command", "echo")


def test_a_service_that_needs_a_capability_is_discovered_with_the_default_set(
    images: dict[str, str], tmp_path: Path
) -> None:
    verifier = _verifier(tmp_path)
    profile = verifier.profile(images["needs-chown"])
    assert profile.passed, profile.reason
    assert profile.discovery.kind == "service" and profile.discovery.port == 8080
    assert verifier.check(profile, images["needs-chown"]).verified


def test_an_image_without_a_shell_is_gated_by_the_hosts_and_its_closure_recorded(
    images: dict[str, str], tmp_path: Path
) -> None:
    """distroless and scratch images have no /bin/sh: the host's shell, mounted read-only, holds
    the start until strace is attached, and the closure is the app's own files, not the gate's."""
    verifier = _verifier(tmp_path)
    profile = verifier.profile(images["no-shell"])
    assert profile.passed, profile.reason
    assert profile.discovery.kind == "service" and profile.discovery.port == 9090
    assert profile.closure is not None and profile.closure.complete, profile.proof.closure_note
    assert profile.closure.executables == ("/usr/local/bin/go-port",)
    assert not [f for f in profile.closure.files if f.startswith("/.imgopt-gate")]
    assert profile.proof.closure_files and profile.proof.closure_note is None
    assert verifier.check(profile, images["no-shell"]).verified


def test_a_data_file_the_variant_lacks_fails_by_default_and_is_named_leniently(
    images: dict[str, str], tmp_path: Path
) -> None:
    profile = _verifier(tmp_path).profile(images["reads-data"])
    assert profile.passed, profile.reason
    assert profile.closure_facts is not None
    assert "/etc/debian_version" in profile.closure_facts.files
    default = _verifier(tmp_path).check(profile, images["lacks-data"])
    assert not default.verified
    assert default.reason == (
        "variant lacks /etc/debian_version, which the original read (configuration or data: "
        "--lenient-closure accepts it)"
    )
    assert default.proof.strict_closure and default.proof.absent_files == ()
    assert _verifier(tmp_path).check(profile, images["reads-data"]).verified
    lenient = _verifier(tmp_path, strict_closure=False).check(profile, images["lacks-data"])
    assert lenient.verified, lenient.reason
    assert lenient.proof.absent_files == (("/etc/debian_version", "config-or-data"),)
    assert lenient.proof.to_dict()["absent_files"] == [
        {"path": "/etc/debian_version", "reason": "config-or-data"}
    ]
    assert lenient.proof.to_dict()["strict_closure"] is False
