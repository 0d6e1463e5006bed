"""The sparse offset map: edits, composition, and both directions of span mapping."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rokhdad.normalize.offsets import NormalizedText, apply_edits, compose

Z = "\u200c"


def dense(nt: NormalizedText) -> tuple[list[int], list[int]]:
    """Per-character (start, end) lists, the reference the sparse map must agree with."""
    spans = [nt.char_span(i) for i in range(len(nt.text))]
    return [s for s, _ in spans], [e for _, e in spans]


def test_insertion() -> None:
    nt = NormalizedText.from_edits("میشود", [(2, 2, Z)])
    assert nt.text == f"می{Z}شود"
    assert dense(nt) == ([0, 1, 2, 2, 3, 4], [1, 2, 2, 3, 4, 5])
    assert nt.to_original(3, 6) == (2, 5)
    assert nt.from_original(0, 2) == (0, 2)
    assert nt.from_original(2, 5) == (3, 6)  # the inserted ZWNJ belongs to neither side


def test_deletion_and_replacement() -> None:
    nt = NormalizedText.from_edits("مُحَمَّد  است", [(1, 2, ""), (3, 4, ""), (5, 7, ""), (8, 9, "")])
    assert nt.text == "محمد است"
    assert nt.to_original(0, 4) == (0, 8)
    assert nt.from_original(9, 12) == (4, 7)  # the second space, «اس»


def test_identity_and_with_text() -> None:
    nt = NormalizedText.identity("كتاب")
    assert nt.with_text("کتاب").to_original(1, 3) == (1, 3)


def replacements(n: int) -> st.SearchStrategy[list[tuple[int, int, str]]]:
    """Sorted, non-overlapping (start, end, new) replacements of a string of length n."""

    @st.composite
    def build(draw: st.DrawFn) -> list[tuple[int, int, str]]:
        cuts = sorted(draw(st.lists(st.integers(0, n), max_size=8)))
        out, pos = [], 0
        for i in range(0, len(cuts) - 1, 2):
            a, b = cuts[i], cuts[i + 1]
            if a >= pos:
                out.append((a, b, draw(st.text(alphabet="xyz\u200c", max_size=3))))
                pos = b + (1 if a == b else 0)
        return out

    return build()


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_compose_agrees_with_two_steps(data: st.DataObject) -> None:
    original = data.draw(st.text(alphabet="abcdefg", max_size=20))
    mid, e1 = apply_edits(original, data.draw(replacements(len(original))))
    out, e2 = apply_edits(mid, data.draw(replacements(len(mid))))
    nt = NormalizedText(original, out, tuple(compose(e1, e2)))
    # outside the composed edits, the two strings are equal segment by segment
    pb = pd = 0
    for a, b, c, d in (*nt.edits, (len(original), len(original), len(out), len(out))):
        assert original[pb:a] == out[pd:c]
        pb, pd = b, d
    starts, ends = dense(nt)
    assert starts == sorted(starts) and ends == sorted(ends)
    for s in range(len(out) + 1):
        for e in range(s, len(out) + 1):
            assert_round_trip(nt, s, e)


def assert_round_trip(nt: NormalizedText, s: int, e: int) -> None:
    """normalized span → original span → normalized span covers every character of the first
    that came from the original (inserted characters, e.g. a restored ZWNJ, come from nowhere)."""
    os_, oe = nt.to_original(s, e)
    assert 0 <= os_ <= oe <= len(nt.original)
    rs, re_ = nt.from_original(os_, oe)
    real = [i for i in range(s, e) if nt.char_span(i)[0] < nt.char_span(i)[1]]
    if real:
        assert rs <= real[0] and re_ > real[-1]
