"""Cold times estimated from build steps (imgopt.bench.steps), on hand-made vertex streams.

Every stream here is shaped like BuildKit's ``--progress=rawjson`` output as this engine gives it:
a new build-context vertex (and so new digests after a COPY) in every build, ``[stage n/m]``
names, cached steps with equal start and end.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from imgopt.bench.steps import StepTimes, critical_path, step_keys
from imgopt.engine.builders import BuildResult, BuildStep, parse_step_name
from imgopt.engine.builders.rawjson import RawJsonParser


@pytest.fixture(autouse=True)
def _no_load_average(monkeypatch: pytest.MonkeyPatch) -> None:
    """The machine's own load never enters these estimates: a test that scales by the load
    gives its StepTimes the loads it means."""
    monkeypatch.setattr("imgopt.bench.steps.load_average", lambda: None)


def step(
    name: str,
    digest: str,
    inputs: tuple[str, ...] = (),
    start: float = 0.0,
    end: float = 0.0,
    *,
    cached: bool = False,
) -> BuildStep:
    stage, index, total, text = parse_step_name(name)
    return BuildStep(
        name=name,
        instruction=text,
        stage=stage,
        index=index,
        total=total,
        cached=cached,
        seconds=0.0 if cached else end - start,
        digest=digest,
        inputs=inputs,
        started=start,
        completed=end,
    )


def build(steps: list[BuildStep], seconds: float) -> BuildResult:
    return BuildResult("sha256:x", "buildkit", "test", "test", seconds, tuple(steps))


def prelude(tag: str, t0: float = 0.0) -> list[BuildStep]:
    return [
        step("[internal] load build definition from Dockerfile", f"def{tag}", (), t0, t0 + 0.1),
        step("[internal] load metadata for docker.io/library/python:3.11", f"m{tag}", (), t0, t0),
    ]


def original() -> BuildResult:
    """FROM, WORKDIR, COPY requirements, RUN pip (10 s), COPY . (1 s): all executed."""
    return build(
        [
            *prelude("a"),
            step("[1/5] FROM docker.io/library/python:3.11", "fa", (), 1.0, 1.0),
            step("[2/5] WORKDIR /app", "wa", ("fa",), 1.0, 1.5),
            step("[internal] load build context", "ca", (), 1.0, 1.2),
            step("[3/5] COPY requirements.txt .", "ra", ("wa", "ca"), 1.5, 2.0),
            step("[4/5] RUN pip install -r requirements.txt", "pa", ("ra",), 2.0, 12.0),
            step("[5/5] COPY . .", "sa", ("pa", "ca"), 12.0, 13.0),
            step("exporting to image", "ea", (), 13.0, 14.0),
        ],
        seconds=15.0,
    )


def test_keys_follow_inputs_not_digests_or_step_numbers() -> None:
    a = original()
    # The same steps in another build: new digests everywhere (a new context vertex), and
    # other step numbers, since this variant has one step more.
    b = build(
        [
            step("[1/6] FROM docker.io/library/python:3.11", "fb", (), 0, 0, cached=True),
            step("[2/6] WORKDIR /app", "wb", ("fb",), 0, 0, cached=True),
            step("[internal] load build context", "cb", (), 0, 0.2),
            step("[3/6] COPY requirements.txt .", "rb", ("wb", "cb"), 0.2, 0.2, cached=True),
            step("[4/6] RUN pip install -r requirements.txt", "pb", ("rb",), 0.2, 0.2, cached=True),
            step("[5/6] RUN rm -rf /tmp/x", "xb", ("pb",), 0.2, 0.5),
        ],
        seconds=2.0,
    )
    ka, kb = step_keys(a.steps), step_keys(b.steps)
    assert ka["pa"] == kb["pb"]
    assert ka["ra"] == kb["rb"]
    assert kb["xb"] not in ka.values()
    # Same text on another parent: another step.
    c = build(
        [
            step("[1/2] FROM docker.io/library/python:3.11-slim", "fc", (), 0, 0),
            step("[2/2] WORKDIR /app", "wc", ("fc",), 0, 0.1),
        ],
        seconds=1.0,
    )
    assert step_keys(c.steps)["wc"] != ka["wa"]


def test_shared_steps_take_the_time_of_the_build_that_executed_them(tmp_path: Path) -> None:
    times = StepTimes(tmp_path)
    assert times.record(original()) == 6  # every solve step (FROM, WORKDIR, context, 2 COPY, RUN)
    variant = build(
        [
            *prelude("b", 100.0),
            step("[1/6] FROM docker.io/library/python:3.11", "fb", (), 101, 101),
            step("[2/6] WORKDIR /app", "wb", ("fb",), 101, 101, cached=True),
            step("[internal] load build context", "cb", (), 101, 101.2),
            step("[3/6] COPY requirements.txt .", "rb", ("wb", "cb"), 101.2, 101.2, cached=True),
            step(
                "[4/6] RUN pip install -r requirements.txt",
                "pb",
                ("rb",),
                101.2,
                101.2,
                cached=True,
            ),
            step("[5/6] COPY . .", "sb", ("pb", "cb"), 101.2, 101.2, cached=True),
            step("[6/6] RUN rm -rf /tmp/x", "xb", ("sb",), 101.2, 103.2),  # ran: 2 s
            step("exporting to image", "eb", (), 103.2, 104.0),
        ],
        seconds=5.0,  # its own wall time; its solve spanned 101 -> 103.2
    )
    est = times.estimate(variant)
    assert (est.executed, est.reused, est.earlier, est.unknown) == (3, 3, 0, ())
    # overhead (5.0 - 2.2) + the chain context 0.2, COPY 0.5, RUN 10, COPY 1, RUN 2 (FROM 0; a
    # cached WORKDIR 0: a --no-cache build reports it cached too, whatever an execution took)
    assert est.seconds == pytest.approx(2.8 + 0.2 + 0.5 + 10 + 1 + 2)
    assert ("[2/6] WORKDIR /app", 0.0, "cached when cold", None, None) in est.steps
    assert est.seconds is not None
    assert est.serial_seconds == pytest.approx(est.seconds)  # one chain: path = sum


def test_a_cached_step_with_the_times_of_an_earlier_build_never_makes_a_negative_estimate(
    tmp_path: Path,
) -> None:
    times = StepTimes(tmp_path)
    times.record(original())
    variant = build(
        [
            *prelude("b", 5000.0),
            step("[1/5] FROM docker.io/library/python:3.11", "fb", (), 5001, 5001),
            step(
                "[2/5] WORKDIR /app", "wb", ("fb",), 1.0, 1.5, cached=True
            ),  # the original's times
            step("[internal] load build context", "cb", (), 5001, 5001.2),
            step("[3/5] COPY requirements.txt .", "rb", ("wb", "cb"), 1.5, 2.0, cached=True),
            step("[4/5] RUN pip install -r requirements.txt", "pb", ("rb",), 2, 12, cached=True),
            step("[5/5] COPY . .", "sb", ("pb", "cb"), 5001.2, 5002.2),
            step("exporting to image", "eb", (), 5002.2, 5003.0),
        ],
        seconds=3.0,
    )
    est = times.estimate(variant)
    # overhead 3.0 - 1.2 (the executed steps' span), then the chain context 0.2 (WORKDIR
    # cached: 0 s) + 0.5 + 10 + 1
    assert est.seconds == pytest.approx(1.8 + 11.7)


def test_a_cached_step_of_unknown_time_makes_no_estimate(tmp_path: Path) -> None:
    times = StepTimes(tmp_path)
    b = build(
        [
            step("[1/3] FROM docker.io/library/node:18", "f", (), 0, 0, cached=True),
            step("[2/3] WORKDIR /srv", "w", ("f",), 0, 0, cached=True),
            step("[3/3] RUN npm ci", "n", ("w",), 0, 0, cached=True),
        ],
        seconds=1.0,
    )
    est = times.estimate(b)
    assert est.seconds is None and est.serial_seconds is None
    assert est.unknown == ("[3/3] RUN npm ci",)
    assert est.assumed == 2  # FROM and WORKDIR do no work of the user's: 0 s


def test_parallel_stages_count_by_their_critical_path(tmp_path: Path) -> None:
    # builder stage (go build, 30 s) and a runtime stage (apt-get, 8 s) in parallel, then
    # COPY --from=builder joins them.
    b = build(
        [
            step("[builder 1/2] FROM docker.io/library/golang:1.19", "g", (), 0, 0),
            step("[builder 2/2] RUN go build -o /app .", "gb", ("g",), 0, 30),
            step("[stage-1 1/3] FROM docker.io/library/debian:bookworm-slim", "d", (), 0, 0),
            step(
                "[stage-1 2/3] RUN apt-get update && apt-get install -y ca-certificates",
                "da",
                ("d",),
                0,
                8,
            ),
            step("[stage-1 3/3] COPY --from=builder /app /app", "j", ("da", "gb"), 30, 31),
        ],
        seconds=33.0,
    )
    seconds = {s.digest: (s.completed or 0) - (s.started or 0) for s in b.steps if s.digest}
    assert critical_path(b.steps, seconds) == (31.0, 39.0)
    times = StepTimes(tmp_path)
    est = times.estimate(b)  # all executed here: the estimate is the build itself
    assert est.seconds == pytest.approx(33.0)
    assert est.serial_seconds == pytest.approx(41.0)
    # Built with the cache after another build executed the builder stage: the 30 s come from
    # there, still on the path, and the runtime stage's 8 s stay beside them.
    times.record(b)
    again = build(
        [
            step("[builder 1/2] FROM docker.io/library/golang:1.19", "g2", (), 50, 50),
            step("[builder 2/2] RUN go build -o /app .", "gb2", ("g2",), 50, 50, cached=True),
            step("[stage-1 1/3] FROM docker.io/library/debian:bookworm-slim", "d2", (), 50, 50),
            step(
                "[stage-1 2/3] RUN apt-get update && apt-get install -y ca-certificates",
                "da2",
                ("d2",),
                50,
                58,
            ),
            step("[stage-1 3/3] COPY --from=builder /app /app", "j2", ("da2", "gb2"), 58, 59),
        ],
        seconds=11.0,
    )
    est = times.estimate(again)
    assert (est.executed, est.reused) == (4, 1)
    assert est.seconds == pytest.approx(11.0 - 9.0 + 31.0)


def test_durations_outlive_the_run_on_disk(tmp_path: Path) -> None:
    StepTimes(tmp_path).record(original())
    files = list((tmp_path / "steps").glob("*.json"))
    assert len(files) == 12  # each step by its inputs and by its text alone
    assert all(json.loads(f.read_text())["seconds"] >= 0 for f in files)
    later = StepTimes(tmp_path)
    b = build(
        [
            step("[1/3] FROM docker.io/library/python:3.11", "f", (), 0, 0, cached=True),
            step("[2/3] WORKDIR /app", "w", ("f",), 0, 0, cached=True),
            step("[internal] load build context", "c", (), 0, 0.1),
            step("[3/3] COPY requirements.txt .", "r", ("w", "c"), 0.1, 0.1, cached=True),
        ],
        seconds=1.0,
    )
    est = later.estimate(b)
    assert (est.reused, est.earlier, est.executed, est.assumed) == (0, 2, 1, 1)  # WORKDIR 0 s
    assert StepTimes(tmp_path, disk=False).estimate(b).seconds is None
    (tmp_path / "steps").chmod(0o500)  # an unwritable cache only costs time
    try:
        StepTimes(tmp_path).record(original())
    finally:
        (tmp_path / "steps").chmod(0o700)


def test_rawjson_keeps_digests_inputs_and_times() -> None:
    parser = RawJsonParser()
    parser.feed(
        json.dumps(
            {
                "vertexes": [
                    {
                        "digest": "sha256:b",
                        "inputs": ["sha256:a"],
                        "name": "[2/2] RUN make",
                        "started": "2026-12-05T01:00:00.5Z",
                        "completed": "2026-12-05T01:00:03.25Z",
                    }
                ]
            }
        )
        + "\n"
    )
    (s,) = parser.steps()
    assert s.digest == "sha256:b" and s.inputs == ("sha256:a",)
    assert s.started is not None and s.completed is not None
    assert s.completed - s.started == pytest.approx(2.75)


def test_a_step_reused_on_other_inputs_takes_its_text_s_last_time(tmp_path: Path) -> None:
    # Another go build ran (other flags) and wrote the same binary: BuildKit reuses the
    # COPY --from after it, a step with a key no build executed.
    times = StepTimes(tmp_path, disk=False)
    times.record(
        build(
            [
                step("[build 1/2] FROM docker.io/library/golang:1.19", "g", (), 0, 0),
                step("[build 2/2] RUN go build", "b", ("g",), 0, 20),
                step("[stage-1 1/2] FROM docker.io/library/debian:bookworm-slim", "d", (), 0, 0),
                step(
                    "[stage-1 2/2] COPY --from=build /app/server /app/server",
                    "c",
                    ("d", "b"),
                    20,
                    21.5,
                ),
            ],
            seconds=23.0,
        )
    )
    again = build(
        [
            step("[build 1/2] FROM docker.io/library/golang:1.19", "g2", (), 0, 0),
            step("[build 2/2] RUN go build -trimpath", "b2", ("g2",), 0, 25),
            step("[stage-1 1/2] FROM docker.io/library/debian:bookworm-slim", "d2", (), 0, 0),
            step(
                "[stage-1 2/2] COPY --from=build /app/server /app/server",
                "c2",
                ("d2", "b2"),
                25,
                25,
                cached=True,
            ),
        ],
        seconds=27.0,
    )
    est = times.estimate(again)
    assert (est.executed, est.reused, est.similar, est.unknown) == (3, 0, 1, ())
    assert est.seconds == pytest.approx(27.0 - 25.0 + 25.0 + 1.5)


def test_cache_mounts_are_not_part_of_a_step_as_buildkit_caches_it() -> None:
    # Measured on this engine: a variant's RUN with cache mounts (any id) is a cache hit of the
    # original's RUN without them.
    mounts = "--mount=type=cache,target=/root/.cache/go-build,id=imgopt-r-0-abc"

    def go(stage: str, tag: str, run: str, copy: str = "COPY . .", **kw: Any) -> BuildResult:
        return build(
            [
                step(f"[{stage}1/3] FROM docker.io/library/golang:1.19", f"f{tag}", (), 0, 0),
                step("[internal] load build context", f"c{tag}", (), 0, 0.1),
                step(f"[{stage}2/3] {copy}", f"k{tag}", (f"f{tag}", f"c{tag}"), 0.1, 0.2),
                step(f"[{stage}3/3] {run}", f"r{tag}", (f"k{tag}",), 0.2, 5.2, **kw),
            ],
            seconds=6.0,
        )

    plain = go("", "a", "RUN go build -o server .")
    bind = go("", "b", "RUN --mount=type=bind,source=x,target=/x go build -o server .")
    mounted = go("stage-0 ", "m", f"RUN {mounts} go build -o server .", cached=True)
    keys = step_keys(plain.steps)
    assert keys["ra"] != step_keys(bind.steps)["rb"]  # a bind mount stays part of the step
    assert keys["ra"] == step_keys(mounted.steps)["rm"]
    times = StepTimes(disk=False)
    times.record(plain)
    # Same step to BuildKit; with no warm rebuild its empty mounts do not matter.
    assert times.estimate(mounted).reused == 1
    # The warm rebuild edits main.go, copied before the step: the step runs again after the edit
    # and would read mounts that no cold build filled. No estimate: a real cold build.
    est = times.estimate(mounted, edited="main.go")
    assert est.seconds is None and est.unknown == (mounted.steps[3].name,)
    # A step before the sources are copied does not run again after the edit.
    deps = go("stage-0 ", "d", f"RUN {mounts} go mod download", copy="COPY go.mod .", cached=True)
    times.record(go("", "e", "RUN go mod download", copy="COPY go.mod ."))
    assert times.estimate(deps, edited="main.go").reused == 1
    # Another variant executed the very step, mount ids included: its mounts are filled.
    times.record(go("build ", "x", f"RUN {mounts} go build -o server ."))
    est = times.estimate(mounted, edited="main.go")
    assert est.reused == 1 and est.seconds is not None


@pytest.mark.parametrize(
    ("instruction", "copies"),
    [
        ("COPY . .", True),
        ("COPY --chown=app:app . /app", True),
        ("COPY src/ /app/src/", True),
        ("COPY *.go ./", True),
        ('COPY ["main.go", "/app/"]', True),
        ("COPY requirements.txt .", False),
        ("COPY go.mod go.sum ./", False),
        ("RUN make", False),
    ],
)
def test_which_copy_takes_in_the_edited_file(instruction: str, copies: bool) -> None:
    from imgopt.bench.steps import _copies

    edited = "main.go" if "src" not in instruction else "src/main.go"
    assert _copies(instruction, edited) is copies


def test_env_before_a_step_makes_another_step_though_its_name_is_the_same() -> None:
    from imgopt.bench.steps import hidden_inputs
    from imgopt.dockerfile import parse

    original = parse("FROM golang:1.19\nWORKDIR /app\nCOPY . .\nRUN go build -o server .\n")
    static = parse(
        "FROM golang:1.19 AS build\nWORKDIR /app\nCOPY . .\nENV CGO_ENABLED=0\n"
        "RUN go build -o server .\n\nFROM build AS test\nRUN go vet .\n"
    )
    h1, h2 = hidden_inputs(original), hidden_inputs(static)
    assert h1[(None, 4)] == "" and h2[("build", 4)] == "ENV CGO_ENABLED=0"
    assert h2[("stage-0", 3)] == ""  # the COPY comes before the ENV
    assert h2[("test", 2)] == "ENV CGO_ENABLED=0"  # inherited through FROM build

    def run(stage: str | None, digests: tuple[str, str]) -> list[BuildStep]:
        label = f"{stage} " if stage else ""
        return [
            step(f"[{label}1/2] FROM docker.io/library/golang:1.19", digests[0], (), 0, 0),
            step(f"[{label}2/2] RUN go build -o server .", digests[1], (digests[0],), 0, 4),
        ]

    plain, built = run(None, ("a", "b")), run("build", ("c", "d"))
    hp: dict[tuple[str | None, int], str] = {(None, 2): ""}
    hb: dict[tuple[str | None, int], str] = {("build", 2): "ENV CGO_ENABLED=0"}
    assert step_keys(plain, hp)["b"] != step_keys(built, hb)["d"]
    assert step_keys(plain)["b"] == step_keys(built)["d"]  # what the names alone would say


def test_mount_ids_per_step_are_shared_by_equal_steps_only() -> None:
    from imgopt.bench.cold import namespaced_text
    from imgopt.dockerfile import parse

    hygiene = (
        "FROM golang:1.19\nWORKDIR /app\nCOPY . .\n"
        "RUN --mount=type=cache,target=/root/.cache/go-build go build -o server .\n"
        "RUN --mount=type=cache,target=/root/.cache/go-build go vet .\nCMD ['./server']\n"
    )
    multistage = (
        "FROM golang:1.19 AS build\nWORKDIR /app\nCOPY . .\n"
        "RUN --mount=type=cache,target=/root/.cache/go-build go build -o server .\n"
        "# runtime\nFROM debian:bookworm-slim\nCOPY --from=build /app/server /server\n"
    )
    static = hygiene.replace("COPY . .\n", "COPY . .\nENV CGO_ENABLED=0\n")

    def ids(text: str, salt: str = "") -> list[str | None]:
        out = namespaced_text(text, "run1-0", by_prefix=True, salt=salt)
        return [m.get("id") for ins in parse(out).instructions for m in ins.mounts]

    h, m, s = ids(hygiene), ids(multistage), ids(static)
    assert h[0] == h[1]  # one id, shared by both steps that mount it, as written
    assert h[0] == m[0]  # the same step after the same instructions (stage name aside)
    assert s[0] != h[0]  # other inputs: its own, empty mount
    assert ids(hygiene, salt="*.md\n")[0] != h[0]  # another ignore file: other files copied
    assert all(i and i.startswith("imgopt-run1-0-") for i in h + m + s)


def _slower(result: BuildResult, k: float) -> BuildResult:
    """``result`` with every step ``k`` times as long (the same machine, busier)."""
    from dataclasses import replace

    steps = [
        replace(
            s,
            started=None if s.started is None else s.started * k,
            completed=None if s.completed is None else s.completed * k,
            seconds=s.seconds * k,
        )
        for s in result.steps
    ]
    return replace(result, steps=tuple(steps), seconds=result.seconds * k)


def _variant(
    t0: float, *, rm_cached: bool, rm_seconds: float = 4.0, ctx: float = 0.2
) -> BuildResult:
    """The original's steps from the cache, then its own step ``RUN rm -rf /tmp/x``."""
    end = t0 + ctx + (0.0 if rm_cached else rm_seconds)
    return build(
        [
            *prelude("v", t0),
            step("[1/6] FROM docker.io/library/python:3.11", "fv", (), t0, t0, cached=True),
            step("[2/6] WORKDIR /app", "wv", ("fv",), t0, t0, cached=True),
            step("[internal] load build context", "cv", (), t0, t0 + ctx),
            step("[3/6] COPY requirements.txt .", "rv", ("wv", "cv"), t0, t0, cached=True),
            step("[4/6] RUN pip install -r requirements.txt", "pv", ("rv",), t0, t0, cached=True),
            step("[5/6] COPY . .", "sv", ("pv", "cv"), t0, t0, cached=True),
            step("[6/6] RUN rm -rf /tmp/x", "xv", ("sv",), t0 + ctx, end, cached=rm_cached),
        ],
        seconds=end - t0,
    )


