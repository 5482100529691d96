"""One rounding and one set of units everywhere: MB are 10^6 bytes, one decimal."""

from __future__ import annotations

import pytest

from imgopt.results import units


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "0.0 MB"),
        (1_000_000, "1.0 MB"),
        (1_048_576, "1.0 MB"),  # a MiB is not a MB: 1.048576 rounds to 1.0
        (612_345_678, "612.3 MB"),
        (1_234_567_890, "1,234.6 MB"),
        (None, "–"),
    ],
)
def test_mb_is_ten_to_the_sixth_bytes(n: int | None, text: str) -> None:
    assert units.mb(n) == text


def test_mb_without_unit_and_plot_value_agree() -> None:
    assert units.mb(301_049_999, unit=False) == "301.0"
    assert units.mb_value(301_049_999) == 301.0


@pytest.mark.parametrize(
    ("args", "text"),
    [
        ((12.34, 11.91, 13.0), "12.3 s (11.9–13.0)"),
        ((12.34, 12.31, 12.34), "12.3 s"),  # no spread once rounded: no brackets
        ((12.34, None, None), "12.3 s"),
        ((None, None, None), "–"),
    ],
)
def test_a_time_range_shows_min_and_max_only_when_they_differ_once_rounded(
    args: tuple[float | None, float | None, float | None], text: str
) -> None:
    assert units.seconds_range(*args) == text


@pytest.mark.parametrize(
    ("fraction", "signed", "text"),
    [
        (-0.8234, True, "−82.3 %"),
        (0.05, True, "+5.0 %"),
        (-0.00001, True, "±0.0 %"),
        (0.987, False, "98.7 %"),
        (None, True, "–"),
    ],
)
def test_percentages_have_one_decimal_a_space_and_a_true_minus_sign(
    fraction: float | None, signed: bool, text: str
) -> None:
    assert units.percent(fraction, signed=signed) == text


def test_change_is_relative_to_the_old_value_and_unknown_without_one() -> None:
    assert units.change(50, 200) == -0.75
    assert units.change(None, 200) is None
    assert units.change(50, 0) is None


def test_units_note_says_what_a_mb_is() -> None:
    assert "1 MB = 10^6 bytes" in units.UNITS_NOTE


@pytest.mark.parametrize(
    ("n", "signed", "text"),
    [
        (312_400_000, False, "312.4 MB"),
        (1_200_000_000, False, "1.2 GB"),
        (512, False, "512 B"),
        (31_500_000, True, "+31.5 MB"),
        (-2_000, True, "−2.0 kB"),  # the same minus sign as a percentage
        (0, True, "±0 B"),
        (None, False, "–"),
    ],
)
def test_size_picks_the_largest_decimal_unit_and_signs_with_a_true_minus(
    n: int | None, signed: bool, text: str
) -> None:
    assert units.size(n, signed=signed) == text


@pytest.mark.parametrize(("ratio", "text"), [(23.4, "23x"), (3.05, "3.0x"), (None, "–")])
def test_times_gives_a_ratio_two_significant_figures(ratio: float | None, text: str) -> None:
    assert units.times(ratio) == text


def test_every_signed_figure_uses_one_minus_sign() -> None:
    assert units.percent(-0.1, signed=True)[0] == units.size(-1, signed=True)[0] == units.MINUS


def test_the_proof_phrase_says_only_what_is_known() -> None:
    from imgopt.results.units import proof, touched

    assert touched(8_641_597, 922_273_254) == "the app touched 8.6 MB of this 922.3 MB image"
    assert touched(None, 922_273_254) == "" and touched(5, None) == ""
    assert proof(None, None, None) == ""
    assert proof("3 HTTP probes", None, 10) == "checked: 3 HTTP probes"
    assert proof("3 HTTP probes", None, 10, (5_000_000, 20_000_000)) == (
        "checked: 3 HTTP probes; the app touched 5.0 MB of the original's 20.0 MB image"
    )
    assert proof(None, 4_000_000, 8_000_000, (5_000_000, 20_000_000)) == (
        "the app touched 4.0 MB of this 8.0 MB image (5.0 MB of the original's 20.0 MB)"
    )
