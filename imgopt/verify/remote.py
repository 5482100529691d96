"""Verification of a container whose processes are out of this machine's reach.

An engine on another machine (``ssh://``, ``tcp://``, a VM) runs the container under test where
this machine's ``/proc`` cannot see it. Its closure trace, its gate, its listening ports and its
probes then go through a sidecar on that engine (:mod:`imgopt.engine.sidecar`), with the same
strace options, gate file and port table as on this machine: :class:`SidecarTracer` stands in for
:class:`imgopt.verify.closure.Tracer`, and :func:`listening_ports` for
:func:`imgopt.verify.discover.listening_ports`.

An image without ``/bin/sh`` (distroless, scratch), which on this machine borrows the host's
shell through bind mounts (files a remote engine does not have), borrows the sidecar image's
instead (:func:`sidecar_gate`): the same files, copied into a volume of the run.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping

from imgopt.engine.containers import MountSpec, run_volume
from imgopt.engine.sidecar import GATE_DIR, INIT_PID, Sidecar, fill_gate_volume
from imgopt.verify import closure as closure_mod


@contextlib.contextmanager
def sidecar_gate(run_id: str, labels: Mapping[str, str] | None) -> Iterator[closure_mod.Gate]:
    """A gate for an image without ``/bin/sh`` on an engine of another machine: the sidecar
    image's loader, libc, ``dash`` and ``sleep``, in a volume of the run mounted read-only (the
    volume is removed when the block ends).

    Raises:
        EngineError: when the volume cannot be made.
    """
    with run_volume(run_id, labels) as volume:
        fill_gate_volume(volume, run_id)
        mount = MountSpec(GATE_DIR, "volume", volume, read_only=True)
        yield closure_mod.borrowed_gate((mount,), "a shell from imgopt's sidecar image")


class SidecarTracer:
    """``strace -f`` in the sidecar, attached to the target's init process (its pid 1)."""

    def __init__(self, sidecar: Sidecar) -> None:
        self.sidecar = sidecar
        self.pid = INIT_PID
        sidecar.start_trace(closure_mod.strace_options())

    def wait_attached(self, timeout_s: float = 10.0) -> bool:
        """Whether the target's init process is traced within ``timeout_s``."""
        return self.sidecar.traced(timeout_s)

    def release_gate(self) -> None:
        """Create the gate file in the target's root filesystem (through ``/proc/1/root``)."""
        self.sidecar.touch(closure_mod.GATE_FILE)

    def stop(self) -> str:
        """Detach strace; its own error output, if any."""
        return self.sidecar.stop_trace()

    def read(self) -> str:
        """What strace wrote."""
        return self.sidecar.trace_text()


def listening_ports(sidecar: Sidecar) -> tuple[int, ...]:
    """TCP ports some process listens on in the target's network namespace (sorted)."""
    from imgopt.verify.discover import parse_listening

    return parse_listening(
        sidecar.read_text(f"/proc/{INIT_PID}/net/tcp", f"/proc/{INIT_PID}/net/tcp6")
    )


__all__ = ["SidecarTracer", "listening_ports", "sidecar_gate"]
