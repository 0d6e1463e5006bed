"""The events stage: PLOVER events with CAMEO codes, actors, place, date and evidence.

>>> import rokhdad
>>> doc = rokhdad.process("وزارت خارجه پاکستان حمله به ایران را محکوم کرد.", date="2025-11-25")
>>> [(e["type"], e["source"][0]["country"]) for e in doc.events][:1]
[('ACCUSE', 'PAK')]
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from functools import lru_cache
from typing import Any

from rokhdad.config import Settings
from rokhdad.document import Document
from rokhdad.events import temporal
from rokhdad.events.coder import (
    Candidate,
    Context,
    Mention,
    QuoteSpan,
    find_candidates,
    goldstein,
    headline_flags,
    locate,
    mark_proposed,
    resolve_parties,
    resolve_targets,
    summarize,
)
from rokhdad.events.lexicon import TYPES, Entry, load_lexicon, tokens
from rokhdad.pipeline import Stage

__all__ = ["code_events", "make_stage"]

_UNIFY = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "أ": "ا", "إ": "ا", "ة": "ه", "ۀ": "ه", "\u200c": ""})
_KEY_WORD = re.compile(r"[\w\u200c]+")


def _key(word: str) -> str:
    return word.translate(_UNIFY)


@lru_cache(maxsize=1024)
def _anchor_of(pattern: str) -> tuple[frozenset[str], tuple[str, ...]] | None:
    """Exact words and prefixes one of which the text must hold for the pattern to match.

    The first plain word of the pattern decides; for ``(a|b c)`` the first word of each
    alternative. None when the pattern has no usable anchor (it always runs).
    """
    for tok in tokens(pattern):
        if tok.startswith("VERB:") or tok in ("…", "..."):
            continue
        alts = tok[1:-1].split("|") if tok.startswith("(") and tok.endswith(")") else [tok]
        exact, prefixes = set(), []
        for alt in alts:
            first = alt.split(" ")[0]
            if "(" in first or ")" in first or "*" in first[:-1]:
                return None
            if first.endswith("*"):
                prefixes.append(_key(first[:-1]))
            elif "\u200c" in first:
                # older text writes a space for the ZWNJ («تفاهم نامه»): anchor on the first part
                prefixes.append(_key(first.split("\u200c")[0]))
            else:
                exact.add(_key(first))
        return frozenset(exact), tuple(prefixes)
    return None


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO3 (and IGO:/NSA: keys) → English name, from the actor resources."""
    from rokhdad.resources import resource_path

    names: dict[str, str] = {}
    path = resource_path("actors/countries.tsv")
    if path.exists():
        header: list[str] | None = None
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            cols = line.split("\t")
            if header is None:
                header = cols
                continue
            row = dict(zip(header, cols, strict=False))
            names[row.get("iso3", "")] = row.get("name_en", "")
    # international bodies and armed groups («IGO:UN» → United Nations): the actor lexicon's body
    # whose id is the code («un», «osce»), else its first body with that code
    from rokhdad.actors.lexicon import load_lexicon

    bodies: dict[str, str] = {}
    for e in sorted({e for es in load_lexicon().entries.values() for e in es if e.kind == "ORG"}, key=str):
        if ":" in e.country and e.mention == "name":
            if e.id == e.country.split(":", 1)[1].lower() or e.country not in bodies:
                bodies[e.country] = e.name_en
    return {**bodies, **names}


@lru_cache(maxsize=1)
def extra_places() -> dict[str, dict[str, Any]]:
    """Keyed Persian name → place, from resources/events/places.tsv (provinces and towns of conflict
    reports that the actor gazetteer lacks)."""
    from rokhdad.resources import resource_path

    out: dict[str, dict[str, Any]] = {}
    path = resource_path("events/places.tsv")
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip() or line.startswith("name_fa\t"):
            continue
        name_fa, name_en, country, kind = [*line.split("\t"), "", "", ""][:4]
        out[_place_key(name_fa)] = {"name_en": name_en, "country": country, "type": kind}
    return out


