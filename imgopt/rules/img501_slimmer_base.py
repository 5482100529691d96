"""IMG501: the final image's base has a slimmer sibling the Dockerfile does not need the
extras of."""

from __future__ import annotations

from collections.abc import Iterator

from imgopt.dockerfile import Editor, Stage
from imgopt.knowledge import (
    PackageCheck,
    Sibling,
    adds_apt_sources,
    siblings,
    swap_package_check,
)
from imgopt.rules.base import Applicability, Finding, Fix, LintContext, Rule
from imgopt.rules.helpers import apt_packages, apt_subcommand
from imgopt.rules.needs import stage_needs


def installed_apt_packages(ctx: LintContext, stage: Stage) -> list[str]:
    """The packages ``apt-get install`` names in ``stage`` and the stages it is built FROM."""
    return [
        p
        for st in ctx.stage_chain(stage)
        for ins in ctx.runs(st)
        for c in ctx.commands(ins)
        if apt_subcommand(c) == "install"
        for p in apt_packages(c)
    ]


def pick_sibling(
    ctx: LintContext, stage: Stage
) -> tuple[Sibling | None, frozenset[str], PackageCheck | None]:
    """The most conservative sibling of ``stage``'s base that has what the stage needs (glibc
    only: musl siblings need proof of musl-safety that a lint cannot give; another distribution
    release only where every apt package installed exists there), the needs, and the package
    check made for the sibling picked (None when its release is the same)."""
    root = ctx.stage_chain(stage)[0]
    if root.image is None:
        return None, frozenset(), None
    needs = stage_needs(ctx, stage)
    multi_stage = len(ctx.dockerfile.stages) > 1
    packages: list[str] | None = None
    for sib in siblings(root.image):
        if sib.musl or (sib.runtime_only and not multi_stage):
            continue
        if sib.lacks & needs:
            continue
        if packages is None:
            packages = installed_apt_packages(ctx, stage)
        check = swap_package_check(root.image, sib.ref, packages)
        if check is not None and (not check.ok or adds_apt_sources(ctx.dockerfile.text)):
            continue
        return sib, needs, check
    return None, needs, None


class SlimmerBase(Rule):
    """The final image's base image has a slimmer sibling with everything the Dockerfile uses.

    What it does:
        Looks up the final stage's base image in imgopt's base-image knowledge (families and
        their `slim`, `jre`, `distroless` siblings, each with what it lacks), works out what
        the stage uses (compilers, `-dev` headers, git, curl, a shell, pip...; a tool the
        Dockerfile installs itself does not count) and flags the base when a sibling lacks
        none of it. Alpine (musl) siblings are not proposed by this rule: whether the
        dependencies are musl-safe is for `imgopt propose` to verify by building.

    Why it matters:
        The full `python`, `node` and `buildpack-deps` images carry compilers, headers and
        version-control tools for building; their `-slim` siblings are 700-900 MB smaller.
        `debian:bookworm-slim` drops documentation and locales.

    Example:
        ```dockerfile
        FROM python:3.11
        RUN pip install --no-cache-dir flask==3.0.0
        ```

    Fixed example:
        ```dockerfile
        FROM python:3.11-slim
        RUN pip install --no-cache-dir flask==3.0.0
        ```

        A sibling on another distribution release (`ubuntu:*` to `debian:bookworm-slim`) is
        flagged only when every package the Dockerfile installs with `apt-get install` exists
        in that release under the same name, looked up in imgopt's snapshot of the release's
        real package index, and the Dockerfile adds no apt source of its own (a PPA,
        `add-apt-repository`, a `sources.list` entry, a vendor's setup script): those serve
        one distribution. The message says what was checked.

    Fix safety:
        Unsafe: the app may use something of the full image that the Dockerfile does not
        show (a shared library loaded at run time, a tool called from code). Applied only when
        asked (`--unsafe`); the `slim-base` variant of `imgopt propose` is built and its smoke
        test run before it is recommended.

    Equivalents:
        No hadolint rule; Parfum "non-slim base image"; `docker init` templates use slim bases.
    """

    code = "IMG501"
    name = "slimmer-base"
    summary = "final base image has a slimmer sibling with everything the Dockerfile uses"
    fix_title = "Use the slimmer base image"
    fixable = "unsafe"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        stage = ctx.dockerfile.final_stage
        root = ctx.stage_chain(stage)[0]
        if root.image is None:
            return
        sib, needs, check = pick_sibling(ctx, stage)
        if sib is None:
            return
        ins = root.from_instruction
        what = ", ".join(sorted(needs)) or "nothing beyond the base system"
        msg = (
            f"`{root.base_resolved}` has a slimmer sibling `{sib.ref}` ({sib.kind}); checked: "
            f"it lacks none of what this Dockerfile uses from its base ({what})"
        )
        if check is not None:
            msg += f", and {check.describe()}"
        yield self.finding(
            ctx,
            ins,
            msg,
            fix=self._fix(ctx, root, sib.ref),
            fix_title=f"Use `{sib.ref}`",
        )

    def _fix(self, ctx: LintContext, root: Stage, ref: str) -> Fix | None:
        ins = root.from_instruction
        if root.base != root.base_resolved:
            return None  # written with ARGs: rewriting them is the planner's job
        after_flags = max((f.span.end for f in ins.flags), default=ins.span.start + 4)
        start = ctx.dockerfile.text.find(root.base, after_flags, ins.span.end)
        if start < 0:
            return None
        ed = Editor(ctx.dockerfile).replace_range(start, start + len(root.base), ref)
        return self.make_fix(ed, applicability=Applicability.UNSAFE, title=f"Use `{ref}`")
