"""Shared recognisers for rules: package-manager invocations, COPY sources, paths, and edits.

Nothing here is a rule; the registry only loads ``imgNNN_*`` modules.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass

from imgopt.dockerfile import Editor, Instruction, SimpleCommand, Stage
from imgopt.rules.base import LintContext

# -- per-command facts -----------------------------------------------------------------------
# SimpleCommand computes program/args on every access; rules ask dozens of times per command.
# An identity cache (the command object is kept in the entry, so its id cannot be reused while
# cached) makes that one computation per command.
_FACTS: dict[int, tuple[SimpleCommand, str, tuple[str, ...]]] = {}


def _facts(cmd: SimpleCommand) -> tuple[SimpleCommand, str, tuple[str, ...]]:
    entry = _FACTS.get(id(cmd))
    if entry is None or entry[0] is not cmd:
        if len(_FACTS) > 50000:
            _FACTS.clear()
        eff = cmd.effective_argv
        entry = (cmd, eff[0].rsplit("/", 1)[-1] if eff else "", eff[1:])
        _FACTS[id(cmd)] = entry
    return entry


def prog(cmd: SimpleCommand) -> str:
    """``prog(cmd)``, computed once per command."""
    return _facts(cmd)[1]


def cargs(cmd: SimpleCommand) -> tuple[str, ...]:
    """``cargs(cmd)``, computed once per command."""
    return _facts(cmd)[2]


# -- package managers ------------------------------------------------------------------------

APT_PROGRAMS = frozenset({"apt-get", "apt", "aptitude"})
# apt-get options that take a separate value (``-o Dpkg::Options::=--force-confold``).
_APT_VALUE_OPTS = frozenset({"-o", "-c", "-t", "--option", "--config-file", "--target-release"})
APT_INSTALL = frozenset({"install"})
APT_UPGRADE = frozenset({"upgrade", "dist-upgrade", "full-upgrade"})
APT_REMOVE = frozenset({"remove", "purge", "autoremove"})

# pip, pip2, pip2.7, pip3, pip3.11; python, python2.7, python3.11.
_PIP_RE = re.compile(r"pip(\d(\.\d+)?)?\Z")
_PYTHON_RE = re.compile(r"python(\d(\.\d+)?)?\Z")
_PIP_VALUE_OPTS = frozenset(
    {
        "-r",
        "--requirement",
        "-c",
        "--constraint",
        "-e",
        "--editable",
        "-t",
        "--target",
        "-i",
        "--index-url",
        "--extra-index-url",
        "-f",
        "--find-links",
        "--prefix",
        "--root",
        "--src",
        "--cache-dir",
        "--trusted-host",
        "--platform",
        "--python-version",
        "--implementation",
        "--abi",
        "--no-binary",
        "--only-binary",
        "--progress-bar",
        "--log",
        "--proxy",
        "--timeout",
        "--retries",
        "--global-option",
        "--config-settings",
        "-C",
    }
)


def option_positionals(args: tuple[str, ...], value_opts: frozenset[str]) -> list[str]:
    """Positional words of ``args``, skipping the separate values of ``value_opts``."""
    out: list[str] = []
    skip = False
    for a in args:
        if skip:
            skip = False
            continue
        if a == "--":
            continue
        if a.startswith("-") and a != "-":
            if a in value_opts:
                skip = True
            continue
        out.append(a)
    return out


def apt_subcommand(cmd: SimpleCommand) -> str | None:
    """``install`` for ``apt-get -y install x``; None when ``cmd`` is not apt/apt-get."""
    if prog(cmd) not in APT_PROGRAMS:
        return None
    pos = option_positionals(cargs(cmd), _APT_VALUE_OPTS)
    return pos[0] if pos else None


def apt_packages(cmd: SimpleCommand) -> list[str]:
    """The packages of an ``apt-get install/remove/purge`` (version pins and ``:arch`` kept)."""
    pos = option_positionals(cargs(cmd), _APT_VALUE_OPTS)
    return [p for p in pos[1:] if not p.startswith("$")]


#: apt subcommands that read the package lists: after ``rm -rf /var/lib/apt/lists/*`` they fail
#: ("Unable to locate package") until an ``apt-get update`` downloads the lists again.
APT_READS_LISTS = frozenset(
    [
        "install",
        "upgrade",
        "dist-upgrade",
        "full-upgrade",
        "build-dep",
        "source",
        "download",
        "reinstall",
        "satisfy",
        "search",
        "show",
        "policy",
        "madison",
        "depends",
        "rdepends",
    ]
)


def reads_apt_lists(cmd: SimpleCommand) -> bool:
    """Whether a command needs apt's package lists (``apt-get install``, ``apt-cache policy``)."""
    if prog(cmd) == "apt-cache":
        return True
    return apt_subcommand(cmd) in APT_READS_LISTS


