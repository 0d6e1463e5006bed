"""The actor lexicon: countries, persons, bodies, roles, honorifics, loaded once from data files.

Every Persian form is compared through :func:`key`, which drops ZWNJs, spaces, diacritics and
tatweels and folds Arabic letters to Persian ones, so «اسلام‌آباد», «اسلام آباد» and «اسلامآباد»
(and «رئيس» / «رئیس») are one key::

    >>> key("اسلام‌آباد") == key("اسلام آباد") == key("اسلامآباد")
    True
    >>> lex = load_lexicon()
    >>> [e.country for e in lex.lookup("رژیم صهیونیستی")]
    ['ISR']

Text is matched by :meth:`Lexicon.scan`: a character trie over the *squeezed* text (the same
folding, with whitespace removed) that only accepts matches starting and ending on token
edges, so a key never matches inside a word.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from rokhdad.resources import resource_path
from rokhdad.tokens import Token as _FullToken

_FOLD = str.maketrans({
    "ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "أ": "ا", "إ": "ا", "ٱ": "ا", "ؤ": "و",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
    "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4", "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9",
})
# Dropped when building a key: ZWNJ/ZWJ, tatweel, Arabic diacritics and the hamza above.
_DROP = frozenset("\u200c\u200d\u0640\u0654\u0670" + "".join(chr(c) for c in range(0x064B, 0x0653)))


_SPACES = " \t\n\r\f\v\xa0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_TABLE: dict[int, str | None] = {**_FOLD, **{ord(c): None for c in _DROP}, **{ord(c): None for c in _SPACES}}


_TABLE_SAME_LENGTH: dict[int, str | None] = {k: (v if v is not None else "\x00") for k, v in _TABLE.items()}


def fold_char(ch: str) -> str:
    """The key form of one character ('' when it is dropped)."""
    return key(ch)


def key(text: str) -> str:
    """Comparison key: Arabic letters folded, ZWNJs/spaces/diacritics dropped, lower case.

    >>> key("رئيس  جمهور") == key("رئیس‌جمهور")
    True
    """
    return text.translate(_TABLE).lower()


class Tok(NamedTuple):
    """A token (same fields as :class:`rokhdad.tokens.Token`)."""

    start: int
    end: int
    text: str


@lru_cache(maxsize=8)
def tokens_and_keys(text: str) -> tuple[list[Tok], list[str]]:
    """Tokens of ``text`` and their keys (cached: the actor and quote stages share them)."""
    from rokhdad.tokens import _TOKEN

    # the same tokens as rokhdad.tokens.tokenize, as light tuples (3x faster to build)
    toks = [Tok(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    # one translation of the whole text; dropped characters become NUL so offsets still hold
    folded = text.translate(_TABLE_SAME_LENGTH).lower()
    if len(folded) != len(text):  # a letter whose lower case is longer (İ): fold token by token
        return toks, [key(t.text) for t in toks]
    if "\x00" in folded:
        return toks, [folded[t.start:t.end].replace("\x00", "") for t in toks]
    return toks, [folded[t.start:t.end] for t in toks]


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon sense of a Persian form.

    ``mention`` tells what the form is: ``name`` (a person or body by name), ``country`` (a
    state's name), ``demonym`` (پاکستانی), ``metonym`` (a capital or seat standing for a
    government: مسکو، کاخ سفید), ``role`` / ``org`` / ``group`` (a role or body head from
    roles.tsv), ``honorific``, ``given`` (a given name), ``word`` (closed-class word).
    """

    id: str
    kind: str
    country: str = ""
    sector: str = ""
    name_en: str = ""
    wikidata: str = ""
    role: str = ""
    mention: str = "name"
    start: str = ""
    end: str = ""
    word_class: str = ""


@dataclass(frozen=True, slots=True)
class Match:
    """A lexicon hit on a token range ``[t0, t1)``, character span ``[start, end)``."""

    t0: int
    t1: int
    start: int
    end: int
    entries: tuple[Entry, ...]


