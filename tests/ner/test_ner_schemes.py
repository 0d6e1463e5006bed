"""Corpus-aware models (Daumé's feature copies, a scheme at tag time) and the ORG-head features."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rokhdad.ner.features import Featurizer
from rokhdad.ner.model import Tagger, make_featurizer


def _tiny_shared(tmp_path: Path) -> Path:
    """Two made-up corpora that disagree: «ایران» acting is ORG in one, LOC in the other."""
    shared = tmp_path / "shared"
    for corpus in ("arman", "peyma"):
        (shared / f"data/ner/{corpus}").mkdir(parents=True)
    arman, peyma = [], []
    for verb in ("گفت", "اعلام کرد", "هشدار داد", "پاسخ داد"):
        arman += ["ایران B-org", *(f"{w} O" for w in verb.split()), ""]
        peyma += ["ایران|B_LOC", *(f"{w}|O" for w in verb.split()), ""]
    (shared / "data/ner/arman/train_fold1.txt").write_text("\n".join(arman) + "\n", encoding="utf-8")
    (shared / "data/ner/peyma/train.txt").write_text("\n".join(peyma) + "\n", encoding="utf-8")
    return shared


@pytest.fixture(scope="module")
def aware_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from rokhdad.ner.train import TrainConfig, train

    tmp = tmp_path_factory.mktemp("aware")
    res = tmp / "res"
    res.mkdir()
    (res / "clusters.tsv").write_text("ایران\t1\t2\t3\n", encoding="utf-8")
    cfg = TrainConfig(
        shared=_tiny_shared(tmp),
        out=tmp / "model",
        resources=res,
        corpora=("arman", "peyma"),
        gazetteer=False,
        lexicon=False,
        harmonize=False,
        domain=True,
        domain_dropout=0.0,
        org_heads=False,
        c1=0.0,
        c2=0.01,
        iterations=50,
    )
    return train(cfg, log=lambda _: None)


def test_the_scheme_picks_the_corpus_convention(aware_model: Path) -> None:
    toks = ["ایران", "اعلام", "کرد"]
    assert Tagger(aware_model, scheme="arman").tag(toks)[0] == "B-ORG"
    assert Tagger(aware_model, scheme="peyma").tag(toks)[0] == "B-LOC"
    meta = json.loads((aware_model / "meta.json").read_text(encoding="utf-8"))
    assert meta["default_scheme"] == "peyma"
    assert Tagger(aware_model).tag(toks)[0] == "B-LOC"  # the default: places are LOC


def test_unknown_scheme_is_refused(aware_model: Path) -> None:
    with pytest.raises(ValueError, match="scheme"):
        Tagger(aware_model, scheme="conll")


def test_tag_ner_takes_a_scheme(aware_model: Path) -> None:
    from rokhdad.cli import app

    args = ["tag-ner", "--model", str(aware_model), "-"]
    arman = CliRunner().invoke(app, [*args[:3], "--scheme", "arman", "-"], input="ایران\nگفت\n")
    assert arman.exit_code == 0, arman.output
    assert arman.output.split("\n")[0] == "ایران\tB-ORG"
    plain = CliRunner().invoke(app, args, input="ایران\nگفت\n")
    assert plain.output.split("\n")[0] == "ایران\tB-LOC"
    bad = CliRunner().invoke(app, [*args[:3], "--scheme", "nope", "-"], input="ایران\n")
    assert bad.exit_code != 0


def test_org_head_distances_stop_at_punctuation() -> None:
    fx = Featurizer(clusters={}, gazetteer={}, org_heads={"سازمان": "head", "گزارش": "trigger"})
    feats = fx(["به", "گزارش", "سازمان", "انتقال", "خون", "،", "تهران"])
    assert "oh=trigger" in feats[1] and "oh=head" in feats[2]
    assert "otd=1" in feats[2] and "ohd=1" in feats[3] and "ohd=2" in feats[4]
    assert not any(f.startswith(("ohd", "otd")) for f in feats[6])  # the comma ends the name
    assert not any(f.startswith(("oh", "otd")) for f in Featurizer(clusters={}, gazetteer={})(["سازمان"])[0])


def test_wide_clusters_see_two_words_away() -> None:
    clusters = {"وزارت": ("1", "2", "3"), "خارجه": ("4", "5", "6")}
    feats = Featurizer(clusters=clusters, gazetteer={}, wide_clusters=True)(["وزارت", "امور", "خارجه"])
    assert "+2c256=5" in feats[0] and "-2c256=2" in feats[2]


def test_meta_switches_org_heads_on(tmp_path: Path) -> None:
    (tmp_path / "clusters.tsv").write_text("تهران\t1\t2\t3\n", encoding="utf-8")
    (tmp_path / "org_heads.tsv").write_text("# key\tkind\nوزارت\thead\n", encoding="utf-8")
    fx = make_featurizer({"gazetteer": False, "org_heads": True, "wide_clusters": True}, tmp_path)
    assert fx.org_heads == {"وزارت": "head"} and fx.wide_clusters
    assert make_featurizer({"gazetteer": False}, tmp_path).org_heads == {}


def test_shared_only_sentences_teach_the_general_scheme_places_are_loc(tmp_path: Path) -> None:
    """``domain_dropout``: sentences trained without their copy; Arman ones harmonized first."""
    from rokhdad.ner.train import TrainConfig, train

    res = tmp_path / "res"
    res.mkdir()
    (res / "clusters.tsv").write_text("ایران\t1\t2\t3\n", encoding="utf-8")
    (res / "gazetteer.tsv").write_text("# name\ttype\nایران\tcountry\n", encoding="utf-8")
    shared = _tiny_shared(tmp_path)
    toks = ["ایران", "اعلام", "کرد"]
    tags = {}
    for dropout in (0.0, 1.0):
        cfg = TrainConfig(
            shared=shared,
            out=tmp_path / f"model{dropout}",
            resources=res,
            corpora=("arman",),
            lexicon=False,
            harmonize=False,
            domain=True,
            domain_dropout=dropout,
            org_heads=False,
            c1=0.0,
            c2=0.01,
            iterations=50,
        )
        tags[dropout] = Tagger(train(cfg, log=lambda _: None), scheme="general").tag(toks)[0]
    assert tags == {0.0: "B-ORG", 1.0: "B-LOC"}
