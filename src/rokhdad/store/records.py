"""From a document record (``Document.to_dict()``) to table rows, and back to export rows.

Pure functions, no database: :func:`rows_of` flattens one record into the rows of each
table of :mod:`rokhdad.store.schema`; nothing of the record is lost, because fields the
schema has no column for go to an ``extra`` JSON column.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import urlparse

from rokhdad.store.schema import (
    ACTOR_FIELDS,
    ACTORS,
    ENTITIES,
    EVENT_DETAIL_COLUMNS,
    EVENT_MENTIONS,
    EVENTS,
    QUOTES,
    SENTENCES,
)

_EVENT_FLAGS = ("historical", "negated", "hypothetical", "future")
_EVENT_KNOWN = {
    "type",
    "mode",
    "source",
    "target",
    "location",
    "date",
    *_EVENT_FLAGS,
    "evidence",
    "mentions",
    "cameo",
    "goldstein",
    "quad",
    "confidence",
    "summary",
}
_QUOTE_KNOWN = {"speaker", "cue", "content", "start", "end", "sentence", "direct"}
_ACTOR_KNOWN = {*ACTOR_FIELDS, "start", "end", "role"}

Row = tuple[Any, ...]


def dumps(value: Any) -> str | None:
    """Canonical JSON text (sorted keys, real Persian letters); None stays None."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _str(v: Any) -> str | None:
    return None if v is None or v == "" else str(v)


def _int(v: Any) -> int | None:
    try:
        return None if v is None or v == "" else int(v)
    except (TypeError, ValueError):
        return None


def _float(v: Any) -> float | None:
    try:
        return None if v is None or v == "" else float(v)
    except (TypeError, ValueError):
        return None


def _bool(v: Any) -> bool:
    return bool(v)


def _slice(text: str, span: dict[str, Any]) -> str | None:
    """The text of a span given only by offsets (a mention without its ``text``)."""
    a, b = _int(span.get("start")), _int(span.get("end"))
    if a is None or b is None or not 0 <= a <= b <= len(text):
        return None
    return text[a:b] or None


def _actors(value: Any) -> list[dict[str, Any]]:
    """An event side as a list of actor dicts (one dict, a list, or nothing)."""
    if value is None:
        return []
    if isinstance(value, dict):
        return [value]
    return [a for a in value if isinstance(a, dict)]


def _actor_key(actor: dict[str, Any]) -> str:
    from rokhdad.store.keys import search_key

    name = actor.get("name_en") or search_key(str(actor.get("text") or ""))
    return f"{actor.get('country') or ''}/{name}".casefold()


def event_key(event: dict[str, Any], date: str | None) -> str:
    """What makes two articles' events the same event: type, both sides, date and flags.

    Copies of a wire story code the same meeting with the same key, so a group of
    near-duplicates counts it once (GDELT-style ``num_articles``), not once per copy.
    """
    parts = [
        str(event.get("type") or ""),
        ";".join(sorted(_actor_key(a) for a in _actors(event.get("source")))),
        ";".join(sorted(_actor_key(a) for a in _actors(event.get("target")))),
        date or "",
        "".join("1" if event.get(f) else "0" for f in _EVENT_FLAGS),
    ]
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:20]


def mentions_of(event: dict[str, Any]) -> list[dict[str, Any]]:
    """The evidence sentences of an event: ``mentions`` when given, else its one ``evidence``."""
    ms = event.get("mentions")
    if isinstance(ms, list) and ms:
        return [m for m in ms if isinstance(m, dict)]
    ev = event.get("evidence")
    return [ev] if isinstance(ev, dict) else []


def outlet_of(source: str, url: str) -> str:
    """Who published an article: its ``source``, else the host of its URL (``www.`` dropped)."""
    if source:
        return source
    host = urlparse(url).netloc.lower() if url else ""
    return host.removeprefix("www.")


