"""How a writer handles ZWNJs, judged from the text itself.

Persian text reaches us with the same affixes spelled three ways:

- ``kept``: «می‌شود», «روش‌ها» (the ZWNJs are there);
- ``spaced``: «می شود», «روش ها» (a space typed where the ZWNJ belongs);
- ``dropped``: «میشود», «روشها» (lost in scraping, or never typed).

A writer who separates affixes, with ZWNJs or with spaces, and still writes a word glued
(«کتابها», «بزرگترین», «آنها») glues it on purpose: that is their spelling, and a lost ZWNJ
would have left a space or nothing in the other places too. So in a ``kept`` or ``spaced`` text
the normalizer repairs the spaces but adds no ZWNJ inside a word (:func:`glued_on_purpose`);
a ``dropped`` or ``unknown`` text gets the full repair. The space inside a compound («رئیس
جمهوری», «مصرف کننده») becomes a ZWNJ only in a ``spaced`` or ``unknown`` text without any ZWNJ:
elsewhere the writer typed it (see :func:`rokhdad.normalize.normalize`).

    >>> zwnj_style("او می گوید این روش ها بهترین روش های ممکن هستند و می توان")
    'spaced'
    >>> zwnj_style("او میگوید این روشها بهترین روشهای ممکن هستند و میتوان")
    'dropped'

Only affix sites count (verb prefix «می»/«نمی»; plural «ها/های…» and superlative «ترین» after a
joining letter), where writers differ and words do not. A text needs ``MIN_SITES`` separated sites,
and ``RATIO`` times more than glued ones, to be ``kept`` or ``spaced``. Repairing a ``spaced``
text turns its spaced sites into ZWNJ sites and adds no glued one, so the output is judged
``kept``: normalizing it again changes nothing. A sentence alone seldom has enough sites;
``rokhdad normalize`` judges a file on its first ``SAMPLE_CHARS`` characters, the pipeline
judges each article.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from rokhdad.normalize.chars import JOINING_CLASS, LETTER_CLASS, ZWNJ

Style = Literal["kept", "dropped", "spaced", "unknown"]
STYLES: tuple[str, ...] = ("auto", "kept", "dropped", "spaced", "unknown")
"""What ``normalize(..., zwnj_style=)`` and ``rokhdad normalize --zwnj-style`` accept."""

MIN_SITES = 4
RATIO = 3.0
SAMPLE_CHARS = 1_000_000

_L = f"[{LETTER_CLASS}]"
_WL = f"[{LETTER_CLASS}\u200c]"
# the plural and superlative endings a site count looks for after a ZWNJ («های‌ترین‌ترین»)
_AFFIX_PARTS = frozenset({"ها", "های", "هایی", "هایش", "هایشان", "ترین"})
# Each pattern starts with a literal and looks behind only after it, so the regex engine skips
# ahead to the few places where an affix can stand (a leading look-behind made it try them all).
_SPACED = re.compile(
    f"می (?:(?<=[^{LETTER_CLASS}\u200c]می )|(?<=[^{LETTER_CLASS}\u200c]نمی ))(?={_L}{{2}})"
    f"|ها(?<=[{JOINING_CLASS}] ها)(?:ی(?:ی|ش|شان)?)?(?!{_L})"
    f"|ترین(?<=[{JOINING_CLASS}] ترین)(?!{_L})"
)
_MI_WORD = re.compile(f"(?:نمی(?<!{_WL}نمی)|می(?<!{_WL}می)){_WL}{{2,}}(?!{_WL})")
_PLURAL_END = re.compile(
    f"(?:ها(?<=[{JOINING_CLASS}\u200c]ها)(?:ی(?:ی|ش|شان)?)?|ترین(?<=[{JOINING_CLASS}\u200c]ترین))(?!{_WL})"
)
_NOT_WORD = re.compile(f"[^{LETTER_CLASS}\u200c]+")
_HEAD_MAX = 40


@lru_cache(maxsize=65_536)
def _site(word: str) -> str | None:
    """``kept``, ``dropped`` or None (no affix ZWNJ wanted) for one word with an affix."""
    if ZWNJ in word:
        return "kept"
    from rokhdad.normalize.model import model  # the lexicon loads only when a text needs it

    return "dropped" if model().resolve(word) != word else None


def site_counts(text: str) -> dict[str, int]:
    """Affix sites of ``text`` by spelling: ``{"spaced": 2, "kept": 0, "dropped": 1}``."""
    # old sources write Arabic «ي ك»: count them the same (str.replace is far faster than translate)
    sample = " " + text[:SAMPLE_CHARS].replace("ي", "ی").replace("ى", "ی").replace("ك", "ک")
    counts = {"spaced": len(_SPACED.findall(sample)), "kept": 0, "dropped": 0}
    words = _MI_WORD.findall(sample)
    for m in _PLURAL_END.finditer(sample):
        # the word the suffix ends: its letters and ZWNJs back to anything else (within _HEAD_MAX
        # letters), so that spacing the punctuation («،کتابها» → «، کتابها») changes no word
        w = sample[max(0, m.start() - _HEAD_MAX) : m.end()].split()[-1]
        words.append(_NOT_WORD.split(w)[-1] if _NOT_WORD.search(w) else w)
    for w in words:
        site = _site(w)
        if site == "kept":
            counts["kept"] += _kept_sites(w)
        elif site:
            counts[site] += 1
    return counts


def _kept_sites(word: str) -> int:
    """Affix sites in a word with a ZWNJ: «می‌نمی‌کند» is two, as «می نمی‌کند» was (a spaced
    site, then a word with a ZWNJ), and «بهترین‌ترین‌ترین» is two, as «بهترین ترین ترین» was (two
    spaced sites). A repair that joins spaced affixes to the word before or after them must not
    lower the count, or its own output would be judged another way."""
    n = 1
    head, sep, rest = word.partition(ZWNJ)
    while sep and head in ("می", "نمی") and _MI_START.match(rest):
        n += 1
        head, sep, rest = rest.partition(ZWNJ)
    parts = word.split(ZWNJ)
    trailing = 0
    while trailing < len(parts) - 1 and parts[-1 - trailing] in _AFFIX_PARTS:
        trailing += 1
    return n + max(0, trailing - 1)


_MI_START = re.compile(f"(?:نمی|می){_WL}{{2}}")


def zwnj_style(text: str) -> Style:
    """The writer's ZWNJ convention in ``text`` (see the module docstring)."""
    return style_of_counts(site_counts(text))


