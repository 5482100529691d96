"""The one exception root and the one exit-code table.

Every expected failure raises a subclass of :class:`ImgoptError`; the CLI turns it into one line on
stderr (``imgopt: error: <message>`` plus an optional ``hint:`` line) and the exit code the class
names. Nothing below ``imgopt.cli`` calls ``sys.exit``.
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """Exit codes of every imgopt command (documented in the README)."""

    OK = 0
    FINDINGS = 1  # findings reported, or a gate check failed
    USAGE = 2  # bad usage, configuration, or input (unreadable or malformed Dockerfile, ...)
    ENGINE = 3  # no engine, engine died, or the build of the original failed


class ImgoptError(Exception):
    """Root of every error imgopt expects and reports without a traceback."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class InputError(ImgoptError):
    """A file, folder or argument the user gave cannot be used."""


class ConfigError(ImgoptError):
    """A configuration, baseline or spec file is malformed."""


class DockerfileParseError(InputError):
    """A Dockerfile could not be parsed. Always carries the file and the 1-based line."""

    def __init__(
        self, path: str | Path | None, line: int, message: str, *, hint: str | None = None
    ) -> None:
        self.path = str(path) if path is not None else "<string>"
        self.line = line
        self.detail = message
        super().__init__(f"{self.path}:{line}: {message}", hint=hint)


class EngineError(ImgoptError):
    """The Docker engine is unreachable, missing a feature, or failed underneath us."""

    exit_code = ExitCode.ENGINE


class EngineGone(EngineError):
    """The engine was just found not to answer a ping: nothing more is asked of it."""


class BuildError(EngineError):
    """An image build failed."""


class Interrupted(KeyboardInterrupt):
    """A signal asked imgopt to stop (SIGINT, SIGTERM or SIGHUP): cleaned up like Ctrl-C.

    Attributes:
        signum: the signal's number; the exit code is ``128 + signum``.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        """``128 + signum``, as shells report a process a signal ended (130 for SIGINT)."""
        return 128 + self.signum


#: SIGINT's number on every platform imgopt runs on; what a bare ``KeyboardInterrupt`` means.
SIGINT = 2


def interrupt_exit_code(exc: BaseException) -> int:
    """128 + the signal's number: 130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP."""
    return exc.exit_code if isinstance(exc, Interrupted) else 128 + SIGINT


# Exceptions the docker SDK lets through from its HTTP stack, recognised by where their classes
# live so that this module imports none of them.
_ENGINE_MODULES = ("docker.", "requests.", "urllib3.", "http.client")


def classify(exc: BaseException) -> ImgoptError | None:
    """The one place that maps an exception onto the exit-code table.

    Args:
        exc: anything that escaped a command.

    Returns:
        ``exc`` itself for an :class:`ImgoptError`; an :class:`EngineError` naming the engine for
        the failures of talking to it (the docker SDK's, ``requests``' and ``urllib3``'s errors,
        socket errors: refused, reset, broken pipe, timed out); None for anything else, which is
        a bug and keeps its traceback.
    """
    if isinstance(exc, ImgoptError):
        return exc
    if _from_engine_stack(exc) or isinstance(exc, ConnectionError | TimeoutError):
        return EngineError(
            f"the Docker engine at {engine_address()} failed: {engine_reason(exc)}",
            hint="check that the engine is running and answers (`docker info`); "
            "results finished so far were kept",
        )
    return None


def _from_engine_stack(exc: BaseException) -> bool:
    for cls in type(exc).__mro__:
        module = cls.__module__ + "."
        if module.startswith(_ENGINE_MODULES):
            return True
    return False


def clip(text: str, limit: int, *, flatten: bool = True, ellipsis: str = "…") -> str:
    """``text`` cut to at most ``limit`` characters, ``ellipsis`` included, at its end; with
    ``flatten``, first on one line (runs of whitespace as one space). For labels and table cells,
    where the head is what matters; messages keep their end with :func:`keep_ends`."""
    flat = " ".join(text.split()) if flatten else text
    if len(flat) <= limit:
        return flat
    return flat[: max(limit - len(ellipsis), 0)] + ellipsis


def keep_ends(text: str, limit: int = 600) -> str:
    """``text`` on one line, at most ``limit`` characters, keeping its head AND its tail.

    The useful part of an error is often at its end (``exec: "/app-exe": stat /app-exe: no such
    file or directory``, the last line of a build's output), so a long text loses its middle,
    marked by `` ... ``, never its end. Every message imgopt shortens goes through here.
    """
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    head = limit // 3
    tail = limit - head - 5
    return f"{flat[:head]} ... {flat[-tail:]}"


def engine_address() -> str:
    """Where imgopt looks for the engine: ``DOCKER_HOST`` or the default socket."""
    import os

    return os.environ.get("DOCKER_HOST") or "unix:///var/run/docker.sock"


def engine_reason(exc: BaseException) -> str:
    """The innermost cause in a few words (``Connection refused``, ``Read timed out``), not the
    SDK's nested tuple of wrappers."""
    inner: BaseException = exc
    seen = {id(inner)}
    while True:
        nxt = inner.__cause__ or inner.__context__
        if nxt is None or id(nxt) in seen:
            break
        seen.add(id(nxt))
        inner = nxt
    for candidate in (inner, *inner.args):
        if isinstance(candidate, OSError) and candidate.strerror:
            return candidate.strerror
    if isinstance(inner, TimeoutError) or "timed out" in str(inner).lower():
        return "timed out: no answer in time"
    text = str(inner).strip()
    first = text.splitlines()[0] if text else type(inner).__name__
    if not first.isprintable() or "\\x" in first:
        return "it answered with something that is not HTTP"  # never echo its bytes
    return first[:160]
