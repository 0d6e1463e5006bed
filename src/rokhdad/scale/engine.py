"""Run the parts on a pool of processes or a Dask cluster, and merge the results in input order.

Two engines run the same :func:`rokhdad.scale.worker.run_part`:

- ``local``: ``workers`` processes on this machine (``multiprocessing`` spawn pool; one
  worker runs in this process);
- ``dask``: a ``distributed.LocalCluster`` of ``workers`` single-threaded processes, or the
  cluster whose scheduler ``scheduler`` names (``tcp://host:8786``).

The driver takes the parts' results in input order, whatever order they finish in, assigns
near-duplicate groups and writes through the store's normal write path — so the stored
result is the same for every engine and worker count.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from rokhdad.config import Settings
from rokhdad.scale.partition import DEFAULT_LINES_PER_PART, Part, partition
from rokhdad.scale.worker import PartResult, Prepared, pipeline_for, run_part
from rokhdad.store.ingest import Summary

ENGINES = ("local", "dask")


@dataclass
class ScaleSummary(Summary):
    """An ingest :class:`~rokhdad.store.ingest.Summary` plus how the work was spread."""

    engine: str = "local"
    workers: int = 1
    parts: int = 0
    worker_peak_rss: dict[str, int] = field(default_factory=dict)
    worker_seconds: float = 0.0
    worker_cpu_seconds: float = 0.0
    startup_seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            **super().as_dict(),
            "engine": self.engine,
            "workers": self.workers,
            "parts": self.parts,
            "worker_seconds": round(self.worker_seconds, 3),
            "worker_cpu_seconds": round(self.worker_cpu_seconds, 3),
            "startup_seconds": round(self.startup_seconds, 3),
            "max_worker_peak_rss_mb": round(max(self.worker_peak_rss.values(), default=0) / 2**20, 1),
        }


def _warm(settings: Settings) -> None:
    """Pool initializer: build the pipeline once in each worker process."""
    pipeline_for(settings)


def _run_star(args: tuple[Part, Settings, str | None, bool]) -> PartResult:
    return run_part(*args)


@contextmanager
def _local(
    parts: Sequence[Part], settings: Settings, workers: int, out: str | None, keep: bool
) -> Iterator[Iterator[PartResult]]:
    if workers <= 1:
        yield (run_part(p, settings, out, keep) for p in parts)
        return
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    with ctx.Pool(workers, initializer=_warm, initargs=(settings,)) as pool:
        yield pool.imap(_run_star, [(p, settings, out, keep) for p in parts], chunksize=1)


@contextmanager
def _dask(
    parts: Sequence[Part],
    settings: Settings,
    workers: int,
    out: str | None,
    scheduler: str | None,
    keep: bool,
    ready: list[float],
) -> Iterator[Iterator[PartResult]]:
    try:
        from distributed import Client, LocalCluster

        from rokhdad.scale.dask_plugin import LoadModels
    except ImportError as exc:
        raise RuntimeError("--engine dask needs Dask: pip install 'rokhdad[dask]'") from exc
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=max(1, workers),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            memory_limit=0,
        )
        client = Client(cluster)
    try:
        client.register_plugin(LoadModels(settings))  # every worker has built the pipeline
        ready.append(time.perf_counter())
        futures = [
            client.submit(run_part, p, settings, out, keep, pure=False, key=f"rokhdad-part-{p.index}")
            for p in parts
        ]

        def results() -> Iterator[PartResult]:
            for fut in futures:  # input order; later parts keep running meanwhile
                res = fut.result()
                fut.release()
                yield res

        yield results()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _patch_group(item: Prepared, group: str, sig: bytes) -> None:
    """Set an article's near-duplicate group (and signature) in its rows."""
    from rokhdad.store.schema import EVENTS

    art = item.prepared.article
    art["minhash"] = sig
    if group == art["group_id"]:
        return
    art["group_id"] = group
    col = EVENTS.names.index("group_id")
    rows = item.prepared.derived.get(EVENTS.name)
    if rows:
        item.prepared.derived[EVENTS.name] = [(*r[:col], group, *r[col + 1 :]) for r in rows]


