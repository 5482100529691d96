"""IMG402: downloaded archives or unpacked build trees are left behind."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from imgopt.dockerfile import Editor, Instruction
from imgopt.rules.base import Finding, LintContext, Rule
from imgopt.rules.helpers import (
    ARCHIVE_RE,
    append_to_run,
    cargs,
    commands_with_cwd,
    copy_parts,
    downloads,
    extracted_archives,
    is_url,
    later_instructions,
    path_covers,
    prog,
    resolve,
    rm_targets,
    workdir_at,
)

_BUILD_PROGRAMS = frozenset({"make", "cmake", "./configure", "configure", "ninja", "meson"})


class DownloadLeftovers(Rule):
    """Downloaded archives or unpacked build trees are left behind.

    What it does:
        Flags, in a stage that ships, a `RUN` that downloads an archive or installer with
        `curl -o`/`-O` or `wget`, or unpacks one and builds inside the unpacked folder
        (`cd src && ./configure && make install`), without removing the archive or the build
        folder before the `RUN` ends. Also flags `ADD <url>` of an archive that a later `RUN`
        unpacks: the archive stays in the `ADD` layer.

    Why it matters:
        After `tar -x` or `dpkg -i` the archive is dead weight, and a build tree holds sources
        and object files several times the size of what `make install` installed. Removed in
        the same `RUN`, they never reach a layer; removed later, they ship anyway.

    Example:
        ```dockerfile
        RUN curl -fsSLo /tmp/node.tar.xz https://example.org/node.tar.xz \
            && tar -xJf /tmp/node.tar.xz -C /usr/local
        ```

    Fixed example:
        ```dockerfile
        RUN curl -fsSLo /tmp/node.tar.xz https://example.org/node.tar.xz \
            && tar -xJf /tmp/node.tar.xz -C /usr/local && rm -rf /tmp/node.tar.xz
        ```

    Fix safety:
        Safe when no later instruction mentions the file: the fix appends `rm -rf <paths>` to
        the same `RUN`. For `ADD <url>` there is no automatic fix: download and unpack in one
        `RUN` (`curl ... | tar -x`).

    Equivalents:
        hadolint DL3010 (ADD for local archives) is nearby; Parfum "downloaded archive not
        removed".
    """

    code = "IMG402"
    name = "download-leftovers"
    summary = "downloaded archives or unpacked build trees left in the layer"
    fix_title = "Remove the archive and build folder at the end of the same RUN"
    fixable = "safe"
    hadolint = ("DL3010",)

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for stage in ctx.dockerfile.stages:
            if not ctx.ships(stage):
                continue
            for ins in stage.body:
                if ins.keyword == "RUN":
                    yield from self._check_run(ctx, ins)
                elif ins.keyword == "ADD":
                    yield from self._check_add(ctx, ins)

    def _check_run(self, ctx: LintContext, ins: Instruction) -> Iterator[Finding]:
        fetched: dict[str, str] = {}  # absolute path -> how it is written for rm
        used: set[str] = set()
        trees: dict[str, str] = {}
        removed: list[str] = []
        unpacked = False
        last_cwd = workdir_at(ctx, ins)
        for cmd, cwd in commands_with_cwd(ctx, ins):
            last_cwd = cwd
            for p in downloads(cmd, cwd):
                if not ctx.has_cache_mount(ins, p):
                    fetched[p] = p
            for p in extracted_archives(cmd, cwd):
                used.add(p)
                unpacked = True
            if prog(cmd) == "cd" and unpacked and cwd:
                target = next((a for a in cargs(cmd) if not a.startswith("-")), "")
                if target and "$" not in target and target not in ("/", "~", "-"):
                    trees[resolve(cwd, target)] = "build"
            if prog(cmd) in _BUILD_PROGRAMS or prog(cmd) == "configure":
                for t in list(trees):
                    if trees[t] == "build" and cwd.startswith(t):
                        trees[t] = "built"
            for t in rm_targets(cmd):
                if cwd and "$" not in t:
                    removed.append(resolve(cwd, t))
                elif "$" in t:
                    removed.append(t)
        leftovers = [
            p
            for p in fetched
            if (p in used or ARCHIVE_RE.search(p))
            and not any(path_covers(r, p) for r in removed)
            and not ctx.has_cache_mount(ins, p)
        ]
        leftovers += [
            t
            for t, state in trees.items()
            if state == "built"
            and not any(path_covers(r, t) for r in removed)
            and not ctx.has_cache_mount(ins, t)
        ]
        if not leftovers:
            return
        mentioned = any(
            posixpath.basename(p) in other.raw
            for other in later_instructions(ctx, ins)
            for p in leftovers
        )
        fix = None
        if not mentioned and last_cwd:
            ed = Editor(ctx.dockerfile)
            if append_to_run(ctx, ed, ins, "rm -rf " + " ".join(leftovers)):
                fix = self.make_fix(ed)
        shown = ", ".join(leftovers)
        yield self.finding(ctx, ins, f"left in the layer after use: {shown}", fix=fix)

    def _check_add(self, ctx: LintContext, ins: Instruction) -> Iterator[Finding]:
        parts = copy_parts(ins)
        if parts is None:
            return
        sources, dest = parts
        urls = [s for s in sources if is_url(s) and ARCHIVE_RE.search(s.split("?", 1)[0])]
        if not urls:
            return
        dest_abs = resolve(workdir_at(ctx, ins), dest.strip("\"'"))
        names = [posixpath.basename(u.split("?", 1)[0]) for u in urls]
        for other in later_instructions(ctx, ins):
            if other.keyword != "RUN":
                continue
            for cmd, cwd in commands_with_cwd(ctx, other):
                for p in extracted_archives(cmd, cwd):
                    if posixpath.basename(p) in names or p == dest_abs:
                        yield self.finding(
                            ctx,
                            ins,
                            f"`ADD {urls[0]}` keeps the archive in its own layer; "
                            f"line {other.line} unpacks it",
                            fix_title="Download and unpack in one RUN (curl ... | tar -x)",
                        )
                        return
