"""A time limit per article, so one pathological story cannot hang a night's batch.

In the main thread the limit is a ``SIGALRM`` timer (Unix): the handler raises
:class:`ArticleTimeout` between bytecodes, and CPython's ``re`` engine checks for signals
while it backtracks, so a runaway regular expression is stopped too. In other threads
(a Dask worker runs tasks in a thread pool) a timer thread raises the same exception in
the worker thread asynchronously; that one fires only between Python bytecodes.

>>> from rokhdad.guard import time_limit
>>> with time_limit(5.0, "seed-0001"):
...     total = sum(range(1000))
"""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class ArticleTimeout(Exception):
    """An article took longer than the batch's per-article time limit."""

    def __init__(self, what: str = "", seconds: float = 0.0) -> None:
        self.what = what
        self.seconds = seconds
        super().__init__(f"analysis took longer than the {seconds:g} s limit per article")


@contextmanager
def time_limit(seconds: float | None, what: str = "") -> Iterator[None]:
    """Raise :class:`ArticleTimeout` inside the block once ``seconds`` have passed.

    ``None`` or ``0`` means no limit. Nesting is not supported (the inner limit wins).
    """
    if not seconds or seconds <= 0:
        yield
        return
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        with _alarm(seconds, what):
            yield
    else:
        with _async_raise_after(seconds, what):
            yield


@contextmanager
def _alarm(seconds: float, what: str) -> Iterator[None]:
    def on_alarm(signum: int, frame: object) -> None:
        raise ArticleTimeout(what, seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# An exception class can be thrown asynchronously but not an instance: bind the details.
def _timeout_class(what: str, seconds: float) -> type[ArticleTimeout]:
    class _Timeout(ArticleTimeout):
        def __init__(self) -> None:
            super().__init__(what, seconds)

    _Timeout.__name__ = _Timeout.__qualname__ = "ArticleTimeout"
    return _Timeout


@contextmanager
def _async_raise_after(seconds: float, what: str) -> Iterator[None]:
    target = threading.get_ident()
    done = threading.Event()
    lock = threading.Lock()
    exc = _timeout_class(what, seconds)

    def fire() -> None:
        with lock:
            if not done.is_set():
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), ctypes.py_object(exc))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            done.set()
        timer.cancel()
