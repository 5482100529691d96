"""IMG502: a single-stage Dockerfile that builds, and ships its build tools."""

from __future__ import annotations

from collections.abc import Iterator

from imgopt.dockerfile import SimpleCommand
from imgopt.knowledge import native_package
from imgopt.rules.base import Finding, LintContext, Rule
from imgopt.rules.helpers import (
    cargs,
    npm_subcommand,
    pip_call,
    pip_packages,
    pip_requirement_files,
    prog,
)
from imgopt.rules.img107_build_tools_shipped import build_packages_left
from imgopt.rules.needs import requirement_names

_TOOLCHAIN_FAMILIES = frozenset({"golang", "rust", "maven", "gradle", "buildpack-deps", "gcc"})


def build_step(ctx: LintContext, cmd: SimpleCommand) -> str | None:
    """A short description of the build a command does, or None."""
    program, args = prog(cmd), cargs(cmd)
    if program == "go" and args[:1] in (("build",), ("install",)):
        return f"go {args[0]}"
    if program == "cargo" and args[:1] in (("build",), ("install",)):
        return f"cargo {args[0]}"
    if program in ("mvn", "mvnw", "gradle", "gradlew") or program in ("make", "cmake", "ninja"):
        return program
    if program in ("tsc", "webpack", "vite"):
        return program
    if program in ("npm", "pnpm") and npm_subcommand(cmd) in ("run", "run-script"):
        script = [a for a in args if not a.startswith("-")][1:2]
        if script and script[0] != "start":
            return f"{program} run {script[0]}"
    if program == "yarn" and args[:1] == ("build",):
        return "yarn build"
    call = pip_call(cmd)
    if call is not None and call.sub in ("install", "wheel"):
        names = pip_packages(call) + requirement_names(ctx, pip_requirement_files(call))
        native = [n for n in names if native_package("python", n) is not None]
        if native:
            return f"pip builds {native[0]} from source"
    if program in ("python", "python3") and args[:2] in (("setup.py", "build"), ("-m", "build")):
        return "python build"
    return None


class SingleStageBuild(Rule):
    """A single-stage Dockerfile builds, and ships its build tools.

    What it does:
        Flags a Dockerfile with one stage that compiles or bundles something (`go build`,
        `cargo build`, `make`, `npm run build`, `tsc`, `pip` building a native package from
        source) or installs compilers and `-dev` packages, so the image ships the toolchain
        next to the result.

    Why it matters:
        Toolchains dwarf what they produce: `golang` is about 800 MB for a 10 MB binary,
        `node:18` about 1 GB for a few MB of `dist/` plus production dependencies, a Python
        image with `gcc` and headers 200+ MB more than the slim runtime with one shared
        library. A multi-stage build keeps only the result.

    Example:
        ```dockerfile
        FROM golang:1.22
        WORKDIR /src
        COPY . .
        RUN go build -o /server .
        CMD ["/server"]
        ```

    Fixed example:
        ```dockerfile
        FROM golang:1.22 AS build
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -o /server .
        FROM gcr.io/distroless/static-debian12
        COPY --from=build /server /server
        CMD ["/server"]
        ```

    Fix safety:
        No automatic fix: splitting stages changes the image's layout. `imgopt propose`
        writes the multi-stage variants (Python, Node, Go, compiled code), builds them and
        runs the app's smoke test before recommending one.

    Equivalents:
        No hadolint rule; Parfum "no multi-stage build"; dockershrink "use multistage builds".
    """

    code = "IMG502"
    name = "single-stage-build"
    summary = "single-stage Dockerfile that builds and ships its build tools"
    fix_title = "Build in a separate stage (run `imgopt propose` for a verified multi-stage)"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        if len(ctx.dockerfile.stages) != 1:
            return
        stage = ctx.dockerfile.final_stage
        family = stage.image.family if stage.image is not None else ""
        for ins in ctx.runs(stage):
            cmds = ctx.commands(ins)
            reason = next((r for c in cmds if (r := build_step(ctx, c))), None)
            if reason is None:
                left = build_packages_left(cmds)
                if left:
                    reason = f"installs {left[0]}"
            if reason is None:
                continue
            base = f" on `{stage.base_resolved}`" if family in _TOOLCHAIN_FAMILIES else ""
            yield self.finding(
                ctx,
                ins,
                f"single-stage build ({reason}){base}: the toolchain ships with the result",
            )
            return
