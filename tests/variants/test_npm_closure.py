"""The Node multi-stage variants keep the npm packages the original read at run time that a
production install would drop (nodejs-goof: `debug` loads `supports-color`, which `npm update`
left only under the devDependency nodemon), decided from the closure and the built original's
lockfile; without that evidence they are planned as before."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from imgopt.variants import Plan, plan_variants
from imgopt.variants.evidence import BuildEvidence
from imgopt.variants.npm_closure import (
    NpmTree,
    app_dirs,
    kept_paths,
    lock_entries,
    npm_tree,
    package_of,
    packages_read,
)

LOCKS = Path(__file__).parent / "npm_locks"
APP = "/usr/src/goof"

#: What the goof-shaped app opened at run time: typeorm's debug, the supports-color it found
#: at the top (the devDependency nodemon's), its has-flag, chalk's own (production) copies, npm.
CLOSURE = (
    f"{APP}/app.js",
    f"{APP}/package.json",
    f"{APP}/node_modules/typeorm/index.js",
    f"{APP}/node_modules/typeorm/node_modules/debug/src/node.js",
    f"{APP}/node_modules/supports-color/index.js",
    f"{APP}/node_modules/supports-color/package.json",
    f"{APP}/node_modules/has-flag/index.js",
    f"{APP}/node_modules/chalk/source/index.js",
    f"{APP}/node_modules/chalk/node_modules/supports-color/index.js",
    f"{APP}/node_modules/.bin/nodemon",
    "/usr/local/lib/node_modules/npm/lib/cli.js",
    "/usr/local/bin/node",
)


def _lock(name: str) -> dict[str, Any]:
    data = json.loads((LOCKS / name).read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def _goof_tree(closure: tuple[str, ...] = CLOSURE) -> NpmTree:
    entries = lock_entries(_lock("updated-v3.json"))
    return npm_tree(APP, closure, entries, f"{APP}/package-lock.json")


# -- the decision ------------------------------------------------------------------------------


def test_package_paths_follow_nesting_and_scopes() -> None:
    assert package_of("node_modules/a/lib/x.js") == "node_modules/a"
    assert package_of("node_modules/@s/b/index.js") == "node_modules/@s/b"
    assert package_of("node_modules/a/node_modules/@s/b/x.js") == "node_modules/a/node_modules/@s/b"
    assert package_of("node_modules/a/node_modules") == "node_modules/a"
    assert package_of("node_modules/.package-lock.json") is None
    assert package_of("node_modules/@s") is None
    assert app_dirs(CLOSURE) == ("/usr/local/lib", APP)
    assert packages_read(CLOSURE, APP) == (
        "node_modules/chalk",
        "node_modules/chalk/node_modules/supports-color",
        "node_modules/has-flag",
        "node_modules/supports-color",
        "node_modules/typeorm",
        "node_modules/typeorm/node_modules/debug",
    )


def test_read_packages_that_only_devdependencies_reach_are_dropped() -> None:
    tree = _goof_tree()
    assert sorted(tree.dropped) == ["node_modules/has-flag", "node_modules/supports-color"]
    assert all("devDependencies" in why for why in tree.dropped.values())
    # chalk's own supports-color, also read, is a production package: the prune keeps it
    assert "node_modules/chalk/node_modules/supports-color" in tree.read
    assert kept_paths(tree) == ("node_modules/has-flag", "node_modules/supports-color")


def test_nested_extraneous_and_dev_optional_packages() -> None:
    closure = (
        f"{APP}/node_modules/tap/node_modules/@types/dev-only/index.d.ts",
        f"{APP}/node_modules/@scope/both/index.js",  # devOptional: --omit=dev keeps it
        f"{APP}/node_modules/left-over/index.js",  # in no lockfile: npm prune removes it
        f"{APP}/node_modules/nodemon/bin/nodemon.js",
        f"{APP}/node_modules/nodemon/node_modules/debug/index.js",
    )
    tree = _goof_tree(closure)
    assert tree.dropped == {
        "node_modules/left-over": "not in the lockfile (npm prune removes extraneous packages)",
        "node_modules/nodemon": "a devDependency, or reachable only through devDependencies",
        "node_modules/nodemon/node_modules/debug": (
            "a devDependency, or reachable only through devDependencies"
        ),
        "node_modules/tap/node_modules/@types/dev-only": (
            "a devDependency, or reachable only through devDependencies"
        ),
    }
    # nodemon's folder holds its nested debug: copied once
    assert kept_paths(tree) == (
        "node_modules/left-over",
        "node_modules/nodemon",
        "node_modules/tap/node_modules/@types/dev-only",
    )


def test_npm6_lockfile_nests_its_packages() -> None:
    entries = lock_entries(_lock("npm6-v1.json"))
    assert entries["node_modules/mocha/node_modules/supports-color"] == {"dev": True}
    assert entries["node_modules/express/node_modules/debug"] == {}
    closure = (
        "/app/node_modules/express/index.js",
        "/app/node_modules/express/node_modules/debug/src/index.js",
        "/app/node_modules/mocha/node_modules/supports-color/index.js",
        "/app/node_modules/has-flag/index.js",
    )
    tree = npm_tree("/app", closure, entries, "/app/package-lock.json")
    assert kept_paths(tree) == (
        "node_modules/has-flag",
        "node_modules/mocha/node_modules/supports-color",
    )


def test_without_a_lockfile_nothing_is_judged_dropped() -> None:
    tree = npm_tree(APP, CLOSURE, None, None)
    assert tree.read and not tree.dropped and kept_paths(tree) == ()


# -- the variants ------------------------------------------------------------------------------

GOOF_DOCKERFILE = (
    "FROM node:18.13.0\n"
    "RUN mkdir /usr/src/goof\n"
    "COPY . /usr/src/goof\n"
    "WORKDIR /usr/src/goof\n"
    "RUN npm update\n"
    "RUN npm install\n"
    "EXPOSE 3001\n"
    'ENTRYPOINT ["npm", "start"]\n'
)
NODE_VARIANTS = ("multistage", "multistage-slim", "distroless")


def _goof_context(tmp_path: Path) -> Path:
    (tmp_path / "package.json").write_text(
        json.dumps(
            {
                "name": "goof-shaped",
                "scripts": {"start": "node app.js"},
                "dependencies": {"chalk": "^4.1.0", "typeorm": "^0.2.24", "tap": "^11.1.3"},
                "devDependencies": {"nodemon": "^2.0.7"},
            }
        )
    )
    (tmp_path / "package-lock.json").write_text((LOCKS / "updated-v3.json").read_text("utf-8"))
    (tmp_path / "app.js").write_text("require('typeorm')\n")
    return tmp_path


def _plan(text: str, ctx: Path, evidence: BuildEvidence | None = None) -> Plan:
    return plan_variants(text, context_dir=ctx, image_available=lambda ref: True, evidence=evidence)


def _evidence(tree: NpmTree) -> BuildEvidence:
    return BuildEvidence(release=None, roots=(), closure=CLOSURE, npm=(tree,))


def test_multistage_variants_keep_the_dev_packages_read(tmp_path: Path) -> None:
    ctx = _goof_context(tmp_path)
    plan = _plan(GOOF_DOCKERFILE, ctx, _evidence(_goof_tree()))
    for name in ("multistage", "multistage-slim"):
        variant = plan.get(name)
        assert variant is not None, plan.skip_reason(name)
        text = variant.dockerfile
        assert "FROM build AS prod-deps\nRUN npm prune --omit=dev\n" in text
        runtime = text.split("# runtime:", 1)[1]
        assert runtime.index(f"COPY --from=prod-deps {APP} {APP}") < runtime.index(
            f"COPY --from=build {APP}/node_modules/has-flag {APP}/node_modules/has-flag"
        )
        assert (
            f"COPY --from=build {APP}/node_modules/supports-color {APP}/node_modules/supports-color"
            in runtime
        )
        assert "chalk" not in text  # the production packages come with the pruned folder
        keep = [c for c in variant.changes if c.title.startswith("Keep devDependencies")]
        assert [c.title for c in keep] == [
            "Keep devDependencies has-flag, supports-color: the original read them at run time"
        ]
        assert f"{APP}/package-lock.json" in keep[0].rationale
        assert str(keep[0].safety) == "safe"


def test_without_closure_evidence_the_variants_are_as_before(tmp_path: Path) -> None:
    ctx = _goof_context(tmp_path)
    before = _plan(GOOF_DOCKERFILE, ctx)
    multi = before.get("multistage")
    assert multi is not None
    assert "prod-deps" not in multi.dockerfile
    assert f"COPY --from=build {APP} {APP}\n" in multi.dockerfile
    # closure evidence that names no dropped package changes nothing either
    read = (f"{APP}/node_modules/typeorm/index.js", f"{APP}/node_modules/chalk/index.js")
    prod_only = npm_tree(APP, read, lock_entries(_lock("updated-v3.json")), "package-lock.json")
    assert prod_only.read and not prod_only.dropped
    after = _plan(GOOF_DOCKERFILE, ctx, _evidence(prod_only))
    for name in NODE_VARIANTS:
        assert (before.get(name) or before.skip_reason(name)) == (
            after.get(name) or after.skip_reason(name)
        )


def test_a_build_after_the_sources_copies_the_kept_packages_from_the_dependency_stage(
    tmp_path: Path,
) -> None:
    ctx = _goof_context(tmp_path)
    text = (
        "FROM node:18\n"
        f"WORKDIR {APP}\n"
        "COPY package.json package-lock.json ./\n"
        "RUN npm ci\n"
        "COPY . .\n"
        "RUN npm run build\n"
        'CMD ["node", "app.js"]\n'
    )
    plan = _plan(text, ctx, _evidence(_goof_tree()))
    variant = plan.get("multistage")
    assert variant is not None, plan.skip_reason("multistage")
    runtime = variant.dockerfile.split("# runtime:", 1)[1]
    copies = [line for line in runtime.splitlines() if line.startswith("COPY --from=")]
    assert copies == [
        f"COPY --from=prod-deps {APP} {APP}",
        f"COPY --from=build {APP}/node_modules/has-flag {APP}/node_modules/has-flag",
        f"COPY --from=build {APP}/node_modules/supports-color {APP}/node_modules/supports-color",
        f"COPY --from=app-build /tmp/app-build/app {APP}",
    ]
    # the build stage named `build` is the one cut before the sources: unpruned
    assert "FROM build AS prod-deps\nRUN npm prune --omit=dev" in variant.dockerfile


@pytest.mark.parametrize("name", ["multistage", "multistage-slim"])
def test_replanning_a_kept_variant_changes_nothing(tmp_path: Path, name: str) -> None:
    ctx = _goof_context(tmp_path)
    evidence = _evidence(_goof_tree())
    variant = _plan(GOOF_DOCKERFILE, ctx, evidence).get(name)
    if variant is None:
        pytest.fail(f"{name} not proposed")
    again = plan_variants(
        variant.dockerfile, context_dir=ctx, image_available=lambda ref: True, evidence=evidence
    )
    assert again.get("hygiene") is None  # no safe fix left to make


def test_a_kept_package_in_no_lockfile_is_not_called_a_devdependency(tmp_path: Path) -> None:
    ctx = _goof_context(tmp_path)
    tree = _goof_tree((*CLOSURE, f"{APP}/node_modules/left-over/index.js"))
    variant = _plan(GOOF_DOCKERFILE, ctx, _evidence(tree)).get("multistage")
    assert variant is not None
    keep = [c for c in variant.changes if c.title.startswith("Keep ")]
    assert [c.title for c in keep] == [
        "Keep packages has-flag, left-over, supports-color: the original read them at run time"
    ]
    assert "left-over: not in the lockfile" in keep[0].rationale
    assert f"COPY --from=build {APP}/node_modules/left-over {APP}/node_modules/left-over" in (
        variant.dockerfile
    )