def _place_key(text: str) -> str:
    return re.sub(r"[\s\u200c]+", " ", text.translate(_UNIFY)).strip()


def _place_lookup() -> Any:
    try:
        from rokhdad.actors.gazetteer import lookup_place
    except ImportError:
        return None
    extra = extra_places()

    def lookup(text: str) -> dict[str, Any] | None:
        place = lookup_place(text)
        if place is None:
            found = extra.get(_place_key(text))
            if found is None:
                return None
            return {
                "text": text,
                "name_en": found["name_en"],
                "country": found["country"],
                "latitude": None,
                "longitude": None,
                "type": found["type"],
            }
        rec = dataclasses.asdict(place) if dataclasses.is_dataclass(place) else dict(place)
        return {
            "text": text,
            "name_en": rec.get("name_en"),
            "country": rec.get("country"),
            "latitude": rec.get("latitude", rec.get("lat")),
            "longitude": rec.get("longitude", rec.get("lon")),
            "type": rec.get("type"),
        }

    return lookup


def _context(doc: Document, place_lookup: Any) -> Context:
    text = doc.norm_text
    sentences = [doc.to_normalized(s.start, s.end) for s in doc.sentences]
    mentions = []
    for a in doc.actors:
        if a.get("start") is None or not a.get("country"):
            continue
        s, e = doc.to_normalized(int(a["start"]), int(a["end"]))
        mentions.append(Mention(s, e, a))
    quotes = []
    for q in doc.quotes:
        if q.get("start") is None:
            continue
        s, e = doc.to_normalized(int(q["start"]), int(q["end"]))
        content_start = s
        if q.get("content_start") is not None:
            content_start = doc.to_normalized(int(q["content_start"]), int(q["content_start"]))[0]
        elif q.get("content"):
            found = text.find(str(q["content"])[:30], s, e)
            if found < 0:
                orig = doc.text.find(str(q["content"])[:30], int(q["start"]), int(q["end"]))
                found = doc.to_normalized(orig, orig)[0] if orig >= 0 else s
            content_start = found
        content_end = e
        if q.get("content_end") is not None:
            content_end = doc.to_normalized(int(q["content_end"]), int(q["content_end"]))[0]
        quotes.append(QuoteSpan(s, e, content_start, q.get("speaker") or {}, content_end))
    dateline = None
    if place_lookup is not None and sentences:
        for lo, hi in sentences[:2]:
            m = re.search(
                r"(?:به[\s\u200c]+گزارش[^،:]{0,80}،[\s\u200c]*)?از[\s\u200c]+((?:[\w\u200c]+[\s\u200c]*){1,2})،",
                text[lo:hi],
            )
            if m:
                words = m.group(1).split()
                for n in (2, 1):
                    place = place_lookup(" ".join(words[:n])) if len(words) >= n else None
                    if place:
                        s0 = lo + m.start(1)
                        os_, oe = doc.to_original(s0, s0 + len(" ".join(words[:n])))
                        dateline = {**place, "text": doc.text[os_:oe]}
                        break
            if dateline:
                break
    return Context(doc, text, sentences, mentions, quotes, dateline, place_lookup)


