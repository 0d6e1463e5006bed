"""Sub-step «zwnj»: words written without their ZWNJs get them back; words that have none stay."""

from __future__ import annotations

import pytest

from rokhdad.normalize import normalize
from rokhdad.normalize.zwnj import restore_zwnj

Z = "\u200c"

RESTORED = [
    # verb prefixes می/نمی with conjugations, and with a preverb
    ("میشود", f"می{Z}شود"),
    ("نمیشود", f"نمی{Z}شود"),
    ("میکنند", f"می{Z}کنند"),
    ("میخواهیم", f"می{Z}خواهیم"),
    ("میرفتیم", f"می{Z}رفتیم"),
    ("نمیتوانستند", f"نمی{Z}توانستند"),
    ("میداند", f"می{Z}داند"),
    ("برمیگردد", f"برمی{Z}گردد"),
    ("درمیآید", f"درمی{Z}آید"),
    # plural ها/های/هایی
    ("کتابها", f"کتاب{Z}ها"),
    ("روشهای", f"روش{Z}های"),
    ("ملتهایی", f"ملت{Z}هایی"),
    ("گروههای", f"گروه{Z}های"),
    ("ناامنیهای", f"ناامنی{Z}های"),
    ("همکاریهاست", f"همکاری{Z}هاست"),
    # comparative تر/ترین
    ("بزرگتر", f"بزرگ{Z}تر"),
    ("بزرگترین", f"بزرگ{Z}ترین"),
    ("مهمترین", f"مهم{Z}ترین"),
    # pronominal and copular suffixes after ه and ی
    ("بیانیهای", f"بیانیه{Z}ای"),
    ("منطقهای", f"منطقه{Z}ای"),
    ("کردهاند", f"کرده{Z}اند"),
    ("رفتهایم", f"رفته{Z}ایم"),
    ("زندگیاش", f"زندگی{Z}اش"),
    # compounds and light-verb nouns
    ("نشاندهنده", f"نشان{Z}دهنده"),
    ("گفتوگو", f"گفت{Z}وگو"),
    ("روبهرو", f"روبه{Z}رو"),
    ("اسلامآباد", f"اسلام{Z}آباد"),
    ("سهجانبه", f"سه{Z}جانبه"),
    ("بهرهبرداری", f"بهره{Z}برداری"),
    ("موضعگیریها", f"موضع{Z}گیری{Z}ها"),
]

UNTOUCHED = [
    "میز",
    "میهن",
    "تهران",
    "هانی",
    "ترانه",
    "تراکتور",
    "نمایش",
    "همایش",
    "میدان",
    "میلیون",
    "تنها",
    "بیشتر",
    "همکاری",
    "دانشجویان",
    "کشورها",
    "غذاها",
]


@pytest.mark.parametrize("raw, expected", RESTORED)
def test_restored(raw: str, expected: str) -> None:
    assert restore_zwnj(raw)[0] == expected


@pytest.mark.parametrize("word", UNTOUCHED)
def test_words_without_zwnj_untouched(word: str) -> None:
    assert restore_zwnj(word) == (word, [])


def test_in_running_text_with_punctuation() -> None:
    text = "پاکستان با تروریسم مقابله میکند و همکاری ایران را مهم میداند."
    assert restore_zwnj(text)[0] == f"پاکستان با تروریسم مقابله می{Z}کند و همکاری ایران را مهم می{Z}داند."


def test_existing_zwnj_words_are_trusted() -> None:
    text = f"هم{Z}اکنون می{Z}شود"
    assert restore_zwnj(text) == (text, [])


def test_insertions_map_back_to_empty_spans() -> None:
    nt = normalize("میشود")
    assert nt.text == f"می{Z}شود"
    assert nt.to_original(2, 3) == (2, 2)  # the ZWNJ came from nowhere
    assert nt.to_original(0, 6) == (0, 5)


def test_switch_off() -> None:
    assert normalize("میشود", {"zwnj": False}).text == "میشود"
