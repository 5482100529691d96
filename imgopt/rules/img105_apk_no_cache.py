"""IMG105: apk add without --no-cache."""

from __future__ import annotations

from collections.abc import Iterator

from imgopt.dockerfile import Editor, SimpleCommand
from imgopt.rules.base import Finding, LintContext, Rule
from imgopt.rules.helpers import (
    cargs,
    insert_option,
    path_covers,
    prog,
    remove_command,
    rm_targets,
    word_index,
)

APK_CACHE = "/var/cache/apk"
_APK_VALUE_OPTS = frozenset({"-X", "--repository", "-p", "--root", "-t", "--virtual"})


def apk_sub(cmd: SimpleCommand) -> str | None:
    """The apk applet (``add``, ``update``...), None if not apk."""
    if prog(cmd) != "apk":
        return None
    skip = False
    for a in cargs(cmd):
        if skip:
            skip = False
            continue
        if a.startswith("-"):
            skip = a in _APK_VALUE_OPTS
            continue
        return a
    return None


class ApkNoCache(Rule):
    """`apk add` without `--no-cache`.

    What it does:
        Flags `apk add` (and a separate `apk update`) in a stage that ships when the `RUN`
        neither passes `--no-cache`, removes `/var/cache/apk/*`, nor mounts a cache on
        `/var/cache/apk`.

    Why it matters:
        `apk update` and `apk add` without `--no-cache` keep the repository indexes (about
        2-3 MB per repository) in `/var/cache/apk`, in the image forever. `--no-cache` fetches
        the index into memory and keeps nothing.

    Example:
        ```dockerfile
        RUN apk update && apk add curl
        ```

    Fixed example:
        ```dockerfile
        RUN apk add --no-cache curl
        ```

    Fix safety:
        Safe: `--no-cache` fetches a fresh index for the install, so a preceding
        `apk update &&` is redundant and is removed with it.

    Equivalents:
        hadolint DL3019; Parfum "apk add without --no-cache".
    """

    code = "IMG105"
    name = "apk-no-cache"
    summary = "apk add without --no-cache keeps the package index in the image"
    fix_title = "Use apk add --no-cache"
    fixable = "safe"
    hadolint = ("DL3019",)

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        if "apk" not in ctx.programs:
            return
        for stage in ctx.dockerfile.stages:
            if not ctx.ships(stage):
                continue
            for ins in ctx.runs(stage):
                cmds = ctx.commands(ins)
                if ctx.has_cache_mount(ins, APK_CACHE):
                    continue
                if any(path_covers(t, APK_CACHE + "/x") for c in cmds for t in rm_targets(c)):
                    continue
                adds = [c for c in cmds if apk_sub(c) == "add" and not c.has_flag("--no-cache")]
                updates = [c for c in cmds if apk_sub(c) == "update"]
                if not adds and not updates:
                    continue
                ed = Editor(ctx.dockerfile)
                ok = True
                for c in adds:
                    idx = word_index(c, "add")
                    ok = ok and idx is not None
                    ok = ok and insert_option(ctx, ed, ins, c, idx or 0, "--no-cache")
                # --no-cache reads a fresh index, so a separate `apk update &&` only leaves one.
                has_add = any(apk_sub(c) == "add" for c in cmds)
                for i, c in enumerate(cmds):
                    if apk_sub(c) == "update":
                        ok = ok and has_add and remove_command(ctx, ed, ins, cmds, i)
                what = "`apk add` without `--no-cache`" if adds else "`apk update`"
                yield self.finding(
                    ctx,
                    ins,
                    f"{what} keeps the package index in /var/cache/apk",
                    fix=self.make_fix(ed) if ok and ed.edits else None,
                )
