"""Two real engines on one machine: the work spreads, survives a dead engine, and gives the results
one engine gives.

A second dockerd (scripts/setup-engine2.sh: its own socket, data root, exec root, containerd
namespace and bridge; bases from the local registry) runs beside the main engine for this module
and is torn down after it. Two small sample apps (Go, standard library only; one or two variants
each, so the whole module takes a few minutes) are analysed over both engines:

1. **spread**: one app with two variants is split by variant, a part per engine (each part builds
   the original as its reference, and the variant its engine took); engine 2 is reached over its
   loopback TCP listener (``--engine tcp://127.0.0.1:PORT``, unencrypted, 127.0.0.1 only);
2. **compose**: a Compose file whose two services build the same two apps is analysed over both
   engines (by engine 2's unix socket), its units one variant of one service each (a part per
   engine and service, a child per variant), then its one service go-http alone (``--services``:
   its two variants go one to each engine, a part each, as one big service's would), and on the
   main engine alone; each service's parts are one report that equals the one-engine run's (the
   variants, what each Dockerfile adds, verification outcomes, the pick);
3. **killed**: two apps, one per engine; engine 2 (by its unix socket) is killed while it
   builds; its app is analysed again on the main engine, so every result of this run comes from
   one engine. It runs last: engine 2 is not started again.

Every result names the engine that produced it (run.json, each results.csv row), and the split
app is one report (``OUT/report/`` and ``imgopt report OUT``), each variant against the original
of its own engine.

The part that engine 2 analysed in (1) is then compared with the same app from (3), produced by
the main engine alone: the same variants, the same sizes of every layer the Dockerfile adds, the
same digests of the base layers, and the same verification outcomes. The layers the Dockerfile
adds carry the build's time in their files' or folders' mtimes (RUN outputs, the folder a COPY
lands in), so their digests, and compressed sizes by a few bytes, differ between any two cold
builds, even on one engine: they are compared by size.
The base layers have the same digests on both engines, but an engine that pulled them from the
registry reports sizes a little different (under 0.1 %) from one that built the stand-ins
itself; the image sizes are checked to differ by exactly that.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "setup-engine2.sh"
ENGINE2 = "unix:///run/imgopt-engine2.sock"
ENGINE2_TCP = "tcp://127.0.0.1:23750"
APPS = [REPO / "sample_apps" / "go-http", REPO / "sample_apps" / "go-port"]
VARIANTS = "multistage-slim"
#: The spread run's variants, one per engine (handed out one at a time: with nothing known, the
#: dispatcher places hygiene, first by name, on the first engine, the main one; engine 2 takes
#: VARIANTS; each engine opens its part with its first variant).
SPLIT = ("hygiene", VARIANTS)

pytestmark = pytest.mark.engine


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="module")
def engine2() -> Iterator[tuple[str, str]]:
    """Engine 2's unix socket and TCP listener."""
    if os.geteuid() != 0:
        message = "the two-engine test starts a second dockerd and a bridge: it needs root"
        if _in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    env = {**os.environ, "IMGOPT_ENGINE2_TCP_PORT": ENGINE2_TCP.rsplit(":", 1)[1]}
    started = subprocess.run(
        ["bash", str(SCRIPT), "start"],
        capture_output=True, text=True, timeout=180, check=False, env=env,
    )  # fmt: skip
    assert started.returncode == 0, started.stderr
    assert started.stdout.split() == [ENGINE2, ENGINE2_TCP]
    try:
        yield ENGINE2, ENGINE2_TCP
    finally:
        stopped = subprocess.run(
            ["bash", str(SCRIPT), "stop"], capture_output=True, text=True, timeout=180, check=False
        )
        assert stopped.returncode == 0, stopped.stderr
        links = subprocess.run(["ip", "-br", "link"], capture_output=True, text=True, check=True)
        assert "imgopt-br2" not in links.stdout
        assert not Path("/var/lib/imgopt-engine2").exists()
        assert not Path("/run/imgopt-engine2").exists()
        rules = subprocess.run(["iptables-save"], capture_output=True, text=True, check=True)
        assert "imgopt-engine2" not in rules.stdout
        listening = subprocess.run(["ss", "-ltn"], capture_output=True, text=True, check=True)
        assert ENGINE2_TCP.removeprefix("tcp://") not in listening.stdout
        # The main engine still answers.
        assert subprocess.run(["docker", "info"], capture_output=True, check=False).returncode == 0


