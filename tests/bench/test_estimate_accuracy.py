"""How an estimated cold time takes earlier runs' step times (imgopt.bench.steps), on recorded
data: step lists shaped as BuildKit 26.1 reported them and executions as this machine's step
store (``~/.cache/imgopt/steps``) held them on 2026-12-05 at 15:15 UTC.

Why: issue 16 item 3 wants estimates within 10 % of real cold builds. Measured on an idle
machine (benchmarks/results/analyze_stages-2026-12-05-idle.txt), flask-tutorial's hygiene was
estimated at 58.1 s against a real 25.7 s (+126 %): every one of its steps was cached, timed
by one execution of an earlier run made under another load, or by an imgopt from before loads
were recorded, and taken as it was.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from imgopt.bench.steps import StepTimes, hidden_inputs, slowdown, step_keys, text_key
from imgopt.dockerfile import parse
from imgopt.engine.builders import BuildResult, BuildStep, parse_step_name

#: flask-tutorial's hygiene variant as imgopt proposes it (`imgopt propose`, comments left out).
HYGIENE = """\
FROM debian:bookworm
ENV DEBIAN_FRONTEND=noninteractive
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\
    --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \\
    apt-get update && apt-get install --no-install-recommends -y python3 python3-pip
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip \\
    pip3 install --break-system-packages -r requirements.txt
COPY . /app
EXPOSE 5000
CMD ["python3", "app.py"]
"""
APT = (
    "RUN --mount=type=cache,target=/var/cache/apt,sharing=locked,id=imgopt-r-0-a "
    "--mount=type=cache,target=/var/lib/apt/lists,sharing=locked,id=imgopt-r-0-b "
    "apt-get update && apt-get install --no-install-recommends -y python3 python3-pip"
)
PIP = (
    "RUN --mount=type=cache,target=/root/.cache/pip,id=imgopt-r-0-c "
    "pip3 install --break-system-packages -r requirements.txt"
)


def step(
    name: str, digest: str, inputs: tuple[str, ...] = (), start: float = 100.0, end: float = 100.0
) -> BuildStep:
    stage, index, total, text = parse_step_name(name)
    cached = start == end and not name.startswith(("[internal]", "exporting"))
    return BuildStep(
        name=name,
        instruction=text,
        stage=stage,
        index=index,
        total=total,
        cached=cached and "FROM " not in name,
        seconds=end - start,
        digest=digest,
        inputs=inputs,
        started=start,
        completed=end,
    )


def hygiene_estimated_build(export_s: float = 0.01) -> BuildResult:
    """hygiene's build in an analysis: every step from the cache (0.5 s in all)."""
    return BuildResult(
        "sha256:h",
        "buildkit",
        "t",
        "t",
        0.5,
        (
            step("[internal] load build definition from Dockerfile", "d", (), 99.8, 99.85),
            step("[stage-0 1/6] FROM docker.io/library/debian:bookworm", "f"),
            step(f"[stage-0 2/6] {APT}", "a", ("f",)),
            step("[stage-0 3/6] WORKDIR /app", "w", ("a",)),
            step("[internal] load build context", "c", (), 100.0, 100.1),
            step("[stage-0 4/6] COPY requirements.txt .", "r", ("w", "c")),
            step(f"[stage-0 5/6] {PIP}", "p", ("r",)),
            step("[stage-0 6/6] COPY . /app", "s", ("p", "c")),
            step("exporting to image", "e", (), 100.1, 100.1 + export_s),
        ),
    )


def _run(n: int) -> str:
    return f"20261205-1{n:05d}"


