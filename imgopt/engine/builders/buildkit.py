"""BuildKit through ``docker buildx build --progress=rawjson`` (the default builder).

The docker SDK cannot drive BuildKit, so this builder runs the buildx CLI and reads its
machine-readable progress: every step's start and end time, whether it came from the cache, and
its log, which gives per-step durations and cache hits without scraping human output.
"""

from __future__ import annotations

import functools
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from imgopt.engine.builders.base import (
    BuildFailure,
    BuildRequest,
    BuildResult,
    ProgressCallback,
    parse_step_name,
    rejected_dockerfile,
    scrub,
    tail,
)
from imgopt.engine.builders.rawjson import RawJsonParser
from imgopt.errors import EngineError, EngineGone, engine_address, keep_ends

#: While a build is silent, how often to ask whether the engine still answers.
_PING_EVERY_S = 30.0

_ENGINE_GONE = (
    "cannot connect to the docker daemon",
    "error during connect",
    "connection refused",
    "is the docker daemon running",
    "failed to dial grpc",
    "no such file or directory: unknown",
    "eof: unknown",
    "transport is closing",
)


class BuildKitBuilder:
    """Build with BuildKit through the buildx CLI plugin."""

    name = "buildkit"

    def __init__(self, docker: str = "docker") -> None:
        self.docker = docker

    def available(self) -> bool:
        """Whether ``docker buildx`` answers."""
        return _buildx_version(self.docker) is not None

    def version(self) -> str:
        """``buildx <version> (BuildKit <version>, driver <driver>)``."""
        buildx = _buildx_version(self.docker) or "unknown"
        driver, buildkit = _builder_info(self.docker)
        return f"buildx {buildx} (BuildKit {buildkit}, driver {driver})"

    def command(self, request: BuildRequest, iidfile: Path) -> list[str]:
        """The buildx command line for ``request`` (secrets by source, never by value)."""
        cmd = [self.docker, "buildx", "build", "--progress=rawjson", "--iidfile", str(iidfile)]
        cmd += ["-f", str(request.dockerfile_path)]
        if request.tag:
            cmd += ["-t", request.tag]
        for key, value in request.build_args.items():
            cmd += ["--build-arg", f"{key}={value}"]
        if request.target:
            cmd += ["--target", request.target]
        for secret in request.secrets:
            cmd += ["--secret", secret.cli_value()]
        for key, value in request.labels.items():
            cmd += ["--label", f"{key}={value}"]
        for name, where in request.build_contexts.items():
            cmd += ["--build-context", f"{name}={where}"]
        if request.no_cache:
            cmd.append("--no-cache")
        driver, _ = _builder_info(self.docker)
        if driver != "docker":
            cmd.append("--load")  # other drivers keep results in their own store otherwise
        cmd.append(str(request.context))
        return cmd

    def build(
        self, request: BuildRequest, *, on_step: ProgressCallback | None = None
    ) -> BuildResult:
        """Run the build; see :class:`~imgopt.engine.builders.base.Builder`."""
        request.check()
        if not self.available():
            raise EngineError("docker buildx is not installed", hint="install docker-buildx")
        secrets = request.secret_values()
        parser = RawJsonParser()
        with tempfile.TemporaryDirectory(prefix="imgopt-build-") as tmp:
            iidfile = Path(tmp) / "iid"
            cmd = self.command(request, iidfile)
            started = time.perf_counter()
            try:
                proc = subprocess.Popen(
                    cmd,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                    stdin=subprocess.DEVNULL,
                    text=True,
                    encoding="utf-8",
                    errors="replace",
                    bufsize=1,
                )
            except OSError as exc:
                raise EngineError(f"cannot run {self.docker}: {exc}") from exc
            try:
                for line in _lines_with_watchdog(proc, request):
                    for digest in parser.feed(line):
                        step = parser.step(digest)
                        if on_step is not None and step.is_instruction:
                            on_step(step, parser.instructions_done(), parser.instruction_total())
                rc = proc.wait()
            except BaseException:
                # Ctrl-C, SIGTERM, a hung engine or any error: stop buildx, which cancels the
                # build (nothing is exported or tagged after it), then re-raise.
                stop_process(proc)
                raise
            seconds = time.perf_counter() - started
            parser.close()
            image_id = iidfile.read_text().strip() if iidfile.exists() else ""
        steps = tuple(
            s.__class__(**{**s.__dict__, "error": scrub(s.error, secrets) if s.error else None})
            for s in parser.steps()
        )
        log_tail = scrub(tail(parser.log_lines()), secrets)
        if rc != 0 or not image_id:
            raise self._failure(request, parser, secrets, log_tail)
        return BuildResult(
            image_id=image_id,
            builder=self.name,
            builder_version=self.version(),
            engine_version=_engine_version(),
            seconds=seconds,
            steps=steps,
            log_tail=log_tail,
            base_images=_base_images(parser),
        )

    def _failure(
        self, request: BuildRequest, parser: RawJsonParser, secrets: list[str], log_tail: str
    ) -> Exception:
        text = "\n".join(parser.text_lines)
        low = text.lower()
        if any(marker in low for marker in _ENGINE_GONE) and not _engine_alive():
            return EngineError(
                "the Docker engine stopped answering during a build",
                hint="start a Docker engine (`make engine`) or set DOCKER_HOST",
            )
        failed = parser.failed()
        where = request.dockerfile_path
        rejected = rejected_dockerfile(text, where)
        if rejected is not None:
            return rejected
        if failed is not None:
            step, logs = failed
            reason = scrub(step.error or "failed", secrets)
            detail = scrub(tail(logs, 30), secrets) or log_tail
            return BuildFailure(
                f"{where}: build failed at step `{_one_line(step.instruction)}`: "
                f"{_one_line(reason)}",
                step=step.instruction,
                log_tail=detail,
                builder=self.name,
                hint=_missing_image_hint(step.instruction),
            )
        errors = [ln for ln in parser.text_lines if ln.startswith("ERROR")]
        reason = errors[-1] if errors else (parser.text_lines[-1] if parser.text_lines else "")
        reason = scrub(reason.removeprefix("ERROR: "), secrets) or "buildx exited with an error"
        if not _engine_alive():
            return EngineError(f"the Docker engine stopped answering: {_one_line(reason)}")
        return BuildFailure(
            f"{where}: build failed: {_one_line(reason)}",
            log_tail=log_tail,
            builder=self.name,
        )


