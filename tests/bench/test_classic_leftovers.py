"""Which images a classic build leaves behind, and which of them it removes: with fake streams.

The streams are the engine's own output (engine 26.1, ``docker.APIClient.build(decode=True)``),
shortened; the fake engine below refuses what the real one refuses (an image with children, one a
container uses). The real engine's side is in test_classic_stage_images.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from docker.errors import APIError, NotFound

from imgopt.engine.builders import BuildFailure, BuildRequest
from imgopt.engine.builders.classic import ClassicBuilder, created_images, remove_created_images
from imgopt.errors import Interrupted

BASE = "b3c91c5adaae"
# Two stages: `build` (2 steps run), then the final stage (COPY --from=build, CMD, and the LABEL
# step the classic builder appends for `labels=`).
TWO_STAGES = [
    "Step 1/7 : FROM debian:bookworm-slim AS build",
    f" ---> {BASE}",
    "Step 2/7 : RUN echo one > /one.txt",
    " ---> Running in 967ef66620ed",
    " ---> Removed intermediate container 967ef66620ed",
    " ---> 67f53d957a55",
    "Step 3/7 : RUN echo two > /two.txt",
    " ---> Running in 7fad8bc82210",
    " ---> Removed intermediate container 7fad8bc82210",
    " ---> 721b10dee23a",
    "Step 4/7 : FROM debian:bookworm-slim",
    f" ---> {BASE}",
    "Step 5/7 : COPY --from=build /two.txt /two.txt",
    " ---> 05b9d442f608",
    'Step 6/7 : CMD ["cat", "/two.txt"]',
    " ---> Running in d6834fd85c62",
    " ---> Removed intermediate container d6834fd85c62",
    " ---> e6ada45037ed",
    "Step 7/7 : LABEL imgopt.run=r1",
    " ---> Running in 295e99dc7d44",
    " ---> Removed intermediate container 295e99dc7d44",
    " ---> aba7bcb3cb55",
    "Successfully built aba7bcb3cb55",
]
STAGE_IMAGES = ["67f53d957a55", "721b10dee23a"]
FINAL_CHAIN = ["05b9d442f608", "e6ada45037ed", "aba7bcb3cb55"]


def full(short: str) -> str:
    return "sha256:" + short + "0" * (64 - len(short))


# ---------------------------------------------------------------------------------------------
# Reading the stream


def test_a_two_stage_build_names_the_images_it_committed_in_order() -> None:
    assert created_images(TWO_STAGES) == STAGE_IMAGES + FINAL_CHAIN


def test_base_images_containers_and_cache_hits_are_not_counted() -> None:
    lines = [
        "Step 1/4 : FROM debian:bookworm-slim AS deps",
        f" ---> {BASE}",
        "Step 2/4 : RUN apt-get update",
        " ---> Using cache",
        " ---> 111111111111",  # another build committed it
        "Step 3/4 : RUN make",
        " ---> Running in 222222222222",  # a container, not an image
        " ---> Removed intermediate container 222222222222",
        " ---> 333333333333",
        "Step 4/4 : ARG X",
        " ---> 111111111111",  # named again after a step that ran: still not ours
    ]
    assert created_images(lines) == ["333333333333"]


def test_a_stage_built_from_an_earlier_stage_keeps_that_stage_in_the_list() -> None:
    lines = [
        "Step 1/4 : FROM debian:bookworm-slim AS build",
        f" ---> {BASE}",
        "Step 2/4 : RUN make",
        " ---> 444444444444",
        "Step 3/4 : FROM build AS test",
        " ---> 444444444444",  # our own stage, named after a FROM
        "Step 4/4 : RUN make test",
        " ---> 555555555555",
    ]
    assert created_images(lines) == ["444444444444", "555555555555"]


def test_a_fully_cached_build_committed_nothing() -> None:
    cached = []
    for line in TWO_STAGES:
        if line.startswith(" ---> Running in") or "Removed intermediate" in line:
            continue
        if line.startswith(" ---> ") and BASE not in line:
            cached.append(" ---> Using cache")
        cached.append(line)
    assert created_images(cached) == []


# ---------------------------------------------------------------------------------------------
# A fake engine with the rules of the real one


def _response(status: int) -> requests.Response:
    r = requests.Response()
    r.status_code = status
    return r


class FakeAPI:
    """Images by full id with a parent and tags; refuses what the engine refuses."""

    def __init__(self, parents: dict[str, str | None], tags: dict[str, list[str]] | None = None):
        self.images = {full(s): (full(p) if p else None) for s, p in parents.items()}
        self.tags = {full(s): t for s, t in (tags or {}).items()}
        self.busy: dict[str, int] = {}  # full id -> refusals left ("used by running container")
        self.calls: list[tuple[str, str, dict[str, Any]]] = []
        self.chunks: list[dict[str, Any]] = []
        self.response = FakeResponse()
        self.broken_after: int | None = None  # the engine stops answering after N calls

    def _call(self, name: str, ref: str, **kw: Any) -> None:
        self.calls.append((name, ref, kw))
        if self.broken_after is not None and len(self.calls) > self.broken_after:
            raise requests.exceptions.ConnectionError("connection refused")

    def _find(self, ref: str) -> str:
        for image in self.images:
            if image.removeprefix("sha256:").startswith(ref.removeprefix("sha256:")):
                return image
        raise NotFound(f"No such image: {ref}", response=_response(404))

    def inspect_image(self, ref: str) -> dict[str, Any]:
        self._call("inspect", ref)
        image = self._find(ref)
        return {"Id": image, "RepoTags": self.tags.get(image) or None}

    def history(self, ref: str) -> list[dict[str, Any]]:
        self._call("history", ref)
        image: str | None = self._find(ref)
        out = []
        while image is not None:
            out.append({"Id": image})
            image = self.images.get(image)
        return [*out, {"Id": "<missing>"}]

    def remove_image(self, ref: str, force: bool = False, noprune: bool = False) -> None:
        self._call("remove", ref, force=force, noprune=noprune)
        image = self._find(ref)
        if any(parent == image for parent in self.images.values()):
            raise APIError("conflict", _response(409), "image has dependent child images")
        if self.busy.get(image):
            self.busy[image] -= 1
            raise APIError("conflict", _response(409), "image is being used by running container")
        del self.images[image]

    def build(self, **kw: Any) -> Iterator[dict[str, Any]]:
        return _stream(self.chunks, self.response)

    def removed(self) -> list[str]:
        return [ref for name, ref, _ in self.calls if name == "remove" and ref not in self.images]


class FakeResponse:
    closed = False

    def close(self) -> None:
        self.closed = True


def _stream(chunks: list[dict[str, Any]], response: FakeResponse) -> Iterator[dict[str, Any]]:
    # like docker-py's: the generator's frame holds the HTTP response as `response`
    yield from chunks


class FakeClient:
    def __init__(self, api: FakeAPI) -> None:
        self.api = api


def _two_stage_engine() -> FakeAPI:
    """The images TWO_STAGES left: the base (tagged), the build stage, the final stage."""
    return FakeAPI(
        {
            BASE: None,
            "67f53d957a55": BASE,
            "721b10dee23a": "67f53d957a55",
            "05b9d442f608": BASE,
            "e6ada45037ed": "05b9d442f608",
            "aba7bcb3cb55": "e6ada45037ed",
        },
        tags={BASE: ["debian:bookworm-slim"]},
    )


# ---------------------------------------------------------------------------------------------
# Removing


def test_the_stage_images_go_newest_first_and_the_final_chain_stays() -> None:
    api = _two_stage_engine()
    removed = remove_created_images(
        FakeClient(api), created_images(TWO_STAGES), full("aba7bcb3cb55")
    )
    assert removed == [full("721b10dee23a"), full("67f53d957a55")]
    assert set(api.images) == {full(s) for s in [BASE, *FINAL_CHAIN]}
    removals = [kw for name, _, kw in api.calls if name == "remove"]
    assert removals and all(kw == {"force": False, "noprune": True} for kw in removals)


def test_tagged_images_and_images_with_children_stay() -> None:
    api = _two_stage_engine()
    api.tags[full("721b10dee23a")] = ["mine:latest"]  # someone tagged the stage meanwhile
    removed = remove_created_images(FakeClient(api), STAGE_IMAGES, full("aba7bcb3cb55"))
    # the tagged one is never asked for; its parent is refused by the engine (it has a child)
    assert removed == []
    assert ("remove", full("721b10dee23a"), {"force": False, "noprune": True}) not in api.calls
    assert {full("721b10dee23a"), full("67f53d957a55")} <= set(api.images)


def test_an_image_a_cancelled_step_still_uses_is_asked_for_again() -> None:
    api = _two_stage_engine()
    api.busy[full("721b10dee23a")] = 2
    removed = remove_created_images(FakeClient(api), STAGE_IMAGES, None, wait_s=5)
    assert removed == [full("721b10dee23a"), full("67f53d957a55")]


def test_an_image_still_in_use_after_the_wait_stays_and_so_do_its_parents() -> None:
    api = _two_stage_engine()
    api.busy[full("721b10dee23a")] = 10**6
    assert remove_created_images(FakeClient(api), STAGE_IMAGES, None, wait_s=0) == []
    assert {full("721b10dee23a"), full("67f53d957a55")} <= set(api.images)


def test_an_engine_that_stops_answering_ends_the_removal_quietly() -> None:
    api = _two_stage_engine()
    api.broken_after = 2  # history and the first inspect answer
    assert remove_created_images(FakeClient(api), STAGE_IMAGES, full("aba7bcb3cb55")) == []


# ---------------------------------------------------------------------------------------------
# Through ClassicBuilder.build, as imgopt runs it


def _chunks(
    lines: list[str], *, final: str | None, error: str | None = None
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = [{"stream": line + "\n"} for line in lines]
    if final is not None:
        out.append({"aux": {"ID": full(final)}})
    if error is not None:
        out.append({"error": error, "errorDetail": {"message": error}})
    return out


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> FakeAPI:
    api = _two_stage_engine()
    client = FakeClient(api)
    monkeypatch.setattr(ClassicBuilder, "_client", lambda self: client)
    monkeypatch.setattr(ClassicBuilder, "_cleanup_client", lambda self: client)
    monkeypatch.setattr("imgopt.engine.client.engine_version", lambda: "26.1.5")
    return api


@pytest.fixture
def request_(tmp_path: Path) -> BuildRequest:
    (tmp_path / "Dockerfile").write_text("FROM debian:bookworm-slim\n")
    return BuildRequest(context=tmp_path, labels={"imgopt.run": "r1"})


def test_a_successful_build_removes_its_stage_images_only(
    engine: FakeAPI, request_: BuildRequest
) -> None:
    engine.chunks = _chunks(TWO_STAGES, final="aba7bcb3cb55")
    result = ClassicBuilder().build(request_)
    assert result.image_id == full("aba7bcb3cb55")
    assert set(engine.images) == {full(s) for s in [BASE, *FINAL_CHAIN]}


def test_a_single_stage_build_asks_the_engine_nothing_more(
    engine: FakeAPI, request_: BuildRequest
) -> None:
    one_stage = [TWO_STAGES[0], TWO_STAGES[1], *TWO_STAGES[2:6]]
    engine.chunks = _chunks(one_stage, final="67f53d957a55")
    ClassicBuilder().build(request_)
    assert engine.calls == []


def test_a_failed_build_removes_every_image_it_committed(
    engine: FakeAPI, request_: BuildRequest
) -> None:
    # the final stage's COPY failed: the build stage and nothing else was committed
    del engine.images[full("aba7bcb3cb55")], engine.images[full("e6ada45037ed")]
    del engine.images[full("05b9d442f608")]
    lines = [*TWO_STAGES[:12], "Step 5/7 : COPY --from=build /nope /nope"]
    engine.chunks = _chunks(lines, final=None, error="COPY failed: no such file")
    with pytest.raises(BuildFailure, match="COPY --from=build"):
        ClassicBuilder().build(request_)
    assert set(engine.images) == {full(BASE)}


def test_an_interrupted_build_is_cancelled_then_cleaned_up(
    engine: FakeAPI, request_: BuildRequest
) -> None:
    engine.chunks = _chunks(TWO_STAGES[:16], final=None)  # stopped during the final stage
    engine.busy[full("05b9d442f608")] = 1  # the cancelled step's container lets go late
    for image in ("aba7bcb3cb55", "e6ada45037ed"):
        del engine.images[full(image)]

    def stop(step: Any, done: int, total: int) -> None:
        if step.instruction.startswith("COPY"):
            raise Interrupted(15)

    with pytest.raises(Interrupted):
        ClassicBuilder().build(request_, on_step=stop)
    assert engine.response.closed
    assert set(engine.images) == {full(BASE)}


def test_a_callback_that_fails_leaves_no_image_either(
    engine: FakeAPI, request_: BuildRequest
) -> None:
    engine.chunks = _chunks(TWO_STAGES[:12], final=None)  # the build stage, then the callback
    for image in ("aba7bcb3cb55", "e6ada45037ed", "05b9d442f608"):
        del engine.images[full(image)]

    def broken(step: Any, done: int, total: int) -> None:
        if done == 3:
            raise RuntimeError("a bug in a progress display")

    with pytest.raises(RuntimeError):
        ClassicBuilder().build(request_, on_step=broken)
    assert engine.response.closed
    assert set(engine.images) == {full(BASE)}
