"""Measuring and verifying beside the builds (imgopt.bench.overlap), with fakes, no engine.

The runner's seams are faked: the builder (a build takes a few milliseconds and returns an image
id), the measurement (:meth:`BenchRun._measurement`, which can be slowed down, fail, or block),
and the engine calls of the cleanup. What is pinned: the rows come out in the same order with and
without overlap; a measurement does run while the next build runs; a failure in the background
stops the run in the main thread; Ctrl-C while a measurement runs writes every complete row,
waits for the running job and leaves nothing running; a job never finished is left out, and the
rows after it are still written.
"""

from __future__ import annotations

import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from imgopt.bench import runner as runner_mod
from imgopt.bench.overlap import Background, OrderedRows
from imgopt.bench.results import load_run
from imgopt.bench.runner import BenchOptions, BenchRun, QuietObserver, make_variants
from imgopt.engine.builders import BuildResult
from imgopt.errors import EngineError

# -- OrderedRows -------------------------------------------------------------------------------


def test_rows_are_written_in_slot_order_whatever_fills_first() -> None:
    written: list[Any] = []
    rows = OrderedRows(written.extend)
    a, b, c = rows.reserve(), rows.reserve(), rows.reserve()
    rows.fill(c, [{"n": "c"}])
    rows.fill(b, [{"n": "b1"}, {"n": "b2"}])
    assert written == []
    rows.fill(a, [{"n": "a"}])
    assert [r["n"] for r in written] == ["a", "b1", "b2", "c"]
    assert rows.pending == 0


def test_an_abandoned_slot_lets_the_next_ones_through() -> None:
    written: list[Any] = []
    rows = OrderedRows(written.extend)
    a, b = rows.reserve(), rows.reserve()
    rows.fill(b, [{"n": "b"}])
    rows.abandon(a)
    assert [r["n"] for r in written] == ["b"]


def test_flush_writes_an_open_slots_default() -> None:
    written: list[Any] = []
    rows = OrderedRows(written.extend)
    rows.reserve(default=[{"n": "without pushed bytes"}])
    b = rows.reserve(default=[{"n": "unused"}])
    rows.fill(b, [{"n": "b"}])
    assert rows.flush() == 0
    assert [r["n"] for r in written] == ["without pushed bytes", "b"]


def test_flush_writes_what_is_complete_and_counts_what_is_not() -> None:
    written: list[Any] = []
    rows = OrderedRows(written.extend)
    a, b, c = rows.reserve(), rows.reserve(), rows.reserve()
    rows.fill(b, [{"n": "b"}])
    rows.fill(c, [{"n": "c"}])
    assert rows.flush() == 1  # slot a never finished
    assert [r["n"] for r in written] == ["b", "c"]
    with pytest.raises(ValueError):
        rows.fill(a, [{"n": "late"}])  # a flushed slot is closed


def test_a_slot_is_filled_once() -> None:
    rows = OrderedRows(lambda batch: None)
    a = rows.reserve()
    rows.reserve()
    rows.fill(a, [])
    with pytest.raises(ValueError):
        rows.fill(a, [])
    with pytest.raises(ValueError):
        rows.fill(7, [])


# -- Background --------------------------------------------------------------------------------


def test_disabled_background_runs_now_and_raises_now() -> None:
    bg = Background(enabled=False)
    seen: list[str] = []
    bg.submit(lambda: seen.append("ran"))
    assert seen == ["ran"]

    def boom() -> None:
        raise EngineError("gone")

    with pytest.raises(EngineError):
        bg.submit(boom)


def test_jobs_run_one_at_a_time_in_order() -> None:
    bg = Background(enabled=True)
    seen: list[int] = []
    running = []

    def job(i: int) -> Callable[[], None]:
        def run() -> None:
            running.append(1)
            assert len(running) == 1  # never two at once
            time.sleep(0.01)
            seen.append(i)
            running.pop()

        return run

    for i in range(5):
        bg.submit(job(i))
    bg.wait(5.0, lambda: AssertionError("timed out"))
    assert seen == [0, 1, 2, 3, 4]
    assert not bg.busy
    assert bg.job_seconds >= 0.05  # five jobs of 10 ms, timed in the background
    assert 0 < bg.waited_seconds <= bg.job_seconds + 1


