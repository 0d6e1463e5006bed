"""The same behaviour from SQLite and PostgreSQL: writes, replacement, search, filters, aggregation."""

from __future__ import annotations

import pytest
from store_helpers import (  # noqa: F401 (pytest fixtures)
    actor,
    event,
    make_doc,
    pg_url_fixture,
    sqlite_url_fixture,
    store_fixture,
    store_url_fixture,
)

from rokhdad.store import Filters, open_store
from rokhdad.store.dedup import Deduper
from rokhdad.store.ingest import prepare
from rokhdad.store.keys import content_hash

IRN, IRQ, USA, PAK = (
    actor("ایران", "IRN"),
    actor("عراق", "IRQ"),
    actor("آمریکا", "USA"),
    actor("پاکستان", "PAK"),
)
ZWNJ = "\u200c"

WIRE = (
    "وزیر امور خارجه ایران روز یکشنبه در بغداد با همتای عراقی خود دیدار و گفتگو کرد و دو طرف بر گسترش "
    "همکاری های اقتصادی و امنیتی میان تهران و بغداد تاکید کردند\n"
    "این دیدار در چارچوب سفر منطقه ای وزیر خارجه انجام می شود و قرار است او با نخست وزیر عراق نیز دیدار کند"
)


def corpus() -> list:
    """Four articles: a wire story and its republished copy, and two unrelated ones."""
    copy = WIRE.replace("روز یکشنبه", "روز یک شنبه").replace("می شود", f"می{ZWNJ}شود")
    return [
        make_doc(
            "a1",
            WIRE,
            "2025-11-02",
            [
                event(
                    "CONSULT",
                    IRN,
                    IRQ,
                    location={
                        "text": "بغداد",
                        "name_en": "Baghdad",
                        "country": "IRQ",
                        "latitude": 33.3,
                        "longitude": 44.4,
                    },
                )
            ],
            source="farsnews",
            url="https://www.farsnews.ir/a1",
        ),
        make_doc(
            "a2",
            copy,
            "2025-11-02",
            [
                event(
                    "CONSULT",
                    IRN,
                    IRQ,
                    mentions=[
                        {"sentence": 0, "start": 0, "end": 10, "text": copy[:10]},
                        {"sentence": 1, "start": 200, "end": 210, "text": copy[200:210]},
                    ],
                )
            ],
            source="",
            url="https://www.irna.ir/news/a2",
        ),
        make_doc(
            "b1",
            "آمریکا ایران را تحریم کرد و این کار ادامه پیدا میشود",
            "2025-10-03",
            [event("SANCTION", USA, IRN)],
            source="isna",
        ),
        make_doc(
            "c1",
            "پاکستان حمله به مرز را محکوم کرد",
            "2025-09-01",
            [event("ACCUSE", PAK, IRN, date="2025-08-30")],
            source="isna",
            title="واکنش اسلام آباد",
        ),
    ]


def load(store, docs, deduper=None):
    deduper = deduper or Deduper()
    store.write([prepare(d, content_hash(d.text, d.title), deduper) for d in docs])
    return deduper


def test_write_counts_and_idempotent_replace(store):
    docs = corpus()
    load(store, docs)
    counts = store.counts()
    assert counts["articles"] == 4
    assert counts["events"] == 4
    assert counts["event_mentions"] == 5  # a2 brings two mentions
    assert counts["sentences"] == 2 + 2 + 1 + 1
    assert counts["entities"] == counts["actors"] == counts["quotes"] == 4
    # writing the same documents again replaces them: nothing is added
    load(store, corpus())
    assert store.counts() == counts
    # a changed article replaces its derived rows
    changed = make_doc(
        "b1",
        "آمریکا ایران را تحریم کرد\nو روسیه آن را محکوم کرد",
        "2025-10-03",
        [event("SANCTION", USA, IRN), event("ACCUSE", actor("روسیه", "RUS"), USA, sentence=1)],
    )
    load(store, [changed])
    after = store.counts()
    assert after["articles"] == 4
    assert after["events"] == 5
    assert after["sentences"] == counts["sentences"] + 1
    assert store.known_hashes(["b1", "zz"]).keys() == {"b1"}
    # the search index follows the replacement: the new words are found, the old ones are not
    assert [h["id"] for h in store.search("روسیه")] == ["b1"]
    assert list(store.search("ادامه")) == []
    if store.dialect == "sqlite":
        store.conn.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")


def test_three_spellings_find_the_same_articles(store):
    load(store, corpus())
    found = [
        sorted(h["id"] for h in store.search(q, limit=None)) for q in ("می شود", "میشود", f"می{ZWNJ}شود")
    ]
    assert found[0] == found[1] == found[2] == ["a1", "a2", "b1"]
    # a compound written apart in a text that types ZWNJs («یک شنبه» beside «می‌شود») is kept
    # apart by the normalizer, yet searched as one word, whichever spelling the query uses
    days = [
        sorted(h["id"] for h in store.search(q, limit=None)) for q in ("یکشنبه", "یک شنبه", f"یک{ZWNJ}شنبه")
    ]
    assert days[0] == days[1] == days[2] == ["a1", "a2"]
    # Arabic letters in the query find Persian text, and the title is searched too
    assert [h["id"] for h in store.search("اسلام آباد واكنش")] == ["c1"]
    # every word must occur
    assert [h["id"] for h in store.search("تحریم ادامه")] == ["b1"]
    assert list(store.search("تحریم بغداد")) == []
    assert list(store.search("...")) == []


