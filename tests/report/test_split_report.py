"""`imgopt report` of a target split over two engines, from the run folders a real split left.

``fixtures/split`` is what ``imgopt analyze sample_apps/go-http --variants
hygiene,multistage-slim --engine default --engine tcp://127.0.0.1:23750`` wrote (engine 2
started by ``scripts/setup-engine2.sh``; raw output in
``benchmarks/results/multiengine_report-2026-12-05.txt``): ``engines.json`` and two parts, each
with its own original, built and verified on its own engine (the run folders as written, less
the proposals' diffs, the report and verification's discovery file).
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from imgopt.cli.app import app
from imgopt.errors import InputError
from imgopt.report import load_run_data, load_runs
from imgopt.report.recommend import candidate, comparable
from imgopt.results import recommend as results

from .conftest import FIXTURES

SPLIT = FIXTURES / "split"
PARTS = [SPLIT / "go-http.part1", SPLIT / "go-http.part2"]
runner = CliRunner()


def variant_rows(folder: Path) -> dict[str, dict[str, str]]:
    with (folder / "results.csv").open(newline="") as fh:
        return {r["variant"]: r for r in csv.DictReader(fh) if r["row"] == "variant"}


def test_the_parts_of_a_split_target_are_one_run_however_they_are_named() -> None:
    (run,) = load_runs([SPLIT])  # analyze's output folder
    assert [v.name for v in load_runs(list(reversed(PARTS)))[0].variants] == [
        v.name for v in run.variants
    ]
    record = json.loads((SPLIT / "engines.json").read_text())
    engines = [t["engine"] for t in record["targets"]]
    assert run.app == "go-http" and run.engines == tuple(engines)
    assert [v.name for v in run.variants] == [
        "original", *record["targets"][0]["variants"], "original.part2",
        *record["targets"][1]["variants"],
    ]  # fmt: skip
    for v in run.variants:  # every row as its part measured it, against its own engine's original
        k = 1 if v.engine == engines[0] else 2
        row = variant_rows(PARTS[k - 1])[v.name.removesuffix(".part2")]
        assert v.size_bytes == int(row["size_bytes"]) and v.engine == row["engine"]
        ref = run.reference_of(v)
        assert ref is not None and ref.engine == v.engine
    # one part alone is that part's run, unmerged
    (alone,) = load_runs(PARTS[1:])
    assert [v.name for v in alone.variants] == ["original", "multistage-slim"]


def test_the_originals_are_compared_and_the_difference_named() -> None:
    (run,) = load_runs([SPLIT])
    one, two = (variant_rows(p)["original"] for p in PARTS)
    delta = int(two["size_bytes"]) - int(one["size_bytes"])
    own = int(two["own_size_bytes"]) - int(one["own_size_bytes"])
    assert own == 0 and delta != 0  # recorded: engine 2 reports its pulled base layers larger
    (note,) = [n for n in run.notes if "`original.part2`" in n and "than `original`" in n]
    assert f"{abs(delta):,} bytes" in note and "all of it in the base image's layers" in note


def test_one_recommendation_from_comparable_rows() -> None:
    (run,) = load_runs([SPLIT])
    rows = [comparable(v, run) for v in run.variants if v.name not in run.references]
    expected = results.recommend([candidate(v) for v in rows], "original").smallest
    part2 = variant_rows(PARTS[1])
    slim_saves = int(part2["original"]["compressed_bytes"]) - int(
        part2["multistage-slim"]["compressed_bytes"]
    )
    assert slim_saves > results.MIN_GAIN_BYTES and expected == "multistage-slim"
    from imgopt.report.model import build_report

    report = build_report(run, figures=False)
    assert report.recommendation.smallest is not None
    assert report.recommendation.smallest.name == expected
    change = report.summary.headers.index("change vs original (compressed)")
    rows_by = {r[0].split(" (")[0]: r for r in report.summary.rows}
    ratio = int(part2["multistage-slim"]["compressed_bytes"]) / int(
        part2["original"]["compressed_bytes"]
    )
    assert rows_by["multistage-slim"][change] == f"\u2212{(1 - ratio) * 100:.1f} %"
    assert rows_by["multistage-slim"][1] == "tcp://127.0.0.1:23750"


def test_imgopt_report_writes_one_report_for_the_parts(tmp_path: Path) -> None:
    out = tmp_path / "r"
    args = ["report", *map(str, PARTS), "-o", str(out), "--format", "md", "--format", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert not (out / "index.md").exists()
    doc = json.loads((out / "report.json").read_text())
    assert doc["app"] == "go-http" and doc["recommendation"]["variant"] == "multistage-slim"
    by_name = {v["name"]: v for v in doc["variants"]}
    assert by_name["multistage-slim"]["compared_with"] == "original.part2"
    assert by_name["hygiene"]["compared_with"] == "original"
    md = (out / "report.md").read_text()
    assert "| variant | engine |" in md and "tcp://127.0.0.1:23750" in md


def test_out_with_its_own_report_and_another_run_give_an_index_of_two(tmp_path: Path) -> None:
    """``imgopt report OUT/*/ other``: analyze's own ``OUT/report/`` is not a run; the split
    target is one entry of the index."""
    copy = tmp_path / "out"
    shutil.copytree(SPLIT, copy)
    (copy / "report").mkdir()
    (copy / "report" / "report.md").write_text("# an earlier report\n")
    folders = sorted(p for p in copy.iterdir() if p.is_dir())
    out = tmp_path / "r"
    args = ["report", *map(str, folders), str(FIXTURES / "complete"), "-o", str(out)]
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    index = json.loads((out / "index.json").read_text())
    assert [a["app"] for a in index["apps"]] == ["go-http", "app"]
    assert index["apps"][0]["recommended"] == "multistage-slim"


def test_part_folders_without_engines_json_are_runs_of_their_own(tmp_path: Path) -> None:
    for p in PARTS:
        shutil.copytree(p, tmp_path / p.name)
    runs = load_runs([tmp_path / p.name for p in PARTS])
    assert len(runs) == 2
    assert runs[0].variants == load_run_data(tmp_path / PARTS[0].name).variants


def test_a_part_that_left_no_run_is_named_and_the_others_reported(tmp_path: Path) -> None:
    copy = tmp_path / "out"
    shutil.copytree(SPLIT, copy)
    shutil.rmtree(copy / "go-http.part2")
    (copy / "go-http.part2").mkdir()  # its child failed before the bench began
    (run,) = load_runs([copy])
    assert [v.name for v in run.variants] == ["original", "hygiene"]
    assert "part 2" in run.notes[0] and "left no run" in run.notes[0]
    shutil.rmtree(copy / "go-http.part1")
    (copy / "go-http.part1").mkdir()
    with pytest.raises(InputError):
        load_runs([copy])


def test_a_compose_part_stands_for_its_services_runs(tmp_path: Path) -> None:
    """A Compose project split by service: ``OUT/<name>.part<k>/<service>/`` are whole runs."""
    out = tmp_path / "out"
    shutil.copytree(PARTS[0], out / "compose-compose.part1" / "web")
    shutil.copytree(PARTS[1], out / "compose-compose.part2" / "worker")
    targets = [
        {"path": "compose.yaml", "out": str(out / f"compose-compose.part{k}"), "engine": e,
         "services": [s], "variants": None}
        for k, e, s in ((1, "default", "web"), (2, "tcp://127.0.0.1:23750", "worker"))
    ]  # fmt: skip
    (out / "engines.json").write_text(json.dumps({"targets": targets}))
    runs = load_runs([out])
    assert [Path(r.path).name for r in runs] == ["web", "worker"]
    assert [[v.name for v in r.variants] for r in runs] == [
        ["original", "hygiene"],
        ["original", "multistage-slim"],
    ]


def test_an_unfinished_part_says_how_to_complete_it_on_its_engine(tmp_path: Path) -> None:
    copy = tmp_path / "out"
    shutil.copytree(SPLIT, copy)
    meta = json.loads((copy / "go-http.part2" / "run.json").read_text())
    (copy / "go-http.part2" / "run.json").write_text(json.dumps({**meta, "status": "interrupted"}))
    (run,) = load_runs([copy])
    (note,) = [n for n in run.notes if "did not finish" in n]
    assert (
        f"`imgopt analyze sample_apps/go-http --out {copy / 'go-http.part2'} --variants "
        "multistage-slim --engine tcp://127.0.0.1:23750 --resume`"
    ) in note
    assert not any("part 1" in n and "did not finish" in n for n in run.notes)


def _job_out(out: Path, k: int, part: Path | None) -> Path:
    """CI job k of 2's ``OUT`` of go-http (``--shard k/2``): its share, the recorded ``part``
    (None: its child failed before its run began, the folder analyze made for it left empty)."""
    record = json.loads((SPLIT / "engines.json").read_text())
    if part is None:
        (out / "go-http").mkdir(parents=True)
    else:
        shutil.copytree(part, out / "go-http")
    job = {**record["targets"][k - 1], "out": str(out / "go-http"), "engine": "default"}
    job["exit_code"] = 0 if part is not None else 1
    (out / "engines.json").write_text(json.dumps({"targets": [job], "shard": f"{k}/2"}))
    return out / "go-http"


def test_ci_jobs_shares_of_one_targets_variants_are_one_report(tmp_path: Path) -> None:
    """``--shard k/2`` over one target: each job's ``OUT/go-http/`` holds the original and its
    share; ``imgopt report out-*/*/`` of both jobs' folders is one report (the recorded parts
    stand in for the two jobs)."""
    for k, part in enumerate(PARTS, 1):
        _job_out(tmp_path / f"out-{k}", k, part)
    folders = sorted(tmp_path.glob("out-*/*/"))
    (run,) = load_runs(folders)
    assert [v.name for v in run.variants] == [
        "original", "hygiene", "original.job2", "multistage-slim"
    ]  # fmt: skip
    assert run.references == ("original.job2",)
    # each row's engine as its run recorded it, with the job that ran it
    assert run.engines == ("default, job 1 of 2", "tcp://127.0.0.1:23750, job 2 of 2")
    slim = run.get("multistage-slim")
    assert slim is not None and run.reference_of(slim) == run.get("original.job2")
    assert "2 CI jobs (--shard)" in run.notes[0]
    assert run.path == str(tmp_path)
    out = tmp_path / "r"
    result = runner.invoke(app, ["report", *map(str, folders), "-o", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads((out / "report.json").read_text())["recommendation"]["variant"] == (
        "multistage-slim"
    )


def test_two_runs_of_the_same_job_are_not_mixed(tmp_path: Path) -> None:
    for day in ("mon", "tue"):
        _job_out(tmp_path / f"{day}-1", 1, PARTS[0])
    runs = load_runs(sorted(tmp_path.glob("*-1/go-http")))
    assert [[v.name for v in r.variants] for r in runs] == [["original", "hygiene"]] * 2


def _compose_out(out: Path, parts: list[tuple[int, str, str, Path | None]]) -> None:
    """``OUT`` of a Compose file split by service and variant: part ``k`` on ``engine`` holds
    ``service``'s run (a copy of ``run``; None: its child failed before its run began), each
    part with the Compose analysis.json its child writes."""
    record = json.loads((SPLIT / "engines.json").read_text())
    variants = {Path(t["out"]).name: t["variants"] for t in record["targets"]}
    targets = []
    for k, engine, service, run in parts:
        folder = out / f"project-compose.part{k}"
        folder.mkdir(parents=True)
        if run is not None:
            shutil.copytree(run, folder / service)
            doc = {"kind": "compose", "services": [
                {"service": service, "analysed": True, "run_dir": str(folder / service)}
            ]}  # fmt: skip
            (folder / "analysis.json").write_text(json.dumps(doc))
        targets.append(
            {"path": "project/compose.yaml", "out": str(folder), "engine": engine,
             "services": [service], "variants": variants[run.name if run else PARTS[1].name]}
        )  # fmt: skip
    (out / "engines.json").write_text(json.dumps({"targets": targets, "shard": None}))


def test_a_compose_services_parts_are_one_run_of_that_service(tmp_path: Path) -> None:
    """A Compose file split by service and variant: each service's parts
    (``OUT/<name>.part<k>/<service>/``) are one run named after the service, the other
    services' runs beside it; ``imgopt report OUT`` writes a report per service and an index,
    as analyze of the Compose file on one engine does."""
    out = tmp_path / "out"
    two = "tcp://127.0.0.1:23750"
    _compose_out(
        out,
        [(1, "default", "web", PARTS[0]), (2, two, "worker", PARTS[0]), (3, two, "web", PARTS[1])],
    )
    web, worker = load_runs([out])
    assert (web.app, worker.app) == ("web", "worker")
    assert [v.name for v in web.variants] == [
        "original", "hygiene", "original.part3", "multistage-slim"
    ]  # fmt: skip
    assert web.references == ("original.part3",) and web.engines == ("default", two)
    for v in web.variants:
        ref = web.reference_of(v)
        assert ref is not None and ref.engine == v.engine, v.name
    assert [v.name for v in worker.variants] == ["original", "hygiene"] and not worker.references
    assert Path(worker.path) == out / "project-compose.part2" / "worker"
    (alone,) = load_runs([out / "project-compose.part3"])  # one part alone: that part's run
    assert alone.app == "web" and [v.name for v in alone.variants] == [
        "original",
        "multistage-slim",
    ]
    result = runner.invoke(app, ["report", str(out), "-o", str(tmp_path / "r"), "--format", "json"])
    assert result.exit_code == 0, result.output
    index = json.loads((tmp_path / "r" / "index.json").read_text())
    assert [a["app"] for a in index["apps"]] == ["web", "worker"]
    assert index["apps"][0]["recommended"] == "multistage-slim"
    doc = json.loads((tmp_path / "r" / "web" / "report.json").read_text())
    assert {v["name"]: v["compared_with"] for v in doc["variants"]}["multistage-slim"] == (
        "original.part3"
    )


def test_a_compose_file_analysed_on_one_engine_is_read_as_its_services_runs(
    tmp_path: Path,
) -> None:
    """``imgopt report OUT`` of ``imgopt analyze compose.yaml --out OUT`` on one engine: a run
    per service, named as the multi-engine report names them."""
    out = tmp_path / "out"
    for service, run in (("web", PARTS[0]), ("worker", PARTS[1])):
        shutil.copytree(run, out / service)
    doc = {"kind": "compose", "services": [
        {"service": "web", "analysed": True, "run_dir": "out/web"},
        {"service": "db", "analysed": False},
        {"service": "worker", "analysed": True, "run_dir": "out/worker"},
    ]}  # fmt: skip
    (out / "analysis.json").write_text(json.dumps(doc))
    runs = load_runs([out])
    assert [(r.app, Path(r.path).name) for r in runs] == [("web", "web"), ("worker", "worker")]
    assert runs[0].variants == load_run_data(out / "web").variants
    (out / "analysis.json").write_text(json.dumps({"kind": "dockerfile"}))
    with pytest.raises(InputError):  # any other folder without a run is still no run
        load_runs([out])


def test_a_compose_part_left_without_a_run_or_unfinished_is_named(tmp_path: Path) -> None:
    out = tmp_path / "out"
    two = "tcp://127.0.0.1:23750"
    _compose_out(out, [(1, "default", "web", PARTS[0]), (2, two, "web", None)])
    (run,) = load_runs([out])
    assert run.app == "web" and [v.name for v in run.variants] == ["original", "hygiene"]
    assert "part 2" in run.notes[0] and "left no run" in run.notes[0]
    shutil.rmtree(out)
    _compose_out(out, [(1, "default", "web", PARTS[0]), (2, two, "web", PARTS[1])])
    meta_file = out / "project-compose.part2" / "web" / "run.json"
    meta_file.write_text(json.dumps({**json.loads(meta_file.read_text()), "status": "failed"}))
    (run,) = load_runs([out])
    (note,) = [n for n in run.notes if "did not finish" in n]
    assert (
        f"`imgopt analyze project/compose.yaml --out {out / 'project-compose.part2'} --services "
        f"web --variants multistage-slim --engine {two} --resume`"
    ) in note


def test_a_compose_project_split_by_service_only_keeps_each_service_whole(tmp_path: Path) -> None:
    """An earlier run's parts by service (``variants`` null): each service's run is whole."""
    out = tmp_path / "out"
    _compose_out(out, [(1, "default", "web", PARTS[0]), (2, "default", "web", PARTS[1])])
    record = json.loads((out / "engines.json").read_text())
    for t in record["targets"]:
        t["variants"] = None
    (out / "engines.json").write_text(json.dumps(record))
    runs = load_runs([out])
    assert [[v.name for v in r.variants] for r in runs] == [
        ["original", "hygiene"], ["original", "multistage-slim"]
    ]  # fmt: skip


class ComposeJobChild:
    """The child ``imgopt analyze compose.yaml --out OUT/<name> --variants SHARE`` of a CI job:
    a Compose analysis with a run per service (each the recorded part holding that share)."""

    def __call__(self, argv: list[str], env: dict[str, str], engine: str) -> int:
        out = Path(argv[argv.index("--out") + 1])
        share = argv[argv.index("--variants") + 1].split(",")
        services = []
        for service in ("web", "worker"):
            shutil.copytree(PARTS[0] if share == ["hygiene"] else PARTS[1], out / service)
            services.append({"service": service, "analysed": True, "run_dir": str(out / service)})
        (out / "analysis.json").write_text(json.dumps({"kind": "compose", "services": services}))
        return 0


def _shard_compose_file(tmp_path: Path, children: dict[int, Any]) -> dict[int, Any]:
    """``analyze --shard k/2`` of one Compose file (``services: {}``, planned by variant name)
    for each job k, its child ``children[k]``: each job's share of the variants."""
    from imgopt.analyze.many import ChildOptions, analyze_many
    from imgopt.schedule import Shard

    compose = tmp_path / "project" / "compose.yaml"
    compose.parent.mkdir()
    compose.write_text("services: {}\n")
    shares = {}
    for k, child in children.items():
        (outcome,) = analyze_many(
            [compose],
            [],
            tmp_path / f"out-{k}",
            ChildOptions(),
            shard=Shard(k, 2),
            variant_names=lambda p: ["original", "hygiene", "multistage-slim"],
            runner=child,
        )
        shares[k] = outcome.variants
    return shares


