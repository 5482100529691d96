"""IMG107: compilers and -dev packages installed in the final image and never removed."""

from __future__ import annotations

from collections.abc import Iterator

from imgopt.dockerfile import SimpleCommand
from imgopt.knowledge import capabilities_of_apt_package
from imgopt.rules.base import Finding, LintContext, Rule
from imgopt.rules.helpers import (
    APT_REMOVE,
    apt_packages,
    apt_subcommand,
    cargs,
    option_positionals,
    package_name,
    prog,
)

_BUILD_CAPS = frozenset({"compilers", "dev-headers"})
_APK_BUILD = frozenset({"build-base", "alpine-sdk", "gcc", "g++", "make", "musl-dev", "cmake"})
_RPM = frozenset({"dnf", "yum", "microdnf", "zypper", "tdnf"})


def is_build_package(pkg: str) -> bool:
    """A compiler, build meta-package or header package (``gcc``, ``build-essential``,
    ``libpq-dev``, ``musl-dev``, ``openssl-devel``)."""
    name = package_name(pkg)
    return (
        bool(capabilities_of_apt_package(name) & _BUILD_CAPS)
        or name in _APK_BUILD
        or name.endswith("-devel")
        or name in ("gcc-c++", "development-tools", "@development-tools")
    )


def installed_and_removed(cmds: tuple[SimpleCommand, ...]) -> tuple[list[str], set[str]]:
    """Build packages a RUN installs, and the names (or apk virtual names) it removes."""
    installed: list[str] = []
    removed: set[str] = set()
    for c in cmds:
        sub = apt_subcommand(c)
        if sub == "install":
            installed += [p for p in apt_packages(c) if is_build_package(p)]
        elif sub in APT_REMOVE:
            removed.update(package_name(p) for p in apt_packages(c))
            if sub == "autoremove" or c.has_flag("--auto-remove"):
                removed.add("*auto*")
        elif prog(c) == "apk":
            pos = option_positionals(cargs(c), frozenset({"-t", "--virtual", "-X", "--repository"}))
            if pos[:1] == ["add"]:
                virtual = c.flag_value("-t", "--virtual")
                pkgs = [p for p in pos[1:] if is_build_package(p)]
                if virtual and pkgs:
                    installed += [f"{p}@{virtual}" for p in pkgs]
                else:
                    installed += pkgs
            elif pos[:1] == ["del"]:
                removed.update(pos[1:])
        elif prog(c) in _RPM:
            pos = option_positionals(cargs(c), frozenset({"--setopt", "-x", "--exclude"}))
            if pos[:1] in (["install"], ["in"], ["groupinstall"]):
                installed += [p for p in pos[1:] if is_build_package(p)]
            elif pos[:1] in (["remove"], ["erase"], ["rm"], ["autoremove"]):
                removed.update(pos[1:])
    return installed, removed


def build_packages_left(cmds: tuple[SimpleCommand, ...]) -> list[str]:
    """Build packages a RUN installs and does not remove again (names, in order, unique)."""
    installed, removed = installed_and_removed(cmds)
    left: list[str] = []
    for pkg in installed:
        name, _, virtual = pkg.partition("@")
        if (virtual and virtual in removed) or package_name(name) in removed:
            continue
        left.append(package_name(name))
    return list(dict.fromkeys(left))


class BuildToolsShipped(Rule):
    """Compilers and `-dev` packages are installed in the final image and never removed.

    What it does:
        Flags a `RUN` in a stage that ships which installs compilers, `build-essential`,
        `build-base` or header packages (`*-dev`, `*-devel`) with apt, apk, dnf, yum or zypper
        and does not remove them again in the same `RUN`.

    Why it matters:
        Build tools are needed to compile native extensions (psycopg2, mysqlclient, bcrypt...)
        but not to run them: `gcc` plus `build-essential` add about 200 MB to a Debian image,
        and header packages pull in more. Removing them in a later layer frees nothing. Build
        in a separate stage and copy only the result, installing only the runtime libraries
        (`libpq-dev` -> `libpq5`).

    Example:
        ```dockerfile
        FROM python:3.11-slim
        RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev
        RUN pip install --no-cache-dir psycopg2==2.9.9
        ```

    Fixed example:
        ```dockerfile
        FROM python:3.11 AS build
        RUN python -m venv /venv && /venv/bin/pip install --no-cache-dir psycopg2==2.9.9
        FROM python:3.11-slim
        RUN apt-get update && apt-get install -y --no-install-recommends libpq5 \
            && rm -rf /var/lib/apt/lists/*
        COPY --from=build /venv /venv
        ```

    Fix safety:
        No automatic fix: where the tools are used in a later `RUN`, removing them in the same
        layer would break that step. `imgopt propose` writes the multi-stage variant and
        verifies it by building and running it.

    Equivalents:
        No hadolint rule; Parfum "build dependencies not removed".
    """

    code = "IMG107"
    name = "build-tools-shipped"
    summary = "compilers or -dev packages installed in the final image and never removed"
    fix_title = (
        "Build in a separate stage (`imgopt propose` writes one) or purge them in the same RUN"
    )
    hadolint = ()

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for stage in ctx.dockerfile.stages:
            if not ctx.ships(stage):
                continue
            for ins in ctx.runs(stage):
                left = build_packages_left(ctx.commands(ins))
                if not left:
                    continue
                shown = ", ".join(left)
                yield self.finding(ctx, ins, f"build tools stay in the final image: {shown}")