def rows_of(record: dict[str, Any], group_id: str | None = None) -> dict[str, list[Row]]:
    """The rows of every derived table for one document record.

    >>> rec = {"id": "a1", "date": "2025-11-25", "text": "وی گفت.", "sentences": [{"start": 0, "end": 7}]}
    >>> rows_of(rec)["sentences"]
    [('a1', 0, 0, 7, 'وی گفت.')]
    """
    aid = str(record["id"])
    text = record.get("text") or ""
    adate = record.get("date")
    out: dict[str, list[Row]] = {
        t.name: [] for t in (SENTENCES, ENTITIES, ACTORS, QUOTES, EVENTS, EVENT_MENTIONS)
    }
    for i, s in enumerate(record.get("sentences") or []):
        a, b = int(s["start"]), int(s["end"])
        out["sentences"].append((aid, i, a, b, text[a:b]))
    for i, e in enumerate(record.get("entities") or []):
        out["entities"].append(
            (
                aid,
                i,
                _int(e.get("start")),
                _int(e.get("end")),
                _str(e.get("label")),
                _str(e.get("text")),
                _float(e.get("score")),
            )
        )
    for i, a in enumerate(record.get("actors") or []):
        extra = {k: v for k, v in a.items() if k not in _ACTOR_KNOWN}
        out["actors"].append(
            (
                aid,
                i,
                _int(a.get("start")),
                _int(a.get("end")),
                *(_str(a.get(f)) for f in ACTOR_FIELDS),
                _str(a.get("role")),
                dumps(extra) if extra else None,
            )
        )
    for i, q in enumerate(record.get("quotes") or []):
        spk = q.get("speaker") if isinstance(q.get("speaker"), dict) else {}
        extra = {k: v for k, v in q.items() if k not in _QUOTE_KNOWN}
        if spk and set(spk) - set(ACTOR_FIELDS):
            extra["speaker"] = spk
        out["quotes"].append(
            (
                aid,
                i,
                _int(q.get("start")),
                _int(q.get("end")),
                *(_str(spk.get(f)) for f in ACTOR_FIELDS),
                _str(q.get("cue")),
                _str(q.get("content")),
                _int(q.get("sentence")),
                _bool(q.get("direct")),
                dumps(extra) if extra else None,
            )
        )
    for i, ev in enumerate(record.get("events") or []):
        eid = f"{aid}:{i}"
        date = _str(ev.get("date")) or adate
        src, tgt = _actors(ev.get("source")), _actors(ev.get("target"))
        s0 = src[0] if src else {}
        t0 = tgt[0] if tgt else {}
        loc = ev.get("location") if isinstance(ev.get("location"), dict) else {}
        evid = ev.get("evidence") if isinstance(ev.get("evidence"), dict) else {}
        ments = mentions_of(ev)
        if not evid and ments:
            evid = ments[0]
        extra = {k: v for k, v in ev.items() if k not in _EVENT_KNOWN}
        if set(evid) - {"sentence", "start", "end", "text"}:
            extra["evidence"] = evid  # fields beyond the spec's four are kept, not dropped
        out["events"].append(
            (
                eid,
                aid,
                i,
                group_id,
                event_key(ev, date),
                date,
                _str(ev.get("type")),
                _str(ev.get("mode")),
                _int(ev.get("quad")),
                _str(ev.get("cameo")),
                _float(ev.get("goldstein")),
                _float(ev.get("confidence")),
                *(_str(s0.get(f)) for f in ACTOR_FIELDS),
                dumps(src),
                *(_str(t0.get(f)) for f in ACTOR_FIELDS),
                dumps(tgt),
                _str(loc.get("text")),
                _str(loc.get("name_en")),
                _str(loc.get("country")),
                _float(loc.get("latitude")),
                _float(loc.get("longitude")),
                *(_bool(ev.get(f)) for f in _EVENT_FLAGS),
                _int(evid.get("sentence")),
                _int(evid.get("start")),
                _int(evid.get("end")),
                _str(evid.get("text")) or _slice(text, evid),
                max(1, len(ments)),
                _str(ev.get("summary")),
                dumps(extra) if extra else None,
            )
        )
        for j, m in enumerate(ments):
            out["event_mentions"].append(
                (
                    eid,
                    j,
                    aid,
                    _int(m.get("sentence")),
                    _int(m.get("start")),
                    _int(m.get("end")),
                    _str(m.get("text")) or _slice(text, m),
                )
            )
    for t in (SENTENCES, ENTITIES, ACTORS, QUOTES, EVENTS, EVENT_MENTIONS):
        for row in out[t.name]:
            assert len(row) == len(t.columns), (t.name, len(row), len(t.columns))
    return out


