"""Inputs that `make fuzz` (scripts/fuzz.py) found breaking an invariant, kept as regressions.

Each once broke idempotence or the offset map: spaces deleted twice around «« !», a control
glued to a URL deciding where the URL ends, a join making a word its neighbour was not judged
against, a space before «!» after a URL removed so the URL grew on the second pass.
"""

from __future__ import annotations

import pytest
from test_norm_properties import check_map

from rokhdad.normalize import normalize

FOUND = [
    "ویایرانایرانایرانایرانایرانایرانایران«  !",
    "ا«  !",
    "ایرانروسیهاسلام آبادتشکر کرد\u200cاسلام آبادایران)\x00\x00می ایران یهای\x00)\x00تشکر کرد",
    "سپاهنمیکندناتوشدزخمیa\ufeffhttp://x.irزخمیa\ufeffhttp://x.irآمریکادرسردار",
    "آمریکاhttp://x.irرئیس\u200cجمهورنمی\u200cکندي",
    "\u200cخواستار\ufeffhttp://x.ir\ufeffنمیکند اسلام آباد",
    "گفته«\u200c\u2028a\u200c!اسلام آباد«به گفتهاسلام آبادًaًaً.ahttp://x.irپاکستان:ًahttp://x.ir«",
    "کشتهوزارتمی می حملهرارا٣می اسلام آباد»٣می رارا  های",
    "! نمیکندhttp://x.ir !رئیس جمهوریهای!رئیس جمهور!رئیس جمهور رئیس جمهور",
]


@pytest.mark.parametrize("text", FOUND)
def test_found_inputs_stay_fixed(text: str) -> None:
    nt = normalize(text)
    assert normalize(nt.text).text == nt.text
    check_map(nt)
