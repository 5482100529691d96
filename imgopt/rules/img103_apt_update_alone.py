"""IMG103: apt-get update alone in its own RUN."""

from __future__ import annotations

from collections.abc import Iterator

from imgopt.dockerfile import Editor, Instruction
from imgopt.rules.base import Finding, LintContext, Rule
from imgopt.rules.helpers import (
    APT_PROGRAMS,
    apt_subcommand,
    later_instructions,
    lists_read_before_update,
    prog,
    reads_apt_lists,
)

# Commands that may keep an `apt-get update` company without making the RUN do anything else.
_HARMLESS = frozenset({"set", "true", "echo", ":"})


def update_only(ctx: LintContext, ins: Instruction) -> bool:
    """A RUN whose only real work is ``apt-get update``."""
    cmds = ctx.commands(ins)
    has_update = False
    for c in cmds:
        sub = apt_subcommand(c)
        if sub == "update":
            has_update = True
        elif prog(c) not in _HARMLESS:
            return False
    return has_update


class AptUpdateAlone(Rule):
    """`apt-get update` alone in its own `RUN`.

    What it does:
        Flags a `RUN` that only runs `apt-get update`, with the `apt-get install` in a later
        `RUN`.

    Why it matters:
        The lists the update downloads (about 20 MB) are committed in their own layer, so no
        later cleanup can remove them from the image. The layer is also cached on its own: when
        the install line changes, Docker reuses week-old lists and the install fails or gets
        stale packages, which is why `update` and `install` belong in one `RUN`.

    Example:
        ```dockerfile
        RUN apt-get update
        RUN apt-get install -y --no-install-recommends curl \\
            && rm -rf /var/lib/apt/lists/*
        ```

    Fixed example:
        ```dockerfile
        RUN apt-get update && apt-get install -y --no-install-recommends curl \\
            && rm -rf /var/lib/apt/lists/*
        ```

    Fix safety:
        Safe: the update `RUN` is removed and `apt-get update &&` is put in front of the first
        command of the next `RUN` that uses apt (or the update is dropped when that `RUN`
        updates itself before it reads the lists). Soundness conditions, checked in code:
        the next apt-using `RUN` of the same image (apt-get, apt, apt-cache) is shell form;
        its first apt command does not follow `||`, `|` or `&` (`a || apt-get install` would
        become `(a || apt-get update) && apt-get install`); a `RUN` that updates only after its
        first install gets the update in front, not nothing.

    Equivalents:
        hadolint DL3059 (in part); Parfum "apt-get update in a separate layer".
    """

    code = "IMG103"
    name = "apt-update-alone"
    summary = "apt-get update in a RUN of its own, split from the install"
    fix_title = "Run apt-get update in the same RUN as apt-get install"
    fixable = "safe"
    hadolint = ("DL3059",)

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        if not ctx.programs & APT_PROGRAMS:
            return  # no apt anywhere
        for stage in ctx.dockerfile.stages:
            for ins in ctx.runs(stage):
                if not update_only(ctx, ins):
                    continue
                target = next(
                    (
                        o
                        for o in later_instructions(ctx, ins)
                        if o.keyword == "RUN"
                        and any(
                            apt_subcommand(c) is not None or reads_apt_lists(c)
                            for c in ctx.commands(o)
                        )
                    ),
                    None,
                )
                fix = None
                if target is not None and not target.is_exec_form:
                    target_cmds = ctx.commands(target)
                    ed = Editor(ctx.dockerfile).delete(ins, with_comments=False)
                    first = next(
                        (
                            c
                            for c in target_cmds
                            if apt_subcommand(c) is not None or reads_apt_lists(c)
                        ),
                        None,
                    )
                    if not lists_read_before_update(ctx, target):
                        fix = self.make_fix(ed)  # the target updates before it reads the lists
                    elif (
                        first is not None
                        and first.script == 0
                        and first.operator not in ("||", "|", "&")
                    ):
                        ed.insert_at(target.source_offset(first.start), "apt-get update && ")
                        fix = self.make_fix(ed)
                yield self.finding(
                    ctx,
                    ins,
                    "`apt-get update` runs in a layer of its own: its lists are cached apart "
                    "from the install and stay in the image",
                    fix=fix,
                )
