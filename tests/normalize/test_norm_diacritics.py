"""Sub-step «diacritics»: vowel marks and tatweel removed, hamza above kept."""

from __future__ import annotations

import pytest

from rokhdad.normalize.diacritics import remove_diacritics


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("مُحَمَّد", "محمد"),
        ("کاملاً", "کاملا"),
        ("ایـــران", "ایران"),  # tatweel
        ("الرَّحمٰن", "الرحمن"),  # superscript alef
        ("خانهٔ ملت", "خانهٔ ملت"),  # hamza above is spelling
        ("بدون اعراب", "بدون اعراب"),
    ],
)
def test_table(raw: str, expected: str) -> None:
    assert remove_diacritics(raw)[0] == expected
