"""Actor mentions of a document and their coreference clusters (pure functions).

:func:`find_actors` reads the normalized view and returns one record per mention, in text
order, with offsets on the ORIGINAL text::

    >>> from rokhdad.pipeline import process
    >>> doc = process("سردار ایاز صادق رئیس مجلس ملی پاکستان گفت: وی با علی لاریجانی دیدار کرد.")
    >>> [(a["text"], a["country"], a["sector"]) for a in doc.actors if a["mention"] == "name"]
    [('ایاز صادق', 'PAK', 'LEG'), ('علی لاریجانی', 'IRN', 'GOV')]

A mention's ``entity`` is its cluster id: «وی»، «او»، a role noun («رئیس مجلس پاکستان»), a
surname («لاریجانی») or «این کشور» take the id of the earlier actor they point to. Pronouns
go to the *salient* person — the last person who was the subject of a clause (who is
speaking), not merely the nearest name.
"""

from __future__ import annotations

import bisect
import operator
from collections import Counter
from dataclasses import dataclass, field
from itertools import compress, count
from typing import Any

from rokhdad.actors.lexicon import (
    Entry,
    Lexicon,
    Match,
    closed_words,
    given_names,
    key,
    load_lexicon,
    token_table,
)
from rokhdad.document import Document

_HARD_PUNCT = frozenset(".:«»؛;()[]!؟?\"“”'")
_QUOTE_OPEN = {"«": "»", '"': '"', "“": "”"}
# Sector words inside a role/body phrase (key form) → PLOVER sector.
SECTOR_WORDS: dict[str, str] = {
    key(w): s
    for w, s in [
        ("مجلس", "LEG"),
        ("پارلمان", "LEG"),
        ("کنگره", "LEG"),
        ("سنا", "LEG"),
        ("کنست", "LEG"),
        ("دوما", "LEG"),
        ("پارلمانی", "LEG"),
        ("ارتش", "MIL"),
        ("نظامی", "MIL"),
        ("سپاه", "MIL"),
        ("دفاع", "MIL"),
        ("نیروهای مسلح", "MIL"),
        ("پلیس", "COP"),
        ("انتظامی", "COP"),
        ("قضاییه", "JUD"),
        ("قضائیه", "JUD"),
        ("دادگستری", "JUD"),
        ("دادگاه", "JUD"),
        ("دیوان", "JUD"),
        ("اطلاعات", "SPY"),
        ("حزب", "PTY"),
        ("دانشگاه", "EDU"),
        ("دانشکده", "EDU"),
        ("روزنامه", "MED"),
        ("خبرگزاری", "MED"),
        ("شبکه", "MED"),
        ("شرکت", "BUS"),
        ("بانک", "BUS"),
        ("اتاق بازرگانی", "BUS"),
        ("دولت", "GOV"),
        ("وزارت", "GOV"),
        ("کاخ", "GOV"),
        ("کرملین", "GOV"),
        ("امنیتی", "COP"),
        ("بیمارستان", "CVL"),
        ("بیمارستانی", "CVL"),
    ]
}
_GENERIC_HEADS = frozenset(
    {
        "spokesperson",
        "head",
        "heads",
        "secretary",
        "secretary-general",
        "member",
        "members",
        "deputy",
        "adviser",
        "assistant",
        "director",
        "director general",
        "acting head",
        "official",
        "officials",
        "senior official",
        "source",
        "sources",
        "leader",
        "leaders",
        "commander",
        "commanders",
        "representative",
        "chief executive",
        "public relations office",
        "office",
        "council",
        "committee",
        "commission",
        "delegation",
        "movement",
        "group",
        "organization",
        "headquarters",
        "network",
        "expert",
        "analyst",
        "chief of staff",
        "forces",
    }
)
_NAME_CLASSES = ("name", "country", "demonym", "metonym", "role", "org", "group", "honorific")


@dataclass
class Mention:
    """One actor mention on the normalized view (internal; exported by :meth:`record`)."""

    t0: int
    t1: int
    start: int
    end: int
    kind: str
    mention: str
    country: str = ""
    sector: str = ""
    name_en: str = ""
    wikidata: str = ""
    role: str = ""
    lex_id: str = ""
    head_key: str = ""  # role/body head (key form) for role coreference
    comp_keys: frozenset[str] = frozenset()
    name_t1: int = -1  # end token of the name part (before an appositive role)
    nested: bool = False
    pp: bool = False
    demonstrative: bool = False
    sentence: int = 0
    entity: int = -1
    country_from: str = ""
    office: bool = False  # names a complete state office («وزارت امور خارجه») but no state
    children: list[Mention] = field(default_factory=list)


@dataclass
class Context:
    text: str
    texts: list[str]  # token texts (tokens are kept as plain lists: no object per token)
    keys: list[str]
    sent_of: list[int]
    lex: Lexicon
    words: dict[str, frozenset[str]]
    source_country: str
    cue_starts: frozenset[int] = frozenset()
    credit_tokens: frozenset[int] = frozenset()
    places: list[tuple[int, str]] | None = None
    states_by_sentence: dict[int, list[tuple[int, str]]] | None = None
    speech_at: dict[int, int] = field(default_factory=dict)  # sentence -> first cue/colon token
    starts: list[int] = field(default_factory=list)  # token start offsets
    ends: list[int] = field(default_factory=list)  # token end offsets


def _token_at(starts: list[int], ends: list[int], pos: int) -> int | None:
    i = bisect.bisect_right(starts, pos) - 1
    return i if i >= 0 and starts[i] <= pos < ends[i] else None


def _hit_map(matches: list[Match]) -> dict[int, Match]:
    return {m.t0: m for m in matches}


def _is_punct(text: str) -> bool:
    """A one-character token that is not a letter or digit (the ZWNJ aside)."""
    return len(text) == 1 and not text.isalnum() and text not in "\u200c"


def _first(m: Match, mention: str) -> Entry | None:
    for e in m.entries:
        if e.mention == mention:
            return e
    return None


_KIND_ORDER = ("name", "country", "metonym", "demonym", "role", "group", "org", "honorific")
_STATE_KINDS = frozenset({"country", "metonym", "demonym"})  # lexicon hits that name a state
# entries tuple id → (the tuple, its kind): lexicon scans hand out the same tuples again and again
_KINDS: dict[int, tuple[tuple[Entry, ...], str]] = {}


def _kind_of(m: Match) -> str:
    """The most useful sense of a match (name > country > metonym > demonym > role > ...)."""
    hit = _KINDS.get(id(m.entries))
    if hit is not None and hit[0] is m.entries:
        return hit[1]
    senses = {e.mention for e in m.entries}
    kind = next((o for o in _KIND_ORDER if o in senses), "")
    if len(_KINDS) > 50_000:
        _KINDS.clear()
    _KINDS[id(m.entries)] = (m.entries, kind)
    return kind


_LAST_SPANS: list[tuple[Any, Any, tuple[Any, ...], list[tuple[int, int]]]] = [(None, None, (), [])]


def sentence_spans(doc: Document) -> list[tuple[int, int]]:
    """The sentences of ``doc`` on the normalized view (remembered for the last document: the
    actor and quote stages both need them)."""
    sents = tuple(doc.sentences)
    last = _LAST_SPANS[0]  # one tuple: read and written whole
    if last[0] is not doc or last[1] is not doc.normalized or last[2] != sents:
        last = (doc, doc.normalized, sents, [doc.to_normalized(x.start, x.end) for x in sents])
        _LAST_SPANS[0] = last
    return last[3]


def _sentences(doc: Document, tok_starts: list[int]) -> list[int]:
    """The sentence of each token (by its start offset): the last sentence starting at or
    before it (0 before the first)."""
    starts = [s for s, _e in sentence_spans(doc)] or [0]
    if not all(map(operator.le, starts, starts[1:])):  # out of order: search per token
        return [max(0, bisect.bisect_right(starts, t) - 1) for t in tok_starts]
    # sentence i takes the tokens from its first one to the next sentence's first (built by runs,
    # not by a search per token); a sentence without tokens of its own gets none
    firsts = [bisect.bisect_left(tok_starts, s) for s in starts]
    out = [0] * firsts[0]
    for i, f in enumerate(firsts):
        nxt = firsts[i + 1] if i + 1 < len(firsts) else len(tok_starts)
        if nxt > f:
            out += [i] * (nxt - f)
    return out


def _name_token_ok(ctx: Context, ti: int, hits: dict[int, Match]) -> bool:
    """A token that can continue a person name no lexicon knows."""
    if ti >= len(ctx.keys) or ti in ctx.cue_starts:
        return False
    if ti in hits and _kind_of(hits[ti]) in ("role", "group", "org", "country", "metonym", "demonym", "name"):
        return False
    return _name_word(ctx, ti)


