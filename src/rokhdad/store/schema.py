"""The store's tables, written once and rendered for SQLite and for PostgreSQL.

Column names follow what datasette, pandas and GDELT users expect: ``latitude`` and
``longitude``, ``start_char``/``end_char`` for spans (spaCy's names; ``end`` is an SQL
keyword), ``num_mentions``/``num_articles``/``num_sources`` for GDELT-style counts.
Dates are ISO strings (``2025-11-25``) in both databases, so they sort and compare as
text and read back identically; JSON values are text. ``docs/schema.md`` documents every
column.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION = 1
#: The tsvector PostgreSQL indexes and searches: the search key's tokens, as they are.
PG_TSVECTOR = "array_to_tsvector(string_to_array(btrim(search_key), ' '))"

# Logical types and how each backend spells them.
_TYPES = {
    "sqlite": {
        "text": "TEXT",
        "int": "INTEGER",
        "real": "REAL",
        "bool": "INTEGER",
        "blob": "BLOB",
        "json": "TEXT",
    },
    "postgres": {
        "text": "TEXT",
        "int": "BIGINT",
        "real": "DOUBLE PRECISION",
        "bool": "BOOLEAN",
        "blob": "BYTEA",
        "json": "TEXT",
    },
}


@dataclass(frozen=True, slots=True)
class Table:
    """A table: its columns ``(name, logical type)`` and its primary key."""

    name: str
    columns: tuple[tuple[str, str], ...]
    key: tuple[str, ...]
    indexes: tuple[tuple[str, ...], ...] = ()

    @property
    def names(self) -> list[str]:
        return [c for c, _ in self.columns]

    def types(self) -> dict[str, str]:
        return dict(self.columns)


_SPAN = (("start_char", "int"), ("end_char", "int"))
ACTOR_FIELDS = ("text", "name_en", "kind", "country", "sector", "wikidata")
"""The fields of an actor flattened into ``source_*``/``target_*`` columns (spec/events.md)."""

ARTICLES = Table(
    "articles",
    (
        ("article_id", "text"),
        ("content_hash", "text"),
        ("raw_hash", "text"),
        ("date", "text"),
        ("title", "text"),
        ("source", "text"),
        ("url", "text"),
        ("outlet", "text"),
        ("text", "text"),
        ("meta", "json"),
        ("group_id", "text"),
        ("num_sentences", "int"),
        ("num_entities", "int"),
        ("num_quotes", "int"),
        ("num_events", "int"),
        ("search_key", "text"),
        ("minhash", "blob"),
    ),
    ("article_id",),
    (("date",), ("group_id",), ("content_hash",)),
)
SENTENCES = Table(
    "sentences",
    (("article_id", "text"), ("idx", "int"), *_SPAN, ("text", "text")),
    ("article_id", "idx"),
)
ENTITIES = Table(
    "entities",
    (("article_id", "text"), ("idx", "int"), *_SPAN, ("label", "text"), ("text", "text"), ("score", "real")),
    ("article_id", "idx"),
    (("label",),),
)
ACTORS = Table(
    "actors",
    (
        ("article_id", "text"),
        ("idx", "int"),
        *_SPAN,
        *((f, "text") for f in ACTOR_FIELDS),
        ("role", "text"),
        ("extra", "json"),
    ),
    ("article_id", "idx"),
    (("country",),),
)
QUOTES = Table(
    "quotes",
    (
        ("article_id", "text"),
        ("idx", "int"),
        *_SPAN,
        *((f"speaker_{f}", "text") for f in ACTOR_FIELDS),
        ("cue", "text"),
        ("content", "text"),
        ("sentence", "int"),
        ("direct", "bool"),
        ("extra", "json"),
    ),
    ("article_id", "idx"),
)
EVENT_DETAIL_COLUMNS: tuple[tuple[str, str], ...] = (
    ("location_text", "text"),
    ("location_name_en", "text"),
    ("location_country", "text"),
    ("latitude", "real"),
    ("longitude", "real"),
    ("historical", "bool"),
    ("negated", "bool"),
    ("hypothetical", "bool"),
    ("future", "bool"),
    ("evidence_sentence", "int"),
    ("evidence_start", "int"),
    ("evidence_end", "int"),
    ("evidence_text", "text"),
)
"""Where, which modality flags and which evidence span: the same columns in the events table
and, in the same order, in a flat export row (``records.EXPORT_COLUMNS``)."""
EVENTS = Table(
    "events",
    (
        ("event_id", "text"),
        ("article_id", "text"),
        ("idx", "int"),
        ("group_id", "text"),
        ("event_key", "text"),
        ("date", "text"),
        ("type", "text"),
        ("mode", "text"),
        ("quad", "int"),
        ("cameo", "text"),
        ("goldstein", "real"),
        ("confidence", "real"),
        *((f"source_{f}", "text") for f in ACTOR_FIELDS),
        ("source_actors", "json"),
        *((f"target_{f}", "text") for f in ACTOR_FIELDS),
        ("target_actors", "json"),
        *EVENT_DETAIL_COLUMNS,
        ("num_mentions", "int"),
        ("summary", "text"),
        ("extra", "json"),
    ),
    ("event_id",),
    (
        ("article_id",),
        ("date",),
        ("type",),
        ("source_country",),
        ("target_country",),
        ("group_id", "event_key"),
    ),
)
EVENT_MENTIONS = Table(
    "event_mentions",
    (
        ("event_id", "text"),
        ("idx", "int"),
        ("article_id", "text"),
        ("sentence", "int"),
        *_SPAN,
        ("text", "text"),
    ),
    ("event_id", "idx"),
    (("article_id",),),
)

#: Rows derived from an article: replaced together when its content changes.
DERIVED = (SENTENCES, ENTITIES, ACTORS, QUOTES, EVENTS, EVENT_MENTIONS)
TABLES = (ARTICLES, *DERIVED)
BY_NAME = {t.name: t for t in TABLES}


def ddl(dialect: str) -> list[str]:
    """``CREATE TABLE``/``CREATE INDEX`` statements for ``sqlite`` or ``postgres`` (idempotent)."""
    types = _TYPES[dialect]
    out = [
        "CREATE TABLE IF NOT EXISTS store_info (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ]
    for t in TABLES:
        cols = []
        if t is ARTICLES and dialect == "sqlite":
            # A stable rowid for the FTS5 index (an un-aliased rowid may change on VACUUM).
            cols.append("seq INTEGER PRIMARY KEY")
        for name, typ in t.columns:
            null = " NOT NULL" if name in t.key or name == "content_hash" else ""
            cols.append(f"{name} {types[typ]}{null}")
        key = ", ".join(t.key)
        tail = f"UNIQUE ({key})" if t is ARTICLES and dialect == "sqlite" else f"PRIMARY KEY ({key})"
        out.append(f"CREATE TABLE IF NOT EXISTS {t.name} ({', '.join(cols)}, {tail})")
        for ix in t.indexes:
            out.append(f"CREATE INDEX IF NOT EXISTS ix_{t.name}_{'_'.join(ix)} ON {t.name} ({', '.join(ix)})")
    if dialect == "sqlite":
        # The FTS5 index of articles.search_key, reading its text from articles (rowid = seq).
        out.append(
            "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
            "search_key, content='articles', content_rowid='seq', tokenize='unicode61 remove_diacritics 0')"
        )
    else:
        # Full-text index over exactly the key's tokens (no parser, no stemming): the same
        # whole-token matching as SQLite's FTS5, and no extension to install.
        out.append(f"CREATE INDEX IF NOT EXISTS ix_articles_search ON articles USING gin ({PG_TSVECTOR})")
    return out
