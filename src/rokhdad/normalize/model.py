"""The ZWNJ model: where a Persian word needs a zero-width non-joiner (U+200C).

Three layers, tried in order for a word written without ZWNJ:

1. a frequency lexicon of spellings (``resources/zwnj/forms.tsv``): «میشود» was written
   «می‌شود» 2,020 times and «میشود» 156 times in well-kept text, so it becomes «می‌شود»;
   words that are only ever written plain («میز», «تهران», «ترانه») are left alone;
2. affix rules for unseen words: verb prefixes «می»/«نمی» (with «بر»/«در»/… before them)
   on a conjugated verb form built from hazm's stems; plural «ها/های/هایی…» after a known
   word; comparative «تر/ترین» after a known adjective; the pronominal and copular suffixes
   «ام/ات/اش/ای/ایم/اید/اند» after a known word ending in «ه» or «ی»;
3. for an unseen word that no affix rule explains, or only the compound-part rule: a learned
   classifier of the gaps between letters (``gaps.tsv``: logistic-regression weights over
   character n-grams either side of the gap and how often each side is seen as a word, trained
   by ``scripts/build_zwnj.py`` on the same lexicon), «موضعگیری» → «موضع‌گیری»;
4. for two words written apart («روش های», «نشان دهنده»): the same affixes, the prefix «بی»
   («بی پایان»), counts of how often the two parts are written joined or apart (``pairs.tsv``),
   and for a pair never seen, whether its second part is a compound head that running text
   mostly writes after a ZWNJ («کمک کنندگان»; ``parts.tsv``).

A ZWNJ is never put after a letter that does not join («غذاها», not «غذا‌ها»).
"""

from __future__ import annotations

import hashlib
import marshal
import math
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from rokhdad.normalize.chars import ZWNJ, joins_next, zwnj_fits
from rokhdad.resources import resource_path, tsv_rows

PLURAL = ("هایشان", "هایتان", "هایمان", "هایش", "هایم", "هایت", "هایی", "هاست", "هاشان", "های", "ها")
COMPARATIVE = ("ترین", "تری", "تر")
CLITIC = ("ایم", "اید", "اند", "ای", "ام", "اش", "ات", "ایی", "شان", "مان", "تان")
PLURAL_SET = frozenset(PLURAL)
AFFIXES = frozenset((*PLURAL, *COMPARATIVE, *CLITIC, "تری", "ی", "ان", "ات", "ها", "های", "انه"))
COMPARATIVE_SET = frozenset((*COMPARATIVE, "تری", "ترینش"))
DERIVATIONAL = frozenset("گر گری گران گرها ور وری وران زار زاری مند مندی مندان کده ستان بان گاه".split())
"""Suffixes that the Academy's orthography writes glued to the word («ستمگری», «چمنزار»,
«قانونمند»): never split off as the head of a compound."""
CLITIC_SET = frozenset(CLITIC)
VERB_PREFIX = re.compile("^(بر|در|فرو|فرا|باز|وا)?(ن?می)(.{2,})$")
MI = frozenset(("می", "نمی", "برمی", "درمی", "فرامی", "فرومی", "بازمی", "وامی", "برنمی", "درنمی"))
PRESENT_ENDINGS = ("م", "ی", "د", "یم", "ید", "ند")
PAST_ENDINGS = ("", "م", "ی", "یم", "ید", "ند", "ه")
# Words that never take a following «تر» or a clitic written apart («و تر» is not a word).
FUNCTION_WORDS = frozenset("و یا به از در با که را تا این آن چه نه اگر اما چون پس ای".split())
BI = "بی"
NOT_AFTER_BI = frozenset("آن این آنها اینها بی سی".split()) | FUNCTION_WORDS
"""«بی» is a prefix («بی پایان» → «بی‌پایان»), not a word of its own, except before a clause or a
pronoun («بی آنکه», «بی آن») and in letter names («بی بی سی»)."""

JOIN_STRICT = (3.0, 1, 3)
JOIN_LOOSE = (1.0, 2, 2)
"""Two words written apart («نشان دهنده») are joined when their joined count (+ ``listed`` when a
word list has the joined word) is at least ``min`` and more than ``ratio`` times their count
written apart, as ``(ratio, listed, min)``. STRICT always applies; LOOSE only in a text whose
writer evidently puts spaces for ZWNJs (more spaced affixes such as «می شود», «روش های» than
words with a ZWNJ or glued affixes, see ``zwnj_pass``)."""

