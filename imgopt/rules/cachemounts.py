"""What the build-cache rules (8xx) share: where a tool keeps its cache, and how a RUN gets a
BuildKit cache mount on it.

A cache mount (``RUN --mount=type=cache,target=DIR``) keeps ``DIR`` between builds on the build
machine and out of the layer: a rebuild after a code edit finds the downloads and compiled objects
of the last build instead of starting from nothing. The built-in Dockerfile frontend of BuildKit
(Docker 23 and later) understands ``--mount`` without a ``# syntax`` line, and the fixes never add
one (it would make BuildKit fetch a frontend image from a registry).

The classic builder (``DOCKER_BUILDKIT=0``, ``--builder classic``) cannot run ``RUN --mount``:
whoever builds with it plans inside :func:`without_cache_mounts`, and no rule here reports or
fixes anything there (the other rules' fixes, such as cleaning a package cache, apply as usual).

A rule here only proposes a mount where the RUN runs as root (a cache mount is owned by root:
another user could not write to it) and the cache directory is known from the Dockerfile (its
``ENV`` / ``ARG`` values, written without ``$``) or the tool's default for root.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from imgopt.dockerfile import Editor, Instruction, SimpleCommand
from imgopt.rules.base import Finding, LintContext, Rule
from imgopt.rules.helpers import cmd_offset

#: Why no cache mount may be proposed here (the builder cannot mount caches), or None.
_OFF: ContextVar[str | None] = ContextVar("imgopt_cache_mounts_off", default=None)

#: The note a plan made for the classic builder carries.
CLASSIC_BUILDER_NOTE = (
    "the classic builder cannot run `RUN --mount` (BuildKit only): the build-cache rules "
    "IMG801-IMG805 are not applied, so no variant uses a cache mount and every rebuild starts "
    "from empty package and compiler caches; build with BuildKit (--builder buildkit) for fast "
    "rebuilds"
)


@contextmanager
def without_cache_mounts(reason: str = CLASSIC_BUILDER_NOTE) -> Iterator[None]:
    """Within this block the build-cache rules report and fix nothing (``reason``: why)."""
    token = _OFF.set(reason)
    try:
        yield
    finally:
        _OFF.reset(token)


def cache_mounts_off() -> str | None:
    """Why cache mounts may not be proposed (inside :func:`without_cache_mounts`), else None."""
    return _OFF.get()


#: Users a ``USER`` line may name that are root.
_ROOT = frozenset({"", "root", "0"})


def runs_as_root(ctx: LintContext, ins: Instruction) -> bool:
    """Whether ``ins`` runs as root: no ``USER`` before it in its stage chain, or the last one
    names root (``root``, ``0``, ``root:root``, ``0:0``). A base image's own USER is unknown
    here; the official language images run as root."""
    stage = ctx.dockerfile.stage_of(ins)
    if stage is None:
        return False
    user = ""
    for other in ctx.layers_of(stage):
        if other.index >= ins.index and other.stage_index == stage.index:
            break
        if other.keyword == "USER" and other.args:
            user = other.args[0].strip("\"'").split(":", 1)[0]
    return user in _ROOT


def literal_dir(value: str | None) -> str | None:
    """An absolute directory written without variables (``"/root/.npm/"`` -> ``/root/.npm``),
    None for anything else (unset, relative, ``$HOME/...``)."""
    if value is None:
        return None
    v = value.strip().strip("\"'")
    if not v.startswith("/") or "$" in v or "`" in v:
        return None
    return posixpath.normpath(v)


def home_at(ctx: LintContext, ins: Instruction) -> str | None:
    """Root's home at ``ins``: ``ENV HOME`` when set to a plain path, else ``/root``; None when
    HOME is set to something that cannot be read without running the build."""
    env = ctx.env_at(ins)
    if "HOME" not in env:
        return "/root"
    return literal_dir(env["HOME"])


def cache_dir(
    ctx: LintContext, ins: Instruction, env_names: Sequence[str], default: str
) -> str | None:
    """The cache directory a tool uses at ``ins``: the first of ``env_names`` set in the
    Dockerfile (None when its value is not a plain path), else ``default`` under root's home
    (``~/`` prefix) or as written."""
    env = ctx.env_at(ins)
    for name in env_names:
        if name in env:
            return literal_dir(env[name])
    if default.startswith("~/"):
        home = home_at(ctx, ins)
        return posixpath.join(home, default[2:]) if home else None
    return default


def mount_flag(target: str, *, sharing: str | None = None) -> str:
    """``--mount=type=cache,target=TARGET[,sharing=...]``."""
    flag = f"--mount=type=cache,target={target}"
    return f"{flag},sharing={sharing}" if sharing else flag


def missing(ctx: LintContext, ins: Instruction, targets: Iterable[str]) -> list[str]:
    """The ``targets`` no cache or tmpfs mount of ``ins`` covers yet, in order."""
    return [t for t in dict.fromkeys(targets) if not ctx.has_cache_mount(ins, t)]


def add_mounts(ctx: LintContext, ed: Editor, ins: Instruction, flags: Sequence[str]) -> bool:
    """Insert the ``--mount`` flags right after ``ins``'s ``RUN`` keyword (before its own
    flags), each on a continuation line of its own so the command keeps its line. False,
    editing nothing, for an ONBUILD RUN or with nothing to add."""
    if ins.keyword != "RUN" or not flags or ins.raw[:3].upper() != "RUN":
        return False
    indent = ins.indent + "    "
    esc = ctx.dockerfile.escape
    body = ins.raw[3:].lstrip(" \t")
    blanks = len(ins.raw) - 3 - len(body)
    # The command goes on a line of its own unless the RUN already breaks right after it.
    sep = f" {esc}\n{indent}" if not body.startswith(esc) else " "
    start = ins.span.start + 3
    ed.replace_range(start, start + blanks, " " + f" {esc}\n{indent}".join(flags) + sep)
    return True


def remove_word(ctx: LintContext, ed: Editor, ins: Instruction, cmd: SimpleCommand, i: int) -> bool:
    """Remove word ``i`` of ``cmd`` with the blanks before it; False where it cannot be mapped
    to the source (exec form, a CRLF heredoc) or is the command's first word."""
    if i <= 0 or i >= len(cmd.words):
        return False
    start = cmd_offset(ctx, ins, cmd, cmd.words[i - 1].end)
    end = cmd_offset(ctx, ins, cmd, cmd.words[i].end)
    if start is None or end is None:
        return False
    between = ctx.dockerfile.text[start : end - len(cmd.words[i].raw)]
    if between.strip(" \t"):
        return False  # a line continuation or comment in between: leave the text alone
    ed.replace_range(start, end, "")
    return True


