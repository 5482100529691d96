"""IMG301: npm install where npm ci is meant."""

from __future__ import annotations

from collections.abc import Iterator

from imgopt.dockerfile import Editor
from imgopt.rules.base import Applicability, Finding, LintContext, Rule
from imgopt.rules.helpers import cmd_offset, is_npm_install, npm_subcommand, word_index

LOCKFILES = ("package-lock.json", "npm-shrinkwrap.json")


class NpmInstallNotCi(Rule):
    """`npm install` where `npm ci` is meant.

    What it does:
        Flags `npm install` / `npm i` of the project's dependencies (no package names) when the
        build context has a `package-lock.json` or `npm-shrinkwrap.json` (or the context is
        unknown).

    Why it matters:
        `npm ci` installs exactly what the lockfile says without resolving versions again,
        which is faster (typically 20-50% on a cold cache), gives the same tree on every build,
        and starts from an empty `node_modules`, so nothing copied in from the host ends up in
        the image. `npm install` may also rewrite the lockfile inside the image.

    Example:
        ```dockerfile
        COPY package*.json ./
        RUN npm install
        ```

    Fixed example:
        ```dockerfile
        COPY package*.json ./
        RUN npm ci
        ```

    Fix safety:
        Safe when the context has a lockfile (`npm ci` fails without one, and when it is out of
        date with `package.json`, which is a bug worth failing on). Unsafe when the context is
        not known. Not flagged when the context has no lockfile.

    Equivalents:
        hadolint DL3016 (pin npm versions) covers nearby ground; Parfum "npm install instead
        of npm ci".
    """

    code = "IMG301"
    name = "npm-install-not-ci"
    summary = "npm install instead of npm ci resolves versions again on every build"
    fix_title = "Use npm ci"
    fixable = "sometimes"
    hadolint = ("DL3016",)

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        if "npm" not in ctx.programs:
            return
        if ctx.context_dir is not None:
            if not any(ctx.context_has(f) for f in LOCKFILES):
                return
            applicability = Applicability.SAFE
        else:
            applicability = Applicability.UNSAFE
        for stage in ctx.dockerfile.stages:
            for ins in ctx.runs(stage):
                for cmd in ctx.commands(ins):
                    if not is_npm_install(cmd) or npm_subcommand(cmd) == "ci":
                        continue
                    if cmd.has_flag("-g", "--global"):
                        continue
                    sub = npm_subcommand(cmd) or "install"
                    idx = word_index(cmd, sub)
                    fix = None
                    if idx is not None:
                        w = cmd.words[idx]
                        start = cmd_offset(ctx, ins, cmd, w.start)
                        end = cmd_offset(ctx, ins, cmd, w.end)
                        if start is not None and end is not None:
                            ed = Editor(ctx.dockerfile).replace_range(start, end, "ci")
                            fix = self.make_fix(ed, applicability=applicability)
                    yield self.finding(
                        ctx,
                        ins,
                        f"`npm {sub}` resolves versions again; `npm ci` uses the lockfile",
                        fix=fix,
                    )
