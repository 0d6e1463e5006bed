"""Offset maps between a normalized string and the original it came from.

The map is sparse: a sorted tuple of *edits* ``(a, b, c, d)`` saying that original
``[a, b)`` became normalized ``[c, d)``; between edits the two texts are equal, shifted.
Same-length substitutions (Arabic ي → Persian ی) need no edit at all.

    >>> nt = NormalizedText.from_edits("میشود", [(2, 2, "\u200c")])
    >>> nt.text
    'می\u200cشود'
    >>> nt.to_original(0, 6)
    (0, 5)
    >>> nt.from_original(2, 5)
    (3, 6)
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

Edit = tuple[int, int, int, int]
"""``(a, b, c, d)``: input ``[a, b)`` became output ``[c, d)``."""


def apply_edits(text: str, repl: Iterable[tuple[int, int, str]]) -> tuple[str, list[Edit]]:
    """Apply sorted, non-overlapping replacements ``(start, end, new)`` to ``text``.

    Returns the new string and its edit list. ``apply_edits("كتاب ها", [(4, 5, "\u200c")])``
    gives ``'كتاب\u200cها'`` and ``[(4, 5, 4, 5)]``.
    """
    out: list[str] = []
    edits: list[Edit] = []
    pos = 0
    delta = 0
    for a, b, new in repl:
        out.append(text[pos:a])
        out.append(new)
        c = a + delta
        d = c + len(new)
        edits.append((a, b, c, d))
        delta = d - b
        pos = b
    if not edits:
        return text, []
    out.append(text[pos:])
    return "".join(out), edits


def compose(first: Sequence[Edit], second: Sequence[Edit]) -> list[Edit]:
    """The edit list of ``second ∘ first`` (first maps A→B, second maps B→C; result maps A→C).

    Edits of the two lists that overlap or touch in B are merged into one coarser edit, so
    the result is always a valid (never finer than known) map.
    """
    if not first:
        return list(second)
    if not second:
        return list(first)
    items = sorted(
        [(c, d, 0, b - d) for (_a, b, c, d) in first] + [(a, b, 1, d - b) for (a, b, _c, d) in second]
    )
    out: list[Edit] = []
    delta1 = 0  # original minus middle, after the last `first` edit seen
    delta2 = 0  # output minus middle, after the last `second` edit seen
    i, n = 0, len(items)
    while i < n:
        gx, gy, kind, dl = items[i]
        lo1, lo2 = gx + delta1, gx + delta2
        if kind == 0:
            delta1 = dl
        else:
            delta2 = dl
        i += 1
        while i < n and items[i][0] <= gy:
            _s, e, kind, dl = items[i]
            if e > gy:
                gy = e
            if kind == 0:
                delta1 = dl
            else:
                delta2 = dl
            i += 1
        out.append((lo1, gy + delta1, lo2, gy + delta2))
    return out


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """A normalized string and the sparse map back to the ``original`` it came from.

    ``edits`` holds ``(a, b, c, d)``: original ``[a, b)`` became ``text[c:d]``. A normalized
    character inside an edit maps to the whole original span of that edit (an inserted
    character, e.g. a restored ZWNJ, to the empty span at ``a``); any other character maps to
    exactly one original character. Both directions are monotonic and total.
    """

    original: str
    text: str
    edits: tuple[Edit, ...] = ()
    _index: tuple[list[int], list[int], list[int], list[int]] = field(
        default=None,
        init=False,
        repr=False,
        compare=False,  # type: ignore[assignment]
    )

    @classmethod
    def identity(cls, text: str) -> NormalizedText:
        return cls(text, text)

    @classmethod
    def from_edits(cls, original: str, repl: Iterable[tuple[int, int, str]]) -> NormalizedText:
        """Apply sorted replacements ``(start, end, new)`` to ``original``."""
        text, edits = apply_edits(original, repl)
        return cls(original, text, tuple(edits))

    def with_text(self, new_text: str) -> NormalizedText:
        """Same map, new characters: for one-to-one substitutions only."""
        if len(new_text) != len(self.text):
            raise ValueError("with_text() needs a string of the same length")
        return NormalizedText(self.original, new_text, self.edits)

    def then(self, new_text: str, edits: Sequence[Edit]) -> NormalizedText:
        """A further rewrite of ``self.text`` into ``new_text`` (``edits`` in ``self.text`` terms)."""
        if not edits:
            if len(new_text) != len(self.text):
                raise ValueError("a rewrite that changes the length needs edits")
            return NormalizedText(self.original, new_text, self.edits)
        return NormalizedText(self.original, new_text, tuple(compose(self.edits, edits)))

    def _idx(self) -> tuple[list[int], list[int], list[int], list[int]]:
        idx = self._index
        if idx is None:
            e = self.edits
            idx = ([x[0] for x in e], [x[1] for x in e], [x[2] for x in e], [x[3] for x in e])
            object.__setattr__(self, "_index", idx)
        return idx

    def char_span(self, i: int) -> tuple[int, int]:
        """The original span that normalized character ``i`` came from."""
        a_, b_, c_, d_ = self._idx()
        k = bisect.bisect_right(c_, i) - 1  # last edit starting at or before i
        if k >= 0 and i < d_[k]:
            return a_[k], b_[k]
        o = i if k < 0 else i - d_[k] + b_[k]
        return o, o + 1

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span that produced normalized ``text[start:end]``."""
        n = len(self.text)
        if not 0 <= start <= end <= n:
            raise ValueError(f"span ({start}, {end}) outside 0..{n}")
        if start == n:
            return len(self.original), len(self.original)
        s = self.char_span(start)[0]
        if start == end:
            return s, s
        return s, max(self.char_span(end - 1)[1], s)

    def from_original(self, start: int, end: int) -> tuple[int, int]:
        """The smallest normalized span covering what original ``[start, end)`` became."""
        m = len(self.original)
        if not 0 <= start <= end <= m:
            raise ValueError(f"span ({start}, {end}) outside 0..{m}")
        a_, b_, _c, d_ = self._idx()
        # s: number of normalized characters whose original span ends at or before `start`
        k = bisect.bisect_right(b_, start)  # first edit ending after start
        pb, pd = (b_[k - 1], d_[k - 1]) if k else (0, 0)
        s = start - pb + pd if k == len(b_) or start <= a_[k] else _c[k]
        # e: number of normalized characters whose original span starts before `end`
        j = bisect.bisect_left(a_, end)  # first edit starting at or after end
        pb, pd = (b_[j - 1], d_[j - 1]) if j else (0, 0)
        e = pd + max(0, end - pb)
        return s, max(s, e)
