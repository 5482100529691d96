"""The library check's reading of ELF files from an image's layers (imgopt.analyze.elf), and
when it hands files to ``ldd`` (imgopt.analyze.evidence.elf_libraries): no engine, fake layers
made of folders and hand-made ELF files, and the host's own files against its own ``ldd``."""

from __future__ import annotations

import glob
import io
import os
import posixpath
import shutil
import stat
import struct
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from imgopt.analyze import evidence
from imgopt.analyze.elf import (
    LayerTree,
    Resolver,
    elf_files,
    parse_ld_cache,
    read_dynamic,
)
from imgopt.engine.containers import ContainerStartError
from imgopt.variants.evidence import lost_libraries, parse_ldd

X86_64 = 62
LIBDIR = "/usr/lib/x86_64-linux-gnu"
LOADER = "/lib64/ld-linux-x86-64.so.2"
#: The first system folder ld.so searches: on a merged /usr, the same files as LIBDIR.
FIRST = "/lib/x86_64-linux-gnu"


def make_elf(
    needed: Sequence[str] = (),
    *,
    soname: str | None = None,
    runpath: str | None = None,
    rpath: str | None = None,
    interp: str | None = None,
    machine: int = X86_64,
    etype: int = 3,
) -> bytes:
    """A minimal 64-bit little-endian ELF file: one PT_LOAD over the whole file, a PT_DYNAMIC,
    and a PT_INTERP when ``interp`` is given."""
    strings = bytearray(b"\0")

    def add(text: str) -> int:
        at = len(strings)
        strings.extend(text.encode() + b"\0")
        return at

    tags = [(1, add(n)) for n in needed]
    if soname:
        tags.append((14, add(soname)))
    if runpath:
        tags.append((29, add(runpath)))
    if rpath:
        tags.append((15, add(rpath)))
    phnum = 3 if interp else 2
    interp_at = 64 + 56 * phnum
    interp_bytes = (interp.encode() + b"\0") if interp else b""
    strtab_at = interp_at + len(interp_bytes)
    dyn_at = strtab_at + len(strings)
    dyn_at += -dyn_at % 8
    tags = [*tags, (5, strtab_at), (10, len(strings)), (0, 0)]
    dynamic = b"".join(struct.pack("<qQ", t, v) for t, v in tags)
    total = dyn_at + len(dynamic)
    head = b"\x7fELF" + bytes([2, 1, 1]) + bytes(9)
    head += struct.pack("<HHIQQQIHHHHHH", etype, machine, 1, 0, 64, 0, 0, 64, 56, phnum, 64, 0, 0)
    ph = struct.pack("<IIQQQQQQ", 1, 5, 0, 0, 0, total, total, 0x1000)
    ph += struct.pack("<IIQQQQQQ", 2, 6, dyn_at, dyn_at, dyn_at, len(dynamic), len(dynamic), 8)
    if interp:
        n = len(interp_bytes)
        ph += struct.pack("<IIQQQQQQ", 3, 4, interp_at, interp_at, interp_at, n, n, 1)
    body = head + ph + interp_bytes + bytes(strings)
    return body + bytes(dyn_at - len(body)) + dynamic


def put(layer: Path, path: str, data: bytes = b"", mode: int = 0o644) -> None:
    target = layer / path.lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    target.chmod(mode)


def link(layer: Path, path: str, to: str) -> None:
    target = layer / path.lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.symlink_to(to)


def base_layer(root: Path) -> Path:
    """A merged-/usr base: the loader, libc, /lib -> usr/lib."""
    layer = root / "base"
    link(layer, "/lib", "usr/lib")
    link(layer, "/lib64", "usr/lib64")
    put(layer, "/usr/lib64/ld-linux-x86-64.so.2", make_elf(soname="ld-linux-x86-64.so.2"))
    libc = make_elf(["ld-linux-x86-64.so.2"], soname="libc.so.6")
    put(layer, f"{LIBDIR}/libc.so.6", libc)
    return layer


def resolver(
    layers: Sequence[Path], cache: dict[int, dict[str, str]] | None = None, **env: str
) -> Resolver:
    return Resolver(LayerTree(layers), cache or {}, env)


def names(libs: Sequence[str]) -> list[str]:
    return [("?" if x.startswith("?") else "") + posixpath.basename(x.lstrip("?")) for x in libs]


# -- reading ELF files -----------------------------------------------------------------------


