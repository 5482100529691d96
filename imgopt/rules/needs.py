"""What a stage needs from its base image: capabilities in the vocabulary of
``imgopt/knowledge/base_images.toml`` (``compilers``, ``dev-headers``, ``shell``, ``curl``...).

A capability the Dockerfile installs itself (``apt-get install -y gcc``) is not needed from the
base image: a slimmer sibling that lacks it still works, because the install runs there too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from imgopt.dockerfile import Instruction, SimpleCommand, Stage, split_commands
from imgopt.knowledge import capabilities_of_apt_package, capabilities_of_command, native_package
from imgopt.rules.base import LintContext
from imgopt.rules.helpers import (
    apt_packages,
    apt_subcommand,
    cargs,
    is_npm_install,
    is_yarn_install,
    option_positionals,
    pip_call,
    pip_packages,
    pip_requirement_files,
    prog,
)

_REQ_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def _package_caps(pkg: str) -> set[str]:
    name = re.split(r"[=:<>~]", pkg, maxsplit=1)[0]
    caps = set(capabilities_of_apt_package(name)) | set(capabilities_of_command(name))
    if name in ("git", "mercurial", "subversion"):
        caps.add("vcs")
    if name.startswith("python3") or name == "python-is-python3":
        caps.add("python")
    return caps


def requirement_names(ctx: LintContext, call_files: Iterable[str]) -> list[str]:
    """Package names in requirements files read from the build context (best effort)."""
    out: list[str] = []
    for f in call_files:
        text = ctx.read_context_file(f.lstrip("./")) if "$" not in f else None
        if text is None:
            continue
        for line in text.splitlines():
            s = line.split("#", 1)[0].strip()
            if not s or s.startswith("-"):
                continue
            if s.startswith("git+"):
                out.append("git+")
                continue
            m = _REQ_NAME.match(s)
            if m:
                out.append(m.group(1))
    return out


def command_needs(ctx: LintContext, cmd: SimpleCommand) -> set[str]:
    """Capabilities one command uses."""
    needs = set(capabilities_of_command(prog(cmd))) if prog(cmd) else set()
    call = pip_call(cmd)
    if call is not None and call.sub == "install":
        needs.add("pip")
        names = pip_packages(call) + requirement_names(ctx, pip_requirement_files(call))
        for n in names:
            if n.startswith("git+"):
                needs.add("vcs")
            elif native_package("python", n) is not None and "binary" not in n:
                needs.update({"compilers", "dev-headers"})
    if is_npm_install(cmd) or is_yarn_install(cmd):
        pkg = ctx.package_json or {}
        deps = {**(pkg.get("dependencies") or {}), **(pkg.get("devDependencies") or {})}
        if any(native_package("node", n) is not None for n in deps):
            needs.update({"compilers", "python"})
        if any(
            isinstance(v, str) and v.startswith(("git+", "git:", "github:")) for v in deps.values()
        ):
            needs.add("vcs")
    go_build = prog(cmd) == "go" and cargs(cmd)[:1] in (("build",), ("install",))
    if go_build and "CGO_ENABLED=0" not in cmd.assignments:
        needs.add("cgo")
    return needs


def command_provides(cmd: SimpleCommand) -> set[str]:
    """Capabilities a command installs (apt/apk/dnf packages)."""
    out: set[str] = set()
    if apt_subcommand(cmd) == "install":
        for p in apt_packages(cmd):
            out |= _package_caps(p)
    elif prog(cmd) in ("apk", "dnf", "yum", "microdnf", "zypper"):
        pos = option_positionals(cargs(cmd), frozenset({"-t", "--virtual", "--setopt", "-X"}))
        if pos[:1] in (["add"], ["install"], ["in"]):
            for p in pos[1:]:
                out |= _package_caps(p)
                if p in ("build-base", "alpine-sdk", "gcc-c++") or p.endswith("-devel"):
                    out |= {"compilers", "dev-headers"}
    return out


def _runtime_commands(ins: Instruction) -> list[SimpleCommand]:
    body = ins.shell_body
    if body is not None:
        return list(split_commands(body))
    argv = ins.exec_args
    if argv:
        return list(split_commands(" ".join(_quote(a) for a in argv[:1])))
    return []


def _quote(word: str) -> str:
    return "'" + word.replace("'", "'\\''") + "'"


def stage_needs(ctx: LintContext, stage: Stage) -> frozenset[str]:
    """Capabilities ``stage`` (with the stages it is built FROM) needs from its base image."""
    needs: set[str] = set()
    provided: set[str] = set()
    env: dict[str, str] = {}
    for ins in ctx.layers_of(stage):
        kw = ins.keyword
        if kw == "ENV":
            env.update({k: v or "" for k, v in ins.key_values()})
        if kw == "SHELL" and ins.exec_args:
            needs.update(capabilities_of_command(ins.exec_args[0]))
            needs.add("shell")
        if kw == "RUN":
            if not ins.is_exec_form:
                needs.add("shell")
            for cmd in ctx.commands(ins):
                wanted = command_needs(ctx, cmd)
                if "cgo" in wanted and env.get("CGO_ENABLED") == "0":
                    wanted.discard("cgo")
                needs |= wanted - provided
                provided |= command_provides(cmd)
        elif kw in ("CMD", "ENTRYPOINT", "HEALTHCHECK"):
            if ins.shell_body is not None:
                needs.add("shell")
            for cmd in _runtime_commands(ins):
                needs |= set(capabilities_of_command(prog(cmd))) - provided
    return frozenset(needs)