def _name_word(ctx: Context, ti: int) -> bool:
    """The token's own part of :func:`_name_token_ok` (no punctuation, digit, closed-class
    word or verb), remembered per token text: the same words come back in every article."""
    text = ctx.texts[ti]
    memo = _NAME_WORDS[1] if _NAME_WORDS[0] is ctx.words else _reset_name_words(ctx.words)
    ok = memo.get(text)
    if ok is None:
        k = ctx.keys[ti]
        ok = not (
            _is_punct(text) or any(map(str.isdigit, text)) or k in _name_stops(ctx.words) or _verb_like(k)
        )
        if len(memo) > 100_000:  # a bound on memory over a long run
            memo.clear()
        memo[text] = ok
    return ok


_NAME_WORDS: tuple[dict[str, frozenset[str]] | None, dict[str, bool]] = (None, {})


def _reset_name_words(words: dict[str, frozenset[str]]) -> dict[str, bool]:
    global _NAME_WORDS
    _NAME_WORDS = (words, {})
    return _NAME_WORDS[1]


_STOPS: tuple[dict[str, frozenset[str]], frozenset[str]] | None = None


def _name_stops(words: dict[str, frozenset[str]]) -> frozenset[str]:
    """Boundary words, prepositions and pronouns in one set (a name never runs over them)."""
    global _STOPS
    if _STOPS is None or _STOPS[0] is not words:
        _STOPS = (
            words,
            words.get("boundary", frozenset())
            | words.get("preposition", frozenset())
            | words.get("pronoun", frozenset()),
        )
    return _STOPS[1]


_NOT_VERBS = ("میر", "میلاد", "میثم", "میترا", "مینو", "میکائیل", "میخائیل", "میشل", "میلر", "مینا")


def _verb_like(k: str) -> bool:
    """A present/imperfect verb («می‌گوید»، «نمی‌کند»), not a name beginning «میر...»."""
    return len(k) > 3 and k.startswith(("می", "نمی")) and not k.startswith(_NOT_VERBS)


def _unknown_name(ctx: Context, ti: int, hits: dict[int, Match], limit: int = 3) -> int:
    """End token of a run of name-like tokens starting at ``ti`` (``ti`` when none).

    A third word is kept only when what follows it closes the name (a role, a verb of
    saying, a boundary word, punctuation): «محمد ظهیر عظیمی سخنگوی ...» but «محسن عابدینی |اتمام پروژه‌ها».
    """
    j = ti
    while (
        j < len(ctx.keys)
        and j - ti < limit
        and ctx.sent_of[j] == ctx.sent_of[ti]
        and _name_token_ok(ctx, j, hits)
    ):
        j += 1
    if (
        j - ti == 3
        and j < len(ctx.keys)
        and _name_token_ok(ctx, j, hits)
        and ctx.sent_of[j] == ctx.sent_of[ti]
    ):
        j -= 1
    return j


def _quoted_name(ctx: Context, ti: int, hits: dict[int, Match]) -> int:
    """``«X Y»`` / ``"X Y"`` of 1–4 name-like tokens at ``ti`` → index after the closing mark, else -1."""
    close = _QUOTE_OPEN.get(ctx.texts[ti])
    if close is None:
        return -1
    j = ti + 1
    while j < len(ctx.keys) and j - ti <= 5 and ctx.texts[j] != close:
        if not _name_token_ok(ctx, j, hits) and not (j in hits and _kind_of(hits[j]) == "name"):
            return -1
        j += 1
    if j >= len(ctx.keys) or ctx.texts[j] != close or j == ti + 1 or j - ti > 5:
        return -1
    return j + 1


def _role_start(ctx: Context, ti: int, hits: dict[int, Match]) -> int:
    """Token where an appositive role phrase starts after a name (``-1`` when none):
    «X رئیس ...»، «X، سخنگوی ...»، «X، از فرماندهان ...»."""
    if ti < len(ctx.keys) and ctx.texts[ti] in "،,":
        ti += 1
    if ti in hits and _kind_of(hits[ti]) == "role":
        return ti
    if ti in hits and _kind_of(hits[ti]) == "group" and ctx.keys[ti] not in ("مردم",):
        return ti
    if (
        ti + 1 < len(ctx.keys)
        and ctx.keys[ti] == "از"
        and ti + 1 in hits
        and _kind_of(hits[ti + 1]) == "group"
    ):
        return ti + 1
    return -1


def _followed_by_role(ctx: Context, ti: int, hits: dict[int, Match]) -> bool:
    return _role_start(ctx, ti, hits) >= 0


# a province or city named in a role phrase places its holder: «فرمانده مرزبانی استان سیستان و
# بلوچستان», «استاندار خوزستان»
_PLACE_WORDS = frozenset(("استان", "شهرستان", "شهر"))


def _place_at(
    ctx: Context, j: int, lengths: tuple[int, ...], types: tuple[str, ...]
) -> tuple[int, str] | None:
    """(end token, state) of the first gazetteer place of one of ``types`` that the tokens from
    ``j`` name, trying the ``lengths`` in order, within ``j``'s sentence."""
    from rokhdad.actors.gazetteer import lookup_key

    for n in lengths:
        if j + n > len(ctx.keys) or ctx.sent_of[j + n - 1] != ctx.sent_of[j]:
            continue
        p = lookup_key("".join(ctx.keys[j : j + n]))
        if p is not None and p.type in types:
            return j + n, p.country
    return None


def _starts_a_place(ctx: Context, m: Match) -> bool:
    """A state's name that opens a longer province or city name («آذربایجان» in «آذربایجان
    شرقی/غربی»): the longer name is meant."""
    size = m.t1 - m.t0
    return _place_at(ctx, m.t0, (size + 1, size + 2), ("province", "city")) is not None


_TITLES_IN_NAMES = frozenset({"امیر"})  # a title that is also a given name («امیر احمری‌نژاد»)


def _opens_a_given_name(ctx: Context, m: Match, hits: dict[int, Match]) -> bool:
    """A one-word title that is a given name unless a state follows it: «امیر قطر»، «امیر این
    کشور» are emirs; «امیر احمری‌نژاد»، «سید امیر علی انوار» are people named Amir."""
    if m.t1 - m.t0 != 1 or ctx.keys[m.t0] not in _TITLES_IN_NAMES:
        return False
    nxt = hits.get(m.t1)
    if nxt is not None and _kind_of(nxt) in _STATE_KINDS:
        return False
    return m.t1 < len(ctx.keys) and ctx.sent_of[m.t1] == ctx.sent_of[m.t0] and ctx.keys[m.t1] != "این"


def _place_in_phrase(ctx: Context, j: int, head_t1: int) -> tuple[int, str] | None:
    """(end token, state) of a province or city at ``j`` inside a role phrase: after «استان»,
    «شهرستان» or «شهر» (a city or a province, up to three tokens: «سیستان و بلوچستان»), or right
    after the head (a province only: «استاندار خوزستان»; a city name alone is too often a word)."""
    if j > 0 and ctx.keys[j - 1] in _PLACE_WORDS:
        return _place_at(ctx, j, (3, 2, 1), ("province", "city"))
    return _place_at(ctx, j, (3, 2, 1), ("province",)) if j == head_t1 else None


