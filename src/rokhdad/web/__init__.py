"""The web API and dashboard: explore events, actors and evidence in a browser.

``rokhdad serve --db sqlite:///rokhdad.db`` serves, from one FastAPI process, a read-only
JSON API under ``/api`` (OpenAPI at ``/openapi.json``, interactive docs at ``/docs``) and an
RTL Persian dashboard at ``/`` whose fonts and chart and map libraries ship inside the
package (``static/vendor``), so nothing loads from the internet. See ``docs/web.md``.

Needs the ``web`` extra: ``pip install 'rokhdad[web]'``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - typing only
    from fastapi import FastAPI

__all__ = ["create_app"]


def create_app(db_url: str) -> FastAPI:
    """The FastAPI app over the store at ``db_url`` (see :func:`rokhdad.web.app.create_app`)."""
    from rokhdad.web.app import create_app as _create

    return _create(db_url)
