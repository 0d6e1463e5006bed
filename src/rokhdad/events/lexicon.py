"""The Persian event lexicon: loading rows and compiling their patterns to regexes.

The format and the pattern language are documented in
``resources/events/README.md``. Compiled patterns run on the normalized text and
tolerate the spelling noise normalization may leave behind (a ZWNJ written as a space
or dropped, Arabic ي/ك, أ for ا)::

    >>> rx = compile_pattern("محکوم VERB:کرد")
    >>> m = rx.search("پاکستان این حمله را محکوم نکرد.")
    >>> m.group(0), bool(m.group("neg"))
    ('محکوم نکرد', True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from rokhdad.resources import resource_path

TYPES = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip
# The type of a row that names a known non-event: it codes nothing, but hides the shorter rows its match
# covers (the longest match wins), e.g. a legislature voting on a bill hides «موافقت کردند» (AGREE).
NOT_AN_EVENT = "-"
SOURCE_ROLES = {"subj", "gen", "obj", "speaker"}
TARGET_ROLES = {"ba", "az", "alayh", "be", "ra", "gen", "subj", "any", "prev", "in"}

# Light verbs: past stem, present stem.
LIGHT_VERBS: dict[str, tuple[str, str]] = {
    "کرد": ("کرد", "کن"),
    "شد": ("شد", "شو"),
    "داد": ("داد", "ده"),
    "زد": ("زد", "زن"),
    "گرفت": ("گرفت", "گیر"),
    "داشت": ("داشت", "دار"),
    "خواست": ("خواست", "خواه"),
    "گذاشت": ("گذاشت", "گذار"),
    "آورد": ("آورد", "آور"),
    "رساند": ("رساند", "رسان"),
    "برد": ("برد", "بر"),
    "نمود": ("نمود", "نما"),
}

_SEP = r"[\s\u200c]+"  # between words
_JOIN = r"[\s\u200c]?"  # inside a word, where a ZWNJ belongs
_PERSON = r"(?:م|ی|د|یم|ید|ند)"
_PAST_PERSON = r"(?:م|ی|یم|ید|ند)?"
_AUX = r"(?:است|اند|ام|ای|ایم|اید|بود|بودند|بوده|باشد|باشند|شد|شده|شدند)"
# Letters that scraped text writes in several ways.
_VARIANTS = {
    "ی": "[یيى]", "ي": "[یيى]", "ک": "[کك]", "ك": "[کك]",
    "ا": "[اأإ]", "أ": "[اأإ]", "ه": "[هةۀ]", "ة": "[هةۀ]",
}  # fmt: skip
_WORD_START = r"(?<![\w\u200c])"
_NOT_AFTER_MI = r"(?<!(?<![\w\u200c])م[یيى][\s\u200c])(?<!(?<![\w\u200c])نم[یيى][\s\u200c])"
_WORD_END = r"(?![\w\u200c])"
_GAP = r"(?:[^\s\u200c.!؟?]+[\s\u200c]+){0,12}?"  # no ZWNJ inside a gap word, else ZWNJ-rich text backtracks exponentially


def _letters(word: str) -> str:
    out = []
    for ch in word:
        if ch == "\u200c":
            out.append(_JOIN)
        else:
            out.append(_VARIANTS.get(ch, re.escape(ch)))
    return "".join(out)


def verb_regex(lemma: str, infinitive: bool = True) -> str:
    """Every person, tense and polarity of a light verb, and its infinitive, with named groups ``neg``,
    ``fut``, ``pres`` (the می- present), ``inf`` (the infinitive) and ``sbj`` (the subjunctive, matched
    even when empty).

    ``کرد`` → کرد، کردند، نکرد، کرده است، کرده بود، می‌کند، نمی‌کنند، کند، بکند، خواهد کرد، نخواهد کرد …
    """
    past, pres = LIGHT_VERBS[lemma]
    p, r = _letters(past), _letters(pres)
    future = rf"(?P<fut>(?:ن)?خواه{_PERSON}){_SEP}{p}"
    perfect = rf"{p}ه(?:{_JOIN}{_AUX})?(?:{_SEP}{_AUX})?"
    present = rf"(?P<pres>(?:می|همی){_JOIN}){r}{_PERSON}"
    subjunctive = rf"(?P<sbj>ب?){r}{_PERSON}"
    simple_past = rf"{p}{_PAST_PERSON}"
    # the infinitive names the act («ضمن محکوم کردن حمله», «برای آزاد کردن گروگان‌ها»); the coder
    # decides from its context whether it is asserted
    inf = rf"(?P<inf>{p}ن)|" if infinitive else ""
    # Negation: ن before the stem or before می; a future's negation sits on خواه.
    return rf"(?:{future}|(?P<neg>ن)?(?:{present}|{perfect}|{inf}{simple_past}|{subjunctive}))"


def tokens(pattern: str) -> list[str]:
    """Pattern words; a ``( … )`` group is one word even when its alternatives hold spaces."""
    out, cur, depth = [], "", 0
    for ch in pattern.strip():
        if ch == " " and depth == 0:
            if cur:
                out.append(cur)
            cur = ""
            continue
        depth += ch == "("
        depth -= ch == ")"
        if depth < 0:
            raise ValueError(f"unbalanced ')' in pattern {pattern!r}")
        cur += ch
    if depth:
        raise ValueError(f"unbalanced '(' in pattern {pattern!r}")
    if cur:
        out.append(cur)
    return out


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a lexicon pattern (see resources/events/README.md) into a regex."""
    return re.compile(pattern_source(pattern))


