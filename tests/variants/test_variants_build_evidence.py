"""The compiled multi-stage from evidence (issue 13 item 4), with fakes for what the built
original shows: ``ldd`` output -> the libraries (NEEDED resolved to paths) -> ``dpkg-query -S``
output -> the packages of that release -> the runtime stage."""

from __future__ import annotations

import pytest

from imgopt.variants import plan_variants
from imgopt.variants.evidence import (
    BuildEvidence,
    NoRuntime,
    Root,
    RuntimeBase,
    derive_runtime,
    parse_dpkg_search,
    parse_ldd,
    parse_os_release,
    roots_of,
    usr_merge_twin,
)
from imgopt.variants.strategies.compiled import NO_EVIDENCE

# What `ldd` printed in a container of the built original (twemproxy's shape, with a library
# of the distribution added: libssl).
LDD = """\
@elf /usr/local/sbin/nutcracker
\tlinux-vdso.so.1 (0x00007ffc5b3f2000)
\tlibyaml-0.so.2 => /usr/local/lib/libyaml-0.so.2 (0x00007f1)
\tlibssl.so.1.1 => /usr/lib/x86_64-linux-gnu/libssl.so.1.1 (0x00007f2)
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f3)
\t/lib64/ld-linux-x86-64.so.2 (0x00007f4)
@elf /usr/local/lib/libyaml-0.so.2.0.9
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f3)
@elf /usr/src/app/src/nc.o
\tnot a dynamic executable
"""
# What `dpkg-query -S` answered for those paths (and their merged-/usr twins) on stretch.
DPKG = """\
libssl1.1:amd64: /usr/lib/x86_64-linux-gnu/libssl.so.1.1
libc6:amd64: /lib/x86_64-linux-gnu/libc.so.6
libc6:amd64: /lib64/ld-linux-x86-64.so.2
diversion by dash from: /bin/sh
"""
BASE = frozenset({"/", "/usr", "/usr/local", "/usr/local/lib", "/usr/local/sbin", "/usr/src"})
ADDED = [
    ("/usr/local/sbin", 0, "5"),  # only listed because something changed inside it
    ("/usr/local/sbin/nutcracker", 900_000, "0"),
    ("/usr/local/lib/libyaml-0.so.2", 0, "2"),
    ("/usr/local/lib/libyaml-0.so.2.0.9", 380_000, "0"),
    ("/usr/local/lib/libyaml.a", 680_000, "0"),
    ("/usr/src/app", 0, "5"),
    ("/usr/src/app/src", 0, "5"),
    ("/usr/src/app/src/nc.o", 18_000_000, "0"),
    ("/usr/src/app/conf", 0, "5"),
    ("/usr/src/app/conf/nutcracker.yml", 300, "0"),
    ("/var/lib/apt/lists/x", 5_000_000, "0"),
]


def _evidence(*, release: str = "debian:stretch", closure: tuple[str, ...] | None = None):  # type: ignore[no-untyped-def]
    return BuildEvidence(
        release=release,
        roots=tuple(roots_of(ADDED, BASE)),
        libraries=parse_ldd(LDD),
        owners=parse_dpkg_search(DPKG),
        entry=("/usr/local/sbin/nutcracker",),
        closure=closure,
        bases={
            "gcc:6": RuntimeBase("gcc:6", "debian:stretch", frozenset({"libc6", "libssl1.1"})),
            "debian:stretch-slim": RuntimeBase(
                "debian:stretch-slim", "debian:stretch", frozenset({"libc6"})
            ),
            "debian:bookworm-slim": RuntimeBase(
                "debian:bookworm-slim", "debian:bookworm", frozenset({"libc6"})
            ),
        },
        base_image="gcc:6",
    )


def test_the_tools_output_is_read() -> None:
    libs = parse_ldd(LDD)
    assert libs["/usr/local/sbin/nutcracker"] == (
        "/usr/local/lib/libyaml-0.so.2",
        "/usr/lib/x86_64-linux-gnu/libssl.so.1.1",
        "/lib/x86_64-linux-gnu/libc.so.6",
        "/lib64/ld-linux-x86-64.so.2",
    )
    assert libs["/usr/src/app/src/nc.o"] == ()
    owners = parse_dpkg_search(DPKG)
    assert owners["/usr/lib/x86_64-linux-gnu/libssl.so.1.1"] == "libssl1.1"
    assert "/bin/sh" not in owners
    assert parse_os_release('ID=debian\nVERSION_ID="9"\nVERSION_CODENAME=stretch\n') == (
        "debian:stretch"
    )
    assert parse_os_release("NAME=x\n") is None
    assert usr_merge_twin("/etc/x") is None


