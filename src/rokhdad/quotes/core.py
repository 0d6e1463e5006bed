"""Reported speech: who said what, with its cue (pure functions over a Document).

A quote is a verb of saying that introduces a clause (a colon, «», «که», a comma or a bare
clause), a headline «مسکو: ...», or an attribution «به گفته وی، ...». Agency credits
(«به گزارش فارس»، «به نقل از») are not quotes, and a verb of saying with only a noun object
(«بر ضرورت همکاری تاکید کرد.») is not one either::

    >>> from rokhdad.pipeline import process
    >>> doc = process("وزیر امور خارجه روسیه گفت: مسکو از گفت‌وگو حمایت می‌کند.")
    >>> q = doc.quotes[0]
    >>> q["cue"], q["speaker"]["country"], q["direct"]
    ('گفت', 'RUS', True)

The speaker is the subject of the cue's clause: the first actor mention of the clause that
no preposition governs (so «در دیدار با علی لاریجانی» is never the speaker); a pronoun or a
role noun takes its coreference cluster's best mention; a cue with no subject («افزود: ...»)
keeps the last speaker.
"""

from __future__ import annotations

import bisect
import operator
from typing import Any

from rokhdad.actors.core import actor_spans, sentence_spans
from rokhdad.actors.lexicon import Match, key, token_table
from rokhdad.document import Document
from rokhdad.quotes.cues import cue_matches

_OPEN = {"«": "»", '"': '"', "“": "”"}
_K_KE = key("که")
_K_VA = key("و")
_DEMONSTRATIVE = {key("این"), key("آن")}
_MIN_CLAUSE = 3


def _sent_spans(doc: Document) -> list[tuple[int, int]]:
    return sentence_spans(doc) or [(0, len(doc.norm_text))]


def _rank(a: dict[str, Any]) -> tuple[int, int]:
    cls = {"name": 4, "org": 3, "role": 2, "country": 1}.get(a["mention"], 0)
    return (cls, a["end"] - a["start"] if cls >= 3 else -a["start"])


