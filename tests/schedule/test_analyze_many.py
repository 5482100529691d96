"""analyze PATH... through the scheduler, with a fake child: placement, retries, the record."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest

import imgopt.analyze.many as many
from imgopt.analyze.many import ChildOptions, analyze_many
from imgopt.engine.client import EngineEndpoint
from imgopt.errors import InputError
from imgopt.schedule import Shard

ONE = EngineEndpoint("one")
TWO = EngineEndpoint("two", "unix:///run/imgopt-test-two.sock")


def targets(tmp_path: Path, n: int) -> list[Path]:
    out = []
    for i in range(n):
        app = tmp_path / "apps" / f"app{i}"
        app.mkdir(parents=True)
        (app / "Dockerfile").write_text("FROM scratch\n")
        out.append(app)
    return out


class FakeChildren:
    """Children that record where they ran; engine two's die once it is marked dead."""

    def __init__(self, dead: set[str] | None = None, *, wait_for_dead: bool = False) -> None:
        self.calls: list[tuple[str, str | None, str]] = []
        self.dead = dead or set()
        self.lock = threading.Lock()
        self.died = threading.Event()
        self.wait_for_dead = wait_for_dead

    def __call__(self, argv: list[str], env: dict[str, str], engine: str) -> int:
        with self.lock:
            self.calls.append((argv[4], env.get("DOCKER_HOST"), engine))
        if engine in self.dead:
            self.died.set()
            return 3
        if self.wait_for_dead:  # the live engine must not finish everything before one dies
            assert self.died.wait(timeout=30)
        out = Path(argv[argv.index("--out") + 1])
        (out / "analysis.json").write_text(json.dumps({"recommendation": {"variant": "slim"}}))
        return 0


def test_one_engine_runs_every_target_in_its_own_folder(tmp_path: Path) -> None:
    apps = targets(tmp_path, 3)
    children = FakeChildren()
    outcomes = analyze_many(
        apps, [], tmp_path / "out", ChildOptions(("--repeat", "1")), runner=children
    )
    assert [o.path for o in outcomes] == apps
    assert {o.engine for o in outcomes} == {"default"}
    assert [o.recommended for o in outcomes] == ["slim"] * 3
    assert sorted(c[0] for c in children.calls) == sorted(map(str, apps))
    record = json.loads((tmp_path / "out" / "engines.json").read_text())
    assert [t["engine"] for t in record["targets"]] == ["default"] * 3
    assert {o.folder.name for o in outcomes} == {"app0", "app1", "app2"}


def test_targets_of_a_dead_engine_finish_on_the_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    apps = targets(tmp_path, 4)
    monkeypatch.setattr(many, "engine_answers", lambda host=None, **_: host != TWO.host)
    children = FakeChildren(dead={"two"}, wait_for_dead=True)
    outcomes = analyze_many(apps, [ONE, TWO], tmp_path / "out", ChildOptions(), runner=children)
    assert all(o.exit_code == 0 and o.engine == "one" for o in outcomes)
    assert any(c[2] == "two" and c[1] == TWO.host for c in children.calls)
    retried = [o for o in outcomes if o.attempts == ("two", "one")]
    assert len(retried) == 1
    record = json.loads((tmp_path / "out" / "engines.json").read_text())
    assert ["two", "one"] in [t["attempts"] for t in record["targets"]]


def test_a_failure_while_the_engine_answers_is_the_targets_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    apps = targets(tmp_path, 2)
    monkeypatch.setattr(many, "engine_answers", lambda host=None, **_: True)
    outcomes = analyze_many(
        apps, [ONE], tmp_path / "out", ChildOptions(), runner=FakeChildren(dead={"one"})
    )
    assert [o.exit_code for o in outcomes] == [3, 3]
    assert all(o.attempts == ("one",) for o in outcomes)


