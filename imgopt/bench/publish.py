"""Push measured variants to a registry (``--push REPO`` of ``bench`` and ``analyze``), and check
the compressed sizes imgopt reported against what the registry stores.

Only a variant that built and passed verification is pushed (with ``--no-verify``, one that
built). Each goes to ``REPO:<variant>`` through the engine (its credentials: ``docker login``).
The registry's manifest then lists each layer's stored (gzip) size; imgopt's own figure for the
same layer (:mod:`imgopt.bench.layers`) is set beside it, so a reader sees how far the estimate
was from the registry, per layer and in total.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from imgopt.bench.results import RunFolder
from imgopt.errors import InputError


@dataclass(frozen=True)
class LayerSize:
    """One layer: imgopt's compressed size and the registry's (bytes)."""

    diff_id: str
    reported: int | None
    stored: int


@dataclass(frozen=True)
class Pushed:
    """One pushed variant.

    Attributes:
        variant: its name in the run.
        ref: where it went (``REPO:variant``).
        digest: the manifest digest the registry reported.
        layers: imgopt's and the registry's size of every layer, bottom first.
    """

    variant: str
    ref: str
    digest: str
    layers: tuple[LayerSize, ...]

    @property
    def reported(self) -> int | None:
        sizes = [layer.reported for layer in self.layers]
        return None if any(s is None for s in sizes) else sum(s or 0 for s in sizes)

    @property
    def stored(self) -> int:
        return sum(layer.stored for layer in self.layers)

    @property
    def difference(self) -> float | None:
        """(reported - stored) / stored, over the whole image; None when not comparable."""
        if self.reported is None or not self.stored:
            return None
        return (self.reported - self.stored) / self.stored

    def lines(self) -> list[str]:
        """What to show: the push, the totals, and each layer whose figures differ."""
        head = f"pushed {self.variant} as {self.ref}@{self.digest}"
        if self.reported is None:
            return [head, f"  the registry stores {self.stored:,} bytes compressed; imgopt did "
                    "not measure compressed sizes in this run"]  # fmt: skip
        diff = self.difference or 0.0
        out = [
            head,
            f"  compressed size: imgopt reported {self.reported:,} bytes, the registry's manifest "
            f"says {self.stored:,} ({diff:+.2%})",
        ]
        for i, layer in enumerate(self.layers):
            if layer.reported is not None and layer.reported != layer.stored and layer.stored:
                share = (layer.reported - layer.stored) / layer.stored
                out.append(
                    f"    layer {i} {layer.diff_id[:19]}: {layer.reported:,} vs {layer.stored:,}"
                    f" ({share:+.2%})"
                )
        return out

    def to_json(self) -> dict[str, object]:
        return {
            "variant": self.variant,
            "ref": self.ref,
            "digest": self.digest,
            "reported_compressed_bytes": self.reported,
            "registry_compressed_bytes": self.stored,
            "difference": self.difference,
            "layers": [
                {"diff_id": x.diff_id, "reported": x.reported, "registry": x.stored}
                for x in self.layers
            ],
        }


def check_repo(repo: str) -> str:
    """``--push REPO``: a repository name without tag or digest (each variant becomes a tag).

    Raises:
        InputError: a tag, a digest, or not a repository name.
    """
    last = repo.rsplit("/", 1)[-1]
    if "@" in repo or ":" in last:
        raise InputError(
            f"--push {repo}: give a repository without tag or digest",
            hint="each pushed variant is tagged with its name, e.g. REPO:slim-base",
        )
    if not re.fullmatch(r"[a-z0-9]+([._:/-][a-z0-9]+)*", repo.lower()):
        raise InputError(f"--push {repo}: not a repository name (like registry.example/team/app)")
    return repo


def pushable(run_dir: Path) -> dict[str, tuple[str, bool | None]]:
    """Every variant of a run with an image: name -> (image id, verified)."""
    out: dict[str, tuple[str, bool | None]] = {}
    for row in RunFolder(run_dir).rows():
        if row.get("row") != "variant" or not row.get("image_id"):
            continue
        verified = {"True": True, "true": True, "False": False, "false": False}.get(
            str(row.get("verified") or "")
        )
        out[str(row["variant"])] = (str(row["image_id"]), verified)
    return out


def push_variants(
    run_dir: Path,
    repo: str,
    names: Sequence[str],
    progress: Callable[[str], None] | None = None,
) -> tuple[list[Pushed], list[str]]:
    """Push the named variants of a run to ``repo`` and compare sizes; returns what was pushed
    and a note for each variant that was not (not built, or failed verification).

    Raises:
        RegistryError: the registry refused or cannot be reached.
        EngineError: the engine fails (or the image is gone: bench without --push removes it).
    """
    from imgopt.engine.images import RegistryError, push_image, registry_layer_sizes

    images = pushable(run_dir)
    reported = _layer_rows(run_dir)
    done: list[Pushed] = []
    notes: list[str] = []
    for name in names:
        if name not in images:
            notes.append(f"{name}: not pushed, it has no image (its build failed)")
            continue
        image_id, verified = images[name]
        if verified is False:
            notes.append(f"{name}: not pushed, it failed verification")
            continue
        ref = f"{repo}:{_tag(name)}"
        digest = push_image(image_id, ref, progress)
        try:
            stored = registry_layer_sizes(ref, digest)
        except RegistryError as err:  # pushed; only the comparison is missing
            notes.append(f"{name}: pushed as {ref}@{digest}; sizes not compared: {err.message}")
            continue
        layers = reported.get(name, [])
        if len(layers) != len(stored):  # cannot pair them: show the totals only
            layers = [("?", None)] * len(stored)
        done.append(
            Pushed(
                name,
                ref,
                digest,
                tuple(LayerSize(d, r, s) for (d, r), s in zip(layers, stored, strict=True)),
            )
        )
    return done, notes


def _layer_rows(run_dir: Path) -> dict[str, list[tuple[str, int | None]]]:
    """variant -> [(diff id, compressed bytes)] bottom first, from the run's layer rows."""
    rows: dict[str, list[tuple[int, str, int | None]]] = {}
    for row in RunFolder(run_dir).rows():
        if row.get("row") != "layer":
            continue
        size = row.get("compressed_bytes")
        rows.setdefault(str(row["variant"]), []).append(
            (int(row.get("layer_index") or 0), str(row.get("diff_id") or ""),
             int(size) if size not in (None, "") else None)
        )  # fmt: skip
    return {k: [(d, s) for _, d, s in sorted(v)] for k, v in rows.items()}


