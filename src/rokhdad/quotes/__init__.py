"""The quotes stage: reported statements with their speaker, cue and content.

See :mod:`rokhdad.quotes.core` for the rules and ``docs/actors.md`` for the output record.
"""

from __future__ import annotations

from rokhdad.config import Settings
from rokhdad.document import Document
from rokhdad.pipeline import Stage
from rokhdad.quotes.core import find_quotes

__all__ = ["find_quotes", "make_stage"]


def make_stage(settings: Settings) -> Stage:
    """Build the stage (loads the cue lexicon once)."""
    from rokhdad.quotes.cues import cue_lexicon

    cue_lexicon()

    def quotes_stage(doc: Document) -> Document:
        doc.quotes = find_quotes(doc)
        return doc

    return quotes_stage
