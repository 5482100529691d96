"""IMG101: apt package lists are not removed in the layer that downloaded them."""

from __future__ import annotations

from collections.abc import Iterator

from imgopt.dockerfile import Editor, Instruction
from imgopt.rules.base import Finding, LintContext, Rule
from imgopt.rules.helpers import (
    APT_PROGRAMS,
    append_to_run,
    apt_subcommand,
    later_instructions,
    lists_needed_later,
    path_covers,
    rm_targets,
)
from imgopt.rules.img103_apt_update_alone import update_only

LISTS = "/var/lib/apt/lists"
CLEANUP = "rm -rf /var/lib/apt/lists/*"


def removes_lists(ctx: LintContext, ins: Instruction) -> bool:
    """Whether a RUN removes the apt lists (``rm -rf /var/lib/apt/lists/*`` or a parent)."""
    return any(path_covers(t, LISTS + "/x") for c in ctx.commands(ins) for t in rm_targets(c))


def lists_cached(ctx: LintContext, ins: Instruction) -> bool:
    """A cache or tmpfs mount keeps the lists out of the layer."""
    return ctx.has_cache_mount(ins, LISTS)


class AptListsNotRemoved(Rule):
    """Apt package lists are not removed in the layer that downloaded them.

    What it does:
        Flags a `RUN` with `apt-get update` (in a stage that ships) that does not remove
        `/var/lib/apt/lists/*` before the layer ends, and has no cache mount on
        `/var/lib/apt`.

    Why it matters:
        `apt-get update` downloads the package index of every configured repository: about
        20 MB for Debian bookworm with updates and security. Once the layer is committed,
        deleting the lists in a later `RUN` cannot take those bytes back. Throw-away build
        stages (only read by `COPY --from`) are not flagged: their layers never ship.

    Example:
        ```dockerfile
        RUN apt-get update && apt-get install -y --no-install-recommends curl
        ```

    Fixed example:
        ```dockerfile
        RUN apt-get update \\
            && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
        ```

    Fix safety:
        Safe: the fix appends `&& rm -rf /var/lib/apt/lists/*` to the end of the same `RUN`.
        Soundness conditions, all checked in code; no fix is offered when one fails:

        1. The `RUN` does more than `apt-get update`. An update-only `RUN` is IMG103's: its
           fix moves the update into the `RUN` that installs, and this fix then applies there
           on the next pass. Removing the lists right after an update-only `RUN` would leave
           the next `apt-get install` with no package lists, so the two fixes are applied
           together or not at all.
        2. No later `RUN` of the same image (this stage and every stage built `FROM` it) reads
           the lists (`apt-get install`, `upgrade`, `apt-cache`...) before an `apt-get update`
           of its own, unless a `RUN` in between downloads them again.
        3. No later `RUN` already removes the lists (IMG403 merges the two layers instead).
        4. The `RUN` is shell form and its last command is not sent to the background.

    Equivalents:
        hadolint DL3009; Parfum "apt-get lists not deleted".
    """

    code = "IMG101"
    name = "apt-lists-not-removed"
    summary = "apt-get update without removing /var/lib/apt/lists in the same layer"
    fix_title = "Remove /var/lib/apt/lists/* at the end of the same RUN"
    fixable = "safe"
    hadolint = ("DL3009",)

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        if not ctx.programs & APT_PROGRAMS:
            return  # no apt anywhere
        for stage in ctx.dockerfile.stages:
            if not ctx.ships(stage):
                continue
            for ins in ctx.runs(stage):
                cmds = ctx.commands(ins)
                if not any(apt_subcommand(c) == "update" for c in cmds):
                    continue
                if removes_lists(ctx, ins) or lists_cached(ctx, ins):
                    continue
                fix = None
                later = any(
                    o.keyword == "RUN" and removes_lists(ctx, o)
                    for o in later_instructions(ctx, ins)
                )
                alone = update_only(ctx, ins)
                needed = not alone and lists_needed_later(ctx, ins)
                if not later and not alone and not needed:
                    ed = Editor(ctx.dockerfile)
                    if append_to_run(ctx, ed, ins, CLEANUP):
                        fix = self.make_fix(ed)
                msg = "apt lists from `apt-get update` stay in this layer (~20 MB)"
                if later:
                    msg += "; a later RUN deletes them, but the bytes stay in this layer"
                elif alone:
                    msg += "; no fix here: IMG103 moves the update into the RUN that installs"
                elif needed:
                    msg += "; no fix: a later RUN installs from these lists without updating"
                yield self.finding(ctx, ins, msg, fix=fix)
