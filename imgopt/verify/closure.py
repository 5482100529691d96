"""The runtime file closure: what the original's processes opened, and whether a variant has it.

How it is recorded
------------------
Almost every file an app opens, it opens while it starts, so a tracer attached after start-up
sees nothing. The original is therefore started *gated*: its entrypoint is wrapped in
``/bin/sh -c '<wait for a file>; exec "$@"' <entrypoint> <cmd>``. From the host, imgopt attaches
``strace -f`` to the container's init process (the waiting shell), then creates the gate file
through ``/proc/<pid>/root``; the shell ``exec``\\ s the image's own command, which from its first
instruction on runs traced, with every child it forks. strace records successful ``open``,
``openat``, ``openat2``, ``execve`` and ``execveat`` calls, with the path the kernel resolved
(``-y``). The trace ends after the probes ran.

What it cannot see: files the kernel opens itself (the ELF interpreter ``ld-linux`` and a
script's ``#!`` interpreter), files only ``stat``-ed or ``readlink``-ed, processes started with
``docker exec`` (the HEALTHCHECK command: it is run on every variant instead), and code paths no
probe exercised. An image without ``/bin/sh`` (distroless, scratch) is gated by the host's shell
instead (:func:`host_gate`); only when neither can start is the closure not recorded, and the
proof says so.

How a variant is checked
------------------------
Every closure file is looked up in the variant's filesystem without running it
(:func:`imgopt.engine.filesystem.open_image_files`, which reads the image's layers from the host:
no shell or other program of the variant runs).

The rule, by default, is the literal one: every file the original opened must exist in the
variant, and the files the Dockerfile's own layers added with the same content
(:func:`content_kept`: all but the programs and native code a variant compiles again and Python's
bytecode caches). A variant that lacks one fails, naming it ("variant lacks
/app/templates/index.html, which the original read"); one that holds another content fails too
("variant has another /app/templates/index.html than the original, which read it").

What is not a loss by construction, because the variant holds the same thing, the runtime
rebuilds it, or nothing in the variant could read it, never fails:

- ``/etc/ld.so.cache`` (a cache ``ldconfig`` builds; without it the loader searches its default
  paths);
- a ``__pycache__/*.pyc`` whose ``.py`` is there or moved with its package (Python recompiles it);
- a file moved to another folder (same size, same last two path components, as packages moving
  from ``/usr/local/lib/python3.11/site-packages`` or Debian's ``dist-packages`` to
  ``/opt/venv/...``);
- a program found under another ``bin`` folder (a virtualenv's ``bin`` on ``PATH``);
- runtime code held at another path or from another build: a shared library of the same file
  name, or a standard-library module at the same path below ``lib/python3.X/``;
- a shared library, in a variant with no dynamic loader at all (a static build on ``scratch`` or
  distroless/static, where the original's binary was linked dynamically): it is named as absent,
  with that reason, not failed;
- the ``entry_points.txt`` of a Python distribution the variant does not install at all (no
  metadata folder and no top-level module of that name in any package folder):
  ``importlib.metadata.entry_points()``, which Flask's CLI and other plugin hosts call, reads the
  file of every installed distribution, so an original with pip and setuptools reads theirs and a
  distroless variant without them has none to read. Named as absent, with that reason, not
  failed. Any module of that distribution the original opened is in the closure and checked on
  its own.

Why the literal rule can be the default: a slimmer base often lacks a few small files the app
reads at start-up (Debian's ``/etc/ssl/openssl.cnf``, locale data, setuptools' ``*.pth`` hook).
The analysis makes each variant carry them (:mod:`imgopt.variants.carry`), from its build stage or
the original's base, so the variants it proposes keep every file the original opened.

The required-files rule, on request
-----------------------------------
``[closure] strict = false`` in a smoke spec, or ``--lenient-closure`` on ``imgopt bench`` and
``imgopt analyze`` (the command line wins over the spec, ``--strict-closure`` over a spec's
``strict = false``; :func:`strict_rule`) fails only a variant that lacks a *required* file:

- the app's own files (their content equals a build-context file's), with the same content;
- whatever the Dockerfile's own layers put in the app's folders (the folders of the app's own
  files: build outputs, ``node_modules``, data);
- every program the original executed;
- the runtime code, from the base image or the Dockerfile's own layers: shared libraries
  (``*.so``, ``*.so.N``) and the Python standard library (``lib/python3.X/`` outside
  ``site-packages`` and ``dist-packages``).

Every other closure file a variant lacks is counted and reported, not failed, each named with why
it is not required (:data:`ABSENT_REASONS`): configuration and data a directory scan or an
optional read opened, third-party packages the app never imported directly, and shared libraries
in a variant without a loader. Under the literal rule, a failure this rule would accept says so
("variant lacks /etc/ssl/openssl.cnf, which the original read (configuration or data:
--lenient-closure accepts it)"). It is for Dockerfiles given to ``imgopt bench`` as they are (no
carry), where the user decides that such files do not matter.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import posixpath
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from imgopt.engine.containers import MountSpec
from imgopt.engine.filesystem import ImageFiles

GATE_FILE = "/tmp/.imgopt-go"
# Waits up to ~20 s for the gate file, then runs the command anyway (untraced start: the closure
# is then marked incomplete). `[` is a shell builtin; `sleep` is not, hence the fallback.
GATE_SCRIPT = (
    "i=0; while [ ! -e " + GATE_FILE + " ] && [ $i -lt 400 ]; do "
    'sleep 0.05 2>/dev/null || i=$((i+9)); i=$((i+1)); done; exec "$@"'
)
GATE_SHELL = ("/bin/sh", "-c", GATE_SCRIPT, "imgopt-gate")
MECHANISM = "strace -f from a gated start"
#: Where the host's shell, sleep, loader and libc are mounted (read-only) to gate an image that
#: has no /bin/sh of its own (distroless, scratch).
HOST_GATE_DIR = "/.imgopt-gate"


@dataclass(frozen=True)
class Gate:
    """How the original's start is held until the tracer is attached.

    Attributes:
        entrypoint: replaces the image's ENTRYPOINT; the image's own command follows it.
        mounts: what the gate needs mounted (nothing for the image's own /bin/sh).
        shell: whose shell it is, for the record.
    """

    entrypoint: tuple[str, ...]
    mounts: tuple[MountSpec, ...] = ()
    shell: str = "the image's /bin/sh"


IMAGE_GATE = Gate(GATE_SHELL)


def host_gate() -> Gate | None:
    """A gate for an image without ``/bin/sh``: the host's ``dash`` and ``sleep``, run by the
    host's ELF loader with the host's libc, each file bind-mounted read-only under
    :data:`HOST_GATE_DIR`; None when the host has no such shell.

    The shell ``exec``\\ s the image's own command, which from then on runs with the image's own
    loader and libraries: nothing of the host's is used after the gate opens, and what the gate
    opened before (its libc) is not part of the closure (the trace starts at that ``exec``).
    """
    found = [shutil.which(name) for name in ("dash", "sleep")]
    if not all(found):
        return None
    shell, sleep = (os.path.realpath(str(f)) for f in found)
    interpreter = _elf_interpreter(shell)
    if interpreter is None:
        return None
    loader = os.path.realpath(interpreter)
    libc = os.path.join(os.path.dirname(loader), "libc.so.6")
    if not os.path.isfile(libc):
        return None
    files = {"ld.so": loader, "lib/libc.so.6": libc, "sh": shell, "sleep": sleep}
    mounts = [
        MountSpec(f"{HOST_GATE_DIR}/{name}", "bind", path, True) for name, path in files.items()
    ]
    return borrowed_gate(tuple(mounts), "a shell from the host")


def borrowed_gate(mounts: tuple[MountSpec, ...], shell: str) -> Gate:
    """A gate run by an ELF loader, libc, ``dash`` and ``sleep`` that ``mounts`` put under
    :data:`HOST_GATE_DIR` (as ``ld.so``, ``lib/libc.so.6``, ``sh`` and ``sleep``): the host's
    (:func:`host_gate`), or a sidecar image's on an engine of another machine
    (:func:`imgopt.verify.remote.sidecar_gate`)."""
    d = HOST_GATE_DIR
    run = f"{d}/ld.so --library-path {d}/lib"
    script = GATE_SCRIPT.replace("sleep 0.05", f"{run} {d}/sleep 0.05")
    entrypoint = (f"{d}/ld.so", "--library-path", f"{d}/lib", f"{d}/sh", "-c", script)
    return Gate((*entrypoint, "imgopt-gate"), mounts, shell)


def _elf_interpreter(path: str) -> str | None:
    """The ELF interpreter (``PT_INTERP``) of a 64-bit little-endian program, or None."""
    import struct

    try:
        with open(path, "rb") as handle:
            head = handle.read(64)
            if len(head) < 64 or head[:4] != b"\x7fELF" or head[4] != 2 or head[5] != 1:
                return None
            (phoff,) = struct.unpack_from("<Q", head, 32)
            phentsize, phnum = struct.unpack_from("<HH", head, 54)
            handle.seek(phoff)
            table = handle.read(phentsize * phnum)
            for i in range(phnum):
                kind, _flags, offset, _va, _pa, size = struct.unpack_from(
                    "<IIQQQQ", table, i * phentsize
                )
                if kind == 3:  # PT_INTERP
                    handle.seek(offset)
                    return handle.read(size).rstrip(b"\0").decode("utf-8", "replace")
    except (OSError, struct.error):
        return None
    return None


_SYSCALLS = "trace=open,openat,openat2,execve,execveat"
# Paths that are not the image's: kernel file systems and the files Docker mounts in.
_NOT_IMAGE = ("/proc/", "/sys/", "/dev/", HOST_GATE_DIR + "/")
_DOCKER_MOUNTS = frozenset({"/etc/hosts", "/etc/hostname", "/etc/resolv.conf", GATE_FILE})
_CACHES = frozenset({"/etc/ld.so.cache"})
# Folders that are never "the app's folder", even when an app file lands right in them.
_SYSTEM_FOLDERS = frozenset(
    {"/", "/bin", "/sbin", "/etc", "/lib", "/lib64", "/opt", "/srv", "/tmp", "/usr", "/var"}
    | {"/usr/bin", "/usr/sbin", "/usr/lib", "/usr/local", "/usr/local/bin", "/usr/share"}
)
_LINE = re.compile(r"^(?P<pid>\d+)\s+(?P<rest>.*)$")
_CALL = re.compile(r"^(?P<name>\w+)\((?P<args>.*)\)\s+=\s+(?P<ret>-?\d+)(?:<(?P<fd>[^>]*)>)?")
_RESUMED = re.compile(
    r"^<\.\.\. (?P<name>\w+) resumed>(?P<args>.*)\)\s+=\s+(?P<ret>-?\d+)(?:<(?P<fd>[^>]*)>)?"
)
_FIRST_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_CWD = re.compile(r"AT_FDCWD<(/[^>]*)>")
_WRITE_FLAGS = ("O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC")


@dataclass(frozen=True)
class Closure:
    """The files the original's processes opened (absolute paths in the container).

    Attributes:
        files: regular files read or executed, sorted.
        executables: the programs ``execve``-d (a subset of ``files`` once resolved), sorted.
        complete: the trace began before the image's own command did.
        note: why the closure is missing or incomplete; None when complete.
    """

    files: tuple[str, ...] = ()
    executables: tuple[str, ...] = ()
    complete: bool = False
    note: str | None = None
    mechanism: str = MECHANISM


def tracer_problem() -> str | None:
    """None when a closure can be recorded here, else why not."""
    if shutil.which("strace") is None:
        return "strace is not installed (scripts/bootstrap.sh installs it)"
    if os.geteuid() != 0:
        return "tracing a container's processes needs root"
    return None


def strace_options() -> list[str]:
    """strace's options for a closure trace (without ``-o`` and ``-p``): this machine's
    :class:`Tracer` and a sidecar's (:class:`imgopt.verify.remote.SidecarTracer`) use the same."""
    options = ["-f", "-qq", "-y", "-s", "4096", "-e", _SYSCALLS]
    return [*options, "-e", "status=successful", "-e", "signal=none"]


class Tracer:
    """``strace -f`` attached to one process of the host, writing to a file."""

    def __init__(self, pid: int, out: Path) -> None:
        self.pid = pid
        self.out = out
        strace = shutil.which("strace") or "strace"
        command = [strace, *strace_options(), "-o", str(out), "-p", str(pid)]
        self._proc = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )

    def wait_attached(self, timeout_s: float = 10.0) -> bool:
        """Whether the process is traced (its TracerPid is set) within ``timeout_s``."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                return False
            if _tracer_pid(self.pid) not in (None, 0):
                return True
            time.sleep(0.01)
        return False

    def stop(self) -> str:
        """Detach (strace detaches on SIGINT); return strace's own error output, if any."""
        if self._proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                self._proc.send_signal(signal.SIGINT)
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        err = self._proc.stderr.read() if self._proc.stderr else b""
        if self._proc.stderr:
            self._proc.stderr.close()
        return err.decode("utf-8", "replace").strip()

    def release_gate(self) -> None:
        """Let the traced process go on (:func:`release_gate`)."""
        release_gate(self.pid)

    def read(self) -> str:
        """What strace wrote so far."""
        return self.out.read_text(errors="replace") if self.out.exists() else ""


