"""Properties of ``normalize`` on any string: no exception, idempotent, a total monotonic map."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_norm_offsets import assert_round_trip

from rokhdad.normalize import STEPS, normalize
from rokhdad.normalize.chars import LINE_BREAKS
from rokhdad.normalize.offsets import NormalizedText

# Persian-heavy alphabet with every character class the sub-steps care about
PERSIAN = (
    list("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآئءةۀ")
    + list("يكىًٌٍَُِّْـٰٔ")
    + [
        "\u200c",
        "\u200c\u200c",
        "\u200d",
        "\u200f",
        "\u202b",
        "\ufeff",
        "\u00a0",
        " ",
        "  ",
        "\n",
        "\r\n",
        "\t",
        "،",
        "؛",
        "؟",
        "«",
        "»",
        "(",
        ")",
        ".",
        ":",
        "!",
        "0",
        "5",
        "۱",
        "۹",
        "٣",
        "a",
        "Z",
        "@",
        "/",
        "-",
        "می",
        "نمی",
        "ها",
        "های",
        "تر",
        "ترین",
        "ای",
        "اند",
        "یهای",
        "کتاب",
        "خانه",
        "شود",
        "نشان",
        "دهنده",
        "http://x.ir",
        "2025-11-25",
        "12:30",
        "3.5",
        "\u2028",
        "\x0b",
        "\x00",
    ]
)
persian_text = st.lists(st.sampled_from(PERSIAN), max_size=30).map("".join)


def check_map(nt: NormalizedText) -> None:
    n, m = len(nt.text), len(nt.original)
    prev = (0, 0)
    for i in range(n):
        s, e = nt.char_span(i)
        assert 0 <= s <= e <= m
        assert s >= prev[0] and e >= prev[1], "map not monotonic"
        prev = (s, e)
    for i in range(n + 1):
        assert_round_trip(nt, i, n)
        assert_round_trip(nt, 0, i)
    for j in range(m + 1):
        s, e = nt.from_original(j, m)
        assert 0 <= s <= e <= n


@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_string_no_exception(text: str) -> None:
    nt = normalize(text)
    assert nt.original == text
    assert nt.text.count("\n") == text.count("\n")


@settings(max_examples=1500, deadline=None)
@given(st.one_of(persian_text, st.text(max_size=40)))
def test_idempotent(text: str) -> None:
    once = normalize(text).text
    assert normalize(once).text == once


@settings(max_examples=800, deadline=None)
@given(st.one_of(persian_text, st.text(max_size=30)))
def test_map_total_monotonic_round_trip(text: str) -> None:
    check_map(normalize(text))


@settings(max_examples=500, deadline=None)
@given(persian_text)
def test_unchanged_segments_match(text: str) -> None:
    """Between edits the normalized text is the original, up to one-to-one letter substitutions."""
    nt = normalize(text)
    pb = pd = 0
    for a, b, c, d in (*nt.edits, (len(nt.original), len(nt.original), len(nt.text), len(nt.text))):
        assert a - pb == c - pd
        pb, pd = b, d


@settings(max_examples=300, deadline=None)
@given(persian_text)
def test_line_breaks_never_change(text: str) -> None:
    out = normalize(text).text
    assert [c for c in out if c in LINE_BREAKS] == [c for c in text if c in LINE_BREAKS]


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(persian_text, st.text(max_size=30)),
    st.dictionaries(st.sampled_from(sorted(STEPS)), st.booleans()),
)
def test_any_step_combination(text: str, steps: dict[str, bool]) -> None:
    nt = normalize(text, steps)
    check_map(nt)
    assert [c for c in nt.text if c in LINE_BREAKS] == [c for c in text if c in LINE_BREAKS]