def _role_phrase(ctx: Context, head: Match, hits: dict[int, Match]) -> tuple[int, list[Match], str]:
    """Extent of the complement after a role/body head, the lexicon hits inside it, and the state
    of the province or city that ends it ("" for none).

    The phrase runs over nouns, bodies and places until a hard boundary (punctuation, a
    preposition, a verb of saying, a new person) and ends after its country («... پاکستان»)
    or its named body («... مجلس شورای اسلامی»); it runs across «،»/«و» only when a country
    or body follows before the next hard boundary («رئیس کمیسیون کشاورزی، آب و منابع طبیعی مجلس»).
    After a complete office inside the phrase («سخنگوی وزارت امور خارجه») only its state, a
    body or a modifier («سابق») may follow: «سخنگوی وزارت امور خارجه تحریم‌های جدید آمریکا را ...»
    ends at «خارجه» (the sanctions are America's, the ministry is not).
    """
    words = ctx.words
    head_key = "".join(ctx.keys[head.t0 : head.t1])  # = key() of its text: keys drop the spaces too
    j = head.t1
    end = head.t1
    inner: list[Match] = []
    soft_pending = False
    plain = 0
    after_body = False
    after_office = False
    while (
        j < len(ctx.keys) and plain < 7 and ctx.sent_of[j] == ctx.sent_of[head.t0] and j not in ctx.cue_starts
    ):
        t_text = ctx.texts[j]
        k = ctx.keys[j]
        if t_text in _QUOTE_OPEN and j == head.t1:
            close = _QUOTE_OPEN[t_text]
            q = j + 1
            while q < len(ctx.keys) and q - j <= 6 and ctx.texts[q] != close:
                q += 1
            if q < len(ctx.keys) and ctx.texts[q] == close:
                end = j = q + 1  # «روزنامه "ال مرکوریو"»: the body's own name
                break
        if t_text in _HARD_PUNCT:
            break
        if j not in hits and (place := _place_in_phrase(ctx, j, head.t1)) is not None:
            return place[0], inner, place[1]  # the place ends the phrase, as a state does
        if after_body and not (j in hits and _kind_of(hits[j]) in _STATE_KINDS) and _our_len(ctx, j) == 0:
            break
        if t_text in "،,":
            soft_pending = True
            j += 1
            continue
        if k == "و":
            soft_pending = True
            j += 1
            continue
        if k == "در" and (head_key == "نماینده" or (j + 1 in hits and _kind_of(hits[j + 1]) == "org")):
            j += 1
            continue
        if (
            k in words.get("boundary", ())
            or k in words.get("pronoun", ())
            or (k in words.get("preposition", ()) and k != "بین")
        ):
            break
        oc = _our_len(ctx, j)
        if oc:
            end = j = j + oc
            break
        if j in hits:
            m = hits[j]
            kind = _kind_of(m)
            is_person = kind == "name" and all(e.kind == "PER" for e in m.entries if e.mention == "name")
            genitive = j == head.t1 or (bool(inner) and inner[-1].t1 == j and _kind_of(inner[-1]) == "org")
            if is_person and not genitive:
                break  # a new person (a name right after a head is its genitive: «سخنگوی پوتین»، «دفتر شارون»)
            if kind == "honorific":
                break
            if soft_pending and kind not in ("name", "country", "metonym", "demonym", "org"):
                break
            inner.append(m)
            end = m.t1
            j = m.t1
            soft_pending = False
            if kind in _STATE_KINDS or is_person:
                break
            if kind == "name":
                after_body = True
            after_office = kind == "org" and _complete_office(m)
            continue
        if _verb_like(k) or any(map(str.isdigit, k)):
            break
        if j + 1 < len(ctx.keys) and ctx.keys[j + 1] in words.get("light_verb", ()):
            break  # «از وزیر نفت انتقاد کرد»: «انتقاد» is the verb's, not the minister's
        if after_office and not soft_pending and k not in words.get("role_modifier", ()):
            break  # a common noun right after a complete office starts a new noun phrase
        if soft_pending:
            # only continue over a soft boundary when a body/place follows before the next hard one
            look = j
            ok = False
            while look < min(len(ctx.keys), j + 5) and ctx.texts[look] not in _HARD_PUNCT:
                if (look in hits and _kind_of(hits[look]) in ("name", "country", "metonym", "org")) or (
                    look not in hits and _place_in_phrase(ctx, look, head.t1) is not None
                ):
                    ok = True  # «مدیر کل فرهنگ و ارشاد اسلامی استان آذربایجان شرقی»
                    break
                if ctx.keys[look] in words.get("boundary", ()) and ctx.keys[look] != "و":
                    break
                look += 1
            if not ok:
                break
            soft_pending = after_office = False
        plain += 1
        end = j + 1
        j += 1
    return end, inner, ""


def _complete_office(m: Match) -> bool:
    """A body head that names one office by itself («وزارت امور خارجه»، «نیروی دریایی»), not
    a generic head that needs its complement («وزارت»، «سازمان»، «روابط عمومی»)."""
    e = _first(m, "org")
    # (an outlet's head, «پایگاه خبری», is always followed by its own name)
    return e is not None and m.t1 - m.t0 >= 2 and e.role not in _GENERIC_HEADS and e.sector != "MED"


def _our_len(ctx: Context, j: int) -> int:
    oc = _our_country(ctx, j)
    return oc - j if oc else 0


def _phrase_attrs(
    ctx: Context, head: Match, end: int, inner: list[Match], place_country: str = ""
) -> dict[str, Any]:
    e = head.entries[0]
    for x in head.entries:
        if x.mention in ("role", "org", "group"):
            e = x
            break
    country = ""
    country_from = ""
    sector = ""
    comp: set[str] = set()
    for m in inner:
        kind = _kind_of(m)
        ent = _first(m, kind) or m.entries[0]
        before = ctx.keys[m.t0 - 1] if m.t0 > 0 else ""
        if kind == "metonym" and before == "مردم":
            continue  # «نماینده مردم اسلام‌آباد غرب»: a constituency, not a government
        if not country and ent.country:
            country, country_from = ent.country, kind
        if ent.sector and kind in ("name", "org") and not sector:
            sector = ent.sector if ent.kind == "ORG" else ""
    place_tokens = {ti for m in inner if _kind_of(m) in _STATE_KINDS for ti in range(m.t0, m.t1)}
    for ti in range(head.t1, end):
        k = ctx.keys[ti]
        if ti not in place_tokens and k not in ctx.words.get("our_country", ()):
            comp.add(k)  # the body words, without the state («وزیر امور خارجه ایران» ~ «... کشورمان»)
        if k in SECTOR_WORDS and not sector:
            sector = SECTOR_WORDS[k]
    for ti in range(head.t0, head.t1):
        k = ctx.keys[ti]
        if k in SECTOR_WORDS and not sector and e.mention != "role":
            sector = SECTOR_WORDS[k]
    if not country and place_country:
        country, country_from = place_country, "place"
    if not country:  # «... کشورمان»: a body word glued to «our country» is in the joined keys too
        joined = "".join(ctx.keys[head.t1 : end])
        if any(wk in joined for wk in ctx.words.get("our_country", ())):
            country, country_from = ctx.source_country, "our_country"
    if e.role not in _GENERIC_HEADS and e.sector:
        sector = e.sector
    elif not sector:
        sector = e.sector
    if (
        e.role == "representative"
        and inner
        and inner[0].t0 == head.t1
        and _kind_of(inner[0]) in ("country", "metonym")
    ):
        # «نماینده ایران در سازمان ملل», «نماینده رژیم صهیونیستی»: a state's envoy, not a member of
        # its parliament («نماینده مردم تهران», «نماینده مجلس»)
        sector = "GOV"
    return {
        "country": country,
        "country_from": country_from,
        "sector": sector,
        "role": e.role,
        "head_key": "".join(ctx.keys[head.t0 : head.t1]),
        "comp": frozenset(comp),
        "kind": "PER" if e.mention == "role" else "ORG",
    }


def _pp(ctx: Context, t0: int, stop: int = -1) -> bool:
    """True when the mention at ``t0`` is governed by a preposition (an object, not a subject):
    «با علی لاریجانی»، «درباره مسئله هسته‌ای ایران» (up to four nouns back, not across
    punctuation, a verb or another mention ending at ``stop``)."""
    j = t0 - 1
    while j >= 0 and (
        ctx.texts[j] in '«"“'
        or ctx.keys[j] in _HONORIFIC_KEYS
        or ctx.keys[j] in ctx.words.get("demonstrative", ())
    ):
        j -= 1
    preps = ctx.words.get("preposition", frozenset())
    steps = 0
    while j > stop and j >= 0 and steps < 4 and ctx.sent_of[j] == ctx.sent_of[t0]:
        k = ctx.keys[j]
        if k == "و":
            j -= 1
            continue  # «وحدت رهبر و جامعه»: a coordination does not end the noun phrase
        if k in preps:
            return k != "را" and j not in ctx.credit_tokens
        if _is_punct(ctx.texts[j]) and ctx.texts[j] not in "«»":
            return False
        if k in ctx.words.get("boundary", ()) or j in ctx.cue_starts:
            return False
        steps += 1
        j -= 1
    return False


_HONORIFIC_KEYS: frozenset[str] = frozenset()
# Tokens after which a new mention may open (a clause or a quotation starts).
_OPENING_PUNCT = frozenset('،,"«')
_COMMAS = frozenset("،,")
_LOOK: tuple[Any, Any, frozenset[str]] = (None, None, frozenset())


def _look_keys(words: dict[str, frozenset[str]], gnames: frozenset[str]) -> frozenset[str]:
    """Keys that :func:`find_mentions` must look at without a lexicon hit: words that may open a
    mention (pronouns, demonstratives, «our country», given names), quote marks, commas."""
    global _LOOK
    if _LOOK[0] is not words or _LOOK[1] is not gnames:
        keys = (
            words.get("pronoun", frozenset())
            | words.get("demonstrative", frozenset())
            | words.get("our_country", frozenset())
            | _OUR_FIRST
            | gnames
            | set(_QUOTE_OPEN)
            | _OPENING_PUNCT
        )
        _LOOK = (words, gnames, frozenset(keys))
    return _LOOK[2]


def _honorific_keys(lex: Lexicon) -> frozenset[str]:
    return frozenset(k for k, es in lex.entries.items() if any(e.mention == "honorific" for e in es))


def _entity_mentions(doc: Document, ctx: Context, covered: set[int]) -> list[Mention]:
    """People and bodies from the NER stage that no rule above found (country unknown)."""
    out: list[Mention] = []
    ents = [e for e in doc.entities if e.get("label") in ("PER", "ORG")]
    if not ents:
        return out
    starts = ctx.starts
    for e in ents:
        s, en = doc.to_normalized(int(e["start"]), int(e["end"]))
        t0 = bisect.bisect_left(starts, s)
        t1 = bisect.bisect_left(starts, en) - 1  # last token starting before the end
        if (
            t0 >= len(starts)
            or starts[t0] != s
            or t1 < t0
            or ctx.ends[t1] != en
            or any(i in covered for i in range(t0, t1 + 1))
        ):
            continue
        hon = 0
        while t0 + hon <= t1 and ctx.keys[t0 + hon] in _HONORIFIC_KEYS:
            hon += 1
        if t0 + hon > t1:
            continue
        m = Mention(
            t0 + hon,
            t1 + 1,
            ctx.starts[t0 + hon],
            ctx.ends[t1],
            e["label"],
            "name" if e["label"] == "PER" else "org",
            sentence=ctx.sent_of[t0],
        )
        m.name_t1 = t1 + 1
        out.append(m)
    return out


