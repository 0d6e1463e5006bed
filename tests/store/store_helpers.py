"""Store test helpers and fixtures: a real SQLite file, a real throwaway PostgreSQL server.

Not a ``conftest.py``: a second module named ``conftest`` would shadow ``tests/conftest.py``
for the modules that import from it. Test modules import the fixtures they use
(``from store_helpers import store_fixture  # noqa: F401``); fixture names drop ``_fixture``.
"""

from __future__ import annotations

import atexit
import datetime as dt
import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rokhdad.document import Document, Span
from rokhdad.store import open_store
from rokhdad.store.pgcluster import TempCluster, available

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("ROKHDAD_SHARED", ROOT.parent / "shared"))
FARS = SHARED / "data" / "news" / "farsnews.jsonl"
_db_names = itertools.count()


_CLUSTER: list[TempCluster | str] = []


def _cluster() -> TempCluster:
    """One PostgreSQL server per test process, stopped at exit (skips when impossible)."""
    if not _CLUSTER:
        reason = available()
        if reason:
            _CLUSTER.append(reason)
        else:
            cluster = TempCluster()
            try:
                cluster.start()
                atexit.register(cluster.stop)
                _CLUSTER.append(cluster)
            except RuntimeError as exc:
                cluster.stop()
                _CLUSTER.append(f"cannot start a throwaway PostgreSQL server: {exc}")
    found = _CLUSTER[0]
    if isinstance(found, str):
        pytest.skip(found)
    return found


@pytest.fixture(name="pg_url")
def pg_url_fixture() -> str:
    """A fresh empty database on the process's throwaway server."""
    return _cluster().create_database(f"t{os.getpid()}_{next(_db_names)}")


@pytest.fixture(name="sqlite_url")
def sqlite_url_fixture(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


@pytest.fixture(name="store_url", params=["sqlite", "postgres"])
def store_url_fixture(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty store of each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return _cluster().create_database(f"t{os.getpid()}_{next(_db_names)}")


@pytest.fixture(name="store")
def store_fixture(store_url: str) -> Iterator[Any]:
    s = open_store(store_url)
    yield s
    s.close()


def actor(text: str, country: str, name_en: str = "", kind: str = "GPE", sector: str = "") -> dict:
    return {"text": text, "name_en": name_en or country, "kind": kind, "country": country, "sector": sector}


def make_doc(
    aid: str,
    text: str,
    date: str = "2025-11-25",
    events: list[dict] | None = None,
    source: str = "",
    url: str = "",
    title: str = "",
) -> Document:
    """A document as the pipeline will give it once every stage is built (sentences by line)."""
    from rokhdad.normalize import normalize

    doc = Document(id=aid, text=text, date=dt.date.fromisoformat(date), source=source, url=url, title=title)
    doc.normalized = normalize(text)
    pos = 0
    for line in text.split("\n"):
        doc.sentences.append(Span(pos, pos + len(line)))
        pos += len(line) + 1
    doc.entities = [{"start": 0, "end": 3, "label": "LOC", "text": text[:3], "score": 0.9}]
    doc.actors = [
        {**actor("ایران", "IRN", "Iran"), "start": 0, "end": 5, "role": "source", "wikidata": "Q794"}
    ]
    doc.quotes = [
        {
            "speaker": actor("عراقچی", "IRN", "Abbas Araghchi", "PER", "GOV"),
            "cue": "گفت",
            "content": text[:10],
            "start": 0,
            "end": 10,
            "sentence": 0,
            "direct": False,
        }
    ]
    doc.events = events or []
    return doc


def event(
    etype: str,
    src: dict,
    tgt: dict,
    sentence: int = 0,
    date: str | None = None,
    location: dict | None = None,
    mentions: list[dict] | None = None,
) -> dict:
    ev = {
        "type": etype,
        "mode": None,
        "quad": 1,
        "cameo": "040",
        "goldstein": 1.0,
        "source": [src],
        "target": [tgt],
        "location": location,
        "date": date,
        "historical": False,
        "negated": False,
        "hypothetical": False,
        "future": False,
        "evidence": {"sentence": sentence, "start": 0, "end": 5, "text": "ایران"},
        "confidence": 0.8,
        "summary": f"{src['country']} {etype} {tgt['country']}",
    }
    if mentions is not None:
        ev["mentions"] = mentions
    return ev


def fars_articles(n: int) -> list:
    """The first ``n`` articles of the Fars News corpus (skips without ../shared)."""
    from rokhdad.read import read_paths

    if not FARS.exists():
        pytest.skip(f"needs {FARS} (the shared data folder beside the checkout)")
    out = []
    for item in read_paths([FARS]):
        out.append(item)
        if len(out) >= n:
            break
    return out
