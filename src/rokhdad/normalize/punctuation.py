"""Punctuation spacing: no space before «،؛؟!.:» or after «(», one after «،؛؟» before a word.

    >>> space_punctuation("گفت : « ایران » ،امروز")[0]
    'گفت: «ایران»، امروز'

Only plain spaces are removed or added; line breaks are never touched.
"""

from __future__ import annotations

import re

from rokhdad.normalize.chars import LETTER_CLASS
from rokhdad.normalize.offsets import Edit, apply_edits

# Each pattern starts with the mark itself and looks behind only after it, so the regex engine
# skips ahead to the few marks (a leading look-behind made it try every position).
_CLOSING = "،؛؟!.:»)\\]"
_SPACE_BEFORE = re.compile(f"[{_CLOSING}](?<= [{_CLOSING}])")  # a space before closing punctuation
_SPACE_AFTER = re.compile("[«(\\[]( +)")  # space after opening punctuation
_GLUED_COMMA = re.compile(f"[،؛؟](?=[{LETTER_CLASS}«])")  # a word glued after a comma
_GLUED_OPEN = re.compile(f"«(?<=[{LETTER_CLASS}]«)")  # an opening guillemet glued to a word
_GLUED_CLOSE = re.compile(f"»(?=[{LETTER_CLASS}])")  # a word glued after a closing guillemet


def space_punctuation(text: str) -> tuple[str, list[Edit]]:
    """Fix the spaces around Persian punctuation."""
    repl = []
    for m in _SPACE_BEFORE.finditer(text):
        end = start = m.start()
        while start and text[start - 1] == " ":
            start -= 1
        if start and not text[start - 1].isspace():  # spaces after a word, not a line break
            repl.append((start, end, ""))
    repl += [(m.start(1), m.end(1), "") for m in _SPACE_AFTER.finditer(text)]
    repl += [(m.end(), m.end(), " ") for m in _GLUED_COMMA.finditer(text)]
    repl += [(m.start(), m.start(), " ") for m in _GLUED_OPEN.finditer(text)]
    repl += [(m.end(), m.end(), " ") for m in _GLUED_CLOSE.finditer(text)]
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