def find_mentions(
    doc: Document, source_country: str = "IRN", lex: Lexicon | None = None
) -> tuple[list[Mention], Context]:
    """All actor mentions of ``doc`` (normalized offsets), before coreference."""
    global _HONORIFIC_KEYS
    lex = lex or load_lexicon()
    if not _HONORIFIC_KEYS:
        _HONORIFIC_KEYS = _honorific_keys(lex)
    text = doc.norm_text
    table = token_table(text)
    texts, keys, starts, ends = table.texts, table.keys, table.starts, table.ends
    from rokhdad.quotes.cues import cue_matches, scan_text

    ctx = Context(
        text,
        texts,
        keys,
        _sentences(doc, starts),
        lex,
        closed_words(),
        source_country,
        starts=starts,
        ends=ends,
    )
    cue_hits = list(cue_matches(text))
    ctx.cue_starts = frozenset(m.t0 for m in cue_hits if m.entries[0].mention == "cue")
    for ti in sorted(ctx.cue_starts):
        ctx.speech_at.setdefault(ctx.sent_of[ti], ti)
    pos = text.find(":")
    while pos >= 0:  # a colon also ends the part of a sentence that holds its speaker
        ti = _token_at(starts, ends, pos)
        if ti is not None and ti < ctx.speech_at.get(ctx.sent_of[ti], len(keys)):
            ctx.speech_at[ctx.sent_of[ti]] = ti
        pos = text.find(":", pos + 1)
    if lex is load_lexicon():
        hits = _hit_map([m for m in scan_text(text)[0] if _kind_of(m) in _NAME_CLASSES])
    else:
        hits = _hit_map(lex.scan(text, texts, _NAME_CLASSES, keys=keys, starts=starts, ends=ends))
    for ti in [ti for ti, m in hits.items() if _kind_of(m) == "country" and _starts_a_place(ctx, m)]:
        del hits[ti]  # «آذربایجان شرقی» is an Iranian province, not the Republic of Azerbaijan
    ctx.credit_tokens = _credits(ctx, cue_hits, hits)
    words = ctx.words
    for ti in [ti for ti, m in hits.items() if _kind_of(m) == "role" and _opens_a_given_name(ctx, m, hits)]:
        del hits[ti]  # «امیر احمری‌نژاد»: a name, not the emir
    gnames = given_names() | _TITLES_IN_NAMES  # read as given names where no state made them titles
    out: list[Mention] = []
    ti = 0
    n = len(keys)
    sent_of = ctx.sent_of
    # The tokens worth a look: a lexicon hit, a word that may open a mention without one, a
    # sentence start, a quote mark, a token after a comma or an opening mark. Every other token
    # is skipped at once (most of the text); a look at a comma or a mark itself finds nothing.
    marks = list(compress(count(), map(_look_keys(words, gnames).__contains__, keys)))
    look = set(hits)
    look.update([i for i in marks if keys[i] not in _COMMAS])  # a comma itself opens nothing
    look.update([i + 1 for i in marks if keys[i] in _OPENING_PUNCT])
    look.update(compress(count(1), map(operator.ne, sent_of, sent_of[1:])))
    look.add(0)
    look.discard(n)
    todo = sorted(look)
    while ti < n:
        if ti not in look:
            i = bisect.bisect_left(todo, ti)
            if i == len(todo):
                break
            ti = todo[i]
        k = keys[ti]
        m = hits.get(ti)
        sent = sent_of[ti]
        kind = _kind_of(m) if m else ""
        # honorifics: strip, remember the hint, read the name after them
        if kind == "honorific":
            hint = _first(m, "honorific")
            j = m.t1
            while j in hits and _kind_of(hits[j]) == "honorific":
                j = hits[j].t1
            nm = _name_at(ctx, j, hits)
            if nm is not None:
                if hint and hint.sector and not nm.sector:
                    nm.sector = hint.sector
                out.append(nm)
                quoted = j < n and texts[j] in _QUOTE_OPEN
                ti = _after_name(ctx, nm, hits, out, start=nm.t1 + 1 if quoted else None)
                continue
            ti = j
            continue
        qn = _quoted_name(ctx, ti, hits) if texts[ti] in _QUOTE_OPEN else -1
        if qn > 0 and (
            _followed_by_role(ctx, qn, hits)
            or _cue_like(ctx, qn)
            or ti == 0
            or ctx.sent_of[ti - 1] != sent
            or ctx.texts[ti - 1] in "،,"
        ):
            inner = hits.get(ti + 1)
            if inner is not None and inner.t1 == qn - 1 and _kind_of(inner) == "name":
                nm = _lex_mention(ctx, inner)
            else:
                nm = Mention(ti + 1, qn - 1, starts[ti + 1], ends[qn - 2], "PER", "name", sentence=sent)
            nm.name_t1 = nm.t1
            out.append(nm)
            ti = _after_name(ctx, nm, hits, out, start=qn)
            continue
        if (
            kind == "name"
            and m.t1 == m.t0 + 1
            and k in gnames
            and _name_token_ok(ctx, m.t1, hits)
            and m.t1 < n
            and ctx.keys[m.t1] not in gnames
            and ctx.sent_of[m.t1] == sent
        ):
            j = _unknown_name(ctx, m.t1, hits, limit=2)  # «پاول زاتورسکی» is not Colin Powell
            nm = Mention(ti, j, starts[ti], ends[j - 1], "PER", "name", sentence=sent)
            nm.name_t1 = j
            out.append(nm)
            ti = _after_name(ctx, nm, hits, out)
            continue
        if kind == "name":
            nm = _lex_mention(ctx, m)
            out.append(nm)
            ti = _after_name(ctx, nm, hits, out)
            continue
        if kind in _STATE_KINDS:
            out.append(_gpe_mention(ctx, m, kind))
            ti = m.t1
            continue
        if (
            kind == "role"
            and _first(m, "role") is not None
            and _first(m, "role").role == "one of"
            and not (m.t1 in hits and _kind_of(hits[m.t1]) == "group")
        ):
            ti = m.t1  # «یکی از مؤلفه‌ها» is not a person; «یکی از مقامات/شاهدان» is
            continue
        if kind in ("role", "group", "org"):
            dem = (
                ti > 0 and ctx.keys[ti - 1] in words.get("demonstrative", ()) and ctx.sent_of[ti - 1] == sent
            )
            rm = _role_mention(ctx, m, hits, out)
            rm.demonstrative = dem
            out.append(rm)
            ti = rm.t1
            continue
        if k in words.get("pronoun", ()) and not (
            ti > 0 and ctx.keys[ti - 1] in words.get("demonstrative", ())
        ):
            pm = Mention(ti, ti + 1, starts[ti], ends[ti], "PER", "pronoun", sentence=sent)
            out.append(pm)
            ti += 1
            continue
        if k in words.get("demonstrative", ()) and ti + 1 < n and ctx.keys[ti + 1] in ("کشور", "دولت"):
            pm = Mention(ti, ti + 2, starts[ti], ends[ti + 1], "GPE", "pronoun", sentence=sent)
            out.append(pm)
            ti += 2
            continue
        oc = _our_country(ctx, ti)
        if oc:
            om = Mention(
                ti,
                oc,
                starts[ti],
                ends[oc - 1],
                "GPE",
                "our_country",
                ctx.source_country,
                sentence=sent,
                country_from="our_country",
            )
            base = lex.countries.get(ctx.source_country)
            if base is not None:
                om.name_en, om.wikidata, om.lex_id = base.name_en, base.wikidata, base.id
            out.append(om)
            ti = oc
            continue
        # a given name at a clause start or before a role phrase opens an unknown person;
        # so does any short run of name-like words that opens a sentence before a role («عابد فتاحی نماینده ...»)
        if not _name_token_ok(ctx, ti, hits):
            ti += 1
            continue
        sent_start = ti == 0 or ctx.sent_of[ti - 1] != sent
        clause_start = (sent_start or ctx.texts[ti - 1] in '،,"«') or (
            k in gnames
            and (
                ctx.keys[ti - 1] in words.get("preposition", ())
                or ctx.keys[ti - 1] == "و"
                or _after_credit(ctx, ti, out)
            )
        )
        if not clause_start and k in gnames and ti not in ctx.credit_tokens:
            j = _unknown_name(ctx, ti, hits)
            rs = _role_start(ctx, j, hits)
            clause_start = j - ti >= 2 and rs == j and _kind_of(hits[rs]) == "role"
        if clause_start and not _is_punct(texts[ti]) and ti not in ctx.credit_tokens:
            j = _unknown_name(ctx, ti, hits)
            rs = _role_start(ctx, j, hits)
            role_next = rs >= 0 and (
                j == n or texts[j] not in "،," or k in gnames or _kind_of(hits[rs]) == "role"
            )
            ok = (
                j - ti >= 2
                and role_next
                and (ti == 0 or ctx.sent_of[ti - 1] != sent or k in gnames or (j < n and texts[j] in "،,"))
            )
            opens = (
                sent_start
                or _after_credit(ctx, ti, out)
                or (ti >= 2 and texts[ti - 1] in "،," and ti - 2 in ctx.credit_tokens)
            )
            if not ok and j - ti >= 1 and opens and _speaker_frame(ctx, j) and not _time_word(ctx, ti):
                ok = True  # «پوریا ارژنگ در گفت‌وگو با خبرنگار فارس ... اظهار داشت»، «کریم صادق‌زاده افزود:»
            if (
                not ok
                and j - ti == 1
                and sent_start
                and rs == j
                and _kind_of(hits[rs]) == "role"
                and not _time_word(ctx, ti)
            ):
                ok = True  # «مجد کارشناس استاندارد پرواز ... اظهار داشت»
            if k in gnames and not ok:
                ok = (
                    j - ti >= 2
                    and (
                        role_next
                        or _cue_like(ctx, j)
                        or _after_subject(ctx, j)
                        or (j < n and texts[j] == ":")
                    )
                ) or (j - ti == 1 and role_next)
            if ok and not _time_word(ctx, ti):
                nm = Mention(ti, j, starts[ti], ends[j - 1], "PER", "name", sentence=sent)
                nm.name_t1 = j
                out.append(nm)
                ti = _after_name(ctx, nm, hits, out)
                continue
        ti += 1
    covered = {i for mm in out for x in (mm, *mm.children) for i in range(x.t0, x.t1)}
    out.extend(_entity_mentions(doc, ctx, covered))
    out.extend(_surname_mentions(ctx, out))
    out.sort(key=lambda x: (x.start, -x.end))
    prev_end = 0
    for mm in out:
        mm.pp = _pp(ctx, mm.t0, prev_end - 1) or mm.t0 in ctx.credit_tokens
        prev_end = max(prev_end, mm.t1, *(c.t1 for c in mm.children))
    return out, ctx