def test_read_dynamic_gives_needed_soname_paths_and_interpreter() -> None:
    data = make_elf(
        ["libfoo.so.1", "libc.so.6"],
        soname="libbar.so.2",
        runpath="$ORIGIN/../lib:/opt/x",
        interp=LOADER,
        etype=2,
    )
    dyn = read_dynamic(io.BytesIO(data))
    assert dyn is not None
    assert dyn.arch == (2, X86_64) and dyn.dynamic
    assert dyn.needed == ("libfoo.so.1", "libc.so.6")
    assert dyn.soname == "libbar.so.2"
    assert dyn.runpath == ("$ORIGIN/../lib", "/opt/x") and dyn.rpath == ()
    assert dyn.interp == LOADER


def test_read_dynamic_tells_other_files_and_refuses_broken_elf() -> None:
    assert read_dynamic(io.BytesIO(b"#!/bin/sh\necho hi\n")) is None
    relocatable = read_dynamic(io.BytesIO(make_elf(["libc.so.6"], etype=1)))
    assert relocatable is not None and not relocatable.dynamic
    with pytest.raises(ValueError):
        read_dynamic(io.BytesIO(make_elf(["libc.so.6"])[:80]))


def test_ld_cache_parses_the_hosts_cache_as_ldconfig_prints_it() -> None:
    data = Path("/etc/ld.so.cache").read_bytes()
    cache = parse_ld_cache(data)
    printed = subprocess.run(
        ["/sbin/ldconfig", "-p"], capture_output=True, text=True, check=True
    ).stdout
    line = next(
        x for x in printed.splitlines() if x.strip().startswith("libc.so.6 ") and "x86-64" in x
    )
    assert cache[0x0303]["libc.so.6"] == line.rsplit("=> ", 1)[1].strip()
    with pytest.raises(ValueError):
        parse_ld_cache(b"ld.so-1.7.0" + bytes(64))


# -- the merged file system ------------------------------------------------------------------


@pytest.mark.skipif(os.geteuid() != 0, reason="whiteouts and opaque folders need root (CI is)")
def test_layer_tree_merges_like_overlayfs(tmp_path: Path) -> None:
    lower = base_layer(tmp_path)
    put(lower, "/etc/gone.conf", b"x")
    put(lower, "/opt/app/old.so", b"old")
    put(lower, "/usr/bin/tool", b"lower")
    upper = tmp_path / "upper"
    (upper / "etc").mkdir(parents=True)
    os.mknod(upper / "etc" / "gone.conf", stat.S_IFCHR | 0o600, os.makedev(0, 0))
    put(upper, "/opt/app/new.so", b"new")
    os.setxattr(upper / "opt" / "app", "trusted.overlay.opaque", b"y")
    put(upper, "/usr/bin/tool", b"upper", 0o755)
    tree = LayerTree([lower, upper])
    assert tree.resolve("/etc/gone.conf") is None
    assert tree.resolve("/opt/app/old.so") is None  # hidden by the opaque folder
    assert tree.resolve("/opt/app/new.so") == "/opt/app/new.so"
    assert tree.open("/usr/bin/tool").read() == b"upper"
    assert tree.file_mode("/usr/bin/tool") == 0o755
    # symlinks followed, in folders too; a file reached through one is not walked by find
    assert tree.resolve("/lib/x86_64-linux-gnu/libc.so.6") == f"{LIBDIR}/libc.so.6"
    assert tree.file_mode("/lib/x86_64-linux-gnu/libc.so.6") is None
    assert tree.resolve("/lib") is None  # a folder, not a file


# -- the loader's search ---------------------------------------------------------------------


def test_libraries_follow_the_loaders_search_breadth_first(tmp_path: Path) -> None:
    base = base_layer(tmp_path)
    own = tmp_path / "own"
    put(own, "/opt/app/bin/app", make_elf(["libfoo.so.1", "libc.so.6"], interp=LOADER), 0o755)
    put(own, f"{LIBDIR}/libfoo.so.1", make_elf(["libbar.so.2"], soname="libfoo.so.1"))
    put(own, f"{LIBDIR}/libbar.so.2", make_elf(["libc.so.6"], soname="libbar.so.2"))
    found = resolver([base, own]).libraries("/opt/app/bin/app")
    assert found is not None and not found.unknown
    assert found.libraries == (
        f"{FIRST}/libfoo.so.1",
        f"{FIRST}/libc.so.6",
        f"{FIRST}/libbar.so.2",
        LOADER,
    )


