"""The builder interface and the values it takes and returns.

Every builder (BuildKit through ``docker buildx build``, the classic builder through the docker
SDK) takes a :class:`BuildRequest` and returns a :class:`BuildResult`, or raises
:class:`BuildFailure` (a :class:`~imgopt.errors.BuildError`) naming the failing step with the tail
of its log, or :class:`~imgopt.errors.EngineError` when the engine itself is gone.

Secrets: a request names secrets by id and by where their value lives (a file or an environment
variable), never by value. The builders read the values only to scrub them from every log line
and error message they return, so a value a ``RUN`` step happens to print is never recorded.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

from imgopt.errors import BuildError, ExitCode, InputError, keep_ends

# "[stage-1 3/5] RUN pip install ..." or "[2/2] COPY . ." (BuildKit vertex names).
_STEP_NAME = re.compile(
    r"^\[(?:(?P<stage>[^\]]+?) )?(?P<index>\d+)/(?P<total>\d+)\] (?P<text>.*)$", re.S
)
REDACTED = "***"


@dataclass(frozen=True)
class SecretSpec:
    """A build secret, by id and source; the value itself is never held in a result.

    Attributes:
        id: the id ``RUN --mount=type=secret,id=...`` refers to.
        src: a file holding the value.
        env: an environment variable holding the value.
    """

    id: str
    src: Path | None = None
    env: str | None = None

    @classmethod
    def parse(cls, spec: str) -> SecretSpec:
        """Parse buildx's ``--secret`` syntax: ``id=NAME[,src=PATH|,env=VAR]``.

        Like buildx, a spec without ``src``/``env`` reads the environment variable named ``id``
        (falling back to a file of that name is buildx's business; we only need the value to
        scrub it).

        Raises:
            InputError: when the spec has no id or an unknown key.
        """
        fields: dict[str, str] = {}
        for part in spec.split(","):
            key, sep, value = part.partition("=")
            if not sep:
                raise InputError(
                    f"secret {spec!r}: expected key=value pairs such as id=NAME,src=FILE"
                )
            key = key.strip().lower()
            if key == "source":
                key = "src"
            if key not in {"id", "src", "env", "type"}:
                raise InputError(f"secret {spec!r}: unknown key {key!r}")
            fields[key] = value.strip()
        if not fields.get("id"):
            raise InputError(f"secret {spec!r}: missing id=")
        src = Path(fields["src"]).expanduser() if fields.get("src") else None
        env = fields.get("env") or (None if src else fields["id"])
        return cls(id=fields["id"], src=src, env=env)

    def cli_value(self) -> str:
        """The ``--secret`` argument for buildx (names a source, never a value)."""
        if self.src is not None:
            return f"id={self.id},src={self.src}"
        return f"id={self.id},env={self.env}"

    def value(self) -> str | None:
        """The secret's value, read only to scrub it from logs; None when unavailable."""
        if self.src is not None:
            try:
                return self.src.read_text(errors="replace")
            except OSError:
                return None
        if self.env is not None:
            return os.environ.get(self.env)
        return None

    def __repr__(self) -> str:  # the value is never part of a repr
        return f"SecretSpec(id={self.id!r}, src={self.src!r}, env={self.env!r})"


@dataclass(frozen=True)
class BuildRequest:
    """What to build.

    Attributes:
        context: the build context directory (``.dockerignore`` inside it is honoured).
        dockerfile: the Dockerfile (``-f``); default ``context/Dockerfile``.
        tag: an image name to give the result, or None.
        build_args: ``--build-arg`` values.
        target: ``--target`` stage, or None for the final stage.
        secrets: ``--secret`` sources (BuildKit only).
        labels: labels set on the image (imgopt sets ``imgopt.run``).
        no_cache: build without reading the build cache (a cold build).
        build_contexts: ``--build-context name=path|image`` (BuildKit only).
    """

    context: Path
    dockerfile: Path | None = None
    tag: str | None = None
    build_args: Mapping[str, str] = field(default_factory=dict)
    target: str | None = None
    secrets: tuple[SecretSpec, ...] = ()
    labels: Mapping[str, str] = field(default_factory=dict)
    no_cache: bool = False
    build_contexts: Mapping[str, str] = field(default_factory=dict)

    @property
    def dockerfile_path(self) -> Path:
        """The Dockerfile, resolved against the context when not given."""
        return self.dockerfile if self.dockerfile is not None else self.context / "Dockerfile"

    def check(self) -> None:
        """Fail early, with one line, on a context or Dockerfile that does not exist.

        Raises:
            InputError: when the context is not a directory or the Dockerfile is missing.
        """
        if not self.context.is_dir():
            raise InputError(f"build context {self.context} is not a directory")
        if not self.dockerfile_path.is_file():
            raise InputError(f"Dockerfile {self.dockerfile_path} does not exist")

    def secret_values(self) -> list[str]:
        """Values to scrub from logs (the longest first, so overlapping values vanish whole)."""
        values = [v.strip() for s in self.secrets if (v := s.value())]
        return sorted({v for v in values if len(v) >= 3}, key=len, reverse=True)


