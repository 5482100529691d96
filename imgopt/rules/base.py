"""The rule framework: findings, fixes, the rule base class and the context rules read.

A rule is one class in one module (``imgopt/rules/img101_apt_lists.py``), registered by its code.
It looks at a parsed Dockerfile through a :class:`LintContext` and yields :class:`Finding` s; a
finding may carry a :class:`Fix`: minimal text edits against the linted text (made with
:class:`imgopt.dockerfile.Editor`, so every byte no edit touches stays identical), and/or a whole
proposed ``.dockerignore``. Every fix says whether it is safe to apply unasked
(:class:`Applicability`, as ruff does): changing the base image or the stages is never safe.

The class docstring is the rule's documentation; it has fixed sections (:data:`DOC_SECTIONS`),
and a test fails a rule that lacks one.

Example:
    >>> from imgopt.rules import lint, apply_fixes
    >>> text = "FROM debian:12\\nRUN apt-get update && apt-get install -y curl\\n"
    >>> sorted({f.code for f in lint(text)})  # doctest: +SKIP
    ['IMG101', 'IMG102']
    >>> apply_fixes(text).text  # doctest: +SKIP
    'FROM debian:12\\nRUN apt-get update && apt-get install -y --no-install-recommends curl ...'
"""

from __future__ import annotations

import functools
import inspect
import os
import posixpath
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from imgopt.dockerfile import (
    Dockerfile,
    Edit,
    Editor,
    Instruction,
    SimpleCommand,
    Span,
    Stage,
    run_commands,
)

_T = TypeVar("_T")

#: The sections every rule docstring has, in this order (``Name:`` on its own line).
DOC_SECTIONS = (
    "What it does",
    "Why it matters",
    "Example",
    "Fixed example",
    "Fix safety",
    "Equivalents",
)

#: The hundreds a code may fall in, and what they group.
CODE_GROUPS = {
    1: "apt and OS packages",
    2: "pip and Python",
    3: "npm, yarn and Node",
    4: "layers and files",
    5: "base image and stages",
    6: "build context and .dockerignore",
    7: "secrets and build inputs",
    8: "build cache",
}

_CODE_RE = re.compile(r"IMG[1-9][0-9]{2}\Z")
_SECTION_RE = re.compile(r"^([A-Z][A-Za-z ]+):\s*$")


class Applicability(StrEnum):
    """Whether a fix may be applied without asking (ruff's ``Applicability``)."""

    #: Keeps what the image does; applied by ``apply_fixes`` and the ``hygiene`` variant.
    SAFE = "safe"
    #: May change behaviour (base image, stages, removed packages); only applied when asked.
    UNSAFE = "unsafe"


#: What each ``Rule.fixable`` declaration lets a rule's fixes be.
_FIXABLE_ALLOWS: dict[str, frozenset[Applicability]] = {
    "safe": frozenset({Applicability.SAFE}),
    "unsafe": frozenset({Applicability.UNSAFE}),
    "sometimes": frozenset({Applicability.SAFE, Applicability.UNSAFE}),
    "no": frozenset(),
}


