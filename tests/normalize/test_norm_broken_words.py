"""Sub-step «broken_words»: a word broken before its «ی» is rejoined."""

from __future__ import annotations

import pytest

from rokhdad.normalize import normalize
from rokhdad.normalize.zwnj import repair_broken_words

Z = "\u200c"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("همکار یهای دوجانبه", f"همکاری{Z}های دوجانبه"),
        ("درباره همکار یهای", f"درباره همکاری{Z}های"),
        ("کشور یها", "کشور یها"),  # «کشوریها» is no word: left alone
        ("یک یار", "یک یار"),
    ],
)
def test_table(raw: str, expected: str) -> None:
    assert repair_broken_words(raw)[0] == expected


def test_offsets_of_the_swap() -> None:
    raw = "همکار یهای"
    nt = normalize(raw)
    assert nt.text == f"همکاری{Z}های"
    assert nt.to_original(0, len(nt.text)) == (0, len(raw))
    s, e = nt.from_original(7, 10)  # «های»
    assert nt.text[s:e] == "های"


def test_switch_off() -> None:
    assert normalize("همکار یهای", {"broken_words": False}).text == "همکار یهای"
