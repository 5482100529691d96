"""Read what each variant would lack of the original's closure, and write the carry into it.

After the original is built and verified (its file closure recorded), :func:`carry_pass` asks
the engine, for each planned variant, what its final stage's base image holds
(:func:`imgopt.engine.filesystem.open_image_files`, read from the layers, nothing run), which of
the closure's files the original's own layers added (the layer lists the bench measured), and
what the closure's ``*.pth`` hooks import (their ``import`` lines, read in a throwaway container
of the original: never networked, every capability dropped). :mod:`imgopt.variants.carry`
decides what each variant carries and writes it.

The decisions are kept in the output folder (:data:`CARRY_FILE`) with what they were made from
(the candidates, and which of them the original's own layers added), so ``--resume`` writes the
same variants without the original's image, and decides for a variant the resumed run adds (a
part of a target split over engines takes its variants one at a time) the same way
(:func:`resumed_carry`).
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from imgopt.errors import ImgoptError
from imgopt.variants.carry import (
    Carry,
    apply_carry,
    carry_candidates,
    carry_change,
    plan_carry,
    pth_imports,
)

CARRY_FILE = "carry.json"
CARRY_SCHEMA = "imgopt.carry/1"

_HOOKS = r"""
echo @begin
echo @hooks
for f in "$@"; do
  awk -v f="$f" '/^[ \t]*import[ \t]/ { print f "\t" $0 }' "$f" 2>/dev/null | head -n 20
