"""Stages registered by name and composed by a config list, spaCy-style.

A stage is a callable ``(doc: Document) -> Document``; a *factory* registered under a
name builds it from the settings once, so models and lexicons load once per process::

    @register("segment")
    def make_segmenter(settings: Settings) -> Stage:
        def segment(doc: Document) -> Document: ...
        return segment
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from rokhdad.config import Settings
from rokhdad.document import Article, Document

Stage = Callable[[Document], Document]
Factory = Callable[[Settings], Stage]

_FACTORIES: dict[str, Factory] = {}
# Modules whose import registers the built-in stages.
_BUILTIN_MODULES = ("rokhdad.stages",)


def register(name: str) -> Callable[[Factory], Factory]:
    """Decorator: make a stage factory available under ``name``."""

    def deco(factory: Factory) -> Factory:
        _FACTORIES[name] = factory
        return factory

    return deco


def registered() -> list[str]:
    _load_builtins()
    return sorted(_FACTORIES)


def _load_builtins() -> None:
    for mod in _BUILTIN_MODULES:
        importlib.import_module(mod)


@dataclass
class Pipeline:
    """An ordered list of named stages built from one :class:`Settings`."""

    settings: Settings = field(default_factory=Settings)
    stages: list[tuple[str, Stage]] = field(init=False)

    def __post_init__(self) -> None:
        _load_builtins()
        unknown = [n for n in self.settings.pipeline if n not in _FACTORIES]
        if unknown:
            raise ValueError(f"unknown pipeline stage(s) {unknown}; registered: {sorted(_FACTORIES)}")
        self.stages = [(n, _FACTORIES[n](self.settings)) for n in self.settings.pipeline]

    @property
    def names(self) -> list[str]:
        return [n for n, _ in self.stages]

    def __call__(self, doc: Document | Article) -> Document:
        if isinstance(doc, Article):
            doc = Document.from_article(doc)
        for _, stage in self.stages:
            doc = stage(doc)
        return doc


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The process-wide pipeline with default settings (built on first use)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT


def process(text: str, date: Any = None, **meta: Any) -> Document:
    """Run the default pipeline on one text.

    >>> doc = process("ایاز صادق با علی لاریجانی دیدار کرد.", date="2025-11-25")
    >>> doc.date.isoformat(), len(doc.sentences)
    ('2025-11-25', 1)
    """
    from rokhdad.dates import parse_date

    known = {k: meta.pop(k) for k in ("id", "title", "source", "url") if k in meta}
    article = Article(
        id=str(known.get("id", "doc")),
        text=text,
        date=parse_date(date),
        title=str(known.get("title", "")),
        source=str(known.get("source", "")),
        url=str(known.get("url", "")),
        meta=meta,
    )
    return default_pipeline()(article)


# -- streaming many records --------------------------------------------------------------


_WORKER: Pipeline | None = None


@dataclass(frozen=True, slots=True)
class Failure:
    """An article the pipeline could not analyse: its id and the reason."""

    id: str
    reason: str


def analyse_guarded(nlp: Pipeline, article: Article, time_limit: float | None) -> Document | Failure:
    """Run ``nlp`` on one article within ``time_limit`` seconds; any error becomes a :class:`Failure`."""
    from rokhdad.guard import time_limit as limit

    try:
        with limit(time_limit, article.id):
            return nlp(article)
    except Exception as exc:  # one bad article must not end the batch
        return Failure(article.id, f"{type(exc).__name__}: {exc}")


def _worker_init(settings: Settings, time_limit: float | None = None, guarded: bool = False) -> None:
    global _WORKER, _WORKER_LIMIT, _WORKER_GUARDED
    _WORKER = Pipeline(settings)
    _WORKER_LIMIT, _WORKER_GUARDED = time_limit, guarded


_WORKER_LIMIT: float | None = None
_WORKER_GUARDED = False


def _worker_run(article: Article) -> Document | Failure:
    assert _WORKER is not None
    if _WORKER_GUARDED:
        return analyse_guarded(_WORKER, article, _WORKER_LIMIT)
    return _WORKER(article)


def pipe(
    records: Iterable[Article],
    n_process: int = 1,
    settings: Settings | None = None,
    chunksize: int = 8,
    *,
    on_error: Callable[[Failure], None] | None = None,
    time_limit: float | None = None,
) -> Iterator[Document]:
    """Process articles and yield documents in input order.

    With ``n_process > 1`` the work is spread over that many processes, each loading
    the models once; results still come back in input order.

    Without ``on_error`` an article that fails raises, as a plain call would. With it, the
    failure (an exception, or more than ``time_limit`` seconds on one article) is passed to
    ``on_error`` and the batch goes on with the next article.
    """
    settings = settings or Settings()
    guarded = on_error is not None
    if n_process <= 1:
        nlp = Pipeline(settings) if settings != Settings() else default_pipeline()
        for art in records:
            if not guarded:
                yield nlp(art)
                continue
            result = analyse_guarded(nlp, art, time_limit)
            if isinstance(result, Failure):
                on_error(result)  # type: ignore[misc]
            else:
                yield result
        return
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    with ctx.Pool(n_process, initializer=_worker_init, initargs=(settings, time_limit, guarded)) as pool:
        for result in pool.imap(_worker_run, records, chunksize=chunksize):
            if isinstance(result, Failure):
                on_error(result)  # type: ignore[misc]
            else:
                yield result
