"""The store: analysed articles in SQLite (default) or PostgreSQL, searchable and exportable.

One narrow interface, :class:`Store`; :func:`open_store` picks the backend from a URL::

    >>> store = open_store("memory://")
    >>> store.counts()["articles"]
    0

- ``sqlite:///rokhdad.db`` (relative path), ``sqlite:////abs/path.db``, or a bare path
  ending in ``.db``/``.sqlite``: an SQLite file in WAL mode with an FTS5 index;
- ``postgresql://user@host/dbname`` (also ``postgres://``, and libpq's
  ``postgresql:///dbname?host=/socket/dir``): PostgreSQL via psycopg 3 with a GIN full-text index;
- ``memory://``: in-memory SQLite, for tests and notebooks.

The tables are documented in ``docs/schema.md``.
"""

from __future__ import annotations

from pathlib import Path

from rokhdad.store.base import Filters, PreparedArticle, Store
from rokhdad.store.sql import MemoryStore, PostgresStore, SQLiteStore

__all__ = ["Filters", "MemoryStore", "PostgresStore", "PreparedArticle", "SQLiteStore", "Store", "open_store"]

DEFAULT_URL = "sqlite:///rokhdad.db"


def open_store(url: str = DEFAULT_URL) -> Store:
    """The store a URL names (see the module docstring); creates the schema when missing."""
    if url in ("memory://", "sqlite://", "sqlite:///:memory:", ":memory:"):
        return MemoryStore()
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresStore(url)
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///") :]
        if not path:
            raise ValueError(f"no file in the SQLite URL {url!r}")
        return SQLiteStore(Path(path), url=url)
    if "://" in url:
        raise ValueError(f"unknown store URL {url!r}: use sqlite:///FILE, postgresql://... or memory://")
    return SQLiteStore(Path(url), url=f"sqlite:///{url}")
