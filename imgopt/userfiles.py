"""Every read and write of a user's path: the one place that touches files imgopt did not make.

imgopt reads files that users (or repositories they just cloned) name, and writes into folders
they name. Everything here exists so that neither can go wrong:

Reading (:func:`read_bytes`, :func:`read_text`): regular files only, never more than a limit.
A FIFO is refused without waiting for a writer, ``/dev/zero`` is refused without reading it, and
a file larger than the limit is refused after reading at most the limit. Each failure is an
:class:`~imgopt.errors.InputError` (exit 2) naming the file.

Writing (:func:`write_bytes`, :func:`write_text`): a symlink or anything but a regular file at
the target is refused, and so is a symlink among the folders between an output folder and the
file. A file is written to a temporary file in its own folder, flushed to disk, and renamed over
the target, so a reader never sees half a file and a failure never leaves a file elsewhere.

Output folders (:class:`OutFolder`): a folder imgopt writes many files into (``analyze --out``,
``propose -o``, ``report -o``) is used only when it is new, empty, or carries imgopt's marker
file :data:`MARKER`, which holds the run id of the run that wrote it and every file and folder
it created. The next run deletes exactly those (never a file the marker does not list, never
a symlink, never a folder that is not empty), and never replaces a file it did not create.
While a run writes a folder it holds an exclusive lock on it (:data:`LOCK`, holding its pid), so
two runs cannot write the same folder; the lock is taken before anything is written.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import secrets
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from imgopt.errors import InputError

#: Read limit for text inputs (Dockerfiles, Compose files, specs, configs, baselines).
MAX_TEXT_BYTES = 32 << 20
#: The marker of a folder imgopt writes: JSON with the run id and what the run created.
MARKER = ".imgopt-out"
#: The lock of a folder imgopt is writing (flock; holds the writer's pid).
LOCK = ".imgopt-out.lock"
_TMP_SUFFIX = ".imgopt-tmp"
_CHUNK = 1 << 16


# -- reading -------------------------------------------------------------------------------------


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_bytes(path: str | Path, *, limit: int = MAX_TEXT_BYTES, what: str = "file") -> bytes:
    """The content of the regular file ``path``, at most ``limit`` bytes.

    The file is opened without blocking (a FIFO with no writer cannot hang us) and checked to be
    a regular file before a byte is read. Symlinks to regular files are followed: reading
    through one cannot change anything.

    Raises:
        InputError: missing, unreadable, not a regular file, or larger than ``limit``.
    """
    p = Path(path)
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(p, flags)
    except OSError as err:
        raise InputError(f"{p}: cannot read the {what} ({_reason(err)})") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(
                f"{p}: cannot read the {what}: it is {_kind(st.st_mode)}",
                hint="give a regular file",
            )
        if st.st_size > limit:
            raise InputError(f"{p}: the {what} is too large ({st.st_size} bytes; limit {limit})")
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew while we read it
                raise InputError(f"{p}: the {what} is too large (limit {limit} bytes)")
        return b"".join(chunks)
    except OSError as err:
        raise InputError(f"{p}: cannot read the {what} ({_reason(err)})") from None
    finally:
        os.close(fd)


def read_text(path: str | Path, *, limit: int = MAX_TEXT_BYTES, what: str = "file") -> str:
    """:func:`read_bytes` decoded as UTF-8 (a leading BOM is dropped).

    Raises:
        InputError: as :func:`read_bytes`, or the file is not UTF-8 text.
    """
    data = read_bytes(path, limit=limit, what=what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            f"{path}: the {what} is not UTF-8 text (byte {err.start})",
            hint="save it as UTF-8",
        ) from None


def _reason(err: OSError) -> str:
    return (err.strerror or str(err)).lower()


# -- writing -------------------------------------------------------------------------------------


def _lstat(path: Path, failure: str) -> os.stat_result | None:
    """``os.lstat(path)``, None when nothing is there; other errors are ``failure (why)``."""
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as err:
        raise InputError(f"{failure} ({_reason(err)})") from None


def _no_symlink(st: os.stat_result, message: str) -> None:
    if stat.S_ISLNK(st.st_mode):
        raise InputError(
            message,
            hint="remove the symlink or give the real path; imgopt never writes through one",
        )


def check_target(path: Path) -> os.stat_result | None:
    """The ``lstat`` of what is at ``path`` now (None when nothing is), when it may be replaced.

    Raises:
        InputError: ``path`` is a symlink (dangling or not) or not a regular file.
    """
    st = _lstat(path, f"{path}: cannot write")
    if st is None:
        return None
    _no_symlink(st, f"{path}: refusing to write through a symlink")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{path}: cannot write: it is {_kind(st.st_mode)}")
    return st


def _check_folders(root: Path, folder: Path) -> None:
    """Refuse a symlink or non-folder among ``folder`` and its parents up to ``root``."""
    rel = folder.relative_to(root)
    current = root
    for part in (Path(), *[Path(p) for p in rel.parts]):
        current = current / part
        try:
            st = os.lstat(current)
        except FileNotFoundError:
            return
        except OSError as err:
            raise InputError(f"{current}: cannot write ({_reason(err)})") from None
        if stat.S_ISLNK(st.st_mode):
            raise InputError(
                f"{current}: refusing to write through a symlinked folder",
                hint="imgopt writes only into real folders it created or was given",
            )
        if not stat.S_ISDIR(st.st_mode):
            raise InputError(f"{current}: cannot write into it: not a folder")


def write_bytes(
    path: str | Path, data: bytes, *, mode: int | None = None, within: Path | None = None
) -> Path:
    """Replace ``path`` with ``data`` atomically, never through a symlink.

    Args:
        path: the file; its folder must exist (or be inside ``within``, see below).
        data: the new content.
        mode: the file's permission bits (default: the replaced file's, else 0o644 less umask).
        within: an output folder that holds ``path``: the folders between them are created as
            needed, and none of them may be a symlink.

    Raises:
        InputError: the target or a folder on the way is a symlink or not what it should be,
            or the write failed (the temporary file is removed).
    """
    target = Path(path)
    owner = _open_folder_for(target)
    if owner is not None:  # inside an output folder: recorded in its marker
        return owner.write_bytes(target, data, mode=mode)
    if within is not None:
        _create_root(within, "folder")
        _check_folders(within, target.parent)
        _make_folders(within, target.parent)
    return _atomic_write(target, data, mode)


def write_text(
    path: str | Path, text: str, *, mode: int | None = None, within: Path | None = None
) -> Path:
    """:func:`write_bytes` of ``text`` in UTF-8, line endings as given."""
    return write_bytes(path, text.encode("utf-8"), mode=mode, within=within)


def _make_folders(root: Path, folder: Path) -> list[Path]:
    """Create ``folder`` and missing parents below ``root``; return those created."""
    created: list[Path] = []
    current = root
    for part in folder.relative_to(root).parts:
        current = current / part
        try:
            os.mkdir(current)
            created.append(current)
        except FileExistsError:
            st = os.lstat(current)
            if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
                raise InputError(
                    f"{current}: refusing to write into it: not a real folder"
                ) from None
        except OSError as err:
            raise InputError(f"{current}: cannot create the folder ({_reason(err)})") from None
    return created


def _atomic_write(target: Path, data: bytes, mode: int | None, *, durable: bool = True) -> Path:
    st = check_target(target)
    folder = target.parent
    try:
        parent = os.lstat(folder)
    except OSError as err:
        raise InputError(f"{target}: cannot write ({_reason(err)})") from None
    if not stat.S_ISDIR(parent.st_mode):
        raise InputError(f"{target}: cannot write: {folder} is not a folder")
    if mode is None:
        mode = stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask()
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name[:64]}.", suffix=_TMP_SUFFIX)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fchmod(fh.fileno(), mode)
            if durable:
                os.fsync(fh.fileno())
        check_target(target)  # nothing swapped in meanwhile
        os.replace(tmp, target)  # never follows a symlink at target
        tmp = None
        if durable:
            _fsync_dir(folder)
    except OSError as err:
        raise InputError(f"{target}: cannot write ({_reason(err)})") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return target


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


# -- output folders ------------------------------------------------------------------------------

#: Output folders open in this process, by resolved path: writes inside one are recorded in it.
_OPEN: dict[Path, OutFolder] = {}


def _open_folder_for(path: Path) -> OutFolder | None:
    """The innermost output folder open in this process that holds ``path``."""
    if not _OPEN:
        return None
    try:
        resolved = path.parent.resolve() / path.name
    except OSError:
        return None
    best: OutFolder | None = None
    for root, folder in _OPEN.items():
        inside = resolved == root or root in resolved.parents
        if inside and (best is None or len(root.parts) > len(best.resolved.parts)):
            best = folder
    return best


def open_folder_for(path: str | Path) -> OutFolder | None:
    """The output folder open in this process that holds ``path``, if any."""
    return _open_folder_for(Path(path))


def claim(path: str | Path) -> None:
    """Record ``path`` as created by this run in the output folder that holds it (if one is
    open), for files written by code that does not use :func:`write_bytes` (the bench's run
    table, appended row by row)."""
    owner = _open_folder_for(Path(path))
    if owner is not None:
        owner.claim(Path(path))


class OutFolder:
    """A folder imgopt writes many files into, proven to be imgopt's by :data:`MARKER`.

    Use :meth:`open` (or as a context manager); every write inside the folder then goes through
    it, including :func:`write_bytes` calls from anywhere in this process.
    """

    def __init__(self, root: Path, command: str, run_id: str) -> None:
        self.root = root
        self.resolved = root.resolve()
        self.command = command
        self.run_id = run_id
        self.files: set[str] = set()
        self.folders: set[str] = set()
        self._previous: set[str] = set()
        self._lock_fd: int | None = None
        self._guard = threading.Lock()  # writers in several threads (the bench's verifier)

    # -- lifecycle ---------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        root: str | Path,
        command: str,
        *,
        option: str = "--out",
        run_id: str | None = None,
        only: str | None = None,
    ) -> OutFolder:
        """Take ``root`` for a new run of ``command``: create it, or check that it is empty or
        imgopt's, lock it, and delete what the previous run there created (with ``only``, a
        folder inside ``root``: only what it created there; the rest stays listed as imgopt's).

        Raises:
            InputError: ``root`` is a file, a symlink, holds files without imgopt's marker,
                cannot be created, or another process is writing it (named by pid).
        """
        root = Path(root)
        created = _create_root(root, option)
        folder = cls(root, command, run_id or secrets.token_hex(8))
        stale = _OPEN.get(folder.resolved)
        if stale is not None:  # an earlier run in this process that never closed
            stale.close()
        if not created:
            folder._check_owned(option)
        folder._lock(option)
        try:
            folder._previous = folder._read_marker_files()
            if only is not None:
                keep = {
                    i for i in folder._previous if i != f"{only}/" and not i.startswith(f"{only}/")
                }
                folder._previous -= keep
                folder.files = {i for i in keep if not i.endswith("/")}
                folder.folders = {i.rstrip("/") for i in keep if i.endswith("/")}
                folder.folders.add(only)
            folder._remove_previous()
            folder._write_marker()
        except BaseException:
            folder.close()
            raise
        _OPEN[folder.resolved] = folder
        return folder

    def close(self) -> None:
        """Release the lock (the marker stays: the folder remains imgopt's)."""
        if _OPEN.get(self.resolved) is self:
            del _OPEN[self.resolved]
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    def __enter__(self) -> OutFolder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------------

    def path(self, rel: str | Path) -> Path:
        """``root / rel``, refusing anything that leaves the folder."""
        p = Path(rel)
        if p.is_absolute() or ".." in p.parts:
            raise InputError(f"{rel}: outside the output folder {self.root}")
        return self.root / p

    def _rel(self, path: Path) -> str:
        try:
            resolved = path.parent.resolve() / path.name
            return resolved.relative_to(self.resolved).as_posix()
        except (OSError, ValueError):
            raise InputError(f"{path}: outside the output folder {self.root}") from None

    def claim(self, path: Path) -> str:
        """Record ``path`` (inside the folder) as this run's; return it relative to the root."""
        rel = self._rel(path)
        with self._guard:
            if rel not in self.files:
                self.files.add(rel)
                self._write_marker()
        return rel

    def write_bytes(self, path: str | Path, data: bytes, *, mode: int | None = None) -> Path:
        """Write ``path`` (as given: absolute or relative to the working folder) inside the
        folder, recording it.

        Raises:
            InputError: the path leaves the folder, passes a symlink, or names a file this run
                or the previous imgopt run here did not create.
        """
        rel = self._rel(Path(path))
        target = self.root / rel
        _check_folders(self.root, target.parent)
        if rel not in self.files and check_target(target) is not None:
            raise InputError(
                f"{target}: refusing to replace a file imgopt did not write",
                hint=f"move it, or choose an empty {self.root} "
                "(imgopt never overwrites your files)",
            )
        with self._guard:
            for made in _make_folders(self.root, target.parent):
                self.folders.add(made.relative_to(self.root).as_posix())
        self.claim(target)
        return _atomic_write(target, data, mode)

    def write_text(self, path: str | Path, text: str) -> Path:
        """:meth:`write_bytes` of ``text`` in UTF-8."""
        return self.write_bytes(path, text.encode("utf-8"))

    def mkdir(self, rel: str | Path) -> Path:
        """Create ``rel`` (relative to the root) and its parents, recording what was created."""
        target = self.path(rel)
        _check_folders(self.root, target)
        with self._guard:
            for made in _make_folders(self.root, target):
                self.folders.add(made.relative_to(self.root).as_posix())
            self._write_marker()
        return target

    # -- internals ---------------------------------------------------------------------------

    def _check_owned(self, option: str) -> None:
        names = _entries(self.root, option)
        if not names or MARKER in names:
            return
        if set(names) <= {LOCK}:
            return
        raise InputError(
            f"{option} {self.root} holds files that imgopt did not write",
            hint="give a new or empty folder (imgopt only replaces what it wrote itself, "
            f"which it lists in {MARKER})",
        )

    def _lock(self, option: str) -> None:
        lock = self.root / LOCK
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        except OSError as err:
            if err.errno == errno.ELOOP:
                raise InputError(f"{lock}: refusing to use a symlink as the lock") from None
            raise InputError(f"{option} {self.root}: cannot write ({_reason(err)})") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            try:
                holder = os.read(fd, 32).decode("ascii", "replace").strip() or "unknown"
            finally:
                os.close(fd)
            raise InputError(
                f"{option} {self.root} is being written by another imgopt (pid {holder})",
                hint="wait for it to finish, or choose another folder",
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._lock_fd = fd

    def _read_marker_files(self) -> set[str]:
        marker = self.root / MARKER
        if not os.path.lexists(marker):
            return set()
        try:
            data = json.loads(read_bytes(marker, limit=4 << 20, what="marker"))
        except (InputError, ValueError, RecursionError):
            data = None
        if not isinstance(data, dict) or data.get("tool") != "imgopt":
            raise InputError(
                f"{marker}: not a marker imgopt wrote",
                hint="give a new or empty folder",
            )
        listed: set[str] = set()
        for key in ("files", "folders"):
            for item in data.get(key) or []:
                if isinstance(item, str):
                    listed.add(item + ("/" if key == "folders" else ""))
        return listed

    def _remove_previous(self) -> None:
        """Delete what the previous run listed: regular files, then folders left empty."""
        files = sorted(i for i in self._previous if not i.endswith("/"))
        folders = sorted(
            (i.rstrip("/") for i in self._previous if i.endswith("/")),
            key=lambda f: f.count("/"),
            reverse=True,
        )
        for rel in files:
            p = Path(rel)
            if p.is_absolute() or ".." in p.parts or not p.parts:
                continue
            target = self.root / p
            try:
                _check_folders(self.root, target.parent)
                st = os.lstat(target)
            except (InputError, OSError):
                continue
            if stat.S_ISREG(st.st_mode):
                with contextlib.suppress(OSError):
                    os.unlink(target)
        for rel in folders:
            p = Path(rel)
            if p.is_absolute() or ".." in p.parts or not p.parts:
                continue
            target = self.root / p
            try:
                _check_folders(self.root, target)
            except InputError:
                continue
            with contextlib.suppress(OSError):
                os.rmdir(target)  # only when empty: a user's file inside keeps it

    def _write_marker(self) -> None:
        data = {
            "tool": "imgopt",
            "command": self.command,
            "run_id": self.run_id,
            "pid": os.getpid(),
            "files": sorted(self.files),
            "folders": sorted(self.folders),
        }
        # Rewritten on every new file: atomic, but not flushed each time (a crash can only leave
        # a file unlisted, which is then kept, never one listed that imgopt did not write).
        text = json.dumps(data, indent=1) + "\n"
        _atomic_write(self.root / MARKER, text.encode(), None, durable=False)


_MARKER_SEARCH = 3  # RUN/report, OUT/<service>/report: imgopt's folders are shallow


@contextlib.contextmanager
def writing_into(folder: str | Path, command: str, *, option: str) -> Iterator[OutFolder]:
    """An :class:`OutFolder` for writing into ``folder``: the one already open in this process
    that holds it (``analyze`` writing its report), else ``folder``'s parent when imgopt's
    marker there lists ``folder`` as created by imgopt (``imgopt report RUN`` re-rendering
    ``RUN/report``; the nearest marker among the parents decides), else ``folder`` itself,
    opened for this command and closed at the end."""
    path = Path(folder)
    held = _open_folder_for(path / "x")
    if held is not None:
        yield held
        return
    opened: OutFolder | None = None
    if not os.path.lexists(path / MARKER):
        for ancestor in list(path.parents)[:_MARKER_SEARCH]:
            if not os.path.lexists(ancestor / MARKER):
                continue
            rel = path.relative_to(ancestor).as_posix()
            try:
                owned = f"{rel}/" in OutFolder(ancestor, command, "")._read_marker_files()
            except InputError:
                owned = False
            if owned:
                opened = OutFolder.open(ancestor, command, option=option, only=rel)
            break  # the nearest marker decides
    if opened is None:
        opened = OutFolder.open(path, command, option=option)
    try:
        yield opened
    finally:
        opened.close()


def _create_root(root: Path, option: str) -> bool:
    """Create ``root`` when missing (True), or check that it is a real folder (False)."""
    st = _lstat(root, f"{option} {root}: cannot use it")
    if st is None:
        try:
            root.mkdir(parents=True)
        except OSError as err:
            raise InputError(
                f"{option} {root}: cannot create the folder ({_reason(err)})"
            ) from None
        return True
    _no_symlink(st, f"{option} {root}: is a symlink")
    if not stat.S_ISDIR(st.st_mode):
        raise InputError(f"{option} {root}: not a folder", hint="give a new or empty folder")
    if not os.access(root, os.W_OK | os.X_OK):
        raise InputError(f"{option} {root}: not writable")
    return False


def _entries(root: Path, option: str) -> list[str]:
    try:
        return [e.name for e in os.scandir(root)]
    except OSError as err:
        raise InputError(f"{option} {root}: cannot list it ({_reason(err)})") from None


def walk_regular(folder: Path) -> Iterator[Path]:
    """Every regular file under ``folder``, never following a symlink."""
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(root, d))]
        for name in files:
            p = Path(root) / name
            with contextlib.suppress(OSError):
                if stat.S_ISREG(os.lstat(p).st_mode):
                    yield p


def is_inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, resolved, lies inside ``folder``, resolved."""
    try:
        path.resolve().relative_to(folder.resolve())
    except (OSError, ValueError):
        return False
    return True


def redact_mapping(values: Mapping[str, Any]) -> dict[str, str]:
    """Names kept, values replaced: for build args and anything like them."""
    return dict.fromkeys((str(k) for k in values), REDACTED)


def redact_values(text: str, values: Iterable[str]) -> str:
    """``text`` with every occurrence of each of ``values`` replaced by :data:`REDACTED`
    (values shorter than 3 characters are left: replacing every "1" would garble the text,
    and so short a value protects nothing)."""
    for value in sorted({v for v in values if len(v) >= 3}, key=len, reverse=True):
        text = text.replace(value, REDACTED)
    return text


def sha256_of(path: str | Path) -> str | None:
    """The SHA-256 of a regular file's content (hex), or None when it cannot be read."""
    import hashlib

    try:
        return hashlib.sha256(read_bytes(path)).hexdigest()
    except InputError:
        return None


#: What a secret's value is replaced with wherever imgopt writes it.
REDACTED = "<redacted>"
