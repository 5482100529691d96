"""What a stage does: package installs, builds, working directories, capabilities, context files.

The strategies read a stage through :class:`StageFacts`; everything here is derived from the
parsed Dockerfile and, where given, the files of the build context (requirements files,
``package.json``, ``go.mod``). Nothing here builds or runs anything.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from imgopt.dockerfile import Dockerfile, Instruction, SimpleCommand, Stage, expand, run_commands
from imgopt.knowledge import (
    capabilities_of_apt_package,
    capabilities_of_command,
    default_workdir,
    native_package,
)

if TYPE_CHECKING:
    from imgopt.variants.evidence import BuildEvidence

_APT = frozenset({"apt-get", "apt", "aptitude"})
_APT_VALUE_FLAGS = frozenset({"-o", "-t", "-c", "--option", "--target-release", "--config-file"})
_PIP = frozenset({"pip", "pip3"})
_PYTHON = re.compile(r"python(3(\.\d+)?)?\Z")
_PIP_VALUE_FLAGS = frozenset(
    {
        "-r",
        "--requirement",
        "-c",
        "--constraint",
        "-e",
        "--editable",
        "-i",
        "--index-url",
        "--extra-index-url",
        "-f",
        "--find-links",
        "--target",
        "-t",
        "--prefix",
        "--root",
        "--trusted-host",
        "--platform",
        "--python-version",
        "--implementation",
        "--abi",
        "--cache-dir",
        "--src",
        "--upgrade-strategy",
        "--progress-bar",
        "--log",
        "--timeout",
        "--retries",
        "--proxy",
        "--cert",
        "--client-cert",
        "--python",
    }
)
_COMPILER_PACKAGE = re.compile(r"(gcc|g\+\+|clang|build-essential|cpp)(-[\d.]+)?\Z")
_REQ_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


@dataclass(frozen=True, slots=True)
class Cmd:
    """A simple command of a RUN, with the RUN it belongs to."""

    ins: Instruction
    cmd: SimpleCommand

    @property
    def program(self) -> str:
        """The command name (``pip3``, ``apt-get``)."""
        return self.cmd.program


def apt_install_packages(cmd: SimpleCommand) -> tuple[str, ...] | None:
    """The packages of an ``apt-get install`` (``apt``, ``aptitude``), None for other commands.

    Example:
        ``apt-get -o X=1 install -y --no-install-recommends gcc libpq-dev`` ->
        ``("gcc", "libpq-dev")``.
    """
    if cmd.program not in _APT:
        return None
    args = cmd.args
    out: list[str] = []
    seen_install = False
    skip = False
    for a in args:
        if skip:
            skip = False
            continue
        if a in _APT_VALUE_FLAGS:
            skip = True
            continue
        if a.startswith("-"):
            continue
        if not seen_install:
            if a != "install":
                return None
            seen_install = True
            continue
        out.append(a)
    return tuple(out) if seen_install else None


def apt_subcommand(cmd: SimpleCommand) -> str | None:
    """``update``, ``install``, ``purge``... for an apt command, None for other commands."""
    if cmd.program not in _APT:
        return None
    skip = False
    for a in cmd.args:
        if skip:
            skip = False
            continue
        if a in _APT_VALUE_FLAGS:
            skip = True
            continue
        if not a.startswith("-"):
            return a
    return None


def pip_args(cmd: SimpleCommand) -> tuple[str, ...] | None:
    """The arguments after ``pip`` for ``pip ...``/``python -m pip ...``, else None."""
    argv = cmd.effective_argv
    if not argv:
        return None
    prog = argv[0].rsplit("/", 1)[-1]
    if prog in _PIP or re.fullmatch(r"pip3\.\d+", prog):
        return argv[1:]
    if _PYTHON.match(prog):
        rest = list(argv[1:])
        while rest and rest[0].startswith("-") and rest[0] != "-m":
            rest.pop(0)
        if len(rest) >= 2 and rest[0] == "-m" and rest[1] == "pip":
            return tuple(rest[2:])
        if len(rest) >= 1 and rest[0] == "-mpip":
            return tuple(rest[1:])
    return None


def is_pip_install(cmd: SimpleCommand) -> bool:
    """``pip install ...`` in any of its spellings."""
    args = pip_args(cmd)
    if not args:
        return False
    return next((a for a in args if not a.startswith("-")), None) == "install"


def pip_install_parts(cmd: SimpleCommand) -> tuple[list[str], list[str], list[str]]:
    """(requirement files, packages/paths, editable targets) of a ``pip install``."""
    args = list(pip_args(cmd) or ())
    files: list[str] = []
    packages: list[str] = []
    editable: list[str] = []
    i = 0
    seen_install = False
    while i < len(args):
        a = args[i]
        if not seen_install:
            seen_install = a == "install"
            i += 1
            continue
        if a in ("-r", "--requirement", "-e", "--editable") and i + 1 < len(args):
            (files if a in ("-r", "--requirement") else editable).append(args[i + 1])
            i += 2
            continue
        if a.startswith("--requirement="):
            files.append(a.split("=", 1)[1])
        elif a.startswith("-r") and len(a) > 2:
            files.append(a[2:])
        elif a.startswith("--editable="):
            editable.append(a.split("=", 1)[1])
        elif a in _PIP_VALUE_FLAGS:
            i += 2
            continue
        elif not a.startswith("-"):
            packages.append(a)
        i += 1
    return files, packages, editable


def npm_action(cmd: SimpleCommand) -> str | None:
    """What an npm/yarn/pnpm command does: ``install``, ``ci``, ``build`` (``npm run build``),
    ``run`` (another script), ``prune``, ``test``, or the subcommand; None for other programs."""
    prog = cmd.program
    if prog not in ("npm", "yarn", "pnpm", "npx"):
        return None
    if prog == "npx":
        return "exec"
    sub = cmd.subcommand()
    if prog == "yarn" and sub is None:
        return "install"
    if sub in ("install", "i", "add", "isntall", "in"):
        return "install"
    if sub in ("ci", "clean-install"):
        return "ci"
    if sub in ("run", "run-script"):
        pos = cmd.positionals()
        return "build" if len(pos) > 1 and pos[1] == "build" else "run"
    if sub == "build" and prog in ("yarn", "pnpm"):
        return "build"
    return sub


def go_action(cmd: SimpleCommand) -> str | None:
    """The ``go`` subcommand (``build``, ``install``, ``mod``, ``run``...), None for others."""
    if cmd.program != "go":
        return None
    return cmd.subcommand()


def read_requirements(path: Path, _depth: int = 0) -> list[str]:
    """Requirement names in a requirements file (``-r`` includes followed), lower-cased."""
    try:
        text = path.read_text("utf-8", errors="replace")
    except OSError:
        return []
    out: list[str] = []
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith(("-r ", "--requirement ")) and _depth < 5:
            inc = line.split(None, 1)[1].strip()
            out.extend(read_requirements(path.parent / inc, _depth + 1))
            continue
        if line.startswith("-"):
            continue
        m = _REQ_NAME.match(line)
        if m:
            out.append(m.group(1).lower().replace("_", "-"))
    return out


class StageFacts:
    """Facts about one stage of a parsed Dockerfile, computed once.

    Args:
        dockerfile: the parsed file.
        stage: the stage to describe (usually the final one).
        context_dir: the build context, if known.
        evidence: what the built original showed (:mod:`imgopt.variants.evidence`); None
            before anything is built.
    """

    def __init__(
        self,
        dockerfile: Dockerfile,
        stage: Stage,
        context_dir: str | Path | None = None,
        evidence: BuildEvidence | None = None,
    ) -> None:
        self.df = dockerfile
        self.stage = stage
        self.context_dir = Path(context_dir) if context_dir is not None else None
        self.evidence = evidence

    # -- commands ------------------------------------------------------------------------------

    @cached_property
    def commands(self) -> tuple[Cmd, ...]:
        """Every simple command of the stage's RUNs, in order."""
        return tuple(
            Cmd(ins, c)
            for ins in self.stage.body
            if ins.keyword == "RUN"
            for c in run_commands(ins)
        )

    def commands_of(self, ins: Instruction) -> tuple[Cmd, ...]:
        """The commands of one RUN."""
        return tuple(c for c in self.commands if c.ins is ins)

    @cached_property
    def apt_installs(self) -> tuple[tuple[Cmd, tuple[str, ...]], ...]:
        """Each ``apt-get install`` command with its packages."""
        out = []
        for c in self.commands:
            pkgs = apt_install_packages(c.cmd)
            if pkgs is not None:
                out.append((c, pkgs))
        return tuple(out)

    @cached_property
    def apt_packages(self) -> tuple[str, ...]:
        """Every package the stage installs with apt, in order, without duplicates or
        version pins (``libpq-dev=15.1`` -> ``libpq-dev``)."""
        seen: dict[str, None] = {}
        for _, pkgs in self.apt_installs:
            for p in pkgs:
                seen.setdefault(p.split("=", 1)[0], None)
        return tuple(seen)

    @cached_property
    def pip_installs(self) -> tuple[Cmd, ...]:
        """The ``pip install`` commands."""
        return tuple(c for c in self.commands if is_pip_install(c.cmd))

    @cached_property
    def pip_requirements(self) -> tuple[str, ...]:
        """Names of what ``pip install`` installs: inline packages plus the requirements files
        found in the context (matched by path, then by file name)."""
        names: dict[str, None] = {}
        for c in self.pip_installs:
            files, packages, _ = pip_install_parts(c.cmd)
            for p in packages:
                m = _REQ_NAME.match(p)
                if m and not p.startswith((".", "/")):
                    names.setdefault(m.group(1).lower().replace("_", "-"), None)
            for f in files:
                found = self.context_file(f, self.workdir_at(c.ins))
                if found is not None:
                    for n in read_requirements(found):
                        names.setdefault(n, None)
        return tuple(names)

    @cached_property
    def native_python_runtime(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Python requirements that compile native code: (name, Debian runtime packages)."""
        out = []
        for name in self.pip_requirements:
            pkgs = native_package("python", name)
            if pkgs is not None:
                out.append((name, pkgs))
        return tuple(out)

    # -- paths -----------------------------------------------------------------------------------

    def env_at(self, ins: Instruction) -> dict[str, str | None]:
        """ARG/ENV values in effect before ``ins`` (global ARG defaults included)."""
        env: dict[str, str | None] = dict(self.df.arg_values)
        for other in self.stage.body:
            if other.index >= ins.index:
                break
            if other.keyword in ("ENV", "ARG"):
                for k, v in other.key_values():
                    if v is not None or k not in env:
                        env[k] = v if v is None else expand(v, env)
        return env

    def workdir_at(self, ins: Instruction | None) -> str:
        """The working directory in effect at ``ins`` (None: at the end of the stage)."""
        wd = default_workdir(self.stage.image) if self.stage.image is not None else "/"
        for other in self.stage.body:
            if ins is not None and other.index >= ins.index:
                break
            if other.keyword == "WORKDIR" and other.args:
                path = expand(other.args[0], self.env_at(other))
                wd = posixpath.normpath(posixpath.join(wd, path))
        return wd

    def user_at(self, ins: Instruction | None) -> str | None:
        """The USER in effect at ``ins`` (None: never set in this stage)."""
        user: str | None = None
        for other in self.stage.body:
            if ins is not None and other.index >= ins.index:
                break
            if other.keyword == "USER" and other.args:
                user = other.args[0]
        return user

    def copy_destination(self, ins: Instruction) -> str:
        """Where a COPY/ADD puts its files, as an absolute path (trailing ``/`` dropped)."""
        args = [a for a in ins.args if a]
        dest = args[-1] if args else "."
        if ins.heredocs and len(args) == 1:
            dest = args[0]
        dest = expand(dest, self.env_at(ins))
        return posixpath.normpath(posixpath.join(self.workdir_at(ins), dest))

    def copy_sources(self, ins: Instruction) -> list[str]:
        """The sources of a COPY/ADD (heredoc names excluded)."""
        args = [a for a in ins.args if a]
        names = {f"<<{h.name}" for h in ins.heredocs} | {f"<<-{h.name}" for h in ins.heredocs}
        return [a for a in args[:-1] if a not in names and not a.startswith("<<")]

    def is_context_copy(self, ins: Instruction) -> bool:
        """A COPY/ADD that reads the build context (not ``--from``, not a heredoc-only COPY)."""
        if ins.keyword not in ("COPY", "ADD") or ins.flag("from") is not None:
            return False
        return bool(self.copy_sources(ins))

    def context_file(self, path: str, workdir: str = "/") -> Path | None:
        """Best guess of the context file behind an image path used by a RUN."""
        if self.context_dir is None:
            return None
        candidates = [path.lstrip("/"), posixpath.basename(path)]
        if not path.startswith("/"):
            candidates.insert(0, posixpath.normpath(posixpath.join(workdir, path)).lstrip("/"))
        for c in candidates:
            p = self.context_dir / c
            if c and p.is_file():
                return p
        return None

    # -- context -------------------------------------------------------------------------------

    @cached_property
    def package_json(self) -> dict[str, Any] | None:
        """The context's ``package.json``, parsed (None when absent or malformed)."""
        return self._json("package.json")

    def _json(self, name: str) -> dict[str, Any] | None:
        if self.context_dir is None:
            return None
        try:
            data = json.loads((self.context_dir / name).read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def has_context_file(self, *names: str) -> bool:
        """Whether any of ``names`` exists at the top of the context."""
        return self.context_dir is not None and any((self.context_dir / n).exists() for n in names)

    def context_entries(self) -> list[str]:
        """Top-level names in the context, sorted (empty without a context)."""
        if self.context_dir is None or not self.context_dir.is_dir():
            return []
        return sorted(p.name for p in self.context_dir.iterdir())

    @cached_property
    def go_module(self) -> str | None:
        """The module path in the context's ``go.mod``."""
        if self.context_dir is None:
            return None
        try:
            text = (self.context_dir / "go.mod").read_text("utf-8", errors="replace")
        except OSError:
            return None
        m = re.search(r"^\s*module\s+(\S+)", text, re.M)
        return m.group(1).strip('"') if m else None

    @cached_property
    def uses_cgo(self) -> bool:
        """A Go file in the context imports ``"C"`` (cgo needs libc at run time)."""
        if self.context_dir is None:
            return False
        pattern = re.compile(r'^\s*import\s+"C"', re.M)
        for n, path in enumerate(sorted(self.context_dir.rglob("*.go"))):
            if n > 2000:
                break
            if "vendor" in path.parts:
                continue
            try:
                if pattern.search(path.read_text("utf-8", errors="replace")):
                    return True
            except OSError:
                continue
        return False

    # -- capabilities --------------------------------------------------------------------------

    @cached_property
    def provided_capabilities(self) -> frozenset[str]:
        """Capabilities the stage installs itself (``apt-get install gcc`` -> compilers)."""
        caps: set[str] = set()
        compilers = False
        for p in self.apt_packages:
            caps |= capabilities_of_apt_package(p) | capabilities_of_command(p)
            if p.startswith("python3"):
                caps.add("python")
            compilers |= bool(_COMPILER_PACKAGE.match(p))
        if not compilers:
            # make and cmake count as "compilers" in the capability table (a stage calling them
            # needs a toolchain), but installing them does not bring gcc along.
            caps.discard("compilers")
        return frozenset(caps)

    @cached_property
    def used_capabilities(self) -> frozenset[str]:
        """Capabilities the stage's commands need from its image (before subtracting what the
        stage installs itself)."""
        caps: set[str] = set()
        for c in self.commands:
            caps |= capabilities_of_command(c.program)
        for ins in self.stage.body:
            if ins.keyword == "RUN" and not ins.is_exec_form:
                caps.add("shell")
            if ins.keyword in ("CMD", "ENTRYPOINT", "HEALTHCHECK"):
                argv = ins.exec_args
                if argv is None and ins.shell_body:
                    caps.add("shell")
                elif argv:
                    caps |= capabilities_of_command(argv[0])
        if self.native_python_runtime and self.pip_installs:
            caps |= {"compilers", "dev-headers"}
        if self.native_node_packages and any(
            npm_action(c.cmd) in ("install", "ci") for c in self.commands
        ):
            caps |= {"compilers", "python"}
        return frozenset(caps)

    @property
    def needed_capabilities(self) -> frozenset[str]:
        """What the stage needs its base image to provide."""
        return self.used_capabilities - self.provided_capabilities

    @cached_property
    def native_node_packages(self) -> tuple[str, ...]:
        """npm dependencies (all kinds) known to build native addons."""
        pkg = self.package_json or {}
        out: list[str] = []
        for key in ("dependencies", "devDependencies", "optionalDependencies"):
            deps = pkg.get(key) or {}
            if isinstance(deps, dict):
                out.extend(n for n in deps if native_package("node", n) is not None)
        return tuple(dict.fromkeys(out))

    def iter_instructions(self, *keywords: str) -> Iterator[Instruction]:
        """The stage's body instructions with one of ``keywords``."""
        for ins in self.stage.body:
            if ins.keyword in keywords:
                yield ins