def test_an_earlier_runs_time_is_scaled_by_how_that_run_timed_this_runs_steps(
    tmp_path: Path,
) -> None:
    # Run A, on a busy machine: the original's steps took twice as long as they will in run B,
    # and the variant's own step ran there (8 s, where run B's machine would take 4 s).
    a = StepTimes(tmp_path, run_id="A")
    a.record(_slower(original(), 2.0))
    a.record(_variant(100.0, rm_cached=False, rm_seconds=8.0, ctx=0.4))
    # Run B, hours later on an idle machine: the original built cold again (its steps 1x), the
    # variant's step comes from BuildKit's cache, timed only by run A.
    b = StepTimes(tmp_path, run_id="B")
    b.record(original())
    assert b.speed("A") == pytest.approx(0.5)
    est = b.estimate(_variant(200.0, rm_cached=True))
    assert (est.earlier, est.scaled) == (1, 1)
    # no time outside the executed context; then the chain context 0.2 (cached WORKDIR 0 s),
    # COPY 0.5, RUN pip 10, COPY 1 (this run's), rm 8 s x 0.5
    assert est.seconds == pytest.approx(0.2 + 0.5 + 10 + 1 + 4.0)
    assert ("[6/6] RUN rm -rf /tmp/x", 4.0, "earlier x0.50", None, None) in est.steps


