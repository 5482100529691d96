"""Stand-in base images against the official ones: what is measured here, and what is not.

For every recipe in standins/recipes.toml: the stand-in's uncompressed size as the local engine
reports it (``docker image inspect``, MB = 10^6 bytes), and the recipe's ``official_mb``, which is
NOT measured here (no registry is reachable): it is a reference value with no recorded source or
date. The comparison is marked like for like only when the official image named is the same
image (same name and version); otherwise (node 22 against 18, golang 1.26 against 1.19, python
3.12 against 3.11) the ratio is printed as not comparable.

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
        official, ref = r.get("official_mb"), r.get("official_ref")
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
            )
        )
    headers = ("stand-in", "measured here", "official image", "official size", "ratio")
    print(f"# standin_sizes: {datetime.now(UTC).replace(microsecond=0).isoformat()}")
    print("# command: .venv/bin/python benchmarks/standin_sizes.py")
    print()
    print(markdown(Table(headers, tuple(rows), ("l", "r", "l", "r", "r"))), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
