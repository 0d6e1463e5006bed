"""Diacritics (harakat, tanwin, shadda, superscript alef) and tatweel removed.

    >>> remove_diacritics("مُحَمَّد ـــ اَست")[0]
    'محمد  است'

The hamza above «ٔ» (ezafe in «خانهٔ») and maddah are kept: they are spelling, not vocalization.
"""

from __future__ import annotations

import re

from rokhdad.normalize.offsets import Edit, apply_edits

_MARKS = re.compile("[\u064b-\u0652\u0656-\u065f\u0670\u0640]+")


def remove_diacritics(text: str) -> tuple[str, list[Edit]]:
    """Delete vowel marks and tatweel."""
    if not _MARKS.search(text):
        return text, []
    return apply_edits(text, ((m.start(), m.end(), "") for m in _MARKS.finditer(text)))
