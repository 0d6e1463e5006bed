"""The quotes stage (not built yet: it reports nothing rather than guess)."""

from __future__ import annotations

from rokhdad.config import Settings
from rokhdad.document import Document
from rokhdad.pipeline import Stage


def make_stage(settings: Settings) -> Stage:
    def quotes_stage(doc: Document) -> Document:
        return doc

    return quotes_stage
