"""The Node split's app-build stage hands its app directory, without node_modules, over in a
directory of its own, in the build's own RUN when it can be.

BuildKit keys a ``COPY --from`` by checksumming its source, and scans the source's parent
directory to do it: ``COPY --from=app-build /app /app`` walked the whole node:18 root filesystem
on every warm rebuild, 0.8 s in which no step runs (benchmarks/results/
copy_from_scan-2026-12-05-s9-scan.txt). The hand-over's parent holds only the copy. A RUN
of its own would cost every rebuild a container start and a snapshot, so the copy is appended
to the build's shell command; where that could change the command (exec form, a comment, a line
ending in an operator) it gets a RUN of its own. The copy must keep every file but
node_modules as it is (modes, symlinks, dotfiles): :func:`test_the_handover_copies_everything_but
_node_modules` runs it; tests/variants/test_node_handover_engine.py compares the built images.
"""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from imgopt.variants.planner import plan_variants
from imgopt.variants.strategies.node import HANDOVER, _handover

HEAD = """\
FROM node:18
WORKDIR {app}
COPY package*.json ./
RUN npm ci
COPY . .
"""
TAIL = """\
EXPOSE 8080
CMD ["node", "dist/server.js"]
"""
PACKAGE = '{"name": "x", "scripts": {"build": "tsc"}, "devDependencies": {"typescript": "5"}}'
HAND = (
    f"mkdir -p {HANDOVER} && find /app -mindepth 1 -maxdepth 1 ! -name node_modules "
    f"-exec cp -a {{}} {HANDOVER}/ \\;"
)


def _variant(tmp_path: Path, build: str, app: str = "/app", head: str = HEAD) -> list[str]:
    (tmp_path / "package.json").write_text(PACKAGE)
    (tmp_path / "package-lock.json").write_text("{}")
    text = head.format(app=app) + build + "\n" + TAIL
    variants = plan_variants(text, context_dir=tmp_path).variants
    v = next(v for v in variants if v.name == "multistage")
    return v.dockerfile.splitlines()


def _app_build(lines: list[str]) -> list[str]:
    start = lines.index("FROM build AS app-build")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("FROM "))
    return [x for x in lines[start + 1 : end] if x.strip() and not x.startswith("#")]


def _runtime_copies(lines: list[str]) -> list[str]:
    start = max(i for i, x in enumerate(lines) if x.startswith("FROM "))
    return [x for x in lines[start:] if x.startswith("COPY --from=")]


def test_shell_form_build_hands_over_in_the_same_run(tmp_path: Path) -> None:
    lines = _variant(tmp_path, "RUN npm run build")
    assert _app_build(lines) == ["COPY . .", f"RUN npm run build && {HAND}"]
    assert _runtime_copies(lines) == [
        "COPY --from=prod-deps /app /app",
        f"COPY --from=app-build {HANDOVER} /app",
    ]


@pytest.mark.parametrize(
    "build",
    [
        'RUN ["npm", "run", "build"]',  # exec form: no shell to run `&&`
        "RUN npm run build # compile",  # `&& mkdir` would be part of the comment
        "RUN npm run build;",  # `; && mkdir` is a syntax error
    ],
)
def test_a_build_command_that_cannot_take_more_gets_a_run_of_its_own(
    tmp_path: Path, build: str
) -> None:
    lines = _variant(tmp_path, build)
    assert _app_build(lines) == ["COPY . .", build, f"RUN {HAND}"]
    assert _runtime_copies(lines)[-1] == f"COPY --from=app-build {HANDOVER} /app"


@pytest.mark.parametrize(
    "mount",
    [
        "--mount=type=cache,target=/app/.next/cache",  # would be copied into the image
        "--mount=type=cache,target=.next/cache",  # the same, relative to WORKDIR
        "--mount=type=tmpfs,target=/tmp",  # would take the copy away
        "--mount=type=bind,target=/app",  # the app directory itself
    ],
)
def test_a_mount_in_the_way_gets_the_handover_a_run_of_its_own(tmp_path: Path, mount: str) -> None:
    build = f"RUN {mount} npm run build"
    assert _app_build(_variant(tmp_path, build)) == ["COPY . .", build, f"RUN {HAND}"]


