"""When an event happened, and whether it is asserted as fact.

Dates in the text are resolved against the article date with jdatetime:

    >>> import datetime as dt
    >>> resolve_date("وی روز دوشنبه گفت", dt.date(2025, 11, 25))   # a Tuesday
    datetime.date(2025, 11, 24)
    >>> resolve_date("۴ آذر ۱۴۰۴", dt.date(2025, 12, 1))
    datetime.date(2025, 11, 25)
"""

from __future__ import annotations

import datetime as dt
import re

import jdatetime

from rokhdad.dates import DIGITS

# Python's weekday(): Monday = 0.
WEEKDAYS = {"دوشنبه": 0, "سه‌شنبه": 1, "سهشنبه": 1, "سه شنبه": 1, "چهارشنبه": 2, "چهار شنبه": 2,
            "پنجشنبه": 3, "پنج‌شنبه": 3, "پنج شنبه": 3, "جمعه": 4, "شنبه": 5, "یکشنبه": 6, "یک‌شنبه": 6,
            "یک شنبه": 6}  # fmt: skip
JALALI_MONTHS = {"فروردین": 1, "اردیبهشت": 2, "خرداد": 3, "تیر": 4, "مرداد": 5, "شهریور": 6, "مهر": 7,
                 "آبان": 8, "آذر": 9, "دی": 10, "بهمن": 11, "اسفند": 12}  # fmt: skip
RELATIVE_DAYS = {"امروز": 0, "امشب": 0, "دیروز": -1, "دیشب": -1, "پریروز": -2, "روز گذشته": -1,
                 "شب گذشته": -1, "هفته گذشته": -7, "هفته پیش": -7, "ماه گذشته": -30, "ماه پیش": -30,
                 "فردا": 1}  # fmt: skip

_Z = r"[\s\u200c]*"
_EXPLICIT = re.compile(
    r"(?<!\d)(\d{1,2})"
    + _Z
    + r"("
    + "|".join(JALALI_MONTHS)
    + r")(?:"
    + _Z
    + r"ماه)?(?:"
    + _Z
    + r"(\d{4}))?(?!\d)"
)
_WEEKDAY = re.compile(
    r"(?<![\w\u200c])(?:روز|شامگاه|بامداد|صبح|ظهر|عصر|شب)?"
    + _Z
    + r"("
    + "|".join(sorted((w.replace(" ", _Z).replace("\u200c", _Z) for w in WEEKDAYS), key=len, reverse=True))
    + r")(?![\w\u200c])"
)
_RELATIVE = re.compile(
    r"(?<![\w\u200c])("
    + "|".join(sorted((w.replace(" ", _Z) for w in RELATIVE_DAYS), key=len, reverse=True))
    + r")(?![\w\u200c])"
)


def _key(word: str) -> str:
    return re.sub(r"[\s\u200c]+", "", word)


_WEEKDAY_KEYS = {_key(k): v for k, v in WEEKDAYS.items()}
_RELATIVE_KEYS = {_key(k): v for k, v in RELATIVE_DAYS.items()}


_KEEP = object()


def resolve_date(text: str, article_date: dt.date | None, default: object = _KEEP) -> dt.date | None:
    """The date a clause gives itself, resolved against the article date; else ``default``
    (the article date unless given: background events take ``None``)."""
    if article_date is None:
        return None
    fallback = article_date if default is _KEEP else default
    t = text.translate(DIGITS)
    m = _EXPLICIT.search(t)
    if m:
        day, month = int(m.group(1)), JALALI_MONTHS[m.group(2)]
        jy = int(m.group(3)) if m.group(3) else jdatetime.date.fromgregorian(date=article_date).year
        try:
            found = jdatetime.date(jy, month, day).togregorian()
        except ValueError:
            found = None
        if found is not None:
            # "۴ آذر" without a year, after the article date: last year's.
            if not m.group(3) and found > article_date:
                try:
                    found = jdatetime.date(jy - 1, month, day).togregorian()
                except ValueError:
                    return fallback  # type: ignore[return-value]
            return found
    m = _RELATIVE.search(t)
    if m:
        return article_date + dt.timedelta(days=_RELATIVE_KEYS[_key(m.group(1))])
    m = _WEEKDAY.search(t)
    if m:
        wd = _WEEKDAY_KEYS[_key(m.group(1))]
        back = (article_date.weekday() - wd) % 7
        return article_date - dt.timedelta(days=back)
    return fallback  # type: ignore[return-value]


# «اگرچه / اگر چه» ("although") concedes a fact; it is not a condition.
_HYPOTHETICAL = re.compile(
    r"(?<![\w\u200c])(اگر(?![\s\u200c]*چه(?![\w\u200c]))|درصورتی|در صورتی|در صورت|چنانچه|احتمال|ممکن است|احتمالا|احتمالاً)(?![\w\u200c])"
)
# Words that make only the noun they qualify hypothetical («هرگونه اقدام نظامی», «حمله احتمالی»):
# they count only just before the trigger, not anywhere in its clause.
_HYPOTHETICAL_NEAR = re.compile(r"(?<![\w\u200c])(هرگونه|هر[\s\u200c]+گونه|احتمالی|احتمالي)(?![\w\u200c])")
_WORDS = re.compile(r"[^\s\u200c]+(?:[\s\u200c]+|$)")
_FUTURE_HINTS = re.compile(
    r"(?<![\w\u200c])(قرار است|قرار شد|به زودی|بزودی|فردا|آینده|در نظر دارد|قصد دارد|برنامه دارد|خواهد|خواهند)(?![\w\u200c])"
)
_HISTORICAL_HINTS = re.compile(
    r"(?<![\w\u200c])(اخیر|گذشته|پیشین|سابق|در پی|پس از|بعد از|در واکنش به|در دوران|سال\s*\d{4}|[\w\u200c]+ه[\s\u200c]+بود(ند)?)(?![\w\u200c])"
)


def is_hypothetical(before_trigger: str) -> bool:
    """«اگر»، «در صورتی که» before the trigger in its clause; «هرگونه»، «احتمالی» within its last
    three words («هرگونه اقدام نظامی **علیه**», not «درباره هرگونه حمله آمریکا به ایران **هشدار داد**»)."""
    text = before_trigger.translate(DIGITS)
    if _HYPOTHETICAL.search(text):
        return True
    near = "".join(_WORDS.findall(text)[-3:])
    return bool(_HYPOTHETICAL_NEAR.search(near))


def future_hint(window: str) -> bool:
    """A future marker near the trigger («قرار است», «به زودی», «خواهد»)."""
    return bool(_FUTURE_HINTS.search(window))


def historical_hint(window: str) -> bool:
    """Background markers around the trigger («اخیر», «در پی», past perfect «کرده بود»)."""
    return bool(_HISTORICAL_HINTS.search(window.translate(DIGITS)))
