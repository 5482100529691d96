"""What every multi-stage strategy shares: targets, drafts, the not-applicable signal, RUN
classification, runtime-image choice and the translations a distroless runtime needs."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from imgopt.dockerfile import Instruction, Stage, exec_form
from imgopt.knowledge import (
    Sibling,
    apt_build_only,
    check_packages,
    distro_of,
    runtime_packages,
    siblings,
)
from imgopt.rules import Applicability
from imgopt.variants.analysis import Cmd, StageFacts, apt_subcommand
from imgopt.variants.model import Change
from imgopt.variants.split import Role

UNSAFE = Applicability.UNSAFE
SAFE = Applicability.SAFE


class Target(StrEnum):
    """The runtime a multi-stage strategy is asked for (the variant names)."""

    #: Runtime on the original base image.
    MULTISTAGE = "multistage"
    #: Runtime on the slim sibling of the original base.
    MULTISTAGE_SLIM = "multistage-slim"
    #: Runtime on a distroless image.
    DISTROLESS = "distroless"


class NotApplicable(Exception):
    """The strategy cannot produce this target; the message says why (shown to the user)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Draft:
    """A strategy's output before hygiene and availability checks.

    Attributes:
        text: the complete Dockerfile.
        changes: what the strategy did.
        notes: remarks that are not changes.
    """

    text: str
    changes: tuple[Change, ...]
    notes: tuple[str, ...] = ()


class Strategy(ABC):
    """A multi-stage rewrite for one ecosystem.

    Class attributes:
        id: the strategy id changes cite (``"python-venv"``).
        ecosystem: what it handles, for messages (``"Python"``).
    """

    id: ClassVar[str]
    ecosystem: ClassVar[str]

    @abstractmethod
    def detect(self, facts: StageFacts) -> bool:
        """Whether the stage builds something this strategy knows how to split off."""

    @abstractmethod
    def propose(self, facts: StageFacts, target: Target) -> Draft:
        """The complete two-stage Dockerfile for ``target``.

        Raises:
            NotApplicable: this target cannot be made to work here (the reason is reported).
        """


# -- RUN classification --------------------------------------------------------------------

#: Commands that prepare the runtime filesystem; a RUN made only of these (and neutral
#: commands) is replayed in the runtime stage.
SETUP_PROGRAMS = frozenset(
    {
        "useradd",
        "adduser",
        "groupadd",
        "addgroup",
        "usermod",
        "mkdir",
        "chown",
        "chmod",
        "chgrp",
        "ln",
        "touch",
        "cp",
        "mv",
        "sed",
        "tee",
        "install",
        "update-ca-certificates",
        "ldconfig",
        "locale-gen",
        "setcap",
    }
)
#: Commands that neither build nor set anything up by themselves.
NEUTRAL_PROGRAMS = frozenset(
    {"cd", "set", "export", "true", ":", "echo", "printf", "test", "[", "rm", "sleep", "ls", "cat"}
)


def classify_runs(
    facts: StageFacts,
    is_build: Callable[[Cmd], bool],
    *,
    is_setup: Callable[[Cmd], bool] | None = None,
) -> dict[int, Role]:
    """Roles for every body instruction of the stage.

    A RUN is BUILD when it has a build command and no setup command, SETUP when it only has
    setup or neutral commands.

    Raises:
        NotApplicable: a RUN mixes build and setup commands, or runs something unknown.
    """
    roles: dict[int, Role] = {}
    for ins in facts.stage.body:
        if ins.keyword in ("COPY", "ADD") and facts.is_context_copy(ins):
            roles[ins.index] = Role.CONTEXT
            continue
        if ins.keyword != "RUN":
            roles[ins.index] = Role.META
            continue
        build: list[str] = []
        setup: list[str] = []
        unknown: list[str] = []
        for c in facts.commands_of(ins):
            if is_build(c):
                build.append(c.program)
            elif c.program in SETUP_PROGRAMS or (is_setup is not None and is_setup(c)):
                setup.append(c.program)
            elif c.program not in NEUTRAL_PROGRAMS:
                unknown.append(c.program)
        if unknown:
            raise NotApplicable(
                f"RUN at line {ins.line} runs {_names(unknown)}, which this strategy cannot place "
                "in a build or a runtime stage"
            )
        if build and setup:
            raise NotApplicable(
                f"RUN at line {ins.line} mixes build steps ({_names(build)}) with run-time set-up "
                f"({_names(setup)})"
            )
        roles[ins.index] = Role.BUILD if build else Role.SETUP
    return roles


def is_apt(c: Cmd) -> bool:
    """Any apt-get/apt/dpkg command (installing, updating, cleaning)."""
    return apt_subcommand(c.cmd) is not None or c.program in ("dpkg", "apt-get", "apt")


def _names(items: Iterable[str]) -> str:
    return ", ".join(f"`{n}`" for n in dict.fromkeys(items))


