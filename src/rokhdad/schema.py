"""The JSON Schema of our output records (``resources/schema/extract.schema.json``).

>>> validate(process("ایران.").to_dict())  # doctest: +SKIP
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from rokhdad.resources import resource_path


@lru_cache(maxsize=1)
def extract_schema() -> dict[str, Any]:
    return json.loads(resource_path("schema/extract.schema.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema

    cls = jsonschema.validators.validator_for(extract_schema())
    cls.check_schema(extract_schema())
    return cls(extract_schema())


def validate(record: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` if ``record`` is not a valid extract record, and
    ``ValueError`` if a span lies outside the text it points into (needs the jsonschema package)."""
    _validator().validate(record)
    n = len(record["text"])
    spans = [*record["sentences"], *record["entities"], *record["actors"], *record["quotes"]]
    spans += [e["evidence"] for e in record["events"]]
    spans += [m for e in record["events"] for m in e.get("mentions", [])]
    text = record["text"]
    for s in spans:
        if not 0 <= s["start"] <= s["end"] <= n:
            raise ValueError(f"span ({s['start']}, {s['end']}) outside the text (length {n})")
    # A span that quotes its text must quote the original text at its offsets.
    for s in [*record["entities"], *record["actors"]]:
        if text[s["start"] : s["end"]] != s["text"]:
            raise ValueError(f"span ({s['start']}, {s['end']}) says {s['text']!r}, the text there differs")
    for q in record["quotes"]:
        if "content_start" in q and text[q["content_start"] : q["content_end"]] != q["content"]:
            raise ValueError(
                f"quote content at ({q['content_start']}, {q['content_end']}) differs from the text"
            )
