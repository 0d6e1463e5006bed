"""Readers: files, folders, globs and stdin into :class:`~rokhdad.document.Article` records.

Formats, chosen by extension (or sniffed for stdin):

- seed format ``.txt``: first token ``date`` then ``YYYY-MM-DD`` (or a Jalali date), then the body
  on the same line or the next ones — ``date 2025-11-25 سردار ایاز صادق ...``;
- plain ``.txt``: the whole file is the body, no date;
- JSON Lines ``.jsonl``/``.ndjson``: ``id``, ``date``, ``title``, ``text``; other fields go to ``meta``;
- JSON ``.json``: one such object, or an array of them;
- CSV ``.csv`` with the same columns;
- HTML ``.html``/``.htm``: main text, title and date extracted by trafilatura.

Bad input never raises out of :func:`read_paths`: it yields a :class:`ReadError` naming
the file (and line or record) and the reason, and goes on with the next record.
"""

from __future__ import annotations

import csv
import glob
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rokhdad.config import MAX_ARTICLE_CHARS
from rokhdad.dates import DateError, parse_date
from rokhdad.document import Article

TEXT_EXTS = {".txt", ".text"}
JSONL_EXTS = {".jsonl", ".ndjson"}
JSON_EXTS = {".json"}
CSV_EXTS = {".csv"}
HTML_EXTS = {".html", ".htm", ".xhtml"}
KNOWN_EXTS = TEXT_EXTS | JSONL_EXTS | JSON_EXTS | CSV_EXTS | HTML_EXTS
# Documentation beside the articles in a folder is not input.
SKIPPED_IN_FOLDERS = {".md", ".rst"}

_SEED_HEADER = re.compile(r"\A\s*date\s+(\S+)[ \t]*(?:\r?\n)?")
_BINARY_SNIFF = 8192
ZWNJ = "\u200c"
_ZWNJ_STAND_INS = ("\u2042", "\u2e3b", "\u29f8", "\U0001f700")
_FIELDS = ("id", "date", "title", "text", "source", "url")


@dataclass(frozen=True, slots=True)
class ReadError:
    """One input that could not be read: where, and why."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


class InputError(ValueError):
    """Raised inside a reader for a bad record; turned into a :class:`ReadError`."""


# -- decoding --------------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 (with BOM, or Persian without one),
    else Windows-1256 Persian.

    Raises :class:`InputError` for empty input, binary data and text in no encoding we know.
    """
    text = _decode(data)
    if not text.strip():
        raise InputError("empty file (no text, only a byte-order mark or spaces)")
    return text


