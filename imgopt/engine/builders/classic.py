"""The classic (pre-BuildKit) builder through the docker SDK: the fallback when buildx is missing.

The engine streams ``Step N/M : INSTRUCTION`` lines and `` ---> Using cache`` markers; a step's
duration is the time between its line and the next one. The classic builder knows neither secret
mounts nor extra build contexts, so a request that needs them is refused rather than built
differently from what was asked.
"""

from __future__ import annotations

import contextlib
import re
import time
from typing import Any

from imgopt.engine.builders.base import (
    BuildFailure,
    BuildRequest,
    BuildResult,
    BuildStep,
    ProgressCallback,
    rejected_dockerfile,
    scrub,
    tail,
)
from imgopt.errors import EngineError, InputError, classify, engine_reason

_STEP = re.compile(r"^Step (?P<index>\d+)/(?P<total>\d+) : (?P<text>.*)$")


class ClassicBuilder:
    """Build with the engine's classic builder (``DOCKER_BUILDKIT=0`` semantics)."""

    name = "classic"

    def available(self) -> bool:
        """Whether an engine answers (the classic builder is part of every engine)."""
        try:
            self._client()
        except EngineError:
            return False
        return True

    def version(self) -> str:
        """The classic builder is versioned with the engine."""
        from imgopt.engine.client import engine_version

        return f"classic builder of engine {engine_version()}"

    def _client(self) -> Any:
        from imgopt.engine.client import build_idle_timeout, get_client

        # A step may run silently for a long time: the read deadline is the build's idle limit
        # (progress, not the whole build), not the 60 s of other calls.
        return get_client(timeout=build_idle_timeout())

    def build(
        self, request: BuildRequest, *, on_step: ProgressCallback | None = None
    ) -> BuildResult:
        """Run the build; see :class:`~imgopt.engine.builders.base.Builder`."""
        from docker.errors import APIError, DockerException

        from imgopt.engine.client import build_idle_timeout, engine_version

        request.check()
        if request.secrets:
            raise InputError(
                "secret mounts need BuildKit; the classic builder cannot pass them",
                hint="install docker-buildx",
            )
        if request.build_contexts:
            raise InputError("--build-context needs BuildKit; the classic builder has none")
        secrets = request.secret_values()
        client = self._client()
        dockerfile = request.dockerfile_path.resolve()
        context = request.context.resolve()
        try:
            rel = str(dockerfile.relative_to(context))
        except ValueError:
            rel = str(dockerfile)  # outside the context: the SDK adds it to the context tar
        started = time.perf_counter()
        steps: list[BuildStep] = []
        current: dict[str, Any] | None = None
        log: list[str] = []
        image_id = ""
        error: str | None = None

        def finish(now: float) -> None:
            nonlocal current
            if current is None:
                return
            step = BuildStep(
                name=f"Step {current['index']}/{current['total']} : {current['text']}",
                instruction=current["text"],
                stage=None,
                index=current["index"],
                total=current["total"],
                cached=current["cached"],
                seconds=0.0 if current["cached"] else now - current["start"],
                error=current.get("error"),
            )
            steps.append(step)
            if on_step is not None:
                on_step(step, len(steps), current["total"])
            current = None

        try:
            stream = client.api.build(
                path=str(context),
                dockerfile=rel,
                tag=request.tag,
                buildargs=dict(request.build_args) or None,
                target=request.target,
                labels=dict(request.labels) or None,
                nocache=request.no_cache,
                timeout=build_idle_timeout(),  # docker-py's default here is no deadline at all
                rm=True,
                forcerm=True,
                decode=True,
            )
            for chunk in stream:
                now = time.perf_counter()
                if "error" in chunk:
                    error = str(chunk.get("error") or chunk.get("errorDetail", {}).get("message"))
                    if current is not None:
                        current["error"] = error
                    continue
                aux = chunk.get("aux")
                if isinstance(aux, dict) and aux.get("ID"):
                    image_id = str(aux["ID"])
                text = chunk.get("stream")
                if not isinstance(text, str):
                    continue
                for line in text.splitlines():
                    m = _STEP.match(line.strip())
                    if m:
                        finish(now)
                        current = {
                            "index": int(m.group("index")),
                            "total": int(m.group("total")),
                            "text": m.group("text"),
                            "start": now,
                            "cached": False,
                        }
                    elif line.strip() == "---> Using cache" and current is not None:
                        current["cached"] = True
                    log.append(line)
            now = time.perf_counter()
            if error is None or current is not None:
                finish(now)
        except (APIError, DockerException) as exc:
            from imgopt.engine.builders.buildkit import _engine_alive

            if not _engine_alive():
                _close_request_body(exc)
                raise EngineError("the Docker engine stopped answering during a build") from exc
            error = str(exc)
        except Exception as exc:  # requests', urllib3's and socket errors: a stream cut or idle
            err = classify(exc)
            if err is None:
                raise
            _close_request_body(exc)
            raise EngineError(
                f"the Docker engine stopped answering during the build of "
                f"{request.dockerfile_path}: {engine_reason(exc)}",
                hint=err.hint,
            ) from exc
        seconds = time.perf_counter() - started
        log_tail = scrub(tail(log), secrets)
        if error is not None:
            rejected = rejected_dockerfile(error, request.dockerfile_path)
            if rejected is not None:
                raise rejected
        if error is not None or not image_id:
            failed = next((s for s in steps if s.error), steps[-1] if steps else None)
            reason = " ".join(scrub(error or "no image id reported", secrets).split())
            where = request.dockerfile_path
            if failed is not None:
                message = f"{where}: build failed at step `{failed.instruction}`: {reason}"
            else:
                message = f"{where}: build failed: {reason}"
            raise BuildFailure(
                message,
                step=failed.instruction if failed else None,
                log_tail=log_tail,
                builder=self.name,
            )
        bases = tuple(
            s.instruction.split()[1] for s in steps if s.instruction.upper().startswith("FROM ")
        )
        return BuildResult(
            image_id=image_id,
            builder=self.name,
            builder_version=self.version(),
            engine_version=engine_version(),
            seconds=seconds,
            steps=tuple(steps),
            log_tail=log_tail,
            base_images=bases,
        )


def _close_request_body(exc: BaseException) -> None:
    """Close the build context's temp tar that the SDK leaves open when its request fails.

    The failed request (kept by the exception) holds the file; closed now, it is removed while
    its folder still exists, instead of by a finalizer at exit that would print an error once
    imgopt's temp folder (:mod:`imgopt.tempdirs`) is gone.
    """
    body = getattr(getattr(exc, "request", None), "body", None)
    close = getattr(body, "close", None)
    if callable(close):
        with contextlib.suppress(OSError):
            close()
