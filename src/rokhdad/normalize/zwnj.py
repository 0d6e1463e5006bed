"""ZWNJ sub-steps: remove wrong ZWNJs, restore missing ones, repair spaces and broken words.

    >>> restore_zwnj("این موضعگیریها نشاندهنده پیوند است")[0]
    'این موضع\u200cگیری\u200cها نشان\u200cدهنده پیوند است'
    >>> repair_spaces("می شود و روش های")[0]
    'می\u200cشود و روش\u200cهای'
    >>> repair_broken_words("همکار یهای دوجانبه")[0]
    'همکاری\u200cهای دوجانبه'
    >>> remove_wrong_zwnj("غذا\u200cها \u200cو")[0]
    'غذاها و'

The three repairs run in one pass over the words (``zwnj_pass``); each can be switched off.
Only the single space between two words and the inside of words are ever changed.
"""

from __future__ import annotations

import re

from rokhdad.normalize.chars import JOINING_CLASS, LETTER_CLASS, ZWNJ, joins_next, zwnj_fits
from rokhdad.normalize.model import COMPARATIVE_SET, PLURAL_SET, ZwnjModel, model
from rokhdad.normalize.offsets import Edit, apply_edits

_WORD = re.compile(f"[{LETTER_CLASS}\u200c]+")
_MEMO_MAX = 500_000
HAMZA = "\u0654"
PLURAL_EZAFE = ZWNJ + "های"
CLAUSE_END = frozenset(".،؛!؟?:\n\r")
"""After these (and at the end of the text) a clause is over: no ezafe can hang there."""
NO_EZAFE_AFTER = frozenset("را که و یا از به با در برای تا است هم نیز اما".split())
"""Words that cannot follow an ezafe: before them «زمینهای» is «زمینه‌ای», not «زمین‌های»."""
JOIN_NO_ZWNJ = PLURAL_SET | COMPARATIVE_SET
"""After a non-joining letter a space before these is simply removed («کشور ها» → «کشورها»)."""


_BAD_ZWNJ = re.compile(
    "(?=[\u200c\u0654])(?:"  # a cheap gate: the regex engine tries the branches only here
    f"(?<![{JOINING_CLASS}\u0654])\u200c++"  # after a space, a mark or a non-joining letter
    f"|(?<![{JOINING_CLASS}])\u0654\u200c++"  # after a hamza above that rides on no joining letter
    f"|\u200c++(?![{LETTER_CLASS}]|\u0654)"  # before anything but a letter
    f"|\u200c++(?=\u0654)"
    "|\u200c\u200c++)"  # doubled
)


def remove_wrong_zwnj(text: str) -> tuple[str, list[Edit]]:
    """Drop ZWNJs after non-joining letters, at word edges and doubled ones.

    «غذا‌ها» → «غذاها», «‌و» → «و», «می‌‌شود» → «می‌شود».
    """
    if ZWNJ not in text:
        return text, []
    repl = []
    for m in _BAD_ZWNJ.finditer(text):
        e = m.end()
        s = e - len(m.group().lstrip("\u0654"))
        if zwnj_fits(text[max(0, s - 2) : s], text[e : e + 1]):
            repl.append((s + 1, e, ""))  # a doubled ZWNJ in the right place: keep one
        else:
            repl.append((s, e, ""))
    if not repl:
        return text, []
    return apply_edits(text, repl)


def _insertions(word: str, new: str) -> tuple[int, ...]:
    """Offsets in ``word`` where ``new`` (``word`` plus ZWNJs) has a ZWNJ inserted."""
    out = []
    i = 0
    for ch in new:
        if ch == ZWNJ and (i >= len(word) or word[i] != ZWNJ):
            out.append(i)
        else:
            i += 1
    return tuple(out)


# What the pass needs to know about one space-separated chunk («میشود،»): its length + 1, the
# ZWNJ insertions that restore its words, the first part of its first word and the last part of
# its last word ("" when the chunk does not start/end with a letter), how its first word can
# attach to the word before (right flag: 2 always a candidate, 1 maybe, -9 never), how its last
# word can take the next one (left flag: 2 «می», 1 maybe, 0 no, -9 never), whether it may be the
# broken tail of the word before («یهای»), and 1 when it shows a glued or ZWNJ-holding word.
_Chunk = tuple[int, tuple[int, ...], str, str, int, int, bool, int, tuple[int, ...] | None]
_MEMOS: dict[tuple[int, bool, bool, bool], dict[str, _Chunk]] = {}
_NEVER = -9