COMPOUND_MIN_TYPES = 5
COMPOUND_RATIO = 0.8
COMPOUND_MIN_COUNT = 3.0
"""A compound part splits an unseen word when it was written after (head) or before (tail) a
ZWNJ in at least COMPOUND_MIN_TYPES words and in at least COMPOUND_RATIO of the words it ends
or starts, and the other part is a word seen COMPOUND_MIN_COUNT times."""

PART_MIN_TOKENS = 10
PART_RATIO = 0.6
"""Two words written apart whose pair was never seen («کمک کنندگان») are joined when the second is
a compound head that running text writes after a ZWNJ in at least PART_MIN_TOKENS tokens and at
least PART_RATIO of its tokens, and that is an agent noun («کننده») or is seen on its own less than
half as often as after a ZWNJ («آباد»; not «دستی», «طور», which are words; never a verb form such
as «شده» or «گردد», nor a suffix the Academy glues, «گر», «مند»)."""

CLITIC_READING_RATIO = 0.05
"""Where «های» cannot be plural + ezafe (clause end, before «را»/«از»…), «زمینهای» is read «زمینه‌ای»
unless «زمینه» is this many times rarer than «زمین» («کتابه» next to «کتاب»: a cut-off plural)."""

BASE_MIN_COUNT = 3.0
"""The base of an affix rule («کتاب» in «کتابها») must have been seen this often."""

PLAIN_MIN = 10.0
PLAIN_MIN_COMPOUND = 3.0
"""A plain spelling seen at least this often is trusted over the affix rules (PLAIN_MIN_COMPOUND
over the compound, comparative and guessed-verb rules)."""
PREFER_RATIO = 0.2
"""Competing analyses («سفرهای» = «سفر» + «های» or «سفره» + «ای»): the one whose base is more
frequent wins; the lexicon's spelling wins instead when its base is not five times rarer."""
VERB_ENDINGS = ("م", "ی", "د", "یم", "ید", "ند")
PREVERB = re.compile("^(ن|بر|در|فرو|فرا|باز|وا)(.{2,})$")
RULE_BOOST = {
    "verb": 1000.0,
    "verb_guess": 1.0,
    "plural": 2.5,
    "comparative": 6.0,
    "clitic": 5.0,
    "compound": 2.5,
}
"""How much more a lexicon ZWNJ spelling counts when an affix rule of this kind agrees with it.

Plain counts in the word lists include careless writing («میکنم» for «می‌کنم»), so a spelling
the grammar asks for gets this weight; lexicalized plain words («آنها», «بیشتر», «تنها») are
frequent enough to stay plain."""


GAP_THRESHOLD = 0.5
"""The learned classifier puts a ZWNJ in a gap whose probability is above this."""
PAIR_THRESHOLD = 0.8
PAIR_KNOWN = 3
"""The pair classifier joins two words written apart when its probability is above
PAIR_THRESHOLD and the running text has seen the pair fewer than PAIR_KNOWN times (joined or
apart); pairs seen more often are left to their counts (``join``)."""


def _bucket(count: float) -> int:
    """A word count on a log scale, ⌊log2(1 + count)⌋ up to 12: 0 for unseen, 1 for once, …"""
    return min(12, int(1.0 + count).bit_length() - 1)


def gap_features(left: str, right: str, count: Callable[[str], float]) -> list[str]:
    """Features of the gap between ``left`` and ``right`` («موضع» | «گیری») for the classifier.

    Character n-grams that end at the gap (``l1``…``l5``, ``^`` marks the word start) and that
    start there (``r1``…``r5``, ``$`` the word end), the two parts whole, n-grams across the gap,
    the parts' lengths, and how often each part is seen as a word of its own (log buckets,
    ``count``). The same features build the training data (scripts/build_zwnj.py) and score at
    run time (``_Classifier``, which adds up each side's share once per part), so the two cannot
    drift apart.
    """
    bl, br = _bucket(count(left)), _bucket(count(right))
    return _left_features(left, bl) + _right_features(right, br) + _cross_features(left, right, bl, br)


def _left_features(left: str, bl: int) -> list[str]:
    f = []
    for n in range(1, 6):
        if len(left) < n:
            f.append(f"l{n}:^{left}")
            break
        f.append(f"l{n}:{left[-n:]}")
    f += ["L:" + left, f"bl:{bl}", f"nl:{min(len(left), 7)}"]
    return f


def _right_features(right: str, br: int) -> list[str]:
    f = []
    for n in range(1, 6):
        if len(right) < n:
            f.append(f"r{n}:{right}$")
            break
        f.append(f"r{n}:{right[:n]}")
    f += ["R:" + right, f"br:{br}", f"nr:{min(len(right), 7)}", f"br{min(br, 8) // 2}:{right[:3]}"]
    return f


