"""``rokhdad ingest``, ``search`` and ``export`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from rokhdad.cli import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
STAGES = ["--stages", "normalize,segment"]
runner = CliRunner()


def test_ingest_search_export(tmp_path: Path):
    db = f"sqlite:///{tmp_path / 'r.db'}"
    res = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", db, *STAGES, "--json"])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout.strip().splitlines()[-1])
    assert summary["ingested"] == summary["read"] == 5 and summary["failed"] == 0
    assert summary["store"]["articles"] == 5

    again = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", db, *STAGES])
    assert again.exit_code == 0
    assert "ingested 0 (0 new, 0 replaced), skipped 5 unchanged, failed 0" in again.stdout

    hits = runner.invoke(app, ["search", "عراقچی", "--db", db, "--jsonl"])
    assert hits.exit_code == 0
    rows = [json.loads(line) for line in hits.stdout.splitlines()]
    assert {r["id"] for r in rows} == {"ex-0001-visit", "ex-0004"}
    assert all(set(r) == {"id", "date", "title", "snippet"} and "[" in r["snippet"] for r in rows)
    dated = runner.invoke(app, ["search", "عراقچی", "--db", db, "--jsonl", "--from", "2025-11-01"])
    assert [json.loads(line)["id"] for line in dated.stdout.splitlines()] == ["ex-0001-visit"]

    out = tmp_path / "e.tsv"
    exp = runner.invoke(app, ["export", "--db", db, "--format", "gdelt", "--out", str(out)])
    assert exp.exit_code == 0, exp.output
    assert out.exists() and (tmp_path / "e.tsv.header.tsv").exists()


def test_bad_inputs_are_reported_and_counted(tmp_path: Path):
    bad = tmp_path / "in.jsonl"
    bad.write_text('{"id": "ok", "text": "ایران و عراق"}\n{broken\n', encoding="utf-8")
    res = runner.invoke(app, ["ingest", str(bad), "--db", f"sqlite:///{tmp_path / 'r.db'}", *STAGES])
    assert res.exit_code == 1
    assert "failed 1" in res.stdout and "in.jsonl:2" in res.output


def test_clear_errors(tmp_path: Path):
    res = runner.invoke(app, ["export", "--db", f"sqlite:///{tmp_path / 'r.db'}", "--format", "xml"])
    assert res.exit_code == 2 and "unknown format" in res.output
    res = runner.invoke(app, ["search", "x", "--db", "mysql://nowhere"])
    assert res.exit_code == 2 and "cannot open store" in res.output
    res = runner.invoke(
        app,
        [
            "ingest",
            str(EXAMPLES),
            "--db",
            f"sqlite:///{tmp_path / 'r.db'}",
            "--stages",
            "normalize,nonexistent",
        ],
    )
    assert res.exit_code == 2 and "cannot build the pipeline" in res.output


def test_an_unknown_ner_model_stops_before_the_store_is_opened(tmp_path: Path):
    path = tmp_path / "r.db"
    res = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", f"sqlite:///{path}", "--ner-model", "crf9"])
    assert res.exit_code == 2 and "unknown NER model 'crf9'" in res.output
    assert not path.exists()
