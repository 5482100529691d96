"""Which shared libraries an image's ELF files load, read from its layers without running it.

:class:`imgopt.analyze.evidence.LibraryCheck` compares the libraries each ELF file of a variant
loads with those of the original's file of the same name. Running ``ldd`` over every such file
in a container cost a loaded machine 10-15 s per image (flask-tutorial: hundreds of files, each
read by a shell pipeline). Here the same answer comes from the image's files themselves:

- :class:`LayerTree`: the image's file system as overlayfs shows it, looked up in the engine's
  own layer folders on this machine (whiteouts and opaque folders honoured, symlinks followed),
  never copied or mounted;
- :func:`read_dynamic`: an ELF file's class, machine, interpreter and dynamic section
  (``DT_NEEDED``, ``DT_RPATH``, ``DT_RUNPATH``, ``DT_SONAME``, ``DF_1_NODEFLIB``);
- :func:`parse_ld_cache`: the image's ``/etc/ld.so.cache`` (what ``ldconfig`` last saw, not
  what ``ld.so.conf`` names: a library copied without running ``ldconfig`` is not in it);
- :func:`libraries`: glibc's search, as ``ld.so --list`` does it, breadth first: the RPATHs of
  the loading chain (when the loader has no RUNPATH), ``LD_LIBRARY_PATH`` from the image's
  environment, the loader's RUNPATH (``$ORIGIN`` expanded), the cache, then the system folders;
  a candidate of another class or machine is passed over, as ``ld.so`` does.

What this cannot decide is returned as *unknown* (an unreadable or foreign file, ``$LIB`` or
``$PLATFORM`` in a path, a relative NEEDED, ``nodeflib``), and a library it does not find may
still be found by the real loader (a ``glibc-hwcaps`` sub-folder): the caller runs ``ldd`` on
exactly those files before it names a library as missing. Pyelftools reads the same headers
but took 11 ms a file here (construct's parsing); these few structs take a fraction of that.
"""

from __future__ import annotations

import os
import posixpath
import stat
import struct
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import BinaryIO, Protocol

ELF_MAGIC = b"\x7fELF"
#: (ELF class, machine) -> (Debian's multiarch triplet, the loader ``ldd`` uses for it).
ARCHES: dict[tuple[int, int], tuple[str, str]] = {
    (2, 62): ("x86_64-linux-gnu", "/lib64/ld-linux-x86-64.so.2"),
    (2, 183): ("aarch64-linux-gnu", "/lib/ld-linux-aarch64.so.1"),
}
#: ``ld.so.cache`` flags of a libc6 library of each (class, machine) (glibc's ldconfig.h).
CACHE_FLAGS: dict[tuple[int, int], int] = {(2, 62): 0x0303, (2, 183): 0x0A03}
#: At most this many symlinks are followed in one lookup (the kernel's own limit).
MAX_LINKS = 40
#: The largest dynamic section or string read (bytes): a sane file's are far smaller.
MAX_READ = 1 << 20

_PT_DYNAMIC, _PT_INTERP, _PT_LOAD = 2, 3, 1
_DT_NEEDED, _DT_STRTAB, _DT_SONAME, _DT_RPATH, _DT_RUNPATH = 1, 5, 14, 15, 29
_DT_FLAGS_1, _DF_1_NODEFLIB = 0x6FFFFFFB, 0x800
_ET_EXEC, _ET_DYN = 2, 3


@dataclass(frozen=True, slots=True)
class Dynamic:
    """What the loader reads of an ELF file.

    Attributes:
        arch: (ELF class: 1 for 32-bit, 2 for 64-bit; machine: 62 for x86-64).
        dynamic: it has a dynamic section (else ``ldd`` lists nothing: static, object file).
        needed: ``DT_NEEDED`` names, in order.
        rpath: ``DT_RPATH`` folders (as written, ``$ORIGIN`` unexpanded).
        runpath: ``DT_RUNPATH`` folders.
        soname: ``DT_SONAME``.
        interp: the program interpreter (``PT_INTERP``), for executables.
        nodeflib: ``DF_1_NODEFLIB``: the cache and the system folders are not searched.
    """

    arch: tuple[int, int]
    dynamic: bool
    needed: tuple[str, ...] = ()
    rpath: tuple[str, ...] = ()
    runpath: tuple[str, ...] = ()
    soname: str | None = None
    interp: str | None = None
    nodeflib: bool = False