def test_ci_jobs_shares_of_one_compose_files_variants_are_one_report_per_service(
    tmp_path: Path,
) -> None:
    """``--shard k/2`` of one Compose file: each job's ``OUT/<name>/<service>/`` holds that
    service's original and the job's share of its variants; ``imgopt report out-*/*/`` (or
    ``out-1 out-2``) is one run per service, each job's share against its own original."""
    two = "tcp://127.0.0.1:23750"  # the engine the recorded part 2 ran on
    shares = _shard_compose_file(tmp_path, {1: ComposeJobChild(), 2: ComposeJobChild()})
    assert sorted([*shares[1], *shares[2]]) == ["hygiene", "multistage-slim"]
    expected = ["original", *shares[1], "original.job2", *shares[2]]
    outs = sorted(tmp_path.glob("out-*"))
    folders = sorted(tmp_path.glob("out-*/*/"))  # the matrix workflow's `out-*/*/`
    for given in (folders, outs):
        runs = load_runs(given)
        assert [r.app for r in runs] == ["web", "worker"]
        for run in runs:
            assert [v.name for v in run.variants] == expected
            assert run.references == ("original.job2",)
            assert run.engines == tuple(  # each row's engine as its run recorded it, and its job
                f"{'default' if shares[k] == ('hygiene',) else two}, job {k} of 2" for k in (1, 2)
            )
            for v in run.variants:  # each job's share against the original that job built
                ref = run.reference_of(v)
                assert ref is not None and ref.engine == v.engine, v.name
            assert "2 CI jobs (--shard)" in run.notes[0]
    web, _ = load_runs(outs[1:])  # one job alone: its share, unmerged
    assert web.app == "web" and [v.name for v in web.variants] == ["original", *shares[2]]
    out = tmp_path / "r"
    result = runner.invoke(app, ["report", *map(str, folders), "-o", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    index = json.loads((out / "index.json").read_text())
    assert [a["app"] for a in index["apps"]] == ["web", "worker"]
    doc = json.loads((out / "web" / "report.json").read_text())
    assert {v["name"]: v["compared_with"] for v in doc["variants"]}[shares[2][0]] == (
        "original.job2"
    )


def test_a_ci_job_whose_compose_analysis_left_no_run_is_named_in_each_service(
    tmp_path: Path,
) -> None:
    """Job 2's child of the Compose file failed before any service's run: each service's report
    is job 1's share, and says that job 2 left none (it was an error for the whole report)."""
    shares = _shard_compose_file(tmp_path, {1: ComposeJobChild(), 2: lambda argv, env, engine: 1})
    runs = load_runs(sorted(tmp_path.glob("out-*/*/")))
    assert [r.app for r in runs] == ["web", "worker"]
    for run in runs:
        assert [v.name for v in run.variants] == ["original", *shares[1]]
        assert "job 2 of 2" in run.notes[0] and "left no run" in run.notes[0]


class ComposeServiceChild:
    """The child ``imgopt analyze compose.yaml --out OUT/<name>.part<i> --services S --variants
    SHARE`` of a CI job that took some of service S's variants: a Compose analysis with S's run
    (the recorded part holding that share); ``fail``: the (service, share) whose child fails
    before building anything."""

    def __init__(self, fail: tuple[str, list[str]] | None = None) -> None:
        self.fail = fail

    def __call__(self, argv: list[str], env: dict[str, str], engine: str) -> int:
        out = Path(argv[argv.index("--out") + 1])
        service = argv[len(argv) - argv[::-1].index("--services")]
        share = argv[len(argv) - argv[::-1].index("--variants")].split(",")
        if (service, share) == self.fail:
            return 1
        if share == ["original"]:  # a service that plans no variant
            _original_alone(out / service)
        else:
            shutil.copytree(PARTS[0] if share == ["hygiene"] else PARTS[1], out / service)
        doc = {"kind": "compose", "services": [
            {"service": service, "analysed": True, "run_dir": str(out / service)}
        ]}  # fmt: skip
        (out / "analysis.json").write_text(json.dumps(doc))
        return 0


def _original_alone(run: Path) -> None:
    """A run of the original alone (``--variants original``): the recorded part 1, less its
    variant."""
    shutil.copytree(PARTS[0], run)
    with (run / "results.csv").open(newline="") as fh:
        rows = list(csv.reader(fh))
    at = rows[0].index("variant")
    with (run / "results.csv").open("w", newline="") as fh:
        csv.writer(fh).writerows([rows[0], *(r for r in rows[1:] if r[at] == "original")])
    meta = json.loads((run / "run.json").read_text())
    meta["variants"] = [v for v in meta["variants"] if v["name"] == "original"]
    (run / "run.json").write_text(json.dumps(meta))


def _compose_jobs(
    tmp_path: Path, plans: list[Any], jobs: int, child: ComposeServiceChild
) -> dict[int, list[Any]]:
    from imgopt.analyze.many import ChildOptions, analyze_many
    from imgopt.schedule import Shard

    compose = tmp_path / "project" / "compose.yaml"
    compose.parent.mkdir()
    compose.write_text("services: {}\n")
    found = {}
    for k in range(1, jobs + 1):
        found[k] = analyze_many(
            [compose],
            [],
            tmp_path / f"out-{k}",
            ChildOptions(),
            shard=Shard(k, jobs),
            variant_names=lambda p: ["original", "hygiene", "multistage-slim"],
            service_plans=lambda p: plans,
            runner=child,
        )
    return found


def _heavy(tmp_path: Path) -> Path:
    """A Dockerfile whose a-priori cost is high (packages, compiling)."""
    slow = tmp_path / "slow.Dockerfile"
    slow.write_text(
        "FROM debian:bookworm\nRUN apt-get update && apt-get install -y gcc make python3-dev\n"
        "RUN pip install -r requirements.txt && make\n"
    )
    return slow


def test_ci_jobs_shares_of_a_compose_file_by_service_and_variant_are_one_report_per_service(
    tmp_path: Path,
) -> None:
    """``--shard k/2`` of a Compose file whose web service outweighs a job's share: each job
    took one of web's variants (a child ``--services web`` each, into
    ``OUT/<name>.part1/web/``), one job also the small worker service (``.part2/worker/``).
    ``imgopt report out-*/*/`` (or ``out-1 out-2``) is web's one run of both jobs' shares, each
    against the original its job built, and worker's run as its one job left it."""
    from imgopt.analyze.many import ServiceVariants

    slow = _heavy(tmp_path)
    quick = tmp_path / "quick.Dockerfile"
    quick.write_text("FROM scratch\nCOPY app /app\n")
    plans = [
        ServiceVariants("web", ("hygiene", "multistage-slim"), (), slow),
        ServiceVariants("worker", ("hygiene",), (), quick),
    ]
    found = _compose_jobs(tmp_path, plans, 2, ComposeServiceChild())
    web = {k: next(o.variants for o in found[k] if o.services == ("web",)) for k in (1, 2)}
    assert sorted([*web[1], *web[2]]) == ["hygiene", "multistage-slim"]
    (worker_job,) = [k for k in (1, 2) if any(o.services == ("worker",) for o in found[k])]
    assert sorted(tmp_path.glob("out-*/*/")) == sorted(
        [tmp_path / f"out-{k}" / "project-compose.part1" for k in (1, 2)]
        + [tmp_path / f"out-{worker_job}" / "project-compose.part2"]
    )
    two = "tcp://127.0.0.1:23750"  # the engine the recorded part 2 ran on
    outs = sorted(tmp_path.glob("out-*"))
    folders = sorted(tmp_path.glob("out-*/*/"))  # the matrix workflow's `out-*/*/`
    for given in (folders, outs):
        runs = load_runs(given)
        assert sorted(r.app for r in runs) == ["web", "worker"]
        (merged,) = [r for r in runs if r.app == "web"]
        assert [v.name for v in merged.variants] == ["original", *web[1], "original.job2", *web[2]]
        assert merged.references == ("original.job2",)
        assert merged.engines == tuple(
            f"{'default' if web[k] == ('hygiene',) else two}, job {k} of 2" for k in (1, 2)
        )
        for v in merged.variants:  # each job's share against the original that job built
            ref = merged.reference_of(v)
            assert ref is not None and ref.engine == v.engine, v.name
        assert "2 CI jobs (--shard)" in merged.notes[0]
        (worker,) = [r for r in runs if r.app == "worker"]
        assert [v.name for v in worker.variants] == ["original", "hygiene"]
        assert worker.references == () and not any("CI jobs" in n for n in worker.notes)
    out = tmp_path / "r"
    result = runner.invoke(app, ["report", *map(str, folders), "-o", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    index = json.loads((out / "index.json").read_text())
    assert sorted(a["app"] for a in index["apps"]) == ["web", "worker"]
    doc = json.loads((out / "web" / "report.json").read_text())
    assert {v["name"]: v["compared_with"] for v in doc["variants"]}[web[2][0]] == "original.job2"


def test_a_ci_jobs_service_child_that_left_no_run_is_named_in_that_services_report_only(
    tmp_path: Path,
) -> None:
    """Four jobs over two services of two variants each: a job per (service, variant); the
    job whose child of web's multistage-slim failed before building is named in web's report,
    not in worker's (whose two jobs' shares merge as usual)."""
    from imgopt.analyze.many import ServiceVariants

    slow = _heavy(tmp_path)
    plans = [
        ServiceVariants("web", ("hygiene", "multistage-slim"), (), slow),
        ServiceVariants("worker", ("hygiene", "multistage-slim"), (), slow),
    ]
    found = _compose_jobs(tmp_path, plans, 4, ComposeServiceChild(("web", ["multistage-slim"])))
    took = {k: [(o.services, o.variants) for o in found[k]] for k in found}
    assert sorted(len(t) for t in took.values()) == [1, 1, 1, 1]
    (failed,) = [k for k, t in took.items() if t == [(("web",), ("multistage-slim",))]]
    runs = load_runs(sorted(tmp_path.glob("out-*/*/")))
    assert sorted(r.app for r in runs) == ["web", "worker"]
    (web,) = [r for r in runs if r.app == "web"]
    (worker,) = [r for r in runs if r.app == "worker"]
    assert [v.name for v in web.variants] == ["original", "hygiene"]
    assert f"job {failed} of 4" in web.notes[0] and "left no run" in web.notes[0]
    assert not any("left no run" in n for n in worker.notes)
    (ref,) = worker.references  # worker's two jobs' shares, merged
    names = [v.name for v in worker.variants]
    assert names[0] == "original" and sorted(set(names) - {"original", ref}) == [
        "hygiene", "multistage-slim"
    ]  # fmt: skip


#: A Compose file's services: web and worker plan a variant each (so a split over two engines
#: splits it), db plans none.
WITH_DB = [("web", ("hygiene",)), ("worker", ("multistage-slim",)), ("db", ())]


def _compose_engines(tmp_path: Path, child: ComposeServiceChild) -> Path:
    """``imgopt analyze compose.yaml --engine one --engine two --out OUT``: OUT."""
    from imgopt.analyze.many import ChildOptions, ServiceVariants, analyze_many
    from imgopt.engine.client import EngineEndpoint

    compose = tmp_path / "project" / "compose.yaml"
    compose.parent.mkdir()
    compose.write_text("services: {}\n")
    analyze_many(
        [compose],
        [EngineEndpoint("one"), EngineEndpoint("two", "unix:///run/imgopt-test-two.sock")],
        tmp_path / "out",
        ChildOptions(),
        variant_names=lambda p: ["original", "hygiene", "multistage-slim"],
        service_plans=lambda p: [ServiceVariants(*plan) for plan in WITH_DB],
        runner=child,
    )
    return tmp_path / "out"


def test_a_service_that_plans_no_variant_over_two_engines_is_reported(tmp_path: Path) -> None:
    """A Compose file over two engines whose db service plans no variant: db's original alone is
    analysed in a part of its own, and ``imgopt report OUT`` reports it as db's run (db had no
    unit: it was never analysed, and the report had none of it)."""
    out = _compose_engines(tmp_path, ComposeServiceChild())
    runs = load_runs([out])
    assert sorted((r.app, [v.name for v in r.variants]) for r in runs) == [
        ("db", ["original"]), ("web", ["original", "hygiene"]),
        ("worker", ["original", "multistage-slim"]),
    ]  # fmt: skip
    result = runner.invoke(app, ["report", str(out), "-o", str(tmp_path / "r"), "--format", "json"])
    assert result.exit_code == 0, result.output
    index = json.loads((tmp_path / "r" / "index.json").read_text())
    assert sorted(a["app"] for a in index["apps"]) == ["db", "web", "worker"]


@pytest.mark.parametrize("split", ["engines", "jobs"])
def test_a_service_whose_only_part_left_no_run_is_named_in_the_others_reports(
    tmp_path: Path, split: str
) -> None:
    """db's only part (over engines) or job (``--shard``) failed before building: the report
    of all the folders is web's and worker's, each naming db as without a report, where it
    failed as a whole."""
    from imgopt.analyze.many import ServiceVariants

    child = ComposeServiceChild(("db", ["original"]))
    if split == "engines":
        folders = [_compose_engines(tmp_path, child)]
    else:
        plans = [ServiceVariants(*plan) for plan in WITH_DB]
        found = _compose_jobs(tmp_path, plans, 2, child)
        took = sorted(o.services or () for k in found for o in found[k])
        assert took == [("db",), ("web",), ("worker",)]
        folders = sorted(tmp_path.glob("out-*/*/"))
    runs = sorted(load_runs(folders), key=lambda r: r.app)
    assert [(r.app, [v.name for v in r.variants]) for r in runs] == [
        ("web", ["original", "hygiene"]), ("worker", ["original", "multistage-slim"])
    ]  # fmt: skip
    for run in runs:
        (note,) = [n for n in run.notes if "left no run" in n]
        assert note.startswith("Service db has no report:")
    out = tmp_path / "r"
    result = runner.invoke(app, ["report", *map(str, folders), "-o", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    index = json.loads((out / "index.json").read_text())
    assert sorted(a["app"] for a in index["apps"]) == ["web", "worker"]
    doc = json.loads((out / "web" / "report.json").read_text())
    assert any("Service db has no report" in n for n in doc["notes"])


@pytest.mark.parametrize("rerun_first", [False, True])
def test_a_ci_job_analysed_again_that_left_no_run_is_named_in_its_earlier_report(
    tmp_path: Path, rerun_first: bool
) -> None:
    """Job 1 ran twice and its second analysis failed before building: the report of all the
    folders is job 1's first share and job 2's, naming job 1's analysis that left no run, where
    it failed as a whole (given after the first, as ``imgopt report out-*/*/`` may order it) or
    said the report held "the other parts" (given first)."""
    first = _job_out(tmp_path / "out-1", 1, PARTS[0])
    second = _job_out(tmp_path / "out-2", 2, PARTS[1])
    again = _job_out(tmp_path / "out-1-again", 1, None)
    folders = [again, first, second] if rerun_first else [first, again, second]
    (run,) = load_runs(folders)
    assert [v.name for v in run.variants] == [
        "original", "hygiene", "original.job2", "multistage-slim"
    ]  # fmt: skip
    (note,) = [n for n in run.notes if "left no run" in n]
    assert f"Another analysis of job 1 of 2 ({again}, engine default) left no run" in note
    assert f"this report holds its analysis in {first}" in note
    out = tmp_path / "r"
    result = runner.invoke(app, ["report", *map(str, folders), "-o", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads((out / "report.json").read_text())
    assert any(f"Another analysis of job 1 of 2 ({again}" in n for n in doc["notes"])


def test_a_ci_job_of_a_compose_service_analysed_again_that_left_no_run_is_named(
    tmp_path: Path,
) -> None:
    """The job that took db (and another service) ran again and its children failed before
    building: each of that job's services is reported from its first analysis, naming the
    second, where db's (whose service had a run, of another analysis) failed the whole
    report."""
    from imgopt.analyze.many import ChildOptions, ServiceVariants, analyze_many
    from imgopt.schedule import Shard

    plans = [ServiceVariants(*plan) for plan in WITH_DB]
    found = _compose_jobs(tmp_path, plans, 2, ComposeServiceChild())
    (job,) = [k for k in found if any(o.services == ("db",) for o in found[k])]
    took = sorted(s for o in found[job] for s in o.services or ())
    analyze_many(
        [tmp_path / "project" / "compose.yaml"],
        [],
        tmp_path / f"out-{job}-again",
        ChildOptions(),
        shard=Shard(job, 2),
        variant_names=lambda p: ["original", "hygiene", "multistage-slim"],
        service_plans=lambda p: plans,
        runner=lambda argv, env, engine: 1,
    )
    folders = sorted(tmp_path.glob("out-*/*/"))
    runs = sorted(load_runs(folders), key=lambda r: r.app)
    assert [(r.app, [v.name for v in r.variants]) for r in runs] == [
        ("db", ["original"]), ("web", ["original", "hygiene"]),
        ("worker", ["original", "multistage-slim"]),
    ]  # fmt: skip
    for run in runs:
        notes = [n for n in run.notes if "left no run" in n]
        if run.app in took:
            (note,) = notes
            assert note.startswith(f"Another analysis of job {job} of 2 (")
            assert f"out-{job}-again" in note
        else:
            assert not notes
    result = runner.invoke(
        app, ["report", *map(str, folders), "-o", str(tmp_path / "r"), "--format", "json"]
    )
    assert result.exit_code == 0, result.output


def test_a_split_analysed_again_whose_parts_left_no_run_is_named_in_the_first(
    tmp_path: Path,
) -> None:
    """go-http over two engines analysed again into another output folder, whose parts both
    failed before building: ``imgopt report`` of both folders is the first analysis, naming
    each part of the second (it failed as a whole); a second analysis that left one part's run
    is its own report, naming its other part there."""
    first, again = tmp_path / "out", tmp_path / "out-again"
    shutil.copytree(SPLIT, first)
    shutil.copytree(SPLIT, again)
    for part in PARTS:
        shutil.rmtree(again / part.name)
        (again / part.name).mkdir()
    (run,) = load_runs([first, again])
    assert [v.name for v in run.variants] == [
        "original", "hygiene", "original.part2", "multistage-slim"
    ]  # fmt: skip
    notes = [n for n in run.notes if "left no run" in n]
    assert notes == [
        f"Another analysis of part {k} ({again / p.name}, engine {e}) left no run: its analysis "
        "failed before building (engines.json has its exit code); this report holds its "
        f"analysis in {first / p.name}."
        for k, p, e in ((1, PARTS[0], "default"), (2, PARTS[1], "tcp://127.0.0.1:23750"))
    ]
    shutil.rmtree(again / PARTS[0].name)
    shutil.copytree(PARTS[0], again / PARTS[0].name)
    runs = load_runs([first, again])
    assert [[v.name for v in r.variants] for r in runs] == [
        ["original", "hygiene", "original.part2", "multistage-slim"], ["original", "hygiene"]
    ]  # fmt: skip
    assert not any("left no run" in n for n in runs[0].notes)
    assert "part 2" in runs[1].notes[0] and "this report holds the other parts" in runs[1].notes[0]