def lists_read_before_update(ctx: LintContext, ins: Instruction) -> bool:
    """Whether a RUN reads apt's lists before (or without) updating them itself."""
    for c in ctx.commands(ins):
        if apt_subcommand(c) == "update":
            return False
        if reads_apt_lists(c):
            return True
    return False


def lists_needed_later(ctx: LintContext, ins: Instruction) -> bool:
    """Whether removing apt's lists at the end of ``ins`` would break a later RUN of the same
    image: one that reads the lists before any ``apt-get update`` of its own, with no RUN in
    between (in its stage or ``ins``'s) that updates them again."""
    updated_in: set[int | None] = set()
    for o in later_instructions(ctx, ins):
        if o.keyword != "RUN":
            continue
        if o.stage_index not in updated_in and lists_read_before_update(ctx, o):
            return True
        if any(apt_subcommand(c) == "update" for c in ctx.commands(o)):
            updated_in.add(o.stage_index)
            if o.stage_index == ins.stage_index:
                return False  # refreshed for everything after it, in every derived stage
    return False


def package_name(pkg: str) -> str:
    """``libpq-dev=15.1`` / ``gcc:amd64`` / ``musl-dev>1`` -> the bare name."""
    return re.split(r"[=:<>~]", pkg, maxsplit=1)[0]


@dataclass(frozen=True, slots=True)
class PipCall:
    """A ``pip ...`` / ``python -m pip ...`` invocation.

    Attributes:
        sub: the pip subcommand (``install``).
        args: the words after the subcommand.
        sub_index: index of the subcommand word in ``cmd.words``.
        global_args: pip's general options written before the subcommand
            (``pip --no-cache-dir install``: pip accepts them on either side).
    """

    sub: str
    args: tuple[str, ...]
    sub_index: int
    global_args: tuple[str, ...] = ()


def runs_pip(ctx: LintContext) -> bool:
    """Whether any RUN of the file runs a program :func:`pip_call` can recognise (``pip*`` or
    ``python*``): False means no pip rule can find anything."""
    return any(_PIP_RE.match(p) or _PYTHON_RE.match(p) for p in ctx.programs)


def pip_call(cmd: SimpleCommand) -> PipCall | None:
    """Recognise ``pip``, ``pip3``, ``pip3.11``, ``python -m pip``, ``python3 -m pip``."""
    argv = cmd.effective_argv
    if not argv:
        return None
    offset = len(cmd.argv) - len(argv)
    prog = argv[0].rsplit("/", 1)[-1]
    i: int
    if _PIP_RE.match(prog):
        i = 1
    elif _PYTHON_RE.match(prog):
        j = 1
        while j < len(argv) and argv[j].startswith("-") and argv[j] != "-m":
            j += 1
        if j + 1 < len(argv) and argv[j] == "-m" and argv[j + 1] == "pip":
            i = j + 2
        else:
            return None
    else:
        return None
    # Global options before the subcommand (pip --disable-pip-version-check install ...).
    first = i
    while i < len(argv) and argv[i].startswith("-"):
        i += 1
    if i >= len(argv):
        return None
    return PipCall(
        sub=argv[i],
        args=tuple(argv[i + 1 :]),
        sub_index=offset + i,
        global_args=tuple(argv[first:i]),
    )


def pip_has(call: PipCall, *names: str, min_prefix: int | None = None) -> bool:
    """Whether a pip call has one of the long options ``names`` (``--x`` or ``--x=v``), before
    or after the subcommand.

    ``min_prefix``: also accept an abbreviation at least that long, as pip's option parser does
    for an unambiguous prefix (``--no-cache`` for ``--no-cache-dir``); the caller picks a length
    that no other pip option shares.
    """
    for a in (*call.global_args, *call.args):
        if a == "--":
            break
        word = a.split("=", 1)[0]
        for n in names:
            if word == n:
                return True
            if min_prefix is not None and len(word) >= min_prefix and n.startswith(word):
                return True
    return False


