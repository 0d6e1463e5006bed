"""ZWNJ rules added for issue 3 (acceptance 1): ezafe hamza, «بی», compound heads, clause-final «های»,
and the guards that keep verbs, preverbs, derivational suffixes and names glued."""

from __future__ import annotations

import pytest

from rokhdad.normalize import normalize

Z = "\u200c"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a word with an ezafe hamza is restored as without it, and the hamza stays
        ("گزارش تشکیلدهندهٔ اصلی", f"گزارش تشکیل{Z}دهندهٔ اصلی"),
        # «بی» is a prefix before a content word, not before a pronoun or a clause
        ("راهی بی پایان", f"راهی بی{Z}پایان"),
        ("بی این کتاب", "بی این کتاب"),
        # an unseen pair whose second part is mostly written after a ZWNJ («کنندگان»)
        ("از کمک کنندگان", f"از کمک{Z}کنندگان"),
        # «شده» is mostly a verb of its own: left apart
        ("منتشر شده است", "منتشر شده است"),
        # clause-final «های» cannot be a plural with an ezafe: a participle + «ای»
        ("تو این را ساختهای.", f"تو این را ساخته{Z}ای."),
        ("ساختهای جدید", f"ساخت{Z}های جدید"),
        # nor before a word that cannot follow an ezafe, nor at the end of the text
        ("زمینهای از دانش", f"زمینه{Z}ای از دانش"),
        ("زمینهای وسیع", f"زمین{Z}های وسیع"),
        ("نوشتم زمینهای", f"نوشتم زمینه{Z}ای"),
        ("کتابهای را", f"کتاب{Z}های را"),  # «کتابه» is too rare next to «کتاب»
        # a clause-final participle + «ایم» is a perfect verb
        ("ما آن را دریافتهایم.", f"ما آن را دریافته{Z}ایم."),
        # «تری» = comparative + indefinite «ی»
        ("پلی محکمتری", f"پلی محکم{Z}تری"),
    ],
)
def test_restored(text: str, expected: str) -> None:
    assert normalize(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "او را گریاند",  # a conjugated verb, not «گری» + «اند»
        "بازشمرده",  # a preverb is glued to its verb
        "ستمگری",  # «گری» is a derivational suffix written glued
        "میرزای بزرگ",  # a known word starting with «می» + ezafe, not «می» + a verb
        "ماندگاریشان",  # «شان» glued after «ی»
        "آن ریشتر",  # «تر» only after an adjective or a word not seen plain
    ],
)
def test_left_alone(text: str) -> None:
    assert normalize(text).text == text


def test_idempotent_on_new_rules() -> None:
    text = "راهی بی پایان از کمک کنندگان و گزارش تشکیلدهندهٔ اصلی که تو ساختهای."
    once = normalize(text).text
    assert normalize(once).text == once
