"""A-priori unit seconds from a Dockerfile's facts, and where the cost model uses them."""

from __future__ import annotations

import pytest

from imgopt.schedule import CostModel, Timing, Unit
from imgopt.schedule.prior import (
    BUILD,
    COMPILE,
    DOWNLOAD,
    INDEX,
    PACKAGE,
    RUN,
    dockerfile_facts,
    dockerfile_kind,
    dockerfile_seconds,
)


def test_a_dockerfile_that_only_copies_costs_the_build_alone() -> None:
    assert dockerfile_seconds('FROM debian\nCOPY . /app\nCMD ["/app/run"]\n') == BUILD


def test_each_fact_of_a_run_counts() -> None:
    text = (
        "FROM debian\n"
        "RUN apt-get update && apt-get install -y --no-install-recommends curl git gcc \\\n"
        " && rm -rf /var/lib/apt/lists/*\n"
        "RUN curl -fsSL https://example.com/x.tgz | tar xz && git clone https://example.com/r\n"
        "ADD https://example.com/y.tgz /opt/\n"
        "RUN pip install flask && make\n"
    )
    expected = BUILD + 3 * RUN + INDEX + 3 * PACKAGE + 3 * DOWNLOAD + 2 * COMPILE
    assert dockerfile_seconds(text) == pytest.approx(expected)


def test_apk_add_reads_its_index_itself() -> None:
    text = "FROM alpine\nRUN apk add --no-cache curl jq\n"
    assert dockerfile_seconds(text) == pytest.approx(BUILD + RUN + INDEX + 2 * PACKAGE)


def test_every_stage_counts() -> None:
    one = "FROM golang:1.19\nRUN go build -o /server .\n"
    two = one.replace("FROM golang:1.19", "FROM golang:1.19 AS build") + (
        "FROM debian\nRUN apt-get update\n"
    )
    alone = dockerfile_seconds(one)
    assert alone is not None
    assert dockerfile_seconds(two) == pytest.approx(alone + RUN + INDEX)


def test_a_text_that_does_not_parse_claims_nothing() -> None:
    assert dockerfile_seconds("RUN echo no FROM\n") is None


def test_the_cost_model_uses_a_prior_only_for_units_never_timed() -> None:
    cost = CostModel(
        [Timing("timed", "v", "e", 7.0)],
        priors={("timed", "v"): 99.0, ("new", "v"): 42.0},
        default_seconds=60.0,
    )
    assert cost.seconds(Unit("timed", "v"), "e") == 7.0
    assert cost.seconds(Unit("new", "v")) == 42.0
    assert cost.seconds(Unit("other", "v")) == 60.0
    assert not cost.known(Unit("new", "v"))


def test_the_facts_add_up_to_the_estimate_and_name_the_kind() -> None:
    text = "FROM debian\nRUN apt-get update && apt-get install -y qemu-system-x86 curl\n"
    facts = dockerfile_facts(text)
    assert facts is not None
    assert facts["os"] == pytest.approx(INDEX + 2 * PACKAGE)
    assert facts["run"] == RUN and facts["build"] == BUILD
    assert sum(facts.values()) == dockerfile_seconds(text)
    assert dockerfile_kind(text) == "os"
    assert dockerfile_kind("FROM golang:1.19\nRUN go build . && go test ./...\n") == "compile"
    assert dockerfile_kind("FROM debian\nRUN curl -o /x https://example.com/x\n") == "download"
    assert dockerfile_kind("FROM debian\nCOPY . /app\nRUN chmod +x /app/run\n") == "plain"
    assert dockerfile_kind("RUN echo no FROM\n") is None
