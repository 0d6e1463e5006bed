"""The queries behind the API, over the store's tables (``docs/schema.md``).

Each function takes a :class:`~rokhdad.web.db.ReadOnlyDB` and plain, already validated
values, and returns JSON-ready dicts. All SQL is parameterized: user input only ever
travels as a bound parameter (``LIKE`` patterns have their wildcards escaped).

Pagination is by cursor (keyset): a page ends with ``next_cursor``, an opaque string that
encodes the sort key of its last row; passing it back gives the rows after it, so pages
stay stable while an ingest adds articles.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from rokhdad.store.keys import search_tokens
from rokhdad.store.records import evidence_of, location_of
from rokhdad.web.db import ReadOnlyDB

QUADS = (1, 2, 3, 4)
INTERVALS = ("day", "week", "month")


class BadCursor(ValueError):
    """A cursor that this server did not make."""


# -- pure helpers ----------------------------------------------------------------------------------


def encode_cursor(key: Sequence[Any]) -> str:
    """An opaque page cursor for a sort key.

    >>> decode_cursor(encode_cursor(["2025-11-25", "ex-0001"]))
    ['2025-11-25', 'ex-0001']
    """
    raw = json.dumps(list(key), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, size: int | None = None) -> list[Any]:
    """The sort key in a cursor; :class:`BadCursor` when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadCursor(f"invalid cursor {cursor[:40]!r}") from exc
    if not isinstance(key, list) or (size is not None and len(key) != size):
        raise BadCursor(f"invalid cursor {cursor[:40]!r}")
    if not all(k is None or (isinstance(k, str | int) and not isinstance(k, bool)) for k in key):
        raise BadCursor(f"invalid cursor {cursor[:40]!r}")
    return key


def like_escape(value: str) -> str:
    r"""A user string made literal inside a ``LIKE ... ESCAPE '\'`` pattern.

    >>> like_escape("50%_off")
    '50\\%\\_off'
    """
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def period_of(date: str, interval: str) -> str:
    """The period an ISO date falls in: the day, the Monday of its ISO week, or the month.

    >>> period_of("2025-11-27", "day"), period_of("2025-11-27", "week"), period_of("2025-11-27", "month")
    ('2025-11-27', '2025-11-24', '2025-11')
    """
    if interval == "day":
        return date[:10]
    if interval == "month":
        return date[:7]
    if interval == "week":
        d = dt.date.fromisoformat(date[:10])
        return (d - dt.timedelta(days=d.weekday())).isoformat()
    raise ValueError(f"unknown interval {interval!r}: use one of {', '.join(INTERVALS)}")


def next_period(period: str, interval: str) -> str:
    """The period after ``period``.

    >>> next_period("2025-12", "month"), next_period("2025-11-24", "week"), next_period("2024-02-28", "day")
    ('2026-01', '2025-12-01', '2024-02-29')
    """
    if interval == "month":
        y, m = int(period[:4]), int(period[5:7])
        return f"{y + m // 12:04d}-{m % 12 + 1:02d}"
    step = 7 if interval == "week" else 1
    return (dt.date.fromisoformat(period) + dt.timedelta(days=step)).isoformat()


def resolve_span(
    text: str, start: int | None, end: int | None, quote: str | None, within: tuple[int, int] | None = None
) -> tuple[int, int] | None:
    """The ``[start, end)`` of an evidence span in ``text``, checked against its quoted text.

    Offsets are trusted when they slice out the quoted text (or when no text is quoted);
    otherwise the quoted text is looked up inside ``within`` (its sentence), then anywhere.

    >>> t = "ایران و پاکستان توافق کردند."
    >>> resolve_span(t, 16, 27, "توافق کردند")
    (16, 27)
    >>> resolve_span(t, 0, 3, "توافق کردند")
    (16, 27)
    >>> resolve_span(t, None, None, "نیست") is None
    True
    """
    n = len(text)
    if start is not None and end is not None and 0 <= start < end <= n:
        if not quote or text[start:end] == quote:
            return start, end
    if quote:
        lo, hi = within if within else (0, n)
        at = text.find(quote, lo, hi)
        if at < 0:
            at = text.find(quote)
        if at >= 0:
            return at, at + len(quote)
    return None


