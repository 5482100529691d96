"""IMG302: devDependencies installed in the image that ships."""

from __future__ import annotations

from collections.abc import Iterator

from imgopt.dockerfile import Editor, Instruction, SimpleCommand, Stage
from imgopt.knowledge import parse_tag
from imgopt.rules.base import Applicability, Finding, LintContext, Rule
from imgopt.rules.helpers import (
    cargs,
    insert_option,
    is_npm_install,
    is_yarn_install,
    later_instructions,
    npm_subcommand,
    prog,
    word_index,
)

_BUILDERS = frozenset({"npx", "tsc", "webpack", "vite", "next", "ng"})
_PROD_FLAGS = ("--omit=dev", "--only=prod", "--only=production", "--production", "--prod")


def omits_dev(cmd: SimpleCommand) -> bool:
    """Whether an install leaves devDependencies out."""
    args = cargs(cmd)
    if any(a.startswith(_PROD_FLAGS) and a not in ("--production=false",) for a in args):
        return True
    return any(a == "--omit" and args[i + 1 : i + 2] == ("dev",) for i, a in enumerate(args))


def _prunes(cmd: SimpleCommand) -> bool:
    return npm_subcommand(cmd) == "prune" and omits_dev(cmd)


def _old_npm(stage: Stage, ctx: LintContext) -> bool:
    """node <= 14 ships npm 6, which knows --production but not --omit=dev."""
    root = ctx.stage_chain(stage)[0]
    if root.image is None or root.image.family != "node":
        return False
    version = parse_tag(root.image.tag).version or ""
    major = version.split(".", 1)[0]
    return major.isdigit() and int(major) <= 14


class NpmDevDependencies(Rule):
    """devDependencies are installed in the image that ships.

    What it does:
        Flags `npm ci` / `npm install` / `yarn install` of the project in a stage that ships,
        when neither the command (`--omit=dev`, `--production`) nor `NODE_ENV=production`
        leaves devDependencies out, no `npm prune --omit=dev` follows in the same `RUN`, and
        `package.json` (when the context is known) has devDependencies.

    Why it matters:
        devDependencies are test runners, linters, compilers and type definitions: for a
        typical Express or React project they are 60-90% of `node_modules` (jest and eslint
        alone are about 60 MB) and are never used at run time.

    Example:
        ```dockerfile
        FROM node:18-slim
        COPY package*.json ./
        RUN npm ci
        CMD ["node", "server.js"]
        ```

    Fixed example:
        ```dockerfile
        FROM node:18-slim
        COPY package*.json ./
        RUN npm ci --omit=dev
        CMD ["node", "server.js"]
        ```

    Fix safety:
        Unsafe: an app that `require`s a package listed under devDependencies, or whose start
        script uses one (nodemon), breaks. No fix is offered when the image also builds (for
        example `npm run build` with TypeScript): then build in a separate stage
        (`imgopt propose` writes one) and install production dependencies in the runtime stage.
        `imgopt analyze` checks that split against the app: when the original opened files of
        a package that the prune drops, its multi-stage variants keep exactly those packages.

    Equivalents:
        No hadolint rule; Parfum "npm install with devDependencies"; dockershrink's
        "production dependencies only".
    """

    code = "IMG302"
    name = "npm-dev-dependencies"
    summary = "devDependencies installed in the image that ships"
    fix_title = "Install with --omit=dev (or build in a separate stage)"
    fixable = "unsafe"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        pkg = ctx.package_json
        if pkg is not None and not pkg.get("devDependencies"):
            return
        for stage in ctx.dockerfile.stages:
            if not ctx.ships(stage):
                continue
            for ins in ctx.runs(stage):
                env = ctx.env_at(ins)
                if env.get("NODE_ENV", "").strip("\"'") == "production":
                    continue
                cmds = ctx.commands(ins)
                if any(_prunes(c) for c in cmds):
                    continue
                for cmd in cmds:
                    npm = is_npm_install(cmd)
                    if not (npm or is_yarn_install(cmd)) or omits_dev(cmd):
                        continue
                    if cmd.has_flag("-g", "--global"):
                        continue
                    if any(a.startswith("NODE_ENV=production") for a in cmd.assignments):
                        continue
                    builds = self._builds_later(ctx, ins, cmds.index(cmd))
                    fix = None
                    if not builds and not self._start_uses_dev(ctx):
                        if npm:
                            sub = npm_subcommand(cmd) or "install"
                            flag = "--production" if _old_npm(stage, ctx) else "--omit=dev"
                        else:
                            sub, flag = "install", "--production"
                        ed = Editor(ctx.dockerfile)
                        idx = word_index(cmd, sub) if sub in cmd.argv else 0
                        if idx is not None and insert_option(ctx, ed, ins, cmd, idx, flag):
                            fix = self.make_fix(
                                ed,
                                applicability=Applicability.UNSAFE,
                                title=f"Install with {flag}",
                            )
                    msg = "devDependencies are installed in the image that ships"
                    if builds:
                        msg += " (the build needs them: build in a separate stage)"
                    yield self.finding(
                        ctx,
                        ins,
                        msg,
                        fix=fix,
                        fix_title="Build in a separate stage (`imgopt propose` writes one)"
                        if builds
                        else None,
                    )

    @staticmethod
    def _builds_later(ctx: LintContext, ins: Instruction, index: int) -> bool:
        """Whether the image runs a build (an npm/yarn script other than start) after it."""
        cmds = list(ctx.commands(ins))[index + 1 :]
        for other in later_instructions(ctx, ins):
            cmds.extend(ctx.commands(other))
        for c in cmds:
            args = cargs(c)
            runs_script = args[:1] in (("run",), ("run-script",)) and args[1:2] != ("start",)
            if prog(c) in ("npm", "yarn", "pnpm") and runs_script:
                return True
            if prog(c) in ("yarn", "pnpm") and args[:1] == ("build",):
                return True
            if prog(c) in _BUILDERS:
                return True
        return False

    @staticmethod
    def _start_uses_dev(ctx: LintContext) -> bool:
        pkg = ctx.package_json
        if pkg is None:
            return False
        dev = pkg.get("devDependencies") or {}
        start = str((pkg.get("scripts") or {}).get("start", ""))
        return any(word in dev for word in start.split())
