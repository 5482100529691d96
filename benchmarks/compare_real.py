"""The real-app benchmark's regression gate: a new run's results against the committed ones.

The committed ``reports/real/results.json`` (written by benchmarks/publish_real.py) is the
baseline. This script compares another run's ``results.json`` with it, app by app: the outcome
(recommended, kept the original, no recommendation), the reduction, the verification's strength
(probes, commands, closure files, dependencies started) and the times (cold and warm builds of
the recommended image, the analysis's wall time). It prints every difference, marks the ones
that make an app worse, and exits 1 when there is any. It runs in benchmarks/, not in CI: a run
takes hours.

    .venv/bin/python benchmarks/compare_real.py NEW/results.json        # against HEAD's results
    .venv/bin/python benchmarks/compare_real.py NEW.json --baseline OLD.json
    .venv/bin/python benchmarks/compare_real.py NEW.json --time-tolerance 0.5

Times vary with the machine's load (the runs record load averages): a time counts as worse only
beyond ``--time-tolerance`` (a fraction, 30 % by default), and never fails the gate unless
``--fail-on-time`` is given; sizes and verification always do.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
COMMITTED = "reports/real/results.json"
#: Outcomes from best to worst.
RANK = {"recommended": 0, "kept-original": 1, "no-recommendation": 2}
#: A reduction that moves less than this (a fraction of the original's size) is the same.
SIZE_TOLERANCE = 0.005
STRENGTH = ("probes", "commands", "closure_files")
TIMES = ("recommended_cold_s", "recommended_warm_s", "wall_s")


@dataclass(frozen=True, slots=True)
class Difference:
    """One difference between the two runs for one app."""

    app: str
    what: str
    old: Any
    new: Any
    worse: bool
    timing: bool = False

    def line(self) -> str:
        mark = "WORSE " if self.worse else "      "
        return f"{mark}{self.app}: {self.what}: {_fmt(self.old)} -> {_fmt(self.new)}"


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.3f}"
    return "–" if v is None or v == "" else str(v)


def _reduction(row: Mapping[str, Any]) -> float:
    change = row.get("change")
    if row.get("outcome") != "recommended" or not isinstance(change, int | float):
        return 0.0
    return -float(change)


def _rank(row: Mapping[str, Any]) -> int:
    """The outcome's :data:`RANK`; a recommendation that saves less than :data:`SIZE_TOLERANCE`
    ranks with keeping the original (the minimum-gain rule turns one into the other)."""
    outcome = str(row.get("outcome"))
    if outcome == "recommended" and _reduction(row) < SIZE_TOLERANCE:
        return RANK["kept-original"]
    return RANK.get(outcome, 3)


def _deps(row: Mapping[str, Any]) -> set[str]:
    return {d for d in str(row.get("dependencies") or "").split(";") if d}


def compare_app(
    app: str, old: Mapping[str, Any] | None, new: Mapping[str, Any] | None, time_tolerance: float
) -> list[Difference]:
    """The differences for one app (``None``: the app is missing from that run)."""
    if old is None or new is None:
        return [Difference(app, "present", old is not None, new is not None, worse=new is None)]
    out: list[Difference] = []
    o_out, n_out = old.get("outcome"), new.get("outcome")
    if o_out != n_out:
        worse = _rank(new) > _rank(old)
        out.append(Difference(app, "outcome", o_out, n_out, worse))
    if old.get("variant") != new.get("variant"):
        out.append(
            Difference(app, "recommended variant", old.get("variant"), new.get("variant"), False)
        )
    o_red, n_red = _reduction(old), _reduction(new)
    if abs(n_red - o_red) >= SIZE_TOLERANCE:
        out.append(Difference(app, "reduction", o_red, n_red, worse=n_red < o_red))
    for key in STRENGTH:
        o, n = old.get(key), new.get(key)
        if o != n:
            worse = isinstance(o, int) and (not isinstance(n, int) or n < o)
            out.append(Difference(app, key, o, n, worse))
    lost = _deps(old) - _deps(new)
    if _deps(old) != _deps(new):
        out.append(
            Difference(
                app,
                "dependencies started",
                old.get("dependencies"),
                new.get("dependencies"),
                bool(lost),
            )
        )
    for key in TIMES:
        o, n = old.get(key), new.get(key)
        if isinstance(o, int | float) and isinstance(n, int | float) and o > 0:
            ratio = n / o
            if abs(ratio - 1) > time_tolerance:
                out.append(Difference(app, key, o, n, worse=ratio > 1, timing=True))
    return out


def compare(
    old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]], time_tolerance: float
) -> list[Difference]:
    """Every difference, app by app, in the baseline's order (then the new apps)."""
    olds = {str(r["app"]): r for r in old}
    news = {str(r["app"]): r for r in new}
    names = list(olds) + [n for n in news if n not in olds]
    out: list[Difference] = []
    for name in names:
        out.extend(compare_app(name, olds.get(name), news.get(name), time_tolerance))
    return out


def _rows(text: str) -> list[dict[str, Any]]:
    data = json.loads(text)
    apps = data.get("apps") if isinstance(data, dict) else None
    if not isinstance(apps, list):
        raise SystemExit("compare_real: not a results.json of benchmarks/publish_real.py")
    return [a for a in apps if isinstance(a, dict) and "app" in a]


def _committed() -> str:
    r = subprocess.run(
        ["git", "show", f"HEAD:{COMMITTED}"], cwd=REPO, capture_output=True, text=True, check=False
    )
    if r.returncode != 0:
        raise SystemExit(f"compare_real: no committed {COMMITTED} ({r.stderr.strip()})")
    return r.stdout


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compare a real-app run with the committed one.")
    parser.add_argument("new", type=Path, help="the new run's results.json")
    parser.add_argument("--baseline", type=Path, help=f"default: HEAD's {COMMITTED}")
    parser.add_argument("--time-tolerance", type=float, default=0.3)
    parser.add_argument("--fail-on-time", action="store_true")
    args = parser.parse_args(argv)
    old = _rows(args.baseline.read_text("utf-8") if args.baseline else _committed())
    new = _rows(args.new.read_text("utf-8"))
    diffs = compare(old, new, args.time_tolerance)
    for d in diffs:
        print(d.line())
    failing = [d for d in diffs if d.worse and (args.fail_on_time or not d.timing)]
    print(
        f"{len(diffs)} difference(s), {len(failing)} making an app worse"
        f"{'' if args.fail_on_time else ' (times reported, not gated)'}",
        file=sys.stderr,
    )
    return 1 if failing else 0


if __name__ == "__main__":
    raise SystemExit(main())
