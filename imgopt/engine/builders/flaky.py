"""Build failures that came from the network, not from the Dockerfile.

A step that downloads (``apt-get update``, ``pip install``, ``npm ci``, ``go mod download``,
``curl``) fails now and then because a name did not resolve or a mirror timed out. Judged as it
is, such a failure would call a variant broken that is not, or stop an analysis whose original
builds fine a minute later. :func:`network_failure` recognises the few messages the common tools
print for it, so that the bench builds once more before it believes the failure (once: a
network that is really unreachable, by design or not, fails again and is reported).

Only messages about *reaching* a host count; a package or version that is not found, a checksum
that does not match or a refused authentication is the Dockerfile's or the registry's answer and
is never retried.
"""

from __future__ import annotations

import re

#: What apt, pip, npm, yarn, curl, wget, git and Go print when a host could not be reached.
_NETWORK = re.compile(
    r"Temporary failure resolving"  # apt
    r"|Temporary failure in name resolution"  # getaddrinfo: pip, python, curl
    r"|Could not resolve host"  # curl, git
    r"|unable to resolve host address"  # wget
    r"|getaddrinfo EAI_AGAIN"  # npm, yarn
    r"|\b(?:ETIMEDOUT|ECONNRESET|ESOCKETTIMEDOUT)\b"  # npm, yarn
    r"|Read timed out"  # pip
    r"|Connection timed out"  # apt, curl, pip
    r"|Connection reset by peer"
    r"|TLS handshake timeout"  # Go
    r"|i/o timeout"  # Go
    r"|Hash Sum mismatch",  # apt: a mirror caught mid-sync (the next try gets a whole file)
    re.I,
)


def network_failure(log: str) -> str | None:
    """The line of ``log`` that says the build could not reach a host, or None."""
    return _last_line(log, _NETWORK)


def _last_line(log: str, pattern: re.Pattern[str]) -> str | None:
    """The last line of ``log`` that ``pattern`` matches, stripped, or None."""
    for line in reversed(log.splitlines()):
        if pattern.search(line):
            return line.strip()
    return None


#: What the kernel (``strerror``), npm and BuildKit print when the engine's disk is full.
_DISK_FULL = re.compile(r"No space left on device|\bENOSPC\b", re.I)


def disk_full(log: str) -> str | None:
    """The line of ``log`` that says a write failed for want of disk space, or None.

    Containers and layers share the engine's disk, so every later build fails the same way:
    the run stops instead of calling each variant broken.
    """
    return _last_line(log, _DISK_FULL)