done
echo @end
"""


def app_dirs(original: str) -> list[str]:
    """The original final stage's WORKDIRs and the absolute destinations of its copies from the
    build context: the app's folders (their files are the app's, required, never carried)."""
    from imgopt.dockerfile import parse

    out: list[str] = []
    for ins in parse(original).final_stage.instructions:
        if ins.keyword == "WORKDIR" and ins.args:
            out.append(ins.args[0])
        elif ins.keyword in ("COPY", "ADD") and not ins.has_flag("from") and len(ins.args) >= 2:
            dest = ins.args[-1]
            if dest.startswith("/") and dest.rstrip("/"):
                out.append(dest)
    return out


def carry_pass(
    plan: Any,
    *,
    image_id: str,
    closure: Sequence[str],
    run_id: str,
    phase: Callable[[str], None],
    record: Path | None = None,
) -> Any:
    """``plan`` with each variant carrying what it would lack of ``closure`` (see the module
    docs); variants that need nothing, or whose base cannot be read, stay as they are.

    ``record``: where to keep the decisions, for ``--resume``.
    """
    from imgopt.analyze.evidence import _layer_paths, _sh, in_chunks
    from imgopt.dockerfile import parse

    apps = app_dirs(plan.original)
    candidates = carry_candidates(closure, apps)
    if not candidates:
        return plan
    try:
        base_ref = parse(plan.original).final_stage.base_resolved
        base_paths, _added = _layer_paths(image_id, base_ref)
        hooks = [p for p in candidates if p.endswith(".pth")]
        imports: dict[str, tuple[str, ...]] = {}
        if hooks:
            answers = in_chunks(  # all at once, unless the answer is longer than imgopt keeps
                lambda chunk: _sh(image_id, _HOOKS, chunk, run_id, "reading .pth hooks"),
                hooks,
                len(hooks),
            )
            text = "".join(got.get("hooks", "") for got in answers)
            lines: dict[str, list[str]] = {}
            for line in text.splitlines():
                path, _, body = line.partition("\t")
                lines.setdefault(path, []).append(body)
            imports = {p: pth_imports(body) for p, body in lines.items()}
            candidates = carry_candidates(closure, apps, imports)
    except (ImgoptError, OSError, ValueError) as err:
        message = err.message if isinstance(err, ImgoptError) else f"{type(err).__name__}: {err}"
        phase(f"the original could not be read for what variants lack ({message})")
        return plan
    own = {p for p in candidates if p not in base_paths}
    decisions = _decide(plan, candidates, own, {}, run_id)
    if record is not None:
        from imgopt.analyze.workspace import write_json

        write_json(record, _to_dict(candidates, own, decisions, decided=plan.variants))
    if decisions:
        phase(
            "from the built original: "
            + "; ".join(f"{n} carries {len(c)} file(s) it lacked" for n, c in decisions.items())
        )
    return with_carry(plan, decisions)


def with_carry(plan: Any, decisions: dict[str, list[Carry]]) -> Any:
    """``plan`` with ``decisions`` written into its variants."""
    variants = []
    for v in plan.variants:
        carries = decisions.get(v.name)
        if v.name == "original" or not carries:
            variants.append(v)
            continue
        variants.append(
            replace(
                v,
                dockerfile=apply_carry(v.dockerfile, carries),
                changes=(*v.changes, carry_change(carries)),
            )
        )
    return replace(plan, variants=tuple(variants))


def resumed_carry(plan: Any, record: Path, run_id: str = "imgopt-carry") -> Any:
    """``plan`` with the carry an interrupted analysis decided (``record``), and decided the same
    way for a variant it did not plan then (the record is updated); as it is without a readable
    record."""
    from imgopt.analyze.workspace import write_json
    from imgopt.userfiles import read_text

    if not record.is_file():
        return plan
    try:
        data = json.loads(read_text(record, what="carry record"))
        candidates, own, decisions = _from_dict(data)
    except (ImgoptError, ValueError, TypeError, KeyError):
        return plan
    known = set(data["decided"]) if isinstance(data.get("decided"), list) else set(decisions)
    if any(v.name not in known for v in plan.variants[1:]):
        decisions = _decide(plan, candidates, own, decisions, run_id, skip=known)
        write_json(record, _to_dict(candidates, own, decisions, decided=plan.variants))
    return with_carry(plan, decisions)


def _decide(
    plan: Any,
    candidates: Sequence[str],
    own: set[str],
    decided: dict[str, list[Carry]],
    run_id: str,
    *,
    skip: set[str] | frozenset[str] = frozenset(),
) -> dict[str, list[Carry]]:
    """``decided`` and what each variant of ``plan`` not in ``skip`` carries (each base image is
    read once, however many variants share it)."""
    from imgopt.dockerfile import parse

    out = dict(decided)
    bases: dict[str, Callable[[str], bool] | None] = {}
    for variant in plan.variants[1:]:
        if variant.name in skip:
            continue
        final = parse(variant.dockerfile).final_stage
        key = f"{final.base_stage}:{final.base_resolved}"
        if key not in bases:
            bases[key] = _base_files(variant.dockerfile, run_id)
        in_base = bases[key]
        if in_base is None:
            continue
        carries = plan_carry(
            variant.dockerfile, plan.original, candidates, own=own.__contains__, in_base=in_base
        )
        if carries:
            out[variant.name] = carries
    return out


def _base_files(dockerfile: str, run_id: str) -> Callable[[str], bool] | None:
    """Whether the variant's final base image holds a path (a file or folder; links followed);
    None when it cannot be read (a stage, or the engine cannot get it)."""
    from imgopt.dockerfile import parse
    from imgopt.engine.filesystem import open_image_files
    from imgopt.engine.images import ensure_image
    from imgopt.verify.closure import resolve

    final = parse(dockerfile).final_stage
    if final.base_stage is not None:
        return None
    if final.image is not None and final.image.is_scratch:
        return lambda _path: False
    ref = final.base_resolved
    try:
        ensure_image(ref)
        index = open_image_files(ref, run_id=run_id)
    except ImgoptError:
        return None

    def holds(path: str) -> bool:
        real = resolve(index, path)
        return real is not None and index.get(real) is not None

    return holds


def _to_dict(
    candidates: Sequence[str],
    own: set[str],
    decisions: dict[str, list[Carry]],
    decided: Sequence[Any] = (),
) -> dict[str, Any]:
    return {
        "schema": CARRY_SCHEMA,
        "candidates": list(candidates),
        "own": sorted(own),
        "decided": sorted({*decisions, *(v.name for v in decided[1:])}),
        "variants": {
            name: [{"path": c.path, "source": c.source, "folder": c.folder} for c in carries]
            for name, carries in decisions.items()
        },
    }


def _from_dict(data: Any) -> tuple[list[str], set[str], dict[str, list[Carry]]]:
    if not isinstance(data, dict) or data.get("schema") != CARRY_SCHEMA:
        raise ValueError("not a carry record")
    candidates = [str(p) for p in data.get("candidates") or []]
    own = {str(p) for p in data.get("own") or []}
    out: dict[str, list[Carry]] = {}
    for name, items in dict(data["variants"]).items():
        out[str(name)] = [
            Carry(str(i["path"]), str(i["source"]), bool(i.get("folder"))) for i in items
        ]
        if not all(posixpath.isabs(c.path) for c in out[str(name)]):
            raise ValueError("a carried path is not absolute")
    return candidates, own, out


__all__ = ["CARRY_FILE", "app_dirs", "carry_pass", "resumed_carry", "with_carry"]