def pip_requirement_files(call: PipCall) -> list[str]:
    """The ``-r``/``--requirement`` files of a pip call."""
    out: list[str] = []
    args = call.args
    for i, a in enumerate(args):
        if a in ("-r", "--requirement") and i + 1 < len(args):
            out.append(args[i + 1])
        elif a.startswith("--requirement="):
            out.append(a.split("=", 1)[1])
        elif a.startswith("-r") and len(a) > 2:
            out.append(a[2:])
    return out


def pip_packages(call: PipCall) -> list[str]:
    """Requirement specifiers named on the command line (not files, not options)."""
    return [p for p in option_positionals(call.args, _PIP_VALUE_OPTS) if not p.startswith("$")]


NPM_INSTALL = frozenset({"install", "i", "ci", "add", "isntall", "in", "ins", "inst", "insta"})


def npm_subcommand(cmd: SimpleCommand) -> str | None:
    """The npm subcommand (``install``, ``ci``, ``run``...), None if not npm."""
    if prog(cmd) != "npm":
        return None
    pos = option_positionals(cargs(cmd), frozenset({"--prefix", "-C", "--workspace", "-w"}))
    return pos[0] if pos else None


def is_npm_install(cmd: SimpleCommand) -> bool:
    """``npm install``/``npm i``/``npm ci`` of the project (no package arguments)."""
    sub = npm_subcommand(cmd)
    if sub not in NPM_INSTALL or sub == "add":
        return False
    pos = option_positionals(cargs(cmd), frozenset({"--prefix", "-C", "--workspace", "-w"}))
    return len(pos) == 1


def is_yarn_install(cmd: SimpleCommand) -> bool:
    """``yarn``, ``yarn install`` (the project's dependencies)."""
    if prog(cmd) != "yarn":
        return False
    pos = option_positionals(cargs(cmd), frozenset({"--cwd", "--modules-folder"}))
    return not pos or pos[0] == "install"


def is_pnpm_install(cmd: SimpleCommand) -> bool:
    """``pnpm install``/``pnpm i`` of the project."""
    if prog(cmd) != "pnpm":
        return False
    pos = option_positionals(cargs(cmd), frozenset({"--dir", "-C", "--filter"}))
    return len(pos) == 1 and pos[0] in ("install", "i")


# -- paths -----------------------------------------------------------------------------------


def workdir_at(ctx: LintContext, ins: Instruction) -> str:
    """The WORKDIR in effect at ``ins`` (through FROM-stage chains); ``/`` by default."""
    return ctx.workdir_at(ins)


def resolve(workdir: str, path: str) -> str:
    """An absolute, normalised path for ``path`` relative to ``workdir``."""
    return posixpath.normpath(posixpath.join(workdir, path))


def copy_parts(ins: Instruction) -> tuple[list[str], str] | None:
    """(sources, destination) of a COPY/ADD; None for heredoc-only or malformed ones."""
    if ins.keyword not in ("COPY", "ADD"):
        return None
    words = [a for a in ins.args if not a.startswith("<<")]
    if ins.heredocs or len(words) < 2:
        return None
    return words[:-1], words[-1]


def is_context_all(src: str) -> bool:
    """A COPY source that means the whole build context (``.``, ``./``, ``*``, ``./*``)."""
    return src.strip("\"'") in (".", "./", "*", "./*", "/", "/.")


def copies_whole_context(ins: Instruction) -> bool:
    """``COPY . <dest>`` / ``ADD . <dest>`` from the context (not ``--from``)."""
    parts = copy_parts(ins)
    if parts is None or ins.flag("from") is not None:
        return False
    return any(is_context_all(s) for s in parts[0])


def is_url(src: str) -> bool:
    """An ADD source fetched over the network."""
    low = src.lower()
    return low.startswith(("http://", "https://", "git@", "ftp://")) or low.endswith(".git")


ARCHIVE_RE = re.compile(
    r"\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|tar\.lz|zip|gz|bz2|xz|zst|7z|"
    r"deb|rpm|whl|jar|war|run|bin|AppImage)\Z",
    re.IGNORECASE,
)

# -- edits -----------------------------------------------------------------------------------


