"""Parquet partitions of the store's tables, one file per input part and table.

The layout is a Hive-style dataset that DuckDB, pandas or Dask read as one table::

    OUT/articles/part-000000.parquet
    OUT/events/part-000000.parquet
    OUT/events/part-000001.parquet …

Columns and their order are the store's (:mod:`rokhdad.store.schema`); logical types map
to Arrow (text → string, int → int64, real → float64, bool → bool, blob → binary, json →
string). Near-duplicate groups are not decided here (they need every earlier article): each
article's ``group_id`` is its own id and ``minhash`` holds its signature, so a later load can
group them. Read back with e.g. ``duckdb.sql("select * from 'OUT/events/*.parquet'")``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rokhdad.store.schema import ARTICLES, DERIVED, TABLES, Table

if TYPE_CHECKING:
    from rokhdad.scale.worker import Prepared


def arrow_schema(table: Table) -> Any:
    """The Arrow schema of one store table."""
    import pyarrow as pa

    types = {
        "text": pa.string(),
        "json": pa.string(),
        "int": pa.int64(),
        "real": pa.float64(),
        "bool": pa.bool_(),
        "blob": pa.binary(),
    }
    return pa.schema([(name, types[kind]) for name, kind in table.columns])


def table_rows(items: Sequence[Prepared]) -> dict[str, list[tuple[Any, ...]]]:
    """Rows of every table for these articles (articles rows with their MinHash signature)."""
    from rokhdad.store.dedup import signature, to_bytes

    out: dict[str, list[tuple[Any, ...]]] = {t.name: [] for t in TABLES}
    for item in items:
        art = dict(item.prepared.article)
        if art.get("minhash") is None:
            art["minhash"] = to_bytes(signature(item.key))
        out[ARTICLES.name].append(tuple(art.get(c) for c in ARTICLES.names))
        for t in DERIVED:
            out[t.name].extend(item.prepared.derived.get(t.name, ()))
    return out


def write_part(items: Sequence[Prepared], out_dir: str, index: int) -> dict[str, int]:
    """Write one part's rows as ``out_dir/<table>/part-<index>.parquet``; rows written per table."""
    import fsspec
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = table_rows(items)
    counts: dict[str, int] = {}
    fs, root = fsspec.core.url_to_fs(out_dir)
    for t in TABLES:
        schema = arrow_schema(t)
        cols = list(zip(*rows[t.name], strict=True)) if rows[t.name] else [()] * len(t.names)
        if t.name != ARTICLES.name:
            cols = [
                [bool(v) if v is not None else None for v in c] if k == "bool" else c
                for c, (_, k) in zip(cols, t.columns, strict=True)
            ]
        table = pa.table(
            [pa.array(list(c), type=f.type) for c, f in zip(cols, schema, strict=True)], schema=schema
        )
        folder = os.path.join(root, t.name) if "://" not in out_dir else f"{root.rstrip('/')}/{t.name}"
        fs.makedirs(folder, exist_ok=True)
        with fs.open(f"{folder}/part-{index:06d}.parquet", "wb") as fh:
            pq.write_table(table, fh)
        counts[t.name] = len(rows[t.name])
    return counts


def read_table(out_dir: str, table: str) -> list[dict[str, Any]]:
    """Every row of one table of a Parquet output, parts in order (for tests and small checks)."""
    import fsspec
    import pyarrow.parquet as pq

    fs, root = fsspec.core.url_to_fs(out_dir)
    files = sorted(fs.glob(f"{root.rstrip('/')}/{table}/part-*.parquet"))
    rows: list[dict[str, Any]] = []
    for f in files:
        with fs.open(f, "rb") as fh:
            rows.extend(pq.read_table(fh).to_pylist())
    return rows
