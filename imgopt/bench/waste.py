"""Waste in an image: dive's efficiency score and wasted bytes, plus the bytes one can win back.

dive's figures (``dive --ci``), reproduced from its algorithm (``filetree/efficiency.go``) so the
numbers agree to the byte:

- Each layer's tar becomes a tree; an entry named ``.wh..wh..opq`` (opaque directory) is ignored,
  an entry ``.wh.NAME`` stays in the tree as a whiteout whose path is ``NAME``.
- For every layer in order, every *leaf* of its tree (a file, an empty directory, a whiteout),
  visited depth first with children in byte order, adds a record to its path: the entry's size,
  or for a whiteout of something that was a directory in the layers below, the sizes of that
  directory's whole subtree (0 for a whiteout of a file). A whiteout of a path that does not exist
  below makes dive stop visiting that layer (it logs an error and goes on with the next layer);
  this is reproduced too.
- ``efficiency`` = sum over paths of the smallest record / sum over paths of all records
  (1.0 for an empty image).
- ``wasted_bytes`` = the sum of all records of every path that has two or more records (so the
  surviving copy of an overwritten file counts as waste too).

Sizes are tar header sizes, as dive reads them (a hard link counts 0).

``recoverable_bytes`` is our own figure: the bytes of every copy of a file that a later layer
overwrites or deletes (with whiteouts, opaque directories, and a directory replaced by a file or
the reverse), not counting the copy that survives. ``recoverable_own_bytes`` keeps only the copies
in the Dockerfile's own layers (above the base image), which is what editing the Dockerfile can
actually win back.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass

from imgopt.bench.tarlist import TarEntry

WHITEOUT = ".wh."
OPAQUE = ".wh..wh..opq"
_DOUBLE = ".wh..wh.."


@dataclass(frozen=True)
class Waste:
    """Waste figures of one image.

    Attributes:
        efficiency: dive's efficiency score (0..1).
        wasted_bytes: dive's wasted bytes.
        user_wasted_ratio: dive's ``userWastedPercent`` as a ratio (wasted / bytes of every
            layer but the first).
        recoverable_bytes: bytes of file copies hidden by a later layer (overwritten/deleted).
        recoverable_own_bytes: the same, counting only copies in layers at or above
            ``own_from`` (the Dockerfile's own layers).
        inefficient_paths: the paths with two or more records, largest cumulative size first
            (at most 50), with that size.
    """

    efficiency: float
    wasted_bytes: int
    user_wasted_ratio: float
    recoverable_bytes: int
    recoverable_own_bytes: int
    inefficient_paths: tuple[tuple[str, int], ...] = ()


class _Node:
    __slots__ = ("children", "is_dir", "name", "size")

    def __init__(self, name: str) -> None:
        self.name = name
        self.size = 0
        self.is_dir = False
        self.children: dict[str, _Node] = {}

    def copy(self) -> _Node:
        new = _Node(self.name)
        new.size = self.size
        new.is_dir = self.is_dir
        new.children = {k: v.copy() for k, v in self.children.items()}
        return new


def _add_path(root: _Node, parts: list[str], size: int, is_dir: bool) -> None:
    """dive's ``FileTree.AddPath``: create missing parents empty, put the payload on the end."""
    node = root
    last = len(parts) - 1
    for i, name in enumerate(parts):
        child = node.children.get(name)
        if child is None:
            if name.startswith(_DOUBLE):
                return
            child = _Node(name)
            node.children[name] = child
        node = child
        if i == last:
            node.size = size
            node.is_dir = is_dir


def _get(root: _Node, parts: list[str]) -> _Node | None:
    node = root
    for name in parts:
        found = node.children.get(name)
        if found is None:
            return None
        node = found
    return node


def _split(path: str) -> list[str]:
    return [p for p in path.split("/") if p]


def _tree(entries: Sequence[TarEntry]) -> _Node:
    root = _Node("")
    for e in entries:
        if e.path == ".":
            continue
        _add_path(root, _split(e.path), e.size, e.is_dir)
    return root


def _stack(lower: _Node, upper: _Node) -> None:
    """dive's ``FileTree.Stack``: graft ``upper`` onto ``lower``, children before parents."""

    def visit(node: _Node, parts: list[str]) -> None:
        for name in sorted(node.children):
            child = node.children[name]
            visit(child, [*parts, name])
        if not parts:
            return
        leaf = parts[-1]
        if leaf.startswith(WHITEOUT):
            target = [*parts[:-1], leaf[len(WHITEOUT) :]]
            parent = _get(lower, target[:-1])
            if parent is not None:
                parent.children.pop(target[-1], None)
        else:
            _add_path(lower, parts, node.size, node.is_dir)

    visit(upper, [])


def _subtree_size(node: _Node) -> int:
    total = node.size
    stack = list(node.children.values())
    while stack:
        n = stack.pop()
        total += n.size
        stack.extend(n.children.values())
    return total


class _Abort(Exception):
    pass


def dive_figures(
    layers: Sequence[Sequence[TarEntry]],
) -> tuple[float, int, list[tuple[str, int]]]:
    """dive's (efficiency, wasted bytes, inefficient paths with their cumulative sizes)."""
    trees = [_tree(entries) for entries in layers]
    cumulative: dict[str, int] = {}
    minimum: dict[str, int] = {}
    count: dict[str, int] = {}
    has_whiteout = [any(_is_whiteout_entry(e) for e in entries) for entries in layers]
    stacked: _Node | None = None
    stacked_upto = 0  # layers 0..stacked_upto-1 are stacked onto the copy of layer 0

    for index, tree in enumerate(trees):
        # dive stacks layers 0..index-1 onto a copy of layer 0 for every whiteout it meets; the
        # stack only changes between layers, so it is built incrementally and only when needed.
        base: _Node | None = None
        if has_whiteout[index]:
            if stacked is None:
                stacked = trees[0].copy()
            while stacked_upto < index:
                _stack(stacked, trees[stacked_upto])
                stacked_upto += 1
            base = stacked

        def visit(node: _Node, parts: list[str], base: _Node | None = base) -> None:
            for name in sorted(node.children):
                visit(node.children[name], [*parts, name])
            if not parts or node.children:
                return
            leaf = parts[-1]
            if leaf.startswith(WHITEOUT):
                target = [*parts[:-1], leaf[len(WHITEOUT) :]]
                previous = _get(base, target) if base is not None else None
                if previous is None:
                    raise _Abort  # dive: "path does not exist", the layer's visit stops
                size = _subtree_size(previous) if previous.is_dir else 0
            else:
                target = parts
                size = node.size
            path = "/" + "/".join(target)
            cumulative[path] = cumulative.get(path, 0) + size
            low = minimum.get(path)
            if low is None or size < low:
                minimum[path] = size
            count[path] = count.get(path, 0) + 1

        with contextlib.suppress(_Abort):
            visit(tree, [])

    discovered = sum(cumulative.values())
    efficiency = 1.0 if discovered == 0 else sum(minimum.values()) / discovered
    inefficient = [(p, cumulative[p]) for p, n in count.items() if n >= 2]
    wasted = sum(size for _, size in inefficient)
    inefficient.sort(key=lambda item: item[1], reverse=True)
    return efficiency, wasted, inefficient


def _is_whiteout_entry(entry: TarEntry) -> bool:
    name = entry.path.rsplit("/", 1)[-1]
    return name.startswith(WHITEOUT) and not name.startswith(_DOUBLE)


def recoverable(layers: Sequence[Sequence[TarEntry]], own_from: int = 0) -> tuple[int, int]:
    """(bytes hidden by later layers, the part of them in layers ``>= own_from``).

    Follows the engine's overlay semantics: a whiteout deletes a path and all below it, an opaque
    marker hides everything below its directory from lower layers, a new entry replaces the
    entry at its path (and, when a directory becomes a file or the reverse, all below it).
    """
    # Current view: path parts -> node; each node holds the size and layer of its current copy.
    root = _RNode()
    hidden_total = 0
    hidden_own = 0

    def drop(node: _RNode) -> None:
        nonlocal hidden_total, hidden_own
        stack = [node]
        while stack:
            n = stack.pop()
            if n.layer >= 0 and not n.is_dir:
                hidden_total += n.size
                if n.layer >= own_from:
                    hidden_own += n.size
            stack.extend(n.children.values())

    for index, entries in enumerate(layers):
        # Deletions act on the layers below, so apply them before this layer's own entries.
        for e in entries:
            parts = _split(e.path)
            if not parts:
                continue
            leaf = parts[-1]
            if leaf == OPAQUE:
                directory = _rget(root, parts[:-1])
                if directory is not None:
                    for hidden in directory.children.values():
                        drop(hidden)
                    directory.children = {}
            elif leaf.startswith(WHITEOUT) and not leaf.startswith(_DOUBLE):
                parent = _rget(root, parts[:-1])
                if parent is not None:
                    gone = parent.children.pop(leaf[len(WHITEOUT) :], None)
                    if gone is not None:
                        drop(gone)
        for e in entries:
            parts = _split(e.path)
            if not parts or parts[-1].startswith(WHITEOUT):
                continue
            node = root
            for name in parts[:-1]:
                child = node.children.get(name)
                if child is None:
                    child = _RNode()
                    child.is_dir = True
                    node.children[name] = child
                elif not child.is_dir:  # a file replaced by a directory
                    drop(child)
                    child = _RNode()
                    child.is_dir = True
                    node.children[name] = child
                node = child
            name = parts[-1]
            old = node.children.get(name)
            if e.is_dir:
                if old is not None and old.is_dir:
                    continue  # same directory, its contents stay
                if old is not None:
                    drop(old)
                new = _RNode()
                new.is_dir = True
                node.children[name] = new
            else:
                if old is not None:
                    drop(old)
                new = _RNode()
                new.size = e.size
                new.layer = index
                node.children[name] = new
    return hidden_total, hidden_own


class _RNode:
    __slots__ = ("children", "is_dir", "layer", "size")

    def __init__(self) -> None:
        self.size = 0
        self.layer = -1
        self.is_dir = False
        self.children: dict[str, _RNode] = {}


def _rget(root: _RNode, parts: list[str]) -> _RNode | None:
    node = root
    for name in parts:
        found = node.children.get(name)
        if found is None:
            return None
        node = found
    return node


def analyze_waste(layers: Sequence[Sequence[TarEntry]], *, own_from: int = 0) -> Waste:
    """Every waste figure of an image whose layers (bottom first) hold ``layers``.

    Args:
        layers: each layer's tar entries, bottom layer first.
        own_from: index of the first layer the Dockerfile made (the count of base-image layers).
    """
    efficiency, wasted, inefficient = dive_figures(layers)
    user = sum(e.size for entries in layers[1:] for e in entries)
    hidden, hidden_own = recoverable(layers, own_from)
    return Waste(
        efficiency=efficiency,
        wasted_bytes=wasted,
        user_wasted_ratio=(wasted / user) if user else 0.0,
        recoverable_bytes=hidden,
        recoverable_own_bytes=hidden_own,
        inefficient_paths=tuple(inefficient[:50]),
    )
