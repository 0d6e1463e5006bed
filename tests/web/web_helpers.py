"""A real SQLite store for the web tests: the examples ingested with the store's own ingest,
plus a few articles whose events, quotes and entities follow ../shared/spec/events.md,
written through the store's own API (``prepare`` + ``Store.write``).

Not a ``conftest.py`` (a second module named ``conftest`` could shadow ``tests/conftest.py``):
test modules import the fixtures they use (``from web_helpers import client_fixture  # noqa: F401``);
fixture names drop ``_fixture``.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web tests need the web extra (pip install 'rokhdad[web]')")
pytest.importorskip("httpx", reason="the web tests need httpx (the dev extra)")

from conftest import SHARED, need
from rokhdad.config import DEFAULT_PIPELINE, Settings
from rokhdad.document import Document
from rokhdad.read import read_paths
from rokhdad.segment import split_sentences
from rokhdad.store import open_store
from rokhdad.store.ingest import ingest, prepare
from rokhdad.store.keys import content_hash

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
FARS = SHARED / "data" / "news" / "farsnews.jsonl"


def _actor(text: str, name_en: str, country: str, kind: str = "PER", sector: str = "GOV") -> dict:
    return {"text": text, "name_en": name_en, "kind": kind, "country": country, "sector": sector}


IRAN = _actor("ایران", "Iran", "IRN", "GPE", "")
PAK = _actor("پاکستان", "Pakistan", "PAK", "GPE", "")
ISR = _actor("رژیم صهیونیستی", "Israel", "ISR", "GPE", "")
GHALIBAF = _actor("محمدباقر قالیباف", "Mohammad Bagher Ghalibaf", "IRN", "PER", "LEG")
SADEGH = _actor("ایاز صادق", "Ayaz Sadiq", "PAK", "PER", "LEG")

#: Articles in the spec's shape: (id, date, title, text, events, quotes); each event names its
#: evidence by a substring of the text, and offsets are computed from it.
SPEC_ARTICLES = [
    (
        "web-0001",
        "2025-11-25",
        "دیدار رئیس مجلس پاکستان با قالیباف",
        "ایاز صادق رئیس مجلس پاکستان روز سه‌شنبه در تهران با محمدباقر قالیباف دیدار کرد. "
        "دو طرف بر گسترش همکاری‌های اقتصادی تاکید کردند. "
        "قالیباف گفت: ایران آماده گسترش همکاری با پاکستان است.",
        [
            {
                "type": "CONSULT",
                "mode": "visit",
                "source": [SADEGH],
                "target": [GHALIBAF],
                "quad": 1,
                "cameo": "042",
                "goldstein": 1.9,
                "evidence": "در تهران با محمدباقر قالیباف دیدار کرد",
                "location": {
                    "text": "تهران",
                    "name_en": "Tehran",
                    "country": "IRN",
                    "latitude": 35.69,
                    "longitude": 51.39,
                },
                "summary": "Pakistan's speaker Ayaz Sadiq met Mohammad Bagher Ghalibaf in Tehran",
            },
            {
                "type": "AGREE",
                "mode": None,
                "source": [IRAN],
                "target": [PAK],
                "quad": 1,
                "cameo": "057",
                "goldstein": 8.0,
                "evidence": "ایران آماده گسترش همکاری با پاکستان است",
                "summary": "Iran says it is ready to expand cooperation with Pakistan",
            },
        ],
        [("قالیباف", GHALIBAF, "گفت", "ایران آماده گسترش همکاری با پاکستان است.")],
    ),
    (
        "web-0002",
        "2025-10-02",
        "ایران حمله رژیم صهیونیستی را محکوم کرد",
        "وزارت امور خارجه ایران حمله رژیم صهیونیستی به غزه را محکوم کرد. "
        "رژیم صهیونیستی روز چهارشنبه غزه را بمباران کرد.",
        [
            {
                "type": "ACCUSE",
                "mode": "disapprove",
                "source": [IRAN],
                "target": [ISR],
                "quad": 3,
                "cameo": "111",
                "goldstein": -2.0,
                "evidence": "حمله رژیم صهیونیستی به غزه را محکوم کرد",
                "summary": "Iran condemned Israel's attack on Gaza",
            },
            {
                "type": "ASSAULT",
                "mode": "aerial",
                "source": [ISR],
                "target": [_actor("غزه", "Gaza", "PSE", "GPE", "")],
                "quad": 4,
                "cameo": "195",
                "goldstein": -10.0,
                "evidence": "غزه را بمباران کرد",
                "location": {
                    "text": "غزه",
                    "name_en": "Gaza",
                    "country": "PSE",
                    "latitude": 31.5,
                    "longitude": 34.47,
                },
                "summary": "Israel bombed Gaza",
            },
        ],
        [],
    ),
    (
        "web-0003",
        "2025-09-14",
        "امضای تفاهم‌نامه تجاری ایران و پاکستان در اسلام‌آباد",
        "ایران و پاکستان در اسلام‌آباد تفاهم‌نامه همکاری تجاری امضا کردند. "
        "پاکستان خواستار افزایش صادرات برق ایران شد.",
        [
            {
                "type": "AGREE",
                "mode": None,
                "source": [IRAN, PAK],
                "target": [PAK, IRAN],
                "quad": 1,
                "cameo": "057",
                "goldstein": 8.0,
                "evidence": "تفاهم‌نامه همکاری تجاری امضا کردند",
                "location": {
                    "text": "اسلام‌آباد",
                    "name_en": "Islamabad",
                    "country": "PAK",
                    "latitude": 33.69,
                    "longitude": 73.05,
                },
                "summary": "Iran and Pakistan signed a trade cooperation memorandum in Islamabad",
            },
            {
                "type": "REQUEST",
                "mode": None,
                "source": [PAK],
                "target": [IRAN],
                "quad": 3,
                "cameo": "020",
                "goldstein": -0.1,
                "evidence": "پاکستان خواستار افزایش صادرات برق ایران شد",
                "summary": "Pakistan asked Iran to raise its electricity exports",
            },
        ],
        [],
    ),
    (
        # No date: pages must still reach it (dates sort NULLS LAST).
        "web-0004",
        None,
        "بیانیه بدون تاریخ",
        "ایران طرح رژیم صهیونیستی را رد کرد.",
        [
            {
                "type": "REJECT",
                "mode": None,
                "source": [IRAN],
                "target": [ISR],
                "quad": 3,
                "cameo": "120",
                "goldstein": -4.0,
                "evidence": "طرح رژیم صهیونیستی را رد کرد",
                "summary": "Iran rejected Israel's plan",
            },
        ],
        [],
    ),
]


def spec_documents() -> list[Document]:
    """The :data:`SPEC_ARTICLES` as analysed documents, with offsets computed from their text."""
    docs = []
    import datetime as dt

    for aid, date, title, text, events, quotes in SPEC_ARTICLES:
        day = dt.date.fromisoformat(date) if date else None
        doc = Document(id=aid, text=text, date=day, title=title, source="test-agency")
        doc.sentences = split_sentences(text)
        for ev in events:
            ev = dict(ev)
            phrase = ev.pop("evidence")
            s = text.index(phrase)
            e = s + len(phrase)
            ev["evidence"] = {"sentence": doc.sentence_index(s), "start": s, "end": e, "text": text[s:e]}
            ev["date"] = date
            doc.events.append(ev)
        for actor in (GHALIBAF, SADEGH, IRAN, PAK, ISR):
            at = text.find(actor["text"])
            if at >= 0:
                doc.actors.append({**actor, "start": at, "end": at + len(actor["text"])})
                doc.entities.append(
                    {
                        "start": at,
                        "end": at + len(actor["text"]),
                        "label": actor["kind"],
                        "text": actor["text"],
                        "score": 1.0,
                    }
                )
        for speaker_text, speaker, cue, content in quotes:
            s = text.index(content)
            doc.quotes.append(
                {
                    "speaker": {**speaker, "text": speaker_text},
                    "cue": cue,
                    "content": content,
                    "start": s,
                    "end": s + len(content),
                    "sentence": doc.sentence_index(s),
                    "direct": True,
                }
            )
        docs.append(doc)
    return docs


def _settings() -> Settings:
    """The default pipeline, or (while a stage's model or lexicon is not built yet) every stage
    that does build, with a warning naming those left out."""
    from rokhdad.pipeline import Pipeline

    try:
        Pipeline(Settings())
        return Settings()
    except Exception:
        pass
    ok = []
    for name in DEFAULT_PIPELINE:
        try:
            Pipeline(Settings(pipeline=(*ok, name)))
            ok.append(name)
        except Exception as exc:
            warnings.warn(
                f"web tests: pipeline stage {name!r} does not build ({exc}); ingesting without it",
                stacklevel=2,
            )
    return Settings(pipeline=tuple(ok))


def build_store(path: Path) -> str:
    """Ingest the examples into an SQLite store at ``path``, add :data:`SPEC_ARTICLES`; its URL."""
    url = f"sqlite:///{path}"
    store = open_store(url)
    try:
        summary = ingest(read_paths([str(EXAMPLES)]), store, settings=_settings())
        assert summary.ingested > 0, summary.as_dict()
        store.write([prepare(d, content_hash(d.text, d.title)) for d in spec_documents()])
    finally:
        store.close()
    return url


@pytest.fixture(scope="session", name="store_url")
def store_url_fixture(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_store(tmp_path_factory.mktemp("webstore") / "web.db")


def build_fars_store(path: Path, limit: int) -> str:
    """The first ``limit`` Fars News articles (all with 0) ingested into an SQLite store at ``path``."""
    import itertools

    items = read_paths([str(FARS)])
    if limit:
        items = itertools.islice(items, limit)
    url = f"sqlite:///{path}"
    store = open_store(url)
    try:
        summary = ingest(items, store, settings=_settings())
        assert summary.ingested > 0, summary.as_dict()
    finally:
        store.close()
    return url


@pytest.fixture(scope="session", name="fars_store_url")
def fars_store_url_fixture(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store of Fars News articles: ``$ROKHDAD_WEB_FARS_DB`` (an existing store URL, e.g. the whole
    corpus ingested once), else the first ``$ROKHDAD_WEB_FARS_LIMIT`` (default 300) articles
    ingested now."""
    import os

    if os.environ.get("ROKHDAD_WEB_FARS_DB"):
        return os.environ["ROKHDAD_WEB_FARS_DB"]
    need(FARS)
    limit = int(os.environ.get("ROKHDAD_WEB_FARS_LIMIT", "300"))
    return build_fars_store(tmp_path_factory.mktemp("farsstore") / "fars.db", limit)


@pytest.fixture(scope="session", name="client")
def client_fixture(store_url: str):
    from fastapi.testclient import TestClient

    from rokhdad.web import create_app

    with TestClient(create_app(store_url), raise_server_exceptions=False) as c:
        yield c
