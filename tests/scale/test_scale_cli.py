"""``rokhdad ingest --engine …``: the scale-out options from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from rokhdad.cli import app
from rokhdad.scale.parquet import read_table

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
STAGES = ["--stages", "normalize,segment"]
runner = CliRunner()


def _ingest(*args: str) -> dict:
    res = runner.invoke(app, ["ingest", str(EXAMPLES), *STAGES, "--json", *args])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout.strip().splitlines()[-1])


def test_engine_local_matches_plain_ingest(tmp_path: Path) -> None:
    plain = _ingest("--db", f"sqlite:///{tmp_path / 'plain.db'}")
    pq = tmp_path / "pq"
    scaled = _ingest("--db", f"sqlite:///{tmp_path / 's.db'}", "--engine", "local", "--out-parquet", str(pq))
    assert scaled["ingested"] == plain["ingested"] == 5
    assert scaled["store"] == plain["store"]
    assert scaled["engine"] == "local" and scaled["parts"] >= 1
    assert len(read_table(str(pq), "sentences")) == plain["store"]["sentences"]


def test_scheduler_needs_dask_engine(tmp_path: Path) -> None:
    res = runner.invoke(
        app,
        [
            "ingest",
            str(EXAMPLES),
            "--db",
            f"sqlite:///{tmp_path / 'x.db'}",
            "--engine",
            "local",
            "--scheduler",
            "tcp://127.0.0.1:1",
        ],
    )
    assert res.exit_code != 0
    assert "--scheduler" in res.output
