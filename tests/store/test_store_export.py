"""Exports read back with pandas/pyarrow, with the columns docs/schema.md documents."""

from __future__ import annotations

import json
import re
import tracemalloc
from pathlib import Path

import pytest
from store_helpers import ROOT, actor, event, make_doc, store_fixture, store_url_fixture  # noqa: F401 (pytest fixtures)

from rokhdad.store import Filters
from rokhdad.store.dedup import Deduper
from rokhdad.store.export import GDELT_COLUMNS, export, global_event_id, header_path
from rokhdad.store.ingest import prepare
from rokhdad.store.keys import content_hash
from rokhdad.store.records import EXPORT_COLUMNS

pd = pytest.importorskip("pandas", reason="export read-back tests need pandas (the dev extra)")
pytest.importorskip("pyarrow", reason="Parquet export needs pyarrow (the parquet extra)")
SCHEMA_MD = ROOT / "docs" / "schema.md"
IRN, IRQ, USA = actor("ایران", "IRN", "Iran", sector="GOV"), actor("عراق", "IRQ"), actor("آمریکا", "USA")


def documented(section: str) -> list[tuple[str, str]]:
    """``(column, type)`` rows of the first table under a heading of docs/schema.md."""
    text = SCHEMA_MD.read_text(encoding="utf-8")
    start = text.index(section)
    rows = []
    for line in text[start:].splitlines()[1:]:
        if line.startswith("#"):
            break
        m = re.match(r"\|\s*`([^`]+)`\s*\|\s*([^|]+?)\s*\|", line)
        if m:
            rows.append((m.group(1), m.group(2)))
    return rows


def fill(store, n: int = 3) -> None:
    docs = []
    for i in range(n):
        loc = {"text": "بغداد", "name_en": "Baghdad", "country": "IRQ", "latitude": 33.3, "longitude": 44.4}
        docs.append(
            make_doc(
                f"d{i}",
                f"خبر شماره {i} درباره ایران و عراق\nو آمریکا",
                f"2025-0{i + 1}-15",
                [event("CONSULT", IRN, IRQ, location=loc), event("ACCUSE", USA, IRN, sentence=1)],
                url=f"https://example.org/{i}",
                title=f"عنوان {i}",
            )
        )
    d = Deduper()
    store.write([prepare(doc, content_hash(doc.text, doc.title), d) for doc in docs])


def test_documented_columns_are_the_exported_ones():
    doc_cols = documented("### CSV and Parquet columns")
    kinds = {"text": "string", "json": "string (JSON)", "int": "int64", "real": "float64", "bool": "bool"}
    assert doc_cols == [(n, kinds[t]) for n, t in EXPORT_COLUMNS]
    text = SCHEMA_MD.read_text(encoding="utf-8")
    mapping = set(re.findall(r"`([^`]+)`", text[text.index("| GDELT column |") :]))
    for col in GDELT_COLUMNS:
        # a column is named, or its Actor1 twin is ("Actor2…": the same for the target), or its group is
        assert (
            col in mapping
            or col.replace("Actor2", "Actor1") in mapping
            or col.split("_")[0] + "_*" in mapping
        ), col


def test_four_formats_read_back(store, tmp_path: Path):
    fill(store)
    n_rows = len(list(store.events()))
    assert n_rows == 6
    names = [n for n, _ in EXPORT_COLUMNS]

    assert export(store, "csv", tmp_path / "e.csv") == n_rows
    df = pd.read_csv(tmp_path / "e.csv")
    assert list(df.columns) == names and len(df) == n_rows
    assert df["latitude"].dropna().tolist() == [33.3] * 3
    assert df["num_articles"].tolist() == [1] * 6

    assert export(store, "parquet", tmp_path / "e.parquet") == n_rows
    import pyarrow.parquet as pq

    table = pq.read_table(tmp_path / "e.parquet")
    assert table.column_names == names and table.num_rows == n_rows
    assert str(table.schema.field("latitude").type) == "double"
    assert str(table.schema.field("historical").type) == "bool"
    assert pd.read_parquet(tmp_path / "e.parquet")["event_id"].tolist() == df["event_id"].tolist()

    assert export(store, "jsonl", tmp_path / "e.jsonl") == n_rows
    recs = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()]
    first = recs[0]
    for key in (
        "type",
        "mode",
        "source",
        "target",
        "location",
        "date",
        "historical",
        "negated",
        "hypothetical",
        "future",
        "evidence",
        "cameo",
        "goldstein",
        "quad",
        "confidence",
        "summary",
    ):
        assert key in first, key
    assert first["source"][0]["country"] in ("IRN", "USA") and isinstance(first["target"], list)
    assert pd.read_json(tmp_path / "e.jsonl", lines=True)["event_id"].tolist() == df["event_id"].tolist()

    out = tmp_path / "events.tsv"
    assert export(store, "gdelt", out) == n_rows
    header = header_path(out).read_text(encoding="utf-8").rstrip("\n").split("\t")
    assert header == list(GDELT_COLUMNS) and len(header) == 61
    g = pd.read_csv(out, sep="\t", header=None, names=header, dtype=str, keep_default_na=False)
    assert len(g) == n_rows
    consult = g[g["EventRootCode"] == "04"].iloc[0]
    assert consult["Actor1Code"] == "IRNGOV" and consult["Actor1CountryCode"] == "IRN"
    assert consult["Actor2CountryCode"] == "IRQ" and consult["QuadClass"] == "1"
    assert consult["ActionGeo_Lat"] == "33.3" and consult["ActionGeo_Type"] == "4"
    assert consult["Day"] == "20250115" and consult["SOURCEURL"] == "https://example.org/0"
    assert int(consult["GlobalEventID"]) == global_event_id("d0:0")


def test_export_filters_apply(store, tmp_path: Path):
    fill(store)
    assert export(store, "csv", tmp_path / "f.csv", Filters.of(type="ACCUSE", date_from="2025-02-01")) == 2
    df = pd.read_csv(tmp_path / "f.csv")
    assert set(df["type"]) == {"ACCUSE"} and df["date"].min() >= "2025-02-01"


def test_export_streams_in_bounded_memory(store, tmp_path: Path):
    """Exporting 4x the events does not take 4x the memory: rows stream through."""
    long = "واژه " * 600  # 3 kB of evidence per event

    def add(start: int, n: int) -> None:
        docs = []
        for i in range(start, start + n):
            evs = [event("CONSULT", IRN, actor(f"کشور{j}", f"C{j:02d}")) for j in range(10)]
            for ev in evs:
                ev["evidence"]["text"] = long
            docs.append(make_doc(f"m{i:04d}", f"متن {i}", "2025-03-01", evs))
        store.write([prepare(doc, content_hash(doc.text)) for doc in docs])

    def peak_of_export(name: str) -> tuple[int, int]:
        tracemalloc.start()
        n = export(store, "csv", tmp_path / name)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return n, peak

    add(0, 100)
    export(store, "csv", tmp_path / "warm.csv")  # imports and caches are not the rows
    n1, small = peak_of_export("small.csv")
    add(100, 200)
    n2, big = peak_of_export("big.csv")
    assert (n1, n2) == (1000, 3000)
    assert (tmp_path / "big.csv").stat().st_size > 9_000_000
    assert big < 1.25 * small + 100_000, (small, big)
