"""IMG802: npm and yarn download every package again on each rebuild."""

from __future__ import annotations

from collections.abc import Iterator

from imgopt.dockerfile import Editor, Instruction, SimpleCommand
from imgopt.rules.base import Finding, LintContext, Rule
from imgopt.rules.cachemounts import (
    add_mounts,
    cache_dir,
    cache_mounts_off,
    fixed_first_by,
    missing,
    mount_flag,
    runs_as_root,
)
from imgopt.rules.helpers import cargs, path_covers, prog, remove_command, rm_targets
from imgopt.rules.img303_npm_cache_not_cleaned import NpmCacheNotCleaned, manager_installing

#: manager -> (environment variables naming its cache, the default cache of root)
_CACHES = {
    "npm": (("npm_config_cache", "NPM_CONFIG_CACHE"), "~/.npm"),
    "yarn": (("YARN_CACHE_FOLDER",), "/usr/local/share/.cache/yarn"),
}


class NpmCacheMount(Rule):
    """`npm install` / `npm ci` / `yarn install` without a cache mount on the package cache.

    What it does:
        Flags a `RUN` that installs packages with npm or yarn (v1) as root, in any stage, without
        `--mount=type=cache` on the manager's cache (`~/.npm`, yarn's
        `/usr/local/share/.cache/yarn`, or `npm_config_cache` / `YARN_CACHE_FOLDER` when the
        Dockerfile sets them). In a stage that ships, IMG303's fix (clean the cache in the same
        `RUN`) comes first; this rule then replaces that cleanup with the mount.

    Why it matters:
        Every time the install layer is invalidated (a changed `package.json`, or a `COPY . .`
        before the install and any code edit), npm downloads every package again: tens to
        hundreds of MB for a typical app. With the cache mounted, a rebuild takes them from
        the build machine's cache; `npm ci` still installs exactly the lockfile's versions.

    Example:
        ```dockerfile
        RUN npm ci && npm cache clean --force
        ```

    Fixed example:
        ```dockerfile
        RUN --mount=type=cache,target=/root/.npm \\
            npm ci
        ```

    Fix safety:
        Safe: the cache lives in the mount, so it is out of the layer as the cleanup made it;
        `node_modules` gets the same packages, which npm verifies against the lockfile's
        integrity hashes whether they come from the cache or the registry. The fix drops the
        manager's cache cleanup (`npm cache clean --force`, `yarn cache clean`) of this `RUN`
        only, since it would empty the mount. Soundness conditions, checked in code: the `RUN`
        runs as root, the cache directory is a plain path, no `rm` of the `RUN` removes the
        cache, and a cleanup to drop is joined with `&&`. Needs BuildKit; no `# syntax`
        line is added.

    Equivalents:
        No hadolint rule; Docker's "Optimize cache usage in builds" guide (npm cache mount).
    """

    code = "IMG802"
    name = "npm-cache-mount"
    summary = "npm/yarn install without a cache mount downloads every package on each rebuild"
    fix_title = "Mount a build cache on the package manager's cache"
    fixable = "safe"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        if cache_mounts_off() is not None:  # the builder cannot mount caches
            return
        if not ctx.programs & {"npm", "yarn"}:
            return
        for ins in ctx.dockerfile.instructions:
            if ins.keyword != "RUN" or ins.stage_index is None or not runs_as_root(ctx, ins):
                continue
            cmds = ctx.commands(ins)
            managers = [
                m for m in dict.fromkeys(manager_installing(c) for c in cmds) if m in _CACHES
            ]
            targets: dict[str, str] = {}
            for m in managers:
                env, default = _CACHES[m]
                target = cache_dir(ctx, ins, env, default)
                if target is not None:
                    targets[m] = target
            todo = missing(ctx, ins, targets.values())
            if not todo or fixed_first_by(ctx, NpmCacheNotCleaned, ins):
                continue
            yield self._finding(ctx, ins, targets, todo)

    def _finding(
        self, ctx: LintContext, ins: Instruction, targets: dict[str, str], todo: list[str]
    ) -> Finding:
        cmds = ctx.commands(ins)
        ed = Editor(ctx.dockerfile)
        ok = not any(path_covers(t, d + "/x") for c in cmds for t in rm_targets(c) for d in todo)
        cleanups = [i for i, c in enumerate(cmds) if _cleans(c, targets)]
        for i in reversed(cleanups):
            ok = ok and remove_command(ctx, ed, ins, cmds, i)
        ok = ok and add_mounts(ctx, ed, ins, [mount_flag(t) for t in todo])
        names = " and ".join(m for m, t in targets.items() if t in todo)
        title = f"Mount a build cache on {', '.join(todo)}" + (
            " instead of cleaning it" if cleanups else ""
        )
        return self.finding(
            ctx,
            ins,
            f"{names} starts from an empty package cache on every rebuild",
            fix=self.make_fix(ed, title=title) if ok else None,
        )


def _cleans(cmd: SimpleCommand, targets: dict[str, str]) -> bool:
    """``npm cache clean`` / ``yarn cache clean`` of a manager that gets a mount."""
    p = prog(cmd)
    return p in targets and cargs(cmd)[:2] in (("cache", "clean"), ("cache", "rm"))