def _cross_features(left: str, right: str, bl: int, br: int) -> list[str]:
    return [
        f"c1:{left[-1:]}|{right[:1]}",
        f"c2:{left[-2:]}|{right[:2]}",
        f"c3:{left[-3:]}|{right[:3]}",
        f"blr:{min(bl, 8) // 2}:{min(br, 8) // 2}",
    ]


class _Classifier:
    """Logistic regression over ``gap_features``, scored as bias + left share + right share +
    cross share; each side's share is computed once per part string and kept (bounded)."""

    MEMO_MAX = 200_000

    def __init__(self, weights: dict[str, float], bias: float) -> None:
        self.weights = weights
        self.bias = bias
        self._left: dict[str, tuple[float, int]] = {}
        self._right: dict[str, tuple[float, int]] = {}

    def probability(self, left: str, right: str, count: Callable[[str], float]) -> float:
        w = self.weights
        lm, rm = self._left, self._right
        ls = lm.get(left)
        if ls is None:
            bl = _bucket(count(left))
            ls = (sum(w.get(f, 0.0) for f in _left_features(left, bl)), bl)
            if len(lm) >= self.MEMO_MAX:
                lm.clear()
            lm[left] = ls
        rs = rm.get(right)
        if rs is None:
            br = _bucket(count(right))
            rs = (sum(w.get(f, 0.0) for f in _right_features(right, br)), br)
            if len(rm) >= self.MEMO_MAX:
                rm.clear()
            rm[right] = rs
        z = self.bias + ls[0] + rs[0] + sum(w.get(f, 0.0) for f in _cross_features(left, right, ls[1], rs[1]))
        return _logistic(z)


def _weights(name: str) -> tuple[dict[str, float], float]:
    """Feature weights and intercept (the row with an empty feature) of a classifier file."""
    weights: dict[str, float] = {}
    bias = 0.0
    for r in _tsv(name):
        if r[0] == "":
            bias = float(r[1])
        else:
            weights[r[0]] = float(r[1])
    return weights, bias


@cache
def _classifier(name: str) -> _Classifier:
    return _Classifier(*_weights(name))


def _logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _tsv(name: str) -> list[list[str]]:
    return list(tsv_rows(resource_path(f"zwnj/{name}")))


