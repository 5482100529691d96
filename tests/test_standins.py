"""The offline stand-in base images (standins/): present, current, behaving like the official ones.

These run against the engine's real stand-ins (scripts/bootstrap.sh builds them) and never
rebuild the set: build.py's own behaviour (real-image guard, half-failure, hashes) is exercised
with throwaway recipes under ``imgopt-test-standin-*`` names, built FROM scratch or from a
stand-in, so each takes a second or two.
"""

from __future__ import annotations

import importlib.util
import io
import json
import subprocess
import sys
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from _volumes import no_anonymous_volume_left

pytestmark = pytest.mark.engine


@pytest.fixture(scope="module", autouse=True)
def no_volume_left() -> Iterator[None]:
    """postgres:15 declares VOLUME: reading its files from a created container must not leave
    the container's anonymous volume behind (it did, one per CI run)."""
    with no_anonymous_volume_left("tests/test_standins.py"):
        yield


REPO = Path(__file__).resolve().parent.parent
BUILD_PY = REPO / "standins" / "build.py"
CA = "/etc/ssl/certs/ca-certificates.crt"
TEST_LABEL = "imgopt.test=1"


def _load_build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("standins_build", BUILD_PY)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


build = _load_build()
RECIPES = build.load_manifest(build.DEFAULT_MANIFEST)
# What bootstrap and CI build; opt-in groups (real-deps) are checked by standins/check_real_deps.py.
DEFAULT = [r for r in RECIPES if r.group == build.DEFAULT_GROUP]
TAGS = [tag for r in DEFAULT for tag in r.tags]


# ------------------------------------------------------------------------------------------------
# helpers


