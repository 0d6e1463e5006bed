"""Offset maps between a normalized string and the original it came from."""

from __future__ import annotations

import bisect
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """A normalized string with, for each of its characters, the original span it came from.

    ``starts[i]``/``ends[i]`` bound the original characters that produced normalized
    character ``i`` (equal when the character was inserted, e.g. a restored ZWNJ).
    Both lists are non-decreasing, so spans map in both directions by bisection.
    """

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def identity(cls, text: str) -> NormalizedText:
        idx = tuple(range(len(text)))
        return cls(text, text, idx, tuple(i + 1 for i in idx))

    def with_text(self, new_text: str) -> NormalizedText:
        """Same map, new characters: for one-to-one substitutions only."""
        if len(new_text) != len(self.text):
            raise ValueError("with_text() needs a string of the same length")
        return NormalizedText(self.original, new_text, self.starts, self.ends)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span that produced normalized ``text[start:end]``."""
        n = len(self.text)
        if not 0 <= start <= end <= n:
            raise ValueError(f"span ({start}, {end}) outside 0..{n}")
        if start == n:
            return len(self.original), len(self.original)
        if start == end:
            return self.starts[start], self.starts[start]
        return self.starts[start], max(self.ends[end - 1], self.starts[start])

    def from_original(self, start: int, end: int) -> tuple[int, int]:
        """The smallest normalized span covering what original ``[start, end)`` became."""
        m = len(self.original)
        if not 0 <= start <= end <= m:
            raise ValueError(f"span ({start}, {end}) outside 0..{m}")
        s = bisect.bisect_right(self.ends, start)
        e = bisect.bisect_left(self.starts, end)
        return s, max(s, e)
