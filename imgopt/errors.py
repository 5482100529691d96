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


class BuildError(EngineError):
    """An image build failed."""