def release_gate(pid: int) -> None:
    """Let the gated container's shell go on to the image's own command."""
    gate = Path(f"/proc/{pid}/root{GATE_FILE}")
    gate.parent.mkdir(parents=True, exist_ok=True)
    gate.touch()


def _tracer_pid(pid: int) -> int | None:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"^TracerPid:\s*(\d+)", text, re.M)
    return int(match.group(1)) if match else None


def parse_trace(text: str, init_pid: int) -> tuple[list[str], list[str]]:
    """The files read and the programs executed, from ``strace -f -y`` output.

    Everything before the init process's first ``execve`` (the gate's own waiting) is left out.

    Returns:
        (files read, programs executed), each in first-seen order, without duplicates.
    """
    files: dict[str, None] = {}
    programs: dict[str, None] = {}
    pending: dict[str, str] = {}
    relative: dict[str, list[str]] = {}  # pid -> programs exec'd by a relative path
    started = False
    for raw in text.splitlines():
        line = _LINE.match(raw)
        if line is None:
            continue
        pid, rest = line.group("pid"), line.group("rest")
        if rest.endswith("<unfinished ...>"):
            pending[pid] = rest[: -len("<unfinished ...>")]
            continue
        resumed = _RESUMED.match(rest)
        if resumed is not None:
            head = pending.pop(pid, f"{resumed.group('name')}(")
            rest = head + resumed.group("args") + ") = " + resumed.group("ret")
            if resumed.group("fd") is not None:
                rest += f"<{resumed.group('fd')}>"
        call = _CALL.match(rest)
        if call is None or int(call.group("ret")) < 0:
            continue
        name, args = call.group("name"), call.group("args")
        cwd = _CWD.search(args)
        if cwd is not None and relative.get(pid):
            for program in relative.pop(pid):
                programs.setdefault(posixpath.normpath(posixpath.join(cwd.group(1), program)), None)
        if name in ("execve", "execveat"):
            if not started:
                if int(pid) != init_pid:
                    continue
                started = True  # the gate's shell became the image's command
            match = _FIRST_STRING.search(args)
            if match and match.group(1).startswith("/"):
                programs.setdefault(_unescape(match.group(1)), None)
            elif match:
                # strace shows no cwd for execve: the next AT_FDCWD<cwd> of this pid tells it
                relative.setdefault(pid, []).append(_unescape(match.group(1)))
            continue
        if not started or any(flag in args for flag in _WRITE_FLAGS) or "O_DIRECTORY" in args:
            continue
        path = call.group("fd")
        if path and path.startswith("/"):
            files.setdefault(_unescape(path), None)
    return list(files), list(programs)


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return text.encode("latin-1", "backslashreplace").decode("unicode_escape", "replace")


