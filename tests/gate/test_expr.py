from __future__ import annotations

from decimal import Decimal

import pytest

from imgopt.errors import ConfigError, ExitCode
from imgopt.gate.expr import parse_check
from imgopt.gate.units import parse_bytes


@pytest.mark.parametrize(
    ("expr", "metric", "kind", "amount", "unit"),
    [
        ("size:300MB", "size", "budget", 300_000_000, "bytes"),
        ("size:300MiB", "size", "budget", 300 * 2**20, "bytes"),
        ("size:1.5GB", "size", "budget", 1_500_000_000, "bytes"),
        ("compressed:120MB", "compressed", "budget", 120_000_000, "bytes"),
        ("layers:20", "layers", "budget", 20, "count"),
        ("size:+5%", "size", "growth", 5, "percent"),
        ("size:+20MB", "size", "growth", 20_000_000, "bytes"),
        ("compressed:+5%", "compressed", "growth", 5, "percent"),
        ("compressed:+2.5%", "compressed", "growth", Decimal("2.5"), "percent"),
        ("layers:+2", "layers", "growth", 2, "count"),
        ("efficiency:0.9", "efficiency", "waste", Decimal("0.9"), "ratio"),
        ("efficiency:90%", "efficiency", "waste", Decimal("0.9"), "ratio"),
        ("wasted:50MB", "wasted", "waste", 50_000_000, "bytes"),
        ("user-wasted:10%", "user-wasted", "waste", 10, "percent"),
        ("build-time:+10%", "build-time", "time", 10, "percent"),
        ("build-time:+30s", "build-time", "time", 30, "seconds"),
        ("build-time:+2m", "build-time", "time", 120, "seconds"),
        ("  SIZE : 300 mb ", "size", "budget", 300_000_000, "bytes"),
        ("user_wasted:5%", "user-wasted", "waste", 5, "percent"),
    ],
)
def test_parses(expr: str, metric: str, kind: str, amount: int | Decimal, unit: str) -> None:
    spec = parse_check(expr)
    assert (spec.metric, spec.kind, spec.amount, spec.unit) == (
        metric,
        kind,
        Decimal(amount),
        unit,
    )
    assert spec.expr == expr.strip()
    assert spec.needs_baseline == (kind in ("growth", "time"))


@pytest.mark.parametrize(
    ("expr", "says"),
    [
        ("size", "METRIC:THRESHOLD"),
        ("size:", "METRIC:THRESHOLD"),
        ("bloat:5%", "unknown metric"),
        ("size:300", "no unit"),
        ("size:300XB", "unknown unit"),
        ("size:5%", "+N% is growth"),
        ("size:-5%", "cannot be negative"),
        ("size:+-5%", "cannot be negative"),
        ("layers:2.5", "whole number"),
        ("layers:10%", "growth"),
        ("efficiency:1.5", "between 0 and 1"),
        ("efficiency:+5%", "fixed threshold"),
        ("wasted:10%", "user-wasted"),
        ("user-wasted:0.1", "percentage"),
        ("user-wasted:150%", "between 0% and 100%"),
        ("build-time:60s", "same machine"),
        ("build-time:+soon", "not a duration"),
        ("size:+lots", "not a size"),
    ],
)
def test_rejects_with_a_reason(expr: str, says: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_check(expr, source="imgopt.toml: gate.checks[3]")
    err = info.value
    assert says in err.message
    assert "imgopt.toml: gate.checks[3]" in err.message
    assert repr(expr.strip()) in err.message
    assert err.exit_code == ExitCode.USAGE
    assert err.hint and "MiB = 2^20" in err.hint


def test_units_are_decimal_and_binary() -> None:
    assert parse_bytes("1MB") == 10**6
    assert parse_bytes("1MiB") == 2**20
    assert parse_bytes("1kB") == parse_bytes("1KB") == 1000
    assert parse_bytes("0.5GiB") == 2**29
    with pytest.raises(ValueError, match="no unit"):
        parse_bytes("42")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("42", 42), ("20M", 20_000_000), ("20 MB", 20_000_000), ("20Mi", 20 * 2**20),
     ("1,000kb", 1_000_000), ("2.5GB", 2_500_000_000), ("3 mib", 3 * 2**20)],
)  # fmt: skip
def test_humanize_forms_as_dive_reads_them(text: str, expected: int) -> None:
    assert parse_bytes(text, humanize=True) == expected
