"""Outputs and bodies longer than what a check keeps are still compared whole: two that differ
only in the part left out differ (``same_output`` / ``same_body`` could not fail there before)."""

from __future__ import annotations

import http.client
import io
from typing import cast

from imgopt.engine.containers import HEAD_BYTES, MAX_OUTPUT_BYTES, CappedOutput
from imgopt.verify.run import MAX_BODY_BYTES, _rest


def _capped(data: bytes) -> str:
    out = CappedOutput()
    for i in range(0, len(data), 4096):
        out.add(data[i : i + 4096])
    return out.text()


def test_outputs_that_differ_only_in_the_part_left_out_still_differ() -> None:
    size = 4 * MAX_OUTPUT_BYTES
    one = b"a" * size
    other = one[: size // 2] + b"b" + one[size // 2 + 1 :]  # same length, middle differs
    assert _capped(one) != _capped(other)
    assert _capped(one) == _capped(bytes(one))  # the same stream reads the same
    assert len(_capped(one).encode()) < MAX_OUTPUT_BYTES + 200  # memory stays bounded
    assert f"sha256 of all {size} bytes" in _capped(one)
    assert f"{size - MAX_OUTPUT_BYTES} bytes of output left out]" in _capped(one)


def test_a_short_output_is_kept_whole_without_a_note() -> None:
    assert _capped(b"hello\n") == "hello\n"
    assert _capped(b"x" * HEAD_BYTES) == "x" * HEAD_BYTES


def _body(data: bytes) -> bytes:
    stream = io.BytesIO(data)
    head = stream.read(MAX_BODY_BYTES)
    return head + _rest(cast(http.client.HTTPResponse, stream), head)


def test_bodies_that_differ_only_past_what_is_kept_still_differ() -> None:
    page = b"<html>" + b"x" * (3 * MAX_BODY_BYTES) + b"</html>"
    changed = page[:-20] + b"y" + page[-19:]  # same length, one byte near the end
    assert _body(page) != _body(changed)
    assert _body(page) == _body(bytes(page))
    assert _body(page).startswith(page[:MAX_BODY_BYTES])  # body_contains reads the head
    assert f"{len(page) - MAX_BODY_BYTES} more bytes of body".encode() in _body(page)


def test_a_body_within_what_is_kept_is_returned_as_it_is() -> None:
    assert _body(b"ok") == b"ok"
    assert _body(b"z" * MAX_BODY_BYTES) == b"z" * MAX_BODY_BYTES
