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

from rokhdad.actors.lexicon import Entry, Lexicon, Match, _rows, tokens_and_keys


def verb_forms(past: str, present: str, participle: bool = False) -> list[str]:
    """Third-person forms of a verb (past, perfect, pluperfect, present); with ``participle``
    also the bare participle («اظهار داشته»: only for compound verbs, since «افزوده»، «گفته»
    and «نوشته» alone are mostly nouns: «ارزش افزوده»).

    >>> verb_forms("گفت", "گوی")[:4]
    ['گفت', 'گفتند', 'گفته است', 'گفته\u200cاند']
    """
    part = past + "ه"
    forms = [past, past + "ند", part + " است", part + "\u200cاند", part + " بود", part + " بودند",
             "می\u200c" + present + "د", "می\u200c" + present + "ند"]
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
                lex.add(f"{pre} {f}", Entry(f"cue:{pre} {past}", "", role=row[3], mention="cue", name_en=f"{pre} {past}"))
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
    return both


_CUE_CLASSES = frozenset(("cue", "attribution", "credit"))


@lru_cache(maxsize=8)
def scan_text(text: str) -> tuple[tuple[Match, ...], tuple[Match, ...]]:
    """(actor-lexicon matches, cue matches) over the tokens of ``text``: one pass, cached per text.

    A match whose senses belong to both lexicons is split between the two lists.
    """
    tokens, keys = tokens_and_keys(text)
    names: list[Match] = []
    cues: list[Match] = []
    for m in combined_lexicon().scan(text, tokens, keys=keys):
        c = tuple(e for e in m.entries if e.mention in _CUE_CLASSES)
        o = tuple(e for e in m.entries if e.mention not in _CUE_CLASSES)
        if c:
            cues.append(Match(m.t0, m.t1, m.start, m.end, c))
        if o:
            names.append(Match(m.t0, m.t1, m.start, m.end, o))
    return tuple(names), tuple(cues)


def cue_matches(text: str) -> tuple[Match, ...]:
    """Cue, attribution and credit matches over the tokens of ``text`` (cached per text)."""
    return scan_text(text)[1]