def _credits(ctx: Context, cue_hits: list[Match], hits: dict[int, Match]) -> frozenset[int]:
    """Tokens of agency credits («به گزارش خبرگزاری فارس از مسکو،»): to the comma, or, without
    one, up to the first person named after the outlet («به گزارش فارس جرج بوش ...»)."""
    out: set[int] = set()
    gn = given_names()
    for cm in cue_hits:
        if cm.entries[0].mention not in ("credit", "attribution"):
            continue
        j = cm.t0
        while (
            j < len(ctx.keys)
            and ctx.texts[j] not in "،,:"
            and j - cm.t0 < 12
            and ctx.sent_of[j] == ctx.sent_of[cm.t0]
        ):
            if j >= cm.t1 + 1:
                # the word after an opening quote mark, when there is one
                jj = j + 1 if ctx.texts[j] in _QUOTE_OPEN and j + 1 < len(ctx.keys) else j
                m = hits.get(jj)
                person = m is not None and _kind_of(m) == "name" and m.entries[0].kind == "PER"
                if person or ctx.keys[jj] in gn or (jj != j and cm.entries[0].mention == "attribution"):
                    break
            out.add(j)
            j += 1
    return frozenset(out)


def _cue_like(ctx: Context, ti: int) -> bool:
    """A verb of saying follows closely (the name is a speaker): «X گفت»، «X در ... افزود»."""
    return any(j in ctx.cue_starts for j in range(ti, min(len(ctx.keys), ti + 11)))


_TIME_WORDS = frozenset(
    key(w)
    for w in (
        "سال",
        "ماه",
        "هفته",
        "روز",
        "دیروز",
        "امروز",
        "فردا",
        "شب",
        "ساعت",
        "همچنین",
        "اکنون",
        "هم‌اکنون",
        "گفتنی",
        "لازم",
        "براساس",
        "بنابراین",
    )
)


_FRAMES = (
    ("در", "گفتوگو"),
    ("در", "گفتگو"),
    ("در", "گفت"),
    ("در", "جمع"),
    ("در", "نشست"),
    ("در", "مراسم"),
    ("در", "حاشیه"),
    ("در", "سخنانی"),
    ("با", "اشاره"),
    ("با", "بیان"),
    ("با", "تاکید"),
    ("با", "تأکید"),
    ("ضمن",),
    ("امروز",),
    ("صبح",),
    ("عصر",),
    ("روز",),
    ("شامگاه",),
    ("نیز",),
)
_FRAME_ONE = frozenset(f[0] for f in _FRAMES if len(f) == 1)
_FRAME_TWO = frozenset(f for f in _FRAMES if len(f) == 2)


def _speaker_frame(ctx: Context, j: int) -> bool:
    """What follows a sentence-opening name when it is a speaker: a verb of saying right away
    («X افزود:»), or a frame («در گفت‌وگو با»، «با اشاره به»، «امروز») and a verb of saying later."""
    if j in ctx.cue_starts:
        return True
    if j >= len(ctx.keys):
        return False
    sent = ctx.sent_of[j]
    stop = ctx.speech_at.get(sent, -1)
    if stop < j:
        return False
    if ctx.keys[j] in _FRAME_ONE or (j + 1 < len(ctx.keys) and (ctx.keys[j], ctx.keys[j + 1]) in _FRAME_TWO):
        return True
    # «X در این خصوص افزود»، «X با تایید این خبر اظهار داشت»: a short adverbial, then the verb
    return ctx.keys[j] in _SUBJECT_FOLLOWERS and stop - j <= 12


def _time_word(ctx: Context, ti: int) -> bool:
    return ctx.keys[ti] in _TIME_WORDS


def _after_credit(ctx: Context, ti: int, out: list[Mention]) -> bool:
    """The token follows an agency credit's named outlet («به گزارش خبرگزاری فارس احمد سالک ...»)."""
    if not out:
        return False
    last = out[-1]
    if last.t1 == ti and last.sector == "MED":
        return True
    return ti >= 3 and ctx.keys[ti - 3] == "به" and ctx.keys[ti - 2] == "گزارش"


_SUBJECT_FOLLOWERS = frozenset(
    (
        "در",
        "ضمن",
        "پس",
        "با",
        "از",
        "روز",
        "امروز",
        "دیروز",
        "نیز",
        "همچنین",
        "که",
        "صبح",
        "عصر",
        "شامگاه",
        "بامداد",
        "ظهر",
        "شب",
        "طی",
        "هنگام",
    )
)


def _after_subject(ctx: Context, ti: int) -> bool:
    """Words that typically follow a sentence subject: «در گفت‌وگو»، «ضمن»، «پس از»، «با اشاره»."""
    if ti >= len(ctx.keys):
        return False
    return ctx.keys[ti] in _SUBJECT_FOLLOWERS


def _our_country(ctx: Context, ti: int) -> int:
    """End token of an «our country» form at ``ti`` (0 when none)."""
    oc = ctx.words.get("our_country", frozenset())
    k = ctx.keys[ti]
    if k in oc:
        return ti + 1
    if k in _OUR_FIRST and ti + 1 < len(ctx.keys) and k + ctx.keys[ti + 1] in oc:
        return ti + 2
    return 0


# First words of the two-word «our country» forms («کشور ما»، «میهن اسلامی»).
_OUR_FIRST = frozenset(key(w.split()[0]) for w in ("کشور ما", "میهن اسلامی", "کشور عزیزمان", "ایران اسلامی"))


def _gpe_mention(ctx: Context, m: Match, kind: str) -> Mention:
    """A country named («ایران»), by metonym («تهران» for its government) or by demonym
    («ایرانی»): a GPE mention whose country comes from the lexicon entry of that kind."""
    e = _first(m, kind)
    assert e is not None
    return Mention(
        m.t0,
        m.t1,
        m.start,
        m.end,
        "GPE",
        "demonym" if kind == "demonym" else "country",
        e.country,
        e.sector,
        e.name_en,
        e.wikidata,
        lex_id=e.id,
        sentence=ctx.sent_of[m.t0],
        country_from=kind,
    )


def _lex_mention(ctx: Context, m: Match) -> Mention:
    persons = [e for e in m.entries if e.mention == "name"]
    e = persons[0]
    mm = Mention(
        m.t0,
        m.t1,
        m.start,
        m.end,
        e.kind,
        "name" if e.kind == "PER" else "org",
        e.country,
        e.sector,
        e.name_en,
        e.wikidata,
        e.role,
        lex_id=e.id,
        sentence=ctx.sent_of[m.t0],
        country_from="lexicon",
    )
    if e.kind == "PER" and len(persons) > 1:
        mm.lex_id = "|".join(x.id for x in persons)
    mm.name_t1 = m.t1
    return mm


