"""IMG403: consecutive RUNs that should be one layer."""

from __future__ import annotations

import re
from collections.abc import Iterator

from imgopt.dockerfile import Editor, Instruction, SimpleCommand
from imgopt.rules.base import Finding, LintContext, Rule
from imgopt.rules.helpers import (
    APT_REMOVE,
    apt_subcommand,
    cargs,
    changes_shell_state,
    option_positionals,
    pip_call,
    prog,
)
from imgopt.rules.img103_apt_update_alone import update_only

_INSTALLERS = {
    "apt-get": "install",
    "apt": "install",
    "apk": "add",
    "dnf": "install",
    "yum": "install",
    "microdnf": "install",
    "zypper": "install",
}


def is_cleanup(cmd: SimpleCommand) -> bool:
    """A command that only deletes: ``rm``, ``apt-get clean/purge``, ``npm cache clean``..."""
    program = prog(cmd)
    args = cargs(cmd)
    if program in ("rm", "rmdir", "true", "set", ":"):
        return True
    if program == "find" and ("-delete" in args or "rm" in args):
        return True
    sub = apt_subcommand(cmd)
    if sub is not None:
        return sub in APT_REMOVE or sub in ("clean", "autoclean")
    if program in ("dnf", "yum", "microdnf", "zypper", "tdnf"):
        return args[:1] in (("clean",), ("remove",), ("autoremove",), ("erase",))
    if program == "apk":
        return args[:1] == ("del",) or args[:2] == ("cache", "clean")
    if program in ("npm", "yarn"):
        return args[:2] in (("cache", "clean"), ("cache", "rm")) or args[:1] == ("prune",)
    call = pip_call(cmd)
    return call is not None and call.sub == "cache"


def installer(cmd: SimpleCommand) -> str | None:
    """The OS package manager a command installs with, if it does."""
    sub = _INSTALLERS.get(prog(cmd))
    if sub is None:
        return None
    pos = option_positionals(cargs(cmd), frozenset({"-o", "-t", "--setopt", "-X"}))
    return prog(cmd) if pos[:1] == [sub] else None


_ASSIGNMENT = re.compile(r"(?:^|&&|\|\||;|\n|\()\s*([A-Za-z_]\w*)=")


def _environment_name(name: str) -> bool:
    """A variable programs may read from the environment (PATH, LANG, http_proxy)."""
    return name.isupper() or name.lower().endswith("_proxy")


def _mergeable(ctx: LintContext, a: Instruction, b: Instruction) -> bool:
    """Whether ``b`` can be appended to ``a`` with ``&&`` without changing what runs."""
    if a.is_exec_form or b.is_exec_form or a.heredocs or b.heredocs:
        return False
    if [f.raw for f in a.flags] != [f.raw for f in b.flags] or b.comments:
        return False
    if "#" in a.body or "#" in b.body:
        return False
    ca, cb = ctx.commands(a), ctx.commands(b)
    if not ca or not cb:
        return False
    # `a && b1; b2` would run b2 after a failed a: only && and pipes inside b keep the meaning.
    if any(c.operator not in (None, "&&", "|") for c in cb):
        return False
    # `cd dir` (or `export X=1`, `set -u`...) in a would carry over into b: b would run in
    # another directory or environment than its own RUN gave it.
    later = b.body[cb[0].start : cb[-1].end]
    if any(changes_shell_state(c, later) for c in ca):
        return False
    # Bare assignments (`buildDeps='gcc make' && ...`) are not commands to the splitter: find
    # them in the text (names assigned only in front of a command do not persist).
    prefixed = {x.split("=", 1)[0] for c in ca for x in c.assignments}
    bare = {n for n in _ASSIGNMENT.findall(a.body) if n not in prefixed}
    if bare and ("$" in later or "`" in later or any(_environment_name(n) for n in bare)):
        return False
    tail = a.body[ca[-1].end :].strip()
    return tail == ""


class ConsecutiveRuns(Rule):
    """Consecutive `RUN`s that should be one layer.

    What it does:
        Flags a `RUN` that directly follows another `RUN` of a stage that ships when merging
        the two saves bytes or time: the second only cleans up (`rm`, `apt-get purge`,
        `npm cache clean`...) after the first, or both install with the same OS package
        manager. A split `apt-get update` is IMG103's.

    Why it matters:
        A cleanup in its own layer frees nothing: the files stay in the layer before it. Two
        installs with the same package manager read the package index twice and commit two
        layers of metadata. Other consecutive `RUN`s are left alone: separate layers can be
        better cached, which hadolint's DL3059 ignores.

    Example:
        ```dockerfile
        RUN apt-get update && apt-get install -y --no-install-recommends build-essential
        RUN rm -rf /var/lib/apt/lists/*
        ```

    Fixed example:
        ```dockerfile
        RUN apt-get update && apt-get install -y --no-install-recommends build-essential && \
            rm -rf /var/lib/apt/lists/*
        ```

    Fix safety:
        Safe: the fix joins the second `RUN` to the first with `&&`. Soundness conditions,
        all checked in code; no fix is offered when one fails:

        1. Both are shell form with the same flags (mounts, network), no heredocs and no
           comments, and nothing follows the first one's last command (no trailing `&`).
        2. The second has no `;`/`||`/newline that would run after a failure of the first.
        3. The first changes no state its commands leave to the next one in the same shell:
           no `cd`/`pushd`/`popd` (the second would run in another directory), `source`/`.`,
           `umask`, `ulimit`, `exec`, `eval`, `trap`...; no variable (`export`, `unset`, bare
           `NAME=value`) or `set -u` when the second expands a variable; no
           `set -o pipefail` when the second has a pipe (`set -e`/`-x`/`-v` change nothing
           for an `&&` list). Each `RUN` starts a new shell in the `WORKDIR` with the image's
           environment; after a merge the second would inherit them.

    Equivalents:
        hadolint DL3059 (narrowed to merges that pay off); Parfum "consecutive RUN
        instructions".
    """

    code = "IMG403"
    name = "consecutive-runs"
    summary = "consecutive RUNs where a merge saves bytes (cleanup) or time (same installer)"
    fix_title = "Merge the RUN into the one before it"
    fixable = "safe"
    hadolint = ("DL3059",)

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        instructions = ctx.dockerfile.instructions
        for stage in ctx.dockerfile.stages:
            if not ctx.ships(stage):
                continue
            for b in ctx.runs(stage):
                if b.index == 0:
                    continue
                a = instructions[b.index - 1]
                if a.keyword != "RUN" or a.stage_index != b.stage_index:
                    continue
                if update_only(ctx, a):
                    continue  # IMG103
                ca, cb = ctx.commands(a), ctx.commands(b)
                if not ca or not cb:
                    continue
                cleanup = all(is_cleanup(c) for c in cb) and not all(is_cleanup(c) for c in ca)
                managers_a = {m for c in ca if (m := installer(c))}
                managers_b = {m for c in cb if (m := installer(c))}
                same_installer = bool(managers_a & managers_b)
                if not (cleanup or same_installer):
                    continue
                fix = None
                if _mergeable(ctx, a, b):
                    start = a.source_offset(ca[-1].end)
                    end = b.source_offset(cb[0].start)
                    ed = Editor(ctx.dockerfile).replace_range(start, end, " && \\\n    ")
                    fix = self.make_fix(ed)
                why = (
                    "only cleans up after the previous RUN, in a layer of its own"
                    if cleanup
                    else f"installs with {sorted(managers_a & managers_b)[0]} like the RUN before"
                )
                yield self.finding(ctx, b, f"this RUN {why} (line {a.line})", fix=fix)
