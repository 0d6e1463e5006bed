"""The actors stage: who is who (country, sector, Wikidata) and which mentions are one actor.

Every person, body and state mention of the normalized view becomes an actor record
``{text, start, end, name_en, kind, country, sector, wikidata, role, entity, mention}``
(offsets on the original text; see ``docs/actors.md``)::

    >>> from rokhdad.pipeline import process
    >>> doc = process("علی لاریجانی دبیر شورای عالی امنیت ملی کشورمان گفت: وی به اسلام‌آباد رفت.")
    >>> a = doc.actors[0]
    >>> a["text"], a["country"], a["name_en"]
    ('علی لاریجانی', 'IRN', 'Ali Larijani')

The outlet's country («کشورمان») is ``Settings.source_country``; ``Settings.source_countries``
may override it per source name.
"""

from __future__ import annotations

from rokhdad.actors.core import find_actors
from rokhdad.actors.gazetteer import Place, lookup_place
from rokhdad.actors.lexicon import load_lexicon
from rokhdad.config import Settings
from rokhdad.document import Document
from rokhdad.pipeline import Stage

__all__ = ["Place", "find_actors", "load_lexicon", "lookup_place", "make_stage", "source_country_of"]


def source_country_of(doc: Document, settings: Settings) -> str:
    """The outlet's country: a per-source override (``source_countries``) or the default."""
    overrides = dict(getattr(settings, "source_countries", ()) or ())
    return overrides.get(doc.source, settings.source_country) if doc.source else settings.source_country


def make_stage(settings: Settings) -> Stage:
    """Build the stage (loads the lexicons once)."""
    from rokhdad.quotes.cues import combined_lexicon

    load_lexicon()
    combined_lexicon()

    def actors_stage(doc: Document) -> Document:
        doc.actors = find_actors(doc, source_country_of(doc, settings))
        return doc

    return actors_stage
