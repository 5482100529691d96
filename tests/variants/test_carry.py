"""The carry: what a variant copies over of the files the original's app opened (pure)."""

from __future__ import annotations

import functools

from imgopt.dockerfile import parse
from imgopt.variants.carry import (
    CARRY_COMMENT,
    Carry,
    apply_carry,
    carried_paths,
    carry_candidates,
    carry_change,
    plan_carry,
    pth_imports,
)

ORIGINAL = """\
FROM node:18
WORKDIR /usr/src/app
COPY . .
RUN npm install
CMD ["npm", "start"]
"""
MULTISTAGE_SLIM = """\
FROM node:18 AS build
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
RUN npm ci

# runtime
FROM node:18-slim
WORKDIR /usr/src/app
COPY --from=build /usr/src/app /usr/src/app
COPY . .
EXPOSE 3000
CMD ["npm", "start"]
"""
SLIM_BASE = ORIGINAL.replace("FROM node:18", "FROM node:18-slim")
SETUPTOOLS_HOOK = (
    "import os; var = 'SETUPTOOLS_USE_DISTUTILS'; enabled = os.environ.get(var, 'local') == "
    "'local'; enabled and __import__('_distutils_hack').add_shim(); "
)
SITE = "/usr/lib/python3/dist-packages"


def test_candidates_are_configuration_data_and_hooks_outside_the_app() -> None:
    closure = [
        "/etc/ssl/openssl.cnf",
        "/usr/lib/locale/C.utf8/LC_CTYPE",
        "/usr/src/app/index.js",  # the app's: required, never carried
        "/usr/src/app/node_modules/express/index.js",
        "/usr/lib/x86_64-linux-gnu/libssl.so.3",  # code: the variant's own business
        "/usr/lib/python3.11/json/__init__.py",  # the standard library
        "/usr/local/lib/python3.11/site-packages/flask/app.py",  # a package, not a hook
        "/etc/hosts",  # mounted by the engine
        "/usr/bin/python3.9",  # a program: the variant's own
        "/etc/nginx/nginx.conf",  # the app's, copied to its path: required, never carried
        f"{SITE}/distutils-precedence.pth",
    ]
    assert carry_candidates(closure, ["/usr/src/app", "/etc/nginx/nginx.conf"]) == [
        "/etc/ssl/openssl.cnf",
        "/usr/lib/locale/C.utf8/LC_CTYPE",
        f"{SITE}/distutils-precedence.pth",
    ]


def test_a_hook_carries_the_package_it_imports_and_nothing_else_of_its_folder() -> None:
    hook = f"{SITE}/distutils-precedence.pth"
    closure = [
        hook,
        f"{SITE}/_distutils_hack/__pycache__/__init__.cpython-311.pyc",
        f"{SITE}/six.py",  # next to the hook, but the hook does not import it
        f"{SITE}/__pycache__/_virtualenv.cpython-311.pyc",
    ]
    imports = {hook: pth_imports([SETUPTOOLS_HOOK, "import _virtualenv"])}
    assert imports[hook] == ("_distutils_hack", "_virtualenv")
    assert carry_candidates(closure, (), imports) == [
        hook,
        f"{SITE}/_distutils_hack",
        f"{SITE}/_virtualenv.py",
    ]


def test_pth_imports_reads_only_the_lines_python_runs() -> None:
    assert pth_imports(["./foo-1.0.egg", "# import nothing", "/opt/lib"]) == ()
    assert pth_imports(["import\tsitecustom_x"]) == ("sitecustom_x",)


def test_a_multistage_variant_carries_from_its_stage_on_the_original_base() -> None:
    carries = plan_carry(
        MULTISTAGE_SLIM,
        ORIGINAL,
        ["/etc/ssl/openssl.cnf", "/etc/passwd"],
        own=lambda _p: False,
        in_base=lambda p: p == "/etc/passwd",
    )
    assert carries == [Carry("/etc/ssl/openssl.cnf", "build")]


def test_a_single_stage_variant_carries_base_files_from_the_original_base_only() -> None:
    carries = plan_carry(
        SLIM_BASE,
        ORIGINAL,
        ["/etc/ssl/openssl.cnf", "/etc/app.conf"],
        own=lambda p: p == "/etc/app.conf",  # the original's own layers made it: not carried
        in_base=lambda _p: False,
    )
    assert carries == [Carry("/etc/ssl/openssl.cnf", "node:18")]


def _always(value: bool, _path: str) -> bool:
    return value


