"""The FastAPI application: the JSON API under ``/api``, the dashboard at ``/``.

    >>> app = create_app("sqlite:///rokhdad.db")  # doctest: +SKIP
    >>> # uvicorn.run(app)  — or: rokhdad serve --db sqlite:///rokhdad.db

The JSON endpoints are ``async`` and query SQLite directly on the event loop: each query
takes a few milliseconds, and skipping the thread-pool hop of a sync endpoint roughly
halves the server's time per request (bench/api.py). Downloads stream from a thread.

Every parameter is validated before a query runs: a wrong one answers 422 with a message
that names it (``{"error": "limit: Input should be a valid integer …", "detail": [...]}``),
never a 5xx. The database is opened read-only; page sizes and query lengths are bounded;
static files are served by Starlette (no path traversal); CORS is off (same origin only);
every response carries security headers (CSP ``'self'`` only, no framing, no sniffing).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rokhdad import __version__
from rokhdad.web import queries as Q
from rokhdad.web.db import QueryTimeout, ReadOnlyDB

STATIC = Path(__file__).resolve().parent / "static"

#: PLOVER event types and their quad class (../shared/spec/events.md).
PLOVER_TYPES = {
    "AGREE": 1,
    "CONSULT": 1,
    "SUPPORT": 1,
    "CONCEDE": 1,
    "COOPERATE": 2,
    "AID": 2,
    "RETREAT": 2,
    "REQUEST": 3,
    "ACCUSE": 3,
    "REJECT": 3,
    "THREATEN": 3,
    "PROTEST": 4,
    "SANCTION": 4,
    "MOBILIZE": 4,
    "COERCE": 4,
    "ASSAULT": 4,
}
_COUNTRY = re.compile(r"^(?:[A-Z]{3}|(?:IGO|NSA):[A-Z0-9_]{1,24})$")

MAX_QUERY = 200
MAX_EVENTS_PAGE = 500
MAX_ARTICLES_PAGE = 100

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"geolocation=(), camera=(), microphone=()"),
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        b"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
        b"form-action 'self'",
    ),
]


class SecurityHeaders:
    """ASGI middleware adding :data:`SECURITY_HEADERS` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def add_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [
                    *message.get("headers", []),
                    *((k, v) for k, v in SECURITY_HEADERS if k not in have),
                ]
            await send(message)

        await self.app(scope, receive, add_headers)


class FastJSON(JSONResponse):
    """JSON with real Persian letters, written by :func:`json.dumps` directly (the API's
    values are plain dicts, lists and scalars: no encoder pass over them is needed)."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


class ParamError(HTTPException):
    """An invalid request parameter: 422 with a message naming it."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(422, f"{param}: {message}")
        self.param = param


# -- parameter checks (pure) ---------------------------------------------------------------------------


def check_date(name: str, value: str | None) -> str | None:
    """An ISO date from a Gregorian or Jalali date (``1404-09-04`` → ``2025-11-25``); 422 else."""
    if value is None or value.strip() == "":
        return None
    from rokhdad.dates import DateError, parse_date

    try:
        d = parse_date(value, today=None)
    except DateError as exc:
        raise ParamError(name, str(exc)) from None
    return d.isoformat() if d else None


def check_country(name: str, value: str | None) -> str | None:
    """An ISO 3166-1 alpha-3 code (``irn`` → ``IRN``) or ``IGO:UN``/``NSA:ISIS``; 422 else."""
    if value is None or value.strip() == "":
        return None
    v = value.strip().upper()
    if not _COUNTRY.match(v):
        raise ParamError(
            name, f"{value[:40]!r} is not a country code (ISO 3166-1 alpha-3 like IRN, or IGO:UN)"
        )
    return v


def check_type(value: str | None) -> str | None:
    """A PLOVER event type (any case); 422 else."""
    if value is None or value.strip() == "":
        return None
    v = value.strip().upper()
    if v not in PLOVER_TYPES:
        raise ParamError("type", f"{value[:40]!r} is not a PLOVER event type ({', '.join(PLOVER_TYPES)})")
    return v


def _check_range(date_from: str | None, date_to: str | None) -> None:
    if date_from and date_to and date_from > date_to:
        raise ParamError("date_from", f"{date_from} is after date_to {date_to}")