def _analyze(
    out: Path,
    engine2: str,
    apps: list[Path],
    variants: str,
    *,
    kill_when_building: bool = False,
    extra: tuple[str, ...] = (),
) -> tuple[int, str]:
    """``imgopt analyze APPS --variants V --engine default --engine ENGINE2 [EXTRA]``; with
    ``kill_when_building``, engine 2 is killed (SIGKILL) two seconds after it starts its first
    build."""
    argv = [sys.executable, "-m", "imgopt", "analyze", *map(str, apps), "--variants", variants]
    argv += ["--engine", "default", "--engine", engine2, "--out", str(out), *extra]
    # stdout (the table engines.json holds too) to a file: only the reader below reads stderr
    # (communicate() reading it as well took lines from the reader, the kill's trigger among them)
    table = out.parent / "stdout.txt"
    with table.open("w") as fh:
        proc = subprocess.Popen(argv, cwd=REPO, stdout=fh, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    lines: list[str] = []
    killed = threading.Event()

    def read() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.append(line)
            building = line.startswith(f"[{engine2}]") and "building, measuring" in line
            if kill_when_building and building and not killed.is_set():
                time.sleep(2)
                subprocess.run(["bash", str(SCRIPT), "kill"], check=True, timeout=30)
                killed.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    proc.wait(timeout=900)
    reader.join(timeout=30)
    stdout = table.read_text()
    if kill_when_building:
        assert killed.is_set(), "engine 2 never started a build:\n" + "".join(lines[-30:])
    return proc.returncode, stdout + "".join(lines)


@pytest.fixture(scope="module")
def spread(engine2: tuple[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("spread") / "out"
    code, output = _analyze(out, engine2[1], APPS[:1], ",".join(SPLIT))  # over TCP
    assert code == 0, output[-4000:]
    return out


@pytest.fixture(scope="module")
def killed(
    engine2: tuple[str, str],
    spread: Path,
    compose: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    # after every run that needs engine 2 alive (spread, compose): it is not started again
    out = tmp_path_factory.mktemp("killed") / "out"
    code, output = _analyze(out, engine2[0], APPS, VARIANTS, kill_when_building=True)
    assert code == 0, output[-4000:]
    return out


def _engines(out: Path) -> dict[str, dict[str, Any]]:
    """engines.json's entries by run folder name (an app's, or a part's: ``go-http.part1``)."""
    record = json.loads((out / "engines.json").read_text())
    return {Path(t["out"]).name: t for t in record["targets"]}


def _results(folder: Path) -> dict[str, dict[str, Any]]:
    """Per variant: its variant row and its layer rows."""
    out: dict[str, dict[str, Any]] = {}
    for row in csv.DictReader((folder / "results.csv").open()):
        if row["row"] == "variant":
            out.setdefault(row["variant"], {"layers": []})["row"] = row
        elif row["row"] == "layer":
            out.setdefault(row["variant"], {"layers": []})["layers"].append(row)
    return out


def _assert_results_name(folder: Path, engine: str) -> None:
    """Every result of ``folder`` names ``engine``: run.json and every results.csv row."""
    run = json.loads((folder / "run.json").read_text())
    assert run["engine"]["name"] == engine and run["engine"]["id"], run["engine"]
    assert {v["engine"] for v in run["variants"]} == {engine}
    with (folder / "results.csv").open() as fh:
        assert {row["engine"] for row in csv.DictReader(fh)} == {engine}


def test_one_apps_variants_were_split_over_both_engines(
    spread: Path, engine2: tuple[str, str]
) -> None:
    engines = _engines(spread)
    app = APPS[0].name
    assert sorted(engines) == [f"{app}.part1", f"{app}.part2"]
    assert sorted(t["engine"] for t in engines.values()) == sorted(["default", engine2[1]])
    assert all(t["exit_code"] == 0 and len(t["attempts"]) == 1 for t in engines.values())
    assert sorted(v for t in engines.values() for v in t["variants"]) == sorted(SPLIT)
    ids = set()
    for part, t in engines.items():
        doc = json.loads((spread / part / "analysis.json").read_text())
        # each part built and verified the original, its reference, on its own engine
        assert [v["name"] for v in doc["variants"]] == ["original", *t["variants"]]
        assert all(v["verified"] is True for v in doc["variants"]), doc["variants"]
        _assert_results_name(spread / part, t["engine"])
        ids.add(json.loads((spread / part / "run.json").read_text())["engine"]["id"])
    assert len(ids) == 2  # two engines, told apart by their own ids


def test_a_dead_engines_target_finishes_on_the_other(
    killed: Path, engine2: tuple[str, str]
) -> None:
    engines = _engines(killed)
    assert {t["engine"] for t in engines.values()} == {"default"}
    retried = [t for t in engines.values() if t["attempts"] == [engine2[0], "default"]]
    assert len(retried) == 1, engines
    assert all(t["exit_code"] == 0 for t in engines.values())
    for app in APPS:  # nothing of the dead engine's partial run is left in the results
        _assert_results_name(killed / app.name, "default")


def test_results_equal_those_of_one_engine(
    spread: Path, killed: Path, engine2: tuple[str, str]
) -> None:
    on_two = [name for name, t in _engines(spread).items() if t["engine"] == engine2[1]]
    assert len(on_two) == 1
    two = _results(spread / on_two[0])  # engine 2's part of the app
    one = _results(killed / APPS[0].name)  # the main engine's, in a run where only it finished
    # engine 2's part holds VARIANTS (see SPLIT), the variant the killed run built too
    assert sorted(two) == sorted(one) == sorted(["original", VARIANTS])
    for variant in two:
        a, b = two[variant]["row"], one[variant]["row"]
        # What the Dockerfile adds: the same bytes, layer for layer; verified the same way.
        for key in ("layers", "own_size_bytes", "base_image", "verified"):
            assert a[key] == b[key], (variant, key)
        own_a, own_b = int(a["own_compressed_bytes"]), int(b["own_compressed_bytes"])
        assert abs(own_a - own_b) <= own_b / 10_000, (variant, own_a, own_b)  # RUN mtimes
        base_delta = 0
        for la, lb in zip(two[variant]["layers"], one[variant]["layers"], strict=True):
            assert (la["layer_index"], la["created_by"]) == (lb["layer_index"], lb["created_by"])
            if la["base"] == "true":
                assert la["diff_id"] == lb["diff_id"], (variant, la["created_by"])
                base_delta += int(la["size_bytes"]) - int(lb["size_bytes"])
            else:
                assert la["size_bytes"] == lb["size_bytes"], (variant, la["created_by"])
        # The base layers are the same layers (same digests), but an engine that pulled them
        # (engine 2, from the registry) reports slightly other sizes than the one that built the
        # stand-ins: the image sizes differ by exactly that, and by nothing of the app's.
        assert int(a["size_bytes"]) - int(b["size_bytes"]) == base_delta, variant
        assert abs(base_delta) <= int(b["size_bytes"]) / 1_000, (variant, base_delta)


def test_the_split_target_is_one_report(spread: Path, engine2: tuple[str, str]) -> None:
    """``analyze`` wrote one report of both parts (``OUT/report/``), as ``imgopt report OUT``
    makes it: every variant of both parts, each against its own part's original, one
    recommendation, both engines named."""
    from imgopt.report import load_runs

    (run,) = load_runs([spread])
    assert run.app == APPS[0].name
    # parts are numbered in the order their engines took a first variant
    (one, two) = [t for _, t in sorted(_engines(spread).items())]
    assert [v.name for v in run.variants] == [
        "original", *one["variants"], "original.part2", *two["variants"]
    ]  # fmt: skip
    assert run.engines == (one["engine"], two["engine"])
    assert run.references == ("original.part2",)
    for v in run.variants:
        ref = run.reference_of(v)
        assert ref is not None and ref.engine == v.engine, v.name  # its own engine's original
    originals = [n for n in run.notes if n.startswith("`original.part2`")]
    # the same base layers, whose sizes an engine that pulled them reports slightly differently
    assert len(originals) == 1 and "did not build the same image" not in originals[0], run.notes
    written = spread / "report" / "report.md"
    assert written.is_file() and not (spread / "report" / "index.md").exists()
    text = written.read_text()
    assert engine2[1] in text and "original.part2" in text
    cli = subprocess.run(
        [sys.executable, "-m", "imgopt", "report", str(spread), "-o", str(spread.parent / "r"),
         "--format", "json"],
        capture_output=True, text=True, check=False, cwd=REPO,
    )  # fmt: skip
    assert cli.returncode == 0, cli.stderr
    doc = json.loads((spread.parent / "r" / "report.json").read_text())
    assert doc["app"] == APPS[0].name
    assert {v["engine"] for v in doc["variants"]} == {"default", engine2[1]}
    assert doc["recommendation"]["variant"] in [v.name for v in run.variants if v.usable]


#: The Compose file of the compose run: two services, each building one of the apps.
COMPOSE = "services:\n" + "".join(f"  {a.name}:\n    build: {a}\n" for a in APPS)
#: Its variants: two per service, four units in all.
COMPOSE_VARIANTS = ("hygiene", VARIANTS)


@pytest.fixture(scope="module")
def compose(engine2: tuple[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Compose file analysed over both engines (``OUT/multi``) and on the main engine
    alone (``OUT/one``: ``run_in_process``, no --engine); returns OUT."""
    where = tmp_path_factory.mktemp("compose")
    (where / "project").mkdir()
    (where / "project" / "compose.yaml").write_text(COMPOSE)
    project = where / "project" / "compose.yaml"
    for out, extra in (("multi", ()), ("service", ("--services", APPS[0].name))):
        code, output = _analyze(
            where / out, engine2[0], [project], ",".join(COMPOSE_VARIANTS), extra=extra
        )
        (where / f"{out}.log").write_text(output)
        assert code == 0, output[-4000:]
    one = subprocess.run(
        [sys.executable, "-m", "imgopt", "analyze", str(where / "project" / "compose.yaml"),
         "--variants", ",".join(COMPOSE_VARIANTS), "--out", str(where / "one")],
        capture_output=True, text=True, check=False, cwd=REPO, timeout=900,
    )  # fmt: skip
    assert one.returncode == 0, one.stderr[-4000:]
    return where


def test_a_compose_projects_variants_were_spread_per_service_and_variant(
    compose: Path, engine2: tuple[str, str]
) -> None:
    """Each part holds one service's original and the variants of that service its engine took,
    one at a time; every variant of every service once; both engines took some."""
    engines = _engines(compose / "multi")
    assert {t["engine"] for t in engines.values()} == {"default", engine2[0]}
    given = []
    for part, t in engines.items():
        assert part.startswith("project-compose.part") and t["exit_code"] == 0, t
        (service,) = t["services"]
        given += [(service, v) for v in t["variants"]]
        run = compose / "multi" / part / service
        doc = json.loads((compose / "multi" / part / "analysis.json").read_text())
        (analysed,) = [s for s in doc["services"] if s["analysed"]]
        assert analysed["service"] == service  # its child analysed that service only
        # the service's original, its reference on this engine, and the variants given to it
        assert [v["name"] for v in analysed["variants"]] == ["original", *t["variants"]]
        assert all(v["verified"] is True for v in analysed["variants"]), analysed["variants"]
        _assert_results_name(run, t["engine"])
    assert sorted(given) == sorted((a.name, v) for a in APPS for v in COMPOSE_VARIANTS)
    assert len(engines) == len({(t["engine"], t["services"][0]) for t in engines.values()})
    # a child per variant: each part's bench began once per variant its engine took
    log = (compose / "multi.log").read_text().splitlines()
    for t in engines.values():
        began = [
            line for line in log
            if line.startswith(f"[{t['engine']}]") and f"{t['services'][0]}: building, " in line
        ]  # fmt: skip
        assert len(began) == len(t["variants"]), (t, began)


def test_one_services_variants_were_spread_over_both_engines(
    compose: Path, engine2: tuple[str, str]
) -> None:
    """The one service (``--services go-http``): its two variants went one to each engine, each
    opening a part of that service there (parts fixed by service kept it on one engine); its
    parts are one report, each variant against its own engine's original, equal to the
    one-engine run's go-http."""
    from imgopt.report import load_runs

    engines = _engines(compose / "service")
    assert sorted(t["engine"] for t in engines.values()) == sorted(["default", engine2[0]])
    assert all(t["services"] == [APPS[0].name] for t in engines.values())
    assert sorted(v for t in engines.values() for v in t["variants"]) == sorted(COMPOSE_VARIANTS)
    (run,) = load_runs([compose / "service"])
    (one,) = [r for r in load_runs([compose / "one"]) if r.app == APPS[0].name]
    assert run.app == APPS[0].name and len(run.references) == 1
    assert set(run.engines) == {"default", engine2[0]}
    _assert_same(run, one)


def test_a_compose_projects_report_over_two_engines_equals_one_engines(
    compose: Path, engine2: tuple[str, str]
) -> None:
    """``imgopt report`` of the two-engine run and of the one-engine run: a report per service,
    the same variants (each part's original aside), the same bytes added by each Dockerfile
    layer for layer, the same verification outcomes and the same pick; sizes differ only by
    engine 2's base layers (see the module's docstring)."""
    from imgopt.report import load_runs

    multi, one = load_runs([compose / "multi"]), load_runs([compose / "one"])
    assert [r.app for r in multi] == [r.app for r in one] == [a.name for a in APPS]
    for m, o in zip(multi, one, strict=True):
        _assert_same(m, o)
    for out in ("multi", "one"):
        cli = subprocess.run(
            [sys.executable, "-m", "imgopt", "report", str(compose / out), "-o",
             str(compose / f"r-{out}"), "--format", "json"],
            capture_output=True, text=True, check=False, cwd=REPO,
        )  # fmt: skip
        assert cli.returncode == 0, cli.stderr
    index = {out: json.loads((compose / f"r-{out}" / "index.json").read_text()) for out in
             ("multi", "one")}  # fmt: skip
    assert [(a["app"], a["recommended"]) for a in index["multi"]["apps"]] == [
        (a["app"], a["recommended"]) for a in index["one"]["apps"]
    ]
    # analyze's own OUT/report/ is that report, one per service beside the index
    assert (compose / "multi" / "report" / "index.md").is_file()
    assert sorted(p.parent.name for p in (compose / "multi" / "report").glob("*/report.md")) == [
        a.name for a in APPS
    ]


def _assert_same(m: Any, o: Any) -> None:
    """Run ``m`` (a service's parts over engines, read as one) holds what run ``o`` (the same
    service on the main engine alone) holds: the same variants (its parts' originals aside),
    the same bytes added by each Dockerfile, the same verification outcomes and the same pick;
    image sizes differ only by engine 2's base layers (under 0.1 %, see the module's docstring).
    """
    from imgopt.report import recommend

    assert [v.name for v in m.variants if v.name not in m.references] == [
        v.name for v in o.variants
    ]
    for v in o.variants:
        w = m.get(v.name)
        assert w is not None and (w.verified, w.error) == (v.verified, v.error), v.name
        assert w.size_bytes is not None and v.size_bytes is not None
        assert w.base_bytes is not None and v.base_bytes is not None
        assert w.size_bytes - w.base_bytes == v.size_bytes - v.base_bytes, v.name
        assert abs(w.size_bytes - v.size_bytes) <= v.size_bytes / 1_000, v.name
        ref = m.reference_of(w)
        assert ref is not None and ref.engine == w.engine  # its own engine's original
    for name in m.references:
        ref = m.get(name)
        assert ref is not None and ref.verified is True
    pick, alone = recommend(m).smallest, recommend(o).smallest
    assert pick is not None and alone is not None and pick.name == alone.name
