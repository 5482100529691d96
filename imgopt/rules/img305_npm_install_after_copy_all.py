"""IMG305: the project's npm/yarn dependencies are installed after copying the whole context."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from imgopt.dockerfile import Instruction, Stage
from imgopt.rules.base import Applicability, Finding, Fix, LintContext, Rule
from imgopt.rules.helpers import (
    copies_whole_context,
    copy_flags,
    copy_parts,
    is_npm_install,
    is_pnpm_install,
    is_yarn_install,
    move_before,
    only_inert_between,
    prog,
    resolve,
    workdir_at,
)

MANIFESTS = (
    "package.json",
    "package-lock.json",
    "npm-shrinkwrap.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    ".npmrc",
    ".yarnrc",
    ".yarnrc.yml",
)
# Lifecycle scripts that run during install and may read any project file.
_INSTALL_SCRIPTS = ("preinstall", "install", "postinstall", "prepare")


class NpmInstallAfterCopyAll(Rule):
    """`npm ci` / `npm install` / `yarn` runs after `COPY . .`.

    What it does:
        Flags the install of the project's Node dependencies when it runs after the whole
        build context was copied and `package.json` was not copied and installed before.

    Why it matters:
        After `COPY . .` any edit to any source file invalidates Docker's cache for every
        later layer, so each build downloads and installs every dependency again: often
        minutes, for a layer whose inputs (`package.json` and the lockfile) did not change.

    Example:
        ```dockerfile
        WORKDIR /app
        COPY . .
        RUN npm ci --omit=dev
        ```

    Fixed example:
        ```dockerfile
        WORKDIR /app
        COPY package.json package-lock.json ./
        RUN npm ci --omit=dev
        COPY . .
        ```

    Fix safety:
        Safe when the build context is known and `package.json` has no install lifecycle
        scripts (`preinstall`, `install`, `postinstall`, `prepare`), workspaces or `file:`
        dependencies that need other files; the fix copies the manifests and lockfiles that
        exist, installs, then copies the rest. Unsafe without the context
        (`COPY package*.json ./` is then assumed enough). Not offered when instructions
        other than `EXPOSE`/`LABEL`-like ones sit between the copy and the install, or the
        install does not run in the copied folder.

    Equivalents:
        No hadolint rule; Parfum "COPY . before dependency install"; dockershrink
        "copy package.json first".
    """

    code = "IMG305"
    name = "npm-install-after-copy-all"
    summary = "npm/yarn install after COPY . re-installs every dependency on each code change"
    fix_title = "Copy package.json and the lockfile and install before COPY ."
    fixable = "sometimes"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        if not ctx.programs & {"npm", "yarn", "pnpm"}:
            return
        for stage in ctx.dockerfile.stages:
            yield from self._check_stage(ctx, stage)

    def _check_stage(self, ctx: LintContext, stage: Stage) -> Iterator[Finding]:
        copy_all: Instruction | None = None
        manifests_copied = False
        for ins in stage.body:
            if ins.keyword in ("COPY", "ADD") and ins.flag("from") is None:
                if copies_whole_context(ins):
                    copy_all = copy_all or ins
                elif copy_all is None:
                    parts = copy_parts(ins)
                    if parts and any("package" in s for s in parts[0]):
                        manifests_copied = True
                continue
            if ins.keyword != "RUN":
                continue
            cmds = ctx.commands(ins)
            install = next(
                (c for c in cmds if is_npm_install(c) or is_yarn_install(c) or is_pnpm_install(c)),
                None,
            )
            if install is None:
                continue
            if copy_all is None:
                if manifests_copied:
                    return  # the project's manifests were installed before the full copy
                continue
            if any(prog(c) == "cd" for c in cmds[: cmds.index(install)]):
                fix = None
            else:
                fix = self._fix(ctx, stage, copy_all, ins)
            yield self.finding(
                ctx,
                ins,
                f"`{prog(install)} install` runs after `COPY` of the whole context "
                f"(line {copy_all.line}): any code change re-installs every dependency",
                fix=fix,
            )
            return

    def _fix(
        self, ctx: LintContext, stage: Stage, copy_all: Instruction, run: Instruction
    ) -> Fix | None:
        parts = copy_parts(copy_all)
        if parts is None or len(parts[0]) != 1 or parts[0][0].strip("\"'") not in (".", "./"):
            return None
        if not only_inert_between(stage, copy_all, run):
            return None
        wd = workdir_at(ctx, run)
        dest = parts[1].strip("\"'")
        if resolve(workdir_at(ctx, copy_all), dest) != wd:
            return None
        target = "./" if dest in (".", "./") else posixpath.join(dest, "")
        pkg = ctx.package_json
        if ctx.context_dir is None:
            sources = ["package*.json"]
            applicability = Applicability.UNSAFE
        else:
            if pkg is None:
                return None
            scripts = pkg.get("scripts") or {}
            deps = {**(pkg.get("dependencies") or {}), **(pkg.get("devDependencies") or {})}
            if any(s in scripts for s in _INSTALL_SCRIPTS) or pkg.get("workspaces"):
                return None
            if any(isinstance(v, str) and v.startswith(("file:", "link:")) for v in deps.values()):
                return None
            sources = [m for m in MANIFESTS if ctx.context_has(m)]
            applicability = Applicability.SAFE
        line = copy_flags(copy_all) + " ".join(sources) + f" {target}\n"
        ed = move_before(ctx, run, copy_all, line)
        return self.make_fix(ed, applicability=applicability)