def read_dynamic(fh: BinaryIO) -> Dynamic | None:
    """The loader's view of the ELF file ``fh`` (see :class:`Dynamic`), or None when it is not
    an ELF file.

    Raises:
        ValueError: an ELF file too short or malformed to read.
    """
    ident = fh.read(16)
    if len(ident) < 16 or ident[:4] != ELF_MAGIC:
        return None
    cls, data = ident[4], ident[5]
    if cls not in (1, 2) or data not in (1, 2):
        raise ValueError("unknown ELF class or byte order")
    end = "<" if data == 1 else ">"
    head = struct.Struct(end + ("HHIQQQIHHHHHH" if cls == 2 else "HHIIIIIHHHHHH"))
    raw = fh.read(head.size)
    if len(raw) < head.size:
        raise ValueError("truncated ELF header")
    e_type, machine, _, _, phoff, _, _, _, phentsize, phnum, _, _, _ = head.unpack(raw)
    arch = (cls, machine)
    if e_type not in (_ET_EXEC, _ET_DYN):
        return Dynamic(arch, dynamic=False)
    # p_type, p_offset, p_vaddr, p_filesz for both classes
    ph = struct.Struct(end + ("IIQQQQQQ" if cls == 2 else "IIIIIIII"))
    if phentsize < ph.size or phnum > 4096:
        raise ValueError("bad program headers")
    fh.seek(phoff)
    table = fh.read(phentsize * phnum)
    if len(table) < phentsize * phnum:
        raise ValueError("truncated program headers")
    loads: list[tuple[int, int, int]] = []  # (vaddr, offset, filesz)
    dyn: tuple[int, int] | None = None
    interp_at: tuple[int, int] | None = None
    for i in range(phnum):
        f = ph.unpack_from(table, i * phentsize)
        if cls == 2:
            p_type, p_offset, p_vaddr, p_filesz = f[0], f[2], f[3], f[5]
        else:
            p_type, p_offset, p_vaddr, p_filesz = f[0], f[1], f[2], f[4]
        if p_type == _PT_LOAD:
            loads.append((p_vaddr, p_offset, p_filesz))
        elif p_type == _PT_DYNAMIC:
            dyn = (p_offset, p_filesz)
        elif p_type == _PT_INTERP:
            interp_at = (p_offset, p_filesz)
    interp = _read_at(fh, *interp_at).split(b"\0", 1)[0].decode() if interp_at else None
    if dyn is None:
        return Dynamic(arch, dynamic=False, interp=interp)
    entry = struct.Struct(end + ("qQ" if cls == 2 else "iI"))
    body = _read_at(fh, dyn[0], dyn[1])
    tags: list[tuple[int, int]] = []
    for off in range(0, len(body) - entry.size + 1, entry.size):
        tag, val = entry.unpack_from(body, off)
        if tag == 0:
            break
        tags.append((tag, val))
    strtab = next((v for t, v in tags if t == _DT_STRTAB), None)
    if strtab is None:
        raise ValueError("no string table")
    base = next((o + strtab - v for v, o, n in loads if v <= strtab < v + n), None)
    if base is None:
        raise ValueError("string table outside the file")

    def text(at: int) -> str:
        fh.seek(base + at)
        got = fh.read(4096)
        while b"\0" not in got and len(got) < MAX_READ:
            more = fh.read(4096)
            if not more:
                break
            got += more
        return got.split(b"\0", 1)[0].decode("utf-8", "surrogateescape")

    def folders(tag: int) -> tuple[str, ...]:
        return tuple(d for t, v in tags if t == tag for d in text(v).split(":") if d)

    sonames = [text(v) for t, v in tags if t == _DT_SONAME]
    return Dynamic(
        arch,
        dynamic=True,
        needed=tuple(text(v) for t, v in tags if t == _DT_NEEDED),
        rpath=folders(_DT_RPATH),
        runpath=folders(_DT_RUNPATH),
        soname=sonames[0] if sonames else None,
        interp=interp,
        nodeflib=any(t == _DT_FLAGS_1 and v & _DF_1_NODEFLIB for t, v in tags),
    )


