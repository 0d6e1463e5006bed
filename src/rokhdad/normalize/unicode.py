"""Unicode clean-up: invisible controls and bidi marks out, odd spaces to plain spaces.

    >>> clean_unicode("سلام\u200f دنیا\u00a0!")[0]
    'سلام دنیا !'

Line breaks (``\\n``, ``\\r``, U+2028 …) are never touched. Arabic presentation forms
(«ﻻ», «ﻙ») are replaced by their NFKC letters.
"""

from __future__ import annotations

import re
import unicodedata

from rokhdad.normalize.offsets import Edit, apply_edits

# C0/C1 controls except tab and line breaks, bidi marks and embeddings, BOM, soft hyphen,
# zero-width joiner/space, Arabic letter mark.
_DELETE = re.compile(
    "[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u00ad\u061c\u200b\u200d\u200e\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]+"
)
_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")
# Most texts hold none of the three: one scan for all of them, then only the ones needed.
_ANY = re.compile(
    "[" + "".join(rx.pattern.rstrip("+")[1:-1] for rx in (_DELETE, _SPACES, _PRESENTATION)) + "]"
)


def _nfkc(ch: str) -> str:
    out = unicodedata.normalize("NFKC", ch)
    return out if out.strip() else ch


def clean_unicode(text: str) -> tuple[str, list[Edit]]:
    """Delete invisible controls and bidi marks, map odd spaces to U+0020, expand presentation forms."""
    if not _ANY.search(text):
        return text, []
    if _SPACES.search(text):
        text = _SPACES.sub(" ", text)
    repl = [(m.start(), m.end(), "") for m in _DELETE.finditer(text)]
    if _PRESENTATION.search(text):
        repl += [(m.start(), m.end(), _nfkc(m.group())) for m in _PRESENTATION.finditer(text)]
        repl.sort()
        repl = [r for r in repl if r[1] - r[0] != len(r[2]) or r[2] != text[r[0] : r[1]]]
    if not repl:
        return text, []
    return apply_edits(text, repl)
