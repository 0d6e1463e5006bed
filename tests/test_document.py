import json

from rokhdad.document import Article, Document, Span
from rokhdad.normalize.offsets import NormalizedText


def test_span_spacy_names():
    s = Span(3, 8, "PER")
    assert (s.start_char, s.end_char, s.label_) == (3, 8, "PER")
    assert s.text_of("وی و لاریجانی") == "و لار"


def test_document_maps_normalized_spans_back():
    doc = Document.from_article(Article(id="x", text="وزير خارجه"))
    doc.normalized = NormalizedText.identity(doc.text).with_text("وزیر خارجه")
    assert doc.norm_text == "وزیر خارجه"
    assert doc.to_original(0, 4) == (0, 4) and doc.to_normalized(5, 10) == (5, 10)


def test_to_dict_is_json_and_complete():
    doc = Document.from_article(Article(id="x", text="الف. ب."))
    doc.sentences = [Span(0, 4), Span(5, 7)]
    rec = json.loads(json.dumps(doc.to_dict(), ensure_ascii=False))
    assert rec["sentences"] == [{"start": 0, "end": 4}, {"start": 5, "end": 7}]
    assert rec["date"] is None
    assert {"id", "date", "title", "text", "sentences", "entities", "actors", "quotes", "events"} <= set(rec)
    assert doc.sentence_index(5) == 1 and doc.sentence_index(4) is None
