import datetime as dt

import pytest

from rokhdad.dates import DateError, parse_date

TODAY = dt.date(2026, 11, 29)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2025-11-25", dt.date(2025, 11, 25)),
        ("2018-12-30T10:22:00", dt.date(2018, 12, 30)),
        ("2025/11/25", dt.date(2025, 11, 25)),
        ("1404/09/04", dt.date(2025, 11, 25)),  # Jalali, Latin digits
        ("۱۴۰۴-۰۹-۰۴", dt.date(2025, 11, 25)),  # Jalali, Persian digits
        ("١٤٠٤/٠٩/٠٤", dt.date(2025, 11, 25)),  # Jalali, Arabic-Indic digits
        ("1387-07-06", dt.date(2008, 9, 27)),  # a Fars News jalali_date
        ("۲۰۲۵-۱۱-۲۵", dt.date(2025, 11, 25)),  # Gregorian in Persian digits
        ("1404/1/1", dt.date(2025, 3, 21)),  # Nowruz, single-digit month and day
    ],
)
def test_reads_gregorian_and_jalali(raw, expected):
    assert parse_date(raw, today=TODAY) == expected


@pytest.mark.parametrize("empty", [None, "", "   "])
def test_empty_is_no_date(empty):
    assert parse_date(empty, today=TODAY) is None


@pytest.mark.parametrize(
    "raw, why",
    [
        ("2025-13-01", "impossible"),
        ("2025-02-30", "impossible"),
        ("1404/12/31", "impossible"),  # Esfand 1404 has 29 days
        ("1404/07/31", "impossible"),  # Mehr has 30 days
        ("3025-01-01", "future"),
        ("1250-01-01", "before"),  # Jalali 1250 = 1871
        ("دیروز", "unreadable"),
        ("25/11/2025", "unreadable"),
    ],
)
def test_bad_dates_say_why(raw, why):
    with pytest.raises(DateError, match=why):
        parse_date(raw, today=TODAY)
