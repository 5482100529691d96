"""Which layers made an image grow, and why.

Layers are matched to the baseline's by the instruction that made them, never by position:
inserting one ``COPY`` near the top must not make every layer below it look changed. The two
layer lists are aligned on their history text (``created_by``, normalised) with a longest-
matching-blocks diff; in every stretch the diff leaves unmatched, layers of the same keyword are
paired in order, choosing the pairing whose texts are most alike, so an edited ``RUN`` is reported
as that ``RUN`` changed, and what stays unpaired is new (or removed).

For each layer that grew the attribution gives the byte delta, the largest files it adds (files
new or bigger than in the baseline's layer when that layer's listing is at hand, else the
largest files in the layer, saying which), and the imgopt rule findings on its instruction.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from imgopt.gate.record import ImageRecord, LayerRecord

Change = Literal["unchanged", "rebuilt", "changed", "new", "removed"]
FilesBasis = Literal["new-layer", "compared", "layer", "unavailable"]
#: How many files to name per layer.
TOP_FILES = 5

_REGULAR = frozenset({"0", "7"})


@dataclass(frozen=True)
class LayerMatch:
    """A layer of the image under test and its counterpart in the baseline.

    Attributes:
        current: the layer now (None when the baseline's layer is gone).
        baseline: the baseline's layer (None for a new layer).
        change: ``unchanged`` (same instruction, same content), ``rebuilt`` (same instruction,
            other content: a ``COPY .`` of changed files, an ``apt-get`` that fetched newer
            packages), ``changed`` (the instruction was edited), ``new`` or ``removed``.
    """

    current: LayerRecord | None
    baseline: LayerRecord | None
    change: Change

    def delta(self, metric: str) -> int | None:
        """Bytes gained (negative: lost) in ``metric`` (``size`` or ``compressed``)."""
        now = _value(self.current, metric)
        before = _value(self.baseline, metric)
        if (self.current is not None and now is None) or (
            self.baseline is not None and before is None
        ):
            return None
        return (now or 0) - (before or 0)


def _value(layer: LayerRecord | None, metric: str) -> int | None:
    if layer is None:
        return None
    return layer.compressed_bytes if metric == "compressed" else layer.size_bytes


def _similarity(a: LayerRecord, b: LayerRecord) -> float:
    return difflib.SequenceMatcher(None, a.match_key, b.match_key, autojunk=False).ratio()


def _pair_gap(old: Sequence[LayerRecord], new: Sequence[LayerRecord]) -> list[LayerMatch]:
    """Pair layers of one unmatched stretch: same keyword, order kept, most alike texts."""
    n, m = len(old), len(new)
    # best[i][j]: best score pairing old[i:] with new[j:]; a pair scores 1 + similarity, so any
    # same-keyword pair beats leaving both unpaired, and among pairings the closest texts win.
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            score = max(best[i + 1][j], best[i][j + 1])
            if old[i].keyword == new[j].keyword:
                score = max(score, 1.0 + _similarity(old[i], new[j]) + best[i + 1][j + 1])
            best[i][j] = score
    out: list[LayerMatch] = []
    i = j = 0
    while i < n and j < m:
        if (
            old[i].keyword == new[j].keyword
            and abs(best[i][j] - (1.0 + _similarity(old[i], new[j]) + best[i + 1][j + 1])) < 1e-12
        ):
            out.append(LayerMatch(new[j], old[i], "changed"))
            i += 1
            j += 1
        elif best[i][j] == best[i + 1][j]:
            out.append(LayerMatch(None, old[i], "removed"))
            i += 1
        else:
            out.append(LayerMatch(new[j], None, "new"))
            j += 1
    out.extend(LayerMatch(None, layer, "removed") for layer in old[i:])
    out.extend(LayerMatch(layer, None, "new") for layer in new[j:])
    return out


def match_layers(
    baseline: Sequence[LayerRecord], current: Sequence[LayerRecord]
) -> list[LayerMatch]:
    """Match the current layers to the baseline's by instruction (see the module docs).

    Returns every layer of both lists once: matched pairs in current order, with removed
    baseline layers where they used to be.

    Example:
        >>> def layer(i, text, size):
        ...     return LayerRecord(i, f"sha256:{i}{size}", text, text, None, False, size)
        >>> old = [layer(0, "WORKDIR /app", 0), layer(1, "RUN make", 10)]
        >>> new = [old[0], layer(1, "COPY big /", 30), layer(2, "RUN make all", 12)]
        >>> [(m.change, m.delta("size")) for m in match_layers(old, new)]
        [('unchanged', 0), ('new', 30), ('changed', 2)]
    """
    a = [layer.match_key for layer in baseline]
    b = [layer.match_key for layer in current]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out: list[LayerMatch] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for old, new in zip(baseline[i1:i2], current[j1:j2], strict=True):
                change: Change = "unchanged" if old.diff_id == new.diff_id else "rebuilt"
                out.append(LayerMatch(new, old, change))
        else:
            out.extend(_pair_gap(baseline[i1:i2], current[j1:j2]))
    return out


# ----------------------------------------------------------------------------------------------
# Files and findings


@dataclass(frozen=True)
class FileChange:
    """A file a grown layer adds.

    Attributes:
        path: the path in the image (``/usr/lib/x.so``).
        size_bytes: its size in the layer.
        delta_bytes: how much bigger than in the baseline's layer (its size when new there);
            None when the baseline's layer could not be listed.
    """

    path: str
    size_bytes: int
    delta_bytes: int | None


@dataclass(frozen=True)
class FindingRef:
    """An imgopt rule finding on a layer's instruction."""

    code: str
    name: str
    line: int
    message: str
    fix_title: str | None = None


class TarEntryLike(Protocol):
    """What attribution needs of a layer tar entry (:class:`imgopt.bench.tarlist.TarEntry`)."""

    @property
    def path(self) -> str: ...

    @property
    def size(self) -> int: ...

    @property
    def type(self) -> str: ...


class FileSource(Protocol):
    """Lists the entries of a layer (from the engine, the layer cache, or a fake in tests)."""

    def entries(self, layer: LayerRecord, image_id: str) -> Sequence[TarEntryLike] | None:
        """The layer's tar entries, or None when the layer cannot be read here."""
        ...


@dataclass(frozen=True)
class GrownLayer:
    """A layer that grew, with what explains it.

    Attributes:
        metric: the size the delta is in (``size`` or ``compressed``).
        change: how the layer relates to the baseline (:class:`LayerMatch`).
        instruction: the instruction that made the layer.
        line: its line in the Dockerfile, when known.
        index: the layer's position in the image.
        delta_bytes: bytes gained in ``metric``.
        size_bytes: the layer's size now, in ``metric``.
        baseline_size_bytes: the matched baseline layer's size in ``metric`` (None for new).
        baseline_instruction: the baseline layer's instruction when it was edited.
        files: the largest files it adds, biggest first.
        files_basis: ``new-layer`` (every file is new), ``compared`` (against the baseline's
            layer), ``layer`` (largest files in the layer: the baseline's layer could not be
            listed here), ``unavailable`` (the layer could not be listed).
        findings: rule findings on its instruction.
    """

    metric: str
    change: Change
    instruction: str
    line: int | None
    index: int
    delta_bytes: int
    size_bytes: int
    baseline_size_bytes: int | None
    baseline_instruction: str | None
    files: tuple[FileChange, ...]
    files_basis: FilesBasis
    findings: tuple[FindingRef, ...]


def added_files(
    entries: Sequence[TarEntryLike] | None,
    baseline_entries: Sequence[TarEntryLike] | None,
    *,
    new_layer: bool,
    top: int = TOP_FILES,
) -> tuple[tuple[FileChange, ...], FilesBasis]:
    """The largest files a layer adds, and on what basis they were chosen."""
    if entries is None:
        return (), "unavailable"
    files = [e for e in entries if e.type in _REGULAR and not _is_whiteout(e.path)]
    if new_layer:
        out = [FileChange("/" + e.path, e.size, e.size) for e in files]
        basis: FilesBasis = "new-layer"
    elif baseline_entries is not None:
        before = {e.path: e.size for e in baseline_entries if e.type in _REGULAR}
        out = []
        for e in files:
            old = before.get(e.path)
            if old is None or e.size > old:
                out.append(FileChange("/" + e.path, e.size, e.size - (old or 0)))
        basis = "compared"
    else:
        out = [FileChange("/" + e.path, e.size, None) for e in files]
        basis = "layer"
    out.sort(key=lambda f: (-(f.size_bytes if f.delta_bytes is None else f.delta_bytes), f.path))
    return tuple(f for f in out[:top] if f.size_bytes > 0), basis


def _is_whiteout(path: str) -> bool:
    return path.rsplit("/", 1)[-1].startswith(".wh.")


class Attributor:
    """Explains growth of ``current`` over ``baseline``; results are computed once per metric.

    Args:
        current: the image under test.
        baseline: the baseline (None: nothing can be attributed).
        files: lists layers for the files each grown layer adds (None: no file listing).
        findings: rule findings by the first line of the instruction they are on.
    """

    def __init__(
        self,
        current: ImageRecord,
        baseline: ImageRecord | None,
        *,
        files: FileSource | None = None,
        findings: Mapping[int, Sequence[FindingRef]] | None = None,
    ) -> None:
        self.current = current
        self.baseline = baseline
        self.files = files
        self.findings = findings or {}
        self._matches: list[LayerMatch] | None = None
        self._grown: dict[str, tuple[GrownLayer, ...]] = {}

    @property
    def matches(self) -> list[LayerMatch]:
        """Every layer matched to the baseline (empty without a baseline)."""
        if self._matches is None:
            self._matches = (
                match_layers(self.baseline.layers, self.current.layers)
                if self.baseline is not None
                else []
            )
        return self._matches

    def delta_metric(self, metric: str) -> str:
        """The metric deltas are given in: ``compressed`` falls back to ``size`` when either side
        lacks per-layer compressed sizes (or they were measured differently)."""
        if metric != "compressed" or self.baseline is None:
            return "size"
        both = [*self.current.layers, *self.baseline.layers]
        if any(layer.compressed_bytes is None for layer in both):
            return "size"
        if self.current.compressed_method != self.baseline.compressed_method:
            return "size"
        return "compressed"

    def grown(self, metric: str) -> tuple[GrownLayer, ...]:
        """The layers that grew in ``metric`` (``size`` or ``compressed``), biggest gain first."""
        used = self.delta_metric(metric)
        if used in self._grown:
            return self._grown[used]
        out: list[GrownLayer] = []
        for match in self.matches:
            layer = match.current
            delta = match.delta(used)
            if layer is None or delta is None or delta <= 0:
                continue
            out.append(self._explain(match, layer, used, delta))
        out.sort(key=lambda g: (-g.delta_bytes, g.index))
        result = tuple(out)
        self._grown[used] = result
        return result

    def _explain(
        self, match: LayerMatch, layer: LayerRecord, metric: str, delta: int
    ) -> GrownLayer:
        entries = baseline_entries = None
        if self.files is not None:
            entries = self.files.entries(layer, self.current.image_id)
            if match.baseline is not None and self.baseline is not None and entries is not None:
                baseline_entries = self.files.entries(match.baseline, self.baseline.image_id)
        files, basis = added_files(entries, baseline_entries, new_layer=match.baseline is None)
        before = _value(match.baseline, metric)
        return GrownLayer(
            metric=metric,
            change=match.change,
            instruction=layer.instruction,
            line=layer.line,
            index=layer.index,
            delta_bytes=delta,
            size_bytes=_value(layer, metric) or 0,
            baseline_size_bytes=before,
            baseline_instruction=(
                match.baseline.instruction
                if match.baseline is not None and match.change == "changed"
                else None
            ),
            files=files,
            files_basis=basis,
            findings=tuple(self.findings.get(layer.line, ())) if layer.line is not None else (),
        )

    def largest(self, metric: str, top: int = 5) -> tuple[LayerRecord, ...]:
        """The image's own largest layers (for a failed budget without a baseline)."""
        own = [layer for layer in self.current.layers if not layer.base] or list(
            self.current.layers
        )

        def size(layer: LayerRecord) -> int:
            if metric == "compressed":
                return layer.compressed_bytes or 0
            return layer.size_bytes

        return tuple(sorted(own, key=lambda la: (-size(la), la.index))[:top])
