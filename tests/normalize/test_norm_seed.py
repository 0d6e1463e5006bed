"""The seed article: every listed ZWNJ defect is fixed and nothing else changes beyond what
the enabled sub-steps own (ZWNJs, the spaces they replace, letters, digits, diacritics)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rokhdad.normalize import normalize
from rokhdad.read import read_file

Z = "\u200c"

# (as written in the seed, as it must come out)
DEFECTS = [
    ("میشود", f"می{Z}شود"),
    ("بیانیهای", f"بیانیه{Z}ای"),
    ("گفتوگو", f"گفت{Z}وگو"),
    ("نشاندهنده", f"نشان{Z}دهنده"),
    ("سهجانبه", f"سه{Z}جانبه"),
    ("ناامنیهای", f"ناامنی{Z}های"),
    ("اسلامآباد", f"اسلام{Z}آباد"),
    ("روبهرو", f"روبه{Z}رو"),
    ("موضعگیریها", f"موضع{Z}گیری{Z}ها"),
    ("همکار یهای", f"همکاری{Z}های"),
]

_SKELETON = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        Z: None,
        " ": None,
        **{chr(c): None for c in (*range(0x064B, 0x0653), 0x0670, 0x0640)},
    }
)


def skeleton(text: str) -> str:
    """The text without what the sub-steps may change: ZWNJs, spaces, letter variants, marks."""
    return text.translate(_SKELETON)


@pytest.fixture(scope="module")
def seed_text(seed_path: Path) -> str:
    art = next(iter(read_file(seed_path)))
    return art.text  # type: ignore[union-attr]


def words(text: str) -> list[str]:
    return re.findall(f"[\u0600-\u06ff{Z}]+(?: یهای)?", text)


@pytest.mark.parametrize("bad, good", DEFECTS)
def test_defect_fixed(seed_text: str, bad: str, good: str) -> None:
    assert bad in seed_text, "the seed no longer holds this defect"
    out = normalize(seed_text).text
    assert good in out
    assert bad not in out.replace(Z, "\x00")  # no plain copy of the defect is left


def test_nothing_else_changes(seed_text: str) -> None:
    out = normalize(seed_text).text
    assert skeleton(out) == skeleton(seed_text)
    assert out.count("\n") == seed_text.count("\n")
    # every word that changed, changed only by ZWNJs (or the «ی» swap of a broken word)
    assert len(out.split()) <= len(seed_text.split())


def test_switched_off_leaves_defects(seed_text: str) -> None:
    out = normalize(seed_text, {"zwnj": False, "space_zwnj": False, "broken_words": False}).text
    assert "میشود" in out and "همکار یهای" in out
