"""What runs on a worker: read one part, run the pipeline, prepare the store rows.

The pipeline is built once per worker process and kept (:func:`pipeline_for`), so models and
lexicons load once however many parts the worker gets. The rows come from the store's own
:func:`rokhdad.store.ingest.prepare`, so they are column for column what ``rokhdad ingest``
writes. Near-duplicate groups depend on input order across all parts, so the worker leaves
them to the driver: it sends each article's search key and the driver assigns the group.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from rokhdad.config import ARTICLE_TIME_LIMIT, Settings
from rokhdad.document import Article, Document
from rokhdad.guard import time_limit
from rokhdad.read import ReadError, decode, read_text
from rokhdad.scale.partition import Part
from rokhdad.store.base import PreparedArticle

_PIPELINES: dict[Settings, Any] = {}


def pipeline_for(settings: Settings) -> Any:
    """This process's pipeline for ``settings`` (built on first use, then reused)."""
    nlp = _PIPELINES.get(settings)
    if nlp is None:
        from rokhdad.store.ingest import analyser

        nlp = _PIPELINES[settings] = analyser(settings)
    return nlp


@dataclass(slots=True)
class Prepared:
    """One analysed article: its store rows, raw hash and search key (for the driver's dedup)."""

    prepared: PreparedArticle
    raw_hash: str
    key: str


@dataclass(slots=True)
class PartResult:
    """A part's outcome, in input order: analysed articles and failures (``(where, reason)``)."""

    index: int
    items: list[Prepared | tuple[str, str]] = field(default_factory=list)
    read: int = 0
    analysed: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    pid: int = 0
    peak_rss: int = 0


def read_part(part: Part) -> list[Article | ReadError]:
    """The records of one part, with the same ids and error locations a whole-file read gives."""
    import fsspec

    where = part.url
    try:
        with fsspec.open(part.url, "rb") as fh:
            if part.is_range:
                fh.seek(part.offset)
                data = b"".join(fh.readline() for _ in range(part.n_lines or 0))
            else:
                data = fh.read()
        text = decode(data)
    except Exception as exc:  # unreadable file or bad encoding: the whole part fails
        return [ReadError(where, f"cannot read file ({type(exc).__name__}: {exc})")]
    if part.is_range:
        # blank lines up front keep line numbers (default ids «farsnews-17», error locations)
        return list(read_text("\n" * (part.first_line - 1) + text, where, "jsonl"))
    from pathlib import Path

    from rokhdad.read import _format_of

    return list(read_text(text, where, _format_of(Path(part.url.split("?", 1)[0]))))


def analyse(doc: Document, art: Article) -> Prepared:
    """Store rows of one analysed article, its group left as its own id for the driver to set."""
    from rokhdad.normalize import normalize
    from rokhdad.store.ingest import prepare
    from rokhdad.store.keys import content_hash, key_of_normalized, raw_hash

    rhash = raw_hash(art.text, art.title)
    ntitle = normalize(doc.title).text if doc.title else ""
    chash = content_hash(doc.text, doc.title, normalized=doc.norm_text, normalized_title=ntitle)
    prepared = prepare(doc, chash, None, rhash, ntitle)
    return Prepared(prepared, rhash, key_of_normalized(doc.norm_text))


def peak_rss() -> int:
    """This process's peak resident memory in bytes (0 where the platform does not say)."""
    try:
        import resource

        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return int(kb) * 1024
    except (ImportError, OSError):
        return 0


def run_part(part: Part, settings: Settings, out_parquet: str | None = None, keep: bool = True) -> PartResult:
    """Analyse one part; with ``out_parquet`` also write its Parquet files there.

    ``keep`` False sends back only the failures and counts (the rows went to Parquet).
    """
    import time

    t0, c0 = time.perf_counter(), time.process_time()
    nlp = pipeline_for(settings)
    result = PartResult(part.index, pid=os.getpid())
    for rec in read_part(part):
        result.read += 1
        if isinstance(rec, ReadError):
            result.items.append((rec.where, rec.reason))
            continue
        try:
            with time_limit(ARTICLE_TIME_LIMIT, rec.id):
                doc = nlp(rec)
            result.items.append(analyse(doc, rec))
        except Exception as exc:  # report the article and go on, as the single-process ingest does
            result.items.append((rec.id, f"{type(exc).__name__}: {exc}"))
    if out_parquet is not None:
        from rokhdad.scale.parquet import write_part

        write_part([p for p in result.items if isinstance(p, Prepared)], out_parquet, part.index)
    if not keep:
        result.analysed = sum(isinstance(p, Prepared) for p in result.items)
        result.items = [p for p in result.items if not isinstance(p, Prepared)]
    result.seconds = time.perf_counter() - t0
    result.cpu_seconds = time.process_time() - c0
    result.peak_rss = peak_rss()
    return result
