"""The variant planner: one Dockerfile in, every candidate variant (or why not) out.

Order of work, for each variant:

1. ``hygiene``: the rules' SAFE fixes on the original (:func:`imgopt.rules.apply_fixes`).
2. ``slim-base`` / ``alpine``: the hygiene text with the final stage's base swapped, then the safe
   fixes again (a swap can make a new one apply).
3. ``multistage`` / ``multistage-slim`` / ``distroless``: an ecosystem strategy splits the
   hygiene text's single stage, then the safe fixes again. Existing multi-stage Dockerfiles are
   never flattened: they get hygiene and slim-base only.

Every variant's images are checked with ``image_available``; one that needs an image known to be
missing is reported as skipped ("not buildable here"), never silently dropped. Two variants with
the same text are reported once. Everything is deterministic: the same input gives the same plan.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Literal

from imgopt.dockerfile import Dockerfile, parse
from imgopt.errors import DockerfileParseError
from imgopt.rules import Applicability, FixResult, apply_fixes, get_rule
from imgopt.rules.context import one_scan_per_context
from imgopt.variants.analysis import StageFacts
from imgopt.variants.evidence import BuildEvidence
from imgopt.variants.model import VARIANT_NAMES, Change, Plan, Skipped, Variant
from imgopt.variants.strategies import STRATEGIES
from imgopt.variants.strategies.base import Draft, NotApplicable, Strategy, Target
from imgopt.variants.strategies.slim_base import propose_alpine, propose_slim_base

#: ``image_available(ref)``: True/False when known, None when it cannot be told.
ImageAvailable = Callable[[str], bool | None]


def _unknown(_: str) -> bool | None:
    return None


def plan_variants(
    text: str | Dockerfile,
    *,
    context_dir: str | Path | None = None,
    path: str | Path | None = None,
    image_available: ImageAvailable | None = None,
    dockerignore: str | None = None,
    only: Sequence[str] | None = None,
    evidence: BuildEvidence | None = None,
) -> Plan:
    """Plan every variant of one Dockerfile.

    Args:
        text: the Dockerfile text (or a parsed Dockerfile).
        context_dir: its build context (requirements files, package.json, go.mod, .dockerignore).
        path: the file name, for messages.
        image_available: tells whether an image exists locally (or can be pulled); None for
            "cannot tell". Default: cannot tell for every image (the variant is proposed with a
            note).
        dockerignore: ``.dockerignore`` content to assume instead of the context's own.
        only: plan only these variants (``original`` is always included).
        evidence: what the built original showed (:mod:`imgopt.variants.evidence`): the
            compiled-code strategy proposes only with it.

    Returns:
        The plan: proposed variants (``original`` first) and skipped ones with reasons.

    Raises:
        DockerfileParseError: the Dockerfile does not parse (file:line in the message).
    """
    df = text if isinstance(text, Dockerfile) else parse(text, path=path)
    from imgopt.variants.pinning import pinned_bases, repin, unpin

    if pinned_bases(df):  # plan by tag, then pin every base again (imgopt.variants.pinning)
        plan = plan_variants(
            unpin(df),
            context_dir=context_dir,
            path=df.path,
            image_available=image_available,
            dockerignore=dockerignore,
            only=only,
            evidence=evidence,
        )
        digest_of = getattr(image_available, "digest", None)
        plan = repin(plan, df, digest_of if callable(digest_of) else None)
        found = apply_fixes(
            df.text, unsafe=False, path=df.path, context_dir=context_dir, dockerignore=dockerignore
        ).found
        return replace(plan, path=plan.path, findings=tuple(found))
    with one_scan_per_context():  # every variant is linted against the same, unchanged context
        return _Planner(
            df, context_dir, image_available or _unknown, dockerignore, only, evidence
        ).run()


def plan_file(
    dockerfile: str | Path,
    *,
    context_dir: str | Path | None = None,
    image_available: ImageAvailable | None = None,
    only: Sequence[str] | None = None,
) -> Plan:
    """Plan the variants of a Dockerfile on disk (context: its folder unless given).

    Raises:
        InputError: the file cannot be read.
        DockerfileParseError: it does not parse.
    """
    from imgopt.userfiles import read_text

    p = Path(dockerfile)
    text = read_text(p, what="Dockerfile")  # regular files only, size-limited (InputError)
    return plan_variants(
        text,
        context_dir=context_dir if context_dir is not None else p.parent,
        path=str(p),
        image_available=image_available,
        only=only,
    )


class _Planner:
    def __init__(
        self,
        df: Dockerfile,
        context_dir: str | Path | None,
        image_available: ImageAvailable,
        dockerignore: str | None,
        only: Sequence[str] | None,
        evidence: BuildEvidence | None = None,
    ) -> None:
        self.df = df
        self.evidence = evidence
        self.context_dir = Path(context_dir) if context_dir is not None else None
        self.image_available = image_available
        self.dockerignore = dockerignore
        self.only = set(only) if only is not None else None
        self.variants: list[Variant] = []
        self.skipped: list[Skipped] = []
        self._availability: dict[str, bool | None] = {}

    # -- driver ------------------------------------------------------------------------------

    def run(self) -> Plan:
        df = self.df
        self.variants.append(Variant("original", df.text, images=tuple(_images(df))))
        hygiene = self._fix(df.text, self.dockerignore)
        self.hyg = hygiene
        self.hyg_df = parse(hygiene.text, path=df.path)
        self.hyg_changes = self._fix_changes(hygiene, original_lines=True)
        self.hyg_map = line_map(df.text, hygiene.text)
        self.base_ignore = hygiene.dockerignore
        facts = StageFacts(
            self.hyg_df, self.hyg_df.final_stage, self.context_dir, evidence=self.evidence
        )
        for name in VARIANT_NAMES[1:]:
            if self.only is not None and name not in self.only:
                continue
            try:
                self._plan_one(name, facts)
            except NotApplicable as na:
                self.skipped.append(Skipped(name, na.reason))
        return Plan(
            path=df.path,
            original=df.text,
            variants=tuple(self.variants),
            skipped=tuple(self.skipped),
            findings=hygiene.found,
        )

    def _plan_one(self, name: str, facts: StageFacts) -> None:
        if name == "hygiene":
            if not self.hyg.changed:
                raise NotApplicable("no safe fix applies")
            self._add(name, self.hyg.text, self.hyg_changes, self.hyg.dockerignore)
            return
        if name in ("slim-base", "alpine"):
            text, change = (propose_slim_base if name == "slim-base" else propose_alpine)(facts)
            self._finish(name, Draft(text, (change,)))
            return
        target = Target(name)
        if len(self.df.stages) > 1:
            if target is Target.DISTROLESS:
                raise NotApplicable(
                    f"already multi-stage ({len(self.df.stages)} stages): a distroless runtime "
                    "would need changes to the stage that builds what it runs; not attempted"
                )
            raise NotApplicable(
                f"already multi-stage ({len(self.df.stages)} stages): improved in place by "
                "hygiene and slim-base, never flattened"
            )
        detected = [s for s in STRATEGIES if s.detect(facts)]
        if not detected:
            raise NotApplicable(
                "nothing is built in the image (no pip, npm, go build or make install): there "
                "is no build stage to split off"
            )
        reasons = []
        for strategy in detected:
            try:
                draft = strategy.propose(facts, target)
            except NotApplicable as na:
                reasons.append(_with_ecosystem(strategy, na.reason, len(detected)))
                continue
            self._finish(name, draft)
            return
        raise NotApplicable("; ".join(reasons))

    # -- pieces ------------------------------------------------------------------------------

    def _finish(self, name: str, draft: Draft) -> None:
        """Apply hygiene to a draft made from the hygiene text, and record it."""
        try:
            parse(draft.text, path=self.df.path)
        except DockerfileParseError as exc:  # a strategy bug: say so instead of crashing
            raise NotApplicable(f"internal error: the rewrite does not parse ({exc})") from exc
        second = self._fix(draft.text, self.base_ignore, report="none")
        changes = list(self.hyg_changes)
        changes.extend(self._map_change(c) for c in draft.changes)
        changes.extend(self._fix_changes(second, original_lines=False))
        ignore = second.dockerignore if second.dockerignore is not None else self.base_ignore
        self._add(name, second.text, changes, ignore, notes=draft.notes)

    def _add(
        self,
        name: str,
        text: str,
        changes: Sequence[Change],
        dockerignore: str | None,
        *,
        notes: Sequence[str] = (),
    ) -> None:
        df = parse(text, path=self.df.path)
        images = _images(df)
        original_images = set(_images(self.df))
        missing = []
        unknown = []
        for ref in images:
            if ref in original_images:
                continue
            ok = self._available(ref)
            if ok is False:
                missing.append(ref)
            elif ok is None:
                unknown.append(ref)
        if missing:
            self.skipped.append(
                Skipped(
                    name,
                    f"needs image {', '.join(missing)} {self._why_missing(missing)} "
                    "(not buildable here)",
                    missing_images=tuple(missing),
                    dockerfile=text,
                )
            )
            return
        for v in self.variants:
            if v.dockerfile == text and v.dockerignore == dockerignore:
                raise NotApplicable(f"the same Dockerfile as `{v.name}`")
        notes = list(notes) + [
            f"whether image {ref} is available could not be checked" for ref in unknown
        ]
        self.variants.append(
            Variant(
                name,
                text,
                changes=tuple(changes),
                dockerignore=dockerignore,
                images=tuple(images),
                notes=tuple(notes),
            )
        )

    def _why_missing(self, refs: Sequence[str]) -> str:
        """Why images are missing: the registry's answer when ``image_available`` can give it
        (an ``explain(ref)`` method, as imgopt.engine.images.ImageAvailability has)."""
        explain = getattr(self.image_available, "explain", None)
        answers = [a for a in (explain(r) for r in refs) if a] if callable(explain) else []
        if answers:
            return f"which the engine lacks and no registry it uses provides ({'; '.join(answers)})"
        return "which is not available locally"

    def _available(self, ref: str) -> bool | None:
        if ref not in self._availability:
            self._availability[ref] = self.image_available(ref)
        return self._availability[ref]

    def _fix(
        self, text: str, dockerignore: str | None, *, report: Literal["input", "none"] = "input"
    ) -> FixResult:
        # The plan needs the original's findings (Plan.findings) and fixed texts, never the
        # findings left on a fixed text.
        return apply_fixes(
            text,
            unsafe=False,
            path=self.df.path,
            context_dir=self.context_dir,
            dockerignore=dockerignore,
            report=report,
        )

    def _fix_changes(self, result: FixResult, *, original_lines: bool) -> list[Change]:
        out = []
        for f in result.applied:
            try:
                why = get_rule(f.code).why()
            except Exception:  # an unknown code is still reported, without the why
                why = ""
            out.append(
                Change(
                    f.code,
                    f.fix.title if f.fix else (f.fix_title or f.message),
                    f"{f.message}. {why}".strip(),
                    Applicability.SAFE,
                    (f.line, f.end_line)
                    if original_lines and f.instruction_index is not None
                    else None,
                )
            )
        return out

    def _map_change(self, c: Change) -> Change:
        """Lines of the hygiene text -> lines of the original."""
        if c.lines is None:
            return c
        m = self.hyg_map
        a, b = c.lines
        if not (0 < a <= len(m) and 0 < b <= len(m)):
            return c
        lines = (m[a - 1], m[b - 1])
        return Change(c.source, c.title, c.rationale, c.safety, (min(lines), max(lines)))


def _with_ecosystem(strategy: Strategy, reason: str, n: int) -> str:
    return f"{strategy.ecosystem}: {reason}" if n > 1 else reason


def _images(df: Dockerfile) -> list[str]:
    """External images a Dockerfile builds FROM or copies from, in order, without duplicates."""
    names = {s.name for s in df.stages if s.name}
    out: dict[str, None] = {}
    for st in df.stages:
        if st.image is not None and not st.image.is_scratch and st.base_stage is None:
            out.setdefault(st.base_resolved, None)
        for ins in st.body:
            src = ins.flag("from") if ins.keyword in ("COPY", "ADD") else None
            if src and src.lower() not in names and not src.isdigit():
                out.setdefault(src, None)
    return list(out)


def line_map(old: str, new: str) -> list[int]:
    """For each line of ``new`` (0-based position), the 1-based line of ``old`` it comes from.

    Lines the diff keeps map to themselves; a line the diff sees as inserted or replaced maps to
    the most similar old line that the diff did not keep (a moved or edited line: ``COPY . .``
    moved after ``pip install``, ``--no-cache-dir`` added), else to the old line before it.

    Example:
        >>> line_map("FROM a\\nRUN pip install x\\nCOPY . .\\n",
        ...          "FROM a\\nCOPY . .\\nRUN pip install --no-cache-dir x\\n")
        [1, 3, 2]
    """
    a = old.splitlines()
    b = new.splitlines()
    if a == b:
        return list(range(1, len(b) + 1))
    out = [1] * len(b)
    sm = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    kept: set[int] = set()
    loose: list[tuple[int, int]] = []  # (new index, fallback old line)
    for tag, i1, _, j1, j2 in sm.get_opcodes():
        for j in range(j1, j2):
            if tag == "equal":
                out[j] = i1 + (j - j1) + 1
                kept.add(i1 + (j - j1))
            else:
                loose.append((j, max(i1, 1)))
    free = [i for i in range(len(a)) if i not in kept]
    for j, fallback in loose:
        best, score = None, 0.6
        for i in free:
            r = 1.0 if a[i] == b[j] else difflib.SequenceMatcher(a=a[i], b=b[j]).ratio()
            if r > score:
                best, score = i, r
        out[j] = best + 1 if best is not None else fallback
    return out
