"""The run folder: one tidy table of results, written row by row, and the run's metadata.

A run folder holds:

- ``results.csv``: one table. Each row is one observation, of one of three kinds (column
  ``row``): ``build`` (one build: variant, repetition, ``kind`` cold or warm, seconds, sizes,
  cache hits, error), ``layer`` (one layer of a variant's measured image: instruction, line,
  base or own, size, tar size, compressed size, step seconds) and ``variant`` (a variant's
  measured image: total and compressed sizes, layers, waste figures, verification result and
  reason). Rows are appended and flushed as they are measured, so an interrupted run keeps every
  finished row; ``--resume`` reads them back and skips what is done. Columns a row kind does not
  use are empty. Every row names the engine that produced it (``engine``).
- ``run.json``: what the figures depend on: the machine, the engine (version, the name it was
  given, its own id) and builder versions, imgopt's version, the app's git commit, the variants
  (each with the engine that builds it), the base images and whether each is an offline
  stand-in (label ``org.imgopt.standin=true``), the options, timings of each phase, and the
  run's status (``running``, ``complete``, ``interrupted``, ``failed``).

``load_run(path)`` reads a run folder's table into one pandas DataFrame.
"""

from __future__ import annotations

import csv
import json
import os
import platform
import subprocess
import threading
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from imgopt.errors import InputError
from imgopt.userfiles import claim, redact_values

if TYPE_CHECKING:
    import pandas as pd

RESULTS = "results.csv"
METADATA = "run.json"
LOCK = ".lock"

COLUMNS: tuple[str, ...] = (
    "run_id",
    "row",  # build | layer | variant
    "variant",
    "dockerfile",
    "kind",  # build rows: cold | warm
    "repetition",
    "seconds",
    "image_id",
    "size_bytes",
    "compressed_bytes",
    "layers",
    "own_size_bytes",
    "own_compressed_bytes",
    "base_image",
    "base_layers",
    "steps",
    "cached_steps",
    "builder",
    "edited_file",
    "layer_index",
    "diff_id",
    "instruction",
    "line",
    "created_by",
    "base",
    "tar_bytes",
    "step_seconds",
    "efficiency",
    "wasted_bytes",
    "user_wasted_ratio",
    "recoverable_bytes",
    "recoverable_own_bytes",
    "verified",
    "verify_reason",
    "error",
    "log_tail",
    "finished_at",
    "pushed_bytes",  # warm build rows: compressed bytes of the layers the code edit changed
    # cold build rows: seconds is an estimate from the build's steps (imgopt.bench.steps), not a
    # cold build's wall time; false: measured; empty: an older run (measured)
    "estimated",
    # the engine that produced the row (run.json's engine.name: a --engine name or URL, or
    # "default"); empty: an older run. Times are compared only between rows of one engine.
    "engine",
)

_INT_COLUMNS = (
    "repetition",
    "size_bytes",
    "compressed_bytes",
    "layers",
    "own_size_bytes",
    "own_compressed_bytes",
    "base_layers",
    "steps",
    "cached_steps",
    "layer_index",
    "line",
    "tar_bytes",
    "wasted_bytes",
    "recoverable_bytes",
    "recoverable_own_bytes",
    "pushed_bytes",
)
_FLOAT_COLUMNS = ("seconds", "step_seconds", "efficiency", "user_wasted_ratio")
_BOOL_COLUMNS = ("base", "verified", "estimated")


