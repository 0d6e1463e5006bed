"""Sub-step «letters»: Arabic letter variants → Persian; «ة» and «ۀ» kept (documented policy)."""

from __future__ import annotations

import pytest

from rokhdad.normalize.letters import persian_letters


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("رئيس اداره كل", "رئیس اداره کل"),
        ("مي شود", "می شود"),
        ("مصطفى", "مصطفی"),  # alef maksura
        ("كشور ايران", "کشور ایران"),
        ("دائرة المعارف", "دائرة المعارف"),  # ة kept
        ("خانۀ ملت", "خانۀ ملت"),  # ۀ kept
        ("رشتهٔ مطالعاتی", "رشتهٔ مطالعاتی"),  # hamza above kept
    ],
)
def test_table(raw: str, expected: str) -> None:
    assert persian_letters(raw) == (expected, [])