@dataclass(frozen=True)
class ZwnjModel:
    """Lexicon + rules; ``resolve`` restores one word, ``join`` decides on two written apart."""

    forms: dict[str, tuple[str, float, float]]
    plain: dict[str, float]
    adjectives: frozenset[str]
    pairs: dict[tuple[str, str], tuple[int, int, int]]
    verb_forms: frozenset[str]
    present_stems: frozenset[str]
    heads: dict[str, tuple[int, int]]
    tails: dict[str, tuple[int, int]]
    join_right: frozenset[str] = frozenset()
    join_left: frozenset[str] = frozenset()
    pair_rights: frozenset[str] = frozenset()
    pair_lefts: frozenset[str] = frozenset()
    broken_tails: frozenset[str] = PLURAL_SET | CLITIC_SET
    joining_pairs: frozenset[tuple[str, str]] = frozenset()
    loose_pairs: frozenset[tuple[str, str]] = frozenset()
    joining_heads: frozenset[str] = frozenset()
    _pair_memo: dict[tuple[str, str], bool] = field(default_factory=dict)
    compound_rights: frozenset[str] = frozenset()
    compound_lefts: frozenset[str] = frozenset()

    @classmethod
    def load(cls) -> ZwnjModel:
        """The model of the packaged files, from the parse cache when it holds them (see
        :func:`parse_cache`): parsing the 230k rows is most of a cold start's time."""
        cached = parse_cache()
        if cached is not None:
            try:
                return cls(**marshal.loads(cached.read_bytes()))
            except (OSError, EOFError, ValueError, TypeError):
                pass  # absent, truncated, or from another build: parse again
        fields = cls.parse()
        if cached is not None:
            try:  # written whole, then renamed: a reader never sees half a file
                cached.parent.mkdir(parents=True, exist_ok=True)
                tmp = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
                tmp.write_bytes(marshal.dumps(fields))
                os.replace(tmp, cached)
                # parses of other versions: keep the newest few (two installs may share the folder)
                older = sorted(cached.parent.glob("zwnj-*.marshal"), key=lambda p: p.stat().st_mtime)
                for stale in older[:-_CACHE_KEEP]:
                    stale.unlink(missing_ok=True)
            except OSError:
                pass  # a read-only home: no cache, same model
        return cls(**fields)

    @staticmethod
    def parse() -> dict:
        """The constructor's fields, parsed from the packaged TSV files."""
        forms = {r[0]: (r[1], float(r[2]), float(r[3])) for r in _tsv("forms.tsv")}
        plain: dict[str, float] = {}
        adjectives = set()
        for r in _tsv("plain.tsv"):
            plain[r[0]] = float(r[1])
            if r[2] == "A":
                adjectives.add(r[0])
        pairs = {(r[0], r[1]): (int(r[2]), int(r[3]), int(r[4])) for r in _tsv("pairs.tsv")}
        verb_forms: set[str] = set()
        present: set[str] = set()
        for r in _tsv("verbs.tsv"):
            past, pres = r[0], r[1] if len(r) > 1 else ""
            if past:
                verb_forms.update(past + e for e in PAST_ENDINGS)
            if pres:
                present.add(pres)
                verb_forms.update(pres + e for e in PRESENT_ENDINGS)
                if pres[-1] in "اوآ":
                    verb_forms.update(pres + "ی" + e for e in PRESENT_ENDINGS)
        heads: dict[str, tuple[int, int]] = {}
        tails: dict[str, tuple[int, int]] = {}
        part_heads: set[str] = set()
        zwnj_tokens: dict[str, int] = {}
        for r in _tsv("parts.tsv"):
            (heads if r[0] == "head" else tails)[r[1]] = (int(r[2]), int(r[3]))
            if r[0] == "head" and len(r) > 5 and _part_joins(int(r[4]), int(r[5])):
                part_heads.add(r[1])
                zwnj_tokens[r[1]] = int(r[4])
        # heads only (a word before a space, «رقابت», is no part), and only an agent noun of a verb
        # («کننده», «دهندگان») or a part seen less often as a word of its own than half its count
        # after a ZWNJ («آباد», «الله»; not «دستی», «طور», which are words)
        part_heads = {
            h
            for h in part_heads - AFFIXES - DERIVATIONAL - FUNCTION_WORDS - verb_forms - present
            if _agent_noun(h, present) or _seen(h, forms, plain) < 2 * zwnj_tokens[h]
        }
        # cheap pre-tests for join(): the right words that can attach, the left words that can take one
        join_right = PLURAL_SET | COMPARATIVE_SET | CLITIC_SET | part_heads
        join_left = MI | {BI}
        return {
            "forms": forms,
            "plain": plain,
            "adjectives": frozenset(adjectives),
            "pairs": pairs,
            "verb_forms": frozenset(verb_forms),
            "present_stems": frozenset(present),
            "heads": heads,
            "tails": tails,
            "join_right": frozenset(join_right),
            "join_left": frozenset(join_left),
            "joining_heads": frozenset(part_heads),
        }

    # The classifiers load on first use: a text that writes its ZWNJs seldom needs them.
    @property
    def gap_weights(self) -> dict[str, float]:
        """Feature weights of the gap classifier (``gaps.tsv``)."""
        return _classifier("gaps.tsv").weights

    @property
    def pair_weights(self) -> dict[str, float]:
        """Feature weights of the pair classifier (``joins.tsv``)."""
        return _classifier("joins.tsv").weights

    def __post_init__(self) -> None:
        # the pairs that join on their counts alone, and their sides, for the fast pre-test
        joining = frozenset(p for p in self.pairs if self._pair_joins(*p, *JOIN_STRICT))
        loose = frozenset(p for p in self.pairs if self._pair_joins(*p, *JOIN_LOOSE)) - joining
        # the parts ever written before / after a ZWNJ («ستم», «دیدگان»): the only pairs the pair
        # classifier is asked about, which keeps it off most spaces
        rights = frozenset(b for _a, b in self.pairs) | frozenset(self.heads)
        lefts = frozenset(a for a, _b in self.pairs) | frozenset(self.tails)
        object.__setattr__(self, "compound_rights", rights)
        object.__setattr__(self, "compound_lefts", lefts)
        object.__setattr__(self, "joining_pairs", joining)
        object.__setattr__(self, "loose_pairs", loose)
        object.__setattr__(self, "pair_rights", frozenset(b for _a, b in joining | loose))
        object.__setattr__(self, "pair_lefts", frozenset(a for a, _b in joining | loose))

    def _pair_joins(self, left: str, right: str, ratio: float, listed_weight: int, minimum: int) -> bool:
        if left in FUNCTION_WORDS or right in FUNCTION_WORDS:
            return False
        joined, apart, listed = self.pairs[left, right]
        score = joined + listed_weight * listed
        return score >= minimum and score > ratio * apart

    # -- one word ---------------------------------------------------------------------
    def known(self, word: str) -> str | None:
        """The usual spelling of a word the lexicon knows, else None."""
        f = self.forms.get(word)
        if f is not None:
            return f[0] if f[1] >= f[2] else word
        return word if word in self.plain else None

    def rules(self, word: str) -> str | None:
        """The spelling the affix rules give an unseen ``word`` (no ZWNJ in it), or None."""
        r = self.rule(word)
        return r[0] if r else None

    def rule(self, word: str, prefer: str | None = None) -> tuple[str, str] | None:
        """``(spelling, kind of rule)`` from the affix rules for ``word``, or None.

        When two analyses compete («کردهای» = «کرده» + «ای» or «کرد» + «های») the one whose
        base is the more frequent word wins.
        """
        m = VERB_PREFIX.match(word)
        if m and m.group(3) in self.verb_forms:
            return (m.group(1) or "") + m.group(2) + ZWNJ + m.group(3), "verb"
        if word in self.verb_forms:  # «گریاند», «نشاندیم»: a conjugated verb, not «گری» + «اند»
            return None
        n = len(word)
        best: tuple[float, str, str] | None = None
        cands = []
        for suffixes, kind in ((PLURAL, "plural"), (COMPARATIVE, "comparative"), (CLITIC, "clitic")):
            for suf in suffixes:
                if not word.endswith(suf) or n - len(suf) < 2:
                    continue
                base = word[: n - len(suf)]
                if kind == "comparative":
                    # «ترین» is a suffix after any known word («اقتصادیترین»); «تر» only after an
                    # adjective («بستر» is no «بس» + «تر»)
                    kb = base if base in self.adjectives or (suf == "ترین" and base in self.plain) else None
                elif kind == "clitic" and (not _clitic_host(base, suf) or base in PLURAL_SET):
                    kb = None
                elif kind == "clitic" and self.is_participle(base):
                    kb = base
                else:
                    kb = self.known(base)
                    if kb is None and kind == "plural" and len(base) >= 5:
                        c = self.compound(base)  # «حشرهکشها»: the plural of an unseen compound
                        kb = c[0] if c is not None else None
                        if kb is not None:
                            cands.append((BASE_MIN_COUNT, _glue(kb, suf), kind))
                        break
                if kb is not None:
                    # a listed word counts as seen, except as the host of a clitic after «ی»
                    # («التی» + «ام» is «التیام»)
                    listed = kb is base and not (kind == "clitic" and base[-1] == "ی")
                    weight = max(self.count(base), BASE_MIN_COUNT if listed else 0.0)
                    if weight >= BASE_MIN_COUNT:
                        cands.append((weight, _glue(kb, suf), kind))
                break
        if cands:
            best = max(cands)
            for c in cands:
                if c[1] == prefer and c[0] >= PREFER_RATIO * best[0]:
                    return c[1], c[2]
            return best[1], best[2]
        if m and _verb_like(m.group(3)) and not self._noun_like(word):
            return (m.group(1) or "") + m.group(2) + ZWNJ + m.group(3), "verb_guess"
        p = PREVERB.match(word)
        if p is not None and p.group(1) != "ن" and p.group(2) in self.verb_forms:
            return None  # a preverb is glued to its verb: «بازشمرده», «برگرفته»
        return self.compound(word)

    def _noun_like(self, word: str) -> bool:
        """Is ``word`` («میرزای», «میرزاجواد») better read as a known word starting with «می» plus
        an ezafe «ی» or another word than as a guessed «می» + verb?"""
        if word[-1] == "ی" and self.count(word[:-1]) >= PLAIN_MIN:
            return True
        return any(
            self.plain.get(word[:i], 0.0) >= PLAIN_MIN and self.count(word[i:]) >= PLAIN_MIN
            for i in range(5, len(word) - 1)
        )

    def is_verb(self, word: str) -> bool:
        """«گریاند», «بازشمرده», «برگرفته»: a conjugated verb form, maybe after a preverb."""
        if word in self.verb_forms:
            return True
        p = PREVERB.match(word)
        return p is not None and p.group(1) != "ن" and p.group(2) in self.verb_forms

    def is_participle(self, word: str) -> bool:
        """«رفته», «نبوده», «فروریخته»: a past participle, maybe negated or with a preverb."""
        if not word.endswith("ه"):
            return False
        if word in self.verb_forms:
            return True
        p = PREVERB.match(word)
        return p is not None and p.group(2) in self.verb_forms

    def count(self, word: str) -> float:
        """How often ``word`` was seen, in any spelling."""
        f = self.forms.get(word)
        return f[1] + f[2] if f is not None else self.plain.get(word, 0.0)

    def compound(self, word: str) -> tuple[str, str] | None:
        """Split an unseen compound at its most productive known part («موضعگیری» → «موضع‌گیری»)."""
        best: tuple[float, int] | None = None
        n = len(word)
        for i in range(2, n - 1):
            if not joins_next(word[:i]):
                continue
            a, b = word[:i], word[i:]
            for part, other, table in ((b, a, self.heads), (a, b, self.tails)):
                stats = table.get(part)
                if (
                    stats is None
                    or len(other) < 3
                    or self.count(other) < COMPOUND_MIN_COUNT
                    or part in AFFIXES
                    or other in AFFIXES
                    or (table is self.heads and part in DERIVATIONAL)
                ):
                    continue
                joined, plain = stats
                ratio = joined / (joined + plain)
                if (
                    joined >= COMPOUND_MIN_TYPES
                    and ratio >= COMPOUND_RATIO
                    and (best is None or ratio > best[0])
                ):
                    best = (ratio, i)
        if best is None:
            return None
        i = best[1]
        left = self.known(word[:i]) or word[:i]
        right = self.known(word[i:]) or word[i:]
        return left + ZWNJ + right, "compound"

    def _refine(self, spelled: str) -> str:
        """Give the last part of a ZWNJ spelling its suffix ZWNJ too: «موضع‌گیریها» → «موضع‌گیری‌ها»."""
        head, _, last = spelled.rpartition(ZWNJ)
        if head and len(last) >= 4 and last not in self.plain and last not in self.forms:
            r = self.rule(last)
            if r is not None and r[1] in ("plural", "comparative", "clitic"):
                return head + ZWNJ + r[0]
        return spelled

    def resolve(self, word: str) -> str:
        """``word`` (letters, no ZWNJ) spelled with the ZWNJs it needs.

        >>> m = model()
        >>> m.resolve("میشود"), m.resolve("بیانیهای"), m.resolve("میز")
        ('می\u200cشود', 'بیانیه\u200cای', 'میز')
        """
        f = self.forms.get(word)
        if f is not None:
            zform, cz, cp = f
            if cz >= cp:
                return self._refine(zform)
            r = self.rule(word, prefer=zform)
            if r is not None and r[0] == zform and cz * RULE_BOOST[r[1]] >= cp:
                return self._refine(zform)
            return word
        pc = self.plain.get(word, 0.0)
        if pc >= PLAIN_MIN:
            return word
        r = self.rule(word)
        if r is None or r[1] == "compound":
            # no affix explains the word: the learned classifier decides (it beats the
            # compound-part rule on both the UD and the held-out news text), except for a verb
            # form, glued to its preverb («بازشمرده»)
            if pc >= PLAIN_MIN_COMPOUND or self.is_verb(word):
                return word
            return self.learned(word)
        if r[1] in ("verb_guess", "comparative") and pc >= PLAIN_MIN_COMPOUND:
            return word
        return self._refine(r[0])

    def gap_probability(self, word: str, i: int) -> float:
        """The classifier's probability that ``word`` (no ZWNJ) needs a ZWNJ before letter ``i``."""
        return _classifier("gaps.tsv").probability(word[:i], word[i:], self.count)

    def learned(self, word: str) -> str:
        """``word`` spelled with the ZWNJs the learned gap classifier puts in it.

        Only after a joining letter, and never leaving a part of one letter; the most probable
        gaps are taken first.

        >>> model().learned("موضعگیری").replace("\u200c", "+")
        'موضع+گیری'
        """
        if not self.gap_weights:
            return word
        scored = sorted(
            (
                (self.gap_probability(word, i), i)
                for i in range(2, len(word) - 1)
                if zwnj_fits(word[:i], word[i:]) and not _glued_pronoun(word[:i], word[i:])
            ),
            reverse=True,
        )
        cuts: list[int] = []
        for p, i in scored:
            if p <= GAP_THRESHOLD:
                break
            if all(abs(i - c) >= 2 for c in cuts):
                cuts.append(i)
        if not cuts:
            return word
        cuts.sort()
        parts = [word[a:b] for a, b in zip([0, *cuts], [*cuts, len(word)], strict=True)]
        return ZWNJ.join(parts)

    def resolve_final(self, word: str) -> str:
        """``resolve`` for a word that ends a clause (before «.», «،», «؛», «!», «؟»).

        «های» is the plural with an ezafe, which needs a word after it, so a clause-final
        «ساختهای» is «ساخته‌ای» (a participle + «ای»), not «ساخت‌های»; and a clause-final
        participle + «ایم/اید» is a perfect verb («دریافته‌ایم», not «دریافت‌هایم»).

        >>> model().resolve_final("ساختهای").replace("\u200c", "+")
        'ساخته+ای'
        """
        new = self.resolve(word)
        for plural, clitic in (("های", "ای"), ("هایم", "ایم"), ("هاید", "اید")):
            if new.endswith(ZWNJ + plural):
                return self._as_clitic(word, new, clitic)
        return new

    def without_ezafe(self, word: str) -> str:
        """``resolve`` for a word followed by one that cannot follow an ezafe («را», «از», «که»):
        «زمینهای از» is «زمینه‌ای از», not «زمین‌های از»."""
        new = self.resolve(word)
        return self._as_clitic(word, new, "ای") if new.endswith(ZWNJ + "های") else new

    def _as_clitic(self, word: str, new: str, clitic: str) -> str:
        """``word`` read as a word in «ه» + ``clitic`` when that reading is sound, else ``new``."""
        base = word[: -len(clitic)]
        seen = self.count(base)
        if (
            base.endswith("ه")
            and _clitic_host(base, clitic)
            and (
                self.is_participle(base)
                or (
                    clitic == "ای"
                    and seen >= BASE_MIN_COUNT
                    and seen >= CLITIC_READING_RATIO * self.count(word[: -len(clitic) - 1])
                )
            )
        ):
            return _glue(self.known(base) or base, clitic)
        return new

    # -- two words written apart -----------------------------------------------------
    def join(self, left: str, right: str) -> int:
        """Should ``left right`` (a space between) be one word with a ZWNJ, as «روش های» → «روش‌های»?

        ``left`` is the last part of the left word (after its last ZWNJ); ``right`` the first
        part of the right word. Returns 0 (no), 1 (yes: an affix such as «ها», «می», «ترین»),
        2 (yes: a compound the counts clearly join) or 3 (a compound to join only in a text
        that writes spaces for ZWNJs).
        """
        if right in PLURAL_SET:  # «ها» is never a word of its own
            return 1
        if left == BI:
            return 2 * (right not in NOT_AFTER_BI and len(right) >= 2)
        if left in MI:
            return int(
                right in self.verb_forms
                or right in self.present_stems
                or (len(right) >= 3 and right.endswith(VERB_ENDINGS))
            )
        if right in COMPARATIVE_SET:
            if left in FUNCTION_WORDS:
                return 0
            return int(
                right != "تر" or left in self.adjectives or left[-1] == "ی" or (left, right) in self.pairs
            )
        if right in CLITIC_SET:
            # written apart, «ای/ام/اند…» after «ه» or «ی» is a clitic («قهوه ای», «سنتی ای»)
            if left[-1] not in "هی" or len(left) < 2 or left in FUNCTION_WORDS:
                return 0
            p = self.pairs.get((left, right))
            return int(p is None or p[0] + p[2] >= p[1])
        if (left, right) in self.joining_pairs:
            return 2
        if (left, right) in self.loose_pairs:
            return 3
        if (
            right in self.joining_heads
            and (left, right) not in self.pairs
            and left not in FUNCTION_WORDS
            and len(left) >= 2
            and self.count(left) >= BASE_MIN_COUNT
        ):
            return 2  # an unseen compound whose head is mostly written after a ZWNJ («کمک کنندگان»)
        return 0

    def pair_probability(self, left: str, right: str) -> float:
        """The pair classifier's probability that ``left right`` is one word with a ZWNJ."""
        return _classifier("joins.tsv").probability(left, right, self.count)

    def learned_join(self, left: str, right: str) -> bool:
        """For a text that writes spaces for its ZWNJs: is ``left right``, which ``join`` leaves
        apart, a compound the learned pair classifier joins («ستم دیدگان» → «ستم‌دیدگان»)?

        Only a pair the counts know too little about (seen fewer than ``PAIR_KNOWN`` times) and
        never a function word, an affix the rules own, or a letter that does not join.
        """
        if right not in self.compound_rights or left not in self.compound_lefts:
            return False  # the cheap test that settles most spaces
        key = (left, right)
        got = self._pair_memo.get(key)
        if got is None:
            p = self.pairs.get(key)
            got = (
                len(left) >= 2
                and len(right) >= 2
                and joins_next(left)
                and left not in FUNCTION_WORDS
                and right not in FUNCTION_WORDS
                and left not in MI
                and left != BI
                and (p is None or p[0] + p[1] < PAIR_KNOWN)
                and bool(self.pair_weights)
                and self.pair_probability(left, right) > PAIR_THRESHOLD
            )
            if len(self._pair_memo) < 500_000:
                self._pair_memo[key] = got
        return got

    def broken(self, left: str, right: str) -> bool:
        """Is ``left right`` a word broken before its «ی», as «همکار یهای» (= همکاری‌های)?"""
        if len(right) < 3 or right[0] != "ی":
            return False
        rest = right[1:]
        if rest not in PLURAL_SET and rest not in CLITIC_SET:
            return False
        whole = left + right
        return whole in self.forms or self.plain.get(whole, 0.0) >= BASE_MIN_COUNT