def _read_at(fh: BinaryIO, offset: int, size: int) -> bytes:
    if size > MAX_READ:
        raise ValueError("ELF section too large")
    fh.seek(offset)
    got = fh.read(size)
    if len(got) < size:
        raise ValueError("truncated ELF file")
    return got


_CACHE_MAGIC = b"glibc-ld.so.cache1.1"
_CACHE_HEAD = struct.Struct("<20sII")  # magic, nlibs, len_strings (then flags, extension...)
_CACHE_HEADER_SIZE = 48
_CACHE_ENTRY = struct.Struct("<iIIIQ")  # flags, key, value, osversion, hwcap


def parse_ld_cache(data: bytes) -> dict[int, dict[str, str]]:
    """``/etc/ld.so.cache`` (glibc 2.32 and later's format): flags -> soname -> path, first
    entry of a name kept (ldconfig sorts the best one first); entries for a ``glibc-hwcaps``
    sub-folder (a non-zero ``hwcap``) are left out.

    Raises:
        ValueError: not a cache of that format (the old ``ld.so-1.7.0`` one included).
    """
    start = data.find(_CACHE_MAGIC)
    if start < 0:
        raise ValueError("not a glibc-ld.so.cache1.1 file")
    if len(data) < start + _CACHE_HEADER_SIZE:
        raise ValueError("truncated ld.so.cache")
    _, nlibs, _ = _CACHE_HEAD.unpack_from(data, start)
    if start + _CACHE_HEADER_SIZE + nlibs * _CACHE_ENTRY.size > len(data):
        raise ValueError("truncated ld.so.cache")

    def string(at: int) -> str:
        at += start  # offsets count from the new format's header
        stop = data.find(b"\0", at)
        if at >= len(data) or stop < 0:
            raise ValueError("ld.so.cache string out of range")
        return data[at:stop].decode("utf-8", "surrogateescape")

    out: dict[int, dict[str, str]] = {}
    for i in range(nlibs):
        flags, key, value, _, hwcap = _CACHE_ENTRY.unpack_from(
            data, start + _CACHE_HEADER_SIZE + i * _CACHE_ENTRY.size
        )
        if hwcap:
            continue
        out.setdefault(flags, {}).setdefault(string(key), string(value))
    return out


class Tree(Protocol):
    """An image's file system, read-only."""

    def resolve(self, path: str) -> str | None:
        """The path with every symlink followed, if it names a regular file; else None."""

    def open(self, resolved: str) -> BinaryIO:
        """Open a path :meth:`resolve` returned."""


@dataclass(frozen=True, slots=True)
class Found:
    """What :func:`libraries` found for one file.

    Attributes:
        libraries: as :func:`imgopt.variants.evidence.parse_ldd` gives them: the path of each
            library loaded (breadth first), ``"?name"`` for one not found, and the loader's
            own path when a library names it (libc does).
        unknown: the loader's search could not be followed here (see the module docs).
    """

    libraries: tuple[str, ...]
    unknown: bool = False


