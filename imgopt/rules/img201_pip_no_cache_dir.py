"""IMG201: pip install keeps its download cache in the image."""

from __future__ import annotations

from collections.abc import Iterator

from imgopt.dockerfile import Editor, Instruction
from imgopt.rules.base import Finding, LintContext, Rule, env_truthy
from imgopt.rules.helpers import (
    insert_option,
    path_covers,
    pip_call,
    pip_has,
    rm_targets,
    runs_pip,
)


def cache_handled(ctx: LintContext, ins: Instruction) -> bool:
    """A cache mount, a purge or an rm of the cache in the same RUN keeps it out of the layer."""
    for m in ins.mounts:
        t = (m.target or "").rstrip("/")
        if m.type in ("cache", "tmpfs") and (t.endswith("/.cache") or t.endswith("/.cache/pip")):
            return True
    for c in ctx.commands(ins):
        call = pip_call(c)
        if call is not None and call.sub == "cache" and call.args[:1] == ("purge",):
            return True
        if any(path_covers(t, "/root/.cache/pip/x") for t in rm_targets(c)):
            return True
    return False


#: The shortest abbreviation of ``--no-cache-dir`` accepted as written: pip's option parser takes
#: any unambiguous prefix, and ``--no-cache`` is the one people write (``--no-c`` would be
#: ambiguous with ``--no-color``/``--no-compile``/``--no-clean``).
_SHORTEST = len("--no-cache")


class PipNoCacheDir(Rule):
    """`pip install` without `--no-cache-dir`.

    What it does:
        Flags `pip install` (also `pip2`, `pip2.7`, `pip3`, `pip3.11`, `python -m pip`) in a
        stage that ships unless the command has `--no-cache-dir` (before or after `install`,
        or abbreviated as pip allows: `--no-cache`), `PIP_NO_CACHE_DIR` is set (ENV, ARG or on
        the command), the `RUN` mounts a cache on `~/.cache/pip`, or it purges the cache in
        the same `RUN`.

    Why it matters:
        pip keeps every wheel it downloads or builds in `~/.cache/pip`. In an image that cache
        is never read again but ships: often as large as the installed packages themselves
        (about 60 MB for pandas, over 700 MB for torch).

    Example:
        ```dockerfile
        RUN pip install -r requirements.txt
        ```

    Fixed example:
        ```dockerfile
        RUN pip install --no-cache-dir -r requirements.txt
        ```

    Fix safety:
        Safe: the cache only speeds up later installs in the same container. Soundness
        conditions, checked in code: the flag is inserted right after the `install` word of a
        shell-form command whose source position is known, and only when the command has no
        spelling of the flag anywhere (so it is never doubled); pip accepts it on every
        version since 6.0.

    Equivalents:
        hadolint DL3042; Parfum "pip install without --no-cache-dir".
    """

    code = "IMG201"
    name = "pip-no-cache-dir"
    summary = "pip install without --no-cache-dir keeps pip's cache in the image"
    fix_title = "Add --no-cache-dir"
    fixable = "safe"
    hadolint = ("DL3042",)

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        if not runs_pip(ctx):
            return
        for stage in ctx.dockerfile.stages:
            if not ctx.ships(stage):
                continue
            for ins in ctx.runs(stage):
                cmds = ctx.commands(ins)
                calls = [(c, pip_call(c)) for c in cmds]
                if not any(call and call.sub == "install" for _, call in calls):
                    continue
                if cache_handled(ctx, ins) or env_truthy(ctx.env_at(ins).get("PIP_NO_CACHE_DIR")):
                    continue
                for cmd, call in calls:
                    if call is None or call.sub != "install":
                        continue
                    if pip_has(call, "--no-cache-dir", min_prefix=_SHORTEST) or any(
                        a.startswith("PIP_NO_CACHE_DIR=") for a in cmd.assignments
                    ):
                        continue
                    ed = Editor(ctx.dockerfile)
                    ok = insert_option(ctx, ed, ins, cmd, call.sub_index, "--no-cache-dir")
                    yield self.finding(
                        ctx,
                        ins,
                        "`pip install` keeps downloaded and built wheels in ~/.cache/pip",
                        fix=self.make_fix(ed) if ok else None,
                    )