def test_an_earlier_run_with_no_step_in_common_is_taken_as_it_was(tmp_path: Path) -> None:
    a = StepTimes(tmp_path, run_id="A")
    a.record(original())
    a.record(_variant(100.0, rm_cached=False, rm_seconds=8.0))
    b = StepTimes(tmp_path, run_id="B")  # nothing executed in common with run A
    est = b.estimate(_variant(200.0, rm_cached=True))
    assert b.speed("A") is None and est.scaled == 0
    rm = next(s for s in est.steps if "rm -rf" in s[0])
    assert rm[1:3] == (8.0, "earlier")


def test_a_store_from_before_histories_is_still_read(tmp_path: Path) -> None:
    a = StepTimes(tmp_path, run_id="A")
    a.record(original())
    a.record(_variant(100.0, rm_cached=False, rm_seconds=8.0))
    for f in (tmp_path / "steps").glob("*.json"):  # the format of earlier imgopt versions
        data = json.loads(f.read_text())
        f.write_text(json.dumps({"seconds": data["seconds"], "step": data["step"]}))
    rm = next(
        s for s in StepTimes(tmp_path).estimate(_variant(200.0, rm_cached=True)).steps
        if "rm -rf" in s[0]
    )  # fmt: skip
    assert rm[1:3] == (8.0, "earlier")


