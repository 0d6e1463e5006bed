"""Build ``src/rokhdad/resources/ner/gazetteer.tsv``: place and person names for NER features.

Sources (../shared/data/gazetteer; see docs/models/ner.md for their licences):

- ``places_fa.tsv`` (ODbL 1.0, from dr5hn/countries-states-cities-database):
  countries → ``country``, Iranian provinces → ``province``, Iranian cities → ``city``;
- ``iran_politicians.tsv`` (Wikidata, CC0): full names → ``person``, first names → ``fname``,
  last names → ``lname`` (honorifics such as «سید» dropped).

Each row is ``key<TAB>type`` where ``key`` is :func:`rokhdad.ner.keys.word_key` of the
name, so «اسلام‌آباد», «اسلامآباد» and «اسلام آباد» all match. Names of one letter are skipped.
The derived list stays under the ODbL (share-alike) for its place rows.

Usage: ``.venv/bin/python scripts/build_ner_gazetteer.py --shared ../shared``
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from rokhdad.ner.keys import word_key

_TYPES = {"country": "country", "ir_province": "province", "ir_city": "city"}
_HONORIFICS = {"سید", "سیده", "شیخ", "حاج", "میرزا", "خان"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path, default=Path("src/rokhdad/resources/ner/gazetteer.tsv"))
    args = ap.parse_args()
    rows: dict[str, str] = {}

    def add(name: str, kind: str) -> None:
        key = word_key(name)
        if len(key) > 1:
            rows.setdefault(key, kind)  # first type wins: country > province > city > person

    gz = args.shared / "data/gazetteer"
    with open(gz / "places_fa.tsv", encoding="utf-8") as f:
        places = list(csv.DictReader(f, delimiter="\t"))
    for kind in ("country", "ir_province", "ir_city"):
        for r in places:
            if r["type"] == kind and r["name_fa"].strip():
                add(r["name_fa"], _TYPES[kind])
                if kind == "ir_province" and r["name_fa"].startswith("استان "):
                    add(r["name_fa"][len("استان ") :], "province")
    with open(gz / "iran_politicians.tsv", encoding="utf-8") as f:
        people = list(csv.DictReader(f, delimiter="\t"))
    for r in people:
        parts = [p for p in r["name_fa"].split() if p not in _HONORIFICS]
        if len(parts) < 2:
            continue
        add(" ".join(parts), "person")
        add(parts[0], "fname")
        add(parts[-1], "lname")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("# key\ttype (scripts/build_ner_gazetteer.py; places ODbL 1.0, persons Wikidata CC0)\n")
        for key, kind in sorted(rows.items()):
            f.write(f"{key}\t{kind}\n")
    print(f"wrote {len(rows)} names to {args.out}")


if __name__ == "__main__":
    main()
