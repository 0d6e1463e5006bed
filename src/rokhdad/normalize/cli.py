"""``rokhdad normalize``: normalized text out, one output line per input line."""

from __future__ import annotations

import sys
from typing import Annotated

import typer


def normalize_command(
    path: Annotated[str, typer.Argument(help="a text file, or - for stdin")] = "-",
) -> None:
    """Write the normalized text of FILE (or stdin), line for line."""
    from rokhdad.normalize import normalize

    stream = sys.stdin if path == "-" else open(path, encoding="utf-8")
    with stream:
        for line in stream:
            body = line.rstrip("\n")
            sys.stdout.write(normalize(body).text + "\n")


def register(app: typer.Typer) -> None:
    app.command("normalize")(normalize_command)