def test_runpath_origin_rpath_chain_and_library_path(tmp_path: Path) -> None:
    base = base_layer(tmp_path)
    own = tmp_path / "own"
    # RUNPATH with $ORIGIN: only for the file's own NEEDED
    put(own, "/opt/a/bin/a", make_elf(["liba.so"], runpath="$ORIGIN/../lib"), 0o755)
    put(own, "/opt/a/lib/liba.so", make_elf(["libdeep.so"], soname="liba.so"))
    put(own, "/opt/a/lib/libdeep.so", make_elf(soname="libdeep.so"))
    # RPATH of the executable serves its libraries' NEEDED too (they have no RUNPATH)
    put(own, "/opt/b/bin/b", make_elf(["libb.so"], rpath="/opt/b/lib"), 0o755)
    put(own, "/opt/b/lib/libb.so", make_elf(["libdeep2.so"], soname="libb.so"))
    put(own, "/opt/b/lib/libdeep2.so", make_elf(soname="libdeep2.so"))
    put(own, "/opt/c/lib/libc-only.so", make_elf(soname="libc-only.so"))
    put(own, "/opt/c/bin/c", make_elf(["libc-only.so"]), 0o755)
    r = resolver([base, own])
    a = r.libraries("/opt/a/bin/a")
    assert a is not None and names(a.libraries) == ["liba.so", "?libdeep.so"]
    b = r.libraries("/opt/b/bin/b")
    assert b is not None and b.libraries == ("/opt/b/lib/libb.so", "/opt/b/lib/libdeep2.so")
    c_without = r.libraries("/opt/c/bin/c")
    assert c_without is not None and c_without.libraries == ("?libc-only.so",)
    c_with = resolver([base, own], LD_LIBRARY_PATH="/opt/c/lib").libraries("/opt/c/bin/c")
    assert c_with is not None and c_with.libraries == ("/opt/c/lib/libc-only.so",)


def test_the_cache_counts_not_the_folders_ldconfig_would_scan(tmp_path: Path) -> None:
    """A library copied into /usr/local/lib without ldconfig is not found, as ld.so does not."""
    base = base_layer(tmp_path)
    own = tmp_path / "own"
    put(own, "/usr/local/lib/libpq.so.5", make_elf(soname="libpq.so.5"))
    put(own, "/usr/local/bin/app", make_elf(["libpq.so.5"]), 0o755)
    put(own, "/etc/ld.so.conf.d/local.conf", b"/usr/local/lib\n")
    stale = resolver([base, own]).libraries("/usr/local/bin/app")
    assert stale is not None and stale.libraries == ("?libpq.so.5",)
    cache = {0x0303: {"libpq.so.5": "/usr/local/lib/libpq.so.5"}}
    fresh = resolver([base, own], cache).libraries("/usr/local/bin/app")
    assert fresh is not None and fresh.libraries == ("/usr/local/lib/libpq.so.5",)


def test_a_library_of_another_machine_is_passed_over_and_lib_is_unknown(tmp_path: Path) -> None:
    base = base_layer(tmp_path)
    own = tmp_path / "own"
    put(own, "/opt/x/libz.so.1", make_elf(soname="libz.so.1", machine=183))  # aarch64
    put(own, f"{LIBDIR}/libz.so.1", make_elf(soname="libz.so.1"))
    put(own, "/opt/x/app", make_elf(["libz.so.1"], runpath="/opt/x"), 0o755)
    put(own, "/opt/y/app", make_elf(["libz.so.1"], runpath="/opt/$LIB"), 0o755)
    r = resolver([base, own])
    x = r.libraries("/opt/x/app")
    assert x is not None and x.libraries == (f"{FIRST}/libz.so.1",)
    y = r.libraries("/opt/y/app")
    assert y is not None and y.unknown


def test_elf_files_keeps_executables_and_shared_objects_only(tmp_path: Path) -> None:
    own = tmp_path / "own"
    put(own, "/app/run", make_elf(["libc.so.6"]), 0o755)
    put(own, "/app/mod.cpython-311-x86_64-linux-gnu.so", make_elf(["libc.so.6"]))
    put(own, "/app/data.bin", make_elf(["libc.so.6"]))  # ELF, neither executable nor .so
    put(own, "/app/script", b"#!/bin/sh\n", 0o755)
    tree = LayerTree([own])
    paths = ["/app/run", "/app/mod.cpython-311-x86_64-linux-gnu.so", "/app/data.bin"]
    kept = elf_files(tree, [*paths, "/app/script"], evidence._elf_candidate)
    assert kept == paths[:2]


