"""The same API over PostgreSQL: a throwaway server (rokhdad.store.pgcluster), the spec-shaped
articles written through the store's API, the app opened read-only on it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest.importorskip("fastapi", reason="the web tests need the web extra (pip install 'rokhdad[web]')")
pytest.importorskip("psycopg", reason="PostgreSQL needs the postgres extra (psycopg)")

from web_helpers import spec_documents

from rokhdad.store import open_store
from rokhdad.store.ingest import prepare
from rokhdad.store.keys import content_hash
from rokhdad.store.pgcluster import TempCluster, available


@pytest.fixture(scope="module")
def pg_client() -> Iterator[object]:
    reason = available()
    if reason:
        pytest.skip(reason)
    from fastapi.testclient import TestClient

    from rokhdad.web import create_app

    cluster = TempCluster()
    try:
        try:
            cluster.start()
        except RuntimeError as exc:
            pytest.skip(f"cannot start a throwaway PostgreSQL server: {exc}")
        url = cluster.create_database("webtest")
        store = open_store(url)
        try:
            store.write([prepare(d, content_hash(d.text, d.title)) for d in spec_documents()])
        finally:
            store.close()
        with TestClient(create_app(url), raise_server_exceptions=False) as c:
            yield c
    finally:
        cluster.stop()


def get(client, url: str, status: int = 200) -> dict:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:500])
    return r.json()


def test_postgres_events_and_filters(pg_client) -> None:
    ids = [e["event_id"] for e in get(pg_client, "/api/events")["items"]]
    assert ids[:2] == ["web-0001:0", "web-0001:1"] and ids[-1] == "web-0004:0" and len(ids) == 7
    assert [e["event_id"] for e in get(pg_client, "/api/events?type=ACCUSE")["items"]] == ["web-0002:0"]
    src = {e["event_id"] for e in get(pg_client, "/api/events?source_country=PAK")["items"]}
    assert src == {"web-0001:0", "web-0003:0", "web-0003:1"}
    assert {e["event_id"] for e in get(pg_client, "/api/events?actor=ghalibaf")["items"]} == {"web-0001:0"}
    page = get(pg_client, "/api/events?limit=4")
    rest = get(pg_client, f"/api/events?limit=4&cursor={page['next_cursor']}")
    assert [e["event_id"] for e in page["items"] + rest["items"]] == ids


def test_postgres_search_article_and_aggregates(pg_client) -> None:
    found = {a["id"] for a in get(pg_client, "/api/articles?q=پاكستان")["items"]}
    assert found == {"web-0001", "web-0003"}
    art = get(pg_client, "/api/articles/web-0001")
    s, e = art["events"][0]["evidence"]["resolved"]
    assert art["text"][s:e] == "در تهران با محمدباقر قالیباف دیدار کرد"
    d = get(pg_client, "/api/dyads/IRN/PAK/timeline")
    assert d["total"] == 4 and [p["period"] for p in d["series"]] == ["2025-09", "2025-10", "2025-11"]
    assert ("ISR", "PSE") in {(x["source"], x["target"]) for x in get(pg_client, "/api/network")["edges"]}
    assert {p["name_en"] for p in get(pg_client, "/api/map")["items"]} == {"Tehran", "Gaza", "Islamabad"}
    assert get(pg_client, "/api/quotes?speaker=Ghalibaf")["items"][0]["article_id"] == "web-0001"
    assert get(pg_client, "/api/actors?country=IRN")["items"]
    assert len(pg_client.get("/api/export/events.jsonl").text.splitlines()) == 7
    assert get(pg_client, "/api/events?limit=abc", 422)["error"].startswith("limit")


def test_postgres_connection_is_read_only(pg_client) -> None:
    db = pg_client.app.state.db
    import psycopg

    with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
        db.all("DELETE FROM articles")