# -- runtime images ------------------------------------------------------------------------


def sibling_of_kind(stage: Stage, *kinds: str) -> Sibling | None:
    """The first sibling of the stage's base with one of ``kinds``."""
    if stage.image is None:
        return None
    for s in siblings(stage.image):
        if s.kind in kinds:
            return s
    return None


def image_text(stage: Stage, ref: str) -> str:
    """How to write ``ref`` in a FROM next to the stage's own: when the stage's base uses ARGs
    (``python:${PY}``) and ``ref`` only adds a suffix (``-slim``), keep the ARG."""
    if stage.base != stage.base_resolved and ref.startswith(stage.base_resolved):
        return stage.base + ref[len(stage.base_resolved) :]
    return ref


# -- apt in a runtime stage ----------------------------------------------------------------


def runtime_apt_packages(
    facts: StageFacts,
    programs: frozenset[str],
    *,
    skip: Callable[[str], bool] | None = None,
) -> tuple[list[str], list[str]]:
    """The apt packages a runtime stage needs, and how each -dev package was mapped.

    Build-only packages (toolchains, Python packaging, fetch tools the runtime does not call) stay
    behind; a ``-dev`` package becomes its runtime library (``libpq-dev`` -> ``libpq5``), or
    stays when that is unknown; anything else (``ffmpeg``, ``tzdata``) is kept.

    Args:
        facts: the stage.
        programs: what the runtime stage calls (see :func:`runtime_programs`).
        skip: packages the strategy handles itself.
    """
    pkgs: list[str] = []
    mapping: list[str] = []
    for p in facts.apt_packages:
        if skip is not None and skip(p):
            continue
        kind = apt_build_only(p)
        if kind == "always" or (kind == "unless_used" and p not in programs):
            continue
        if p.endswith("-dev"):
            rt = runtime_packages(p)
            if rt is None:
                pkgs.append(p)
                mapping.append(f"{p} kept: its runtime library is not known")
            elif rt and (unconfirmed := _not_in_release(facts, rt)):
                # The table holds Debian 12's names (libssl3); other releases name them
                # otherwise (libssl1.1): keep the -dev package, which depends on the right one.
                pkgs.append(p)
                mapping.append(f"{p} kept: {unconfirmed}")
            elif rt:
                pkgs.extend(rt)
                mapping.append(f"{p} -> {', '.join(rt)}")
            continue
        pkgs.append(p)
    return list(dict.fromkeys(pkgs)), mapping


def _not_in_release(facts: StageFacts, packages: Sequence[str]) -> str | None:
    """Why mapped runtime packages cannot be used on the stage's release, or None when its
    package index has every one of them."""
    image = facts.stage.image
    release = distro_of(image) if image is not None else None
    if release is None:
        return "the base image's release is not known, so its runtime package is not either"
    check = check_packages(release, packages)
    if check.ok:
        return None
    if check.index is None:
        return f"{', '.join(packages)} cannot be confirmed in {release} (no package index)"
    return f"{', '.join(check.missing)} is not in Debian {release}"


def apt_install_run(packages: Iterable[str]) -> str:
    """A RUN installing ``packages`` without recommends and removing apt's lists."""
    pkgs = " ".join(dict.fromkeys(packages))
    return (
        "RUN apt-get update \\\n"
        f"    && apt-get install -y --no-install-recommends {pkgs} \\\n"
        "    && rm -rf /var/lib/apt/lists/*"
    )


# -- run-time instructions -----------------------------------------------------------------

_SHELL_META = re.compile(r"[$`|&;<>(){}*?!~\\\"'#\n=]")


def simple_shell_words(body: str) -> list[str] | None:
    """Split a shell-form command into words when no shell feature is used (no variables,
    quotes, operators, globs), else None: ``python app.py`` -> ``["python", "app.py"]``."""
    body = body.strip()
    if not body or _SHELL_META.search(body):
        return None
    return body.split()


def runtime_programs(facts: StageFacts, roles: dict[int, Role]) -> frozenset[str]:
    """Programs the runtime stage calls: CMD/ENTRYPOINT/HEALTHCHECK and replayed RUNs."""
    out: set[str] = set()
    for ins in facts.stage.body:
        if ins.keyword in ("CMD", "ENTRYPOINT", "HEALTHCHECK"):
            argv = ins.exec_args
            if argv:
                out.add(argv[0].rsplit("/", 1)[-1])
            elif ins.shell_body:
                out.update(w.rsplit("/", 1)[-1] for w in re.findall(r"[\w./-]+", ins.shell_body))
        elif roles.get(ins.index) is Role.SETUP:
            out.update(c.program for c in facts.commands_of(ins))
    return frozenset(out)


