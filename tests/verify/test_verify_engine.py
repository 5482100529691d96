"""imgopt.verify and imgopt.engine.containers on the real engine, with two tiny images.

``tiny`` is debian:bookworm-slim plus a perl HTTP server on 8080 whose behaviour environment
variables choose (see tiny/server.pl); ``batch`` exposes nothing and its command exits with
``$BATCH_EXIT``. Each is built once per session and removed at the end.
"""

from __future__ import annotations

import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from _volumes import anonymous_volumes, left_behind

from imgopt.engine.containers import (
    ContainerStartError,
    Sandbox,
    image_facts,
    remove_run_containers,
    run_container,
    running_container,
)
from imgopt.errors import InputError
from imgopt.verify import compare_results, infer_spec, parse_spec, run_smoke

pytestmark = pytest.mark.engine

HERE = Path(__file__).resolve().parent
RUN_ID = f"test-verify-{uuid.uuid4().hex[:8]}"
LABELS = {"imgopt.test": "1"}
BUILD = ("docker", "buildx", "build", "--load", "--label", "imgopt.test=1")


def _build(context: Path, tag: str) -> None:
    proc = subprocess.run(
        [*BUILD, "-t", tag, str(context)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, f"building {context} failed:\n{proc.stderr[-3000:]}"


def _containers_of_run() -> list[str]:
    out = subprocess.run(
        ["docker", "ps", "-aq", "--filter", f"label=imgopt.run={RUN_ID}"],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.split()


@pytest.fixture(scope="module", autouse=True)
def no_container_left_behind() -> Iterator[None]:
    before = anonymous_volumes()
    yield
    left = _containers_of_run()
    remove_run_containers(RUN_ID)
    assert left == [], f"containers of run {RUN_ID} were left behind: {left}"
    volumes = left_behind(before)
    assert not volumes, f"run {RUN_ID} left anonymous volumes behind: {volumes}"


@pytest.fixture(scope="session")
def images() -> Iterator[dict[str, str]]:
    tags = {
        "tiny": f"imgopt-test/tiny:{uuid.uuid4().hex[:8]}",
        "batch": f"imgopt-test/batch:{uuid.uuid4().hex[:8]}",
    }
    try:
        for name, tag in tags.items():
            _build(HERE / name, tag)
        yield tags
    finally:
        subprocess.run(["docker", "rmi", "-f", *tags.values()], capture_output=True)


def smoke(image: str, text: str):  # type: ignore[no-untyped-def]
    return run_smoke(image, parse_spec(text, source="test"), run_id=RUN_ID, labels=LABELS)


HELLO = """
[[http]]
name = "hello"
port = 8080
body_contains = "hello from tiny"
same_body = true
"""


def test_passing_spec_reports_every_check(images: dict[str, str]) -> None:
    result = smoke(
        images["tiny"],
        HELLO
        + """
[[http]]
name = "missing page"
port = 8080
path = "/nope"
status = 404

[[command]]
name = "run"
command = ["perl", "-e", "print qq(ran $ENV{X}\\n)"]
env = { X = "here" }
output_contains = "ran here"

[[command]]
name = "exec"
mode = "exec"
command = ["sh", "-c", "echo pid1 is $(cat /proc/1/cmdline | tr '\\\\0' ' ')"]
output_contains = "pid1 is perl /server.pl"
""",
    )
    assert result.passed, result.reason
    assert result.reason is None
    assert result.capabilities == "drop-all"
    hello, missing, run, exec_ = result.checks
    assert (hello.status, hello.body, hello.compare_content) == (200, "hello from tiny\n", True)
    assert missing.status == 404
    assert run.exit_code == 0 and run.output == "ran here\n"
    assert exec_.exit_code == 0
    assert "tiny: listening on 8080" in result.log_tail
    assert "tiny: GET / -> 200" in result.log_tail


def test_wrong_body_substring_fails_with_reason(images: dict[str, str]) -> None:
    result = smoke(images["tiny"], '[[http]]\nname = "hi"\nport = 8080\nbody_contains = "bye"\n')
    assert not result.passed
    assert result.reason is not None
    assert result.reason.startswith("hi: body does not contain 'bye'")
    assert "hello from tiny" in result.reason  # the body that came instead
    assert result.checks[0].status == 200
    assert "tiny: GET / -> 200" in result.log_tail


def test_wrong_status_fails(images: dict[str, str]) -> None:
    result = smoke(images["tiny"], '[[http]]\nname = "s"\nport = 8080\npath = "/status/503"\n')
    assert not result.passed
    assert result.reason is not None and result.reason.startswith("s: status 503, expected 200")


def test_crash_before_answering_gives_exit_code_and_log(images: dict[str, str]) -> None:
    result = smoke(images["tiny"], HELLO + 'env = { TINY_MODE = "crash" }\n')
    assert not result.passed
    assert result.reason == "hello: container exited with code 3 before answering on port 8080"
    assert "tiny: crashing on purpose" in result.log_tail
    # a crash could be a missing capability, so "auto" tried Docker's default set too
    assert result.capabilities == "default"


def test_server_that_never_answers_times_out_without_a_second_run(
    images: dict[str, str],
) -> None:
    spec = HELLO + 'startup_timeout = 2\nenv = { TINY_MODE = "hang" }\n'
    result = smoke(images["tiny"], spec)
    assert not result.passed
    assert result.reason is not None
    assert result.reason.startswith("hello: no HTTP answer on port 8080 within 2s")
    assert result.capabilities == "drop-all"  # a hang is no capability problem: no retry
    assert "hanging without listening" in result.log_tail


def test_capabilities_are_dropped_and_auto_falls_back(images: dict[str, str]) -> None:
    needs_chown = HELLO + 'env = { TINY_NEEDS_CHOWN = "1" }\n'
    strict = smoke(images["tiny"], 'capabilities = "drop-all"\n' + needs_chown)
    assert not strict.passed
    assert "exited with code" in (strict.reason or "")
    assert "chown failed: Operation not permitted" in strict.log_tail
    auto = smoke(images["tiny"], needs_chown)
    assert auto.passed, auto.reason
    assert auto.capabilities == "default"
    assert auto.user == ""  # the image's own user (root): the non-root first run failed


def test_an_image_that_runs_as_root_runs_as_nobody_when_it_can(images: dict[str, str]) -> None:
    result = smoke(images["tiny"], HELLO)
    assert result.passed and result.user == "65534:65534"


def test_inferred_spec_probes_the_exposed_port(images: dict[str, str]) -> None:
    spec = infer_spec(images["tiny"])
    assert spec.inferred and [c.port for c in spec.http] == [8080]
    result = run_smoke(images["tiny"], spec, run_id=RUN_ID, labels=LABELS)
    assert result.passed, result.reason
    assert result.checks[0].status == 200


def test_inferred_spec_runs_the_default_command(images: dict[str, str]) -> None:
    spec = infer_spec(images["batch"])
    assert spec.http == () and spec.commands[0].command is None
    result = run_smoke(images["batch"], spec, run_id=RUN_ID, labels=LABELS)
    assert result.passed, result.reason
    assert result.checks[0].exit_code == 0
    assert result.checks[0].output == "batch done with 0\n"


def test_command_failures(images: dict[str, str]) -> None:
    result = smoke(
        images["batch"],
        """
[[command]]
name = "default"
env = { BATCH_EXIT = "4" }

[[command]]
name = "slow"
command = ["sleep", "60"]
timeout = 2

[[command]]
name = "missing"
command = ["/no/such/binary"]
""",
    )
    assert not result.passed
    default, slow, missing = result.checks
    assert default.exit_code == 4
    assert default.reason == "exit code 4, expected 0 (output: 'batch done with 4')"
    assert slow.reason == "did not exit within 2s" and slow.exit_code is None
    assert missing.reason is not None
    assert missing.reason.startswith("container did not start:")
    assert result.reason == "default: " + default.reason


def test_exec_in_a_dead_container_fails_cleanly(images: dict[str, str]) -> None:
    # The HTTP check runs first and sees the crash, so the exec surely meets a dead container.
    crash = 'env = { TINY_MODE = "crash" }\n'
    spec = crash + HELLO + '[[command]]\nmode = "exec"\ncommand = "id"\n'
    result = smoke(images["tiny"], spec)
    assert not result.passed
    assert result.check("id").reason == (
        "container exited with code 3 before the command could run in it"
    )


def test_compare_real_runs(images: dict[str, str]) -> None:
    original = smoke(images["tiny"], HELLO)
    again = smoke(images["tiny"], HELLO)
    assert compare_results(original, again).same
    changed = smoke(images["tiny"], HELLO + 'env = { TINY_GREETING = "hello from tiny v2" }\n')
    assert changed.passed  # the substring still matches...
    comparison = compare_results(original, changed)
    assert not comparison.same  # ...but the deterministic body changed
    assert comparison.differences == ("hello: body differs from the original's",)


def test_sandbox_settings_are_applied(images: dict[str, str]) -> None:
    import docker

    client = docker.from_env()
    sandbox = Sandbox(memory="256m", pids_limit=64)
    with running_container(
        images["tiny"], run_id=RUN_ID, ports=[8080], sandbox=sandbox, labels=LABELS
    ) as running:
        attrs = client.containers.get(running.id).attrs
        host = attrs["HostConfig"]
        assert host["Privileged"] is False
        assert host["CapDrop"] == ["ALL"]
        assert host["SecurityOpt"] == ["no-new-privileges"]
        assert host["Memory"] == 256 * 1024 * 1024
        assert host["MemorySwap"] == 256 * 1024 * 1024
        assert host["PidsLimit"] == 64
        assert host["NetworkMode"] == "none"  # no network; probes enter its namespace
        assert not host["PortBindings"]
        assert host["NanoCpus"] == 1_000_000_000
        assert host["LogConfig"] == {
            "Type": "json-file",
            "Config": {"max-size": "8m", "max-file": "1"},
        }
        assert attrs["Config"]["Labels"]["imgopt.run"] == RUN_ID
        assert attrs["Config"]["Labels"]["imgopt.test"] == "1"
        assert running.host_port(8080) is None  # nothing published: probes enter the netns
        name = running.name
    assert not client.containers.list(all=True, filters={"name": name})


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_container_is_removed_when_the_block_raises(
    images: dict[str, str], error: type[BaseException]
) -> None:
    import docker

    client = docker.from_env()
    names = []
    with (
        pytest.raises(error),
        running_container(images["tiny"], run_id=RUN_ID, labels=LABELS) as running,
    ):
        names.append(running.name)
        raise error()
    assert names and not client.containers.list(all=True, filters={"name": names[0]})


def test_hard_lifetime_kills_the_container(images: dict[str, str]) -> None:
    sandbox = Sandbox(lifetime_s=1.0)
    with running_container(
        images["tiny"], run_id=RUN_ID, sandbox=sandbox, labels=LABELS
    ) as running:
        deadline = time.monotonic() + 60
        while running.state().running and time.monotonic() < deadline:
            time.sleep(0.2)
        state = running.state()
    assert not state.running
    assert state.killed_by_watchdog


def test_start_failure_and_missing_image(images: dict[str, str]) -> None:
    with pytest.raises(ContainerStartError, match="did not start"):
        run_container(images["batch"], run_id=RUN_ID, timeout_s=10, command=["/nope"])
    with pytest.raises(InputError, match="no image"):
        run_container("imgopt-test/does-not-exist:0", run_id=RUN_ID, timeout_s=10)
    with pytest.raises(InputError, match="no image"):
        image_facts("imgopt-test/does-not-exist:0")
    facts = image_facts(images["tiny"])
    assert facts.exposed_tcp_ports == (8080,)
    assert facts.cmd == ("perl", "/server.pl")