def _name_at(ctx: Context, ti: int, hits: dict[int, Match]) -> Mention | None:
    """A person name at ``ti`` (after an honorific): from the lexicon or a run of name tokens."""
    if ti >= len(ctx.keys):
        return None
    m = hits.get(ti)
    if m is not None and _kind_of(m) == "name":
        return _lex_mention(ctx, m)
    qn = _quoted_name(ctx, ti, hits)
    if qn > 0:
        nm = Mention(
            ti + 1, qn - 1, ctx.starts[ti + 1], ctx.ends[qn - 2], "PER", "name", sentence=ctx.sent_of[ti]
        )
        nm.name_t1 = qn - 1
        return nm
    j = _unknown_name(ctx, ti, hits)
    if j == ti:
        return None
    nm = Mention(ti, j, ctx.starts[ti], ctx.ends[j - 1], "PER", "name", sentence=ctx.sent_of[ti])
    nm.name_t1 = j
    return nm


def _role_mention(ctx: Context, m: Match, hits: dict[int, Match], out: list[Mention]) -> Mention:
    end, inner, place_country = _role_phrase(ctx, m, hits)
    a = _phrase_attrs(ctx, m, end, inner, place_country)
    kind = _kind_of(m)
    mention = "role" if kind in ("role", "group") else "org"
    rm = Mention(
        m.t0,
        end,
        m.start,
        ctx.ends[end - 1],
        a["kind"],
        mention,
        a["country"],
        a["sector"],
        role=a["role"],
        head_key=a["head_key"],
        comp_keys=a["comp"],
        sentence=ctx.sent_of[m.t0],
        country_from=a["country_from"],
    )
    rm.office = not rm.country and any(_kind_of(x) == "org" and _complete_office(x) for x in (m, *inner))
    # a body named in the lexicon inside the phrase («رئیس سازمان ملل») gives name_en/wikidata to bodies only
    if mention == "org" and len(inner) == 1 and _kind_of(inner[0]) == "name" and inner[0].t0 == m.t1:
        e = inner[0].entries[0]
        rm.name_en = e.name_en
    for x in inner:
        if _kind_of(x) == "metonym" and x.t0 > 0 and ctx.keys[x.t0 - 1] == "مردم":
            continue  # a constituency («نماینده مردم اسلام‌آباد غرب»), not a government
        child = _child(ctx, x)
        if child is not None:
            child.nested = True
            rm.children.append(child)
    return rm


def _child(ctx: Context, x: Match) -> Mention | None:
    kind = _kind_of(x)
    if kind == "name":
        return _lex_mention(ctx, x)
    if kind in _STATE_KINDS:
        return _gpe_mention(ctx, x, kind)
    return None


def _after_name(
    ctx: Context, nm: Mention, hits: dict[int, Match], out: list[Mention], start: int | None = None
) -> int:
    """Attach an appositive role phrase to a person name; return the next token to read."""
    j = nm.t1 if start is None else start
    j2 = _role_start(ctx, j, hits)
    m = hits.get(j2)
    if m is None or nm.kind != "PER":
        return j
    rm = _role_mention(ctx, m, hits, out)
    if not nm.country or nm.country_from != "lexicon":
        if rm.country:
            nm.country, nm.country_from = rm.country, "role"
    if rm.sector and (not nm.sector or nm.country_from == "role"):
        nm.sector = rm.sector
    if not nm.role:
        nm.role = rm.role
    nm.office = rm.office and not nm.country
    nm.head_key, nm.comp_keys = rm.head_key, rm.comp_keys
    rm.nested = True
    rm.entity = -2  # merged into the name
    nm.children.append(rm)
    nm.children.extend(rm.children)
    return rm.t1


def _strip_al(k: str) -> str:
    return k[2:] if k.startswith("ال") and len(k) > 4 else k


_TITLE_WORDS = frozenset(
    ("امام", "حضرت", "رهبر", "رهبری", "مقام", "معظم", "انقلاب", "اسلامی", "جمهوری", "شهید")
)


def _surname_mentions(ctx: Context, found: list[Mention]) -> list[Mention]:
    """Later bare surnames («لاریجانی»، «الربیعی»، «بیاتی») of persons named earlier."""
    first_at: dict[str, int] = {}
    for m in found:
        if m.kind == "PER" and m.mention == "name" and m.name_t1 - m.t0 >= 2:
            for k in (ctx.keys[m.name_t1 - 1], ctx.keys[m.t0] if m.name_t1 - m.t0 == 2 else ""):
                if k and len(k) > 2 and k not in given_names():
                    first_at.setdefault(_strip_al(k), m.start)
    if not first_at:
        return []
    covered = {i for m in found for i in range(m.t0, m.t1)}
    covered |= {i for m in found for c in m.children for i in range(c.t0, c.t1)}
    out = []
    # token key → surname: the surname itself, or with the article «ال» glued on («الربیعی»)
    wanted = {"ال" + x: x for x in first_at if len(x) > 2}
    wanted.update((x, x) for x in first_at)
    for ti in compress(count(), map(wanted.__contains__, ctx.keys)):
        sk = wanted[ctx.keys[ti]]
        if ti in covered or sk in _HONORIFIC_KEYS or sk in _TITLE_WORDS:
            continue
        if ctx.starts[ti] <= first_at[sk] and not (
            ctx.sent_of[ti] == 0 and ti + 1 < len(ctx.keys) and ctx.texts[ti + 1] == ":"
        ):
            continue  # before the full name only as a headline speaker («سالک: ...»)
        if ti + 1 < len(ctx.keys) and ctx.keys[ti + 1] in given_names():
            continue
        sm = Mention(ti, ti + 1, ctx.starts[ti], ctx.ends[ti], "PER", "name", sentence=ctx.sent_of[ti])
        sm.name_t1 = ti + 1
        sm.lex_id = "surname:" + sk
        out.append(sm)
    return out


# -- coreference --------------------------------------------------------------------------


def _compatible_role(a: Mention, b: Mention) -> bool:
    """Role mention ``a`` can name the holder of earlier role ``b`` («رئیس مجلس پاکستان» ~ «رئیس مجلس ملی پاکستان»)."""
    if not b.head_key or not a.head_key:
        return False
    if a.head_key != b.head_key and not (a.head_key in b.head_key or b.head_key in a.head_key):
        return False
    if a.country and b.country and a.country != b.country:
        return False
    ca = {k for k in a.comp_keys if len(k) > 2}
    cb = {k for k in b.comp_keys if len(k) > 2}
    if not ca or not cb:
        return a.head_key == b.head_key and (not ca or not cb) and bool(a.country or not ca)
    return bool(ca & cb)


def _part_of_earlier(
    m: Mention, persons: list[Mention], ctx: Context, words_of: dict[int, frozenset[str]] | None = None
) -> int | None:
    """«شیخ سماوی» after «شیخ عزیز سماوی»: a shorter name whose words are in an earlier name.

    ``words_of`` remembers each earlier name's words (by mention id) across calls."""
    mine = {_strip_al(k) for k in ctx.keys[m.t0 : m.name_t1]}
    if not mine:
        return None
    if words_of is None:
        words_of = {}
    for p in reversed(persons):
        if p.mention == "name" and p.name_t1 - p.t0 > len(mine):
            theirs = words_of.get(id(p))
            if theirs is None:
                theirs = words_of[id(p)] = frozenset(_strip_al(k) for k in ctx.keys[p.t0 : p.name_t1])
            if mine <= theirs and (not mine <= given_names() or mine == {_strip_al(ctx.keys[p.name_t1 - 1])}):
                return p.entity  # «ابراهیم» after «محمد ابراهیم»: the surname, though also a given name
    return None


# Roles that a later sentence uses for the person already speaking («عضو کمیسیون امنیت ملی افزود»، «سرمربی گفت»).
_ANAPHORIC_ROLES = frozenset(
    {
        "member",
        "representative",
        "representative of the Supreme Leader",  # «نماینده ولی فقیه در لرستان» = the Friday preacher
        "permanent representative",
        "expert",
        "analyst",
        "professor",
        "head coach",
        "coach",
        "official",
        "senior official",
        "deputy",
        "adviser",
        "head",
        "director",
        "one of",
        "director general",
        "spokesperson",
        "secretary",
        "commander",
    }
)
_EXPLICIT = frozenset({"country", "metonym", "demonym", "place"})
_INDEFINITE = frozenset({"یک", "یکی", "چند"})


_ALSO = frozenset({"نیز", "هم", "همچنین"})


