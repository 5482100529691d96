"""IMG102: apt-get install without --no-install-recommends."""

from __future__ import annotations

import re
from collections.abc import Iterator

from imgopt.dockerfile import Editor, Stage
from imgopt.knowledge import siblings
from imgopt.rules.base import Finding, LintContext, Rule
from imgopt.rules.helpers import (
    APT_PROGRAMS,
    apt_packages,
    apt_subcommand,
    cargs,
    insert_option,
    package_name,
    prog,
    word_index,
)

_RECOMMENDS_OFF = (
    "--no-install-recommends",
    "APT::Install-Recommends=false",
    "APT::Install-Recommends=0",
    'APT::Install-Recommends "false"',
    'APT::Install-Recommends "0"',
)


# Recommended packages that what is installed does not work without in practice: gcc cannot
# link without the C library headers, and TLS clients need the CA certificates.
_KEEP = {
    "gcc": "libc6-dev",
    "cc": "libc6-dev",
    "clang": "libc6-dev",
    "curl": "ca-certificates",
    "wget": "ca-certificates",
    "git": "ca-certificates",
}
_PROVIDES = {
    "libc6-dev": {"libc6-dev", "libc-dev", "build-essential"},
    "ca-certificates": {"ca-certificates"},
}


def _base_has_compilers(ctx: LintContext, stage: Stage) -> bool:
    """The base image ships a C toolchain (and so libc6-dev): it has a sibling that lacks one
    (``python:3.11`` has ``python:3.11-slim``; ``debian:bookworm`` has none)."""
    root = ctx.stage_chain(stage)[0]
    if root.image is None:
        return False
    return any("compilers" in s.lacks for s in siblings(root.image))


def _needed_recommends(packages: list[str], has_cc: bool) -> list[str]:
    names = {package_name(p) for p in packages}
    out: list[str] = []
    for pkg in sorted(names):
        need = _KEEP.get(re.sub(r"-\d+$", "", pkg))
        if need == "libc6-dev" and has_cc:
            continue  # already in the image
        if need and not (names & _PROVIDES[need]) and need not in out:
            out.append(need)
    return out


def _turns_off(script: str) -> bool:
    for line in script.split("\n"):
        if "Install-Recommends" in line:
            low = line.lower()
            if "false" in low or '"0"' in low or "'0'" in low:
                return True
    return False


class AptNoInstallRecommends(Rule):
    """`apt-get install` without `--no-install-recommends`.

    What it does:
        Flags `apt-get install` / `apt install` in a stage that ships when neither the command
        (`--no-install-recommends`, `-o APT::Install-Recommends=false`) nor an apt
        configuration written earlier in the image turns off recommended packages.

    Why it matters:
        Recommended packages are not needed to run what you install, but apt installs them by
        default: `apt-get install python3` pulls in about 60 MB of recommends on Debian
        bookworm, and each one costs download and unpack time on every uncached build.

    Example:
        ```dockerfile
        RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
        ```

    Fixed example:
        ```dockerfile
        RUN apt-get update \\
            && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
        ```

    Fix safety:
        Safe for what the Dockerfile names: every package asked for is still installed with its
        dependencies. The two recommends that software is known to need in practice are named
        explicitly by the fix: `libc6-dev` with `gcc` (else it cannot link; not on bases
        that ship a toolchain, where it is installed already) and
        `ca-certificates` with `curl`, `wget` or `git` (else TLS fails). Anything else a program
        silently relied on shows in the build or the smoke test; imgopt's variants are
        verified by running them.

    Equivalents:
        hadolint DL3015; Parfum "apt-get install without --no-install-recommends".
    """

    code = "IMG102"
    name = "apt-no-install-recommends"
    summary = "apt-get install without --no-install-recommends"
    fix_title = "Add --no-install-recommends"
    fixable = "safe"
    hadolint = ("DL3015",)

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        if not ctx.programs & APT_PROGRAMS:
            return  # no apt anywhere
        for stage in ctx.dockerfile.stages:
            if not ctx.ships(stage):
                continue
            configured = False
            has_cc = _base_has_compilers(ctx, stage)
            for ins in ctx.layers_of(stage):
                if ins.keyword != "RUN":
                    continue
                script = ins.body + "".join(d.content for d in ins.heredocs)
                if "Install-Recommends" in script and _turns_off(script):
                    # An apt.conf.d snippet written here turns recommends off for later RUNs.
                    configured = True
                if ins.stage_index != stage.index:
                    continue
                for cmd in ctx.commands(ins):
                    if apt_subcommand(cmd) != "install" or configured:
                        continue
                    joined = " ".join(cargs(cmd))
                    if any(flag in joined for flag in _RECOMMENDS_OFF):
                        continue
                    ed = Editor(ctx.dockerfile)
                    idx = word_index(cmd, "install")
                    ok = idx is not None and insert_option(
                        ctx, ed, ins, cmd, idx, "--no-install-recommends"
                    )
                    extra = _needed_recommends(apt_packages(cmd), has_cc)
                    if ok and extra:
                        last = max(
                            i for i, w in enumerate(cmd.words) if w.value in apt_packages(cmd)
                        )
                        ok = insert_option(ctx, ed, ins, cmd, last, " ".join(extra))
                    yield self.finding(
                        ctx,
                        ins,
                        f"`{prog(cmd)} install` also installs recommended packages",
                        fix=self.make_fix(ed) if ok else None,
                    )