def sh(*cmd: str, check: bool = True, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return proc


def run_in(image: str, script: str, *, entrypoint: str = "sh") -> str:
    """stdout of a shell script run in a throwaway container of the image."""
    cmd = ["docker", "run", "--rm", "--label", TEST_LABEL, "--entrypoint", entrypoint, image]
    return sh(*cmd, "-c", script).stdout


def config(image: str) -> dict[str, object]:
    out = sh("docker", "image", "inspect", "--format", "{{json .Config}}", image).stdout
    result: dict[str, object] = json.loads(out)
    return result


def labels(image: str) -> dict[str, str]:
    found = config(image).get("Labels") or {}
    assert isinstance(found, dict)
    return {str(k): str(v) for k, v in found.items()}


def env(image: str) -> dict[str, str]:
    pairs = config(image).get("Env") or []
    assert isinstance(pairs, list)
    return dict(str(p).partition("=")[::2] for p in pairs)


def image_file(image: str, path: str) -> bytes:
    """One file of an image, read without running it (``docker cp`` from a created container)."""
    cid = sh("docker", "create", "--label", TEST_LABEL, image, "/no-command").stdout.strip()
    try:
        data = subprocess.run(
            ["docker", "cp", f"{cid}:{path}", "-"], capture_output=True, check=True, timeout=60
        ).stdout
    finally:
        sh("docker", "rm", "-f", "-v", cid, check=False)
    with tarfile.open(fileobj=io.BytesIO(data)) as tf:
        member = tf.extractfile(tf.getmembers()[0])
        assert member is not None, f"{path} in {image} is not a regular file"
        return member.read()


class ImageFS:
    """An image's file system as exported by ``docker export`` (works without a shell in it)."""

    def __init__(self, image: str) -> None:
        cid = sh("docker", "create", "--label", TEST_LABEL, image, "/no-command").stdout.strip()
        try:
            self.data = subprocess.run(
                ["docker", "export", cid], capture_output=True, check=True, timeout=300
            ).stdout
        finally:
            sh("docker", "rm", "-f", "-v", cid, check=False)
        with tarfile.open(fileobj=io.BytesIO(self.data)) as tf:
            self.members = {m.name.rstrip("/"): m for m in tf.getmembers()}

    @property
    def paths(self) -> set[str]:
        return set(self.members)

    def read(self, path: str) -> bytes:
        with tarfile.open(fileobj=io.BytesIO(self.data)) as tf:
            member = tf.extractfile(self.members[path.strip("/")])
            assert member is not None, f"{path} is not a regular file"
            return member.read()


@pytest.fixture(scope="session")
def filesystems() -> dict[str, ImageFS]:
    """ImageFS per image, exported once per session on first use."""

    class Lazy(dict[str, ImageFS]):
        def __missing__(self, image: str) -> ImageFS:
            self[image] = ImageFS(image)
            return self[image]

    return Lazy()


# ------------------------------------------------------------------------------------------------
# every stand-in is there, labelled, and current


@pytest.fixture(scope="session")
def recipe_hashes() -> dict[str, str]:
    host = build.host_inputs()
    hashes: dict[str, str] = build.recipe_hashes(RECIPES, host.digest())
    return hashes


@pytest.mark.parametrize(
    ("recipe_name", "tag"), [(r.name, t) for r in DEFAULT for t in r.tags], ids=TAGS
)
def test_standin_present_labelled_and_current(
    recipe_name: str, tag: str, recipe_hashes: dict[str, str]
) -> None:
    found = labels(tag)
    assert found.get(build.LABEL_STANDIN) == "true"
    assert found.get(build.LABEL_HASH) == recipe_hashes[recipe_name], (
        f"{tag} is out of date: run .venv/bin/python standins/build.py"
    )
    assert found.get(build.LABEL_RECIPE) == f"standins/recipes/{recipe_name}"
    assert found.get(build.LABEL_FROM)


def test_check_reports_everything_current() -> None:
    proc = sh(sys.executable, str(BUILD_PY), "--check", check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == len(DEFAULT)
    assert all(line.split()[0] == "current" for line in lines), proc.stdout


@pytest.mark.parametrize("tag", [r.tags[0] for r in DEFAULT])
def test_standin_carries_host_ca_bundle(tag: str) -> None:
    image_env = env(tag)
    for var in ("SSL_CERT_FILE", "PIP_CERT", "REQUESTS_CA_BUNDLE", "NODE_EXTRA_CA_CERTS"):
        assert image_env.get(var) == CA, var
    bundle = image_file(tag, CA).decode()
    _, extras = build.host_cas()
    # The CAs only the host trusts (the local one that re-signs TLS) must be in the image's
    # bundle, also where installing ca-certificates regenerated it.
    for pem in extras:
        assert "".join(pem.split()) in "".join(bundle.split())


# ------------------------------------------------------------------------------------------------
# behaviour that Dockerfiles written for the official images rely on


@pytest.mark.parametrize("tag", ["python:3.11-bookworm", "python:3.11-slim-bookworm"])
def test_python_images(tag: str) -> None:
    out = run_in(
        tag,
        "for c in python python3 pip pip3; do command -v $c; done; echo LANG=$LANG; "
        "python --version; "
        "pip --version; ls /usr/lib/python3.11/EXTERNALLY-MANAGED 2>/dev/null || echo unmanaged",
    ).split("\n")
    assert out[:4] == [f"/usr/local/bin/{n}" for n in ("python", "python3", "pip", "pip3")]
    assert "LANG=C.UTF-8" in out
    assert any(line.startswith("Python 3.11.") for line in out)
    assert any(line.startswith("pip ") and "python 3.11" in line for line in out)
    assert "unmanaged" in out
    assert config(tag)["Cmd"] == ["python3"]


@pytest.mark.parametrize("tag", ["node:18-bookworm", "node:18-bookworm-slim"])
def test_node_images(tag: str) -> None:
    out = run_in(
        tag, "for c in node npm npx; do command -v $c; done; id -u node; id -g node; node --version"
    ).split()
    assert out[:3] == ["/usr/local/bin/node", "/usr/local/bin/npm", "/usr/local/bin/npx"]
    assert out[3:5] == ["1000", "1000"]
    assert out[5].startswith("v18.")
    assert config(tag)["Cmd"] == ["node"]
    # The entry point runs `docker run IMAGE -e CODE` through node, as the official one does.
    proc = sh("docker", "run", "--rm", "--label", TEST_LABEL, tag, "-e", "console.log(6*7)")
    assert proc.stdout.strip() == "42"


def test_golang_image() -> None:
    out = run_in(
        "golang:1.19-bookworm", "command -v go; go version; echo $GOPATH; echo $PATH; pwd"
    ).split("\n")
    assert out[0] == "/usr/local/go/bin/go"
    assert " go1.19" in out[1]
    assert out[2] == "/go"
    assert out[3].split(":")[:2] == ["/go/bin", "/usr/local/go/bin"]
    assert out[4] == "/go"


# What apps notice when they move between the official images and these (issue 14.5): one test
# for each of shared libpython and headers, the packaging tools, the environment, node's package
# managers, the GOPATH layout, and the users and groups the images define.

PYTHONS = ["python:3.11-bookworm", "python:3.11-slim-bookworm"]
NODES = ["node:18-bookworm", "node:18-bookworm-slim"]


def test_a_binary_built_on_python_runs_on_python_slim(tmp_path: Path) -> None:
    """The uwsgi case: built on python:3.11 against libpython3.11.so.1.0, run on python:3.11-slim
    (the official images build Python shared; every variant ships the library)."""
    (tmp_path / "embed.c").write_text(
        "#include <Python.h>\n"
        "int main(void) { Py_Initialize();\n"
        "  PyRun_SimpleString(\"import sys; print('embedded', sys.version_info[:2])\");\n"
        "  return Py_FinalizeEx() < 0; }\n"
    )
    mount = ["-v", f"{tmp_path}:/work"]
    base = ["docker", "run", "--rm", "--label", TEST_LABEL, *mount]
    compile_it = (
        "cd /work && gcc $(python3-config --includes) -o embed embed.c "
        "$(python3-config --embed --ldflags) && ldd embed | grep -q 'libpython3.11.so.1.0'"
    )
    sh(*base, "python:3.11", "sh", "-c", compile_it)
    out = sh(*base, "python:3.11-slim", "/work/embed").stdout
    assert out.strip() == "embedded (3, 11)"


@pytest.mark.parametrize("tag", PYTHONS)
def test_python_shared_library_and_headers(tag: str) -> None:
    out = run_in(
        tag,
        "ldconfig -p | grep -c 'libpython3.11.so.1.0 '; python3-config --includes; "
        "test -f /usr/local/include/python3.11/Python.h && echo headers; "
        "python3 -c 'import os, sysconfig; "
        'print(os.path.isfile(os.path.join(sysconfig.get_paths()["include"], "Python.h")))\'',
    ).split("\n")
    assert int(out[0]) >= 1
    assert "-I/usr/local/include/python3.11" in out[1].split()  # where the official has them
    assert out[2:4] == ["headers", "True"]


@pytest.mark.parametrize("tag", PYTHONS)
def test_python_packaging_tools(tag: str) -> None:
    out = run_in(tag, "pip list --format json; python3.11 -m pip --version; command -v pip3.11")
    first, version, path = out.strip().split("\n")
    names = {p["name"].lower(): p["version"] for p in json.loads(first)}
    assert {"pip", "setuptools", "wheel"} <= set(names)
    assert version.startswith(f"pip {names['pip']} ") and "python 3.11" in version
    assert path == "/usr/local/bin/pip3.11"


@pytest.mark.parametrize("tag", PYTHONS)
def test_python_environment(tag: str) -> None:
    found = env(tag)
    assert found["PATH"].split(":")[0] == "/usr/local/bin"
    assert found["LANG"] == "C.UTF-8"
    assert found["GPG_KEY"] == "A035C8C19219BA821ECEA86B64E628F8D684696D"  # 3.11's release key
    assert run_in(tag, "python3 -c 'import platform; print(platform.python_version())'").strip() \
        == found["PYTHON_VERSION"]  # fmt: skip


@pytest.mark.parametrize("tag", NODES)
def test_node_package_managers(tag: str) -> None:
    found = env(tag)
    out = run_in(
        tag,
        "for c in npm npx yarn yarnpkg corepack; do command -v $c; done; node --version; "
        "yarn --version; yarnpkg --version; corepack --version; npx --version",
    ).split()
    assert out[:5] == [f"/usr/local/bin/{c}" for c in ("npm", "npx", "yarn", "yarnpkg", "corepack")]
    assert out[5] == f"v{found['NODE_VERSION']}"
    assert out[6] == out[7] == found["YARN_VERSION"]
    assert out[8] == found["COREPACK_VERSION"]
    assert out[9].split(".")[0].isdigit()


def test_golang_gopath_layout() -> None:
    found = env("golang:1.19-bookworm")
    assert found["GOPATH"] == "/go"
    out = run_in(
        "golang:1.19-bookworm", "stat -c '%a %n' /go /go/src /go/bin; go env GOPATH GOROOT"
    ).split("\n")
    assert out[:3] == ["1777 /go", "1777 /go/src", "1777 /go/bin"]
    assert out[3] == "/go"
    assert "go" + found["GOLANG_VERSION"] in run_in("golang:1.19-bookworm", "go version")


@pytest.mark.parametrize(
    ("tag", "entry"),
    [
        ("node:18-bookworm-slim", "node:x:1000:1000::/home/node:/bin/bash"),
        ("node:18-bookworm", "node:x:1000:1000::/home/node:/bin/bash"),
        ("postgres:15", "postgres:x:999:999::/var/lib/postgresql:/bin/bash"),
    ],
)
def test_users_and_groups(tag: str, entry: str) -> None:
    name, _, uid, gid, _, home, shell = entry.split(":")
    out = run_in(tag, f"getent passwd {name}; getent group {name}; test -d {home} && echo home")
    passwd, group, home_ok = out.strip().split("\n")
    fields = passwd.split(":")
    assert (fields[0], fields[2], fields[3], fields[5], fields[6]) == (name, uid, gid, home, shell)
    assert group.split(":")[:3:2] == [name, gid]
    assert home_ok == "home"


@pytest.mark.parametrize("tag", PYTHONS)
def test_python_images_define_no_users_of_their_own(tag: str) -> None:
    """The official python images add no user: theirs are Debian's, as here."""
    base = "debian:bookworm" if tag == PYTHONS[0] else "debian:bookworm-slim"
    users = run_in(tag, "cut -d: -f1 /etc/passwd").split()
    assert users == run_in(base, "cut -d: -f1 /etc/passwd").split()


@pytest.mark.parametrize(
    "tag", ["gcr.io/distroless/static-debian12", "gcr.io/distroless/python3-debian12"]
)
def test_distroless_images(tag: str, filesystems: dict[str, ImageFS]) -> None:
    fs = filesystems[tag]
    paths = fs.paths
    for absent in ("bin/sh", "usr/bin/sh", "bin/bash", "usr/bin/dpkg", "usr/bin/apt-get"):
        assert absent not in paths, f"{tag} has /{absent}"
    passwd = fs.read("etc/passwd").decode()
    group = fs.read("etc/group").decode()
    for user in ("root:x:0:0:", "nobody:x:65534:65534:", "nonroot:x:65532:65532:"):
        assert any(line.startswith(user) for line in passwd.splitlines()), user
    for grp in ("root:x:0:", "nobody:x:65534:", "nonroot:x:65532:"):
        assert any(line.startswith(grp) for line in group.splitlines()), grp
    assert "BEGIN CERTIFICATE" in fs.read(CA).decode()
    assert fs.read("usr/share/zoneinfo/Europe/Paris").startswith(b"TZif")
    tmp = fs.members["tmp"]
    assert tmp.isdir() and tmp.mode & 0o1777 == 0o1777


def test_distroless_python3_runs_code_through_its_entrypoint(
    filesystems: dict[str, ImageFS],
) -> None:
    tag = "gcr.io/distroless/python3-debian12"
    assert config(tag)["Entrypoint"] == ["/usr/bin/python3.11"]
    assert "usr/bin/python3" in filesystems[tag].paths
    proc = sh("docker", "run", "--rm", "--label", TEST_LABEL, tag, "-c", "print(1)")
    assert proc.stdout.strip() == "1"


@pytest.mark.parametrize(
    ("tag", "slim"),
    [
        ("debian:bookworm", False),
        ("debian:bookworm-slim", True),
        ("python:3.11-slim-bookworm", True),
        ("node:18-bookworm-slim", True),
    ],
)
def test_slim_dpkg_excludes(tag: str, slim: bool, filesystems: dict[str, ImageFS]) -> None:
    paths = filesystems[tag].paths
    assert ("etc/dpkg/dpkg.cfg.d/docker" in paths) is slim
    assert ("usr/share/man/man1/ls.1.gz" in paths) is not slim
    assert "usr/share/doc/coreutils/copyright" in paths


def test_apt_cleans_up_after_itself_and_slim_excludes_docs() -> None:
    """An apt install in the slim stand-in leaves no .debs or caches, and no excluded files."""
    out = run_in(
        "debian:bookworm-slim",
        "apt-get update -qq && apt-get install -y -qq --no-install-recommends hello >/dev/null "
        "&& hello && ls /var/cache/apt/archives /var/cache/apt && ls /usr/share/doc/hello "
        "&& ls /usr/share/man/man1/hello.1.gz 2>&1 || true",
    )
    assert "Hello, world!" in out
    assert ".deb" not in out and ".bin" not in out
    assert "copyright" in out
    assert "No such file" in out  # the man page was excluded


@pytest.fixture
def scratch_build(tmp_path: Path) -> Iterator[Path]:
    """A directory to build throwaway images in; removes every imgopt-test-standin-* tag after."""
    yield tmp_path
    tags = sh("docker", "images", "--format", "{{.Repository}}:{{.Tag}}", check=False).stdout
    mine = [t for t in tags.split() if t.startswith("imgopt-test-standin-")]
    if mine:
        sh("docker", "rmi", *mine, check=False)


@pytest.mark.parametrize(
    ("base", "install", "check"),
    [
        ("python:3.11-slim", "pip install --no-cache-dir six", "python -c 'import six'"),
        (
            "node:18-slim",
            "npm install --no-audit --no-fund is-number@7",
            "node -e 'require(\"is-number\")'",
        ),
    ],
    ids=["pip", "npm"],
)
def test_package_install_over_tls_inside_a_build(
    base: str, install: str, check: str, scratch_build: Path
) -> None:
    (scratch_build / "Dockerfile").write_text(
        f"FROM {base}\nWORKDIR /app\nRUN {install}\nRUN {check}\n"
    )
    tag = f"imgopt-test-standin-tls:{uuid.uuid4().hex[:8]}"
    # No layer cache: the install must really go over the network each time.
    sh(
        "docker",
        "buildx",
        "build",
        "--load",
        "--no-cache",
        "--label",
        TEST_LABEL,
        "-t",
        tag,
        str(scratch_build),
    )


# ------------------------------------------------------------------------------------------------
# build.py on throwaway recipes


def write_recipe(
    root: Path, name: str, dockerfile: str, files: dict[str, str] | None = None
) -> Path:
    d = root / "recipes" / name
    d.mkdir(parents=True, exist_ok=True)
    (d / "Dockerfile").write_text(dockerfile)
    for fname, text in (files or {}).items():
        (d / fname).write_text(text)
    return d


def write_manifest(root: Path, recipes: list[tuple[str, list[str]]]) -> Path:
    manifest = root / "recipes.toml"
    manifest.write_text(
        "\n".join(
            f'[[recipe]]\nname = "{n}"\ntags = {json.dumps(tags)}\nbuilt_from = "test recipe {n}"\n'
            for n, tags in recipes
        )
    )
    return manifest


def run_build(manifest: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return sh(
        sys.executable,
        str(BUILD_PY),
        "--manifest",
        str(manifest),
        "--log",
        str(manifest.parent / "build.log"),
        "--label",
        TEST_LABEL,
        *args,
        check=False,
    )


def statuses(proc: subprocess.CompletedProcess[str]) -> dict[str, str]:
    return {line.split()[1]: line.split()[0] for line in proc.stdout.splitlines()}


def image_id(tag: str) -> str | None:
    proc = sh("docker", "image", "inspect", "--format", "{{.Id}}", tag, check=False)
    return proc.stdout.strip() if proc.returncode == 0 else None


def test_real_image_is_never_replaced(scratch_build: Path) -> None:
    real = f"imgopt-test-standin-guard:{uuid.uuid4().hex[:8]}"
    ctx = scratch_build / "real"
    ctx.mkdir()
    (ctx / "marker").write_text("real\n")
    (ctx / "Dockerfile").write_text("FROM scratch\nCOPY marker /marker\n")
    sh("docker", "buildx", "build", "--load", "--label", TEST_LABEL, "-t", real, str(ctx))
    before = image_id(real)

    write_recipe(scratch_build, "guard", "FROM scratch\nCOPY x /x\n", {"x": "stand-in\n"})
    proc = run_build(write_manifest(scratch_build, [("guard", [real])]))

    assert proc.returncode == 0, proc.stderr
    assert statuses(proc) == {real: "skipped"}
    assert "real image" in proc.stderr
    assert image_id(real) == before
    assert build.LABEL_STANDIN not in labels(real)


def test_failed_recipe_leaves_no_image_and_keeps_the_old_one(scratch_build: Path) -> None:
    tag = f"imgopt-test-standin-half:{uuid.uuid4().hex[:8]}"
    manifest = write_manifest(scratch_build, [("half", [tag])])

    # A recipe that fails after a step that worked: nothing appears under its name.
    write_recipe(scratch_build, "half", "FROM debian:bookworm-slim\nRUN touch /half\nRUN exit 3\n")
    proc = run_build(manifest)
    assert proc.returncode == 1
    assert statuses(proc) == {tag: "FAILED"}
    assert image_id(tag) is None
    temporary = sh("docker", "images", "--format", "{{.Tag}}", build.TMP_REPO).stdout
    assert not [t for t in temporary.split() if t.startswith("half-")]

    # With a good version in place, a failing change keeps the good one under the name.
    write_recipe(scratch_build, "half", "FROM scratch\nCOPY a /a\n", {"a": "good\n"})
    assert run_build(manifest).returncode == 0
    good = image_id(tag)
    assert good is not None
    write_recipe(scratch_build, "half", "FROM debian:bookworm-slim\nCOPY a /a\nRUN exit 3\n")
    proc = run_build(manifest)
    assert proc.returncode == 1
    assert image_id(tag) == good


def test_rebuilds_follow_recipe_changes_through_bases(scratch_build: Path) -> None:
    suffix = uuid.uuid4().hex[:8]
    base, child, alias = (
        f"imgopt-test-standin-base:{suffix}",
        f"imgopt-test-standin-child:{suffix}",
        f"imgopt-test-standin-child:alias-{suffix}",
    )
    write_recipe(scratch_build, "tbase", "FROM scratch\nCOPY a /a\n", {"a": "v1\n"})
    write_recipe(scratch_build, "tchild", f"FROM {base}\nCOPY b /b\n", {"b": "child\n"})
    manifest = write_manifest(scratch_build, [("tbase", [base]), ("tchild", [child, alias])])

    first = run_build(manifest)
    assert first.returncode == 0, first.stderr
    assert statuses(first) == {base: "built", child: "built"}
    assert image_id(alias) == image_id(child)
    child_labels = labels(child)
    assert child_labels.get(build.LABEL_STANDIN) == "true"
    assert child_labels.get("imgopt.test") == "1"
    first_hash = child_labels[build.LABEL_HASH]

    assert statuses(run_build(manifest)) == {base: "current", child: "current"}
    assert run_build(manifest, "--check").returncode == 0

    sh("docker", "rmi", alias)
    assert statuses(run_build(manifest)) == {base: "current", child: "retagged"}
    assert image_id(alias) == image_id(child)

    # Changing the base's recipe rebuilds the image built FROM it.
    (scratch_build / "recipes" / "tbase" / "a").write_text("v2\n")
    assert run_build(manifest, "--check").returncode == 1
    third = run_build(manifest)
    assert statuses(third) == {base: "built", child: "built"}
    assert labels(child)[build.LABEL_HASH] != first_hash


def test_manifest_errors_are_reported(tmp_path: Path) -> None:
    manifest = write_manifest(tmp_path, [("nodir", ["imgopt-test-standin-x:1"])])
    proc = run_build(manifest)
    assert proc.returncode == 2
    assert "Dockerfile is missing" in proc.stderr


def test_opt_in_group_is_built_only_when_asked_for(scratch_build: Path) -> None:
    suffix = uuid.uuid4().hex[:8]
    base, extra = f"imgopt-test-standin-base:{suffix}", f"imgopt-test-standin-extra:{suffix}"
    write_recipe(scratch_build, "tbase", "FROM scratch\nCOPY a /a\n", {"a": "base\n"})
    write_recipe(scratch_build, "textra", f"FROM {base}\nCOPY b /b\n", {"b": "extra\n"})
    manifest = write_manifest(scratch_build, [("tbase", [base]), ("textra", [extra])])
    manifest.write_text(
        manifest.read_text().replace('name = "textra"', 'name = "textra"\ngroup = "x"')
    )

    default = run_build(manifest)
    assert default.returncode == 0, default.stderr
    assert statuses(default) == {base: "built"}
    assert image_id(extra) is None
    assert run_build(manifest, "--check").returncode == 0  # the default group is all current

    grouped = run_build(manifest, "--group", "x")
    assert grouped.returncode == 0, grouped.stderr
    assert statuses(grouped) == {base: "current", extra: "built"}

    unknown = run_build(manifest, "--group", "nope")
    assert unknown.returncode == 2
    assert "--group nope: no such group" in unknown.stderr


def test_real_app_dependencies_are_an_opt_in_group() -> None:
    """CI's bootstrap builds the default group only: redis, mariadb, distroless base and the
    MongoDB wire-protocol subset are built by `build.py --group real-deps` for the real-app
    benchmark."""
    default = build.select(RECIPES, [], [])
    real_deps = build.select(RECIPES, [], ["real-deps"])
    assert default == {r.name for r in DEFAULT}
    assert real_deps == {"redis-7", "mariadb-10.11", "distroless-base-debian12", "mongo-wire"}
    assert not default & real_deps
    assert build.select(RECIPES, ["redis:7"], []) == {"redis-7"}


def test_reference_sizes_carry_a_source_and_compare_like_for_like_only() -> None:
    with_reference = [r for r in RECIPES if r.reference_mb is not None]
    assert with_reference
    for r in with_reference:
        assert r.reference_image and r.reference_source, r.name
        assert "not measured here" in r.reference_source, r.name
    by_name = {r.name: r for r in RECIPES}
    assert build.like_for_like(by_name["debian-bookworm-slim"])
    assert not build.like_for_like(by_name["node-18-bookworm-slim"])  # node 22's figure
    assert not build.like_for_like(by_name["golang-1.19-bookworm"])  # golang 1.26's figure
    table = build.size_table(RECIPES).splitlines()
    golang = next(line for line in table if "`golang:1.19-bookworm`" in line)
    assert golang.endswith("| not comparable (another version) |")
    assert "Reference value (not measured here)" in table[0]
