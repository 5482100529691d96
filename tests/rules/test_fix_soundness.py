"""Fixes whose soundness depends on each other are applied together or not at all (issue 13)."""

from __future__ import annotations

from imgopt.rules import apply_fixes

# Corpus 0089: `RUN apt-get update` alone, the install in the next RUN.
SPLIT = """\
FROM ubuntu:trusty
ENV DEBIAN_FRONTEND noninteractive
RUN apt-get update
RUN apt-get -y install supervisor postfix
CMD ["/usr/bin/supervisord"]
"""


def test_img101_alone_never_empties_the_lists_of_an_update_only_run() -> None:
    result = apply_fixes(SPLIT, select=["IMG101"])
    assert result.text == SPLIT  # no fix: the next install would find no package lists


def test_img101_with_img103_moves_the_update_then_cleans_up() -> None:
    result = apply_fixes(SPLIT, select=["IMG101", "IMG103"])
    assert result.text == (
        "FROM ubuntu:trusty\n"
        "ENV DEBIAN_FRONTEND noninteractive\n"
        "RUN apt-get update && apt-get -y install supervisor postfix"
        " && rm -rf /var/lib/apt/lists/*\n"
        'CMD ["/usr/bin/supervisord"]\n'
    )
    assert [f.code for f in result.applied] == ["IMG103", "IMG101"]


def test_lists_kept_while_a_later_run_installs_without_updating() -> None:
    text = SPLIT + "RUN apt-get -y install opendkim\n"
    result = apply_fixes(text, select=["IMG101", "IMG103"])
    assert "rm -rf /var/lib/apt/lists" not in result.text
    assert "RUN apt-get update && apt-get -y install supervisor postfix\n" in result.text
