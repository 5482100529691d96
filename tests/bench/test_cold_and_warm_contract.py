"""Issue 16 item 2, through the bench runner itself: cold means cold, warm means only the edit.

- A cold build reads no cache-mount content from earlier builds: the cache mount below is filled
  by a build outside the bench first, and the bench's cold build still finds it empty.
- A warm rebuild is the one-line edit with everything else kept: it finds what its own cold
  build left in the cache mount, and the edited file keeps its mode (the script is run directly
  by a RUN, so a lost executable bit fails the build with exit 126).
"""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import pytest

from imgopt.bench.cold import prune_cache_mounts
from imgopt.bench.runner import BenchOptions, BenchRun, make_variants
from imgopt.engine.builders import BuildRequest, get_builder

from .conftest import TEST_LABELS, ImageJanitor, wait_for_image

#: Unique to this test: its id is what the pre-filled cache mount is pruned by.
MOUNT_ID = "imgopt-test-coldwarm"
DOCKERFILE = (
    "FROM debian:bookworm-slim\n"
    "COPY app.sh /app/app.sh\n"
    f"RUN --mount=type=cache,id={MOUNT_ID},target=/cache \\\n"
    "    sh -c 'ls -A /cache | wc -l > /seen && touch /cache/$(date +%s%N) && /app/app.sh > /ran'\n"
)


def _cat(image_id: str, path: str) -> str:
    out = subprocess.run(
        ["docker", "run", "--rm", "--network", "none", image_id, "cat", path],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


@pytest.mark.engine
def test_cold_starts_from_empty_mounts_and_warm_keeps_everything_but_the_edit(
    tmp_path: Path, janitor: ImageJanitor
) -> None:
    wait_for_image("debian:bookworm-slim")
    app = tmp_path / "app"
    app.mkdir()
    (app / "Dockerfile").write_text(DOCKERFILE)
    script = app / "app.sh"
    script.write_text("#!/bin/sh\necho ran\n")
    script.chmod(0o755)
    try:
        # Someone's earlier build, outside the bench, leaves content in the mount's own id.
        filled = get_builder().build(
            BuildRequest(context=app, dockerfile=app / "Dockerfile", labels=TEST_LABELS)
        )
        janitor.add(filled.image_id)
        options = BenchOptions(repeat=1, keep_images=True, verify=False, compressed=False)
        run = BenchRun(make_variants(app, [app / "Dockerfile"]), options, tmp_path / "run")
        run.run()
        with (tmp_path / "run" / "results.csv").open() as f:
            builds = {r["kind"]: r for r in csv.DictReader(f) if r["row"] == "build"}
        for row in builds.values():
            if row["image_id"]:
                janitor.add(row["image_id"])
        assert builds["cold"]["image_id"] and builds["warm"]["image_id"], builds
        assert builds["warm"]["edited_file"] == "app.sh"
        assert _cat(builds["cold"]["image_id"], "/seen") == "0"  # nothing from the earlier build
        assert _cat(builds["warm"]["image_id"], "/seen") == "1"  # what its cold build left
        assert _cat(builds["warm"]["image_id"], "/ran") == "ran"  # still executable
        assert script.read_text() == "#!/bin/sh\necho ran\n"  # the user's file is untouched
    finally:
        prune_cache_mounts(MOUNT_ID.removeprefix("imgopt-"))
