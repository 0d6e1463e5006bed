"""The document model: an article, its untouched text, and spans over it.

Every span (sentence, entity, quote, event evidence) is a pair of character offsets
into the *original* ``Document.text``. Stages that read the normalized view map their
offsets back through ``Document.normalized`` before they store a span, so a user can
always slice the text they gave us::

    >>> doc = Document(id="x", text="وی گفت: ایران و پاکستان همسایه‌اند.")
    >>> span = Span(0, 6, "SENT")
    >>> doc.text[span.start:span.end]
    'وی گفت'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - typing only
    from rokhdad.normalize import NormalizedText


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled character range ``[start, end)`` of the original text.

    spaCy users find their names here too: ``start_char``, ``end_char``, ``label_``.
    """

    start: int
    end: int
    label: str = ""

    @property
    def start_char(self) -> int:
        return self.start

    @property
    def end_char(self) -> int:
        return self.end

    @property
    def label_(self) -> str:
        return self.label

    def text_of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(slots=True)
class Article:
    """One input record as a reader produced it, before any analysis.

    ``text`` is the article body exactly as read (header lines such as the seed
    format's ``date YYYY-MM-DD`` removed, outer whitespace stripped).
    """

    id: str
    text: str
    date: dt.date | None = None
    title: str = ""
    source: str = ""
    url: str = ""
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Document:
    """An article under analysis: stages fill the lists below in place and return it."""

    id: str
    text: str
    date: dt.date | None = None
    title: str = ""
    source: str = ""
    url: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    normalized: NormalizedText | None = None
    sentences: list[Span] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    actors: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_article(cls, article: Article) -> Document:
        return cls(
            id=article.id,
            text=article.text,
            date=article.date,
            title=article.title,
            source=article.source,
            url=article.url,
            meta=dict(article.meta),
        )

    @property
    def norm_text(self) -> str:
        """The normalized view (the original text when no normalizer ran)."""
        return self.normalized.text if self.normalized is not None else self.text

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalized view back to the original text."""
        if self.normalized is None:
            return start, end
        return self.normalized.to_original(start, end)

    def to_normalized(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the original text onto the normalized view."""
        if self.normalized is None:
            return start, end
        return self.normalized.from_original(start, end)

    def sentence_index(self, offset: int) -> int | None:
        """Index of the sentence holding the original offset, or None between sentences."""
        for i, s in enumerate(self.sentences):
            if s.start <= offset < s.end:
                return i
        return None

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready record of ``rokhdad extract`` (see ../shared/spec/events.md)."""
        return {
            "id": self.id,
            "date": self.date.isoformat() if self.date else None,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "text": self.text,
            "meta": self.meta,
            "sentences": [{"start": s.start, "end": s.end} for s in self.sentences],
            "entities": self.entities,
            "actors": self.actors,
            "quotes": self.quotes,
            "events": self.events,
        }

    def to_spacy(self, nlp: Any = None) -> Any:
        """A spaCy ``Doc`` with our sentences and entities as spans (needs spaCy installed).

        Spans that do not fall on spaCy token boundaries are expanded to the
        enclosing tokens (``alignment_mode="expand"``).
        """
        try:
            import spacy
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("to_spacy() needs spaCy: pip install spacy") from exc
        nlp = nlp or spacy.blank("fa")
        sdoc = nlp.make_doc(self.text)
        ents = []
        for e in self.entities:
            span = sdoc.char_span(e["start"], e["end"], label=e["label"], alignment_mode="expand")
            if span is not None and all(not (span.start < o.end and o.start < span.end) for o in ents):
                ents.append(span)
        sdoc.ents = ents
        sdoc.spans["sentences"] = [
            s for s in (sdoc.char_span(x.start, x.end, alignment_mode="expand") for x in self.sentences) if s
        ]
        return sdoc
