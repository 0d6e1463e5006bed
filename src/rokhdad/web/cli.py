"""``rokhdad serve``: the API and dashboard over a store."""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to the ``rokhdad`` CLI."""

    @app.command()
    def serve(
        db: Annotated[
            str,
            typer.Option(
                "--db", envvar="ROKHDAD_DB", help="store URL: sqlite:///FILE.db or postgresql://..."
            ),
        ] = ("sqlite:///rokhdad.db"),
        host: Annotated[str, typer.Option("--host", help="address to listen on")] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", help="port to listen on")] = 8000,
        workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="server processes")] = 1,
    ) -> None:
        """Serve the JSON API (/api, docs at /docs) and the dashboard (/) over a store, read-only."""
        from rich.console import Console

        err = Console(stderr=True, highlight=False)
        try:
            import uvicorn

            from rokhdad.web.app import create_app
            from rokhdad.web.db import StoreNotFound
        except ImportError as exc:
            err.print(
                f"[bold red]rokhdad: error:[/] the web server needs the web extra "
                f"(pip install 'rokhdad[web]'): {exc}"
            )
            raise typer.Exit(2) from None
        try:
            web = create_app(db)
        except (StoreNotFound, ValueError) as exc:
            err.print(f"[bold red]rokhdad: error:[/] {exc}")
            raise typer.Exit(2) from None
        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        url = f"http://{'[' + shown + ']' if ':' in shown else shown}:{port}/"
        err.print(f"rokhdad: dashboard at [bold]{url}[/]  (API docs at {url}docs; Ctrl+C stops)")
        if workers > 1:
            # Each worker process imports the app itself, from the URL in the environment.
            import os

            from rokhdad.web.app import DB_ENV

            os.environ[DB_ENV] = db
            uvicorn.run(
                "rokhdad.web.app:app_from_env",
                factory=True,
                workers=workers,
                host=host,
                port=port,
                log_level="warning",
                server_header=False,
            )
        else:
            uvicorn.run(web, host=host, port=port, log_level="warning", server_header=False)