class Resolver:
    """glibc's library search in one image (see the module docs); ELF files read once."""

    def __init__(
        self, tree: Tree, ld_cache: Mapping[int, Mapping[str, str]], env: Mapping[str, str]
    ) -> None:
        self.tree = tree
        self.cache = ld_cache
        self.library_path = tuple(
            d for d in env.get("LD_LIBRARY_PATH", "").replace(";", ":").split(":") if d
        )
        self._dyn: dict[str, Dynamic | None] = {}

    def dynamic(self, resolved: str) -> Dynamic | None:
        """The file's :class:`Dynamic`, None when it is not ELF.

        Raises:
            ValueError, OSError: it cannot be read.
        """
        if resolved not in self._dyn:
            with self.tree.open(resolved) as fh:
                self._dyn[resolved] = read_dynamic(fh)
        return self._dyn[resolved]

    def read(self, path: str) -> Dynamic | None:
        """The :class:`Dynamic` of the file ``path`` leads to; None when there is no such file
        or it is not ELF.

        Raises:
            ValueError, OSError: it cannot be read.
        """
        resolved = self.tree.resolve(path)
        return None if resolved is None else self.dynamic(resolved)

    def libraries(self, path: str) -> Found | None:
        """What ``ldd path`` lists, or None when ``path`` is not an ELF file of the image."""
        try:
            main = self.read(path)
        except (OSError, ValueError):
            return Found((), unknown=True)
        if main is None:
            return None
        if not main.dynamic or not main.needed:
            return Found(())  # "statically linked" / "not a dynamic executable"
        if main.arch not in ARCHES:
            return Found((), unknown=True)
        loader = main.interp or ARCHES[main.arch][1]
        if self.tree.resolve(loader) is None:
            return Found((), unknown=True)
        try:
            return self._search(path, main, loader)
        except (OSError, ValueError, _Unknown):
            return Found((), unknown=True)

    def _search(self, path: str, main: Dynamic, loader: str) -> Found:
        loaded: dict[str, str | None] = {}
        out: list[str] = []
        # (the object's path, its Dynamic, its loaders' (path, Dynamic) from the nearest up)
        queue: list[tuple[str, Dynamic, tuple[tuple[str, Dynamic], ...]]] = [(path, main, ())]
        while queue:
            obj, dyn, chain = queue.pop(0)
            if dyn.nodeflib:
                raise _Unknown
            for name in dyn.needed:
                if name in loaded:
                    continue
                if name == posixpath.basename(loader):  # the loader itself, always loaded
                    loaded[name] = loader
                    out.append(loader)
                    continue
                found = self._find(name, obj, dyn, chain)
                loaded[name] = found
                if found is None:
                    out.append(f"?{name}")
                    continue
                out.append(found)
                lib = self.read(found)
                if lib is None:  # pragma: no cover - _find only returns ELF files
                    continue
                if lib.soname:
                    loaded.setdefault(lib.soname, found)
                queue.append((found, lib, ((obj, dyn), *chain)))
        return Found(tuple(dict.fromkeys(out)))

    def _find(
        self, name: str, obj: str, dyn: Dynamic, chain: Sequence[tuple[str, Dynamic]]
    ) -> str | None:
        if "/" in name:
            if not name.startswith("/"):
                raise _Unknown  # relative to the working directory of whoever runs it
            return name if self._fits(name, dyn.arch) else None
        folders: list[str] = []
        if not dyn.runpath:
            for o, d in ((obj, dyn), *chain):
                if not d.runpath:
                    folders += [_expand(f, o) for f in d.rpath]
        folders += self.library_path
        folders += [_expand(f, obj) for f in dyn.runpath]
        for folder in folders:
            candidate = posixpath.join(folder, name)
            if self._fits(candidate, dyn.arch):
                return candidate
        cached = self.cache.get(CACHE_FLAGS.get(dyn.arch, -1), {}).get(name)
        if cached is not None and self._fits(cached, dyn.arch):
            return cached
        triplet = ARCHES[dyn.arch][0]
        for folder in (f"/lib/{triplet}", f"/usr/lib/{triplet}", "/lib", "/usr/lib"):
            candidate = f"{folder}/{name}"
            if self._fits(candidate, dyn.arch):
                return candidate
        return None

    def _fits(self, path: str, arch: tuple[int, int]) -> bool:
        if not path.startswith("/"):
            return False  # a relative folder in a search path: not followed here
        try:
            dyn = self.read(path)
        except (OSError, ValueError):
            return False
        return dyn is not None and dyn.arch == arch


class _Unknown(Exception):
    """The search cannot be followed statically."""


def _expand(folder: str, obj: str) -> str:
    if "$LIB" in folder or "${LIB}" in folder or "PLATFORM" in folder:
        raise _Unknown
    origin = posixpath.dirname(obj)
    return posixpath.normpath(folder.replace("${ORIGIN}", origin).replace("$ORIGIN", origin))


