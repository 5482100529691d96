"""The classic (pre-BuildKit) builder through the docker SDK: the fallback when buildx is missing.

The engine streams ``Step N/M : INSTRUCTION`` lines and `` ---> Using cache`` markers; a step's
duration is the time between its line and the next one. The classic builder knows neither secret
mounts nor extra build contexts, so a request that needs them is refused rather than built
differently from what was asked.

Intermediate stages: the classic builder commits an image for every step it runs and keeps them as
its cache. Those of the final stage are the final image's parents and go with it, but the last
image of every other stage is left untagged and childless (a dangling image, moby/moby#34151), and
``labels=`` marks only the final image, so a cleanup by the ``imgopt.run`` label never finds it.
After a build, successful, failed or interrupted, :func:`created_images` reads from the build's
output which images this build committed (the id after a step that was neither a ``FROM`` nor a
``---> Using cache``) and :func:`remove_created_images` removes those the final image does not
stand on, never by force: an image that is tagged, has children or is used by a container stays.
Images named only after a ``FROM`` or a cache hit (base images, another build's cache) are never
touched. As moby's maintainers note for any such removal (moby/moby#34513), another classic build
that happens to reuse one of these images from the cache at the same moment can lose it. The
cost: those images are also the classic builder's cache, so a later build of the same Dockerfile
(a warm rebuild) would run the other stages' steps again instead of taking them from the cache.
A bench run therefore holds them (:meth:`ClassicBuilder.hold_stage_images`) until it ends, and
removes them with its own images.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Iterable, Sequence
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
from imgopt.interrupts import shielded

_STEP = re.compile(r"^Step (?P<index>\d+)/(?P<total>\d+) : (?P<text>.*)$")
# " ---> 3f2a9c1b7d4e": the image a step left (not " ---> Running in <container>").
_IMAGE = re.compile(r"^---> (?P<id>[0-9a-f]{12,64})$")
#: Seconds to wait for the engine to let go of an image a cancelled step's container still uses.
RELEASE_WAIT_S = 10.0


class ClassicBuilder:
    """Build with the engine's classic builder (``DOCKER_BUILDKIT=0`` semantics)."""

    name = "classic"

    def __init__(self) -> None:
        # (build output, final image) of successful builds whose stage images are held back
        self._held: list[tuple[tuple[str, ...], str]] | None = None

    def hold_stage_images(self) -> None:
        """Keep the intermediate stages' images of successful builds until
        :meth:`release_stage_images`: they are the classic builder's cache of those stages, so a
        warm rebuild of the same Dockerfile within a bench run takes them from it, as it would
        with BuildKit. Failed and interrupted builds still clean up at once."""
        if self._held is None:
            self._held = []

    def release_stage_images(self) -> None:
        """Remove the stage images held since :meth:`hold_stage_images` (newest build first),
        by the same rules as after each build; holding stops."""
        held, self._held = self._held or [], None
        for log, final in reversed(held):
            self._remove_leftovers(log, final, None)

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
        stream: Any = None

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
        except KeyboardInterrupt:  # Ctrl-C, SIGTERM, SIGHUP (imgopt.interrupts)
            self._remove_leftovers(log, None, stream)
            raise
        except (APIError, DockerException) as exc:
            from imgopt.engine.builders.buildkit import _engine_alive

            if not _engine_alive():
                _close_request_body(exc)
                raise EngineError("the Docker engine stopped answering during a build") from exc
            error = str(exc)
        except Exception as exc:  # requests', urllib3's and socket errors: a stream cut or idle
            err = classify(exc)
            if err is None:  # not the engine's doing (a bug, an on_step that failed)
                self._remove_leftovers(log, None, stream)
                raise
            _close_request_body(exc)
            raise EngineError(
                f"the Docker engine stopped answering during the build of "
                f"{request.dockerfile_path}: {engine_reason(exc)}",
                hint=err.hint,
            ) from exc
        seconds = time.perf_counter() - started
        log_tail = scrub(tail(log), secrets)
        if error is not None or not image_id:
            self._remove_leftovers(log, None, stream)
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
        if len(bases) > 1 and self._held is not None:
            self._held.append((tuple(log), image_id))
        elif len(bases) > 1:  # a single stage's images are all the final image's parents
            self._remove_leftovers(log, image_id, None)
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

    def _cleanup_client(self) -> Any:
        from imgopt.engine.client import get_client

        return get_client()  # removals have the ordinary deadline, not a build's

    def _remove_leftovers(self, log: Sequence[str], final: str | None, stream: Any) -> None:
        """Remove what this build committed and nothing stands on (see the module's doc).

        ``final`` is the image built (None for a failed or interrupted build, which leaves none);
        ``stream`` the build's response, closed first so the engine cancels an unfinished build.
        Stop signals are held back meanwhile (:func:`~imgopt.interrupts.shielded`), and the engine
        calls have their ordinary deadline, so a second Ctrl-C neither cuts this short nor waits
        long. Never raises for the engine: the build's outcome is what the caller needs.
        """
        with shielded():
            if stream is not None:
                _close_stream(stream)
            created = created_images(log)
            if not created:
                return
            try:
                client = self._cleanup_client()
            except EngineError:
                return
            remove_created_images(client, created, final)


