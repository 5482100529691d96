"""Cold means cold: a bench build never reads a cache mount filled by any other build.

``--no-cache`` already gives a cold build empty cache mounts: since BuildKit v0.7
(moby/buildkit commit 7b1bae7, 2019; issue #4250) ignoring the cache ignores cache mounts too,
and this engine (26.1, buildx 0.13) was checked to behave so. But a cache mount is shared by id
(by default its target path) across every build on the engine: a ``--no-cache`` build with
``target=/root/.cache/go-build`` replaces the user's own go-build cache and every other build's,
and a warm rebuild of one variant could read what another variant (or another run, or the user)
left there.

So the bench gives each (run, variant, repetition) its own cache mount ids: the Dockerfile it
builds is a copy whose ``--mount=type=cache`` flags carry ``id=imgopt-<namespace>-<id>``
(:func:`isolated`). The cold build starts them empty, the warm rebuild after it reuses exactly
what that cold build left, as a developer's machine would, and nothing else is shared. At the end
of the run :func:`prune_cache_mounts` removes the cache mount records of the run's ids, and only
those, one ``docker buildx prune --filter id=<record>`` each (the records are found with
``docker buildx du --verbose --filter type=exec.cachemount``, whose description names the id).
Nothing is changed in what the image contains: the mount ids are not part of any layer.

When the run builds each distinct step once (:mod:`imgopt.bench.steps`), ids are per step
instead of per variant (``by_prefix``): a mount's id carries a hash of the instructions up to the
first one that mounts it (and of the variant's ignore file), so two variants that run the same
``RUN --mount=type=cache`` after the same instructions give BuildKit the same step, which runs
once and is shared, while a step with other inputs still starts its mounts empty.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

#: Prefix of every cache mount id the bench gives (what :func:`prune_cache_mounts` looks for).
ID_PREFIX = "imgopt-"

_DU_TIMEOUT_S = 60.0
#: ``docker buildx prune`` calls made at once (:func:`prune_cache_mounts`).
PRUNE_CALLS = 8
_RECORD_ID = re.compile(r"^ID:\s*(\S+)", re.M)
_DESCRIPTION = re.compile(r"^Description:\s*(.*)$", re.M)


def namespaced_text(text: str, namespace: str, *, by_prefix: bool = False, salt: str = "") -> str:
    """``text`` with every ``RUN --mount=type=cache`` given an id of ``namespace``'s own.

    A mount's id defaults to its target: ``--mount=type=cache,target=/root/.npm`` gets
    ``id=imgopt-NS-/root/.npm``; a mount with ``id=x`` gets ``id=imgopt-NS-x``. Two mounts that
    shared an id still share it. A text without cache mounts comes back unchanged.

    With ``by_prefix``, the namespace of each id is ``NS-<hash>``, the hash of ``salt`` and of
    the instructions up to the first one that mounts that id (``FROM``'s stage name left out).

    Example:
        >>> namespaced_text("FROM a\\nRUN --mount=type=cache,target=/c make\\n", "r1")
        'FROM a\\nRUN --mount=type=cache,target=/c,id=imgopt-r1-/c make\\n'
    """
    from imgopt.dockerfile import parse, parse_mount

    df = parse(text)
    edits: list[tuple[int, int, str]] = []
    prefix = hashlib.sha256(salt.encode())
    first: dict[str, str] = {}  # own id -> the namespace it got where it first appeared
    for ins in df.instructions:
        words = " ".join(ins.raw.split())
        if ins.keyword == "FROM":
            words = re.sub(r"\s+as\s+\S+$", "", words, flags=re.I)
        prefix.update(words.encode("utf-8", "replace") + b"\0")
        for flag in ins.flags:
            if flag.name != "mount" or flag.value is None:
                continue
            mount = parse_mount(flag.value)
            if mount.type != "cache":
                continue
            own = mount.get("id") or mount.target or ""
            ns = namespace
            if by_prefix:
                ns = first.setdefault(own, f"{namespace}-{prefix.hexdigest()[:12]}")
            parts = [p for p in flag.value.split(",") if p.split("=", 1)[0].strip().lower() != "id"]
            parts.append(f"id={ID_PREFIX}{ns}-{own}")
            edits.append((flag.span.start, flag.span.end, "--mount=" + ",".join(parts)))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def isolated(dockerfile: Path, namespace: str, *, by_prefix: bool = False) -> Path:
    """The Dockerfile to build for ``namespace``: ``dockerfile`` itself when it has no cache
    mount, else a copy with namespaced ids (:func:`namespaced_text`) in the temporary folder
    ``imgopt-cold-<namespace>``, with its ``<name>.dockerignore`` beside it when it has one
    (BuildKit reads that file next to the Dockerfile). :func:`prune_cache_mounts` removes the
    folder. ``by_prefix``: ids per step (see the module docs), one folder per Dockerfile."""
    text = dockerfile.read_text("utf-8")
    if "type=cache" not in text:
        return dockerfile
    ignore = dockerfile.with_name(dockerfile.name + ".dockerignore")
    salt = ""
    if by_prefix:  # another ignore file: other files in the context, so other steps
        salt = ignore.read_text("utf-8", "replace") if ignore.is_file() else ""
    new = namespaced_text(text, namespace, by_prefix=by_prefix, salt=salt)
    if new == text:
        return dockerfile
    name = namespace
    if by_prefix:
        name += "-" + hashlib.sha256(str(dockerfile.resolve()).encode()).hexdigest()[:8]
    folder = Path(tempfile.gettempdir()) / f"imgopt-cold-{name}"
    folder.mkdir(exist_ok=True)
    out = folder / dockerfile.name
    out.write_text(new, "utf-8")
    if ignore.is_file():
        shutil.copyfile(ignore, folder / ignore.name)
    return out


def cache_mount_records(namespace: str, docker: str = "docker") -> list[str]:
    """Build-cache record ids of the cache mounts whose id starts with ``imgopt-<namespace>``."""
    proc = subprocess.run(
        [docker, "buildx", "du", "--verbose", "--filter", "type=exec.cachemount"],
        capture_output=True,
        text=True,
        timeout=_DU_TIMEOUT_S,
        check=False,
    )
    if proc.returncode != 0:
        return []
    wanted = f'with id "/{ID_PREFIX}{namespace}'
    out = []
    for block in re.split(r"\n\s*\n", proc.stdout):
        rid = _RECORD_ID.search(block)
        desc = _DESCRIPTION.search(block)
        if rid and desc and wanted in desc.group(1):
            out.append(rid.group(1))
    return out


def prune_cache_mounts(namespace: str, docker: str = "docker") -> int:
    """Remove the cache mounts of ``namespace`` (a run id removes every one of the run); return
    how many records were removed. Other builds' cache mounts and the layer cache are never
    touched. Best effort: an engine that does not answer leaves them for the next prune.

    ``docker buildx prune`` takes one ``id`` filter per call ("filters expect only one value",
    buildx 0.13), so a record is one call of about 0.2 s, most of it the client's start: the
    calls run :data:`PRUNE_CALLS` at a time (measured, loaded: one call 0.22 s at load 2.5, six
    at once 0.62 s in all at load 4.4).
    """
    from concurrent.futures import ThreadPoolExecutor

    for folder in Path(tempfile.gettempdir()).glob(f"imgopt-cold-{namespace}*"):
        shutil.rmtree(folder, ignore_errors=True)

    def prune(rid: str) -> bool:
        try:
            proc = subprocess.run(
                [docker, "buildx", "prune", "--force", "--filter", f"id={rid}"],
                capture_output=True,
                text=True,
                timeout=_DU_TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            return False
        return proc.returncode == 0

    records = cache_mount_records(namespace, docker)
    if not records:
        return 0
    with ThreadPoolExecutor(min(PRUNE_CALLS, len(records))) as pool:
        return sum(pool.map(prune, records))