@pytest.mark.skipif(shutil.which("ldd") is None, reason="the host has no ldd")
def test_the_hosts_files_read_as_its_own_ldd_lists_them() -> None:
    """The whole search against the real loader: the host's root as a one-layer image."""
    tree = LayerTree([""])
    cache = parse_ld_cache(Path("/etc/ld.so.cache").read_bytes())
    paths = sorted(glob.glob("/usr/bin/*"))[:250] + sorted(glob.glob(f"{LIBDIR}/*.so.*"))[:150]
    files = elf_files(tree, paths)
    assert len(files) > 50, files
    r = Resolver(tree, cache, {})
    script = 'for f in "$@"; do echo "@elf $f"; ldd "$f" 2>&1; done'
    done = subprocess.run(["sh", "-c", script, "sh", *files], capture_output=True, text=True)
    want = parse_ldd(done.stdout)
    got = {f: r.libraries(f) for f in files}
    assert all(g is not None and not g.unknown for g in got.values())
    differ = {
        f: (names(g.libraries), names(want.get(f, ())))
        for f, g in got.items()
        if g is not None and sorted(names(g.libraries)) != sorted(names(want.get(f, ())))
    }
    assert not differ


# -- when ldd runs ---------------------------------------------------------------------------

APP = "/usr/local/bin/hello"
YAML = "/usr/lib/x86_64-linux-gnu/libyaml-0.so.2"
LIBC = "/lib/x86_64-linux-gnu/libc.so.6"


class FakeShell:
    """Stands in for one container of the image: ``ldd`` answers from ``truth``."""

    def __init__(
        self, truth: Mapping[str, tuple[str, ...]] | None, no_shell: type[Exception] = Exception
    ) -> None:
        self.truth = truth
        self.no_shell = no_shell
        self.calls: list[list[str]] = []

    def __call__(self, script: str, args: Sequence[str], what: str) -> dict[str, str]:
        self.calls.append(list(args))
        if self.truth is None:
            raise self.no_shell("no /bin/sh in the image")
        lines = []
        for f in args:
            lines.append(f"@elf {f}")
            for lib in self.truth.get(f, ()):
                name = posixpath.basename(lib.lstrip("?"))
                lines.append(
                    f"\t{name} => not found" if lib[0] == "?" else f"\t{name} => {lib} (0x1)"
                )
        return {"ldd": "\n".join(lines) + "\n"}


Reading = tuple[Mapping[str, tuple[str, ...]], set[str]]


def fake_reading(monkeypatch: pytest.MonkeyPatch, read: Mapping[str, Reading | None]) -> None:
    """What the layers say of each image (a fresh copy each time, as the real reading)."""

    def static(image: str, base: str) -> tuple[dict[str, tuple[str, ...]], set[str]] | None:
        got = read[image]
        return None if got is None else (dict(got[0]), set(got[1]))

    monkeypatch.setattr(evidence, "_static_libraries", static)


def test_a_clean_variant_starts_no_container(monkeypatch: pytest.MonkeyPatch) -> None:
    libs: dict[str, tuple[str, ...]] = {APP: (YAML, LIBC)}
    fake_reading(monkeypatch, {"orig": (libs, set()), "var": ({APP: (YAML, LIBC)}, set())})
    sh = FakeShell(libs)
    original = evidence.elf_libraries("orig", "b", "run", sh=sh)
    assert evidence.elf_libraries("var", "b", "run", against=original, sh=sh) == libs
    assert sh.calls == []


def test_a_planted_loss_is_confirmed_by_ldd_on_that_file_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    other = "/usr/local/bin/other"
    fake_reading(
        monkeypatch,
        {
            "orig": ({APP: (YAML, LIBC), other: (LIBC,)}, set()),
            "var": ({APP: ("?libyaml-0.so.2", LIBC), other: ("?libnew.so.1", LIBC)}, set()),
        },
    )
    shells = {"orig": FakeShell({}), "var": FakeShell({APP: ("?libyaml-0.so.2", LIBC)})}
    monkeypatch.setattr(
        evidence, "_sh", lambda image, script, args, run_id, what: shells[image](script, args, what)
    )
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text("FROM debian:bookworm-slim\n")
    check = evidence.LibraryCheck()
    check.original = ("orig", "buildpack-deps:bookworm")
    problem = check(dockerfile, "var", "run")
    assert problem == (
        f"{APP} needs libyaml-0.so.2, which the variant lacks (the original loads {YAML})"
    )
    # libnew.so.1: the original's file of that name never loaded it, so it is not judged
    assert shells["orig"].calls == [] and shells["var"].calls == [[APP]]
    assert check.containers == 1


