"""Punctuation spacing: no space before «،؛؟!.:» or after «(», one after «،؛؟» before a word.

    >>> space_punctuation("گفت : « ایران » ،امروز")[0]
    'گفت: «ایران»، امروز'

Only plain spaces are removed or added; line breaks are never touched.
"""

from __future__ import annotations

import re

from rokhdad.normalize.chars import LETTER_CLASS
from rokhdad.normalize.offsets import Edit, apply_edits

_SPACE_BEFORE = re.compile("(?<=\\S)( +)[،؛؟!.:»)\\]]")  # space before closing punctuation
_SPACE_AFTER = re.compile("[«(\\[]( +)")  # space after opening punctuation
_GLUED_COMMA = re.compile(f"[،؛؟](?=[{LETTER_CLASS}«])")  # a word glued after a comma
_GLUED_OPEN = re.compile(f"[{LETTER_CLASS}](?=«)")  # an opening guillemet glued to a word
_GLUED_CLOSE = re.compile(f"»(?=[{LETTER_CLASS}])")  # a word glued after a closing guillemet


def space_punctuation(text: str) -> tuple[str, list[Edit]]:
    """Fix the spaces around Persian punctuation."""
    repl = [(m.start(1), m.end(1), "") for m in _SPACE_BEFORE.finditer(text)]
    repl += [(m.start(1), m.end(1), "") for m in _SPACE_AFTER.finditer(text)]
    for rx in (_GLUED_COMMA, _GLUED_OPEN, _GLUED_CLOSE):
        repl += [(m.end(), m.end(), " ") for m in rx.finditer(text)]
    if not repl:
        return text, []
    repl.sort()
    # «ا«  !»: the same spaces lie after one mark and before the next; delete them once.
    merged: list[tuple[int, int, str]] = []
    for a, b, new in repl:
        if not merged or a >= merged[-1][1]:
            merged.append((a, b, new))
        elif not new and not merged[-1][2]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]), "")
        # else: an insertion inside spaces being deleted; the deletion wins
    return apply_edits(text, merged)