def _tag(name: str) -> str:
    """A variant name as a tag (``[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}``)."""
    tag = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).lstrip(".-") or "variant"
    return tag[:128]


def publish(
    run_dir: Path,
    repo: str,
    names: Sequence[str],
    *,
    remove_after: bool,
    say: Callable[[str], None],
) -> list[Pushed]:
    """``--push``: push ``names`` of a run whose images were kept for it, show the size
    comparison through ``say``, and remove the run's images afterwards when ``remove_after``
    (the user did not ask to keep them).

    Raises:
        RegistryError, EngineError: as :func:`push_variants`.
    """
    import json

    from imgopt.bench.runner import RUN_LABEL
    from imgopt.engine.images import images_with_label, remove_images

    try:
        if not names:
            say("nothing pushed: no variant built and passed verification")
            return []
        pushed, notes = push_variants(run_dir, repo, names, progress=say)
    finally:
        if remove_after:
            try:
                run_id = json.loads((run_dir / "run.json").read_text("utf-8")).get("run_id")
            except (OSError, ValueError):
                run_id = None
            if run_id:
                remove_images(images_with_label(RUN_LABEL, str(run_id)))
    for item in pushed:
        for line in item.lines():
            say(line)
    for note in notes:
        say(note)
    return pushed


def pull_bases(
    dockerfiles: Sequence[Path], build_args: Mapping[str, str], say: Callable[[str], None]
) -> list[str]:
    """Pull, with progress, the base images of these Dockerfiles (the original first) that the
    engine lacks; builds would pull them too, through the engine's mirrors, but silently. Returns
    those pulled. Images that cannot be told (``$VAR`` left, unparsable file) are left to the build.

    Raises:
        RegistryError: a base of the original is not local and its registry does not have it or
            cannot be reached. A variant's base in that case is said, and its build fails later
            (a result, like any variant that does not build).
    """
    from imgopt.bench.sizes import parse_dockerfile
    from imgopt.engine.images import RegistryError, ensure_image

    pulled: list[str] = []
    seen: set[str] = set()
    for index, path in enumerate(dockerfiles):
        df = parse_dockerfile(path, build_args)
        for stage in df.stages if df is not None else ():
            ref = stage.base_resolved
            if stage.image is None or stage.image.is_scratch or stage.base_stage is not None:
                continue
            if "$" in ref or ref in seen:
                continue
            seen.add(ref)
            try:
                if ensure_image(ref, progress=say):
                    pulled.append(ref)
            except RegistryError as err:
                if index == 0:
                    raise
                say(f"{path}: {err.message}")
    return pulled
