"""Compiled code and other built stacks: a runtime stage derived from the built original.

A plan made before anything is built cannot know what a compiled program needs at run time: the
old strategy copied the install prefix and guessed the run-time packages from a table of Debian
12's names, and on real Dockerfiles it lost apps placed elsewhere (``/usr/src/redmine``,
``/cpuminer``), runtime packages and init scripts, and named packages another release lacks. So
this strategy proposes only from evidence (:class:`imgopt.variants.evidence.BuildEvidence`,
gathered by :mod:`imgopt.analyze.evidence` after the bench built and verified the original):

- the build stage is the original stage, unchanged up to its last RUN/COPY/ADD;
- the runtime stage starts from the same base (``multistage``) or from the same release's slim
  image (``multistage-slim``, only when its ``/etc/os-release`` names the original's release),
  installs with ``--no-install-recommends`` the packages that own the libraries the copied
  binaries load (``ldd``, ``dpkg-query -S`` in the original: this release's names), the entry
  program's and the closure's packages, and the Dockerfile's own runtime installs; then copies
  from the build stage every added root the evidence names (see
  :func:`~imgopt.variants.evidence.derive_runtime`), refreshes the linker cache when a library
  was copied, and replays every run-time setting (ENV, WORKDIR, USER, EXPOSE, CMD...).

Without evidence (``propose``, ``analyze --no-build``) nothing is proposed, and the reason says
why. Distroless is not proposed: every shared library would have to be copied by hand.
"""

from __future__ import annotations

import json
import posixpath

from imgopt.knowledge import apt_build_only
from imgopt.variants.analysis import Cmd, StageFacts
from imgopt.variants.evidence import (
    BuildEvidence,
    NoRuntime,
    RuntimeStage,
    derive_runtime,
    slim_base_for,
)
from imgopt.variants.model import Change
from imgopt.variants.split import Role, Split, render_split
from imgopt.variants.strategies.base import (
    UNSAFE,
    Draft,
    NotApplicable,
    Strategy,
    Target,
    apt_install_run,
    lines_of,
    runtime_programs,
)

NO_EVIDENCE = (
    "compiled code: the runtime stage is derived from the built original (the files its layers "
    "add, the libraries its binaries load, their packages in its release), and nothing was "
    "built to read them from (propose, or analyze --no-build); imgopt proposes no guessed "
    "runtime stage"
)

#: Bytes a runtime stage on the original's own base must leave behind to be proposed.
WORTH_A_STAGE = 1_000_000

#: Programs that compile or drive a compilation.
_COMPILERS = frozenset(
    {"gcc", "g++", "cc", "c++", "clang", "clang++", "make", "gmake", "cmake", "ninja", "meson"}
)
_CONFIGURE = frozenset({"./configure", "configure", "autoreconf", "./autogen.sh", "autogen.sh"})


def is_compile(c: Cmd) -> bool:
    """A command that compiles or configures a build (``make``, ``gcc``, ``./configure``)."""
    argv = c.cmd.effective_argv
    word = argv[0] if argv else c.program
    return c.program in _COMPILERS or word in _CONFIGURE or c.program in _CONFIGURE


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
    """Split off the build of compiled code, keeping what the built original shows it needs."""

    id = "compiled-evidence"
    ecosystem = "compiled code"

    def detect(self, facts: StageFacts) -> bool:
        return any(is_install(c) or is_compile(c) for c in facts.commands)

    def propose(self, facts: StageFacts, target: Target) -> Draft:
        evidence = facts.evidence
        if evidence is None:
            raise NotApplicable(NO_EVIDENCE)
        stage = facts.stage
        if stage.image is None:
            raise NotApplicable("the stage starts FROM another stage")
        if target is Target.DISTROLESS:
            raise NotApplicable(
                "a compiled program's shared libraries would have to be copied into distroless "
                "by hand; not proposed"
            )
        if target is Target.MULTISTAGE:
            runtime_ref, written = stage.base_resolved, stage.base
        else:
            slim = slim_base_for(evidence.release)
            if slim is None:
                raise NotApplicable(
                    f"no slim image is known for the original's release "
                    f"({evidence.release or 'unknown'})"
                )
            if slim == stage.base_resolved:
                raise NotApplicable(f"{slim} is already the original's base")
            runtime_ref = written = slim
        roles = {
            ins.index: Role.BUILD if ins.keyword in ("RUN", "COPY", "ADD") else Role.META
            for ins in stage.body
        }
        try:
            runtime = derive_runtime(
                evidence,
                runtime_ref,
                explicit_packages=_explicit_packages(facts, roles),
                context_destinations=[
                    facts.copy_destination(i) for i in stage.body if facts.is_context_copy(i)
                ],
                build_dirs=_build_dirs(facts),
            )
        except NoRuntime as exc:
            raise NotApplicable(str(exc)) from None
        left = sum(r.bytes for r, _ in runtime.dropped)
        if runtime_ref == stage.base_resolved and left < WORTH_A_STAGE:
            raise NotApplicable(
                f"on the same base, the runtime stage would leave behind only {left / 1e6:.2f} "
                "MB of the Dockerfile's own files; not worth a second stage"
            )
        split = Split(facts, roles, runtime_image=written)
        split.runtime_head = _runtime_lines(runtime, split.build_name)
        split.runtime_comment = "runtime: what the built original shows the program needs"
        return Draft(render_split(split), _changes(self.id, facts, runtime, runtime_ref, evidence))