def test_the_history_keeps_the_last_executions_one_per_run(tmp_path: Path) -> None:
    from imgopt.bench.steps import HISTORY

    for i in range(HISTORY + 3):
        times = StepTimes(tmp_path, run_id=f"r{i}")
        times.record(original())
        times.record(original())  # twice in one run: one execution kept
    files = list((tmp_path / "steps").glob("*.json"))
    history = json.loads(files[0].read_text())["history"]
    assert [h["run"] for h in history] == [f"r{i}" for i in range(3, HISTORY + 3)]


def test_a_step_a_no_cache_build_reported_cached_costs_a_cold_build_nothing(
    tmp_path: Path,
) -> None:
    # Once, an execution of the step took 3 s (stored); this run's --no-cache build of the
    # original reported it cached, as BuildKit does for WORKDIR: a cold build does not run it.
    StepTimes(tmp_path, run_id="A").record(_variant(100.0, rm_cached=False, rm_seconds=3.0))
    b = StepTimes(tmp_path, run_id="B")
    b.record(original())
    assert b.estimate(_variant(200.0, rm_cached=True)).steps[-1][1:3] == (3.0, "earlier")
    cold = _variant(300.0, rm_cached=True)  # a --no-cache build that reports the step cached
    b.record(cold, no_cache=True)
    est = b.estimate(_variant(400.0, rm_cached=True))
    assert est.steps[-1] == ("[6/6] RUN rm -rf /tmp/x", 0.0, "cached when cold", None, None)


