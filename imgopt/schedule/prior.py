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

The weights are orders of magnitude, not a fit: only the *order* they put units in matters much,
since the dispatcher rescales every a-priori estimate by how the run's finished units compared
with theirs (:mod:`imgopt.schedule.dispatch`). Nothing is built or pulled to compute it.
"""

from __future__ import annotations

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
    try:
        dockerfile = parse(text)
    except DockerfileParseError:
        return None
    seconds = BUILD
    for stage in dockerfile.stages:
        for ins in stage.instructions:
            if ins.effective_keyword == "ADD" and any("://" in a for a in ins.args):
                seconds += DOWNLOAD
            if ins.effective_keyword != "RUN":
                continue
            seconds += RUN
            for command in run_commands(ins):
                seconds += _command_seconds(command.program, command.effective_argv[1:])
    return seconds


def _command_seconds(program: str, args: tuple[str, ...]) -> float:
    words = [a for a in args if not a.startswith("-")]
    if program in _OS_MANAGERS:
        if not words:
            return 0.0
        if words[0] == "update" or words[0] == "makecache":
            return INDEX
        if words[0] in _INSTALL:
            # apk add and yum install read the index themselves; apt-get install reads the one
            # an update fetched (counted there).
            index = INDEX if program not in {"apt-get", "apt"} else 0.0
            return index + PACKAGE * len(words[1:])
        return 0.0
    if program in _DOWNLOADS:
        return DOWNLOAD
    if program == "git" and words[:1] == ["clone"]:
        return DOWNLOAD
    if program in _COMPILERS:
        subcommands = _COMPILERS[program]
        if not subcommands or (words and words[0] in subcommands):
            return COMPILE
    return 0.0
