"""--shard K/N: deterministic, complete, disjoint, balanced."""

from __future__ import annotations

import pytest

from imgopt.errors import InputError
from imgopt.schedule import CostModel, Shard, Timing, Unit, parse_shard, shard_units

VARIANTS = ("original", "hygiene", "slim-base", "multistage", "distroless")


def corpus(targets: int) -> list[Unit]:
    return [Unit(f"app{t:03}", v) for t in range(targets) for v in VARIANTS]


@pytest.mark.parametrize("targets", [1, 3, 20])
@pytest.mark.parametrize("n", [1, 2, 4])
def test_the_jobs_together_run_each_unit_exactly_once(targets: int, n: int) -> None:
    units = corpus(targets)
    parts = [shard_units(units, Shard(k, n)) for k in range(1, n + 1)]
    keys = [u.key for part in parts for u in part]
    assert sorted(keys) == sorted(u.key for u in units)
    assert parts == [shard_units(list(units), Shard(k, n)) for k in range(1, n + 1)]


def test_with_enough_targets_a_targets_variants_stay_together() -> None:
    for k in (1, 2, 3):
        part = shard_units(corpus(9), Shard(k, 3))
        by_target = {u.target for u in part}
        assert len(part) == 5 * len(by_target) == 15


def test_one_big_target_splits_its_variants() -> None:
    parts = [shard_units(corpus(1), Shard(k, 2)) for k in (1, 2)]
    assert sorted(len(p) for p in parts) == [2, 3]


def test_the_split_balances_expected_cost() -> None:
    units = corpus(4)
    cost = CostModel(
        [Timing(u.target, u.variant, "e", 100.0 if u.target == "app000" else 10.0) for u in units]
    )
    first, second = (shard_units(units, Shard(k, 2), cost) for k in (1, 2))
    assert {u.target for u in first} == {"app000"}
    assert {u.target for u in second} == {"app001", "app002", "app003"}


@pytest.mark.parametrize("text", ["", "2", "0/3", "4/3", "a/b", "1/0", "-1/2"])
def test_bad_shards_are_input_errors(text: str) -> None:
    with pytest.raises(InputError, match="--shard"):
        parse_shard(text)


def test_parse_shard() -> None:
    assert parse_shard(" 2/4 ") == Shard(2, 4)
    assert str(Shard(2, 4)) == "2/4"