def _verb_like(rest: str) -> bool:
    """Could ``rest`` (what follows «می») be a verb whose stem hazm does not list («جوشیدند»)?

    A conjugation ending after a stem of at least two letters.
    """
    if len(rest) < 3:
        return False
    for e in sorted(VERB_ENDINGS, key=len, reverse=True):
        if rest.endswith(e):
            return len(rest) - len(e) >= 2
    return False


def _seen(word: str, forms: dict[str, tuple[str, float, float]], plain: dict[str, float]) -> float:
    f = forms.get(word)
    return f[1] + f[2] if f is not None else plain.get(word, 0.0)


AGENT_ENDINGS = ("ندگان", "ندگی", "نده")


def _agent_noun(word: str, present_stems: set[str]) -> bool:
    """«کننده», «دهندگان», «گیرندگی»: a present stem + «نده/ندگان/ندگی», never a word on its own."""
    return any(word.endswith(e) and word[: -len(e)] in present_stems for e in AGENT_ENDINGS)


def _part_joins(zwnj_tokens: int, apart_tokens: int) -> bool:
    """Is a compound part («سازی», «گذاری») written with a ZWNJ rather than a space in running text?"""
    return zwnj_tokens >= PART_MIN_TOKENS and zwnj_tokens >= PART_RATIO * (zwnj_tokens + apart_tokens)


