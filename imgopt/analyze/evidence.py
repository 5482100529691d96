"""Read a built original for :class:`imgopt.variants.evidence.BuildEvidence`, and plan again.

After the bench built, measured and verified the original, :func:`gather` reads:

- the entries of every layer (:func:`imgopt.bench.layers.measure_layers`, cached by layer: the
  bench listed them already); the base's layers are those the base image has, the rest are the
  Dockerfile's own;
- in throwaway containers of the original (never networked, every capability dropped, removed
  after; the image's own ``/bin/sh``, ``dpkg-query``, ``ldd``, ``find``): its
  ``/etc/os-release``, the entrypoint's program resolved with its PATH, which added roots its
  package database owns (a path and its merged-``/usr`` twin), the libraries every ELF file of
  the unowned roots loads (read from the layer store as :func:`elf_libraries` does, ``ldd``
  confirming what reading cannot decide; a few files per container, since a container's output
  is capped), and the packages owning those libraries, the program and the closure files;
- in a throwaway container of each candidate runtime base: its release and installed packages.

:func:`replan` then plans the multi-stage variants again with that evidence
(:func:`imgopt.variants.plan_variants`). Anything that cannot be read is a reason, never a
guess: the variant stays skipped and says why.

A Node plan's variants that run ``npm prune --omit=dev`` were planned before anything was built.
When the original's closure reaches into an app's ``node_modules``, :func:`gather_npm` asks the
image's own ``node`` (in a throwaway container) what the lockfile the built original holds says
of the packages read; :func:`second_pass` rewrites those variants, before any of them is built,
to keep the ones the prune would drop (:mod:`imgopt.variants.npm_closure`), and records that
evidence too. Without a closure, or when the lockfile cannot be read, they stay as planned.
"""

from __future__ import annotations

import contextlib
import functools
import posixpath
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from imgopt.errors import ImgoptError
from imgopt.variants.evidence import (
    BuildEvidence,
    Root,
    RuntimeBase,
    _under,
    lost_libraries,
    parse_dpkg_search,
    parse_ldd,
    parse_os_release,
    roots_of,
    slim_base_for,
    usr_merge_twin,
)
from imgopt.variants.npm_closure import (
    LOCK_FLAGS,
    LOCKFILES,
    NpmTree,
    app_dirs,
    lock_entries,
    npm_tree,
    packages_read,
)

#: The built original's evidence, kept in the output folder: ``--resume`` plans the same
#: evidence-based variants from it, without the original's image (removed when the run stopped).
EVIDENCE_FILE = "evidence.json"
EVIDENCE_SCHEMA = "imgopt.evidence/1"

#: The variants a second planning pass may add.
EVIDENCE_VARIANTS = ("multistage", "multistage-slim")
#: The variants it plans again (distroless too: its reason changes once the evidence is there).
REPLANNED = (*EVIDENCE_VARIANTS, "distroless")
#: At most this many closure files are looked up.
MAX_CLOSURE = 1500
TIMEOUT_S = 180.0

_OWNERS = (
    'printf "%s\\n" "$1" | grep . | xargs -r -d "\\n" dpkg-query -S 2>/dev/null '
    "| grep -v '^diversion'"
)
_READ = r"""
echo @begin
echo @os; cat /etc/os-release 2>/dev/null
echo @entry
if [ -n "$1" ]; then p=$(command -v "$1" 2>/dev/null) && { echo "$p"; readlink -f "$p"; }; fi
shift
echo @unowned
[ $# -gt 0 ] && dpkg-query -S "$@" 2>&1 >/dev/null \
  | sed -n 's/^dpkg-query: no path found matching pattern //p'
echo @end
"""
#: ``ldd`` on the ELF files under the arguments (``find``'s test picks which files to read),
#: from the ``$1``-th file ``find`` lists, on at most ``$2`` of them; then ``@more`` and where
#: the next page starts, when there are others: no single container's output holds them all (it
#: is capped: :data:`imgopt.engine.containers.MAX_OUTPUT_BYTES`).
_LDD_PAGE = r"""
echo @begin
echo @ldd
skip=$1; take=$2; shift 2
find "$@" -xdev -type f {test} 2>/dev/null | head -n 5000 | tail -n +$((skip+1)) | {
i=$skip; n=0
while IFS= read -r f; do
  case "$(head -c 4 "$f" 2>/dev/null | od -An -c 2>/dev/null | tr -d ' \n')" in
    177ELF) [ "$n" -ge "$take" ] && { echo @more; echo "$i"; break; }
      n=$((n+1)); echo "@elf $f"; ldd "$f" 2>&1 | grep -v 'linux-vdso' | head -n 100;;
  esac
  i=$((i+1))
done; }
echo @end
"""
#: Every ELF file under the compiled app's roots (:func:`gather`).
_ALL_ELF = _LDD_PAGE.replace("{test}", "")
#: Only executables and shared objects: a variant's node_modules or venv hold many files.
_ELF = _LDD_PAGE.replace(
    "{test}", r"\( -perm -u+x -o -name '*.so' -o -name '*.so.*' -o -name '*.node' \)"
)
#: Files handed to ``ldd`` in one container (a page of :data:`_LDD_PAGE`, a chunk of files);
#: halved while a container's output is still cut short.
LDD_CHUNK = 40
_OWNED = r"""
echo @begin
echo @owners
{owners}
echo @end
""".replace("{owners}", _OWNERS)
_BASE = r"""
echo @begin
echo @os; cat /etc/os-release 2>/dev/null
echo @packages; dpkg-query -W -f '${Package}\n' 2>/dev/null
echo @end
"""


