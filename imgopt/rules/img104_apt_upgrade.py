"""IMG104: apt-get upgrade / dist-upgrade in an image build."""

from __future__ import annotations

from collections.abc import Iterator

from imgopt.dockerfile import Editor
from imgopt.rules.base import Applicability, Finding, LintContext, Rule
from imgopt.rules.helpers import APT_PROGRAMS, APT_UPGRADE, apt_subcommand, prog, remove_command


class AptUpgrade(Rule):
    """`apt-get upgrade` or `dist-upgrade` in an image build.

    What it does:
        Flags `apt-get upgrade`, `apt-get dist-upgrade`, `apt-get full-upgrade` (and `apt`'s)
        in a stage that ships.

    Why it matters:
        Upgrading the base image's packages in place writes a second copy of every upgraded
        file into a new layer while the old copy stays in the base layers: tens of megabytes
        for a base image a few weeks old, and minutes of build time. A newer base image tag
        (or a rebuild of it) gets the same fixes for free.

    Example:
        ```dockerfile
        RUN apt-get update && apt-get upgrade -y && apt-get install -y --no-install-recommends curl
        ```

    Fixed example:
        ```dockerfile
        RUN apt-get update && apt-get install -y --no-install-recommends curl
        ```

    Fix safety:
        Unsafe: without the upgrade the image keeps the base image's package versions, which
        may lack security fixes; pull a fresh base image instead. The fix removes the upgrade
        command when it is joined to its neighbours with `&&`.

    Equivalents:
        hadolint DL3005 (retired); Parfum "apt-get upgrade".
    """

    code = "IMG104"
    name = "apt-upgrade"
    summary = "apt-get upgrade/dist-upgrade duplicates base-image files in a new layer"
    fix_title = "Remove the upgrade and use a newer base image"
    fixable = "unsafe"
    hadolint = ("DL3005",)

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        if not ctx.programs & APT_PROGRAMS:
            return  # no apt anywhere
        for stage in ctx.dockerfile.stages:
            if not ctx.ships(stage):
                continue
            for ins in ctx.runs(stage):
                cmds = ctx.commands(ins)
                for i, cmd in enumerate(cmds):
                    sub = apt_subcommand(cmd)
                    if sub not in APT_UPGRADE:
                        continue
                    ed = Editor(ctx.dockerfile)
                    fix = None
                    if remove_command(ctx, ed, ins, cmds, i):
                        fix = self.make_fix(ed, applicability=Applicability.UNSAFE)
                    yield self.finding(
                        ctx,
                        ins,
                        f"`{prog(cmd)} {sub}` rewrites base-image packages into a new layer",
                        fix=fix,
                    )
