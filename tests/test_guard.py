"""The per-article time limit: a pathological article is recorded as failed, not a hang."""

from __future__ import annotations

import re
import threading
import time

import pytest

from rokhdad.config import Settings
from rokhdad.document import Article, Document
from rokhdad.guard import ArticleTimeout, time_limit
from rokhdad.pipeline import Failure, pipe, register

STALL = "این خبر گیر می‌کند"


@register("test-stall")
def _make_stall(settings: Settings):
    """A stage that never ends on articles containing ``STALL``: pure Python, then a regex."""

    def stall(doc: Document) -> Document:
        if STALL in doc.text:
            if "regex" in doc.id:
                re.match(r"(a+)+b", "a" * 60)  # catastrophic backtracking
            while True:
                pass
        return doc

    return stall


STALLING = Settings(pipeline=("normalize", "segment", "test-stall"))


def test_time_limit_stops_a_busy_loop_in_the_main_thread():
    t0 = time.perf_counter()
    with pytest.raises(ArticleTimeout, match=r"0\.2 s limit"), time_limit(0.2, "x"):
        while True:
            pass
    assert time.perf_counter() - t0 < 2


def test_time_limit_stops_a_runaway_regex():
    with pytest.raises(ArticleTimeout), time_limit(0.2):
        re.match(r"(a+)+b", "a" * 60)


def test_time_limit_in_a_worker_thread():
    outcome: list[str] = []

    def work() -> None:
        try:
            with time_limit(0.2, "thread"):
                while True:
                    pass
        except ArticleTimeout as exc:
            outcome.append(str(exc))

    t = threading.Thread(target=work)
    t.start()
    t.join(5)
    assert not t.is_alive() and outcome and "limit" in outcome[0]


def test_no_limit_and_a_fast_block_leave_no_timer_behind():
    with time_limit(None):
        pass
    with time_limit(0.05):
        pass
    time.sleep(0.1)  # a left-over alarm would fire here


def _articles() -> list[Article]:
    return [
        Article(id="ok-1", text="وزیر خارجه ایران به مسکو رفت."),
        Article(id="stuck-loop", text=STALL),
        Article(id="stuck-regex", text=STALL),
        Article(id="ok-2", text="رئیس‌جمهور فرانسه به پکن سفر کرد."),
    ]


def _warm() -> None:
    """Load the lazily built resources (normalizer tables) outside the measured limit."""
    list(pipe(_articles()[:1], settings=STALLING))


def test_pipe_records_a_stuck_article_and_goes_on():
    _warm()
    failures: list[Failure] = []
    docs = list(pipe(_articles(), settings=STALLING, on_error=failures.append, time_limit=0.5))
    assert [d.id for d in docs] == ["ok-1", "ok-2"], failures
    assert [(f.id, f.reason.split(":")[0]) for f in failures] == [
        ("stuck-loop", "ArticleTimeout"),
        ("stuck-regex", "ArticleTimeout"),
    ]


def test_pipe_without_on_error_raises_as_a_plain_call_would():
    with pytest.raises(ValueError):
        list(pipe([Article(id="x", text="متن")], settings=Settings(pipeline=("no-such-stage",))))


def test_ingest_stores_the_rest_and_records_the_stuck_article(tmp_path):
    from rokhdad.store import open_store
    from rokhdad.store.ingest import ingest

    _warm()
    store = open_store(f"sqlite:///{tmp_path / 't.db'}")
    try:
        summary = ingest(_articles(), store, settings=STALLING, time_limit=0.5)
        assert summary.ingested == 2
        assert [w for w, _ in summary.failed] == ["stuck-loop", "stuck-regex"]
        assert all("longer than the 0.5 s limit" in r for _, r in summary.failed)
        assert {row[0] for row in store.rows("articles")} == {"ok-1", "ok-2"}
    finally:
        store.close()