def test_only_a_workdir_right_on_the_base_image_is_free_in_a_cold_build(tmp_path: Path) -> None:
    def image(t0: float, *, cached: bool) -> BuildResult:
        return build(
            [
                step("[1/4] FROM docker.io/library/debian:bookworm", "f", (), t0, t0),
                step("[2/4] WORKDIR /src", "w1", ("f",), t0, t0 + 0.7, cached=cached),
                step("[3/4] RUN apt-get update", "a", ("w1",), t0 + 0.7, t0 + 2.7, cached=cached),
                step("[4/4] WORKDIR /app", "w2", ("a",), t0 + 2.7, t0 + 3.0, cached=cached),
            ],
            seconds=0.0 if cached else 3.0,  # nothing outside the steps
        )

    StepTimes(tmp_path, run_id="A").record(image(0.0, cached=False))
    est = StepTimes(tmp_path, run_id="B").estimate(image(100.0, cached=True))
    counted = {name: (seconds, source) for name, seconds, source, *_ in est.steps}
    # on the base image: reported cached by a --no-cache build, so free; after a RUN: it runs
    assert counted["[2/4] WORKDIR /src"] == (0.0, "cached when cold")
    assert counted["[4/4] WORKDIR /app"][1] == "earlier"
    assert counted["[4/4] WORKDIR /app"][0] == pytest.approx(0.3)
    assert est.seconds == pytest.approx(2.0 + 0.3)


