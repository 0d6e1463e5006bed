"""Cut inputs into parts a worker can read on its own: whole files, or line ranges of JSONL.

Inputs are local paths (files, folders, globs) or any fsspec URL (``s3://bucket/news/*.jsonl``,
``gs://…``, ``https://…``). A JSONL file is cut into ranges of whole lines; each part keeps
its first line number and byte offset, so a worker seeks straight to it and the reader gives
records without an ``id`` the same default id («farsnews-17») as a single-process run::

    >>> parts = partition(["news.jsonl"], lines_per_part=500)   # doctest: +SKIP
    >>> parts[1].first_line, parts[1].n_lines                      # doctest: +SKIP
    (501, 500)
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rokhdad.read import JSONL_EXTS, ReadError, expand

#: Lines per JSONL part when the caller does not choose.
DEFAULT_LINES_PER_PART = 200


@dataclass(frozen=True, slots=True)
class Part:
    """One unit of work: a whole file (``n_lines`` None) or ``n_lines`` lines from ``first_line``.

    ``index`` is the part's place in input order; results are merged in that order.
    """

    index: int
    url: str
    first_line: int = 1
    offset: int = 0
    n_lines: int | None = None

    @property
    def is_range(self) -> bool:
        return self.n_lines is not None


def is_url(path: str) -> bool:
    """True for an fsspec URL other than a plain local path («s3://…», «memory://…»)."""
    return "://" in path and not path.startswith("file://")


def _local_path(path: str) -> str:
    return path[len("file://") :] if path.startswith("file://") else path


def expand_inputs(paths: Iterable[str]) -> Iterator[str | ReadError]:
    """Every input file, in order: local folders and globs as :func:`rokhdad.read.expand`
    walks them; URLs through fsspec (a glob or a folder lists its files, sorted)."""
    for raw in paths:
        p = str(raw)
        if p == "-":
            yield ReadError(p, "stdin cannot be split across workers; give a file")
        elif not is_url(p):
            yield from expand([_local_path(p)])
        else:
            import fsspec

            try:
                fs, _, found = fsspec.get_fs_token_paths(p)
                proto = fs.protocol[0] if isinstance(fs.protocol, tuple) else fs.protocol
                files: list[str] = []
                for f in sorted(found):
                    if fs.isdir(f):
                        files.extend(sorted(x for x in fs.find(f) if not os.path.basename(x).startswith(".")))
                    else:
                        files.append(f)
            except Exception as exc:  # unreachable bucket, missing driver: one clear reason
                yield ReadError(p, f"cannot list ({type(exc).__name__}: {exc})")
                continue
            if not files:
                yield ReadError(p, "no file matches this URL" if glob.has_magic(p) else "no such file")
            for f in files:
                yield f if "://" in f else f"{proto}://{f}"


def _line_ranges(url: str, lines_per_part: int) -> Iterator[tuple[int, int, int]]:
    """(first line, byte offset, number of lines) of each range of a line-delimited file."""
    import fsspec

    with fsspec.open(url, "rb") as fh:
        first, offset, n, pos = 1, 0, 0, 0
        for line in fh:
            n += 1
            pos += len(line)
            if n == lines_per_part:
                yield first, offset, n
                first, offset, n = first + n, pos, 0
        if n:
            yield first, offset, n


def partition(
    paths: Iterable[str], lines_per_part: int = DEFAULT_LINES_PER_PART
) -> tuple[list[Part], list[ReadError]]:
    """The parts of the inputs in input order, and the inputs that could not be listed."""
    if lines_per_part < 1:
        raise ValueError("lines_per_part must be at least 1")
    parts: list[Part] = []
    errors: list[ReadError] = []
    for item in expand_inputs(paths):
        if isinstance(item, ReadError):
            errors.append(item)
            continue
        ext = os.path.splitext(item.split("?", 1)[0])[1].lower()
        if ext in JSONL_EXTS:
            try:
                ranges = list(_line_ranges(item, lines_per_part))
            except OSError as exc:
                errors.append(ReadError(item, f"cannot read file ({exc})"))
                continue
            for first, offset, n in ranges:
                parts.append(Part(len(parts), item, first, offset, n))
        else:
            parts.append(Part(len(parts), item))
    return parts, errors
