"""IMG303: npm / yarn caches are left in the image."""

from __future__ import annotations

from collections.abc import Iterator

from imgopt.dockerfile import Editor, Instruction, SimpleCommand
from imgopt.rules.base import Finding, LintContext, Rule
from imgopt.rules.helpers import (
    NPM_INSTALL,
    append_to_run,
    cargs,
    is_pnpm_install,
    is_yarn_install,
    npm_subcommand,
    path_covers,
    prog,
    rm_targets,
)

# manager -> (cache directory suffixes a cache mount may target, cleanup command)
_CACHES = {
    "npm": ((".npm", ".npm/_cacache"), "npm cache clean --force"),
    "yarn": (
        (".cache/yarn", ".yarn/berry/cache", ".yarn/cache", "share/.cache/yarn"),
        "yarn cache clean",
    ),
    "pnpm": (("pnpm/store", ".pnpm-store", ".local/share/pnpm"), "pnpm store prune"),
}
_ENV = {"npm": "npm_config_cache", "yarn": "YARN_CACHE_FOLDER", "pnpm": "npm_config_store_dir"}


def manager_installing(cmd: SimpleCommand) -> str | None:
    """Which package manager fills its cache with this command (npm/yarn/pnpm), if any."""
    if prog(cmd) == "npm" and npm_subcommand(cmd) in NPM_INSTALL:
        return "npm"
    if prog(cmd) == "yarn" and (is_yarn_install(cmd) or cargs(cmd)[:1] in (("add",), ("global",))):
        return "yarn"
    if prog(cmd) == "pnpm" and (is_pnpm_install(cmd) or cargs(cmd)[:1] in (("add",),)):
        return "pnpm"
    return None


def _cleans(cmd: SimpleCommand, manager: str) -> bool:
    if prog(cmd) != manager:
        return False
    a = cargs(cmd)
    if manager == "npm":
        return a[:2] == ("cache", "clean") or a[:2] == ("cache", "rm")
    if manager == "yarn":
        return a[:2] == ("cache", "clean")
    return a[:2] == ("store", "prune")


def _handled(ctx: LintContext, ins: Instruction, manager: str) -> bool:
    suffixes, _ = _CACHES[manager]
    for m in ins.mounts:
        t = (m.target or "").rstrip("/")
        if m.type in ("cache", "tmpfs") and any(t.endswith(s) for s in suffixes):
            return True
    for c in ctx.commands(ins):
        if _cleans(c, manager):
            return True
        for t in rm_targets(c):
            if any(path_covers(t, f"/root/{s}/x") for s in suffixes):
                return True
    return False


class NpmCacheNotCleaned(Rule):
    """The npm, yarn or pnpm cache is left in the image.

    What it does:
        Flags a `RUN` in a stage that ships which installs packages with npm, yarn or pnpm
        and neither cleans the cache in the same `RUN` (`npm cache clean --force`,
        `yarn cache clean`, `pnpm store prune`), removes it, nor mounts a cache on it.

    Why it matters:
        npm keeps a compressed copy of every package it downloads in `~/.npm/_cacache`, yarn
        in `/usr/local/share/.cache/yarn`: typically 30-70% of the size of `node_modules`
        again, never read at run time.

    Example:
        ```dockerfile
        RUN npm ci --omit=dev
        ```

    Fixed example:
        ```dockerfile
        RUN npm ci --omit=dev && npm cache clean --force
        ```

    Fix safety:
        Safe: the fix appends the manager's cache cleanup to the same `RUN`.

    Equivalents:
        No hadolint rule; Parfum "npm cache not cleaned"; dockershrink "clean npm cache".
    """

    code = "IMG303"
    name = "npm-cache-not-cleaned"
    summary = "npm/yarn/pnpm install leaves the package cache in the image"
    fix_title = "Clean the package cache at the end of the same RUN"
    fixable = "safe"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        if not ctx.programs & {"npm", "yarn", "pnpm"}:
            return
        for stage in ctx.dockerfile.stages:
            if not ctx.ships(stage):
                continue
            for ins in ctx.runs(stage):
                managers = []
                for c in ctx.commands(ins):
                    m = manager_installing(c)
                    if m and m not in managers:
                        managers.append(m)
                env = ctx.env_at(ins)
                for m in managers:
                    if _handled(ctx, ins, m) or _ENV[m] in env:
                        continue
                    clean = _CACHES[m][1]
                    ed = Editor(ctx.dockerfile)
                    ok = append_to_run(ctx, ed, ins, clean)
                    yield self.finding(
                        ctx,
                        ins,
                        f"`{m}` leaves its package cache in this layer",
                        fix=self.make_fix(ed, title=f"Append `{clean}` to the RUN") if ok else None,
                    )
