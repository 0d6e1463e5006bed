"""Every extract record validates against the packaged JSON Schema, offsets inside the text."""

import json

import pytest

from conftest import EXAMPLES, GOLD, need
from rokhdad.pipeline import pipe
from rokhdad.read import read_paths
from rokhdad.schema import validate

jsonschema = pytest.importorskip("jsonschema")


def test_examples_and_gold_articles_validate():
    paths = [EXAMPLES, *sorted(need(GOLD).glob("*.txt"))]
    docs = list(pipe(a for a in read_paths(paths) if not hasattr(a, "reason")))
    assert len(docs) >= 50
    for doc in docs:
        validate(json.loads(json.dumps(doc.to_dict(), ensure_ascii=False)))


def test_span_outside_text_is_caught():
    rec = {
        "id": "x",
        "date": None,
        "title": "",
        "text": "ab",
        "sentences": [{"start": 0, "end": 3}],
        "entities": [],
        "actors": [],
        "quotes": [],
        "events": [],
    }
    with pytest.raises(ValueError, match="outside the text"):
        validate(rec)


def test_bad_event_type_is_caught():
    rec = {
        "id": "x",
        "date": None,
        "title": "",
        "text": "ab",
        "sentences": [],
        "entities": [],
        "actors": [],
        "quotes": [],
        "events": [{"type": "PARTY"}],
    }
    with pytest.raises(jsonschema.ValidationError):
        validate(rec)
