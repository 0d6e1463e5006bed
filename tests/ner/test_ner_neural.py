"""The NumPy neural NER tagger: torch parity, IOB2 decoding, export/load round trip."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from conftest import load_module
from rokhdad.config import Settings
from rokhdad.document import Document
from rokhdad.ner import entities_of
from rokhdad.ner.corpus import LABELS
from rokhdad.ner.model import Tagger, bio_spans
from rokhdad.ner.neural import (
    FEATURE_COLUMNS,
    NeuralTagger,
    allowed_transitions,
    crf_marginals,
    read_vocab,
    save_model,
    viterbi,
    viterbi_batch,
)
from rokhdad.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[2]
TAGS = ["O"] + [f"{bi}-{lab}" for lab in LABELS for bi in "BI"]
DIMS = {"c64": 2, "c256": 2, "c1k": 3, "shape": 2, "oh": 2, "gaz": 2, "lex": 2, "ohd": 2, "otd": 2}
# sentences written for these tests
SENTS = [
    ["علی", "لاریجانی", "امروز", "در", "تهران", "با", "ایاز", "صادق", "گفتگو", "کرد", "."],
    ["وزارت", "امور", "خارجه", "پاکستان", "بیانیه‌ای", "منتشر", "کرد"],
    ["اسلام‌آباد"],
    ["شورای", "عالی", "امنیت", "ملی", "جلسه", "داشت"],
]


def tiny_arch(encoder: str, output: str = "softmax") -> dict:
    return {
        "encoder": encoder,
        "output": output,
        "hidden": 6,
        "dilations": [1, 2] if encoder == "cnn" else [],
        "word_dim": 4,
        "char_dim": 3,
        "char_filters": 5,
        "corpus_dim": 2,
        "dropout": 0.0,
        "feature_dims": DIMS,
    }


def tiny_vocab() -> dict[str, list[str]]:
    return {
        "word": ["تهران", "علی", "وزارت", "در"],
        "char": sorted(set("".join(w for s in SENTS for w in s))),
        "gaz": ["B-country", "I-country", "B-city", "I-city"],
        "lex": [f"{bi}-{lab}" for lab in LABELS for bi in "BI"],
        "tag": TAGS,
    }


def sizes(vocab: dict[str, list[str]]) -> dict[str, int]:
    return {
        "c64": 65,
        "c256": 257,
        "c1k": 1025,
        "shape": 6,
        "oh": 3,
        "gaz": len(vocab["gaz"]) + 1,
        "lex": len(vocab["lex"]) + 1,
        "ohd": 5,
        "otd": 4,
    }


def random_weights(arch: dict, vocab: dict[str, list[str]], seed: int = 0) -> dict[str, np.ndarray]:
    """Weights with the names and shapes the exporter writes (what a torch state_dict holds)."""
    rng = np.random.default_rng(seed)
    r = lambda *shape: rng.normal(0, 0.5, shape).astype(np.float32)  # noqa: E731
    d_in = arch["word_dim"] + arch["char_filters"] + sum(DIMS.values()) + arch["corpus_dim"]
    h = arch["hidden"]
    t = len(vocab["tag"])
    w = {
        "word_emb.weight": r(len(vocab["word"]) + 2, arch["word_dim"]),
        "char_emb.weight": r(len(vocab["char"]) + 3, arch["char_dim"]),
        "char_conv.weight": r(arch["char_filters"], arch["char_dim"], 3),
        "char_conv.bias": r(arch["char_filters"]),
        "corpus_emb.weight": r(4, arch["corpus_dim"]),
    }
    w["word_emb.weight"][0] = 0
    w["char_emb.weight"][0] = 0
    for col, n in sizes(vocab).items():
        w[f"feat_emb.{col}.weight"] = r(n, DIMS[col])
    if arch["encoder"] == "cnn":
        w["proj.weight"], w["proj.bias"] = r(h, d_in), r(h)
        for i, _ in enumerate(arch["dilations"]):
            w[f"convs.{i}.weight"], w[f"convs.{i}.bias"] = r(h, h, 3), r(h)
        h_out = h
    else:
        for sfx in ("", "_reverse"):
            w[f"lstm.weight_ih_l0{sfx}"] = r(4 * h, d_in)
            w[f"lstm.weight_hh_l0{sfx}"] = r(4 * h, h)
            w[f"lstm.bias_ih_l0{sfx}"] = r(4 * h)
            w[f"lstm.bias_hh_l0{sfx}"] = r(4 * h)
        h_out = 2 * h
    w["out.weight"], w["out.bias"] = r(t, h_out), r(t)
    w["corpus_out"], w["corpus_out_bias"] = r(4, h_out, t), r(4, t)
    if arch["output"] == "crf":
        w["crf_start"], w["crf_trans"] = r(t), r(t, t)
    return w


def tiny_meta(arch: dict) -> dict:
    return {
        "kind": "neural",
        "clusters": True,
        "gazetteer": True,
        "lexicon": False,
        "org_heads": True,
        "arch": arch,
        "config": {"domain": True},
        "default_scheme": "peyma",
        "resources": {},
    }


def valid_iob2(tags: list[str]) -> bool:
    prev = "O"
    for t in tags:
        if t.startswith("I-") and prev[2:] != t[2:]:
            return False
        prev = t
    return True


def test_viterbi_respects_iob2() -> None:
    start, trans = allowed_transitions(TAGS)
    rng = np.random.default_rng(7)
    for n in (1, 2, 5, 30):
        for _ in range(20):
            logp = rng.normal(0, 3, (n, len(TAGS)))
            logp[:, [i for i, t in enumerate(TAGS) if t.startswith("I-")]] += 2  # tempt I- tags
            path = [TAGS[p] for p in viterbi(logp, start, trans)]
            assert len(path) == n
            assert valid_iob2(path), path
    # the batched decoder finds the same paths, each sentence up to its own length
    lens = np.array([4, 1, 7])
    logp = rng.normal(0, 3, (3, 7, len(TAGS)))
    paths = viterbi_batch(logp, lens, start, trans)
    for b, n in enumerate(lens):
        assert paths[b, :n].tolist() == viterbi(logp[b, :n], start, trans)


def test_crf_marginals_match_brute_force() -> None:
    tags = ["O", "B-PER", "I-PER"]
    start, trans = allowed_transitions(tags)
    rng = np.random.default_rng(5)
    start = start + rng.normal(size=3)
    trans = trans + rng.normal(size=(3, 3))
    em = rng.normal(size=(2, 4, 3))
    lens = np.array([4, 2])
    marg = crf_marginals(em, lens, start, trans)
    for b, n in enumerate(lens):
        total = np.zeros((n, 3))
        for path in itertools.product(range(3), repeat=int(n)):
            s = start[path[0]] + sum(em[b, i, p] for i, p in enumerate(path))
            s += sum(trans[a, c] for a, c in itertools.pairwise(path))
            if np.isfinite(s):
                for i, p in enumerate(path):
                    total[i, p] += np.exp(s)
        np.testing.assert_allclose(marg[b, :n], total / total[0].sum(), atol=1e-6)


def test_viterbi_takes_the_best_valid_path() -> None:
    start, trans = allowed_transitions(TAGS)
    ix = {t: i for i, t in enumerate(TAGS)}
    logp = np.full((3, len(TAGS)), -10.0)
    logp[0, ix["B-PER"]] = 0
    logp[1, ix["I-PER"]] = 0
    logp[2, ix["I-LOC"]] = 0  # not reachable from I-PER: the next best valid tag wins
    logp[2, ix["B-LOC"]] = -1
    assert [TAGS[p] for p in viterbi(logp, start, trans)] == ["B-PER", "I-PER", "B-LOC"]


@pytest.mark.parametrize(("encoder", "output"), [("cnn", "softmax"), ("lstm", "softmax"), ("lstm", "crf")])
def test_tiny_model_round_trip(tmp_path: Path, encoder: str, output: str) -> None:
    arch, vocab = tiny_arch(encoder, output), tiny_vocab()
    weights = random_weights(arch, vocab)
    save_model(tmp_path, weights, vocab, tiny_meta(arch))
    assert read_vocab(tmp_path / "vocab.tsv") == vocab
    tagger = Tagger(tmp_path, scheme="arman")  # dispatches on meta.json "kind"
    assert isinstance(tagger, NeuralTagger)
    for k, v in weights.items():
        np.testing.assert_array_equal(tagger.net.w[k], v)
    batched = tagger.tag_many(SENTS)
    for sent, tags in zip(SENTS, batched, strict=True):
        assert tagger.tag(sent) == tags  # padding a batch changes nothing
        assert len(tags) == len(sent) and valid_iob2(tags)
    tagger.net.clear_cache()  # a full word cache: new word forms are computed for the call only
    tagger.net._word_part.update(dict.fromkeys((f"x{i}" for i in range(200_000)), np.zeros(1)))
    assert tagger.tag_many(SENTS) == batched
    assert len(tagger.net._word_part) == 200_000
    ents = tagger.entities(SENTS[0])
    assert [(e.first, e.last, e.label) for e in ents] == bio_spans(batched[0])
    assert all(0 < e.score <= 1 for e in ents)
    assert tagger.tag([]) == [] and tagger.entities([]) == []
    assert len(tagger.tag_gold_tokens(["اسلام", "آباد", "و", "تهران"])) == 4
    with pytest.raises(ValueError):
        Tagger(tmp_path, scheme="nonsense")


def test_entities_stage_batches_a_document_like_one_sentence_a_call(tmp_path: Path) -> None:
    arch, vocab = tiny_arch("lstm", "crf"), tiny_vocab()
    save_model(tmp_path, random_weights(arch, vocab), vocab, tiny_meta(arch))
    tagger = Tagger(tmp_path, scheme="arman")
    text = "\n".join(" ".join(s) for s in SENTS)  # one sentence a line, so each line is a chunk

    class OneByOne:  # the same tagger without entities_many: the CRF path of entities_of
        entities = tagger.entities

    doc = Pipeline(Settings(pipeline=("normalize",)))(Document(id="t", text=text))
    batched = entities_of(doc, tagger)
    assert batched and batched == entities_of(doc, OneByOne())
    for e in batched:
        assert text[e["start"] : e["end"]] == e["text"]


def _training_script():
    return load_module("train_ner_neural", ROOT / "scripts/train_ner_neural.py")


@pytest.mark.parametrize(("encoder", "output"), [("cnn", "softmax"), ("lstm", "softmax"), ("cnn", "crf")])
def test_numpy_forward_equals_torch(tmp_path: Path, encoder: str, output: str) -> None:
    torch = pytest.importorskip("torch", reason="torch lives in .venv-train (training only)")
    from torch import nn

    script = _training_script()
    arch, vocab = tiny_arch(encoder, output), tiny_vocab()
    torch.manual_seed(3)
    net = script.build_net(
        torch, nn, sizes(vocab), len(vocab["word"]), len(vocab["char"]), len(vocab["tag"]), arch
    )
    with torch.no_grad():  # the output layers start at zero in training; make them count here
        for p in net.parameters():
            p.normal_(0, 0.5)
        net.word_emb.weight[0] = 0
        net.char_emb.weight[0] = 0
    net.eval()
    save_model(tmp_path, {k: v.numpy() for k, v in net.state_dict().items()}, vocab, tiny_meta(arch))
    for scheme in ("arman", "peyma", "general"):
        tagger = Tagger(tmp_path, scheme=scheme)
        enc = [tagger.encoder.encode(s) for s in SENTS]
        items = [(w, c, f, [0] * len(w), tagger.corpus) for w, c, f in enc]
        words, chars, feats, _, corpus, mask = next(script.batches(torch, items, 8))
        with torch.no_grad():
            want = net(words, chars, feats, corpus, mask).numpy()
        z, lens = tagger.net.first_layer(SENTS, enc, tagger.corpus)
        got = tagger.net.log_probs(tagger.net.encode(z, lens), tagger.corpus)
        np.testing.assert_allclose(got, want[mask.numpy()], atol=1e-4)
        if output == "crf":  # the decoder uses the learned transitions
            np.testing.assert_allclose(
                tagger._trans[np.isfinite(tagger._trans)],
                net.crf_trans.detach().numpy()[np.isfinite(tagger._trans)],
                atol=1e-6,
            )
    assert len(FEATURE_COLUMNS) == len(DIMS)


def test_language_model_heads_predict_neighbours_without_seeing_them() -> None:
    """``--lm-weight``: the forward states predict the next word, the backward states the previous
    one. On words drawn at random there is nothing to learn, so the loss stays at chance; a
    head that saw its own target (an off-by-one in the shift) would drive it towards 0. On a
    repeating pattern it learns. The tagger's output does not depend on the heads."""
    torch = pytest.importorskip("torch", reason="torch lives in .venv-train (training only)")
    from torch import nn

    script = _training_script()
    vocab, n_words = tiny_vocab(), 30
    arch = {**tiny_arch("lstm", "crf"), "hidden": 16, "lm_vocab": n_words}

    def trained(make_words) -> float:
        torch.manual_seed(5)
        net = script.build_net(torch, nn, sizes(vocab), n_words, len(vocab["char"]), len(vocab["tag"]), arch)
        opt = torch.optim.Adam(net.parameters(), lr=0.02)
        for _ in range(150):
            words = make_words()
            b, n = words.shape
            chars = torch.zeros(b, n, 4, dtype=torch.long)
            feats = torch.zeros(b, n, len(FEATURE_COLUMNS), dtype=torch.long)
            mask = torch.ones(b, n, dtype=torch.bool)
            net(words, chars, feats, torch.zeros(b, dtype=torch.long), mask)
            loss = net.lm_loss(words, mask)
            opt.zero_grad()
            loss.backward()
            opt.step()
        return float(loss.detach())

    chance = float(np.log(n_words))
    assert trained(lambda: torch.randint(2, n_words + 2, (16, 12))) > chance - 0.3
    cycle = torch.arange(12) % 3 + 2  # 2 3 4 2 3 4 …: each neighbour follows from the word
    assert trained(lambda: cycle.repeat(16, 1)) < 0.3

    torch.manual_seed(3)
    plain = script.build_net(
        torch, nn, sizes(vocab), n_words, len(vocab["char"]), len(vocab["tag"]), tiny_arch("lstm", "crf")
    )
    torch.manual_seed(3)
    with_lm = script.build_net(
        torch,
        nn,
        sizes(vocab),
        n_words,
        len(vocab["char"]),
        len(vocab["tag"]),
        {**tiny_arch("lstm", "crf"), "lm_vocab": n_words},
    )
    shared = {k: v for k, v in with_lm.state_dict().items() if not k.startswith("lm_")}
    plain.load_state_dict(shared)  # strict: the heads are the only extra weights
    plain.eval()
    with_lm.eval()
    words = torch.randint(2, n_words + 2, (2, 7))
    args = (
        words,
        torch.zeros(2, 7, 4, dtype=torch.long),
        torch.zeros(2, 7, len(FEATURE_COLUMNS), dtype=torch.long),
    )
    rest = (torch.zeros(2, dtype=torch.long), torch.ones(2, 7, dtype=torch.bool))
    with torch.no_grad():
        torch.testing.assert_close(plain(*args, *rest), with_lm(*args, *rest))


def test_language_model_loss_of_one_word_sentences_is_zero_not_nan() -> None:
    torch = pytest.importorskip("torch", reason="torch lives in .venv-train (training only)")
    from torch import nn

    script = _training_script()
    vocab = tiny_vocab()
    arch = {**tiny_arch("lstm", "crf"), "lm_vocab": 4}
    net = script.build_net(torch, nn, sizes(vocab), 4, len(vocab["char"]), len(vocab["tag"]), arch)
    words = torch.tensor([[2, 0], [3, 0]])
    mask = words > 0
    chars = torch.zeros(2, 2, 4, dtype=torch.long)
    net(
        words,
        chars,
        torch.zeros(2, 2, len(FEATURE_COLUMNS), dtype=torch.long),
        torch.zeros(2, dtype=torch.long),
        mask,
    )
    assert float(net.lm_loss(words, mask)) == 0.0
