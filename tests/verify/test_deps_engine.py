"""compose-tutorial's web service verified in its place (issue 11): it fails without its database,
also when the database is stopped, and passes with it started; nothing is left behind."""

from __future__ import annotations

import contextlib
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from _engine_helpers import built_image
from _volumes import no_anonymous_volume_left

from imgopt.engine.containers import MountSpec
from imgopt.verify import load_spec, run_smoke
from imgopt.verify.deps import app_in_place, find_dependencies

pytestmark = pytest.mark.engine

APP = Path(__file__).resolve().parents[2] / "sample_apps" / "compose-tutorial"
RUN_ID = f"test-deps-{uuid.uuid4().hex[:8]}"
LABELS = {"imgopt.test": "1"}


def _by_label(kind: str, *filters: str) -> list[str]:
    argv = ["docker", kind, "ls"] if kind != "container" else ["docker", "ps", "-a"]
    args = [f"--filter=label={f}" for f in (f"imgopt.run={RUN_ID}", *filters)]
    out = subprocess.run([*argv, "-q", *args], capture_output=True, text=True, check=True)
    return out.stdout.split()


@pytest.fixture(autouse=True)
def no_volume_left() -> Iterator[None]:
    """A dependency's image declares VOLUME (postgres): its anonymous volume goes with it."""
    with no_anonymous_volume_left(f"run {RUN_ID}"):
        yield


@pytest.fixture(scope="module")
def web() -> Iterator[str]:
    with built_image(APP, "compose-web") as tag:
        yield tag


def test_web_needs_its_database_and_nothing_is_left_behind(web: str) -> None:
    spec = load_spec(APP / "smoke.toml")
    deps = find_dependencies(APP, APP / "Dockerfile", spec.services)
    assert deps.names == ("db",) and deps.aliases == ("web",)

    alone = run_smoke(web, spec, run_id=RUN_ID, labels=LABELS)
    assert not alone.passed
    assert alone.reason is not None and alone.reason.startswith("note through the database: ")

    with app_in_place(deps, run_id=RUN_ID, labels=LABELS) as environment:
        assert environment.started == ("db",) and environment.network is not None
        assert len(_by_label("network")) == 1 and len(_by_label("volume")) == 1
        placed = run_smoke(web, spec, run_id=RUN_ID, labels=LABELS)
        assert placed.passed, f"{placed.reason}\n{placed.log_tail}"
        assert placed.check("note through the database").body == "note: stored in postgres\n"

        (db,) = _by_label("container", "imgopt.dependency=db")
        subprocess.run(["docker", "stop", "-t", "5", db], capture_output=True, check=True)
        stopped = run_smoke(web, spec, run_id=RUN_ID, labels=LABELS)
        assert not stopped.passed
        assert stopped.check("note through the database").status == 500
        assert stopped.check("health").passed  # the app itself still runs

    assert _by_label("container") == []
    assert _by_label("network") == []
    assert _by_label("volume") == []


@pytest.mark.parametrize("error", [KeyboardInterrupt, RuntimeError])
def test_everything_is_removed_on_interrupt_and_failure(error: type[BaseException]) -> None:
    from imgopt.verify.deps import Dependencies, Dependency

    sleeper = Dependency(
        name="cache",
        image="debian:bookworm-slim",
        aliases=("cache",),
        command=("sleep", "600"),
        volumes=("data",),
        mounts=(MountSpec("/data", "volume", "data"),),
    )
    with (
        pytest.raises(error),
        app_in_place(Dependencies(services=(sleeper,)), run_id=RUN_ID, labels=LABELS),
    ):
        assert len(_by_label("container")) == 1 and len(_by_label("volume")) == 1
        raise error()
    assert (_by_label("container"), _by_label("network"), _by_label("volume")) == ([], [], [])


def test_a_missing_dependency_image_is_a_clear_failure_that_leaves_nothing() -> None:
    from imgopt.verify.deps import Dependencies, Dependency, DependencyError

    missing = Dependency(name="db", image="imgopt-test/no-such-image:0", aliases=("db",))
    with (
        pytest.raises(
            DependencyError,
            match="dependency db: image imgopt-test/no-such-image:0 is not in the engine",
        ),
        app_in_place(Dependencies(services=(missing,)), run_id=RUN_ID, labels=LABELS),
    ):
        pass
    assert (_by_label("container"), _by_label("network"), _by_label("volume")) == ([], [], [])


