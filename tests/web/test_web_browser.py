"""The dashboard in headless Chromium: every view renders with no console error, search,
filters and the article view with its highlighted evidence work.

Needs the Python ``playwright`` package and a system Chromium (Debian ``chromium``;
``scripts/ci_browser.sh`` installs it); playwright's own browser download is never used.
Set ``ROKHDAD_SCREENSHOTS=DIR`` to save a screenshot of every view there (docs/screenshots is
made so), and ``ROKHDAD_WEB_FARS_DB=URL`` to run the Fars views over a store of the whole corpus
instead of the first 300 articles ingested at the start.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_helpers import fars_store_url_fixture, store_url_fixture  # noqa: F401

CHROMIUM = os.environ.get("ROKHDAD_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = os.environ.get("ROKHDAD_SCREENSHOTS")

pytestmark = [
    pytest.mark.skipif(
        CHROMIUM is None, reason="needs a system Chromium (apt-get install chromium; scripts/ci_browser.sh)"
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(url: str) -> Iterator[str]:
    import uvicorn

    from rokhdad.web import create_app

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(url), host="127.0.0.1", port=port, log_level="warning"))
    th = threading.Thread(target=srv.run, daemon=True)
    th.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            pytest.fail("the server did not start within 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    th.join(10)


@pytest.fixture(scope="module")
def server(store_url: str) -> Iterator[str]:
    yield from _serve(store_url)


@pytest.fixture(scope="module")
def fars_server(fars_store_url: str) -> Iterator[str]:
    yield from _serve(fars_store_url)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="needs the playwright Python package (dev extra)"
    )
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield b
        b.close()


class Page:
    """A page that records console errors, page errors and failed requests."""

    def __init__(self, browser: object, base: str) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 860}, locale="fa-IR")  # type: ignore[attr-defined]
        self.base = base
        self.errors: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("requestfailed", lambda r: self.errors.append(f"requestfailed: {r.url}"))
        self.page.on(
            "response", lambda r: r.status >= 400 and self.errors.append(f"HTTP {r.status}: {r.url}")
        )

    def open(self, path: str) -> None:
        self.page.goto(self.base + path, wait_until="networkidle")

    def shot(self, name: str) -> None:
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            self.page.wait_for_timeout(300)  # let fonts and charts settle
            self.page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=False)

    def close(self) -> None:
        self.page.close()


def _page(browser: object, base: str) -> Iterator[Page]:
    p = Page(browser, base)
    yield p
    p.close()
    assert p.errors == [], "the page logged errors:\n" + "\n".join(p.errors)


@pytest.fixture
def page(browser: object, server: str) -> Iterator[Page]:
    yield from _page(browser, server)


@pytest.fixture
def fars_page(browser: object, fars_server: str) -> Iterator[Page]:
    yield from _page(browser, fars_server)


def test_dashboard_is_rtl_persian_and_loads_local_assets_only(page: Page) -> None:
    page.open("/")
    page.page.wait_for_selector("#events-table tbody tr")
    assert page.page.get_attribute("html", "dir") == "rtl"
    assert page.page.get_attribute("html", "lang") == "fa"
    font = page.page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Vazirmatn" in font
    assert page.page.evaluate("document.fonts.check('16px Vazirmatn')")
    # Every resource came from this server.
    urls = page.page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert urls and all(u.startswith(page.base) for u in urls), urls
    page.shot("events")


def test_event_table_filters(page: Page) -> None:
    page.open("/#/events")
    page.page.wait_for_selector("#events-table tbody tr[data-event]")
    all_rows = page.page.locator("#events-table tbody tr[data-event]").count()
    page.page.select_option("select[name=type]", "ACCUSE")
    page.page.click("#ev-filters button[type=submit]")
    page.page.wait_for_function("location.hash.includes('type=ACCUSE')")
    page.page.wait_for_selector("#events-table tbody tr[data-event]")
    rows = page.page.locator("#events-table tbody tr[data-event]")
    assert 0 < rows.count() < all_rows
    assert all("ACCUSE" in rows.nth(i).inner_text() for i in range(rows.count()))
    # The English summary sits beside the Persian evidence.
    assert any("condemned" in t for t in page.page.locator("#events-table .summary").all_inner_texts())
    twin = page.page.locator(".json-twin").first.get_attribute("href")
    assert twin and twin.startswith("/api/events") and "type=ACCUSE" in twin


def test_search_then_open_article_with_highlighted_evidence(page: Page) -> None:
    page.open("/")
    page.page.fill("#search-q", "پاكستان")  # Arabic kaf: the search is spelling-insensitive
    page.page.press("#search-q", "Enter")
    page.page.wait_for_selector(".result")
    titles = page.page.locator(".result h3").all_inner_texts()
    assert any("قالیباف" in t for t in titles)
    assert not page.page.locator("#art-more").is_visible()  # one page only: no "more" button
    page.shot("search")
    page.page.click(".result h3 a >> text=قالیباف")
    page.page.wait_for_selector("#article-text")
    marks = page.page.locator("#article-text mark.evidence")
    assert marks.count() >= 2
    texts = marks.all_inner_texts()
    assert any("دیدار کرد" in t for t in texts)
    # Entities and quotes are marked too.
    assert page.page.locator("#article-text .quote").count() >= 1
    assert page.page.locator("#article-text .ent").count() >= 1
    bg = page.page.evaluate(
        "getComputedStyle(document.querySelector('#article-text mark.evidence')).backgroundColor"
    )
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent")


def test_event_link_opens_its_evidence(page: Page) -> None:
    page.open("/#/events?type=CONSULT")
    page.page.wait_for_selector("#events-table tbody tr[data-event]")
    page.page.click("#events-table tbody tr[data-event] a.open-article >> nth=0")
    page.page.wait_for_selector("#article-text mark.current")
    current = page.page.locator("#article-text mark.current").all_inner_texts()
    assert "".join(current).strip()
    page.shot("article")


@pytest.mark.parametrize(
    ("name", "path", "ready"),
    [
        ("actors", "/#/actors", "#actors-table tbody tr"),
        ("dyad", "/#/dyad?a=IRN&b=PAK", "#dyad-chart"),
        ("network", "/#/network", "#network-svg circle"),
        ("map", "/#/map", "#map .leaflet-interactive"),
        ("quotes", "/#/quotes", "#quotes-table tbody tr"),
    ],
)
def test_every_view_renders(page: Page, name: str, path: str, ready: str) -> None:
    page.open(path)
    page.page.wait_for_selector(ready, state="attached")
    assert page.page.locator(".json-twin").count() == 1
    if name == "dyad":
        page.page.wait_for_function("window.Chart && Chart.getChart('dyad-chart') !== undefined")
    if name == "map":
        assert page.page.locator("#map path.leaflet-interactive").count() > 100  # the world outline
        # One circle per place with coordinates (Tehran, Gaza, Islamabad among them).
        assert page.page.locator("#map path.leaflet-interactive[fill-opacity='0.85']").count() >= 3
    page.shot(name)


def test_api_docs_render_offline(page: Page) -> None:
    page.open("/docs")
    page.page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    assert page.page.locator(".opblock").count() >= 8
    page.shot("docs")


# -- the same views over the Fars News corpus ---------------------------------------------------------

# Views that show no article text: only these are kept as screenshots (the corpus is not ours
# to redistribute; the other screenshots come from the examples' store).
SHOW_FARS = {"actors", "dyad", "network", "map"}
FARS_VIEWS = [
    ("events", "/#/events", "#events-table tbody tr"),
    ("search", "/#/search?q=" + "پاکستان", ".result"),
    ("actors", "/#/actors", "#actors-table tbody tr"),
    ("dyad", "/#/dyad?a=IRN&b=USA&interval=month", "#dyad-chart, #dyad-empty"),
    ("network", "/#/network", "#network-svg circle, #network-empty"),
    ("map", "/#/map", "#map .leaflet-interactive"),
    ("quotes", "/#/quotes", "#quotes-table tbody tr"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "path", "ready"), FARS_VIEWS)
def test_fars_views_render_without_console_errors(fars_page: Page, name: str, path: str, ready: str) -> None:
    fars_page.open(path)
    fars_page.page.wait_for_selector(ready, state="attached")
    assert fars_page.page.locator(".error").count() == 0
    if name in SHOW_FARS:
        fars_page.shot(f"fars-{name}")


@pytest.mark.slow
def test_fars_event_opens_its_article_with_evidence(fars_page: Page) -> None:
    fars_page.open("/#/events?type=CONSULT")
    fars_page.page.wait_for_selector("#events-table tbody tr")
    links = fars_page.page.locator("#events-table a.open-article")
    if links.count() == 0:
        pytest.skip("no CONSULT event in this Fars store (is the events stage built?)")
    links.first.click()
    fars_page.page.wait_for_selector("#article-text")
    assert fars_page.page.locator("#article-text mark.current").count() >= 1
