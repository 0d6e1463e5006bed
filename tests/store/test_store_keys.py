"""Search keys, content hashes and snippets."""

from __future__ import annotations

from store_helpers import fars_articles

from rokhdad.store.keys import content_hash, keyed, raw_hash, search_key, search_tokens, snippet

ZWNJ = "\u200c"


def test_three_spellings_of_mishavad_have_one_key():
    keys = {search_key("می شود"), search_key("میشود"), search_key(f"می{ZWNJ}شود")}
    assert keys == {"میشود"}
    # Arabic ي/ك and the negative prefix too
    assert search_key("نمي شود") == search_key(f"نمی{ZWNJ}شود") == "نمیشود"
    assert search_key("كشور") == search_key("کشور")


def test_suffixes_glue_and_words_stay_apart():
    assert search_key("کتاب ها") == search_key(f"کتاب{ZWNJ}ها") == search_key("کتابها") == "کتابها"
    assert search_key("بزرگ ترین") == search_key(f"بزرگ{ZWNJ}ترین")
    # «می» only glues as a prefix: inside a word nothing changes, and other words stay apart
    assert search_key("سمی شد") == "سمی شد"
    assert search_key("ایران و عراق.") == "ایران و عراق"


def test_diacritics_digits_and_case_fold():
    assert search_key("مُحَمَّد") == search_key("محمد")
    assert search_key("۱۴۰۴") == search_key("1404") == "1404"
    assert search_tokens("ICT روستايي") == ["ict", "روستایی"]


def test_keyed_matches_search_key_on_real_text():
    for art in fars_articles(40):
        kt = keyed(art.text)
        assert kt.key == search_key(art.text), art.id
        assert len(kt.offsets) == len(kt.key)
        assert list(kt.offsets) == sorted(kt.offsets)


def test_snippet_quotes_the_original_text():
    text = "وزير امور خارجه گفت: اين كار انجام مي شود و پايان مي يابد."
    snip = snippet(text, f"می{ZWNJ}شود")
    assert "[مي شود]" in snip  # the original spelling, not the key's
    assert snippet(text, "ناموجود").startswith("وزير")


def test_content_hash_is_normalized_raw_hash_is_not():
    assert content_hash("وزير", "") == content_hash("وزیر", "")
    assert content_hash("وزیر", "الف") != content_hash("وزیر", "ب")
    assert raw_hash("وزير") != raw_hash("وزیر")
