"""No evidence is silently cut short by the cap on a container's output
(:data:`imgopt.engine.containers.MAX_OUTPUT_BYTES`): ``ldd`` over many ELF files and
``dpkg-query`` over many paths run a few at a time, a part whose output was still cut is asked
again in halves, and what cannot fit is an error, never a partial answer.

No engine: the fake container either answers from a table or runs the image's script with the
host's own ``/bin/sh``, ``find`` and ``ldd``; its output goes through the engine's
:class:`~imgopt.engine.containers.CappedOutput`, as a real container's does.
"""

from __future__ import annotations

import glob
import os
import posixpath
import shutil
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from imgopt.analyze import evidence
from imgopt.engine import containers
from imgopt.engine.containers import MAX_OUTPUT_BYTES, CappedOutput, CompletedRun, ImageConfig
from imgopt.variants.evidence import parse_ldd

LIBDIR = "/usr/lib/x86_64-linux-gnu"
#: Long enough that a few hundred files' ``ldd`` output is several times the cap.
LIBS = tuple(f"{LIBDIR}/libsomething-with-a-long-name-{i:02d}.so.1" for i in range(12))


class FakeContainers:
    """Stands in for ``run_container``: ``answer(script, args)`` is the container's output,
    capped like the engine's; every output's full size is kept for the assertions."""

    def __init__(
        self,
        answer: Callable[[str, Sequence[str]], str],
        limit: int = MAX_OUTPUT_BYTES,
        head: int = containers.HEAD_BYTES,
    ) -> None:
        self.answer = answer
        self.limit = limit
        self.head = head
        self.runs: list[tuple[str, int]] = []  # (script, bytes written)

    def __call__(self, image: str, *, entrypoint: Sequence[str], **_: object) -> CompletedRun:
        if entrypoint[0] == "node":  # node -e SCRIPT ARGS...
            script, args = "node", list(entrypoint[3:])
        else:
            assert list(entrypoint[:2]) == ["/bin/sh", "-c"] and entrypoint[3] == "sh"
            script, args = entrypoint[2], list(entrypoint[4:])
        text = self.answer(script, args).encode()
        capped = CappedOutput(self.limit, self.head)
        for i in range(0, len(text), 4096):
            capped.add(text[i : i + 4096])
        self.runs.append((script, len(text)))
        return CompletedRun(0, capped.text(), timed_out=False, oom_killed=False, duration_s=0.1)

    def of(self, script: str) -> list[int]:
        return [size for s, size in self.runs if s == script]


def ldd_text(files: Sequence[str]) -> str:
    lines = ["@begin", "@ldd"]
    for f in files:
        lines.append(f"@elf {f}")
        lines.extend(f"\t{posixpath.basename(lib)} => {lib} (0x7f00)" for lib in LIBS)
    return "\n".join([*lines, "@end", ""])


def test_a_chunk_cut_short_is_asked_again_in_halves(monkeypatch: pytest.MonkeyPatch) -> None:
    files = [f"/opt/app/lib/plugin{i:03d}.so" for i in range(120)]
    fake = FakeContainers(lambda script, args: ldd_text(args), limit=16 * 1024, head=1024)
    monkeypatch.setattr(containers, "run_container", fake)

    def sh(script: str, args: Sequence[str], what: str) -> dict[str, str]:
        return evidence._sh("img", script, args, "run", what)

    # all at once, the output is cut: that is an error, never a shorter answer
    with pytest.raises(evidence.OutputCutShort):
        sh(evidence._LDD_FILES, files, "listing libraries")
    got = evidence.ldd_files(sh, files, "listing libraries")
    assert got == {f: LIBS for f in files}
    sizes = fake.of(evidence._LDD_FILES)[1:]
    assert max(sizes) > fake.limit  # 40 files did not fit: they were asked again in halves
    assert len(sizes) > len(files) // evidence.LDD_CHUNK


def test_one_file_whose_answer_cannot_fit_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeContainers(lambda script, args: ldd_text(args), limit=512, head=128)
    monkeypatch.setattr(containers, "run_container", fake)

    def sh(script: str, args: Sequence[str], what: str) -> dict[str, str]:
        return evidence._sh("img", script, args, "run", what)

    with pytest.raises(evidence.OutputCutShort, match="cut short"):
        evidence.ldd_files(sh, ["/opt/a.so", "/opt/b.so"], "listing libraries")