def _cursor(fn: Any, *args: Any, **kw: Any) -> Any:
    try:
        return fn(*args, **kw)
    except Q.BadCursor as exc:
        raise ParamError("cursor", f"{exc}; pass back the next_cursor of a previous page") from None


# -- the app -----------------------------------------------------------------------------------------------

DateParam = Annotated[
    str | None, Query(max_length=20, description="ISO (2025-11-25) or Jalali (1404-09-04) date, inclusive")
]
CountryParam = Annotated[str | None, Query(max_length=30, description="ISO 3166-1 alpha-3 (IRN) or IGO:UN")]
CursorParam = Annotated[str | None, Query(max_length=500, description="next_cursor of the previous page")]
ActorParam = Annotated[
    str | None, Query(max_length=100, description="part of an actor's English or Persian name")
]
TypeParam = Annotated[str | None, Query(max_length=20, description="PLOVER event type, e.g. CONSULT")]
QuadParam = Annotated[
    int | None,
    Query(ge=1, le=4, description="1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict"),
]


class ErrorDetail(BaseModel):
    """One problem with a request: the parameter, what is wrong, and the value received."""

    param: str | None = None
    message: str
    input: str | int | float | None = None


class ApiError(BaseModel):
    """Every error answer: ``{"error": "country: 'XX' is not a country code …", "detail": [...]}``."""

    error: str
    detail: list[ErrorDetail]


# Documented on every operation, so clients (and schemathesis) know the shape of each error.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"model": ApiError, "description": "No such article or path"},
    422: {"model": ApiError, "description": "A parameter is invalid; the message names it"},
    503: {"model": ApiError, "description": "The query took too long; narrow the filters"},
}


