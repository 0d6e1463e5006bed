"""The actor lexicon and the place gazetteer."""

from __future__ import annotations

import subprocess
import sys

import babel

from rokhdad.actors.gazetteer import lookup_place
from rokhdad.actors.lexicon import key, load_lexicon


def test_key_folds_zwnj_spaces_and_arabic_letters():
    assert key("اسلام‌آباد") == key("اسلام آباد") == key("اسلامآباد")
    assert key("رئيس جمهور") == key("رئیس‌جمهور")
    assert key("كشورمان") == key("کشورمان")
    assert key("کرهٔ شمالی") == key("کره شمالی")
    assert key("ایران") != key("ایرانی")


def test_lexicon_size_and_schema():
    lex = load_lexicon()
    assert len(lex) >= 500  # persons and bodies by name, besides ~250 states
    assert len(lex.countries) >= 240
    ids = {e.id for es in lex.entries.values() for e in es if e.mention == "name"}
    assert {"khamenei", "un", "iaea", "nato", "eu", "oic", "opec", "arab_league", "hamas", "hezbollah"} <= ids
    for es in lex.entries.values():
        for e in es:
            if e.mention == "name":
                assert e.kind in ("PER", "ORG"), e
                assert e.country, e
                assert e.country.startswith(("IGO:", "NSA:")) or len(e.country) == 3, e
                assert not e.wikidata or e.wikidata.startswith("Q"), e


def test_lexicon_loads_fast():
    # a fresh interpreter, so the lru_cache cannot help
    code = (
        "import time; from rokhdad.actors.lexicon import load_lexicon; t=time.perf_counter(); "
        "load_lexicon(); print(time.perf_counter()-t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert float(out.stdout) <= 0.5, out.stdout


def test_every_cldr_country_name_resolves():
    lex = load_lexicon()
    missing = []
    for code, name in babel.Locale("fa").territories.items():
        if len(code) != 2 or code in ("EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "ML"):
            continue
        if not any(e.mention == "country" for e in lex.lookup(name)):
            missing.append((code, name))
    assert len(missing) <= 10, missing


def test_political_names_and_metonyms():
    lex = load_lexicon()
    assert {e.country for e in lex.lookup("رژیم صهیونیستی")} == {"ISR"}
    assert {e.country for e in lex.lookup("جمهوری اسلامی")} == {"IRN"}
    assert any(e.mention == "metonym" and e.country == "USA" for e in lex.lookup("کاخ سفید"))
    assert any(e.mention == "metonym" and e.country == "RUS" for e in lex.lookup("کرملین"))
    assert any(e.mention == "demonym" and e.country == "PAK" for e in lex.lookup("پاکستانی"))
    assert not lex.lookup("مالی")  # Mali is dropped: «مالی» is "financial"


def test_lookup_place():
    p = lookup_place("اسلام آباد")
    assert p is not None and p.country == "PAK" and p.name_en == "Islamabad"
    assert p.latitude is not None and 33 < p.latitude < 34
    m = lookup_place("مشهد")
    assert m is not None and m.country == "IRN" and m.type == "city"
    assert lookup_place("پاکستان").type == "country"
    assert lookup_place("كربلا").country == "IRQ"  # Arabic kaf
    assert lookup_place("ناکجاآباد") is None
