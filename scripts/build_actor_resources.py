"""Build the generated actor resources from CLDR (Babel) and the shared gazetteers.

Writes, under ``src/rokhdad/resources/actors/``:

- ``countries.tsv``: one row per state: ISO3, ISO2, English name, Wikidata id, latitude,
  longitude, Persian names, demonyms and metonyms (``|``-separated). Persian names come from
  Babel's CLDR ``Locale('fa').territories`` and ``places_fa.tsv``; ``country_extras.tsv``
  (hand-curated) adds short/official names, demonyms, capitals-as-metonyms and exclusions.
- ``places.tsv``: countries, Iranian provinces and cities and foreign capitals for
  ``rokhdad.actors.gazetteer.lookup_place`` (ODbL data: see README.md here).
- ``actors_iran_wikidata.tsv``: persons of ``iran_politicians.tsv`` (Wikidata, CC0) in the
  actor-lexicon schema.

Usage::

    .venv/bin/python scripts/build_actor_resources.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

import babel
from babel.core import get_global

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "rokhdad" / "resources" / "actors"
NON_STATES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AQ", "BV", "HM", "UM", "TF", "IO"}
OCCUPATION_SECTOR = {
    "politician": "GOV",
    "journalist": "MED",
    "economist": "EDU",
    "physician": "CVL",
    "philosopher": "EDU",
    "linguist": "EDU",
    "lexicographer": "EDU",
    "poet": "CVL",
    "psychiatrist": "CVL",
    "association football player": "CVL",
}


def iso3_map() -> dict[str, str]:
    """ISO 3166 alpha-2 -> alpha-3, from CLDR's territory aliases."""
    cands: dict[str, list[str]] = {}
    for alias, targets in get_global("territory_aliases").items():
        if len(alias) == 3 and alias.isalpha() and len(targets) == 1 and len(targets[0]) == 2:
            cands.setdefault(targets[0], []).append(alias)
    # CLDR also keeps retired codes (YMD, DDR, BUR, ZAR): prefer the one that spells the alpha-2
    out = {a2: min(al, key=lambda a, a2=a2: (a[:2] != a2, a[0] != a2[0], a)) for a2, al in cands.items()}
    out.setdefault("XK", "XKX")
    return out


