"""Keys the store computes from text: the content hash, the search key, MinHash shingles.

All three start from :func:`rokhdad.normalize.normalize`, so spelling noise that the
normalizer removes (Arabic ي/ك, …) never makes two copies of one article look different.

The *search key* goes further than normalization, because a reader types «می شود»,
«میشود» or «می‌شود» for the same word: it joins the parts of compounds the normalizer knows
(«رئیس جمهوری» / «رئیس‌جمهوری», which normalization keeps apart in a text whose writer
typed the space), drops ZWNJs and diacritics, unifies letter variants and glues the verbal
prefix «می»/«نمی» and the plural «ها» to their word::

    >>> search_key("می شود") == search_key("میشود") == search_key("می\u200cشود")
    True
    >>> search_key("كتاب‌هاي علمي")
    'کتابهای علمی'
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from rokhdad.normalize import NormalizedText, normalize
from rokhdad.normalize.offsets import compose
from rokhdad.normalize.zwnj import zwnj_pass

# Characters a search ignores: ZWNJ, ZWJ, tatweel, bidi marks, soft hyphen, and the combining
# marks (Arabic harakat, Latin accents) a Persian or English text may carry.
_DROP = re.compile(
    "[\u200c\u200d\u0640\u200e\u200f\u00ad\u061c\u0300-\u036f\u0610-\u061a\u064b-\u065f"
    "\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed]+"
)
# Letter variants searched as one letter (applied after normalize(), which may already do some).
_UNIFY: tuple[tuple[str, str], ...] = (
    ("ي", "ی"),
    ("ى", "ی"),
    ("ئ", "ی"),
    ("ك", "ک"),
    ("ة", "ه"),
    ("ۀ", "ه"),
    ("أ", "ا"),
    ("إ", "ا"),
    ("ٱ", "ا"),
    ("ؤ", "و"),
    *((chr(0x06F0 + i), str(i)) for i in range(10)),  # Persian digits
    *((chr(0x0660 + i), str(i)) for i in range(10)),  # Arabic-Indic digits
)
_TOKEN = re.compile(r"[^\W_]+")  # letters and digits (as FTS5 unicode61 sees words)
# Between tokens (single spaces), these glue: a prefix to the next word, a suffix to the
# previous one, so «می شود» / «میشود» / «می‌شود» and «کتاب ها» / «کتابها» / «کتاب‌ها» agree.
PREFIXES = ("نمی", "می", "بی")
SUFFIXES = ("هایمان", "هایتان", "هایشان", "هایی", "هایم", "هایت", "هایش", "های", "ها", "ترین")
_JOINS: tuple[tuple[str, str, int], ...] = (
    *((f" {p} ", f" {p}", len(p) + 1) for p in PREFIXES),  # drop the space after the prefix
    *((f" {s} ", f"{s} ", 0) for s in SUFFIXES),  # drop the space before the suffix
)


def fold(normalized: str) -> str:
    """Drop invisible characters and diacritics, unify letters, lower-case (of normalized text)."""
    text = _DROP.sub("", normalized)
    for a, b in _UNIFY:  # str.replace is many times faster than str.translate here
        if a in text:
            text = text.replace(a, b)
    return text.casefold()


def search_key(text: str) -> str:
    """The spelling-insensitive form of ``text`` that search indexes and queries compare.

    Tokens (runs of letters and digits) joined by single spaces::

        >>> search_key("ارائه خدمات بر خط بانكي امكان پذير مي شود.")
        'ارائه خدمات بر خط بانکی امکان پذیر میشود'
    """
    return key_of_normalized(normalize(text).text)


def _join_compounds(normalized: str) -> tuple[str, list]:
    """Normalized text with every space the normalizer would take for a ZWNJ inside a compound
    joined («رئیس جمهوری» → «رئیس‌جمهوری»), whatever the writer's style: a spelling variant."""
    return zwnj_pass(normalized, restore=False, spaces=True, broken=False, compounds=True)


