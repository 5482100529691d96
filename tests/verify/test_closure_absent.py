"""The closure files a variant lacks: named with why they are not required (the default,
required-files rule), or failed, naming them (the literal rule, ``[closure] strict = true`` /
``--strict-closure``), but for what is not a loss by construction (see
:mod:`imgopt.verify.closure`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from imgopt.cli.app import app
from imgopt.engine.filesystem import FileEntry, IndexedFiles
from imgopt.errors import ConfigError
from imgopt.verify.closure import Closure, ClosureCheck, check_variant, measure
from imgopt.verify.spec import parse_spec
from imgopt.verify.verifier import ABSENT_LISTED, ABSENT_SHOWN, Proof, absent_listing

LOADER = "/lib64/ld-linux-x86-64.so.2"
LIBC = "/lib/x86_64-linux-gnu/libc.so.6"
LIBSSL = "/usr/lib/x86_64-linux-gnu/libssl.so.3"
STDLIB = "/usr/local/lib/python3.11/json/__init__.py"
CNF = "/etc/ssl/openssl.cnf"
PTH = "/usr/lib/python3/dist-packages/distutils-precedence.pth"
HACK = "/usr/lib/python3/dist-packages/_distutils_hack/__init__.py"
LOCALE = "/usr/share/locale/locale.alias"
FLASK = "/usr/local/lib/python3.11/site-packages/flask/app.py"
FLASK_PYC = "/usr/local/lib/python3.11/site-packages/flask/__pycache__/app.cpython-311.pyc"
PROGRAM = "/usr/local/bin/gunicorn"
PAGE = "/app/templates/index.html"

BASE = {
    LOADER: FileEntry("file", 200),
    LIBC: FileEntry("file", 900),
    LIBSSL: FileEntry("file", 600),
    STDLIB: FileEntry("file", 12),
    CNF: FileEntry("file", 7),
    PTH: FileEntry("file", 1),
    HACK: FileEntry("file", 3),
    LOCALE: FileEntry("file", 4),
    "/etc/ld.so.cache": FileEntry("file", 30),
}
OWN = {
    FLASK: FileEntry("file", 40),
    FLASK_PYC: FileEntry("file", 50),
    PROGRAM: FileEntry("file", 5),
    PAGE: FileEntry("file", 10, sha256="t"),
}


class _Layered(IndexedFiles):
    """The original: ``OWN`` came from the Dockerfile's layers (1), the rest from the base (0)."""

    def layer(self, path: str) -> int | None:
        return 1 if path in OWN else 0


def _files(entries: dict[str, FileEntry]) -> IndexedFiles:
    return IndexedFiles({"/": FileEntry("dir", 0), **entries})


FACTS = measure(
    Closure(files=(*BASE, *OWN), executables=(PROGRAM,), complete=True),
    _Layered({"/": FileEntry("dir", 0), **BASE, **OWN}),
    {"templates/index.html": "t"},
    1,
)

#: A distroless-like variant: the runtime elsewhere and of another build, the packages moved
#: into a virtualenv with their sources only, the program in the virtualenv's bin, no Debian
#: configuration, no loader cache.
DISTROLESS = _files(
    {
        "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2": FileEntry("file", 210),
        "/usr/lib/x86_64-linux-gnu/libc.so.6": FileEntry("file", 910),
        "/lib/x86_64-linux-gnu/libssl.so.3": FileEntry("file", 610),
        "/usr/lib/python3.11/json/__init__.py": FileEntry("file", 13),
        "/opt/venv/lib/python3.11/site-packages/flask/app.py": FileEntry("file", 40),
        "/opt/venv/bin/gunicorn": FileEntry("file", 9),
        PAGE: FileEntry("file", 10, sha256="t"),
    }
)
DEBIAN_ONLY = {CNF, PTH, HACK, LOCALE}


def test_the_required_files_rule_names_each_absent_file_with_why_it_is_not_required() -> None:
    check = check_variant(FACTS, DISTROLESS, strict=False)
    assert check_variant(FACTS, DISTROLESS) == check_variant(FACTS, DISTROLESS, strict=True)
    assert check.problems == ()
    assert dict(zip(check.absent_optional, check.reasons, strict=True)) == {
        CNF: "config-or-data",
        PTH: "config-or-data",  # a start-up hook, not the package's code
        HACK: "package",
        LOCALE: "config-or-data",
    }