def _clitic_host(base: str, clitic: str) -> bool:
    """Can ``clitic`` («ام/ای/اند…») be written after ``base`` with a ZWNJ?

    After a silent «ه» («خانه‌ای»), and after «ی» for the personal endings («زندگی‌اش»,
    «ایرانی‌اند») but not «ای»/«ات», which after «ی» are mostly «اشیای», «ادبیات», nor the plural
    pronouns «شان/مان/تان», which well-kept text mostly glues to a final «ی» («زندگیشان»).
    """
    if len(base) < 3:
        return False
    last = base[-1]
    if last == "ی":
        return clitic not in ("ای", "ایی", "ات", "شان", "مان", "تان")
    return last == "ه" and base[-2] not in "اوآ"


def _glued_pronoun(left: str, right: str) -> bool:
    """Is ``right`` the plural pronoun «شان/مان/تان» glued to a host ending in a consonant?

    Well-kept text glues them there («مخاطبانمان», «اعتراضشان»: never a ZWNJ in the UD text, 45
    times in the Fars News text against «کشورمان» alone 85 times), so the gap classifier, which
    learned «‌شان» from the hosts where a ZWNJ is usual, must not cut there. After a silent «ه»
    («خانه‌شان») a ZWNJ is the rule, and after «ی» writers split («زندگی‌شان», «ناراحتیشان»):
    the classifier decides those.
    """
    return right in ("شان", "مان", "تان") and left[-1] not in "هی"


