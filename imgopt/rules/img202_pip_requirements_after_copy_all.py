"""IMG202: the project's requirements are installed after copying the whole context."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from imgopt.dockerfile import Instruction, Stage
from imgopt.rules.base import Applicability, Finding, Fix, LintContext, Rule
from imgopt.rules.helpers import (
    copies_whole_context,
    copy_flags,
    copy_parts,
    move_before,
    only_inert_between,
    pip_call,
    pip_packages,
    pip_requirement_files,
    resolve,
    runs_pip,
    workdir_at,
)

_LOCAL_REFERENCE = (
    "-r",
    "-c",
    "-e",
    "--requirement",
    "--constraint",
    "--editable",
    ".",
    "/",
    "file:",
    "~",
)


def _req_is_self_contained(ctx: LintContext, rel: str) -> bool | None:
    """Whether the requirements file names only index packages (True), also local files
    (False), or cannot be read (None)."""
    if ctx.context_dir is None:
        return None
    try:
        text = (ctx.context_dir / rel).read_text("utf-8", errors="replace")
    except OSError:
        return None
    for line in text.splitlines():
        s = line.strip()
        if s.startswith(_LOCAL_REFERENCE) or " @ file:" in s or s.startswith("git+"):
            return False
    return True


class PipRequirementsAfterCopyAll(Rule):
    """`pip install -r requirements.txt` runs after `COPY . .`.

    What it does:
        Flags a `pip install -r FILE` that runs after the whole build context was copied
        (`COPY . .`, `COPY . /app`) when FILE was not copied and installed before it.

    Why it matters:
        Docker reuses a cached layer only while every earlier layer is unchanged. After
        `COPY . .`, any edit to any source file invalidates the cache, so every build
        downloads and installs all dependencies again: minutes per build, for a layer whose
        inputs (the requirements file) did not change. Copying the requirements file first
        and installing before `COPY . .` keeps that layer cached.

    Example:
        ```dockerfile
        WORKDIR /app
        COPY . .
        RUN pip install --no-cache-dir -r requirements.txt
        ```

    Fixed example:
        ```dockerfile
        WORKDIR /app
        COPY requirements.txt .
        RUN pip install --no-cache-dir -r requirements.txt
        COPY . .
        ```

    Fix safety:
        Safe when the requirements file can be read from the build context and names only
        packages from an index (no `-r`/`-c`/`-e` includes, local paths or VCS URLs that need
        other files), and nothing between `COPY . .` and the `RUN` affects the install (only
        `EXPOSE`, `LABEL` and the like). Unsafe when the file cannot be read. Not offered when
        the install also installs the project itself (`pip install .`).

    Equivalents:
        No hadolint rule; Parfum "COPY . before dependency install" (cache busting).
    """

    code = "IMG202"
    name = "pip-requirements-after-copy-all"
    summary = "pip install -r after COPY . re-installs every dependency on each code change"
    fix_title = "Copy the requirements file and install it before COPY ."
    fixable = "sometimes"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        if not runs_pip(ctx):
            return
        for stage in ctx.dockerfile.stages:
            yield from self._check_stage(ctx, stage)

    def _check_stage(self, ctx: LintContext, stage: Stage) -> Iterator[Finding]:
        copy_all: Instruction | None = None
        copied: set[str] = set()  # context paths copied before the COPY-all
        installed_before = False
        for ins in stage.body:
            if ins.keyword in ("COPY", "ADD") and ins.flag("from") is None:
                if copies_whole_context(ins):
                    copy_all = copy_all or ins
                elif copy_all is None:
                    parts = copy_parts(ins)
                    if parts:
                        copied.update(posixpath.normpath(s.strip("\"'")) for s in parts[0])
                continue
            if ins.keyword != "RUN":
                continue
            for cmd in ctx.commands(ins):
                call = pip_call(cmd)
                if call is None or call.sub != "install":
                    continue
                files = pip_requirement_files(call)
                if not files:
                    continue
                if copy_all is None:
                    installed_before = True
                    continue
                if installed_before:
                    return
                yield self.finding(
                    ctx,
                    ins,
                    f"`pip install -r {files[0]}` runs after `COPY` of the whole context "
                    f"(line {copy_all.line}): any code change re-installs every dependency",
                    fix=self._fix(ctx, stage, copy_all, ins, files, pip_packages(call), copied),
                )
                return

    def _fix(
        self,
        ctx: LintContext,
        stage: Stage,
        copy_all: Instruction,
        run: Instruction,
        files: list[str],
        packages: list[str],
        copied: set[str],
    ) -> Fix | None:
        parts = copy_parts(copy_all)
        if parts is None or len(parts[0]) != 1 or parts[0][0].strip("\"'") not in (".", "./"):
            return None
        if any(p.startswith((".", "/")) or "/" in p or p.startswith("git+") for p in packages):
            return None  # installs local paths: those need the whole context
        if not only_inert_between(stage, copy_all, run):
            return None
        wd = workdir_at(ctx, run)
        dest_abs = resolve(workdir_at(ctx, copy_all), parts[1].strip("\"'"))
        sources = []
        safe = True
        for f in files:
            if "$" in f:
                return None
            req_abs = resolve(wd, f)
            rel = posixpath.relpath(req_abs, dest_abs)
            if rel.startswith(".."):
                return None
            contained = _req_is_self_contained(ctx, rel)
            if contained is False:
                return None
            safe = safe and contained is True
            sources.append((rel, posixpath.dirname(req_abs)))
        dirs = {d for _, d in sources}
        if len(dirs) != 1:
            return None
        target = dirs.pop()
        dest = "." if target == wd else target.rstrip("/") + "/"
        missing = [r for r, _ in sources if posixpath.normpath(r) not in copied]
        new_copy = copy_flags(copy_all) + " ".join(missing) + f" {dest}\n" if missing else ""
        ed = move_before(ctx, run, copy_all, new_copy)
        return self.make_fix(ed, applicability=Applicability.SAFE if safe else Applicability.UNSAFE)
