"""The lexicon's pattern language: verbs in every form, spelling noise, gaps, bad rows."""

import pytest

from rokhdad.events.lexicon import compile_pattern, load_lexicon, parse_rows


def match(pattern, text):
    m = compile_pattern(pattern).search(text)
    return m.group(0) if m else None


@pytest.mark.parametrize(
    "text, neg, fut",
    [
        ("دولت این حمله را محکوم کرد.", False, False),
        ("آنها حمله را محکوم کردند.", False, False),
        ("پارلمان این اقدامات را محکوم کرده است.", False, False),
        ("وزارت خارجه این اقدام را محکوم کرده بود.", False, False),
        ("ما این حمله را محکوم می‌کنیم.", False, False),
        ("ما این حمله را محکوم میکنیم.", False, False),
        ("ما این حمله را محکوم می کنیم.", False, False),
        ("دولت آن را محکوم نکرد.", True, False),
        ("آنان این اقدام را محکوم نمی‌کنند.", True, False),
        ("ایران این اقدام را محکوم خواهد کرد.", False, True),
        ("روسیه این اقدام را محکوم نخواهد کرد.", True, True),
        ("باید این حمله را محکوم کند.", False, False),
    ],
)
def test_light_verb_forms_and_polarity(text, neg, fut):
    m = compile_pattern("محکوم VERB:کرد").search(text)
    assert m is not None, text
    groups = m.groupdict()
    negated = bool(groups.get("neg")) or (groups.get("fut") or "").startswith("ن")
    assert (negated, bool(groups.get("fut"))) == (neg, fut)


@pytest.mark.parametrize(
    "pattern, text, expected",
    [
        ("گفت‌وگو VERB:کرد", "دو طرف گفتوگو کردند", "گفتوگو کردند"),  # ZWNJ lost
        ("گفت‌وگو VERB:کرد", "دو طرف گفت‌وگو کردند", "گفت‌وگو کردند"),
        ("مورد (تاکید|تأکید) قرار VERB:داد", "را مورد تاكيد قرار داد", "مورد تاكيد قرار داد"),  # Arabic ك
        (
            "خواستار … VERB:شد",
            "او خواستار افزایش همکاریها در حوزههای اقتصادی شد",
            "خواستار افزایش همکاریها در حوزههای اقتصادی شد",
        ),
        ("حمل(ه|ات)* VERB:کرد", "به پاسگاه حمله کردند", "حمله کردند"),
        ("(گفت‌وگوی تلفنی|تماس تلفنی)", "در تماس تلفنی با", "تماس تلفنی"),
    ],
)
def test_spelling_noise_and_gaps(pattern, text, expected):
    assert match(pattern, text) == expected


@pytest.mark.parametrize(
    "pattern, text",
    [
        ("محکوم VERB:کرد", "محکومیت کردستان"),  # word boundaries hold
        ("رد VERB:کرد", "عملکرد"),  # کرد inside another word is no verb
        (
            "خواستار … VERB:شد",
            "خواستار یک دو سه چهار پنج شش هفت هشت نه ده یازده دوازده سیزده شد",
        ),  # gap over 12 words
        ("تحریم VERB:کرد", "تحریم. کرد"),  # a sentence end breaks the expression
    ],
)
def test_no_false_matches(pattern, text):
    assert match(pattern, text) is None


@pytest.mark.parametrize(
    "row, error",
    [
        ("FOO\t-\t010\tدیدار VERB:کرد\tsubj\tba", "unknown type"),
        ("CONSULT\t-\t040\tدیدار VERB:رفت\tsubj\tba", "unknown light verb"),
        ("CONSULT\t-\t040\t(دیدار|ملاقات VERB:کرد\tsubj\tba", "unbalanced"),
        ("CONSULT\t-\t040\tدیدار VERB:کرد\tsomeone\tba", "role"),
        ("CONSULT\t-\t040\tدیدار", "columns"),
    ],
)
def test_bad_rows_name_their_line(row, error):
    with pytest.raises(ValueError, match=error) as info:
        parse_rows("type\tmode\tcameo\tpattern\tsource\ttarget\n" + row, where="lex.tsv")
    assert "lex.tsv:2" in str(info.value)


def test_packaged_lexicon_covers_every_type():
    from rokhdad.events.lexicon import NOT_AN_EVENT, TYPES

    entries = load_lexicon()
    # rows of type «-» name known non-events (they only hide shorter matches)
    assert {e.type for e in entries} - {NOT_AN_EVENT} == set(TYPES)
    assert all(e.cameo.isdigit() and len(e.cameo) in (3, 4) for e in entries if e.type != NOT_AN_EVENT)
    assert all(e.regex.pattern for e in entries)  # every row compiles (compilation is lazy at run time)


def test_gap_does_not_backtrack_forever_on_zwnj_heavy_text():
    """A gap word may not end in a ZWNJ that the separator could also take (catastrophic backtracking)."""
    import time

    text = "از " + " ".join(["همکاری‌های‌ دوجانبه‌ی‌ منطقه‌ای‌"] * 40) + " پایان."
    rx = compile_pattern("از … خواست")
    t = time.perf_counter()
    assert rx.search(text) is None
    assert time.perf_counter() - t < 1.0