def closure_from_trace(text: str, init_pid: int, *, complete: bool) -> Closure:
    """The :class:`Closure` of a trace, without kernel and Docker-provided files."""
    read, programs = parse_trace(text, init_pid)
    keep = [p for p in read if _is_image_path(p)]
    execs = [p for p in programs if _is_image_path(p)]
    note = None if complete else "the trace began after the command started"
    return Closure(
        files=tuple(sorted(set(keep) | set(execs))),
        executables=tuple(sorted(set(execs))),
        complete=complete,
        note=note,
    )


def _is_image_path(path: str) -> bool:
    return not path.startswith(_NOT_IMAGE) and path not in _DOCKER_MOUNTS


# --- the filesystem side ---------------------------------------------------------------------


def resolve(index: ImageFiles, path: str) -> str | None:
    """``path`` with every symlink in it followed inside ``index``; None when it is not there."""
    parts = [p for p in path.split("/") if p]
    current = "/"
    hops = 0
    while parts:
        part = parts.pop(0)
        if part == "..":
            current = posixpath.dirname(current) or "/"
            continue
        if part == ".":
            continue
        candidate = posixpath.join(current, part)
        found = index.get(candidate)
        if found is None:
            if parts:  # a listing may omit a directory entry: the last part decides
                current = candidate
                continue
            return None
        if found.kind == "symlink":
            hops += 1
            if hops > 40:
                return None
            target = found.link
            base = "/" if target.startswith("/") else current
            parts = [p for p in target.split("/") if p] + parts
            current = base
            continue
        if found.kind == "hardlink":
            linked = "/" + found.link.lstrip("/")
            candidate = linked if index.get(linked) is not None else candidate
        current = candidate
    return current


