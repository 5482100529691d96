"""The recommended variant's warm rebuild against the original's, from the published run folders.

Issue 16 asks that the recommended variant's warm rebuild (after a one-line code edit) is never
slower than the original's, and at most 0.3x of it where the original rebuilds its dependencies
after a code edit (0.2x for go-vendored). This reads every ``reports/<app>/run/`` the published
benchmark committed (``benchmarks/publish_report.py``: 3 repetitions of each build) and prints,
per app, the medians with their min-max and the ratio. Nothing is built. The run folders record
the load average at their start and end (printed): warm rebuilds of a few seconds follow the
machine's load.

Run:  .venv/bin/python benchmarks/warm_ratio.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from imgopt.report import load_run_data, recommend  # noqa: E402


def main() -> int:
    print(
        f"{'app':18} {'recommended':16} {'original warm s':>22} {'recommended warm s':>22}"
        f" {'ratio':>6}  load start/end"
    )
    for run_dir in sorted((REPO / "reports").glob("*/run")):
        if not (run_dir / "results.csv").is_file():
            continue
        run = load_run_data(run_dir)
        pick = recommend(run).pick
        original = run.get("original")
        meta = json.loads((run_dir / "run.json").read_text("utf-8"))
        load = (meta.get("machine") or {}).get("load_average") or [None]
        end = meta.get("load_at_end") or [None]
        loads = f"{load[0]}/{end[0]}"
        if original is None or original.warm is None:
            print(f"{run_dir.parent.name:18} no warm rebuild of the original recorded")
            continue
        o = original.warm
        name = pick.name if pick is not None else "original"
        w = pick.warm if pick is not None else o
        if w is None:
            print(f"{run_dir.parent.name:18} {name:16} no warm rebuild recorded")
            continue
        print(
            f"{run_dir.parent.name:18} {name:16} "
            f"{o.median:7.1f} ({o.low:.1f}-{o.high:.1f}) n={o.n:<2} "
            f"{w.median:7.1f} ({w.low:.1f}-{w.high:.1f}) n={w.n:<2} "
            f"{w.median / o.median:6.2f}  {loads}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
