"""Protection: URLs, e-mails, ISO dates/times, decimals and Latin words are never rewritten."""

from __future__ import annotations

import pytest

from rokhdad.normalize import normalize
from rokhdad.normalize.protect import protected_spans


@pytest.mark.parametrize(
    "raw, kept",
    [
        (
            "ببینید https://www.farsnews.ir/news/14030825000123/خبر ، میشود",
            "https://www.farsnews.ir/news/14030825000123/خبر",
        ),
        ("نشانی info@farsnews.ir است", "info@farsnews.ir"),
        ("تاریخ 2025-11-25T10:30:00 بود", "2025-11-25T10:30:00"),
        ("ساعت 12:30 جلسه", "12:30"),
        ("رشد ۳.۵ درصد", "۳.۵"),
        ("نرخ 12.4 درصد", "12.4"),
        ("شرکت ICT روستایی", "ICT"),
    ],
)
def test_spans(raw: str, kept: str) -> None:
    spans = [raw[s:e] for s, e in protected_spans(raw)]
    assert kept in spans


def test_protected_text_survives_normalization() -> None:
    raw = "خبر در https://example.com/a_b?x=1 و علي@ ; version 2.0 : می شود"
    out = normalize(raw).text
    assert "https://example.com/a_b?x=1" in out
    assert "2.0" in out
    assert "می\u200cشود" in out


def test_protection_can_be_switched_off() -> None:
    assert normalize("نرخ 12.4 ، بالا", {"protect": False}).text == "نرخ 12.4، بالا"
