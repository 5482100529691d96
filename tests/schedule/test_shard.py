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


def services(variants: dict[str, int]) -> tuple[list[Unit], CostModel]:
    """One Compose file's units, a variant of a service each, each naming its service's original
    as a base that costs a job as much as a variant (every unit 60 s)."""
    units = [
        Unit("compose", f"{s}:v{i}", bases=(f"compose#{s}#original",))
        for s, n in variants.items()
        for i in range(n)
    ]
    return units, CostModel(base_seconds={f"compose#{s}#original": 60.0 for s in variants})


def jobs_of(units: list[Unit], n: int, cost: CostModel) -> list[list[str]]:
    return [[u.variant for u in shard_units(units, Shard(k, n), cost)] for k in range(1, n + 1)]


def test_services_of_like_cost_go_whole_to_a_job_each() -> None:
    """Spreading a variant name over jobs would build both originals in both jobs (240 s each);
    a service each is 180 s each and builds each original once."""
    units, cost = services({"web": 2, "worker": 2})
    assert jobs_of(units, 2, cost) == [["web:v0", "web:v1"], ["worker:v0", "worker:v1"]]


def test_a_service_bigger_than_a_share_is_spread_only_as_far_as_it_pays() -> None:
    """web (original and 4 variants, 300 s) and worker (120 s): 3 of web's variants in one job,
    the fourth with worker in the other (240 s each, web's original built twice); 2 and 2 would
    make 180 s and 300 s, web whole 300 s and 120 s."""
    units, cost = services({"web": 4, "worker": 1})
    assert jobs_of(units, 2, cost) == [["web:v0", "web:v1", "web:v2"], ["web:v3", "worker:v0"]]
    units, cost = services({"web": 6})  # one service over three jobs: two variants each
    assert sorted(map(len, jobs_of(units, 3, cost))) == [2, 2, 2]


def test_units_with_bases_are_split_the_same_in_every_job_and_each_once() -> None:
    units, cost = services({"a": 5, "b": 2, "c": 1, "d": 3})
    for n in (1, 2, 3, 5):
        parts = jobs_of(units, n, cost)
        assert sorted(v for p in parts for v in p) == sorted(u.variant for u in units)
        assert parts == jobs_of(list(units), n, cost)
