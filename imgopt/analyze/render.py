"""``imgopt analyze`` output: text for people, Markdown for CI summaries, JSON for programs.

The recommendation is the one every command prints (:func:`imgopt.results.recommend.recommend`,
worded by :func:`imgopt.report.recommend`); this module only words it for a person: "use this
Dockerfile; it is 72.6 % smaller (788.6 MB -> 216.1 MB, ...), rebuilds 2.1x faster after a code
change (...), and answers your smoke check like the original" (no ratio of a sub-second time:
"rebuilds in under a second"). Every figure is written by :mod:`imgopt.results.units` and every
table by :mod:`imgopt.results.tables`.

JSON (``--format json``, also written to ``OUT/analysis.json``), schema ``imgopt.analyze/1``
(fields are only ever added)::

    {
      "schema": "imgopt.analyze/1",
      "kind": "dockerfile",                  # or "compose" (below)
      "name": "flask-tutorial",              # the context folder's name (a Compose service's)
      "dockerfile": "...", "context": "...",
      "built": true,                         # false with --no-build: nothing built or verified
      "status": "complete",                  # the bench run's: complete | interrupted | failed
      "error": null,                         # why the original could not be analysed
      "original": {VARIANT},
      "recommended": {VARIANT} | null,       # null: nothing built, or nothing usable
      "recommendation": {"variant": "distroless", "keep_original": false,
                         "sentence": "...", "reason": "...",      # the report's reason
                         "tradeoff": null | "multistage-slim", "tradeoff_reason": null | "..."},
      "variants": [...],                     # imgopt bench's schema (imgopt.bench/1), every variant
      "skipped": [{"name", "reason", "missing_images"}],
      "changes": {"hygiene": [{"source", "title", "rationale", "safety", "lines"}], ...},
      "findings": [...],                     # imgopt lint's JSON records
      "base_images": [{"ref", "size_bytes", "present"}],   # --no-build: local sizes
      "report": "OUT/report/report.md" | null,
      "out": "OUT", "run_dir": "OUT" | null, "dockerfiles": "OUT/dockerfiles",
      "recommended_dockerfile": "OUT/dockerfiles/distroless/Dockerfile" | null,
      "timings": {"lint": 0.1, "propose": 0.2, "bench": 250.0, "report": 6.0, "bench.builds": ...},
      "notes": [...], "applied": [...],
      "verification": {"distroless": {"verified": true, "probes": 3, "commands": 0,
                       "closure_files": 761, "closure_bytes": 103000000, "dependencies": [],
                       "summary": "3 HTTP probes, ..."}, ...}   # what was checked, per variant
    }
    VARIANT = {"name", "dockerfile", "image_id", "size_bytes", "compressed_bytes",
               "cold_build_s", "warm_build_s", "pushed_bytes", "verified", "error",
               "change": -0.726, "compressed_change": -0.762}   # fractions against the original

``pushed_bytes`` (also in every ``variants`` item) is what the warm rebuild after the one-line
code edit pushes: the compressed bytes of the layers that changed (:mod:`imgopt.bench.pushed`),
what CI sends to a registry on every commit; null when that rebuild was not measured. The text
and Markdown tables show it as "rebuild pushes", next to the size change and the cold and warm
build times.

For a Compose file: ``{"schema", "kind": "compose", "compose_file", "built", "out", "report",
"services": [...], "findings": [...], "total_saved_bytes", "total_saved_compressed_bytes"}``,
where each analysed service is the object above plus ``"service"`` and ``"analysed": true``
(and ``"same_as": "<service>"`` for one that builds the same image as an earlier service: it is
analysed, and counted in the total, once), and each other service is ``{"service",
"analysed": false, "image", "size_bytes", "present", "note"}``.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from imgopt.analyze.model import Analysis, ImageService, TargetAnalysis
from imgopt.results import tables, units

if TYPE_CHECKING:
    from imgopt.bench.runner import VariantSummary
    from imgopt.results.tables import Table

SCHEMA = "imgopt.analyze/1"
BENCH_SCHEMA = "imgopt.bench/1"
#: Within this factor, or this many seconds, two rebuild times count as "about as fast".
_SAME_SPEED = 1.1
_SAME_SECONDS = 0.5
#: Below this many seconds a time is not divided by: a ratio of it would be mostly noise.
_ONE_SECOND = 1.0


def _path(p: Path | None) -> str | None:
    if p is None:
        return None
    text = os.path.relpath(p) if p.is_absolute() and _under_cwd(p) else str(p)
    return text


def _under_cwd(p: Path) -> bool:
    try:
        p.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return False
    return True


# -- words --------------------------------------------------------------------------------------


def _speed(original: float | None, variant: float | None, what: str) -> str | None:
    """``"rebuilds 3.4x faster"``; no ratio when either time is under a second, where the
    timer's resolution and the engine's overhead would make one meaningless."""
    if not original or not variant:
        return None
    if abs(original - variant) < _SAME_SECONDS:
        return f"{what} about as fast"  # a ratio of two close times is noise
    if min(original, variant) < _ONE_SECOND:
        return f"{what} in under a second" if variant < original else f"{what} slower"
    ratio = original / variant
    if ratio >= _SAME_SPEED:
        return f"{what} {units.times(ratio)} faster"
    if ratio <= 1 / _SAME_SPEED:
        return f"{what} {units.times(1 / ratio)} slower"
    return f"{what} about as fast"


def _sizes(orig: VariantSummary, rec: VariantSummary) -> str:
    text = f"{units.mb(orig.size_bytes)} -> {units.mb(rec.size_bytes)}"
    if orig.compressed_bytes is not None and rec.compressed_bytes is not None:
        text += (
            f", {units.mb(orig.compressed_bytes)} -> {units.mb(rec.compressed_bytes)} compressed"
        )
    return text


def sentence(t: TargetAnalysis) -> str:
    """The recommendation in one sentence a person can act on."""
    if not t.built:
        return "Nothing was built or verified (--no-build): no recommendation."
    if t.error is not None:
        return f"No recommendation: {t.error}"
    rec, orig = t.recommended, t.original
    if rec is None or orig is None:
        reason = t.recommendation.reason if t.recommendation else "nothing was measured"
        return reason
    check = (
        "the smoke check imgopt inferred (no smoke.toml)" if t.spec_inferred else "your smoke check"
    )
    if rec.original:
        return _keep_sentence(t)
    change = units.change(rec.size_bytes, orig.size_bytes)
    if change is not None and change < 0:
        size = f"it is {units.percent(-change)} smaller ({_sizes(orig, rec)})"
    else:
        size = f"it is smaller as a registry stores it ({_sizes(orig, rec)})"
    parts = [size]
    warm = _speed(orig.warm_build_s, rec.warm_build_s, "rebuilds")
    if warm is not None:
        times = f"{units.seconds(orig.warm_build_s)} -> {units.seconds(rec.warm_build_s)}"
        pushed = t.pushed_bytes()
        if orig.name in pushed and rec.name in pushed:
            times += f", pushing {units.size(pushed[orig.name])} -> {units.size(pushed[rec.name])}"
        parts.append(f"{warm} after a code change ({times})")
    parts.append(f"answers {check} like the original{_proof_words(t, rec)}")
    return f"Use this Dockerfile; {', '.join(parts[:-1])}, and {parts[-1]}."


def proof_of(t: TargetAnalysis, name: str) -> dict[str, Any] | None:
    """What verification checked for variant ``name`` (``verification`` in the run's run.json)."""
    if t.bench is None:
        return None
    try:
        meta = json.loads((t.bench.run_dir / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    entry = (meta.get("verification") or {}).get(name) if isinstance(meta, dict) else None
    return entry if isinstance(entry, dict) else None


def _proof_words(t: TargetAnalysis, rec: VariantSummary) -> str:
    """`` (checked: 3 HTTP probes, ...; the app touched 19.1 MB of this 216.1 MB image (103.0 MB
    of the original's 788.7 MB))``, worded by :func:`imgopt.results.units.proof`."""
    proof = proof_of(t, rec.name)
    if proof is None or not proof.get("summary"):
        return ""
    closure, here = proof.get("closure_bytes"), proof.get("image_bytes")
    orig = t.original
    theirs = (closure, orig.size_bytes) if isinstance(closure, int) and orig is not None else None
    here = here if isinstance(here, int) else None
    return f" ({units.proof(str(proof['summary']), here, rec.size_bytes, theirs)})"


def _absent(t: TargetAnalysis, rec: VariantSummary | None) -> list[str]:
    """The first closure files the recommended variant lacks but does not need, with why
    (:func:`imgopt.verify.verifier.recorded_absent_line`), as its proof in run.json records them."""
    from imgopt.verify.verifier import recorded_absent_line

    proof = proof_of(t, rec.name) if rec is not None else None
    line = recorded_absent_line(proof) if proof is not None else None
    return [line] if line is not None else []


def _keep_sentence(t: TargetAnalysis) -> str:
    """Why the original is kept, counting only the variants that were verified to work."""
    if t.recommendation is not None and t.recommendation.kept:
        return t.recommendation.kept  # a smaller verified variant, by less than the minimum gain
    others = len(t.plan.variants) - 1
    if others == 0:
        return (
            "Keep your Dockerfile: imgopt proposes no variant of it (each one it considered "
            "is listed with the reason it does not apply)."
        )
    working = [
        v for v in (t.bench.variants if t.bench else ()) if not v.original and v.verified is True
    ]
    broken = [v for v in (t.bench.variants if t.bench else ()) if not v.original and v.broken]
    if not working:
        plural = "s" if others != 1 else ""
        return f"Keep your Dockerfile: none of the {others} proposed variant{plural} works like it."
    text = (
        f"Keep your Dockerfile: none of the {len(working)} variant"
        f"{'s' if len(working) != 1 else ''} that still work{'s' if len(working) == 1 else ''} "
        "like it is smaller"
    )
    if broken:
        text += f" ({len(broken)} other{'s' if len(broken) != 1 else ''} did not work)"
    return text + "."


# -- JSON ----------------------------------------------------------------------------------------


_VARIANT_KEYS = (
    "name",
    "dockerfile",
    "image_id",
    "size_bytes",
    "compressed_bytes",
    "cold_build_s",
    "warm_build_s",
    "pushed_bytes",
    "verified",
    "error",
    "change",
    "compressed_change",
)


def _variant(
    v: VariantSummary | None, orig: VariantSummary | None, pushed: dict[str, int]
) -> dict[str, Any] | None:
    if v is None:
        return None
    base = orig if orig is not None else v
    return {
        "name": v.name,
        "dockerfile": v.dockerfile,
        "image_id": v.image_id,
        "size_bytes": v.size_bytes,
        "compressed_bytes": v.compressed_bytes,
        "cold_build_s": v.cold_build_s,
        "warm_build_s": v.warm_build_s,
        "pushed_bytes": pushed.get(v.name),
        "verified": v.verified,
        "error": v.error,
        "change": units.change(v.size_bytes, base.size_bytes),
        "compressed_change": units.change(v.compressed_bytes, base.compressed_bytes),
    }


def _unbuilt(t: TargetAnalysis) -> list[dict[str, Any]]:
    """Bench-schema entries for variants that were not built (every figure null)."""
    from dataclasses import fields

    from imgopt.bench.runner import VariantSummary

    keys = [f.name for f in fields(VariantSummary)]
    out = []
    for v in t.plan.variants:
        original = v.name == "original"
        path = t.target.dockerfile if original else t.dockerfiles / v.name / "Dockerfile"
        entry: dict[str, Any] = dict.fromkeys(keys)
        entry.update(
            name=v.name, dockerfile=str(path), original=original, builds=0, pushed_bytes=None
        )
        out.append(entry)
    return out


def target_json(t: TargetAnalysis) -> dict[str, Any]:
    """One analysed Dockerfile as the JSON object described in the module docs."""
    from imgopt.userfiles import redact_mapping

    orig = t.original
    rec = t.recommendation
    pushed = t.pushed_bytes()
    if t.bench is not None:
        variants = [asdict(v) | {"pushed_bytes": pushed.get(v.name)} for v in t.bench.variants]
        original = _variant(orig, orig, pushed)
    else:
        variants = _unbuilt(t)
        original = dict.fromkeys(_VARIANT_KEYS)
        original.update(name="original", dockerfile=str(t.target.dockerfile))
    recommendation = None
    if rec is not None:
        recommendation = {
            "variant": rec.smallest.name if rec.smallest else None,
            "keep_original": bool(rec.smallest and rec.smallest.name == "original"),
            "sentence": sentence(t),
            "reason": rec.reason,
            "tradeoff": rec.tradeoff.name if rec.tradeoff else None,
            "tradeoff_reason": rec.tradeoff_reason,
            "excluded": [{"variant": n, "why": why} for n, why in rec.excluded],
        }
    return {
        "name": t.target.name,
        "dockerfile": str(t.target.dockerfile),
        "context": str(t.target.context),
        "build_args": redact_mapping(t.target.build_args),  # names: values may be secrets
        "target": t.target.stage,
        "built": t.built,
        "status": t.bench.status if t.bench is not None else None,
        "error": t.error,
        "original": original,
        "recommended": _variant(t.recommended, orig, pushed),
        "recommendation": recommendation,
        "variants": variants,
        "variants_schema": BENCH_SCHEMA,
        "skipped": [s.to_dict() for s in t.plan.skipped],
        "changes": {v.name: [c.to_dict() for c in v.changes] for v in t.plan.variants[1:]},
        "findings": [f.to_dict() for f in t.findings],
        "base_images": [
            {"ref": b.ref, "size_bytes": b.size_bytes, "present": b.present} for b in t.base_images
        ],
        "report": _path(t.report),
        "out": _path(t.out),
        "run_dir": _path(t.out) if t.bench is not None else None,
        "run_id": t.bench.run_id if t.bench is not None else None,
        "dockerfiles": _path(t.dockerfiles),
        "recommended_dockerfile": _path(t.recommended_file),
        "spec_inferred": t.spec_inferred,
        "timings": {k: round(v, 3) for k, v in t.timings.items()},
        "notes": list(t.notes),
        "applied": [_path(p) for p in t.applied],
        "verification": {
            v.name: proof
            for v in (t.bench.variants if t.bench is not None else ())
            if (proof := proof_of(t, v.name)) is not None
        },
    }


def to_json(a: Analysis) -> dict[str, Any]:
    """The ``--format json`` object (schema in the module docs)."""
    if a.kind != "compose":
        only = a.targets[0]
        return {"schema": SCHEMA, "kind": a.kind, **target_json(only)}
    services: list[dict[str, Any]] = []
    analysed = {t.target.name: t for t in a.targets}
    images = {s.name: s for s in a.images}
    for name in a.services:
        if name in a.same_as and a.same_as[name] in analysed:
            shared = target_json(analysed[a.same_as[name]])
            services.append(
                {"service": name, "analysed": True, **shared, "same_as": a.same_as[name]}
            )
        elif name in analysed:
            services.append({"service": name, "analysed": True, **target_json(analysed[name])})
        elif name in images:
            s = images[name]
            services.append(
                {
                    "service": name,
                    "analysed": False,
                    "image": s.image,
                    "size_bytes": s.size_bytes,
                    "present": s.present,
                    "note": s.note,
                }
            )
    saved, saved_compressed = a.total_saved
    return {
        "schema": SCHEMA,
        "kind": "compose",
        "compose_file": str(a.source),
        "built": a.built,
        "out": _path(a.out),
        "report": _path(a.report),
        "services": services,
        "findings": [f.to_dict() for f in a.findings],
        "total_saved_bytes": saved if a.built else None,
        "total_saved_compressed_bytes": saved_compressed if a.built else None,
    }


# -- text and Markdown --------------------------------------------------------------------------


def _verified(v: VariantSummary) -> str:
    if v.error:
        return "no (broken)"
    return {True: "yes", False: "no (broken)", None: "not checked"}[v.verified]


def _rows(t: TargetAnalysis) -> list[tuple[str, ...]]:
    orig = t.original
    rows: list[tuple[str, ...]] = []
    if t.bench is None:
        for p in t.plan.variants:
            n = len(p.changes)
            changes = f"{n} change{'s' if n != 1 else ''}"
            rows.append(
                (
                    p.name,
                    ", ".join(p.images) or "scratch",
                    "the original" if p.name == "original" else changes,
                    str(p.safety) if p.name != "original" else "–",
                )
            )
        return rows
    rec = t.recommended
    pushed = t.pushed_bytes()
    for v in t.bench.variants:
        change = units.change(v.size_bytes, orig.size_bytes if orig else None)
        name = v.name + (" *" if rec is not None and v.name == rec.name else "")
        rows.append(
            (
                name,
                units.mb(v.size_bytes),
                units.mb(v.compressed_bytes),
                "–" if v.original else units.percent(change, signed=True),
                units.seconds(v.cold_build_s),
                units.seconds(v.warm_build_s),
                units.size(pushed.get(v.name)),
                _verified(v),
            )
        )
    return rows


_BUILT_HEADERS = (
    "variant",
    "size",
    "compressed",
    "change",
    "cold build",
    "warm build",
    "rebuild pushes",
    "verified",
)
_STATIC_HEADERS = ("variant", "images", "changes", "safety")


def _table(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> Table:
    """The variants table; figures right-aligned when they were measured."""
    from imgopt.results.tables import Table

    figures = headers == _BUILT_HEADERS
    align = tuple("r" if figures and 0 < i < len(headers) - 1 else "l" for i in range(len(headers)))
    return Table(headers, tuple(rows), align)


def _finding_lines(t: TargetAnalysis) -> list[str]:
    from imgopt.rules.render import render_text

    if not t.findings:
        return ["  none"]
    return ["  " + ln for ln in render_text(t.findings).splitlines()]


def _skipped_lines(t: TargetAnalysis) -> list[str]:
    return [f"  {s.name}: {s.reason}" for s in t.plan.skipped]


def _diff(t: TargetAnalysis) -> str | None:
    rec = t.recommended
    if rec is None or rec.original:
        return None
    variant = t.plan.get(rec.name)
    if variant is None:
        return None
    from imgopt.rules.img702_secret_defaults import redact_secrets

    # Printed and saved: secret-looking ARG/ENV values are redacted (see IMG702).
    return redact_secrets(variant.diff(t.plan.original, path=t.target.dockerfile.name))


def _base_lines(t: TargetAnalysis) -> list[str]:
    out = []
    for b in t.base_images:
        if b.present:
            out.append(f"  {b.ref}: {units.mb(b.size_bytes)} (present locally)")
        elif b.present is False:
            out.append(f"  {b.ref}: not present locally")
        else:
            out.append(f"  {b.ref}: size unknown (no engine answered)")
    return out


def _written(t: TargetAnalysis, *, single: bool) -> list[str]:
    lines = []
    if single and t.report is not None:
        html = t.report.with_suffix(".html")
        extra = f" (HTML: {_path(html)})" if html.is_file() else ""
        lines.append(f"  report                {_path(t.report)}{extra}")
    lines.append(f"  proposed Dockerfiles  {_path(t.dockerfiles)}/<variant>/Dockerfile")
    if t.recommended_file is not None:
        lines.append(f"  recommended           {_path(t.recommended_file)}")
    for p in t.applied:
        lines.append(f"  applied               {_path(p)}")
    if t.recommended_file is not None and not t.applied:
        lines.append(
            f"  (--apply writes it beside yours as {t.target.dockerfile.name}.imgopt; "
            "your files stay as they are)"
        )
    return lines


def _target_text(t: TargetAnalysis, *, single: bool, heading: str) -> list[str]:
    lines = [heading, ""]
    lines += [f"note: {n}" for n in t.notes]
    lines += [f"Findings ({len(t.findings)})", *_finding_lines(t), ""]
    proposed = len(t.plan.variants) - 1
    if t.bench is not None:
        times = f"median of {t.repeat}" if t.repeat > 1 else "one build of each kind"
        lines.append(
            f"Variants ({proposed} proposed; built cold and warm, measured, verified; {times})"
        )
        lines += tables.text(_table(_BUILT_HEADERS, _rows(t)), indent=2).splitlines()
    else:
        lines.append(f"Variants ({proposed} proposed; nothing built)")
        lines += tables.text(_table(_STATIC_HEADERS, _rows(t)), indent=2).splitlines()
    if t.plan.skipped:
        lines += ["Not proposed:", *_skipped_lines(t)]
    broken = [v for v in (t.bench.variants if t.bench is not None else ()) if v.broken]
    if broken:
        lines.append("Broken (built or checked, never recommended):")
        lines += [f"  {v.name}: {v.error or v.verify_reason}" for v in broken]
    lines.append("")
    if not t.built:
        lines += [
            "Nothing was built or verified (--no-build): the sizes below are those of the base "
            "images present locally, not of the variants. Run without --no-build to build, "
            "measure and verify every variant.",
            *_base_lines(t),
            "",
        ]
    elif t.error is not None:
        lines += [f"Error: {t.error}", ""]
    else:
        rec = t.recommended
        title = f"Recommendation: {rec.name}" if rec is not None else "Recommendation"
        lines += [title, f"  {sentence(t)}"]
        lines += [f"  {line}" for line in _absent(t, rec)]
        if t.recommendation is not None and t.recommendation.tradeoff is not None:
            lines.append(
                f"  Best tradeoff: {t.recommendation.tradeoff.name}: "
                f"{t.recommendation.tradeoff_reason}"
            )
        diff = _diff(t)
        if diff:
            lines += ["", *("  " + ln for ln in diff.splitlines())]
        lines.append("")
    lines += ["Written:", *_written(t, single=single)]
    return lines


def _local_size(s: ImageService) -> str:
    """A Compose image service's size in the local engine, or why it is not known."""
    if s.present:
        return units.mb(s.size_bytes)
    return "not present locally" if s.present is False else "size unknown"


def _total_saved(a: Analysis) -> str:
    saved, saved_c = a.total_saved
    return f"Total saved across the project: {units.mb(saved)} ({units.mb(saved_c)} compressed)"


def render_text(a: Analysis) -> str:
    """The text output (stdout) of ``imgopt analyze``."""
    lines: list[str] = []
    if a.kind != "compose":
        t = a.targets[0]
        lines += _target_text(
            t, single=True, heading=f"imgopt analyze: {_path(t.target.dockerfile)}"
        )
        lines.append(f"  JSON                  {_path(a.out / 'analysis.json')}")
        return "\n".join(lines) + "\n"
    lines += [f"imgopt analyze: {_path(a.source)} (Compose, {len(a.services)} services)", ""]
    for t in a.targets:
        lines += _target_text(
            t, single=False, heading=f"== service {t.target.name} ({_path(t.target.dockerfile)})"
        )
        lines.append("")
    for name, first in a.same_as.items():
        lines.append(f"== service {name}: builds the same image as {first} (analysed once above)")
    for s in a.images:
        lines.append(f"== service {s.name}: {s.image or '-'} ({_local_size(s)}): {s.note}")
    lines.append("")
    if a.built:
        lines.append(f"{_total_saved(a)}, following each service's recommendation.")
    if a.report is not None:
        lines.append(f"Combined report: {_path(a.report)}")
    lines.append(f"JSON: {_path(a.out / 'analysis.json')}")
    return "\n".join(lines) + "\n"


def _target_md(t: TargetAnalysis, level: str) -> list[str]:
    lines = [f"{level} `{_path(t.target.dockerfile)}`", ""]
    lines += [f"> {n}" for n in t.notes]
    if not t.built:
        lines += [
            "> **Nothing was built or verified** (`--no-build`): sizes are those of the base "
            "images present locally.",
            "",
        ]
    elif t.error is not None:
        lines += [f"> **Error:** {t.error}", ""]
    else:
        lines += [f"**{sentence(t)}**", ""]
        if t.recommendation is not None and t.recommendation.tradeoff is not None:
            lines += [
                f"Best tradeoff: `{t.recommendation.tradeoff.name}`: "
                f"{t.recommendation.tradeoff_reason}",
                "",
            ]
    headers = _BUILT_HEADERS if t.bench is not None else _STATIC_HEADERS
    lines += [*tables.markdown(_table(headers, _rows(t))).splitlines(), ""]
    if t.plan.skipped:
        lines += [f"- not proposed: `{s.name}`: {s.reason}" for s in t.plan.skipped] + [""]
    if t.base_images:
        lines += [f"- {ln.strip()}" for ln in _base_lines(t)] + [""]
    diff = _diff(t)
    if diff:
        lines += ["<details><summary>Diff of the recommended Dockerfile</summary>", "", "```diff"]
        lines += [*diff.splitlines(), "```", "", "</details>", ""]
    lines += [f"Findings ({len(t.findings)}):", ""]
    for f in t.findings:
        lines.append(f"- `{f.path}:{f.line}` **{f.code}** {f.message}")
    lines.append("")
    if t.report is not None:
        lines += [f"Full report: `{_path(t.report)}`", ""]
    return lines


def render_markdown(a: Analysis) -> str:
    """The Markdown output (``--format markdown``): for a CI job summary or a pull request."""
    if a.kind != "compose":
        lines = ["# imgopt analyze", "", *_target_md(a.targets[0], "##")]
        return "\n".join(lines).rstrip() + "\n"
    lines = [f"# imgopt analyze: `{_path(a.source)}`", ""]
    for t in a.targets:
        lines += _target_md(t, f"## service `{t.target.name}`:")
    for name, first in a.same_as.items():
        lines += [f"- `{name}` builds the same image as `{first}` (analysed once)", ""]
    if a.images:
        lines += ["## services that only name an image", ""]
        for s in a.images:
            lines.append(f"- `{s.name}`: `{s.image}` ({_local_size(s)}): {s.note}")
        lines.append("")
    if a.built:
        lines.append(f"**{_total_saved(a)}.**")
    if a.report is not None:
        lines += ["", f"Combined report: `{_path(a.report)}`"]
    return "\n".join(lines).rstrip() + "\n"
