"""``rokhdad ingest``, ``rokhdad search`` and ``rokhdad export``: the store's commands.

Heavy imports stay inside the commands so ``rokhdad --help`` starts fast.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from rokhdad.config import ARTICLE_TIME_LIMIT
from rokhdad.ner.cli import NerModelOpt, NerSchemeOpt
from rokhdad.scale.cli import EngineOpt, OutParquetOpt, SchedulerOpt, WorkersOpt

DB_HELP = "store URL: sqlite:///FILE (default sqlite:///rokhdad.db), postgresql://…, memory://"
DbOpt = Annotated[str, typer.Option("--db", envvar="ROKHDAD_DB", help=DB_HELP)]
FromOpt = Annotated[str | None, typer.Option("--from", help="events/articles on or after DATE")]
ToOpt = Annotated[str | None, typer.Option("--to", help="events/articles on or before DATE")]
CountryOpt = Annotated[str | None, typer.Option("--country", help="ISO 3166-1 alpha-3 (or IGO:UN …)")]
TypeOpt = Annotated[str | None, typer.Option("--type", help="PLOVER event type, e.g. CONSULT")]


def _err(msg: str) -> None:
    from rich.console import Console

    Console(stderr=True, highlight=False).print(f"[bold red]rokhdad: error:[/] {msg}", soft_wrap=True)


def _open(url: str) -> Any:
    from rokhdad.store import open_store

    try:
        return open_store(url)
    except Exception as exc:  # a bad URL or an unreachable server: one clear line
        _err(f"cannot open store {url}: {exc}")
        raise typer.Exit(2) from None


def _filters(date_from: str | None, date_to: str | None, country: str | None, etype: str | None) -> Any:
    from rokhdad.dates import DateError
    from rokhdad.store import Filters

    try:
        return Filters.of(date_from, date_to, country, etype)
    except DateError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None


def ingest_command(
    paths: Annotated[list[str], typer.Argument(help="files, folders, globs, or - for stdin")],
    db: DbOpt = "sqlite:///rokhdad.db",
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="re-analyse unchanged articles too (after a model update or another --ner-model)"
        ),
    ] = False,
    stages: Annotated[
        str | None, typer.Option("--stages", help="comma-separated pipeline stages (default: all)")
    ] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", help="articles per transaction")] = 64,
    progress: Annotated[bool | None, typer.Option("--progress/--no-progress", help="progress bar")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the summary as JSON")] = False,
    engine: EngineOpt = None,
    workers: WorkersOpt = 1,
    scheduler: SchedulerOpt = None,
    out_parquet: OutParquetOpt = None,
    time_limit: Annotated[
        float,
        typer.Option(
            "--time-limit",
            help="seconds per article before it is recorded as failed (0: none; the scaled engines use the default)",
        ),
    ] = ARTICLE_TIME_LIMIT,
    ner_model: NerModelOpt = "default",
    ner_scheme: NerSchemeOpt = None,
) -> None:
    """Analyse articles and store them; unchanged articles are skipped, changed ones replaced."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from rokhdad.config import Settings
    from rokhdad.read import read_paths
    from rokhdad.store.ingest import Summary, analyser, ingest

    err = Console(stderr=True, highlight=False)
    ner = {"ner_model": ner_model, "ner_scheme": ner_scheme}
    settings = (
        Settings(pipeline=tuple(s.strip() for s in stages.split(",") if s.strip()), **ner)
        if stages
        else Settings(**ner)
    )
    try:
        analyser(settings)  # build the pipeline once, before touching the store
    except Exception as exc:  # a missing model, an unknown stage, NER model or scheme: say so plainly
        _err(f"cannot build the pipeline: {type(exc).__name__}: {exc}")
        raise typer.Exit(2) from None
    store = _open(db)
    show = err.is_terminal if progress is None else progress

    def on_error(where: str, reason: str) -> None:
        err.print(f"[bold red]rokhdad: error:[/] {where}: {reason}", soft_wrap=True)

    try:
        if engine is not None or scheduler is not None or out_parquet is not None:
            from rokhdad.scale.cli import scaled_ingest

            summary = scaled_ingest(
                paths, db, engine, workers, scheduler, out_parquet, settings, batch_size, force, on_error
            )
        elif show:
            with Progress(
                SpinnerColumn(),
                TextColumn("{task.fields[read]} read"),
                BarColumn(bar_width=None),
                TextColumn(
                    "{task.fields[ingested]} ingested · {task.fields[skipped]} unchanged ·"
                    " {task.fields[failed]} failed · {task.fields[rate]:.1f} articles/s"
                ),
                TimeElapsedColumn(),
                console=err,
                transient=True,
            ) as bar:
                task = bar.add_task("ingest", total=None, read=0, ingested=0, skipped=0, failed=0, rate=0.0)

                def tick(s: Summary) -> None:
                    bar.update(
                        task,
                        read=s.read,
                        ingested=s.ingested,
                        skipped=s.skipped,
                        failed=len(s.failed),
                        rate=s.rate,
                    )

                summary = ingest(
                    read_paths(paths),
                    store,
                    settings=settings,
                    batch_size=batch_size,
                    force=force,
                    progress=tick,
                    on_error=on_error,
                    time_limit=time_limit or None,
                )
        else:
            summary = ingest(
                read_paths(paths),
                store,
                settings=settings,
                batch_size=batch_size,
                force=force,
                on_error=on_error,
                time_limit=time_limit or None,
            )
        counts = store.counts()
    finally:
        store.close()
    if as_json:
        sys.stdout.write(
            json.dumps(
                {
                    **summary.as_dict(),
                    "store": counts,
                    "failures": [{"where": w, "reason": r} for w, r in summary.failed],
                },
                ensure_ascii=False,
            )
            + "\n"
        )
    else:
        out = Console(highlight=False, soft_wrap=True)
        out.print(
            f"ingested {summary.ingested} ({summary.new} new, {summary.replaced} replaced), "
            f"skipped {summary.skipped} unchanged, failed {len(summary.failed)} "
            f"in {summary.seconds:.1f} s ({summary.rate:.1f} articles/s)"
        )
        for where, reason in summary.failed[:20]:
            out.print(f"  failed: {where}: {reason}", soft_wrap=True)
        if len(summary.failed) > 20:
            out.print(f"  … and {len(summary.failed) - 20} more")
        out.print(
            f"store {db}: {counts['articles']} articles, {counts['sentences']} sentences, "
            f"{counts['entities']} entities, {counts['actors']} actors, {counts['quotes']} quotes, "
            f"{counts['events']} events"
        )
    if summary.failed:
        raise typer.Exit(1)


