from __future__ import annotations

from typing import Any

import pytest

from imgopt.errors import ConfigError
from imgopt.gate.checks import Status
from imgopt.gate.expr import parse_check
from imgopt.gate.record import BuildRecord, ImageRecord, WasteRecord
from imgopt.gate.runner import GateReport, plan, run_gate

from .fakes import MACHINE, image, layer

BASE = layer(0, "COPY / /", 100_000_000, compressed=40_000_000, base=True)


def _gate(exprs: list[str], current: ImageRecord, baseline: ImageRecord | None) -> GateReport:
    checks, _ = plan([parse_check(e) for e in exprs], have_baseline=baseline is not None)
    return run_gate(checks, current, baseline, baseline_source="b.json")


def _one(expr: str, current: ImageRecord, baseline: ImageRecord | None = None) -> Any:
    return _gate([expr], current, baseline).results[0]


def test_budgets_at_the_boundary() -> None:
    img = image([BASE, layer(1, "RUN a", 1_000_000, compressed=500_000)])
    assert img.size_bytes == 101_000_000
    assert _one("size:101MB", img).status == Status.PASS
    over = _one("size:100.999999MB", img)
    assert (over.status, over.value, over.threshold) == (Status.FAIL, 101_000_000, 100_999_999)
    assert "over by 1 B" in over.message
    assert [la.created_by for la in over.largest_layers] == ["RUN a"]  # own layers, no baseline
    assert _one("compressed:40.5MB", img).status == Status.PASS
    assert _one("compressed:40.4MB", img).status == Status.FAIL
    assert _one("layers:2", img).status == Status.PASS
    res = _one("layers:1", img)
    assert (res.status, res.value, res.threshold, res.unit) == (Status.FAIL, 2, 1, "count")


def test_growth_percent_is_exact_at_the_boundary() -> None:
    old = image([layer(0, "RUN a", 1000, compressed=100)])
    exactly = image([layer(0, "RUN a", 1050, compressed=105)])
    above = image([layer(0, "RUN a", 1051, compressed=106)])
    ok = _one("size:+5%", exactly, old)
    assert (ok.status, ok.value, ok.threshold, ok.baseline_value) == (Status.PASS, 1050, 1050, 1000)
    bad = _one("size:+5%", above, old)
    assert bad.status == Status.FAIL
    assert [(g.change, g.delta_bytes) for g in bad.layers] == [("rebuilt", 51)]
    assert _one("compressed:+5%", exactly, old).status == Status.PASS
    assert _one("compressed:+5%", above, old).status == Status.FAIL
    assert _one("size:+50B", exactly, old).status == Status.PASS
    assert _one("size:+50B", above, old).status == Status.FAIL


def test_growth_names_the_layers_that_grew_not_the_ones_that_shrank() -> None:
    old = image([BASE, layer(1, "RUN a", 5_000_000), layer(2, "RUN b", 9_000_000)])
    new = image([BASE, layer(1, "RUN a", 1_000_000, content="x"),
                 layer(2, "COPY big /", 30_000_000), layer(3, "RUN b", 9_000_000)])  # fmt: skip
    res = _one("size:+5%", new, old)
    assert res.status == Status.FAIL
    assert [(g.instruction, g.change, g.delta_bytes) for g in res.layers] == [
        ("COPY big /", "new", 30_000_000)
    ]
    assert res.delta_metric == "size"


def test_compressed_growth_skips_when_measured_differently() -> None:
    old = image([layer(0, "RUN a", 1000, compressed=100)], method="gzip-a")
    new = image([layer(0, "RUN a", 1000, compressed=100)], method="gzip-b")
    res = _one("compressed:+5%", new, old)
    assert res.status == Status.SKIP and res.warning and "measured differently" in res.warning


def test_layer_growth() -> None:
    old = image([layer(0, "RUN a", 1), layer(1, "RUN b", 1)])
    new = image([layer(0, "RUN a", 1), layer(1, "RUN b", 1), layer(2, "RUN c", 1)])
    assert _one("layers:+1", new, old).status == Status.PASS
    assert _one("layers:+0", new, old).status == Status.FAIL
    assert _one("layers:+50%", new, old).status == Status.PASS


def test_waste_with_dives_directions() -> None:
    img = image([BASE], waste=WasteRecord(0.85, 30_000_000, 0.12, 20_000_000, 5_000_000))
    eff = _one("efficiency:0.9", img)
    assert (eff.status, eff.value, eff.threshold, eff.unit) == (Status.FAIL, 0.85, 0.9, "ratio")
    assert "hidden by later layers" in eff.message
    assert _one("efficiency:85%", img).status == Status.PASS
    assert _one("wasted:30MB", img).status == Status.PASS
    assert _one("wasted:29.9MB", img).status == Status.FAIL
    user = _one("user-wasted:10%", img)
    assert (user.status, user.value, user.threshold, user.unit) == (
        Status.FAIL,
        pytest.approx(12.0),
        10,
        "percent",
    )
    assert _one("user-wasted:12%", img).status == Status.PASS


def _built(seconds: float, **machine: Any) -> ImageRecord:
    return image(
        [layer(0, "RUN a", 1)],
        build=BuildRecord("buildkit", "v1", "26", seconds, False),
        machine={**MACHINE, **machine},
    )


def test_build_time_on_the_same_machine() -> None:
    ok = _one("build-time:+10%", _built(11.0), _built(10.0))
    assert (ok.status, ok.value, ok.threshold, ok.baseline_value) == (Status.PASS, 11.0, 11.0, 10.0)
    assert _one("build-time:+10%", _built(11.5), _built(10.0)).status == Status.FAIL
    assert _one("build-time:+2s", _built(11.5), _built(10.0)).status == Status.PASS


@pytest.mark.parametrize(
    ("current", "says"),
    [
        (_built(99.0, node="other-runner"), "another machine: node differs"),
        (_built(99.0, machine_id="zzz"), "machine_id differs"),
        (image([layer(0, "RUN a", 1)]), "not built by the gate"),
    ],
)
def test_build_time_elsewhere_is_warned_and_skipped(current: ImageRecord, says: str) -> None:
    report = _gate(["build-time:+10%", "size:+100%"], current, _built(10.0))
    res = report.results[0]
    assert res.status == Status.SKIP and says in res.message
    assert report.passed  # a skipped check never fails the gate
    assert len(report.warnings) == 1 and says in report.warnings[0]


def test_build_time_between_cold_and_warm_is_skipped() -> None:
    cold = image([layer(0, "RUN a", 1)], build=BuildRecord("buildkit", "v1", "26", 30.0, True))
    res = _one("build-time:+10%", _built(1.0), cold)
    assert res.status == Status.SKIP and "cold" in res.message


def test_growth_without_a_baseline_is_a_config_error() -> None:
    with pytest.raises(ConfigError) as info:
        plan([parse_check("size:+5%"), parse_check("layers:3")], have_baseline=False)
    assert "size:+5%" in info.value.message and "layers:3" not in info.value.message


def test_plan_says_what_to_measure() -> None:
    _, needs = plan([parse_check("size:1GB")], have_baseline=False)
    assert (needs.compressed, needs.waste) == (False, False)
    _, needs = plan([parse_check("compressed:1GB"), parse_check("wasted:1MB")], have_baseline=False)
    assert (needs.compressed, needs.waste) == (True, True)


def test_report_verdict() -> None:
    img = image([BASE])
    report = _gate(["size:1GB", "layers:0"], img, None)
    assert not report.passed and report.verdict == "FAIL"
    assert (report.count(Status.PASS), report.count(Status.FAIL)) == (1, 1)
