"""All settings in one place. Every stage reads what it needs from a :class:`Settings`."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_PIPELINE: tuple[str, ...] = ("normalize", "segment", "entities", "actors", "quotes", "events")
# Batch commands give up on one article after this many seconds and record it as failed.
# A long news article takes well under a second; a minute leaves room for a slow machine.
ARTICLE_TIME_LIMIT = 60.0
# Readers refuse an article longer than this (characters): no news story is, and a
# runaway input (a whole dump on one line) would otherwise hold the batch for minutes.
MAX_ARTICLE_CHARS = 2_000_000


@dataclass(frozen=True)
class Settings:
    """Pipeline configuration.

    - ``pipeline``: stage names, in order (see ``rokhdad.pipeline.registered()``).
    - ``source_country``: ISO3 country of the outlet; «کشورمان» (our country) resolves to it.
      Iranian outlets are the default.
    - ``normalize_steps``: ``(step, on)`` pairs that switch normalization sub-steps.
    - ``source_countries``: ``(outlet, ISO3)`` pairs overriding ``source_country`` per article
      ``source`` (e.g. ``("BBC Persian", "GBR")``).
    - ``ner_model``: the ``entities`` stage's model: ``"default"`` (the fast CRF, rokhdad's own
      conventions), ``"corpora"`` (the corpus-aware CRF), ``"ensemble"`` (the corpus-aware CRF
      with two BiLSTM-CRFs: the most accurate, about seven times slower) or a model folder.
    - ``ner_scheme``: the conventions a corpus-aware model tags in (``peyma``, its default:
      places are LOC whatever they do; ``arman``, ``parstwiner``, ``general``).
      See docs/models/ner.md.
    """

    pipeline: tuple[str, ...] = DEFAULT_PIPELINE
    source_country: str = "IRN"
    normalize_steps: tuple[tuple[str, bool], ...] = ()
    source_countries: tuple[tuple[str, str], ...] = ()
    ner_model: str = "default"
    ner_scheme: str | None = None