def _names_the_speaking_role(m: Mention, role: Mention, last_sent: int, ctx: Context) -> bool:
    """A bare name that opens the sentence right after the last one whose subject was an unnamed
    office holder (named by office or «وی»), and speaks in turn, is that holder: agency copy names
    the speaker by office first, then by name («مدیرکل این اداره … گفت: …» / «عبدالهاشم حسن‌نیا
    تاکید کرد: …»). Not when the name says it is somebody else («ظریف نیز گفت»), after an
    indefinite office («یکی از شهروندان گفت»), or after a headline's office. Only names the
    actor lexicon does not know: a known politician brings his own office, and a surname it
    matches may be somebody else's («جلیلی» after «این نماینده مجلس»)."""
    if m.lex_id or m.head_key or m.pp or m.nested or m.sentence != last_sent + 1:
        return False
    if m.t0 > 0 and ctx.sent_of[m.t0 - 1] == m.sentence:
        return False  # not the sentence's first words
    if m.sentence not in ctx.speech_at or ctx.speech_at[m.sentence] < m.t0:
        return False  # the name does not speak
    after = m.name_t1 if m.name_t1 > 0 else m.t1
    if after < len(ctx.keys) and ctx.keys[after] in _ALSO:
        return False
    if role.sentence == 0 and _headline(ctx):
        return False  # a headline's subject is often not the lead's speaker («رئیس جمهور عراق … هشدار داد»)
    if role.role == "one of" or (role.t0 > 0 and ctx.keys[role.t0 - 1] in _INDEFINITE):
        return False  # «یکی از شهروندان گفت» / «شهروند دیگری گفت»: anybody
    return True


_SENTENCE_ENDS = frozenset({".", "!", "?", "؟", ":", "»", '"'})


def _headline(ctx: Context) -> bool:
    """The text opens with a headline: a first sentence without closing punctuation."""
    last = next((i for i, s in enumerate(ctx.sent_of) if s > 0), len(ctx.sent_of)) - 1
    return last >= 0 and ctx.texts[last] not in _SENTENCE_ENDS


def _role_named_again(role: Mention, mentions: list[Mention], i: int) -> bool:
    """The office comes up again in the name's own sentence, so the name speaks of its holder:
    «وزیر نیرو قول داد» / «عبدالله تمیمی … افزود: وزیر نیرو امروز …»."""
    sentence = mentions[i].sentence
    for x in mentions[i + 1 :]:
        if x.sentence != sentence:
            return False
        if x.mention == "role" and x.kind == "PER" and _compatible_role(x, role):
            return True
    return False


def resolve(mentions: list[Mention], ctx: Context) -> None:
    """Give every mention an ``entity`` id (coreference), in place."""
    next_id = 0
    by_key: dict[str, int] = {}
    rep: dict[int, Mention] = {}
    salient_per: int | None = None
    salient_sent = -1
    seen_subject_in: set[int] = set()
    persons: list[Mention] = []
    role_only: dict[int, Mention] = {}
    last_gpe: int | None = None
    pending_surnames: list[Mention] = []
    name_words: dict[int, frozenset[str]] = {}  # for _part_of_earlier
    for i, m in enumerate(mentions):
        if m.entity == -2:
            continue
        ent: int | None = None
        if m.mention == "pronoun" and m.kind == "PER":
            ent = salient_per if salient_per is not None else (persons[-1].entity if persons else None)
        elif m.mention == "pronoun":
            ent = last_gpe
        elif m.lex_id.startswith("surname:"):
            sk = m.lex_id[8:]
            for p in reversed(persons):
                if p.mention == "name" and sk in {
                    _strip_al(ctx.keys[p.name_t1 - 1]),
                    _strip_al(ctx.keys[p.t0]),
                }:
                    ent = p.entity
                    break
            if ent is None:
                pending_surnames.append(m)
        elif m.mention == "role" and m.kind == "PER":
            indefinite = (m.t0 > 0 and ctx.keys[m.t0 - 1] in _INDEFINITE) or (
                m.role == "one of" and not m.demonstrative
            )
            if not indefinite:
                for p in reversed(persons):
                    if _compatible_role(m, p):
                        ent = p.entity
                        break
            recent = salient_per is not None and m.sentence - salient_sent <= 3
            if (
                ent is None
                and recent
                and (m.demonstrative or (not indefinite and m.role in _ANAPHORIC_ROLES))
            ):
                sal = rep.get(salient_per) if salient_per is not None else None
                if m.country_from not in _EXPLICIT or (sal is not None and sal.country in ("", m.country)):
                    ent = salient_per
        elif (
            m.mention == "name"
            and m.kind == "PER"
            and not m.lex_id
            and (part := _part_of_earlier(m, persons, ctx, name_words)) is not None
        ):
            ent = part
        elif m.mention == "name" and m.kind == "PER" and m.head_key:
            for e_id, r in list(role_only.items()):
                if _compatible_role(m, r) and r.sentence >= m.sentence - 2:
                    ent = e_id  # «وزیر کشور خبر داد: ...» then «عبدالرضا رحمانی فضلی وزیر کشور ...»
                    del role_only[e_id]
                    break
        elif (
            m.mention == "name"
            and m.kind == "PER"
            and salient_per in role_only
            and persons
            and persons[-1].entity == salient_per
            and _names_the_speaking_role(m, role_only[salient_per], salient_sent, ctx)
            and not _role_named_again(role_only[salient_per], mentions, i)
        ):
            ent = salient_per  # «مدیرکل این اداره ... گفت» then «عبدالهاشم حسن‌نیا تاکید کرد»
            del role_only[ent]
        if ent is None:
            k = m.lex_id or (
                "name:" + "".join(ctx.keys[m.t0 : m.name_t1 if m.name_t1 > 0 else m.t1])
                if m.mention == "name"
                else ""
            )
            if m.mention in ("country", "demonym", "our_country") and m.country:
                k = "country:" + m.country
            if m.mention in ("org", "role") and not m.lex_id:
                k = f"{m.mention}:{m.head_key}:{'|'.join(sorted(m.comp_keys))}:{m.country}"
                if m.mention == "role":
                    k = ""  # an unresolved role is a new person
            if k and k in by_key:
                ent = by_key[k]
            else:
                ent = next_id
                next_id += 1
                if k:
                    by_key[k] = ent
                if m.mention == "role" and m.kind == "PER":
                    role_only[ent] = m
        elif m.mention == "name" and m.lex_id:
            by_key.setdefault(m.lex_id, ent)
        m.entity = ent
        r = rep.get(ent)
        if r is None or _rank(m) > _rank(r):
            rep[ent] = m
        for c in m.children:
            if c.entity == -2:
                continue
            ck = "country:" + c.country if c.country and c.mention in ("country", "demonym") else c.lex_id
            if ck in by_key:
                c.entity = by_key[ck]
            else:
                c.entity = next_id
                by_key[ck] = next_id
                next_id += 1
            if c.kind == "GPE":
                last_gpe = c.entity
        if m.kind == "PER":
            if m.mention != "pronoun":
                persons.append(m)
            before_speech = m.t0 < ctx.speech_at.get(m.sentence, len(ctx.keys))
            if not m.pp and not m.nested and m.sentence not in seen_subject_in and before_speech:
                seen_subject_in.add(m.sentence)
                salient_per, salient_sent = ent, m.sentence
        if m.kind == "GPE" and m.mention != "pronoun":
            last_gpe = ent
    for m in pending_surnames:  # a headline surname before the full name («سالک: ...»)
        sk = m.lex_id[8:]
        for p in persons:
            if (
                p is not m
                and p.mention == "name"
                and not p.lex_id.startswith("surname:")
                and sk in {_strip_al(ctx.keys[p.name_t1 - 1]), _strip_al(ctx.keys[p.t0])}
            ):
                old = m.entity
                for x in mentions:
                    if x.entity == old:
                        x.entity = p.entity
                break
    _share_attributes(mentions, ctx)


def _share_attributes(mentions: list[Mention], ctx: Context) -> None:
    """Country, sector, role and English name known for one mention of a cluster hold for all."""
    merged: dict[int, dict[str, str]] = {}
    for m in mentions:  # (the fields spelled out: this runs for every mention of every article)
        if m.entity < 0:
            continue
        d = merged.setdefault(m.entity, {})
        if m.mention == "pronoun":
            continue
        if m.country and not d.get("country"):
            d["country"] = m.country
        if m.sector and not d.get("sector"):
            d["sector"] = m.sector
        if m.role and not d.get("role"):
            d["role"] = m.role
        if m.name_en and not d.get("name_en"):
            d["name_en"] = m.name_en
        if m.wikidata and not d.get("wikidata"):
            d["wikidata"] = m.wikidata
    counts = _focus_counts(mentions, ctx.source_country, ctx)
    focus = _focus_of(counts, ctx.source_country)
    places = _places(ctx, mentions)
    local: dict[int, str] = {}
    if counts[focus] - counts[ctx.source_country] < _ABROAD and focus not in _datelines(ctx):
        # a state office the text does not place («سخنگوی وزارت امور خارجه گفت») is the outlet's
        # own, unless the report is about another state (its dateline, or that state named far
        # more often): the press names a foreign office's state
        local = {
            m.entity: ctx.source_country
            for m in mentions
            if m.office and m.entity >= 0 and not merged[m.entity].get("country")
        }
    tried: Counter[int] = Counter()
    for m in mentions:  # the first of its first three mentions that names one state, per unplaced actor
        e = m.entity
        if (
            e >= 0
            and not local.get(e)
            and tried[e] < 3
            and not merged[e].get("country")
            and m.mention != "pronoun"
        ):
            tried[e] += 1
            local[e] = local_country(m, mentions, ctx, places)
    for m in mentions:
        if m.entity < 0:
            continue
        d = merged[m.entity]
        if not m.country and not d.get("country") and local.get(m.entity):
            d["country"] = local[m.entity]
            m.country, m.country_from = local[m.entity], "context"
        if d:
            if not m.country and d.get("country"):
                m.country, m.country_from = d["country"], "coref"
            if not m.sector and d.get("sector"):
                m.sector = d["sector"]
            if not m.role and d.get("role"):
                m.role = d["role"]
            if not m.name_en and d.get("name_en"):
                m.name_en = d["name_en"]
            if not m.wikidata and d.get("wikidata"):
                m.wikidata = d["wikidata"]
        if not m.country and m.kind in ("PER", "ORG") and focus:
            m.country, m.country_from = focus, "context"
            d["country"] = focus


