"""Which closure rule applies: the literal one by default; ``--lenient-closure`` or
``[closure] strict = false`` asks for the lenient one. An explicit flag wins over the spec, the
spec over the default (:func:`imgopt.verify.closure.strict_rule`), in the Verifier, in
``imgopt bench`` and ``imgopt analyze`` (their options, run.json, analyze's ``--resume`` line).
No engine: the runs are stopped where they would start building."""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from imgopt.bench.runner import BenchOptions, BenchRun, make_variants
from imgopt.cli.app import app
from imgopt.engine.filesystem import FileEntry, IndexedFiles
from imgopt.errors import InputError
from imgopt.verify.closure import Closure, check_variant, measure, strict_rule
from imgopt.verify.spec import parse_spec
from imgopt.verify.verifier import Proof, Verifier, absent_listing

CNF = "/etc/ssl/openssl.cnf"
PAGE = "/app/templates/index.html"
SPEC = '[[command]]\ncommand = "true"\n'
LENIENT_SPEC = SPEC + "[closure]\nstrict = false\n"
STRICT_SPEC = SPEC + "[closure]\nstrict = true\n"

# (the command line's choice, the spec's, the rule applied)
PRECEDENCE = [
    (None, None, True),  # neither says: the literal rule
    (None, False, False),  # the spec asks for the lenient rule
    (None, True, True),
    (True, False, True),  # --strict-closure over the spec's strict = false
    (False, True, False),  # --lenient-closure over the spec's strict = true
    (False, None, False),
    (True, None, True),
]


@pytest.mark.parametrize(("asked", "spec", "strict"), PRECEDENCE)
def test_the_flag_wins_over_the_spec_and_the_spec_over_the_default(
    asked: bool | None, spec: bool | None, strict: bool
) -> None:
    assert strict_rule(asked, spec) is strict
    text = {None: SPEC, False: LENIENT_SPEC, True: STRICT_SPEC}[spec]
    verifier = Verifier(run_id="t", spec=parse_spec(text), strict_closure=asked)
    assert verifier.strict_closure is strict


def test_the_verifier_without_a_spec_or_a_choice_applies_the_literal_rule() -> None:
    assert Verifier(run_id="t").strict_closure is True
    assert BenchOptions().strict_closure is None  # not said: the spec decides, else literal
    from imgopt.analyze import AnalyzeOptions

    assert AnalyzeOptions().strict_closure is None


# -- a variant that lacks only a base image's configuration file --------------------------------


class _Layered(IndexedFiles):
    """The original: the page came from the Dockerfile's layers (1), the rest from the base."""

    def layer(self, path: str) -> int | None:
        return 1 if path == PAGE else 0


ORIGINAL = {
    "/": FileEntry("dir", 0),
    CNF: FileEntry("file", 7),
    PAGE: FileEntry("file", 10, sha256="t"),
}
FACTS = measure(
    Closure(files=(CNF, PAGE), complete=True),
    _Layered(ORIGINAL),
    {"templates/index.html": "t"},
    1,
)
NO_CNF = IndexedFiles({"/": FileEntry("dir", 0), PAGE: ORIGINAL[PAGE]})


def test_by_default_a_variant_lacking_a_base_image_config_file_fails_naming_it() -> None:
    check = check_variant(FACTS, NO_CNF)
    assert check.problems == (
        f"variant lacks {CNF}, which the original read "
        "(configuration or data: --lenient-closure accepts it)",
    )
    assert check.absent_optional == ()
    assert (
        Proof(closure_files=2)
        .describe()
        .endswith(
            "2 closure files (0.0 MB), every one required (strict), dependencies started: none"
        )
    )


def test_the_lenient_rule_passes_it_and_lists_why() -> None:
    check = check_variant(FACTS, NO_CNF, strict=False)
    assert check.problems == ()
    listed = absent_listing(check)
    assert listed == ((CNF, "config-or-data"),)
    proof = Proof(closure_files=2, absent_optional=1, absent_files=listed, strict_closure=False)
    assert proof.absent_line() == f"absent but not required: {CNF} (configuration or data)"
    assert "of which 1 file absent but not required" in proof.describe()
    assert proof.to_dict()["strict_closure"] is False


# -- the command line -----------------------------------------------------------------------------


