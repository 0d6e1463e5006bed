"""Repeated spaces: each run of plain spaces becomes one space.

    >>> collapse_spaces("ایران   و    پاکستان")[0]
    'ایران و پاکستان'

Tabs and line breaks are kept (line-for-line output depends on it).
"""

from __future__ import annotations

import re

from rokhdad.normalize.offsets import Edit, apply_edits

_RUN = re.compile("  +")


def collapse_spaces(text: str) -> tuple[str, list[Edit]]:
    """Replace runs of two or more spaces by one."""
    if "  " not in text:
        return text, []
    return apply_edits(text, ((m.start() + 1, m.end(), "") for m in _RUN.finditer(text)))
