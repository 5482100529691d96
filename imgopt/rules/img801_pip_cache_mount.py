"""IMG801: pip downloads and builds every package again on each rebuild."""

from __future__ import annotations

from collections.abc import Iterator

from imgopt.dockerfile import Editor
from imgopt.rules.base import Finding, LintContext, Rule, env_truthy
from imgopt.rules.cachemounts import (
    add_mounts,
    cache_dir,
    cache_mounts_off,
    fixed_first_by,
    missing,
    mount_flag,
    remove_word,
    runs_as_root,
)
from imgopt.rules.helpers import pip_call, pip_has, runs_pip
from imgopt.rules.img201_pip_no_cache_dir import PipNoCacheDir

_SHORTEST = len("--no-cache")


class PipCacheMount(Rule):
    """`pip install` without a cache mount on pip's cache.

    What it does:
        Flags a `RUN` that runs `pip install` (in any stage, build stages included) as root
        without `--mount=type=cache` on pip's cache directory (`~/.cache/pip`, or
        `PIP_CACHE_DIR` when the Dockerfile sets it). In a stage that ships, a `pip install`
        without `--no-cache-dir` is IMG201's first: once its fix added the flag, this rule
        replaces the flag with the mount. Not flagged: `ENV PIP_NO_CACHE_DIR` (the cache is off
        for the whole image), `--cache-dir` on the command, a `USER` other than root.

    Why it matters:
        When a code edit or a changed requirements file invalidates the install layer, pip
        downloads every package again and rebuilds every source distribution (psycopg2,
        numpy without a wheel...). A cache mount keeps pip's cache on the build machine
        between builds and out of the image, so a rebuild reuses the downloads and wheels:
        the rebuild costs the install, not the download and the compile.

    Example:
        ```dockerfile
        RUN pip install --no-cache-dir -r requirements.txt
        ```

    Fixed example:
        ```dockerfile
        RUN --mount=type=cache,target=/root/.cache/pip \\
            pip install -r requirements.txt
        ```

    Fix safety:
        Safe: the image gets the same files. The mount keeps pip's cache out of the layer, which
        is what `--no-cache-dir` did, so the fix drops that flag from the `pip install`
        commands of this `RUN` only (elsewhere it stays). pip installs the same wheels whether
        they come from its cache or from the index. Soundness conditions, checked in code: the
        `RUN` runs as root, the cache directory is a plain path, no command of the `RUN` has
        `--cache-dir`, and `PIP_NO_CACHE_DIR` is not set. Needs BuildKit (Docker 23 and
        later build with it by default); no `# syntax` line is added.

    Equivalents:
        No hadolint rule (DL3042 asks for `--no-cache-dir`, which this replaces); Docker's
        "Optimize cache usage in builds" guide.
    """

    code = "IMG801"
    name = "pip-cache-mount"
    summary = "pip install without a cache mount downloads and builds everything on each rebuild"
    fix_title = "Mount a build cache on pip's cache directory"
    fixable = "safe"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        if cache_mounts_off() is not None:  # the builder cannot mount caches
            return
        if not runs_pip(ctx):
            return
        for ins in ctx.dockerfile.instructions:
            if ins.keyword != "RUN" or ins.stage_index is None:
                continue
            calls = [(c, pip_call(c)) for c in ctx.commands(ins)]
            installs = [(c, p) for c, p in calls if p is not None and p.sub == "install"]
            if not installs:
                continue
            if any(pip_has(p, "--cache-dir") for _, p in installs) or any(
                a.startswith("PIP_NO_CACHE_DIR=") for c, _ in installs for a in c.assignments
            ):
                continue
            if env_truthy(ctx.env_at(ins).get("PIP_NO_CACHE_DIR")) or not runs_as_root(ctx, ins):
                continue
            target = cache_dir(ctx, ins, ("PIP_CACHE_DIR",), "~/.cache/pip")
            if target is None:
                continue
            flags = [
                (c, i)
                for c, p in installs
                for i in range(p.sub_index - len(p.global_args), len(c.words))
                if _is_no_cache_flag(c.words[i].value)
            ]
            if not missing(ctx, ins, [target]) and not flags:
                continue  # mounted and used
            if fixed_first_by(ctx, PipNoCacheDir, ins):
                continue  # IMG201 adds --no-cache-dir first; the next pass swaps it for the mount
            ed = Editor(ctx.dockerfile)
            ok = all(remove_word(ctx, ed, ins, c, i) for c, i in flags)
            if missing(ctx, ins, [target]):
                ok = ok and add_mounts(ctx, ed, ins, [mount_flag(target)])
                msg = f"`pip install` starts from an empty cache on every rebuild ({target})"
            else:
                msg = f"`--no-cache-dir` leaves the cache mount on {target} unused"
            title = (
                "Mount a build cache on " + target + (" instead of --no-cache-dir" if flags else "")
            )
            yield self.finding(ctx, ins, msg, fix=self.make_fix(ed, title=title) if ok else None)


def _is_no_cache_flag(word: str) -> bool:
    """``--no-cache-dir`` as pip accepts it (or an unambiguous abbreviation, ``--no-cache``)."""
    return len(word) >= _SHORTEST and "--no-cache-dir".startswith(word)
