"""Spelling-insensitive keys for word lists (clusters, gazetteers).

Persian text writes the same word with or without a ZWNJ, with a space, with Arabic
ي/ك, or with diacritics. Keys drop all of that so a lookup does not depend on which
normalizer ran::

    >>> word_key("همکاری‌ها") == word_key("همکاريها")
    True
    >>> word_key("آمریکا") == word_key("امريكا")
    True
    >>> word_key("۱۴۰۳")
    '0000'
"""

from __future__ import annotations

import re

_DROP = re.compile(r"[\u200c\u200d\u0640\u064b-\u065f\u0670\s]")
_DIGIT = re.compile(r"\d")
_LETTERS = str.maketrans(
    {"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "أ": "ا", "إ": "ا", "ٱ": "ا", "آ": "ا"}
)


def word_key(token: str) -> str:
    """The lookup key of a token: no ZWNJ/space/diacritics, Persian letters, digits as ``0``."""
    return _DIGIT.sub("0", _DROP.sub("", token).translate(_LETTERS)).lower()