def test_a_shared_library_in_a_variant_without_a_loader_is_named_as_such() -> None:
    static = _files({PROGRAM: FileEntry("file", 5), **{p: BASE[p] for p in DEBIAN_ONLY}})
    static = _files({**dict(static.files()), PAGE: OWN[PAGE], FLASK: OWN[FLASK]})
    check = check_variant(FACTS, static, strict=False)  # by default
    reasons = dict(zip(check.absent_optional, check.reasons, strict=True))
    assert reasons[LIBC] == "library-without-loader"
    assert reasons[LIBSSL] == "library-without-loader"


def test_the_strict_rule_fails_each_lacking_file_saying_why_the_default_accepts_it() -> None:
    check = check_variant(FACTS, DISTROLESS, strict=True)
    assert check.absent_optional == () and check.reasons == ()
    why = dict.fromkeys((CNF, PTH, LOCALE), "configuration or data")
    why[HACK] = "a third-party package the app never imported directly"
    assert set(check.problems) == {
        f"variant lacks {path}, which the original read ({why[path]}: --lenient-closure accepts it)"
        for path in DEBIAN_ONLY
    }


def test_the_strict_rule_spares_only_what_is_not_a_loss_by_construction() -> None:
    """Everything but the Debian-only files is there in some form: the loader cache is gone, the
    .pyc is gone with its .py moved, the program is in another bin, the libraries and the
    standard library are of another build elsewhere. None of that fails, even strictly."""
    with_debian = _files({**dict(DISTROLESS.files()), **{p: BASE[p] for p in DEBIAN_ONLY}})
    assert check_variant(FACTS, with_debian, strict=True).problems == ()
    # a shared library where nothing could load it (no loader at all): named, never failed
    static = _files({**{p: e for p, e in OWN.items()}, **{p: BASE[p] for p in DEBIAN_ONLY}})
    check = check_variant(FACTS, static, strict=True)
    assert not [p for p in check.problems if LIBC in p or "/etc/ld.so.cache" in p]
    assert dict(zip(check.absent_optional, check.reasons, strict=True))[LIBC] == (
        "library-without-loader"
    )
    assert f"variant lacks {STDLIB}, which the original read" in check.problems  # code: a loss
    # a .pyc whose .py is gone is a loss
    no_source = _files({p: e for p, e in with_debian.files() if not p.endswith("flask/app.py")})
    assert (
        f"variant lacks {FLASK_PYC}, which the original read (a third-party package the app "
        "never imported directly: --lenient-closure accepts it)"
    ) in check_variant(FACTS, no_source, strict=True).problems


PIP_EP = "/usr/lib/python3/dist-packages/pip-23.0.1.dist-info/entry_points.txt"
WHEEL_EP = "/usr/lib/python3/dist-packages/wheel-0.38.4.egg-info/entry_points.txt"
FLASK_EP = "/usr/local/lib/python3.11/site-packages/Flask-3.0.0.dist-info/entry_points.txt"


