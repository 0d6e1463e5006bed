"""The ZWNJ lexicon's parse cache (``rokhdad.normalize.model.parse_cache``): a cold start reads
one marshal file instead of parsing 230k TSV rows, and never a stale or broken one."""

from __future__ import annotations

import dataclasses
import os

import pytest

from rokhdad.normalize.model import ZwnjModel, parse_cache


def fields(m: ZwnjModel) -> dict:
    return {f.name: getattr(m, f.name) for f in dataclasses.fields(m) if f.name != "_pair_memo"}


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("ROKHDAD_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_cached_model_is_the_parsed_model(cache_dir):
    parsed = ZwnjModel(**ZwnjModel.parse())
    first = ZwnjModel.load()  # parses and writes the cache
    path = parse_cache()
    assert path is not None and path.parent == cache_dir and path.stat().st_size > 1_000_000
    second = ZwnjModel.load()  # reads it
    assert fields(first) == fields(second) == fields(parsed)
    assert second.resolve("میشود") == parsed.resolve("میشود") == "می\u200cشود"
    assert not list(cache_dir.glob("*.tmp"))


def test_a_broken_cache_file_is_parsed_again_and_replaced(cache_dir):
    ZwnjModel.load()
    path = parse_cache()
    assert path is not None
    path.write_bytes(path.read_bytes()[:1000])  # a half-written or foreign file
    assert fields(ZwnjModel.load()) == fields(ZwnjModel(**ZwnjModel.parse()))
    assert path.stat().st_size > 1_000_000


def test_off_keeps_no_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ROKHDAD_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert parse_cache() is None
    ZwnjModel.load()
    assert not list(tmp_path.rglob("*"))


def test_default_folder_follows_xdg(tmp_path, monkeypatch):
    monkeypatch.delenv("ROKHDAD_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = parse_cache()
    assert path is not None and path.parent == tmp_path / "rokhdad"


def test_an_unwritable_cache_folder_still_loads(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("ROKHDAD_CACHE_DIR", str(blocker / "cache"))
    assert fields(ZwnjModel.load()) == fields(ZwnjModel(**ZwnjModel.parse()))


def test_parses_of_other_versions_are_pruned(cache_dir):
    cache_dir.mkdir()
    for i in range(5):
        old = cache_dir / f"zwnj-old{i}.marshal"
        old.write_bytes(b"x")
        os.utime(old, (1_000_000 + i, 1_000_000 + i))
    ZwnjModel.load()
    left = sorted(p.name for p in cache_dir.glob("zwnj-*.marshal"))
    assert parse_cache().name in left and len(left) == 3
    assert "zwnj-old4.marshal" in left and "zwnj-old0.marshal" not in left