@dataclass(frozen=True)
class ClosureFacts:
    """The closure measured against the original's image.

    Attributes:
        files: closure files the original's image holds (resolved paths), sorted.
        bytes: their total size.
        sizes: each file's size.
        app_files: those whose content came from the build context, with their sha256.
        own: those the Dockerfile's own layers added (not the base image's); all of them when
            the base is unknown.
        programs: those that were executed.
        required: those a variant must have: the app's own files, the programs, what the
            Dockerfile's own layers put in the app's folders (build outputs, node_modules...),
            and the runtime code (:func:`runtime_code`).
        own_hashes: the sha256 of the files the Dockerfile's own layers added whose content a
            variant must keep where it holds them (:func:`content_kept`), by path.
    """

    files: tuple[str, ...]
    bytes: int
    sizes: Mapping[str, int] = field(default_factory=dict)
    app_files: Mapping[str, str] = field(default_factory=dict)
    own: frozenset[str] = frozenset()
    programs: frozenset[str] = frozenset()
    required: frozenset[str] = frozenset()
    own_hashes: Mapping[str, str] = field(default_factory=dict)


def content_kept(path: str, programs: Iterable[str] = ()) -> bool:
    """Whether a variant must hold the same content as the original at ``path`` (a file the
    Dockerfile's own layers added): everything but what a variant rebuilds by design, the
    programs and native code it compiles again (stripped, static or for another base), the
    bytecode caches Python writes with their sources' times, and the loader's cache
    (``ldconfig`` writes it for the libraries each image holds)."""
    name = posixpath.basename(path)
    return not (
        path in programs
        or path in _CACHES
        or name.endswith((".pyc", ".node"))
        or _LIBRARY.search(name) is not None
    )


