import json

import pytest

from conftest import GOLD, need
from rokhdad.read import read_file
from rokhdad.segment import split_sentences


def pieces(text):
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_splits_at_stops_and_line_breaks():
    text = "ایران و پاکستان همسایه‌اند. آیا همکاری ادامه می‌یابد؟ بله!\nعنوان بعدی\n\nمتن"
    assert pieces(text) == [
        "ایران و پاکستان همسایه‌اند.",
        "آیا همکاری ادامه می‌یابد؟",
        "بله!",
        "عنوان بعدی",
        "متن",
    ]


def test_not_inside_numbers():
    text = "نرخ رشد ۳.۵ درصد و تورم 12.4 درصد بود. پایان."
    assert pieces(text) == ["نرخ رشد ۳.۵ درصد و تورم 12.4 درصد بود.", "پایان."]


@pytest.mark.parametrize(
    "text, n",
    [
        ("سفیر ج.ا. ایران در لندن گفت: همکاری ادامه دارد.", 1),
        ("He met Dr. Smith in Tehran. Then he left.", 2),
        ("the U.S. Treasury imposed sanctions. Iran condemned them.", 2),
    ],
)
def test_not_after_abbreviations(text, n):
    assert len(pieces(text)) == n


def test_offsets_slice_the_text_exactly():
    text = "  وی افزود: «این اقدام محکوم است.»  \n\n  لاریجانی گفت: بله.  "
    for s in split_sentences(text):
        assert text[s.start : s.end] == text[s.start : s.end].strip()
        assert s.label_ == "SENT" and s.start_char == s.start


def test_all_gold_articles_split_as_gold():
    files = sorted(need(GOLD).glob("*.txt"))
    assert len(files) >= 40
    for f in files:
        article = next(read_file(f))
        gold = json.loads(f.with_suffix(".json").read_text(encoding="utf-8"))
        assert pieces(article.text) == gold["sentences"], f.name
