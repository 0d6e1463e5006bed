"""Named entities: the pipeline's ``entities`` stage, backed by the shipped CRF model.

The tagger reads the normalized view (``doc.norm_text``), one sentence at a time, and
stores every entity with offsets on the ORIGINAL text::

    >>> from rokhdad.pipeline import process
    >>> doc = process("علی لاریجانی در تهران با ایاز صادق دیدار کرد.")
    >>> [(e["text"], e["label"]) for e in doc.entities][:2]
    [('علی لاریجانی', 'PER'), ('تهران', 'LOC')]

Labels: PER, ORG, LOC, FAC, EVENT, NAT, DATE (see docs/models/ner.md). The pipeline follows
one convention (places are LOC whatever they do: «ایران» in «ایران اعلام کرد»);
``rokhdad tag-ner --scheme arman|peyma|parstwiner`` tags with the shipped corpus-aware model
in that corpus's conventions instead, and ``Settings(ner_model="ensemble")`` (``rokhdad extract
--ner-model ensemble``) puts the most accurate model in the pipeline.
"""

from __future__ import annotations

from typing import Any

from rokhdad.config import Settings
from rokhdad.document import Document
from rokhdad.pipeline import Stage
from rokhdad.tokens import tokenize

__all__ = ["entities_of", "make_stage"]


def _chunks(doc: Document) -> list[tuple[int, int]]:
    """Normalized-text spans to tag: the sentences when segmented, else the lines."""
    if doc.sentences:
        return [doc.to_normalized(s.start, s.end) for s in doc.sentences]
    spans, pos = [], 0
    for line in doc.norm_text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def entities_of(doc: Document, tagger: Any = None) -> list[dict[str, Any]]:
    """Entity records ``{start, end, label, text, score}`` of a document (original offsets)."""
    from rokhdad.ner.model import default_tagger

    tagger = tagger or default_tagger()
    norm = doc.norm_text
    out: list[dict[str, Any]] = []
    chunks = [toks for s, e in _chunks(doc) if (toks := tokenize(norm[s:e], offset=s))]
    words = [[t.text for t in toks] for toks in chunks]
    many = getattr(tagger, "entities_many", None)  # the neural tagger batches a document's sentences
    found = many(words) if many is not None else [tagger.entities(w) for w in words]
    for toks, ents in zip(chunks, found, strict=True):
        for ent in ents:
            start, end = doc.to_original(toks[ent.first].start, toks[ent.last - 1].end)
            out.append(
                {
                    "start": start,
                    "end": end,
                    "label": ent.label,
                    "text": doc.text[start:end],
                    "score": ent.score,
                }
            )
    return out


def make_stage(settings: Settings) -> Stage:
    """The ``entities`` stage: loads the model ``settings.ner_model`` once (in the conventions of
    ``settings.ner_scheme``), then fills ``doc.entities``."""
    from rokhdad.ner.model import SCHEMES, load_tagger, named_model

    scheme = settings.ner_scheme
    if scheme is not None and scheme not in SCHEMES:  # a one-scheme model would ignore it silently
        raise ValueError(f"unknown NER scheme {scheme!r}; one of {', '.join(sorted(SCHEMES))}")
    tagger = load_tagger(str(named_model(settings.ner_model)), scheme)

    def ner_stage(doc: Document) -> Document:
        doc.entities = entities_of(doc, tagger)
        return doc

    return ner_stage