def measure(
    closure: Closure,
    index: ImageFiles,
    context_hashes: Mapping[str, str],
    base_layers: int | None = None,
) -> ClosureFacts:
    """Resolve the closure in the original's filesystem; total its bytes; find the app's files.

    Args:
        closure: what the original opened.
        index: the original image's files (:func:`imgopt.engine.filesystem.open_image_files`),
            with contents hashed for the paths :func:`app_candidates` names.
        context_hashes: sha256 of build-context files by relative path.
        base_layers: how many of the image's layers are the base image's (None: unknown).
    """
    files: dict[str, int] = {}
    programs: set[str] = set()
    for path in closure.files:
        real = resolve(index, path)
        entry = index.get(real) if real is not None else None
        if real is not None and entry is not None and entry.kind == "file":
            files.setdefault(real, entry.size)
            if path in closure.executables:
                programs.add(real)
    own = {p for p in files if base_layers is None or (index.layer(p) or 0) >= base_layers}
    total = sum(files.values())
    by_name = _by_basename(context_hashes)
    app: dict[str, str] = {}
    for path in files:
        if posixpath.basename(path) not in by_name:
            continue
        digest = index.sha256(path)
        if digest is None:
            continue
        for rel in by_name.get(posixpath.basename(path), ()):
            if path.endswith("/" + rel) and context_hashes[rel] == digest:
                app[path] = digest
                break
    # What the Dockerfile's own layers put in the app's folders, and the runtime code (shared
    # libraries, the language's standard library), whichever layer it came from: see the docs.
    folders = {posixpath.dirname(p) for p in app} - _SYSTEM_FOLDERS
    required = set(app) | programs | {p for p in files if runtime_code(p) is not None}
    required |= {p for p in own if any(p.startswith(f + "/") for f in folders)}
    own_hashes = {
        p: digest
        for p in sorted(own)
        if p not in app and content_kept(p, programs) and (digest := index.sha256(p)) is not None
    }
    return ClosureFacts(
        files=tuple(sorted(files)),
        bytes=total,
        sizes=files,
        app_files=app,
        own=frozenset(own),
        programs=frozenset(programs),
        required=frozenset(required),
        own_hashes=own_hashes,
    )


