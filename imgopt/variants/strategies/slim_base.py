"""Swap the final stage's base image for a slimmer sibling (``slim-base`` and ``alpine``).

Only where the stage needs none of what the sibling lacks: the capabilities its commands use
(compilers for ``gcc`` or a ``pip install`` that builds from source, git, curl, a shell...), minus
what the stage installs itself with apt (``apt-get install gcc`` brings its own compilers). The
swap edits the image in the FROM line and nothing else; the stage keeps building its own way.
Alpine siblings are proposed only where imgopt's data finds nothing musl-unsafe (no apt, no
packages known to build native code, no cgo) and are marked as such.

A slim sibling can lack a file the runtime reads when it starts (node reads
``/etc/ssl/openssl.cnf``, which ``node:*-slim`` does not install): the file closure of
``imgopt bench`` fails a variant that lacks a file the original read. ``imgopt analyze`` carries
what the built original's closure shows it read (:mod:`imgopt.analyze.carry`); ``imgopt
propose`` has no built original, so :func:`carry_known_lacks` carries what imgopt's knowledge
says the sibling lacks (``carries`` in ``base_images.toml``), into every variant whose final
stage runs on such a sibling (``slim-base``, and ``multistage-slim`` from its build stage).
"""

from __future__ import annotations

from dataclasses import replace

from imgopt.dockerfile import parse
from imgopt.dockerfile.imageref import parse_image_ref
from imgopt.errors import ImgoptError
from imgopt.knowledge import (
    Sibling,
    adds_apt_sources,
    distro_of,
    distro_python,
    siblings,
    swap_package_check,
)
from imgopt.variants.analysis import StageFacts
from imgopt.variants.carry import apply_carry, plan_carry
from imgopt.variants.model import Change, Plan
from imgopt.variants.strategies.base import SAFE, UNSAFE, NotApplicable, image_text, lines_of

SLIM_ID = "slim-base"
ALPINE_ID = "alpine-base"
#: The source on the change list of a variant carrying what its base is known to lack.
KNOWN_CARRY_ID = "known-carry"


def _swap(facts: StageFacts, sib: Sibling) -> str:
    stage = facts.stage
    frm = stage.from_instruction
    new = image_text(stage, sib.ref)
    i = frm.raw.find(stage.base, len("FROM"))
    if i < 0:
        raise NotApplicable(f"cannot find {stage.base} in the FROM at line {frm.line}")
    start = frm.span.start + i
    text = facts.df.text
    return text[:start] + new + text[start + len(stage.base) :]


def _check_final(facts: StageFacts) -> None:
    stage = facts.stage
    if stage.base_stage is not None:
        raise NotApplicable(
            f"the final stage starts FROM stage {stage.base}; its base is swapped there, if at all"
        )
    if stage.image is None or stage.image.is_scratch:
        raise NotApplicable("the final stage starts FROM scratch")


def propose_slim_base(facts: StageFacts) -> tuple[str, Change]:
    """The Dockerfile with the final stage on its slimmest usable slim sibling.

    Raises:
        NotApplicable: no slim sibling, or the stage needs what every sibling lacks.
    """
    _check_final(facts)
    stage = facts.stage
    assert stage.image is not None
    base = stage.base_resolved
    cands = [s for s in siblings(stage.image) if s.kind == "slim" and not s.runtime_only]
    if not cands:
        if any(s.kind == "slim" for s in siblings(stage.image)):
            raise NotApplicable(
                f"{base}'s slim sibling can only run a built program (see multistage-slim)"
            )
        raise NotApplicable(
            f"{base} has no slim sibling"
            + (" (it already is the slim flavour)" if "slim" in base else "")
        )
    needed = set(facts.needed_capabilities)
    if any(c.program == "add-apt-repository" for c in facts.commands) or "ppa:" in facts.df.text:
        needed.add("ppa")
    usable = [s for s in cands if not (s.lacks & needed)]
    if not usable:
        lacks = sorted(cands[0].lacks & needed)
        raise NotApplicable(
            f"the stage needs {', '.join(lacks)}, which {cands[0].ref} does not have "
            f"({cands[0].note})"
        )
    # A swap to another distribution release is proposed only where every package the stage
    # installs exists there under the same name, by the release's package index.
    unchecked = []
    for s in list(usable):
        check = swap_package_check(stage.image, s.ref, facts.apt_packages)
        if check is not None and not check.ok:
            usable.remove(s)
            unchecked.append(f"{s.ref}: {check.describe()}")
        elif check is not None and adds_apt_sources(facts.df.text):
            usable.remove(s)
            unchecked.append(f"{s.ref}: the Dockerfile adds apt sources of its own")
    if not usable:
        raise NotApplicable("; ".join(unchecked))
    sib = max(usable, key=lambda s: (len(s.lacks), -usable.index(s)))
    builds_native = sorted(facts.used_capabilities & sib.lacks & {"compilers", "dev-headers"})
    if builds_native:
        raise NotApplicable(
            f"the stage compiles native code ({', '.join(builds_native)} installed by the stage "
            f"itself): on {sib.ref} the toolchain would still ship; multistage-slim builds on "
            f"{base} and runs on {sib.ref} instead"
        )
    rationale = sib.note + "."
    before, after = distro_of(stage.image), distro_of(sib.ref)
    check = swap_package_check(stage.image, sib.ref, facts.apt_packages)
    if check is not None:
        py_b, py_a = distro_python(before), distro_python(after)
        rationale += (
            f" This changes the distribution from {before or 'its release'} to {after}"
            + (
                f" (its python3 goes from {py_b.version} to {py_a.version})"
                if py_b
                and py_a
                and py_b.version != py_a.version
                and any(p.startswith("python3") for p in facts.apt_packages)
                else ""
            )
            + f": {check.describe()}; versions and configuration may still differ."
        )
    used = sorted(facts.used_capabilities & sib.lacks)
    if used:
        rationale += f" The stage installs what it uses itself ({', '.join(used)})."
    return _swap(facts, sib), Change(
        SLIM_ID,
        f"Use {sib.ref} as the base image",
        rationale,
        UNSAFE,
        lines_of(stage.from_instruction),
    )


