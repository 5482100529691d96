"""standins/build.py's per-recipe Debian suite (the real-app benchmark's bullseye images), without
an engine: the manifest's ``suite`` field, the apt sources made for another release from the
host's bookworm mirrors, and hashes that leave the default suite's recipes as they were.

The images themselves (``standins/build.py --group real-bases``) are not built by CI; what the
real-app benchmark found with them is in standins/README.md, "Debian 11 (bullseye)".
"""

from __future__ import annotations

from pathlib import Path

import pytest

# The module as the engine tests load it (standins/build.py is a script, not a package).
from test_standins import build

HOST_DEB822 = """\
Types: deb
URIs: http://mirror.invalid/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://mirror.invalid/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://mirror.invalid/debian
Suites: trixie
Components: main
"""


@pytest.fixture
def host_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    sources = tmp_path / "debian.sources"
    sources.write_text(HOST_DEB822)
    monkeypatch.setattr(build, "HOST_SOURCES", sources)
    monkeypatch.setattr(build, "HOST_SOURCES_LIST", tmp_path / "absent.list")
    return sources


def write_recipes(root: Path, entries: str, dockerfiles: dict[str, str]) -> Path:
    for name, text in dockerfiles.items():
        (root / "recipes" / name).mkdir(parents=True)
        (root / "recipes" / name / "Dockerfile").write_text(text)
    manifest = root / "recipes.toml"
    manifest.write_text(entries)
    return manifest


TWO_SUITES = """
[[recipe]]
name = "old"
tags = ["imgopt-test-old:1"]
built_from = "x"
suite = "bullseye"

[[recipe]]
name = "old-child"
tags = ["imgopt-test-old-child:1"]
built_from = "x"
suite = "bullseye"

[[recipe]]
name = "new"
tags = ["imgopt-test-new:1"]
built_from = "x"
"""
DOCKERFILES = {
    "old": "FROM scratch\n",
    "old-child": "FROM imgopt-test-old:1\n",
    "new": "FROM scratch\n",
}


# --- apt sources for another release -----------------------------------------------------------


def test_the_default_suite_keeps_the_hosts_bookworm_sources(host_sources: Path) -> None:
    mirror, text = build.host_apt_sources()
    assert mirror == "http://mirror.invalid/debian"
    assert "Suites: bookworm bookworm-updates\n" in text
    assert "Suites: bookworm-security\n" in text
    assert "trixie" not in text
    assert build.host_apt_sources("bookworm") == (mirror, text)


def test_another_suite_gets_the_same_mirrors_with_the_codename_renamed(host_sources: Path) -> None:
    bookworm = build.host_apt_sources()[1]
    mirror, text = build.host_apt_sources("bullseye")
    assert mirror == "http://mirror.invalid/debian"
    assert text == bookworm.replace("bookworm", "bullseye")
    assert "Suites: bullseye bullseye-updates\n" in text
    assert "URIs: http://mirror.invalid/debian-security\nSuites: bullseye-security\n" in text
    assert build.host_inputs("bullseye").digest() != build.host_inputs().digest()


def test_a_suite_the_host_lists_itself_is_taken_as_listed(host_sources: Path) -> None:
    host_sources.write_text(
        HOST_DEB822 + "\nTypes: deb\nURIs: http://other.invalid/debian\nSuites: bullseye\n"
    )
    mirror, text = build.host_apt_sources("bullseye")
    assert mirror == "http://other.invalid/debian"
    assert text.count("Suites:") == 1 and "bullseye-security" not in text


def test_one_line_sources_list_is_read_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    listing = tmp_path / "sources.list"
    listing.write_text(
        "deb [arch=amd64] http://m.invalid/debian bookworm main\n"
        "deb http://m.invalid/debian-security bookworm-security main\n"
    )
    monkeypatch.setattr(build, "HOST_SOURCES", tmp_path / "absent.sources")
    monkeypatch.setattr(build, "HOST_SOURCES_LIST", listing)
    mirror, text = build.host_apt_sources("bullseye")
    assert mirror == "http://m.invalid/debian"
    assert "Suites: bullseye\n" in text and "Suites: bullseye-security\n" in text


def test_no_debian_source_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build, "HOST_SOURCES", tmp_path / "absent.sources")
    monkeypatch.setattr(build, "HOST_SOURCES_LIST", tmp_path / "absent.list")
    with pytest.raises(build.StandinError, match="no Debian bullseye mirror"):
        build.host_apt_sources("bullseye")


