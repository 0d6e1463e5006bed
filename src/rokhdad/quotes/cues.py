"""Cues of reported speech: verbs of saying in their persons and tenses, attribution phrases
(«به گفته»), and agency credits that are never quotes («به گزارش»), from
``resources/actors/speech_verbs.tsv``.

    >>> lex = cue_lexicon()
    >>> sorted({e.role for e in lex.lookup("می‌افزاید")})
    ['say']
    >>> [e.mention for e in lex.lookup("به نقل از")]
    ['credit']
"""

from __future__ import annotations

from functools import lru_cache

from rokhdad.actors.lexicon import Entry, Lexicon, Match, _rows, token_table


def verb_forms(past: str, present: str, participle: bool = False) -> list[str]:
    """Third-person forms of a verb (past, perfect, pluperfect, present); with ``participle``
    also the bare participle («اظهار داشته»: only for compound verbs, since «افزوده»، «گفته»
    and «نوشته» alone are mostly nouns: «ارزش افزوده»).

    >>> verb_forms("گفت", "گوی")[:4]
    ['گفت', 'گفتند', 'گفته است', 'گفته\u200cاند']
    """
    part = past + "ه"
    forms = [
        past,
        past + "ند",
        part + " است",
        part + "\u200cاند",
        part + " بود",
        part + " بودند",
        "می\u200c" + present + "د",
        "می\u200c" + present + "ند",
    ]
    return [*forms, part] if participle else forms


@lru_cache(maxsize=1)
def cue_lexicon() -> Lexicon:
    """Every cue form → Entry(mention='cue'|'attribution'|'credit', role=class, name_en=lemma)."""
    lex = Lexicon()
    for row in _rows("speech_verbs.tsv"):
        kind = row[0]
        if kind == "verb":
            past, present = row[1].split("|")
            for f in verb_forms(past, present):
                lex.add(f, Entry(f"cue:{past}", "", role=row[2], mention="cue", name_en=past))
        elif kind == "compound":
            pre = row[1]
            past, present = row[2].split("|")
            for f in verb_forms(past, present, participle=True):
                lex.add(
                    f"{pre} {f}",
                    Entry(f"cue:{pre} {past}", "", role=row[3], mention="cue", name_en=f"{pre} {past}"),
                )
        elif kind == "attribution":
            lex.add(row[1], Entry(f"attr:{row[1]}", "", role=row[2], mention="attribution", name_en=row[1]))
        elif kind == "phrase":
            lex.add(row[1], Entry(f"cue:{row[1]}", "", role=row[2], mention="cue", name_en=row[1]))
        elif kind == "report":
            lex.add(row[1], Entry(f"cue:{row[1]}", "", role="report", mention="cue", name_en=row[1]))
        elif kind == "credit":
            lex.add(row[1], Entry(f"credit:{row[1]}", "", mention="credit", name_en=row[1]))
    return lex


@lru_cache(maxsize=1)
def combined_lexicon() -> Lexicon:
    """The actor lexicon and the cue lexicon in one, so a text is scanned once for both."""
    from rokhdad.actors.lexicon import load_lexicon

    names, cues = load_lexicon(), cue_lexicon()
    both = Lexicon()
    for src in (names, cues):
        for k, es in src.entries.items():
            both.entries.setdefault(k, []).extend(es)
        both.prefixes |= src.prefixes
        for k, es in src.inflected.items():
            both.inflected.setdefault(k, []).extend(es)
    both.countries = names.countries
    both._table()  # the scan table is part of loading, not of the first article
    return both


_CUE_CLASSES = frozenset(("cue", "attribution", "credit"))


@lru_cache(maxsize=8)
def scan_text(text: str) -> tuple[tuple[Match, ...], tuple[Match, ...]]:
    """(actor-lexicon matches, cue matches) over the tokens of ``text``: one pass, cached per text.

    A match whose senses belong to both lexicons is split between the two lists.
    """
    table = token_table(text)
    names: list[Match] = []
    cues: list[Match] = []
    lex = combined_lexicon()
    for m in lex.scan(text, table.texts, keys=table.keys, starts=table.starts, ends=table.ends):
        c, o = _split_senses(m.entries)
        if c:
            cues.append(m if c is m.entries else Match(m.t0, m.t1, m.start, m.end, c))
        if o:
            names.append(m if o is m.entries else Match(m.t0, m.t1, m.start, m.end, o))
    return tuple(names), tuple(cues)


# entries tuple id → (the tuple, its cue senses, its other senses): the scan returns the same
# tuple objects for the same key, so each is split once (the tuple is kept so its id stays its own)
_SPLIT: dict[int, tuple[tuple[Entry, ...], tuple[Entry, ...], tuple[Entry, ...]]] = {}


def _split_senses(entries: tuple[Entry, ...]) -> tuple[tuple[Entry, ...], tuple[Entry, ...]]:
    """(cue senses, other senses) of a match's entries (``entries`` itself for a side that has them all)."""
    hit = _SPLIT.get(id(entries))
    if hit is None or hit[0] is not entries:
        if len(_SPLIT) > 50_000:
            _SPLIT.clear()
        c = tuple(e for e in entries if e.mention in _CUE_CLASSES)
        o = tuple(e for e in entries if e.mention not in _CUE_CLASSES)
        c, o = (entries, o) if not o else (c, entries) if not c else (c, o)
        hit = _SPLIT[id(entries)] = (entries, c, o)
    return hit[1], hit[2]


def cue_matches(text: str) -> tuple[Match, ...]:
    """Cue, attribution and credit matches over the tokens of ``text`` (cached per text)."""
    return scan_text(text)[1]