class LayerTree:
    """An image's file system read from the engine's layer folders on this machine, as
    overlayfs merges them: a layer's file hides the lower ones', a whiteout (a character
    device 0/0) deletes, an opaque folder (``trusted.overlay.opaque``) hides the lower layers'
    contents of that folder.

    Args:
        diff_dirs: the layers' folders, bottom first.
    """

    def __init__(self, diff_dirs: Sequence[str | os.PathLike[str]]) -> None:
        self.diffs = [os.fspath(d) for d in diff_dirs]
        self._layers: dict[str, list[int]] = {"/": list(range(len(self.diffs) - 1, -1, -1))}
        self._entries: dict[str, tuple[int, os.stat_result] | None] = {}
        self._lookups: dict[str, str | None] = {}

    def _entry(self, path: str) -> tuple[int, os.stat_result] | None:
        """The topmost layer holding ``path`` (its parent a real folder) and its lstat."""
        if path not in self._entries:
            found: tuple[int, os.stat_result] | None = None
            for i in self._dir_layers(posixpath.dirname(path)):
                try:
                    st = os.lstat(self.diffs[i] + path)
                except (FileNotFoundError, NotADirectoryError):
                    continue
                if not _whiteout(st):
                    found = (i, st)
                break
            self._entries[path] = found
        return self._entries[path]

    def _dir_layers(self, folder: str) -> list[int]:
        """The layers, top first, whose copy of the folder ``folder`` shows in the merge."""
        if folder not in self._layers:
            out: list[int] = []
            for i in self._dir_layers(posixpath.dirname(folder)):
                p = self.diffs[i] + folder
                try:
                    st = os.lstat(p)
                except (FileNotFoundError, NotADirectoryError):
                    continue
                if not stat.S_ISDIR(st.st_mode):
                    break  # a whiteout or another kind of file hides the lower layers
                out.append(i)
                if _opaque(p):
                    break
            self._layers[folder] = out
        return self._layers[folder]

    def lookup(self, path: str) -> str | None:
        """``path`` with every symlink followed (absolute, normalised), if it exists."""
        if path not in self._lookups:
            self._lookups[path] = self._lookup(path)
        return self._lookups[path]

    def _lookup(self, path: str) -> str | None:
        pending = [p for p in path.split("/") if p]
        current = "/"
        links = 0
        while pending:
            part = pending.pop(0)
            if part == ".":
                continue
            if part == "..":
                current = posixpath.dirname(current)
                continue
            candidate = posixpath.join(current, part)
            entry = self._entry(candidate)
            if entry is None:
                return None
            layer, st = entry
            if stat.S_ISLNK(st.st_mode):
                links += 1
                if links > MAX_LINKS:
                    return None
                target = os.readlink(self.diffs[layer] + candidate)
                pending = [p for p in target.split("/") if p] + pending
                if target.startswith("/"):
                    current = "/"
                continue
            if pending and not stat.S_ISDIR(st.st_mode):
                return None
            current = candidate
        return current

    def resolve(self, path: str) -> str | None:
        """See :meth:`Tree.resolve`."""
        found = self.lookup(path)
        if found is None:
            return None
        entry = self._entry(found)
        return found if entry is not None and stat.S_ISREG(entry[1].st_mode) else None

    def open(self, resolved: str) -> BinaryIO:
        """See :meth:`Tree.open`."""
        entry = self._entry(resolved)
        if entry is None:
            raise FileNotFoundError(resolved)
        return open(self.diffs[entry[0]] + resolved, "rb")

    def file_mode(self, path: str) -> int | None:
        """The mode bits of ``path`` when it is a regular file reached without a symlink."""
        folder = posixpath.dirname(path)
        if self.lookup(folder) != folder:
            return None
        entry = self._entry(path)
        if entry is None or not stat.S_ISREG(entry[1].st_mode):
            return None
        return stat.S_IMODE(entry[1].st_mode)


def _whiteout(st: os.stat_result) -> bool:
    return stat.S_ISCHR(st.st_mode) and st.st_rdev == 0


def _opaque(path: str) -> bool:
    for name in ("trusted.overlay.opaque", "user.overlay.opaque"):
        try:
            if os.getxattr(path, name, follow_symlinks=False) == b"y":
                return True
        except OSError:
            continue
    return False


def elf_files(
    tree: LayerTree, paths: Iterable[str], keep: Callable[[str, int], bool] | None = None
) -> list[str]:
    """The ``paths`` that are regular files in the merged image, reached without a symlink
    (as ``find -type f`` walks), that ``keep(path, mode)`` keeps, and that start with the ELF
    magic."""
    out: list[str] = []
    for path in dict.fromkeys(paths):
        mode = tree.file_mode(path)
        if mode is None or (keep is not None and not keep(path, mode)):
            continue
        try:
            with tree.open(path) as fh:
                if fh.read(4) != ELF_MAGIC:
                    continue
        except OSError:
            continue
        out.append(path)
    return out