@dataclass(frozen=True)
class BuildStep:
    """One step of a build as the builder reported it.

    Attributes:
        name: the builder's own name for the step (``"[stage-1 3/5] RUN pip install ..."``).
        instruction: the Dockerfile instruction (``"RUN pip install ..."``), or the name for
            builder-internal steps.
        stage: the stage label BuildKit printed (``"stage-1"``, ``"builder"``), or None.
        index: 1-based position within its stage (``3`` of ``3/5``), None for internal steps.
        total: steps in the stage, None for internal steps.
        cached: the step's result came from the build cache.
        seconds: how long the step ran (0 for cached steps).
        error: the builder's error message when the step failed.
        digest: BuildKit's vertex digest (None for the classic builder). It names the step
            within one build only: the build context's vertex is new in every build, so every
            step after a ``COPY`` gets a new digest (see :mod:`imgopt.bench.steps`).
        inputs: the digests of the vertices this one takes as inputs (its parent step, the
            build context, a ``COPY --from`` stage's last step).
        started: when the step started (POSIX seconds), if reported.
        completed: when it ended (POSIX seconds), if reported.
    """

    name: str
    instruction: str
    stage: str | None
    index: int | None
    total: int | None
    cached: bool
    seconds: float
    error: str | None = None
    digest: str | None = None
    inputs: tuple[str, ...] = ()
    started: float | None = None
    completed: float | None = None

    @property
    def is_instruction(self) -> bool:
        """Whether the step is a Dockerfile instruction (not an internal load/export step)."""
        return self.index is not None


@dataclass(frozen=True)
class BuildResult:
    """A finished build.

    Attributes:
        image_id: the image id (``sha256:...``).
        builder: ``"buildkit"`` or ``"classic"``.
        builder_version: the builder's version (buildx and BuildKit for BuildKit).
        engine_version: the Docker engine's version.
        seconds: wall time of the whole build.
        steps: every step, in the order it started.
        log_tail: the last lines of the build log (secrets scrubbed).
        base_images: the images the build's FROM lines resolved to, as the builder named them.
    """

    image_id: str
    builder: str
    builder_version: str
    engine_version: str
    seconds: float
    steps: tuple[BuildStep, ...]
    log_tail: str = ""
    base_images: tuple[str, ...] = ()

    @property
    def instruction_steps(self) -> tuple[BuildStep, ...]:
        """The steps that are Dockerfile instructions."""
        return tuple(s for s in self.steps if s.is_instruction)

    @property
    def cached_steps(self) -> int:
        """How many instruction steps came from the cache (FROM excluded)."""
        return sum(1 for s in self.instruction_steps if s.cached and not _is_from(s))

    @property
    def run_steps(self) -> int:
        """How many instruction steps were executed or could have been cached (FROM excluded)."""
        return sum(1 for s in self.instruction_steps if not _is_from(s))


def _is_from(step: BuildStep) -> bool:
    return step.instruction.upper().startswith("FROM ")


class BuildFailure(BuildError):
    """A build failed at a step; carries the step and the tail of the log (secrets scrubbed)."""

    def __init__(
        self,
        message: str,
        *,
        step: str | None = None,
        log_tail: str = "",
        builder: str = "",
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.step = step
        self.log_tail = log_tail
        self.builder = builder


class DockerfileRejected(BuildFailure):
    """The builder rejected the Dockerfile before building (a parse error): bad input, exit 2."""

    exit_code = ExitCode.USAGE


_PARSE_ERROR = re.compile(r"dockerfile parse error (?:on )?line (\d+): (.+)", re.I)


def rejected_dockerfile(text: str, dockerfile: Path) -> DockerfileRejected | None:
    """The failure to report when a builder's output says it could not parse the Dockerfile."""
    m = _PARSE_ERROR.search(text)
    if m is None:
        return None
    reason = keep_ends(m.group(2))
    return DockerfileRejected(
        f"{dockerfile}:{m.group(1)}: {reason}",
        hint="fix the Dockerfile; `imgopt lint` checks it without building",
    )


ProgressCallback = Callable[[BuildStep, int, int], None]
"""Called as steps finish: (the step, instruction steps finished, instruction steps known)."""


@runtime_checkable
class Builder(Protocol):
    """Builds images. One implementation per module in this package."""

    name: str

    def available(self) -> bool:
        """Whether this builder can run here."""
        ...

    def version(self) -> str:
        """The builder's version string (recorded with every result)."""
        ...

    def build(
        self, request: BuildRequest, *, on_step: ProgressCallback | None = None
    ) -> BuildResult:
        """Build ``request`` and return the result.

        Raises:
            InputError: missing context or Dockerfile, or a request the builder cannot honour.
            BuildFailure: the build failed; the message names the step.
            EngineError: the engine is unreachable or died.
        """
        ...


def parse_step_name(name: str) -> tuple[str | None, int | None, int | None, str]:
    """Split a BuildKit vertex name into (stage, index, total, instruction text).

    Example:
        >>> parse_step_name("[stage-1 3/5] RUN pip install flask")
        ('stage-1', 3, 5, 'RUN pip install flask')
        >>> parse_step_name("[internal] load .dockerignore")
        (None, None, None, '[internal] load .dockerignore')
    """
    m = _STEP_NAME.match(name)
    if not m:
        return None, None, None, name
    return m.group("stage"), int(m.group("index")), int(m.group("total")), m.group("text")


def scrub(text: str, secrets: list[str]) -> str:
    """Replace every secret value in ``text`` with ``***``."""
    for value in secrets:
        if value in text:
            text = text.replace(value, REDACTED)
    return text


def tail(lines: list[str], n: int = 30, max_chars: int = 4000) -> str:
    """The last ``n`` non-empty lines, at most ``max_chars`` characters."""
    kept = [ln.rstrip() for ln in lines if ln.strip()][-n:]
    text = "\n".join(kept)
    return text[-max_chars:]
