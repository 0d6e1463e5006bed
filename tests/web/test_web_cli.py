"""``rokhdad serve``: starts over a store, refuses a missing one with a clear message."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from typer.testing import CliRunner
from web_helpers import store_url_fixture  # noqa: F401

from rokhdad.cli import app


def test_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["serve", "--db", f"sqlite:///{tmp_path / 'nothing.db'}"])
    assert res.exit_code == 2
    assert "no store" in res.output and "rokhdad ingest" in res.output


def test_serve_rejects_a_bad_port() -> None:
    res = CliRunner().invoke(app, ["serve", "--port", "http"])
    assert res.exit_code == 2


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_on_loopback(store_url: str) -> None:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "rokhdad", "serve", "--db", store_url, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/meta", timeout=2) as r:
                    meta = json.loads(r.read())
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() < deadline, "no answer within 30 s"
                time.sleep(0.2)
        assert meta["counts"]["articles"] > 0
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
            assert 'dir="rtl"' in r.read().decode("utf-8")
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/" in err  # the URL is printed