# How far the focus state must outweigh the outlet's own (focus_country weights: a state named
# counts 1, a dateline 2) for an unplaced office to be that state's rather than the outlet's.
_ABROAD = 3.0


def _rank(m: Mention) -> tuple[int, int]:
    cls = {"name": 3, "org": 2, "role": 1}.get(m.mention, 0)
    return (cls, m.end - m.start if cls >= 2 else -m.start)


def focus_country(mentions: list[Mention], source_country: str, ctx: Context | None = None) -> str:
    """The country an article is mostly about, for actors the text never places (a hospital
    source in a report from Iraq is Iraqi).

    States named count 1, demonyms 0.5, the outlet's own country 0.5 (an Iranian outlet names
    Iran everywhere), a dateline («به گزارش ... از رمادی») 2, and a domestic body or person of
    the outlet's country 1.
    """
    return _focus_of(_focus_counts(mentions, source_country, ctx), source_country)


def _focus_of(counts: Counter[str], source_country: str) -> str:
    """The state of highest weight; a tie goes to the outlet's own (then to the first named)."""
    if not counts:
        return source_country
    top = max(counts.values())
    return source_country if counts.get(source_country) == top else counts.most_common(1)[0][0]


def _focus_counts(mentions: list[Mention], source_country: str, ctx: Context | None = None) -> Counter[str]:
    """The weights of :func:`focus_country`, per state."""
    c: Counter[str] = Counter()
    for m in mentions:
        for x in (m, *m.children):
            if x.mention == "pronoun" or not x.country or x.country.startswith(("IGO:", "NSA:")):
                continue
            if x.kind == "GPE":
                w = 0.5 if x.mention == "demonym" else 1.0
                if x.country == source_country:
                    w = 0.5
                c[x.country] += w
            elif x.country_from in ("lexicon", "place") and x.country == source_country:
                c[x.country] += 1.0
    if ctx is not None:
        for _ti, country in _places(ctx, mentions):
            c[country] += 0.5

        for country in _datelines(ctx):
            c[country] += 2.0
    return c


def _datelines(ctx: Context) -> list[str]:
    """States of the agency credit's dateline («به گزارش فارس از مسکو،» → RUS)."""
    from rokhdad.actors.gazetteer import lookup_place

    out = []
    for ti in ctx.credit_tokens:
        if ctx.keys[ti] == "از" and ti + 1 < len(ctx.keys):
            p = lookup_place(ctx.texts[ti + 1])
            if p is not None and p.type in ("capital", "country"):
                out.append(p.country)
    return out


_LOCATIVE = frozenset(("در", "از", "به", "استان", "شهر", "شهرستان", "بندر", "منطقه"))


def _places(ctx: Context, mentions: list[Mention]) -> list[tuple[int, str]]:
    """(token, country) of gazetteer places no mention covers, after a locative word
    («در کرمانشاه»، «از رمادی»): a city name alone is too often a common word («امام»، «نور»)."""
    from rokhdad.actors.gazetteer import place_index

    if ctx.places is not None:
        return ctx.places
    covered = {i for m in mentions for i in range(m.t0, m.t1)}
    out = []
    n = len(ctx.keys)
    lookup_key = place_index().get
    for ti in compress(count(1), map(_LOCATIVE.__contains__, ctx.keys)):  # the tokens after a locative
        if ti >= n:
            break
        k = ctx.keys[ti]
        if len(k) > 2 and ti not in covered:
            # the longer name first: «آذربایجان شرقی» (a province), not «آذربایجان» (a state)
            p = lookup_key(k + ctx.keys[ti + 1]) if ti + 1 < len(ctx.keys) else None
            if p is None or p.type not in ("city", "province", "capital"):
                p = lookup_key(k)
            if p is not None and p.type in ("city", "province", "capital"):
                out.append((ti, p.country))
    ctx.places = out
    return out


def local_country(m: Mention, mentions: list[Mention], ctx: Context, places: list[tuple[int, str]]) -> str:
    """The one state named in the sentence that introduces ``m`` (before its verb of saying),
    for a person the text does not place otherwise («محمد ابراهیم پس از شکست کویت ... گفت»)."""
    sent = m.sentence
    stop = ctx.speech_at.get(sent, len(ctx.keys))
    if ctx.states_by_sentence is None:
        by: dict[int, list[tuple[int, str]]] = {}
        for y in mentions:
            for x in (y, *y.children):
                if (
                    x.kind == "GPE"
                    and x.country
                    and x.mention != "pronoun"
                    and not x.country.startswith(("IGO:", "NSA:"))
                ):
                    by.setdefault(x.sentence, []).append((x.t0, x.country))
        for ti, c in places:
            by.setdefault(ctx.sent_of[ti], []).append((ti, c))
        ctx.states_by_sentence = by
    found = {c for t0, c in ctx.states_by_sentence.get(sent, ()) if t0 < stop}
    return next(iter(found)) if len(found) == 1 else ""


def representative(mentions: list[Mention]) -> dict[int, Mention]:
    """The best mention (a name before a role, the longest) of each cluster."""
    best: dict[int, Mention] = {}
    for m in mentions:
        if m.entity < 0 or m.mention == "pronoun":
            continue
        b = best.get(m.entity)
        if b is None or _rank(m) > _rank(b):
            best[m.entity] = m
    return best


def _record_span(m: Mention, ctx: Context) -> tuple[int, int]:
    """The normalized span a record reports: a name without its appositive role."""
    s, e = m.start, m.end
    if m.mention == "name" and m.name_t1 > 0 and m.name_t1 <= len(ctx.keys):
        e = ctx.ends[m.name_t1 - 1] if m.name_t1 - 1 >= m.t0 else e
    return s, e


def record(doc: Document, m: Mention, ctx: Context, span: tuple[int, int] | None = None) -> dict[str, Any]:
    """The exported actor record (original offsets)."""
    s, e = span if span is not None else _record_span(m, ctx)
    os_, oe = doc.to_original(s, e)
    return {
        "text": doc.text[os_:oe],
        "start": os_,
        "end": oe,
        "name_en": m.name_en,
        "kind": m.kind,
        "country": m.country or None,
        "sector": m.sector,
        "wikidata": m.wikidata,
        "role": m.role,
        "entity": m.entity,
        "mention": m.mention,
        "sentence": m.sentence,
        "subject": not m.pp and not m.nested,
        "country_from": m.country_from,
    }


def find_actors(doc: Document, source_country: str = "IRN") -> list[dict[str, Any]]:
    """Actor records of ``doc`` in text order (nested place mentions included)."""
    mentions, ctx = find_mentions(doc, source_country)
    resolve(mentions, ctx)
    found: list[tuple[dict[str, Any], tuple[int, int]]] = []
    for m in mentions:
        span = _record_span(m, ctx)
        found.append((record(doc, m, ctx, span), span))
        for c in m.children:
            if c.entity >= 0:
                span = _record_span(c, ctx)
                rc = record(doc, c, ctx, span)
                rc["subject"] = False
                found.append((rc, span))
    found.sort(key=lambda x: (x[0]["start"], -x[0]["end"]))
    out = [r for r, _span in found]
    _LAST_ACTORS[0] = (doc, out, [span for _r, span in found])  # one tuple: read and written whole
    return out


# The last document's actor records and their spans on the normalized view, for the quote
# stage that runs next: it need not map every record back (see actor_spans).
_LAST_ACTORS: list[tuple[Any, Any, list[tuple[int, int]]]] = [(None, None, [])]


def actor_spans(doc: Document) -> list[tuple[int, int]]:
    """``doc.actors`` on the normalized view: the spans the actor stage found them at, when it
    made these very records, else each record's original span mapped onto the normalized view."""
    last_doc, last_actors, spans = _LAST_ACTORS[0]
    if last_doc is doc and last_actors is doc.actors and len(spans) == len(doc.actors):
        return spans
    return [doc.to_normalized(a["start"], a["end"]) for a in doc.actors]