def test_a_dependency_built_from_source_is_built_once_per_run_and_removed_with_it(
    tmp_path: Path,
) -> None:
    from imgopt.engine.containers import RUN_LABEL
    from imgopt.engine.images import images_with_label, remove_images

    tiny = Path(__file__).resolve().parent / "tiny"
    (tmp_path / "web").mkdir()
    (tmp_path / "web" / "Dockerfile").write_text("FROM scratch\n")
    (tmp_path / "compose.yaml").write_text(
        "services:\n  web:\n    build: web\n    depends_on: [helper]\n"
        f"  helper:\n    build: {tiny}\n"
    )
    deps = find_dependencies(tmp_path / "web", tmp_path / "web" / "Dockerfile")
    (helper,) = deps.services
    assert helper.build is not None and helper.image.startswith("imgopt-dep/")
    try:
        for _ in range(2):  # the second time, the image built the first time is used
            with app_in_place(deps, run_id=RUN_ID, labels=LABELS) as environment:
                assert environment.started == ("helper",)
        built = images_with_label(RUN_LABEL, RUN_ID)
        assert len(built) == 1
    finally:
        remove_images(images_with_label(RUN_LABEL, RUN_ID))
    assert _by_label("container") == [] and images_with_label(RUN_LABEL, RUN_ID) == []


@pytest.mark.parametrize("error", [None, KeyboardInterrupt, RuntimeError])
def test_a_shared_run_starts_its_dependencies_once_and_removes_them_however_it_ends(
    error: type[BaseException] | None,
) -> None:
    """What `imgopt analyze` does (verify.deps.shared_dependencies): the original's profile and
    each variant's check reuse one started dependency; the run's end removes it."""
    from imgopt.verify.deps import Dependencies, Dependency, shared_dependencies

    sleeper = Dependency(
        name="cache",
        image="debian:bookworm-slim",
        aliases=("cache",),
        command=("sleep", "600"),
        volumes=("data",),
        mounts=(MountSpec("/data", "volume", "data"),),
    )
    deps = Dependencies(services=(sleeper,))
    seen: list[list[str]] = []
    with contextlib.suppress(KeyboardInterrupt, RuntimeError), shared_dependencies(RUN_ID):
        for _ in range(3):  # the original, then two variants
            with app_in_place(deps, run_id=RUN_ID, labels=LABELS) as environment:
                assert environment.started == ("cache",)
                seen.append(_by_label("container", "imgopt.dependency=cache"))
        assert len(_by_label("network")) == 1 and len(_by_label("volume")) == 1
        if error is not None:
            raise error()
    assert len(seen[0]) == 1 and seen == [seen[0]] * 3  # one container, the same each time
    assert (_by_label("container"), _by_label("network"), _by_label("volume")) == ([], [], [])


def test_checks_in_the_bench_background_reuse_the_started_dependency() -> None:
    """`imgopt analyze` runs the original's profile and each variant's check in the bench's
    background thread (imgopt.bench.overlap): they must find the run's started dependency, not
    start (and remove) one of their own each time."""
    from imgopt.bench.overlap import Background
    from imgopt.verify.deps import Dependencies, Dependency, shared_dependencies

    sleeper = Dependency(
        name="cache", image="debian:bookworm-slim", aliases=("cache",), command=("sleep", "600")
    )
    deps = Dependencies(services=(sleeper,))
    background = Background(enabled=True)

    def check() -> list[str]:
        with app_in_place(deps, run_id=RUN_ID, labels=LABELS) as environment:
            assert environment.started == ("cache",)
            return _by_label("container", "imgopt.dependency=cache")

    try:
        with shared_dependencies(RUN_ID):
            seen = [background.submit(check).result(timeout=120) for _ in range(3)]
            assert len(_by_label("network")) == 1
    finally:
        background.stop(timeout=60)
    assert len(seen[0]) == 1 and seen == [seen[0]] * 3  # one container, the same each time
    assert (_by_label("container"), _by_label("network")) == ([], [])