def test_a_mount_elsewhere_keeps_the_handover_in_the_build_run(tmp_path: Path) -> None:
    build = "RUN --mount=type=cache,target=/root/.npm npm run build"
    assert _app_build(_variant(tmp_path, build)) == ["COPY . .", f"{build} && {HAND}"]


def test_the_app_directory_is_where_the_copy_starts(tmp_path: Path) -> None:
    lines = _variant(tmp_path, "RUN npm run build", app="/usr/src/app")
    assert _app_build(lines)[-1] == (
        f"RUN npm run build && mkdir -p {HANDOVER} && find /usr/src/app -mindepth 1 -maxdepth 1 "
        f"! -name node_modules -exec cp -a {{}} {HANDOVER}/ \\;"
    )
    assert _runtime_copies(lines) == [
        "COPY --from=prod-deps /usr/src/app /usr/src/app",
        f"COPY --from=app-build {HANDOVER} /usr/src/app",
    ]


@pytest.mark.parametrize("user", ["node", "1000:1000", "node:root"])
def test_a_build_as_another_user_drops_node_modules_and_ships_the_app_directory(
    tmp_path: Path, user: str
) -> None:
    """``cp -a`` by another user than root cannot keep root's files root's: no hand-over."""
    head = HEAD.replace("RUN npm ci\n", f"RUN npm ci\nUSER {user}\n")
    lines = _variant(tmp_path, "RUN npm run build", head=head)
    assert _app_build(lines)[-1] == "RUN npm run build && rm -rf /app/node_modules"
    assert _runtime_copies(lines)[-1] == "COPY --from=app-build /app /app"


@pytest.mark.parametrize("user", ["root", "0", "root:root", "0:0"])
def test_user_root_still_hands_over(tmp_path: Path, user: str) -> None:
    head = HEAD.replace("RUN npm ci\n", f"RUN npm ci\nUSER {user}\n")
    lines = _variant(tmp_path, "RUN npm run build", head=head)
    assert _runtime_copies(lines)[-1] == f"COPY --from=app-build {HANDOVER} /app"


def _tree(root: Path) -> dict[str, tuple[int, int, int, int, str]]:
    """Every path under ``root``: its mode, owner, modification time and (for a symlink) target,
    (for a file) content."""
    out: dict[str, tuple[int, int, int, int, str]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            st = p.lstat()
            if stat.S_ISLNK(st.st_mode):
                what = "-> " + os.readlink(p)
            elif stat.S_ISREG(st.st_mode):
                what = p.read_text()
            else:
                what = "dir"
            out[str(p.relative_to(root))] = (st.st_mode, st.st_uid, st.st_gid, st.st_mtime_ns, what)
    return out


def test_the_handover_copies_everything_but_node_modules(tmp_path: Path) -> None:
    """The command itself, run by this machine's sh, find and cp (GNU here)."""
    app = tmp_path / "a p p"  # a space: the paths are quoted
    (app / "node_modules" / "x").mkdir(parents=True)
    (app / "node_modules" / "x" / "index.js").write_text("dev")
    (app / "dist").mkdir(parents=True)
    (app / "dist" / "server.js").write_text("built")
    (app / "src" / "node_modules").mkdir(parents=True)  # nested: not the app's, kept
    (app / "src" / "node_modules" / "y.js").write_text("vendored")
    (app / ".env.example").write_text("dotfile")
    (app / "run.sh").write_text("#!/bin/sh\n")
    (app / "run.sh").chmod(0o750)
    (app / "secret").write_text("s")
    (app / "secret").chmod(0o600)
    (app / "current").symlink_to("dist")
    for p in (app / "dist" / "server.js", app / "run.sh", app / "dist"):
        os.utime(p, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    if os.geteuid() == 0:  # an owner other than the copier's: kept only by cp -a run as root
        os.chown(app / "secret", 1234, 1234)
    dest = tmp_path / "handover" / "app"
    subprocess.run(["sh", "-c", _handover(str(app), str(dest))], check=True)
    want = {p: v for p, v in _tree(app).items() if not p.startswith("node_modules")}
    assert "src/node_modules/y.js" in want and ".env.example" in want
    assert _tree(dest) == want
