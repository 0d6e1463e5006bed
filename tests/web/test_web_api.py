"""The JSON API over a real SQLite store (the examples ingested + spec-shaped articles)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from web_helpers import client_fixture, store_url_fixture  # noqa: F401

from rokhdad.web.db import StoreNotFound


def get(client, url: str, status: int = 200) -> dict:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:500])
    return r.json()


# -- articles ----------------------------------------------------------------------------------------


def test_articles_lists_every_stored_article_newest_first(client, store_url) -> None:
    path = store_url[len("sqlite:///") :]
    n = sqlite3.connect(path).execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    items, cursor, pages = [], None, 0
    while True:
        page = get(client, "/api/articles?limit=3" + (f"&cursor={cursor}" if cursor else ""))
        items += page["items"]
        pages += 1
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(items) == n and pages == -(-n // 3)
    assert len({a["id"] for a in items}) == n  # no repeats across pages
    dates = [a["date"] or "" for a in items]
    assert dates == sorted(dates, reverse=True)
    assert items[-1]["date"] is None  # an undated article comes last, and is reached


def test_search_is_spelling_insensitive(client) -> None:
    plain = get(client, "/api/articles?q=پاکستان")["items"]
    arabic = get(client, "/api/articles?q=پاكستان")["items"]  # Arabic kaf
    assert {a["id"] for a in plain} == {a["id"] for a in arabic}
    assert "web-0001" in {a["id"] for a in plain}
    assert "web-0002" not in {a["id"] for a in plain}
    assert any("[پاکستان]" in a["snippet"] for a in plain)
    # «همکاری های» (space), «همکاری‌های» (ZWNJ) and «همکاریهای» find the same articles.
    forms = [
        get(client, "/api/articles?q=" + q)["items"] for q in ("همکاری های", "همکاری\u200cهای", "همکاریهای")
    ]
    assert forms[0] and all({a["id"] for a in f} == {a["id"] for a in forms[0]} for f in forms)


def test_search_requires_every_word_and_filters(client) -> None:
    both = {a["id"] for a in get(client, "/api/articles?q=پاکستان اسلام‌آباد")["items"]}
    assert "web-0003" in both and "web-0001" not in both
    accuse = {a["id"] for a in get(client, "/api/articles?type=ACCUSE")["items"]}
    assert "web-0002" in accuse and "web-0001" not in accuse
    dated = get(client, "/api/articles?date_from=2025-10-01&date_to=2025-10-31")["items"]
    assert dated and all("2025-10-01" <= a["date"] <= "2025-10-31" for a in dated)
    # A Jalali date means the same day: 1404-07-10 = 2025-10-02.
    jal = get(client, "/api/articles?date_from=1404-07-10&date_to=1404-07-10")["items"]
    assert [a["id"] for a in jal if a["id"].startswith("web-")] == ["web-0002"]


def test_search_of_only_punctuation_finds_nothing(client) -> None:
    assert get(client, "/api/articles?q=%22%22%20*%20(")["items"] == []


def test_article_spans_slice_the_text(client) -> None:
    a = get(client, "/api/articles/web-0001")
    text = a["text"]
    assert a["sentences"] and all(0 <= s["start"] < s["end"] <= len(text) for s in a["sentences"])
    for e in a["entities"]:
        assert text[e["start"] : e["end"]] == e["text"]
    assert a["quotes"][0]["speaker"]["country"] == "IRN"
    q = a["quotes"][0]
    assert text[q["start"] : q["end"]] == q["content"]
    consult = next(e for e in a["events"] if e["type"] == "CONSULT")
    s, e = consult["evidence"]["resolved"]
    assert text[s:e] == consult["evidence"]["text"] == "در تهران با محمدباقر قالیباف دیدار کرد"
    sent = a["sentences"][consult["evidence"]["sentence"]]
    assert sent["start"] <= s < e <= sent["end"]


def test_unknown_article_is_404(client) -> None:
    body = get(client, "/api/articles/no-such-article", 404)
    assert "no-such-article" in body["error"]


# -- events ------------------------------------------------------------------------------------------


def test_events_filters(client) -> None:
    allev = get(client, "/api/events?limit=500")["items"]
    assert {"web-0001:0", "web-0002:1", "web-0003:0"} <= {e["event_id"] for e in allev}
    acc = get(client, "/api/events?type=accuse")["items"]
    assert acc and all(e["type"] == "ACCUSE" for e in acc)
    q4 = get(client, "/api/events?quad=4")["items"]
    assert q4 and all(e["quad"] == 4 for e in q4)
    src = get(client, "/api/events?source_country=pak")["items"]
    assert src and all(any(a["country"] == "PAK" for a in e["source"]) for e in src)
    # A compound side matches any of its actors: IRN is the first source of web-0003:0, PAK the second.
    assert "web-0003:0" in {e["event_id"] for e in src}
    tgt = get(client, "/api/events?source_country=PAK&target_country=IRN")["items"]
    assert {"web-0003:1", "web-0001:0"} <= {e["event_id"] for e in tgt}
    actor = get(client, "/api/events?actor=Ghalibaf")["items"]
    assert {e["event_id"] for e in actor if e["event_id"].startswith("web-")} == {"web-0001:0"}
    fa_actor = get(client, "/api/events?actor=قالیباف")["items"]
    assert "web-0001:0" in {e["event_id"] for e in fa_actor}
    rng = get(client, "/api/events?date_from=2025-10-01&date_to=2025-10-31")["items"]
    assert rng and all("2025-10-01" <= e["date"] <= "2025-10-31" for e in rng)


def test_events_pages_do_not_overlap(client) -> None:
    allev = get(client, "/api/events?limit=500")["items"]
    assert allev[-1]["event_id"] == "web-0004:0"  # undated: last
    seen, cursor = [], None
    while True:
        page = get(client, "/api/events?limit=2" + (f"&cursor={cursor}" if cursor else ""))
        seen += [e["event_id"] for e in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == [e["event_id"] for e in allev]


def test_event_record_follows_the_spec(client) -> None:
    ev = next(e for e in get(client, "/api/events?limit=500")["items"] if e["event_id"] == "web-0001:0")
    assert ev["type"] == "CONSULT" and ev["mode"] == "visit" and ev["quad"] == 1
    assert ev["source"][0]["name_en"] == "Ayaz Sadiq" and ev["target"][0]["country"] == "IRN"
    assert ev["location"]["name_en"] == "Tehran" and ev["location"]["latitude"] == pytest.approx(35.69)
    assert ev["evidence"]["sentence"] == 0 and ev["summary"].startswith("Pakistan's speaker")


# -- malformed parameters: 4xx with a message, never 5xx ----------------------------------------------------

BAD = [
    ("/api/events?limit=abc", "limit"),
    ("/api/events?limit=0", "limit"),
    ("/api/events?limit=100000", "limit"),
    ("/api/events?limit=-5", "limit"),
    ("/api/events?quad=7", "quad"),
    ("/api/events?quad=x", "quad"),
    ("/api/events?type=DANCE", "type"),
    ("/api/events?date_from=yesterday", "date_from"),
    ("/api/events?date_from=2025-13-45", "date_from"),
    ("/api/events?date_from=2025-12-01&date_to=2025-01-01", "date_from"),
    ("/api/events?source_country=Iran!", "source_country"),
    ("/api/events?country=' OR 1=1 --", "country"),
    ("/api/events?cursor=not-a-cursor", "cursor"),
    ("/api/events?cursor=WzFd", "cursor"),  # a valid base64 JSON list of the wrong size
    ("/api/events?actor=" + "x" * 101, "actor"),
    ("/api/articles?limit=abc", "limit"),
    ("/api/articles?limit=101", "limit"),
    ("/api/articles?q=" + "پ" * 201, "q"),
    ("/api/articles?cursor=%%%", "cursor"),
    ("/api/articles?type=consult'", "type"),
    ("/api/actors?limit=zz", "limit"),
    ("/api/dyads/IRN/PAK/timeline?interval=year", "interval"),
    ("/api/dyads/IRAN/PAK/timeline", "a"),
    ("/api/dyads/IRN/PAK/timeline?directed=maybe", "directed"),
    ("/api/network?by=planet", "by"),
    ("/api/network?min_weight=0", "min_weight"),
    ("/api/quotes?limit=1.5", "limit"),
    ("/api/quotes?cursor=W10", "cursor"),
    ("/api/map?quad=0", "quad"),
    ("/api/export/events.xlsx", "fmt"),
    ("/api/export/events.csv?type=NOPE", "type"),
]


@pytest.mark.parametrize(("url", "param"), BAD)
def test_malformed_parameters_are_4xx_with_a_clear_message(client, url: str, param: str) -> None:
    r = client.get(url)
    assert 400 <= r.status_code < 500, (url, r.status_code, r.text[:300])
    body = r.json()
    assert param in body["error"], body
    assert any(d.get("param") in (param, None) for d in body["detail"])


def test_unknown_api_path_is_404_json(client) -> None:
    r = client.get("/api/nothing-here")
    assert r.status_code == 404 and "error" in r.json()


# -- actors, dyads, network, map, quotes, export ---------------------------------------------------------------


def test_actors_counts(client) -> None:
    items = get(client, "/api/actors?limit=500")["items"]
    ghal = next(a for a in items if a["name_en"] == "Mohammad Bagher Ghalibaf")
    assert ghal["country"] == "IRN" and ghal["as_target"] >= 1 and ghal["mentions"] >= 1
    counts = [a["events"] for a in items]
    assert counts == sorted(counts, reverse=True)
    pak = get(client, "/api/actors?country=PAK")["items"]
    assert pak and all(a["country"] == "PAK" for a in pak)
    assert all(a["name_en"] for a in items)  # resolved actors only, by default
    everyone = get(client, "/api/actors?limit=500&resolved=false")["items"]
    assert len(everyone) >= len(items)
    assert sum(a["mentions"] for a in everyone) >= sum(a["mentions"] for a in items)


def test_dyad_timeline_counts_by_quad_and_goldstein(client) -> None:
    d = get(client, "/api/dyads/IRN/PAK/timeline?interval=month")
    by = {s["period"]: s for s in d["series"]}
    # Spec articles: 2025-09 AGREE (+8.0) and REQUEST (-0.1); 2025-11 CONSULT (+1.9) and AGREE (+8.0).
    assert by["2025-09"]["quad1"] >= 1 and by["2025-09"]["quad3"] >= 1
    assert "2025-10" in by  # an empty month between two with events is filled in
    assert d["total"] == sum(s["total"] for s in d["series"])
    assert all(s["total"] == sum(s[f"quad{q}"] for q in (1, 2, 3, 4)) for s in d["series"])
    directed = get(client, "/api/dyads/PAK/IRN/timeline?interval=day&directed=true")
    assert directed["total"] <= d["total"]
    days = {s["period"] for s in directed["series"] if s["total"]}
    assert {"2025-09-14", "2025-11-25"} <= days
    week = get(client, "/api/dyads/IRN/PAK/timeline?interval=week")
    assert all(p["period"] >= "2025" for p in week["series"]) and week["total"] == d["total"]
    none = get(client, "/api/dyads/IRN/ZWE/timeline")
    assert none["series"] == [] and none["total"] == 0


def test_network_edges_and_nodes(client) -> None:
    g = get(client, "/api/network")
    edges = {(e["source"], e["target"]): e for e in g["edges"]}
    assert ("IRN", "ISR") in edges and edges[("IRN", "ISR")]["quad3"] >= 1
    assert ("ISR", "PSE") in edges and edges[("ISR", "PSE")]["goldstein_mean"] < 0
    ids = {n["id"] for n in g["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in g["edges"])
    actors = get(client, "/api/network?by=actor&type=CONSULT")
    assert ("Ayaz Sadiq", "Mohammad Bagher Ghalibaf") in {(e["source"], e["target"]) for e in actors["edges"]}


def test_map_points_have_coordinates(client) -> None:
    items = get(client, "/api/map")["items"]
    names = {p["name_en"] for p in items}
    assert {"Tehran", "Gaza", "Islamabad"} <= names
    assert all(p["latitude"] is not None and p["longitude"] is not None for p in items)
    assert {p["name_en"] for p in get(client, "/api/map?quad=4")["items"]} >= {"Gaza"}
    assert "Tehran" not in {p["name_en"] for p in get(client, "/api/map?quad=4")["items"]}


def test_quotes_by_speaker(client) -> None:
    q = get(client, "/api/quotes?speaker=Ghalibaf")["items"]
    assert [x["article_id"] for x in q] == ["web-0001"]
    assert q[0]["speaker"]["name_en"] == "Mohammad Bagher Ghalibaf"
    assert get(client, "/api/quotes?speaker=قالیباف")["items"]
    by_country = get(client, "/api/quotes?country=IRN")["items"]
    assert by_country and all(x["speaker"]["country"] == "IRN" for x in by_country)


def test_export_streams_csv_and_jsonl(client) -> None:
    r = client.get("/api/export/events.csv?type=AGREE")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows and all(row["type"] == "AGREE" for row in rows)
    r = client.get("/api/export/events.jsonl?source_country=ISR")
    recs = [json.loads(line) for line in r.text.splitlines()]
    assert recs and all(any(a["country"] == "ISR" for a in x["source"]) for x in recs)
    total = len(get(client, "/api/events?limit=500")["items"])
    assert len(client.get("/api/export/events.jsonl").text.splitlines()) == total


def test_meta_and_countries(client) -> None:
    m = get(client, "/api/meta")
    assert m["counts"]["articles"] >= 8 and m["counts"]["events"] >= 6
    assert {"ACCUSE", "CONSULT"} <= {t["type"] for t in m["types"]}
    c = get(client, "/api/countries")["countries"]
    assert c["PAK"]["fa"] == "پاکستان"


# -- security basics ------------------------------------------------------------------------------------


def test_security_headers_and_no_cors(client) -> None:
    for url in ("/", "/api/meta", "/static/app.js", "/api/events?limit=abc"):
        r = client.get(url, headers={"Origin": "http://evil.example"})
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        assert "default-src 'self'" in r.headers["content-security-policy"]
        assert "access-control-allow-origin" not in r.headers


@pytest.mark.parametrize(
    "url",
    [
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/%2e%2e/%2e%2e/db.py",
        "/static//etc/passwd",
    ],
)
def test_no_path_traversal(client, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 404 and "def create_app" not in r.text and "root:" not in r.text


def test_dashboard_and_docs_are_local(client) -> None:
    html = client.get("/").text
    assert 'dir="rtl"' in html and "http://" not in html and "https://" not in html
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert client.get("/openapi.json").json()["paths"]["/api/events"]
    assert client.get("/static/vendor/vazirmatn/Vazirmatn-Regular.woff2").status_code == 200


def test_vendored_files_load_nothing_from_the_internet() -> None:
    from rokhdad.web.app import STATIC

    for p in STATIC.rglob("*"):
        if p.suffix in (".html", ".css"):
            text = p.read_text(encoding="utf-8")
            assert "//cdn" not in text and "googleapis" not in text and "unpkg" not in text, p
    for name in (
        "vazirmatn/OFL.txt",
        "leaflet/LICENSE",
        "chartjs/LICENSE.md",
        "swagger-ui/LICENSE",
        "world-atlas/LICENSE",
    ):
        assert (STATIC / "vendor" / name).is_file(), name


def test_database_is_opened_read_only(store_url) -> None:
    from rokhdad.web.db import ReadOnlyDB

    db = ReadOnlyDB(store_url)
    with pytest.raises(sqlite3.OperationalError):
        db.all("DELETE FROM articles")
    assert db.one("SELECT COUNT(*) AS n FROM articles")["n"] > 0


SLOW_SQL = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) "
    "SELECT COUNT(*) AS c FROM n"
)


def test_a_runaway_query_is_stopped_and_the_connection_still_works(store_url) -> None:
    import time

    from rokhdad.web.db import QueryTimeout, ReadOnlyDB

    db = ReadOnlyDB(store_url, query_time_limit=0.3)
    t0 = time.perf_counter()
    with pytest.raises(QueryTimeout, match=r"longer than 0\.3 s"):
        db.all(SLOW_SQL)
    assert time.perf_counter() - t0 < 5
    assert db.one("SELECT COUNT(*) AS n FROM articles")["n"] > 0
    with pytest.raises(QueryTimeout):
        list(db.stream(SLOW_SQL))


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    from rokhdad.web import create_app

    with pytest.raises(StoreNotFound, match="no store"):
        create_app(f"sqlite:///{tmp_path / 'absent.db'}")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreNotFound, match="not a rokhdad store"):
        create_app(f"sqlite:///{other}")


NASTY = [
    "",
    " ",
    "'",
    '"',
    "%",
    "_",
    "\\",
    "؟",
    "NULL",
    "0",
    "-1",
    "1e9",
    "۳",
    "۱۴۰۴-۰۹-۰۴",
    "🙂",
    "a" * 60,
    "IRN OR 1=1",
    "*",
    "(",
    "2025-02-29",
    "1300-01-01",
    "true",
    "[]",
]
PARAMS = {
    "/api/articles": ["q", "date_from", "date_to", "country", "type", "outlet", "limit", "cursor"],
    "/api/events": [
        "date_from",
        "date_to",
        "source_country",
        "target_country",
        "country",
        "actor",
        "type",
        "quad",
        "article_id",
        "limit",
        "cursor",
    ],
    "/api/actors": ["country", "q", "resolved", "limit"],
    "/api/dyads/IRN/PAK/timeline": ["interval", "directed", "date_from", "date_to"],
    "/api/network": ["by", "date_from", "country", "actor", "type", "quad", "min_weight", "limit"],
    "/api/map": ["date_from", "country", "type", "quad"],
    "/api/quotes": ["speaker", "country", "q", "date_from", "limit", "cursor"],
    "/api/export/events.csv": ["country", "actor", "type", "quad"],
}


@pytest.mark.parametrize("path", sorted(PARAMS))
def test_no_parameter_value_causes_a_server_error(client, path: str) -> None:
    from urllib.parse import urlencode

    for param in PARAMS[path]:
        for value in NASTY:
            r = client.get(f"{path}?{urlencode({param: value})}")
            assert r.status_code < 500, (path, param, value, r.status_code, r.text[:300])
            if r.status_code >= 400:
                assert r.json()["error"], (path, param, value)
    for segment in ("%20", "'", "..", "🙂", "a" * 40):
        assert client.get(f"/api/dyads/{segment}/PAK/timeline").status_code < 500
        assert client.get(f"/api/articles/{segment}").status_code < 500
