"""Go: build the binary in a throw-away stage, ship only the binary.

The build stage is the original stage up to its last ``go build``/``go install`` (a ``CMD ["go",
"run", ...]`` becomes a ``go build`` there, and the CMD runs the binary with the same
arguments). For distroless static the build gets ``ENV CGO_ENABLED=0`` (a static binary needs no
libc; refused when the code uses cgo). On the Debian slim sibling cgo stays as it was, and the
CA bundle is copied from the build image (Debian slim has none). The golang image itself is the
toolchain, so a runtime on it (``multistage``) is never proposed.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from imgopt.dockerfile import Instruction
from imgopt.variants.analysis import Cmd, StageFacts, go_action
from imgopt.variants.model import Change
from imgopt.variants.split import Role, Split, render_split
from imgopt.variants.strategies.base import (
    SAFE,
    UNSAFE,
    Draft,
    NotApplicable,
    Strategy,
    Target,
    apt_install_run,
    check_distroless_runtime,
    classify_runs,
    exec_command_lines,
    image_text,
    is_apt,
    lines_of,
    runtime_apt_packages,
    runtime_programs,
    sibling_of_kind,
    simple_shell_words,
)

# `go build` flags that take a value (the next word, unless written -flag=value).
_VALUE_FLAGS = frozenset(
    {
        "-o",
        "-p",
        "-C",
        "-asmflags",
        "-buildmode",
        "-buildvcs",
        "-compiler",
        "-gccgoflags",
        "-gcflags",
        "-installsuffix",
        "-ldflags",
        "-mod",
        "-modfile",
        "-overlay",
        "-pgo",
        "-pkgdir",
        "-tags",
        "-toolexec",
        "-exec",
    }
)


def _has_data(folder: Path) -> bool:
    """Whether a context folder holds files a built program may read: anything but Go sources,
    go.mod/go.sum and docs. A ``config/`` of YAML next to the ``.go`` that loads it counts (a
    real app exited with "config file not found" when the folder was skipped for its Go code)."""
    for f in folder.rglob("*"):
        if not f.is_file() or f.suffix == ".go" or f.name in ("go.mod", "go.sum"):
            continue
        if f.suffix.lower() in (".md", ".txt") and f.stem.upper() in ("README", "LICENSE"):
            continue
        return True
    return False


# Top-level context directories that are not read by a built Go program.
_NOT_RUNTIME_DIRS = frozenset(
    {
        "vendor",
        "testdata",
        ".git",
        ".github",
        "docs",
        "doc",
        "scripts",
        "hack",
        "build",
        "deploy",
        "test",
        "tests",
        "node_modules",
    }
)
CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"


def _split_go_args(args: tuple[str, ...] | list[str]) -> tuple[dict[str, str], list[str]]:
    """``go build``/``go run`` arguments after the subcommand -> (flags, positionals)."""
    flags: dict[str, str] = {}
    pos: list[str] = []
    i = 0
    args = list(args)
    while i < len(args):
        a = args[i]
        if pos or not a.startswith("-"):
            pos.append(a)
        elif "=" in a:
            k, v = a.split("=", 1)
            flags["-" + k.lstrip("-")] = v
        elif "-" + a.lstrip("-") in _VALUE_FLAGS and i + 1 < len(args):
            flags["-" + a.lstrip("-")] = args[i + 1]
            i += 1
        else:
            flags["-" + a.lstrip("-")] = ""
        i += 1
    return flags, pos


class GoStrategy(Strategy):
    """Ship the built Go binary alone."""

    id = "go-binary"
    ecosystem = "Go"

    def detect(self, facts: StageFacts) -> bool:
        if any(go_action(c.cmd) in ("build", "install") for c in facts.commands):
            return True
        return self._go_run(facts) is not None

    def propose(self, facts: StageFacts, target: Target) -> Draft:
        stage = facts.stage
        if stage.image is None:
            raise NotApplicable("the stage starts FROM another stage")
        if target is Target.MULTISTAGE:
            raise NotApplicable(
                f"{stage.base_resolved} is the Go toolchain: a runtime stage on it would still "
                "ship the compiler (see multistage-slim and distroless)"
            )
        roles = classify_runs(facts, lambda c: is_apt(c) or c.program == "go")
        split = Split(facts, roles, runtime_image="")
        changes: list[Change] = []
        static = target is Target.DISTROLESS
        kind = "distroless" if static else "slim"
        sib = sibling_of_kind(stage, kind)
        if sib is None:
            raise NotApplicable(f"{stage.base_resolved} has no {kind} runtime sibling")
        split.runtime_image = image_text(stage, sib.ref)
        changes.append(
            Change(
                self.id,
                f"Run on {sib.ref}",
                sib.note + ".",
                UNSAFE,
                lines_of(stage.from_instruction),
            )
        )
        if static:
            self._check_static(facts)

        builds = [c for c in facts.commands if go_action(c.cmd) in ("build", "install")]
        go_run = self._go_run(facts)
        binaries: list[str] = []
        for c in builds:
            binaries.append(self._output(facts, c))
        if static and builds:
            first = builds[0].ins
            split.build_before.setdefault(first.index, []).append("ENV CGO_ENABLED=0")
            changes.append(
                Change(
                    self.id,
                    "Build with CGO_ENABLED=0",
                    "A binary without cgo is static: it needs no libc, so it runs on distroless "
                    "static. The build stage's ENV does not reach the runtime image.",
                    UNSAFE,
                    lines_of(first),
                )
            )
        translate_argv: dict[str, list[str]] = {}
        if go_run is not None:
            ins, argv = go_run
            binary, new_argv, build_line = self._translate_go_run(facts, ins, argv, static)
            split.build_before.setdefault(ins.index, []).append(build_line)
            split.build_until = ins.index
            binaries.append(binary)
            translate_argv[" ".join(argv)] = new_argv
            changes.append(
                Change(
                    self.id,
                    f"Build the program and run {binary} instead of `go run`",
                    "`go run` compiles at every start and needs the toolchain in the image; the "
                    "binary built once in the build stage starts with the same arguments.",
                    UNSAFE,
                    lines_of(ins),
                )
            )
        if not binaries:
            raise NotApplicable("no Go binary is built")

        # -- runtime stage ---------------------------------------------------------------------
        last = split.last_build()
        anchor_idx = max(
            last.index if last is not None else -1,
            go_run[0].index if go_run is not None else -1,
        )
        lines: list[str] = []
        pkgs, mapping = self._runtime_packages(facts, roles)
        if pkgs:
            if static:
                raise NotApplicable(f"the program needs {', '.join(pkgs)} at run time")
            lines.append(apt_install_run(pkgs))
        if not static:
            lines.append(f"COPY --from={split.build_name} {CA_BUNDLE} {CA_BUNDLE}")
            changes.append(
                Change(
                    self.id,
                    "Copy the CA bundle from the build image",
                    f"{sib.ref} has no ca-certificates; a Go program making TLS calls reads "
                    f"{CA_BUNDLE}.",
                    SAFE,
                    None,
                )
            )
        lines.extend(f"COPY --from={split.build_name} {b} {b}" for b in dict.fromkeys(binaries))
        for ins in stage.body:
            if roles.get(ins.index) is Role.CONTEXT and ins.index < anchor_idx:
                split.runtime_lines[ins.index] = self._data_copies(facts, ins, split.build_name)
        split.runtime_lines[go_run[0].index if go_run is not None else anchor_idx] = lines
        if static:
            check_distroless_runtime(facts, roles, sib.ref, binaries)
        if static or go_run is not None:
            cmd_lines, cmd_changes = exec_command_lines(
                facts,
                entrypoint_reset=False,
                translate=lambda argv: translate_argv.get(" ".join(argv), argv),
            )
            for idx, extra in cmd_lines.items():
                if static or (go_run is not None and idx == go_run[0].index):
                    split.runtime_lines[idx] = [*split.runtime_lines.get(idx, []), *extra]
            changes.extend(
                c
                for c in cmd_changes
                if static or (go_run is not None and c.lines == lines_of(go_run[0]))
            )
        split.runtime_comment = "runtime: the binary alone"
        changes.insert(
            0,
            Change(
                self.id,
                "Build in a throw-away stage, ship the binary",
                "The Go toolchain, the sources and the build cache stay in the build stage; the "
                f"runtime stage gets {', '.join(dict.fromkeys(binaries))} and keeps every run-time "
                "instruction (EXPOSE, USER, ENTRYPOINT, CMD, ...).",
                UNSAFE,
                lines_of(builds[0].ins) if builds else lines_of(go_run[0]) if go_run else None,
            ),
        )
        if mapping:
            changes.append(
                Change(
                    self.id,
                    f"Install only {' '.join(pkgs)} in the runtime stage",
                    "; ".join(mapping),
                    UNSAFE,
                    None,
                )
            )
        return Draft(render_split(split), tuple(changes))

    # -- pieces ------------------------------------------------------------------------------

    def _check_static(self, facts: StageFacts) -> None:
        if facts.uses_cgo:
            raise NotApplicable('the code imports "C" (cgo): the binary cannot be static')
        for ins in facts.stage.body:
            if ins.keyword == "ENV":
                for k, v in ins.key_values():
                    if k == "CGO_ENABLED" and v not in ("0", None):
                        raise NotApplicable(f"ENV CGO_ENABLED={v} at line {ins.line}")
        for c in facts.commands:
            for a in c.cmd.assignments:
                if a.startswith("CGO_ENABLED=") and a != "CGO_ENABLED=0":
                    raise NotApplicable(f"{a} at line {c.ins.line}")
        dev = [p for p in facts.apt_packages if p.endswith("-dev")]
        if dev:
            raise NotApplicable(
                f"the build installs {', '.join(dev)}: the program links C libraries"
            )

    def _output(self, facts: StageFacts, c: Cmd) -> str:
        """Where a ``go build``/``go install`` writes its binary (absolute)."""
        if any(x.program == "cd" for x in facts.commands_of(c.ins)):
            raise NotApplicable(f"RUN at line {c.ins.line} changes directory before go build")
        action = go_action(c.cmd)
        args = c.cmd.args[1:]
        flags, pos = _split_go_args(args)
        if len(pos) > 1 and not all(p.endswith(".go") for p in pos):
            raise NotApplicable(f"go {action} at line {c.ins.line} builds several packages")
        wd = facts.workdir_at(c.ins)
        if "-C" in flags:
            raise NotApplicable(f"go {action} -C at line {c.ins.line}")
        name = self._binary_name(facts, pos[0] if pos else ".", wd)
        if action == "install":
            env = facts.env_at(c.ins)
            gobin = env.get("GOBIN") or posixpath.join(env.get("GOPATH") or "/go", "bin")
            return posixpath.join(gobin, name)
        out = flags.get("-o")
        if out is None:
            return posixpath.join(wd, name)
        path = posixpath.normpath(posixpath.join(wd, out))
        return posixpath.join(path, name) if out.endswith("/") else path

    def _binary_name(self, facts: StageFacts, pkg: str, wd: str) -> str:
        if pkg.endswith(".go"):
            return posixpath.basename(pkg)[:-3]
        if pkg in (".", "./"):
            module = facts.go_module
            return posixpath.basename(module) if module else posixpath.basename(wd) or "app"
        if "..." in pkg:
            raise NotApplicable(f"go build {pkg} builds several packages")
        return posixpath.basename(pkg.rstrip("/"))

    def _go_run(self, facts: StageFacts) -> tuple[Instruction, list[str]] | None:
        """The CMD/ENTRYPOINT that runs ``go run``, with its argv."""
        for ins in facts.stage.body:
            if ins.keyword not in ("CMD", "ENTRYPOINT"):
                continue
            argv = list(ins.exec_args) if ins.exec_args is not None else None
            if argv is None:
                argv = simple_shell_words(ins.shell_body or "")
            if argv and posixpath.basename(argv[0]) == "go" and argv[1:2] == ["run"]:
                return ins, argv
        return None

    def _translate_go_run(
        self, facts: StageFacts, ins: Instruction, argv: list[str], static: bool
    ) -> tuple[str, list[str], str]:
        flags, pos = _split_go_args(argv[2:])
        if not pos:
            raise NotApplicable(f"`go run` at line {ins.line} names no package")
        files = []
        while pos and pos[0].endswith(".go"):
            files.append(pos.pop(0))
        pkg = files or [pos.pop(0)]
        wd = facts.workdir_at(ins)
        name = self._binary_name(facts, pkg[0] if not files else files[0], wd)
        binary = posixpath.join("/usr/local/bin", name)
        build_flags = " ".join(
            f"{k}={v}" if v else k for k, v in flags.items() if k not in ("-exec",)
        )
        cgo = "CGO_ENABLED=0 " if static else ""
        flags_text = build_flags + " " if build_flags else ""
        line = f"RUN {cgo}go build {flags_text}-o {binary} {' '.join(pkg)}"
        return binary, [binary, *pos], line

    def _data_copies(self, facts: StageFacts, ins: Instruction, build: str) -> list[str]:
        """Directories a context COPY brought in that the program may read at run time."""
        sources = facts.copy_sources(ins)
        if sources not in (["."], ["./"]) or facts.context_dir is None:
            return []
        dest = facts.copy_destination(ins)
        ignored = set()
        di = facts.context_dir / ".dockerignore"
        if di.is_file():
            ignored = {
                line.strip().strip("/") for line in di.read_text("utf-8", "replace").splitlines()
            }
        out = []
        for p in sorted(facts.context_dir.iterdir()):
            if not p.is_dir() or p.name in _NOT_RUNTIME_DIRS or p.name in ignored:
                continue
            if p.name.startswith(".") or not _has_data(p):
                continue
            target = posixpath.join(dest, p.name)
            out.append(f"COPY --from={build} {target} {target}")
        return out

    def _runtime_packages(
        self, facts: StageFacts, roles: dict[int, Role]
    ) -> tuple[list[str], list[str]]:
        programs = runtime_programs(facts, roles)
        # The CA bundle is copied from the build image instead of installing ca-certificates.
        return runtime_apt_packages(facts, programs, skip=lambda p: p == "ca-certificates")