class EvidenceError(ImgoptError):
    """The built original could not be read for evidence (the reason is reported)."""


class OutputCutShort(EvidenceError):
    """A container's output was longer than imgopt keeps: asking for less may fit."""


def _sections(output: str, what: str) -> dict[str, str]:
    if "bytes of output left out]" in output:
        raise OutputCutShort(f"{what}: the output was cut short (more than imgopt keeps)")
    if "@begin" not in output or "@end" not in output:
        raise EvidenceError(f"{what}: the output was cut short or incomplete")
    body = output.split("@begin", 1)[1].rsplit("@end", 1)[0]
    out: dict[str, str] = {}
    name = ""
    for line in body.splitlines():
        if line.startswith("@") and not line.startswith("@elf ") and " " not in line:
            name = line[1:]
            out[name] = ""
        elif name:
            out[name] += line + "\n"
    return out


def _sh(image: str, script: str, args: Sequence[str], run_id: str, what: str) -> dict[str, str]:
    return _run(image, ["/bin/sh", "-c", script, "sh", *args], run_id, what)


def _run(image: str, argv: Sequence[str], run_id: str, what: str) -> dict[str, str]:
    from imgopt.engine.containers import Sandbox, run_container

    done = run_container(
        image,
        run_id=run_id,
        timeout_s=TIMEOUT_S,
        entrypoint=list(argv),
        command=[],
        sandbox=Sandbox(user="0:0", lifetime_s=TIMEOUT_S + 30),
    )
    if done.timed_out:
        raise EvidenceError(f"{what}: timed out after {TIMEOUT_S:.0f} s")
    return _sections(done.output, what)


#: Run by the image's own ``node`` in ``<app dir> <lockfile path>...``: the flags of those
#: packages in the first lockfile there (v1's nested ``dependencies`` walked into paths). A
#: lockfile is far larger than a container's output may be; the answer is small.
_NPM_LOCK = r"""
const fs = require("fs");
const [dir, ...want] = process.argv.slice(1);
const out = { lockfile: null, packages: {} };
for (const name of LOCKFILES) {
  let lock;
  try { lock = JSON.parse(fs.readFileSync(`${dir}/${name}`, "utf8")); } catch (e) { continue; }
  if (!lock || typeof lock !== "object") continue;
  const all = {};
  if (lock.packages && typeof lock.packages === "object") Object.assign(all, lock.packages);
  else {
    const walk = (prefix, deps) => {
      for (const [n, e] of Object.entries(deps || {})) {
        all[`${prefix}node_modules/${n}`] = e;
        if (e && typeof e === "object") walk(`${prefix}node_modules/${n}/`, e.dependencies);
      }
    };
    walk("", lock.dependencies);
  }
  out.lockfile = `${dir}/${name}`;
  for (const p of want) {
    const e = all[p];
    if (!e || typeof e !== "object") continue;
    const flags = {};  // no Object.fromEntries: node 10 and older lack it
    for (const k of FLAGS) if (e[k]) flags[k] = true;
    out.packages[p] = flags;
  }
  break;
}
console.log(`@begin
@npm
${JSON.stringify(out)}
@end`);
"""
#: At most this many app directories and packages read per directory are looked up.
MAX_NPM_DIRS = 4
MAX_NPM_PACKAGES = 1500


def gather_npm(image_id: str, closure: Sequence[str], run_id: str) -> tuple[NpmTree, ...]:
    """For each app directory whose ``node_modules`` the closure reaches into, the packages
    read that a production install drops (:func:`imgopt.variants.npm_closure.npm_tree`), from
    the lockfile the built original holds there (``npm update`` may have rewritten it).

    Raises:
        EvidenceError: the image's ``node`` could not read it; the message says what.
        EngineError: the engine failed.
    """
    import json

    script = _NPM_LOCK.replace("LOCKFILES", json.dumps(list(LOCKFILES))).replace(
        "FLAGS", json.dumps(list(LOCK_FLAGS))
    )
    trees = []
    for app_dir in app_dirs(closure)[:MAX_NPM_DIRS]:
        read = packages_read(closure, app_dir)
        if not read or len(read) > MAX_NPM_PACKAGES:
            continue  # nothing read there, or too much to ask in one container: not judged
        what = f"reading the npm lockfile in {app_dir}"
        lockfile: str | None = None
        packages: dict[str, Any] = {}
        ask = functools.partial(_ask_node, image_id, script, app_dir, run_id, what)
        # all at once, unless the answer is longer than imgopt keeps
        for got in in_chunks(ask, list(read), len(read)):
            try:
                answer = _table(json.loads(got.get("npm", "")), what)
            except ValueError as err:
                raise EvidenceError(f"{what}: {err}") from None
            lockfile = _opt_str(answer.get("lockfile"), what)
            packages.update(_table(answer.get("packages") or {}, what))
        entries = lock_entries({"packages": packages})
        trees.append(npm_tree(app_dir, closure, None if lockfile is None else entries, lockfile))
    return tuple(trees)