# Letters a search treats as one (the store's search key unifies them), and what may sit
# inside a word without changing its key: ZWNJ, ZWJ, tatweel, a space (the store glues «می»
# and «ها» to their word), Arabic diacritics.
_VARIANTS = {
    "ی": "یيىئ",
    "ک": "کك",
    "ه": "هةۀ",
    "ا": "اأإٱ",
    "و": "وؤ",
    **{str(i): f"{i}{chr(0x06F0 + i)}{chr(0x0660 + i)}" for i in range(10)},
}
_INSIDE = "[\u200c\u200d\u0640 \u064b-\u065f\u0670]*"


@lru_cache(maxsize=256)
def _token_pattern(tokens: tuple[str, ...], bounded: bool) -> re.Pattern[str] | None:
    alts = []
    for tok in tokens:
        chars = ["[" + re.escape(_VARIANTS[c]) + "]" if c in _VARIANTS else re.escape(c) for c in tok]
        alts.append(_INSIDE.join(chars))
    if not alts:
        return None
    body = "|".join(sorted(alts, key=len, reverse=True))
    return re.compile(f"(?<!\\w)(?:{body})(?!\\w)" if bounded else f"(?:{body})", re.IGNORECASE)


def quick_snippet(text: str, tokens: Sequence[str], width: int = 80) -> str:
    """A window of ``text`` around the first word that matches a search token, the word in ``[...]``.

    Like the store's ``keys.snippet`` (same output), but found with one regular expression
    that tolerates the spelling variants the search key folds (ي/ی, ك/ک, ZWNJ or space
    inside a word, diacritics), so a page of results needs no normalization pass over
    whole articles. The start of the text when nothing matches.

    >>> quick_snippet("سفر وزير خارجه به اسلام‌آباد", ["وزیر"], width=10)
    'سفر [وزير] خارج…'
    """
    for bounded in (True, False):
        pat = _token_pattern(tuple(tokens), bounded)
        m = pat.search(text) if pat else None
        if m:
            s, e = m.span()
            a, b = max(0, s - width // 2), min(len(text), e + width // 2)
            left = ("…" if a > 0 else "") + text[a:s]
            right = text[e:b] + ("…" if b < len(text) else "")
            return (left + "[" + text[s:e] + "]" + right).replace("\n", " ")
    return text[:width].replace("\n", " ") + ("…" if len(text) > width else "")


def _loads(value: Any) -> Any:
    if value is None or value == "":
        return None
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return None


def _bool(v: Any) -> bool:
    return bool(v) if v is not None else False


# -- filters -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Filters of ``/api/events`` and its export; ``None`` means "any"."""

    date_from: str | None = None
    date_to: str | None = None
    source_country: str | None = None
    target_country: str | None = None
    country: str | None = None
    actor: str | None = None
    type: str | None = None
    quad: int | None = None
    article_id: str | None = None
    located: bool = False

    def where(self, db: ReadOnlyDB, alias: str = "e") -> tuple[list[str], list[Any]]:
        """SQL conditions (over events ``alias``) and their parameters."""
        e = alias
        w: list[str] = []
        p: list[Any] = []
        like = "LIKE" if db.dialect == "sqlite" else "ILIKE"
        esc = " ESCAPE '\\'"

        def side(col: str, code: str) -> str:
            p.extend([code, '%"country":"' + like_escape(code) + '"%'])
            return f"({e}.{col}_country = ? OR {e}.{col}_actors LIKE ?{esc})"

        if self.date_from:
            w.append(f"{e}.date >= ?")
            p.append(self.date_from)
        if self.date_to:
            w.append(f"{e}.date <= ?")
            p.append(self.date_to)
        if self.source_country:
            w.append(side("source", self.source_country))
        if self.target_country:
            w.append(side("target", self.target_country))
        if self.country:
            a, b = side("source", self.country), side("target", self.country)
            w.append(f"({a} OR {b} OR {e}.location_country = ?)")
            p.append(self.country)
        if self.actor:
            pat = "%" + like_escape(self.actor) + "%"
            w.append(f"({e}.source_actors {like} ?{esc} OR {e}.target_actors {like} ?{esc})")
            p += [pat, pat]
        if self.type:
            w.append(f"{e}.type = ?")
            p.append(self.type)
        if self.quad is not None:
            w.append(f"{e}.quad = ?")
            p.append(self.quad)
        if self.article_id:
            w.append(f"{e}.article_id = ?")
            p.append(self.article_id)
        if self.located:
            w.append(f"{e}.latitude IS NOT NULL AND {e}.longitude IS NOT NULL")
        return w, p


def _after(date_col: str, id_col: str, date: Any, key: Any) -> tuple[str, list[Any]]:
    """The rows after ``(date, key)`` in the order ``date DESC NULLS LAST, id`` (keyset paging).

    >>> _after("a.date", "a.id", None, "x")
    ('(a.date IS NULL AND a.id > ?)', ['x'])
    """
    if date is None:
        return f"({date_col} IS NULL AND {id_col} > ?)", [key]
    return (f"({date_col} < ? OR ({date_col} = ? AND {id_col} > ?) OR {date_col} IS NULL)", [date, date, key])


def _where(conds: list[str]) -> str:
    return (" WHERE " + " AND ".join(conds)) if conds else ""


# -- events ------------------------------------------------------------------------------------------

_EVENT_SELECT = (
    "SELECT e.*, COALESCE(e.date, '') AS sort_date, a.title AS article_title, a.outlet AS outlet,"
    " a.url AS url FROM events e JOIN articles a ON a.article_id = e.article_id"
)


def event_item(row: dict[str, Any]) -> dict[str, Any]:
    """An ``events`` row as a nested record in the shape of ../shared/spec/events.md."""
    loc, evidence = location_of(row), evidence_of(row)
    return {
        "event_id": row["event_id"],
        "article_id": row["article_id"],
        "article_title": row.get("article_title"),
        "outlet": row.get("outlet"),
        "date": row.get("date"),
        "type": row.get("type"),
        "mode": row.get("mode"),
        "quad": row.get("quad"),
        "cameo": row.get("cameo"),
        "goldstein": row.get("goldstein"),
        "confidence": row.get("confidence"),
        "source": _loads(row.get("source_actors")) or [],
        "target": _loads(row.get("target_actors")) or [],
        "location": loc,
        "historical": _bool(row.get("historical")),
        "negated": _bool(row.get("negated")),
        "hypothetical": _bool(row.get("hypothetical")),
        "future": _bool(row.get("future")),
        "evidence": evidence,
        "num_mentions": row.get("num_mentions"),
        "summary": row.get("summary"),
    }


def events(db: ReadOnlyDB, f: EventFilter, limit: int, cursor: str | None = None) -> dict[str, Any]:
    """A page of events, newest first (then by event id)."""
    w, p = f.where(db)
    if cursor:
        d, eid = decode_cursor(cursor, 2)
        cond, cp = _after("e.date", "e.event_id", d, eid)
        w.append(cond)
        p += cp
    sql = f"{_EVENT_SELECT}{_where(w)} ORDER BY e.date DESC NULLS LAST, e.event_id LIMIT ?"
    rows = db.all(sql, [*p, limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    nxt = encode_cursor([rows[-1]["date"], rows[-1]["event_id"]]) if more and rows else None
    return {"items": [event_item(r) for r in rows], "next_cursor": nxt}


def stream_events(db: ReadOnlyDB, f: EventFilter) -> Iterator[dict[str, Any]]:
    """Every event the filter selects, oldest first, streamed (for downloads)."""
    w, p = f.where(db)
    sql = f"{_EVENT_SELECT}{_where(w)} ORDER BY COALESCE(e.date, ''), e.event_id"
    for row in db.stream(sql, p):
        yield event_item(row)


#: Flat columns of the CSV download (nested actors as JSON text, like the store's export).
CSV_COLUMNS = (
    "event_id",
    "article_id",
    "date",
    "type",
    "mode",
    "quad",
    "cameo",
    "goldstein",
    "confidence",
    "source_name_en",
    "source_country",
    "source_sector",
    "target_name_en",
    "target_country",
    "target_sector",
    "source_actors",
    "target_actors",
    "location_name_en",
    "location_country",
    "latitude",
    "longitude",
    "historical",
    "negated",
    "hypothetical",
    "future",
    "evidence_sentence",
    "evidence_start",
    "evidence_end",
    "evidence_text",
    "summary",
    "article_title",
    "outlet",
    "url",
)


def csv_row(item: dict[str, Any]) -> list[Any]:
    """One event record as a CSV row of :data:`CSV_COLUMNS`."""
    s0 = item["source"][0] if item["source"] else {}
    t0 = item["target"][0] if item["target"] else {}
    loc = item.get("location") or {}
    ev = item.get("evidence") or {}
    flat = {
        **item,
        "source_name_en": s0.get("name_en"),
        "source_country": s0.get("country"),
        "source_sector": s0.get("sector"),
        "target_name_en": t0.get("name_en"),
        "target_country": t0.get("country"),
        "target_sector": t0.get("sector"),
        "source_actors": json.dumps(item["source"], ensure_ascii=False),
        "target_actors": json.dumps(item["target"], ensure_ascii=False),
        "location_name_en": loc.get("name_en"),
        "location_country": loc.get("country"),
        "latitude": loc.get("latitude"),
        "longitude": loc.get("longitude"),
        "evidence_sentence": ev.get("sentence"),
        "evidence_start": ev.get("start"),
        "evidence_end": ev.get("end"),
        "evidence_text": ev.get("text"),
    }
    return [flat.get(c) for c in CSV_COLUMNS]


# -- articles ----------------------------------------------------------------------------------------


def articles(
    db: ReadOnlyDB,
    q: str | None,
    limit: int,
    cursor: str | None = None,
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    country: str | None = None,
    type: str | None = None,
    outlet: str | None = None,
) -> dict[str, Any]:
    """A page of articles, newest first: all, or those matching every word of ``q``.

    Matching is the store's: the query goes through the same search key as the index
    («می شود» = «میشود» = «می‌شود», ي = ی), so spelling variants find each other.
    """
    w: list[str] = []
    p: list[Any] = []
    tokens = search_tokens(q) if q else []
    if q and not tokens:
        return {"items": [], "next_cursor": None, "query_tokens": []}
    if tokens:
        if db.dialect == "sqlite":
            expr = " ".join('"' + t.replace('"', '""') + '"' for t in tokens)
            w.append("a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            p.append(expr)
        else:
            for t in tokens:
                w.append("a.search_key LIKE ? ESCAPE '\\'")
                p.append("% " + like_escape(t) + " %")
    if date_from:
        w.append("a.date >= ?")
        p.append(date_from)
    if date_to:
        w.append("a.date <= ?")
        p.append(date_to)
    if outlet:
        w.append("a.outlet = ?")
        p.append(outlet)
    if type or country:
        ew, ep = EventFilter(country=country, type=type).where(db, "e")
        cond = f"EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.article_id AND {' AND '.join(ew)})"
        if country and not type:
            cond = f"({cond} OR EXISTS (SELECT 1 FROM actors ac WHERE ac.article_id = a.article_id AND ac.country = ?))"
            ep.append(country)
        w.append(cond)
        p += ep
    if cursor:
        d, aid = decode_cursor(cursor, 2)
        cond, cp = _after("a.date", "a.article_id", d, aid)
        w.append(cond)
        p += cp
    # The page is chosen on (date, id) alone, then its rows are read: sorting whole rows would
    # drag every matching article's text through the sorter.
    order = "ORDER BY a.date DESC NULLS LAST, a.article_id"
    sql = (
        "SELECT a.article_id, a.date, COALESCE(a.date, '') AS sort_date, a.title, a.outlet, a.url, a.text,"
        " a.num_sentences, a.num_entities, a.num_quotes, a.num_events FROM articles a"
        f" JOIN (SELECT a.article_id AS page_id FROM articles a{_where(w)} {order} LIMIT ?) pg"
        f" ON pg.page_id = a.article_id {order}"
    )
    rows = db.all(sql, [*p, limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    items = []
    for r in rows:
        text = r["text"] or ""
        snip = quick_snippet(text, tokens) if tokens else text[:160]
        items.append(
            {
                "id": r["article_id"],
                "date": r["date"],
                "title": r["title"],
                "outlet": r["outlet"],
                "url": r["url"],
                "snippet": snip,
                "num_sentences": r["num_sentences"],
                "num_entities": r["num_entities"],
                "num_quotes": r["num_quotes"],
                "num_events": r["num_events"],
            }
        )
    nxt = encode_cursor([rows[-1]["date"], rows[-1]["article_id"]]) if more and rows else None
    return {"items": items, "next_cursor": nxt, "query_tokens": tokens}


def _actor(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    return {f: row.get(prefix + f) for f in ("text", "name_en", "kind", "country", "sector", "wikidata")}


def article(db: ReadOnlyDB, article_id: str) -> dict[str, Any] | None:
    """One article with every span the pipeline found: sentences, entities, actors, quotes, events.

    All ``start``/``end`` are character offsets into ``text``; an event's ``evidence`` span is
    checked against its quoted text (see :func:`resolve_span`) and ``evidence.resolved`` says
    where it is, or None when it could not be placed.
    """
    a = db.one(
        "SELECT article_id, date, title, source, url, outlet, text, meta, group_id FROM articles WHERE article_id = ?",
        (article_id,),
    )
    if a is None:
        return None
    text = a["text"] or ""
    sents = db.all(
        "SELECT idx, start_char, end_char FROM sentences WHERE article_id = ? ORDER BY idx", (article_id,)
    )
    sentences = [{"start": s["start_char"], "end": s["end_char"]} for s in sents]
    entities = [
        {
            "start": r["start_char"],
            "end": r["end_char"],
            "label": r["label"],
            "text": r["text"],
            "score": r["score"],
        }
        for r in db.all("SELECT * FROM entities WHERE article_id = ? ORDER BY idx", (article_id,))
    ]
    actors = [
        {"start": r["start_char"], "end": r["end_char"], **_actor(r), "role": r["role"]}
        for r in db.all("SELECT * FROM actors WHERE article_id = ? ORDER BY idx", (article_id,))
    ]
    quotes = [
        {
            "start": r["start_char"],
            "end": r["end_char"],
            "speaker": _actor(r, "speaker_"),
            "cue": r["cue"],
            "content": r["content"],
            "sentence": r["sentence"],
            "direct": _bool(r["direct"]),
        }
        for r in db.all("SELECT * FROM quotes WHERE article_id = ? ORDER BY idx", (article_id,))
    ]
    evs = []
    for r in db.all(f"{_EVENT_SELECT} WHERE e.article_id = ? ORDER BY e.idx", (article_id,)):
        item = event_item(r)
        ev = item["evidence"]
        if ev is not None:
            i = ev.get("sentence")
            within = None
            if isinstance(i, int) and 0 <= i < len(sentences):
                within = (sentences[i]["start"], sentences[i]["end"])
            ev["resolved"] = resolve_span(text, ev.get("start"), ev.get("end"), ev.get("text"), within)
            if ev["resolved"] is None and within is not None:
                ev["resolved"] = within  # no exact span: the whole evidence sentence
        evs.append(item)
    return {
        "id": a["article_id"],
        "date": a["date"],
        "title": a["title"],
        "source": a["source"],
        "url": a["url"],
        "outlet": a["outlet"],
        "group_id": a["group_id"],
        "meta": _loads(a["meta"]) or {},
        "text": text,
        "sentences": sentences,
        "entities": entities,
        "actors": actors,
        "quotes": quotes,
        "events": evs,
    }


# -- actors, dyads, network, map, quotes ----------------------------------------------------------------


def actors(
    db: ReadOnlyDB, limit: int, country: str | None = None, q: str | None = None, resolved: bool = True
) -> dict[str, Any]:
    """Top actors: how often each is named (``mentions``, ``articles``) and how many events it is
    a side of (``as_source``, ``as_target``), most events first.

    An actor is keyed by country and English name; ``text`` is its most frequent Persian form.
    With ``resolved`` (the default) only actors resolved to an English name count; without it,
    unresolved mentions are keyed by their Persian text (pronouns such as «وی» among them).
    """
    like = "LIKE" if db.dialect == "sqlite" else "ILIKE"
    out: dict[tuple[Any, Any], dict[str, Any]] = {}
    forms: dict[tuple[Any, Any], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    articles: dict[tuple[Any, Any], int] = {}

    def item(key: tuple[Any, Any], r: dict[str, Any]) -> dict[str, Any]:
        return out.setdefault(
            key,
            {
                "country": r["country"],
                "name": r["name"],
                "name_en": r["name_en"],
                "text": None,
                "kind": r["kind"],
                "sector": r["sector"],
                "mentions": 0,
                "articles": 0,
                "as_source": 0,
                "as_target": 0,
            },
        )

    for side in ("", "source_", "target_"):
        table = "actors" if not side else "events"
        w: list[str] = [f"COALESCE({side}name_en, {side}text) IS NOT NULL"]
        p: list[Any] = []
        if resolved:
            w.append(f"{side}name_en IS NOT NULL")
        if country:
            w.append(f"{side}country = ?")
            p.append(country)
        if q:
            w.append(f"({side}name_en {like} ? ESCAPE '\\' OR {side}text LIKE ? ESCAPE '\\')")
            p += ["%" + like_escape(q) + "%"] * 2
        if not side:
            for r in db.all(
                "SELECT country, COALESCE(name_en, text) AS name, COUNT(DISTINCT article_id) AS n"
                f" FROM actors{_where(w)} GROUP BY country, COALESCE(name_en, text)",
                p,
            ):
                articles[(r["country"], r["name"])] = r["n"]
        for r in db.all(
            f"SELECT {side}country AS country, COALESCE({side}name_en, {side}text) AS name,"
            f" MAX({side}name_en) AS name_en, {side}text AS text, MAX({side}kind) AS kind,"
            f" MAX({side}sector) AS sector, COUNT(*) AS n FROM {table}{_where(w)}"
            f" GROUP BY {side}country, COALESCE({side}name_en, {side}text), {side}text",
            p,
        ):
            key = (r["country"], r["name"])
            it = item(key, r)
            forms[key][r["text"] or ""] += r["n"]
            if not side:
                it["mentions"] += r["n"]
            else:
                it["as_" + side.rstrip("_")] += r["n"]
    for key, it in out.items():
        it["text"] = max(forms[key].items(), key=lambda kv: (kv[1], kv[0]))[0] or None
        it["articles"] = articles.get(key, 0)
        it["events"] = it["as_source"] + it["as_target"]
    items = sorted(out.values(), key=lambda x: (-x["events"], -x["mentions"], str(x["name"])))
    return {"items": items[:limit]}


def dyad_timeline(
    db: ReadOnlyDB,
    a: str,
    b: str,
    interval: str,
    *,
    directed: bool = False,
    date_from: str | None = None,
    date_to: str | None = None,
) -> dict[str, Any]:
    """Events between countries ``a`` and ``b`` per period: counts by quad and mean Goldstein.

    Undirected by default (a→b and b→a together); ``directed`` keeps a→b only. Periods with
    no event between the first and the last are filled with zeros (up to 3,000 periods).
    """
    if interval not in INTERVALS:
        raise ValueError(f"unknown interval {interval!r}: use one of {', '.join(INTERVALS)}")
    ab = EventFilter(date_from=date_from, date_to=date_to, source_country=a, target_country=b).where(db)
    conds, params = ab
    sql = f"SELECT e.date, e.quad, e.goldstein, e.type FROM events e WHERE e.date IS NOT NULL AND ({' AND '.join(conds)})"
    if not directed:
        ba, bp = EventFilter(date_from=date_from, date_to=date_to, source_country=b, target_country=a).where(
            db
        )
        sql += f" OR e.date IS NOT NULL AND ({' AND '.join(ba)})"
        params = params + bp
    buckets: dict[str, dict[str, Any]] = {}
    types: dict[str, int] = defaultdict(int)
    for r in db.all(sql, params):
        per = period_of(r["date"], interval)
        bk = buckets.setdefault(per, {"period": per, "total": 0, **{f"quad{q}": 0 for q in QUADS}, "_g": []})
        bk["total"] += 1
        if r["quad"] in QUADS:
            bk[f"quad{r['quad']}"] += 1
        if r["goldstein"] is not None:
            bk["_g"].append(float(r["goldstein"]))
        if r["type"]:
            types[r["type"]] += 1
    if buckets:
        first, last = min(buckets), max(buckets)
        per, n = first, 0
        while per < last and n < 3000:
            per = next_period(per, interval)
            n += 1
            buckets.setdefault(per, {"period": per, "total": 0, **{f"quad{q}": 0 for q in QUADS}, "_g": []})
    series = []
    for per in sorted(buckets):
        bk = buckets[per]
        g = bk.pop("_g")
        bk["goldstein_mean"] = round(sum(g) / len(g), 3) if g else None
        series.append(bk)
    return {
        "a": a,
        "b": b,
        "interval": interval,
        "directed": directed,
        "total": sum(s["total"] for s in series),
        "types": dict(sorted(types.items(), key=lambda kv: -kv[1])),
        "series": series,
    }


def network(
    db: ReadOnlyDB, f: EventFilter, by: str = "country", min_weight: int = 1, limit: int = 200
) -> dict[str, Any]:
    """The actor graph: one edge per (source, target) pair with its event count, counts by quad
    and mean Goldstein; nodes carry their total. ``by`` is ``country`` or ``actor``
    (the first actor of each side, by English name, else Persian text)."""
    if by == "country":
        s, t = "e.source_country", "e.target_country"
    elif by == "actor":
        s, t = "COALESCE(e.source_name_en, e.source_text)", "COALESCE(e.target_name_en, e.target_text)"
    else:
        raise ValueError(f"unknown grouping {by!r}: use country or actor")
    w, p = f.where(db)
    w += [f"{s} IS NOT NULL", f"{t} IS NOT NULL"]
    rows = db.all(
        f"SELECT {s} AS src, {t} AS tgt, e.quad AS quad, COUNT(*) AS n, SUM(e.goldstein) AS gsum,"
        f" COUNT(e.goldstein) AS gn FROM events e{_where(w)} GROUP BY {s}, {t}, e.quad",
        p,
    )
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        ed = edges.setdefault(
            (r["src"], r["tgt"]),
            {
                "source": r["src"],
                "target": r["tgt"],
                "weight": 0,
                **{f"quad{q}": 0 for q in QUADS},
                "_gs": 0.0,
                "_gn": 0,
            },
        )
        ed["weight"] += r["n"]
        if r["quad"] in QUADS:
            ed[f"quad{r['quad']}"] += r["n"]
        ed["_gs"] += float(r["gsum"] or 0)
        ed["_gn"] += r["gn"] or 0
    kept = sorted(
        (e for e in edges.values() if e["weight"] >= min_weight and e["source"] != e["target"]),
        key=lambda e: (-e["weight"], e["source"], e["target"]),
    )[:limit]
    nodes: dict[str, dict[str, Any]] = {}
    for ed in kept:
        gs, gn = ed.pop("_gs"), ed.pop("_gn")
        ed["goldstein_mean"] = round(gs / gn, 3) if gn else None
        for end, role in ((ed["source"], "out"), (ed["target"], "in")):
            nd = nodes.setdefault(end, {"id": end, "weight": 0, "out": 0, "in": 0})
            nd["weight"] += ed["weight"]
            nd[role] += ed["weight"]
    return {"by": by, "nodes": sorted(nodes.values(), key=lambda n: (-n["weight"], n["id"])), "edges": kept}


def map_points(db: ReadOnlyDB, f: EventFilter, limit: int = 2000) -> dict[str, Any]:
    """Places with coordinates where events happened: event counts by quad per place."""
    f = replace(f, located=True)
    w, p = f.where(db)
    rows = db.all(
        "SELECT e.location_name_en AS name_en, MAX(e.location_text) AS text, e.location_country AS country,"
        " e.latitude AS latitude, e.longitude AS longitude, e.quad AS quad, COUNT(*) AS n FROM events e"
        f"{_where(w)} GROUP BY e.location_name_en, e.location_country, e.latitude, e.longitude, e.quad",
        p,
    )
    places: dict[tuple[Any, ...], dict[str, Any]] = {}
    for r in rows:
        key = (r["name_en"], r["country"], r["latitude"], r["longitude"])
        pl = places.setdefault(
            key,
            {
                "name_en": r["name_en"],
                "text": r["text"],
                "country": r["country"],
                "latitude": r["latitude"],
                "longitude": r["longitude"],
                "events": 0,
                **{f"quad{q}": 0 for q in QUADS},
            },
        )
        pl["events"] += r["n"]
        if r["quad"] in QUADS:
            pl[f"quad{r['quad']}"] += r["n"]
    items = sorted(places.values(), key=lambda x: (-x["events"], str(x["name_en"])))[:limit]
    return {"items": items}


def quotes(
    db: ReadOnlyDB,
    limit: int,
    cursor: str | None = None,
    *,
    speaker: str | None = None,
    country: str | None = None,
    q: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> dict[str, Any]:
    """Quotes, newest first, by speaker (English name or Persian text), speaker country or content."""
    like = "LIKE" if db.dialect == "sqlite" else "ILIKE"
    w: list[str] = []
    p: list[Any] = []
    if speaker:
        w.append(f"(qu.speaker_name_en {like} ? ESCAPE '\\' OR qu.speaker_text LIKE ? ESCAPE '\\')")
        p += ["%" + like_escape(speaker) + "%"] * 2
    if country:
        w.append("qu.speaker_country = ?")
        p.append(country)
    if q:
        w.append("qu.content LIKE ? ESCAPE '\\'")
        p.append("%" + like_escape(q) + "%")
    if date_from:
        w.append("a.date >= ?")
        p.append(date_from)
    if date_to:
        w.append("a.date <= ?")
        p.append(date_to)
    if cursor:
        d, aid, idx = decode_cursor(cursor, 3)
        w.append(
            "(COALESCE(a.date, '') < ? OR (COALESCE(a.date, '') = ? AND (qu.article_id > ?"
            " OR (qu.article_id = ? AND qu.idx > ?))))"
        )
        p += [d, d, aid, aid, idx]
    rows = db.all(
        "SELECT qu.*, a.date AS date, COALESCE(a.date, '') AS sort_date, a.title AS article_title"
        f" FROM quotes qu JOIN articles a ON a.article_id = qu.article_id{_where(w)}"
        " ORDER BY COALESCE(a.date, '') DESC, qu.article_id, qu.idx LIMIT ?",
        [*p, limit + 1],
    )
    more = len(rows) > limit
    rows = rows[:limit]
    items = [
        {
            "article_id": r["article_id"],
            "idx": r["idx"],
            "date": r["date"],
            "article_title": r["article_title"],
            "start": r["start_char"],
            "end": r["end_char"],
            "speaker": _actor(r, "speaker_"),
            "cue": r["cue"],
            "content": r["content"],
            "sentence": r["sentence"],
            "direct": _bool(r["direct"]),
        }
        for r in rows
    ]
    nxt = (
        encode_cursor([rows[-1]["sort_date"], rows[-1]["article_id"], rows[-1]["idx"]])
        if more and rows
        else None
    )
    return {"items": items, "next_cursor": nxt}


def meta(db: ReadOnlyDB) -> dict[str, Any]:
    """What the store holds: table counts, date ranges, event types, countries and outlets (for filters)."""
    counts = {
        t: db.one(f"SELECT COUNT(*) AS n FROM {t}")["n"]  # type: ignore[index]
        for t in ("articles", "sentences", "entities", "actors", "quotes", "events")
    }
    art = db.one("SELECT MIN(date) AS first, MAX(date) AS last FROM articles")
    ev = db.one("SELECT MIN(date) AS first, MAX(date) AS last FROM events")
    types = db.all(
        "SELECT type, quad, COUNT(*) AS n FROM events WHERE type IS NOT NULL GROUP BY type, quad"
        " ORDER BY COUNT(*) DESC, type"
    )
    countries: dict[str, int] = defaultdict(int)
    for side in ("source", "target"):
        for r in db.all(
            f"SELECT {side}_country AS c, COUNT(*) AS n FROM events WHERE {side}_country IS NOT NULL"
            f" GROUP BY {side}_country"
        ):
            countries[r["c"]] += r["n"]
    outlets = db.all(
        "SELECT outlet, COUNT(*) AS n FROM articles WHERE outlet IS NOT NULL AND outlet <> ''"
        " GROUP BY outlet ORDER BY COUNT(*) DESC LIMIT 50"
    )
    return {
        "counts": counts,
        "articles": art,
        "events": ev,
        "types": types,
        "countries": [
            {"country": c, "n": n} for c, n in sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "outlets": outlets,
    }


@lru_cache(maxsize=1)
def country_names() -> dict[str, dict[str, str]]:
    """Persian and English names of countries by ISO alpha-3, from the actor resources
    (``resources/actors/countries.tsv``); empty when that file is missing.

    >>> country_names().get("PAK", {}).get("en")  # doctest: +SKIP
    'Pakistan'
    """
    from importlib.resources import files

    try:
        raw = (files("rokhdad.resources") / "actors" / "countries.tsv").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return {}
    lines = [ln for ln in raw.splitlines() if ln and not ln.startswith("#")]
    if not lines:
        return {}
    head = lines[0].split("\t")
    out: dict[str, dict[str, str]] = {}
    for ln in lines[1:]:
        row = dict(zip(head, ln.split("\t"), strict=False))
        code = row.get("iso3", "")
        if code:
            out[code] = {"en": row.get("name_en", ""), "fa": (row.get("names_fa") or "").split("|")[0]}
    return out