@dataclass
class Lexicon:
    """Keys → entries, plus a character trie for scanning text."""

    entries: dict[str, list[Entry]] = field(default_factory=dict)
    prefixes: set[str] = field(default_factory=set)
    inflected: dict[str, list[Entry]] = field(default_factory=dict)
    countries: dict[str, Entry] = field(default_factory=dict)

    def add(self, form: str, entry: Entry) -> None:
        k = key(form)
        if not k:
            return
        bucket = self.entries.setdefault(k, [])
        if entry not in bucket:
            bucket.append(entry)
        for i in range(1, len(k) + 1):
            self.prefixes.add(k[:i])

    def inflect(self) -> None:
        """Index the inflected forms (key + suffix) of states, demonyms and metonyms."""
        for k, es in sorted(self.entries.items(), key=lambda kv: -len(kv[0])):
            ents = [e for e in es if e.mention in SUFFIXED]
            if not ents:
                continue
            sufs = DEMONYM_SUFFIXES if all(e.mention == "demonym" for e in ents) else COUNTRY_SUFFIXES
            for suf in sufs:
                f = k + suf
                if f not in self.entries and f not in self.inflected:  # the longest base wins: پاکستانی+ها
                    self.inflected[f] = ents
                    for i in range(len(k) + 1, len(f) + 1):
                        self.prefixes.add(f[:i])

    def lookup(self, form: str) -> list[Entry]:
        return self.entries.get(key(form), [])

    def __len__(self) -> int:
        return len({e.id for es in self.entries.values() for e in es if e.mention == "name"})

    def scan(self, text: str, tokens: Sequence[Tok | _FullToken], classes: Iterable[str] | None = None,
             suffixes: bool = True, keys: list[str] | None = None) -> list[Match]:
        """Longest left-to-right matches over ``tokens`` of ``text``.

        A match starts at a token start and ends at a token end, or at a token end after one
        of the inflectional suffixes in :data:`SUFFIXES` (ایرانی‌ها، آمریکایی‌ها). With
        ``classes`` only entries whose ``mention`` is in it count. Token keys are joined, so
        «اسلام آباد» (two tokens) and «اسلامآباد» (one) both find the key «اسلاماباد».
        """
        want = set(classes) if classes is not None else None
        keys = keys if keys is not None else [key(t.text) for t in tokens]
        entries, prefixes, inflected = self.entries, self.prefixes, self.inflected
        out: list[Match] = []
        n = len(tokens)
        last_end = 0
        # only tokens that begin some key can begin a match (a C-speed filter over all tokens)
        for ti in [i for i, k in enumerate(keys) if k in prefixes]:
            if ti < last_end:
                continue
            acc = ""
            best: tuple[int, tuple[Entry, ...]] | None = None
            for tj in range(ti, min(n, ti + 12)):
                acc += keys[tj]
                if not acc:
                    break
                found = entries.get(acc)
                if found is None and suffixes:
                    found = inflected.get(acc)
                if found:
                    ents = tuple(e for e in found if want is None or e.mention in want)
                    if ents:
                        best = (tj, ents)
                if acc not in prefixes:
                    break
            if best is None:
                continue
            t1 = best[0] + 1
            out.append(Match(ti, t1, tokens[ti].start, tokens[t1 - 1].end, best[1]))
            last_end = t1
        return out


# Senses that may carry an inflection inside their token (ایرانی‌ها، آمریکایی‌ها، ایرانمان). Not
# metonyms («کیف» Kyiv + ی = «کیفی» qualitative) and no «ی» on names (demonyms are listed).
SUFFIXED = frozenset({"country", "demonym"})
COUNTRY_SUFFIXES = ("ها", "های", "مان", "ش", "شان", "اش", "ست")
DEMONYM_SUFFIXES = ("ها", "های", "هایی", "ان")
# Inflections that may follow a name inside one token (squeezed, without ZWNJ).
SUFFIXES = frozenset({"ی", "یی", "ها", "های", "هایی", "یها", "یهای", "ان", "یان", "ای", "مان", "ش", "شان",
                      "اش", "ست", "هاست"})


def _rows(name: str) -> Iterable[list[str]]:
    with open(resource_path(f"actors/{name}"), encoding="utf-8") as f:
        lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
    yield from csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


ACTOR_FILES = ("actors.tsv", "actors_iran_wikidata.tsv")


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load every actor resource (cached: once per process)."""
    lex = Lexicon()
    rows = _rows("countries.tsv")
    next(rows)
    for iso3, _iso2, name_en, qid, _lat, _lon, names, dems, mets in rows:
        base = Entry(f"country:{iso3}", "GPE", iso3, "", name_en, qid, "", "country")
        lex.countries[iso3] = base
        for n in _split(names):
            lex.add(n, base)
        for d in _split(dems):
            lex.add(d, Entry(f"country:{iso3}", "GPE", iso3, "", name_en, qid, "", "demonym"))
        for m in _split(mets):
            lex.add(m, Entry(f"country:{iso3}", "GPE", iso3, "GOV", f"{name_en} (government)", qid, "", "metonym"))
    for fname in ACTOR_FILES:
        rows = _rows(fname)
        next(rows)
        for row in rows:
            row = [*row, "", "", "", ""][:10]
            aid, kind, country, sector, name_en, names, qid, role, start, end = row
            e = Entry(aid, kind, country, sector, name_en, qid, role, "name", start, end)
            for n in _split(names):
                lex.add(n, e)
    for pattern, kind, role_en, sector in (([*r, "", "", ""])[:4] for r in _rows("roles.tsv")):
        mention = {"PER": "role", "ORG": "org", "GRP": "group"}[kind]
        lex.add(pattern, Entry(f"role:{key(pattern)}", "PER" if kind == "PER" else "ORG", "", sector,
                               "", "", role_en, mention))
    for hon, sector, role_en in (([*r, "", ""])[:3] for r in _rows("honorifics.tsv")):
        lex.add(hon, Entry(f"hon:{key(hon)}", "PER", "", sector, "", "", role_en, "honorific"))
    lex.inflect()
    return lex


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    with open(resource_path("actors/given_names.txt"), encoding="utf-8") as f:
        names = {key(x) for x in f if x.strip() and not x.startswith("#")}
    return frozenset(names | {"سید" + n for n in names})  # «سیدسعید»: the honorific is often glued on


@lru_cache(maxsize=1)
def closed_words() -> dict[str, frozenset[str]]:
    """Closed-class word keys by class (``pronoun``, ``preposition``, ``boundary``, ...)."""
    out: dict[str, set[str]] = {}
    for cls, word in (r[:2] for r in _rows("words.tsv")):
        out.setdefault(cls, set()).add(key(word))
    return {k: frozenset(v) for k, v in out.items()}
