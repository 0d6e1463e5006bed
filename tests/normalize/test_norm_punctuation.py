"""Sub-step «punctuation»: spaces around Persian punctuation."""

from __future__ import annotations

import pytest

from rokhdad.normalize.punctuation import space_punctuation


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("تهران ، مشهد", "تهران، مشهد"),
        ("تهران،مشهد", "تهران، مشهد"),
        ("چرا ؟", "چرا؟"),
        ("گفت : « یکصدا و یکدل » است", "گفت: «یکصدا و یکدل» است"),
        ("اعلام کرد«پاسخ قاطع»است", "اعلام کرد «پاسخ قاطع» است"),
        ("( ص )", "(ص)"),
        ("پایان .", "پایان."),
        ("۱۲،۵", "۱۲،۵"),  # comma between digits: no space added
        ("سطر اول ،\nسطر دوم", "سطر اول،\nسطر دوم"),  # the line break stays
    ],
)
def test_table(raw: str, expected: str) -> None:
    assert space_punctuation(raw)[0] == expected