def create_app(db_url: str) -> FastAPI:
    """The API and dashboard over the store at ``db_url`` (opened read-only, checked now)."""
    db = ReadOnlyDB(db_url)
    app = FastAPI(
        responses=ERROR_RESPONSES,
        title="rokhdad",
        version=__version__,
        description="Persian news → PLOVER/CAMEO events, with every record traceable to its sentence. "
        "Read-only API over a rokhdad store; the dashboard is at `/`.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.db = db
    app.add_middleware(SecurityHeaders)
    # The normalizer behind the search key loads its resources on first use (about a second):
    # pay that now rather than in the first search.
    Q.search_tokens("ایران")

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        detail = []
        for err in exc.errors():
            loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body")]
            inp = err.get("input")
            detail.append(
                {
                    "param": ".".join(loc),
                    "message": err.get("msg", "invalid"),
                    "input": inp if isinstance(inp, str | int | float) else None,
                }
            )
        msg = "; ".join(
            f"{d['param']}: {d['message']}" + (f" (got {d['input']!r})" if d["input"] is not None else "")
            for d in detail
        )
        return JSONResponse({"error": msg, "detail": detail}, status_code=422)

    @app.exception_handler(QueryTimeout)
    async def too_slow(request: Request, exc: QueryTimeout) -> JSONResponse:
        return JSONResponse(
            {"error": f"{exc}; narrow the filters (dates, country, type)", "detail": []},
            status_code=503,
            headers={"retry-after": "10"},
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(
            {
                "error": str(exc.detail),
                "detail": [{"param": getattr(exc, "param", None), "message": str(exc.detail)}],
            },
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )

    # -- dashboard and docs ------------------------------------------------------------------------

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html", media_type="text/html; charset=utf-8")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    # -- API ---------------------------------------------------------------------------------------

    @app.get("/api/meta", tags=["store"], summary="What the store holds")
    async def api_meta() -> FastJSON:
        """What the store holds: counts, date ranges, event types, countries, outlets."""
        return FastJSON({"version": __version__, "dialect": db.dialect, **Q.meta(db)})

    @app.get("/api/countries", tags=["store"], summary="Country names")
    async def api_countries() -> FastJSON:
        """Persian and English country names by ISO 3166-1 alpha-3 code (for labels)."""
        return FastJSON({"countries": Q.country_names()})

    @app.get("/api/articles", tags=["articles"], summary="Search and list articles")
    async def api_articles(
        q: Annotated[
            str | None, Query(max_length=MAX_QUERY, description="words to find (Persian-aware)")
        ] = None,
        date_from: DateParam = None,
        date_to: DateParam = None,
        country: CountryParam = None,
        type: Annotated[str | None, Query(max_length=20, description="PLOVER type of an event in it")] = None,
        outlet: Annotated[str | None, Query(max_length=100)] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_ARTICLES_PAGE)] = 20,
        cursor: CursorParam = None,
    ) -> FastJSON:
        """Articles, newest first; with ``q`` those holding every word of it, spelling-insensitive
        («می شود» finds «می‌شود», «كتاب» finds «کتاب»)."""
        df, dt_ = check_date("date_from", date_from), check_date("date_to", date_to)
        _check_range(df, dt_)
        return FastJSON(
            _cursor(
                Q.articles,
                db,
                q,
                limit,
                cursor,
                date_from=df,
                date_to=dt_,
                country=check_country("country", country),
                type=check_type(type),
                outlet=outlet or None,
            )
        )

    @app.get("/api/articles/{article_id}", tags=["articles"], summary="One article with its spans")
    async def api_article(article_id: Annotated[str, PathParam(max_length=300)]) -> FastJSON:
        """One article's text with its sentence, entity, actor, quote and event spans (character offsets)."""
        art = Q.article(db, article_id)
        if art is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return FastJSON(art)

    def event_filter(
        date_from: str | None,
        date_to: str | None,
        source_country: str | None,
        target_country: str | None,
        country: str | None,
        actor: str | None,
        type: str | None,
        quad: int | None,
        article_id: str | None = None,
    ) -> Q.EventFilter:
        df, dt_ = check_date("date_from", date_from), check_date("date_to", date_to)
        _check_range(df, dt_)
        return Q.EventFilter(
            date_from=df,
            date_to=dt_,
            source_country=check_country("source_country", source_country),
            target_country=check_country("target_country", target_country),
            country=check_country("country", country),
            actor=(actor or "").strip() or None,
            type=check_type(type),
            quad=quad,
            article_id=article_id or None,
        )

    @app.get("/api/events", tags=["events"], summary="Events with filters")
    async def api_events(
        date_from: DateParam = None,
        date_to: DateParam = None,
        source_country: CountryParam = None,
        target_country: CountryParam = None,
        country: Annotated[str | None, Query(max_length=30, description="either side or the place")] = None,
        actor: ActorParam = None,
        type: TypeParam = None,
        quad: QuadParam = None,
        article_id: Annotated[str | None, Query(max_length=300)] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_EVENTS_PAGE)] = 50,
        cursor: CursorParam = None,
    ) -> FastJSON:
        """Events, newest first, in the shape of the spec (source/target actor lists, location, evidence)."""
        f = event_filter(
            date_from, date_to, source_country, target_country, country, actor, type, quad, article_id
        )
        return FastJSON(_cursor(Q.events, db, f, limit, cursor))

    @app.get("/api/actors", tags=["actors"], summary="Top actors")
    async def api_actors(
        country: CountryParam = None,
        q: Annotated[str | None, Query(max_length=100, description="part of the name")] = None,
        resolved: Annotated[bool, Query(description="only actors resolved to an English name")] = True,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
    ) -> FastJSON:
        """Top actors with their mention, article and event counts."""
        return FastJSON(
            Q.actors(
                db, limit, check_country("country", country), (q or "").strip() or None, resolved=resolved
            )
        )

    @app.get("/api/dyads/{a}/{b}/timeline", tags=["events"], summary="Timeline of a country pair")
    async def api_dyad(
        a: Annotated[str, PathParam(max_length=30, description="a country code, e.g. IRN")],
        b: Annotated[str, PathParam(max_length=30, description="another, e.g. PAK")],
        interval: Literal["day", "week", "month"] = "month",
        directed: bool = False,
        date_from: DateParam = None,
        date_to: DateParam = None,
    ) -> FastJSON:
        """Events between two countries per day, week or month: counts by quad and mean Goldstein."""
        ca, cb = check_country("a", a), check_country("b", b)
        df, dt_ = check_date("date_from", date_from), check_date("date_to", date_to)
        _check_range(df, dt_)
        return FastJSON(
            Q.dyad_timeline(
                db,
                ca,
                cb,
                interval,
                directed=directed,
                date_from=df,  # type: ignore[arg-type]
                date_to=dt_,
            )
        )

    @app.get("/api/network", tags=["events"], summary="Actor network")
    async def api_network(
        by: Literal["country", "actor"] = "country",
        date_from: DateParam = None,
        date_to: DateParam = None,
        country: CountryParam = None,
        actor: ActorParam = None,
        type: TypeParam = None,
        quad: QuadParam = None,
        min_weight: Annotated[int, Query(ge=1, le=100000)] = 1,
        limit: Annotated[int, Query(ge=1, le=1000, description="most edges")] = 150,
    ) -> FastJSON:
        """The actor graph: who acts on whom, how often, how cooperatively."""
        f = event_filter(date_from, date_to, None, None, country, actor, type, quad)
        return FastJSON(Q.network(db, f, by=by, min_weight=min_weight, limit=limit))

    @app.get("/api/map", tags=["events"], summary="Places of events")
    async def api_map(
        date_from: DateParam = None,
        date_to: DateParam = None,
        country: CountryParam = None,
        type: TypeParam = None,
        quad: QuadParam = None,
    ) -> FastJSON:
        """Places with coordinates where events happened, with counts by quad."""
        f = event_filter(date_from, date_to, None, None, country, None, type, quad)
        return FastJSON(Q.map_points(db, f))

    @app.get("/api/quotes", tags=["quotes"], summary="Quotes by speaker")
    async def api_quotes(
        speaker: Annotated[
            str | None, Query(max_length=100, description="part of the speaker's name")
        ] = None,
        country: CountryParam = None,
        q: Annotated[str | None, Query(max_length=MAX_QUERY, description="text in the quote")] = None,
        date_from: DateParam = None,
        date_to: DateParam = None,
        limit: Annotated[int, Query(ge=1, le=MAX_ARTICLES_PAGE)] = 50,
        cursor: CursorParam = None,
    ) -> FastJSON:
        """Reported statements, newest first, filtered by speaker, speaker country or content."""
        df, dt_ = check_date("date_from", date_from), check_date("date_to", date_to)
        _check_range(df, dt_)
        return FastJSON(
            _cursor(
                Q.quotes,
                db,
                limit,
                cursor,
                speaker=(speaker or "").strip() or None,
                country=check_country("country", country),
                q=(q or "").strip() or None,
                date_from=df,
                date_to=dt_,
            )
        )

    @app.get(
        "/api/export/events.{fmt}",
        tags=["export"],
        summary="Download events (CSV, JSONL)",
        response_class=StreamingResponse,
        responses={
            200: {
                "description": "The events, streamed",
                "content": {
                    "text/csv": {"schema": {"type": "string"}},
                    "application/x-ndjson": {"schema": {"type": "string"}},
                },
            }
        },
    )
    def api_export(
        fmt: Literal["csv", "jsonl"],
        date_from: DateParam = None,
        date_to: DateParam = None,
        source_country: CountryParam = None,
        target_country: CountryParam = None,
        country: CountryParam = None,
        actor: ActorParam = None,
        type: TypeParam = None,
        quad: QuadParam = None,
    ) -> StreamingResponse:
        """Every event the filters select, oldest first, streamed as CSV or JSON Lines."""
        f = event_filter(date_from, date_to, source_country, target_country, country, actor, type, quad)
        items = Q.stream_events(db, f)
        if fmt == "jsonl":
            body: Iterator[str] = (json.dumps(it, ensure_ascii=False) + "\n" for it in items)
            media = "application/x-ndjson; charset=utf-8"
        else:
            body = _csv_lines(items)
            media = "text/csv; charset=utf-8"
        return StreamingResponse(
            body,
            media_type=media,
            headers={"content-disposition": f'attachment; filename="rokhdad-events.{fmt}"'},
        )

    return app


DB_ENV = "ROKHDAD_WEB_DB"


def app_from_env() -> FastAPI:
    """The app over the store named by ``$ROKHDAD_WEB_DB``: the factory that
    ``rokhdad serve --workers N`` gives uvicorn, which imports it in each worker process."""
    import os

    url = os.environ.get(DB_ENV)
    if not url:
        raise RuntimeError(f"set {DB_ENV} to a store URL")
    return create_app(url)


def _csv_lines(items: Iterator[dict[str, Any]]) -> Iterator[str]:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(Q.CSV_COLUMNS)
    for n, it in enumerate(items, 1):
        w.writerow(Q.csv_row(it))
        if n % 200 == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()
