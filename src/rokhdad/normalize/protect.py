"""Spans that no sub-step may rewrite: URLs, e-mail addresses, ISO dates/times, decimals, Latin words.

>>> [m for m in protected_spans("ببینید https://farsnews.ir/a?b=1 ساعت 12:30")]
[(7, 32), (38, 43)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_PROTECT = re.compile(
    r"(?=[A-Za-z0-9\d])"  # a cheap gate: every protected span starts with a Latin letter or a digit
    # URLs, Persian slugs included (normalize() removes invisible controls before it looks)
    r"(?:(?:https?://|ftp://|www\.)[^\s«»\"'<>]+"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"  # e-mail addresses
    r"|\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"  # ISO dates
    r"|\d{1,2}:\d{2}(?::\d{2})?"  # times
    r"|\d+(?:[.,٫/]\d+)+"  # decimals, grouped numbers, numeric dates
    # Latin words, ending before a glued URL («ahttp://…» is «a» and a URL)
    r"|[A-Za-z](?:(?!https?://|ftp://|www\.)[A-Za-z0-9])*(?:['’._-](?:(?!https?://|ftp://|www\.)[A-Za-z0-9])+)*)"
)


def protected_spans(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every protected span, in order."""
    for m in _PROTECT.finditer(text):
        yield m.start(), m.end()
