"""Training helpers: Arman harmonization, the entity lexicon, span scoring."""

from __future__ import annotations

import pytest

from conftest import SHARED, need
from rokhdad.ner.keys import word_key
from rokhdad.ner.train import (
    TrainConfig,
    build_lexicon,
    harmonize,
    span_f1,
    subsample,
    training_sentences,
)

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


def test_subsample_is_seeded_ordered_and_sized() -> None:
    sents = [[(f"w{i}", "O")] for i in range(40)]
    half = subsample(sents, 0.5, 7)
    assert len(half) == 20
    assert half == subsample(sents, 0.5, 7)  # same seed, same sentences
    assert half != subsample(sents, 0.5, 8)
    assert [sents.index(s) for s in half] == sorted(sents.index(s) for s in half)
    assert subsample(sents, 1.0, 7) == sents
    assert len(subsample(sents[:3], 0.01, 7)) == 1  # never empty


@pytest.mark.parametrize("bad", [0.0, -0.5, 1.5])
def test_subsample_rejects_a_fraction_outside_0_1(bad: float) -> None:
    with pytest.raises(ValueError, match="fraction"):
        subsample([[("و", "O")]], bad, 1)


def test_fraction_takes_a_share_of_each_corpus() -> None:
    need(SHARED / "data/ner/peyma/train.txt")
    full = training_sentences(TrainConfig(shared=SHARED, arman_dev=True))
    part = training_sentences(TrainConfig(shared=SHARED, arman_dev=True, fraction=0.1))
    assert set(part) == set(full) == {"arman", "peyma", "twitter"}
    for name, sents in full.items():
        assert len(part[name]) == round(len(sents) * 0.1)
        assert all(s in sents for s in part[name][:20])