def fixed_first_by(ctx: LintContext, rule: type[Rule], ins: Instruction) -> bool:
    """Whether ``rule`` (a size rule whose safe fix keeps a cache out of the layer: IMG201,
    IMG303, IMG101) has a fix for ``ins``.

    The cache-mount rule then waits for that fix and replaces it on the next pass (drops the
    ``--no-cache-dir`` it added, its cache cleanup): both fixes would otherwise land together,
    and the cleanup would empty the cache the mount keeps.
    """
    fixed = ctx.memo(
        ("fixable-findings", rule.code),
        lambda: frozenset(
            f.instruction_index for f in rule().check(ctx) if f.fixable and f.fix is not None
        ),
    )
    return ins.index in fixed


def mount_finding(
    rule: Rule, ctx: LintContext, ins: Instruction, targets: Sequence[str | None], who: str
) -> Finding | None:
    """The finding, with its fix, that mounts the caches in ``targets`` that ``ins`` lacks.

    None when there is no target, a target is unknown (None: a directory set through a variable)
    or every one is mounted already.
    """
    if not targets or None in targets:
        return None
    todo = missing(ctx, ins, [t for t in targets if t is not None])
    if not todo:
        return None
    ed = Editor(ctx.dockerfile)
    ok = add_mounts(ctx, ed, ins, [mount_flag(t) for t in todo])
    where = ", ".join(todo)
    return rule.finding(
        ctx,
        ins,
        f"{who} starts from empty caches on every rebuild ({where})",
        fix=rule.make_fix(ed, title=f"Mount a build cache on {where}") if ok else None,
    )