#: The executions the store held for hygiene's steps (seconds, run or None, load), exact key
#: first, then the instruction text's key (which slim-base's and the original's executions of
#: the same instruction share); None for a file of the format from before histories.
RECORDED: dict[str, tuple[Any, Any]] = {
    "apt": (
        None,  # legacy: {"seconds": 19.293}, written 10:05
        [
            (11.086, None, None),
            (25.137, 1, 6.019),
            (12.33, 2, 1.289),
            (10.855, 3, 2.116),
            (11.216, 4, 1.249),
        ],
    ),
    "workdir": (
        None,  # legacy: {"seconds": 0.066}
        [
            (0.048, 5, 4.806),
            (0.022, 6, 3.461),
            (0.021, 2, 1.289),
            (0.017, 7, 1.404),
            (0.014, 3, 2.116),
            (0.015, 8, 1.243),
            (0.013, 4, 1.249),
            (0.014, 9, 1.589),
        ],
    ),
    "req": (
        [(0.789, None, None), (0.012, 9, 3.830)],
        [
            (0.789, None, None),
            (0.089, 1, 6.019),
            (0.016, 2, 1.289),
            (0.012, 3, 2.116),
            (0.013, 4, 1.249),
            (0.053, 9, 4.377),
        ],
    ),
    "pip": (
        [(26.614, None, None), (22.058, 9, 3.830)],
        [
            (30.088, 5, 4.806),
            (13.649, 6, 3.461),
            (12.062, 2, 1.289),
            (10.74, 7, 1.404),
            (9.848, 3, 2.116),
            (9.721, 8, 1.243),
            (11.101, 4, 1.249),
            (26.5, 9, 4.377),
        ],
    ),
    "copy": (
        [(4.516, None, None), (0.043, 1, 5.836), (0.102, 9, 3.830)],
        [
            (0.036, 5, 4.806),
            (0.022, 6, 3.461),
            (0.017, 2, 1.289),
            (0.015, 7, 1.404),
            (0.014, 3, 2.116),
            (0.013, 8, 1.243),
            (0.016, 4, 1.249),
            (0.014, 9, 4.377),
        ],
    ),
}
LEGACY = {"apt": 19.293, "workdir": 0.066}


def _write(folder: Path, key: str, history: list[tuple[float, int | None, float | None]]) -> None:
    samples = [
        {"seconds": s, "run": None if r is None else _run(r), "load": load}
        for s, r, load in history
    ]
    data = {"seconds": history[-1][0], "step": "recorded", "history": samples}
    (folder / f"{key}.json").write_text(json.dumps(data))


def recorded_store(root: Path) -> None:
    """The step store as recorded, under ``root``."""
    folder = root / "steps"
    folder.mkdir(parents=True)
    result = hygiene_estimated_build()
    hidden = hidden_inputs(parse(HYGIENE))
    keys = step_keys(result.steps, hidden)
    digests = {"apt": "a", "workdir": "w", "req": "r", "pip": "p", "copy": "s"}
    by_digest = {s.digest: s for s in result.steps}
    for name, (exact, text) in RECORDED.items():
        st = by_digest[digests[name]]
        if exact is None:
            data = {"seconds": LEGACY[name], "step": "recorded"}
            (folder / f"{keys[st.digest]}.json").write_text(json.dumps(data))
        else:
            _write(folder, keys[st.digest], exact)
        _write(folder, text_key(st, hidden), text)


def test_slowdown_is_the_share_of_a_core_a_task_gets() -> None:
    assert slowdown(0.3, 2) == 1.0  # idle: a build has a core of its own
    assert slowdown(1.8, 2) == 1.0
    assert slowdown(5.4, 2) == pytest.approx(2.7)
    assert slowdown(5.4, 8) == 1.0


def test_an_execution_from_a_busier_machine_is_scaled_by_the_load_then_and_now(
    tmp_path: Path,
) -> None:
    # The store's apt-get of flask-tutorial's multistage builder (key 5f333b00): 31.8 s at a load
    # average of 5.43, 11.0 s at 1.43 and 11.3 s at 1.25: scaled to an idle machine, 11.7 s.
    times = StepTimes(tmp_path, run_id="now", load=lambda: 1.3, cores=2)
    folder = tmp_path / "steps"
    folder.mkdir()
    _write(folder, "k", [(31.767, 1, 5.43)])
    times.load = 1.3
    value, ours, factor = times.lookup("k")
    assert not ours
    assert factor == pytest.approx(1 / 2.715, abs=1e-3)
    assert value == pytest.approx(11.7, abs=0.05)
    times.load = 5.43  # the same load now: as it was
    assert times.lookup("k")[:3] == (31.767, False, 1.0)


