"""``rokhdad normalize``: normalized text out, one output line per input line.

    rokhdad normalize news.txt > news.norm.txt
    cat news.txt | rokhdad normalize --no-zwnj --digits ascii

Reads line by line, so any size streams in bounded memory. The writer's ZWNJ convention
(:mod:`rokhdad.normalize.style`) is judged once, on the first million characters of the input,
which are held back until then; ``--zwnj-style`` sets it instead.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer


def normalize_command(
    path: Annotated[str, typer.Argument(help="a text file, or - for stdin")] = "-",
    off: Annotated[
        list[str] | None,
        typer.Option(
            "--off",
            help="switch a sub-step off (repeatable): unicode, letters, diacritics, "
            "wrong_zwnj, punctuation, spaces, broken_words, space_zwnj, zwnj, protect",
        ),
    ] = None,
    digits: Annotated[str, typer.Option(help="keep, persian or ascii")] = "keep",
    zwnj: Annotated[bool, typer.Option("--zwnj/--no-zwnj", help="all three ZWNJ repairs")] = True,
    zwnj_style: Annotated[
        str,
        typer.Option(
            "--zwnj-style",
            help="the writer's ZWNJ convention: auto (judged on the input), kept, dropped, spaced "
            "(«می شود»: repair spaces, add no ZWNJ inside words) or unknown",
        ),
    ] = "auto",
) -> None:
    """Write the normalized text of FILE (or stdin), line for line."""
    from itertools import chain

    from rokhdad.normalize import STYLES, judge_zwnj_style, normalize, resolve_steps
    from rokhdad.normalize.style import SAMPLE_CHARS

    if digits not in ("keep", "persian", "ascii"):
        raise typer.BadParameter("--digits must be keep, persian or ascii")
    steps = {name: False for name in off or []}
    steps["digits_persian"] = digits == "persian"
    steps["digits_ascii"] = digits == "ascii"
    if not zwnj:
        steps.update(zwnj=False, space_zwnj=False, broken_words=False)
    if zwnj_style not in STYLES:
        raise typer.BadParameter(f"--zwnj-style must be one of {', '.join(STYLES)}")
    try:
        resolve_steps(steps)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc

    if path == "-":
        sys.stdin.reconfigure(encoding="utf-8", newline="")  # type: ignore[union-attr]
        stream = sys.stdin
    else:
        stream = open(path, encoding="utf-8", newline="")
    out = sys.stdout
    out.reconfigure(encoding="utf-8", newline="")  # type: ignore[union-attr]
    with stream:
        head: list[str] = []
        if zwnj_style == "auto":
            size = 0
            for line in stream:
                head.append(line)
                size += len(line)
                if size >= SAMPLE_CHARS:
                    break
            zwnj_style = judge_zwnj_style("".join(head), steps)
        for line in chain(head, stream):
            body = line.rstrip("\r\n")
            out.write(normalize(body, steps, zwnj_style).text + line[len(body) :])


def register(app: typer.Typer) -> None:
    app.command("normalize")(normalize_command)
