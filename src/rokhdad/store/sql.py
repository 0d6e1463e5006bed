"""The SQL stores: one implementation of :class:`~rokhdad.store.base.Store`, two dialects.

Plain SQL, no ORM. The statements are written once with ``?`` placeholders and a few
dialect switches; :class:`SQLiteStore` and :class:`PostgresStore` only differ in how they
connect, how a transaction is opened, and how the search index is kept.

Crash safety: every :meth:`SQLStore.write` is one transaction holding the article rows,
all their derived rows and their search-index entries, so a process killed at any moment
leaves either the whole batch or none of it. SQLite runs in WAL mode.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from rokhdad.store.base import NO_FILTERS, Filters, PreparedArticle
from rokhdad.store.keys import search_tokens
from rokhdad.store.records import EXPORT_NAMES, canonical
from rokhdad.store.schema import ARTICLES, BY_NAME, DERIVED, PG_TSVECTOR, SCHEMA_VERSION, ddl

_ART_COLS = ARTICLES.names
_INGEST_LOCK = 72430001  # PostgreSQL advisory lock key of `rokhdad ingest`
_UPDATE_COLS = [c for c in _ART_COLS if c != "article_id"]


class SQLStore:
    """Shared logic; subclasses set :attr:`dialect` and the connection."""

    dialect = ""
    url = ""
    _ph = "?"
    _c = ""  # COLLATE clause that makes text sort by code point in both databases

    # -- plumbing -------------------------------------------------------------------------------

    def _sql(self, sql: str) -> str:
        return sql if self._ph == "?" else sql.replace("?", "%s")

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> Any:
        raise NotImplementedError

    def _query(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """Rows of a query, streamed (server-side cursor on PostgreSQL)."""
        raise NotImplementedError

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """All rows of a small query."""
        return list(self._exec(sql, params).fetchall())

    def _init_schema(self) -> None:
        for stmt in ddl(self.dialect):
            self._exec(stmt)
        self._exec(
            self._sql("INSERT INTO store_info (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING"),
            ("schema_version", str(SCHEMA_VERSION)),
        )
        found = self._all(self._sql("SELECT value FROM store_info WHERE key = ?"), ("schema_version",))[0]
        if int(found[0]) != SCHEMA_VERSION:
            raise RuntimeError(
                f"{self.url}: store schema version {found[0]}, this rokhdad needs {SCHEMA_VERSION}"
            )

    def _in(self, n: int) -> str:
        return "(" + ", ".join(["?"] * n) + ")"

    # -- reading ----------------------------------------------------------------------------------

    def known_hashes(self, article_ids: Sequence[str]) -> dict[str, tuple[str | None, str]]:
        out: dict[str, tuple[str | None, str]] = {}
        ids = list(dict.fromkeys(article_ids))
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            sql = f"SELECT article_id, raw_hash, content_hash FROM articles WHERE article_id IN {self._in(len(chunk))}"
            out.update({aid: (raw, ch) for aid, raw, ch in self._all(self._sql(sql), chunk)})
        return out

    def minhashes(self) -> Iterator[tuple[str, str | None, bytes | None]]:
        order = "seq" if self.dialect == "sqlite" else "ingest_seq"
        for aid, gid, sig in self._query(
            f"SELECT article_id, group_id, minhash FROM articles ORDER BY {order}"
        ):
            yield aid, gid, bytes(sig) if sig is not None else None

    def counts(self) -> dict[str, int]:
        return {t: self._all(f"SELECT COUNT(*) FROM {t}")[0][0] for t in BY_NAME}

    def rows(self, table: str) -> Iterator[tuple[Any, ...]]:
        t = BY_NAME[table]
        cols = [c for c in t.names if c not in ("minhash",)]
        order = ", ".join(f"{k}{self._c}" if t.types()[k] == "text" else k for k in t.key)
        types = t.types()
        for row in self._query(f"SELECT {', '.join(cols)} FROM {table} ORDER BY {order}"):
            yield tuple(
                bool(v) if v is not None and types[c] == "bool" else v for c, v in zip(cols, row, strict=True)
            )

    # -- filters ----------------------------------------------------------------------------------

    def _event_filter(self, f: Filters, alias: str = "e") -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if f.date_from:
            where.append(f"{alias}.date >= ?")
            params.append(f.date_from)
        if f.date_to:
            where.append(f"{alias}.date <= ?")
            params.append(f.date_to)
        if f.type:
            where.append(f"{alias}.type = ?")
            params.append(f.type)
        if f.country:
            pat = '%"country":"' + f.country.replace("%", "").replace("_", "\\_") + '"%'
            esc = " ESCAPE '\\'"
            where.append(
                f"({alias}.source_actors LIKE ?{esc} OR {alias}.target_actors LIKE ?{esc}"
                f" OR {alias}.location_country = ?)"
            )
            params += [pat, pat, f.country]
        return where, params

    # -- search -----------------------------------------------------------------------------------

    def _match(self, tokens: list[str]) -> tuple[str, list[Any]]:
        """The WHERE clause (over ``articles a``) that matches every token."""
        raise NotImplementedError

    def search(
        self, query: str, filters: Filters = NO_FILTERS, limit: int | None = 50
    ) -> Iterator[dict[str, Any]]:
        from rokhdad.store.keys import snippet

        tokens = search_tokens(query)
        if not tokens:
            return
        match, params = self._match(tokens)
        where = [match]
        if filters.date_from:
            where.append("a.date >= ?")
            params.append(filters.date_from)
        if filters.date_to:
            where.append("a.date <= ?")
            params.append(filters.date_to)
        if filters.type or filters.country:
            ew, ep = self._event_filter(Filters(type=filters.type, country=filters.country))
            ev = f"EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.article_id AND {' AND '.join(ew)})"
            if filters.country and not filters.type:
                ev = f"({ev} OR EXISTS (SELECT 1 FROM actors ac WHERE ac.article_id = a.article_id AND ac.country = ?))"
                ep.append(filters.country)
            where.append(ev)
            params += ep
        sql = (
            f"SELECT a.article_id, a.date, a.title, a.text FROM articles a WHERE {' AND '.join(where)}"
            f" ORDER BY a.date{self._c} DESC NULLS LAST, a.article_id{self._c}"
        )
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        for aid, date, title, text in self._query(self._sql(sql), params):
            yield {"id": aid, "date": date, "title": title, "snippet": snippet(text or "", query)}

    # -- export -----------------------------------------------------------------------------------

    def events(self, filters: Filters = NO_FILTERS, aggregate: bool = True) -> Iterator[dict[str, Any]]:
        where, params = self._event_filter(filters)
        c = self._c
        cols = [
            n
            for n in EXPORT_NAMES
            if n
            not in ("num_articles", "num_sources", "article_date", "outlet", "url", "title", "num_mentions")
        ]
        select = ", ".join(f"e.{n}" for n in cols)
        if aggregate:
            sql = (
                f"SELECT {select}, g.num_mentions, g.num_articles, g.num_sources,"
                " a.date AS article_date, a.outlet, a.url, a.title"
                " FROM events e JOIN articles a ON a.article_id = e.article_id"
                " JOIN (SELECT e2.group_id, e2.event_key, SUM(e2.num_mentions) AS num_mentions,"
                " COUNT(DISTINCT e2.article_id) AS num_articles, COUNT(DISTINCT a2.outlet) AS num_sources,"
                f" MIN(e2.event_id{c}) AS rep"
                " FROM events e2 JOIN articles a2 ON a2.article_id = e2.article_id"
                " GROUP BY e2.group_id, e2.event_key) g ON g.rep = e.event_id"
            )
        else:
            sql = (
                f"SELECT {select}, e.num_mentions, 1, 1, a.date AS article_date, a.outlet, a.url, a.title"
                " FROM events e JOIN articles a ON a.article_id = e.article_id"
            )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY e.date{c} NULLS FIRST, e.event_id{c}"
        names = [
            *cols,
            "num_mentions",
            "num_articles",
            "num_sources",
            "article_date",
            "outlet",
            "url",
            "title",
        ]
        for row in self._query(self._sql(sql), params):
            yield canonical(dict(zip(names, row, strict=True)))

    # -- writing ----------------------------------------------------------------------------------

    def write(self, batch: Sequence[PreparedArticle]) -> None:
        raise NotImplementedError

    @contextlib.contextmanager
    def ingest_lock(self) -> Iterator[None]:
        """Held for a whole ingest run: one ingest per database at a time (see PostgresStore)."""
        yield

    def _insert_derived(self, batch: Sequence[PreparedArticle], executemany: Any) -> None:
        for t in DERIVED:
            rows = [r for art in batch for r in art.derived.get(t.name, ())]
            if rows:
                ph = ", ".join(["?"] * len(t.columns))
                executemany(self._sql(f"INSERT INTO {t.name} ({', '.join(t.names)}) VALUES ({ph})"), rows)

    def _delete_derived(self, ids: list[str], execute: Any) -> None:
        if not ids:
            return
        for t in DERIVED:
            execute(self._sql(f"DELETE FROM {t.name} WHERE article_id IN {self._in(len(ids))}"), ids)

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _dedupe(batch: Sequence[PreparedArticle]) -> list[PreparedArticle]:
    """The last version of each article in a batch (an input may repeat an id)."""
    last: dict[str, PreparedArticle] = {}
    for art in batch:
        last.pop(art.article_id, None)
        last[art.article_id] = art
    return list(last.values())


class SQLiteStore(SQLStore):
    """An SQLite file (WAL mode) with an FTS5 index over the articles' search keys."""

    dialect = "sqlite"

    def __init__(self, path: str | Path, url: str | None = None) -> None:
        self.path = str(path)
        self.url = url or f"sqlite:///{self.path}"
        self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        if self.path != ":memory:":
            self.conn.execute("PRAGMA journal_mode=WAL")
        # NORMAL is durable across process crashes (SIGKILL) in WAL mode; only power loss may
        # drop the last commits, never corrupt the file.
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA busy_timeout=30000")
        self._init_schema()

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(sql, params)

    def _query(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        cur = self.conn.execute(sql, params)
        while True:
            rows = cur.fetchmany(200)
            if not rows:
                return
            yield from rows

    def _match(self, tokens: list[str]) -> tuple[str, list[Any]]:
        expr = " ".join('"' + t.replace('"', '""') + '"' for t in tokens)
        return "a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", [expr]

    def write(self, batch: Sequence[PreparedArticle]) -> None:
        batch = _dedupe(batch)
        if not batch:
            return
        ids = [a.article_id for a in batch]
        cur = self.conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            old = cur.execute(
                f"SELECT seq, search_key FROM articles WHERE article_id IN {self._in(len(ids))}", ids
            ).fetchall()
            if old:
                cur.executemany(
                    "INSERT INTO articles_fts (articles_fts, rowid, search_key) VALUES ('delete', ?, ?)", old
                )
            existing = [
                r[0]
                for r in cur.execute(
                    f"SELECT article_id FROM articles WHERE article_id IN {self._in(len(ids))}", ids
                )
            ]
            self._delete_derived(existing, cur.execute)
            cols = ", ".join(_ART_COLS)
            sets = ", ".join(f"{c} = excluded.{c}" for c in _UPDATE_COLS)
            cur.executemany(
                f"INSERT INTO articles ({cols}) VALUES ({', '.join(['?'] * len(_ART_COLS))})"
                f" ON CONFLICT (article_id) DO UPDATE SET {sets}",
                [tuple(a.article[c] for c in _ART_COLS) for a in batch],
            )
            cur.execute(
                "INSERT INTO articles_fts (rowid, search_key) SELECT seq, search_key FROM articles"
                f" WHERE article_id IN {self._in(len(ids))}",
                ids,
            )
            self._insert_derived(batch, cur.executemany)
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.conn.close()


class MemoryStore(SQLiteStore):
    """An in-memory SQLite store (``memory://``): for tests and one-off notebooks."""

    def __init__(self) -> None:
        super().__init__(":memory:", url="memory://")


class PostgresStore(SQLStore):
    """A PostgreSQL database through psycopg 3 (``pip install 'rokhdad[postgres]'``).

    Search uses a GIN full-text index over the tokens of the same search key as SQLite's
    FTS5, matched token by token, so both backends return the same articles.
    """

    dialect = "postgres"
    _ph = "%s"
    _c = ' COLLATE "C"'

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("PostgreSQL needs psycopg 3: pip install 'rokhdad[postgres]'") from exc
        self.url = url
        self.conn = psycopg.connect(url, autocommit=True)
        self._cursors = 0
        self._init_schema()

    def _init_schema(self) -> None:
        with self.conn.transaction():
            # One ingest at a time creates the schema (CREATE ... IF NOT EXISTS races otherwise).
            self.conn.execute("SELECT pg_advisory_xact_lock(7243)")
            super()._init_schema()
            self.conn.execute("CREATE SEQUENCE IF NOT EXISTS articles_ingest_seq")
            self.conn.execute(
                "ALTER TABLE articles ADD COLUMN IF NOT EXISTS ingest_seq BIGINT"
                " DEFAULT nextval('articles_ingest_seq')"
            )

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(sql, params or None)  # type: ignore[arg-type]

    @contextlib.contextmanager
    def ingest_lock(self) -> Iterator[None]:
        """A session advisory lock: a second ingest waits for the first, and an ingest started
        after one was killed waits until the server has finished the dead client's last
        transaction, so it reads what that transaction left (committed or rolled back)."""
        self.conn.execute("SELECT pg_advisory_lock(%s)", (_INGEST_LOCK,))
        try:
            yield
        finally:
            self.conn.execute("SELECT pg_advisory_unlock(%s)", (_INGEST_LOCK,))

    def _query(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        self._cursors += 1
        with self.conn.transaction(), self.conn.cursor(name=f"rokhdad_{self._cursors}") as cur:
            cur.itersize = 200
            cur.execute(sql, params or None)  # type: ignore[arg-type]
            yield from cur

    def _match(self, tokens: list[str]) -> tuple[str, list[Any]]:
        # Tokens hold letters and digits only (keys.search_tokens), so quoting them is safe.
        query = " & ".join("'" + t.replace("'", "''") + "'" for t in tokens)
        return f"{PG_TSVECTOR.replace('search_key', 'a.search_key')} @@ ?::tsquery", [query]

    def write(self, batch: Sequence[PreparedArticle]) -> None:
        batch = _dedupe(batch)
        if not batch:
            return
        ids = [a.article_id for a in batch]
        with self.conn.transaction(), self.conn.cursor() as cur:
            # Lock the rows of articles being replaced so two ingests cannot interleave them.
            cur.execute("SELECT article_id FROM articles WHERE article_id = ANY(%s) FOR UPDATE", (ids,))
            existing = [r[0] for r in cur.fetchall()]
            self._delete_derived(existing, cur.execute)
            cols = ", ".join(_ART_COLS)
            sets = ", ".join(f"{c} = excluded.{c}" for c in _UPDATE_COLS)
            cur.executemany(
                f"INSERT INTO articles ({cols}) VALUES ({', '.join(['%s'] * len(_ART_COLS))})"
                f" ON CONFLICT (article_id) DO UPDATE SET {sets}",
                [tuple(a.article[c] for c in _ART_COLS) for a in batch],
            )
            self._insert_derived(batch, cur.executemany)

    def close(self) -> None:
        self.conn.close()
