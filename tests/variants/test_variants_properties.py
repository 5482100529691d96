"""Property tests: the planner takes any text. It either raises DockerfileParseError (with a line)
or returns a plan whose variants all parse, keep the final stage's run-time instructions, and
list every variant it does not propose, with a reason."""

from __future__ import annotations

import os
from pathlib import Path

from golden_cases import available_here
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imgopt.dockerfile import parse
from imgopt.errors import DockerfileParseError
from imgopt.variants import VARIANT_NAMES, plan_variants

SETTINGS = settings(
    max_examples=int(os.environ.get("IMGOPT_HYPOTHESIS_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

images = st.sampled_from(
    [
        "python:3.11",
        "python:3.11-slim",
        "python:3.12",
        "node:18",
        "node:14",
        "golang:1.19",
        "debian:bookworm",
        "debian:12",
        "ubuntu:22.04",
        "buildpack-deps:bookworm",
        "scratch",
        "gcr.io/distroless/static-debian12",
        "myorg/base:1",
        "python:${PY}",
        "build",
    ]
)
commands = st.sampled_from(
    [
        "apt-get update",
        "apt-get install -y gcc libpq-dev",
        "apt-get install -y python3 python3-pip",
        "apt-get install -y build-essential libssl-dev",
        "rm -rf /var/lib/apt/lists/*",
        "pip install -r requirements.txt",
        "pip3 install --break-system-packages flask",
        "python -m pip install --user x",
        "python -m venv /venv",
        "/venv/bin/pip install y",
        "npm install",
        "npm ci",
        "npm run build",
        "yarn install",
        "go build -o /out/app .",
        "go install ./cmd/x",
        "CGO_ENABLED=1 go build .",
        "./configure --prefix=/opt/x",
        "make",
        "make install",
        "cmake --install build",
        "useradd -m app",
        "chmod +x run.sh",
        "cd /tmp",
        "curl -fsSL https://example.com/x.tgz | tar xz",
        "echo hi > /etc/motd",
        "sh -c 'exit 0'",
    ]
)


@st.composite
def run_line(draw: st.DrawFn) -> str:
    cmds = draw(st.lists(commands, min_size=1, max_size=3))
    sep = draw(st.sampled_from([" && ", "; ", " \\\n    && "]))
    mount = draw(st.sampled_from(["", "--mount=type=cache,target=/root/.cache "]))
    return f"RUN {mount}{sep.join(cmds)}"


others = st.sampled_from(
    [
        "WORKDIR /app",
        "WORKDIR app",
        "COPY . .",
        "COPY requirements.txt .",
        "COPY --chown=app:app . /srv",
        "COPY --from=build /out /out",
        "ADD https://example.com/x /x",
        "ENV PATH=/opt/bin:$PATH",
        "ENV A=1 B=2",
        "ARG V=1",
        "USER app",
        "USER 1000",
        "EXPOSE 8080",
        "VOLUME /data",
        "LABEL a=b",
        "STOPSIGNAL SIGTERM",
        'HEALTHCHECK CMD ["python", "-c", "1"]',
        "HEALTHCHECK CMD curl -f http://localhost/",
        'CMD ["python", "app.py"]',
        "CMD python app.py $PORT",
        'CMD ["go", "run", "."]',
        'CMD ["npm", "start"]',
        'ENTRYPOINT ["/app"]',
        "RUN <<EOF\npip install flask\nEOF",
        "# a comment",
        "",
    ]
)


@st.composite
def dockerfiles(draw: st.DrawFn) -> str:
    lines: list[str] = []
    if draw(st.booleans()):
        lines.append("ARG PY=3.11")
    for _ in range(draw(st.integers(1, 2))):
        name = draw(st.sampled_from(["", " AS build", " AS app"]))
        lines.append(f"FROM {draw(images)}{name}")
        body = draw(st.lists(st.one_of(run_line(), others), max_size=8))
        lines.extend(body)
    nl = draw(st.sampled_from(["\n", "\r\n"]))
    return nl.join(lines) + draw(st.sampled_from([nl, ""]))


@st.composite
def realistic(draw: st.DrawFn) -> str:
    """Single-stage Python, Node and Go Dockerfiles of the shapes the strategies split."""
    kind = draw(st.sampled_from(["python", "debian-python", "node", "go"]))
    opt = st.booleans()
    lines: list[str] = []
    if kind == "python":
        lines.append(f"FROM {draw(st.sampled_from(['python:3.11', 'python:3.11-slim']))}")
    elif kind == "debian-python":
        lines += [
            "FROM debian:bookworm",
            "RUN apt-get update && apt-get install -y python3 python3-pip",
        ]
    elif kind == "node":
        lines.append("FROM node:18")
    else:
        lines.append("FROM golang:1.19")
    if draw(opt):
        lines.append("# dependencies")
    if kind in ("python", "node") and draw(opt):
        pkgs = draw(st.sampled_from(["gcc libpq-dev", "libxml2-dev", "curl", "ffmpeg", "git"]))
        lines.append(f"RUN apt-get update && apt-get install -y {pkgs}")
    if draw(opt):
        lines.append("ENV APP_ENV=prod")
    lines.append(f"WORKDIR {draw(st.sampled_from(['/app', '/srv/app', 'app']))}")
    if kind in ("python", "debian-python"):
        if draw(opt):
            lines.append("COPY requirements.txt .")
        flag = draw(st.sampled_from(["", "--no-cache-dir ", "--break-system-packages "]))
        lines.append(f"RUN pip install {flag}-r requirements.txt")
        lines.append("COPY . .")
        cmd = draw(
            st.sampled_from(['["python", "app.py"]', "python app.py", '["gunicorn", "a:b"]'])
        )
    elif kind == "node":
        lines.append("COPY package*.json ./")
        lines.append(f"RUN npm {draw(st.sampled_from(['ci', 'install']))}")
        lines.append("COPY . .")
        if draw(opt):
            lines.append("RUN npm run build")
        cmd = draw(st.sampled_from(['["node", "dist/main.js"]', '["npm", "start"]']))
    else:
        lines.append("COPY . .")
        if draw(opt):
            lines.append("RUN go build -o server .")
            cmd = draw(st.sampled_from(['["./server"]', "./server"]))
        else:
            cmd = '["go", "run", "."]'
    for extra in ("EXPOSE 8080", "USER 1000", "VOLUME /data", "LABEL a=b", "STOPSIGNAL SIGINT"):
        if draw(opt):
            lines.append(extra)
    if draw(opt):
        lines.append('HEALTHCHECK CMD ["true"]')
    lines.append(f"CMD {cmd}")
    nl = draw(st.sampled_from(["\n", "\r\n"]))
    return nl.join(lines) + nl


def check(text: str, context: Path | None = None, *, fixed_point: bool = False) -> None:
    try:
        plan = plan_variants(text, context_dir=context, image_available=available_here)
    except DockerfileParseError as err:
        assert err.line >= 1
        return
    names = [v.name for v in plan.variants] + [s.name for s in plan.skipped]
    assert sorted(names) == sorted(VARIANT_NAMES)
    assert plan.variants[0].name == "original" and plan.variants[0].dockerfile == text
    for s in plan.skipped:
        assert s.reason
    original = parse(text)
    keep = ("EXPOSE", "VOLUME", "STOPSIGNAL", "LABEL")
    want = sorted(i.raw.strip() for i in original.final_stage.body if i.keyword in keep)
    for v in plan.variants:
        df = parse(v.dockerfile)
        got = [i.raw.strip() for i in df.final_stage.body if i.keyword in keep]
        assert all(w in got for w in want), (v.name, want, got)
        if fixed_point and v.name != "original":
            again = plan_variants(
                v.dockerfile,
                context_dir=context,
                image_available=available_here,
                dockerignore=v.dockerignore,
                only=[v.name],
            ).get(v.name)
            assert again is None or again.dockerfile == v.dockerfile, v.name


@SETTINGS
@given(dockerfiles())
def test_generated_dockerfiles(text: str) -> None:
    check(text, fixed_point=True)


@SETTINGS
@given(st.text(max_size=300))
def test_garbage(text: str) -> None:
    check(text)


@SETTINGS
@given(st.lists(st.one_of(run_line(), others, st.text(max_size=20)), max_size=6))
def test_garbage_after_a_from(lines: list[str]) -> None:
    check("FROM python:3.11\n" + "\n".join(lines) + "\n")


@SETTINGS
@given(realistic())
def test_realistic_dockerfiles(text: str) -> None:
    check(text, fixed_point=True)
