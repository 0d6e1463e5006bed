"""The narrow interface every store implements, and the values that cross it.

The ingest loop, search and export only ever talk to a :class:`Store`; which database
sits behind it (SQLite file, in-memory SQLite, PostgreSQL) is the URL's business.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from rokhdad.store.records import Row


@dataclass(slots=True)
class PreparedArticle:
    """One analysed article ready to store: its ``articles`` row and its derived rows."""

    article_id: str
    content_hash: str
    article: dict[str, Any]
    derived: dict[str, list[Row]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Filters:
    """Filters shared by search and export; ``None`` means "any".

    ``date_from``/``date_to`` are inclusive ISO dates; ``country`` is an ISO 3166-1 alpha-3
    code (or ``IGO:UN`` …) matched against either side of an event or its location (and,
    for search, an article's actors); ``type`` is a PLOVER event type.
    """

    date_from: str | None = None
    date_to: str | None = None
    country: str | None = None
    type: str | None = None

    @classmethod
    def of(
        cls,
        date_from: str | dt.date | None = None,
        date_to: str | dt.date | None = None,
        country: str | None = None,
        type: str | None = None,
    ) -> Filters:
        """Filters from user input: dates in any form :func:`rokhdad.dates.parse_date` reads."""
        from rokhdad.dates import parse_date

        def iso(v: str | dt.date | None) -> str | None:
            if v is None or v == "":
                return None
            d = v if isinstance(v, dt.date) else parse_date(v)
            return d.isoformat() if d else None

        return cls(
            iso(date_from),
            iso(date_to),
            (country or None) and country.upper(),
            (type or None) and type.upper(),
        )


#: No filter at all.
NO_FILTERS = Filters()


@runtime_checkable
class Store(Protocol):
    """What the pipeline, search and export need from a database."""

    dialect: str
    url: str

    def known_hashes(self, article_ids: Sequence[str]) -> dict[str, tuple[str | None, str]]:
        """``article_id → (raw_hash, content_hash)`` for those of ``article_ids`` already stored."""
        ...

    def minhashes(self) -> Iterator[tuple[str, str | None, bytes | None]]:
        """``(article_id, group_id, MinHash signature)`` of every stored article, in ingest order."""
        ...

    def write(self, batch: Sequence[PreparedArticle]) -> None:
        """Store a batch in one transaction; an article already stored has its rows replaced."""
        ...

    def search(
        self, query: str, filters: Filters = NO_FILTERS, limit: int | None = 50
    ) -> Iterator[dict[str, Any]]:
        """Articles matching every token of ``query`` (spelling-insensitive), newest first."""
        ...

    def events(self, filters: Filters = NO_FILTERS, aggregate: bool = True) -> Iterator[dict[str, Any]]:
        """Event export rows (``records.EXPORT_COLUMNS``), streamed, sorted by date and event id.

        With ``aggregate`` an event told by several near-duplicate articles comes once, with
        GDELT-style ``num_mentions``/``num_articles``/``num_sources``; else once per article.
        """
        ...

    def ingest_lock(self) -> AbstractContextManager[None]:
        """Held by :func:`rokhdad.store.ingest.ingest` for a whole run."""
        ...

    def counts(self) -> dict[str, int]:
        """Row count of every table."""
        ...

    def rows(self, table: str) -> Iterator[tuple[Any, ...]]:
        """Every row of a table in primary-key order (for comparisons between backends)."""
        ...

    def close(self) -> None: ...