def pattern_source(pattern: str) -> str:
    """The regex source of a lexicon pattern; raises ValueError for a malformed pattern."""
    parts: list[str] = []
    verbs = 0
    for tok in tokens(pattern):
        if tok.startswith("VERB:"):
            lemma = tok[5:]
            if lemma not in LIGHT_VERBS:
                raise ValueError(f"unknown light verb {lemma!r} in pattern {pattern!r}")
            verbs += 1
            if verbs > 1:
                raise ValueError(f"more than one VERB: in pattern {pattern!r}")
            # after a gap the verb closes a phrase («خواستار … شد»): an infinitive inside that phrase
            # («خواستار تحقیق درباره کشته شدن غیرنظامیان شد») must not end it
            parts.append(verb_regex(lemma, infinitive=not parts or parts[-1] != "GAP"))
        elif tok in ("\u2026", "..."):
            parts.append("GAP")
        else:
            parts.append(_word(tok))
    if not parts or parts[0] == "GAP" or parts[-1] == "GAP":
        raise ValueError(f"pattern {pattern!r} is empty or starts/ends with a gap")
    rx = ""
    for i, part in enumerate(parts):
        if part == "GAP":
            rx += _SEP + _GAP
            continue
        if i and parts[i - 1] != "GAP":
            rx += _SEP
        elif i and not part.startswith("(?:(?P<fut>"):
            # a gap may not end in a detached «می»/«نمی»: «از این که ... می‌خواستند» ("wanted") is not
            # the «خواستند» ("asked") of «از … خواستند»
            rx += _NOT_AFTER_MI
        rx += part
    return _WORD_START + rx + _WORD_END


def _word(tok: str) -> str:
    """One pattern word: letters with variants, ``*`` continuation, ``(a|b)`` alternatives."""
    out = []
    i = 0
    while i < len(tok):
        ch = tok[i]
        if ch == "*":
            out.append(r"[\w\u200c]*")
        elif ch == "(":
            close = tok.index(")", i)
            alts = tok[i + 1 : close].split("|")
            out.append("(?:" + "|".join(_alt(a) for a in alts) + ")")
            i = close
        else:
            out.append(_letters(ch))
        i += 1
    return "".join(out)


def _alt(a: str) -> str:
    # An alternative may hold spaces ("(گفت‌وگو|مذاکره کرد)") and its own * continuation.
    return _SEP.join(_word(w) for w in a.split(" ")) if " " in a else _word(a)


_UNIFY = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "أ": "ا", "إ": "ا", "ة": "ه", "ۀ": "ه", "\u200c": ""})


def key_word(word: str) -> str:
    """A word with its spelling variants unified and its ZWNJs dropped, for quick look-ups."""
    return word.translate(_UNIFY)


