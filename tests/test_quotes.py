"""Quotes: cue, content, speaker, sentence, direct; the seed's nine quotes with their speakers."""

from __future__ import annotations

import pytest

from rokhdad.config import Settings
from rokhdad.document import Article
from rokhdad.pipeline import Pipeline
from rokhdad.read import read_paths

STAGES = ("normalize", "segment", "actors", "quotes")


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(Settings(pipeline=STAGES))


def run(pipe, text: str):
    return pipe(Article(id="t", text=text))


def same_speaker(gold: dict, pred: dict) -> bool:
    """The scorer's rule: same country, and a shared English surname or one Persian name in the other."""
    if (gold.get("country") or "") != (pred.get("country") or ""):
        return False
    gn, pn = (gold.get("name_en") or "").lower().split(), (pred.get("name_en") or "").lower().split()
    gt, pt = gold.get("text") or "", pred.get("text") or ""
    return bool(gn and pn and gn[-1] == pn[-1]) or bool(gt and pt and (gt in pt or pt in gt))


def test_seed_nine_quotes_with_their_speakers(pipe, seed_path, seed_gold):
    doc = pipe(next(iter(read_paths([str(seed_path)]))))
    got = {q["sentence"]: q for q in doc.quotes}
    assert len(seed_gold["quotes"]) == 9
    for g in seed_gold["quotes"]:
        q = got.get(g["sentence"])
        assert q is not None, f"no quote in sentence {g['sentence']}"
        assert same_speaker(g["speaker"], q["speaker"]), (g["speaker"], q["speaker"])
        assert q["cue"].replace("\u200c", "") == g["cue"].replace("\u200c", "")
    assert len(doc.quotes) == 9  # and nothing else (sentence 5: a noun object is not a quote)
    for q in doc.quotes:
        assert (
            doc.text[q["start"] : q["end"]].startswith(q["cue"])
            or q["cue"] in doc.text[q["start"] : q["end"]]
        )
        assert doc.sentence_index(q["start"]) == q["sentence"]
    # sentence 2: «وی» is Sadiq although Larijani is the nearer person
    assert got[2]["speaker"]["name_en"] == "Ayaz Sadiq"


def test_colon_quote_is_direct_with_content(pipe):
    doc = run(pipe, "وزیر امور خارجه روسیه گفت: مسکو از گفت‌وگو حمایت می‌کند.")
    (q,) = doc.quotes
    assert q["cue"] == "گفت" and q["direct"] is True and q["sentence"] == 0
    assert q["content"] == "مسکو از گفت‌وگو حمایت می‌کند"
    assert q["speaker"]["country"] == "RUS" and q["speaker"]["role"] == "foreign minister"


def test_ke_clause_is_indirect(pipe):
    doc = run(pipe, "سخنگوی وزارت خارجه چین اعلام کرد که پکن با تحریم‌های جدید مخالف است.")
    (q,) = doc.quotes
    assert q["cue"] == "اعلام کرد" and q["direct"] is False
    assert q["speaker"]["country"] == "CHN"
    assert q["content"].startswith("پکن")


def test_guillemets_after_cue(pipe):
    doc = run(pipe, "بان کی‌مون دبیرکل سازمان ملل گفت «همه طرف‌ها باید خویشتن‌داری کنند».")
    (q,) = doc.quotes
    assert q["direct"] is True and q["speaker"]["country"] == "IGO:UN"


def test_agency_credit_is_not_a_quote_nor_a_speaker(pipe):
    doc = run(pipe, "به گزارش خبرگزاری فارس به نقل از رویترز، نخست وزیر عراق گفت: انتخابات برگزار می‌شود.")
    (q,) = doc.quotes
    assert q["speaker"]["country"] == "IRQ"
    assert "فارس" not in q["speaker"]["text"]


def test_noun_object_is_not_a_quote(pipe):
    doc = run(pipe, "وزیر خارجه پاکستان بر ضرورت گسترش همکاری‌های دوجانبه تاکید کرد.")
    assert doc.quotes == []


def test_headline_quote(pipe):
    doc = run(pipe, "مسکو: از هر اقدامی علیه تروریسم استقبال می‌کنیم\nسخنگوی کرملین این را گفت.")
    q = doc.quotes[0]
    assert q["cue"] == ":" and q["sentence"] == 0
    assert q["speaker"]["country"] == "RUS" and q["speaker"]["text"] == "مسکو"


def test_attribution_quote(pipe):
    doc = run(
        pipe,
        "علی لاریجانی دبیر شورای عالی امنیت ملی در نجف حضور یافت. "
        "به گفته وی، روابط ایران و عراق در بهترین وضع قرار دارد.",
    )
    q = doc.quotes[-1]
    assert q["cue"] == "به گفته" and q["sentence"] == 1
    assert q["speaker"]["name_en"] == "Ali Larijani"


def test_zero_subject_keeps_the_last_speaker(pipe):
    doc = run(pipe, "«دیمیتری پسکوف» سخنگوی کرملین گفت: مسکو آماده است. در ادامه افزود: باید صبر کرد.")
    assert len(doc.quotes) == 2
    assert doc.quotes[1]["speaker"]["entity"] == doc.quotes[0]["speaker"]["entity"]


def test_no_speaker_no_quote(pipe):
    doc = run(pipe, "در ادامه افزود: همه چیز آماده است.")
    assert doc.quotes == []


def test_two_quotes_in_one_sentence(pipe):
    doc = run(
        pipe, "روزنامه نیویورک تایمز نوشت: «مقامات ارشد آمریکایی نیز اعتراف کرده‌اند که مدرکی در دست نیست.»"
    )
    assert len(doc.quotes) == 2
    assert {q["speaker"]["country"] for q in doc.quotes} == {"USA"}
    assert {q["cue"] for q in doc.quotes} == {"نوشت", "اعتراف کرده‌اند"}


def test_offsets_survive_arabic_letters(pipe):
    text = "وي افزود: اين موضوع مهم است."
    doc = run(pipe, "طارق الهاشمي معاون رئيس جمهور عراق گفت: قانون را وتو مي‌كنم. " + text)
    q = doc.quotes[-1]
    assert doc.text[q["start"] : q["end"]].startswith("افزود")
    assert q["speaker"]["country"] == "IRQ" and q["speaker"]["name_en"] == "Tariq al-Hashimi"


def test_records_follow_the_output_schema(pipe, seed_path):
    jsonschema = pytest.importorskip("jsonschema")
    import json

    from rokhdad.resources import resource_path

    schema = json.loads(resource_path("schema/extract.schema.json").read_text(encoding="utf-8"))
    doc = pipe(next(iter(read_paths([str(seed_path)]))))
    jsonschema.validate(json.loads(json.dumps(doc.to_dict(), ensure_ascii=False)), schema)
    assert doc.actors and doc.quotes