def created_images(lines: Iterable[str]) -> list[str]:
    """The images a classic build committed, as its output names them (short ids, in order).

    An id counts when the first line naming it follows a step that ran: not a ``FROM`` (its id is
    the base image or an earlier stage's image) and not a step that printed ``---> Using cache``
    (its id is an image some earlier build committed and may share). The first mention decides,
    so ``FROM build AS test`` naming this build's own ``build`` stage keeps it in the list, and a
    step that committed nothing new (naming its parent again) never adds a base image.

    Example:
        >>> created_images(["Step 1/2 : FROM debian", " ---> 1111aaaa2222",
        ...                 "Step 2/2 : RUN make", " ---> Running in 3333bbbb4444",
        ...                 " ---> 5555cccc6666", "Successfully built 5555cccc6666"])
        ['5555cccc6666']
    """
    created: dict[str, None] = {}
    seen: set[str] = set()
    ran = False
    for raw in lines:
        line = raw.strip()
        step = _STEP.match(line)
        if step is not None:
            ran = not step.group("text").upper().startswith("FROM ")
            continue
        if line == "---> Using cache":
            ran = False
            continue
        image = _IMAGE.match(line)
        if image is None:
            continue
        short = image.group("id")[:12]
        if short not in seen and ran:
            created[short] = None
        seen.add(short)
    return list(created)


def remove_created_images(
    client: Any, created: Sequence[str], final: str | None, *, wait_s: float = RELEASE_WAIT_S
) -> list[str]:
    """Remove the images of ``created`` (short ids, oldest first) that nothing else needs.

    Newest first, one at a time, never forced and without pruning parents (``noprune``): a parent
    goes only when it is itself in ``created``. Kept: ``final`` and every image it stands on, any
    image with a tag, and any image the engine refuses to remove (it has children or a container
    uses it). An image a cancelled step's container still uses is asked for again for up to
    ``wait_s`` seconds, while the engine removes that container. Stops at the first sign of an
    engine in trouble.

    Returns:
        The full ids removed.
    """
    from docker.errors import APIError, DockerException, NotFound

    removed: list[str] = []
    deadline = time.monotonic() + wait_s
    try:
        keep = _image_chain(client, final) if final else set()
        order = list(reversed(created))
        i = 0
        while i < len(order):
            short = order[i]
            try:
                info = client.api.inspect_image(short)
                full = str(info.get("Id", ""))
                tags = [t for t in info.get("RepoTags") or () if t != "<none>:<none>"]
                if full.removeprefix("sha256:").startswith(short) and full not in keep and not tags:
                    client.api.remove_image(full, force=False, noprune=True)
                    removed.append(full)
            except NotFound:
                pass  # gone already
            except APIError as exc:
                # "image is being used by running container ...": the cancelled step's, most
                # likely, which the engine is removing; any other refusal keeps the image.
                in_use = exc.status_code == 409 and "container" in str(exc.explanation or "")
                if in_use and time.monotonic() < deadline:
                    time.sleep(0.5)
                    continue  # the same image once more
            i += 1
    except Exception as exc:
        if not isinstance(exc, DockerException) and classify(exc) is None:
            raise
    return removed


def _image_chain(client: Any, image: str) -> set[str]:
    """``image`` and the local images it stands on (its parents, as its history names them)."""
    from docker.errors import NotFound

    chain = {image}
    with contextlib.suppress(NotFound):
        chain.update(str(h.get("Id")) for h in client.api.history(image) if h.get("Id"))
    chain.discard("<missing>")
    return chain


def _close_stream(stream: Any) -> None:
    """Close a build's response: the engine then cancels the build and removes its container.

    docker-py's build stream is a generator holding the HTTP response in its frame and closing
    nothing itself; closing only the generator would leave the connection open, and the build
    running, until the garbage collector found it.
    """
    frame = getattr(stream, "gi_frame", None)
    response = frame.f_locals.get("response") if frame is not None else None
    with contextlib.suppress(Exception):
        if response is not None:
            response.close()
    with contextlib.suppress(Exception):
        stream.close()


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
