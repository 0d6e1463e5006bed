"""The shipped model: size, load time, tagging interface, and dev-set quality."""

from __future__ import annotations

import time

import pytest

from conftest import SHARED, need
from rokhdad.ner.corpus import read_conll
from rokhdad.ner.model import (
    CORPUS_MODEL,
    DEFAULT_MODEL,
    RESOURCES,
    Tagger,
    bio_spans,
    default_tagger,
    model_for,
)
from rokhdad.ner.train import span_f1


def test_bio_spans_follow_conlleval() -> None:
    assert bio_spans(["B-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG"]) == [
        (0, 2, "PER"),
        (3, 4, "LOC"),
        (4, 5, "LOC"),
        (5, 6, "ORG"),
    ]
    assert bio_spans([]) == []


def test_shipped_model_is_small_and_loads_fast() -> None:
    size = sum(p.stat().st_size for p in RESOURCES.rglob("*") if p.is_file())
    assert size <= 50 * 1024 * 1024
    t0 = time.perf_counter()
    Tagger(DEFAULT_MODEL)
    assert time.perf_counter() - t0 <= 2.0


def test_tag_gold_tokens_is_line_for_line_with_spaced_tokens() -> None:
    toks = ["به", "گزارش", "خبرگزاری", "صدا و سیما", "،", "علی", "لاریجانی", "در", "اسلام آباد", "گفت"]
    tags = default_tagger().tag_gold_tokens(toks)
    assert len(tags) == len(toks)
    assert all(t == "O" or t[:2] in ("B-", "I-") for t in tags)
    assert tags[5:7] == ["B-PER", "I-PER"]
    assert tags[8] == "B-LOC"


def test_tag_gold_tokens_when_the_normalizer_joins_two_tokens() -> None:
    # «اسلام» «آباد» become one run-time token «اسلام‌آباد»: both gold tokens stay in the entity
    tags = default_tagger().tag_gold_tokens(["از", "اسلام", "آباد", "آمد"])
    assert tags == ["O", "B-LOC", "I-LOC", "O"]


def test_entities_have_scores_between_zero_and_one() -> None:
    ents = default_tagger().entities(["علی", "لاریجانی", "به", "تهران", "رفت"])
    assert [(e.first, e.last, e.label) for e in ents] == [(0, 2, "PER"), (3, 4, "LOC")]
    assert all(0.0 < e.score <= 1.0 for e in ents)


def _dev_f1(rel: str, scheme: str | None = None) -> float:
    sents = read_conll(need(SHARED / rel))
    tagger = Tagger(model_for(None, scheme), scheme=scheme) if scheme else default_tagger()
    gold = [[t for _, t in s] for s in sents]
    pred = [tagger.tag_gold_tokens([w for w, _ in s]) for s in sents]
    return span_f1(gold, pred)["ALL"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("rel", "scheme", "floor"),
    [
        ("data/ner/peyma/dev.txt", None, 0.75),
        ("data/ner/parstwiner/dev.txt", None, 0.70),
        ("data/ner/peyma/dev.txt", "peyma", 0.77),
        ("data/ner/parstwiner/dev.txt", "parstwiner", 0.72),
    ],
)
def test_dev_f1_does_not_regress(rel: str, scheme: str | None, floor: float) -> None:
    """Floors a little under the measured dev scores (docs/models/ner.md); the model never saw dev.

    ``None`` is the default model (what the pipeline uses); with a scheme, the corpus-aware model
    in that corpus's conventions (``tag-ner --scheme``).
    """
    assert _dev_f1(rel, scheme) >= floor


@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason="issue 4 asks PER/ORG/LOC F1 >= 0.85 on PEYMA dev; the CRF is at 0.77 (0.79 with --scheme peyma)",
)
def test_peyma_dev_meets_the_issue_target() -> None:
    assert _dev_f1("data/ner/peyma/dev.txt") >= 0.85


def test_model_refuses_changed_feature_files(tmp_path) -> None:
    import json
    import shutil

    from rokhdad.ner.model import ModelMismatch

    model = tmp_path / "model"
    shutil.copytree(DEFAULT_MODEL, model)
    meta = json.loads((model / "meta.json").read_text(encoding="utf-8"))
    meta["resources"] = {"clusters.tsv": "000000000000"}
    (model / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelMismatch):
        Tagger(model)


def test_a_scheme_tags_with_the_shipped_corpus_aware_model() -> None:
    assert model_for(None, None) == DEFAULT_MODEL
    assert model_for(None, "arman") == CORPUS_MODEL
    assert model_for("elsewhere", "arman").name == "elsewhere"
    aware = Tagger(CORPUS_MODEL, scheme="peyma")
    assert aware.meta["config"]["domain"] and aware.domain == "peyma"
    assert not Tagger(DEFAULT_MODEL).meta["config"].get("domain")
    size = sum(f.stat().st_size for f in CORPUS_MODEL.iterdir())
    assert size <= 50 * 1024 * 1024
    toks = ["علی", "لاریجانی", "به", "تهران", "رفت"]
    assert aware.tag(toks)[:2] == ["B-PER", "I-PER"]
