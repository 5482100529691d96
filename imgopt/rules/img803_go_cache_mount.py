"""IMG803: go build compiles every package again on each rebuild."""

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

#: go subcommands that compile (and so fill the build cache) or download modules.
_COMPILES = frozenset({"build", "install", "test", "vet", "run", "generate", "get"})


def go_fills_cache(cmd: SimpleCommand) -> bool:
    """``go build`` / ``install`` / ``test`` ... or ``go mod download``."""
    if prog(cmd) != "go":
        return False
    args = [a for a in cargs(cmd) if not a.startswith("-")]
    return bool(args) and (args[0] in _COMPILES or args[:2] == ["mod", "download"])


class GoCacheMount(Rule):
    """`go build` without cache mounts on Go's build and module caches.

    What it does:
        Flags a `RUN` that compiles Go code or downloads modules (`go build`, `go install`,
        `go test`, `go mod download`...) as root, in any stage, without `--mount=type=cache` on
        the build cache (`GOCACHE`, by default `~/.cache/go-build`) and the module cache
        (`GOMODCACHE`, by default `$GOPATH/pkg/mod`: `/go/pkg/mod` on the official `golang`
        images, `~/go/pkg/mod` elsewhere). With a `vendor/` folder in the build context the
        module cache is not read, so only the build cache is mounted. Not flagged: a stage
        that ships while the image's `CMD` / `ENTRYPOINT` runs `go` itself (`go run` at start
        reads those caches from the image).

    Why it matters:
        A `COPY . .` before `go build` invalidates the build layer on every code edit, and the
        build then starts from an empty cache: every package, the standard library with
        `CGO_ENABLED=0` and every vendored module included, is compiled again. With the build
        cache mounted, a rebuild after a one-line edit compiles the edited package and links;
        on a service with large dependencies that is seconds instead of minutes.

    Example:
        ```dockerfile
        FROM golang:1.19
        COPY . .
        RUN go build -o /server .
        ```

    Fixed example:
        ```dockerfile
        FROM golang:1.19
        COPY . .
        RUN --mount=type=cache,target=/root/.cache/go-build \\
            --mount=type=cache,target=/go/pkg/mod \\
            go build -o /server .
        ```

    Fix safety:
        Safe: Go's build cache is content-addressed (a cached object is used only for the same
        source, flags and toolchain), so the binaries are the same; the caches stay on the
        build machine instead of in the layer. Soundness conditions, checked in code: the `RUN`
        runs as root, `GOCACHE` / `GOMODCACHE` / `GOPATH` are unset or plain paths, and no
        command of the image runs `go` at start. Needs BuildKit; no `# syntax` line is added.

    Equivalents:
        No hadolint rule; Docker's "Optimize cache usage in builds" guide (Go cache mounts).
    """

    code = "IMG803"
    name = "go-cache-mount"
    summary = "go build without cache mounts compiles every package on each rebuild"
    fix_title = "Mount build caches on Go's build and module caches"
    fixable = "safe"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        if cache_mounts_off() is not None:  # the builder cannot mount caches
            return
        if "go" not in ctx.programs:
            return
        runs_go = _image_runs_go(ctx)
        vendored = ctx.context_has("vendor")
        for ins in ctx.dockerfile.instructions:
            if ins.keyword != "RUN" or ins.stage_index is None or not runs_as_root(ctx, ins):
                continue
            if not any(go_fills_cache(c) for c in ctx.commands(ins)):
                continue
            if runs_go and ctx.ships(ins.stage_index):
                continue
            targets = [cache_dir(ctx, ins, ("GOCACHE",), "~/.cache/go-build")]
            if not vendored:
                targets.append(_modcache(ctx, ins))
            found = mount_finding(self, ctx, ins, targets, "Go")
            if found is not None:
                yield found


def _modcache(ctx: LintContext, ins: Instruction) -> str | None:
    env = ctx.env_at(ins)
    if "GOMODCACHE" in env:
        return literal_dir(env["GOMODCACHE"])
    if "GOPATH" in env:
        gopath = literal_dir(env["GOPATH"])
        return posixpath.join(gopath, "pkg/mod") if gopath else None
    if _golang_base(ctx, ins):
        return "/go/pkg/mod"
    home = home_at(ctx, ins)
    return posixpath.join(home, "go/pkg/mod") if home else None


def _golang_base(ctx: LintContext, ins: Instruction) -> bool:
    """The stage is built FROM an official-style ``golang`` image (which sets GOPATH=/go)."""
    stage = ctx.dockerfile.stage_of(ins)
    if stage is None:
        return False
    root = ctx.stage_chain(stage)[0]
    name = root.base_resolved.rsplit("/", 1)[-1].split(":", 1)[0].split("@", 1)[0]
    return name == "golang"


def _image_runs_go(ctx: LintContext) -> bool:
    """The final stage's CMD or ENTRYPOINT runs the go tool."""
    for ins in ctx.layers_of(ctx.final_image()):
        if ins.keyword in ("CMD", "ENTRYPOINT") and any(
            a.split()[:1] == ["go"] or a.rsplit("/", 1)[-1].split()[:1] == ["go"] for a in ins.args
        ):
            return True
    return False
