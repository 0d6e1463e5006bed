"""Character classes shared by the normalization sub-steps (regex-ready strings)."""

from __future__ import annotations

import re

ZWNJ = "\u200c"

# Letters of Persian words (Arabic block letters, Persian additions, hamza above for «خانهٔ»).
LETTER_CLASS = "\u0620-\u064a\u0654\u066e-\u06d3\u06d5\u06fa-\u06fc"
"""Inside a regex ``[...]``: the letters that make up Persian (and Arabic-script) words."""

NON_JOINING = frozenset("اآأإٱٲٳدذرزژوؤةءۀۂۃەۅۆۇۈۉۊۋۏ")
"""Letters that never join the next one: a ZWNJ after them is invisible and wrong («غذا‌ها»)."""

LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
"""Everything ``str.splitlines`` breaks on: no sub-step ever changes these."""


def joins_next(word: str) -> bool:
    """Does the last letter of ``word`` join the next one, so a ZWNJ after it means something?

    A hamza above («خانهٔ») rides on the letter before it. ``joins_next("کتاب")`` is True,
    ``joins_next("غذا")`` is False.
    """
    w = word[:-1] if word.endswith("\u0654") else word
    return bool(w) and w[-1] in _JOINING_LETTERS


def zwnj_fits(before: str, after: str) -> bool:
    """Would a ZWNJ between ``before`` and ``after`` do its job: after a letter that joins the
    next one and before a letter, not before the hamza above that rides on the letter before
    («خانهٔ»)? Every other ZWNJ is one the ``wrong_zwnj`` step removes.

    >>> zwnj_fits("کتاب", "ها"), zwnj_fits("غذا", "ها"), zwnj_fits("دهنده", "\u0654ب")
    (True, False, False)
    """
    return joins_next(before) and after[:1] != "\u0654" and _LETTER.match(after) is not None


_LETTER = re.compile(f"[{LETTER_CLASS}]")

_JOINING_LETTERS = (
    frozenset(
        chr(c) for r in ((0x0620, 0x064A), (0x066E, 0x06D3), (0x06FA, 0x06FC)) for c in range(r[0], r[1] + 1)
    )
    - NON_JOINING
    - frozenset("\u0640")
)

JOINING_CLASS = "".join(sorted(_JOINING_LETTERS))
"""Inside a regex ``[...]``: the letters that join the next one."""