def test_roots_group_what_the_layers_added() -> None:
    roots = {r.path: r for r in roots_of(ADDED, BASE)}
    assert sorted(roots) == [
        "/usr/local/lib/libyaml-0.so.2",
        "/usr/local/lib/libyaml-0.so.2.0.9",
        "/usr/local/lib/libyaml.a",
        "/usr/local/sbin/nutcracker",
        "/usr/src/app",
    ]  # no /usr/local/sbin (it was there), no apt lists (junk)
    assert roots["/usr/src/app"].build_tree and roots["/usr/src/app"].is_dir
    assert roots["/usr/src/app"].bytes == 18_000_300


def test_packages_are_the_release_s_own_and_only_those_the_base_lacks() -> None:
    rt = derive_runtime(_evidence(), "debian:stretch-slim")
    assert rt.packages == ("libssl1.1",)  # stretch's name from dpkg, never Debian 12's libssl3
    assert "libssl.so.1.1 of /usr/local/sbin/nutcracker" in rt.why_packages["libssl1.1"]
    assert set(rt.copies) == {
        "/usr/local/sbin/nutcracker",
        "/usr/local/lib/libyaml-0.so.2",
        "/usr/local/lib/libyaml-0.so.2.0.9",
    }
    assert rt.ldconfig
    dropped = {r.path: why for r, why in rt.dropped}
    assert dropped["/usr/src/app"] == "a build tree not used at run time"
    assert dropped["/usr/local/lib/libyaml.a"] == "only needed to build against it"
    # On the original's own base, libssl1.1 is there already.
    assert derive_runtime(_evidence(), "gcc:6").packages == ()


def test_a_build_tree_gives_only_the_folders_the_app_opened() -> None:
    rt = derive_runtime(
        _evidence(closure=("/usr/src/app/conf/nutcracker.yml",)), "debian:stretch-slim"
    )
    assert "/usr/src/app/conf" in rt.copies and "/usr/src/app" not in rt.copies
    assert "/usr/src/app/conf" in rt.folders


def test_no_runtime_on_another_release_or_an_unread_base_or_a_missing_library() -> None:
    with pytest.raises(NoRuntime, match="may not run on another"):
        derive_runtime(_evidence(), "debian:bookworm-slim")
    with pytest.raises(NoRuntime, match="could not be read"):
        derive_runtime(_evidence(), "debian:buster-slim")
    broken = _evidence()
    libs = dict(broken.libraries)
    libs["/usr/local/sbin/nutcracker"] = ("?libgone.so.1",)
    with pytest.raises(NoRuntime, match=r"libgone\.so\.1"):
        derive_runtime(
            BuildEvidence(
                broken.release,
                broken.roots,
                libs,
                broken.owners,
                broken.entry,
                None,
                frozenset(),
                broken.bases,
                broken.base_image,
            ),
            "debian:stretch-slim",
        )


def test_a_library_the_base_had_without_a_package_is_copied() -> None:
    # The official gcc image builds gcc into /usr/local: libstdc++ belongs to no package.
    ev = _evidence()
    libs = dict(ev.libraries)
    libs["/usr/local/sbin/nutcracker"] += ("/usr/local/lib64/libstdc++.so.6",)
    ev2 = BuildEvidence(
        ev.release, ev.roots, libs, ev.owners, ev.entry, None, frozenset(), ev.bases, ev.base_image
    )
    assert "/usr/local/lib64/libstdc++.so.6" in derive_runtime(ev2, "debian:stretch-slim").copies
    assert "/usr/local/lib64/libstdc++.so.6" not in derive_runtime(ev2, "gcc:6").copies


DOCKERFILE = (
    "FROM gcc:6\n"
    "RUN apt-get update && apt-get install -y libssl-dev ca-certificates\n"
    "COPY . /usr/src/app\n"
    "WORKDIR /usr/src/app\n"
    "RUN ./configure && make && make install\n"
    "EXPOSE 22121\n"
    'ENTRYPOINT ["nutcracker"]\n'
)


def test_the_plan_uses_the_evidence_and_says_so() -> None:
    plan = plan_variants(DOCKERFILE, image_available=lambda ref: True, evidence=_evidence())
    slim = plan.get("multistage-slim")
    assert slim is not None, plan.skipped
    runtime = slim.dockerfile.split("\nFROM ", 2)[-1]
    assert runtime.startswith("debian:stretch-slim\n")
    assert "apt-get install -y --no-install-recommends ca-certificates libssl1.1" in runtime
    assert "libssl-dev" not in runtime and "libssl3" not in runtime
    assert "COPY --from=build /usr/local/sbin/nutcracker /usr/local/sbin/nutcracker" in runtime
    assert "/usr/src/app" not in runtime.replace("WORKDIR /usr/src/app", "")
    assert runtime.rstrip().endswith('EXPOSE 22121\nENTRYPOINT ["nutcracker"]')
    assert any("dpkg-query -S" in c.rationale for c in slim.changes)
    assert any("/usr/src/app (a build tree" in c.rationale for c in slim.changes)
    # Without evidence (propose, analyze --no-build): nothing, and why.
    bare = plan_variants(DOCKERFILE, image_available=lambda ref: True)
    assert bare.get("multistage-slim") is None
    assert bare.skip_reason("multistage-slim") == NO_EVIDENCE
    assert plan.skip_reason("distroless") is not None