def propose_alpine(facts: StageFacts) -> tuple[str, Change]:
    """The Dockerfile with the final stage on its alpine sibling, where nothing is musl-unsafe.

    Raises:
        NotApplicable: no alpine sibling, apt in use, or dependencies known to build native code.
    """
    _check_final(facts)
    stage = facts.stage
    assert stage.image is not None
    sibs = [s for s in siblings(stage.image) if s.kind == "alpine"]
    if not sibs:
        raise NotApplicable(f"{stage.base_resolved} has no alpine sibling")
    sib = sibs[0]
    if facts.apt_packages or any(c.program in ("apt-get", "apt", "dpkg") for c in facts.commands):
        raise NotApplicable("the stage uses apt; alpine has apk (package names differ)")
    unsafe = [n for n, _ in facts.native_python_runtime] + list(facts.native_node_packages)
    if unsafe:
        raise NotApplicable(f"{', '.join(unsafe)} build native code: not known to be musl-safe")
    if facts.uses_cgo:
        raise NotApplicable("the Go code uses cgo: not known to be musl-safe")
    needed = facts.needed_capabilities & sib.lacks
    if needed:
        raise NotApplicable(f"the stage needs {', '.join(sorted(needed))}, which alpine lacks")
    return _swap(facts, sib), Change(
        ALPINE_ID,
        f"Use {sib.ref} as the base image (musl)",
        f"{sib.note}. Marked musl-safe by imgopt's data: no apt, no dependency known to build "
        "native code, no cgo; wheels and prebuilt binaries for glibc still need checking.",
        UNSAFE,
        lines_of(stage.from_instruction),
    )


def carry_known_lacks(plan: Plan) -> Plan:
    """``plan`` with each variant whose final stage runs on a sibling of the original's final
    base that is known to lack files the runtime reads when it starts (:attr:`Sibling.carries`)
    carrying them: copied from a stage of the variant on the original's base, else from that
    image (:func:`imgopt.variants.carry.plan_carry`, as ``imgopt analyze`` decides where from).
    For ``imgopt propose``, which has no built original to show what the app reads."""
    try:
        original = parse(plan.original).final_stage
    except ImgoptError:
        return plan
    image = original.image
    if image is None or (image.digest and image.tag is None):
        return plan
    known = siblings(image.with_tag(image.tag))  # a pinned base has the siblings of its tag
    variants = [plan.variants[0]]
    for v in plan.variants[1:]:
        sib = _runs_on(v.dockerfile, known)
        if sib is None:
            variants.append(v)
            continue
        # the base image's files, which the sibling lacks (its package is not installed)
        carries = plan_carry(
            v.dockerfile, plan.original, sib.carries, own=lambda _: False, in_base=lambda _: False
        )
        if not carries:  # a COPY --from already puts them there
            variants.append(v)
            continue
        paths = ", ".join(c.path for c in carries)
        sources = ", ".join(dict.fromkeys(f"`{c.source}`" for c in carries))
        base = original.base_resolved
        comment = f"# imgopt: what {sib.ref} lacks of {base} and the runtime reads at start-up"
        change = Change(
            KNOWN_CARRY_ID,
            f"Carry {paths}, which {sib.ref} lacks",
            f"{base} has {paths} and {sib.ref} does not; the runtime reads it when it starts "
            "(imgopt's knowledge of the base images), and imgopt bench's file closure fails a "
            "variant that lacks a file the original read. It is copied from "
            f"{sources} (a few kB). imgopt propose has no built original to show what else the "
            "app reads: imgopt analyze carries what the built original read.",
            SAFE,
        )
        text = apply_carry(v.dockerfile, carries, comment)
        variants.append(replace(v, dockerfile=text, changes=(*v.changes, change)))
    return replace(plan, variants=tuple(variants))


def _runs_on(dockerfile: str, known: list[Sibling]) -> Sibling | None:
    """The one of ``known`` that ``dockerfile``'s final stage starts FROM (tag, not digest),
    when it carries anything."""
    try:
        final = parse(dockerfile).final_stage
    except ImgoptError:
        return None
    if final.image is None:
        return None
    image = final.image
    for sib in known:
        ref = parse_image_ref(sib.ref)
        if sib.carries and (ref.registry, ref.repository, ref.tag) == (
            image.registry,
            image.repository,
            image.tag,
        ):
            return sib
    return None


__all__ = [
    "ALPINE_ID",
    "KNOWN_CARRY_ID",
    "SLIM_ID",
    "carry_known_lacks",
    "propose_alpine",
    "propose_slim_base",
]
