"""Sentence segmentation with offsets into the original text.

The rule is the one of the event contract (``../shared/spec/events.md``): a sentence
ends at ``.``, ``!``, ``؟`` or ``?`` followed by whitespace, and at every line break.
A full stop inside a number (``۳.۵``) is never followed by a space, so it never splits;
a full stop after a known abbreviation or a single initial (``ج.ا.``, ``U.S.``) does
not end the sentence either.

    >>> text = "وی گفت: رشد ۳.۵ درصد بود. او افزود: خوب است!"
    >>> [text[s.start:s.end] for s in split_sentences(text)]
    ['وی گفت: رشد ۳.۵ درصد بود.', 'او افزود: خوب است!']
"""

from __future__ import annotations

import re
from functools import lru_cache

from rokhdad.document import Span
from rokhdad.resources import read_lines

_BOUNDARY = re.compile(r"(?<=[.!؟?])[^\S\n]+|\n+")
# A lone letter before a full stop is an initial ("ج.", "U."), not the end of a sentence.
_INITIAL = re.compile(r"(?:^|[\s.(«])\w\.$")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Words that end in a full stop without ending the sentence (resource file)."""
    return frozenset(read_lines("abbreviations.txt"))


def _is_abbreviation(text: str, end: int) -> bool:
    """True when the full stop just before ``end`` closes an abbreviation."""
    if end == 0 or text[end - 1] != ".":
        return False
    before = text[max(0, end - 16) : end]
    if _INITIAL.search(before):
        return True
    word = before.split()[-1] if before.split() else ""
    return word in abbreviations()


def split_sentences(text: str) -> list[Span]:
    """Sentence spans of ``text``: stripped, empty pieces dropped, offsets into ``text``."""
    spans: list[Span] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group().strip(" \t\r\f\v") == "" and "\n" not in m.group() and _is_abbreviation(text, m.start()):
            continue
        _add(spans, text, start, m.start())
        start = m.end()
    _add(spans, text, start, len(text))
    return spans


def _add(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end, "SENT"))
