"""A deterministic stand-in for the event stages, so store tests have events to keep.

It is not an event coder: it marks every sentence that names two known countries with a
CONSULT event between them, one actor entry per country, and one mention per sentence.
Registered as the pipeline stage ``fake_events``; ``FAKE_SETTINGS`` runs it after the
foundation stages.
"""

from __future__ import annotations

from rokhdad.config import Settings
from rokhdad.document import Document
from rokhdad.pipeline import Stage, register
from rokhdad.store.keys import search_key

COUNTRIES = {"ایران": "IRN", "آمریکا": "USA", "عراق": "IRQ", "روسیه": "RUS", "چین": "CHN", "پاکستان": "PAK"}
FAKE_SETTINGS = Settings(pipeline=("normalize", "segment", "fake_events"))


def fake_events(doc: Document) -> list[dict]:
    events: list[dict] = []
    for i, s in enumerate(doc.sentences):
        words = set(search_key(doc.text[s.start : s.end]).split())
        found = [(w, c) for w, c in COUNTRIES.items() if w in words]
        if len(found) < 2:
            continue
        (w1, c1), (w2, c2) = found[:2]
        events.append(
            {
                "type": "CONSULT",
                "mode": None,
                "quad": 1,
                "cameo": "040",
                "goldstein": 1.0,
                "source": [{"text": w1, "name_en": c1, "kind": "GPE", "country": c1}],
                "target": [{"text": w2, "name_en": c2, "kind": "GPE", "country": c2}],
                "location": None,
                "date": doc.date.isoformat() if doc.date else None,
                "historical": False,
                "negated": False,
                "hypothetical": False,
                "future": False,
                "evidence": {
                    "sentence": i,
                    "start": s.start,
                    "end": s.end,
                    "text": doc.text[s.start : s.end],
                },
                "confidence": 0.5,
                "summary": f"{c1} CONSULT {c2}",
            }
        )
    return events


@register("fake_events")
def make_fake_events(settings: Settings) -> Stage:
    def stage(doc: Document) -> Document:
        doc.events = fake_events(doc)
        return doc

    return stage