def _ask_node(
    image: str, script: str, app_dir: str, run_id: str, what: str, packages: list[str]
) -> dict[str, str]:
    return _run(image, ["node", "-e", script, app_dir, *packages], run_id, what)


def entry_program(entrypoint: Sequence[str] | None, cmd: Sequence[str] | None) -> str:
    """The program a container of the image starts (``sh -c "exec x ..."`` -> ``x``).

    Example:
        >>> entry_program(None, ["/bin/sh", "-c", "exec nutcracker -c /etc/x.yml"])
        'nutcracker'
        >>> entry_program(["nutcracker"], ["-h"])
        'nutcracker'
    """
    argv = list(entrypoint or ()) + list(cmd or ())
    if len(argv) >= 3 and posixpath.basename(argv[0]) in ("sh", "bash", "dash") and argv[1] == "-c":
        words = [w for w in argv[2].split() if w != "exec" and "=" not in w]
        return words[0] if words else ""
    return argv[0] if argv else ""


def _layer_paths(image_id: str, base_ref: str) -> tuple[set[str], list[tuple[str, int, str]]]:
    """(every path of the base image, the entries the Dockerfile's layers added)."""
    from imgopt.bench.layers import measure_layers
    from imgopt.engine.images import inspect_image

    info = inspect_image(image_id)
    base = inspect_image(base_ref)
    n = len(base.diff_ids)
    if tuple(info.diff_ids[:n]) != tuple(base.diff_ids):
        raise EvidenceError(f"the original's first layers are not those of {base_ref}")
    layers = measure_layers(info.id, info.diff_ids, compressed=False, entries=True)
    base_paths: set[str] = {"/"}
    added: list[tuple[str, int, str]] = []
    for i, layer in enumerate(layers):
        for e in layer.entries or ():
            path = "/" + e.path.lstrip("/")
            name = posixpath.basename(path)
            if name.startswith(".wh."):
                continue
            if i < n:
                base_paths.add(path)
            else:
                added.append((path, e.size, e.type))
    return base_paths, added


def gather(
    image_id: str,
    *,
    base_ref: str,
    run_id: str,
    closure: Sequence[str] | None = None,
    image_available: Callable[[str], bool | None] | None = None,
) -> BuildEvidence:
    """Read the built original (see the module docs).

    Args:
        image_id: the original's image.
        base_ref: its final stage's base image (present locally: the original was built on it).
        run_id: the label of the throwaway containers (removed with the run's).
        closure: the files the app opened while verified, when recorded.
        image_available: whether a candidate runtime base is here.

    Raises:
        EvidenceError: something could not be read; the message says what.
        EngineError: the engine failed.
    """
    from imgopt.engine.containers import image_facts

    base_paths, added = _layer_paths(image_id, base_ref)
    roots = roots_of(added, base_paths)
    config = image_facts(image_id)
    program = entry_program(config.entrypoint, config.cmd)
    args = [program, *(r.path for r in roots)]
    first = _sh(image_id, _READ, args, run_id, "reading the original")
    release = parse_os_release(first.get("os", ""))
    entry = tuple(dict.fromkeys(x for x in first.get("entry", "").split("\n") if x))
    unowned = {x for x in first.get("unowned", "").split("\n") if x}
    twins = {t: r.path for r in roots if r.path in unowned and (t := usr_merge_twin(r.path))}
    closure_list = list(closure or ())[:MAX_CLOSURE]
    owned_twins: set[str] = set()
    if twins:
        second = _sh(image_id, _OWNED, ["\n".join(twins)], run_id, "asking for merged-/usr twins")
        owned_twins = {twins[t] for t in parse_dpkg_search(second.get("owners", "")) if t in twins}
    kept: list[Root] = [r for r in roots if r.path in unowned and r.path not in owned_twins]
    libraries = elf_libraries(
        image_id, base_ref, run_id, within=[r.path for r in roots if r.path in unowned]
    )
    wanted: dict[str, None] = {}
    for libs in libraries.values():
        for lib in libs:
            if not lib.startswith("?"):
                wanted.setdefault(lib, None)
                if (twin := usr_merge_twin(lib)) is not None:
                    wanted.setdefault(twin, None)
    wanted.update(dict.fromkeys(entry))
    wanted.update(dict.fromkeys(closure_list))
    owners: dict[str, str] = {}
    for third in in_chunks(  # all at once, unless the answer is longer than imgopt keeps
        lambda chunk: _sh(image_id, _OWNED, ["\n".join(chunk)], run_id, "asking dpkg"),
        list(wanted),
        max(1, len(wanted)),
    ):
        owners.update(parse_dpkg_search(third.get("owners", "")))
    closure_packages = frozenset(owners[p] for p in closure_list if p in owners)
    bases: dict[str, RuntimeBase] = {}
    for ref in dict.fromkeys([base_ref, slim_base_for(release) or ""]):
        if not ref or (ref != base_ref and image_available and image_available(ref) is False):
            continue
        try:
            got = _sh(ref, _BASE, [], run_id, f"reading {ref}")
        except (EvidenceError, ImgoptError):
            continue  # not here, or not readable: that runtime is not proposed
        pkgs = frozenset(x for x in got.get("packages", "").split("\n") if x)
        bases[ref] = RuntimeBase(ref, parse_os_release(got.get("os", "")), pkgs)
    return BuildEvidence(
        release=release,
        roots=tuple(kept),
        libraries=libraries,
        owners=owners,
        entry=entry,
        closure=tuple(closure) if closure is not None else None,
        closure_packages=closure_packages,
        bases=bases,
        base_image=base_ref,
    )