def append_to_run(ctx: LintContext, ed: Editor, ins: Instruction, command: str) -> bool:
    """Add ``command`` at the end of a shell-form RUN's script, joined with ``&&``.

    The script that holds the RUN's last command gets it: the instruction body (``... && cmd``
    after the last command, before any trailing comment) or a heredoc the shell runs (a line
    before the delimiter). Returns False (and edits nothing) for exec form or an empty RUN.
    """
    if ins.is_exec_form:
        return False
    cmds = ctx.commands(ins)
    if not cmds:
        return False
    last = cmds[-1]
    if last.script == 0:
        tail = ins.body[last.end :].lstrip(" \t")
        if tail[:1] in ("&", ";", "|") and not tail.startswith(("&&", "||", ";")):
            return False  # a trailing `&` (background): appending would change its meaning
        ed.insert_at(ins.source_offset(last.end), f" && {command}")
        return True
    doc = ins.heredocs[last.script - 1]
    text = ctx.dockerfile.text
    line_start = text.rfind("\n", 0, doc.delimiter_span.start) + 1
    ed.insert_at(line_start, f"{command}\n")
    return True


def cmd_offset(ctx: LintContext, ins: Instruction, cmd: SimpleCommand, pos: int) -> int | None:
    """The source offset of position ``pos`` of ``cmd``'s script; None where it cannot be mapped
    (exec form; a heredoc whose source differs from its content, as with CRLF)."""
    if ins.is_exec_form:
        return None
    if cmd.script == 0:
        return ins.source_offset(pos)
    doc = ins.heredocs[cmd.script - 1]
    span = doc.body_span
    if ctx.dockerfile.text[span.start : span.end] != doc.content:
        return None
    return span.start + pos


def insert_option(
    ctx: LintContext, ed: Editor, ins: Instruction, cmd: SimpleCommand, index: int, option: str
) -> bool:
    """Insert `` option`` after word ``index`` of ``cmd``; False where it cannot be placed."""
    if index >= len(cmd.words):
        return False
    at = cmd_offset(ctx, ins, cmd, cmd.words[index].end)
    if at is None:
        return False
    ed.insert_at(at, f" {option}")
    return True


def word_index(cmd: SimpleCommand, value: str) -> int | None:
    """Index of the first word equal to ``value`` (after wrappers)."""
    start = len(cmd.argv) - len(cmd.effective_argv)
    for i in range(start, len(cmd.words)):
        if cmd.words[i].value == value:
            return i
    return None


def later_instructions(ctx: LintContext, ins: Instruction) -> Iterator[Instruction]:
    """Instructions after ``ins`` whose layers share its image: the rest of its stage and of
    every stage built FROM it (transitively)."""
    df = ctx.dockerfile
    stage = df.stage_of(ins)
    if stage is None:
        return
    wanted = {stage.index}
    for st in df.stages[stage.index :]:
        if st.index != stage.index and st.base_stage not in wanted:
            continue
        wanted.add(st.index)
        for other in st.body:
            if other.index > ins.index:
                yield other


def rm_targets(cmd: SimpleCommand) -> list[str]:
    """The paths an ``rm`` command removes (empty for other commands)."""
    if prog(cmd) != "rm":
        return []
    return [a for a in cargs(cmd) if not a.startswith("-")]


def path_covers(pattern: str, path: str) -> bool:
    """Whether removing ``pattern`` (``/var/lib/apt/lists/*``, a dir) removes ``path``'s
    content: equal, a parent, or a glob over its entries."""
    p = pattern.rstrip("/")
    q = path.rstrip("/")
    if p.endswith("/*"):
        p = p[:-2]
    if p.endswith("/**"):
        p = p[:-3]
    return q == p or q.startswith(p + "/") or p == ""


def remove_command(
    ctx: LintContext, ed: Editor, ins: Instruction, cmds: tuple[SimpleCommand, ...], i: int
) -> bool:
    """Remove command ``i`` of a RUN together with the ``&&`` that joins it to a neighbour
    (``a && X && b`` -> ``a && b``; ``a && X`` -> ``a``). False when it is not joined so."""
    cmd = cmds[i]
    nxt = cmds[i + 1] if i + 1 < len(cmds) else None
    if nxt is not None and nxt.operator == "&&" and nxt.script == cmd.script:
        start = cmd_offset(ctx, ins, cmd, cmd.start)
        end = cmd_offset(ctx, ins, nxt, nxt.start)
    elif i > 0 and cmd.operator == "&&" and cmds[i - 1].script == cmd.script:
        start = cmd_offset(ctx, ins, cmds[i - 1], cmds[i - 1].end)
        end = cmd_offset(ctx, ins, cmd, cmd.end)
    else:
        return False
    if start is None or end is None:
        return False
    ed.replace_range(start, end, "")
    return True


