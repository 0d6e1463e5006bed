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

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress, count, repeat
from typing import Any, NamedTuple

from rokhdad.resources import resource_path, tsv_rows
from rokhdad.tokens import _TOKEN
from rokhdad.tokens import Token as _FullToken

_FOLD = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "ة": "ه",
        "ۀ": "ه",
        "أ": "ا",
        "إ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "٠": "0",
        "١": "1",
        "٢": "2",
        "٣": "3",
        "٤": "4",
        "٥": "5",
        "٦": "6",
        "٧": "7",
        "٨": "8",
        "٩": "9",
        "۰": "0",
        "۱": "1",
        "۲": "2",
        "۳": "3",
        "۴": "4",
        "۵": "5",
        "۶": "6",
        "۷": "7",
        "۸": "8",
        "۹": "9",
    }
)
# Dropped when building a key: ZWNJ/ZWJ, tatweel, Arabic diacritics and the hamza above.
_DROP = frozenset("\u200c\u200d\u0640\u0654\u0670" + "".join(chr(c) for c in range(0x064B, 0x0653)))


_SPACES = (
    " \t\n\r\f\v\xa0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
_TABLE: dict[int, str | None] = {**_FOLD, **{ord(c): None for c in _DROP}, **{ord(c): None for c in _SPACES}}


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


# The tokenizer of rokhdad.tokens as a splitting pattern: tokens at odd indices, gaps at even ones.
_SPLIT = re.compile(f"({_TOKEN.pattern})")
# Characters a key folds or drops that can occur inside a token (whitespace never does).
_IN_TOKEN = {chr(k): (v or "") for k, v in _TABLE.items() if chr(k) not in _SPACES}
_IN_TOKEN_RE = re.compile("[" + re.escape("".join(_IN_TOKEN)) + "]")


def _fold_char(m: re.Match[str]) -> str:
    return _IN_TOKEN[m.group()]


class TokenTable:
    """The tokens of a text as parallel plain lists: texts, keys, start and end offsets.

    Lists, not an object per token: this runs on every word of every article, and the actor
    and quote stages read ``texts[i]``/``starts[i]``/``ends[i]`` directly. :attr:`tokens` gives
    :class:`Tok` tuples for callers that want them (built on first use).
    """

    __slots__ = ("_tokens", "ends", "keys", "starts", "texts")

    def __init__(self, texts: list[str], keys: list[str], starts: list[int], ends: list[int]) -> None:
        self.texts, self.keys, self.starts, self.ends = texts, keys, starts, ends
        self._tokens: list[Tok] | None = None

    @property
    def tokens(self) -> list[Tok]:
        if self._tokens is None:
            self._tokens = list(
                map(tuple.__new__, repeat(Tok), zip(self.starts, self.ends, self.texts, strict=True))
            )
        return self._tokens


def tokens_and_keys(text: str) -> tuple[list[Tok], list[str]]:
    """Tokens of ``text`` and their keys (cached: the actor and quote stages share them).

    >>> toks, keys = tokens_and_keys("رئيس\u200cجمهور گفت:")
    >>> [(t.start, t.end) for t in toks], keys
    ([(0, 10), (11, 14), (14, 15)], ['رئیسجمهور', 'گفت', ':'])
    """
    table = token_table(text)
    return table.tokens, table.keys


@lru_cache(maxsize=8)
def token_table(text: str) -> TokenTable:
    """:func:`tokens_and_keys` with the token offsets as lists (cached per text)."""
    # The same tokens as rokhdad.tokens.tokenize, built without a Python call per token: one
    # split, and the offsets from the running sum of the part lengths.
    parts = _SPLIT.split(text)
    bounds = list(accumulate(map(len, parts)))
    words = parts[1::2]
    starts, ends = bounds[0:-1:2], bounds[1::2]
    if not words:
        return TokenTable(words, [], starts, ends)
    # Keys: fold all tokens at once. A token never holds whitespace, so a space separates them.
    joined = " ".join(words).replace("\u200c", "")  # the ZWNJ, by far the most frequent
    if _IN_TOKEN_RE.search(joined):
        joined = _IN_TOKEN_RE.sub(_fold_char, joined)
    return TokenTable(words, joined.lower().split(" "), starts, ends)


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


_NO_PREFIX: Any = object()


@dataclass
class Lexicon:
    """Keys → entries, plus a character trie for scanning text."""

    entries: dict[str, list[Entry]] = field(default_factory=dict)
    prefixes: set[str] = field(default_factory=set)
    inflected: dict[str, list[Entry]] = field(default_factory=dict)
    countries: dict[str, Entry] = field(default_factory=dict)
    # prefix → its entries (None when it is only a prefix), built on the first scan; see _table
    _trie: dict[str, tuple[Entry, ...] | None] = field(default_factory=dict, repr=False, compare=False)
    _trie_for: tuple[int, ...] = field(default=(), repr=False, compare=False)
    _version: int = field(default=0, repr=False, compare=False)  # bumped by add() and inflect()

    def _table(self) -> dict[str, tuple[Entry, ...] | None]:
        """One dict for :meth:`scan`: every key prefix, mapped to the entries of that exact key
        (inflected forms after the plain ones) or None. A single lookup per step then tells both
        whether the key is known and whether a longer one may follow. The entry tuples are the
        same objects from scan to scan, so callers may memoize on them. Rebuilt after
        :meth:`add` or :meth:`inflect`, or when a field changes size.
        """
        size = (self._version, len(self.entries), len(self.inflected), len(self.prefixes))
        if size != self._trie_for:
            trie: dict[str, tuple[Entry, ...] | None] = dict.fromkeys(self.prefixes)
            trie.update((k, tuple(v)) for k, v in self.inflected.items())
            trie.update((k, tuple(v)) for k, v in self.entries.items())
            self._trie, self._trie_for = trie, size
        return self._trie

    def add(self, form: str, entry: Entry) -> None:
        k = key(form)
        if not k:
            return
        self._version += 1
        bucket = self.entries.setdefault(k, [])
        if entry not in bucket:
            bucket.append(entry)
        for i in range(1, len(k) + 1):
            self.prefixes.add(k[:i])

    def inflect(self) -> None:
        """Index the inflected forms (key + suffix) of states, demonyms and metonyms."""
        self._version += 1
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

    def scan(
        self,
        text: str,
        tokens: Sequence[Tok | _FullToken | str],
        classes: Iterable[str] | None = None,
        suffixes: bool = True,
        keys: list[str] | None = None,
        starts: Sequence[int] | None = None,
        ends: Sequence[int] | None = None,
    ) -> list[Match]:
        """Longest left-to-right matches over ``tokens`` of ``text``.

        A match starts at a token start and ends at a token end, or at a token end after one
        of the inflectional suffixes in :data:`SUFFIXES` (ایرانی‌ها، آمریکایی‌ها). With
        ``classes`` only entries whose ``mention`` is in it count. Token keys are joined, so
        «اسلام آباد» (two tokens) and «اسلامآباد» (one) both find the key «اسلاماباد».
        With ``keys``, ``starts`` and ``ends`` given (a :class:`TokenTable`'s lists), ``tokens``
        may be the token texts.
        """
        want = set(classes) if classes is not None else None
        if keys is None:
            keys = [key(t if isinstance(t, str) else t.text) for t in tokens]
        if starts is None or ends is None:
            starts = [t.start for t in tokens]  # type: ignore[union-attr]
            ends = [t.end for t in tokens]  # type: ignore[union-attr]
        trie = self._table()
        entries = self.entries
        out: list[Match] = []
        n = len(tokens)
        last_end = 0
        # only tokens that begin some key can begin a match (a C-speed filter over all tokens)
        for ti in compress(count(), map(trie.__contains__, keys)):
            if ti < last_end:
                continue
            acc = ""
            best: tuple[int, tuple[Entry, ...]] | None = None
            for tj in range(ti, min(n, ti + 12)):
                acc += keys[tj]
                if not acc:
                    break
                found = trie.get(acc, _NO_PREFIX)
                if found is _NO_PREFIX:  # not even a prefix: no longer key can match
                    break
                if found is not None and not suffixes:
                    found = tuple(entries.get(acc, ()))
                if found:
                    ents = found if want is None else tuple(e for e in found if e.mention in want)
                    if ents:
                        best = (tj, ents)
            if best is None:
                continue
            t1 = best[0] + 1
            out.append(Match(ti, t1, starts[ti], ends[t1 - 1], best[1]))
            last_end = t1
        return out


# Senses that may carry an inflection inside their token (ایرانی‌ها، آمریکایی‌ها، ایرانمان). Not
# metonyms («کیف» Kyiv + ی = «کیفی» qualitative) and no «ی» on names (demonyms are listed).
SUFFIXED = frozenset({"country", "demonym"})
COUNTRY_SUFFIXES = ("ها", "های", "مان", "ش", "شان", "اش", "ست")
DEMONYM_SUFFIXES = ("ها", "های", "هایی", "ان")
# Inflections that may follow a name inside one token (squeezed, without ZWNJ).
SUFFIXES = frozenset(
    {"ی", "یی", "ها", "های", "هایی", "یها", "یهای", "ان", "یان", "ای", "مان", "ش", "شان", "اش", "ست", "هاست"}
)


def _rows(name: str) -> Iterable[list[str]]:
    return tsv_rows(resource_path(f"actors/{name}"))


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
            lex.add(
                m, Entry(f"country:{iso3}", "GPE", iso3, "GOV", f"{name_en} (government)", qid, "", "metonym")
            )
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
        lex.add(
            pattern,
            Entry(
                f"role:{key(pattern)}",
                "PER" if kind == "PER" else "ORG",
                "",
                sector,
                "",
                "",
                role_en,
                mention,
            ),
        )
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
