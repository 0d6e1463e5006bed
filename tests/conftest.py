"""Shared fixtures. Third-party data lives in ../shared; tests that need it skip without it."""

from __future__ import annotations

import atexit
import importlib.util
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from types import ModuleType

import pytest

# The ZWNJ lexicon's parse cache goes to a folder of this run, not the user's ~/.cache; the
# commands the tests start inherit it, so they start warm after the first one.
if "ROKHDAD_CACHE_DIR" not in os.environ:
    os.environ["ROKHDAD_CACHE_DIR"] = tempfile.mkdtemp(prefix="rokhdad-test-cache-")
    atexit.register(shutil.rmtree, os.environ["ROKHDAD_CACHE_DIR"], ignore_errors=True)

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ROKHDAD_SHARED", ROOT.parent / "shared"))
GOLD = SHARED / "gold" / "events"
EXAMPLES = ROOT / "examples"


def load_module(name: str, path: Path) -> ModuleType:
    """A script that is no package module (``scripts/fuzz.py``, ``../shared/eval/score_zwnj.py``),
    imported from its file. It is registered in ``sys.modules`` first, as an import would,
    so its dataclasses can resolve their own module."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None, path
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def need(path: Path) -> Path:
    """Skip the calling test with a reason when a ../shared file is absent."""
    if not path.exists():
        pytest.skip(f"needs {path} (the shared data folder beside the checkout)")
    return path


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return need(GOLD / "seed-0001.txt")


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    return json.loads(need(GOLD / "seed-0001.json").read_text(encoding="utf-8"))
