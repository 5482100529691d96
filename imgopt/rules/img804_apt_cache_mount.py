"""IMG804: apt downloads the package lists and packages again on each rebuild."""

from __future__ import annotations

from collections.abc import Iterator

from imgopt.dockerfile import Editor, Instruction
from imgopt.rules.base import Finding, LintContext, Rule
from imgopt.rules.cachemounts import (
    add_mounts,
    cache_mounts_off,
    fixed_first_by,
    missing,
    mount_flag,
    runs_as_root,
)
from imgopt.rules.helpers import (
    APT_INSTALL,
    APT_PROGRAMS,
    apt_subcommand,
    lists_needed_later,
    lists_read_before_update,
    path_covers,
    remove_command,
    rm_targets,
)
from imgopt.rules.img101_apt_lists_not_removed import AptListsNotRemoved

#: What the mounts hold: the downloaded lists, and apt's archive of downloaded packages.
TARGETS = ("/var/cache/apt", "/var/lib/apt/lists")


class AptCacheMount(Rule):
    """`apt-get update && apt-get install` without cache mounts on apt's lists and archives.

    What it does:
        Flags a `RUN` that runs `apt-get update` and installs packages as root, in any stage,
        without `--mount=type=cache,...,sharing=locked` on `/var/lib/apt/lists` (the package
        lists `apt-get update` downloads) and `/var/cache/apt` (the downloaded packages). In a
        stage that ships, IMG101's fix (remove the lists in the same `RUN`) comes first; this
        rule then replaces that removal with the mounts. Not flagged when a later `RUN` reads
        the lists without updating them (they would not be in the image for it).

    Why it matters:
        Any change above or in the install layer makes `apt-get update` download every list
        again (about 20 MB for Debian bookworm) before a single package is installed. With the
        lists mounted, apt asks the mirror only whether they changed. `sharing=locked` lets
        one build at a time use them, as apt's own lock expects.

    Example:
        ```dockerfile
        RUN apt-get update && apt-get install -y --no-install-recommends curl \\
            && rm -rf /var/lib/apt/lists/*
        ```

    Fixed example:
        ```dockerfile
        RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\
            --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \\
            apt-get update && apt-get install -y --no-install-recommends curl
        ```

    Fix safety:
        Safe: the lists and downloaded packages stay in the mounts, out of the layer, as the
        removal kept them out; the fix drops the `rm` of those directories and `apt-get
        clean` in this `RUN` only (they would empty the mounts). It mounts
        `/var/lib/apt/lists`, never all of `/var/lib/apt`, whose `extended_states` (which
        packages were installed automatically) belongs in the image. The base image's
        `/etc/apt/apt.conf.d/docker-clean` hook (official Debian and Ubuntu images) is left in
        place: removing it would change the image and how apt behaves in its containers. With
        the hook, apt still deletes downloaded packages after installing, so on such a base
        the lists are what a rebuild reuses. Soundness conditions, checked in code: the `RUN`
        runs as root and installs, reads no list before its own `apt-get update` (the mount
        would hide the layer's lists it relies on), no later `RUN` needs the lists, and every
        removal to drop is joined with `&&`. Needs BuildKit; no `# syntax` line is added.

    Equivalents:
        No hadolint rule (DL3009 asks to remove the lists, which this replaces); Docker's
        "RUN --mount=type=cache" reference (apt example).
    """

    code = "IMG804"
    name = "apt-cache-mount"
    summary = "apt-get update and install without cache mounts download everything on each rebuild"
    fix_title = "Mount build caches on apt's lists and package archive (sharing=locked)"
    fixable = "safe"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        if cache_mounts_off() is not None:  # the builder cannot mount caches
            return
        if not ctx.programs & APT_PROGRAMS:
            return
        for ins in ctx.dockerfile.instructions:
            if ins.keyword != "RUN" or ins.stage_index is None or not runs_as_root(ctx, ins):
                continue
            subs = {apt_subcommand(c) for c in ctx.commands(ins)}
            if "update" not in subs or not subs & APT_INSTALL:
                continue
            todo = missing(ctx, ins, TARGETS)
            if not todo or lists_needed_later(ctx, ins):
                continue
            if lists_read_before_update(ctx, ins):
                continue  # it installs from the layer's lists first: a mount would hide them
            if fixed_first_by(ctx, AptListsNotRemoved, ins):
                continue  # IMG101 removes the lists first; the next pass swaps that for a mount
            yield self._finding(ctx, ins, todo)

    def _finding(self, ctx: LintContext, ins: Instruction, todo: list[str]) -> Finding:
        cmds = ctx.commands(ins)
        ed = Editor(ctx.dockerfile)
        ok = True
        for i in reversed(range(len(cmds))):
            targets = rm_targets(cmds[i])
            cleans = apt_subcommand(cmds[i]) in ("clean", "autoclean")
            if cleans or (
                targets
                and all(
                    any(path_covers(t, f"{m}/x") or path_covers(f"{m}/*", t) for m in TARGETS)
                    for t in targets
                )
            ):
                ok = ok and remove_command(ctx, ed, ins, cmds, i)
        ok = ok and add_mounts(ctx, ed, ins, [mount_flag(t, sharing="locked") for t in todo])
        return self.finding(
            ctx,
            ins,
            "apt downloads its lists and packages again whenever this layer is rebuilt",
            fix=self.make_fix(ed, title=f"Mount build caches on {', '.join(todo)} (sharing=locked)")
            if ok
            else None,
        )