def _chunk_info(
    chunk: str, m: ZwnjModel, restore: bool, spaces: bool, broken: bool, words: dict[str, str]
) -> _Chunk:
    ins: list[int] = []
    first = last = ""
    first_plain = False
    alt: tuple[int, ...] | None = None
    n = len(chunk)
    for mt in _WORD.finditer(chunk):
        w = mt.group()
        s, e = mt.span()
        # an ezafe hamza («نامهٔ») is no part of the word's spelling: resolve the word without it
        hamza = w.endswith(HAMZA)
        if hamza:
            w = w[:-1]
        if restore and ZWNJ not in w:
            if e < n and chunk[e] in CLAUSE_END:
                new = m.resolve_final(w)  # «های» cannot end a clause (the chunk memo covers it)
            else:
                new = words.get(w)
                if new is None:
                    new = words[w] = m.resolve(w)
            if e == n and new.endswith(PLURAL_EZAFE):
                # the reading to take if the next word cannot follow an ezafe («زمینهای از»)
                other = m.without_ezafe(w)
                if other != new:
                    alt = (*ins, *(s + i for i in _insertions(w, other)))
            if new != w:
                ins.extend(s + i for i in _insertions(w, new))
                w = new
        if s == 0:
            first = w.split(ZWNJ, 1)[0]
            first_plain = ZWNJ not in mt.group()
        if e == n:
            # after an ezafe («واژهٔ نامه») the word is complete: nothing attaches to it
            last = "" if hamza else w.rsplit(ZWNJ, 1)[-1]
    if not spaces or not first:
        rflag = _NEVER
    else:
        rflag = 2 if first in m.join_right else 1 if first in m.pair_rights else 0
    lflag = _NEVER if not last else 2 if last in m.join_left else 1 if last in m.pair_lefts else 0
    maybe_broken = (
        broken and first_plain and len(first) >= 3 and first[0] == "ی" and first[1:] in m.broken_tails
    )
    g = int(bool(ins) or ZWNJ in chunk)
    return n + 1, tuple(ins), first, last, rflag, lflag, maybe_broken, g, alt


def zwnj_pass(
    text: str,
    *,
    restore: bool = True,
    spaces: bool = True,
    broken: bool = True,
    compounds: bool = True,
    m: ZwnjModel | None = None,
) -> tuple[str, list[Edit]]:
    """One pass over the space-separated chunks of ``text`` doing the enabled ZWNJ repairs.

    - ``restore``: a word written without its ZWNJs gets them («میشود» → «می‌شود»);
    - ``spaces``: a space that stands for a ZWNJ becomes one («روش های» → «روش‌های»);
    - ``broken``: a word split before its «ی» is rejoined («همکار یهای» → «همکاری‌های»).

    Words that already hold a ZWNJ are trusted and left as they are. Chunks are memoized, so
    the cost per chunk is a dictionary look-up once a text has been going for a while.
    ``compounds=False`` (for a text whose writer drops or types ZWNJs, see
    :func:`rokhdad.normalize.normalize`) leaves the spaces between two parts of a compound as they
    are («رئیس جمهوری»), the pair classifier's joins included: such a writer typed that space.
    Affixes written apart («می شود», «روش های») are still joined.
    Compounds whose counts join them only weakly («loose» pairs) are joined only when the text
    shows that its writer puts spaces for ZWNJs: at least as many spaced affixes («می شود»)
    as words with a ZWNJ or glued affixes («میشود»). When such a text does not have its words
    restored (its writer's convention is ``kept`` or ``spaced``) and has more spaced affixes than
    ZWNJ words, the other spaces between two words whose pair the lexicon hardly knows go to the
    learned pair classifier («ستم دیدگان» → «ستم‌دیدگان», ``ZwnjModel.learned_join``).
    """
    if not (restore or spaces or broken):
        return text, []
    m = m or model()
    key = (id(m), restore, spaces, broken)
    memo = _MEMOS.get(key)
    if memo is None or len(memo) > _MEMO_MAX:
        memo = _MEMOS[key] = {}
    words = _WORDS.setdefault(id(m), {})
    if len(words) > _MEMO_MAX:
        words.clear()
    get = memo.get
    join = m.join
    repl: list[tuple[int, int, str]] = []
    pending: list[tuple[int, int, str]] = []  # loose compound joins, for a text that spaces its ZWNJs
    spaced = glued = 0
    pos = 0
    prev_last = ""
    prev_l = _NEVER
    prev_alt: tuple[int, ...] | None = None
    prev_ins = 0
    prev_pos = 0
    for chunk in text.split(" "):
        info = get(chunk)
        if info is None:
            info = memo[chunk] = _chunk_info(chunk, m, restore, spaces, broken, words)
        ln, ins, first, last, rflag, lflag, maybe_broken, g, alt = info
        if prev_alt is not None:
            if first in NO_EZAFE_AFTER:
                # the chunk before ends in «های» and this word cannot follow an ezafe: «زمینه‌ای از»
                if prev_ins:
                    del repl[-prev_ins:]
                repl.extend((prev_pos + i, prev_pos + i, ZWNJ) for i in prev_alt)
            prev_alt = None
        if rflag + prev_l >= 2:
            kind = join(prev_last, first)
            if kind and (compounds or kind == 1):
                if joins_next(prev_last):
                    if kind == 3:
                        pending.append((pos - 1, pos, ZWNJ))
                    else:
                        repl.append((pos - 1, pos, ZWNJ))
                        spaced += kind == 1
                elif first in JOIN_NO_ZWNJ:
                    repl.append((pos - 1, pos, ""))
                    spaced += 1
        elif maybe_broken and prev_l >= 0 and m.broken(prev_last, first):
            # «همکار یهای»: the space and the «ی» swap, and a ZWNJ follows the «ی»
            repl.append((pos - 1, pos + 1, "ی" + ZWNJ))
            repl.extend((pos + i, pos + i, ZWNJ) for i in ins if i > 1)
            prev_last = first[1:] if last == first else last
            prev_l = lflag
            pos += ln
            continue
        if ins:
            for i in ins:
                repl.append((pos + i, pos + i, ZWNJ))
        if alt is not None:
            prev_alt, prev_ins, prev_pos = alt, len(ins), pos
        glued += g
        prev_last = last
        prev_l = lflag
        pos += ln
    if prev_alt is not None:  # the text ends in «های»: no ezafe can hang there
        if prev_ins:
            del repl[-prev_ins:]
        repl.extend((prev_pos + i, prev_pos + i, ZWNJ) for i in prev_alt)
    if pending and spaced >= glued:
        repl.extend(pending)
        repl.sort()
    if spaces and compounds and not restore and spaced > glued:
        # a text whose spaced affixes outnumber its ZWNJ words: its other spaces may stand for
        # ZWNJs too; the pair classifier judges the pairs the counts know too little about
        learned = _learned_joins(text, {e[0] for e in repl}, memo, m, restore, spaces, broken, words)
        if learned:
            repl.extend(learned)
            repl.sort()
    if not repl:
        return text, []
    return apply_edits(text, repl)