def test_search_filters_return_only_matching_rows(store):
    load(store, corpus())
    assert sorted(h["id"] for h in store.search("ایران", limit=None)) == ["a1", "a2", "b1"]
    by = lambda **f: sorted(h["id"] for h in store.search("ایران", Filters.of(**f), limit=None))  # noqa: E731
    assert by(type="SANCTION") == ["b1"]
    assert by(country="USA") == ["b1"]
    assert by(country="IRQ") == ["a1", "a2"]
    assert by(date_from="2025-10-01") == ["a1", "a2", "b1"]
    assert by(date_to="2025-10-03", type="sanction") == ["b1"]
    assert by(date_from="2025-11-03") == []
    # the snippet quotes the article; dates come newest first
    hits = list(store.search("محکوم", limit=None))
    assert hits[0]["id"] == "c1" and "[محکوم]" in hits[0]["snippet"]
    dates = [h["date"] for h in store.search("ایران", limit=None)]
    assert dates == sorted(dates, reverse=True)
    assert len(list(store.search("ایران", limit=2))) == 2


def test_near_duplicates_are_aggregated(store):
    load(store, corpus())
    rows = list(store.events())
    consult = [r for r in rows if r["type"] == "CONSULT"]
    assert len(consult) == 1, "the wire copy's event is counted once"
    c = consult[0]
    assert c["event_id"] == "a1:0" and c["group_id"] == "a1"
    assert (c["num_articles"], c["num_sources"], c["num_mentions"]) == (2, 2, 3)
    assert c["latitude"] == 33.3 and c["longitude"] == 44.4 and c["location_country"] == "IRQ"
    assert {r["type"] for r in rows} == {"CONSULT", "SANCTION", "ACCUSE"}
    per_article = list(store.events(aggregate=False))
    assert len(per_article) == 4
    assert all(r["num_articles"] == 1 for r in per_article)
    # the event's own date wins over the article's; rows come sorted by date
    assert [r["date"] for r in rows] == ["2025-08-30", "2025-10-03", "2025-11-02"]
    assert rows[0]["article_date"] == "2025-09-01"


def test_export_filters(store):
    load(store, corpus())
    ids = lambda **f: [r["event_id"] for r in store.events(Filters.of(**f))]  # noqa: E731
    assert ids(country="PAK") == ["c1:0"]
    assert ids(country="IRN") == ["c1:0", "b1:0", "a1:0"]
    assert ids(type="CONSULT") == ["a1:0"]
    assert ids(date_from="2025-09-01", date_to="2025-10-31") == ["b1:0"]
    assert ids(country="CHN") == []


def test_groups_survive_reopening(store_url):
    """A later run rebuilds the near-duplicate index from stored signatures."""
    docs = corpus()
    s1 = open_store(store_url)
    load(s1, [docs[0], docs[2]])
    s1.close()
    s2 = open_store(store_url)
    fresh = Deduper()
    fresh.load(s2.minhashes())
    load(s2, [docs[1], docs[3]], fresh)
    groups = {r[0]: r for r in s2.rows("articles")}
    assert len(groups) == 4
    rows = list(s2.events())
    assert [r["num_articles"] for r in rows if r["type"] == "CONSULT"] == [2]
    s2.close()


def test_sqlite_and_postgres_store_identical_rows(sqlite_url, pg_url):
    stores = [open_store(sqlite_url), open_store(pg_url)]
    for s in stores:
        load(s, corpus())
    for table in ("articles", "sentences", "entities", "actors", "quotes", "events", "event_mentions"):
        assert list(stores[0].rows(table)) == list(stores[1].rows(table)), table
    assert list(stores[0].events()) == list(stores[1].events())
    assert list(stores[0].search("ایران", limit=None)) == list(stores[1].search("ایران", limit=None))
    for s in stores:
        s.close()


def test_open_store_picks_the_backend_from_the_url(tmp_path, pg_url):
    from rokhdad.store import MemoryStore, PostgresStore, SQLiteStore, Store

    mem = open_store("memory://")
    assert isinstance(mem, MemoryStore) and isinstance(mem, Store)
    f = open_store(f"sqlite:///{tmp_path / 'a.db'}")
    assert isinstance(f, SQLiteStore) and (tmp_path / "a.db").exists()
    assert f.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    bare = open_store(str(tmp_path / "b.db"))
    assert isinstance(bare, SQLiteStore)
    pg = open_store(pg_url)
    assert isinstance(pg, PostgresStore) and isinstance(pg, Store)
    for s in (mem, f, bare, pg):
        assert s.counts()["articles"] == 0
        s.close()
    with pytest.raises(ValueError, match="unknown store URL"):
        open_store("mysql://x")