def test_a_failed_job_is_raised_in_the_caller() -> None:
    bg = Background(enabled=True)

    def boom() -> None:
        raise EngineError("the engine went away")

    f: Future[None] = bg.submit(boom)
    f.exception(timeout=5)
    with pytest.raises(EngineError, match="went away"):
        bg.raise_failed()
    bg.raise_failed()  # raised once, then forgotten
    bg.stop(1.0)


def test_wait_times_out_with_the_callers_error() -> None:
    bg = Background(enabled=True)
    release = threading.Event()
    bg.submit(release.wait)
    with pytest.raises(EngineError, match="watchdog"):
        bg.wait(0.05, lambda: EngineError("watchdog"))
    release.set()
    assert bg.stop(5.0)


def test_stop_cancels_what_has_not_started_and_waits_for_the_running_job() -> None:
    bg = Background(enabled=True)
    release = threading.Event()
    started = threading.Event()
    ran: list[str] = []

    def first() -> None:
        started.set()
        release.wait(5)
        ran.append("first")

    bg.submit(first)
    bg.submit(lambda: ran.append("second"))
    started.wait(5)
    calls: list[int] = []

    def between() -> None:  # the runner removes containers here: the job then ends
        calls.append(1)
        release.set()

    assert bg.stop(5.0, between=between)
    assert ran == ["first"]  # the second never started
    assert calls


def test_stop_gives_up_after_its_timeout() -> None:
    bg = Background(enabled=True)
    release = threading.Event()
    bg.submit(lambda: release.wait(5))
    time.sleep(0.01)
    assert bg.stop(0.05) is False
    release.set()


# -- the runner with fakes ---------------------------------------------------------------------


class FakeBuilder:
    name = "buildkit"

    def __init__(self, log: list[tuple[str, float]], seconds: float = 0.02) -> None:
        self.log = log
        self.seconds = seconds
        self.n = 0
        self.kinds: list[str] = []  # "cold" (--no-cache) or "warm", one per build in order

    def version(self) -> str:
        return "fake"

    def build(self, request: Any, on_step: Any = None) -> BuildResult:
        self.n += 1
        self.kinds.append("cold" if request.no_cache else "warm")
        self.log.append(("build-start", time.monotonic()))
        time.sleep(self.seconds)
        self.log.append(("build-end", time.monotonic()))
        return BuildResult(
            image_id=f"sha256:{self.n:064x}",
            builder="buildkit",
            builder_version="fake",
            engine_version="fake",
            seconds=self.seconds,
            steps=(),
        )


class Info:
    def __init__(self, image_id: str) -> None:
        self.id = image_id
        self.size = 1000
        self.diff_ids = ("sha256:" + "a" * 64,)


