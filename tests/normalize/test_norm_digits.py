"""Sub-steps «digits_persian» / «digits_ascii» (digits are kept by default)."""

from __future__ import annotations

import pytest

from rokhdad.normalize import normalize
from rokhdad.normalize.digits import digits_ascii, digits_persian


@pytest.mark.parametrize(
    "raw, persian, ascii_",
    [
        ("سال 1403", "سال ۱۴۰۳", "سال 1403"),
        ("۲۵ آبان", "۲۵ آبان", "25 آبان"),
        ("٢٠٢٤ میلادی", "۲۰۲۴ میلادی", "2024 میلادی"),  # Arabic-Indic digits
    ],
)
def test_table(raw: str, persian: str, ascii_: str) -> None:
    assert digits_persian(raw)[0] == persian
    assert digits_ascii(raw)[0] == ascii_


def test_default_keeps_digits() -> None:
    assert normalize("۱۲ نفر و 12 نفر").text == "۱۲ نفر و 12 نفر"


def test_switch_through_normalize() -> None:
    assert normalize("۱۲ نفر", {"digits_ascii": True}).text == "12 نفر"
    assert normalize("12 نفر", {"digits_persian": True}).text == "۱۲ نفر"
