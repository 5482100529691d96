"""Carry into a variant the files the original's app opened that the variant's base lacks.

The file closure (:mod:`imgopt.verify.closure`) fails a variant that lacks any file the original
opened. A slimmer base often lacks a few small ones that the app reads at start-up without
needing them: Debian's ``/etc/ssl/openssl.cnf`` (node and Python's ``ssl`` read it; ``*-slim``
images do not install ``openssl``), locale data, a ``*.pth`` start-up hook of setuptools with the
package it imports. Dropping the variant for them would give up an 80 % smaller image; shipping
it without them would ship an image that is not the original minus what the app never used. So
after the original is built and its closure recorded, the analysis plans each variant's *carry*:

- **What:** closure files that are neither the app's nor code (shared libraries and the standard
  library are the variant's own business, and fail the closure when missing): configuration and
  data, ``*.pth`` hooks, and the top-level package folder a carried hook imports.
- **Only what the variant would lack:** a file its final stage's base image has, or that a
  ``COPY --from`` of the final stage puts in place, is not carried. A file the final stage's own
  ``RUN`` installs would be, and is copied over with the original's same package's copy.
- **From where:** a stage of the variant that starts FROM the original's base (the build stage of
  a multi-stage variant), else, for a file of the original's base image, that image itself.
  A file the original's own layers added is carried only from such a stage, which repeats those
  layers, and only from where the system's package manager installs (``/etc``, ``/usr/lib``,
  ``/usr/share``): pip or ``make install`` put files elsewhere, which the variant installs its
  own way (a virtualenv). Otherwise it is not carried, and the closure says so if it is lacking.

:func:`apply_carry` writes one ``COPY --from`` per file (a folder for a hook's package) before
the final stage's first copy from the build context, so a code edit does not rebuild them.
Everything here is pure: the caller says what the base image holds.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from imgopt.dockerfile import Dockerfile, Stage, parse
from imgopt.errors import ImgoptError
from imgopt.rules import Applicability
from imgopt.variants.model import Change

#: The strategy id on the variant's change list.
CARRY_ID = "closure-carry"
#: The comment above the carried lines (the marker :func:`carried_paths` reads back).
CARRY_COMMENT = "# imgopt: files the original's app opened that this base lacks, carried over"
#: Files the engine mounts into every container, or rebuilt at run time: never carried.
_RUNTIME = frozenset(
    {"/etc/hosts", "/etc/hostname", "/etc/resolv.conf", "/etc/mtab", "/etc/ld.so.cache"}
)
_SITE = re.compile(r"^(?P<site>.+/(?:site|dist)-packages)/(?P<rest>.+)$")
_LIBRARY = re.compile(r"\.so(?:\.\d+)*$")
_STDLIB = re.compile(r"/lib/python3\.\d+/(?!site-packages/|dist-packages/)")
_NOT_IMAGE = ("/proc/", "/sys/", "/dev/", "/tmp/", "/run/")
#: Where the system's package manager installs: a file the original's own layers put there
#: (``apt-get install``) is there in a build stage that installs the same packages. Elsewhere
#: (``/usr/local``, ``/opt``: pip, npm, ``make install``) the variant installs its own way (a
#: virtualenv), so its build stage may not have it at that path: never carried from there.
_PACKAGED = ("/etc/", "/usr/lib/", "/usr/share/", "/lib/")


@dataclass(frozen=True, slots=True)
class Carry:
    """One path to copy into the variant's final stage.

    Attributes:
        path: absolute path in the original (a file, or a package folder when ``folder``).
        source: the stage name or image reference it is copied from.
        folder: a whole folder (the package a carried ``*.pth`` hook imports).
    """

    path: str
    source: str
    folder: bool = False


def carry_candidates(
    closure: Iterable[str],
    app_dirs: Iterable[str] = (),
    hook_imports: Mapping[str, Sequence[str]] | None = None,
) -> list[str]:
    """Closure files a variant may carry: configuration, data and ``*.pth`` hooks, outside the
    app's folders; and what each hook imports (``hook_imports``: the module names a hook's
    ``import`` lines name, :func:`pth_imports`), as the package folder or module the closure
    holds next to it."""
    apps = tuple(d.rstrip("/") + "/" for d in app_dirs if d and d != "/")
    copied = {d.rstrip("/") for d in app_dirs}  # a file copied to its own path
    files = sorted(set(closure))
    out: list[str] = []
    for path in files:
        if path in _RUNTIME or path in copied or path.startswith((*_NOT_IMAGE, *apps)):
            continue
        if posixpath.basename(posixpath.dirname(path)) in ("bin", "sbin"):
            continue  # a program: the variant's own (a virtualenv's bin, another build)
        if _LIBRARY.search(posixpath.basename(path)) or _STDLIB.search(path):
            continue
        site = _SITE.match(path)
        if site is None or ("/" not in site.group("rest") and path.endswith(".pth")):
            out.append(path)
    for hook in [p for p in out if p.endswith(".pth")]:
        folder = posixpath.dirname(hook)
        for name in (hook_imports or {}).get(hook, ()):
            package = f"{folder}/{name}"
            if any(p.startswith(package + "/") for p in files):
                out.append(package)
            elif f"{package}.py" in files or any(
                p.startswith(f"{folder}/__pycache__/{name}.") for p in files
            ):
                out.append(f"{package}.py")
    return list(dict.fromkeys(out))


_IMPORTED = re.compile(r"""__import__\(\s*['"](?P<a>[\w]+)|(?:^|;)\s*import\s+(?P<b>[\w]+)""")


def pth_imports(lines: Iterable[str]) -> tuple[str, ...]:
    """The top-level modules a ``*.pth`` hook's ``import`` lines load (Python runs a hook's lines
    that start with ``import``; they may ``__import__`` others)."""
    out: list[str] = []
    for line in lines:
        if not re.match(r"\s*import[ \t]", line):
            continue
        for match in _IMPORTED.finditer(line):
            name = match.group("a") or match.group("b")
            if name and name not in ("os", "sys") and name not in out:
                out.append(name)
    return tuple(out)


def plan_carry(
    variant: str,
    original: str,
    candidates: Sequence[str],
    *,
    own: Callable[[str], bool],
    in_base: Callable[[str], bool],
) -> list[Carry]:
    """What ``variant`` (a Dockerfile's text) should carry of ``candidates``.

    Args:
        variant: the variant's Dockerfile.
        original: the original's Dockerfile.
        candidates: :func:`carry_candidates`'s paths.
        own: whether the original's own layers (not its base image) added a path.
        in_base: whether the variant's final base image holds a path.
    """
    try:
        v_df, o_df = parse(variant), parse(original)
    except ImgoptError:  # a variant imgopt wrote parses; the carry never fails the run
        return []
    final = v_df.final_stage
    if final.base_stage is not None:
        return []
    original_base = o_df.final_stage.base_resolved
    same_base = _stage_from(v_df, original_base)
    covered = _copied_from_stages(final)
    out: list[Carry] = []
    for path in candidates:
        if any(path == d or path.startswith(d.rstrip("/") + "/") for d in covered):
            continue
        if in_base(path):
            continue
        if same_base is not None and (not own(path) or path.startswith(_PACKAGED)):
            source = same_base
        elif not own(path) and final.base_resolved != original_base:
            source = original_base
        else:
            continue
        folder = not posixpath.splitext(path)[1] and _SITE.match(path) is not None
        out.append(Carry(path, source, folder))
    return out


def apply_carry(text: str, carries: Sequence[Carry], comment: str = CARRY_COMMENT) -> str:
    """``text`` with one ``COPY --from`` line per carried path in its final stage, under
    ``comment``: before the stage's first copy from the build context; in a stage that copies
    nothing from the context, before its first copy from another stage when no ``RUN`` follows
    it (a package it installs may own the file); else after the stage's last instruction.

    Placed before the copies that bring the app, the carried files stay cached when a code
    edit rebuilds the app: node-build's multi-stage variant, whose runtime stage gets the app
    with ``COPY --from``, carried ``/etc/ssl/openssl.cnf`` after its ``CMD`` and copied it again
    on every rebuild."""
    if not carries:
        return text
    df = parse(text)
    final = df.final_stage
    body = final.instructions[1:]
    copies = [ins for ins in body if ins.keyword in ("COPY", "ADD")]
    at = next((ins for ins in copies if not ins.has_flag("from")), None)
    if at is None and copies:
        after = body[body.index(copies[0]) :]
        at = None if any(ins.keyword == "RUN" for ins in after) else copies[0]
    lines = [comment]
    lines += [f"COPY --from={c.source} {c.path} {c.path}" for c in carries]
    block = "\n".join(lines) + "\n"
    if at is None:  # the final stage is the file's last: append
        head = text.rstrip()
        if head.endswith(df.escape):  # a continuation the file ends in would take the block in
            head = head[: -len(df.escape)].rstrip()
        return head + "\n" + block
    start = at.comments[0].span.start if at.comments else at.span.start
    start = text.rfind("\n", 0, start) + 1
    # a blank line ends the block: an app's own `COPY --from=x /a /a` may follow it, and
    # carried_paths reads the carried lines up to the first line that is not one
    return text[:start] + block + "\n" + text[start:]


def carry_change(carries: Sequence[Carry]) -> Change:
    """The variant's list-of-changes line for what it carries."""
    names = ", ".join(c.path for c in carries[:4]) + (
        f" and {len(carries) - 4} more" if len(carries) > 4 else ""
    )
    return Change(
        CARRY_ID,
        f"Carry {len(carries)} file(s) the app opened that this base lacks",
        f"The original's app opened {names} at run time; the variant's base does not have "
        "them, so they are copied from the original's base or build stage (a few kB). The file "
        "closure checks that every file the original opened is there.",
        Applicability.SAFE,
    )


def carried_paths(text: str) -> list[str]:
    """The paths a Dockerfile carries (the ``COPY --from`` lines under :data:`CARRY_COMMENT`)."""
    out: list[str] = []
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.strip() != CARRY_COMMENT:
            continue
        for follow in lines[i + 1 :]:
            parts = follow.split()
            if len(parts) != 4 or parts[0] != "COPY" or not parts[1].startswith("--from="):
                break
            out.append(parts[2])
    return out


def _stage_from(df: Dockerfile, image: str) -> str | None:
    """The name (or index) of a non-final stage that starts FROM ``image``."""
    for stage in df.stages[:-1]:
        if stage.base_stage is None and stage.base_resolved == image:
            return stage.name_as_written or str(stage.index)
    return None


def _copied_from_stages(stage: Stage) -> list[str]:
    """The destinations of the stage's ``COPY --from`` instructions."""
    out: list[str] = []
    for ins in stage.instructions:
        if ins.keyword == "COPY" and ins.has_flag("from") and len(ins.args) >= 2:
            out.append(ins.args[-1])
    return out


__all__ = [
    "CARRY_COMMENT",
    "CARRY_ID",
    "Carry",
    "apply_carry",
    "carried_paths",
    "carry_candidates",
    "carry_change",
    "plan_carry",
    "pth_imports",
]