@pytest.fixture()
def fake_engine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[dict[str, Any]]:
    """Everything the runner asks of the engine, faked; what it did is in the returned dict."""
    import contextlib

    import imgopt.bench.cold as cold
    import imgopt.bench.pushed as pushed
    import imgopt.engine.builders as builders
    import imgopt.engine.client as client
    import imgopt.engine.containers as containers
    import imgopt.engine.images as images
    import imgopt.verify.deps as deps

    state: dict[str, Any] = {"log": [], "removed_containers": 0, "removed_images": []}
    state["builder"] = FakeBuilder(state["log"])
    monkeypatch.setenv("IMGOPT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(client, "get_client", lambda *a, **k: None)
    monkeypatch.setattr(client, "engine_version", lambda *a, **k: "fake")
    monkeypatch.setattr(builders, "get_builder", lambda *a, **k: state["builder"])
    monkeypatch.setattr(images, "inspect_image", lambda ref, *a, **k: Info(ref))
    monkeypatch.setattr(images, "images_with_label", lambda *a, **k: [])
    monkeypatch.setattr(
        images, "remove_images", lambda ids, *a, **k: state["removed_images"].extend(ids)
    )
    monkeypatch.setattr(pushed, "pushed_after_edit", lambda rows, v, image: 7)

    def remove_containers(run_id: str, *a: Any, **k: Any) -> None:
        state["removed_containers"] += 1

    monkeypatch.setattr(containers, "remove_run_containers", remove_containers)
    monkeypatch.setattr(cold, "prune_cache_mounts", lambda *a, **k: 0)
    monkeypatch.setattr(deps, "shared_dependencies", lambda run_id: contextlib.nullcontext())
    yield state


def _measurement_fake(
    log: list[tuple[str, float]], seconds: float = 0.0, fail: str | None = None
) -> Callable[[BenchRun, Any, BuildResult], list[dict[str, Any]]]:
    def measurement(
        self: BenchRun, variant: Any, result: BuildResult, compressed: Any = None
    ) -> list[dict[str, Any]]:
        log.append((f"measure-start {variant.name}", time.monotonic()))
        self.observer.phase(f"{variant.name}: measuring layers")
        time.sleep(seconds)
        if fail == variant.name:
            raise EngineError(f"the engine went away measuring {variant.name}")
        log.append((f"measure-end {variant.name}", time.monotonic()))
        return [
            {
                "run_id": self.run_id,
                "row": "variant",
                "variant": variant.name,
                "image_id": result.image_id,
                "size_bytes": 1000,
                "verified": True,
            }
        ]

    return measurement


def _app(tmp_path: Path, n: int = 3) -> list[Any]:
    ctx = tmp_path / "app"
    ctx.mkdir()
    (ctx / "main.py").write_text("print('hi')\n")
    files = []
    for i in range(n):
        df = ctx / f"v{i}.Dockerfile"
        df.write_text(f"FROM debian:bookworm-slim\nCOPY main.py /app/main.py{' ' * i}\n")
        files.append(df)
    return make_variants(ctx, files, [f"v{i}" for i in range(n)])


def _rows(folder: Path) -> list[tuple[str, str, str, str]]:
    frame = load_run(folder)
    return [
        (str(r.row), str(r.variant), str(r.kind if r.row == "build" else ""), str(r.repetition))
        for r in frame.itertuples()
    ]


@pytest.mark.parametrize("repeat", [1, 2])
def test_rows_come_out_in_the_serial_order(
    fake_engine: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, repeat: int
) -> None:
    # The measurement is slower than a build: with overlap, builds of later variants finish
    # while earlier variants are still being measured, and the rows must not follow that.
    monkeypatch.setattr(BenchRun, "_measurement", _measurement_fake(fake_engine["log"], 0.1))
    variants = _app(tmp_path)
    orders = {}
    for overlap in (False, True):
        opts = BenchOptions(repeat=repeat, verify=False, overlap=overlap)
        run = BenchRun(variants, opts, tmp_path / f"run-{overlap}")
        result = run.run()
        assert result.status == "complete"
        orders[overlap] = _rows(run.folder.path)
    assert orders[True] == orders[False]
    assert [r[:3] for r in orders[True][:3]] == [
        ("build", "v0", "cold"),
        ("variant", "v0", ""),
        ("build", "v0", "warm"),
    ]
    pushed = load_run(tmp_path / "run-True")
    warm0 = pushed[(pushed.row == "build") & (pushed.kind == "warm") & (pushed.repetition == 0)]
    assert list(warm0.pushed_bytes) == [7, 7, 7]  # computed after each measurement


def test_a_measurement_runs_while_the_next_build_runs(
    fake_engine: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    log = fake_engine["log"]
    monkeypatch.setattr(BenchRun, "_measurement", _measurement_fake(log, 0.2))
    fake_engine["builder"].seconds = 0.1
    run = BenchRun(_app(tmp_path), BenchOptions(repeat=1, verify=False), tmp_path / "run")
    run.run()
    start = next(t for e, t in log if e == "measure-start v1")
    end = next(t for e, t in log if e == "measure-end v1")
    # v1's measurement overlapped a build (its own warm rebuild, then v2's cold build).
    assert any(e == "build-start" and start < t < end for e, t in log)
    # The original is measured before any other build starts (every variant needs it).
    o_end = next(i for i, (e, _) in enumerate(log) if e == "measure-end v0")
    assert [e for e, _ in log[:o_end]].count("build-start") == 1


def test_the_original_is_verified_beside_its_warm_rebuild_and_before_any_variant(
    fake_engine: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    log = fake_engine["log"]
    fake = _measurement_fake(log, 0.3)

    def measurement(self: BenchRun, variant: Any, result: Any, compressed: Any = None) -> Any:
        if compressed is not None:  # its layers compressed: the verification follows
            log.append((f"compressed {variant.name}", time.monotonic()))
            compressed.set()
        return fake(self, variant, result)

    monkeypatch.setattr(BenchRun, "_measurement", measurement)
    fake_engine["builder"].seconds = 0.05
    run = BenchRun(_app(tmp_path), BenchOptions(repeat=1, verify=False), tmp_path / "run")
    run.run()
    events = [e for e, _ in log]
    o_end = events.index("measure-end v0")
    starts = [i for i, e in enumerate(events) if e == "build-start"]
    # cold, then (once its layers are compressed) its warm rebuild beside its verification
    assert starts[0] < events.index("compressed v0") < starts[1] < o_end
    assert starts[2] > o_end  # v1 waits for the original's profile
    rows = _rows(run.folder.path)  # the rows in a serial run's order all the same
    names = [r[:3] for r in rows]
    assert names.index(("variant", "v0", "")) < names.index(("build", "v0", "warm"))


def test_without_overlap_nothing_runs_beside_a_build(
    fake_engine: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    log = fake_engine["log"]
    monkeypatch.setattr(BenchRun, "_measurement", _measurement_fake(log, 0.05))
    monkeypatch.setenv("IMGOPT_OVERLAP", "0")
    run = BenchRun(_app(tmp_path), BenchOptions(repeat=1, verify=False), tmp_path / "run")
    run.run()
    depth = 0
    for event, _ in log:
        depth += 1 if event.endswith("start") or "start " in event else -1
        assert depth <= 1


def test_a_failed_measurement_stops_the_run_in_the_main_thread(
    fake_engine: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(
        BenchRun, "_measurement", _measurement_fake(fake_engine["log"], 0.05, fail="v1")
    )
    run = BenchRun(_app(tmp_path), BenchOptions(repeat=1, verify=False), tmp_path / "run")
    with pytest.raises(EngineError, match="measuring v1"):
        run.run()
    rows = _rows(run.folder.path)
    assert ("variant", "v0", "", "nan") in rows or any(r[:2] == ("variant", "v0") for r in rows)
    assert not any(r[:2] == ("variant", "v1") for r in rows)  # never measured: no row
    # v1's cold and warm builds are recorded, in order, after v0's rows.
    names = [r[:3] for r in rows]
    assert names.index(("build", "v1", "cold")) < names.index(("build", "v1", "warm"))
    assert load_run(run.folder.path).attrs.get("status", "failed") != "complete"
    assert not any(t.name.startswith("imgopt-bench") for t in threading.enumerate())


class _InterruptOnBuild(QuietObserver):
    """An observer that raises Ctrl-C when the ``n``-th build starts."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.builds = 0

    def build_started(self, variant: str, kind: str, repetition: int, repeat: int) -> None:
        self.builds += 1
        if self.builds == self.n:
            raise KeyboardInterrupt


def test_ctrl_c_keeps_every_complete_row_and_leaves_nothing_running(
    fake_engine: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    log = fake_engine["log"]
    monkeypatch.setattr(BenchRun, "_measurement", _measurement_fake(log, 0.3))
    # Builds: v0 cold, v0 warm, v1 cold, v1 warm, then v2 cold is interrupted while v1 is
    # still being measured (0.3 s against 0.02 s builds).
    run = BenchRun(
        _app(tmp_path),
        BenchOptions(repeat=1, verify=False),
        tmp_path / "run",
        observer=_InterruptOnBuild(5),
    )
    with pytest.raises(KeyboardInterrupt):
        run.run()
    rows = [r[:3] for r in _rows(run.folder.path)]
    # v1's measurement finished during the shutdown and was written; its warm row, whose
    # pushed bytes waited for it in a job that was cancelled, is written without them.
    assert rows[:6] == [
        ("build", "v0", "cold"),
        ("variant", "v0", ""),
        ("build", "v0", "warm"),
        ("build", "v1", "cold"),
        ("variant", "v1", ""),
        ("build", "v1", "warm"),
    ]
    frame = load_run(run.folder.path)
    warm1 = frame[(frame.row == "build") & (frame.variant == "v1") & (frame.kind == "warm")]
    assert warm1.pushed_bytes.isna().all() and warm1.seconds.notna().all()
    assert any(e == "measure-end v1" for e, _ in log)  # the running job was waited for
    assert ("build", "v2", "cold") not in rows
    assert fake_engine["removed_containers"] >= 2  # while waiting, and in the cleanup
    assert not any(t.name.startswith("imgopt-bench") for t in threading.enumerate())
    import json

    assert json.loads((run.folder.path / "run.json").read_text())["status"] == "interrupted"


@pytest.mark.parametrize("interrupt_at", [2, 4, None])  # v0's warm build, v1's, none
def test_no_warm_copy_of_the_context_is_left_in_the_temp_folder(
    fake_engine: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    interrupt_at: int | None,
) -> None:
    # A Ctrl-C between the warm edit's copy and its build (here: as the build is announced)
    # left the copy in the temp folder; the run's scratch folder now goes whatever ends it.
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setattr(BenchRun, "_measurement", _measurement_fake(fake_engine["log"]))
    observer = _InterruptOnBuild(interrupt_at) if interrupt_at else QuietObserver()
    run = BenchRun(
        _app(tmp_path), BenchOptions(repeat=1, verify=False), tmp_path / "run", observer=observer
    )
    if interrupt_at:
        with pytest.raises(KeyboardInterrupt):
            run.run()
    else:
        assert run.run().status == "complete"
    assert sorted(p.name for p in temp.iterdir()) == []


def test_overlap_is_on_unless_the_environment_says_no(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IMGOPT_OVERLAP", raising=False)
    assert BenchOptions().overlap is True
    monkeypatch.setenv("IMGOPT_OVERLAP", "0")
    assert BenchOptions().overlap is False
    assert runner_mod.overlap_default() is False


class _OneAtATime(QuietObserver):
    """Fails when two of its calls overlap (the main thread builds, the background measures)."""

    def __init__(self) -> None:
        self.inside = 0
        self.overlapped = False
        self.calls = 0

    def _enter(self) -> None:
        self.inside += 1
        self.calls += 1
        self.overlapped |= self.inside > 1
        time.sleep(0.01)
        self.inside -= 1

    def build_started(self, variant: str, kind: str, repetition: int, repeat: int) -> None:
        self._enter()

    def build_finished(self, seconds: float | None, error: str | None) -> None:
        self._enter()

    def phase(self, message: str) -> None:
        self._enter()


def test_the_observer_is_called_one_call_at_a_time(
    fake_engine: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(BenchRun, "_measurement", _measurement_fake(fake_engine["log"], 0.05))
    fake_engine["builder"].seconds = 0.001
    seen = _OneAtATime()
    run = BenchRun(_app(tmp_path, 4), BenchOptions(repeat=2, verify=False), tmp_path / "run")
    run.observer = seen  # set after construction, as `imgopt bench` does
    run.run()
    assert seen.calls > 20
    assert not seen.overlapped


# -- a complete run's cleanup beside the caller's report ---------------------------------------


def _slow_removal(fake_engine: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """remove_images takes 0.3 s and logs when it ends."""
    import imgopt.engine.images as images

    def remove(ids: Any, *a: Any, **k: Any) -> None:
        time.sleep(0.3)
        fake_engine["removed_images"].extend(ids)
        fake_engine["log"].append(("removed", time.monotonic()))

    monkeypatch.setattr(images, "remove_images", remove)
    monkeypatch.setattr(images, "images_with_label", lambda *a, **k: ["sha256:run-image"])


def test_a_deferred_cleanup_runs_beside_the_caller_and_close_waits_for_it(
    fake_engine: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import json

    monkeypatch.setattr(BenchRun, "_measurement", _measurement_fake(fake_engine["log"]))
    _slow_removal(fake_engine, monkeypatch)
    run = BenchRun(
        _app(tmp_path, 2),
        BenchOptions(repeat=1, verify=False),
        tmp_path / "run",
        defer_cleanup=True,
    )
    result = run.run()
    returned = time.monotonic()
    # Returned with every row and the status written (what a report reads), the run's images
    # still being removed.
    assert result.status == "complete"
    meta = json.loads((run.folder.path / "run.json").read_text())
    assert meta["status"] == "complete"
    assert len(_rows(run.folder.path)) == 6
    assert "sha256:run-image" not in fake_engine["removed_images"]
    run.close()
    removed = [t for e, t in fake_engine["log"] if e == "removed"][-1]  # the run's images
    assert removed > returned  # it ran after run() returned ...
    assert "sha256:run-image" in fake_engine["removed_images"]  # ... and close() waited for it
    assert fake_engine["removed_containers"] >= 1
    meta = json.loads((run.folder.path / "run.json").read_text())
    assert meta["status"] == "complete" and meta["phases"]["cleanup"] >= 0.3
    assert not any(t.name == "imgopt-cleanup" for t in threading.enumerate())
    run.close()  # a second close is a no-op


def test_an_interrupted_run_cleans_up_before_it_returns_even_when_deferring(
    fake_engine: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(BenchRun, "_measurement", _measurement_fake(fake_engine["log"], 0.05))
    _slow_removal(fake_engine, monkeypatch)
    run = BenchRun(
        _app(tmp_path),
        BenchOptions(repeat=1, verify=False),
        tmp_path / "run",
        observer=_InterruptOnBuild(4),
        defer_cleanup=True,
    )
    with pytest.raises(KeyboardInterrupt):
        run.run()
    # Nothing is left to a caller that never gets to call close(): removed already.
    assert "sha256:run-image" in fake_engine["removed_images"]
    assert fake_engine["removed_containers"] >= 1
    assert not any(t.name == "imgopt-cleanup" for t in threading.enumerate())


def test_close_raises_what_the_deferred_cleanup_raised(
    fake_engine: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import imgopt.engine.images as images

    monkeypatch.setattr(BenchRun, "_measurement", _measurement_fake(fake_engine["log"]))
    monkeypatch.setattr(images, "images_with_label", lambda *a, **k: ["sha256:x"])

    def broken(ids: Any, *a: Any, **k: Any) -> None:
        if "sha256:x" in ids:  # the run's images, at the end (a warm image goes earlier)
            raise RuntimeError("a bug in the cleanup")

    monkeypatch.setattr(images, "remove_images", broken)
    run = BenchRun(
        _app(tmp_path, 1),
        BenchOptions(repeat=1, verify=False),
        tmp_path / "run",
        defer_cleanup=True,
    )
    run.run()
    with pytest.raises(RuntimeError, match="a bug in the cleanup"):
        run.close()


def test_compression_never_runs_beside_a_build_nor_verification_beside_a_cold_one(
    fake_engine: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A build's time (and its steps', which estimates reuse) must not include the background's
    compression of the previous variant's layers, which takes every core; a cold build's must
    not include a verification's containers either. Verification runs beside warm rebuilds."""
    import imgopt.bench.layers as layers
    import imgopt.bench.sizes as sizes
    import imgopt.bench.waste as waste

    log = fake_engine["log"]
    fake_engine["builder"].seconds = 0.05

    def compress(image_id: str, *a: Any, **k: Any) -> list[Any]:
        log.append(("compress-start", time.monotonic()))
        time.sleep(0.15)
        log.append(("compress-end", time.monotonic()))
        return []

    def verify(self: BenchRun, variant: Any, image_id: str, size: Any = None) -> Any:
        log.append(("verify-start", time.monotonic()))
        time.sleep(0.15)
        log.append(("verify-end", time.monotonic()))
        return True, None, None

    ns = SimpleNamespace
    monkeypatch.setattr(layers, "measure_layers", compress)
    monkeypatch.setattr(
        sizes,
        "image_sizes",
        lambda *a, **k: ns(
            layers=[], base_layers=0, size_bytes=1000, compressed_bytes=500, own_size_bytes=1,
            own_compressed_bytes=1, base_image=None, image_id="x",
        ),
    )  # fmt: skip
    monkeypatch.setattr(
        waste,
        "analyze_waste",
        lambda *a, **k: ns(
            efficiency=1.0, wasted_bytes=0, user_wasted_ratio=0.0, recoverable_bytes=0,
            recoverable_own_bytes=0,
        ),
    )  # fmt: skip
    monkeypatch.setattr(BenchRun, "_verify", verify)
    monkeypatch.setattr(BenchRun, "_base_info", lambda self, ref: None)
    run = BenchRun(_app(tmp_path, 4), BenchOptions(repeat=1, verify=False), tmp_path / "run")
    assert run.run().status == "complete"

    def spans(kind: str) -> list[tuple[float, float]]:
        starts = [t for e, t in log if e == f"{kind}-start"]
        ends = [t for e, t in log if e == f"{kind}-end"]
        return list(zip(starts, ends, strict=True))

    def overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
        return min(a[1], b[1]) - max(a[0], b[0]) > 0.005

    builds = spans("build")
    assert len(spans("compress")) == 4 and len(builds) == 8
    assert not any(overlap(c, b) for c in spans("compress") for b in builds)
    kinds = fake_engine["builder"].kinds
    assert kinds.count("cold") == 4 and kinds.count("warm") == 4
    cold = [b for b, k in zip(builds, kinds, strict=True) if k == "cold"]
    warm = [b for b, k in zip(builds, kinds, strict=True) if k == "warm"]
    assert not any(overlap(v, b) for v in spans("verify") for b in cold)
    assert any(overlap(v, b) for v in spans("verify") for b in warm)  # still beside builds