def test_entry_points_of_a_distribution_the_variant_does_not_install_are_not_a_loss() -> None:
    """compose-tutorial: `flask run` enumerates every installed distribution's entry points,
    pip's and wheel's among them (Debian's python3-pip); its distroless variant installs neither,
    so it has none to read. A distribution the variant does install must keep the file."""
    base = {**BASE, PIP_EP: FileEntry("file", 2), WHEEL_EP: FileEntry("file", 2)}
    own = {**OWN, FLASK_EP: FileEntry("file", 3)}
    facts = measure(
        Closure(files=(*base, *own), executables=(PROGRAM,), complete=True),
        IndexedFiles({"/": FileEntry("dir", 0), **base, **own}),
        {"templates/index.html": "t"},
        1,
    )
    extra = {p: BASE[p] for p in DEBIAN_ONLY}
    venv = "/opt/venv/lib/python3.11/site-packages/"
    kept = _files(
        {
            **dict(DISTROLESS.files()),
            **extra,
            venv + FLASK_EP.split("/")[-2] + "/entry_points.txt": FileEntry("file", 3),
        }
    )
    check = check_variant(facts, kept, strict=True)
    assert check.problems == ()
    reasons = dict(zip(check.absent_optional, check.reasons, strict=True))
    assert reasons == {
        PIP_EP: "entry-points-of-absent-distribution",
        WHEEL_EP: "entry-points-of-absent-distribution",
    }
    # Flask's metadata gone while its code is there: a loss (its plugins would not be found)
    lost = _files(
        {
            **dict(DISTROLESS.files()),
            **extra,
            venv + "pip-23.0.1.dist-info/RECORD": FileEntry("file", 1),
        }
    )
    problems = check_variant(facts, lost, strict=True).problems
    assert any(FLASK_EP in p for p in problems)
    assert any(PIP_EP in p for p in problems)  # pip is installed there: its file must be too
    proof = Proof(
        closure_files=9,
        strict_closure=True,
        absent_optional=2,
        absent_files=((PIP_EP, reasons[PIP_EP]), (WHEEL_EP, reasons[WHEEL_EP])),
    )
    assert "every one required (strict) but 2 files absent and not a loss (the entry points" in (
        proof.describe()
    )


def test_the_proof_lists_the_first_50_with_the_total_and_text_shows_the_first_3() -> None:
    paths = tuple(f"/usr/share/zoneinfo/Zone{i:03d}" for i in range(120, 0, -1))
    check = ClosureCheck((), paths, 200, reasons=("config-or-data",) * len(paths))
    listed = absent_listing(check)
    assert len(listed) == ABSENT_LISTED == 50
    assert listed[0] == ("/usr/share/zoneinfo/Zone001", "config-or-data")  # path order
    proof = Proof(closure_files=200, absent_optional=len(paths), absent_files=listed)
    assert proof.to_dict()["absent_files"][1] == {
        "path": "/usr/share/zoneinfo/Zone002",
        "reason": "config-or-data",
    }
    assert proof.to_dict()["absent_optional"] == 120
    assert proof.absent_line() == (
        "absent but not required: /usr/share/zoneinfo/Zone001 (configuration or data), "
        "/usr/share/zoneinfo/Zone002 (configuration or data), "
        "/usr/share/zoneinfo/Zone003 (configuration or data) and 117 more"
    )
    assert Proof(closure_files=3).absent_line() is None
    strict = Proof(closure_files=4, closure_bytes=10**6, strict_closure=True).describe()
    assert "4 closure files (1.0 MB), every one required (strict)" in strict


SPEC = "[[http]]\nport = 80\n[closure]\nstrict = {value}\n"


def test_the_spec_says_which_rule_or_leaves_it_to_the_default() -> None:
    assert parse_spec(SPEC.format(value="true")).closure_strict is True
    assert parse_spec(SPEC.format(value="false")).closure_strict is False
    assert parse_spec("[[http]]\nport = 80\n").closure_strict is None
    assert parse_spec("[[http]]\nport = 80\n[closure]\n").closure_strict is None


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (SPEC.format(value='"yes"'), "closure.strict: must be true or false"),
        ("[[http]]\nport = 80\n[closure]\nstrictly = true\n", "closure.strictly: unknown key"),
        ("closure = 1\n[[http]]\nport = 80\n", "closure: must be a table"),
    ],
)
def test_a_bad_closure_table_is_an_error_naming_the_key(text: str, key: str) -> None:
    with pytest.raises(ConfigError) as err:
        parse_spec(text, source="smoke.toml")
    assert f"smoke.toml: {key}" in err.value.message


