"""Dense word-vector features (the ``vectors`` lever): loading, feature values, model folders."""

from __future__ import annotations

import json
from pathlib import Path

import pycrfsuite
import pytest

from rokhdad.ner.features import Featurizer, load_vectors
from rokhdad.ner.model import Tagger, make_featurizer


def test_vectors_file_is_read_in_tenths_and_cut_to_the_wanted_dims(tmp_path: Path) -> None:
    path = tmp_path / "vectors.tsv"
    path.write_text("# header\nتهران\t12\t-5\t30\nمشهد\t0\t7\t-30\n", encoding="utf-8")
    assert load_vectors(path, 2) == {"تهران": (1.2, -0.5), "مشهد": (0.0, 0.7)}
    assert load_vectors(path, 8)["مشهد"] == (0.0, 0.7, -3.0)


def test_vector_features_are_real_values_of_the_token_and_its_neighbours() -> None:
    fx = Featurizer(clusters={}, gazetteer={}, vectors={"تهران": (1.5, -0.5, 2.0)}, near_dims=2)
    feats = fx(["سفر", "به", "تهران"])
    assert isinstance(feats[2], dict)
    assert (feats[2]["v0"], feats[2]["v1"], feats[2]["v2"]) == (1.5, -0.5, 2.0)
    assert feats[2]["w=تهران"] == 1.0
    # the neighbour sees only the first near_dims dimensions
    assert feats[1]["+1v0"] == 1.5 and feats[1]["+1v1"] == -0.5 and "+1v2" not in feats[1]
    assert feats[0]["v=none"] == 1.0 and not any(k.startswith("+1v") for k in feats[0])
    # crfsuite takes the dicts as they are
    assert len(pycrfsuite.ItemSequence(feats)) == 3


def test_without_vectors_the_features_stay_plain_strings() -> None:
    fx = Featurizer(clusters={}, gazetteer={})
    feats = fx(["سفر", "به", "تهران"])
    assert all(isinstance(f, list) for f in feats)
    assert feats == fx.strings(["سفر", "به", "تهران"])


def test_meta_switches_vectors_on(tmp_path: Path) -> None:
    (tmp_path / "clusters.tsv").write_text("تهران\t1\t2\t3\n", encoding="utf-8")
    (tmp_path / "vectors.tsv").write_text("تهران\t10\t-10\t5\n", encoding="utf-8")
    meta = {"gazetteer": False, "vectors": True, "vector_dims": 2, "vector_near_dims": 1}
    fx = make_featurizer(meta, tmp_path)
    assert fx.vectors == {"تهران": (1.0, -1.0)} and fx.near_dims == 1
    assert make_featurizer({"gazetteer": False}, tmp_path).vectors == {}


def test_a_model_folder_with_its_own_feature_files_uses_them(tmp_path: Path) -> None:
    """``train-ner --resources DIR`` copies the feature files into the model; the tagger reads those."""
    res = tmp_path / "model"
    res.mkdir()
    (res / "clusters.tsv").write_text("تهران\t1\t2\t3\n", encoding="utf-8")
    (res / "vectors.tsv").write_text("تهران\t10\t-10\nمشهد\t9\t-8\n", encoding="utf-8")
    meta = {"gazetteer": False, "vectors": True, "vector_dims": 2, "vector_near_dims": 2}
    fx = make_featurizer(meta, res)
    trainer = pycrfsuite.Trainer(verbose=False)
    for city in ("تهران", "مشهد"):
        toks = ["سفر", "به", city, "رفت"]
        trainer.append(fx(toks), ["O", "O", "B-LOC", "O"])
    trainer.set_params({"max_iterations": 20})
    trainer.train(str(res / "model.crfsuite"))
    from rokhdad.ner.model import resource_fingerprints

    meta["resources"] = {
        k: v for k, v in resource_fingerprints(res).items() if k in ("clusters.tsv", "vectors.tsv")
    }
    (res / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    tagger = Tagger(res)
    assert tagger.featurizer.vectors["مشهد"] == (0.9, -0.8)
    assert len(tagger.tag(["سفر", "به", "مشهد", "رفت"])) == 4
    (res / "vectors.tsv").write_text("تهران\t1\t-1\n", encoding="utf-8")
    from rokhdad.ner.model import ModelMismatch

    with pytest.raises(ModelMismatch):
        Tagger(res)


def test_train_records_the_vector_switch_and_carries_its_feature_files(tmp_path: Path) -> None:
    from rokhdad.ner.train import TrainConfig, train

    shared = tmp_path / "shared"
    (shared / "data/ner/peyma").mkdir(parents=True)
    lines = []
    for city in ("تهران", "مشهد", "تبریز", "شیراز"):
        lines += ["سفر\tO", "به\tO", f"{city}\tB-LOC", "رفت\tO", ""]
    (shared / "data/ner/peyma/train.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = tmp_path / "res"
    res.mkdir()
    (res / "clusters.tsv").write_text("تهران\t1\t2\t3\nمشهد\t1\t2\t3\n", encoding="utf-8")
    (res / "vectors.tsv").write_text("تهران\t10\t-10\nمشهد\t9\t-8\nتبریز\t8\t-9\n", encoding="utf-8")
    cfg = TrainConfig(
        shared=shared,
        out=tmp_path / "model",
        resources=res,
        corpora=("peyma",),
        gazetteer=False,
        vectors=True,
        vector_dims=2,
        vector_near_dims=1,
        lexicon_folds=2,
        iterations=10,
        org_heads=False,
    )
    out = train(cfg, log=lambda _: None)
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["vectors"] is True and meta["config"]["vectors"] is True and meta["vector_dims"] == 2
    assert set(meta["resources"]) == {"clusters.tsv", "vectors.tsv"}
    assert (out / "vectors.tsv").read_bytes() == (res / "vectors.tsv").read_bytes()
    assert Tagger(out).tag(["سفر", "به", "شیراز", "رفت"])[3] == "O"


def test_binary_mode_fires_only_clearly_signed_dimensions() -> None:
    vecs = {"تهران": (2.0, -1.5), "مشهد": (1.0, 1.5), "گفت": (-2.0, 0.1)}
    fx = Featurizer(clusters={}, gazetteer={}, vectors=vecs, near_dims=1, vector_binary=True)
    feats = fx(["گفت", "تهران", "مشهد"])
    assert all(isinstance(f, list) for f in feats)
    # dim 0: mean of positives 1.5, of negatives -2.0; dim 1: 0.8 and -1.5
    assert {f for f in feats[1] if f.startswith("v")} == {"v0+", "v1-"}
    assert {f for f in feats[2] if f.startswith("v")} == {"v1+"}
    assert "-1v0-" in feats[1] and "+1v0+" in feats[0]
    assert not any(f.startswith(("-1v1", "+1v1")) for f in feats[0] + feats[1] + feats[2])
    # the lexicon copies used in training keep the mode
    assert fx.with_lexicon({}).__call__(["تهران"]) == [f for f in fx(["تهران"])]