def key_of_normalized(normalized: str) -> str:
    """:func:`search_key` of text that :func:`rokhdad.normalize.normalize` already produced."""
    padded = " " + " ".join(_TOKEN.findall(fold(_join_compounds(normalized)[0]))) + " "
    for old, new, _ in _JOINS:
        if old in padded:
            padded = padded.replace(old, new)
    return padded[1:-1]


def search_tokens(query: str) -> list[str]:
    """The tokens of a query as the index holds them: ``search_tokens("می شود") == ['میشود']``."""
    return search_key(query).split()


@dataclass(frozen=True, slots=True)
class KeyedText:
    """The search key of a text with, for each key character, its offset in the original."""

    key: str
    offsets: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span ``[s, e)`` covering key characters ``[start, end)``."""
        if start >= len(self.offsets):
            last = self.offsets[-1] + 1 if self.offsets else 0
            return last, last
        return self.offsets[start], self.offsets[max(start, end - 1)] + 1


def keyed(text: str) -> KeyedText:
    """:func:`search_key` with a map back to ``text``, so a snippet can quote the original.

    Slow (character by character) but the same steps as :func:`key_of_normalized`; the
    normalizer's own map takes each position back to the original.
    """
    first = normalize(text)
    joined, edits = _join_compounds(first.text)
    nt = NormalizedText(text, joined, tuple(compose(first.edits, edits))) if edits else first
    chars: list[str] = []
    pos: list[int] = []
    for i, ch in enumerate(nt.text):
        for c in fold(ch):
            chars.append(c)
            pos.append(i)
    folded = "".join(chars)
    key_chars = [" "]
    key_pos = [pos[0] if pos else 0]
    for m in _TOKEN.finditer(folded):
        key_chars.extend(m.group())
        key_pos.extend(pos[m.start() : m.end()])
        key_chars.append(" ")
        key_pos.append(pos[m.end() - 1])
    if len(key_chars) == 1:
        key_chars.append(" ")
        key_pos.append(key_pos[0])
    padded = "".join(key_chars)
    for old, _, gap in _JOINS:
        if old not in padded:
            continue
        drop = {m.start() + gap for m in re.finditer(re.escape(old), padded)}
        padded = "".join(c for j, c in enumerate(padded) if j not in drop)
        key_pos = [p for j, p in enumerate(key_pos) if j not in drop]
    offsets = tuple(nt.to_original(p, p + 1)[0] for p in key_pos[1:-1])
    return KeyedText(padded[1:-1], offsets)


def snippet(text: str, query: str, width: int = 80) -> str:
    """A window of the *original* ``text`` around the first match of the query's tokens.

    The matched word is wrapped in ``[...]``; the start of the text when nothing matches.
    """
    tokens = search_tokens(query)
    kt = keyed(text)
    padded = f" {kt.key} "
    for tok in tokens:
        at = padded.find(f" {tok} ")
        if at >= 0:
            s, e = kt.to_original(at, at + len(tok))
            a, b = max(0, s - width // 2), min(len(text), e + width // 2)
            left = ("…" if a > 0 else "") + text[a:s]
            right = text[e:b] + ("…" if b < len(text) else "")
            return (left + "[" + text[s:e] + "]" + right).replace("\n", " ")
    return text[:width].replace("\n", " ") + ("…" if len(text) > width else "")


def content_hash(
    text: str, title: str = "", *, normalized: str | None = None, normalized_title: str | None = None
) -> str:
    """SHA-256 of the normalized title and body: the identity of an article's content.

    Two spellings of one article that the normalizer makes equal hash alike::

        >>> content_hash("وزير") == content_hash("وزیر")
        True

    ``normalized``/``normalized_title`` pass normalized texts already at hand.
    """
    h = hashlib.sha256()
    if normalized_title is None:
        normalized_title = normalize(title).text if title else ""
    h.update(normalized_title.encode("utf-8"))
    h.update(b"\x00")
    h.update((normalized if normalized is not None else normalize(text).text).encode("utf-8"))
    return h.hexdigest()


def raw_hash(text: str, title: str = "") -> str:
    """SHA-256 of the title and body exactly as read: a fast check that nothing changed."""
    return hashlib.sha256(f"{title}\x00{text}".encode()).hexdigest()
