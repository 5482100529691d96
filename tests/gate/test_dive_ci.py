from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from imgopt.errors import ConfigError
from imgopt.gate.dive_ci import checks_from_dive, load_dive_ci


def _exprs(data: object) -> list[str]:
    return [c.expr for c in checks_from_dive(data)]


def test_all_three_rules_with_dives_meanings(tmp_path: Path) -> None:
    path = tmp_path / ".dive-ci"
    path.write_text(
        "rules:\n"
        "  lowestEfficiency: 0.95\n"
        "  highestWastedBytes: 20MB\n"
        "  highestUserWastedPercent: 0.20\n"
    )
    specs = load_dive_ci(path)
    assert [s.expr for s in specs] == ["efficiency:0.95", "wasted:20MB", "user-wasted:20%"]
    eff, wasted, user = specs
    assert (eff.metric, eff.amount, eff.unit) == ("efficiency", Decimal("0.95"), "ratio")
    assert (wasted.amount, wasted.unit) == (20_000_000, "bytes")
    # dive's highestUserWastedPercent is a fraction: 0.20 means 20%, not 0.2%.
    assert (user.amount, user.unit) == (20, "percent")
    assert all(s.source.startswith(f"{path}: rules.") for s in specs)


def test_missing_rules_take_dives_defaults() -> None:
    specs = checks_from_dive({"rules": {"lowestEfficiency": "0.8"}})
    assert [s.expr for s in specs] == ["efficiency:0.8", "user-wasted:10%"]
    assert specs[1].source.endswith("(dive's default)")
    assert _exprs(None) == ["efficiency:0.9", "user-wasted:10%"]


def test_disabled_turns_a_rule_off() -> None:
    data = {"rules": {"lowestEfficiency": "disabled", "highestUserWastedPercent": "disabled",
                      "highestWastedBytes": "disabled"}}  # fmt: skip
    assert _exprs(data) == []


def test_keys_are_case_insensitive_like_viper() -> None:
    assert _exprs({"Rules": {"LOWESTEFFICIENCY": 0.5, "highestuserwastedpercent": "disabled"}}) == [
        "efficiency:0.5"
    ]


def test_wasted_bytes_in_go_humanize_forms() -> None:
    def wasted(value: object) -> tuple[str, Decimal]:
        spec = next(s for s in checks_from_dive({"rules": {"highestWastedBytes": value}})
                    if s.metric == "wasted")  # fmt: skip
        return spec.expr, spec.amount

    assert wasted(20000000) == ("wasted:20000000B", Decimal(20_000_000))  # YAML gives an int
    assert wasted("20MB") == ("wasted:20MB", Decimal(20_000_000))
    assert wasted("20M") == ("wasted:20000000B", Decimal(20_000_000))
    assert wasted("20 MiB")[1] == 20 * 2**20
    assert wasted("1,024")[1] == 1024


@pytest.mark.parametrize(
    ("rules", "key", "says"),
    [
        ({"lowestEfficiency": 1.5}, "rules.lowestEfficiency", "outside 0..1"),
        ({"lowestEfficiency": "high"}, "rules.lowestEfficiency", "not a number"),
        ({"highestUserWastedPercent": 20}, "rules.highestUserWastedPercent", "outside 0..1"),
        ({"highestWastedBytes": "lots"}, "rules.highestWastedBytes", "not a size"),
        ({"lowestEfficency": 0.9}, "rules.lowestEfficency", "unknown rule"),
        ({"lowestEfficiency": None}, "rules.lowestEfficiency", "empty"),
    ],
)
def test_misconfigured_rules_name_file_and_key(
    rules: dict[str, object], key: str, says: str
) -> None:
    with pytest.raises(ConfigError) as info:
        checks_from_dive({"rules": rules}, "ci/.dive-ci")
    assert info.value.message.startswith(f"ci/.dive-ci: {key}")
    assert says in info.value.message


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / ".dive-ci"
    path.write_text("rules:\n  lowestEfficiency: [0.9\n")
    with pytest.raises(ConfigError) as info:
        load_dive_ci(path)
    assert str(path) in info.value.message
    assert "line" in info.value.message