_WORDS: dict[int, dict[str, str]] = {}


def _learned_joins(
    text: str,
    edited: set[int],
    memo: dict[str, _Chunk],
    m: ZwnjModel,
    restore: bool,
    spaces: bool,
    broken: bool,
    words: dict[str, str],
) -> list[tuple[int, int, str]]:
    """The spaces of ``text`` that no other repair touched (``edited``: where the edits start)
    and that the pair classifier turns into ZWNJs. A second walk over the chunks, made only for
    a text that spaces its ZWNJs, so that other texts pay nothing for it."""
    out = []
    pos = 0
    prev_last = ""
    prev_l = _NEVER
    # learned_join's own first test, inlined: it settles most spaces without a method call
    rights, lefts = m.compound_rights, m.compound_lefts
    for chunk in text.split(" "):
        info = memo.get(chunk) or _chunk_info(chunk, m, restore, spaces, broken, words)
        ln, _ins, first, last, rflag, lflag = info[:6]
        if (
            rflag >= 0
            and prev_l >= 0
            and first in rights
            and prev_last in lefts
            and pos - 1 not in edited
            and m.learned_join(prev_last, first)
        ):
            out.append((pos - 1, pos, ZWNJ))
        prev_last, prev_l = last, lflag
        pos += ln
    return out


def restore_zwnj(text: str) -> tuple[str, list[Edit]]:
    """Put back the ZWNJs a word was written without: «نشاندهنده» → «نشان‌دهنده»."""
    return zwnj_pass(text, restore=True, spaces=False, broken=False)


def repair_spaces(text: str) -> tuple[str, list[Edit]]:
    """Turn a space that stands for a ZWNJ into one: «می شود» → «می‌شود», «روش های» → «روش‌های»."""
    return zwnj_pass(text, restore=False, spaces=True, broken=False)


def repair_broken_words(text: str) -> tuple[str, list[Edit]]:
    """Rejoin a word broken before its «ی»: «همکار یهای» → «همکاری‌های»."""
    return zwnj_pass(text, restore=False, spaces=False, broken=True)