@dataclass(frozen=True, slots=True)
class Fix:
    """How to repair one finding.

    Attributes:
        title: what the fix does, in the imperative (``"Add --no-install-recommends"``).
        applicability: SAFE or UNSAFE.
        edits: minimal edits against the text that was linted (offsets into it).
        dockerignore: the complete ``.dockerignore`` content to write next to the Dockerfile (the
            existing file's lines kept, new ones appended), or None when the fix leaves it alone.
    """

    title: str
    applicability: Applicability
    edits: tuple[Edit, ...] = ()
    dockerignore: str | None = None

    @property
    def is_empty(self) -> bool:
        """The fix changes nothing."""
        return not self.edits and self.dockerignore is None


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem a rule found.

    Lines and columns are 1-based; ``end_column`` is exclusive (SARIF's convention).

    Attributes:
        code: the rule code, ``"IMG101"``.
        name: the rule's kebab-case name, ``"apt-lists-not-removed"``.
        message: what is wrong, for this occurrence.
        path: the Dockerfile, as given (None for a string).
        line: first line.
        column: first column.
        end_line: last line.
        end_column: column just past the end on ``end_line``.
        stage_index: the stage the finding is in (None for file-level findings).
        instruction_index: index into ``Dockerfile.instructions`` (None for file-level findings).
        fix_title: what to do, in the imperative (also when there is no automatic fix).
        fix: the automatic fix, or None.
    """

    code: str
    name: str
    message: str
    path: str | None
    line: int
    column: int
    end_line: int
    end_column: int
    stage_index: int | None
    instruction_index: int | None
    fix_title: str | None = None
    fix: Fix | None = None

    @property
    def fixable(self) -> bool:
        """An automatic fix exists (safe or not)."""
        return self.fix is not None and not self.fix.is_empty

    @property
    def applicability(self) -> Applicability | None:
        """The fix's applicability, None without a fix."""
        return self.fix.applicability if self.fixable and self.fix else None

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order by file, position, then code."""
        return (self.path or "", self.line, self.column, self.code)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (the ``--format json`` record)."""
        return {
            "code": self.code,
            "name": self.name,
            "message": self.message,
            "fix_title": self.fix_title,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "stage_index": self.stage_index,
            "instruction_index": self.instruction_index,
            "fixable": self.fixable,
            "applicability": str(self.applicability) if self.applicability else None,
            "dockerignore": self.fix.dockerignore if self.fix else None,
        }


@dataclass(frozen=True, slots=True)
class FixResult:
    """What :func:`imgopt.rules.apply_fixes` did.

    Attributes:
        text: the fixed Dockerfile text.
        applied: the findings whose fixes were applied, in order; positions refer to the text
            of the pass that found them (pass 1 = the input).
        remaining: the findings on the fixed text (unfixable, unsafe when not asked, or
            conflicting fixes that did not converge).
        dockerignore: the proposed ``.dockerignore`` content, None when no fix touched it.
        passes: how many parse -> lint -> fix passes ran.
        found: the findings on the input (pass 1), what :func:`imgopt.rules.lint` gives for it
            with the same rules, context and ``.dockerignore``.
    """

    text: str
    applied: tuple[Finding, ...]
    remaining: tuple[Finding, ...]
    dockerignore: str | None
    passes: int
    original: str = field(repr=False, default="")
    found: tuple[Finding, ...] = field(repr=False, default=())

    @property
    def changed(self) -> bool:
        """The text or the .dockerignore changed."""
        return self.text != self.original or self.dockerignore is not None


class LintContext:
    """Everything a rule may look at for one Dockerfile, with derived facts computed once.

    Args:
        dockerfile: the parsed file.
        context_dir: the build context folder, if known (rules about the context need it).
        dockerignore: ``.dockerignore`` content to use instead of reading it from
            ``context_dir`` (``apply_fixes`` passes the one a fix proposed).
    """

    def __init__(
        self,
        dockerfile: Dockerfile,
        *,
        context_dir: str | Path | None = None,
        dockerignore: str | None = None,
    ) -> None:
        self.dockerfile = dockerfile
        self.path = dockerfile.path
        self.context_dir = (
            context_dir
            if isinstance(context_dir, Path) or context_dir is None
            else Path(context_dir)
        )
        self._dockerignore_override = dockerignore
        self._commands: dict[int, tuple[SimpleCommand, ...]] = {}
        self._state: dict[int, tuple[dict[str, str], str]] = {}
        self._memo: dict[Hashable, Any] = {}

    # -- stages ------------------------------------------------------------------------------

    @cached_property
    def shipping_stages(self) -> frozenset[int]:
        """Indexes of stages whose layers end up in the final image: the final stage and,
        transitively, the stages it is built ``FROM``. Stages only read by ``COPY --from`` or
        ``--mount=from=`` are throw-away: their layers never ship."""
        stages = self.dockerfile.stages
        out: set[int] = set()
        i: int | None = len(stages) - 1
        while i is not None and i not in out:
            out.add(i)
            i = stages[i].base_stage
        return frozenset(out)

    def ships(self, stage: Stage | int | None) -> bool:
        """Whether ``stage``'s layers end up in the final image (see :attr:`shipping_stages`)."""
        if stage is None:
            return False
        idx = stage if isinstance(stage, int) else stage.index
        return idx in self.shipping_stages

    def stage_chain(self, stage: Stage) -> list[Stage]:
        """``stage`` and the earlier stages it is built FROM, the oldest first."""
        chain = [stage]
        seen = {stage.index}
        while chain[0].base_stage is not None and chain[0].base_stage not in seen:
            seen.add(chain[0].base_stage)
            chain.insert(0, self.dockerfile.stages[chain[0].base_stage])
        return chain

    def layers_of(self, stage: Stage) -> list[Instruction]:
        """The instructions of ``stage`` and the stages it is built FROM, in build order
        (FROM lines excluded): everything whose layers this stage's image contains."""
        out: list[Instruction] = []
        for st in self.stage_chain(stage):
            out.extend(st.body)
        return out

    def final_image(self) -> Stage:
        """The stage ``docker build`` ships."""
        return self.dockerfile.final_stage

    # -- commands ----------------------------------------------------------------------------

    @cached_property
    def programs(self) -> frozenset[str]:
        """Every program any RUN of the file runs (``prog`` of each of :meth:`commands`).

        A rule about a package manager returns at once when its programs are not among them,
        instead of walking every command of every stage to find none.
        """
        return frozenset(
            c.program
            for ins in self.dockerfile.instructions
            if ins.keyword == "RUN"
            for c in self.commands(ins)
        )

    def commands(self, ins: Instruction) -> tuple[SimpleCommand, ...]:
        """The simple commands of a RUN (cached), ``()`` for other instructions."""
        key = ins.index
        found = self._commands.get(key)
        if found is None:
            found = run_commands(ins) if ins.keyword == "RUN" else ()
            self._commands[key] = found
        return found

    def runs(self, stage: Stage) -> list[Instruction]:
        """The RUN instructions of one stage (ONBUILD excluded)."""
        return [i for i in stage.body if i.keyword == "RUN"]

    def env_at(self, ins: Instruction) -> dict[str, str]:
        """ENV and ARG (with defaults) values in effect at ``ins``, inherited through FROM
        stages. Values are as written (no expansion). Do not mutate the result (shared)."""
        return self._state_at(ins)[0]

    def workdir_at(self, ins: Instruction) -> str:
        """The WORKDIR in effect at ``ins`` (through FROM-stage chains), ``/`` by default."""
        return self._state_at(ins)[1]

    def _state_at(self, ins: Instruction) -> tuple[dict[str, str], str]:
        # One pass per stage computes the state before each of its instructions: rules ask for
        # it per RUN, and a quadratic walk shows on long Dockerfiles.
        found = self._state.get(ins.index)
        if found is not None:
            return found
        stage = self.dockerfile.stage_of(ins)
        if stage is None:
            return {}, "/"
        env: dict[str, str] = {}
        wd = "/"
        for other in self.layers_of(stage):
            if other.stage_index == stage.index:
                self._state.setdefault(other.index, (env, wd))
            if other.keyword in ("ENV", "ARG"):
                env = dict(env)
                for k, v in other.key_values():
                    if v is not None:
                        env[k] = v
            elif other.keyword == "WORKDIR" and other.args:
                wd = posixpath.normpath(posixpath.join(wd, other.args[0].strip("\"'")))
        return self._state.get(ins.index, (env, wd))

    def memo(self, key: Hashable, compute: Callable[[], _T]) -> _T:
        """A value computed once per Dockerfile and shared by every rule (``key`` names it)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[no-any-return]

    def cache_mount_targets(self, ins: Instruction) -> tuple[str, ...]:
        """Targets of ``--mount=type=cache`` (and tmpfs, whose content also never lands in the
        layer) on a RUN, normalised without trailing slash."""
        return tuple(
            (m.target or "").rstrip("/") or "/"
            for m in ins.mounts
            if m.type in ("cache", "tmpfs") and m.target
        )

    def has_cache_mount(self, ins: Instruction, *paths: str) -> bool:
        """Whether a cache/tmpfs mount on ``ins`` covers any of ``paths`` (equal or a parent)."""
        targets = self.cache_mount_targets(ins)
        for p in paths:
            p = p.rstrip("/")
            for t in targets:
                if p == t or p.startswith(t + "/") or t == "/":
                    return True
        return False

    # -- source positions --------------------------------------------------------------------

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset into the text."""
        text = self.dockerfile.text
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        return line, col

    # -- build context -----------------------------------------------------------------------

    @cached_property
    def dockerignore(self) -> str | None:
        """The ``.dockerignore`` content in effect (override, or the file in the context, or the
        ``<Dockerfile>.dockerignore`` BuildKit prefers), None when there is none."""
        if self._dockerignore_override is not None:
            return self._dockerignore_override
        if self.context_dir is None:
            return None
        from imgopt.rules.context import read_text

        candidates = []
        if self.path:
            p = Path(self.path)
            candidates.append((p.parent, p.name + ".dockerignore"))
        candidates.append((self.context_dir, ".dockerignore"))
        for folder, name in candidates:
            text = read_text(folder, name)
            if text is not None:
                return text
        return None

    def read_context_file(self, rel: str) -> str | None:
        """The text of a file in the build context (None without a context or if unreadable)."""
        if self.context_dir is None:
            return None
        from imgopt.rules.context import read_text

        return read_text(self.context_dir, rel)

    @cached_property
    def package_json(self) -> dict[str, Any] | None:
        """The context's ``package.json``, parsed (None when absent or malformed)."""
        import json

        text = self.read_context_file("package.json")
        if text is None:
            return None
        try:
            data = json.loads(text)
        except ValueError:
            return None
        return data if isinstance(data, dict) else None

    def context_has(self, rel: str) -> bool:
        """Whether the context has a top-level entry ``rel`` (file or directory)."""
        return rel in self.context_entries or rel.rstrip("/") + "/" in self.context_entries

    @cached_property
    def context_entries(self) -> frozenset[str]:
        """Relative POSIX paths in the build context: every top-level entry, plus (a few levels
        down, not inside ``.git``/``node_modules``/virtualenvs) the directories rules care about
        (``__pycache__``, ``node_modules``...). Empty without a context folder."""
        if self.context_dir is None:
            return frozenset()
        from imgopt.rules.context import scan_context

        return scan_context(self.context_dir)


class Rule(ABC):
    """A size rule. Subclass it in its own module and fill the class attributes.

    Class attributes:
        code: ``"IMG101"``: ``IMG`` + 3 digits, the hundreds naming the group
            (:data:`CODE_GROUPS`), never reused.
        name: kebab-case name, ``"apt-lists-not-removed"``.
        summary: one line for ``imgopt rule --all`` and the README table.
        fix_title: default imperative fix title (a finding may give a more precise one).
        fixable: ``"safe"``, ``"unsafe"``, ``"sometimes"`` or ``"no"``: what the fixes are,
            for the docs.
        hadolint: the hadolint ids covering the same ground (``("DL3009",)``).
    """

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    fix_title: ClassVar[str | None] = None
    fixable: ClassVar[str] = "no"
    hadolint: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def fixes_with(cls, applicability: Applicability) -> bool:
        """Whether the rule can make fixes of this applicability (its ``fixable`` says so)."""
        return applicability in _FIXABLE_ALLOWS.get(cls.fixable, frozenset())

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if inspect.isabstract(cls):
            return
        code = getattr(cls, "code", "")
        if not _CODE_RE.match(code) or int(code[3]) not in CODE_GROUPS:
            raise TypeError(f"{cls.__name__}: bad rule code {code!r} (IMG + 3 digits, 1xx-8xx)")

    @abstractmethod
    def check(self, ctx: LintContext) -> Iterable[Finding]:
        """Yield the findings for one Dockerfile (suppression and selection happen outside)."""

    # -- helpers for subclasses --------------------------------------------------------------

    def finding(
        self,
        ctx: LintContext,
        ins: Instruction | None,
        message: str,
        *,
        span: tuple[int, int] | Span | None = None,
        fix: Fix | None = None,
        fix_title: str | None = None,
    ) -> Finding:
        """Build a finding at ``ins`` (or at ``span``: source offsets or a model Span).

        ``ins=None`` makes a file-level finding at line 1 (or at ``span``).
        """
        if isinstance(span, Span):
            line, col = span.start_line, span.start_col
            end_line, end_col = span.end_line, span.end_col
        elif span is not None:
            line, col = ctx.position(span[0])
            end_line, end_col = ctx.position(span[1])
        elif ins is not None:
            s = ins.span
            line, col, end_line = s.start_line, s.start_col, s.start_line
            # Point at the first line only: a long RUN's end is noise in an editor.
            first = ins.raw.split("\n", 1)[0].rstrip("\r")
            end_col = s.start_col + len(first)
        else:
            line, col, end_line, end_col = 1, 1, 1, 1
        return Finding(
            code=self.code,
            name=self.name,
            message=message,
            path=ctx.path,
            line=line,
            column=col,
            end_line=end_line,
            end_column=end_col,
            stage_index=ins.stage_index if ins is not None else None,
            instruction_index=ins.index if ins is not None else None,
            fix_title=fix.title if fix is not None else (fix_title or self.fix_title),
            fix=fix,
        )

    def make_fix(
        self,
        edits: Editor | Sequence[Edit],
        *,
        applicability: Applicability = Applicability.SAFE,
        title: str | None = None,
        dockerignore: str | None = None,
    ) -> Fix:
        """Wrap an editor's edits (or a list of edits) as a Fix.

        Raises:
            RuntimeError: the fix contradicts the rule's ``fixable`` declaration (a rule
                declared ``"unsafe"`` or ``"no"`` made a safe fix): ``apply_fixes`` skips such
                rules when it applies safe fixes only, so the declaration must hold.
        """
        if not self.fixes_with(applicability):
            raise RuntimeError(
                f"{self.code} declares fixable={self.fixable!r} but made a {applicability} fix"
            )
        got = edits.edits if isinstance(edits, Editor) else tuple(edits)
        return Fix(
            title=title or self.fix_title or "",
            applicability=applicability,
            edits=got,
            dockerignore=dockerignore,
        )

    # -- documentation -----------------------------------------------------------------------

    @classmethod
    def documentation(cls) -> str:
        """The class docstring, dedented."""
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def doc_sections(cls) -> dict[str, str]:
        """The docstring split into its sections (``{"What it does": "...", ...}``); the text
        before the first section is under ``""``."""
        out: dict[str, list[str]] = {"": []}
        current = ""
        for line in cls.documentation().splitlines():
            m = _SECTION_RE.match(line)
            if m and m.group(1) in DOC_SECTIONS:
                current = m.group(1)
                out[current] = []
            else:
                out[current].append(line[4:] if line.startswith("    ") else line)
        return {k: "\n".join(v).strip() for k, v in out.items()}

    @classmethod
    def why(cls) -> str:
        """The "Why it matters" section as one paragraph (the rationale variants cite)."""
        return _why(cls)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.code}>"


@functools.cache
def _why(cls: type[Rule]) -> str:
    # The planner cites it for every change of every variant: read the docstring once.
    return " ".join(cls.doc_sections().get("Why it matters", "").split())


def env_truthy(value: str | None) -> bool:
    """How pip reads a boolean environment variable (``PIP_NO_CACHE_DIR=1/true/yes/on/off``...).

    pip treats any set value except ``0``/``false``/``no``/``off`` as "no cache"; older pips
    inverted the meaning of ``0`` but every value disabled the cache, so any value counts.
    """
    return value is not None and value.strip().strip("\"'") != ""


def relpath(path: str | os.PathLike[str]) -> str:
    """A path as POSIX text, for messages."""
    return Path(path).as_posix()
