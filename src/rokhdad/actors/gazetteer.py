"""Place gazetteer: Persian place names → English name, country (ISO3) and coordinates.

Built from ``resources/actors/places.tsv`` (countries, Iranian provinces and cities; ODbL) and
the capitals of ``countries.tsv``. Lookups fold ZWNJs, spaces and Arabic letters::

    >>> p = lookup_place("اسلام آباد")
    >>> p.name_en, p.country
    ('Islamabad', 'PAK')
    >>> lookup_place("مشهد").country
    'IRN'
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from rokhdad.actors.lexicon import key
from rokhdad.resources import resource_path


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer place. ``type``: country, capital, province or city."""

    name_fa: str
    name_en: str
    country: str
    type: str
    latitude: float | None
    longitude: float | None
    wikidata: str = ""


# Capitals and seats not in places.tsv (which lists only Iranian cities): (fa, en, ISO3, lat, lon).
_CAPITALS_FILE = "actors/capitals.tsv"


def _float(x: str) -> float | None:
    try:
        return float(x)
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _index() -> dict[str, Place]:
    idx: dict[str, Place] = {}
    order = {"country": 0, "capital": 1, "province": 2, "city": 3}
    for fname in ("actors/places.tsv", _CAPITALS_FILE):
        with open(resource_path(fname), encoding="utf-8") as f:
            lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
        rows = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        for r in rows:
            p = Place(
                r["name_fa"],
                r["name_en"],
                r["country"],
                r["type"],
                _float(r["lat"]),
                _float(r["lon"]),
                r.get("wikidata") or "",
            )
            for name in r["name_fa"].split("|"):
                k = key(name)
                old = idx.get(k)
                if old is None or order.get(p.type, 9) < order.get(old.type, 9):
                    idx[k] = p
    return idx


def lookup_place(text: str) -> Place | None:
    """The place named ``text`` (a country, a capital, an Iranian province or city), or None."""
    k = key(text)
    p = _index().get(k)
    if p is None and k.startswith("شهر"):
        p = _index().get(k[3:])
    return p


def place_index() -> dict[str, Place]:
    """Every place by its :func:`~rokhdad.actors.lexicon.key` (for lookups in a loop)."""
    return _index()


def lookup_key(k: str) -> Place | None:
    """Like :func:`lookup_place` for a ready-made :func:`~rokhdad.actors.lexicon.key`."""
    return _index().get(k)
