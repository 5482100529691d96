"""A run's dependencies start once and are shared by the original's and every variant's checks
(issue 11: verification's own cost per variant), with fakes instead of containers."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

import pytest

from imgopt.engine import containers
from imgopt.engine.containers import ContainerState, Placement
from imgopt.verify import deps as deps_mod
from imgopt.verify.deps import (
    Dependencies,
    Dependency,
    DependencyError,
    Environment,
    app_in_place,
    shared_dependencies,
)

DB = Dependency(name="db", image="postgres:15", aliases=("db",))
DEPS = Dependencies(services=(DB,), env={"DATABASE_URL": "postgresql://db/app"}, aliases=("web",))


def placement_now() -> Placement | None:
    return containers._PLACEMENT.get()


@dataclass
class FakeContainer:
    running: bool = True

    def state(self) -> ContainerState:
        status = "running" if self.running else "exited"
        code = None if self.running else 137
        return ContainerState(
            status, self.running, code, oom_killed=False, killed_by_watchdog=False
        )

    def logs(self, tail: int = 5) -> str:
        return "database system is shut down\n"


@dataclass
class Starts:
    """What the fake start did: how often, and which of them were removed."""

    started: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)
    containers: list[FakeContainer] = field(default_factory=list)


@pytest.fixture
def starts(monkeypatch: pytest.MonkeyPatch) -> Starts:
    seen = Starts()

    def fake_start_all(
        deps: Dependencies, stack: contextlib.ExitStack, run_id: str, labels: object
    ) -> deps_mod._Started:
        n = len(seen.started)
        seen.started.append(n)
        stack.callback(seen.removed.append, n)
        container = FakeContainer()
        seen.containers.append(container)
        environment = Environment(
            network=f"net-{n}", env=dict(deps.env), aliases=deps.aliases, started=deps.names
        )
        return deps_mod._Started(deps, environment, {"db": container}, frozenset())  # type: ignore[dict-item]

    monkeypatch.setattr(deps_mod, "_start_all", fake_start_all)
    return seen


def test_without_sharing_each_check_starts_its_own_dependencies(starts: Starts) -> None:
    for _ in range(3):
        with app_in_place(DEPS, run_id="run-1") as environment:
            assert environment.started == ("db",)
    assert starts.started == [0, 1, 2] and starts.removed == [0, 1, 2]


def test_in_a_shared_run_they_start_once_and_are_removed_at_its_end(starts: Starts) -> None:
    with shared_dependencies("run-1"):
        networks = []
        for _ in range(4):  # the original's profile, then three variants
            with app_in_place(DEPS, run_id="run-1") as environment:
                networks.append(environment.network)
                placement = placement_now()
                assert placement is not None and placement.network == "net-0"
                assert placement.aliases == ("web",)
            assert placement_now() is None  # each check's app container is its own
        assert starts.removed == []  # still up between checks
    assert starts.started == [0] and networks == ["net-0"] * 4
    assert starts.removed == [0]


@pytest.mark.parametrize("error", [KeyboardInterrupt, RuntimeError])
def test_shared_dependencies_are_removed_on_interrupt_and_failure(
    starts: Starts, error: type[BaseException]
) -> None:
    with pytest.raises(error), shared_dependencies("run-1"):
        with app_in_place(DEPS, run_id="run-1"):
            pass
        raise error
    assert starts.removed == [0]


def test_a_dependency_that_stopped_between_checks_is_an_error_not_a_verdict(
    starts: Starts,
) -> None:
    with shared_dependencies("run-1"):
        with app_in_place(DEPS, run_id="run-1"):
            pass
        starts.containers[0].running = False
        with (
            pytest.raises(DependencyError, match=r"dependency db stopped .*shut down"),
            app_in_place(DEPS, run_id="run-1"),
        ):
            pytest.fail("the check must not run")
    assert starts.removed == [0]


def test_another_run_or_other_dependencies_are_not_shared(starts: Starts) -> None:
    other = Dependencies(services=(Dependency(name="cache", image="redis:7", aliases=()),))
    with shared_dependencies("run-1"):
        with app_in_place(DEPS, run_id="run-2"):
            pass  # another run's: started and removed around its block
        assert starts.removed == [0]
        for _ in range(2):
            with app_in_place(other, run_id="run-1"):
                pass
            with app_in_place(DEPS, run_id="run-1"):
                pass
    assert starts.started == [0, 1, 2] and sorted(starts.removed) == [0, 1, 2]


def test_an_app_without_dependencies_starts_nothing_and_gets_no_network() -> None:
    # The real start: with nothing to start it asks nothing of the engine.
    with shared_dependencies("run-1"), app_in_place(Dependencies(), run_id="run-1") as env:
        assert env.network is None and env.started == ()
        assert placement_now() == Placement(None, (), {})


def test_checks_in_the_bench_background_share_them(starts: Starts) -> None:
    """`imgopt analyze` verifies each variant in the bench's background thread: it must see the
    run's sharing, or every check starts (and removes) the database again."""
    import threading

    from imgopt.bench.overlap import Background

    background = Background(enabled=True)
    threads: list[str] = []

    def check() -> str:
        threads.append(threading.current_thread().name)
        with app_in_place(DEPS, run_id="run-1") as environment:
            return environment.network

    with shared_dependencies("run-1"):
        futures = [background.submit(check) for _ in range(3)]
        networks = [f.result(timeout=10) for f in futures]
        assert starts.removed == []  # still up for the next check
    background.stop(timeout=10)
    assert threading.current_thread().name not in threads  # the checks ran in the background
    assert starts.started == [0] and networks == ["net-0"] * 3
    assert starts.removed == [0]


def test_a_check_after_the_shared_scope_ended_starts_and_removes_its_own(starts: Starts) -> None:
    # A check still running when the run's scope ends (a failure in the main thread) must not
    # start containers into the scope's closed stack, where nothing would ever remove them.
    import contextvars

    with shared_dependencies("run-1"):
        with app_in_place(DEPS, run_id="run-1"):
            pass
        late = contextvars.copy_context()  # what a background job carries
    assert starts.removed == [0]

    def check() -> None:
        with app_in_place(DEPS, run_id="run-1"):
            assert starts.removed == [0]

    late.run(check)
    assert starts.started == [0, 1] and starts.removed == [0, 1]