def replan(
    dockerfile: Path,
    context: Path,
    evidence: BuildEvidence,
    *,
    image_available: Callable[[str], bool | None] | None = None,
) -> Any:
    """The plan of the multi-stage variants made with ``evidence`` (a :class:`Plan`)."""
    from imgopt.userfiles import read_text
    from imgopt.variants import plan_variants

    return plan_variants(
        read_text(dockerfile, what="Dockerfile"),
        context_dir=context,
        path=str(dockerfile),
        image_available=image_available,
        only=REPLANNED,
        evidence=evidence,
    )


def waits_for_evidence(plan: Any) -> bool:
    """Whether a multi-stage variant of ``plan`` was skipped only for want of a built original."""
    from imgopt.variants.strategies.compiled import NO_EVIDENCE

    return any(s.name in EVIDENCE_VARIANTS and NO_EVIDENCE in s.reason for s in plan.skipped)


def prunes_npm(plan: Any) -> bool:
    """Whether a variant of ``plan`` that the evidence pass plans again prunes npm's
    devDependencies: the closure may show the app reads some of them at run time."""
    return any(v.name in REPLANNED and _prunes_npm(v) for v in plan.variants)


def _prunes_npm(variant: Any) -> bool:
    from imgopt.variants.strategies.node import NodeStrategy

    return "npm prune" in variant.dockerfile and any(
        c.source == NodeStrategy.id for c in variant.changes
    )


def merge(plan: Any, extra: Any, *, add: bool = True) -> Any:
    """``plan`` with the variants ``extra`` proposes added (those ``plan`` skipped), and its
    reasons for the others.

    A Node variant of ``plan`` that ``extra`` wrote otherwise (it keeps packages the original
    read at run time, :mod:`imgopt.variants.npm_closure`) is replaced: the evidence pass runs
    right after the original, before any other variant is built. With ``add`` False (evidence
    for the Node variants only: no compiled-code evidence was read) that is all that changes.
    """
    from dataclasses import replace

    from imgopt.variants import VARIANT_NAMES

    have = {v.dockerfile for v in plan.variants}
    waiting = {s.name for s in plan.skipped}  # not those `--variants` left out
    new = [
        v
        for v in extra.variants[1:]
        if add and v.name in EVIDENCE_VARIANTS and v.dockerfile not in have and v.name in waiting
    ]
    rewritten = {
        v.name: v
        for v in extra.variants[1:]
        if v.name in REPLANNED
        and (old := plan.get(v.name)) is not None
        and old.dockerfile != v.dockerfile
        and _prunes_npm(old)
        and _prunes_npm(v)
    }
    names = {v.name for v in new}
    reasons = {s.name: s for s in extra.skipped if add and s.name in REPLANNED}
    skipped = [reasons.get(s.name, s) for s in plan.skipped if s.name not in names]
    kept = [rewritten.get(v.name, v) for v in plan.variants]
    variants = sorted([*kept, *new], key=lambda v: VARIANT_NAMES.index(v.name))
    return replace(plan, variants=tuple(variants), skipped=tuple(skipped))


def evidence_to_dict(evidence: BuildEvidence) -> dict[str, Any]:
    """``evidence`` as JSON data (:data:`EVIDENCE_FILE`); :func:`evidence_from_dict` reads it."""
    return {
        "schema": EVIDENCE_SCHEMA,
        "release": evidence.release,
        "roots": [
            {
                "path": r.path,
                "bytes": r.bytes,
                "files": r.files,
                "build_tree": r.build_tree,
                "is_dir": r.is_dir,
            }
            for r in evidence.roots
        ],
        "libraries": {k: list(v) for k, v in evidence.libraries.items()},
        "owners": dict(evidence.owners),
        "entry": list(evidence.entry),
        "closure": None if evidence.closure is None else list(evidence.closure),
        "closure_packages": sorted(evidence.closure_packages),
        "bases": {
            ref: {"release": b.release, "packages": sorted(b.packages)}
            for ref, b in evidence.bases.items()
        },
        "base_image": evidence.base_image,
        "npm": [
            {
                "app_dir": t.app_dir,
                "lockfile": t.lockfile,
                "read": list(t.read),
                "dropped": dict(t.dropped),
            }
            for t in evidence.npm
        ],
    }