def test_one_stalled_step_in_the_yardstick_scales_nothing(tmp_path: Path) -> None:
    from dataclasses import replace

    # Run A: the machine as fast as in run B, but the original's pip install stalled on a
    # download (40 s instead of 10 s). Its sum says "4x slower"; its other steps say "the same".
    slow_pip = original()
    steps = tuple(
        replace(s, completed=s.started + 40.0) if s.instruction.startswith("RUN pip") else s
        for s in slow_pip.steps
        if s.started is not None
    )
    a = StepTimes(tmp_path, run_id="A")
    a.record(replace(slow_pip, steps=steps))
    a.record(_variant(100.0, rm_cached=False, rm_seconds=8.0))
    b = StepTimes(tmp_path, run_id="B")
    b.record(original())
    assert b.speed("A") is None  # pip 0.25x, WORKDIR/COPY 1x: no one speed of the machine
    rm = next(s for s in b.estimate(_variant(200.0, rm_cached=True)).steps if "rm -rf" in s[0])
    assert rm[1:3] == (8.0, "earlier")  # taken as it was, not scaled to 2.4 s


def test_an_estimate_names_the_earlier_cold_builds_its_steps_were_timed_in(
    tmp_path: Path,
) -> None:
    # Run A built the variant cold (its rm step executed); run B, at the same load, finds that
    # step in BuildKit's cache: its time is run A's build of this variant, scaled by 1.
    a = StepTimes(tmp_path, run_id="A", load=lambda: 1.0, cores=2)
    a.record(original(), build="original")
    a.record(_variant(100.0, rm_cached=False, rm_seconds=8.0), build="v")
    b = StepTimes(tmp_path, run_id="B", load=lambda: 1.0, cores=2)
    b.record(original(), build="original")
    est = b.estimate(_variant(200.0, rm_cached=True))
    assert est.earlier_builds == (("A", "v", 1.0, 8.0),)
    # at twice the load now, the same build counts with its factor
    c = StepTimes(tmp_path, run_id="C", load=lambda: 4.0, cores=2)
    c.record(original(), build="original")
    ((run, built, factor, seconds),) = c.estimate(_variant(300.0, rm_cached=True)).earlier_builds
    assert (run, built) == ("A", "v") and factor is not None and factor > 1.5
    assert seconds == pytest.approx(8.0 * factor)
    # an execution stored before builds were named: its build is unknown
    for f in (tmp_path / "steps").glob("*.json"):
        data = json.loads(f.read_text())
        for sample in data["history"]:
            sample.pop("build", None)
        f.write_text(json.dumps(data))
    d = StepTimes(tmp_path, run_id="D", load=lambda: 1.0, cores=2)
    d.record(original())
    assert d.estimate(_variant(400.0, rm_cached=True)).earlier_builds == (("A", None, 1.0, 8.0),)


