"""Inputs that `make fuzz` (scripts/fuzz.py) found breaking an invariant, kept as regressions.

Each once broke idempotence or the offset map: spaces deleted twice around «« !», a control
glued to a URL deciding where the URL ends, a join making a word its neighbour was not judged
against, a space before «!» after a URL removed so the URL grew on the second pass, a repair that
changed how the ZWNJ style of its own output is judged, near a threshold of that judgement.
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
    # judged spaced; joining «می نمی‌کند» made one site of two, the output was judged unknown
    "دیدار کردامور خارجهمی می نمی\u200cکندایرانایرانایرانایرانایرانایران)می می آبانخواستار",
    # judged spaced on a «می» after a ZWJ that the clean-up removes: style is judged after it now
    "ایرانرئیس\u200cجمهور\u200dـمیسپاهرئیس\u200cجمهور\u200dمی می می می میاظهار داشتاظهار داشتاظهار"
    " داشتاظهار داشتاظهار داشتاظهار داشتـایرانرئیس\u200cجمهور\u200dـرئیس\u200cجمهور\u200dـ\u200dسپاه"
    "\u200dیهایسپاه",
    # «،نمیکندیهای» was part of a word before the punctuation got its space, and a word after it
    "اسلام\u200cآبادنمیکندنمیکندیهای!نمیکندحزب\u200cالله،نمیکندیهای!یهای!خواهد کرد",
    # «می نمیکند…نمی‌کند» (two sites) joined into one word, counted once: spaced became unknown
    "می می تهدید کردوزیرافزودمی حملهمی می نمیکندنمیکندخواستارنمیکندنمیکندنمی\u200cکند",
    # judged unknown, the output spaced: its pair classifier then joined what the first pass left
    "سفرحزب\u200cاللهسپاهسپاهسپاهسپاهزخمیسپاهسپاهسپاهسپاهسپاهسپاهسپاهسپاهسپاهسپاهسپاهعراقدیدار کردحماسبه گفته!اسلام آبادً!وزیرمی می :٣("
    "می می می \u200cحماسبه گفتهناتوكناتودرحزب\u200cاللهسپاهایرانایرانایرانایرانایرانایرانحماسبه گفته!اسلام آبادً!وزیرمی می :٣(می   یهای",
    # (hypothesis) judged dropped; the output «… ساله‌ای» unknown, which joined «رئیس جمهوری»
    "کتابها کتابها کتابها رئیس جمهوری سالهای",
    # near the thresholds (4 sites, ratio 3) a repair that joins or merges sites moved the
    # output's counts across one; the output is now judged again (`near_threshold`)
    "می می )ترینمی آمریکاایرانایرانایرانترینمی ترین۲۵ آبان ۱۴۰۴نمیکندمی ترینعراق)؟اسرائیلگفتایرانایران"
    "ایرانترینمی ترین\u200cنمیکندمی ترین۲۵ آبان ۱۴۰۴می )؟می   Z)؟می   Z؟رئیس جمهورزخمیaتحریم\u202bترینمی"
    " ؛ترین۲۵ آبان ۱۴۰۴",  # judged spaced (4 sites), the output unknown (3)
    "درمی نمی\u200cکند،،،سپاهسپاهسپاهسپاهایشانحماسسپاهسپاهمی ،می ایرانایرانایران،سردارسپاه  می تهدید کردمی"
    " \u200c،می ،)نمیکندحزب\u200cاللهایرانایران،سردارسپاه،،",  # judged kept (4 sites), the output unknown    # judged spaced on 8 sites; «های ترین ترین» (two spaced sites) joined into one word was
    # counted as one kept site, so the output was judged unknown: a trailing chain of affixes
    # now counts one site per affix (session 6, after 297,309 inputs)
    "تر تررئیس\u200cجمهوررئیس\u200cجمهورهایشدایهای ترین ترین تر ترناتوسازمان مللتر)\u2028ناتوشد"
    "اسرائیلگفتناتو2025ناتوشدحزب\u200cاللهمجلسترین ترین تر تر)باتر)ناتودرناتومی می \u2028باانفج"
    "ارایرانتر تر) تر!ناتوناتوكناتوازحزب\u200cاللهمجلسناتواست تر!ناتوناتوكناتوازحزب\u200cاللهمج"
    "لسناتواستحزب\u200cالله\u2028با،رئیس\u200cجمهوررئیس\u200cجمهورهایشدایهای ترین ترین تر ترنات"
    "وكتر)\u2028باهایهایناتودرناتومی می \u2028بامی هایناتوناتو٣سپاه تر)ایرانایران)بادرخواهد کرد"
    "خواستار",
    # (hypothesis, session 6) the gap classifier cut before a hamza above («دهنده‌ٔب…»), a ZWNJ
    # the wrong_zwnj step then removed: both now ask `chars.zwnj_fits`
    "دهنده\u0654بنشان",
]


@pytest.mark.parametrize("text", FOUND)
def test_found_inputs_stay_fixed(text: str) -> None:
    nt = normalize(text)
    assert normalize(nt.text).text == nt.text
    check_map(nt)
