"""Arabic → Persian letters: «ي» «ى» → «ی», «ك» → «ک», «ە»/«ہ» → «ه».

    >>> persian_letters("كتاب علي")[0]
    'کتاب علی'

Policy for «ة» and «ۀ»: both are kept as written. «ة» appears in Arabic names and phrases
(«دائرة المعارف» is also written «دایره‌المعارف», but rewriting it is a spelling choice, not a
normalization), and «ۀ» is the Persian ezafe letter («خانۀ»): replacing it by «ه» or «ه‌ی»
would lose information. One-to-one substitutions: offsets do not move.
"""

from __future__ import annotations

import re

from rokhdad.normalize.offsets import Edit

_PAIRS = (("ي", "ی"), ("ى", "ی"), ("ك", "ک"), ("ە", "ه"), ("ہ", "ه"), ("ۃ", "ة"), ("ێ", "ی"))
_ANY = re.compile("[" + "".join(a for a, _b in _PAIRS) + "]")


def persian_letters(text: str) -> tuple[str, list[Edit]]:
    """Replace Arabic letter variants with their Persian twins (same length, no edits)."""
    if _ANY.search(text) is None:
        return text, []
    for a, b in _PAIRS:  # str.replace is much faster than str.translate on non-ASCII text
        if a in text:
            text = text.replace(a, b)
    return text, []