_LIBRARY = re.compile(r"\.so(?:\.\d+)*$")
_LOADERS = ("lib:ld-linux", "lib:ld-musl", "lib:ld.so")
_STDLIB = re.compile(r"/lib/python3\.\d+/(?!site-packages/|dist-packages/)(?P<rest>.+)$")


def runtime_code(path: str) -> str | None:
    """What names ``path`` as the base image's runtime code, wherever a variant keeps it: a
    module's path below the Python standard library's folder (``json/__init__.py``), or a shared
    library's file name (``libssl.so.3``); None for anything else (configuration, data, the base
    image's third-party packages)."""
    stdlib = _STDLIB.search(path)
    if stdlib is not None:
        return "python:" + stdlib.group("rest")
    name = posixpath.basename(path)
    return "lib:" + name if _LIBRARY.search(name) else None


def app_candidates(closure: Closure, context_hashes: Mapping[str, str]) -> set[str]:
    """Closure paths whose name is also a build-context file's: the ones worth hashing."""
    names = {posixpath.basename(rel) for rel in context_hashes}
    return {p for p in closure.files if posixpath.basename(p) in names}


def context_hashes(context: Path | None, names: Iterable[str]) -> dict[str, str]:
    """sha256 of the build-context files called one of ``names``, by relative path."""
    wanted = set(names)
    out: dict[str, str] = {}
    if context is None or not context.is_dir():
        return out
    for dirpath, dirnames, filenames in os.walk(context):
        dirnames[:] = [d for d in dirnames if d not in (".git", "node_modules")]
        for name in filenames:
            if name not in wanted:
                continue
            path = Path(dirpath) / name
            try:
                with path.open("rb") as handle:
                    digest = hashlib.file_digest(handle, "sha256").hexdigest()
            except OSError:
                continue
            out[path.relative_to(context).as_posix()] = digest
    return out


#: Why a closure file a variant lacks is not required (the default rule), by code: the code is
#: what run.json and the JSON report record, the words what the text and Markdown show.
ABSENT_REASONS: Mapping[str, str] = {
    "config-or-data": "configuration or data",
    "package": "a third-party package the app never imported directly",
    "library-without-loader": "a shared library, in a variant with no dynamic loader",
    "entry-points-of-absent-distribution": (
        "the entry points of a Python distribution the variant does not install"
    ),
}
#: The reasons that hold under the literal rule too: nothing in the variant could read the file.
NOT_A_LOSS = frozenset({"library-without-loader", "entry-points-of-absent-distribution"})
_PACKAGE_DIRS = ("/site-packages/", "/dist-packages/", "/node_modules/")
#: The command-line flag that asks for the lenient, required-files rule (the default; ``[closure]
#: strict = false``), over a spec's ``strict = true``.
LENIENT_FLAG = "--lenient-closure"


def absent_reason(path: str, *, no_loader: bool = False) -> str:
    """The :data:`ABSENT_REASONS` code of a closure file a variant lacks and does not need:
    ``library-without-loader`` when ``no_loader``; ``package`` for a file inside a third-party
    package's folder (``site-packages``, ``dist-packages``, ``node_modules``) other than a
    ``*.pth`` start-up hook; ``config-or-data`` for anything else."""
    if no_loader:
        return "library-without-loader"
    if any(d in path for d in _PACKAGE_DIRS) and not path.endswith(".pth"):
        return "package"
    return "config-or-data"


