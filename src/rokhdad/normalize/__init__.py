"""Persian normalization that restores ZWNJs and keeps offsets back to the original text.

``normalize(text)`` returns a :class:`NormalizedText`: the normalized string and a sparse
map such that any span of it maps back to the exact span of the original.

    >>> nt = normalize("كشور ما میشود")
    >>> nt.text
    'کشور ما می\u200cشود'
    >>> nt.to_original(8, 13)
    (8, 12)

Sub-steps, in order (each a named function in its own module, each switchable with
``steps={"name": False}``; all are on by default except the two digit conversions):

========================  ==========================================================
``unicode``               controls, bidi marks, odd spaces, presentation forms
``letters``               Arabic «ي ى ك» → Persian «ی ی ک» (``ة``/``ۀ`` kept)
``digits_persian``        digits → Persian (off by default: digits are kept)
``digits_ascii``          digits → ASCII (off by default; wins over ``digits_persian``)
``diacritics``            vowel marks and tatweel removed
``wrong_zwnj``            ZWNJs after non-joining letters, at word edges, doubled
``punctuation``           spaces around «، ؛ ؟ « »» and friends
``spaces``                runs of spaces → one space
``broken_words``          «همکار یهای» → «همکاری‌های»
``space_zwnj``            «می شود» → «می‌شود», «روش های» → «روش‌های»
``zwnj``                  «میشود» → «می‌شود», «نشاندهنده» → «نشان‌دهنده»
========================  ==========================================================

URLs, e-mail addresses, ISO dates and times, decimal numbers and Latin words are protected
(``protect``) before any rewriting. Line breaks never change.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from rokhdad.normalize.chars import JOINING_CLASS, LETTER_CLASS
from rokhdad.normalize.diacritics import remove_diacritics
from rokhdad.normalize.digits import digits_ascii, digits_persian
from rokhdad.normalize.letters import persian_letters
from rokhdad.normalize.offsets import Edit, NormalizedText, compose
from rokhdad.normalize.protect import protected_spans
from rokhdad.normalize.punctuation import space_punctuation
from rokhdad.normalize.spaces import collapse_spaces
from rokhdad.normalize.style import STYLES, glued_on_purpose, near_threshold, site_counts, style_of_counts
from rokhdad.normalize.unicode import clean_unicode
from rokhdad.normalize.zwnj import remove_wrong_zwnj, zwnj_pass

__all__ = [
    "DEFAULT_STEPS",
    "STEPS",
    "STYLES",
    "NormalizedText",
    "judge_zwnj_style",
    "normalize",
    "resolve_steps",
]

Step = Callable[[str], tuple[str, list[Edit]]]

STEPS: dict[str, Step | None] = {
    "protect": None,  # not a rewrite: switches the protection of URLs, numbers, Latin words
    "unicode": clean_unicode,
    "letters": persian_letters,
    "digits_persian": digits_persian,
    "digits_ascii": digits_ascii,
    "diacritics": remove_diacritics,
    "wrong_zwnj": remove_wrong_zwnj,
    "punctuation": space_punctuation,
    "spaces": collapse_spaces,
    "broken_words": None,  # the last three run fused in one pass (zwnj.zwnj_pass)
    "space_zwnj": None,
    "zwnj": None,
}
"""Every sub-step by name, in the order they run."""

DEFAULT_STEPS: dict[str, bool] = {name: name not in ("digits_persian", "digits_ascii") for name in STEPS}


def resolve_steps(steps: Mapping[str, bool] | None = None) -> dict[str, bool]:
    """Default switches updated with ``steps``; an unknown name raises ``ValueError``."""
    out = dict(DEFAULT_STEPS)
    if steps:
        unknown = set(steps) - set(STEPS)
        if unknown:
            raise ValueError(
                f"unknown normalization step(s): {', '.join(sorted(unknown))}; known: {', '.join(STEPS)}"
            )
        out.update({k: bool(v) for k, v in steps.items()})
    if out["digits_ascii"]:
        out["digits_persian"] = False
    return out


def _pipeline(on: dict[str, bool], compounds: bool) -> Callable[[str], tuple[str, list[Edit]]]:
    fns = [fn for name, fn in STEPS.items() if fn is not None and on[name]]
    flags = {
        "restore": on["zwnj"],
        "spaces": on["space_zwnj"],
        "broken": on["broken_words"],
        "compounds": compounds,
    }
    if flags["restore"] or flags["spaces"] or flags["broken"]:

        def zw(t: str) -> tuple[str, list[Edit]]:
            new, edits = zwnj_pass(t, **flags)
            # A join makes a new word («رارا های» → «راراهای», «ایران یهای» → «ایرانی‌های») that
            # the word before it was judged against in its old, shorter form («می راراهای»):
            # judge again, so that normalizing the output changes nothing.
            # Cheap test first: the few words around each join alone, in the output.
            for a, b, c, d in edits:
                if b > a and (t[a] == " " or b - a == 2):
                    lo = new.rfind(" ", 0, max(0, new.rfind(" ", 0, c)))
                    hi = new.find(" ", d + 1)
                    window = new[lo + 1 : hi if hi >= 0 else len(new)]
                    if zwnj_pass(window, **flags)[1]:
                        again, more = zwnj_pass(new, **flags)
                        return (again, compose(edits, more)) if more else (new, edits)
            return new, edits

        fns.append(zw)

    def run(text: str) -> tuple[str, list[Edit]]:
        edits: list[Edit] = []
        for fn in fns:
            text, e = fn(text)
            if e:
                edits = compose(edits, e)
        return text, edits

    return run


_PIPELINES: dict[tuple[bool, ...], Callable[[str], tuple[str, list[Edit]]]] = {}


def normalize(text: str, steps: Mapping[str, bool] | None = None, zwnj_style: str = "auto") -> NormalizedText:
    """Normalize Persian ``text``; ``steps`` switches sub-steps on or off by name (see ``STEPS``).

    ``zwnj_style`` is the writer's ZWNJ convention (:mod:`rokhdad.normalize.style`): ``"auto"``
    judges it on ``text``; in a ``"spaced"`` or ``"kept"`` text («می شود», «می‌شود») the spaces
    are repaired but no ZWNJ is put inside a word, which such a writer glues on purpose («کتابها»).

    >>> normalize("همکار یهای دوجانبه").text
    'همکاری\u200cهای دوجانبه'
    >>> normalize("روش های 3.5 درصدی", {"space_zwnj": False}).text
    'روش های 3.5 درصدی'
    """
    on = resolve_steps(steps)
    if not text:
        return NormalizedText(text, text)
    if zwnj_style != "auto" and zwnj_style not in STYLES:
        raise ValueError(f"unknown ZWNJ style {zwnj_style!r}; known: {', '.join(STYLES)}")
    nt, repair = _normalize_once(text, on, zwnj_style)
    if repair is None or not repair.judged or repair.maximal:
        return nt
    if repair.restore:
        # a dropped or unknown text: a second pass can only add compound joins, and not to an
        # output with a ZWNJ (nearly every output where anything was restored)
        if _JOINING_ZWNJ.search(nt.text):
            return nt
    elif not near_threshold(repair.counts):
        return nt
    # A repair can move the output's site counts across a threshold of the style judgement
    # («می ترین» chains), so that normalizing the output again would repair more: judge the
    # output as a second call would and, while that enables more, repair with its style.
    for _ in range(_MAX_ROUNDS):
        counts = site_counts(nt.text)
        again = _Repair.of(style_of_counts(counts), nt.text, counts, judged=True)
        if not again.enables_more_than(repair):
            break
        nt2, repair = _normalize_once(nt.text, on, again.style)
        if nt2.text == nt.text:
            break
        nt = NormalizedText(text, nt2.text, tuple(compose(nt.edits, nt2.edits)))
    return nt


_MAX_ROUNDS = 3


@dataclass(frozen=True)
class _Repair:
    """What the ZWNJ repair of one text did: the style it used (judged or given), whether it
    restored ZWNJs inside words and joined compound spaces, and the site counts it judged on."""

    style: str
    restore: bool
    compounds: bool
    counts: dict[str, int]
    judged: bool

    @classmethod
    def of(cls, style: str, cur: str, counts: dict[str, int], judged: bool) -> _Repair:
        # The space inside a compound («رئیس جمهوری») stands for a ZWNJ only in a text without a
        # single ZWNJ whose writer types spaces for ZWNJs or cannot be judged; one who drops or
        # types ZWNJs typed that space. A repaired text has ZWNJs, so normalizing it again adds
        # no compound join, whatever its style is judged then: idempotent.
        compounds = style in ("spaced", "unknown") and not _JOINING_ZWNJ.search(cur)
        return cls(style, not glued_on_purpose(style), compounds, counts, judged)

    @property
    def maximal(self) -> bool:
        """Everything on: no style of the output can make a second pass repair more."""
        return self.restore and self.compounds

    def enables_more_than(self, other: _Repair) -> bool:
        return (self.restore and not other.restore) or (self.compounds and not other.compounds)


def _normalize_once(text: str, on: dict[str, bool], zwnj_style: str) -> tuple[NormalizedText, _Repair | None]:
    # The sub-steps that delete characters (invisible controls, marks and tatweel, stray ZWNJs)
    # go first, over the whole text. The writer's ZWNJ style is judged on what is left, as the
    # ZWNJ repair sees it: a ZWJ before «می» that the clean-up takes away must not count as a
    # site, or the output would be judged another way and normalized again differently. And the
    # protected spans are found on it: «٣.ـ٣» must be the number «٣.٣» on the first pass as on
    # the second, and a control glued to a URL must not decide where the URL ends.
    cur, first = _clean_up(text, on)
    compounds = True
    repair = None
    if on["zwnj"]:
        judged = zwnj_style == "auto"
        counts = site_counts(cur) if judged else {}
        repair = _Repair.of(style_of_counts(counts) if judged else zwnj_style, cur, counts, judged)
        if not repair.restore:
            on = {**on, "zwnj": False}
        compounds = repair.compounds
    run = _runner({**on, **dict.fromkeys(_BEFORE_PROTECT, False)}, compounds)
    if not on["protect"]:
        new, edits = run(cur)
        return NormalizedText(text, new, tuple(compose(first, edits) if first else edits)), repair
    pieces: list[str] = []
    all_edits: list[Edit] = []
    pos = 0
    out_pos = 0
    for ps, pe in (*protected_spans(cur), (len(cur), len(cur))):
        if ps > pos:
            new, edits = run(cur[pos:ps])
            all_edits.extend((a + pos, b + pos, c + out_pos, d + out_pos) for a, b, c, d in edits)
            pieces.append(new)
            out_pos += len(new)
        pieces.append(cur[ps:pe])
        out_pos += pe - ps
        pos = pe
    edits = compose(first, all_edits) if first else all_edits
    return NormalizedText(text, "".join(pieces), tuple(edits)), repair


_BEFORE_PROTECT = ("unicode", "diacritics", "wrong_zwnj")


def _clean_up(text: str, on: dict[str, bool]) -> tuple[str, list[Edit]]:
    """The switched-on sub-steps that delete characters, and their edits."""
    first: list[Edit] = []
    cur = text
    for name in _BEFORE_PROTECT:
        if on[name]:
            fn = STEPS[name]
            assert fn is not None
            cur, e = fn(cur)
            if e:
                first = compose(first, e)
    return cur, first


def judge_zwnj_style(text: str, steps: Mapping[str, bool] | None = None) -> str:
    """The ZWNJ style ``normalize(text, steps)`` judges: on ``text`` after the clean-up steps.

    ``rokhdad normalize`` judges a whole file once, on its head, and normalizes each line with it.

    >>> judge_zwnj_style("او می‍گوید و می شود و روش ها و می توان و کتاب ها")
    'spaced'
    """
    return style_of_counts(site_counts(_clean_up(text, resolve_steps(steps))[0]))


# a ZWNJ doing its job, between a joining letter and a letter (a stray one says nothing)
_JOINING_ZWNJ = re.compile(f"\u200c(?<=[{JOINING_CLASS}]\u200c)(?=[{LETTER_CLASS}])")


def _runner(on: dict[str, bool], compounds: bool) -> Callable[[str], tuple[str, list[Edit]]]:
    key = (*on.values(), compounds)
    run = _PIPELINES.get(key)
    if run is None:
        run = _PIPELINES[key] = _pipeline(on, compounds)
    return run
