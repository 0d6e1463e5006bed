"""Word tokens with character offsets (of whatever string they were cut from).

A token is a run of letters, digits, combining marks and ZWNJs (so «همکاری‌های» stays one
token), or one punctuation character. Whitespace separates tokens and is never one.

    >>> [t.text for t in tokenize("وی گفت: «همکاری‌ها ادامه دارد».")]
    ['وی', 'گفت', ':', '«', 'همکاری\u200cها', 'ادامه', 'دارد', '»', '.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# \w covers Persian/Arabic letters and digits; ZWNJ (U+200C), ZWJ and combining marks join a word.
_TOKEN = re.compile(r"[\w\u200c\u200d\u064b-\u065f\u0670]+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of ``text``; ``offset`` is added to every position (for a slice of a bigger text)."""
    return [Token(m.start() + offset, m.end() + offset, m.group()) for m in _TOKEN.finditer(text)]
