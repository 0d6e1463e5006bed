"""The coder's argument rules, on hand-placed actor mentions and a small lexicon of our own."""

import datetime as dt
import re

import pytest

from rokhdad.config import Settings
from rokhdad.document import Article
from rokhdad.events import code_events
from rokhdad.events.lexicon import parse_rows
from rokhdad.pipeline import Pipeline

LEXICON = tuple(
    parse_rows(
        "\n".join(
            [
                "CONSULT\tvisit\t043\t(دیدار|ملاقات) VERB:کرد\tsubj\tba",
                "CONSULT\tvisit\t043\tدر (دیدار|ملاقات) با\tsubj\tba",
                "ACCUSE\tdisapprove\t111\tمحکوم VERB:کرد\tsubj\tra",
                "SUPPORT\t-\t051\tاز … حمایت VERB:کرد\tsubj\taz",
                "SUPPORT\t-\t051\tبا (تقدیر|قدردانی) از\tsubj\taz",
                "REQUEST\t-\t020\tخواستار … VERB:شد\tsubj\tany",
                "ASSAULT\t-\t190\tحملات* … علیه\tgen\talayh",
                "ASSAULT\t-\t190\tحمله VERB:کرد\tsubj\tbe",
                "COERCE\t-\t173\tبازداشت VERB:شد\tobj\tsubj",
            ]
        )
    )
)
ACTORS = {
    "پاکستان": ("PAK", "GPE", ""), "ایران": ("IRN", "GPE", ""), "اسرائیل": ("ISR", "GPE", ""),
    "رژیم صهیونیستی": ("ISR", "GPE", ""), "جمهوری اسلامی": ("IRN", "GPE", ""), "عراق": ("IRQ", "GPE", ""),
    "ایاز صادق": ("PAK", "PER", "LEG"), "علی لاریجانی": ("IRN", "PER", "GOV"), "لاریجانی": ("IRN", "PER", "GOV"),
    "پارلمان پاکستان": ("PAK", "ORG", "LEG"), "پلیس عراق": ("IRQ", "ORG", "COP"), "خبرگزاری فارس": ("IRN", "ORG", "MED"),
}  # fmt: skip
NLP = Pipeline(Settings(pipeline=("normalize", "segment")))


def events_of(text, quotes=()):
    doc = NLP(Article(id="t", text=text, date=dt.date(2025, 11, 25)))
    found = []
    for name in sorted(ACTORS, key=len, reverse=True):
        for m in re.finditer(name, doc.norm_text):
            s, e = doc.to_original(m.start(), m.end())
            if not any(a["start"] < e and s < a["end"] for a in found):
                country, kind, sector = ACTORS[name]
                found.append(
                    {
                        "text": doc.text[s:e],
                        "start": s,
                        "end": e,
                        "country": country,
                        "kind": kind,
                        "sector": sector,
                        "name_en": name,
                    }
                )
    doc.actors = sorted(found, key=lambda a: a["start"])
    doc.quotes = list(quotes)
    return [
        (
            e["type"],
            [a["country"] for a in e["source"]],
            [a["country"] for a in e["target"]],
            e["negated"],
            e["future"],
        )
        for e in code_events(doc, LEXICON)
    ]


def test_meeting_with_companion():
    assert events_of("ایاز صادق در دیدار با علی لاریجانی گفت.") == [
        ("CONSULT", ["PAK"], ["IRN"], False, False)
    ]


def test_nominal_attack_and_condemnation_of_the_aggressor():
    evs = events_of("پارلمان پاکستان حملات اخیر اسرائیل علیه ایران را محکوم کرده است.")
    assert ("ASSAULT", ["ISR"], ["IRN"], False, False) in evs
    assert ("ACCUSE", ["PAK"], ["ISR"], False, False) in evs


def test_support_target_after_az():
    assert events_of("پاکستان از حق مشروع جمهوری اسلامی حمایت کرد.") == [
        ("SUPPORT", ["PAK"], ["IRN"], False, False)
    ]


def test_negated_and_future_verbs():
    assert events_of("پاکستان به ایران حمله نخواهد کرد.") == [("ASSAULT", ["PAK"], ["IRN"], True, True)]
    assert events_of("عراق به ایران حمله نکرد.") == [("ASSAULT", ["IRQ"], ["IRN"], True, False)]


def test_news_agency_is_not_the_subject():
    evs = events_of("به گزارش خبرگزاری فارس، پاکستان از جمهوری اسلامی حمایت کرد.")
    assert evs == [("SUPPORT", ["PAK"], ["IRN"], False, False)]


def test_subject_carries_over_to_next_sentence():
    evs = events_of("علی لاریجانی به اسلام آباد رفت. سپس خواستار گسترش همکاری با پاکستان شد.")
    assert evs == [("REQUEST", ["IRN"], ["PAK"], False, False)]


def test_quote_content_belongs_to_the_speaker():
    text = "ایاز صادق گفت: این اقدامات باید متوقف شود و ما خواستار توقف آن شدیم."
    speaker = {"text": "ایاز صادق", "name_en": "Ayaz Sadiq", "country": "PAK", "kind": "PER", "sector": "LEG"}
    quote = {"speaker": speaker, "start": 0, "end": len(text), "content": text[text.index(":") + 2 :]}
    evs = events_of(text + " پاکستان و ایران همسایه‌اند.", quotes=[quote])
    assert evs[0][:2] == ("REQUEST", ["PAK"])