def _strs(value: Any, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise ValueError(f"{what}: not a list of strings")
    return tuple(value)


def _opt_str(value: Any, what: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{what}: not a string")
    return value


def _table(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"{what}: not a table")
    return value


def evidence_from_dict(data: Any) -> BuildEvidence:
    """The evidence :func:`evidence_to_dict` wrote.

    Raises:
        ValueError: ``data`` is not such a record (another schema, a field of the wrong type).
    """
    data = _table(data, "evidence")
    if data.get("schema") != EVIDENCE_SCHEMA:
        raise ValueError(f"evidence: schema {data.get('schema')!r}, not {EVIDENCE_SCHEMA}")
    roots = []
    listed = data.get("roots") or []
    if not isinstance(listed, list):
        raise ValueError("roots: not a list")
    for r in listed:
        r = _table(r, "root")
        path, size, files = r.get("path"), r.get("bytes", 0), r.get("files", 0)
        if not isinstance(path, str) or not isinstance(size, int) or not isinstance(files, int):
            raise ValueError("root: path, bytes or files of the wrong type")
        roots.append(Root(path, size, files, bool(r.get("build_tree")), bool(r.get("is_dir"))))
    owners = _table(data.get("owners") or {}, "owners")
    if not all(isinstance(v, str) for v in owners.values()):
        raise ValueError("owners: not a table of strings")
    bases = {}
    for ref, b in _table(data.get("bases") or {}, "bases").items():
        b = _table(b, f"base {ref}")
        release = _opt_str(b.get("release"), f"base {ref}")
        bases[ref] = RuntimeBase(ref, release, frozenset(_strs(b.get("packages", []), ref)))
    closure = data.get("closure")
    npm = []
    listed = data.get("npm") or []  # absent from records written before it was read
    if not isinstance(listed, list):
        raise ValueError("npm: not a list")
    for t in listed:
        t = _table(t, "npm")
        app_dir, dropped = t.get("app_dir"), _table(t.get("dropped") or {}, "npm dropped")
        if not isinstance(app_dir, str) or not all(isinstance(v, str) for v in dropped.values()):
            raise ValueError("npm: app_dir or dropped of the wrong type")
        lockfile = _opt_str(t.get("lockfile"), "npm lockfile")
        npm.append(NpmTree(app_dir, lockfile, _strs(t.get("read", []), "npm read"), dropped))
    return BuildEvidence(
        release=_opt_str(data.get("release"), "release"),
        roots=tuple(roots),
        libraries={
            k: _strs(v, k) for k, v in _table(data.get("libraries") or {}, "libraries").items()
        },
        owners=owners,
        entry=_strs(data.get("entry", []), "entry"),
        closure=None if closure is None else _strs(closure, "closure"),
        closure_packages=frozenset(_strs(data.get("closure_packages", []), "closure_packages")),
        bases=bases,
        base_image=_opt_str(data.get("base_image"), "base_image"),
        npm=tuple(npm),
    )


def resumed_plan(plan: Any, *, dockerfile: Path, context: Path, record: Path) -> Any:
    """``plan`` with the evidence-based variants the interrupted analysis had added.

    ``--resume`` plans statically again; the variants the first attempt added from the built
    original are planned again from the evidence it recorded (``record``), so the resumed run
    benchmarks the same variants. Without a readable record the plan stays as it is (and the
    bench's resume check names the variants that differ).
    """
    import json

    from imgopt.analyze.carry import CARRY_FILE, resumed_carry
    from imgopt.userfiles import read_text

    carried = record.parent / CARRY_FILE
    if not (waits_for_evidence(plan) or prunes_npm(plan)) or not record.is_file():
        return resumed_carry(plan, carried)
    try:
        text = read_text(record, what="evidence record")
        evidence = evidence_from_dict(json.loads(text))
    except (ImgoptError, ValueError):
        return resumed_carry(plan, carried)
    extra = replan(dockerfile, context, evidence, image_available=_availability())
    return resumed_carry(merge(plan, extra, add=waits_for_evidence(plan)), carried)


def second_pass(
    plan: Any,
    *,
    dockerfile: Path,
    context: Path,
    folder: Path,
    exclude: str | None,
    image_id: str,
    closure: tuple[str, ...] | None,
    run_id: str,
    phase: Callable[[str], None],
    record: Path | None = None,
) -> tuple[Any, list[Any]]:
    """Plan the compiled multi-stage variants again from the built original, write them; or
    rewrite a Node plan's pruning variants to keep the npm packages the app read (see the
    module docs); then make every variant carry the closure files it would lack
    (:mod:`imgopt.analyze.carry`). In place: the bench builds the rewritten files, and
    run.json's digests of them are updated.

    ``record``: where to keep the evidence, for ``--resume`` (:func:`resumed_plan`).

    Returns:
        (the plan with the new or rewritten variants, or with the reason they are still not
        proposed; the bench variants to add).
    """
    from imgopt.analyze.workspace import write_plan
    from imgopt.bench.runner import Variant

    compiled = waits_for_evidence(plan)
    npm = bool(closure) and prunes_npm(plan)
    if not compiled and not npm and not closure:
        return plan, []
    merged = (
        _evidence_plan(
            plan,
            dockerfile=dockerfile,
            context=context,
            image_id=image_id,
            closure=closure,
            run_id=run_id,
            phase=phase,
            record=record,
        )
        if compiled or npm
        else plan
    )
    npm_rewritten = _rewritten(plan, merged)
    if closure:
        from imgopt.analyze.carry import CARRY_FILE, carry_pass

        merged = carry_pass(
            merged,
            image_id=image_id,
            closure=closure,
            run_id=run_id,
            phase=phase,
            record=record.parent / CARRY_FILE if record is not None else None,
        )
    added = [v for v in merged.variants if plan.get(v.name) is None]
    rewritten = _rewritten(plan, merged)
    if not added and not rewritten:
        return merged, []
    files = write_plan(merged, folder, dockerfile=dockerfile, context=context, exclude=exclude)
    if added:
        phase(f"from the built original: {', '.join(v.name for v in added)} proposed")
    if rewritten and record is not None:
        _record_digests(record.parent, {n: files[n] for n in rewritten})
    if npm_rewritten:
        phase(
            f"from the built original: {', '.join(npm_rewritten)} keep the npm packages the app "
            "read at run time"
        )
    return merged, [Variant(v.name, files[v.name], context) for v in added]


def _rewritten(plan: Any, merged: Any) -> list[str]:
    """The variants of ``plan`` that ``merged`` writes otherwise."""
    return [
        v.name
        for v in merged.variants
        if (old := plan.get(v.name)) and old.dockerfile != v.dockerfile
    ]


def _evidence_plan(
    plan: Any,
    *,
    dockerfile: Path,
    context: Path,
    image_id: str,
    closure: tuple[str, ...] | None,
    run_id: str,
    phase: Callable[[str], None],
    record: Path | None,
) -> Any:
    """The compiled multi-stage variants planned again from the built original, or a Node
    plan's pruning variants rewritten (see :func:`second_pass`)."""
    from dataclasses import replace

    from imgopt.dockerfile import parse
    from imgopt.variants import Skipped

    compiled = waits_for_evidence(plan)
    available = _availability()
    try:
        if compiled:
            phase(
                "reading the built original: its layers, the libraries its binaries load, packages"
            )
            base = parse(plan.original).final_stage.base_resolved
            evidence = gather(
                image_id, base_ref=base, run_id=run_id, closure=closure, image_available=available
            )
        else:
            assert closure is not None
            phase("reading the built original's npm lockfile for the packages the app read")
            npm = gather_npm(image_id, closure, run_id)
            evidence = BuildEvidence(release=None, roots=(), closure=closure, npm=npm)
    except (ImgoptError, OSError, ValueError) as err:
        # The pass only adds proposals: a failure keeps the plan, with the reason.
        message = err.message if isinstance(err, ImgoptError) else f"{type(err).__name__}: {err}"
        if not compiled:
            phase(f"the npm lockfile could not be read ({message}); the Node variants stay")
            return plan
        why = f"compiled code: the built original could not be read ({message})"
        skipped = [Skipped(s.name, why) if s.name in EVIDENCE_VARIANTS else s for s in plan.skipped]
        return replace(plan, skipped=tuple(skipped))
    if record is not None:
        from imgopt.analyze.workspace import write_json

        write_json(record, evidence_to_dict(evidence))
    extra = replan(dockerfile, context, evidence, image_available=available)
    return merge(plan, extra, add=compiled)


def _record_digests(run_dir: Path, files: dict[str, Path]) -> None:
    """run.json's SHA-256 of each rewritten variant's Dockerfile (the bench listed the variants,
    with their files' digests, before the original was built)."""
    from imgopt.bench.results import METADATA, RunFolder
    from imgopt.userfiles import sha256_of

    if not (run_dir / METADATA).is_file():
        return
    folder = RunFolder(run_dir)
    listed = folder.metadata().get("variants")
    if not isinstance(listed, list):
        return
    for entry in listed:
        if isinstance(entry, dict) and entry.get("name") in files:
            entry["sha256"] = sha256_of(files[str(entry["name"])])
    folder.update_metadata(variants=listed)


def _availability() -> Callable[[str], bool | None] | None:
    from imgopt.engine.images import ImageAvailability

    try:
        return ImageAvailability()
    except ImgoptError:
        return None


#: The original's libraries (:class:`LibraryCheck`), kept in the output folder for ``--resume``.
LIBRARIES_FILE = "libraries.json"
LIBRARIES_SCHEMA = "imgopt.libraries/1"


class LibraryCheck:
    """A variant must load every shared library that the original's file of the same name
    loads (:func:`imgopt.variants.evidence.lost_libraries`), for every strategy.

    The ELF files of each image's own layers are read where the engine keeps them
    (:mod:`imgopt.analyze.elf`: no container); ``ldd`` runs, in one throwaway container of the
    image, only on the files that reading could not decide or whose library it did not find,
    so a library is named missing only when the image's own loader agrees. Without the
    engine's layer store here, every file goes through ``ldd`` (:func:`elf_libraries`).

    Anything that cannot be read (no layer store and no shell or ``ldd``, a base that is
    another stage) is not judged: the check only ever names a library that is missing.

    The original's libraries are read once, at the first variant, and kept in ``record``
    (:data:`LIBRARIES_FILE` in the output folder): a resumed run (``--resume``, or a part of a
    target split over engines that takes one more variant) checks the variants it adds against
    that record, without the original's image or its evidence pass.

    Attributes:
        original: (the original's image id, its final base), set once it is built.
        record: where the original's libraries are kept, or None.
        containers: how many containers the check started (for tests and benchmarks).
    """

    def __init__(self, record: Path | None = None) -> None:
        self.original: tuple[str, str] | None = None  # (image id, base)
        self.record = record
        self._libraries: dict[str, tuple[str, ...]] | None = None
        self._unreadable = False
        self.containers = 0

    def __call__(self, dockerfile: Path, image_id: str, run_id: str) -> str | None:
        from imgopt.dockerfile import parse

        if self._libraries is None and not self._unreadable:
            try:
                self._libraries = self._original(run_id)
            except (ImgoptError, OSError, ValueError):
                self._unreadable = True  # read once: no variant is judged, none waits for it
        if self._libraries is None:
            return None
        try:
            base = parse(dockerfile.read_text("utf-8")).final_stage.base_resolved
            lost = lost_libraries(
                self._libraries, self._read(image_id, base, run_id, self._libraries)
            )
        except (ImgoptError, OSError, ValueError):
            return None
        return (
            "; ".join(lost[:3]) + (f" (and {len(lost) - 3} more)" if len(lost) > 3 else "")
            if lost
            else None
        )

    def _original(self, run_id: str) -> dict[str, tuple[str, ...]] | None:
        """The original's libraries: read from its image and recorded, or from the record."""
        import json

        from imgopt.analyze.workspace import write_json
        from imgopt.userfiles import read_text

        if self.original is not None:
            libraries = self._read(*self.original, run_id, None)
            if self.record is not None:
                record = {
                    "schema": LIBRARIES_SCHEMA,
                    "image_id": self.original[0],
                    "libraries": {k: list(v) for k, v in sorted(libraries.items())},
                }
                with contextlib.suppress(ImgoptError, OSError):  # only a resume would miss it
                    write_json(self.record, record)
            return libraries
        if self.record is None or not self.record.is_file():
            return None  # a resumed run whose first attempt checked no variant: not judged
        text = read_text(self.record, what="libraries record")
        data = _table(json.loads(text), "libraries record")
        if data.get("schema") != LIBRARIES_SCHEMA:
            raise ValueError(f"libraries record: schema {data.get('schema')!r}")
        table = _table(data.get("libraries"), "libraries")
        return {k: _strs(v, k) for k, v in table.items()}

    def _read(
        self,
        image: str,
        base_ref: str,
        run_id: str,
        against: dict[str, tuple[str, ...]] | None,
    ) -> dict[str, tuple[str, ...]]:
        def sh(script: str, args: Sequence[str], what: str) -> dict[str, str]:
            self.containers += 1
            return _sh(image, script, args, run_id, what)

        return elf_libraries(image, base_ref, run_id, against=against, sh=sh)


#: ``ldd`` on each file given (the files reading could not decide).
_LDD_FILES = r"""
echo @begin
echo @ldd
for f in "$@"; do echo "@elf $f"; ldd "$f" 2>&1 | grep -v 'linux-vdso' | head -n 100; done
echo @end
"""

Shell = Callable[[str, Sequence[str], str], dict[str, str]]


def elf_libraries(
    image: str,
    base_ref: str,
    run_id: str,
    *,
    against: Mapping[str, tuple[str, ...]] | None = None,
    sh: Shell | None = None,
    within: Sequence[str] | None = None,
) -> dict[str, tuple[str, ...]]:
    """What ``ldd`` says of each ELF file the Dockerfile's own layers added to ``image``
    (executables, ``.so`` and ``.node`` files), as :func:`parse_ldd` gives it.

    Read from the image's layers (:mod:`imgopt.analyze.elf`); ``ldd`` runs in one container
    only on the files that reading could not decide, and on those with a library not found:
    all of them for the original (``against`` None), for a variant those that
    :func:`lost_libraries` against ``against`` (the original's) could name. Without the
    engine's layer store on this machine, ``ldd`` runs on every such file. ``ldd`` runs on
    :data:`LDD_CHUNK` files per container (:func:`ldd_files`, :func:`ldd_pages`): no output is
    cut short, however many files there are.

    ``within``: only the files under these roots (:func:`gather`: the compiled app's roots no
    package owns; without the layer store, every ELF file there, executable or not). Then a
    file ``ldd`` cannot be run on is an error, not the reading's word.

    Raises:
        EvidenceError: the image cannot be read that way.
        EngineError: the engine failed.
    """
    if sh is None:

        def sh(script: str, args: Sequence[str], what: str) -> dict[str, str]:
            return _sh(image, script, args, run_id, what)

    static = _static_libraries(image, base_ref)
    if static is None:
        script = _ELF if within is None else _ALL_ELF
        if within is None:
            base_paths, added = _layer_paths(image, base_ref)
            within = [r.path for r in roots_of(added, base_paths)]
        if not within:
            return {}
        return ldd_pages(sh, script, within, "listing libraries")
    found, unknown = static
    if within is not None:
        found = {f: libs for f, libs in found.items() if any(_under(f, r) for r in within)}
    had = _names(against) if against is not None else None
    doubtful = [f for f in found if _doubtful(f, found[f], f in unknown, had)]
    if doubtful:
        from imgopt.engine.containers import ContainerStartError

        try:
            confirmed = ldd_files(sh, doubtful, "listing libraries")
        except (EvidenceError, ContainerStartError):
            if within is not None:
                raise  # the original's evidence: a reason, never a guess
            confirmed = {}  # no shell or ldd there (distroless): the reading stands
        found.update({f: libs for f, libs in confirmed.items() if f in doubtful})
    return found


def ldd_files(sh: Shell, files: Sequence[str], what: str) -> dict[str, tuple[str, ...]]:
    """What ``ldd`` says of each of ``files`` (:func:`parse_ldd`), :data:`LDD_CHUNK` files per
    container (see :func:`in_chunks`)."""
    found: dict[str, tuple[str, ...]] = {}
    for got in in_chunks(lambda chunk: sh(_LDD_FILES, chunk, what), files, LDD_CHUNK):
        found.update(parse_ldd(got.get("ldd", "")))
    return found


def in_chunks(
    ask: Callable[[list[str]], dict[str, str]], items: Sequence[str], size: int
) -> list[dict[str, str]]:
    """``ask``'s answers about ``items``, at most ``size`` of them at a time (one container
    each): a chunk whose output was cut short is asked again in halves, so nothing is lost.

    Raises:
        OutputCutShort: the answer about one item alone is longer than imgopt keeps.
        EvidenceError: a container's output is not the script's.
    """
    answers = []
    pending = [list(items[i : i + size]) for i in range(0, len(items), size)]
    while pending:
        chunk = pending.pop(0)
        try:
            answers.append(ask(chunk))
        except OutputCutShort:
            if len(chunk) == 1:
                raise
            half = len(chunk) // 2
            pending[:0] = [chunk[:half], chunk[half:]]
    return answers


def ldd_pages(
    sh: Shell, script: str, roots: Sequence[str], what: str
) -> dict[str, tuple[str, ...]]:
    """What ``ldd`` says of the ELF files ``script`` (:data:`_ELF`, :data:`_ALL_ELF`) finds
    under ``roots``, a page of files per container until none is left: :data:`LDD_CHUNK` at
    first, twice as many after a page whose output was far below the cap, half as many again
    after one whose output was cut short.

    Raises:
        OutputCutShort: the output of ``ldd`` on one file alone is longer than imgopt keeps.
        EvidenceError: a container's output is not the script's.
    """
    from imgopt.engine.containers import MAX_OUTPUT_BYTES

    found: dict[str, tuple[str, ...]] = {}
    skip, take = 0, LDD_CHUNK
    while True:
        try:
            got = sh(script, [str(skip), str(take), *roots], what)
        except OutputCutShort:
            if take == 1:
                raise
            take //= 2
            continue
        text = got.get("ldd", "")
        found.update(parse_ldd(text))
        if "more" not in got:
            return found
        try:
            skip = int(got["more"].strip())
        except ValueError:
            raise EvidenceError(f"{what}: no page follows {got['more'][:40]!r}") from None
        if 4 * len(text) < MAX_OUTPUT_BYTES:
            take *= 2


def _doubtful(
    elf: str, libraries: tuple[str, ...], unknown: bool, had: Mapping[str, set[str]] | None
) -> bool:
    """Whether ``ldd`` must say what ``elf`` loads: reading could not decide, or a library was
    not found (for a variant: one that the original's file of that name loads)."""
    known = None if had is None else had.get(posixpath.basename(elf), set())
    if unknown:
        return known is None or bool(known)
    return any(lib.startswith("?") and (known is None or lib[1:] in known) for lib in libraries)


def _names(libraries: Mapping[str, tuple[str, ...]]) -> dict[str, set[str]]:
    """ELF file name -> the names of the libraries some file of that name loads."""
    out: dict[str, set[str]] = {}
    for elf, libs in libraries.items():
        for lib in libs:
            if not lib.startswith("?"):
                out.setdefault(posixpath.basename(elf), set()).add(posixpath.basename(lib))
    return out


def _elf_candidate(path: str, mode: int) -> bool:
    """The files ``_ELF`` hands to ``ldd``: executables, shared objects and Node addons."""
    name = posixpath.basename(path)
    return bool(mode & 0o100) or name.endswith((".so", ".node")) or ".so." in name


def _static_libraries(
    image: str, base_ref: str
) -> tuple[dict[str, tuple[str, ...]], set[str]] | None:
    """(file -> libraries, the files not decided) read from the layer store, or None when the
    image's layers or configuration are not readable here."""
    from imgopt.analyze.elf import LayerTree, Resolver, elf_files, parse_ld_cache
    from imgopt.bench.layers import measure_layers
    from imgopt.engine.images import LocalStore, inspect_image
    from imgopt.variants.evidence import is_junk

    store = LocalStore.open()
    if store is None:
        return None
    info = inspect_image(image)
    base = inspect_image(base_ref)
    n = len(base.diff_ids)
    if tuple(info.diff_ids[:n]) != tuple(base.diff_ids):
        raise EvidenceError(f"the image's first layers are not those of {base_ref}")
    local = store.layers(info.diff_ids)
    config = store.config(info.id)
    if local is None or config is None:
        return None
    env = dict(str(e).partition("=")[::2] for e in (config.get("config") or {}).get("Env") or [])
    tree = LayerTree([layer.diff_dir for layer in local])
    cache_file = tree.resolve("/etc/ld.so.cache")
    cache: dict[int, dict[str, str]] = {}  # none: ld.so searches the system folders only
    if cache_file is not None:
        try:
            with tree.open(cache_file) as fh:
                cache = parse_ld_cache(fh.read())
        except (OSError, ValueError):
            return None  # an older format, or unreadable: ldd decides
    own = measure_layers(info.id, info.diff_ids[n:], compressed=False, entries=True)
    added = [
        "/" + e.path.lstrip("/")
        for layer in own
        for e in layer.entries or ()
        if e.type in ("0", "\0", "1", "7") and not is_junk("/" + e.path.lstrip("/"))
    ]
    resolver = Resolver(tree, cache, env)
    found: dict[str, tuple[str, ...]] = {}
    unknown: set[str] = set()
    for path in elf_files(tree, added, _elf_candidate):
        got = resolver.libraries(path)
        if got is None:
            continue
        found[path] = got.libraries
        if got.unknown:
            unknown.add(path)
    return found, unknown
