"""Check that the real-app benchmark's dependency stand-ins start and answer like the official ones.

The ``real-deps`` group of standins/recipes.toml (redis:7, the MySQL-compatible mariadb:10.11,
gcr.io/distroless/base-debian12) is not built by bootstrap or CI, so tests/ cannot rely on it
without building it; this script is the quick check instead, run after building the group:

    .venv/bin/python standins/build.py --group real-deps
    .venv/bin/python standins/check_real_deps.py

Each check starts throwaway containers (label ``org.imgopt.check-real-deps=<run id>``, all removed
at the end) on the default bridge and talks to them from a second container, as a Compose
service would. One line per check, ``ok`` or ``FAIL`` with the reason; exit status 0 when all
pass, 1 when one fails, 2 when an image is missing.
"""

from __future__ import annotations

import subprocess
import sys
import time
import uuid
from collections.abc import Callable

RUN_ID = uuid.uuid4().hex[:12]
LABEL = f"org.imgopt.check-real-deps={RUN_ID}"
IMAGES = ("redis:7", "mariadb:10.11", "gcr.io/distroless/base-debian12", "imgopt/mongo-wire")


class CheckFailed(Exception):
    """A check's expectation did not hold."""


def docker(*args: str, check: bool = True, timeout: float = 120) -> str:
    proc = subprocess.run(
        ["docker", *args], capture_output=True, text=True, timeout=timeout, check=False
    )
    if check and proc.returncode != 0:
        raise CheckFailed(f"docker {' '.join(args[:3])}... failed: {proc.stderr.strip()[-300:]}")
    return proc.stdout + (proc.stderr if not check else "")


def start(image: str, *args: str, env: dict[str, str] | None = None) -> tuple[str, str]:
    """Start a detached container; returns its id and its address on the bridge network."""
    env_args = [a for k, v in (env or {}).items() for a in ("-e", f"{k}={v}")]
    cid = docker("run", "-d", "--label", LABEL, *env_args, image, *args).strip()
    ip = docker("inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", cid)
    return cid, ip.strip()


def client(image: str, *cmd: str) -> str:
    """stdout of a command in a second, throwaway container of the image (a Compose peer)."""
    return docker("run", "--rm", "--label", LABEL, "--entrypoint", cmd[0], image, *cmd[1:])


