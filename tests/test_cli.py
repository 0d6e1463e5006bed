"""The command line, run as a user runs it: a real subprocess."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROKHDAD = [sys.executable, "-m", "rokhdad"]


def run(*args, stdin=None, cwd=None):
    env = {**os.environ, "COLUMNS": "120"}
    return subprocess.run(
        [*ROKHDAD, *map(str, args)], input=stdin, capture_output=True, cwd=cwd, env=env, timeout=120
    )


def test_extract_seed_one_line(seed_path, seed_gold):
    res = run("extract", seed_path)
    assert res.returncode == 0, res.stderr.decode()
    lines = res.stdout.decode().splitlines()
    assert len(lines) == 1
    rec = json.loads(lines[0])
    assert rec["id"] == "seed-0001" and rec["date"] == "2025-11-25"
    assert rec["text"] == seed_gold["text"]
    assert [rec["text"][s["start"] : s["end"]] for s in rec["sentences"]] == seed_gold["sentences"]
    assert len(rec["sentences"]) == 12
    for key in ("title", "entities", "actors", "quotes", "events"):
        assert key in rec


def test_extract_with_another_ner_model(seed_path):
    res = run("extract", seed_path, "--ner-model", "corpora", "--ner-scheme", "peyma")
    assert res.returncode == 0, res.stderr.decode()
    rec = json.loads(res.stdout)
    assert {"ایاز صادق", "علی لاریجانی"} <= {e["text"] for e in rec["entities"] if e["label"] == "PER"}


def test_extract_refuses_an_unknown_ner_model_or_scheme(seed_path):
    for args, named in ((("--ner-model", "crf9"), "crf9"), (("--ner-scheme", "bbc"), "bbc")):
        res = run("extract", seed_path, *args)
        assert res.returncode == 2 and res.stdout == b""
        assert named in res.stderr.decode() and "--ner-model/--ner-scheme" in res.stderr.decode()


def test_folder_with_bad_files_goes_on_and_fails_at_end(tmp_path, seed_path):
    (tmp_path / "seed-0001.txt").write_bytes(seed_path.read_bytes())
    (tmp_path / "random.bin").write_bytes(os.urandom(4096))
    (tmp_path / "empty.txt").write_bytes(b"")
    res = run("extract", tmp_path)
    assert res.returncode == 1
    out = [json.loads(x) for x in res.stdout.decode().splitlines()]
    assert [r["id"] for r in out] == ["seed-0001"]
    err = res.stderr.decode()
    assert f"{tmp_path / 'random.bin'}: binary" in err
    assert f"{tmp_path / 'empty.txt'}: empty file" in err
    assert "Traceback" not in err


def test_strict_stops_at_first_bad(tmp_path, seed_path):
    (tmp_path / "a-empty.txt").write_bytes(b"")
    (tmp_path / "b-seed.txt").write_bytes(seed_path.read_bytes())
    res = run("extract", "--strict", tmp_path)
    assert res.returncode == 1 and res.stdout == b""
    assert "a-empty.txt: empty file" in res.stderr.decode()


def test_malformed_json_line_is_named(tmp_path):
    p = tmp_path / "in.jsonl"
    p.write_text('{"id": "a", "text": "ایران."}\n{oops\n{"id": "b", "text": "عراق."}\n', encoding="utf-8")
    res = run("extract", p)
    assert res.returncode == 1
    assert [json.loads(x)["id"] for x in res.stdout.decode().splitlines()] == ["a", "b"]
    assert f"{p}:2: malformed JSON" in res.stderr.decode()


def test_stdin_and_pretty():
    res = run("extract", "--pretty", "-", stdin="date 1404/09/04\nوی گفت: همکاری ادامه دارد.".encode())
    assert res.returncode == 0, res.stderr.decode()
    rec = json.loads(res.stdout)
    assert rec["date"] == "2025-11-25" and rec["id"] == "stdin"
    assert res.stdout.decode().startswith("{\n  ")


def test_table_summary(seed_path):
    res = run("extract", "--table", seed_path)
    assert res.returncode == 0
    out = res.stdout.decode()
    assert "seed-0001" in out and "12 sentences" in out


def test_examples_all_read():
    examples = Path(__file__).resolve().parents[1] / "examples"
    res = run("extract", examples)
    assert res.returncode == 0, res.stderr.decode()
    ids = [json.loads(x)["id"] for x in res.stdout.decode().splitlines()]
    assert len(ids) >= 5 and "ex-0004" in ids
