"""The command line of analyze PATH..., --engine, --builder and --shard: exit codes and output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from imgopt.cli.app import app

REPO = Path(__file__).resolve().parents[2]
APPS = [str(REPO / "sample_apps" / "go-http"), str(REPO / "sample_apps" / "go-port")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["analyze", *APPS, "--resume"], "--resume completes one target"),
        (["analyze", *APPS, "-f", "Dockerfile"], "with several, give each Dockerfile"),
        (["analyze", APPS[0], "--shard", "3/2"], "K must be between 1 and N"),
        (["analyze", APPS[0], "--engine", "no-such-context-imgopt"], "no Docker context"),
        (["bench", APPS[0], "--engine", "tcp://a:1", "--engine", "tcp://b:1"], "one engine"),
    ],
)
def test_bad_usage_is_exit_2_with_one_line(args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_several_targets_without_building(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["analyze", *APPS, "--no-build", "--out", str(out), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    outcomes = json.loads(result.stdout)
    assert [Path(o["path"]).name for o in outcomes] == ["go-http", "go-port"]
    assert all(o["engine"] == "default" and o["exit_code"] == 0 for o in outcomes)
    for o in outcomes:
        assert (Path(o["out"]) / "analysis.json").is_file()
    # The same output folder again: imgopt's own, so it is reused.
    again = CliRunner().invoke(app, ["analyze", *APPS, "--no-build", "--out", str(out)])
    assert again.exit_code == 0, again.output
    assert "go-http" in again.stdout and "default" in again.stdout


@pytest.mark.parametrize(
    ("extra", "split"),
    [
        ([], True),
        (["--apply"], False),
        (["--push", "127.0.0.1:5959/imgopt-test"], False),
        (["--no-build"], False),
    ],
)
def test_one_target_over_two_engines_is_split_unless_it_applies_or_pushes(
    extra: list[str], split: bool, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A split target recommends once per part: --apply and --push keep it whole (and with
    --no-build nothing is worth splitting)."""
    import imgopt.analyze.many as many

    seen: dict[str, object] = {}

    def fake(*args: object, **kwargs: object) -> list[object]:
        seen.update(kwargs)
        return []

    monkeypatch.setattr(many, "analyze_many", fake)
    engines = ["--engine", "default", "--engine", "unix:///run/imgopt-test-none.sock"]
    result = CliRunner().invoke(
        app, ["analyze", APPS[0], *engines, "--out", str(tmp_path / "o"), *extra]
    )
    assert result.exit_code == 0, result.output
    assert (seen["variant_names"] is not None) is split
    assert (seen["service_plans"] is not None) is split
    assert (seen["together"] is not None) is split


def test_a_shard_plans_each_compose_service_and_keeps_the_users_variants_from_the_child(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """--shard K/N hands analyze_many each Compose service's plan (a job takes (service,
    variant) units), made of the user's --variants and --services; the child gets the job's
    share, not the user's --variants."""
    import imgopt.analyze.many as many

    seen: dict[str, object] = {}
    asked: list[tuple[object, ...]] = []

    def fake(*args: object, **kwargs: object) -> list[object]:
        seen.update(kwargs, child=args[3])
        return []

    monkeypatch.setattr(many, "analyze_many", fake)
    monkeypatch.setattr(many, "compose_plan", lambda *a: asked.append(a) or [])
    result = CliRunner().invoke(
        app,
        ["analyze", APPS[0], "--shard", "1/2", "--variants", "hygiene,slim-base",
         "--services", "web", "--out", str(tmp_path / "o")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    plans = seen["service_plans"]
    assert callable(plans) and seen["variant_names"] is not None
    assert plans(Path(APPS[0])) == []
    assert asked == [(Path(APPS[0]), ("hygiene", "slim-base"), ("web",))]
    assert "--variants" not in seen["child"].args  # type: ignore[attr-defined]