#: Shell builtins whose effect outlives the command: the directory (``cd``), variables
#: (``export``), options (``set -u``), the umask... Appending a command after one of them runs
#: it in a different state than its own RUN did.
_STATEFUL = frozenset(
    [
        "cd",
        "pushd",
        "popd",
        "export",
        "unset",
        "source",
        ".",
        "set",
        "shopt",
        "umask",
        "alias",
        "unalias",
        "eval",
        "exec",
        "trap",
        "ulimit",
        "readonly",
        "declare",
        "typeset",
        "local",
        "hash",
        "enable",
        "shift",
        "builtin",
    ]
)
#: ``set`` options that cannot change how a later ``a && b | c`` list runs: exit on error
#: (``&&`` lists are exempt), tracing, verbose.
_HARMLESS_SET = re.compile(r"[-+][exv]+\Z")
#: Builtins that only change variables: they matter to a later script that expands one.
_VARIABLES = frozenset({"export", "unset", "readonly", "declare", "typeset", "local"})


def changes_shell_state(cmd: SimpleCommand, later: str | None = None) -> bool:
    """Whether a command changes the state later commands of the same shell run in: the
    working directory, variables, shell options (``set -e``/``-x`` excepted), umask, limits.

    A bare assignment (``FOO=1`` with no command) sets a shell variable, so it counts; an
    assignment before a command (``FOO=1 make``) only reaches that command.

    Args:
        cmd: the command.
        later: the text of what would run after it, when known: shell variables
            (``declare``, ``local``, ``set -u``) then count only if it expands one (``$``),
            and ``set -o pipefail`` only if it has a pipe. The directory, ``export`` and
            ``unset`` (the environment programs read) always count. The shell splitter drops
            bare assignments (``buildDeps=...``): callers find those in the text.
    """
    expands = later is None or "$" in later or "`" in later
    if not cmd.words:
        return bool(cmd.assignments)
    # The word as written (`exec` and `command` are wrappers to prog()), and the wrapped one.
    name = cmd.argv[0].rsplit("/", 1)[-1]
    if name not in _STATEFUL and prog(cmd) not in _STATEFUL:
        return False
    if name in _VARIABLES and name not in ("export", "unset"):
        return expands  # declare/local/readonly: shell variables, not the environment
    if name == "set":
        for a in cmd.argv[1:]:
            if _HARMLESS_SET.match(a) or a in ("-o", "+o", "errexit", "xtrace", "verbose"):
                continue
            if a == "pipefail" and later is not None and "|" not in later:
                continue
            if re.fullmatch(r"[-+][exvu]+", a) and not expands:
                continue
            return True
        return False
    return True


def commands_with_cwd(ctx: LintContext, ins: Instruction) -> Iterator[tuple[SimpleCommand, str]]:
    """The commands of a RUN with the directory each runs in (WORKDIR, then ``cd`` followed
    along the script; a ``cd`` to something with ``$`` leaves the directory unknown: ``""``)."""
    cwd = workdir_at(ctx, ins)
    script = 0
    for cmd in ctx.commands(ins):
        if cmd.script != script:
            script = cmd.script
            cwd = workdir_at(ctx, ins)
        yield cmd, cwd
        if prog(cmd) == "cd" and cwd:
            target = next((a for a in cargs(cmd) if not a.startswith("-")), "~")
            if target in ("~", ""):
                cwd = "/root"
            elif "$" in target or target == "-":
                cwd = ""
            else:
                cwd = resolve(cwd, target)