# -- export rows ---------------------------------------------------------------------------------

#: The flat columns of a CSV/Parquet event export, in order (documented in docs/schema.md).
EXPORT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "text"),
    ("article_id", "text"),
    ("group_id", "text"),
    ("date", "text"),
    ("type", "text"),
    ("mode", "text"),
    ("quad", "int"),
    ("cameo", "text"),
    ("goldstein", "real"),
    ("confidence", "real"),
    *((f"source_{f}", "text") for f in ACTOR_FIELDS),
    *((f"target_{f}", "text") for f in ACTOR_FIELDS),
    ("source_actors", "json"),
    ("target_actors", "json"),
    *EVENT_DETAIL_COLUMNS,
    ("summary", "text"),
    ("num_mentions", "int"),
    ("num_articles", "int"),
    ("num_sources", "int"),
    ("article_date", "text"),
    ("outlet", "text"),
    ("url", "text"),
    ("title", "text"),
)
EXPORT_NAMES = tuple(n for n, _ in EXPORT_COLUMNS)


def canonical(row: dict[str, Any]) -> dict[str, Any]:
    """One export row with backend quirks ironed out (0/1 → bool, Decimal/int → float)."""
    out: dict[str, Any] = {}
    for name, typ in EXPORT_COLUMNS:
        v = row.get(name)
        if v is not None:
            if typ == "bool":
                v = bool(v)
            elif typ == "real":
                v = float(v)
            elif typ == "int":
                v = int(v)
        out[name] = v
    return out


def location_of(row: dict[str, Any]) -> dict[str, Any] | None:
    """The flat ``location_*``/``latitude``/``longitude`` columns of an events row, nested (or None)."""
    if not (row.get("location_text") or row.get("location_name_en") or row.get("location_country")):
        return None
    return {
        "text": row.get("location_text"),
        "name_en": row.get("location_name_en"),
        "country": row.get("location_country"),
        "latitude": row.get("latitude"),
        "longitude": row.get("longitude"),
    }


def evidence_of(row: dict[str, Any]) -> dict[str, Any] | None:
    """The flat ``evidence_*`` columns of an events row, nested (or None)."""
    if row.get("evidence_sentence") is None and not row.get("evidence_text"):
        return None
    return {
        "sentence": row.get("evidence_sentence"),
        "start": row.get("evidence_start"),
        "end": row.get("evidence_end"),
        "text": row.get("evidence_text"),
    }


def plover(row: dict[str, Any]) -> dict[str, Any]:
    """An export row as a nested PLOVER record (spec fields, ../shared/spec/events.md) for JSONL."""
    loc, evidence = location_of(row), evidence_of(row)
    return {
        "event_id": row["event_id"],
        "article_id": row["article_id"],
        "type": row.get("type"),
        "mode": row.get("mode"),
        "source": json.loads(row["source_actors"]) if row.get("source_actors") else [],
        "target": json.loads(row["target_actors"]) if row.get("target_actors") else [],
        "location": loc,
        "date": row.get("date"),
        **{f: bool(row.get(f)) for f in _EVENT_FLAGS},
        "evidence": evidence,
        "cameo": row.get("cameo"),
        "goldstein": row.get("goldstein"),
        "quad": row.get("quad"),
        "confidence": row.get("confidence"),
        "summary": row.get("summary"),
        "group_id": row.get("group_id"),
        "num_mentions": row.get("num_mentions"),
        "num_articles": row.get("num_articles"),
        "num_sources": row.get("num_sources"),
        "article_date": row.get("article_date"),
        "outlet": row.get("outlet"),
        "url": row.get("url"),
        "title": row.get("title"),
    }
