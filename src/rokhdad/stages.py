"""The built-in stages, registered by name. Each wraps one module's pure core."""

from __future__ import annotations

from rokhdad.config import Settings
from rokhdad.document import Document
from rokhdad.normalize import normalize
from rokhdad.pipeline import Stage, register
from rokhdad.segment import split_sentences


@register("normalize")
def make_normalizer(settings: Settings) -> Stage:
    steps = dict(settings.normalize_steps) or None

    def normalize_stage(doc: Document) -> Document:
        doc.normalized = normalize(doc.text, steps)
        return doc

    return normalize_stage


@register("segment")
def make_segmenter(settings: Settings) -> Stage:
    def segment_stage(doc: Document) -> Document:
        doc.sentences = split_sentences(doc.text)
        return doc

    return segment_stage


@register("entities")
def make_entity_tagger(settings: Settings) -> Stage:
    from rokhdad import ner

    return ner.make_stage(settings)


@register("actors")
def make_actor_resolver(settings: Settings) -> Stage:
    from rokhdad import actors

    return actors.make_stage(settings)


@register("quotes")
def make_quote_finder(settings: Settings) -> Stage:
    from rokhdad import quotes

    return quotes.make_stage(settings)


@register("events")
def make_event_coder(settings: Settings) -> Stage:
    from rokhdad import events

    return events.make_stage(settings)
