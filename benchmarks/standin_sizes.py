"""Stand-in base images against the official ones: what is measured here, and what is not.

For every recipe in standins/recipes.toml: the stand-in's uncompressed size as the local engine
reports it (``docker image inspect``, MB = 10^6 bytes), and the recipe's ``reference_mb``, which is
NOT measured here (no registry is reachable): a reference value, printed with the source and date
the recipe gives for it (``reference_source``). The comparison is like for like only when the
reference image is one of the stand-in's own names (same name and version); otherwise (node 22
against 18, golang 1.26 against 1.19, python 3.12 against 3.11) the ratio is "not comparable".
Recipes of every group are listed; one not built here says so.

Run:  .venv/bin/python benchmarks/standin_sizes.py > benchmarks/results/standin_sizes-DATE.txt
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def local_size(tag: str) -> int | None:
    proc = subprocess.run(
        ["docker", "image", "inspect", "--format", "{{json .}}", tag],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        return None
    return int(json.loads(proc.stdout)["Size"])


def main() -> int:
    from imgopt.results import units
    from imgopt.results.tables import Table, markdown

    recipes = tomllib.loads((REPO / "standins" / "recipes.toml").read_text("utf-8"))["recipe"]
    rows = []
    for r in recipes:
        tag = r["tags"][0]
        size = local_size(tag)
        official, ref = r.get("reference_mb"), r.get("reference_image")
        same = ref is not None and ref in r["tags"]
        if official is None or size is None:
            ratio = units.MISSING
        elif same:
            ratio = f"{size / 1e6 / official:.2f}"
        else:
            ratio = "not comparable (another version)"
        rows.append(
            (
                f"`{tag}`",
                units.mb(size) if size is not None else "not built here",
                f"`{ref}`" if ref else units.MISSING,
                f"{official:,.1f} MB (reference, not measured)" if official else "unknown",
                ratio,
                r.get("reference_source", units.MISSING),
            )
        )
    headers = (
        "stand-in",
        "measured here",
        "official image",
        "official size",
        "ratio",
        "source of the reference value",
    )
    print(f"# standin_sizes: {datetime.now(UTC).replace(microsecond=0).isoformat()}")
    print("# command: .venv/bin/python benchmarks/standin_sizes.py")
    print()
    print(markdown(Table(headers, tuple(rows), ("l", "r", "l", "r", "r", "l"))), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
