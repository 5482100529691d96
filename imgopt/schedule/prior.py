"""A unit's seconds before anything was timed, from what its Dockerfile says it will do.

On a first run nothing is known about a target's builds, and every unit would be expected to
take the same :data:`~imgopt.schedule.cost.DEFAULT_UNIT_SECONDS`; the one unit that takes six
minutes then starts wherever it falls in the list, and a long unit started late is what stretches
a run. The Dockerfile already tells the long ones from the short ones roughly: a build that
updates a package index, installs forty packages and compiles takes longer than one that copies
a file. :func:`dockerfile_seconds` counts those facts and weighs them with round figures:

====================================================  ==========
fact (in RUN instructions)                             seconds
====================================================  ==========
the build itself (context, export)                     :data:`BUILD`
each RUN                                               :data:`RUN`
a package-index update or install (apt, apk, yum...)   :data:`INDEX`
each OS package named in an install                    :data:`PACKAGE`
each download (curl, wget, git clone; ADD of a URL)    :data:`DOWNLOAD`
each language-level install or compile (pip, npm,      :data:`COMPILE`
go build, make, cargo, mvn...)
====================================================  ==========

The weights are orders of magnitude, not a fit (none was fitted on the corpus's durations):
only the *order* they put units in matters much, since the dispatcher rescales every a-priori
estimate by how the run's finished units compared with theirs (:mod:`imgopt.schedule.dispatch`).
It does so by *kind* (:func:`dockerfile_kind`: which of the OS-package, download and compile
facts weighs most, ``plain`` for none) once a few units of a kind have finished: in one run,
compiles may come back at a tenth of their estimate and package installs at five times theirs,
and the units left are reordered accordingly. Nothing is built or pulled to compute it.
"""

from __future__ import annotations

from collections.abc import Mapping

from imgopt.dockerfile import parse, run_commands
from imgopt.errors import DockerfileParseError

#: Seconds of any build: sending the context, exporting the image.
BUILD = 2.0
#: Seconds of each RUN: starting a container, snapshotting its layer.
RUN = 1.0
#: Seconds of a package manager reading its index (``apt-get update``, ``apk add`` fetching it).
INDEX = 10.0
#: Seconds of each OS package named in an install (download, unpack, configure).
PACKAGE = 2.0
#: Seconds of each download of a file or repository.
DOWNLOAD = 5.0
#: Seconds of each language-level dependency install or compilation.
COMPILE = 20.0

#: The facts :func:`dockerfile_facts` counts seconds for.
FACTS = ("build", "run", "os", "download", "compile")

_OS_MANAGERS = {"apt-get", "apt", "apk", "yum", "dnf", "microdnf", "zypper"}
_INSTALL = {"install", "add"}
_DOWNLOADS = {"curl", "wget"}
# program -> the subcommands that install or compile (empty: any invocation does).
_COMPILERS: dict[str, frozenset[str]] = {
    "pip": frozenset({"install"}),
    "pip3": frozenset({"install"}),
    "npm": frozenset({"install", "i", "ci"}),
    "yarn": frozenset(),
    "pnpm": frozenset({"install", "i"}),
    "go": frozenset({"build", "install", "get", "mod"}),
    "cargo": frozenset({"build", "install"}),
    "make": frozenset(),
    "cmake": frozenset(),
    "mvn": frozenset(),
    "gradle": frozenset(),
    "bundle": frozenset({"install"}),
    "gem": frozenset({"install"}),
    "composer": frozenset({"install"}),
    "poetry": frozenset({"install"}),
}


def dockerfile_seconds(text: str) -> float | None:
    """The a-priori seconds of building ``text`` cold (see the module's table).

    Returns:
        The estimate, or None when the text does not parse (nothing is claimed about it).
    """
    facts = dockerfile_facts(text)
    return None if facts is None else sum(facts.values())


def dockerfile_facts(text: str) -> dict[str, float] | None:
    """:func:`dockerfile_seconds` by fact: ``build``, ``run``, ``os`` (package indexes and
    packages), ``download`` and ``compile``, each the seconds its facts count.

    Returns:
        The seconds by fact, or None when the text does not parse.
    """
    try:
        dockerfile = parse(text)
    except DockerfileParseError:
        return None
    facts = dict.fromkeys(FACTS, 0.0)
    facts["build"] = BUILD
    for stage in dockerfile.stages:
        for ins in stage.instructions:
            if ins.effective_keyword == "ADD" and any("://" in a for a in ins.args):
                facts["download"] += DOWNLOAD
            if ins.effective_keyword != "RUN":
                continue
            facts["run"] += RUN
            for command in run_commands(ins):
                fact, seconds = _command_seconds(command.program, command.effective_argv[1:])
                facts[fact] += seconds
    return facts


def dockerfile_kind(text: str) -> str | None:
    """Which fact weighs most in :func:`dockerfile_facts` among ``os``, ``download`` and
    ``compile`` (``plain`` when none counts): the dispatcher learns, as a run goes, how the units
    of each kind compare with their estimates.

    Returns:
        The kind, or None when the text does not parse.
    """
    facts = dockerfile_facts(text)
    return None if facts is None else kind_of(facts)


def kind_of(facts: Mapping[str, float]) -> str:
    """The kind of :func:`dockerfile_facts`' figures (see :func:`dockerfile_kind`)."""
    weighed = {fact: facts[fact] for fact in ("os", "download", "compile") if facts.get(fact)}
    return max(weighed, key=lambda fact: weighed[fact]) if weighed else "plain"


def _command_seconds(program: str, args: tuple[str, ...]) -> tuple[str, float]:
    words = [a for a in args if not a.startswith("-")]
    if program in _OS_MANAGERS:
        if not words:
            return "os", 0.0
        if words[0] == "update" or words[0] == "makecache":
            return "os", INDEX
        if words[0] in _INSTALL:
            # apk add and yum install read the index themselves; apt-get install reads the one
            # an update fetched (counted there).
            index = INDEX if program not in {"apt-get", "apt"} else 0.0
            return "os", index + PACKAGE * len(words[1:])
        return "os", 0.0
    if program in _DOWNLOADS:
        return "download", DOWNLOAD
    if program == "git" and words[:1] == ["clone"]:
        return "download", DOWNLOAD
    if program in _COMPILERS:
        subcommands = _COMPILERS[program]
        if not subcommands or (words and words[0] in subcommands):
            return "compile", COMPILE
    return "run", 0.0