def test_evidence_of_another_release_proposes_no_slim_runtime() -> None:
    ev = _evidence(release="debian:buster")
    plan = plan_variants(DOCKERFILE, image_available=lambda ref: True, evidence=ev)
    assert plan.get("multistage-slim") is None
    assert "could not be read" in (plan.skip_reason("multistage-slim") or "")


def test_root_objects_are_comparable() -> None:
    assert Root("/a") == Root("/a", 0, 0, False, False)


def test_a_lost_library_is_named_only_against_the_original_s_own_file() -> None:
    from imgopt.variants.evidence import lost_libraries

    original = parse_ldd(LDD)
    variant = {
        "/usr/local/sbin/nutcracker": ("?libssl.so.1.1", "/lib/x86_64-linux-gnu/libc.so.6"),
        "/opt/other/tool": ("?libfoo.so.1",),  # no counterpart in the original: not judged
    }
    assert lost_libraries(original, variant) == [
        "/usr/local/sbin/nutcracker needs libssl.so.1.1, which the variant lacks (the original "
        "loads /usr/lib/x86_64-linux-gnu/libssl.so.1.1)"
    ]
    assert lost_libraries(original, original) == []


def test_the_evidence_pass_replaces_only_what_waited_for_evidence() -> None:
    from imgopt.analyze.evidence import merge, waits_for_evidence

    first = plan_variants(DOCKERFILE, image_available=lambda ref: True)
    assert waits_for_evidence(first)
    second = plan_variants(
        DOCKERFILE,
        image_available=lambda ref: True,
        evidence=_evidence(),
        only=("multistage", "multistage-slim", "distroless"),
    )
    merged = merge(first, second)
    assert merged.names == (*first.names, "multistage", "multistage-slim")
    assert not waits_for_evidence(merged)
    assert "by hand" in (merged.skip_reason("distroless") or "")


def test_the_evidence_record_reads_back_as_it_was_written() -> None:
    import json

    from imgopt.analyze.evidence import evidence_from_dict, evidence_to_dict

    for ev in (_evidence(), _evidence(closure=("/usr/src/app/conf/nutcracker.yml",))):
        assert evidence_from_dict(json.loads(json.dumps(evidence_to_dict(ev)))) == ev


@pytest.mark.parametrize(
    "damage",
    [
        {"schema": "imgopt.evidence/0"},
        {"roots": 7},
        {"roots": [{"path": 3}]},
        {"libraries": {"/x": "not a list"}},
        {"bases": {"gcc:6": {"release": 1, "packages": []}}},
        {"owners": {"/x": ["libc6"]}},
        {"closure": "one string"},
    ],
)
def test_a_damaged_evidence_record_is_refused(damage: dict[str, object]) -> None:
    from imgopt.analyze.evidence import evidence_from_dict, evidence_to_dict

    with pytest.raises(ValueError):
        evidence_from_dict({**evidence_to_dict(_evidence()), **damage})


def test_resume_plans_the_variants_the_first_attempt_added_from_its_record(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """An interrupted analysis of compiled code resumes with the variants it had added."""
    import json

    import imgopt.analyze.evidence as evidence_module
    from imgopt.analyze.evidence import evidence_to_dict, merge, resumed_plan

    monkeypatch.setattr(evidence_module, "_availability", lambda: lambda ref: True)
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(DOCKERFILE, encoding="utf-8")
    record = tmp_path / "evidence.json"
    first = plan_variants(DOCKERFILE, image_available=lambda ref: True)
    # No record (the first attempt stopped before the evidence pass): the plan is unchanged.
    assert resumed_plan(first, dockerfile=dockerfile, context=tmp_path, record=record) is first
    record.write_text(json.dumps(evidence_to_dict(_evidence())), encoding="utf-8")
    resumed = resumed_plan(first, dockerfile=dockerfile, context=tmp_path, record=record)
    expected = merge(
        first,
        plan_variants(
            DOCKERFILE,
            image_available=lambda ref: True,
            evidence=_evidence(),
            only=("multistage", "multistage-slim", "distroless"),
        ),
    )
    assert resumed.names == expected.names == (*first.names, "multistage", "multistage-slim")
    assert [v.dockerfile for v in resumed.variants] == [v.dockerfile for v in expected.variants]
    # A damaged record leaves the plan as it is (the bench's resume check then says why).
    record.write_text('{"schema": "imgopt.evidence/1", "roots": 7}', encoding="utf-8")
    assert resumed_plan(first, dockerfile=dockerfile, context=tmp_path, record=record) is first
