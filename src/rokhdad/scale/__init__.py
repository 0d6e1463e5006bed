"""Scale-out: the same pipeline on many processes or a Dask cluster, the same stored result.

    >>> from rokhdad.scale import ingest_parallel
    >>> s = ingest_parallel(["farsnews.jsonl"], "sqlite:///news.db", engine="dask", workers=2)  # doctest: +SKIP
    >>> s.ingested                                                                                # doctest: +SKIP
    1431

Inputs are cut into parts (whole files, or line ranges of JSONL; local paths or fsspec
URLs), each worker builds the pipeline once and analyses parts, and the driver writes the
results into the store in input order — or the workers write a Parquet dataset
(``out_parquet``). Parts: :func:`rokhdad.scale.partition.partition`. See ``docs/scaling.md``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ENGINES", "ScaleSummary", "ingest_parallel"]


def __getattr__(name: str) -> Any:
    """Load the engine on first use, so ``rokhdad --help`` does not import the pipeline."""
    if name in ("ENGINES", "ScaleSummary", "ingest_parallel"):
        from rokhdad.scale import engine

        return getattr(engine, name)
    raise AttributeError(name)