def _event_record(
    c: Candidate, ctx: Context, names: dict[str, str], scene: dict[str, Any] | None
) -> dict[str, Any]:
    doc = ctx.doc
    s, e = doc.to_original(*c.trig)
    lo, hi = ctx.sentences[c.sentence]
    sent_o = doc.sentences[c.sentence]
    # background events keep only a date the text gives them
    date = temporal.resolve_date(ctx.text[lo:hi], doc.date, default=None if c.historical else doc.date)
    loc = locate(c, ctx) or (dict(scene) if scene and not c.historical else None)
    if loc is not None:
        loc = {k: v for k, v in loc.items() if k != "type"}  # the place's kind is the locator's own
    summary = summarize(c, loc, names)
    confidence = 0.8 if c.target_how not in ("fallback", "home", "nearest", "dyad", "parties") else 0.5
    return {
        "type": c.entry.type,
        "mode": c.mode,
        "source": c.source,
        "target": c.target,
        "location": loc,
        "date": date.isoformat() if date else None,
        "historical": c.historical,
        "negated": c.negated,
        "hypothetical": c.hypothetical,
        "future": c.future,
        "evidence": {
            "sentence": c.sentence,
            "start": s,
            "end": e,
            "text": doc.text[s:e],
            "sentence_start": sent_o.start,
            "sentence_end": sent_o.end,
        },
        "cameo": c.entry.cameo,
        "goldstein": goldstein(c.entry.cameo),
        "quad": TYPES[c.entry.type],
        "confidence": confidence,
        "summary": summary,
        "lexicon_line": c.entry.line,
        "mentions": [{"sentence": c.sentence, "start": s, "end": e}],
    }


def code_events(
    doc: Document, lexicon: tuple[Entry, ...] | None = None, place_lookup: Any = None
) -> list[dict[str, Any]]:
    """Events of one document (its actors and quotes must already be filled)."""
    lexicon = lexicon if lexicon is not None else load_lexicon()
    names = country_names()
    ctx = _context(doc, place_lookup)
    # which sentences hold each word (keyed): an expression is tried only where its anchor is
    where: dict[str, set[int]] = {}
    for si, (lo, hi) in enumerate(ctx.sentences):
        for w in _KEY_WORD.findall(ctx.text, lo, hi):
            where.setdefault(_key(w), set()).add(si)
    ordered = sorted(where)

    by_anchor: dict[tuple[frozenset[str], tuple[str, ...]], set[int]] = {}

    def sentences_for(entry: Entry) -> set[int] | None:
        anchor = _anchor_of(entry.pattern)
        if anchor is None:
            return None  # no usable anchor: try every sentence
        if anchor in by_anchor:
            return by_anchor[anchor]  # rows often share their first word («حمله», «(دیدار|ملاقات)»)
        exact, prefixes = anchor
        found: set[int] = by_anchor.setdefault(anchor, set())
        for w in exact:
            found |= where.get(w, set())
        for p in prefixes:
            k = bisect.bisect_left(ordered, p)
            while k < len(ordered) and ordered[k].startswith(p):
                found |= where[ordered[k]]
                k += 1
        return found

    cands = find_candidates(ctx, lexicon, sentences_for)
    mark_proposed(cands, ctx)
    resolve_parties(cands)
    resolve_targets(cands, ctx, names)
    headline_flags(cands)
    events: dict[tuple[Any, ...], dict[str, Any]] = {}
    scene: dict[str, Any] | None = None  # where the report's current events take place
    for c in cands:
        if not c.source or not c.target:
            continue
        src_keys = tuple(sorted({a.get("country") for a in c.source if a.get("country")}))
        tgt_keys = tuple(sorted({a.get("country") for a in c.target if a.get("country")}))
        if c.entry.type in ("CONSULT", "AGREE", "COOPERATE"):
            pair = tuple(sorted([src_keys, tgt_keys]))
        else:
            pair = (src_keys, tgt_keys)
        key = (c.entry.type, pair, c.negated, c.future, c.hypothetical, c.historical)
        if key in events:
            rec = events[key]
            s, e = doc.to_original(*c.trig)
            if all(m["sentence"] != c.sentence for m in rec["mentions"]):
                rec["mentions"].append({"sentence": c.sentence, "start": s, "end": e})
            continue
        rec = events[key] = _event_record(c, ctx, names, scene)
        if rec["location"] and not c.historical:
            scene = rec["location"]
    return list(events.values())


def make_stage(settings: Settings) -> Stage:
    lexicon = load_lexicon()
    lookup = _place_lookup()

    def events_stage(doc: Document) -> Document:
        doc.events = code_events(doc, lexicon, lookup)
        return doc

    return events_stage
