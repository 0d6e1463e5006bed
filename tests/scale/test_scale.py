"""Scale-out: the same stored rows whatever the engine and the number of workers."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from conftest import SHARED, need
from rokhdad.read import read_paths
from rokhdad.scale import ingest_parallel
from rokhdad.scale.parquet import read_table
from rokhdad.scale.partition import partition
from rokhdad.store import open_store
from rokhdad.store.ingest import ingest
from rokhdad.store.schema import ARTICLES, EVENTS, TABLES

N_ARTICLES = 40


@pytest.fixture(scope="module")
def fars40(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = need(SHARED / "data" / "news" / "farsnews.jsonl")
    out = tmp_path_factory.mktemp("in") / "farsnews.jsonl"
    with src.open(encoding="utf-8") as fh:
        out.write_text("".join(next(fh) for _ in range(N_ARTICLES)), encoding="utf-8")
    return out


def _dump(url: str) -> dict[str, list[str]]:
    store = open_store(url)
    try:
        out = {t.name: sorted(map(repr, store.rows(t.name))) for t in TABLES}
        out["export"] = sorted(map(repr, store.events(aggregate=False)))
    finally:
        store.close()
    return out


@pytest.fixture(scope="module")
def reference(fars40: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """The single-process ``rokhdad ingest`` of the same input."""
    url = f"sqlite:///{tmp_path_factory.mktemp('ref') / 'ref.db'}"
    store = open_store(url)
    try:
        summary = ingest(read_paths([fars40]), store)
    finally:
        store.close()
    assert summary.ingested == N_ARTICLES
    return _dump(url)


def test_partition_keeps_line_numbers(tmp_path: Path) -> None:
    f = tmp_path / "n.jsonl"
    f.write_text("".join(f'{{"text": "متن شماره {i}"}}\n' for i in range(1, 12)), encoding="utf-8")
    parts, errors = partition([str(f)], lines_per_part=4)
    assert not errors
    assert [(p.first_line, p.n_lines) for p in parts] == [(1, 4), (5, 4), (9, 3)]
    summary = ingest_parallel([str(f)], "memory://", lines_per_part=4, out_parquet=str(tmp_path / "pq"))
    ids = [r["article_id"] for r in read_table(str(tmp_path / "pq"), "articles")]
    # default ids come from absolute line numbers, as in a whole-file read
    assert ids == [a.id for a in read_paths([f])]
    assert summary.ingested == 11 and summary.parts == 3


def test_missing_input_is_reported(tmp_path: Path) -> None:
    summary = ingest_parallel([str(tmp_path / "absent.jsonl")], "memory://")
    assert summary.ingested == 0 and len(summary.failed) == 1


@pytest.mark.parametrize("workers", [1, 2])
def test_local_engine_matches_single_process(
    workers: int, fars40: Path, reference: dict[str, list[str]], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'local.db'}"
    summary = ingest_parallel([str(fars40)], url, "local", workers, lines_per_part=7)
    assert summary.ingested == N_ARTICLES and not summary.failed and summary.parts == 6
    got = _dump(url)
    assert got["export"], "the sample should yield events"
    assert got == reference


def test_reingest_skips_unchanged(fars40: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'again.db'}"
    ingest_parallel([str(fars40)], url, "local", 1, lines_per_part=13)
    again = ingest_parallel([str(fars40)], url, "local", 1, lines_per_part=13)
    assert again.skipped == N_ARTICLES and again.ingested == 0


@pytest.mark.skipif(importlib.util.find_spec("distributed") is None, reason="needs rokhdad[dask]")
@pytest.mark.timeout(180)
def test_dask_engine_matches_single_process(
    fars40: Path, reference: dict[str, list[str]], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'dask.db'}"
    pq = tmp_path / "pq"
    summary = ingest_parallel([str(fars40)], url, "dask", 2, out_parquet=str(pq), lines_per_part=7)
    assert summary.ingested == N_ARTICLES and not summary.failed
    assert len(summary.worker_peak_rss) == 2, "both workers should have analysed parts"
    assert _dump(url) == reference
    # the workers' Parquet events carry the store's columns and the same events
    events = read_table(str(pq), "events")
    assert list(events[0]) == EVENTS.names
    store = open_store(url)
    try:
        stored_ids = sorted(r[0] for r in store.rows("events"))
    finally:
        store.close()
    assert sorted(e["event_id"] for e in events) == stored_ids
    assert [r["article_id"] for r in read_table(str(pq), "articles")] == [a.id for a in read_paths([fars40])]
    assert len(read_table(str(pq), "articles")[0]) == len(ARTICLES.names)