def ingest_parallel(
    paths: Sequence[str],
    store_url: str | None = "sqlite:///rokhdad.db",
    engine: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
    out_parquet: str | None = None,
    *,
    settings: Settings | None = None,
    lines_per_part: int = DEFAULT_LINES_PER_PART,
    batch_size: int = 64,
    force: bool = False,
) -> ScaleSummary:
    """Analyse the inputs on ``workers`` workers and store them (and/or write Parquet).

    ``store_url`` None with ``out_parquet`` set leaves the output as a Parquet dataset only.
    Unchanged articles (same raw text as stored) are analysed on the workers but not
    rewritten; the stored result equals a single-process ``rokhdad ingest`` of the same input.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if store_url is None and out_parquet is None:
        raise ValueError("give a store URL, a Parquet output folder, or both")
    settings = settings or Settings()
    summary = ScaleSummary(engine=engine, workers=workers)
    t0 = time.perf_counter()
    parts, errors = partition(paths, lines_per_part)
    summary.parts = len(parts)
    for err in errors:
        summary.read += 1
        summary.failed.append((err.where, err.reason))
    ready: list[float] = []
    store = None
    if store_url is not None:
        from rokhdad.store import open_store

        store = open_store(store_url)
    try:
        runner = (
            _local(parts, settings, workers, out_parquet, store is not None)
            if engine == "local"
            else _dask(parts, settings, workers, out_parquet, scheduler, store is not None, ready)
        )
        if store is None:
            with runner as results:
                for res in results:
                    _count(summary, res)
                    summary.ingested += res.analysed
                    summary.new += res.analysed
                    summary.failed.extend(i for i in res.items if isinstance(i, tuple))
        else:
            with store.ingest_lock(), runner as results:
                _merge(results, store, summary, batch_size, force)
    finally:
        if store is not None:
            store.close()
    summary.seconds = time.perf_counter() - t0
    summary.startup_seconds = ready[0] - t0 if ready else 0.0
    return summary


def _count(summary: ScaleSummary, res: PartResult) -> None:
    summary.read += res.read
    summary.worker_seconds += res.seconds
    summary.worker_cpu_seconds += res.cpu_seconds
    key = str(res.pid)
    summary.worker_peak_rss[key] = max(summary.worker_peak_rss.get(key, 0), res.peak_rss)


def _merge(
    results: Iterator[PartResult], store: Any, summary: ScaleSummary, batch_size: int, force: bool
) -> None:
    """Write the parts' articles in input order, as the single-process ingest loop does."""
    from rokhdad.store.dedup import Deduper

    deduper = Deduper()
    deduper.load(store.minhashes())
    for res in results:
        _count(summary, res)
        done = [i for i in res.items if isinstance(i, Prepared)]
        known = store.known_hashes([i.prepared.article_id for i in done])
        batch = []
        for item in res.items:
            if isinstance(item, tuple):
                summary.failed.append(item)
                continue
            aid = item.prepared.article_id
            stored = known.get(aid)
            chash = item.prepared.content_hash
            if stored is not None and not force and (stored[0] == item.raw_hash or stored[1] == chash):
                summary.skipped += 1
                continue
            group, sig = deduper.assign(aid, item.key)
            _patch_group(item, group, sig)
            batch.append(item.prepared)
            summary.ingested += 1
            if stored is None:
                summary.new += 1
            else:
                summary.replaced += 1
            known[aid] = (item.raw_hash, chash)
            if len(batch) >= batch_size:
                store.write(batch)
                batch = []
        if batch:
            store.write(batch)


def parts_of(paths: Sequence[str], lines_per_part: int = DEFAULT_LINES_PER_PART) -> list[Part]:
    """The parts the inputs are cut into (see :func:`rokhdad.scale.partition.partition`)."""
    return partition(paths, lines_per_part)[0]
