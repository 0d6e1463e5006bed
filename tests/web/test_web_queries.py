"""The pure helpers behind the API: cursors, periods, spans, snippets, parameter checks."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("fastapi", reason="the web tests need the web extra (pip install 'rokhdad[web]')")

from rokhdad.web import app as web_app
from rokhdad.web import db as web_db
from rokhdad.web import queries as Q


@pytest.mark.parametrize("module", [Q, web_db])
def test_doctests(module) -> None:
    result = doctest.testmod(module)
    assert result.failed == 0 and result.attempted > 0


@given(st.lists(st.one_of(st.text(max_size=30), st.integers()), max_size=4))
def test_cursor_round_trip(key) -> None:
    assert Q.decode_cursor(Q.encode_cursor(key)) == key


@pytest.mark.parametrize("bad", ["", "!!!", "e30", "WzEsMl0", "W3RydWVd", "bnVsbA"])
def test_bad_cursors(bad: str) -> None:
    # "", junk, {} (an object), [1,2] (wrong size for 3), [true], null
    with pytest.raises(Q.BadCursor):
        Q.decode_cursor(bad, 3)


def test_periods() -> None:
    assert Q.period_of("2025-12-31", "week") == "2025-12-29"
    assert Q.period_of("2026-01-04", "week") == "2025-12-29"  # a Sunday belongs to the week before
    assert Q.next_period("2025-12-29", "week") == "2026-01-05"
    assert Q.next_period("2025-11", "month") == "2025-12"
    with pytest.raises(ValueError):
        Q.period_of("2025-01-01", "year")


def test_resolve_span_prefers_offsets_then_looks_in_the_sentence() -> None:
    text = "دیدار کرد. سپس دوباره دیدار کرد."
    assert Q.resolve_span(text, 0, 9, "دیدار کرد") == (0, 9)
    # Wrong offsets: the quoted text is looked up in its sentence first (the second one here).
    assert Q.resolve_span(text, 100, 120, "دیدار کرد", within=(11, len(text))) == (22, 31)
    assert Q.resolve_span(text, 0, 9, None) == (0, 9)
    assert Q.resolve_span(text, 5, 3, None) is None


def test_quick_snippet_tolerates_spelling_variants() -> None:
    text = "به گزارش فارس، وزير امور خارجه كشورمان مي‌گويد که همكاري‌ها ادامه دارد."
    assert "[وزير]" in Q.quick_snippet(text, ["وزیر"])
    assert "[مي‌گويد]" in Q.quick_snippet(text, ["میگوید"])
    assert "[همكاري‌ها]" in Q.quick_snippet(text, ["همکاریها"])
    assert "[" not in Q.quick_snippet(text, ["پاکستان"])  # no match: the start of the text


def test_like_escape_makes_wildcards_literal() -> None:
    assert Q.like_escape("a%b_c\\") == "a\\%b\\_c\\\\"


def test_parameter_checks() -> None:
    assert web_app.check_date("date_from", "1404-09-04") == "2025-11-25"
    assert web_app.check_date("date_from", "۲۰۲۵-۱۱-۲۵") == "2025-11-25"
    assert web_app.check_date("date_from", "") is None
    assert web_app.check_country("country", "pak") == "PAK"
    assert web_app.check_country("country", "igo:un") == "IGO:UN"
    assert web_app.check_type("consult") == "CONSULT"
    for fn, arg in ((web_app.check_country, "Pakistan"), (web_app.check_type, "MEET")):
        with pytest.raises(web_app.ParamError):
            fn("x", arg) if fn is web_app.check_country else fn(arg)
    with pytest.raises(web_app.ParamError, match="date_to"):
        web_app.check_date("date_to", "2025-02-30")