@dataclass(frozen=True)
class Entry:
    """One lexicon row. Its regex is compiled on first use: an article needs only the rows
    whose anchor word it holds, and compiling all 385 at start-up costs most of a cold start."""

    type: str
    mode: str | None
    cameo: str
    pattern: str
    source: str
    target: str
    note: str
    source_regex: str
    line: int

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.source_regex)

    @cached_property
    def elliptic_nouns(self) -> frozenset[str] | None:
        """The keyed words (``key_word``) one of which must stand right before «و» for ``elliptic`` to
        match: a cheap test that spares compiling and running it («حمایت», «پشتیبانی»). None: no test."""
        toks = tokens(self.pattern)
        if len(toks) < 2 or not toks[-1].startswith("VERB:"):
            return None
        last = toks[-2]
        alts = last[1:-1].split("|") if last.startswith("(") and last.endswith(")") else [last]
        if any("*" in a or "(" in a for a in alts):
            return None
        return frozenset(key_word(a.split(" ")[-1]) for a in alts)

    @cached_property
    def elliptic(self) -> re.Pattern[str] | None:
        """For a row «NOUN VERB:x» (no gap), the noun whose light verb is left out before «و» and
        said once, later in the sentence: «۳۹۷ نماینده از طرح **حمایت** و ۲۲۳ نماینده با آن مخالفت
        کردند», «پلیس دو نفر را **دستگیر** و به دادسرا معرفی کرد». The match is the noun; the shared
        verb, in a lookahead, sets the flags. None for other rows."""
        toks = tokens(self.pattern)
        if len(toks) < 2 or not toks[-1].startswith("VERB:") or any(t in ("\u2026", "...") for t in toks):
            return None
        words = _SEP.join(_word(t) for t in toks[:-1])
        verb = verb_regex(toks[-1][5:])
        # the shared verb comes within 12 words, with no clause break or other «و ... VERB» in between
        gap = r"(?:[^\s\u200c.!؟?،:؛«»]+[\s\u200c]+){0,12}?"
        return re.compile(_WORD_START + words + rf"(?={_SEP}و{_SEP}{gap}{verb}{_WORD_END})")

    @property
    def quad(self) -> int:
        return TYPES[self.type]


def parse_rows(text: str, where: str = "lexicon") -> list[Entry]:
    """Parse lexicon TSV text into compiled entries; a bad row raises naming its line."""
    entries = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cols = raw.split("\t")
        if cols[0] == "type":  # header
            continue
        if len(cols) < 6:
            raise ValueError(f"{where}:{lineno}: expected 6+ tab-separated columns, got {len(cols)}")
        etype, mode, cameo, pattern, source, target = (c.strip() for c in cols[:6])
        note = cols[6].strip() if len(cols) > 6 else ""
        if etype == NOT_AN_EVENT:
            # a known non-event («نمایندگان با کلیات لایحه موافقت کردند»): it only hides shorter matches
            source, target = "subj", "any"
        elif etype not in TYPES:
            raise ValueError(f"{where}:{lineno}: unknown type {etype!r}")
        if source not in SOURCE_ROLES or target not in TARGET_ROLES:
            raise ValueError(f"{where}:{lineno}: bad source/target role {source!r}/{target!r}")
        try:
            regex = pattern_source(pattern)
        except ValueError as exc:
            raise ValueError(f"{where}:{lineno}: {exc}") from None
        entries.append(
            Entry(
                etype,
                None if mode in ("", "-") else mode,
                cameo,
                pattern,
                source,
                target,
                note,
                regex,
                lineno,
            )
        )
    return entries


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> tuple[Entry, ...]:
    """The packaged lexicon (or one at ``path``), compiled once per process."""
    p = Path(path) if path else resource_path("events/lexicon.tsv")
    return tuple(parse_rows(p.read_text(encoding="utf-8"), where=str(p)))


@dataclass(frozen=True)
class ModeCue:
    """A word that sets the mode of an event whose row gives none (resources/events/modes.tsv):
    «**جنگنده‌های** آمریکایی حملات شدیدی ... انجام دادند» → ASSAULT/aerial."""

    type: str
    mode: str
    pattern: str
    regex: re.Pattern[str]


@lru_cache(maxsize=1)
def load_mode_cues() -> tuple[ModeCue, ...]:
    """The packaged mode cues, compiled once per process."""
    path = resource_path("events/modes.tsv")
    if not path.exists():
        return ()
    cues = []
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#") or raw.startswith("type\t"):
            continue
        cols = [c.strip() for c in raw.split("\t")]
        if len(cols) < 3 or cols[0] not in TYPES:
            raise ValueError(f"{path}:{lineno}: expected type, mode, pattern")
        cues.append(ModeCue(cols[0], cols[1], cols[2], compile_pattern(cols[2])))
    return tuple(cues)
