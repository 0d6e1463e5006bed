"""Event exports that stream: JSONL, CSV, Parquet and a GDELT 2.0-style event table.

Every writer pulls rows one at a time from :meth:`Store.events` (a server-side cursor on
PostgreSQL) and writes them at once; Parquet is written in row groups of
:data:`PARQUET_BATCH` rows, so memory stays bounded whatever the size of the store.
The columns are documented in ``docs/schema.md``.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from rokhdad.store.base import NO_FILTERS, Filters, Store
from rokhdad.store.records import EXPORT_COLUMNS, EXPORT_NAMES, plover

FORMATS = ("jsonl", "csv", "parquet", "gdelt")
PARQUET_BATCH = 10_000

#: The 61 columns of a GDELT 2.0 event file, in order.
GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    *(
        f"Actor{n}{c}"
        for n in (1, 2)
        for c in (
            "Code",
            "Name",
            "CountryCode",
            "KnownGroupCode",
            "EthnicCode",
            "Religion1Code",
            "Religion2Code",
            "Type1Code",
            "Type2Code",
            "Type3Code",
        )
    ),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(
        f"{g}Geo_{c}"
        for g in ("Actor1", "Actor2", "Action")
        for c in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    ),
    "DATEADDED",
    "SOURCEURL",
)


@functools.cache
def _cameo_table() -> tuple[dict[str, str], dict[str, float]]:
    """PLOVER type → its first CAMEO code, and CAMEO code → Goldstein weight.

    Read from the events stage's crosswalk (``resources/events/cameo.tsv``) when present.
    """
    first: dict[str, str] = {}
    goldstein: dict[str, float] = {}
    try:
        from rokhdad.resources import resource_path

        lines = resource_path("events/cameo.tsv").read_text(encoding="utf-8").splitlines()
    except (OSError, ImportError):
        return first, goldstein
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 3:
            continue
        code, weight, ptype = parts[0].strip(), parts[1].strip(), parts[2].strip()
        try:
            goldstein[code] = float(weight)
        except ValueError:
            pass
        if ptype and ptype != "-":
            first.setdefault(ptype, code)
    return first, goldstein


def global_event_id(event_id: str) -> int:
    """A stable 60-bit integer for an event id (GDELT's GlobalEventID is an integer)."""
    return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:15], 16)


def _actor_code(country: str | None, sector: str | None) -> str:
    """A CAMEO-style actor code: country (``IGO:UN`` → ``IGOUN``) followed by the sector."""
    return f"{(country or '').replace(':', '')}{sector or ''}"


def gdelt_row(row: dict[str, Any]) -> list[Any]:
    """One export row as the 61 values of a GDELT 2.0 event record (see docs/schema.md)."""
    date = row.get("date") or row.get("article_date")
    day = month = year = frac = ""
    if date:
        d = dt.date.fromisoformat(date)
        day, month, year = d.strftime("%Y%m%d"), d.strftime("%Y%m"), d.year
        frac = f"{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}"
    first, weights = _cameo_table()
    code = row.get("cameo") or first.get(row.get("type") or "", "")
    goldstein = row.get("goldstein")
    if goldstein is None and code:
        goldstein = weights.get(code, weights.get(code[:3]))

    def actor(side: str) -> list[Any]:
        country = row.get(f"{side}_country") or ""
        iso3 = country if len(country) == 3 and country.isalpha() else ""
        group = country.split(":", 1)[1] if country.startswith(("IGO:", "NSA:")) else ""
        name = row.get(f"{side}_name_en") or row.get(f"{side}_text") or ""
        return [
            _actor_code(country, row.get(f"{side}_sector")),
            name.upper(),
            iso3,
            group,
            "",
            "",
            "",
            row.get(f"{side}_sector") or "",
            "",
            "",
        ]

    lat, lon = row.get("latitude"), row.get("longitude")
    has_loc = bool(row.get("location_name_en") or row.get("location_text") or row.get("location_country"))
    geo_type = (4 if lat is not None else 1) if has_loc else 0
    action_geo = [
        geo_type,
        row.get("location_name_en") or row.get("location_text") or "",
        row.get("location_country") or "",
        "",
        "",
        "" if lat is None else lat,
        "" if lon is None else lon,
        "",
    ]
    return [
        global_event_id(row["event_id"]),
        day,
        month,
        year,
        frac,
        *actor("source"),
        *actor("target"),
        1 if row.get("evidence_sentence") in (0, None) else 0,
        code,
        code[:3],
        code[:2],
        row.get("quad") or "",
        "" if goldstein is None else goldstein,
        row.get("num_mentions") or 1,
        row.get("num_sources") or 1,
        row.get("num_articles") or 1,
        "",
        0,
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        0,
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        *action_geo,
        (day + "000000") if day else "",
        row.get("url") or "",
    ]


def _tsv(value: Any) -> str:
    return "" if value is None else str(value).replace("\t", " ").replace("\n", " ").replace("\r", " ")


def write_jsonl(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps(plover(row), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    w = csv.writer(out)
    w.writerow(EXPORT_NAMES)
    n = 0
    for row in rows:
        w.writerow(["" if row[c] is None else row[c] for c in EXPORT_NAMES])
        n += 1
    return n


def write_gdelt(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    """GDELT files have no header line: the header goes to a file alongside (:func:`export`)."""
    n = 0
    for row in rows:
        out.write("\t".join(_tsv(v) for v in gdelt_row(row)) + "\n")
        n += 1
    return n


def parquet_schema() -> Any:
    import pyarrow as pa

    types = {
        "text": pa.string(),
        "json": pa.string(),
        "int": pa.int64(),
        "real": pa.float64(),
        "bool": pa.bool_(),
    }
    return pa.schema([(name, types[typ]) for name, typ in EXPORT_COLUMNS])


def write_parquet(rows: Iterable[dict[str, Any]], path: Path) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("Parquet export needs pyarrow: pip install 'rokhdad[parquet]'") from exc
    schema = parquet_schema()
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        cols: dict[str, list[Any]] = {c: [] for c in EXPORT_NAMES}

        def flush() -> None:
            if cols["event_id"]:
                writer.write_table(pa.table(cols, schema=schema))
                for v in cols.values():
                    v.clear()

        for row in rows:
            for c in EXPORT_NAMES:
                cols[c].append(row[c])
            n += 1
            if n % PARQUET_BATCH == 0:
                flush()
        flush()
    return n


def header_path(path: Path) -> Path:
    """Where the GDELT header file of an export goes: ``events.tsv`` → ``events.tsv.header.tsv``."""
    return path.with_name(path.name + ".header.tsv")


def export(
    store: Store, fmt: str, out: Path | str, filters: Filters = NO_FILTERS, aggregate: bool = True
) -> int:
    """Write the events of ``store`` to ``out`` (``-`` for stdout, not for Parquet); returns the row count."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    rows: Iterator[dict[str, Any]] = store.events(filters, aggregate=aggregate)
    if fmt == "parquet":
        if str(out) == "-":
            raise ValueError("Parquet export needs a file (--out PATH), not stdout")
        return write_parquet(rows, Path(out))
    import sys

    writer = {"jsonl": write_jsonl, "csv": write_csv, "gdelt": write_gdelt}[fmt]
    if str(out) == "-":
        return writer(rows, sys.stdout)
    path = Path(out)
    if fmt == "gdelt":
        header_path(path).write_text("\t".join(GDELT_COLUMNS) + "\n", encoding="utf-8")
    with path.open("w", encoding="utf-8", newline="") as fh:
        return writer(rows, fh)