#: Debian packages whose files every distroless image already has (CA bundle, time zones,
#: /etc/services): installing them is not needed there.
DISTROLESS_HAS = frozenset({"ca-certificates", "tzdata", "netbase"})

#: Users every distroless image defines.
DISTROLESS_USERS = frozenset({"root", "nonroot", "nobody", "0", "65532", "65534"})


def check_distroless_runtime(
    facts: StageFacts, roles: dict[int, Role], image: str, programs: Iterable[str]
) -> None:
    """What a runtime stage on a shell-less image cannot do.

    Args:
        facts: the stage.
        roles: the split's roles.
        image: the distroless image, for messages.
        programs: the programs the runtime stage has (``python3``, ``node``, the built binary):
            an exec-form HEALTHCHECK must run one of them.

    Raises:
        NotApplicable: a RUN would have to run there, a HEALTHCHECK needs a shell or a program
            the image lacks, the USER is not one the image defines, or the stage relies on the
            base image's own command.
    """
    have = {p.rsplit("/", 1)[-1] for p in programs} | set(programs)
    for ins in facts.stage.body:
        role = roles.get(ins.index)
        if role is Role.SETUP:
            raise NotApplicable(
                f"RUN at line {ins.line} must run in the runtime image, and {image} has no shell"
            )
        if ins.keyword == "HEALTHCHECK" and ins.args[:1] != ("NONE",):
            if not ins.is_exec_form:
                raise NotApplicable(
                    f"HEALTHCHECK at line {ins.line} uses the shell form; {image} has no shell"
                )
            argv = ins.exec_args or ()
            if argv and argv[0] not in have and argv[0].rsplit("/", 1)[-1] not in have:
                raise NotApplicable(
                    f"HEALTHCHECK at line {ins.line} runs {argv[0]}, which {image} does not have"
                )
        if ins.keyword == "USER" and ins.args:
            user = ins.args[0].split(":", 1)[0]
            if user not in DISTROLESS_USERS and not user.isdigit():
                raise NotApplicable(
                    f"USER {user} (line {ins.line}) does not exist in {image}, which only has "
                    "root, nonroot (65532) and nobody"
                )
        if ins.keyword == "ONBUILD":
            raise NotApplicable(f"ONBUILD at line {ins.line} cannot be carried to {image}")
    if not facts.stage.find("CMD", "ENTRYPOINT"):
        raise NotApplicable(
            f"the image runs its base image's default command, which {image} does not have"
        )


def exec_command_lines(
    facts: StageFacts, *, entrypoint_reset: bool, translate: Callable[[list[str]], list[str]]
) -> tuple[dict[int, list[str]], list[Change]]:
    """Runtime lines for CMD/ENTRYPOINT on a shell-less image: shell form turned into exec form
    where no shell feature is used, argv passed through ``translate``.

    Args:
        facts: the stage.
        entrypoint_reset: the runtime image has an ENTRYPOINT of its own that the original's
            command must not be appended to; write ``ENTRYPOINT []`` before a CMD when the
            original has no ENTRYPOINT.
        translate: maps an argv to the runtime's (``go run .`` -> the built binary).

    Raises:
        NotApplicable: a shell-form command uses shell features.
    """
    lines: dict[int, list[str]] = {}
    changes: list[Change] = []
    has_entrypoint = bool(facts.stage.find("ENTRYPOINT"))
    reset_done = False
    for ins in facts.stage.body:
        if ins.keyword not in ("CMD", "ENTRYPOINT"):
            continue
        argv = list(ins.exec_args) if ins.exec_args is not None else None
        if argv is None:
            words = simple_shell_words(ins.shell_body or "")
            if words is None:
                raise NotApplicable(
                    f"{ins.keyword} at line {ins.line} needs a shell (shell form with shell "
                    "features), and the runtime image has none"
                )
            argv = words
        new_argv = translate(argv)
        out: list[str] = []
        if ins.keyword == "CMD" and entrypoint_reset and not has_entrypoint and not reset_done:
            out.append("ENTRYPOINT []")
            reset_done = True
        new = f"{ins.keyword} {exec_form(new_argv)}"
        out.extend(c.text for c in ins.comments)
        if new.replace(" ", "") != ins.raw.replace(" ", ""):
            out.append(new)
            changes.append(
                Change(
                    "cmd-exec-form",
                    f"Write {ins.keyword} as {exec_form(new_argv)}",
                    "The runtime image has no shell, so the command is given as an exec-form "
                    "argument list with the same words"
                    + (" (translated for the runtime image)" if new_argv != argv else "")
                    + ".",
                    UNSAFE,
                    (ins.line, ins.end_line),
                )
            )
        else:
            out.append(ins.raw.replace("\r\n", "\n"))
        lines[ins.index] = out
    return lines, changes


def lines_of(ins: Instruction) -> tuple[int, int]:
    """The first and last line of an instruction."""
    return (ins.line, ins.end_line)
