"""IMG106: dnf / yum / microdnf / zypper caches not cleaned in the same layer."""

from __future__ import annotations

from collections.abc import Iterator

from imgopt.dockerfile import Editor
from imgopt.rules.base import Finding, LintContext, Rule
from imgopt.rules.helpers import (
    append_to_run,
    cargs,
    option_positionals,
    path_covers,
    prog,
    rm_targets,
)

# manager -> (subcommands that fill the cache, cleanup command, cache directory)
_MANAGERS: dict[str, tuple[frozenset[str], str, str]] = {
    "dnf": (
        frozenset({"install", "upgrade", "update", "groupinstall", "reinstall"}),
        "dnf clean all",
        "/var/cache/dnf",
    ),
    "yum": (
        frozenset({"install", "upgrade", "update", "groupinstall", "reinstall"}),
        "yum clean all",
        "/var/cache/yum",
    ),
    "microdnf": (
        frozenset({"install", "upgrade", "update", "reinstall"}),
        "microdnf clean all",
        "/var/cache/yum",
    ),
    "zypper": (
        frozenset({"install", "in", "update", "up", "dist-upgrade", "dup", "patch"}),
        "zypper clean --all",
        "/var/cache/zypp",
    ),
    "tdnf": (frozenset({"install", "upgrade", "update"}), "tdnf clean all", "/var/cache/tdnf"),
}
_VALUE_OPTS = frozenset(
    {
        "--setopt",
        "--enablerepo",
        "--disablerepo",
        "--installroot",
        "--releasever",
        "-x",
        "--exclude",
        "--repo",
        "-r",
        "--root",
    }
)


class RpmCacheNotCleaned(Rule):
    """dnf, yum, microdnf or zypper caches are not cleaned in the same layer.

    What it does:
        Flags `dnf`/`yum`/`microdnf`/`tdnf install` without `<manager> clean all` (or removing
        the cache directory) in the same `RUN`, and `zypper install` without `zypper clean`,
        in a stage that ships. A cache mount on the cache directory satisfies the rule.

    Why it matters:
        These package managers keep repository metadata (often 50-200 MB for Fedora, UBI or
        openSUSE repositories) and downloaded packages under `/var/cache`. Left in the layer,
        they ship with the image; cleaned in a later layer, the bytes still ship.

    Example:
        ```dockerfile
        RUN dnf install -y python3
        ```

    Fixed example:
        ```dockerfile
        RUN dnf install -y python3 && dnf clean all
        ```

    Fix safety:
        Safe: the fix appends the manager's own clean command to the same `RUN`.

    Equivalents:
        hadolint DL3032 (yum), DL3036 (zypper), DL3040 (dnf), DL3041-family (microdnf);
        Parfum "yum/dnf/zypper cache not cleaned".
    """

    code = "IMG106"
    name = "rpm-cache-not-cleaned"
    summary = "dnf/yum/microdnf/zypper install without cleaning its cache in the same layer"
    fix_title = "Clean the package-manager cache at the end of the same RUN"
    fixable = "safe"
    hadolint = ("DL3032", "DL3036", "DL3040")

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        if not ctx.programs & _MANAGERS.keys():
            return
        for stage in ctx.dockerfile.stages:
            if not ctx.ships(stage):
                continue
            for ins in ctx.runs(stage):
                cmds = ctx.commands(ins)
                managers: list[str] = []
                cleaned: set[str] = set()
                removed = [t for c in cmds for t in rm_targets(c)]
                for c in cmds:
                    spec = _MANAGERS.get(prog(c))
                    if spec is None:
                        continue
                    pos = option_positionals(cargs(c), _VALUE_OPTS)
                    sub = pos[0] if pos else None
                    if sub == "clean":
                        cleaned.add(prog(c))
                    elif sub in spec[0] and prog(c) not in managers:
                        managers.append(prog(c))
                for m in managers:
                    _, clean_cmd, cache = _MANAGERS[m]
                    if m in cleaned or ctx.has_cache_mount(ins, cache):
                        continue
                    if any(path_covers(t, cache + "/x") for t in removed):
                        continue
                    ed = Editor(ctx.dockerfile)
                    ok = append_to_run(ctx, ed, ins, clean_cmd)
                    yield self.finding(
                        ctx,
                        ins,
                        f"`{m}` leaves its cache in {cache} in this layer",
                        fix=self.make_fix(ed, title=f"Append `{clean_cmd}` to the RUN")
                        if ok
                        else None,
                    )
