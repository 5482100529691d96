"""Compiled code in general: ``make install`` (or cmake/ninja/meson) into a prefix that is copied.

Best effort. The build stage is the original stage up to its last install step; the runtime stage
installs the runtime libraries of the ``-dev`` packages the build used, copies the install prefix
(``/usr/local`` unless ``--prefix``/``CMAKE_INSTALL_PREFIX``/``PREFIX=`` says otherwise), refreshes
the linker cache for ``/usr/local/lib``, and replays the run-time instructions. Context COPYs
before the install (the sources) stay in the build stage; those after it are replayed.
Distroless is not proposed: every shared library the program loads would have to be found and
copied by hand.

Disabled (issue 13): on real Dockerfiles the guessed runtime stage lost what the install prefix
does not hold, so :data:`EVIDENCE_BASED_RUNTIME` keeps the strategy from proposing until the
runtime stage can be derived from the built original; the skip reason says so.
"""

from __future__ import annotations

from imgopt.knowledge import distro_of, siblings
from imgopt.variants.analysis import Cmd, StageFacts
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
    classify_runs,
    image_text,
    lines_of,
    runtime_apt_packages,
    runtime_programs,
)

_USER_SETUP = frozenset({"useradd", "adduser", "groupadd", "addgroup", "usermod"})

#: What a compiled program's runtime stage needs can only be read from the built original: the
#: files each layer added (an app downloaded to /usr/src/redmine, a binary moved to /cpuminer,
#: init scripts copied before the build), the shared libraries its binaries link, and the
#: packages of the base's own release that hold them (``dpkg -S``). A plan is made before
#: anything is built, so it has none of that: copying only the install prefix and guessing the
#: run-time packages (Debian 12's names whatever the release) lost files in most real cases.
#: Until the plan is given that evidence, no compiled multi-stage is proposed.
EVIDENCE_BASED_RUNTIME = False
NO_EVIDENCE = (
    "compiled code: the runtime stage must come from the built original (the files its layers "
    "add, the libraries its binaries link, their packages in this release), and a plan has no "
    "build to read them from; imgopt proposes no guessed runtime stage"
)


def is_install(c: Cmd) -> bool:
    """``make install``, ``cmake --install``, ``cmake --build X --target install``, ``ninja
    install``, ``meson install``."""
    prog, args = c.program, c.cmd.args
    if prog in ("make", "gmake", "ninja"):
        return "install" in c.cmd.positionals()
    if prog == "cmake":
        if "--install" in args:
            return True
        return "--target" in args and args[args.index("--target") + 1 :][:1] == ("install",)
    return prog == "meson" and c.cmd.subcommand() == "install"


def install_prefix(c: Cmd) -> str | None:
    """The prefix a configure/cmake/make/meson command names, if any."""
    args = list(c.cmd.args)
    for a in c.cmd.assignments:
        if a.split("=", 1)[0] in ("PREFIX", "prefix"):
            return a.split("=", 1)[1]
    for i, a in enumerate(args):
        for key in ("--prefix=", "-DCMAKE_INSTALL_PREFIX=", "-DCMAKE_INSTALL_PREFIX:PATH="):
            if a.startswith(key):
                return a[len(key) :]
        if a == "--prefix" and i + 1 < len(args):
            return args[i + 1]
        if (
            c.program in ("make", "gmake")
            and "=" in a
            and a.split("=", 1)[0] in ("PREFIX", "prefix")
        ):
            return a.split("=", 1)[1]
    return None


class CompiledStrategy(Strategy):
    """Copy an install prefix out of a build stage."""

    id = "compiled-prefix"
    ecosystem = "compiled code"

    def detect(self, facts: StageFacts) -> bool:
        return any(is_install(c) for c in facts.commands)

    def propose(self, facts: StageFacts, target: Target) -> Draft:
        if not EVIDENCE_BASED_RUNTIME:
            raise NotApplicable(NO_EVIDENCE)
        stage = facts.stage
        if stage.image is None:
            raise NotApplicable("the stage starts FROM another stage")
        if target is Target.DISTROLESS:
            raise NotApplicable(
                "a compiled program's shared libraries would have to be copied into distroless "
                "by hand; not proposed"
            )
        installs = [c for c in facts.commands if is_install(c)]
        last_install = installs[-1].ins
        prefixes = {p for c in facts.commands if (p := install_prefix(c)) is not None}
        if len(prefixes) > 1:
            raise NotApplicable(f"the build installs into several prefixes: {sorted(prefixes)}")
        prefix = (prefixes.pop() if prefixes else "/usr/local").rstrip("/") or "/"
        if prefix in ("/", "/usr", "/opt"):
            raise NotApplicable(f"the build installs into {prefix}, mixed with other files")

        def build(c: Cmd) -> bool:
            return c.ins.index <= last_install.index and c.program not in _USER_SETUP

        roles = classify_runs(facts, build)
        split = Split(facts, roles, runtime_image="")
        changes: list[Change] = []
        base = stage.base_resolved
        if target is Target.MULTISTAGE:
            split.runtime_image = stage.base
            changes.append(
                Change(
                    self.id,
                    f"Run on {base}, without the toolchain",
                    "The runtime stage starts from the same image as the original.",
                    SAFE,
                    lines_of(stage.from_instruction),
                )
            )
        else:
            cands = [s for s in siblings(stage.image) if s.kind == "slim"]
            same = [s for s in cands if distro_of(s.ref) == distro_of(stage.image)]
            if not same:
                raise NotApplicable(
                    f"{base} has no slim sibling on the same distribution release (a binary "
                    "built against one glibc may not run on another)"
                )
            sib = max(same, key=lambda s: (len(s.lacks), -same.index(s)))
            split.runtime_image = image_text(stage, sib.ref)
            changes.append(Change(self.id, f"Run on {sib.ref}", sib.note + ".", UNSAFE, None))
        programs = runtime_programs(facts, roles)
        pkgs, mapping = runtime_apt_packages(facts, programs)

        lines = [apt_install_run(pkgs)] if pkgs else []
        lines.append(f"COPY --from={split.build_name} {prefix} {prefix}")
        if prefix == "/usr/local":
            lines.append("RUN ldconfig")
        split.runtime_lines[last_install.index] = lines
        for ins in stage.body:
            if roles.get(ins.index) is Role.CONTEXT and ins.index < last_install.index:
                split.runtime_lines[ins.index] = []
        if pkgs:
            changes.append(
                Change(
                    self.id,
                    f"Install only {' '.join(pkgs)} in the runtime stage",
                    "The compilers and -dev headers stay in the build stage"
                    + (f" ({'; '.join(mapping)})" if mapping else "")
                    + ".",
                    UNSAFE,
                    None,
                )
            )
        split.runtime_comment = f"runtime: what the install step put in {prefix}"
        changes.insert(
            0,
            Change(
                self.id,
                f"Build in a throw-away stage, copy {prefix}",
                "Compilers, -dev headers, sources and build trees stay in the build stage; the "
                f"runtime stage copies the install prefix {prefix} and keeps every run-time "
                "instruction.",
                UNSAFE,
                lines_of(last_install),
            ),
        )
        return Draft(render_split(split), tuple(changes))
