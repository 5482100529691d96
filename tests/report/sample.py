"""A hand-made run, shaped like the flask tutorial's, for tests that need RunData in memory."""

from __future__ import annotations

from imgopt.report.data import (
    ChangeInfo,
    Environment,
    Layer,
    RunData,
    Spread,
    VariantResult,
)

ORIGINAL = """\
FROM debian:bookworm
RUN apt-get update && apt-get install -y python3 python3-pip
COPY . /app
WORKDIR /app
RUN pip3 install --break-system-packages flask requests pandas
CMD ["python3", "app.py"]
"""

HYGIENE = """\
FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-pip \\
    && rm -rf /var/lib/apt/lists/*
COPY . /app
WORKDIR /app
RUN pip3 install --no-cache-dir --break-system-packages flask requests pandas
CMD ["python3", "app.py"]
"""

SLIM = HYGIENE.replace("debian:bookworm", "debian:bookworm-slim")

MB = 1_000_000


def _layers(name: str, base: int, own: list[tuple[str, int]]) -> list[Layer]:
    out = [Layer(name, 0, "FROM debian:bookworm", base, int(base * 0.4), base=True)]
    for i, (instr, size) in enumerate(own, start=1):
        out.append(Layer(name, i, instr, size, int(size * 0.35)))
    return out


def sample_run(*, with_broken: bool = True) -> RunData:
    variants = [
        VariantResult(
            name="original",
            dockerfile_path="Dockerfile",
            dockerfile_text=ORIGINAL,
            size_bytes=612_345_678,
            compressed_bytes=221_000_000,
            base_bytes=116_600_000,
            layer_count=5,
            cold=Spread(61.2, 58.9, 65.0, 3),
            warm=Spread(38.0, 36.2, 41.5, 3),
            efficiency=0.962,
            wasted_bytes=23_000_000,
            recoverable_bytes=21_000_000,
            verified=True,
        ),
        VariantResult(
            name="hygiene",
            dockerfile_path="variants/hygiene/Dockerfile",
            dockerfile_text=HYGIENE,
            size_bytes=431_000_000,
            compressed_bytes=160_500_000,
            base_bytes=116_600_000,
            layer_count=5,
            cold=Spread(40.5, 39.9, 44.0, 3),
            warm=Spread(30.1, 29.0, 31.3, 3),
            efficiency=0.991,
            wasted_bytes=2_100_000,
            recoverable_bytes=1_900_000,
            verified=True,
            changes=(
                ChangeInfo(
                    "IMG102",
                    "Add --no-install-recommends",
                    "Recommended packages are rarely needed at run time.",
                    "safe",
                    (2, 2),
                ),
                ChangeInfo(
                    "IMG101",
                    "Remove apt lists in the same layer",
                    "The package lists stay in the layer otherwise.",
                    "safe",
                    (2, 2),
                ),
                ChangeInfo(
                    "IMG201",
                    "Add --no-cache-dir to pip install",
                    "pip's wheel cache is useless in an image.",
                    "safe",
                    (5, 5),
                ),
            ),
        ),
        VariantResult(
            name="slim-base",
            dockerfile_path="variants/slim-base/Dockerfile",
            dockerfile_text=SLIM,
            size_bytes=372_000_000,
            compressed_bytes=139_000_000,
            base_bytes=74_900_000,
            layer_count=5,
            cold=Spread(43.3, 41.0, 46.8, 3),
            warm=Spread(29.5, 28.8, 30.0, 3),
            efficiency=0.993,
            wasted_bytes=1_500_000,
            recoverable_bytes=1_300_000,
            verified=True,
            changes=(
                ChangeInfo("IMG102", "Add --no-install-recommends", "", "safe", (2, 2)),
                ChangeInfo(
                    "slim-base",
                    "Use debian:bookworm-slim",
                    "The slim sibling drops docs and locales.",
                    "unsafe",
                    (1, 1),
                ),
            ),
        ),
        VariantResult(
            name="multistage",
            dockerfile_path="variants/multistage/Dockerfile",
            dockerfile_text=SLIM + "# multistage\n",
            size_bytes=301_000_000,
            compressed_bytes=118_000_000,
            base_bytes=74_900_000,
            layer_count=6,
            cold=Spread(88.4, 80.1, 97.0, 3),
            warm=Spread(12.2, 11.0, 14.9, 3),
            efficiency=0.998,
            wasted_bytes=300_000,
            recoverable_bytes=200_000,
            verified=True,
            changes=(ChangeInfo("python-venv", "Build a venv in a builder stage", "", "unsafe"),),
        ),
    ]
    if with_broken:
        variants.append(
            VariantResult(
                name="distroless",
                dockerfile_path="variants/distroless/Dockerfile",
                size_bytes=120_000_000,
                compressed_bytes=50_000_000,
                base_bytes=20_000_000,
                layer_count=3,
                cold=Spread(35.0, 34.0, 36.0, 3),
                warm=Spread(9.0, 8.5, 9.9, 3),
                verified=False,
                error="GET / on port 5000: connection refused",
            )
        )
        variants.append(
            VariantResult(name="alpine", error="build failed: base image alpine:3.19 not found")
        )
    layers: list[Layer] = []
    layers += _layers(
        "original",
        116_600_000,
        [
            ("RUN apt-get update && apt-get install -y python3 python3-pip", 352_000_000),
            ("COPY . /app", 45_678),
            ("WORKDIR /app", 0),
            ("RUN pip3 install --break-system-packages flask requests pandas", 143_700_000),
        ],
    )
    layers += _layers(
        "hygiene",
        116_600_000,
        [
            (
                "RUN apt-get update && apt-get install -y --no-install-recommends "
                "python3 python3-pip "
                "&& rm -rf /var/lib/apt/lists/*",
                197_000_000,
            ),
            ("COPY . /app", 45_678),
            ("WORKDIR /app", 0),
            (
                "RUN pip3 install --no-cache-dir --break-system-packages flask requests pandas",
                117_354_322,
            ),
        ],
    )
    layers += _layers(
        "slim-base",
        74_900_000,
        [
            (
                "RUN apt-get update && apt-get install -y --no-install-recommends "
                "python3 python3-pip "
                "&& rm -rf /var/lib/apt/lists/*",
                179_700_000,
            ),
            ("COPY . /app", 45_678),
            ("WORKDIR /app", 0),
            (
                "RUN pip3 install --no-cache-dir --break-system-packages flask requests pandas",
                117_354_322,
            ),
        ],
    )
    layers += _layers(
        "multistage",
        74_900_000,
        [
            (
                "RUN apt-get update && apt-get install -y --no-install-recommends python3",
                96_000_000,
            ),
            ("COPY --from=build /venv /venv", 130_054_322),
            ("COPY app.py /app/", 45_678),
            ("WORKDIR /app", 0),
            ("USER 10001", 0),
        ],
    )
    layers += _layers("distroless", 20_000_000, [("COPY --from=build /venv /venv", 100_000_000)])
    env = Environment(
        machine="Linux 6.1 x86_64, 2 CPUs, 24.0 GiB",
        engine="Docker 26.1.5",
        builder="buildkit (buildx 0.13.1)",
        imgopt_version="0.1.0",
        app_commit="c6faa3d",
        date="2025-01-01T12:00:00+00:00",
        base_images=(("debian:bookworm", True), ("debian:bookworm-slim", True)),
        repeat=3,
    )
    return RunData(
        path="runs/flask",
        app="flask-tutorial",
        variants=tuple(variants),
        layers=tuple(layers),
        env=env,
    )
