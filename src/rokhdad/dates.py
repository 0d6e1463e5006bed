"""Article dates: ISO Gregorian or Jalali (Solar Hijri), in Latin, Persian or Arabic digits.

>>> parse_date("2025-11-25")
datetime.date(2025, 11, 25)
>>> parse_date("۱۴۰۴/۰۹/۰۴")
datetime.date(2025, 11, 25)
"""

from __future__ import annotations

import datetime as dt
import re

import jdatetime

# Persian (U+06F0..) and Arabic-Indic (U+0660..) digits to ASCII.
DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")

_DATE = re.compile(r"^\s*(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:[T\s].*)?$")
# Years below this are Solar Hijri: the Jalali calendar is ~621 years behind.
_JALALI_BEFORE = 1700
# The earliest article date we accept; anything older is a typo, not news.
EARLIEST = dt.date(1900, 1, 1)
# A date more than this far past today is a typo or a bad clock.
MAX_FUTURE = dt.timedelta(days=366)


class DateError(ValueError):
    """A date that cannot be read or cannot be true."""


def parse_date(value: str | dt.date | None, *, today: dt.date | None = None) -> dt.date | None:
    """Read an article date; ``None`` or empty gives ``None``; nonsense raises :class:`DateError`."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return _check(value, str(value), today)
    raw = str(value)
    s = raw.translate(DIGITS).strip()
    if not s:
        return None
    m = _DATE.match(s)
    if not m:
        raise DateError(f"unreadable date {raw!r} (expected YYYY-MM-DD or a Jalali YYYY/MM/DD)")
    y, mo, d = (int(g) for g in m.groups())
    try:
        if y < _JALALI_BEFORE:
            date = jdatetime.date(y, mo, d).togregorian()
        else:
            date = dt.date(y, mo, d)
    except ValueError as exc:
        raise DateError(f"impossible date {raw!r}: {exc}") from None
    return _check(date, raw, today)


def _check(date: dt.date, raw: str, today: dt.date | None) -> dt.date:
    today = today or dt.date.today()
    if date < EARLIEST:
        raise DateError(f"implausible date {raw!r}: before {EARLIEST.isoformat()}")
    if date > today + MAX_FUTURE:
        raise DateError(f"implausible date {raw!r}: more than a year in the future")
    return date