APT = "RUN --mount=type=cache,target=/var/cache/apt,sharing=locked,id=imgopt-r-apt apt-get"


def _two_stage_apt() -> BuildResult:
    """python-native's multistage-slim as measured (rawjson, 2026-12-06): both stages' apt-get
    steps start at once; the build stage's holds the locked mount and ends at 2.20 s, the
    runtime's waits for it and ends at 4.08 s (1.88 s of its own)."""
    return build(
        [
            step("[build 1/3] FROM docker.io/library/python:3.11", "fb", (), 0.0, 0.0),
            step(f"[build 2/3] {APT} install gcc", "ab", ("fb",), 0.02, 2.2),
            step("[build 3/3] RUN pip install -r r.txt", "pb", ("ab",), 2.2, 9.4),
            step("[stage-1 1/3] FROM docker.io/library/python:3.11-slim", "fs", (), 0.0, 0.0),
            step(f"[stage-1 2/3] {APT} install libpq5", "as", ("fs",), 0.02, 4.08),
            step(
                "[stage-1 3/3] COPY --from=build /opt/venv /opt/venv", "cs", ("as", "pb"), 9.4, 9.5
            ),
        ],
        seconds=10.0,
    )


def test_a_wait_for_a_locked_cache_mount_is_not_the_steps_own_time(tmp_path: Path) -> None:
    from imgopt.bench.steps import lock_waits, locked_ids

    assert locked_ids(APT) == {"imgopt-r-apt"}
    assert locked_ids("RUN --mount=type=cache,target=/root/.cache/pip pip install") == set()
    assert locked_ids("RUN --mount=type=cache,target=/c,sharing=locked x") == {"/c"}  # no id
    result = _two_stage_apt()
    assert lock_waits(result.steps) == {"as": pytest.approx(2.18)}
    times = StepTimes(tmp_path, run_id="A")
    times.record(result, build="multistage-slim")
    keys = step_keys(result.steps)
    assert times.run[keys["as"]] == pytest.approx(1.88)  # what another build reusing it pays
    assert times.run[keys["ab"]] == pytest.approx(2.18)


