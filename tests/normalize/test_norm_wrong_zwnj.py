"""Sub-step «wrong_zwnj»: ZWNJs after non-joining letters, at word edges and doubled are removed."""

from __future__ import annotations

import pytest

from rokhdad.normalize.zwnj import remove_wrong_zwnj

Z = "\u200c"


@pytest.mark.parametrize(
    "raw, expected",
    [
        (f"غذا{Z}ها", "غذاها"),  # after alef
        (f"کشور{Z}ها", "کشورها"),  # after re
        (f"{Z}سلام", "سلام"),  # word start
        (f"سلام{Z} دنیا", "سلام دنیا"),  # word end
        (f"می{Z}{Z}شود", f"می{Z}شود"),  # doubled
        (f"کتاب{Z}ها", f"کتاب{Z}ها"),  # right, kept
        (f"خانهٔ{Z}ها", f"خانهٔ{Z}ها"),  # hamza above does not hide the joining letter
        (f"ICT{Z}", "ICT"),
    ],
)
def test_table(raw: str, expected: str) -> None:
    assert remove_wrong_zwnj(raw)[0] == expected
