"""Ingest through the real pipeline: idempotent, replacing, reporting, and surviving SIGKILL."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import fake_stage
import pytest
from store_helpers import ROOT, fars_articles, store_fixture, store_url_fixture  # noqa: F401 (pytest fixtures)

from rokhdad.read import ReadError
from rokhdad.store import open_store
from rokhdad.store.ingest import ingest
from rokhdad.store.schema import ARTICLES

HERE = Path(__file__).resolve().parent
SETTINGS = fake_stage.FAKE_SETTINGS
KILLS = 3  # per backend here; bench/ingest.py --sigkill 5 does five over the whole corpus
TABLES = ("articles", "sentences", "entities", "actors", "quotes", "events", "event_mentions")


def write_jsonl(path: Path, articles) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for a in articles:
            rec = {
                "id": a.id,
                "date": a.date.isoformat() if a.date else None,
                "title": a.title,
                "text": a.text,
                "url": a.url,
                **a.meta,
            }
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def snapshot(store) -> dict:
    return {t: list(store.rows(t)) for t in TABLES} | {"export": list(store.events())}


def test_reingest_adds_nothing_and_changed_articles_replace(store):
    arts = fars_articles(30)
    first = ingest(arts, store, settings=SETTINGS, batch_size=7)
    assert (first.ingested, first.new, first.skipped, first.failed) == (30, 30, 0, [])
    counts = store.counts()
    assert counts["articles"] == 30 and counts["sentences"] > 30
    before = snapshot(store)
    again = ingest(fars_articles(30), store, settings=SETTINGS)
    assert (again.ingested, again.skipped) == (0, 30)
    assert snapshot(store) == before
    # change one article's text and another's spelling only (ي → ی normalizes away)
    arts = fars_articles(30)
    arabic = next(i for i, a in enumerate(arts) if "ي" in a.text and i != 3)
    arts[3].text = arts[3].text + "\nایران و عراق دیدار کردند."
    arts[arabic].text = arts[arabic].text.replace("ي", "ی")
    third = ingest(arts, store, settings=SETTINGS)
    assert (third.ingested, third.replaced, third.skipped) == (1, 1, 29)
    after = store.counts()
    assert after["articles"] == 30
    assert after["sentences"] == counts["sentences"] + 1
    assert after["events"] == counts["events"] + 1
    ev = [r for r in store.events() if r["article_id"] == arts[3].id]
    assert ev[-1]["evidence_text"] == "ایران و عراق دیدار کردند."


def test_failures_are_reported_and_the_run_goes_on(store):
    arts = fars_articles(5)
    arts[2].text = None  # the pipeline fails on it
    items = [arts[0], ReadError("bad.jsonl:3", "malformed JSON"), *arts[1:]]
    seen = []
    summary = ingest(items, store, settings=SETTINGS, on_error=lambda w, r: seen.append(w))
    assert summary.ingested == 4
    assert [w for w, _ in summary.failed] == ["bad.jsonl:3", arts[2].id] == seen
    assert "TypeError" in summary.failed[1][1] or "AttributeError" in summary.failed[1][1]
    assert store.counts()["articles"] == 4


def test_pipeline_events_are_stored(store):
    summary = ingest(fars_articles(60), store, settings=SETTINGS)
    assert summary.ingested == 60
    n_events = store.counts()["events"]
    assert n_events > 0, "the fake event stage finds country pairs in this subset"
    assert sum(r[-1] for r in _num_events(store)) == n_events
    per_article = list(store.events(aggregate=False))
    assert len(per_article) == n_events


_CHILD = """
import sys
sys.path[:0] = [{code!r}, {here!r}]
import fake_stage
from rokhdad.read import read_paths
from rokhdad.store import open_store
from rokhdad.store.ingest import ingest
store = open_store({url!r})
ingest(read_paths([{path!r}]), store, settings=fake_stage.FAKE_SETTINGS, batch_size=6,
       progress=lambda s: print(s.read, flush=True))
print("done", flush=True)
"""


def frozen_code(tmp_path: Path) -> str:
    """A copy of the package for the subprocesses: every run of a test sees the same code,
    even while someone edits the working tree."""
    dest = tmp_path / "code"
    shutil.copytree(ROOT / "src" / "rokhdad", dest / "rokhdad", ignore=shutil.ignore_patterns("__pycache__"))
    return str(dest)


def run_child(url: str, path: Path, kill_after: int | None, rng: random.Random, code_dir: str) -> bool:
    """Ingest in a subprocess; SIGKILL it once it has read ``kill_after`` articles. True if killed."""
    code = _CHILD.format(code=code_dir, here=str(HERE), url=url, path=str(path))
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert proc.stdout is not None
    killed = False
    for line in proc.stdout:
        if kill_after is not None and line.strip().isdigit() and int(line) >= kill_after:
            if rng.random() < 0.5:  # sometimes land inside the next article's work or a commit
                import time

                time.sleep(rng.uniform(0, 0.03))
            os.kill(proc.pid, signal.SIGKILL)
            killed = True
            break
    proc.wait(timeout=120)
    if not killed:
        assert proc.returncode == 0
    return killed


@pytest.mark.slow
def test_sigkill_at_random_moments_then_resume_equals_clean_run(store_url, tmp_path):
    arts = fars_articles(36)
    path = write_jsonl(tmp_path / "in.jsonl", arts)
    code_dir = frozen_code(tmp_path)
    rng = random.Random(7)
    kills = 0
    for moment in sorted(rng.sample(range(2, len(arts)), KILLS)):
        kills += run_child(store_url, path, moment, rng, code_dir)
        # whatever was committed is whole: every stored article has all its sentences
        s = open_store(store_url)
        expected = {r[0]: r[_column("num_sentences")] for r in s.rows("articles")}
        assert _sentence_counts(s) == {k: v for k, v in expected.items() if v}
        s.close()
    assert kills == KILLS
    assert not run_child(store_url, path, None, rng, code_dir)
    s = open_store(store_url)
    got = snapshot(s)
    s.close()
    # the clean run is a subprocess too, started last, so both see the same code on disk
    clean_url = f"sqlite:///{tmp_path / 'clean.db'}"
    assert not run_child(clean_url, path, None, rng, code_dir)
    clean = open_store(clean_url)
    want = snapshot(clean)
    clean.close()
    assert want["events"], "the comparison needs events"
    for key in want:
        assert got[key] == want[key], key


def _sentence_counts(store) -> dict[str, int]:
    out: dict[str, int] = {}
    for row in store.rows("sentences"):
        out[row[0]] = out.get(row[0], 0) + 1
    return out


def _column(name: str) -> int:
    return [c for c in ARTICLES.names if c != "minhash"].index(name)


def _num_events(store) -> list[tuple[str, int]]:
    return [(r[0], r[_column("num_events")]) for r in store.rows("articles")]
