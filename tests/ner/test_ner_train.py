"""Training helpers: Arman harmonization, the entity lexicon, span scoring."""

from __future__ import annotations

from rokhdad.ner.keys import word_key
from rokhdad.ner.train import build_lexicon, harmonize, span_f1

GAZ = {word_key("ایران"): "country", word_key("اسرائیل"): "country"}


def test_harmonize_turns_arman_countries_into_loc_and_nationalities_into_nat() -> None:
    sent = [("ایران", "B-ORG"), ("و", "O"), ("اسرائیلی‌ها", "B-ORG"), ("وزارت", "B-ORG"), ("خارجه", "I-ORG")]
    assert [t for _, t in harmonize(sent, GAZ)] == ["B-LOC", "O", "B-NAT", "B-ORG", "I-ORG"]


def test_harmonize_leaves_other_labels_alone() -> None:
    sent = [("ایران", "B-LOC"), ("خودرو", "O"), ("علی", "B-PER")]
    assert harmonize(sent, GAZ) == sent


def test_lexicon_keeps_the_majority_label() -> None:
    sents = [[("مهر", "B-ORG")], [("مهر", "B-ORG")], [("مهر", "B-PER")], [("تهران", "B-LOC"), ("گفت", "O")]]
    assert build_lexicon(sents) == {"مهر": "ORG", "تهران": "LOC"}


def test_span_f1_counts_exact_spans_only() -> None:
    gold = [["B-PER", "I-PER", "O", "B-LOC"]]
    assert span_f1(gold, gold)["ALL"] == 1.0
    half = span_f1(gold, [["B-PER", "O", "O", "B-LOC"]])
    assert half["LOC"] == 1.0 and half["PER"] == 0.0 and half["ALL"] == 0.5
