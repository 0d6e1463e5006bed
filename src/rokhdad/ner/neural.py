"""A neural NER tagger run in NumPy: char-CNN + word vectors + features → BiLSTM/CNN → CRF/softmax.

Trained with PyTorch by ``scripts/train_ner_neural.py`` and exported to ``weights.npz`` +
``meta.json`` (``"kind": "neural"``) + ``vocab.tsv``; this module needs NumPy only. The
folder works wherever a CRF model folder does (:class:`rokhdad.ner.model.Tagger` dispatches on
``meta.json``)::

    >>> tagger = Tagger(Path("model_neural"), scheme="peyma")      # doctest: +SKIP
    >>> tagger.tag(["علی", "لاریجانی", "به", "تهران", "رفت"])      # doctest: +SKIP
    ['B-PER', 'I-PER', 'O', 'B-LOC', 'O']

Per token the network reads (:class:`Encoder`, shared by training and inference so both see
the same numbers): the word (its :func:`rokhdad.ner.keys.word_key`, 100-d word2vec vectors
fine-tuned), its characters (a CNN with max pooling, cached per word form at run time), the
three cluster ids of ``clusters.tsv``, a shape class, the gazetteer and entity-lexicon
matches (``B-type``/``I-type``, longest match as in the CRF), the ORG head/trigger mark and
the distance to the nearest head/trigger on the left. A *corpus embedding* (general, arman,
peyma, twitter) is added to the input and a per-corpus output layer to the shared one, so one
model keeps each corpus's labelling conventions, like the corpus-aware CRF (the ``scheme``).

Encoders: ``cnn`` (a projection and residual dilated convolutions, Strubell et al. 2017) or
``lstm`` (one BiLSTM layer). Output: ``softmax`` (Viterbi over the log-softmax) or ``crf``
(a linear-chain CRF layer: learned start and transition scores, Viterbi over the emission
scores, forward-backward marginals for the entity ``score``). Either way decoding keeps the
IOB2 constraint (no ``I-X`` after ``O`` or another type), so the output is always valid IOB2.
No neural model ships alone; the two BiLSTM-CRFs of docs/models/ner.md ship inside the ensemble
``resources/ner/model_ensemble`` (:mod:`rokhdad.ner.ensemble`), stored in float16.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

import numpy as np

from rokhdad.ner.corpus import LABELS
from rokhdad.ner.features import Featurizer, NameTable, shape
from rokhdad.ner.keys import word_key
from rokhdad.ner.model import (
    Entity,
    Tagger,
    bio_spans,
)

CORPUS_IDS: dict[str | None, int] = {None: 0, "arman": 1, "peyma": 2, "twitter": 3}
SHAPES = ("fa", "lat", "num", "punct", "mix")
MAX_CHARS = 20  # longer words keep their first 10 and last 10 characters
HEAD_IDS = {"head": 1, "trigger": 2}
# the discrete feature columns of Encoder.encode, in order, with their vocabulary sizes
# (index 0 is always "none"); gaz/lex sizes come from the encoder's tables
FEATURE_COLUMNS = ("c64", "c256", "c1k", "shape", "oh", "gaz", "lex", "ohd", "otd")


class Encoder:
    """Tokens → integer arrays (word ids, char ids, discrete feature ids), cached per word form.

    ``words``: the word vocabulary (keys; id = position + 2, 0 = padding, 1 = unknown);
    ``chars``: the character vocabulary (id = position + 3; 0 padding, 1 unknown, 2 word
    boundary); ``gaz_types`` / ``lex_types``: the ``B-type``/``I-type`` marks of the
    gazetteer and the entity lexicon (id = position + 1).

    >>> enc = Encoder(Featurizer({}, {}), ["تهران"], list("تهران"), [], [])
    >>> enc.encode(["در", "تهران"])[0].tolist()
    [1, 2]
    """

    def __init__(
        self,
        featurizer: Featurizer,
        words: Sequence[str],
        chars: Sequence[str],
        gaz_types: Sequence[str],
        lex_types: Sequence[str],
        lexicon: Mapping[str, str] | None = None,
    ) -> None:
        self.fx = featurizer
        self.words = {w: i + 2 for i, w in enumerate(words)}
        self.chars = {c: i + 3 for i, c in enumerate(chars)}
        self.gaz_types = {t: i + 1 for i, t in enumerate(gaz_types)}
        self.lex_types = {t: i + 1 for i, t in enumerate(lex_types)}
        self.gaz = NameTable(featurizer.gazetteer if featurizer.use_gazetteer else {})
        lex = featurizer.lexicon if lexicon is None else lexicon
        self.lex = NameTable(lex) if lex else None
        self._cache: dict[str, tuple[str, int, tuple[int, ...], tuple[int, ...]]] = {}

    def sizes(self) -> dict[str, int]:
        """Vocabulary size of each discrete feature column (with its 0 = none)."""
        return {
            "c64": 65,
            "c256": 257,
            "c1k": 1025,
            "shape": len(SHAPES) + 1,
            "oh": 3,
            "gaz": len(self.gaz_types) + 1,
            "lex": len(self.lex_types) + 1,
            "ohd": 5,
            "otd": 4,
        }

    def with_lexicon(self, lexicon: Mapping[str, str] | None) -> Encoder:
        """The same encoder (sharing its word cache) with another entity lexicon (jackknifing)."""
        enc = object.__new__(Encoder)
        enc.__dict__.update(self.__dict__)
        enc.lex = NameTable(lexicon) if lexicon else None
        return enc

    def char_ids(self, tok: str) -> tuple[int, ...]:
        """Character ids of a word between boundary marks (2), at most ``MAX_CHARS`` letters."""
        w = tok.lower()
        if len(w) > MAX_CHARS:
            w = w[: MAX_CHARS // 2] + w[-MAX_CHARS // 2 :]
        return (2, *(self.chars.get(c, 1) for c in w), 2)

    def word(self, tok: str) -> tuple[str, int, tuple[int, ...], tuple[int, ...]]:
        """(key, word id, char ids, per-word feature ids c64 c256 c1k shape oh) of a word form."""
        hit = self._cache.get(tok)
        if hit is not None:
            return hit
        key = word_key(tok)
        cl = self.fx.clusters.get(key) if self.fx.use_clusters else None
        c = (int(cl[0]) + 1, int(cl[1]) + 1, int(cl[2]) + 1) if cl else (0, 0, 0)
        feats = (*c, SHAPES.index(shape(tok)) + 1, HEAD_IDS.get(self.fx.org_heads.get(key, ""), 0))
        out = (key, self.words.get(key, 1), self.char_ids(tok), feats)
        if len(self._cache) < 200_000:
            self._cache[tok] = out
        return out

    def encode(self, tokens: Sequence[str]) -> tuple[np.ndarray, list[tuple[int, ...]], np.ndarray]:
        """(word ids ``[n]``, char ids per token, feature ids ``[n, 9]``) of one sentence."""
        ws = [self.word(t) for t in tokens]
        keys = [w[0] for w in ws]
        n = len(tokens)
        feats = np.zeros((n, len(FEATURE_COLUMNS)), dtype=np.int32)
        feats[:, :5] = [w[3] for w in ws]
        gz = self.gaz.spans(keys)
        lx = self.lex.spans(keys) if self.lex is not None else [None] * n
        heads = self.fx._head_distances(keys, [w[3][3] == 4 for w in ws]) if self.fx.org_heads else None
        for i in range(n):
            if gz[i] is not None:
                feats[i, 5] = self.gaz_types.get(gz[i], 0)
            if lx[i] is not None:
                feats[i, 6] = self.lex_types.get(lx[i], 0)
            if heads is not None:
                for h in heads[i]:  # "ohd=k" / "otd=k"
                    feats[i, 7 if h[1] == "h" else 8] = int(h[4:])
        return np.array([w[1] for w in ws], dtype=np.int64), [w[2] for w in ws], feats


def tag_set() -> list[str]:
    """The tags in output order: ``O``, then ``B-``/``I-`` of each label of :data:`LABELS`."""
    return ["O"] + [f"{bi}-{lab}" for lab in LABELS for bi in "BI"]


def allowed_transitions(tags: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """IOB2 constraints as additive masks: (start ``[T]``, transition ``[T, T]``), 0 or -inf."""
    t = len(tags)
    start = np.zeros(t)
    trans = np.zeros((t, t))
    for j, b in enumerate(tags):
        if b.startswith("I-"):
            start[j] = -np.inf
            for i, a in enumerate(tags):
                if a[2:] != b[2:]:
                    trans[i, j] = -np.inf
    return start, trans


def viterbi(logp: np.ndarray, start: np.ndarray, trans: np.ndarray) -> list[int]:
    """Best tag path of a ``[n, T]`` score matrix under the start/transition masks."""
    n = logp.shape[0]
    score = logp[0] + start
    back = np.zeros((n, logp.shape[1]), dtype=np.int64)
    for i in range(1, n):
        cand = score[:, None] + trans
        back[i] = cand.argmax(0)
        score = cand.max(0) + logp[i]
    path = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    return path[::-1]


def crf_marginals(em: np.ndarray, lens: np.ndarray, start: np.ndarray, trans: np.ndarray) -> np.ndarray:
    """Per-token tag marginals ``[B, n, T]`` of a linear-chain CRF (forward-backward).

    ``em`` are padded emission scores, ``start``/``trans`` the start and transition scores
    (``-inf`` where IOB2 forbids a tag). Scaled in probability space (Rabiner's scaling: each
    step normalized), so a step is one small matrix product instead of a log-sum-exp over
    ``[B, T, T]``.
    """
    b, n, t = em.shape
    e = np.exp(trans - trans[np.isfinite(trans)].max())  # forbidden transitions -> 0
    p = np.exp(em - em.max(2, keepdims=True))  # [B, n, T], each token scaled to max 1
    alpha = np.empty((b, n, t))
    a = np.exp(start - start[np.isfinite(start)].max()) * p[:, 0]
    alpha[:, 0] = a = a / a.sum(1, keepdims=True)
    for i in range(1, n):
        a = (a @ e) * p[:, i]
        alpha[:, i] = a = a / a.sum(1, keepdims=True)
    beta = np.ones((b, n, t))
    for i in range(n - 2, -1, -1):
        nb = (p[:, i + 1] * beta[:, i + 1]) @ e.T
        nb /= nb.sum(1, keepdims=True)
        beta[:, i] = np.where((i < lens - 1)[:, None], nb, 1.0)
    marg = alpha * beta
    return marg / marg.sum(2, keepdims=True)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (np.tanh(0.5 * x) + 1.0)  # tanh form: no overflow warnings


class Network:
    """The exported weights and the forward pass (NumPy, float32), batched over sentences."""

    def __init__(self, w: Mapping[str, np.ndarray], arch: dict[str, Any]) -> None:
        self.w = {k: np.asarray(v, dtype=np.float32) for k, v in w.items()}
        self.arch = arch
        self.kind = arch["encoder"]
        self.crf = arch.get("output") == "crf"
        self.dilations = list(arch.get("dilations", []))
        self.cols = list(FEATURE_COLUMNS)
        if self.kind == "lstm":  # both directions in one batched matmul per step
            hd = self.w["lstm.weight_hh_l0"].shape[1]
            # torch's gate order i f g o -> i f o g: one sigmoid over the first three
            order = np.r_[0 : 2 * hd, 3 * hd : 4 * hd, 2 * hd : 3 * hd]
            w, sfx = self.w, ("", "_reverse")
            self.u = np.stack([w[f"lstm.weight_hh_l0{x}"][order].T for x in sfx])
            self.wi = np.concatenate([w[f"lstm.weight_ih_l0{x}"][order].T for x in sfx], axis=1)
            self.bi = np.concatenate(
                [(w[f"lstm.bias_ih_l0{x}"] + w[f"lstm.bias_hh_l0{x}"])[order] for x in sfx]
            )
            w1, b1 = self.wi, self.bi
        else:
            w1, b1 = self.w["proj.weight"].T, self.w["proj.bias"]
        # The first layer is linear in the concatenated inputs, so each input block is
        # multiplied into it once at load time (feature tables) or once per word form (the
        # word vector, the char-CNN vector and the per-word features, cached): a token then
        # costs a few row look-ups and sums instead of a [D] x [D, K] product.
        blocks = ["word", "char", *self.cols, "corpus"]
        widths = [arch["word_dim"], arch["char_filters"], *(arch["feature_dims"][c] for c in self.cols)]
        widths.append(arch["corpus_dim"])
        offs = np.concatenate([[0], np.cumsum(widths)])
        part = {b: w1[offs[i] : offs[i + 1]] for i, b in enumerate(blocks)}
        self.w_word, self.w_char = part["word"], part["char"]
        self.tables = [self.w[f"feat_emb.{c}.weight"] @ part[c] for c in self.cols]
        self.corpus_term = self.w["corpus_emb.weight"] @ part["corpus"] + b1  # [4, K]
        self._word_part: dict[str, np.ndarray] = {}

    def char_vectors(self, words: Sequence[tuple[int, ...]]) -> np.ndarray:
        """Char-CNN outputs ``[M, F]`` of words given as char ids (conv width 3, ReLU, max over
        the word's positions; positions past a word's end are zero, as in training)."""
        m, longest = len(words), max(map(len, words))
        ids = np.zeros((m, longest + 2), dtype=np.int64)  # one zero column each side: the padding
        for i, w in enumerate(words):
            ids[i, 1 : len(w) + 1] = w
        x = self.w["char_emb.weight"][ids]  # [M, L+2, dc]
        win = np.concatenate([x[:, :-2], x[:, 1:-1], x[:, 2:]], axis=2)  # [M, L, 3*dc]
        k = self.w["char_conv.weight"]  # [F, dc, 3]
        y = np.maximum(win @ k.transpose(2, 1, 0).reshape(-1, k.shape[0]) + self.w["char_conv.bias"], 0)
        y *= (ids[:, 1:-1] > 0)[:, :, None]
        return y.max(1)

    def first_layer(
        self,
        sents: Sequence[Sequence[str]],
        encoded: Sequence[tuple[np.ndarray, list[tuple[int, ...]], np.ndarray]],
        corpus: int,
    ) -> tuple[np.ndarray, np.ndarray]:
        """The first layer's pre-activations of all tokens, sentence after sentence ``[N, K]``
        (the CNN's projection, the LSTM's input gates), and the sentence lengths ``[B]``."""
        lens = np.array([len(e[0]) for e in encoded], dtype=np.int64)
        cache = self._word_part
        toks = [t for sent in sents for t in sent]
        wid = np.concatenate([e[0] for e in encoded])
        fid = np.concatenate([e[2] for e in encoded])
        new: dict[str, int] = {}  # word forms not cached yet -> a token index
        for i, t in enumerate(toks):
            if t not in cache and t not in new:
                new[t] = i
        full = len(cache) >= 200_000  # then new forms are kept for this call only
        store: dict[str, np.ndarray] = {} if full else cache
        if new:  # the new word forms in one batch
            ix = list(new.values())
            chars = [c for e in encoded for c in e[1]]
            v = self.w["word_emb.weight"][wid[ix]] @ self.w_word
            v += self.char_vectors([chars[i] for i in ix]) @ self.w_char
            for j in range(5):  # the per-word feature columns (c64 … oh)
                v += self.tables[j][fid[ix, j]]
            store.update(zip(new, v, strict=True))
        rows = [store[t] if t in store else cache[t] for t in toks] if full else [cache[t] for t in toks]
        z = np.array(rows, dtype=np.float32) + self.corpus_term[corpus]
        for j in range(5, len(self.cols)):  # the per-position columns (gazetteer … distances)
            z += self.tables[j][fid[:, j]]
        return z, lens

    def clear_cache(self) -> None:
        """Forget the per-word vectors (a benchmark's cold start)."""
        self._word_part.clear()

    def encode(self, z: np.ndarray, lens: np.ndarray) -> np.ndarray:
        """Encoder states ``[N, H]`` from the first layer's pre-activations."""
        if self.kind == "lstm":
            return self._bilstm(z, lens)
        # one long sequence with zero gaps as wide as the widest dilation between sentences:
        # each convolution sees zeros past a sentence's ends, exactly as with padding, and no
        # time goes into padding rows
        gap = max(self.dilations, default=1)
        starts = np.concatenate([[0], np.cumsum(lens[:-1] + gap)]) + gap
        idx = np.concatenate([np.arange(s, s + n) for s, n in zip(starts, lens, strict=True)])
        total = int(starts[-1] + lens[-1] + gap)
        keep = np.zeros((total, 1), dtype=np.float32)
        keep[idx] = 1
        h = np.zeros((total, self.w["proj.bias"].shape[0]), dtype=np.float32)
        h[idx] = np.maximum(z, 0)
        for li, d in enumerate(self.dilations):
            k = self.w[f"convs.{li}.weight"]  # [H, H, 3]
            y = h @ k[:, :, 1].T + self.w[f"convs.{li}.bias"]
            y[d:] += h[:-d] @ k[:, :, 0].T
            y[:-d] += h[d:] @ k[:, :, 2].T
            h = (h + np.maximum(y, 0)) * keep
        return h[idx]

    def _bilstm(self, g: np.ndarray, lens: np.ndarray) -> np.ndarray:
        """BiLSTM states ``[N, 2H]`` from the input part of the gates ``g`` ``[N, 8H]``."""
        b, n = len(lens), int(lens.max())
        hd = self.u.shape[1]
        # sentences longest first, so that step t runs on the first `active[t]` rows only
        order = np.argsort(-lens, kind="stable")
        rank = np.empty(b, dtype=np.int64)
        rank[order] = np.arange(b)
        active = (lens[order][None, :] > np.arange(n)[:, None]).sum(1)
        # step t reads token t of each sentence forwards and token len-1-t backwards
        sent = np.repeat(np.arange(b), lens)
        pos = np.arange(len(sent)) - np.repeat(np.cumsum(lens) - lens, lens)
        back_pos = lens[sent] - 1 - pos
        row = rank[sent]
        gin = np.zeros((n, 2, b, 4 * hd), dtype=np.float32)
        gin[pos, 0, row] = g[:, : 4 * hd]
        gin[back_pos, 1, row] = g[:, 4 * hd :]
        h = np.zeros((2, b, hd), dtype=np.float32)
        c = np.zeros((2, b, hd), dtype=np.float32)
        out = np.empty((n, 2, b, hd), dtype=np.float32)
        for t in range(n):
            k = active[t]
            z = gin[t, :, :k] + h[:, :k] @ self.u
            s = _sigmoid(z[..., : 3 * hd])
            c = s[..., hd : 2 * hd] * c[:, :k] + s[..., :hd] * np.tanh(z[..., 3 * hd :])
            h = s[..., 2 * hd :] * np.tanh(c)
            out[t, :, :k] = h
        return np.concatenate([out[pos, 0, row], out[back_pos, 1, row]], axis=1)

    def log_probs(self, h: np.ndarray, corpus: int) -> np.ndarray:
        """Tag scores ``[N, T]`` with the shared and the corpus output layer: log-softmax, or
        with a CRF output the emission scores."""
        z = h @ (self.w["out.weight"].T + self.w["corpus_out"][corpus])
        z = z + (self.w["out.bias"] + self.w["corpus_out_bias"][corpus])
        if self.crf:
            return z
        z = z - z.max(-1, keepdims=True)
        return z - np.log(np.exp(z).sum(-1, keepdims=True))


def viterbi_batch(logp: np.ndarray, lens: np.ndarray, start: np.ndarray, trans: np.ndarray) -> np.ndarray:
    """Best tag paths ``[B, n]`` of padded scores ``[B, n, T]`` (each up to its own length)."""
    b, n, t = logp.shape
    score = logp[:, 0] + start
    back = np.zeros((b, n, t), dtype=np.int64)
    for i in range(1, n):
        cand = score[:, :, None] + trans
        back[:, i] = cand.argmax(1)
        score = np.where((i < lens)[:, None], cand.max(1) + logp[:, i], score)
    path = np.zeros((b, n), dtype=np.int64)
    cur = score.argmax(1)
    rows = np.arange(b)
    for i in range(n - 1, -1, -1):
        cur = np.where(i < lens - 1, back[rows, min(i + 1, n - 1), cur], cur)
        path[:, i] = cur
    return path


class BatchTagger(Tagger):
    """A tagger that decodes several sentences at once: ``tag_many`` / ``entities_many`` (what
    the ``entities`` stage calls for a document), ``tag`` / ``entities`` for one sentence. A
    subclass gives ``_decode``: per sentence, its tags and the probability of each chosen tag."""

    def _decode(self, sents: Sequence[Sequence[str]]) -> list[tuple[list[str], np.ndarray]]:
        raise NotImplementedError

    def tag_many(self, sents: Sequence[Sequence[str]]) -> list[list[str]]:
        """IOB2 tags of several sentences."""
        return [t for t, _ in self._decode(sents)]

    def tag(self, tokens: list[str]) -> list[str]:
        return self.tag_many([tokens])[0]

    def entities_many(self, sents: Sequence[Sequence[str]]) -> list[list[Entity]]:
        """Entity spans per sentence; ``score`` is the lowest probability of a tag in the span."""
        res = []
        for tags, prob in self._decode(sents):
            res.append([Entity(a, b, lab, round(float(prob[a:b].min()), 4)) for a, b, lab in bio_spans(tags)])
        return res

    def entities(self, tokens: list[str]) -> list[Entity]:
        return self.entities_many([tokens])[0]


class NeuralTagger(BatchTagger):
    """A neural model folder behind the :class:`Tagger` interface (``tag``, ``entities``,
    ``tag_gold_tokens``); ``tag_many`` / ``entities_many`` tag a document's sentences in one
    padded batch, ``marginals_many`` gives every tag's probability (for an ensemble)."""

    def _open(self) -> None:
        # Tagger.__init__ has read meta.json, checked the scheme and the feature files and built
        # the featurizer; what is left is the network
        self.corpus = CORPUS_IDS[self.domain]
        vocab = read_vocab(self.model_dir / "vocab.tsv")
        self.encoder = Encoder(self.featurizer, vocab["word"], vocab["char"], vocab["gaz"], vocab["lex"])
        self.tags: list[str] = vocab["tag"]
        with np.load(self.model_dir / "weights.npz") as z:  # float32, or float16 as shipped
            self.net = Network({k: np.asarray(z[k], dtype=np.float32) for k in z.files}, self.meta["arch"])
        self._start, self._trans = allowed_transitions(self.tags)
        if self.net.crf:  # learned transitions on top of the IOB2 constraints
            self._start = self._start + self.net.w["crf_start"]
            self._trans = self._trans + self.net.w["crf_trans"]
        try:  # optional: small matrices run slower on several BLAS threads on a busy machine
            from threadpoolctl import ThreadpoolController

            self._blas: Any = ThreadpoolController()
        except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
            self._blas = None

    def _one_thread(self) -> AbstractContextManager[Any]:
        """BLAS limited to one thread while tagging (the tagger is meant for one core)."""
        return self._blas.limit(limits=1, user_api="blas") if self._blas is not None else nullcontext()

    def _scores(self, todo: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """Padded per-token tag scores ``[B, n, T]`` (log-probabilities or CRF emissions) and
        the sentence lengths, one batch for all (non-empty) sentences."""
        with self._one_thread():
            z, lens = self.net.first_layer(todo, [self.encoder.encode(s) for s in todo], self.corpus)
            logp = self.net.log_probs(self.net.encode(z, lens), self.corpus)
        mask = np.arange(int(lens.max()))[None, :] < lens[:, None]
        padded = np.zeros((*mask.shape, logp.shape[1]), dtype=np.float32)
        padded[mask] = logp
        return padded, lens

    def _marginals(self, padded: np.ndarray, lens: np.ndarray) -> np.ndarray:
        return crf_marginals(padded, lens, self._start, self._trans) if self.net.crf else np.exp(padded)

    def _decode(self, sents: Sequence[Sequence[str]]) -> list[tuple[list[str], np.ndarray]]:
        """(tags, probability of each chosen tag) per sentence, one batch for all."""
        idx = [i for i, s in enumerate(sents) if s]
        out: list[tuple[list[str], np.ndarray]] = [([], np.zeros(0))] * len(sents)
        if not idx:
            return out
        padded, lens = self._scores([sents[i] for i in idx])
        if len(idx) == 1:  # one sentence: the plain loop has fewer array operations a step
            paths = np.array([viterbi(padded[0], self._start, self._trans)])
        else:
            paths = viterbi_batch(padded, lens, self._start, self._trans)
        probs = np.take_along_axis(self._marginals(padded, lens), paths[:, :, None], axis=2)[:, :, 0]
        tags = self.tags
        for b, i in enumerate(idx):
            n = int(lens[b])
            out[i] = ([tags[p] for p in paths[b, :n].tolist()], probs[b, :n])
        return out

    def marginals_many(self, sents: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """Per sentence a ``[tokens, tags]`` matrix: each tag's probability at each token
        (columns in ``self.tags`` order; rows sum to 1)."""
        idx = [i for i, s in enumerate(sents) if s]
        out = [np.zeros((0, len(self.tags)))] * len(sents)
        if idx:
            padded, lens = self._scores([sents[i] for i in idx])
            marg = self._marginals(padded, lens)
            for b, i in enumerate(idx):
                out[i] = marg[b, : int(lens[b])]
        return out


def read_vocab(path: Path) -> dict[str, list[str]]:
    """``vocab.tsv``: ``kind<TAB>item`` lines (word, char, gaz, lex, tag) in id order."""
    out: dict[str, list[str]] = {"word": [], "char": [], "gaz": [], "lex": [], "tag": []}
    with open(path, encoding="utf-8", newline="\n") as f:  # a word may hold a \r
        for line in f:
            kind, _, item = line.rstrip("\n").partition("\t")
            out[kind].append(item)
    return out


def write_vocab(path: Path, vocab: Mapping[str, Sequence[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for kind, items in vocab.items():
            for item in items:
                if "\n" in item or "\t" in item:
                    raise ValueError(f"vocabulary item with a tab or newline: {item!r}")
                f.write(f"{kind}\t{item}\n")


def save_model(
    out: Path,
    weights: Mapping[str, np.ndarray],
    vocab: Mapping[str, Sequence[str]],
    meta: Mapping[str, Any],
    half: bool = False,
) -> Path:
    """Write a model folder: ``weights.npz``, ``vocab.tsv`` and ``meta.json``.

    ``half`` stores the weights in float16, compressed (half the size or less, for shipping;
    the tagger computes in float32 either way), else in float32.
    """
    out.mkdir(parents=True, exist_ok=True)
    if half:
        np.savez_compressed(
            out / "weights.npz", **{k: np.asarray(v, dtype=np.float16) for k, v in weights.items()}
        )
    else:
        np.savez(out / "weights.npz", **{k: np.asarray(v, dtype=np.float32) for k, v in weights.items()})
    write_vocab(out / "vocab.tsv", vocab)
    (out / "meta.json").write_text(
        json.dumps(dict(meta), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return out
