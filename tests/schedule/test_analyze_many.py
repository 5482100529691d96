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


class ComposeChildren(VariantChildren):
    """Children of a Compose file split by service and variant: as :class:`VariantChildren`,
    each also recording its ``--services`` (the last one: the part's), and writing the run
    folder of its service and a Compose analysis.json naming its pick."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.services: list[str] = []

    def __call__(self, argv: list[str], env: dict[str, str], engine: str) -> int:
        last = len(argv) - 1 - argv[::-1].index("--services")
        service = argv[last + 1]
        assert "," not in service  # one service per part
        with self.lock:
            self.services.append(service)
        code = super().__call__(argv, env, engine)
        out = Path(argv[argv.index("--out") + 1])
        if code == 0:
            (out / service).mkdir(exist_ok=True)
            doc = {"kind": "compose", "services": [
                {"service": service, "analysed": True, "recommendation": {"variant": "slim"}}
            ]}  # fmt: skip
            (out / "analysis.json").write_text(json.dumps(doc))
        return code

    def of_service(self, engine: str, service: str) -> list[tuple[str, str, list[str], bool]]:
        return [c for c, s in zip(self.calls, self.services, strict=True) if (c[0], s) == (
            engine, service)]  # fmt: skip


def compose(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    (project / "compose.yaml").write_text("services: {}\n")
    return project / "compose.yaml"


#: Two services of a Compose file and their planned variants (the original left out).
SERVICES = [
    many.ServiceVariants("web", ("hygiene", "slim-base", "multistage")),
    many.ServiceVariants("worker", ("hygiene", "distroless")),
]


def _compose_over_two(
    tmp_path: Path, children: VariantChildren, plans: list[many.ServiceVariants] = SERVICES
) -> list[many.TargetOutcome]:
    return analyze_many(
        [compose(tmp_path)],
        [ONE, TWO],
        tmp_path / "out",
        ChildOptions(("--services", "web,worker")),  # the user's: each part's own comes last
        variant_names=lambda p: ["original", "hygiene", "slim-base", "multistage", "distroless"],
        service_plans=lambda p: plans,
        runner=children,
    )


def test_a_compose_projects_variants_are_handed_out_per_service_and_variant(
    tmp_path: Path,
) -> None:
    """The unit is one variant of one service: a part per engine and service, opened by the
    first variant of that service the engine takes (its child builds that service's original),
    resumed with one more variant by each later one; every variant of every service once."""
    children = ComposeChildren(meet=threading.Barrier(2, timeout=30))
    outcomes = _compose_over_two(tmp_path, children)
    assert len(children.calls) == 5  # a child per variant of each service
    given = sorted((s, c[2][-1]) for c, s in zip(children.calls, children.services, strict=True))
    assert given == sorted((s.name, v) for s in SERVICES for v in s.variants)
    assert {c[0] for c in children.calls} == {"one", "two"}
    parts: dict[str, tuple[str, str]] = {}
    for engine in ("one", "two"):
        for service in ("web", "worker"):
            mine = children.of_service(engine, service)
            if not mine:
                continue
            assert len({c[1] for c in mine}) == 1  # one part folder per engine and service
            assert [c[3] for c in mine] == [False] + [True] * (len(mine) - 1)
            for i, (_, _, names, _) in enumerate(mine):
                assert len(names) == i + 1 and names[:i] == mine[i - 1][2][:i]  # one more each
                assert set(names) <= set(next(s for s in SERVICES if s.name == service).variants)
            parts[mine[0][1]] = (engine, service)
    assert len(parts) == len(set(parts.values()))  # no folder shared by two services or engines
    record = json.loads((tmp_path / "out" / "engines.json").read_text())
    assert sorted(Path(t["out"]).name for t in record["targets"]) == sorted(parts)
    for t in record["targets"]:
        engine, service = parts[Path(t["out"]).name]
        assert t["engine"] == engine and t["services"] == [service]
        assert t["variants"] == children.of_service(engine, service)[-1][2]
        assert t["part_recommended"] is None or t["part_recommended"] == "slim"
    assert sorted((o.services or ("?",))[0] for o in outcomes) == sorted(
        s for _, s in parts.values()
    )
    assert {o.recommended for o in outcomes} == {"slim"}  # each part's Compose analysis.json


def test_an_engine_that_finishes_early_takes_the_other_engines_service_too(
    tmp_path: Path,
) -> None:
    """Engine two's first variant takes until engine one has done every other one: engine one
    takes variants of both services, whichever engine started a service (by service, with parts
    fixed at the start, one service would have stayed on engine two)."""
    release = threading.Event()
    children = ComposeChildren(hold={"two": release}, meet=threading.Barrier(2, timeout=30))

    def runner(argv: list[str], env: dict[str, str], engine: str) -> int:
        code = children(argv, env, engine)
        if len(children.of("one")) == 4:
            release.set()
        return code

    _compose_over_two(tmp_path, runner)  # type: ignore[arg-type]
    assert len(children.of("one")) == 4 and len(children.of("two")) == 1
    (two,) = [s for c, s in zip(children.calls, children.services, strict=True) if c[0] == "two"]
    assert children.of_service("one", two)  # engine one also took variants of two's service
    assert {s for c, s in zip(children.calls, children.services, strict=True)} == {
        "web", "worker"
    }  # fmt: skip


def test_a_dead_engines_compose_variant_goes_to_another_engines_part_of_its_service(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Engine two dies during its second child: that variant is analysed again on engine one,
    in engine one's part of the same service; engine two's part keeps what it finished, and
    engines.json and the report's reading of it name the moved variant."""
    died = threading.Event()
    children = ComposeChildren(hold={"one": died}, die=("two", 2))
    children.died = died
    monkeypatch.setattr(many, "engine_answers", children.answers)
    outcomes = _compose_over_two(tmp_path, children)
    two = [(c, s) for c, s in zip(children.calls, children.services, strict=True) if c[0] == "two"]
    assert len(two) == 2
    (lost_call, lost_service) = two[1]
    lost = lost_call[2][-1]
    again = [
        c for c, s in zip(children.calls, children.services, strict=True)
        if c[0] == "one" and s == lost_service and c[2][-1] == lost
    ]  # fmt: skip
    assert len(again) == 1
    given = sorted((o.services[0], v) for o in outcomes if o.services for v in (o.variants or ()))
    assert given == sorted((s.name, v) for s in SERVICES for v in s.variants)
    (mine,) = [o for o in outcomes if o.engine == "one" and o.services == (lost_service,)]
    assert lost in (mine.variants or ()) and set(mine.attempts) == {"one", "two"}
    if lost_service != two[0][1]:  # two's part of that service finished nothing: removed
        assert [o.engine for o in outcomes if o.services == (lost_service,)] == ["one"]
        assert not (tmp_path / "out" / lost_call[1]).exists()
        return
    (moved,) = [o for o in outcomes if o.moved]
    assert moved.moved == (lost,) and moved.engine == "two" and moved.exit_code == 0
    assert moved.services == (lost_service,) and moved.folder.name == lost_call[1]
    record = json.loads((tmp_path / "out" / "engines.json").read_text())
    assert [t["moved"] for t in record["targets"] if t["engine"] == "two"] == [[lost]]
    from imgopt.report.parts import part_of

    found = part_of(moved.folder / lost_service)  # the report reads it, less the moved one
    assert found is not None and found.moved == (lost,) and found.service == lost_service


def test_a_services_evidence_variants_open_a_part_of_their_own(tmp_path: Path) -> None:
    """A Node service's npm-pruning variants go together, in one child that builds that
    service's original; the other service's variants are handed out one at a time."""
    plans = [
        many.ServiceVariants(
            "api", ("hygiene", "multistage", "multistage-slim"), ("multistage", "multistage-slim")
        ),
        many.ServiceVariants("web", ("hygiene", "slim-base")),
    ]
    children = ComposeChildren()
    _compose_over_two(tmp_path, children, plans)
    calls = list(zip(children.calls, children.services, strict=True))
    (at,) = [i for i, (c, _) in enumerate(calls) if c[2][-2:] == ["multistage", "multistage-slim"]]
    joined = calls[at][0]
    assert not joined[3] and joined[2] == ["multistage", "multistage-slim"]  # a new part's first
    assert all(c[1] != joined[1] for c, _ in calls[:at])  # of its own
    resumed = [(s, c[2][-1]) for c, s in calls if c[3]]
    assert ("api", "multistage") not in resumed and ("api", "multistage-slim") not in resumed
    assert sorted((s, v) for c, s in calls for v in (c[2] if not c[3] else c[2][-1:])) == sorted(
        (p.name, v) for p in plans for v in p.variants
    )


def test_a_compose_file_with_one_variant_in_all_stays_whole(tmp_path: Path) -> None:
    children = FakeChildren()
    outcomes = analyze_many(
        [compose(tmp_path)],
        [ONE, TWO],
        tmp_path / "out",
        ChildOptions(),
        variant_names=lambda p: ["original", "slim-base"],
        service_plans=lambda p: [many.ServiceVariants("web", ("slim-base",))],
        runner=children,
    )
    assert [o.folder.name for o in outcomes] == ["project-compose"]
    assert outcomes[0].variants is None and outcomes[0].services is None


#: A service that plans no variant.
NO_VARIANT = [many.ServiceVariants("db", ())]


def test_a_service_with_no_variant_is_analysed_on_one_engine(tmp_path: Path) -> None:
    """A service whose plan has no variant (an already-optimal Dockerfile, or none of
    ``--variants`` applies to it) is one unit of its original alone, as in ``--shard``: one child
    ``--services db --variants original``, in a part of its own, recorded as db's run with the
    original alone; it had no unit, so its original was never built, verified or reported."""
    plans = [many.ServiceVariants("web", ("hygiene", "slim-base", "multistage")), *NO_VARIANT]
    children = ComposeChildren()
    outcomes = _compose_over_two(tmp_path, children, plans)
    calls = list(zip(children.calls, children.services, strict=True))
    db = [c for c, s in calls if s == "db"]
    assert [(c[2], c[3]) for c in db] == [(["original"], False)]  # once, a part of its own
    assert all(c[1] != db[0][1] for c, s in calls if s != "db")
    assert sorted(c[2][-1] for c, s in calls if s == "web") == sorted(plans[0].variants)
    (o,) = [o for o in outcomes if o.services == ("db",)]
    assert o.variants == ("original",) and o.exit_code == 0 and o.folder.name == db[0][1]
    record = json.loads((tmp_path / "out" / "engines.json").read_text())
    assert [t["variants"] for t in record["targets"] if t["services"] == ["db"]] == [["original"]]
    from imgopt.report.parts import part_of

    found = part_of(o.folder / "db")  # the report reads it as db's run
    assert found is not None and found.service == "db" and found.variants == ("original",)


def test_a_compose_file_whose_services_plan_no_variant_is_split_by_service(
    tmp_path: Path,
) -> None:
    """Every service plans no variant: each service's original is a unit, a child each
    (``--services S --variants original``), the two engines sharing them, as the split by
    service did; it was one child of the whole file, on one engine while the other idled."""
    plans = [many.ServiceVariants("web", ()), many.ServiceVariants("worker", ()), *NO_VARIANT]
    children = ComposeChildren(meet=threading.Barrier(2, timeout=30))
    outcomes = _compose_over_two(tmp_path, children, plans)
    assert sorted(children.services) == ["db", "web", "worker"]
    assert all(c[2] == ["original"] and not c[3] for c in children.calls)
    assert {c[0] for c in children.calls} == {"one", "two"}
    assert sorted((o.services, o.variants) for o in outcomes) == [
        ((s,), ("original",)) for s in ("db", "web", "worker")
    ]


def test_a_dead_engines_service_with_no_variant_is_analysed_again_on_the_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Engine two dies during its first child, a service's original alone: that service is
    analysed again on engine one, in a part of its own; two's part, which finished nothing, is
    removed."""
    children = ComposeChildren(meet=threading.Barrier(2, timeout=30), die=("two", 1))
    monkeypatch.setattr(many, "engine_answers", children.answers)
    plans = [many.ServiceVariants("web", ()), *NO_VARIANT]
    outcomes = _compose_over_two(tmp_path, children, plans)
    calls = list(zip(children.calls, children.services, strict=True))
    (lost,) = [s for c, s in calls if c[0] == "two"]
    assert sorted(s for c, s in calls if c[0] == "one") == ["db", "web"]
    assert all(c[2] == ["original"] and not c[3] for c, _ in calls)
    assert sorted((o.services, o.variants, o.engine) for o in outcomes) == [
        (("db",), ("original",), "one"), (("web",), ("original",), "one")
    ]  # fmt: skip
    (again,) = [o for o in outcomes if o.services == (lost,)]
    assert set(again.attempts) == {"one", "two"} and not again.moved
    assert not (tmp_path / "out" / next(c[1] for c, _ in calls if c[0] == "two")).exists()


def test_a_compose_file_on_one_engine_is_one_child_of_every_service(tmp_path: Path) -> None:
    """One engine: the Compose file is not split; its one child analyses every service, those
    that plan no variant too (:func:`imgopt.analyze.many.run_in_process` over all of them)."""
    given: list[list[str]] = []

    def child(argv: list[str], env: dict[str, str], engine: str) -> int:
        given.append(argv)
        return 0

    plans = [many.ServiceVariants("web", ("hygiene", "slim-base")), *NO_VARIANT]
    for engines in ([ONE], []):
        given.clear()
        (tmp_path / str(len(engines))).mkdir()
        (o,) = analyze_many(
            [compose(tmp_path / str(len(engines)))],
            engines,
            tmp_path / "out",
            ChildOptions(),
            variant_names=lambda p: ["original", "hygiene", "slim-base"],
            service_plans=lambda p: plans,
            runner=child,
        )
        (argv,) = given
        assert "--services" not in argv and "--variants" not in argv
        assert o.services is None and o.variants is None


def test_each_services_original_is_costed_from_its_own_dockerfile_or_earlier_runs(
    tmp_path: Path,
) -> None:
    """The base of a service's variants is that service's original: its earlier timing (from
    ``OUT/<name>/<service>/`` of an earlier one-engine run), else its Dockerfile's estimate."""
    from imgopt.schedule import Unit

    slow = tmp_path / "slow.Dockerfile"
    slow.write_text(
        "FROM debian:bookworm\nRUN apt-get update && apt-get install -y gcc make python3-dev\n"
        "RUN pip install -r requirements.txt && make\n"
    )
    quick = tmp_path / "quick.Dockerfile"
    quick.write_text("FROM scratch\nCOPY app /app\n")
    path = compose(tmp_path)
    out = tmp_path / "out"
    earlier = out / "project-compose" / "timed"
    earlier.mkdir(parents=True)
    (earlier / "run.json").write_text(json.dumps({"engine": {"name": "one"}, "phases": {}}))
    (earlier / "results.csv").write_text(
        "row,variant,kind,seconds,engine\nbuild,original,cold,7,one\nbuild,hygiene,cold,3,one\n"
    )
    plans = [
        many.ServiceVariants("slow", ("hygiene", "slim-base"), (), slow),
        many.ServiceVariants("quick", ("hygiene",), (), quick),
        many.ServiceVariants("timed", ("hygiene", "slim-base"), (), quick),
    ]
    folders = many._folders([path])
    cost = many._history(out, [path], folders)
    assert cost.seconds(Unit(str(path), "timed:hygiene"), "one") == 3.0
    units, splits = many._split_for_engines(
        [path], 2, lambda p: [], lambda p: plans, None, cost, folders
    )
    assert sorted(u.variant for u in units) == [
        "quick:hygiene", "slow:hygiene", "slow:slim-base", "timed:hygiene", "timed:slim-base"
    ]  # fmt: skip
    assert {u.bases for u in units if u.variant.startswith("slow:")} == {(f"{path}#slow#original",)}
    cost = many._split_costs(cost, splits)
    originals = {
        s: cost.pull_seconds(Unit(str(path), f"{s}:x", bases=(f"{path}#{s}#original",)), ())
        for s in ("slow", "quick", "timed")
    }
    assert originals["slow"] > originals["quick"] > 0
    assert originals["timed"] == 7.0  # its earlier original's timing
    assert (
        cost.kind(Unit(str(path), "slow:hygiene"))
        == many.dockerfile_priors({"s": slow})[1][("s", many.ALL)]
    )
    assert cost.seconds(Unit(str(path), "timed:hygiene"), "one") == 3.0
    assert cost.seconds(Unit(str(path), "timed:slim-base")) == 7.0  # never timed: the original's


def test_a_services_original_alone_is_costed_once_as_its_original(tmp_path: Path) -> None:
    """The unit of a service that plans no variant is its original's build: costed as the
    original (its Dockerfile's estimate, or its earlier timing), with no base on top (the
    earlier timing of ``db:original`` is the unit's own: with a base too it counted twice)."""
    slow, _ = _dockerfiles(tmp_path)
    path = compose(tmp_path)
    out = tmp_path / "out"
    plans = [
        many.ServiceVariants("web", ("hygiene", "slim-base"), (), slow),
        many.ServiceVariants("db", (), (), slow),
        many.ServiceVariants("cache", (), (), slow),
    ]
    earlier = out / "project-compose" / "db"
    earlier.mkdir(parents=True)
    (earlier / "run.json").write_text(json.dumps({"engine": {"name": "one"}, "phases": {}}))
    (earlier / "results.csv").write_text(
        "row,variant,kind,seconds,engine\nbuild,original,cold,7,one\n"
    )
    folders = many._folders([path])
    cost = many._history(out, [path], folders)
    units, splits = many._split_for_engines(
        [path], 2, lambda p: [], lambda p: plans, None, cost, folders
    )
    cost = many._split_costs(cost, splits)
    found = {u.variant: u for u in units}
    assert sorted(found) == ["cache:original", "db:original", "web:hygiene", "web:slim-base"]
    prior = many.dockerfile_priors({"s": slow})[0][("s", many.ALL)]
    for label, seconds in (("db:original", 7.0), ("cache:original", prior)):
        unit = found[label]
        assert unit.bases == () and cost.pull_seconds(unit, ()) == 0
        assert cost.seconds(unit, "one") == seconds
    web = found["web:hygiene"]  # a variant: its original once per engine, as before
    assert cost.pull_seconds(web, ()) == prior and cost.seconds(web) == prior


def test_compose_plan_names_each_services_variants(tmp_path: Path) -> None:
    """What a Compose file split over engines hands out: each service analyze plans, with its
    variants (``--variants``' only), those analysed together, its Dockerfile."""
    apps = Path(__file__).resolve().parents[2] / "sample_apps"
    project = tmp_path / "p"
    project.mkdir()
    (project / "compose.yaml").write_text(
        f"services:\n  http:\n    build: {apps / 'go-http'}\n"
        f"  api:\n    build: {apps / 'node-express'}\n  db:\n    image: postgres:15\n"
    )
    plans = many.compose_plan(project / "compose.yaml", ["hygiene", "multistage"])
    assert [p.name for p in plans] == ["http", "api"]
    # go-http's plan has no multistage (it proposes multistage-slim)
    assert [p.variants for p in plans] == [("hygiene",), ("hygiene", "multistage")]
    assert [p.together for p in plans] == [(), ("multistage",)]
    assert plans[0].dockerfile == apps / "go-http" / "Dockerfile"
    assert [p.name for p in many.compose_plan(project / "compose.yaml", None, ["api"])] == ["api"]
    assert many.compose_plan(apps / "go-http") == []


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
        service_plans=unplannable,
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


class ShardChildren:
    """The children of CI jobs sharding one Compose file: each records its job, ``--services``
    and ``--variants`` (the last of each: the job's), and writes that service's run folder with
    timings and a Compose analysis.json naming it."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, str | None, tuple[str, ...], str]] = []
        self.job = 0

    def __call__(self, argv: list[str], env: dict[str, str], engine: str) -> int:
        def last(flag: str) -> str | None:
            return argv[len(argv) - 1 - argv[::-1].index(flag) + 1] if flag in argv else None

        out = Path(argv[argv.index("--out") + 1])
        service, names = last("--services"), tuple((last("--variants") or "").split(","))
        self.calls.append((self.job, service, names, out.name))
        if service is not None:
            run = out / service
            run.mkdir()
            (run / "run.json").write_text(json.dumps({"engine": {"name": engine}, "phases": {}}))
            rows = "".join(f"build,{n},cold,9,{engine}\n" for n in ("original", *names))
            (run / "results.csv").write_text("row,variant,kind,seconds,engine\n" + rows)
            doc = {"kind": "compose", "services": [{"service": service, "analysed": True}]}
            (out / "analysis.json").write_text(json.dumps(doc))
        return 0

    def pairs(self, job: int) -> list[tuple[str | None, str]]:
        return [(s, n) for j, s, names, _ in self.calls if j == job for n in names]


def _shard_jobs(
    tmp_path: Path,
    plans: list[many.ServiceVariants],
    jobs: int,
    children: ShardChildren,
    out: str = "out",
) -> dict[int, list[many.TargetOutcome]]:
    path = tmp_path / "project" / "compose.yaml"
    if not path.exists():
        path.parent.mkdir()
        path.write_text("services: {}\n")
    names = ["original", *dict.fromkeys(n for p in plans for n in p.variants)]
    found = {}
    for k in range(1, jobs + 1):
        children.job = k
        found[k] = analyze_many(
            [path],
            [],
            tmp_path / f"{out}-{k}",
            ChildOptions(),
            shard=Shard(k, jobs),
            variant_names=lambda p: names,
            service_plans=lambda p: plans,
            runner=children,
        )
    return found


def _dockerfiles(tmp_path: Path) -> tuple[Path, Path]:
    """A Dockerfile whose a-priori cost is high (packages, compiling) and one whose is low."""
    slow = tmp_path / "slow.Dockerfile"
    slow.write_text(
        "FROM debian:bookworm\nRUN apt-get update && apt-get install -y gcc make python3-dev\n"
        "RUN pip install -r requirements.txt && make\n"
    )
    quick = tmp_path / "quick.Dockerfile"
    quick.write_text("FROM scratch\nCOPY app /app\n")
    return slow, quick


def test_a_shard_job_builds_only_the_originals_of_the_services_it_has_variants_of(
    tmp_path: Path,
) -> None:
    """Two services of like cost over two CI jobs: each job takes one service whole, and its
    one child (``--services`` that service) builds only that service's original; the old split
    by variant name ran one child of every service in each job."""
    plans = [
        many.ServiceVariants("web", ("hygiene", "slim-base")),
        many.ServiceVariants("worker", ("hygiene", "distroless")),
    ]
    children = ShardChildren()
    outcomes = _shard_jobs(tmp_path, plans, 2, children)
    assert all(c[1] is not None for c in children.calls)  # no child analyses every service
    took = {k: {c[1] for c in children.calls if c[0] == k} for k in (1, 2)}
    assert sorted(map(sorted, took.values())) == [["web"], ["worker"]]
    for k in (1, 2):
        (service,) = took[k]
        plan = next(p for p in plans if p.name == service)
        assert sorted(n for _, n in children.pairs(k)) == sorted(plan.variants)
        (o,) = outcomes[k]
        assert o.services == (service,) and o.variants == plan.variants
        assert o.folder.name == f"project-compose.part{plans.index(plan) + 1}"
        record = json.loads((tmp_path / f"out-{k}" / "engines.json").read_text())
        assert record["shard"] == f"{k}/2"
        assert [(t["services"], t["variants"]) for t in record["targets"]] == [
            ([service], list(plan.variants))
        ]


def test_a_big_services_variants_are_spread_over_the_jobs_by_cost(tmp_path: Path) -> None:
    """A service whose original and variants cost more than a job's share is split between the
    jobs (each building its original); the smaller service goes whole to one job, the one that
    takes fewer of the big one's variants (by the Dockerfiles' estimates, the original and each
    variant alike: web 5 x 60 s, api 2 x 60 s; 3 and 1 of web's variants make 240 s and 240 s,
    2 and 2 would make 180 s and 300 s); every (service, variant) once."""
    slow, _ = _dockerfiles(tmp_path)
    plans = [
        many.ServiceVariants("api", ("hygiene",), (), slow),
        many.ServiceVariants("web", ("hygiene", "slim-base", "multistage", "distroless"), (), slow),
    ]
    children = ShardChildren()
    _shard_jobs(tmp_path, plans, 2, children)
    pairs = {k: children.pairs(k) for k in (1, 2)}
    assert sorted(p for k in (1, 2) for p in pairs[k]) == sorted(
        (p.name, v) for p in plans for v in p.variants
    )
    web = {k: [v for s, v in pairs[k] if s == "web"] for k in (1, 2)}
    assert web[1] and web[2]  # both jobs build web's original, each for a share of its variants
    (api_job,) = [k for k in (1, 2) if ("api", "hygiene") in pairs[k]]
    other = 3 - api_job
    assert (len(web[api_job]), len(web[other])) == (1, 3)  # api weighs in the balance
    assert [c[1] for c in children.calls if c[0] == other] == ["web"]  # api built once


def test_every_job_computes_the_same_compose_split(tmp_path: Path) -> None:
    """Three jobs over three services (a Node one whose npm-pruning variants go together): the
    jobs' shares are disjoint and cover every (service, variant) once, the pruning variants in
    one child; a job whose output folder holds an earlier run of its share (timings no other
    job has) splits the same way, as does any job run again."""
    slow, quick = _dockerfiles(tmp_path)
    plans = [
        many.ServiceVariants(
            "api",
            ("hygiene", "multistage", "multistage-slim"),
            ("multistage", "multistage-slim"),
            slow,
        ),
        many.ServiceVariants("web", ("hygiene", "slim-base", "distroless"), (), slow),
        many.ServiceVariants("worker", ("hygiene",), (), quick),
    ]
    children = ShardChildren()
    _shard_jobs(tmp_path, plans, 3, children)
    first = {k: sorted(children.pairs(k), key=str) for k in (1, 2, 3)}
    every = sorted(p for k in (1, 2, 3) for p in first[k])
    assert every == sorted((p.name, v) for p in plans for v in p.variants)
    (joined,) = [c for c in children.calls if "multistage" in c[2] and c[1] == "api"]
    assert "multistage-slim" in joined[2]  # in the same child
    for k in (1, 2, 3):  # one child per service a job took
        services = [c[1] for c in children.calls if c[0] == k]
        assert len(services) == len(set(services))
    again = ShardChildren()
    _shard_jobs(tmp_path, plans, 3, again)  # each out-k now holds its earlier run's timings
    assert {k: sorted(again.pairs(k), key=str) for k in (1, 2, 3)} == first
    fresh = ShardChildren()
    _shard_jobs(tmp_path, plans, 3, fresh, out="fresh")
    assert {k: sorted(fresh.pairs(k), key=str) for k in (1, 2, 3)} == first


def test_a_service_with_no_variant_is_analysed_by_one_job(tmp_path: Path) -> None:
    """A service whose plan has no variant (``--variants`` none of it applies to): one job
    analyses its original alone (``--variants original``), not every job."""
    plans = [
        many.ServiceVariants("web", ("hygiene", "slim-base")),
        many.ServiceVariants("db", ()),
    ]
    children = ShardChildren()
    outcomes = _shard_jobs(tmp_path, plans, 2, children)
    db = [c for c in children.calls if c[1] == "db"]
    assert [c[2] for c in db] == [("original",)]
    (o,) = [o for k in (1, 2) for o in outcomes[k] if o.services == ("db",)]
    assert o.variants == ("original",)


def test_a_compose_file_that_cannot_be_planned_here_is_sharded_by_variant_name(
    tmp_path: Path,
) -> None:
    """Planning the services failed in the parent: each job's child analyses every service with
    its share of the variant names, as before the split by service."""
    from imgopt.errors import EngineError

    def unplannable(path: Path) -> list[many.ServiceVariants]:
        raise EngineError("registry 127.0.0.1:5959 did not answer")

    path = tmp_path / "project" / "compose.yaml"
    path.parent.mkdir()
    path.write_text("services: {}\n")
    children = ShardChildren()
    shares = []
    for k in (1, 2):
        (o,) = analyze_many(
            [path],
            [],
            tmp_path / f"out-{k}",
            ChildOptions(),
            shard=Shard(k, 2),
            variant_names=lambda p: ["original", "hygiene", "slim-base"],
            service_plans=unplannable,
            runner=children,
        )
        shares += list(o.variants or ())
        assert o.services is None and o.folder.name == "project-compose"
    assert sorted(shares) == ["hygiene", "slim-base"]
    assert {c[1] for c in children.calls} == {None}
