"""IMG805: cargo and ccache start from empty caches on each rebuild."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from imgopt.dockerfile import Instruction, SimpleCommand
from imgopt.rules.base import Finding, LintContext, Rule
from imgopt.rules.cachemounts import (
    cache_dir,
    cache_mounts_off,
    home_at,
    literal_dir,
    mount_finding,
    runs_as_root,
)
from imgopt.rules.helpers import cargs, prog

#: cargo subcommands that fetch crates (and so fill the registry cache).
_CARGO_FETCHES = frozenset({"build", "install", "fetch", "test", "check", "run", "vendor"})
#: Programs a C/C++ build runs, where ccache (when set up) caches compiler output.
_C_BUILDS = frozenset({"make", "cmake", "ninja", "gcc", "g++", "cc", "c++", "clang", "meson"})


def _cargo_fetches(cmd: SimpleCommand) -> bool:
    args = [a for a in cargs(cmd) if not a.startswith("-")]
    return prog(cmd) == "cargo" and bool(args) and args[0] in _CARGO_FETCHES


class CargoCcacheMount(Rule):
    """`cargo build` without a cache mount on cargo's registry; a ccache build without one on
    ccache's directory.

    What it does:
        Flags a `RUN` (as root, in any stage) that runs `cargo build` / `install` / `fetch`...
        without `--mount=type=cache` on cargo's registry and git checkouts
        (`$CARGO_HOME/registry` and `$CARGO_HOME/git`; `CARGO_HOME` is `/usr/local/cargo` on the
        official `rust` images, `~/.cargo` elsewhere), and a `RUN` that compiles C or C++
        (`make`, `cmake`, `gcc`...) with ccache set up (`ccache` in the command, in `CC` /
        `CXX`, or `/usr/lib/ccache` on `PATH`) without a cache mount on ccache's directory
        (`CCACHE_DIR`, by default `~/.cache/ccache`). Cargo's `target/` folder is never mounted:
        the build's output lives there.

    Why it matters:
        Without the mounts, every rebuild of the layer downloads every crate again and ccache
        finds no earlier object file, so a one-line change recompiles the whole C/C++ tree.

    Example:
        ```dockerfile
        FROM rust:1.74
        RUN cargo build --release
        ```

    Fixed example:
        ```dockerfile
        FROM rust:1.74
        RUN --mount=type=cache,target=/usr/local/cargo/registry \\
            --mount=type=cache,target=/usr/local/cargo/git \\
            cargo build --release
        ```

    Fix safety:
        Safe: crates are verified against `Cargo.lock`'s checksums whether they come from the
        registry cache or the network, and ccache returns an object only for the same
        preprocessed source and flags; the caches stay on the build machine, out of the layer.
        Soundness conditions, checked in code: the `RUN` runs as root and `CARGO_HOME` /
        `CCACHE_DIR` / `HOME` are unset or plain paths. Needs BuildKit; no `# syntax` line is
        added.

    Equivalents:
        No hadolint rule; Docker's "Optimize cache usage in builds" guide (Rust cache mounts).
    """

    code = "IMG805"
    name = "cargo-ccache-mount"
    summary = "cargo or ccache builds without cache mounts start from empty caches on each rebuild"
    fix_title = "Mount build caches on cargo's registry or ccache's directory"
    fixable = "safe"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        if cache_mounts_off() is not None:  # the builder cannot mount caches
            return
        if not ctx.programs & ({"cargo"} | _C_BUILDS):
            return
        for ins in ctx.dockerfile.instructions:
            if ins.keyword != "RUN" or ins.stage_index is None or not runs_as_root(ctx, ins):
                continue
            cmds = ctx.commands(ins)
            targets: list[str | None] = []
            if any(_cargo_fetches(c) for c in cmds):
                home = _cargo_home(ctx, ins)
                targets += [posixpath.join(home, d) if home else None for d in ("registry", "git")]
            if _uses_ccache(ctx, ins, cmds):
                targets.append(cache_dir(ctx, ins, ("CCACHE_DIR",), "~/.cache/ccache"))
            found = mount_finding(self, ctx, ins, targets, "the build")
            if found is not None:
                yield found


def _cargo_home(ctx: LintContext, ins: Instruction) -> str | None:
    env = ctx.env_at(ins)
    if "CARGO_HOME" in env:
        return literal_dir(env["CARGO_HOME"])
    stage = ctx.dockerfile.stage_of(ins)
    root = ctx.stage_chain(stage)[0] if stage is not None else None
    name = root.base_resolved.rsplit("/", 1)[-1].split(":", 1)[0] if root is not None else ""
    if name == "rust":
        return "/usr/local/cargo"
    home = home_at(ctx, ins)
    return posixpath.join(home, ".cargo") if home else None


def _uses_ccache(ctx: LintContext, ins: Instruction, cmds: tuple[SimpleCommand, ...]) -> bool:
    if any(prog(c) == "ccache" for c in cmds):
        return True
    if not any(prog(c) in _C_BUILDS for c in cmds):
        return False
    env = ctx.env_at(ins)
    in_env = "ccache" in env.get("CC", "") + env.get("CXX", "")
    on_path = "/usr/lib/ccache" in env.get("PATH", "")
    return in_env or on_path