def now_iso() -> str:
    """The current time, UTC, ISO 8601 to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class RunFolder:
    """Writes one run's folder; safe to use from one process (a lock file keeps others out)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._lock_fd: int | None = None
        #: Values never written (build-arg values: a layer's history and a log repeat them).
        self.secret_values: tuple[str, ...] = ()
        #: The engine every appended row names unless it names its own (column ``engine``).
        self.engine: str | None = None
        #: The columns of this folder's results.csv (an older run's file lacks the newer ones).
        self._columns: tuple[str, ...] = COLUMNS

    # -- lifecycle -----------------------------------------------------------------------------

    def create(self, metadata: Mapping[str, Any]) -> None:
        """Start a new run folder (which must not hold a run yet).

        Raises:
            InputError: when the folder already holds a run.
        """
        if (self.path / METADATA).exists() or (self.path / RESULTS).exists():
            raise InputError(
                f"{self.path} already holds a run", hint="pass --resume to complete it, or --out"
            )

        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as err:  # a file, or a folder we may not write
            raise InputError(
                f"{self.path}: cannot create the run folder ({err.strerror})"
            ) from None
        if not os.access(self.path, os.W_OK | os.X_OK):
            raise InputError(f"{self.path}: cannot write into the run folder (permission denied)")
        for name in (RESULTS, METADATA, LOCK, f".{METADATA}.tmp"):
            claim(self.path / name)  # in imgopt's output folder around it, if any
        self.acquire()
        with open(self.path / RESULTS, "w", newline="") as fh:
            csv.writer(fh).writerow(COLUMNS)
        self.write_metadata(metadata)

    def open_existing(self) -> dict[str, Any]:
        """Open a run folder to resume it; return its metadata.

        Raises:
            InputError: when there is no run there, or another process is running it.
        """
        if not (self.path / METADATA).is_file() or not (self.path / RESULTS).is_file():
            raise InputError(f"{self.path} holds no run to resume")
        self.acquire()
        self._columns = self._header() or COLUMNS
        return self.metadata()

    def acquire(self) -> None:
        """Take the folder's lock.

        Raises:
            InputError: when another live process holds it.
        """
        lock = self.path / LOCK
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            pid = lock_holder(self.path)
            if pid is not None:
                raise InputError(f"{self.path} is being written by process {pid}") from None
            lock.unlink(missing_ok=True)  # left by a process that is gone
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        os.write(fd, str(os.getpid()).encode())
        self._lock_fd = fd

    def release(self) -> None:
        """Drop the lock."""
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None
            (self.path / LOCK).unlink(missing_ok=True)

    # -- metadata ------------------------------------------------------------------------------

    def metadata(self) -> dict[str, Any]:
        """The run's metadata."""
        value = json.loads((self.path / METADATA).read_text())
        return value if isinstance(value, dict) else {}

    def write_metadata(self, metadata: Mapping[str, Any]) -> None:
        """Replace run.json atomically."""
        tmp = self.path / f".{METADATA}.tmp"
        try:
            tmp.write_text(json.dumps(metadata, indent=2, sort_keys=False, default=str) + "\n")
            os.replace(tmp, self.path / METADATA)
        except OSError as exc:
            raise InputError(f"cannot write {self.path / METADATA}: {exc.strerror or exc}") from exc

    def update_metadata(self, **changes: Any) -> dict[str, Any]:
        """Merge ``changes`` into run.json; return the result."""
        with self._lock:
            meta = self.metadata()
            meta.update(changes)
            self.write_metadata(meta)
            return meta

    # -- rows ----------------------------------------------------------------------------------

    def append(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Append rows and make them durable before returning (one write for the batch)."""
        rows = list(rows)
        if not rows:
            return
        unknown = {k for r in rows for k in r} - set(COLUMNS)
        if unknown:
            raise ValueError(f"unknown result columns: {sorted(unknown)}")
        import io

        buf = io.StringIO()
        writer = csv.writer(buf)
        for r in rows:
            if self.engine is not None and not r.get("engine"):
                r = {**r, "engine": self.engine}
            cells = ["" if r.get(c) is None else _cell(r.get(c)) for c in self._columns]
            if self.secret_values:
                cells = [
                    redact_values(c, self.secret_values) if isinstance(c, str) else c for c in cells
                ]
            writer.writerow(cells)
        try:
            with self._lock, open(self.path / RESULTS, "a", newline="") as fh:
                fh.write(buf.getvalue())
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:  # a full disk, a removed folder: one line, not a traceback
            raise InputError(f"cannot write results to {self.path}: {exc.strerror or exc}") from exc

    def _header(self) -> tuple[str, ...] | None:
        """results.csv's columns as written (kept when resuming a run of an older imgopt)."""
        try:
            with open(self.path / RESULTS, newline="") as fh:
                header = next(csv.reader(fh), None)
        except OSError:
            return None
        if not header or any(c not in COLUMNS for c in header):
            return None
        return tuple(header)

    def rows(self) -> list[dict[str, str]]:
        """Every row written so far, as strings (a torn last line is dropped)."""
        try:
            with open(self.path / RESULTS, newline="") as fh:
                text = fh.read()
        except OSError:
            return []
        if text and not text.endswith("\n"):
            text = text[: text.rfind("\n") + 1]  # a write cut short by a crash
        return list(csv.DictReader(text.splitlines()))


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return value


def lock_holder(folder: str | Path) -> int | None:
    """The live process that holds a run folder's lock, or None (no lock, or a stale one)."""
    try:
        pid = int((Path(folder) / LOCK).read_text().strip() or 0)
    except (OSError, ValueError):
        return None
    return pid if pid > 0 and _alive(pid) else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def load_run(path: str | Path) -> pd.DataFrame:
    """Load a run folder's results table (every row kind) into one DataFrame.

    Integer columns use pandas' nullable ``Int64``, ``verified`` and ``base`` nullable booleans.

    Example:
        >>> df = load_run("imgopt-runs/20260101-120000-ab12cd")  # doctest: +SKIP
        >>> df[df.row == "build"].groupby(["variant", "kind"]).seconds.median()  # doctest: +SKIP
    """
    import pandas as pd

    folder = Path(path)
    table = folder / RESULTS if folder.is_dir() else folder
    frame = pd.read_csv(
        table,
        dtype={
            **dict.fromkeys(_INT_COLUMNS, "Int64"),
            **dict.fromkeys(_FLOAT_COLUMNS, "float64"),
            **dict.fromkeys(_BOOL_COLUMNS, "boolean"),
            **dict.fromkeys(
                (c for c in COLUMNS if c not in _INT_COLUMNS + _FLOAT_COLUMNS + _BOOL_COLUMNS),
                "string",
            ),
        },
        keep_default_na=False,
        na_values={c: [""] for c in COLUMNS},
        true_values=["true"],
        false_values=["false"],
    )
    return frame


# ----------------------------------------------------------------------------------------------
# Facts about where a run ran


def machine_info() -> dict[str, Any]:
    """The machine: OS, CPU, cores, memory, Python (after pytest-benchmark's ``machine_info``)."""
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) * 1024
                break
    except (OSError, ValueError):
        pass
    return {
        "node": platform.node(),
        "system": platform.system(),
        "release": platform.release(),
        "machine": platform.machine(),
        "cpu": cpu,
        "cpu_count": os.cpu_count(),
        "memory_bytes": memory,
        "python": platform.python_version(),
        "load_average": load_average(),
    }


def load_average() -> list[float] | None:
    """The 1, 5 and 15 minute load averages (None where the system has none): timings taken on
    a loaded machine say so in the run's metadata and its report."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def git_info(path: Path) -> dict[str, Any] | None:
    """The git commit of the repository holding ``path`` (and whether it has changes), if any."""
    try:
        head = subprocess.run(
            ["git", "-C", str(path), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
        if head.returncode != 0:
            return None
        status = subprocess.run(
            ["git", "-C", str(path), "status", "--porcelain", "--", "."],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return {"commit": head.stdout.strip(), "dirty": bool(status.stdout.strip())}
