"""Reading the gold corpora, the shared label scheme, alignment to run-time tokens."""

from __future__ import annotations

from conftest import SHARED, need
from rokhdad.ner.corpus import align, read_conll, read_tokens, split_dev, split_line, unify_tag
from rokhdad.ner.keys import word_key


def test_split_line_formats() -> None:
    assert split_line("خبرگزاری B-org") == ("خبرگزاری", "B-org")
    assert split_line("روش های|O") == ("روش های", "O")
    assert split_line("تهران\tB-LOC") == ("تهران", "B-LOC")


def test_unify_tag_maps_every_corpus_onto_one_scheme() -> None:
    assert unify_tag("B-pers") == "B-PER"
    assert unify_tag("I_ORG") == "I-ORG"
    assert unify_tag("B-POG") == "B-ORG"
    assert unify_tag("B-EVE") == "B-EVENT"
    assert unify_tag("B_DAT") == "B-DATE"
    assert unify_tag("B-pro") == "O"
    assert unify_tag("I_MON") == "O"
    assert unify_tag("O") == "O"


def test_word_key_ignores_zwnj_space_and_arabic_letters() -> None:
    assert word_key("اسلام‌آباد") == word_key("اسلامآباد") == word_key("اسلام آباد")
    assert word_key("كشور") == word_key("کشور")
    assert word_key("۱۴۰۳") == "0000"


def test_align_splits_spaced_tokens_and_keeps_entity_boundaries() -> None:
    toks, tags = align([("روش های", "O"), ("علی", "B-PER"), ("لاریجانی", "I-PER"), ("خبرگزاری مهر", "B-ORG")])
    assert len(toks) == len(tags)
    assert tags[-2:] == ["B-ORG", "I-ORG"] or tags[-1] == "B-ORG"
    assert "B-PER" in tags and tags[tags.index("B-PER") + 1] == "I-PER"
    assert "".join(toks).replace("\u200c", "") == "روشهایعلیلاریجانیخبرگزاریمهر"


def test_read_tokens_keeps_spaces_inside_tokens() -> None:
    sents = read_tokens(["روش های\n", "ایران\n", "\n", "\n", "تهران\n"])
    assert sents == [["روش های", "ایران"], ["تهران"]]


def test_arman_dev_split_is_seeded_and_disjoint() -> None:
    sents = read_conll(need(SHARED / "data/ner/arman/train_fold1.txt"))
    tr1, dev1 = split_dev(sents, 0.1, 13)
    _, dev2 = split_dev(sents, 0.1, 13)
    assert dev1 == dev2 and len(tr1) + len(dev1) == len(sents)
    assert abs(len(dev1) - len(sents) // 10) <= 1
    _, dev3 = split_dev(sents, 0.1, 14)
    assert dev3 != dev1
