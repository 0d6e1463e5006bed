"""Shared fixtures. Third-party data lives in ../shared; tests that need it skip without it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ROKHDAD_SHARED", ROOT.parent / "shared"))
GOLD = SHARED / "gold" / "events"
EXAMPLES = ROOT / "examples"


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
