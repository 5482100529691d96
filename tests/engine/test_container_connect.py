"""RunningContainer.pid and open_connection on the real engine, with the tiny test image."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from _engine_helpers import built_image, http_get_root

from imgopt.engine.containers import remove_run_containers, running_container

pytestmark = pytest.mark.engine

TINY = Path(__file__).resolve().parent.parent / "verify" / "tiny"
RUN_ID = f"test-connect-{uuid.uuid4().hex[:8]}"
LABELS = {"imgopt.test": "1"}


@pytest.fixture(scope="module")
def tiny() -> Iterator[str]:
    with built_image(TINY, "tiny-connect") as tag:
        try:
            yield tag
        finally:
            remove_run_containers(RUN_ID)


def test_pid_and_connection_to_a_port_that_is_not_published(tiny: str) -> None:
    with running_container(tiny, run_id=RUN_ID, labels=LABELS) as running:
        pid = running.pid
        assert pid is not None and pid > 1
        assert Path(f"/proc/{pid}/ns/net").exists()
        answer = http_get_root(running, 8080)
        assert answer.startswith(b"HTTP/1.0 200"), answer
        assert b"hello from tiny" in answer
        with pytest.raises(ConnectionRefusedError):
            running.open_connection(8081, 2.0)


def test_the_pid_is_checked_to_be_the_containers_on_this_machine(
    tiny: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A remote engine's pid names some unrelated local process (here: this test's own): it is
    refused before anything traces it or enters its network namespace."""
    import os

    from imgopt.engine.containers import is_container_process
    from imgopt.errors import EngineError

    with running_container(tiny, run_id=RUN_ID, labels=LABELS) as running:
        pid = running.pid
        assert pid is not None and is_container_process(pid, running.id)
        assert not is_container_process(os.getpid(), running.id)
        assert not is_container_process(pid, "0" * 64)
        state = running._container.attrs["State"]
        monkeypatch.setattr(running, "_reload", lambda: None)
        monkeypatch.setitem(state, "Pid", os.getpid())
        with pytest.raises(EngineError, match="not a process of this machine"):
            running.pid  # noqa: B018
