import datetime as dt

import pytest

import rokhdad
from rokhdad.config import Settings
from rokhdad.document import Article, Document
from rokhdad.pipeline import Pipeline, pipe, register, registered


def test_process_returns_document_with_offsets():
    text = "ایاز صادق با علی لاريجانی دیدار کرد. وی گفت: همکاری ادامه دارد."
    doc = rokhdad.process(text, date="1404/09/04", id="t1", category="سیاسی")
    assert isinstance(doc, Document)
    assert doc.id == "t1" and doc.date == dt.date(2025, 11, 25) and doc.meta == {"category": "سیاسی"}
    assert doc.text == text  # the original is never modified
    assert [doc.text[s.start : s.end] for s in doc.sentences] == [
        "ایاز صادق با علی لاريجانی دیدار کرد.",
        "وی گفت: همکاری ادامه دارد.",
    ]
    assert doc.normalized is not None and "ي" not in doc.norm_text


def test_builtin_stages_registered_in_order():
    assert set(Settings().pipeline) <= set(registered())
    assert Pipeline().names == list(Settings().pipeline)


def test_custom_stage_by_name():
    @register("test-upper-title")
    def make(settings):
        def stage(doc):
            doc.title = doc.title.upper()
            return doc

        return stage

    nlp = Pipeline(Settings(pipeline=("segment", "test-upper-title")))
    doc = nlp(Article(id="x", text="یک است. دو است.", title="abc"))
    assert doc.title == "ABC" and len(doc.sentences) == 2


def test_unknown_stage_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown pipeline stage"):
        Pipeline(Settings(pipeline=("segment", "no-such-stage")))


def _articles(n):
    return [Article(id=f"a{i}", text=f"خبر شماره {i}. وی گفت: بله." * (1 + i % 3)) for i in range(n)]


def test_pipe_streams_in_order_single_and_multi_process():
    one = [d.to_dict() for d in pipe(_articles(12))]
    two = [d.to_dict() for d in pipe(iter(_articles(12)), n_process=2, chunksize=2)]
    assert [d["id"] for d in one] == [f"a{i}" for i in range(12)]
    assert one == two
