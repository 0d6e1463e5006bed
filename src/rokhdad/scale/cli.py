"""The scale-out options of ``rokhdad ingest`` and the call they make.

``rokhdad.store.cli.ingest_command`` takes these options and, when ``--engine`` or
``--out-parquet`` is given, hands the work to :func:`scaled_ingest`::

    rokhdad ingest news/*.jsonl --engine local --workers 2
    rokhdad ingest s3://bucket/news/ --engine dask --scheduler tcp://10.0.0.5:8786 --db postgresql://…
    rokhdad ingest farsnews.jsonl --engine dask --workers 2 --out-parquet out/
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rokhdad.config import Settings
    from rokhdad.scale.engine import ScaleSummary

EngineOpt = Annotated[
    str | None,
    typer.Option(
        "--engine",
        help="spread the work: local (N processes here) or dask (a LocalCluster, or --scheduler's cluster)",
    ),
]
WorkersOpt = Annotated[
    int, typer.Option("--workers", min=1, help="worker processes (local, or a LocalCluster)")
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786 (with --engine dask)"),
]
OutParquetOpt = Annotated[
    str | None,
    typer.Option(
        "--out-parquet", help="workers also write the tables as a Parquet dataset here (path or fsspec URL)"
    ),
]


def scaled_ingest(
    paths: Sequence[str],
    db: str,
    engine: str | None,
    workers: int,
    scheduler: str | None,
    out_parquet: str | None,
    settings: Settings,
    batch_size: int = 64,
    force: bool = False,
    on_error: Callable[[str, str], None] | None = None,
) -> ScaleSummary:
    """Run :func:`rokhdad.scale.ingest_parallel` for the command line; report each failure."""
    from rokhdad.scale.engine import ENGINES, ingest_parallel

    engine = engine or ("dask" if scheduler else "local")
    if engine not in ENGINES:
        raise typer.BadParameter(
            f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}", param_hint="--engine"
        )
    if scheduler and engine != "dask":
        raise typer.BadParameter("--scheduler needs --engine dask", param_hint="--scheduler")
    summary = ingest_parallel(
        list(paths),
        db,
        engine,
        workers,
        scheduler,
        out_parquet,
        settings=settings,
        batch_size=batch_size,
        force=force,
    )
    if on_error is not None:
        for where, reason in summary.failed:
            on_error(where, reason)
    return summary