@dataclass(frozen=True)
class ClosureCheck:
    """A variant's files against the closure.

    Attributes:
        problems: what the variant lacks (or holds different) of the files the Dockerfile's own
            layers added: each one fails the variant.
        absent_optional: closure files the variant does not have that are not required (of the
            base image, or a system package's configuration a directory scan opened): reported,
            not failed. Under the literal rule (the default) only the shared libraries of a
            variant without a loader; the others fail.
        checked: closure files looked up.
        bytes: the total size of the closure files the variant holds (where it holds them: a
            moved file counts, a file it lacks does not): the app's floor in this image.
        reasons: each of ``absent_optional``'s files with why it is not required (an
            :data:`ABSENT_REASONS` code), in the same order.
    """

    problems: tuple[str, ...]
    absent_optional: tuple[str, ...]
    checked: int
    bytes: int = 0
    reasons: tuple[str, ...] = ()


def check_variant(facts: ClosureFacts, variant: ImageFiles, *, strict: bool = True) -> ClosureCheck:
    """Look up every closure file in the variant (see the module docs for what is not a loss).

    By default (``strict``), the literal rule: every closure file the variant lacks fails it,
    whether required or not, except what is not a loss by construction
    (:func:`_found_elsewhere`'s caches and moved files, ``/etc/ld.so.cache``, the same runtime
    code held at another path, a shared library in a variant without a loader); a failure the
    required-files rule would accept says why (its :data:`ABSENT_REASONS` words).
    ``strict=False``: the required-files rule, only required files fail, the others are named in
    ``absent_optional`` with their reasons.
    """
    problems: list[str] = []
    reasons: list[str] = []
    absent_optional: list[str] = []
    moved: dict[str, set[int]] | None = None
    code: set[str] | None = None
    dists: set[str] | None = None
    held: dict[str, int] = {}  # the variant's closure files (by their path there) and sizes
    for path in facts.files:
        real = resolve(variant, path)
        entry = variant.get(real) if real is not None else None
        if real is not None and entry is not None and entry.kind == "file":
            held[real] = entry.size
            want = facts.app_files.get(path, facts.own_hashes.get(path))
            if want is not None and variant.sha256(real) != want:
                problems.append(f"variant has another {path} than the original, which read it")
            continue
        if path in _CACHES:
            continue
        if moved is None:
            moved = _tails(variant)
        if path not in facts.app_files and _found_elsewhere(facts, path, variant, moved):
            held[path] = facts.sizes.get(path, 0) if _moved(facts, path, moved) else 0
            continue
        why: str | None = None  # the lenient rule's reason for not requiring it
        dist = _entry_points_of(path)
        if dist is not None and path not in facts.app_files:
            dists = dists if dists is not None else _distributions(variant)
            if dist not in dists:
                # importlib.metadata.entry_points() (Flask's CLI, pytest, ...) reads the file of
                # every installed distribution: one the variant lacks has none to read.
                why = "entry-points-of-absent-distribution"
        key = runtime_code(path)
        if why is None and key is not None and path not in facts.app_files:
            code = code if code is not None else _code_keys(variant)
            if key in code:  # the same library or module, of another build or place
                continue
            if key.startswith("lib:") and not any(k.startswith(_LOADERS) for k in code):
                # No dynamic loader in the variant: nothing there can load a shared library
                # (a static build on scratch or distroless/static), so none is needed.
                why = absent_reason(path, no_loader=True)
        if why is None and path not in facts.required:
            why = absent_reason(path)
        if why is None:
            problems.append(lacks(path))
        elif strict and why not in NOT_A_LOSS:
            problems.append(f"{lacks(path)} ({ABSENT_REASONS[why]}: {LENIENT_FLAG} accepts it)")
        else:
            absent_optional.append(path)
            reasons.append(why)
    total = sum(held.values())
    return ClosureCheck(
        tuple(problems), tuple(absent_optional), len(facts.files), total, tuple(reasons)
    )


def lacks(path: str) -> str:
    """How a variant fails for a closure file it lacks: ``variant lacks PATH, which the original
    read``."""
    return f"variant lacks {path}, which the original read"


def strict_rule(asked: bool | None, spec: bool | None) -> bool:
    """Whether the literal closure rule applies: what the command line asked for
    (``--strict-closure`` True, ``--lenient-closure`` False, None: not said), else what the
    smoke spec's ``[closure] strict`` says (None: not said), else the literal rule: the default
    (see the module docs for why)."""
    if asked is not None:
        return asked
    return spec if spec is not None else True


