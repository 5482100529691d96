"""``--shard K/N``: the part of a run's units that CI job K of N runs.

Every job computes the same split from the same inputs, so the N jobs together run each unit
exactly once. With at least N targets, whole targets are split (a target's variants stay
together, so its original is built where its variants are compared with it); with fewer, one big
target's variants are split. The split balances expected cost (longest first onto the lightest
share, ties by name), or counts when nothing is known about costs.
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
    weighed = sorted(
        ((sum(model.seconds(u) for u in members), key, members) for key, members in groups),
        key=lambda g: (-g[0], g[1]),
    )
    loads = [0.0] * shard.count
    mine: set[str] = set()
    for seconds, _, members in weighed:
        job = min(range(shard.count), key=lambda j: (loads[j], j))
        loads[job] += seconds
        if job == shard.index - 1:
            mine.update(u.key for u in members)
    return [u for u in units if u.key in mine]
