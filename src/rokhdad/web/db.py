"""Read-only access to a rokhdad store for the web server.

The server never writes: an SQLite file is opened with ``mode=ro`` and ``PRAGMA
query_only``; a PostgreSQL database through a session whose transactions are read-only.
Each server thread keeps its own connection (SQLite connections are cheap, and a reader
never blocks an ingest running beside it in WAL mode).

The tables are the store's (``docs/schema.md``, :mod:`rokhdad.store.schema`); every query
is written with ``?`` placeholders, which :class:`ReadOnlyDB` turns into ``%s`` for
PostgreSQL.

    >>> db = ReadOnlyDB.from_url("sqlite:///rokhdad.db")  # doctest: +SKIP
    >>> db.all("SELECT COUNT(*) AS n FROM articles")  # doctest: +SKIP
    [{'n': 1431}]
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from rokhdad.store.schema import SCHEMA_VERSION


class StoreNotFound(RuntimeError):
    """The URL names no rokhdad store (missing file, or a database without the tables)."""


def sqlite_path(url: str) -> Path | None:
    """The file an SQLite store URL names, or None for a PostgreSQL URL.

    >>> sqlite_path("sqlite:///data/x.db")
    PosixPath('data/x.db')
    >>> sqlite_path("sqlite:////tmp/x.db")
    PosixPath('/tmp/x.db')
    >>> sqlite_path("rokhdad.db")
    PosixPath('rokhdad.db')
    >>> sqlite_path("postgresql://localhost/rokhdad") is None
    True
    """
    if url.startswith(("postgresql://", "postgres://")):
        return None
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///") :]
        if not path:
            raise ValueError(f"no file in the SQLite URL {url!r}")
        return Path(path)
    if "://" in url:
        raise ValueError(f"unknown store URL {url!r}: use sqlite:///FILE or postgresql://...")
    return Path(url)


# No API query may run longer than this: a costly filter combination is cut off with a
# clear 503 instead of holding a server thread (SQLite: a progress handler; PostgreSQL:
# statement_timeout). A streamed export is many short fetches, each under its own limit.
QUERY_TIME_LIMIT = 10.0


class QueryTimeout(Exception):
    """A query ran past :data:`QUERY_TIME_LIMIT` and was stopped."""


class ReadOnlyDB:
    """Thread-local read-only connections to one store; rows come back as dicts."""

    def __init__(self, url: str, query_time_limit: float = QUERY_TIME_LIMIT) -> None:
        self.url = url
        self.query_time_limit = query_time_limit
        self.path = sqlite_path(url)
        self.dialect = "sqlite" if self.path is not None else "postgres"
        self._local = threading.local()
        if self.path is not None and not self.path.is_file():
            raise StoreNotFound(
                f"no store at {self.path}: ingest articles first (rokhdad ingest PATH --db {url})"
            )
        self._check_schema()

    @classmethod
    def from_url(cls, url: str) -> ReadOnlyDB:
        return cls(url)

    # -- connections ----------------------------------------------------------------------------

    def _connect(self) -> Any:
        if self.path is not None:
            uri = "file:" + quote(str(self.path.resolve())) + "?mode=ro"
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            conn.execute("PRAGMA query_only = ON")
            conn.execute("PRAGMA busy_timeout = 5000")
            return conn
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("PostgreSQL needs psycopg 3: pip install 'rokhdad[postgres]'") from exc
        ms = int(self.query_time_limit * 1000)
        return psycopg.connect(
            self.url,
            autocommit=True,
            options=f"-c default_transaction_read_only=on -c statement_timeout={ms}",
        )

    def _limited(self, conn: Any) -> Any:
        """Arm the SQLite time limit for the next statement on ``conn`` (PostgreSQL has its own)."""
        if self.path is not None:
            deadline = time.monotonic() + self.query_time_limit
            conn.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, 10_000)
        return conn

    def _run(self, conn: Any, sql: str, params: Sequence[Any]) -> Any:
        try:
            cur = self._limited(conn).cursor()
            cur.execute(self.sql(sql), tuple(params))
            return cur
        except Exception as exc:
            if _is_timeout(exc):
                raise QueryTimeout(f"the query took longer than {self.query_time_limit:g} s") from None
            raise

    def conn(self) -> Any:
        """This thread's connection (opened on first use)."""
        c = getattr(self._local, "conn", None)
        if c is None:
            c = self._local.conn = self._connect()
        return c

    def close(self) -> None:
        """Close this thread's connection (others close when their thread ends)."""
        c = getattr(self._local, "conn", None)
        if c is not None:
            c.close()
            self._local.conn = None

    # -- queries --------------------------------------------------------------------------------

    def sql(self, sql: str) -> str:
        """A ``?``-placeholder statement in this database's placeholder style."""
        return sql if self.dialect == "sqlite" else sql.replace("?", "%s")

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Every row of a query, as dicts keyed by column name."""
        cur = self._run(self.conn(), sql, params)
        names = [d[0] for d in cur.description]
        try:
            rows = cur.fetchall()
        except Exception as exc:
            if _is_timeout(exc):
                raise QueryTimeout(f"the query took longer than {self.query_time_limit:g} s") from None
            raise
        return [dict(zip(names, row, strict=True)) for row in rows]

    def one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        rows = self.all(sql, params)
        return rows[0] if rows else None

    def _check_schema(self) -> None:
        try:
            row = self.one("SELECT value FROM store_info WHERE key = ?", ("schema_version",))
        except Exception as exc:  # no store_info table: not a rokhdad store
            raise StoreNotFound(f"{self.url} is not a rokhdad store ({exc})") from exc
        finally:
            self.close()
        if row is None or int(row["value"]) != SCHEMA_VERSION:
            found = row["value"] if row else "none"
            raise StoreNotFound(
                f"{self.url}: store schema version {found}, this rokhdad reads {SCHEMA_VERSION}"
            )

    def stream(self, sql: str, params: Sequence[Any] = (), batch: int = 500) -> Iterator[dict[str, Any]]:
        """Rows of a long query on a connection of its own (a streamed download may be
        iterated from several server threads, so it must not share a thread's connection)."""
        conn = self._connect()
        try:
            cur = self._run(conn, sql, params)
            names = [d[0] for d in cur.description]
            while True:
                self._limited(conn)
                rows = cur.fetchmany(batch)
                if not rows:
                    return
                for row in rows:
                    yield dict(zip(names, row, strict=True))
        finally:
            conn.close()


def _is_timeout(exc: Exception) -> bool:
    """SQLite's interrupted statement, or PostgreSQL's statement_timeout."""
    if isinstance(exc, sqlite3.OperationalError):
        return "interrupted" in str(exc)
    return type(exc).__name__ == "QueryCanceled"