def _decode(data: bytes) -> str:
    if not data.strip():
        raise InputError("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"broken UTF-16 text at byte {exc.start}") from None
    if b"\x00" in data[:_BINARY_SNIFF]:
        text = _utf16_without_bom(data)
        if text is None:
            raise InputError("binary file (NUL bytes), not text")
        return text
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    # A download cut in the middle of a character: keep what came before it.
    if utf8_error.reason == "unexpected end of data" and len(data) - utf8_error.start < 4:
        text = data[: utf8_error.start].decode("utf-8-sig")
        if not text.strip():
            raise InputError("no text (only a cut-off UTF-8 character)")
        return text
    # Older Iranian sites still serve Windows-1256. A few bad bytes in otherwise valid UTF-8
    # are corruption, not another encoding; a cp1256 text fails UTF-8 almost everywhere.
    bad = data.decode("utf-8", errors="replace").count("\ufffd")
    if bad < max(3, len(data) // 10):
        raise InputError(f"not UTF-8 text (invalid byte at offset {utf8_error.start})")
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        text = ""
    letters = [c for c in text if c.isalpha()]
    if letters and sum("\u0600" <= c <= "\u06ff" for c in letters) / len(letters) > 0.6:
        return text
    raise InputError(f"not UTF-8 text (invalid byte at offset {utf8_error.start})")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark (Notepad's "Unicode"), or None.

    Persian letters are U+06xx, so every other byte is 0x06 or, for spaces and ASCII, 0x00.
    """
    if len(data) % 2:
        return None
    head = data[:_BINARY_SNIFF]
    for codec, high in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        if high.count(0) + high.count(6) < 0.9 * len(high):
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            return None
        sample = text[: _BINARY_SNIFF // 2]
        printable = sum(c.isprintable() or c in "\t\n\r" for c in sample)
        if "\x00" in sample or printable < 0.95 * len(sample) or not any(c.isalpha() for c in sample):
            return None
        return text
    return None


def _check_text(text: str) -> str:
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(
            f"article text is {len(text):,} characters, over the {MAX_ARTICLE_CHARS:,} limit"
            " (one article per record expected)"
        )
    controls = sum(1 for c in text[:_BINARY_SNIFF] if ord(c) < 32 and c not in "\t\n\r\f\v")
    if controls > max(8, len(text[:_BINARY_SNIFF]) // 20):
        raise InputError("binary data (control characters), not text")
    return text


# -- one record ------------------------------------------------------------------------------


def article_from_mapping(rec: dict[str, Any], *, default_id: str) -> Article:
    """Build an article from a JSON/CSV record; unknown fields are kept in ``meta``."""
    if not isinstance(rec, dict):
        raise InputError(f"expected a JSON object, got {type(rec).__name__}")
    text = rec.get("text")
    if text is None or not isinstance(text, str):
        raise InputError("record has no 'text' string")
    if not text.strip():
        raise InputError("record has an empty 'text'")
    try:
        date = parse_date(rec.get("date") or None)
    except DateError as exc:
        raise InputError(str(exc)) from None
    rid = rec.get("id")
    return Article(
        id=str(rid) if rid not in (None, "") else default_id,
        text=_check_text(text.strip()),
        date=date,
        title=str(rec.get("title") or ""),
        source=str(rec.get("source") or ""),
        url=str(rec.get("url") or rec.get("link") or ""),
        meta={k: v for k, v in rec.items() if k not in _FIELDS},
    )


def article_from_text(text: str, *, default_id: str) -> Article:
    """Seed format (``date YYYY-MM-DD`` header) or plain text."""
    text = _check_text(text)
    date = None
    m = _SEED_HEADER.match(text)
    if m:
        try:
            date = parse_date(m.group(1))
        except DateError as exc:
            raise InputError(str(exc)) from None
        text = text[m.end() :]
    body = text.strip()
    if not body:
        raise InputError("no article text" + (" after the date header" if m else ""))
    return Article(id=default_id, text=body, date=date)


def article_from_html(html: str, *, default_id: str, url: str = "") -> Article:
    """Main text, title and date of an HTML page, by trafilatura."""
    import trafilatura

    if len(html) > 10 * MAX_ARTICLE_CHARS:
        raise InputError(f"HTML page is {len(html):,} characters, too large for one article")
    # trafilatura drops the zero-width non-joiner, which Persian spelling needs («گفت‌وگو»):
    # carry it through as a visible character the page does not use.
    keep = next((c for c in _ZWNJ_STAND_INS if c not in html), None)
    if keep is not None:
        html = html.replace(ZWNJ, keep)
    doc = trafilatura.bare_extraction(html, url=url or None, with_metadata=True, include_comments=False)
    if doc is None:
        raise InputError("no article text found in the HTML page")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    if keep is not None:
        data = {k: v.replace(keep, ZWNJ) if isinstance(v, str) else v for k, v in data.items()}
    body = (data.get("text") or "").strip()
    if not body:
        raise InputError("no article text found in the HTML page")
    try:
        date = parse_date(data.get("date") or None)
    except DateError:
        date = None  # a page's metadata date is a hint, not the record's promise
    return Article(
        id=default_id,
        text=_check_text(body),
        date=date,
        title=data.get("title") or "",
        source=data.get("sitename") or "",
        url=data.get("url") or url,
    )


# -- whole inputs ----------------------------------------------------------------------------


def _records_jsonl(text: str, where: str) -> Iterator[Article | ReadError]:
    seen = False
    # Records end at "\n" only: str.splitlines() would also cut at U+2028 or U+0085 inside a string.
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        seen = True
        loc = f"{where}:{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(loc, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        try:
            yield article_from_mapping(rec, default_id=f"{Path(where).stem}-{lineno}")
        except InputError as exc:
            yield ReadError(loc, str(exc))
    if not seen:
        yield ReadError(where, "no records (only blank lines)")


def _records_json(text: str, where: str) -> Iterator[Article | ReadError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield ReadError(f"{where}:{exc.lineno}", f"malformed JSON ({exc.msg} at column {exc.colno})")
        return
    items = data if isinstance(data, list) else [data]
    stem = Path(where).stem
    for n, rec in enumerate(items, 1):
        try:
            yield article_from_mapping(rec, default_id=stem if len(items) == 1 else f"{stem}-{n}")
        except InputError as exc:
            yield ReadError(f"{where}:record {n}" if len(items) > 1 else where, str(exc))


def _records_csv(text: str, where: str) -> Iterator[Article | ReadError]:
    # Let a long field through to the article-length check, which says what is wrong.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_ARTICLE_CHARS + 1))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        yield ReadError(f"{where}:header", f"malformed CSV ({exc})")
        return
    if not header or "text" not in header:
        yield ReadError(where, "CSV has no 'text' column in its header")
        return
    n = 0
    while True:
        n += 1
        loc = f"{where}:record {n}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # the reader resumes on the next line
            yield ReadError(loc, f"malformed CSV ({exc})")
            continue
        if None in row:  # more cells than header columns: quoting went wrong
            yield ReadError(loc, "more fields than the header has (broken quoting?)")
            continue
        try:
            yield article_from_mapping(dict(row), default_id=f"{Path(where).stem}-{n}")
        except InputError as exc:
            yield ReadError(loc, str(exc))


def _sniff(text: str) -> str:
    stripped = text.lstrip()
    head = stripped[:1]
    if head == "[":
        return "json"
    if head == "{":
        # one object per line, or one pretty-printed object
        first = stripped.split("\n", 1)[0].rstrip()
        return "jsonl" if first.endswith("}") else "json"
    if head == "<":
        return "html"
    return "text"


def read_text(text: str, where: str, fmt: str | None = None) -> Iterator[Article | ReadError]:
    """Records of one decoded input; ``fmt`` is jsonl, csv, html or text (sniffed if None)."""
    fmt = fmt or _sniff(text)
    default_id = Path(where).stem if where != "-" else "stdin"
    if fmt == "jsonl":
        yield from _records_jsonl(text, where)
    elif fmt == "json":
        yield from _records_json(text, where)
    elif fmt == "csv":
        yield from _records_csv(text, where)
    else:
        try:
            if fmt == "html":
                yield article_from_html(text, default_id=default_id)
            else:
                yield article_from_text(text, default_id=default_id)
        except InputError as exc:
            yield ReadError(where, str(exc))


def _format_of(path: Path) -> str | None:
    ext = path.suffix.lower()
    if ext in JSONL_EXTS:
        return "jsonl"
    if ext in JSON_EXTS:
        return "json"
    if ext in CSV_EXTS:
        return "csv"
    if ext in HTML_EXTS:
        return "html"
    if ext in TEXT_EXTS:
        return "text"
    return None


def read_file(path: str | Path) -> Iterator[Article | ReadError]:
    """Records of one file (any known format; an unknown extension is sniffed)."""
    where = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        yield ReadError(where, f"cannot read file ({exc.strerror or exc})")
        return
    try:
        text = decode(data)
    except InputError as exc:
        yield ReadError(where, str(exc))
        return
    yield from read_text(text, where, _format_of(Path(path)))


def expand(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str | ReadError]:
    """Each argument as files: folders walked (sorted; hidden files and ``.md`` notes skipped),
    globs expanded, ``-`` kept for stdin."""
    for raw in paths:
        p = str(raw)
        if p == "-":
            yield p
        elif os.path.isdir(p):
            files = sorted(
                str(f)
                for f in Path(p).rglob("*")
                if f.is_file() and not f.name.startswith(".") and f.suffix.lower() not in SKIPPED_IN_FOLDERS
            )
            if not files:
                yield ReadError(p, "folder holds no files")
            yield from files
        elif os.path.exists(p):
            yield p
        elif glob.has_magic(p):
            matches = sorted(glob.glob(p, recursive=True))
            if not matches:
                yield ReadError(p, "no file matches this pattern")
            yield from (m for m in matches if os.path.isfile(m))
        else:
            yield ReadError(p, "no such file or folder")


def read_paths(
    paths: Iterable[str | os.PathLike[str]], stdin: io.BufferedIOBase | None = None
) -> Iterator[Article | ReadError]:
    """Every record of every input, in order; errors are yielded, never raised."""
    for item in expand(paths):
        if isinstance(item, ReadError):
            yield item
        elif item == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            try:
                text = decode(stream.read())
            except InputError as exc:
                yield ReadError("<stdin>", str(exc))
                continue
            yield from read_text(text, "-")
        else:
            yield from read_file(item)
