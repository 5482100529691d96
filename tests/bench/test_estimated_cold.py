"""`imgopt analyze` builds each distinct step once: its run records which cold times are
estimated from steps (imgopt.bench.steps) and which were measured, and the recommended variant
gets one real cold build beside its estimate.

It reads the analysis that the session fixture ``sample_analyses`` runs anyway (go-http: four
small variants), so it costs no build of its own.
"""

from __future__ import annotations

import csv
import json
from typing import Any

import pytest
from _analyze_fixture import SampleAnalyses

APP = "go-http"


def _cold_rows(rows: list[dict[str, Any]], variant: str) -> list[dict[str, Any]]:
    return [
        r
        for r in rows
        if r["row"] == "build" and r["variant"] == variant and r["kind"] == "cold" and r["seconds"]
    ]


@pytest.mark.engine
def test_analyze_estimates_cold_times_and_builds_the_recommended_one_cold(
    sample_analyses: SampleAnalyses,
) -> None:
    result = sample_analyses.get(APP)
    assert result.returncode == 0, result.explain()
    t = result.target
    rows = list(csv.DictReader((result.out / "results.csv").open(encoding="utf-8")))
    meta = json.loads((result.out / "run.json").read_text("utf-8"))
    names = [v["name"] for v in t["variants"]]
    original, recommended = names[0], t["recommended"]["name"]

    # The original is always a real cold build: the yardstick everything else is held to.
    (orig_cold,) = _cold_rows(rows, original)
    assert orig_cold["estimated"] == "false"
    # Every other variant's first cold build says which it is; an estimated one is written down
    # with the steps it was made of, and at least one variant shared steps.
    flags = {}
    for name in names[1:]:
        first = next(r for r in _cold_rows(rows, name) if r["repetition"] == "0")
        flags[name] = first["estimated"]
        assert first["estimated"] in ("true", "false"), first
        if first["estimated"] == "true":
            how = meta["estimates"][name]
            assert how["seconds"] == pytest.approx(float(first["seconds"]), abs=1e-3)
            assert how["steps_unknown"] == [] and how["steps_executed"] >= 1
            # the critical path is never longer than the sum of the same steps
            assert how["seconds"] <= how["serial_seconds"] + 1e-6
            # a cold time, never below the cached build's own seconds; when the build ran
            # (nearly) every step itself, its critical path leaves out BuildKit's gaps between
            # steps, a few ms (CI: go-http's distroless, 4.109 s in a 4.114 s build)
            assert float(first["seconds"]) >= how["build_seconds"] * 0.97 - 1e-3
    assert "true" in flags.values(), (flags, meta.get("estimates"))

    # The recommended variant: when its time was estimated, one real cold build stands beside
    # the estimate, and the summary shows the measured time (flagged as such).
    summary = {v["name"]: v for v in t["variants"]}[recommended]
    mine = _cold_rows(rows, recommended)
    real = [r for r in mine if r["estimated"] == "false"]
    skipped = str(meta["estimates"].get(recommended, {}).get("check", ""))
    if recommended != original and flags[recommended] == "true" and skipped:
        # its own build measured all but a few percent of it: nothing shared to check
        assert skipped.startswith("not needed") and not real
        assert summary["cold_estimated"] is True
    elif recommended != original and flags[recommended] == "true":
        (check,) = real
        assert int(check["repetition"]) == meta["options"]["repeat"]
        assert summary["cold_estimated"] is False
        assert summary["cold_build_s"] == pytest.approx(float(check["seconds"]))
        assert summary["cold_estimate_s"] == pytest.approx(float(mine[0]["seconds"]))
    else:
        assert len(real) == 1 and summary["cold_estimated"] is False


# -- whether the recommended variant's estimate needs a real cold build (no engine) ------------


def _estimated_run(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch, steps: list[Any], **more: Any
) -> Any:
    """A run folder whose recommended variant ``v1`` has an estimated cold row made of
    ``steps`` (run.json's per-step record, and ``more`` of it); real cold builds are recorded,
    not made."""
    from types import SimpleNamespace

    from imgopt.bench.runner import BenchOptions, BenchRun, make_variants

    ctx = tmp_path / "app"
    ctx.mkdir()
    for name in ("v0", "v1"):
        (ctx / name).write_text("FROM debian:bookworm-slim\n")
    variants = make_variants(ctx, [ctx / "v0", ctx / "v1"], ["v0", "v1"])
    run = BenchRun(variants, BenchOptions(repeat=1, estimate_cold=True), tmp_path / "run")
    seconds = sum(s[1] for s in steps)
    run.folder.create(
        {"run_id": run.run_id, "estimates": {"v1": {"seconds": seconds, "steps": steps, **more}}}
    )
    run.folder.append(
        [
            {"row": "build", "variant": "v1", "kind": "cold", "repetition": 0,
             "seconds": seconds, "estimated": True},
        ]
    )  # fmt: skip
    monkeypatch.setattr(BenchRun, "summary", lambda self, status: SimpleNamespace(recommended="v1"))
    built: list[str] = []
    monkeypatch.setattr(
        BenchRun, "_build", lambda self, variant, kind, rep, **k: built.append(variant.name)
    )
    run.built = built  # type: ignore[attr-defined]
    return run