def _best_mentions(actors: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """The best mention of each entity (the first of the highest :func:`_rank`), pronouns aside."""
    best: dict[int, dict[str, Any]] = {}
    for a in actors:
        if a["mention"] != "pronoun":
            b = best.get(a["entity"])
            if b is None or _rank(a) > _rank(b):
                best[a["entity"]] = a
    return best


def _speaker_record(
    actors: list[dict[str, Any]], entity: int, best_of: dict[int, dict[str, Any]] | None = None
) -> dict[str, Any] | None:
    """The speaker record of ``entity``: its best mention (``best_of``: :func:`_best_mentions`
    of ``actors``, when the caller has it)."""
    best = (best_of if best_of is not None else _best_mentions(actors)).get(entity)
    if best is None:
        return None
    return {
        k: best[k]
        for k in (
            "text",
            "start",
            "end",
            "name_en",
            "kind",
            "country",
            "sector",
            "wikidata",
            "role",
            "entity",
            "mention",
        )
    }


class _Doc:
    """Per-document working view: normalized tokens, sentences, actors on normalized offsets."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.norm_text
        table = token_table(self.text)
        self.texts = table.texts  # tokens as plain lists (texts, keys, starts, ends)
        self.keys = table.keys
        self.starts = table.starts
        self.ends = ends = table.ends
        self.spans = _sent_spans(doc)
        self.sent_tokens: list[tuple[int, int]] = []
        ti = 0
        for s, e in self.spans:  # tokens from the sentence start up to its end, never going back
            t0 = max(ti, bisect.bisect_left(self.starts, s))
            ti = max(t0, bisect.bisect_right(ends, e))
            self.sent_tokens.append((t0, ti))
        self.actors = doc.actors
        self.norm_actors = [(s, e, a) for (s, e), a in zip(actor_spans(doc), doc.actors, strict=True)]
        self.actor_starts = [s for s, _e, _a in self.norm_actors]
        # actors come sorted by original offset, hence by normalized start: :func:`_subject`
        # then searches only the actors inside its span
        self.sorted_actors = all(map(operator.le, self.actor_starts, self.actor_starts[1:]))
        self.best_of = _best_mentions(doc.actors)

    def original(self, s: int, e: int) -> tuple[int, int]:
        return self.doc.to_original(s, e)


def _closing(w: _Doc, ti: int, t_end: int) -> int:
    """Token index of the mark closing the quote opened at ``ti`` (or ``t_end``)."""
    close = _OPEN.get(w.texts[ti], "»")
    for j in range(ti + 1, t_end):
        if w.texts[j] == close:
            return j
    return t_end


def _content(w: _Doc, cue: Match, t_end: int) -> tuple[int, int, bool, str] | None:
    """Content token range after a cue: (t0, t1, direct, how) or None when no clause follows."""
    j = cue.t1
    if j >= t_end:
        return None
    t_text = w.texts[j]
    if t_text == ":":
        j += 1
        if j < t_end and w.texts[j] in _OPEN:
            return j, _closing(w, j, t_end) + 1 if _closing(w, j, t_end) < t_end else t_end, True, "colon"
        return (j, t_end, True, "colon") if t_end - j >= 2 else None
    if t_text in _OPEN:
        return j, min(t_end, _closing(w, j, t_end) + 1), True, "quote"
    if w.keys[j] == _K_KE:
        return (j + 1, t_end, False, "ke") if t_end - j - 1 >= _MIN_CLAUSE else None
    if t_text in "،,":
        if j + 1 < t_end and w.texts[j + 1] in _OPEN:
            return j + 1, t_end, True, "quote"
        return (j + 1, t_end, False, "comma") if t_end - j - 1 >= _MIN_CLAUSE else None
    if w.keys[j] == _K_VA or (len(t_text) == 1 and not t_text.isalnum()):
        return None
    if t_end - j >= _MIN_CLAUSE + 1:
        return j, t_end, False, "bare"
    return None


def _clause_start(w: _Doc, t0: int, ti: int) -> int:
    """First token of the clause holding token ``ti``: after the last colon, «؛» or unclosed «."""
    depth = 0
    for j in range(ti - 1, t0 - 1, -1):
        x = w.texts[j]
        if x == "»":
            depth += 1
        elif x == "«":
            if depth == 0:
                return j + 1
            depth -= 1
        elif depth == 0 and x == ":":
            return j + 1
    return t0


def _in_quote_marks(w: _Doc, t0: int, ti: int) -> bool:
    """True when token ``ti`` lies inside «...» opened after ``t0``."""
    depth = 0
    for j in range(t0, ti):
        x = w.texts[j]
        if x == "«":
            depth += 1
        elif x == "»":
            depth = max(0, depth - 1)
    return depth > 0


def _credit_regions(w: _Doc, matches: list[Match]) -> list[tuple[int, int]]:
    """Character spans of agency credits («به گزارش خبرگزاری فارس از مسکو،»).

    A credit runs to its comma; without one, it ends before the first person named after it
    («به گزارش فارس جرج بوش در ...») or after the outlet's name.
    """
    out = []
    person_starts = sorted(s for s, _e, a in w.norm_actors if a["kind"] == "PER" and a["mention"] == "name")
    for m in matches:
        if any(e.mention in ("credit", "attribution") for e in m.entries):
            j = m.t1
            while j < len(w.keys) and w.texts[j] not in "،,:.\n" and j - m.t1 < 12:
                j += 1
            end = w.ends[min(j, len(w.keys) - 1)]
            if j >= len(w.keys) or w.texts[j] not in "،,":
                nxt = [p for p in person_starts if p >= m.end]
                end = min(end, nxt[0]) if nxt else w.ends[min(m.t1 + 2, len(w.keys) - 1)]
            out.append((m.start, end))
    return out


def _subject(
    w: _Doc, s: int, e: int, credits: list[tuple[int, int]], inside_quote: bool
) -> dict[str, Any] | None:
    """The clause subject among actors in normalized ``[s, e)``."""
    cands = []
    first = bisect.bisect_left(w.actor_starts, s) if w.sorted_actors else 0
    for a_s, a_e, a in w.norm_actors[first:]:
        if a_s > e and w.sorted_actors:
            break  # every later actor starts after the span
        if a_s < s or a_e > e or not a.get("subject", True):
            continue
        if any(cs <= a_s < ce for cs, ce in credits):
            continue
        if a["mention"] == "demonym" or (a["kind"] == "GPE" and a["mention"] == "pronoun"):
            continue
        if not inside_quote and _inside_marks(w.text, s, a_s) and not _quoted_name(w.text, a_s, a_e):
            continue
        cands.append((a_s, a))
    if not cands:
        return None
    semi = w.text.rfind("؛", s, e)
    if semi >= 0:
        after = [a for a_s, a in cands if a_s > semi]
        if after:
            return after[0]
    # a later «که» clause with its own person subject («... که این بار نیز الهاشمی ... اعلام کرد»)
    t_lo = bisect.bisect_left(w.starts, s)
    t_hi = bisect.bisect_left(w.starts, e)
    for ti in reversed([i for i in range(t_lo, t_hi) if w.keys[i] == _K_KE]):
        kp = w.starts[ti]
        if ti > 0 and w.keys[ti - 1] in _DEMONSTRATIVE:
            continue
        if "،" in w.text[kp:e] or "," in w.text[kp:e]:
            break  # «X که ... بود، گفت»: a relative clause on the subject
        near = w.ends[min(ti + 5, len(w.keys) - 1)]
        later = [a for a_s, a in cands if kp < a_s <= near and a["kind"] == "PER" and a["mention"] == "name"]
        if later:
            return later[0]
    return cands[0][1]


def _quoted_name(text: str, s: int, e: int) -> bool:
    """«دیمیتری پسکوف»: the mention is exactly what the marks enclose."""
    before = text[:s].rstrip(" \u200c")
    after = text[e:].lstrip(" \u200c")
    return before.endswith(("«", '"', "“")) and after.startswith(("»", '"', "”"))


def _explicit(a: dict[str, Any]) -> bool:
    """A subject that names itself (a name, a body, a state, or a role with its own country)."""
    if a["mention"] in ("name", "org", "country"):
        return True
    return a["mention"] == "role" and a.get("country_from") in ("country", "metonym", "demonym")


def _inside_marks(text: str, s: int, pos: int) -> bool:
    seg = text[s:pos]
    return seg.count("«") > seg.count("»")


def find_quotes(doc: Document) -> list[dict[str, Any]]:
    """Quote records of ``doc`` (original offsets), in text order."""
    w = _Doc(doc)
    matches = list(cue_matches(w.text))
    credits = _credit_regions(w, matches)
    by_sent: dict[int, list[Match]] = {}
    si = 0
    for m in matches:
        while si + 1 < len(w.sent_tokens) and m.t0 >= w.sent_tokens[si + 1][0]:
            si += 1
        by_sent.setdefault(si, []).append(m)
    quotes: list[dict[str, Any]] = []
    last_speaker: int | None = None
    for si, (t0, t_end) in enumerate(w.sent_tokens):
        if t0 >= t_end:
            continue
        here: list[dict[str, Any]] = []
        spans: list[tuple[int, int]] = []  # content token ranges already taken
        for m in by_sent.get(si, []):
            ent = m.entries[0]
            if ent.mention == "credit":
                continue
            if ent.mention == "attribution":
                continue
            content = _content(w, m, t_end)
            nested = any(a <= m.t0 < b for a, b in spans)
            if content is None:
                continue
            c0, c1, direct, how = content
            if ent.role == "report":
                # «در این بیانیه آمده است: ...»: the words of a statement; its issuer speaks
                if (
                    how not in ("colon", "quote")
                    or nested
                    or not any(k.startswith(_DOC_NOUNS) for k in w.keys[t0 : m.t0])
                ):
                    continue  # «در ماده ۱ آمده است:» quotes a law, not an actor
                issuer = last_speaker if last_speaker is not None else _issuer(w, w.starts[t0])
                if issuer is None:
                    continue
                q = _record(w, issuer, m, c0, c1, direct, si)
                if q is not None:
                    here.append(q)
                    spans.append((c0, c1))
                    last_speaker = issuer
                continue
            # the clause of the cue starts after the last colon / « before it (for nested cues)
            cs = _clause_start(w, t0, m.t0)
            inside = _in_quote_marks(w, t0, m.t0)
            subj = _subject(w, w.starts[cs] if cs < m.t0 else m.start, m.start, credits, inside)
            if subj is None:
                if nested:
                    continue
                entity = last_speaker
            else:
                entity = subj["entity"]
            if nested and (subj is None or entity == last_speaker or not _explicit(subj)):
                continue
            if (
                nested
                and how in ("bare", "comma")
                and bisect.bisect_left(w.starts, subj_end(w, subj)) < m.t0 - 2
            ):
                continue  # an inner bare clause only right after its own named speaker («مقامات آمریکایی نیز اعتراف کرده‌اند ...»)
            if entity is None:
                continue
            q = _record(w, entity, m, c0, c1, direct, si, subj)
            if q is None:
                continue
            here.append(q)
            spans.append((c0, c1))
            last_speaker = entity
        if not here:
            for m in by_sent.get(si, []):
                opens = m.t0 == t0 or w.texts[m.t0 - 1] in "،,"  # «به گفته وی، ...» opens its clause
                if m.entries[0].mention == "attribution" and opens:
                    q = _attribution(w, m, t_end, si)
                    if q is not None:
                        here.append(q)
                        break
        if not here:
            hq = _headline(w, t0, t_end, si)
            if hq is not None:
                here.append(hq)
        if not here:
            dq = _describe(w, by_sent.get(si, []), t0, t_end, si, credits)
            if dq is not None:
                here.append(dq)
        for q in here:
            last_speaker = q["speaker"]["entity"] if q["speaker"]["kind"] == "PER" else last_speaker
        quotes.extend(here)
    return quotes


# What a statement is written in: «در این بیانیه/گزارش/نامه/پیام/اطلاعیه آمده است».
_DOC_NOUNS = ("بیانیه", "گزارش", "نامه", "پیام", "اطلاعیه", "اعلامیه", "متن", "یادداشت", "سند", "مقاله")


def subj_end(w: _Doc, a: dict[str, Any]) -> int:
    """End of an actor record on the normalized view."""
    return w.doc.to_normalized(a["start"], a["end"])[1]


def _issuer(w: _Doc, before: int) -> int | None:
    """The last body or person that was a sentence subject before ``before`` (who issued the statement)."""
    for a_s, _a_e, a in reversed(w.norm_actors):
        if (
            a_s < before
            and a.get("subject")
            and a["kind"] in ("ORG", "PER")
            and a["mention"] != "pronoun"
            and a.get("country")
        ):
            return a["entity"]
    return None


def _record(
    w: _Doc,
    entity: int,
    cue: Match,
    c0: int,
    c1: int,
    direct: bool,
    si: int,
    mention: dict[str, Any] | None = None,
) -> dict[str, Any] | None:
    spk = _speaker_record(w.actors, entity, w.best_of)
    if (
        mention is not None
        and spk is not None
        and mention["kind"] != "PER"
        and mention["mention"] != "pronoun"
    ):
        spk = {k: mention[k] for k in spk}  # «مسکو: ...»: the state as this sentence names it
    if spk is None or not spk["country"]:
        return None  # a speaker without a country is not coded
    c1 = max(c1, c0 + 1)
    cs, ce = w.starts[c0], w.ends[min(c1, len(w.keys)) - 1]
    s = min(cue.start, cs)
    e = max(cue.end, ce)
    os_, oe = w.original(s, e)
    qs, qe = w.original(cue.start, cue.end)
    ks, ke = w.original(cs, ce)
    raw = w.doc.text[ks:ke]
    content = raw.strip('«»"“” ').rstrip(".")
    ks += len(raw) - len(raw.lstrip('«»"“” '))  # the offsets point at exactly the content
    ke = ks + len(content)
    return {
        "speaker": spk,
        "cue": w.doc.text[qs:qe],
        "content": content,
        "start": os_,
        "end": oe,
        "sentence": si,
        "direct": direct,
        "content_start": ks,
        "content_end": ke,
    }


def _attribution(w: _Doc, m: Match, t_end: int, si: int) -> dict[str, Any] | None:
    """«به گفته وی، ...»: the actor right after the phrase is the speaker."""
    for a_s, a_e, a in w.norm_actors:
        if a_s < m.end or a_s > m.end + 3 or a["mention"] == "demonym":
            continue
        j = min(bisect.bisect_left(w.starts, a_e), t_end)
        while j < t_end and (w.texts[j] in '،,»"' or w.ends[j] <= a_e):
            j += 1
        if t_end - j < _MIN_CLAUSE:
            return None
        # skip the actor's appositive role phrase up to the comma
        k = j
        while k < t_end and w.texts[k] not in "،," and k - j < 10:
            k += 1
        if k < t_end and w.texts[k] in "،," and k - j < 10:
            j = k + 1
        direct = j < t_end and w.texts[j] in _OPEN
        return _record(w, a["entity"], m, j, t_end, direct, si, a)
    return None


def _headline(w: _Doc, t0: int, t_end: int, si: int) -> dict[str, Any] | None:
    """«مسکو: ...» / «گورباچف: ...»: a short actor name then a colon opens the sentence."""
    for j in range(t0 + 1, min(t_end, t0 + 6)):
        if w.texts[j] == ":":
            break
    else:
        return None
    if t_end - j < 3:
        return None
    s, e = w.starts[t0], w.ends[j - 1]
    for a_s, a_e, a in w.norm_actors:
        if a_s == s and a_e >= e - 1 and a["mention"] != "pronoun":
            colon = Match(j, j + 1, w.starts[j], w.ends[j], ())
            return _record(w, a["entity"], colon, j + 1, t_end, True, si, a)
    return None


def _describe(
    w: _Doc, matches: list[Match], t0: int, t_end: int, si: int, credits: list[tuple[int, int]]
) -> dict[str, Any] | None:
    """«وی ... را جهشی به سوی دموکراسی توصیف کرد.»: a describe-verb at the end, after «را»."""
    for m in matches:
        if not m.entries or m.entries[0].mention != "cue" or m.entries[0].role != "describe":
            continue
        rest = [x for x in w.texts[m.t1 : t_end] if x not in ".!؟?"]
        if rest:
            continue
        ra = [i for i in range(t0, m.t0) if w.keys[i] == "را"]
        if not ra:
            continue
        subj = _subject(w, w.starts[t0], w.starts[ra[0]], credits, False)
        if subj is None:
            continue
        first = min(
            bisect.bisect_left(w.starts, w.doc.to_normalized(subj["start"], subj["end"])[1]), m.t0 - 1
        )
        return _record(w, subj["entity"], m, first, m.t0, False, si)
    return None
