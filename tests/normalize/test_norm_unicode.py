"""Sub-step «unicode»: invisible controls and bidi marks out, odd spaces to plain spaces."""

from __future__ import annotations

import pytest

from rokhdad.normalize.unicode import clean_unicode


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("سلام\u200f دنیا", "سلام دنیا"),  # right-to-left mark
        ("\u202bخبرگزاری فارس\u202c", "خبرگزاری فارس"),  # embedding
        ("\ufeffبه گزارش ایرنا", "به گزارش ایرنا"),  # BOM
        ("تهران\u00a0و\u2009مشهد", "تهران و مشهد"),  # no-break and thin spaces
        ("ایران\u200dی", "ایرانی"),  # stray zero-width joiner
        ("\ufefb ", "لا "),  # presentation form of «لا»
        ("خط۱\nخط۲\r\nخط۳\u2028", "خط۱\nخط۲\r\nخط۳\u2028"),  # line breaks untouched
        ("می\u200cشود", "می\u200cشود"),  # ZWNJ is not this step's business
    ],
)
def test_table(raw: str, expected: str) -> None:
    assert clean_unicode(raw)[0] == expected


def test_deletion_is_recorded_as_an_edit() -> None:
    text, edits = clean_unicode("الف\u200fب")
    assert text == "الفب"
    assert edits == [(3, 4, 3, 3)]