@pytest.mark.parametrize(
    ("host", "suite", "expected"),
    [
        ("bookworm", "bullseye", "bullseye"),
        ("bookworm-updates", "bullseye", "bullseye-updates"),
        ("bookworm-security", "bullseye", "bullseye-security"),
        ("bookworm-proposed-updates", "bullseye", "bullseye-proposed-updates"),
    ],
)
def test_rename_suite(host: str, suite: str, expected: str) -> None:
    assert build.rename_suite(host, suite) == expected


# --- the manifest's suite field ----------------------------------------------------------------


def test_suite_defaults_to_bookworm_and_is_read(tmp_path: Path) -> None:
    recipes = {
        r.name: r for r in build.load_manifest(write_recipes(tmp_path, TWO_SUITES, DOCKERFILES))
    }
    assert recipes["new"].suite == build.SUITE == "bookworm"
    assert recipes["old"].suite == recipes["old-child"].suite == "bullseye"
    assert recipes["old-child"].bases == ("old",)


def test_a_recipe_built_from_another_suite_is_refused(tmp_path: Path) -> None:
    entries = TWO_SUITES.replace(
        'name = "old-child"\ntags = ["imgopt-test-old-child:1"]\n'
        'built_from = "x"\nsuite = "bullseye"\n',
        'name = "old-child"\ntags = ["imgopt-test-old-child:1"]\nbuilt_from = "x"\n',
    )
    with pytest.raises(build.StandinError, match=r"old-child \(suite bookworm\) is built FROM old"):
        build.load_manifest(write_recipes(tmp_path, entries, DOCKERFILES))


@pytest.mark.parametrize("value", ['"bullseye/updates"', '""', "11"])
def test_a_suite_that_is_not_a_codename_is_refused(tmp_path: Path, value: str) -> None:
    entries = TWO_SUITES.replace('suite = "bullseye"', f"suite = {value}", 1)
    with pytest.raises(build.StandinError, match="is not a codename"):
        build.load_manifest(write_recipes(tmp_path, entries, DOCKERFILES))


# --- hashes ------------------------------------------------------------------------------------


def test_hashes_take_each_recipes_own_suite_digest(tmp_path: Path, host_sources: Path) -> None:
    recipes = build.load_manifest(write_recipes(tmp_path, TWO_SUITES, DOCKERFILES))
    first = build.recipe_hashes(recipes, "bookworm-inputs", {"bullseye": "bullseye-inputs"})
    other = build.recipe_hashes(recipes, "bookworm-inputs", {"bullseye": "changed"})
    assert first["new"] == other["new"]  # the default suite's recipes do not move
    assert first["old"] != other["old"]
    assert first["old-child"] != other["old-child"]  # through its base too
    # Without the other suite, the default suite's hashes are the same as before suites existed.
    only_new = [r for r in recipes if r.name == "new"]
    assert build.recipe_hashes(only_new, "bookworm-inputs")["new"] == first["new"]
    # Without a digest for bullseye, the host's inputs for bullseye are read (the engine tests
    # pass the default suite's digest only).
    bullseye = build.host_inputs("bullseye").digest()
    assert build.recipe_hashes(recipes, "bookworm-inputs") == build.recipe_hashes(
        recipes, "bookworm-inputs", {"bullseye": bullseye}
    )


# --- the committed manifest --------------------------------------------------------------------


def test_the_bullseye_images_are_an_opt_in_group_of_their_own() -> None:
    recipes = build.load_manifest(build.DEFAULT_MANIFEST)
    default = build.select(recipes, [], [])
    bases = build.select(recipes, [], ["real-bases"])
    assert bases == {
        "debian-bullseye",
        "debian-bullseye-slim",
        "python-3.9-slim-bullseye",
        "python-3.9-bullseye",
    }
    assert not default & bases
    by_name = {r.name: r for r in recipes}
    assert {by_name[n].suite for n in bases} == {"bullseye"}
    assert {by_name[n].suite for n in default} == {"bookworm"}
    assert build.select(recipes, ["python:3.9-slim"], []) == {"python-3.9-slim-bullseye"}
    assert by_name["python-3.9-bullseye"].bases == ("debian-bullseye",)
