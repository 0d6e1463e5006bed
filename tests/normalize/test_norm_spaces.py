"""Sub-step «spaces»: runs of spaces become one; tabs and line breaks stay."""

from __future__ import annotations

import pytest

from rokhdad.normalize.spaces import collapse_spaces


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("ایران   و    پاکستان", "ایران و پاکستان"),
        ("یک  دو", "یک دو"),
        ("بدون تغییر", "بدون تغییر"),
        ("سطر  \n  سطر", "سطر \n سطر"),
        ("ستون\t\tستون", "ستون\t\tستون"),
    ],
)
def test_table(raw: str, expected: str) -> None:
    assert collapse_spaces(raw)[0] == expected
