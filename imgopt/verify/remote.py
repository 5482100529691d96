"""Verification of a container whose processes are out of this machine's reach.

An engine on another machine (``ssh://``, ``tcp://``, a VM) runs the container under test where
this machine's ``/proc`` cannot see it. Its closure trace, its gate, its listening ports and its
probes then go through a sidecar on that engine (:mod:`imgopt.engine.sidecar`), with the same
strace options, gate file and port table as on this machine: :class:`SidecarTracer` stands in for
:class:`imgopt.verify.closure.Tracer`, and :func:`listening_ports` for
:func:`imgopt.verify.discover.listening_ports`.

What it cannot do: gate an image without ``/bin/sh`` (distroless, scratch), which on this machine
borrows the host's shell through bind mounts, files of this machine that a remote engine does not
have: such an image runs ungated there, and its proof says the closure was not recorded.
"""

from __future__ import annotations

from imgopt.engine.sidecar import INIT_PID, Sidecar
from imgopt.verify import closure as closure_mod


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


__all__ = ["SidecarTracer", "listening_ports"]