def _glue(base: str, suffix: str) -> str:
    return base + ZWNJ + suffix if joins_next(base) else base + suffix


_CACHED_FILES = ("forms.tsv", "plain.tsv", "pairs.tsv", "verbs.tsv", "parts.tsv")
_CACHE_KEEP = 3


def parse_cache() -> Path | None:
    """Where the parsed lexicon is kept between runs, or None for no cache.

    ``ROKHDAD_CACHE_DIR`` names the folder (``off`` for none); by default
    ``$XDG_CACHE_HOME/rokhdad`` or ``~/.cache/rokhdad``. The file's name is a hash of the TSV files,
    of this package's code (which derives sets from them) and of the Python version (marshal's
    format), so a new release or an edited resource never reads an old parse.
    """
    folder = os.environ.get("ROKHDAD_CACHE_DIR", "")
    if folder.lower() == "off":
        return None
    if not folder:
        try:
            folder = os.path.join(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache", "rokhdad")
        except (RuntimeError, KeyError):  # no home directory to be found
            return None
    h = hashlib.sha256(f"{sys.version_info[:2]}/{marshal.version}".encode())
    for name in _CACHED_FILES:
        h.update(resource_path(f"zwnj/{name}").read_bytes())
    for path in [*sorted(Path(__file__).parent.glob("*.py")), resource_path("__init__.py")]:
        h.update(path.read_bytes())  # the parsing code too (tsv_rows lives with the resources)
    return Path(folder) / f"zwnj-{h.hexdigest()[:16]}.marshal"


@lru_cache(maxsize=1)
def model() -> ZwnjModel:
    """The packaged model (loaded once)."""
    return ZwnjModel.load()
