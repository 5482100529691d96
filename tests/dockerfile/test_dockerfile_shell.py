"""Splitting RUN bodies into simple commands: argv, operators, positions, flags."""

from __future__ import annotations

import pytest

from imgopt.dockerfile import parse, run_commands, split_commands


@pytest.mark.parametrize(
    ("script", "argvs"),
    [
        (
            "apt-get update && apt-get install -y --no-install-recommends curl",
            [
                ["apt-get", "update"],
                ["apt-get", "install", "-y", "--no-install-recommends", "curl"],
            ],
        ),
        ("a; b || c | d & e", [["a"], ["b"], ["c"], ["d"], ["e"]]),
        ("echo 'a && b' \"c; d\" e\\;f", [["echo", "a && b", "c; d", "e;f"]]),
        (
            "echo $(cd /x && ls) `date` ${A:-b c}",
            [["echo", "$(cd /x && ls)", "`date`", "${A:-b c}"]],
        ),
        ('echo "$(printf \'%s\' "x y")"', [["echo", "$(printf '%s' \"x y\")"]]),
        ("make 2>&1 > /dev/null && tee <in >>out", [["make"], ["tee"]]),
        (
            "DEBIAN_FRONTEND=noninteractive A=1 apt-get -yq install x",
            [["apt-get", "-yq", "install", "x"]],
        ),
        (
            "if [ -f x ]; then rm x; else touch x; fi",
            [["[", "-f", "x", "]"], ["rm", "x"], ["touch", "x"]],
        ),
        ("for f in a b; do gzip $f; done", [["gzip", "$f"]]),
        ("(cd src && make) && { make install; }", [["cd", "src"], ["make"], ["make", "install"]]),
        (
            "set -eux\napt-get update\n# a comment && not a command\nrm -rf /x\n",
            [["set", "-eux"], ["apt-get", "update"], ["rm", "-rf", "/x"]],
        ),
        ("pip install \\\n  --no-cache-dir flask", [["pip", "install", "--no-cache-dir", "flask"]]),
        ("echo $'a\\'b' done", [["echo", "a\\'b", "done"]]),
        ("echo 'unterminated && rest", [["echo", "unterminated && rest"]]),
        ("", []),
        ("  ;; && ", []),
        ("! grep -q x f", [["grep", "-q", "x", "f"]]),
    ],
)
def test_argv(script: str, argvs: list[list[str]]) -> None:
    assert [list(c.argv) for c in split_commands(script)] == argvs


def test_operators_indexes_and_spans() -> None:
    script = "cd /app && npm ci || true; npm cache clean --force | cat"
    cmds = split_commands(script)
    assert [c.operator for c in cmds] == [None, "&&", "||", ";", "|"]
    assert [c.index for c in cmds] == [0, 1, 2, 3, 4]
    assert [script[c.start : c.end] for c in cmds] == [
        "cd /app",
        "npm ci",
        "true",
        "npm cache clean --force",
        "cat",
    ]
    npm = cmds[1]
    assert [(w.raw, script[w.start : w.end]) for w in npm.words] == [("npm", "npm"), ("ci", "ci")]


def test_redirects_and_assignments_are_recorded() -> None:
    (cmd,) = split_commands("FOO=1 curl -fsSL url 2>/dev/null -o out")
    assert cmd.assignments == ("FOO=1",)
    assert cmd.redirects == ("2>/dev/null",)
    assert cmd.argv == ("curl", "-fsSL", "url", "-o", "out")
    assert cmd.flag_value("-o", "--output") == "out"


@pytest.mark.parametrize(
    ("script", "names", "expected"),
    [
        ("apt-get install -y x", ("-y", "--yes"), True),
        ("apt-get install -qy x", ("-y",), True),
        ("apt-get install --yes x", ("-y", "--yes"), True),
        ("apt-get install x", ("-y", "--yes"), False),
        ("pip install --no-cache-dir -r r.txt", ("--no-cache-dir",), True),
        ("pip install -rrequirements.txt", ("-q",), False),
        ("npm ci --omit=dev", ("--omit",), True),
        ("npm ci -- --yes", ("--yes",), False),
    ],
)
def test_has_flag(script: str, names: tuple[str, ...], expected: bool) -> None:
    (cmd,) = split_commands(script)
    assert cmd.has_flag(*names) is expected


def test_flag_values() -> None:
    (cmd,) = split_commands("npm ci --omit=dev --loglevel warn -Cdir")
    assert cmd.flag_value("--omit") == "dev"
    assert cmd.flag_value("--loglevel") == "warn"
    assert cmd.flag_value("-C") == "dir"
    assert cmd.flag_value("--missing") is None


def test_program_skips_wrappers_and_paths() -> None:
    progs = [
        c.program
        for c in split_commands(
            "sudo -u app /usr/bin/pip3 install x; env -i A=1 npm ci; exec nginx"
        )
    ]
    assert progs == ["pip3", "npm", "nginx"]
    (cmd,) = split_commands("sudo -E apt-get -y install curl")
    assert cmd.effective_argv == ("apt-get", "-y", "install", "curl")
    assert cmd.args == ("-y", "install", "curl")
    assert cmd.subcommand() == "install"
    assert cmd.positionals() == ("install", "curl")


def test_run_commands_map_back_to_source() -> None:
    text = "FROM a\nRUN apt-get update \\\n    && apt-get install -y curl\n"
    df = parse(text)
    run = df.stages[0].find("RUN")[0]
    install = run_commands(run)[1]
    start, end = run.source_offset(install.start), run.source_offset(install.end)
    assert text[start:end] == "apt-get install -y curl"
    word = install.words[1]
    assert text[run.source_offset(word.start) : run.source_offset(word.end)] == "install"


def test_run_commands_heredocs_and_exec_form() -> None:
    df = parse(
        "FROM a\n"
        "RUN <<EOF\napt-get update\napt-get install -y x\nEOF\n"
        "RUN python3 <<EOF\nimport os\nEOF\n"
        "RUN bash <<EOF\nnpm ci\nEOF\n"
        "RUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n"
        'RUN ["pip", "install", "x"]\n'
        'RUN ["/bin/sh", "-c", "npm ci && npm cache clean --force"]\n'
        "COPY <<EOF /x\nrm -rf /\nEOF\n"
        "ONBUILD RUN npm ci\n"
    )
    runs = [i for i in df.instructions if i.effective_keyword in ("RUN", "COPY")]
    got = [[(c.script, c.argv) for c in run_commands(r)] for r in runs]
    assert got == [
        [(1, ("apt-get", "update")), (1, ("apt-get", "install", "-y", "x"))],
        [(0, ("python3",))],
        [(0, ("bash",)), (1, ("npm", "ci"))],
        [],
        [(0, ("pip", "install", "x"))],
        [(0, ("npm", "ci")), (0, ("npm", "cache", "clean", "--force"))],
        [],
        [(0, ("npm", "ci"))],
    ]


def test_heredoc_command_positions_index_the_heredoc_content() -> None:
    text = "FROM a\nRUN <<EOF\nset -e\nrm -rf /var/lib/apt/lists/*\nEOF\n"
    df = parse(text)
    run = df.stages[0].find("RUN")[0]
    doc = run.heredocs[0]
    rm = run_commands(run)[1]
    a = doc.body_span.start + rm.start
    assert text[a : doc.body_span.start + rm.end] == "rm -rf /var/lib/apt/lists/*"