def test_passive_agent_and_domestic_fallback():
    evs = events_of("سه نفر توسط پلیس عراق بازداشت شدند.")
    assert evs == [("COERCE", ["IRQ"], ["IRQ"], False, False)]


def test_one_event_per_key_with_all_mentions():
    text = "ایاز صادق با علی لاریجانی دیدار کرد. لاریجانی در دیدار با ایاز صادق گفت."
    doc_events = events_of(text)
    assert doc_events == [("CONSULT", ["PAK"], ["IRN"], False, False)]


@pytest.mark.parametrize("text", ["", "این متن هیچ رویدادی ندارد.", "پاکستان و ایران."])
def test_nothing_claimed_without_evidence(text):
    assert events_of(text) == []


def test_actor_after_a_preposition_is_not_the_subject():
    # «از حمایت ... پاکستان»: پاکستان is inside the complement of «از», the subject comes later
    evs = events_of("در ارتباط با مواضع پاکستان، علی لاریجانی از پارلمان پاکستان حمایت کرد.")
    assert evs == [("SUPPORT", ["IRN"], ["PAK"], False, False)]


def test_judgement_inside_a_quote_is_the_speakers():
    lexicon = LEXICON + tuple(parse_rows("REQUEST\t-\t020\t(باید|نباید)\tspeaker\tprev"))
    text = "علی لاریجانی گفت: پاکستان باید مرزها را ببندد."
    speaker = {
        "text": "علی لاریجانی",
        "name_en": "Ali Larijani",
        "country": "IRN",
        "kind": "PER",
        "sector": "GOV",
    }
    quote = {"speaker": speaker, "start": 0, "end": len(text), "content": text[text.index(":") + 2 :]}
    doc = NLP(Article(id="t", text=text, date=dt.date(2025, 11, 25)))
    doc.actors = [
        {
            "text": "پاکستان",
            "start": text.index("پاکستان"),
            "end": text.index("پاکستان") + 7,
            "country": "PAK",
            "kind": "GPE",
            "sector": "",
            "name_en": "Pakistan",
        }
    ]
    doc.quotes = [quote]
    evs = [
        (e["type"], [a["country"] for a in e["source"]], [a["country"] for a in e["target"]])
        for e in code_events(doc, lexicon)
    ]
    assert evs == [("REQUEST", ["IRN"], ["PAK"])]
    # the same words narrated by the reporter, or with no actor before «باید», code nothing
    doc.quotes = []
    assert code_events(doc, lexicon) == []


def test_a_state_does_not_act_on_itself():
    assert events_of("عراق از عراق حمایت کرد.") == []


@pytest.mark.parametrize(
    "text, name, place",
    [
        ("ارتش یمن امروز در استان تعز به مواضع ائتلاف حمله کرد.", "Taiz Governorate", "استان تعز"),
        ("جنگنده‌ها منطقه حریب استان مارب را بمباران کردند.", "Marib Governorate", "استان مارب"),
        ("در این حمله که در شرق ترکیه روی داد سه نفر کشته شدند.", "Eastern Turkey", "شرق ترکیه"),
    ],
)
def test_event_location_keeps_the_words_of_the_place(text, name, place):
    from rokhdad.events import _place_lookup
    from rokhdad.events.coder import Candidate, Context, locate

    doc = NLP(Article(id="t", text=text, date=dt.date(2025, 11, 25)))
    sentences = [doc.to_normalized(s.start, s.end) for s in doc.sentences]
    ctx = Context(doc, doc.norm_text, sentences, [], [], None, _place_lookup())
    trig = doc.norm_text.index("حمله") if "حمله" in doc.norm_text else doc.norm_text.index("بمباران")
    cand = Candidate(LEXICON[7], 0, (trig, trig + 4), [], [], False, False, False, False, False, "be")
    loc = locate(cand, ctx)
    assert loc is not None and loc["name_en"] == name and loc["text"] == place


def test_a_noun_for_an_event_told_before_keeps_its_target():
    lexicon = LEXICON + tuple(parse_rows("ASSAULT\t-\t190\t(حمله|تجاوز)\tgen\tbe"))
    text = "حمله اسرائیل به ایران آغاز شد. تجاوز اسرائیل در نشست پاکستان بررسی شد."
    doc = NLP(Article(id="t", text=text, date=dt.date(2025, 11, 25)))
    doc.actors = []
    for name, country in (("اسرائیل", "ISR"), ("ایران", "IRN"), ("پاکستان", "PAK")):
        for m in re.finditer(name, text):
            doc.actors.append(
                {"text": name, "start": m.start(), "end": m.end(), "country": country, "kind": "GPE",
                 "sector": "", "name_en": name}
            )  # fmt: skip
    doc.actors.sort(key=lambda a: a["start"])
    evs = code_events(doc, lexicon)
    assert [(e["type"], e["target"][0]["country"], len(e["mentions"])) for e in evs] == [
        ("ASSAULT", "IRN", 2)
    ]
