"""What a rebuild pushes: the compressed bytes of the layers a code edit changes.

After a one-line code edit, CI rebuilds the image and pushes it; a registry already has every
layer whose digest it has seen, so what travels (and is stored again) is the layers that differ
from the image before the edit. Those are the warm image's layers whose diff ids are not among
the cold image's, measured compressed (gzip, as a push sends them; :mod:`imgopt.bench.layers`).

A variant that puts the code edit in a small last layer pushes kilobytes; one whose edit rebuilds
the dependency layer (``COPY . .`` before ``pip install``) pushes the dependencies again on
every commit. That is the third side of the size / build-time tradeoff.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from imgopt.bench.layers import LayerCache


def changed_layers(before: Iterable[str], after: Sequence[str]) -> list[int]:
    """Indexes of ``after``'s layers (diff ids, bottom first) that ``before`` does not have.

    Example:
        >>> changed_layers(["a", "b", "c"], ["a", "b", "d", "e"])
        [2, 3]
    """
    known = set(before)
    return [i for i, diff_id in enumerate(after) if diff_id not in known]


def pushed_bytes(
    before: Iterable[str],
    image_id: str,
    diff_ids: Sequence[str],
    *,
    cache: LayerCache | None = None,
) -> int:
    """The compressed size of the layers of image ``image_id`` (``diff_ids``, bottom first) that
    are not among ``before`` (the diff ids of the image before the edit).

    Layers already measured are read from the layer cache; the others are compressed now.

    Raises:
        EngineError: a layer cannot be read.
    """
    from imgopt.bench.layers import measure_layers

    changed = changed_layers(before, diff_ids)
    if not changed:
        return 0
    facts = measure_layers(image_id, diff_ids, compressed=True, entries=False, cache=cache)
    return sum(facts[i].compressed_bytes or 0 for i in changed)


def pushed_after_edit(
    layer_rows: Iterable[dict[str, str]], variant: str, image_id: str
) -> int | None:
    """:func:`pushed_bytes` of a warm rebuild of ``variant`` against the measured image of the
    same variant, whose layers are the run folder's ``layer`` rows (``diff_id`` column); None
    when the run holds no layer of it (not measured)."""
    from imgopt.engine.images import inspect_image

    before = [
        r["diff_id"]
        for r in layer_rows
        if r.get("row") == "layer" and r.get("variant") == variant and r.get("diff_id")
    ]
    if not before:
        return None
    info = inspect_image(image_id)
    return pushed_bytes(before, info.id, info.diff_ids)


def pushed_per_variant(run_dir: Path) -> dict[str, int]:
    """What each variant's rebuild after the code edit pushes, as the run folder ``run_dir``
    recorded it: the ``pushed_bytes`` of the variant's first warm rebuild that has them
    (repetition 0 is the one measured). A variant without such a row is left out (not rebuilt,
    its rebuild failed, or the run was made without compressed sizes); so is every variant of a
    folder that holds no readable run."""
    import pandas as pd

    from imgopt.errors import InputError
    from imgopt.results.frames import read_run

    try:
        builds = read_run(run_dir).builds
    except InputError:
        return {}
    if "pushed_bytes" not in builds.columns or builds.empty:
        return {}
    pushed = pd.to_numeric(builds["pushed_bytes"], errors="coerce")
    warm = builds.assign(pushed=pushed, rep=pd.to_numeric(builds["repetition"], errors="coerce"))
    warm = warm[(warm["kind"] == "warm") & warm["pushed"].notna() & (warm["pushed"] >= 0)]
    first = warm.sort_values("rep", kind="stable").drop_duplicates("variant")
    names, sizes = first["variant"].tolist(), first["pushed"].tolist()
    return {str(n): int(b) for n, b in zip(names, sizes, strict=True)}
