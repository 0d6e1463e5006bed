"""Features: gazetteer spans over any spelling, cluster look-ups, domain copies."""

from __future__ import annotations

from rokhdad.ner.features import Featurizer, shape
from rokhdad.ner.keys import word_key


def _fx() -> Featurizer:
    gaz = {
        word_key(n): t
        for n, t in (("اسلام‌آباد", "capital"), ("پاکستان", "country"), ("عربستان سعودی", "country"))
    }
    return Featurizer(clusters={"تهران": ("1", "2", "3")}, gazetteer=gaz)


def test_gazetteer_matches_names_written_with_or_without_space() -> None:
    fx = _fx()

    def spans(tokens: list[str]) -> list[str | None]:
        return fx.gazetteer_spans([word_key(t) for t in tokens])

    assert spans(["از", "اسلام", "آباد"]) == [None, "B-capital", "I-capital"]
    assert spans(["اسلامآباد", "و", "پاکستان"]) == spans(["اسلام\u200cآباد", "و", "پاکستان"])
    assert spans(["اسلامآباد", "و", "پاکستان"]) == ["B-capital", None, "B-country"]
    assert spans(["عربستان", "سعودی"]) == ["B-country", "I-country"]
    assert spans(["عربستان"]) == [None]


def test_features_carry_clusters_context_and_gazetteer() -> None:
    feats = _fx()(["در", "تهران", "و", "پاکستان"])
    assert "c1k=3" in feats[1] and "-1w=در" in feats[1] and "+1w=و" in feats[1]
    assert "gz=B-country" in feats[3] and "EOS" in feats[3]
    assert "c=none" in feats[0] and "BOS" in feats[0]


def test_domain_copies_only_when_asked() -> None:
    fx = _fx()
    plain = fx(["تهران"])[0]
    dom = fx(["تهران"], domain="peyma")[0]
    assert not any(f.startswith("peyma:") for f in plain)
    assert "peyma:w=تهران" in dom and len(dom) > len(plain)


def test_shape() -> None:
    assert [shape(t) for t in ["تهران", "NATO", "1403", "«", "G7"]] == ["fa", "lat", "num", "punct", "lat"]