class _Stop(InputError):
    """Raised by the fakes where the real command would start building."""


def _app(tmp_path: Path, spec: str | None = None) -> Path:
    folder = tmp_path / "app"
    folder.mkdir()
    (folder / "Dockerfile").write_text('FROM debian:bookworm-slim\nCMD ["true"]\n')
    if spec is not None:
        (folder / "smoke.toml").write_text(spec)
    return folder


@pytest.mark.parametrize(
    ("flags", "asked"),
    [([], None), (["--strict-closure"], True), (["--lenient-closure"], False)],
)
def test_bench_passes_the_flag_or_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flags: list[str], asked: bool | None
) -> None:
    seen: list[BenchOptions] = []

    def fake_run(variants: Any, options: BenchOptions, *args: Any, **kwargs: Any) -> None:
        seen.append(options)
        raise _Stop("stopped before building")

    monkeypatch.setattr("imgopt.bench.runner.BenchRun", fake_run)
    result = CliRunner().invoke(app, ["bench", str(_app(tmp_path)), *flags])
    assert result.exit_code == 2, result.output
    assert "stopped before building" in result.output
    assert [o.strict_closure for o in seen] == [asked]


@pytest.mark.parametrize(("flags", "asked"), [([], None), (["--lenient-closure"], False)])
def test_analyze_passes_the_flag_and_its_resume_line_carries_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flags: list[str], asked: bool | None
) -> None:
    seen: list[Any] = []

    def fake_analyze(path: Path, file: Path | None, options: Any, observer: Any) -> None:
        seen.append(options)
        raise KeyboardInterrupt  # as a Ctrl-C during the bench

    monkeypatch.setattr("imgopt.analyze.analyze", fake_analyze)
    folder = _app(tmp_path)
    result = CliRunner().invoke(app, ["analyze", str(folder), "--out", str(tmp_path / "o"), *flags])
    assert result.exit_code == 128 + signal.SIGINT, result.output
    assert [o.strict_closure for o in seen] == [asked]
    line = next(ln for ln in result.output.splitlines() if "completes it" in ln)
    assert ("--lenient-closure" in line) is (asked is False)
    assert "--strict-closure" not in line
    assert line.index("--resume") > line.index(str(folder))


@pytest.mark.parametrize(("asked", "spec", "strict"), PRECEDENCE)
def test_run_json_records_the_rule_applied(
    tmp_path: Path, asked: bool | None, spec: bool | None, strict: bool
) -> None:
    text = {None: None, False: LENIENT_SPEC, True: STRICT_SPEC}[spec]
    folder = _app(tmp_path, text)
    variants = make_variants(folder, [folder / "Dockerfile"], ["original"])
    run = BenchRun(variants, BenchOptions(strict_closure=asked), tmp_path / "run")
    assert run._strict_closure() is strict
    assert run._verifier_for().strict_closure is strict


def test_without_verification_the_spec_is_not_read(tmp_path: Path) -> None:
    folder = _app(tmp_path, "not toml at all [")
    variants = make_variants(folder, [folder / "Dockerfile"], ["original"])
    run = BenchRun(variants, BenchOptions(verify=False), tmp_path / "run")
    assert run._strict_closure() is True


@pytest.mark.parametrize(
    ("flags", "passed"),
    [
        ([], []),
        (["--lenient-closure"], ["--lenient-closure"]),
        (["--strict-closure"], ["--strict-closure"]),
    ],
)
def test_analyze_of_several_targets_gives_each_child_the_flag_or_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flags: list[str], passed: list[str]
) -> None:
    seen: list[tuple[str, ...]] = []

    def fake_many(paths: Any, endpoints: Any, out: Any, child: Any, **kwargs: Any) -> list[Any]:
        seen.append(child.args)
        return []

    monkeypatch.setattr("imgopt.analyze.many.analyze_many", fake_many)
    one, two = tmp_path / "one", tmp_path / "two"
    for folder in (one, two):
        folder.mkdir()
        (folder / "Dockerfile").write_text("FROM debian:bookworm-slim\n")
    result = CliRunner().invoke(app, ["analyze", str(one), str(two), "--format", "json", *flags])
    assert result.exit_code == 0, result.output
    (args,) = seen
    assert [a for a in args if a.endswith("-closure")] == passed
