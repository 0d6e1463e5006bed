"""Sub-step «space_zwnj»: a space that stands for a ZWNJ becomes one."""

from __future__ import annotations

import pytest

from rokhdad.normalize import normalize
from rokhdad.normalize.zwnj import repair_spaces

Z = "\u200c"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("می شود", f"می{Z}شود"),
        ("نمی توانند", f"نمی{Z}توانند"),
        ("روش های نو", f"روش{Z}های نو"),
        ("کشور ها", "کشورها"),  # after a non-joining letter the space just goes
        ("بزرگ ترین", f"بزرگ{Z}ترین"),
        ("خانه ای بزرگ", f"خانه{Z}ای بزرگ"),
        ("کرده اند", f"کرده{Z}اند"),
        ("نشان دهنده", f"نشان{Z}دهنده"),
        ("اسلام آباد", f"اسلام{Z}آباد"),
        ("بین المللی", f"بین{Z}المللی"),
        # genuine spaces stay
        ("کتاب خوب", "کتاب خوب"),
        ("در این باره", "در این باره"),
        ("ای کاش", "ای کاش"),
        ("ماه می ۲۰۲۳", "ماه می ۲۰۲۳"),
        ("آن ها را دید", f"آن{Z}ها را دید"),
    ],
)
def test_table(raw: str, expected: str) -> None:
    assert repair_spaces(raw)[0] == expected


def test_newline_is_not_a_space() -> None:
    assert repair_spaces("روش\nهای")[0] == "روش\nهای"


def test_switch_off() -> None:
    assert normalize("می شود", {"space_zwnj": False}).text == "می شود"