def test_shards_split_targets_and_one_targets_variants(tmp_path: Path) -> None:
    apps = targets(tmp_path, 4)
    seen: list[str] = []
    for k in (1, 2):
        children = FakeChildren()
        analyze_many(
            apps, [], tmp_path / f"out{k}", ChildOptions(), shard=Shard(k, 2), runner=children
        )
        seen += [c[0] for c in children.calls]
    assert sorted(seen) == sorted(map(str, apps))

    variants = []
    for k in (1, 2):
        outcomes = analyze_many(
            apps[:1],
            [],
            tmp_path / f"one{k}",
            ChildOptions(),
            shard=Shard(k, 2),
            variant_names=lambda p: ["original", "hygiene", "slim-base", "distroless"],
            runner=FakeChildren(),
        )
        variants += [v for o in outcomes for v in (o.variants or ())]
    assert sorted(variants) == ["distroless", "hygiene", "slim-base"]


def test_the_same_target_twice_is_bad_input(tmp_path: Path) -> None:
    apps = targets(tmp_path, 1)
    with pytest.raises(InputError, match="named twice"):
        analyze_many(apps * 2, [], tmp_path / "out", ChildOptions(), runner=FakeChildren())


class VariantChildren:
    """Children of a target split by variant: each records its engine, its part's folder, the
    variants it was given and whether it resumed the folder; ``hold`` makes an engine's
    children wait until an event is set, ``die`` makes the engine's n-th child (from 1) find it
    dead (exit 3; ``answers`` then says so); ``meet``: each engine's first child waits for the
    others' (so that no engine takes every variant before another starts)."""

    def __init__(
        self,
        hold: dict[str, threading.Event] | None = None,
        die: tuple[str, int] | None = None,
        meet: threading.Barrier | None = None,
    ) -> None:
        self.calls: list[tuple[str, str, list[str], bool]] = []
        self.meet = meet
        self.hold = hold or {}
        self.die = die
        self.dead: set[str] = set()
        self.died = threading.Event()
        self.lock = threading.Lock()

    def answers(self, host: str | None = None, **_: object) -> bool:
        return not any(e.host == host for e in (ONE, TWO) if e.name in self.dead)

    def __call__(self, argv: list[str], env: dict[str, str], engine: str) -> int:
        out = Path(argv[argv.index("--out") + 1])
        last = len(argv) - 1 - argv[::-1].index("--variants")  # the part's, after the user's
        with self.lock:
            self.calls.append((engine, out.name, argv[last + 1].split(","), "--resume" in argv))
            n = sum(1 for c in self.calls if c[0] == engine)
        assert out.is_dir()
        if self.meet is not None and n == 1:
            self.meet.wait()
        if engine in self.hold:
            assert self.hold[engine].wait(timeout=30)
        if self.die == (engine, n):
            self.dead.add(engine)
            self.died.set()
            return 3
        (out / "analysis.json").write_text(json.dumps({"recommendation": None}))
        return 0

    def of(self, engine: str) -> list[tuple[str, str, list[str], bool]]:
        return [c for c in self.calls if c[0] == engine]


NAMES = ["original", "hygiene", "slim-base", "multistage", "distroless"]


def test_a_split_targets_variants_are_handed_out_one_at_a_time(tmp_path: Path) -> None:
    """Each engine opens one part: its first child builds the original and one variant, each
    further one resumes the same run folder with one more variant; every variant once."""
    apps = targets(tmp_path, 1)
    children = VariantChildren(meet=threading.Barrier(2, timeout=30))
    outcomes = analyze_many(
        apps,
        [ONE, TWO],
        tmp_path / "out",
        ChildOptions(("--variants", ",".join(NAMES))),
        variant_names=lambda p: NAMES,
        runner=children,
    )
    assert len(children.calls) == len(NAMES) - 1  # a child per variant
    for engine in ("one", "two"):
        mine = children.of(engine)
        assert mine, engine
        assert len({c[1] for c in mine}) == 1  # one part folder per engine
        assert [c[3] for c in mine] == [False] + [True] * (len(mine) - 1)
        for i, (_, _, given, _) in enumerate(mine):
            assert len(given) == i + 1 and given[:i] == mine[i - 1][2][:i]  # one more each
    handed = [c[2][-1] for c in children.calls]
    assert sorted(handed) == sorted(NAMES[1:])
    assert sorted(o.folder.name for o in outcomes) == ["app0.part1", "app0.part2"]
    record = json.loads((tmp_path / "out" / "engines.json").read_text())
    by_engine = {t["engine"]: t for t in record["targets"]}
    for engine in ("one", "two"):
        assert by_engine[engine]["variants"] == children.of(engine)[-1][2]
        assert by_engine[engine]["attempts"] == [engine] and by_engine[engine]["moved"] == []
    assert sorted(v for t in record["targets"] for v in t["variants"]) == sorted(NAMES[1:])


