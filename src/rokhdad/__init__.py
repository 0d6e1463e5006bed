"""rokhdad (رخداد, "event"): Persian news to structured, traceable political event data.

>>> import rokhdad
>>> doc = rokhdad.process("ایاز صادق با علی لاریجانی دیدار کرد.", date="2025-11-25")
>>> [doc.text[s.start:s.end] for s in doc.sentences]
['ایاز صادق با علی لاریجانی دیدار کرد.']
"""

from __future__ import annotations

from rokhdad.config import Settings
from rokhdad.document import Article, Document, Span
from rokhdad.pipeline import Pipeline, pipe, process, register

__version__ = "0.1.0"
__all__ = [
    "Article",
    "Document",
    "Pipeline",
    "Settings",
    "Span",
    "__version__",
    "pipe",
    "process",
    "register",
]