def _code_keys(index: ImageFiles) -> set[str]:
    keys = set()
    for path, entry in index.files():
        if entry.kind in ("file", "symlink"):
            key = runtime_code(path)
            if key is not None:
                keys.add(key)
    return keys


def _moved(facts: ClosureFacts, path: str, moved: Mapping[str, set[int]]) -> bool:
    """The variant holds ``path``'s file, moved to another folder (same size, same tail)."""
    return facts.sizes.get(path) in moved.get(_tail(path), set())


def _found_elsewhere(
    facts: ClosureFacts, path: str, variant: ImageFiles, moved: Mapping[str, set[int]]
) -> bool:
    """A cache the app rebuilds, a program found under another bin folder, or a moved file."""
    if path.endswith(".pyc") and "/__pycache__/" in path:
        folder, name = path.split("/__pycache__/", 1)
        source = f"{folder}/{name.split('.', 1)[0]}.py"
        real = resolve(variant, source)
        entry = variant.get(real) if real is not None else None
        if entry is not None and entry.kind == "file":
            return True
        return _tail(source) in moved  # the package moved (a virtualenv), with its sources
    if path in facts.programs or _in_bin(path):
        name = posixpath.basename(path)
        return any(t.endswith("/" + name) and _in_bin("/" + t) for t in moved)
    return _moved(facts, path, moved)


def _entry_points_of(path: str) -> str | None:
    """The normalised distribution name of a package folder's ``NAME-VERSION.dist-info`` (or
    ``.egg-info``) ``entry_points.txt``; None for any other path."""
    folder, name = posixpath.split(path)
    if name != "entry_points.txt" or not any(d in path for d in _PACKAGE_DIRS):
        return None
    meta = posixpath.basename(folder)
    if not meta.endswith((".dist-info", ".egg-info")):
        return None
    return _distribution(meta)


def _distributions(index: ImageFiles) -> set[str]:
    """The normalised names of every Python distribution an image may install: its metadata
    folders, and the top-level modules of its package folders (a variant that copied a
    package's code without its metadata still counts as installing it)."""
    out: set[str] = set()
    for path, _ in index.files():
        for folder in _PACKAGE_DIRS[:2]:  # site-packages, dist-packages
            if folder not in path:
                continue
            top = path.split(folder, 1)[1].split("/", 1)[0]
            if top.endswith((".dist-info", ".egg-info")):
                out.add(_distribution(top))
            elif top:
                out.add(_normalised(top.split(".", 1)[0]))
    return out


def _distribution(meta: str) -> str:
    """The normalised name of a ``NAME-VERSION.dist-info`` (or ``.egg-info``) folder."""
    return _normalised(meta.rsplit(".", 1)[0].split("-", 1)[0])


def _normalised(name: str) -> str:
    """A distribution name as PEP 503 compares them (``Flask_SQLAlchemy``: ``flask-sqlalchemy``)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _in_bin(path: str) -> bool:
    return posixpath.basename(posixpath.dirname(path)) in ("bin", "sbin")


def _tail(path: str) -> str:
    """The last two components; a package folder's name counts as ``site-packages`` (Debian's
    Python installs top-level modules in ``dist-packages``, a virtualenv's in ``site-packages``)."""
    tail = "/".join(path.rsplit("/", 2)[-2:])
    return (
        "site-packages/" + tail[len("dist-packages/") :]
        if tail.startswith("dist-packages/")
        else tail
    )


def _tails(index: ImageFiles) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for path, entry in index.files():
        if entry.kind == "file":
            out.setdefault(_tail(path), set()).add(entry.size)
    return out


def _by_basename(hashes: Mapping[str, str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for rel in hashes:
        out.setdefault(posixpath.basename(rel), []).append(rel)
    return out


__all__ = [
    "ABSENT_REASONS",
    "GATE_SHELL",
    "LENIENT_FLAG",
    "MECHANISM",
    "Closure",
    "ClosureCheck",
    "ClosureFacts",
    "Tracer",
    "absent_reason",
    "app_candidates",
    "borrowed_gate",
    "check_variant",
    "closure_from_trace",
    "content_kept",
    "context_hashes",
    "lacks",
    "measure",
    "parse_trace",
    "release_gate",
    "resolve",
    "strace_options",
    "strict_rule",
    "tracer_problem",
]