def test_the_median_execution_counts_not_a_stalled_last_one(tmp_path: Path) -> None:
    # The store's pip install of flask-tutorial's distroless builder (key b965d8d5), in order:
    # 10.4 s (load 5.4), 76.6 s (4.0: a download stalled), 25.7 (5.8), 13.1 (4.3), 9.9, 10.7.
    folder = tmp_path / "steps"
    folder.mkdir()
    history = [
        (10.385, 1, 5.43), (76.627, 2, 3.989), (25.707, 3, 5.805), (13.093, 4, 4.303),
        (9.875, 5, 1.428), (10.679, 6, 1.247), (76.0, 7, 1.2),
    ]  # fmt: skip
    _write(folder, "k", history)  # the newest made up: a stalled download at idle
    times = StepTimes(tmp_path, run_id="now", load=lambda: 1.3, cores=2)
    times.load = 1.3
    value, _, factor = times.lookup("k")
    assert value == pytest.approx(9.875)  # scaled: 3.8, 38.4, 8.9, 6.1, 9.9, 10.7, 76.0
    assert factor == 1.0


def test_flask_tutorial_hygiene_recorded_steps_at_idle(tmp_path: Path) -> None:
    """The +126 % case: hygiene's steps all cached, timed by the recorded executions; the
    estimate made at the idle run's load (1.8) against its real cold build (25.7 s, load 1.8)."""
    recorded_store(tmp_path)
    hidden = hidden_inputs(parse(HYGIENE))
    times = StepTimes(tmp_path, run_id="idle", load=lambda: 1.8, cores=2)
    est = times.estimate(hygiene_estimated_build(), hidden)
    counted = {name: (sec, src) for name, sec, src, *_ in est.steps}
    # apt-get: no timed execution of its own key, only the legacy 19.3 s: the same instruction
    # timed with its load (slim-base's) comes first: 8.4, 10.3, 11.2, 12.3 s at 1.8, lower median
    apt = counted[f"[stage-0 2/6] {APT}"]
    assert apt == (pytest.approx(10.26, abs=0.01), "text x0.94")
    # pip: its own execution at load 3.83 (22.1 s) scaled to 1.8, the legacy 26.6 s left out
    pip = counted[f"[stage-0 5/6] {PIP}"]
    assert pip == (pytest.approx(22.058 / 3.83 * 2, abs=0.01), "earlier x0.52")
    # COPY . /app: 0.04 and 0.10 s of known runs, not the legacy 4.5 s
    assert counted["[stage-0 6/6] COPY . /app"][0] < 0.05
    real = 25.7
    assert est.seconds is not None
    assert abs(est.seconds / real - 1) < 0.15  # -13.6 %: the cold export is missing (below)
    # What the estimate counted before (the newest execution, unscaled): 41.9 s, +63 %.
    before = 0.5 - 0.1 + 0.1 + 19.293 + 0.066 + 0.012 + 22.058 + 0.102
    assert before / real - 1 > 0.6


def test_a_cold_build_exports_every_layer_an_estimated_build_only_its_own(
    tmp_path: Path,
) -> None:
    """Measured (benchmarks/results/no_cache_steps-2026-12-05-s8-hygiene.txt): hygiene's export
    took 2.04 s in a --no-cache build and 0.01 s with every step cached."""
    recorded_store(tmp_path)
    hidden = hidden_inputs(parse(HYGIENE))
    times = StepTimes(tmp_path, run_id="idle", load=lambda: 1.8, cores=2)
    mb = 1_000_000
    # the run's --no-cache build of the original, 788.7 MB, exported at the rate measured on
    # hygiene (2.04 s for 346.6 MB, at a load average of 5 to 7: an idle machine exports faster)
    original = BuildResult(
        "sha256:o", "buildkit", "t", "t", 60.0,
        (step("exporting to image", "eo", (), 10.0, 10.0 + 2.04 / 346.6 * 788.7),),
    )  # fmt: skip
    times.record(original, no_cache=True, image_bytes=int(788.7 * mb))
    plain = times.estimate(hygiene_estimated_build(), hidden)
    cold = times.estimate(hygiene_estimated_build(), hidden, image_bytes=int(346.6 * mb))
    assert plain.export == pytest.approx(0.01)
    assert cold.export == pytest.approx(2.04, abs=0.01)
    assert cold.seconds == pytest.approx(plain.seconds + 2.03, abs=0.01)
    # an estimated build that exported more itself keeps its own figure
    own = times.estimate(hygiene_estimated_build(export_s=3.0), hidden, image_bytes=346 * mb)
    assert own.export == pytest.approx(3.0)
    assert cold.seconds is not None
    assert abs(cold.seconds / 25.7 - 1) < 0.10  # the +126 % case: -5.7 %