def wait_for(probe: Callable[[], bool], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if probe():
            return
        time.sleep(1)
    raise CheckFailed(f"{what} did not answer within {seconds:.0f} s")


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


# --------------------------------------------------------------------------------------------
# redis:7


def check_redis() -> str:
    cid, ip = start("redis:7", "--appendonly", "yes")
    wait_for(lambda: "PONG" in docker("exec", cid, "redis-cli", "ping", check=False), "redis")
    # From another container, as a Compose service connects: no protected-mode refusal.
    expect(client("redis:7", "redis-cli", "-h", ip, "ping").strip() == "PONG", "remote ping")
    mode = client("redis:7", "redis-cli", "-h", ip, "config", "get", "protected-mode").split()
    expect(mode == ["protected-mode", "no"], f"protected-mode: {mode}")
    aof = client("redis:7", "redis-cli", "-h", ip, "config", "get", "appendonly").split()
    expect(aof == ["appendonly", "yes"], f"arguments not passed to redis-server: {aof}")
    client("redis:7", "redis-cli", "-h", ip, "set", "k", "v")
    expect(client("redis:7", "redis-cli", "-h", ip, "get", "k").strip() == "v", "set/get")
    top = docker("top", cid, "-o", "pid,uid,args").splitlines()[1:]
    expect(any(line.split()[1] == "999" for line in top), f"not running as redis (999): {top}")
    version = client("redis:7", "redis-server", "--version")
    expect(" v=7." in version, version)
    return version.split()[2]


# --------------------------------------------------------------------------------------------
# mariadb:10.11 for mysql:5.7 / mysql:5 services


def mysql_ping(cid: str) -> bool:
    """The official images' health check: mysqladmin exits 0 once the server answers on TCP,
    even when it refuses the login (the temporary set-up server listens on no TCP port)."""
    cmd = ["docker", "exec", cid, "mysqladmin", "ping", "-h", "127.0.0.1"]
    return subprocess.run(cmd, capture_output=True, timeout=30, check=False).returncode == 0


def check_mariadb_with_user() -> str:
    env = {
        "MYSQL_ROOT_PASSWORD": "root pw",
        "MYSQL_DATABASE": "acme",
        "MYSQL_USER": "app",
        "MYSQL_PASSWORD": "s3cr'et",
    }
    cid, ip = start("mariadb:10.11", env=env)
    wait_for(lambda: mysql_ping(cid), "mariadb")
    sql = "CREATE TABLE t (i INT); INSERT INTO t VALUES (42); SELECT i FROM t;"
    out = client("mariadb:10.11", "mysql", "-h", ip, "-uapp", "-ps3cr'et", "acme", "-Ne", sql)
    expect(out.strip() == "42", f"MYSQL_USER in MYSQL_DATABASE over TCP: {out!r}")
    dbs = client("mariadb:10.11", "mysql", "-h", ip, "-uroot", "-proot pw", "-Ne", "SHOW DATABASES")
    expect("acme" in dbs.split(), f"root from another host: {dbs!r}")
    denied = docker(
        "run", "--rm", "--label", LABEL, "mariadb:10.11",
        "mysql", "-h", ip, "-uroot", "-pwrong", "-e", "SELECT 1",
        check=False,
    )  # fmt: skip
    expect("Access denied" in denied, f"a wrong root password was accepted: {denied!r}")
    return client(
        "mariadb:10.11", "mysql", "-h", ip, "-uapp", "-ps3cr'et", "-Ne", "SELECT version()"
    )


def check_mariadb_empty_root_password() -> str:
    cid, ip = start("mariadb:10.11", env={"MYSQL_ALLOW_EMPTY_PASSWORD": "yes"})
    wait_for(lambda: mysql_ping(cid), "mariadb")
    out = client("mariadb:10.11", "mysql", "-h", ip, "-uroot", "-Ne", "SELECT 1+1")
    expect(out.strip() == "2", f"root without password: {out!r}")
    return "root without a password"


def check_mariadb_refuses_without_password_option() -> str:
    proc = subprocess.run(
        ["docker", "run", "--rm", "--label", LABEL, "mariadb:10.11"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    expect(proc.returncode == 1, f"exit status {proc.returncode}")
    expect("MYSQL_ROOT_PASSWORD" in proc.stderr, proc.stderr[-300:])
    return "exit 1 naming MYSQL_ROOT_PASSWORD"


# --------------------------------------------------------------------------------------------
# imgopt/mongo-wire for mongo, mongo:3 (a wire-protocol subset, not MongoDB)

MONGO_CLIENT = """
import sys, pymongo
from pymongo.errors import DuplicateKeyError
c = pymongo.MongoClient(sys.argv[1], serverSelectionTimeoutMS=20000)
assert c.admin.command("ping")["ok"] == 1.0, "ping"
db = c.get_default_database()
db.users.create_index("email", unique=True)
db.users.insert_many([{"email": f"u{i}@example.org", "n": i} for i in range(150)])
found = db.users.find_one({"email": "u42@example.org"})
assert found is not None and found["n"] == 42, found
assert len(list(db.users.find({"n": {"$gte": 50}}).batch_size(10))) == 100, "getMore"
try:
    db.users.insert_one({"email": "u1@example.org"})
    raise AssertionError("a duplicate key was accepted")
except DuplicateKeyError:
    pass
print(c.server_info()["gitVersion"])
"""


def check_mongo_wire() -> str:
    image = "imgopt/mongo-wire"
    cid, ip = start(image)
    # A real driver (pymongo, from PyPI) in a second container, as a Compose service connects.
    out = client(image, "python3", "-c", MONGO_CLIENT, f"mongodb://{ip}:27017/test")
    top = docker("top", cid, "-o", "pid,uid,args").splitlines()[1:]
    expect(any(line.split()[1] == "999" for line in top), f"not running as mongodb (999): {top}")
    # mongod's options, as a Compose `command:` passes them, still start it (on the given port).
    _cid2, ip2 = start(image, "--bind_ip_all", "--smallfiles", "--port", "27018")
    ping = "import sys, pymongo; print(pymongo.MongoClient(sys.argv[1]).admin.command('ping'))"
    out2 = client(image, "python3", "-c", ping, f"mongodb://{ip2}:27018/")
    expect("'ok': 1.0" in out2, f"ping on --port 27018: {out2!r}")
    return f"ping, insert, find, getMore, unique index from pymongo; {out.strip()}"


# --------------------------------------------------------------------------------------------
# gcr.io/distroless/base-debian12


def check_distroless_base() -> str:
    image = "gcr.io/distroless/base-debian12"
    loader = "/lib64/ld-linux-x86-64.so.2"
    libs = docker(
        "run", "--rm", "--label", LABEL, "--entrypoint", loader, image,
        "--list", "/usr/lib/x86_64-linux-gnu/libssl.so.3",
    )  # fmt: skip
    expect("libcrypto.so.3" in libs and "not found" not in libs, libs)
    shell = docker("run", "--rm", "--label", LABEL, image, "/bin/sh", "-c", "true", check=False)
    expect("no such file" in shell.lower(), f"a shell runs in {image}: {shell!r}")
    return "libssl.so.3 resolves, no shell"


CHECKS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("redis:7 answers on 0.0.0.0:6379 as redis, protected mode off", check_redis),
    ("mariadb:10.11 creates MYSQL_DATABASE and MYSQL_USER", check_mariadb_with_user),
    ("mariadb:10.11 honours MYSQL_ALLOW_EMPTY_PASSWORD", check_mariadb_empty_root_password),
    ("mariadb:10.11 refuses to start without a password option",
     check_mariadb_refuses_without_password_option),
    ("gcr.io/distroless/base-debian12 runs glibc/OpenSSL programs", check_distroless_base),
    ("imgopt/mongo-wire answers a real driver (pymongo) on 27017 as mongodb (999)",
     check_mongo_wire),
)  # fmt: skip


def cleanup() -> None:
    ids = docker("ps", "-aq", "--filter", f"label={LABEL}", check=False).split()
    if ids:
        docker("rm", "-f", "-v", *ids, check=False)  # -v: their anonymous data volumes too


def main() -> int:
    missing = [
        i
        for i in IMAGES
        if subprocess.run(["docker", "image", "inspect", i], capture_output=True).returncode
    ]
    if missing:
        print(
            f"check-real-deps: error: missing {', '.join(missing)}\n"
            "hint: .venv/bin/python standins/build.py --group real-deps",
            file=sys.stderr,
        )
        return 2
    failed = 0
    try:
        for title, check in CHECKS:
            start_time = time.monotonic()
            try:
                detail = check()
                status = "ok"
            except (CheckFailed, subprocess.TimeoutExpired) as exc:
                detail, status = str(exc), "FAIL"
                failed += 1
            seconds = time.monotonic() - start_time
            print(f"{status:<4} {title} ({detail.strip()}; {seconds:.1f} s)", flush=True)
            cleanup()
    finally:
        cleanup()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
