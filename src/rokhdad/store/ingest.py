"""Ingest: read articles, skip the unchanged, analyse the rest, store them in batches.

Idempotent and crash-safe:

- each article is keyed by its id and a SHA-256 of its normalized content; an article
  whose text is byte-for-byte the stored one is skipped without running the pipeline
  (a cheap raw hash), and one whose normalized content hashes alike (e.g. only ي/ی
  spelling changed) is analysed but not rewritten;
- a changed article (same id, new content) has all its derived rows replaced in the
  same transaction that writes it;
- a batch of articles is one transaction, so a process killed at any moment leaves whole
  articles or nothing; the next run skips what was committed and redoes the rest;
- near-duplicate groups are decided in input order from signatures stored with the
  articles, so a resumed run takes the same decisions as an uninterrupted one.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from rokhdad.config import ARTICLE_TIME_LIMIT, Settings
from rokhdad.document import Article, Document
from rokhdad.guard import time_limit as limit
from rokhdad.normalize import normalize
from rokhdad.read import ReadError
from rokhdad.store.base import PreparedArticle, Store
from rokhdad.store.dedup import Deduper
from rokhdad.store.keys import content_hash, key_of_normalized, raw_hash
from rokhdad.store.records import dumps, outlet_of, rows_of


@dataclass
class Summary:
    """What an ingest did: counts, and the reason of every failure."""

    read: int = 0
    ingested: int = 0
    new: int = 0
    replaced: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        """Articles analysed and stored per second."""
        return self.ingested / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "ingested": self.ingested,
            "new": self.new,
            "replaced": self.replaced,
            "skipped_unchanged": self.skipped,
            "failed": len(self.failed),
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.rate, 1),
        }


def prepare(
    doc: Document,
    chash: str,
    deduper: Deduper | None = None,
    rhash: str | None = None,
    normalized_title: str | None = None,
) -> PreparedArticle:
    """The rows of one analysed document; its near-duplicate group when a deduper is given."""
    record = doc.to_dict()
    key = key_of_normalized(doc.norm_text)
    if normalized_title is None:
        normalized_title = normalize(doc.title).text if doc.title else ""
    title_key = key_of_normalized(normalized_title) if normalized_title else ""
    full_key = f" {title_key} {key} " if title_key else f" {key} "
    group, sig = deduper.assign(doc.id, key) if deduper is not None else (doc.id, None)
    derived = rows_of(record, group_id=group)
    article = {
        "article_id": doc.id,
        "content_hash": chash,
        "raw_hash": rhash,
        "date": record["date"],
        "title": doc.title,
        "source": doc.source,
        "url": doc.url,
        "outlet": outlet_of(doc.source, doc.url),
        "text": doc.text,
        "meta": dumps(doc.meta) if doc.meta else None,
        "group_id": group,
        "num_sentences": len(doc.sentences),
        "num_entities": len(doc.entities),
        "num_quotes": len(doc.quotes),
        "num_events": len(doc.events),
        "search_key": full_key,
        "minhash": sig,
    }
    return PreparedArticle(doc.id, chash, article, derived)


def analyser(settings: Settings) -> Callable[[Article], Document]:
    """The pipeline as one function."""
    from rokhdad.pipeline import Pipeline, default_pipeline

    return default_pipeline() if settings == Settings() else Pipeline(settings)


def ingest(
    items: Iterable[Article | ReadError],
    store: Store,
    *,
    settings: Settings | None = None,
    batch_size: int = 64,
    force: bool = False,
    progress: Callable[[Summary], None] | None = None,
    on_error: Callable[[str, str], None] | None = None,
    time_limit: float | None = ARTICLE_TIME_LIMIT,
) -> Summary:
    """Analyse and store articles (a reader's output: :class:`ReadError` items count as failed).

    ``force`` re-analyses unchanged articles too (e.g. after a model update). ``progress``
    is called after every article with the running summary. An article whose analysis
    raises or takes longer than ``time_limit`` seconds is recorded as failed; nothing of it
    is stored and the batch goes on.
    """
    settings = settings or Settings()
    pipeline = analyser(settings)

    def nlp(article: Article) -> Document:
        with limit(time_limit, article.id):
            return pipeline(article)

    summary = Summary()
    t0 = time.perf_counter()
    with store.ingest_lock():
        _run(items, store, nlp, summary, t0, batch_size, force, progress, on_error)
    summary.seconds = time.perf_counter() - t0
    return summary


def _run(
    items: Iterable[Article | ReadError],
    store: Store,
    nlp: Callable[[Article], Document],
    summary: Summary,
    t0: float,
    batch_size: int,
    force: bool,
    progress: Callable[[Summary], None] | None,
    on_error: Callable[[str, str], None] | None,
) -> None:
    """The ingest loop (under the store's ingest lock)."""
    deduper = Deduper()
    deduper.load(store.minhashes())
    batch: list[PreparedArticle] = []

    def fail(where: str, reason: str) -> None:
        summary.failed.append((where, reason))
        if on_error is not None:
            on_error(where, reason)

    def flush() -> None:
        if not batch:
            return
        store.write(batch)
        batch.clear()

    def chunks() -> Iterator[list[Article]]:
        chunk: list[Article] = []
        for item in items:
            if isinstance(item, ReadError):
                summary.read += 1
                fail(item.where, item.reason)
                if progress:
                    progress(summary)
                continue
            chunk.append(item)
            if len(chunk) >= batch_size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    for chunk in chunks():
        known = store.known_hashes([a.id for a in chunk])
        for art in chunk:
            summary.read += 1
            rhash = raw_hash(art.text, art.title)
            stored = known.get(art.id)
            if stored is not None and stored[0] == rhash and not force:
                summary.skipped += 1
            else:
                try:
                    doc = nlp(art)
                    ntitle = normalize(doc.title).text if doc.title else ""
                    chash = content_hash(
                        doc.text, doc.title, normalized=doc.norm_text, normalized_title=ntitle
                    )
                    if stored is not None and stored[1] == chash and not force:
                        summary.skipped += 1  # same normalized content: nothing to rewrite
                        prepared = None
                    else:
                        prepared = prepare(doc, chash, deduper, rhash, ntitle)
                except Exception as exc:  # report the article and go on with the next
                    fail(art.id, f"{type(exc).__name__}: {exc}")
                    continue
                if prepared is not None:
                    batch.append(prepared)
                    summary.ingested += 1
                    if stored is None:
                        summary.new += 1
                    else:
                        summary.replaced += 1
                    known[art.id] = (rhash, chash)
            if progress:
                summary.seconds = time.perf_counter() - t0
                progress(summary)
        flush()
