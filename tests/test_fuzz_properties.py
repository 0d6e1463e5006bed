"""Hypothesis properties of the readers and the whole pipeline on generated input (issue 10).

Invariants: no exception except the documented input errors; every span inside the text
and quoting it exactly; output valid against the packaged JSON Schema. The normalizer's own
properties are in tests/normalize/test_norm_properties.py; ``make fuzz`` runs far more
inputs through both (scripts/fuzz.py).
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, load_module
from rokhdad.document import Article
from rokhdad.pipeline import default_pipeline
from rokhdad.read import InputError, ReadError, decode, read_text
from rokhdad.schema import validate

pytest.importorskip("jsonschema")

# Pieces of political news with the characters that trouble each stage (quotes, colons,
# pronouns, countries, roles, ZWNJ, Arabic letters, digits, line breaks): make fuzz's dictionary.
fuzz_script = load_module("fuzz_script", ROOT / "scripts" / "fuzz.py")
PIECES = fuzz_script.PIECES
news_text = st.lists(st.sampled_from(PIECES), min_size=1, max_size=60).map("".join)
record_value = st.one_of(st.none(), st.text(max_size=20), st.integers(), st.lists(st.integers(), max_size=3))


def check_record(record: dict) -> None:
    validate(json.loads(json.dumps(record, ensure_ascii=False)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(news_text, st.text(max_size=200)))
def test_pipeline_on_any_text(text: str) -> None:
    if not text.strip():
        return
    doc = default_pipeline()(Article(id="fuzz", text=text))
    check_record(doc.to_dict())


@settings(max_examples=2000, deadline=None)
@given(st.binary(max_size=300))
def test_decode_any_bytes(data: bytes) -> None:
    try:
        text = decode(data)
    except InputError as exc:
        assert str(exc)
        return
    assert isinstance(text, str) and text.strip()


@settings(max_examples=1500, deadline=None)
@given(
    st.one_of(news_text, st.text(max_size=200)),
    st.sampled_from(["jsonl", "json", "csv", "html", "text", None]),
)
def test_readers_on_any_text(text: str, fmt: str | None) -> None:
    for item in read_text(text, "in", fmt):
        if isinstance(item, ReadError):
            assert item.where.startswith("in") and item.reason
        else:
            assert item.text.strip() and item.id


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(["id", "date", "title", "text", "url", "x"]), record_value)))
def test_jsonl_records_of_any_shape(records: list[dict]) -> None:
    text = "\n".join(json.dumps(r, ensure_ascii=False) for r in records)
    items = list(read_text(text, "in.jsonl", "jsonl"))
    assert len(items) == max(1, len(records))  # one result per record, or "no records"
    for item, rec in zip(items, records, strict=False):
        if not isinstance(item, ReadError):
            assert item.text == rec["text"].strip()


# Inputs `make fuzz` found crashing the pipeline, kept as regressions.
FOUND = [
    # an agency credit ending in an opening quote mark at the very end of the text
    'به گفته یهایاعزام\u200c\u200c\u200cاسرائیل یهای\u200c\u200cاسرائیل۱۴۰۴وزیرافزوداسرائیل"',
]


@pytest.mark.parametrize("text", FOUND)
def test_pipeline_on_inputs_the_fuzzer_found(text: str) -> None:
    check_record(default_pipeline()(Article(id="found", text=text)).to_dict())