def search_command(
    query: Annotated[str, typer.Argument(help="words to find (every word must occur; any spelling)")],
    db: DbOpt = "sqlite:///rokhdad.db",
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    country: CountryOpt = None,
    etype: TypeOpt = None,
    limit: Annotated[int, typer.Option("--limit", help="at most this many articles (0: all)")] = 50,
    as_jsonl: Annotated[bool, typer.Option("--jsonl", help="one JSON object per article")] = False,
) -> None:
    """Find articles by words over normalized Persian text, newest first."""
    filters = _filters(date_from, date_to, country, etype)
    store = _open(db)
    try:
        hits = store.search(query, filters, limit=limit or None)
        if as_jsonl:
            for hit in hits:
                sys.stdout.write(json.dumps(hit, ensure_ascii=False) + "\n")
        else:
            from rich.console import Console

            out = Console(highlight=False, soft_wrap=True)
            n = 0
            for hit in hits:
                n += 1
                out.print(f"[bold]{hit['id']}[/]  {hit['date'] or '-'}  {hit['title']}")
                out.print(f"    {hit['snippet']}", markup=False)
            out.print(f"{n} article(s)")
    finally:
        store.close()


def export_command(
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl | csv | parquet | gdelt")] = "jsonl",
    out: Annotated[
        str, typer.Option("--out", "-o", help="output file (- for stdout, not for parquet)")
    ] = "-",
    db: DbOpt = "sqlite:///rokhdad.db",
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    country: CountryOpt = None,
    etype: TypeOpt = None,
    per_article: Annotated[
        bool, typer.Option("--per-article", help="one row per article's event, no near-duplicate aggregation")
    ] = False,
) -> None:
    """Export events, one row per event (near-duplicate copies aggregated GDELT-style)."""
    from rokhdad.store.export import FORMATS, export, header_path

    if fmt not in FORMATS:
        _err(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    filters = _filters(date_from, date_to, country, etype)
    store = _open(db)
    try:
        n = export(store, fmt, out, filters, aggregate=not per_article)
    except ValueError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    finally:
        store.close()
    if out != "-":
        extra = f" (header: {header_path(Path(out))})" if fmt == "gdelt" else ""
        typer.echo(f"{n} event(s) written to {out}{extra}", err=True)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)
    app.command("search")(search_command)
    app.command("export")(export_command)