def _one_line(text: str, limit: int = 600) -> str:
    return keep_ends(text, limit)  # the end of a build error names what failed


def _base_images(parser: RawJsonParser) -> tuple[str, ...]:
    """Images named by FROM steps (``[stage-1 1/5] FROM docker.io/library/x:y@sha256:...``)."""
    bases: list[str] = []
    for step in parser.steps():
        if step.index is not None and step.instruction.upper().startswith("FROM "):
            ref = step.instruction.split()[1]
            if ref not in bases:
                bases.append(ref)
    return tuple(bases)


@functools.cache
def _buildx_version(docker: str) -> str | None:
    if shutil.which(docker) is None:
        return None
    try:
        proc = subprocess.run(
            [docker, "buildx", "version"], capture_output=True, text=True, timeout=15, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if proc.returncode != 0:
        return None
    parts = proc.stdout.split()
    return parts[1] if len(parts) >= 2 else proc.stdout.strip() or "unknown"


@functools.cache
def _builder_info(docker: str) -> tuple[str, str]:
    """(driver, BuildKit version) of the current buildx builder."""
    try:
        proc = subprocess.run(
            [docker, "buildx", "inspect"], capture_output=True, text=True, timeout=15, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return "unknown", "unknown"
    driver, buildkit = "unknown", "unknown"
    for line in proc.stdout.splitlines():
        key, _, value = line.partition(":")
        key = key.strip().lower()
        if key == "driver" and driver == "unknown":
            driver = value.strip()
        elif key == "buildkit version" or key == "buildkit":
            buildkit = value.strip()
    if buildkit.startswith("v0.0.0") and driver == "docker":
        buildkit = "built into the engine"
    return driver, buildkit


def _engine_version() -> str:
    from imgopt.engine.client import engine_version

    return engine_version()


def _engine_alive() -> bool:
    from imgopt.engine.client import engine_answers

    return engine_answers()


def stop_process(proc: subprocess.Popen[str]) -> None:
    """Stop a builder process: SIGTERM (buildx cancels the build), SIGKILL after 10 s."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def _lines_with_watchdog(proc: subprocess.Popen[str], request: BuildRequest) -> Iterator[str]:
    """buildx's progress lines, as long as the build makes progress.

    A build is hung when it prints nothing for :func:`~imgopt.engine.client.build_idle_timeout`
    seconds, or sooner when, while it is silent, the engine stops answering a ping.

    Raises:
        EngineError: the build is hung (buildx is left to the caller to stop).
    """
    from imgopt.engine.client import build_idle_timeout

    assert proc.stderr is not None
    lines: queue.Queue[str | None] = queue.Queue()
    stderr = proc.stderr

    def read() -> None:
        try:
            for line in stderr:
                lines.put(line)
        except (OSError, ValueError):
            pass  # the pipe closed under us: buildx is being stopped
        finally:
            lines.put(None)

    threading.Thread(target=read, name="imgopt-buildx-reader", daemon=True).start()
    limit = build_idle_timeout()
    ping_every = min(_PING_EVERY_S, limit)
    last = time.monotonic()
    while True:
        try:
            line = lines.get(timeout=ping_every)
        except queue.Empty:
            idle = time.monotonic() - last
            if not _engine_alive():
                raise EngineGone(
                    f"the Docker engine at {engine_address()} stopped answering during the build "
                    f"of {request.dockerfile_path} (no progress for {idle:.0f} s)",
                    hint="check the engine (`docker info`); the build was stopped",
                ) from None
            if idle >= limit:
                raise EngineError(
                    f"the build of {request.dockerfile_path} made no progress for {idle:.0f} s",
                    hint="a step that runs silently for longer can raise "
                    "IMGOPT_BUILD_IDLE_TIMEOUT (seconds)",
                ) from None
            continue
        if line is None:
            return
        last = time.monotonic()
        yield line


_LOAD_METADATA = "[internal] load metadata for "


def _missing_image_hint(instruction: str) -> str | None:
    if not instruction.startswith(_LOAD_METADATA):
        return None
    ref = instruction.removeprefix(_LOAD_METADATA).strip()
    short = ref.removeprefix("docker.io/library/").removeprefix("docker.io/")
    return (
        f"the base image {short} is not in the local engine and could not be pulled: "
        f"`docker pull {short}` where a registry is reachable, or build it locally "
        "(`make engine` builds the stand-ins of the official images)"
    )


__all__ = ["BuildKitBuilder", "parse_step_name"]