def test_an_estimate_its_own_build_measured_needs_no_real_cold_build(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # go-http's distroless: its go build ran in its own build (no other variant sets
    # CGO_ENABLED=0); 0.1 s of COPY came from another build. A real cold build would time the
    # same go build once more.
    steps = [
        ["[build 3/4] COPY . .", 0.1, "run", None, None],
        ["[build 2/4] WORKDIR /app", 0.0, "cached when cold", None, None],
        ["[build 4/4] RUN go build -o server .", 10.8, "executed", 1.0, 11.8],
    ]
    run = _estimated_run(tmp_path, monkeypatch, steps)
    run._check_recommended()
    assert run.built == []
    check = json.loads((run.folder.path / "run.json").read_text())["estimates"]["v1"]["check"]
    assert check == "not needed: 0.1 s of it came from other builds"


def test_an_estimate_made_of_shared_steps_is_checked_by_a_real_cold_build(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps = [
        ["[build 4/5] RUN pip install -r requirements.txt", 20.0, "earlier x0.50", None, None],
        ["[stage-1 3/3] COPY . /app", 0.5, "executed", 1.0, 1.5],
    ]
    run = _estimated_run(tmp_path, monkeypatch, steps)
    run._check_recommended()
    assert run.built == ["v1"]


# An analysis made again: distroless's build stage from BuildKit's cache, its pip install timed
# in the earlier run's cold build of distroless itself; the original's FROM timed in this run.
AGAIN = [
    ["[build 1/4] FROM docker.io/library/debian:bookworm", 0.0, "run", None, None],
    ["[build 4/4] RUN pip install -r requirements.txt", 20.0, "earlier x1.02", None, None],
    ["[stage-1 3/3] COPY . /app", 0.5, "executed", 1.0, 1.5],
]


def _again(factor: float = 1.02, variant: str = "v1", **build: Any) -> dict[str, Any]:
    return {"run": "R1", "variant": variant, "factor": factor, "seconds": 20.0, **build}


def test_an_estimate_timed_by_an_earlier_cold_build_of_the_same_variant_needs_no_check(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = _estimated_run(tmp_path, monkeypatch, AGAIN, earlier_builds=[_again()])
    run._check_recommended()
    assert run.built == []
    check = json.loads((run.folder.path / "run.json").read_text())["estimates"]["v1"]["check"]
    assert check == "not needed: timed in an earlier cold build of it (R1)"


@pytest.mark.parametrize(
    "builds",
    [
        [_again(variant="v2")],  # another variant's build timed it
        [_again(factor=1.4)],  # at another load: the load model, which a check tests
        [_again(factor=None)],  # scaled by nothing known
        [_again(seconds=12.0), _again(seconds=8.0, run="R0")],  # two earlier builds
        [_again(seconds=12.0)],  # 8 s of it from other builds of this run
        [],  # no record of where its steps were timed (an older run.json)
    ],
)
def test_an_estimate_timed_otherwise_is_checked_by_a_real_cold_build(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch, builds: list[Any]
) -> None:
    run = _estimated_run(tmp_path, monkeypatch, AGAIN, earlier_builds=builds)
    run._check_recommended()
    assert run.built == ["v1"]


# -- the real cold build starts beside the last checks (no engine) ----------------------------

SHARED = [
    ["[build 4/5] RUN pip install -r requirements.txt", 20.0, "run", None, None],
    ["[stage-1 3/3] COPY . /app", 0.5, "executed", 1.0, 1.5],
]


def _two_estimated(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch, recommended: str
) -> tuple[Any, list[str]]:
    """A run whose variants v1 (200 bytes) and v2 (100 bytes) both have estimated cold rows
    made of shared steps, the background still busy, and the summary picking ``recommended``.
    A real cold build is recorded (a measured cold row), not made."""
    from types import SimpleNamespace

    from imgopt.bench.runner import BenchOptions, BenchRun, make_variants

    ctx = tmp_path / "app"
    ctx.mkdir()
    names = ["v0", "v1", "v2"]
    for name in names:
        (ctx / name).write_text("FROM debian:bookworm-slim\n")
    variants = make_variants(ctx, [ctx / n for n in names], names)
    run = BenchRun(variants, BenchOptions(repeat=1, estimate_cold=True), tmp_path / "run")
    seconds = sum(s[1] for s in SHARED)
    estimates = {n: {"seconds": seconds, "steps": SHARED} for n in ("v1", "v2")}
    run.folder.create({"run_id": run.run_id, "estimates": estimates})
    # the estimated rows still wait behind the background's slots: results.csv lacks them
    run._cold_sizes.update({"v0": 300, "v1": 200, "v2": 100})
    run._cold_flags.update({"v0": {"false"}, "v1": {"true"}, "v2": {"true"}})
    run._background = SimpleNamespace(busy=True)  # type: ignore[assignment]
    monkeypatch.setattr(
        BenchRun, "summary", lambda self, status: SimpleNamespace(recommended=recommended)
    )
    built: list[str] = []

    def build(self: Any, variant: Any, kind: str, rep: int, **k: Any) -> None:
        assert kind == "cold" and rep == 1  # the check's own repetition: its own cache mounts
        built.append(variant.name)
        self._cold_flags[variant.name].add("false")

    monkeypatch.setattr(BenchRun, "_build", build)
    return run, built


def test_the_likely_pick_is_built_cold_while_the_last_checks_run(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    run, built = _two_estimated(tmp_path, monkeypatch, recommended="v2")
    run._check_early()  # the smallest image built: v2, before its check has answered
    assert built == ["v2"]
    run._check_recommended()  # v2 it is: its real cold build is already made
    assert built == ["v2"]


def test_a_wrong_guess_still_builds_the_recommended_variant_cold(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    run, built = _two_estimated(tmp_path, monkeypatch, recommended="v1")  # v2 failed its check
    run._check_early()
    run._check_recommended()
    assert built == ["v2", "v1"]


def test_with_every_check_answered_the_pick_itself_is_built(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from types import SimpleNamespace

    run, built = _two_estimated(tmp_path, monkeypatch, recommended="v1")
    run._background = SimpleNamespace(busy=False)  # the serial run: nothing left to guess
    run._check_early()
    run._check_recommended()
    assert built == ["v1"]


# -- the likely pick is built first after the original (no engine) -----------------------------


def _order(tmp_path: Any, guess: Any, *, estimate_cold: bool = True) -> list[str]:
    """The order in which a run of v0 (the original), v1, v2, v3 builds its variants, v3 being
    added by the evidence pass once the original has run, with ``likely_pick=guess``."""
    from imgopt.bench.runner import BenchOptions, BenchRun, make_variants

    ctx = tmp_path / "app"
    ctx.mkdir(exist_ok=True)
    names = ["v0", "v1", "v2", "v3"]
    for name in names:
        (ctx / name).write_text("FROM debian:bookworm-slim\n")
    variants = make_variants(ctx, [ctx / n for n in names], names)
    options = BenchOptions(repeat=1, estimate_cold=estimate_cold)
    run = BenchRun(variants[:3], options, tmp_path / "run", likely_pick=guess)
    ran: set[str] = set()
    order: list[str] = []
    while (variant := run._next(ran)) is not None:
        ran.add(variant.name)
        order.append(variant.name)
        if variant.original:
            run.variants.append(variants[3])  # what after_original adds
    assert {v.name for v in run.variants} == set(names)  # run.json's list keeps plan order
    return order


def test_the_likely_pick_is_built_right_after_the_original(tmp_path: Any) -> None:
    seen: list[list[str]] = []

    def guess(names: Any) -> str:
        seen.append(list(names))
        return "v3"

    assert _order(tmp_path, guess) == ["v0", "v3", "v1", "v2"]
    # asked once, with every variant not built yet, those the evidence pass added included
    assert seen == [["v1", "v2", "v3"]]


def test_without_a_guess_or_estimates_the_plan_order_stays(tmp_path: Any) -> None:
    plan = ["v0", "v1", "v2", "v3"]
    assert _order(tmp_path, None) == plan
    assert _order(tmp_path, lambda names: None) == plan
    assert _order(tmp_path, lambda names: "not-a-variant") == plan
    # real cold builds for every variant: nothing is estimated, nothing to check
    assert _order(tmp_path, lambda names: "v3", estimate_cold=False) == plan


def test_the_likely_pick_is_the_variant_that_usually_makes_the_smallest_image() -> None:
    from imgopt.variants.model import likely_pick

    assert likely_pick(["hygiene", "slim-base", "multistage", "multistage-slim"]) == (
        "multistage-slim"
    )
    assert likely_pick(["hygiene", "multistage-slim", "distroless"]) == "distroless"
    assert likely_pick(["hygiene", "multistage"]) == "multistage"
    assert likely_pick(["hygiene"]) == "hygiene"
    assert likely_pick(["a-user-variant"]) is None


def test_no_early_check_when_even_the_smallest_variant_keeps_the_original(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # python-optimized: hygiene saves under 1 % (and under 1 MB), so the original is kept and
    # no variant's estimate is the answer's: its real cold build would be wasted
    run, built = _two_estimated(tmp_path, monkeypatch, recommended="v0")
    run._cold_sizes.update({"v0": 161_000_000, "v1": 160_900_000, "v2": 160_800_000})
    assert run._likely_recommended() is None
    run._check_early()
    run._check_recommended()
    assert built == []
    # a gain of 1 MB is worth a Dockerfile change: the smallest is checked early as before
    run._cold_sizes.update({"v2": 159_900_000})
    assert run._likely_recommended() is not None and run._likely_recommended().name == "v2"
