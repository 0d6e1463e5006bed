"""scripts/ner_headroom.py: seen/unseen recall and the F1 bounds derived from them."""

from __future__ import annotations

import pytest

from conftest import ROOT, load_module
from rokhdad.ner.keys import word_key

headroom_script = load_module("ner_headroom", ROOT / "scripts" / "ner_headroom.py")

LEXICON = {word_key("ایران"): "LOC", word_key("خبرگزاری مهر"): "ORG"}


def sent(*pairs: str) -> list[tuple[str, str]]:
    return [(p.rsplit(":", 1)[0], p.rsplit(":", 1)[1]) for p in pairs]


GOLD = [
    sent("ایران:B-LOC", "و:O", "دارسی:B-PER", "گفت:O"),
    sent("خبرگزاری:B-ORG", "مهر:I-ORG", "از:O", "کلوپ:B-PER"),
]
PRED = [
    sent("ایران:B-LOC", "و:O", "دارسی:O", "گفت:O"),  # seen found, unseen missed
    sent("خبرگزاری:B-ORG", "مهر:I-ORG", "از:B-LOC", "کلوپ:B-PER"),  # seen, false alarm, unseen found
]


def test_spans_are_split_by_whether_the_lexicon_knows_them() -> None:
    h = headroom_script.headroom(GOLD, PRED, LEXICON)
    assert h.gold == {"seen": 2, "unseen": 2}
    assert h.found == {"seen": 2, "unseen": 1}
    assert h.predicted == {"seen": 2, "unseen": 2}  # «از» as LOC is an unseen false alarm
    assert h.by_label["unseen", "PER", "gold"] == 2 and h.by_label["unseen", "PER", "found"] == 1
    assert [hit for _, hit in h.unseen_spans] == [False, True]


def test_a_name_seen_with_another_label_is_unseen() -> None:
    gold = [sent("ایران:B-ORG", "گفت:O")]
    h = headroom_script.headroom(gold, gold, LEXICON)
    assert h.gold == {"unseen": 1}


def test_bounds_follow_from_the_counts() -> None:
    h = headroom_script.headroom(GOLD, PRED, LEXICON)
    assert h.f1() == pytest.approx(2 * 3 / (4 + 4))
    # every seen name right (they already are), unseen as now
    assert h.f1_seen_perfect() == pytest.approx(2 * 3 / (4 + 4))
    # at unseen precision 1/2, F1 with unseen recall r is 2(2 + 2r) / (2 + 4r + 4)
    assert h.unseen_recall_for(0.78) == pytest.approx(0.68 / 0.88)
    assert h.unseen_recall_for(0.8) == pytest.approx(1.0)
    assert h.unseen_recall_for(0.9) is None  # would need a recall over 1


def test_sentence_counts_must_agree() -> None:
    with pytest.raises(ValueError, match="1 gold sentences against 2"):
        headroom_script.headroom(GOLD[:1], PRED, LEXICON)
    with pytest.raises(ValueError, match="sentence 1"):
        headroom_script.headroom([GOLD[0][:2]], [PRED[0]], LEXICON)


def test_only_the_labels_the_scorer_counts_are_read(tmp_path) -> None:
    tweets = tmp_path / "tw.txt"
    tweets.write_text("حزب\tB-POG\nالله\tI-POG\nو\tO\nسعید\tB-PER\n\nتهران\tB-LOC\n", encoding="utf-8")
    assert headroom_script.read_scored(tweets) == [
        [("حزب", "O"), ("الله", "O"), ("و", "O"), ("سعید", "B-PER")],
        [("تهران", "B-LOC")],
    ]
    peyma = tmp_path / "peyma.txt"
    peyma.write_text("روش های|O\nسازمان|B_ORG\nملل|I_ORG\n1399|B_DAT\n", encoding="utf-8")
    assert headroom_script.read_scored(peyma) == [
        [("روش های", "O"), ("سازمان", "B-ORG"), ("ملل", "I-ORG"), ("1399", "O")]
    ]