def test_the_library_check_does_not_let_a_cut_output_stand(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A variant with many files the reading could not decide: before, one container's cut
    output made the reading stand for all of them; now ``ldd`` answers for every one."""
    files = [f"/opt/app/lib/plugin{i:03d}.so" for i in range(200)]
    monkeypatch.setattr(
        evidence, "_static_libraries", lambda image, base: ({f: () for f in files}, set(files))
    )
    fake = FakeContainers(lambda script, args: ldd_text(args))
    monkeypatch.setattr(containers, "run_container", fake)
    assert len(ldd_text(files)) > MAX_OUTPUT_BYTES  # what one container would have printed
    assert evidence.elf_libraries("orig", "base", "run") == {f: LIBS for f in files}
    assert max(fake.of(evidence._LDD_FILES)) <= MAX_OUTPUT_BYTES


# -- gather(): the compiled-app evidence pass ------------------------------------------------


def config(entrypoint: tuple[str, ...] | None) -> ImageConfig:
    return ImageConfig("sha256:0", (), None, entrypoint, "", "/")


def fake_image(script: str, args: Sequence[str], libraries: Mapping[str, tuple[str, ...]]) -> str:
    """A compiled original: every root the Dockerfile added is unowned; dpkg owns LIBDIR."""
    if script == evidence._READ:
        roots = "".join(f"{r}\n" for r in args[1:])
        return f"@begin\n@os\nID=debian\nVERSION_ID=12\n@entry\n@unowned\n{roots}@end\n"
    if script == evidence._OWNED:
        paths = [p for p in args[0].split("\n") if p.startswith(LIBDIR)]
        owned = "".join(f"libsomething{p[-7:-5]}:amd64: {p}\n" for p in paths)
        return f"@begin\n@owners\n{owned}@end\n"
    if script == evidence._LDD_FILES:
        return ldd_text(args)
    if script == evidence._BASE:
        return "@begin\n@os\nID=debian\nVERSION_ID=12\n@packages\nlibc6\n@end\n"
    raise AssertionError(f"unexpected script {script[:40]!r}")


def test_gather_reads_every_library_of_a_large_compiled_original(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """300 ELF files whose ``ldd`` output together is five times the cap: before, one container
    ran ``ldd`` on all of them and the pass ended with "the output was cut short"."""
    files = [f"/opt/app/lib/plugin{i:03d}.so" for i in range(300)]
    added = [("/opt/app", 0, "5"), ("/opt/app/lib", 0, "5")] + [(f, 9, "0") for f in files]
    monkeypatch.setattr(evidence, "_layer_paths", lambda image, base: ({"/", "/opt"}, added))
    monkeypatch.setattr(containers, "image_facts", lambda image: config(("/opt/app/bin/app",)))
    # the layer store's reading could not decide any of them: all go to ldd
    monkeypatch.setattr(
        evidence, "_static_libraries", lambda image, base: ({f: () for f in files}, set(files))
    )
    truth = {f: LIBS for f in files}
    fake = FakeContainers(lambda script, args: fake_image(script, args, truth))
    monkeypatch.setattr(containers, "run_container", fake)
    assert len(ldd_text(files)) > 5 * MAX_OUTPUT_BYTES

    got = evidence.gather("orig", base_ref="debian:bookworm", run_id="r", image_available=None)
    assert got.libraries == truth
    assert {got.owners[lib] for lib in LIBS} == {f"libsomething{i:02d}" for i in range(12)}
    assert max(size for _, size in fake.runs) <= MAX_OUTPUT_BYTES
    assert len(fake.of(evidence._LDD_FILES)) == -(-len(files) // evidence.LDD_CHUNK)


def test_gather_asks_dpkg_again_in_halves_when_its_answer_is_cut(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """1,500 closure files (:data:`evidence.MAX_CLOSURE`) owned by packages: ``dpkg-query -S``
    prints more than the cap; the owners of all of them are still read."""
    closure = [f"{LIBDIR}/python3/dist-packages/mod{i:04d}/__init__.py" for i in range(1500)]
    monkeypatch.setattr(
        evidence, "_layer_paths", lambda image, base: ({"/", "/opt"}, [("/opt/app", 9, "0")])
    )
    monkeypatch.setattr(containers, "image_facts", lambda image: config(None))
    monkeypatch.setattr(evidence, "_static_libraries", lambda image, base: ({}, set()))
    fake = FakeContainers(lambda script, args: fake_image(script, args, {}))
    monkeypatch.setattr(containers, "run_container", fake)

    got = evidence.gather("orig", base_ref="debian:bookworm", run_id="r", closure=closure)
    assert len(got.owners) == len(closure)
    asked = fake.of(evidence._OWNED)
    assert asked[0] > MAX_OUTPUT_BYTES  # all at once first: cut, so asked again in parts
    assert len(asked) > 2


def test_the_npm_lockfile_is_read_in_parts_when_its_answer_is_cut(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """1,200 packages read under node_modules, all devDependencies: the lockfile's answer about
    all of them at once is longer than the cap; every one is still judged dropped."""
    import json

    names = [f"node_modules/@scope/a-package-with-a-long-name-{i:04d}" for i in range(1200)]
    closure = [f"/app/{n}/index.js" for n in names]

    def node(script: str, args: Sequence[str]) -> str:
        assert script == "node" and args[0] == "/app"
        answer = {
            "lockfile": "/app/package-lock.json",
            "packages": {p: {"dev": True} for p in args[1:]},
        }
        return f"@begin\n@npm\n{json.dumps(answer)}\n@end\n"

    fake = FakeContainers(node)
    monkeypatch.setattr(containers, "run_container", fake)
    (tree,) = evidence.gather_npm("orig", closure, "run")
    assert tree.lockfile == "/app/package-lock.json"
    assert sorted(tree.dropped) == names
    asked = fake.of("node")
    assert asked[0] > MAX_OUTPUT_BYTES and len(asked) > 2


@dataclass(frozen=True)
class FakePlan:
    original: str
    variants: tuple[object, ...] = ()


def test_the_pth_hooks_are_read_in_parts_when_their_answer_is_cut(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """300 ``*.pth`` hooks with three import lines each: more than the cap at once (before: the
    carry pass gave up with "could not be read"); every hook's imports still reach the plan."""
    from imgopt.analyze import carry

    site = "/usr/local/lib/python3.11/site-packages"
    hooks = [f"{site}/a-distribution-with-a-long-name-{i:03d}.pth" for i in range(300)]

    def answer(script: str, args: Sequence[str]) -> str:
        assert script == carry._HOOKS
        lines = "".join(f"{h}\timport hook{k}; hook{k}.install()\n" for h in args for k in range(3))
        return f"@begin\n@hooks\n{lines}@end\n"

    fake = FakeContainers(answer)
    monkeypatch.setattr(containers, "run_container", fake)
    monkeypatch.setattr(evidence, "_layer_paths", lambda image, base: ({"/"}, []))
    seen: list[Mapping[str, Sequence[str]]] = []

    def candidates(closure: object, apps: object, imports: object = None) -> list[str]:
        if isinstance(imports, dict):
            seen.append(imports)
        return list(hooks)

    monkeypatch.setattr(carry, "carry_candidates", candidates)
    phases: list[str] = []
    plan = FakePlan("FROM python:3.11-slim\n")
    assert carry.carry_pass(plan, image_id="i", closure=hooks, run_id="r", phase=phases.append)
    assert phases == []
    assert len(seen) == 1 and len(seen[0]) == len(hooks)
    assert fake.of(carry._HOOKS)[0] > MAX_OUTPUT_BYTES


# -- without the layer store: pages of find + ldd, run by the host's own shell ---------------


def host_shell(script: str, args: Sequence[str]) -> str:
    done = subprocess.run(
        ["/bin/sh", "-c", script, "sh", *args], capture_output=True, text=True, timeout=120
    )
    return done.stdout


def magic(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(4)


@pytest.fixture
def many_libraries(tmp_path: Path) -> Path:
    """24 of the host's smallest shared objects, copied to one folder, and a text file."""
    found = [
        p
        for p in glob.glob(f"{LIBDIR}/*.so*")
        if os.path.isfile(p) and not os.path.islink(p) and magic(p) == b"\x7fELF"
    ]
    if len(found) < 24 or shutil.which("ldd") is None:
        pytest.fail(f"the host has no ldd or too few shared objects in {LIBDIR}")
    folder = tmp_path / "lib"
    folder.mkdir()
    for p in sorted(found, key=os.path.getsize)[:24]:
        shutil.copy(p, folder)
    (folder / "README").write_text("not an ELF file\n")
    return folder


@pytest.mark.parametrize("script", ["_ELF", "_ALL_ELF"])
def test_pages_give_what_one_uncut_run_gives(
    monkeypatch: pytest.MonkeyPatch, many_libraries: Path, script: str
) -> None:
    text = getattr(evidence, script)
    whole = evidence._sections(host_shell(text, ["0", "100000", str(many_libraries)]), "all")
    expected = parse_ldd(whole["ldd"])
    assert len(expected) == 24 and "more" not in whole

    fake = FakeContainers(host_shell, limit=4 * 1024, head=1024)
    monkeypatch.setattr(containers, "run_container", fake)

    def sh(script: str, args: Sequence[str], what: str) -> dict[str, str]:
        return evidence._sh("img", script, args, "run", what)

    assert evidence.ldd_pages(sh, text, [str(many_libraries)], "listing libraries") == expected
    sizes = fake.of(text)
    assert max(sizes) > fake.limit and len(sizes) > 2