def test_nothing_is_carried_where_the_variant_has_it_or_copies_it() -> None:
    copies = MULTISTAGE_SLIM.replace(
        "COPY . .\nEXPOSE", "COPY --from=build /etc/ssl /etc/ssl\nCOPY . .\nEXPOSE"
    )
    # copied by the variant's own COPY --from; on the original's base, made by its own layers
    for variant, own in ((copies, False), (ORIGINAL, True)):
        assert not plan_carry(
            variant,
            ORIGINAL,
            ["/etc/ssl/openssl.cnf"],
            own=functools.partial(_always, own),
            in_base=lambda _p: False,
        )


def test_apply_carry_copies_before_the_first_context_copy_and_reads_back() -> None:
    carries = [
        Carry("/etc/ssl/openssl.cnf", "build"),
        Carry(f"{SITE}/_distutils_hack", "build", True),
    ]
    text = apply_carry(MULTISTAGE_SLIM, carries)
    final = parse(text).final_stage
    keywords = [(i.keyword, i.args[-1] if i.args else "") for i in final.instructions]
    first_context_copy = keywords.index(("COPY", "."))
    assert keywords[first_context_copy - 2 : first_context_copy] == [
        ("COPY", "/etc/ssl/openssl.cnf"),
        ("COPY", f"{SITE}/_distutils_hack"),
    ]
    assert CARRY_COMMENT in text
    assert carried_paths(text) == ["/etc/ssl/openssl.cnf", f"{SITE}/_distutils_hack"]
    assert apply_carry(MULTISTAGE_SLIM, []) == MULTISTAGE_SLIM


def test_apply_carry_goes_before_the_app_copied_from_another_stage() -> None:
    # node-build's multistage-slim: the app comes with COPY --from, nothing from the context.
    # Carried after it, the file was copied again on every rebuild after a code edit.
    text = (
        "FROM a AS build\nRUN make\nFROM b\nWORKDIR /app\nCOPY --from=build /deps /app\n"
        'COPY --from=build /out /app\nCMD ["/app/out"]\n'
    )
    done = apply_carry(text, [Carry("/etc/x.conf", "build")])
    assert done == text.replace(
        "COPY --from=build /deps",
        f"{CARRY_COMMENT}\nCOPY --from=build /etc/x.conf /etc/x.conf\n\nCOPY --from=build /deps",
    )
    assert carried_paths(done) == ["/etc/x.conf"]


def test_apply_carry_appends_when_a_run_follows_the_stages_copies() -> None:
    # A RUN after the copies may install the package that owns the carried file: dpkg stops at
    # a conffile it did not write. After everything, the carried file is what the image ends with.
    text = (
        "FROM a AS build\nRUN make\nFROM b\nCOPY --from=build /out /out\n"
        'RUN apt-get install -y openssl\nCMD ["/out"]\n'
    )
    done = apply_carry(text, [Carry("/etc/x.conf", "build")])
    assert done.endswith(
        f'CMD ["/out"]\n{CARRY_COMMENT}\nCOPY --from=build /etc/x.conf /etc/x.conf\n'
    )
    last = parse(done).final_stage.instructions[-1]
    assert (last.flag("from"), last.args) == ("build", ("/etc/x.conf", "/etc/x.conf"))
    dangling = 'FROM a AS build\nRUN make\nFROM b\nCMD ["/out"] \\'  # a continuation at EOF
    assert parse(apply_carry(dangling, [Carry("/etc/x.conf", "build")])).final_stage.instructions[
        -1
    ].args == ("/etc/x.conf", "/etc/x.conf")
    bare = 'FROM a AS build\nRUN make\nFROM b\nCMD ["/out"]\n'  # nothing copied at all
    assert apply_carry(bare, [Carry("/etc/x.conf", "build")]).endswith(
        f"{CARRY_COMMENT}\nCOPY --from=build /etc/x.conf /etc/x.conf\n"
    )


def test_the_change_names_what_is_carried() -> None:
    change = carry_change([Carry(f"/etc/f{i}", "build") for i in range(6)])
    assert change.title == "Carry 6 file(s) the app opened that this base lacks"
    assert "/etc/f0, /etc/f1, /etc/f2, /etc/f3 and 2 more" in change.rationale


def test_a_file_pip_put_in_the_original_is_not_carried_from_a_build_stage() -> None:
    """rq-dashboard's ``setup.py develop`` wrote ``easy-install.pth`` into /usr/local; its
    multistage variant develops into a virtualenv, so its build stage has no such file (a
    ``COPY --from`` of it would fail the build). A package's file in /usr/lib is carried."""
    pip_made = "/usr/local/lib/python3.9/dist-packages/easy-install.pth"
    apt_made = f"{SITE}/distutils-precedence.pth"
    carries = plan_carry(
        MULTISTAGE_SLIM,
        ORIGINAL,
        [pip_made, apt_made],
        own=lambda _p: True,
        in_base=lambda _p: False,
    )
    assert carries == [Carry(apt_made, "build")]