@pytest.mark.parametrize("command", ["bench", "analyze"])
def test_help_teaches_the_default_and_when_to_ask_for_the_literal_rule(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "--strict-closure" in result.output and "--lenient-closure" in result.output
    words = " ".join(w for w in result.output.split() if w != "│")
    assert "Default (--strict-closure, or [closure] strict = true in smoke.toml)" in words
    assert "the literal rule, a variant fails when it lacks any file the original opened" in words
    assert "carry the small files a slimmer base lacks (/etc/ssl/openssl.cnf" in words
    assert "--lenient-closure (or strict = false): the required-files rule" in words
    assert "The flag wins over smoke.toml." in words


def test_the_readme_states_the_constants_and_the_spec_format_documents_the_table() -> None:
    repo = Path(__file__).resolve().parents[2]
    readme = " ".join((repo / "README.md").read_text("utf-8").split())
    assert f"first {ABSENT_LISTED} of each variant" in readme
    assert f"the first {ABSENT_SHOWN} on `imgopt bench`" in readme
    formats = (repo / "sample_apps" / "README.md").read_text("utf-8")
    block = formats[
        formats.index("```toml") + 7 : formats.index("```", formats.index("```toml") + 7)
    ]
    assert "[closure]" in block
    assert parse_spec(block).closure_strict is True  # the documented example loads
    assert parse_spec(block.replace("strict = false", "strict = true")).closure_strict is True


def test_a_top_level_module_moved_from_dist_packages_into_a_virtualenv_is_not_a_loss() -> None:
    """Debian's Python keeps pip's top-level modules in ``dist-packages``; a virtualenv in
    ``site-packages``: ``six.py`` (and its cache) moved there is the same module."""
    six = "/usr/local/lib/python3.9/dist-packages/six.py"
    six_pyc = "/usr/local/lib/python3.9/dist-packages/__pycache__/six.cpython-39.pyc"
    original = _files({six: FileEntry("file", 34), six_pyc: FileEntry("file", 29)})
    facts = measure(Closure(files=(six_pyc,), executables=(), complete=True), original, {}, None)
    venv = _files({"/opt/venv/lib/python3.9/site-packages/six.py": FileEntry("file", 34)})
    assert check_variant(facts, venv, strict=True).problems == ()
    elsewhere = _files({"/opt/venv/lib/python3.9/other/six.py": FileEntry("file", 34)})
    assert check_variant(facts, elsewhere, strict=True).problems != ()


class _AllOwn(IndexedFiles):
    """An original whose every file came from the Dockerfile's own layers."""

    def layer(self, path: str) -> int | None:
        return 1


def test_a_file_the_dockerfiles_layers_added_must_keep_its_content() -> None:
    """Issue 11: every file the original opened, with the same content for files that the
    Dockerfile's own layers added; but for what a variant rebuilds by design: the programs it
    compiles again, native code and Python's bytecode caches."""
    module = "/usr/src/app/node_modules/left-pad/index.js"
    pyc = "/usr/local/lib/python3.11/dist-packages/__pycache__/six.cpython-311.pyc"
    native = "/usr/src/app/node_modules/bcrypt/build/Release/bcrypt_lib.node"
    program = "/usr/local/bin/server"
    cache = "/etc/ld.so.cache"  # apt-get's ldconfig: the libraries of each image
    entries = {
        cache: FileEntry("file", 5, sha256="c1"),
        module: FileEntry("file", 5, sha256="same"),
        pyc: FileEntry("file", 5, sha256="p1"),
        native: FileEntry("file", 5, sha256="n1"),
        program: FileEntry("file", 5, sha256="b1"),
    }
    closure = Closure(files=tuple(entries), executables=(program,), complete=True)
    facts = measure(closure, _AllOwn({"/": FileEntry("dir", 0), **entries}), {}, 1)
    assert dict(facts.own_hashes) == {module: "same"}
    rebuilt = {
        cache: FileEntry("file", 9, sha256="c2"),
        pyc: FileEntry("file", 5, sha256="p2"),
        native: FileEntry("file", 5, sha256="n2"),
        program: FileEntry("file", 4, sha256="b2"),  # stripped
    }
    same = _files({**rebuilt, module: FileEntry("file", 5, sha256="same")})
    assert check_variant(facts, same, strict=True).problems == ()
    other = _files({**rebuilt, module: FileEntry("file", 5, sha256="patched")})
    assert check_variant(facts, other, strict=False).problems == (
        f"variant has another {module} than the original, which read it",
    )