def test_ldd_overrules_a_library_the_reading_did_not_find(monkeypatch: pytest.MonkeyPatch) -> None:
    """A library in a folder the reading does not search (glibc-hwcaps) is no loss."""
    fake_reading(
        monkeypatch,
        {"orig": ({APP: (YAML,)}, set()), "var": ({APP: ("?libyaml-0.so.2",)}, set())},
    )
    hwcaps = "/usr/lib/x86_64-linux-gnu/glibc-hwcaps/x86-64-v3/libyaml-0.so.2"
    sh = FakeShell({APP: (hwcaps,)})
    original = evidence.elf_libraries("orig", "b", "run", sh=FakeShell({}))
    variant = evidence.elf_libraries("var", "b", "run", against=original, sh=sh)
    assert variant == {APP: (hwcaps,)}
    assert lost_libraries(original, variant) == []


@pytest.mark.parametrize("no_shell", [evidence.EvidenceError, ContainerStartError])
def test_without_a_shell_the_reading_stands(
    monkeypatch: pytest.MonkeyPatch, no_shell: type[Exception]
) -> None:
    """A distroless variant has no /bin/sh for ldd (the engine cannot start the container, or
    its output is not ldd's): what its files say is the answer (before, such a variant was not
    judged at all)."""
    fake_reading(
        monkeypatch,
        {"orig": ({APP: (YAML,)}, set()), "var": ({APP: ("?libyaml-0.so.2",)}, set())},
    )
    original = evidence.elf_libraries("orig", "b", "run", sh=FakeShell({}))
    no_sh = FakeShell(None, no_shell)
    variant = evidence.elf_libraries("var", "b", "run", against=original, sh=no_sh)
    assert [x.split(",")[0] for x in lost_libraries(original, variant)] == [
        f"{APP} needs libyaml-0.so.2"
    ]


def test_the_originals_undecided_files_go_to_ldd(monkeypatch: pytest.MonkeyPatch) -> None:
    odd = "/opt/odd/bin/odd"
    fake_reading(monkeypatch, {"orig": ({APP: (YAML,), odd: ()}, {odd})})
    sh = FakeShell({odd: (LIBC,)})
    assert evidence.elf_libraries("orig", "b", "run", sh=sh) == {APP: (YAML,), odd: (LIBC,)}
    assert sh.calls == [[odd]]


def test_without_the_layer_store_every_file_goes_to_ldd(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_reading(monkeypatch, {"orig": None})
    monkeypatch.setattr(
        evidence,
        "_layer_paths",
        lambda image, base: ({"/", "/usr", "/usr/local", "/usr/local/bin"}, [(APP, 9, "0")]),
    )
    sh = FakeShell({APP: (YAML,)})

    def all_of_them(script: str, args: Sequence[str], what: str) -> dict[str, str]:
        assert script == evidence._ELF  # find over the roots, as before
        return sh(script, [APP], what)

    assert evidence.elf_libraries("orig", "b", "run", sh=all_of_them) == {APP: (YAML,)}
    assert sh.calls == [[APP]]


# -- a resumed run ---------------------------------------------------------------------------


def test_a_resumed_run_checks_its_added_variant_against_the_record(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The first attempt records the original's libraries; a resumed run (no original image,
    no evidence pass) still names the library its added variant lacks."""
    fake_reading(
        monkeypatch,
        {
            "orig": ({APP: (YAML, LIBC)}, set()),
            "good": ({APP: (YAML, LIBC)}, set()),
            "broken": ({APP: ("?libyaml-0.so.2", LIBC)}, set()),
        },
    )
    shells = {
        "orig": FakeShell({}),
        "good": FakeShell({}),
        "broken": FakeShell({APP: ("?libyaml-0.so.2", LIBC)}),
    }
    monkeypatch.setattr(
        evidence,
        "_sh",
        lambda image, script, args, run_id, what: shells[image](script, args, what),
    )
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text("FROM debian:bookworm-slim\n")
    record = tmp_path / evidence.LIBRARIES_FILE
    first = evidence.LibraryCheck(record=record)
    first.original = ("orig", "buildpack-deps:bookworm")
    assert first(dockerfile, "good", "run") is None
    assert record.is_file()

    resumed = evidence.LibraryCheck(record=record)  # original never set: --resume
    problem = resumed(dockerfile, "broken", "run")
    assert problem is not None and f"{APP} needs libyaml-0.so.2" in problem
    assert shells["orig"].calls == []  # the original was not read again


def test_a_resumed_run_without_a_readable_record_judges_nothing(tmp_path: Path) -> None:
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text("FROM debian:bookworm-slim\n")
    record = tmp_path / evidence.LIBRARIES_FILE
    assert evidence.LibraryCheck(record=record)(dockerfile, "var", "run") is None
    record.write_text('{"schema": "imgopt.libraries/0"}')
    assert evidence.LibraryCheck(record=record)(dockerfile, "var", "run") is None
