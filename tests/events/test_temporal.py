import datetime as dt

import pytest

from rokhdad.events.temporal import historical_hint, is_hypothetical, resolve_date

TUESDAY = dt.date(2025, 11, 25)  # 4 Azar 1404


@pytest.mark.parametrize(
    "text, expected",
    [
        ("وی روز دوشنبه در تهران گفت", dt.date(2025, 11, 24)),
        ("شامگاه شنبه افراد مسلح حمله کردند", dt.date(2025, 11, 22)),
        ("سه‌شنبه", TUESDAY),
        ("دیروز اعلام شد", dt.date(2025, 11, 24)),
        ("هفته گذشته", dt.date(2025, 11, 18)),
        ("۴ آذر ۱۴۰۴", TUESDAY),
        ("روز 9 دی ماه 1397", dt.date(2018, 12, 30)),
        ("در ۲ آذر", dt.date(2025, 11, 23)),  # no year: the article's Jalali year
        ("در ۲۰ اسفند", dt.date(2025, 3, 10)),  # after the article date: last year's
        ("بدون تاریخ", TUESDAY),
    ],
)
def test_dates_resolve_against_the_article(text, expected):
    assert resolve_date(text, TUESDAY) == expected


def test_background_events_take_no_default_date():
    assert resolve_date("حملات اخیر", TUESDAY, default=None) is None
    assert resolve_date("حمله روز دوشنبه", TUESDAY, default=None) == dt.date(2025, 11, 24)


def test_no_article_date_no_event_date():
    assert resolve_date("دیروز", None) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("اگر آمریکا به ایران", True),
        ("در صورتی که اسرائیل", True),
        ("هرگونه اقدام نظامی", True),
        ("وزیر گفت", False),
        # «هرگونه» and «احتمالی» qualify only the noun right after them
        ("اهداف احتمالی", True),
        ("وزیر درباره هرگونه حمله آمریکا به ایران", False),
    ],
)
def test_hypothetical(text, expected):
    assert is_hypothetical(text) is expected


@pytest.mark.parametrize(
    "text, expected",
    [("حملات اخیر اسرائیل", True), ("در پی حمله", True), ("حمله کرده بود", True), ("حمله کرد", False)],
)
def test_historical(text, expected):
    assert historical_hint(text) is expected