def test_an_engine_that_finishes_early_takes_the_next_variant(tmp_path: Path) -> None:
    """Engine two's first variant takes until engine one has done three: engine one takes every
    variant left, where parts fixed at the start would have given each engine two."""
    apps = targets(tmp_path, 1)
    release = threading.Event()
    children = VariantChildren(hold={"two": release}, meet=threading.Barrier(2, timeout=30))

    def runner(argv: list[str], env: dict[str, str], engine: str) -> int:
        code = children(argv, env, engine)
        if len(children.of("one")) == 3:
            release.set()
        return code

    analyze_many(
        apps,
        [ONE, TWO],
        tmp_path / "out",
        ChildOptions(),
        variant_names=lambda p: NAMES,
        runner=runner,
    )
    assert len(children.of("one")) == 3 and len(children.of("two")) == 1
    assert [c[3] for c in children.of("one")] == [False, True, True]


def _two_dies_at(
    n: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[VariantChildren, list[many.TargetOutcome]]:
    """One target's variants over engines one and two; two dies during its ``n``-th child,
    and one's first child waits until it has."""
    died = threading.Event()
    children = VariantChildren(hold={"one": died}, die=("two", n))
    children.died = died
    monkeypatch.setattr(many, "engine_answers", children.answers)
    outcomes = analyze_many(
        targets(tmp_path, 1),
        [ONE, TWO],
        tmp_path / "out",
        ChildOptions(),
        variant_names=lambda p: NAMES,
        runner=children,
    )
    return children, outcomes


def test_a_dead_engines_variant_is_analysed_again_in_another_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Engine two finishes one variant, then dies during its second: that variant goes to
    engine one's part; engine two's part keeps what it finished and names the moved one."""
    children, outcomes = _two_dies_at(2, tmp_path, monkeypatch)
    two = children.of("two")
    assert len(two) == 2 and two[1][3]  # its second child resumed its part, and died
    lost = two[1][2][-1]
    by_engine = {o.engine: o for o in outcomes}
    assert by_engine["two"].variants == (two[0][2][0],) and by_engine["two"].moved == (lost,)
    assert by_engine["two"].exit_code == 0  # its part ended well: what it finished stands
    assert lost in (by_engine["one"].variants or ())
    assert set(by_engine["one"].attempts) == {"one", "two"}
    assert sorted(v for o in outcomes for v in (o.variants or ())) == sorted(NAMES[1:])
    record = json.loads((tmp_path / "out" / "engines.json").read_text())
    assert [t["moved"] for t in record["targets"] if t["engine"] == "two"] == [[lost]]
    from imgopt.report.parts import part_of

    found = part_of(by_engine["two"].folder)  # the report reads it, and leaves the moved one out
    assert found is not None and found.moved == (lost,) and found.engine == "two"


def test_a_part_whose_engine_died_before_it_finished_anything_is_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    children, outcomes = _two_dies_at(1, tmp_path, monkeypatch)
    (two,) = children.of("two")
    assert [o.engine for o in outcomes] == ["one"]
    assert sorted(outcomes[0].variants or ()) == sorted(NAMES[1:])
    assert not (tmp_path / "out" / two[1]).exists()
    assert set(outcomes[0].attempts) == {"one", "two"}


def test_variants_the_originals_evidence_rewrites_open_a_part_of_their_own(
    tmp_path: Path,
) -> None:
    """They go together, in one child that builds the original (only a first pass reads the
    evidence), never added to a part by a resumed child."""
    apps = targets(tmp_path, 1)
    children = VariantChildren()
    analyze_many(
        apps,
        [ONE, TWO],
        tmp_path / "out",
        ChildOptions(),
        variant_names=lambda p: NAMES,
        together=lambda p: ["multistage", "distroless", "not-planned"],
        runner=children,
    )
    group = ["multistage", "distroless"]
    (joined,) = [i for i, c in enumerate(children.calls) if c[2] == group]
    assert not children.calls[joined][3]  # a new part, its first child
    assert all(c[1] != children.calls[joined][1] for c in children.calls[:joined])
    resumed = [c[2][-1] for c in children.calls if c[3]]
    assert not set(resumed) & set(group)  # never given to a resumed child
    firsts = [v for c in children.calls if not c[3] and c[2] != group for v in c[2]]
    assert sorted([*firsts, *resumed, *group]) == sorted(NAMES[1:])


def test_a_target_with_one_variant_is_not_split(tmp_path: Path) -> None:
    apps = targets(tmp_path, 1)
    children = FakeChildren()
    outcomes = analyze_many(
        apps,
        [ONE, TWO],
        tmp_path / "out",
        ChildOptions(),
        variant_names=lambda p: ["original", "slim-base"],
        runner=children,
    )
    assert [o.folder.name for o in outcomes] == ["app0"] and outcomes[0].variants is None


def test_a_compose_projects_services_go_through_the_scheduler_on_one_engine() -> None:
    """Longest first by earlier timings (nothing known: first), one at a time, in this thread;
    results in the services' order."""
    from imgopt.analyze.many import ALL, run_in_process
    from imgopt.schedule import CostModel, Timing

    ran: list[str] = []
    keys = ["web", "worker", "db-init"]
    cost = CostModel([Timing("web", ALL, "default", 5.0), Timing("worker", ALL, "default", 50.0)])

    def execute(i: int) -> str:
        assert threading.current_thread() is threading.main_thread()
        ran.append(keys[i])
        return keys[i].upper()

    assert run_in_process(keys, execute, cost) == ["WEB", "WORKER", "DB-INIT"]
    assert ran == ["db-init", "worker", "web"]


def test_a_services_error_raises_as_without_a_scheduler() -> None:
    from imgopt.analyze.many import run_in_process

    ran: list[int] = []

    def execute(i: int) -> int:
        ran.append(i)
        raise InputError("bad service")

    with pytest.raises(InputError, match="bad service"):
        run_in_process(["a", "b"], execute)
    assert len(ran) == 1  # nothing starts after it


def test_earlier_costs_read_each_variant_and_the_whole_target(tmp_path: Path) -> None:
    from imgopt.analyze.many import ALL, earlier_costs
    from imgopt.schedule import Unit

    run = tmp_path / "web"
    run.mkdir()
    (run / "run.json").write_text(json.dumps({"engine": {"name": "default"}, "phases": {}}))
    (run / "results.csv").write_text(
        "row,variant,kind,seconds,engine\n"
        "build,original,cold,10,default\n"
        "build,slim,cold,4,default\n"
    )
    cost = earlier_costs({"web": run, "gone": tmp_path / "gone"})
    assert cost.seconds(Unit("web", ALL), "default") == 14.0
    assert cost.seconds(Unit("web", "slim"), "default") == 4.0
    assert not cost.known(Unit("gone", ALL))


def test_a_compose_project_over_two_engines_is_split_by_service(tmp_path: Path) -> None:
    compose = tmp_path / "compose.yaml"
    compose.write_text("services: {}\n")
    both = threading.Barrier(2, timeout=30)
    calls: list[tuple[str, list[str]]] = []

    def child(argv: list[str], env: dict[str, str], engine: str) -> int:
        both.wait()
        assert "--variants" not in argv  # every variant of each of its services
        calls.append((engine, argv[argv.index("--services") + 1].split(",")))
        out = Path(argv[argv.index("--out") + 1])
        (out / "analysis.json").write_text("{}")
        return 0

    outcomes = analyze_many(
        [compose],
        [ONE, TWO],
        tmp_path / "out",
        ChildOptions(),
        variant_names=lambda p: ["original", "slim-base"],
        service_names=lambda p: ["web", "worker", "api"],
        runner=child,
    )
    assert sorted(c[0] for c in calls) == ["one", "two"]
    assert sorted(s for c in calls for s in c[1]) == ["api", "web", "worker"]
    assert sorted(len(c[1]) for c in calls) == [1, 2]
    assert sorted(s for o in outcomes for s in (o.services or ())) == ["api", "web", "worker"]
    assert all(o.variants is None for o in outcomes)
    record = json.loads((tmp_path / "out" / "engines.json").read_text())
    assert sorted(s for t in record["targets"] for s in t["services"]) == ["api", "web", "worker"]


def test_earlier_parts_of_a_target_count_as_its_timings(tmp_path: Path) -> None:
    """A target split last time: its parts' folders (``<name>.part<k>``) are read as its own."""
    from imgopt.analyze.many import _folders, _history
    from imgopt.schedule import Unit

    app = targets(tmp_path, 1)[0]
    out = tmp_path / "out"
    for part, variant, engine in (("part1", "slim", "one"), ("part2", "distroless", "two")):
        run = out / f"app0.{part}"
        run.mkdir(parents=True)
        (run / "run.json").write_text(json.dumps({"engine": {"name": engine}, "phases": {}}))
        (run / "results.csv").write_text(
            f"row,variant,kind,seconds,engine\nbuild,{variant},cold,7,{engine}\n"
        )
    cost = _history(out, [app], _folders([app]))
    assert cost.seconds(Unit(str(app), "slim"), "one") == 7.0
    assert cost.seconds(Unit(str(app), "distroless"), "two") == 7.0


def test_a_target_whose_parts_cannot_be_planned_here_stays_whole(tmp_path: Path) -> None:
    """Planning the split in the parent failed (a registry that does not answer, a bad file):
    the target runs whole, and its child reports what is wrong."""
    from imgopt.errors import EngineError

    def unplannable(path: Path) -> list[str]:
        raise EngineError("registry 127.0.0.1:5959 did not answer")

    apps = targets(tmp_path, 1)
    outcomes = analyze_many(
        apps,
        [ONE, TWO],
        tmp_path / "out",
        ChildOptions(),
        variant_names=unplannable,
        service_names=unplannable,
        runner=FakeChildren(),
    )
    assert [o.folder.name for o in outcomes] == ["app0"]


def test_a_split_target_gets_one_report_of_its_parts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """At the end, ``OUT/report/`` holds one report of both parts (children that copy the run
    folders a real split over two engines left: tests/report/fixtures/split)."""
    recorded = Path(__file__).parents[1] / "report" / "fixtures" / "split"
    apps = targets(tmp_path, 1)
    both = threading.Barrier(2, timeout=30)  # a variant each: neither engine takes both

    def child(argv: list[str], env: dict[str, str], engine: str) -> int:
        both.wait()
        out = Path(argv[argv.index("--out") + 1])
        k = out.name.rsplit(".part", 1)[1]
        shutil.copytree(recorded / f"go-http.part{k}", out, dirs_exist_ok=True)
        return 0

    outcomes = analyze_many(
        apps,
        [ONE, TWO],
        tmp_path / "out",
        ChildOptions(),
        variant_names=lambda p: ["original", "hygiene", "multistage-slim"],
        runner=child,
    )
    assert [o.folder.name for o in outcomes] == ["app0.part1", "app0.part2"]
    report = tmp_path / "out" / "report"
    assert sorted(p.name for p in report.glob("*.md")) == ["report.md"]  # one report, no index
    text = (report / "report.md").read_text()
    assert "original.part2" in text and "| variant | engine |" in text
    said = capsys.readouterr().err
    assert f"go-http: one report of its 2 parts in {report}, recommended: multistage-slim" in said
    # Each part's own analysis picks among its own rows (part 1 kept its original); the target's
    # outcome is the one pick of both parts, in the result and in engines.json.
    assert [o.part_recommended for o in outcomes] == ["original", "multistage-slim"]
    assert [o.recommended for o in outcomes] == ["multistage-slim", "multistage-slim"]
    record = json.loads((tmp_path / "out" / "engines.json").read_text())
    assert [t["recommended"] for t in record["targets"]] == ["multistage-slim"] * 2
    assert [t["part_recommended"] for t in record["targets"]] == ["original", "multistage-slim"]


def test_the_table_names_a_split_targets_one_pick_and_a_parts_own() -> None:
    from imgopt.analyze.many import TargetOutcome
    from imgopt.cli.analyze import outcome_lines

    def outcome(folder: str, rec: str | None, own: str | None, split: bool) -> TargetOutcome:
        return TargetOutcome(
            Path("app"), Path(folder), "one", ("one",), 0, 1.0, None, rec, None, own, split
        )

    lines = outcome_lines(
        [
            outcome("out/app.part1", "slim", "original", True),
            outcome("out/app.part2", "slim", "slim", True),
            outcome("out/other", "hygiene", None, False),
        ]
    )
    assert "slim (this part alone: original)  (out/app.part1)" in lines[1]
    assert lines[2].endswith("slim  (out/app.part2)")
    assert lines[3].endswith("hygiene  (out/other)")


def test_targets_never_timed_start_longest_by_their_dockerfile(tmp_path: Path) -> None:
    """With no earlier run, the Dockerfile's text orders the targets (imgopt.schedule.prior):
    the one that updates an index, installs packages and compiles starts first."""
    apps = targets(tmp_path, 3)
    (apps[2] / "Dockerfile").write_text(
        "FROM debian:bookworm\n"
        "RUN apt-get update && apt-get install -y gcc make libpq-dev python3-dev git curl\n"
        "RUN pip install -r requirements.txt && make\n"
    )
    cost = many._history(tmp_path / "out", apps, many._folders(apps))
    seconds = [cost.seconds(many.Unit(str(p), many.ALL)) for p in apps]
    assert seconds[2] > seconds[0] == seconds[1]
    children = FakeChildren()
    analyze_many(apps, [ONE], tmp_path / "out", ChildOptions(), runner=children)
    assert children.calls[0][0] == str(apps[2])


def test_a_node_apps_pruning_variants_are_the_ones_analysed_together() -> None:
    """node-express's multi-stage variants prune npm packages, which the built original's
    evidence rewrites; go-http's variants need nothing from a first pass."""
    from imgopt.analyze.many import evidence_variants

    apps = Path(__file__).resolve().parents[2] / "sample_apps"
    assert evidence_variants(apps / "node-express") == ["multistage", "multistage-slim"]
    assert evidence_variants(apps / "go-http") == []


def test_dockerfile_priors_give_each_target_its_estimate_and_kind(tmp_path: Path) -> None:
    apt = tmp_path / "apt.Dockerfile"
    apt.write_text("FROM debian\nRUN apt-get update && apt-get install -y curl\n")
    bad = tmp_path / "bad.Dockerfile"
    bad.write_text("RUN echo no FROM\n")
    priors, kinds = many.dockerfile_priors({"apt": apt, "bad": bad, "gone": tmp_path / "gone"})
    assert set(priors) == set(kinds) == {("apt", many.ALL)}
    assert kinds[("apt", many.ALL)] == "os" and priors[("apt", many.ALL)] > 0