def style_of_counts(c: dict[str, int]) -> Style:
    """The style that the site counts ``c`` (:func:`site_counts`) say."""
    separated = c["spaced"] + c["kept"]
    if separated >= MIN_SITES and separated >= RATIO * c["dropped"]:
        return "spaced" if c["spaced"] > c["kept"] else "kept"
    return "dropped" if c["dropped"] >= MIN_SITES else "unknown"


def near_threshold(c: dict[str, int], margin: int = 2) -> bool:
    """Whether a text judged ``kept`` or ``spaced`` on the counts ``c`` would be judged
    otherwise with ``margin`` separated sites fewer and as many glued ones more.

    Repairing such a text turns spaced sites into kept ones and leaves glued words alone, so its
    output is judged the same; only odd text («می ترین» chains, «می نمی‌کند») can merge or split
    a site or two. Near the thresholds that can tip the output into ``unknown``, where a second
    pass would restore ZWNJs, so the normalizer judges such an output again
    (:func:`rokhdad.normalize.normalize`).

    >>> near_threshold({"spaced": 0, "kept": 5, "dropped": 0})
    True
    >>> near_threshold({"spaced": 0, "kept": 25, "dropped": 2})
    False
    """
    sep, dropped = c["spaced"] + c["kept"] - margin, c["dropped"] + margin
    return sep < MIN_SITES or sep < RATIO * dropped


def glued_on_purpose(style: str) -> bool:
    """Whether a glued word in a text of this style is the writer's spelling, to be left alone."""
    return style in ("kept", "spaced")
