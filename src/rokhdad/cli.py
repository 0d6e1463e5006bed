"""The ``rokhdad`` command line (Typer + rich)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from rokhdad.config import ARTICLE_TIME_LIMIT, Settings
from rokhdad.document import Article, Document
from rokhdad.ner.cli import NerModelOpt, NerSchemeOpt, ner_settings
from rokhdad.read import ReadError, read_paths

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="rokhdad: Persian news → political event data (PLOVER/CAMEO) with evidence offsets.",
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)


def report_error(e: ReadError | str) -> None:
    """One clear line on stderr for one bad input."""
    err.print(f"[bold red]rokhdad: error:[/] {e}", soft_wrap=True, markup=True)


class Batch:
    """Reads inputs, reports bad ones and counts them; stops at the first with ``strict``."""

    def __init__(self, paths: list[str], strict: bool = False) -> None:
        self.paths = paths
        self.strict = strict
        self.failed = 0

    def articles(self) -> Iterator[Article]:
        for item in read_paths(self.paths):
            if isinstance(item, ReadError):
                self.failed += 1
                report_error(item)
                if self.strict:
                    raise typer.Exit(1)
                continue
            yield item


def _progress(it: Iterator[Document], enabled: bool) -> Iterator[Document]:
    if not enabled:
        yield from it
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.completed} articles"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("extract")
        for doc in it:
            bar.advance(task)
            yield doc


def print_table(doc: Document, console: Console) -> None:
    """A human summary of one document."""
    title = doc.title or doc.text[:60].replace("\n", " ")
    console.rule(f"[bold]{doc.id}[/]  {doc.date or 'no date'}  {title}")
    console.print(
        f"{len(doc.sentences)} sentences, {len(doc.entities)} entities, {len(doc.actors)} actors, "
        f"{len(doc.quotes)} quotes, {len(doc.events)} events"
    )
    if doc.events:
        t = Table("type", "summary", "sentence", show_lines=False)
        for e in doc.events:
            t.add_row(
                e.get("type", ""), e.get("summary", ""), str((e.get("evidence") or {}).get("sentence", ""))
            )
        console.print(t)
    if doc.quotes:
        t = Table("speaker", "cue", "content")
        for q in doc.quotes:
            spk = q.get("speaker") or {}
            t.add_row(
                spk.get("name_en") or spk.get("text", ""), q.get("cue", ""), (q.get("content") or "")[:80]
            )
        console.print(t)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="files, folders, globs, or - for stdin")],
    pretty: Annotated[bool, typer.Option("--pretty", help="indented JSON")] = False,
    table: Annotated[bool, typer.Option("--table", help="a human summary instead of JSON")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="stop at the first bad input")] = False,
    workers: Annotated[int, typer.Option("--workers", "-j", help="processes to use")] = 1,
    time_limit: Annotated[
        float,
        typer.Option("--time-limit", help="seconds per article before it is recorded as failed (0: none)"),
    ] = ARTICLE_TIME_LIMIT,
    ner_model: NerModelOpt = "default",
    ner_scheme: NerSchemeOpt = None,
) -> None:
    """Extract sentences, entities, actors, quotes and events: one JSON object per article."""
    from rokhdad.pipeline import Failure, pipe

    settings = Settings(**ner_settings(ner_model, ner_scheme))
    batch = Batch(paths, strict=strict)
    out = Console(highlight=False, soft_wrap=True) if table else None
    show_bar = err.is_terminal and (len(paths) > 1 or any(Path(p).is_dir() for p in paths))

    def on_error(failure: Failure) -> None:
        batch.failed += 1
        report_error(f"{failure.id}: {failure.reason}")
        if strict:
            raise typer.Exit(1)

    docs = pipe(
        batch.articles(),
        n_process=workers,
        settings=settings,
        on_error=on_error,
        time_limit=time_limit or None,
    )
    for doc in _progress(docs, show_bar):
        if out is not None:
            print_table(doc, out)
        else:
            sys.stdout.write(
                json.dumps(doc.to_dict(), ensure_ascii=False, indent=2 if pretty else None) + "\n"
            )
    sys.stdout.flush()
    if batch.failed:
        err.print(f"rokhdad: {batch.failed} input(s) failed")
        raise typer.Exit(1)


@app.command()
def version() -> None:
    """Print the rokhdad version."""
    from rokhdad import __version__

    typer.echo(__version__)


# Commands of later stages live beside their module (``rokhdad/<stage>/cli.py``) and add
# themselves here; each keeps heavy imports inside its command so start-up stays fast.
COMMAND_MODULES = ("rokhdad.normalize.cli", "rokhdad.ner.cli", "rokhdad.store.cli", "rokhdad.web.cli")


def _register_commands() -> None:
    import importlib

    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name and name.startswith(exc.name):
                continue  # that stage is not built yet
            raise
        module.register(app)


_register_commands()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
