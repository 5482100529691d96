"""``--shard K/N``: the part of a run's units that CI job K of N runs.

Every job computes the same split from the same inputs, so the N jobs together run each unit
exactly once. With at least N targets, whole targets are split (a target's variants stay
together, so its original is built where its variants are compared with it); with fewer, one big
target's variants are split. The split balances expected cost (longest first onto the lightest
share, ties by name), or counts when nothing is known about costs.

Units that name a "base" whose seconds the cost model knows as work done once per job (a Compose
service's original, built as the reference of that service's variants: :mod:`imgopt.analyze.many`)
cost a job that base the first time it takes one of them. Such units are placed a base at a time
(the costliest base with its units first), and a unit stays in a job that already has its base
while that keeps the job within a bound; of several bounds (from the ideal share of the total,
each base counted once, up to no bound at all), the split that finishes soonest is taken, then the
one that builds fewer bases. So a small base's units stay in one job, and a base whose units
outweigh a job's share is spread over jobs only as far as that pays for building it twice. Units
without bases are placed as before.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from imgopt.errors import InputError
from imgopt.schedule.cost import CostModel
from imgopt.schedule.model import Unit

_SHARD = re.compile(r"\s*(\d{1,6})\s*/\s*(\d{1,6})\s*")


@dataclass(frozen=True)
class Shard:
    """Job ``index`` (1-based) of ``count``."""

    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse_shard(text: str) -> Shard:
    """``"2/4"`` as a :class:`Shard`.

    Raises:
        InputError: not ``K/N`` with 1 <= K <= N.
    """
    match = _SHARD.fullmatch(text)
    if match is None:
        raise InputError(
            f"--shard {text!r}: expected K/N", hint="for the second of four jobs: --shard 2/4"
        )
    index, count = int(match[1]), int(match[2])
    if not 1 <= index <= count:
        raise InputError(
            f"--shard {text}: K must be between 1 and N",
            hint=f"the jobs of a {count}-job matrix are --shard 1/{count} ... {count}/{count}",
        )
    return Shard(index, count)


def shard_units(units: Sequence[Unit], shard: Shard, cost: CostModel | None = None) -> list[Unit]:
    """The units job ``shard`` runs, in their given order."""
    model = cost or CostModel(default_seconds=1.0)
    targets: dict[str, list[Unit]] = defaultdict(list)
    for unit in units:
        targets[unit.target].append(unit)
    if len(targets) >= shard.count:
        groups = [(t, members) for t, members in targets.items()]
    else:
        groups = [(u.key, [u]) for u in units]
    items = [
        _Item(
            key,
            members,
            sum(model.seconds(u) for u in members),
            tuple(dict.fromkeys(b for u in members for b in u.bases)),
        )
        for key, members in groups
    ]
    jobs = _place(items, shard.count, model)
    mine = {u.key for i, it in enumerate(items) if jobs[i] == shard.index - 1 for u in it.members}
    return [u for u in units if u.key in mine]


@dataclass(frozen=True)
class _Item:
    """What goes to one job whole: a target's units, or one unit."""

    key: str
    members: list[Unit]
    seconds: float
    bases: tuple[str, ...]


def _place(items: Sequence[_Item], count: int, model: CostModel) -> list[int]:
    """Each item's job (0-based), the same in every job: see the module's docstring."""
    base_seconds = {
        b: model.pull_seconds(Unit("", "", bases=(b,)), ()) for it in items for b in it.bases
    }
    family: dict[tuple[str, ...], float] = defaultdict(float)
    for it in items:
        family[it.bases] += it.seconds
    for bases in family:
        family[bases] += sum(base_seconds[b] for b in bases)
    # longest first, ties by name; units of one base together, the costliest base first
    order = sorted(
        range(len(items)),
        key=lambda i: (
            -(family[items[i].bases] if items[i].bases else items[i].seconds),
            "\0".join(items[i].bases) if items[i].bases else items[i].key,
            -items[i].seconds,
            items[i].key,
        ),
    )
    if not base_seconds:  # nothing built once per job: each unit onto the lightest share
        return _greedy(items, order, count, model, 0.0)[2]
    total = sum(it.seconds for it in items) + sum(base_seconds.values())
    bounds = [total / count * (1 + i / 20) for i in range(21)] + [0.0, float("inf")]
    best = min(
        (_greedy(items, order, count, model, bound) for bound in bounds),
        key=lambda found: (found[0], found[1]),
    )
    return best[2]


def _greedy(
    items: Sequence[_Item], order: Sequence[int], count: int, model: CostModel, bound: float
) -> tuple[float, float, list[int]]:
    """Place ``items`` in ``order``: onto the least loaded job that already has the item's bases
    while it stays within ``bound``, else onto the job that would finish it first (its bases'
    seconds added where missing), ties to the lower job. Returns (the longest job's seconds,
    every job's together, each item's job)."""
    loads = [0.0] * count
    present: list[set[str]] = [set() for _ in range(count)]
    placed = [0] * len(items)
    for i in order:
        item = items[i]
        need = Unit("", "", bases=item.bases)
        pulls = [model.pull_seconds(need, present[j]) for j in range(count)]
        fitting = [
            j
            for j in range(count)
            if item.bases and pulls[j] == 0 and loads[j] + item.seconds <= bound
        ]
        if fitting:
            job = min(fitting, key=lambda j: (loads[j], j))
        else:
            job = min(range(count), key=lambda j: (loads[j] + pulls[j], j))
        loads[job] += pulls[job] + item.seconds
        present[job].update(item.bases)
        placed[i] = job
    return max(loads), sum(loads), placed