def demonyms(name: str) -> list[str]:
    """Regular Persian nisba adjectives: پاکستان → پاکستانی, کانادا → کانادایی."""
    if not re.fullmatch(r"[\u0621-\u06cc]+", name):
        return []
    if name.endswith(("ا", "و")):
        return [name + "یی"]
    if name.endswith("ه"):
        return [name + "\u200cای"]
    return [name + "ی"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    a = ap.parse_args()
    gaz = a.shared / "data" / "gazetteer"
    a3 = iso3_map()
    rows: dict[str, dict] = {}
    with open(gaz / "places_fa.tsv", encoding="utf-8") as f:
        places = list(csv.DictReader(f, delimiter="\t"))
    for r in places:
        if r["type"] == "country" and r["iso_code"] in a3:
            iso3 = a3[r["iso_code"]]
            rows[iso3] = {
                "iso3": iso3,
                "iso2": r["iso_code"],
                "name_en": r["name_en"],
                "wikidata": r["wikidata"],
                "lat": r["latitude"],
                "lon": r["longitude"],
                "names": [r["name_fa"]],
                "demonyms": [],
                "metonyms": [],
            }
    for code, name in babel.Locale("fa").territories.items():
        if code in NON_STATES or code not in a3:
            continue
        iso3 = a3[code]
        row = rows.setdefault(
            iso3,
            {
                "iso3": iso3,
                "iso2": code,
                "name_en": babel.Locale("en").territories.get(code, ""),
                "wikidata": "",
                "lat": "",
                "lon": "",
                "names": [],
                "demonyms": [],
                "metonyms": [],
            },
        )
        for n in (name, name.replace("\u0654", "").replace("ٔ", "")):
            if n not in row["names"]:
                row["names"].append(n)
    # a places_fa name that CLDR gives to another state is a data error there: drop it
    owner: dict[str, set[str]] = {}
    for iso3, row in rows.items():
        for n in row["names"][1:]:
            owner.setdefault(n, set()).add(iso3)
    for iso3, row in rows.items():
        row["names"] = [n for i, n in enumerate(row["names"]) if i > 0 or owner.get(n, {iso3}) == {iso3}]
    excluded: dict[str, set[str]] = {}
    extras = []
    for line in (OUT / "country_extras.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        iso3, kind, forms = line.split("\t")[:3]
        extras.append((iso3, kind, [x.strip() for x in forms.split("|") if x.strip()]))
        if kind == "exclude":
            excluded.setdefault(iso3, set()).update(x.strip() for x in forms.split("|"))
    for iso3, kind, forms in extras:
        if kind == "exclude" or iso3 not in rows:
            continue
        if kind == "english":  # the English name summaries show, where the gazetteer's is odd
            rows[iso3]["name_en"] = forms[0]
            continue
        key = {"name": "names", "demonym": "demonyms", "metonym": "metonyms"}[kind]
        for x in forms:
            if x not in rows[iso3][key]:
                rows[iso3][key].append(x)
    for iso3, row in rows.items():
        for n in list(row["names"]):
            for d in demonyms(n):
                if d not in row["demonyms"]:
                    row["demonyms"].append(d)
        for key in ("names", "demonyms"):
            row[key] = [x for x in row[key] if x not in excluded.get(iso3, set())]
    with open(OUT / "countries.tsv", "w", encoding="utf-8", newline="") as f:
        f.write(
            "# Generated by scripts/build_actor_resources.py from Babel CLDR 'fa' territory names,\n"
            "# ../shared/data/gazetteer/places_fa.tsv (ODbL 1.0) and country_extras.tsv. Version 1.\n"
        )
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(
            ["iso3", "iso2", "name_en", "wikidata", "lat", "lon", "names_fa", "demonyms_fa", "metonyms_fa"]
        )
        for iso3 in sorted(rows):
            r = rows[iso3]
            w.writerow(
                [
                    iso3,
                    r["iso2"],
                    r["name_en"],
                    r["wikidata"],
                    r["lat"],
                    r["lon"],
                    "|".join(r["names"]),
                    "|".join(r["demonyms"]),
                    "|".join(r["metonyms"]),
                ]
            )
    prov = {r["iso_code"]: r["name_en"] for r in places if r["type"] == "ir_province"}
    with open(OUT / "places.tsv", "w", encoding="utf-8", newline="") as f:
        f.write(
            "# Generated by scripts/build_actor_resources.py from ../shared/data/gazetteer/places_fa.tsv\n"
            "# (countries-states-cities-database, ODbL 1.0: attribution and share-alike apply). Version 1.\n"
        )
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["type", "name_fa", "name_en", "country", "admin1", "lat", "lon", "wikidata"])
        seen_qid: dict[str, int] = {}
        for r in places:
            if r["type"] == "ir_city" and r["wikidata"]:
                seen_qid[r["wikidata"]] = seen_qid.get(r["wikidata"], 0) + 1
        for r in places:
            if r["type"] == "country":
                if r["iso_code"] not in a3:
                    continue
                w.writerow(
                    [
                        "country",
                        r["name_fa"],
                        rows.get(a3[r["iso_code"]], {}).get("name_en") or r["name_en"],  # english rows
                        a3[r["iso_code"]],
                        "",
                        r["latitude"],
                        r["longitude"],
                        r["wikidata"],
                    ]
                )
            elif r["type"] == "ir_province":
                w.writerow(
                    [
                        "province",
                        r["name_fa"],
                        r["name_en"],
                        "IRN",
                        r["name_en"],
                        r["latitude"],
                        r["longitude"],
                        r["wikidata"],
                    ]
                )
            else:
                qid = (
                    r["wikidata"] if seen_qid.get(r["wikidata"], 0) == 1 else ""
                )  # shared QIDs are unreliable
                w.writerow(
                    [
                        "city",
                        r["name_fa"],
                        r["name_en"],
                        "IRN",
                        prov.get(r["parent"], r["parent"]),
                        r["latitude"],
                        r["longitude"],
                        qid,
                    ]
                )
    with open(gaz / "iran_politicians.tsv", encoding="utf-8") as f:
        pols = list(csv.DictReader(f, delimiter="\t"))
    with open(OUT / "actors_iran_wikidata.tsv", "w", encoding="utf-8", newline="") as f:
        f.write(
            "# Generated by scripts/build_actor_resources.py from ../shared/data/gazetteer/iran_politicians.tsv\n"
            "# (Wikidata facts, CC0). Same schema as actors.tsv. Version 1.\n"
        )
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(
            ["id", "kind", "country", "sector", "name_en", "names_fa", "wikidata", "role_en", "from", "to"]
        )
        for r in pols:
            w.writerow(
                [
                    f"wd:{r['wikidata']}",
                    "PER",
                    "IRN",
                    OCCUPATION_SECTOR.get(r["occupation"], ""),
                    r["name_en"],
                    r["name_fa"],
                    r["wikidata"],
                    r["occupation"],
                    "",
                    "",
                ]
            )
    print(f"countries: {len(rows)}, places: {len(places)}, politicians: {len(pols)}")


if __name__ == "__main__":
    main()