def test_steps_sharing_a_locked_mount_run_one_after_the_other_in_either_order() -> None:
    result = _two_stage_apt()
    own = {"fb": 0.0, "ab": 2.18, "pb": 7.2, "fs": 0.0, "as": 1.88, "cs": 0.1}
    longest, total = critical_path(result.steps, own)
    # build's first: the runtime's apt ends at 4.06, the chain at 9.48; runtime's first: the
    # build's apt ends at 4.06, the chain at 11.36; the race counts as the mean of the two
    assert longest == pytest.approx((9.48 + 11.36) / 2)
    assert total == pytest.approx(sum(own.values()))
    # without the lock (a pip mount is shared, not locked), the stages overlap freely
    free = [
        s if s.digest not in ("ab", "as") else replace(s, instruction=s.instruction.replace(
            "sharing=locked,", ""))
        for s in result.steps
    ]  # fmt: skip
    assert critical_path(free, own)[0] == pytest.approx(9.48)


def test_locked_steps_one_after_the_other_in_a_stage_take_their_one_order() -> None:
    steps = [
        step("[1/3] FROM docker.io/library/debian:bookworm", "f", (), 0.0, 0.0),
        step(f"[2/3] {APT} install a", "a1", ("f",), 0.0, 2.0),
        step(f"[3/3] {APT} install b", "a2", ("a1",), 2.0, 5.0),
    ]
    assert critical_path(steps, {"f": 0.0, "a1": 2.0, "a2": 3.0})[0] == pytest.approx(5.0)