def downloads(cmd: SimpleCommand, cwd: str) -> list[str]:
    """Absolute paths a ``curl``/``wget`` command writes (empty when it writes to stdout or
    the path is unknown)."""
    if not cwd:
        return []
    urls = [a for a in cargs(cmd) if "://" in a]
    out: list[str] = []
    if prog(cmd) == "curl":
        dest = short_value(cmd, "o", "--output")
        if dest and dest != "-":
            out.append(resolve(cwd, dest))
        elif cmd.has_flag("-O", "--remote-name") and urls:
            out.append(resolve(cwd, _url_name(urls[-1])))
    elif prog(cmd) == "wget":
        dest = short_value(cmd, "O", "--output-document")
        if dest == "-" or (dest and "$" in dest):
            return []
        if dest:
            out.append(resolve(cwd, dest))
        elif urls:
            folder = short_value(cmd, "P", "--directory-prefix") or "."
            out.extend(resolve(resolve(cwd, folder), _url_name(u)) for u in urls)
    return [p for p in out if "$" not in p]


def short_value(cmd: SimpleCommand, letter: str, long: str) -> str | None:
    """The value of ``-X value``, ``-Xvalue``, a bundle ending in the letter (``-fsSLo out``),
    ``--long value`` or ``--long=value``."""
    args = cargs(cmd)
    for i, a in enumerate(args):
        if a == "--":
            break
        if a == long:
            return args[i + 1] if i + 1 < len(args) else None
        if a.startswith(long + "="):
            return a[len(long) + 1 :]
        if a.startswith("-") and not a.startswith("--") and letter in a[1:]:
            rest = a[a.index(letter, 1) + 1 :]
            if rest:
                return rest
            return args[i + 1] if i + 1 < len(args) else None
    return None


def _url_name(url: str) -> str:
    name = url.split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return name or "index.html"


def extracted_archives(cmd: SimpleCommand, cwd: str) -> list[str]:
    """Absolute paths of archives or packages a command unpacks or installs (``tar -xf F``,
    ``unzip F``, ``dpkg -i F``, ``sh F``...)."""
    if not cwd:
        return []
    program = prog(cmd)
    files: list[str] = []
    if program == "tar":
        f = short_value(cmd, "f", "--file")
        bundle = cargs(cmd)[0] if cargs(cmd) and not cargs(cmd)[0].startswith("-") else ""
        if f is None and "f" in bundle:
            pos = [a for a in cargs(cmd)[1:] if not a.startswith("-")]
            f = pos[0] if pos else None
        if f and f != "-":
            files.append(f)
    elif program in ("unzip", "gunzip", "bunzip2", "unxz", "7z", "rpm"):
        files += [a for a in cargs(cmd) if not a.startswith("-") and ARCHIVE_RE.search(a)]
    elif program in ("dpkg", "apt-get", "apt"):
        files += [a for a in cargs(cmd) if a.endswith(".deb")]
    elif program in ("sh", "bash") and cargs(cmd) and not cargs(cmd)[0].startswith("-"):
        files.append(cargs(cmd)[0])
    elif program in ("pip", "pip3"):
        files += [a for a in cargs(cmd) if a.endswith((".whl", ".tar.gz", ".zip"))]
    return [resolve(cwd, f) for f in files if "$" not in f]


# Instructions a RUN may be moved across without changing what it sees.
INERT = frozenset(
    {"EXPOSE", "LABEL", "MAINTAINER", "STOPSIGNAL", "HEALTHCHECK", "CMD", "ENTRYPOINT", "VOLUME"}
)


def only_inert_between(stage: Stage, first: Instruction, last: Instruction) -> bool:
    """Whether every instruction strictly between ``first`` and ``last`` is in :data:`INERT`."""
    return all(i.keyword in INERT for i in stage.body if first.index < i.index < last.index)


def move_before(ctx: LintContext, run: Instruction, anchor: Instruction, prefix: str) -> Editor:
    """Edits that move ``run`` (with the comments above it) to just before ``anchor``, with
    ``prefix`` (whole lines, ending in a newline, or ``""``) inserted in front of it."""
    text = ctx.dockerfile.text
    block_start = run.comments[0].span.start if run.comments else run.span.start
    block_start = text.rfind("\n", 0, block_start) + 1
    block = text[block_start : run.span.end].replace("\r\n", "\n")
    ed = Editor(ctx.dockerfile)
    ed.delete(run)
    ed.insert_before(anchor, prefix + block.lstrip(" \t"))
    return ed


def copy_flags(ins: Instruction) -> str:
    """``COPY `` plus the ownership/link flags of ``ins`` (for a COPY made next to it)."""
    flags = " ".join(f.raw for f in ins.flags if f.name in ("chown", "chmod", "link"))
    return f"COPY {flags} " if flags else "COPY "