def _explicit_packages(facts: StageFacts, roles: dict[int, Role]) -> list[str]:
    """The Dockerfile's own apt installs that are for run time: no toolchain, no ``-dev``."""
    programs = runtime_programs(facts, roles)
    out = []
    for p in facts.apt_packages:
        kind = apt_build_only(p)
        if p.endswith("-dev") or kind == "always" or (kind == "unless_used" and p not in programs):
            continue
        out.append(p)
    return out


def _build_dirs(facts: StageFacts) -> list[str]:
    """Where the build steps work: their WORKDIR, and the folders they ``cd`` into."""
    out: dict[str, None] = {}
    for c in facts.commands:
        if not (is_compile(c) or is_install(c) or c.program == "cd"):
            continue
        wd = facts.workdir_at(c.ins)
        if c.program == "cd":
            pos = c.cmd.positionals()
            if pos and "$" not in pos[0]:
                out.setdefault(posixpath.normpath(posixpath.join(wd, pos[0])), None)
        else:
            out.setdefault(wd, None)
    return [d for d in out if d != "/"]


def _copy_lines(runtime: RuntimeStage, stage: str) -> list[str]:
    """One COPY per folder, one per folder of files (``COPY --from=build a b /dir/``)."""
    lines: list[str] = []
    files: dict[str, list[str]] = {}
    for path in runtime.copies:
        if path in runtime.folders:
            lines.append(_copy(stage, [path], path))
        else:
            files.setdefault(posixpath.dirname(path), []).append(path)
    for folder, paths in files.items():
        if len(paths) == 1:
            lines.append(_copy(stage, paths, paths[0]))
        else:
            lines.append(_copy(stage, paths, folder.rstrip("/") + "/"))
    return lines


def _copy(stage: str, sources: list[str], dest: str) -> str:
    words = [*sources, dest]
    if any(any(ch.isspace() for ch in w) or '"' in w for w in words):
        return f"COPY --from={stage} {json.dumps(words)}"
    return f"COPY --from={stage} {' '.join(words)}"


def _runtime_lines(runtime: RuntimeStage, build: str) -> list[str]:
    lines = [apt_install_run(runtime.packages)] if runtime.packages else []
    lines.extend(_copy_lines(runtime, build))
    if runtime.ldconfig:
        lines.append("RUN ldconfig")
    return lines


def _changes(
    source: str,
    facts: StageFacts,
    runtime: RuntimeStage,
    runtime_ref: str,
    evidence: BuildEvidence,
) -> tuple[Change, ...]:
    mb = sum(r.bytes for r, _ in runtime.dropped) / 1e6
    left = "; ".join(f"{r.path} ({why}, {r.bytes / 1e6:.1f} MB)" for r, why in runtime.dropped)
    first = facts.stage.body[0] if facts.stage.body else facts.stage.from_instruction
    changes = [
        Change(
            source,
            "Build in a throw-away stage; copy what the built original shows the program needs",
            f"The runtime stage copies {', '.join(runtime.copies) or 'nothing'} from the build "
            f"stage and leaves behind {left or 'nothing but the toolchain'} ({mb:.1f} MB of "
            "the Dockerfile's own files), decided from the original's layers, the libraries "
            "its binaries load (ldd)"
            + (", the files the app opened" if evidence.closure is not None else "")
            + " and its entrypoint; run-time settings are replayed.",
            UNSAFE,
            lines_of(first),
        )
    ]
    if runtime_ref != facts.stage.base_resolved:
        changes.append(
            Change(
                source,
                f"Run on {runtime_ref}",
                f"The same release as the original ({evidence.release}, read from "
                "/etc/os-release in both images), without compilers and -dev packages.",
                UNSAFE,
                lines_of(facts.stage.from_instruction),
            )
        )
    if runtime.packages:
        why = "; ".join(f"{p}: {runtime.why_packages[p]}" for p in runtime.packages)
        changes.append(
            Change(
                source,
                f"Install only {' '.join(runtime.packages)} in the runtime stage",
                f"Named by the original's own package database for {evidence.release} "
                f"(dpkg-query -S): {why}.",
                UNSAFE,
                None,
            )
        )
    return tuple(changes)
