"""A service that speaks no HTTP (twemproxy's shape: a proxy port and a stats port, no EXPOSE) is
verified over TCP on the real engine: the original is profiled in seconds, the same image
verifies, a variant that says another thing on its stats port or no longer listens on it fails,
and nothing is left behind. Images are built once per module (no RUN step: seconds)."""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from _volumes import anonymous_volumes, left_behind

from imgopt.engine.containers import remove_run_containers
from imgopt.verify import Verifier

pytestmark = pytest.mark.engine

HERE = Path(__file__).resolve().parent
RUN_ID = f"test-tcp-{uuid.uuid4().hex[:8]}"
LABELS = {"imgopt.test": "1"}
BASE = 'FROM debian:bookworm-slim\nCOPY server.pl /server.pl\n{env}CMD ["perl", "/server.pl"]\n'
DOCKERFILES = {
    "tcp": BASE.format(env=""),
    "tcp-renamed": BASE.format(env="ENV TCP_NAME=another\n"),
    "tcp-no-stats": BASE.format(env="ENV TCP_ONLY_PROXY=1\n"),
}


@pytest.fixture(scope="module")
def images(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    tags: dict[str, str] = {}
    before = anonymous_volumes()
    try:
        for name, text in DOCKERFILES.items():
            folder = tmp_path_factory.mktemp(name)
            (folder / "Dockerfile").write_text(text)
            (folder / "server.pl").write_bytes((HERE / "tcp" / "server.pl").read_bytes())
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


def test_a_tcp_service_is_verified_over_tcp(images: dict[str, str], tmp_path: Path) -> None:
    verifier = Verifier(run_id=RUN_ID, labels=LABELS, out_dir=tmp_path / "verify")
    profile = verifier.profile(images["tcp"])
    found = profile.discovery
    assert profile.passed, profile.reason
    assert found.kind == "service" and found.not_http and found.listening == (6380, 6381)
    assert found.ready_s is not None and found.ready_s < 30  # not the minute's deadline
    assert [c.name for c in profile.spec.http] == ["TCP 6380", "TCP 6381"]
    assert (profile.proof.tcp_probes, profile.proof.probes) == (2, 0)  # TCP, not HTTP
    assert profile.templates["TCP 6381"].masked  # the random id, learnt from two runs

    same = verifier.check(profile, images["tcp"])
    assert same.verified, same.reason

    renamed = verifier.check(profile, images["tcp-renamed"])
    assert not renamed.verified
    assert any(d.startswith("TCP 6381: body differs") for d in renamed.differences)

    no_stats = verifier.check(profile, images["tcp-no-stats"])
    assert not no_stats.verified
    assert no_stats.reason is not None and "port 6381 accepted no TCP connection" in no_stats.reason
