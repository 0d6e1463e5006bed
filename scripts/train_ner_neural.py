"""Train the neural NER tagger (issue 4) with PyTorch on one CPU core; export it for NumPy.

Three steps, each seeded and single-threaded::

    # 1. word vectors from unlabelled text (gensim is in the package venv)
    OPENBLAS_NUM_THREADS=1 .venv/bin/python scripts/train_ner_neural.py vectors \
        --shared ../shared --out /tmp/nn/w2v.txt
    # 2. training (torch lives in a separate venv, see docs/models/ner.md:
    #    python3 -m venv .venv-train && .venv-train/bin/pip install torch==2.13.0 &&
    #    .venv-train/bin/pip install -e . numpy)
    #    model N3 of docs/models/ner.md (BiLSTM 100 + CRF output, ~16 min of one core; shipped
    #    only inside the ensemble, with its --seed 14 twin: alone it ties the corpus-aware CRF):
    .venv-train/bin/python scripts/train_ner_neural.py train --shared ../shared \
        --vectors /tmp/nn/w2v.txt --arch lstm --output crf --hidden 100 --minutes 17 \
        --out /tmp/nn/model_lstm_crf
    # 3. score with the official scorer through ``rokhdad tag-ner``
    scripts/eval_ner.sh /tmp/nn/model_lstm_crf
    # 4. the shipped ensemble: model K + N3 + N3 --seed 14, neural weights in float16
    .venv/bin/python scripts/train_ner_neural.py ensemble /tmp/nn/model_lstm_crf \
        /tmp/nn/model_lstm_crf_s14      # -> src/rokhdad/resources/ner/model_ensemble

The unlabelled text for the vectors is the one ``scripts/build_ner_clusters.py`` reads (Fars
News, PEYMA and ParsTwiNER *train* text, UD dev sentences) plus the Arman training sentences
without the seeded Arman dev split; no dev file is read. Training text is prepared exactly as
``rokhdad train-ner`` prepares it (:func:`rokhdad.ner.train.training_sentences`,
:func:`rokhdad.ner.corpus.align`, the jackknifed entity lexicon, the corpus-aware scheme with
30% shared-only sentences whose Arman labels are harmonized), so the features the network
sees in training are those :class:`rokhdad.ner.neural.Encoder` computes at run time.

Model selection (early stopping, the best epoch by the mean span F1 of the three corpora) uses
a seeded 5% slice of the training sentences held out from training, never a dev set. Torch runs
on one thread; the data, the slice and the weights' initialization are seeded, so a rerun on
the same normalizer gives the same model up to floating-point summation order.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rokhdad.ner.corpus import align, news_paragraphs, read_conll  # noqa: E402
from rokhdad.ner.keys import word_key  # noqa: E402
from rokhdad.normalize import normalize  # noqa: E402
from rokhdad.tokens import tokenize  # noqa: E402


def unlabelled(shared: Path, seed: int = 13) -> list[list[str]]:
    """Word keys of the unlabelled sentences (no dev file, no Arman dev split)."""
    from rokhdad.ner.train import TrainConfig, arman_split

    out: list[list[str]] = []
    for para in news_paragraphs(shared / "data/news/farsnews.jsonl"):
        out.append([word_key(t) for t in para])
    sents = read_conll(shared / "data/ner/peyma/train.txt") + read_conll(
        shared / "data/ner/parstwiner/train.txt"
    )
    sents += arman_split(TrainConfig(shared=shared, seed=seed))[0]
    for sent in sents:
        out.append([word_key(t) for t in align(sent)[0]])
    for conllu in sorted((shared / "data/text").glob("*/*.conllu")):
        with open(conllu, encoding="utf-8") as f:
            for line in f:
                if line.startswith("# text = "):
                    out.append([word_key(t.text) for t in tokenize(normalize(line[9:].strip()).text)])
    return out


def cmd_vectors(args: argparse.Namespace) -> None:
    """word2vec (skip-gram, 100-d) on the unlabelled text, written as word2vec text."""
    from gensim.models import Word2Vec

    t0 = time.time()
    sents = unlabelled(args.shared)
    n = sum(map(len, sents))
    print(f"{len(sents)} sentences, {n} tokens read in {time.time() - t0:.0f}s", flush=True)
    model = Word2Vec(
        sents,
        vector_size=args.dim,
        window=5,
        min_count=2,
        sg=1,
        negative=10,
        epochs=args.epochs,
        workers=1,
        seed=args.seed,
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.wv.save_word2vec_format(str(args.out))
    print(f"{len(model.wv)} vectors written to {args.out} in {time.time() - t0:.0f}s")


def prepare(shared: Path, seed: int, cache: Path, fraction: float = 1.0) -> dict:
    """Training sentences as ``rokhdad train-ner`` prepares them for model K, aligned to run-time
    tokens, with their lexicon fold, corpus id (0 = shared-only) and a 5% holdout mark.
    ``fraction`` keeps that seeded share of each corpus, as ``train-ner --fraction`` does."""
    import pickle

    from rokhdad.ner.train import TrainConfig, harmonize, normalizer_fingerprint, training_sentences

    fp = normalizer_fingerprint()
    if cache.exists():
        data = pickle.loads(cache.read_bytes())
        if data["normalizer"] == fp and data["seed"] == seed and data.get("fraction", 1.0) == fraction:
            return data
    from rokhdad.ner.model import make_featurizer

    cfg = TrainConfig(shared=shared, arman_dev=True, seed=seed, fraction=fraction)
    corpora = training_sentences(cfg)  # K's settings: no harmonization of the corpus copies
    gaz = dict(make_featurizer({"clusters": False}).gazetteer)
    everything = [s for sents in corpora.values() for s in sents]
    folds = [i % cfg.lexicon_folds for i in range(len(everything))]
    random.Random(cfg.seed).shuffle(folds)  # the CRF's fold assignment
    drop = random.Random(cfg.seed + 1)
    hold = random.Random(cfg.seed + 2)
    rows = []
    n = 0
    for name, sents in corpora.items():
        for sent in sents:
            fold = folds[n]
            n += 1
            corpus: str | None = name
            if drop.random() < cfg.domain_dropout:  # 30% shared-only, Arman harmonized
                corpus = None
                if name == "arman":
                    sent = harmonize(sent, gaz)
            toks, tags = align(sent)
            held = hold.random() < 0.05
            if toks:
                rows.append(
                    {"toks": toks, "tags": tags, "corpus": corpus, "name": name, "fold": fold, "held": held}
                )
    data = {
        "normalizer": fp,
        "seed": seed,
        "fraction": fraction,
        "rows": rows,
        "everything": everything,
        "folds": folds,
        "counts": {k: len(v) for k, v in corpora.items()},
    }
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps(data))
    return data


def read_w2v(path: Path) -> tuple[list[str], np.ndarray]:
    words, vecs = [], []
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            parts = line.rstrip("\n").split(" ")
            w = parts[0]
            if not w or any(ch in w for ch in "\t\r\n"):
                continue
            words.append(w)
            vecs.append(np.array(parts[1:], dtype=np.float32))
    return words, np.stack(vecs)


def build_net(torch, nn, sizes: dict, n_words: int, n_chars: int, n_tags: int, arch: dict):
    """The torch module whose weights :class:`rokhdad.ner.neural.Network` reads by name.

    ``forward`` gives log-softmax tag scores, or with ``arch["output"] == "crf"`` the CRF's
    emission scores (``nll`` is then the CRF loss, IOB2-constrained like the decoder)."""
    from rokhdad.ner.neural import FEATURE_COLUMNS, allowed_transitions, tag_set

    dims = arch["feature_dims"]

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.word_emb = nn.Embedding(n_words + 2, arch["word_dim"], padding_idx=0)
            self.char_emb = nn.Embedding(n_chars + 3, arch["char_dim"], padding_idx=0)
            self.char_conv = nn.Conv1d(arch["char_dim"], arch["char_filters"], 3, padding=1)
            self.feat_emb = nn.ModuleDict({c: nn.Embedding(sizes[c], dims[c]) for c in FEATURE_COLUMNS})
            self.corpus_emb = nn.Embedding(4, arch["corpus_dim"])
            d_in = arch["word_dim"] + arch["char_filters"] + sum(dims.values()) + arch["corpus_dim"]
            h = arch["hidden"]
            if arch["encoder"] == "cnn":
                self.proj = nn.Linear(d_in, h)
                self.convs = nn.ModuleList(
                    nn.Conv1d(h, h, 3, dilation=d, padding=d) for d in arch["dilations"]
                )
                h_out = h
            else:
                self.lstm = nn.LSTM(d_in, h, batch_first=True, bidirectional=True)
                h_out = 2 * h
            self.out = nn.Linear(h_out, n_tags)
            self.lm_vocab = arch.get("lm_vocab", 0)
            if self.lm_vocab:  # --lm-weight (training only, not saved): next / previous word
                self.lm_fwd = nn.Linear(h, self.lm_vocab + 2)
                self.lm_bwd = nn.Linear(h, self.lm_vocab + 2)
            self.corpus_out = nn.Parameter(torch.zeros(4, h_out, n_tags))
            self.corpus_out_bias = nn.Parameter(torch.zeros(4, n_tags))
            self.drop = nn.Dropout(arch["dropout"])
            self.crf = arch.get("output") == "crf"
            if self.crf:
                start, trans = allowed_transitions(tag_set()[:n_tags])
                self.crf_start = nn.Parameter(torch.zeros(n_tags))
                self.crf_trans = nn.Parameter(torch.zeros(n_tags, n_tags))
                self.register_buffer("start_mask", torch.tensor(np.maximum(start, -1e4)).float(), False)
                self.register_buffer("trans_mask", torch.tensor(np.maximum(trans, -1e4)).float(), False)

        def nll(self, em, tags, mask):
            """Mean CRF negative log-likelihood per token of a padded batch."""
            start = self.crf_start + self.start_mask
            trans = self.crf_trans + self.trans_mask
            m = mask.float()
            gold = start[tags[:, 0]] + (em.gather(2, tags[:, :, None]).squeeze(2) * m).sum(1)
            gold = gold + (trans[tags[:, :-1], tags[:, 1:]] * m[:, 1:]).sum(1)
            alpha = start + em[:, 0]
            for i in range(1, em.shape[1]):
                nxt = torch.logsumexp(alpha[:, :, None] + trans[None], 1) + em[:, i]
                alpha = torch.where(mask[:, i, None], nxt, alpha)
            return (torch.logsumexp(alpha, 1) - gold).sum() / m.sum()

        def lm_loss(self, words, mask):
            """Mean cross-entropy of the forward states predicting the next word and the backward
            states the previous one (Rei 2017), from the states of the last ``forward`` call.
            Words outside the ``lm_vocab`` most frequent ones are one class."""
            h = self.drop(self.hidden)
            half = h.shape[2] // 2
            target = torch.where(words < self.lm_vocab + 2, words, torch.ones_like(words))
            pair = mask[:, 1:]  # positions i and i + 1 are both words
            if not bool(pair.any()):  # one-word sentences only: nothing to predict (not NaN)
                return h.sum() * 0.0
            ce = nn.functional.cross_entropy
            fwd = ce(self.lm_fwd(h[:, :-1, :half][pair]), target[:, 1:][pair])
            bwd = ce(self.lm_bwd(h[:, 1:, half:][pair]), target[:, :-1][pair])
            return (fwd + bwd) / 2

        def forward(self, words, chars, feats, corpus, mask):
            b, n, length = chars.shape
            ce = self.char_emb(chars.view(b * n, length)).transpose(1, 2)
            cv = torch.relu(self.char_conv(ce)) * (chars.view(b * n, 1, length) > 0)
            cv = cv.max(2).values.view(b, n, -1)
            parts = [self.word_emb(words), cv]
            parts += [self.feat_emb[c](feats[:, :, j]) for j, c in enumerate(FEATURE_COLUMNS)]
            parts.append(self.corpus_emb(corpus)[:, None, :].expand(b, n, -1))
            m = mask[:, :, None].float()
            x = self.drop(torch.cat(parts, 2)) * m
            if arch["encoder"] == "cnn":
                h = torch.relu(self.proj(x)) * m
                for conv in self.convs:
                    y = torch.relu(conv(self.drop(h).transpose(1, 2))).transpose(1, 2)
                    h = (h + y) * m
            else:
                lens = mask.sum(1).cpu()
                packed = nn.utils.rnn.pack_padded_sequence(x, lens, batch_first=True, enforce_sorted=False)
                h, _ = self.lstm(packed)
                h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=n)
                h = h * m
            self.hidden = h
            h = self.drop(h)
            z = self.out(h) + torch.einsum("bnh,bht->bnt", h, self.corpus_out[corpus])
            z = z + self.corpus_out_bias[corpus][:, None, :]
            return z if self.crf else torch.log_softmax(z, -1)

    return Net()


def batches(torch, items: list, size: int):
    """Padded tensors of items ``(word ids, char ids, feature ids, tag ids, corpus id)``."""
    from rokhdad.ner.neural import MAX_CHARS

    for k in range(0, len(items), size):
        chunk = items[k : k + size]
        b = len(chunk)
        n = max(len(it[0]) for it in chunk)
        words = torch.zeros(b, n, dtype=torch.long)
        chars = torch.zeros(b, n, MAX_CHARS + 2, dtype=torch.long)
        feats = torch.zeros(b, n, chunk[0][2].shape[1], dtype=torch.long)
        tags = torch.zeros(b, n, dtype=torch.long)
        mask = torch.zeros(b, n, dtype=torch.bool)
        for i, (w, c, f, t, _) in enumerate(chunk):
            m = len(w)
            words[i, :m] = torch.from_numpy(w)
            for j, ids in enumerate(c):
                chars[i, j, : len(ids)] = torch.tensor(ids)
            feats[i, :m] = torch.from_numpy(f.astype(np.int64))
            tags[i, :m] = torch.tensor(t)
            mask[i, :m] = True
        corpus = torch.tensor([it[4] for it in chunk], dtype=torch.long)
        yield words, chars, feats, tags, corpus, mask


def cmd_train(args: argparse.Namespace) -> None:
    try:
        import torch
        from torch import nn
    except ImportError:
        sys.exit(
            "train needs PyTorch (training only; the tagger runs in NumPy). In a separate venv:\n"
            "  python3 -m venv .venv-train && .venv-train/bin/pip install torch==2.13.0 "
            "&& .venv-train/bin/pip install -e . numpy"
        )

    from rokhdad.ner.corpus import LABELS
    from rokhdad.ner.model import DEFAULT_SCHEME, make_featurizer, resource_fingerprints
    from rokhdad.ner.neural import CORPUS_IDS, Encoder, allowed_transitions, save_model, tag_set, viterbi
    from rokhdad.ner.train import build_lexicon, span_f1, write_lexicon

    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)
    t0 = time.time()
    data = prepare(args.shared, 13, args.cache, args.fraction)
    rows = data["rows"]
    print(f"{len(rows)} sentences prepared in {time.time() - t0:.0f}s", flush=True)
    words, vecs = read_w2v(args.vectors)
    chars = Counter(ch for r in rows if not r["held"] for t in r["toks"] for ch in t.lower())
    char_list = sorted(c for c, k in chars.items() if k >= 2 and c not in "\t\r\n")
    meta_fx = {"clusters": True, "gazetteer": True, "lexicon": True, "org_heads": True}
    fx = make_featurizer(meta_fx)
    gaz_types = sorted({f"{bi}-{v}" for v in fx.gazetteer.values() for bi in "BI"})
    lex_types = [f"{bi}-{lab}" for lab in LABELS for bi in "BI"]
    tag_list = tag_set()
    tag_id = {t: i for i, t in enumerate(tag_list)}
    enc = Encoder(fx, words, char_list, gaz_types, lex_types, lexicon={})
    everything, folds = data["everything"], data["folds"]
    fold_enc = [
        enc.with_lexicon(build_lexicon(s for s, f in zip(everything, folds, strict=True) if f != k))
        for k in range(5)
    ]
    train_items, held_items = [], []
    for r in rows:
        w, c, f = fold_enc[r["fold"]].encode(r["toks"])
        item = (w, c, f, [tag_id[t] for t in r["tags"]], CORPUS_IDS[r["corpus"]])
        # a held-out sentence is scored in its own corpus's scheme
        (held_items if r["held"] else train_items).append(item)
        if r["held"]:
            held_items[-1] = (*item[:4], CORPUS_IDS[r["name"]])
    held_names = [r["name"] for r in rows if r["held"]]
    if args.limit:  # a smoke test
        train_items = random.Random(args.seed).sample(train_items, args.limit)
    print(
        f"encoded in {time.time() - t0:.0f}s: {len(train_items)} train, {len(held_items)} held out",
        flush=True,
    )

    arch = {
        "encoder": args.arch,
        "output": args.output,
        "hidden": args.hidden,
        "dilations": [1, 2, 4, 1] if args.arch == "cnn" else [],
        "word_dim": vecs.shape[1],
        "char_dim": 32,
        "char_filters": 64,
        "corpus_dim": 8,
        "dropout": args.dropout,
        "feature_dims": {
            "c64": 8,
            "c256": 16,
            "c1k": 24,
            "shape": 4,
            "oh": 4,
            "gaz": 8,
            "lex": 8,
            "ohd": 4,
            "otd": 4,
        },
    }
    full_lexicon = build_lexicon(everything)  # the shipped lexicon.tsv; run-time encoding of news text
    unlabelled_items: list = []
    if args.lm_weight:
        if args.arch != "lstm":
            sys.exit("--lm-weight needs --arch lstm (forward and backward states)")
        # the Fars News paragraphs, cut into pieces of at most 60 run-time tokens, encoded as at
        # run time (full lexicon); they train the language-model heads only
        full = enc.with_lexicon(full_lexicon)
        for para in news_paragraphs(args.shared / "data/news/farsnews.jsonl"):
            for k in range(0, len(para), 60):
                piece = para[k : k + 60]
                if len(piece) > 1:
                    w, c, f = full.encode(piece)
                    unlabelled_items.append((w, c, f, [0] * len(piece), CORPUS_IDS[None]))
        unlabelled_items.sort(key=lambda it: len(it[0]))
        print(
            f"{len(unlabelled_items)} unlabelled pieces ({sum(len(it[0]) for it in unlabelled_items)} tokens) "
            f"for the language-model objective, {time.time() - t0:.0f}s",
            flush=True,
        )
    net_arch = {**arch, "lm_vocab": args.lm_vocab if args.lm_weight else 0}
    net = build_net(torch, nn, enc.sizes(), len(words), len(char_list), len(tag_list), net_arch)
    with torch.no_grad():
        net.word_emb.weight[2:] = torch.from_numpy(vecs / np.linalg.norm(vecs, axis=1).mean())
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)

    def decoder() -> tuple[np.ndarray, np.ndarray]:
        start, trans = allowed_transitions(tag_list)
        if net.crf:
            return start + net.crf_start.detach().numpy(), trans + net.crf_trans.detach().numpy()
        return start, trans

    rng = random.Random(args.seed)
    train_items.sort(key=lambda it: len(it[0]))
    lm_chunks = [unlabelled_items[k : k + args.batch] for k in range(0, len(unlabelled_items), args.batch)]
    lm_next = 0
    held_order = sorted(range(len(held_items)), key=lambda i: len(held_items[i][0]))

    def score_held() -> dict:
        net.eval()
        preds: list = [None] * len(held_items)
        start, trans = decoder()
        with torch.no_grad():
            for k in range(0, len(held_order), 64):
                idx = held_order[k : k + 64]
                w, c, f, _, corpus, mask = next(batches(torch, [held_items[i] for i in idx], 64))
                lp = net(w, c, f, corpus, mask).numpy()
                for b, i in enumerate(idx):
                    n = len(held_items[i][0])
                    preds[i] = [tag_list[p] for p in viterbi(lp[b, :n], start, trans)]
        net.train()
        out = {}
        for name in ("arman", "peyma", "twitter"):
            ix = [i for i, nm in enumerate(held_names) if nm == name]
            gold = [[tag_list[t] for t in held_items[i][3]] for i in ix]
            out[name] = span_f1(gold, [preds[i] for i in ix])["ALL"]
        out["mean"] = round(sum(out.values()) / 3, 4)
        return out

    # --ema: an exponential moving average of the weights is what is scored and kept (Polyak
    # averaging); the held-out scores of the raw weights jump by several points between epochs
    ema = {k: v.detach().clone() for k, v in net.state_dict().items()} if args.ema else None

    def swap_in_ema() -> dict:
        raw = {k: v.detach().clone() for k, v in net.state_dict().items()}
        net.load_state_dict(ema)
        return raw

    best, best_state, bad, history = -1.0, None, 0, []
    train_t0 = time.time()
    for epoch in range(1, args.epochs + 1):
        chunks = [train_items[k : k + args.batch] for k in range(0, len(train_items), args.batch)]
        rng.shuffle(chunks)
        total = 0.0
        for chunk in chunks:
            w, c, f, t, corpus, mask = next(batches(torch, chunk, args.batch))
            words_in = w
            drop = (torch.rand(w.shape) < 0.05) & mask  # word dropout: unknown-word practice
            w = torch.where(drop, torch.ones_like(w), w)
            lp = net(w, c, f, corpus, mask)
            if net.crf:
                loss = net.nll(lp, t, mask)
            else:
                loss = -(lp.gather(2, t[:, :, None]).squeeze(2) * mask).sum() / mask.sum()
            if lm_chunks:  # the same states predict the neighbouring words, then a news batch
                loss = loss + args.lm_weight * net.lm_loss(words_in, mask)
                if lm_next % len(lm_chunks) == 0:
                    rng.shuffle(lm_chunks)
                uw, uc, uf, _, ucorpus, umask = next(
                    batches(torch, lm_chunks[lm_next % len(lm_chunks)], args.batch)
                )
                lm_next += 1
                net(uw, uc, uf, ucorpus, umask)
                loss = loss + args.lm_weight * net.lm_loss(uw, umask)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            total += float(loss.detach())
            if ema is not None:
                with torch.no_grad():
                    for k, v in net.state_dict().items():
                        if v.dtype.is_floating_point:
                            ema[k].mul_(args.ema).add_(v, alpha=1 - args.ema)
        raw = swap_in_ema() if ema is not None else None
        sc = score_held()
        history.append(
            {"epoch": epoch, "loss": round(total / len(chunks), 4), **sc, "s": round(time.time() - train_t0)}
        )
        print(json.dumps(history[-1]), flush=True)
        if sc["mean"] > best:
            best, bad = sc["mean"], 0
            best_state = {k: v.detach().clone() for k, v in net.state_dict().items()}
        else:
            bad += 1
        if raw is not None:
            net.load_state_dict(raw)
        if bad >= args.patience or time.time() - train_t0 > args.minutes * 60:
            break
        if epoch % 6 == 0:
            for g in opt.param_groups:
                g["lr"] *= 0.5

    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    weights = {k: v.numpy() for k, v in best_state.items() if not k.startswith("lm_")}
    vocab = {"word": words, "char": char_list, "gaz": gaz_types, "lex": lex_types, "tag": tag_list}
    write_lexicon(full_lexicon, out / "lexicon.tsv")
    fingerprints = resource_fingerprints()
    fingerprints.pop("vectors.tsv", None)

    meta = {
        "kind": "neural",
        **meta_fx,
        "gazetteer_files": ["gazetteer.tsv", "places_extra.tsv"],
        "arch": arch,
        "config": {
            "domain": True,
            "arman_dev": True,
            "domain_dropout": 0.3,
            "seed": args.seed,
            "epochs": args.epochs,
            "lr": args.lr,
            "batch": args.batch,
            "vectors": str(args.vectors.name),
            "ema": args.ema,
            "fraction": args.fraction,
            "lm_weight": args.lm_weight,
            "lm_vocab": args.lm_vocab if args.lm_weight else 0,
            "lm_pieces": len(unlabelled_items),
        },
        "default_scheme": DEFAULT_SCHEME,
        "sentences": data["counts"],
        "tokens": sum(len(r["toks"]) for r in rows),
        "heldout": len(held_items),
        "history": history,
        "best_heldout_mean": best,
        "normalizer": data["normalizer"],  # the state the training text was normalized with
        "train_seconds": round(time.time() - t0),
        "resources": fingerprints,
    }
    save_model(out, weights, vocab, meta)
    print(f"model written to {out} in {time.time() - t0:.0f}s (best held-out mean {best})")


def cmd_ensemble(args: argparse.Namespace) -> None:
    """Write an ensemble folder: the CRF folder by reference, each neural folder copied into it
    with float16 weights (``rokhdad.ner.ensemble``)."""
    import os
    import shutil

    from rokhdad.ner.neural import read_vocab, save_model

    out = args.out
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    share = (1.0 - args.crf_weight) / len(args.neural)
    members = [{"path": os.path.relpath(args.crf.resolve(), out.resolve()), "weight": args.crf_weight}]
    for i, src in enumerate(args.neural, 1):
        meta = json.loads((src / "meta.json").read_text(encoding="utf-8"))
        meta["stored"] = "float16"
        name = f"neural_{i}_seed{meta['config']['seed']}"
        with np.load(src / "weights.npz") as z:
            weights = {k: z[k] for k in z.files}
        save_model(out / name, weights, read_vocab(src / "vocab.tsv"), meta, half=True)
        shutil.copy(src / "lexicon.tsv", out / name / "lexicon.tsv")
        members.append({"path": name, "weight": round(share, 4)})
    meta = {
        "kind": "ensemble",
        "default_scheme": args.default_scheme,
        "config": {"domain": True},  # every member keeps each corpus's conventions (schemes)
        "members": members,
    }
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"ensemble written to {out}: {', '.join(m['path'] for m in members)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    v = sub.add_parser("vectors", help="word2vec on the unlabelled text (package venv, gensim)")
    v.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    v.add_argument("--out", type=Path, required=True)
    v.add_argument("--dim", type=int, default=100)
    v.add_argument("--epochs", type=int, default=10)
    v.add_argument("--seed", type=int, default=13)
    t = sub.add_parser("train", help="train and export a model (torch venv)")
    t.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    t.add_argument("--vectors", type=Path, required=True)
    t.add_argument("--out", type=Path, required=True)
    t.add_argument("--arch", choices=("cnn", "lstm"), default="cnn")
    t.add_argument("--output", choices=("softmax", "crf"), default="softmax")
    t.add_argument("--hidden", type=int, default=200)
    t.add_argument("--epochs", type=int, default=30)
    t.add_argument("--minutes", type=float, default=22.0, help="stop after this much training time")
    t.add_argument("--patience", type=int, default=4)
    t.add_argument("--lr", type=float, default=2e-3)
    t.add_argument("--batch", type=int, default=32)
    t.add_argument("--dropout", type=float, default=0.4)
    t.add_argument("--seed", type=int, default=13)
    t.add_argument("--ema", type=float, default=0.0, help="keep a moving average of the weights (e.g. 0.999)")
    t.add_argument("--limit", type=int, default=0, help="train on this many sentences (smoke test)")
    t.add_argument(
        "--lm-weight",
        type=float,
        default=0.0,
        help="add a language-model objective (next/previous word) on the labelled and Fars News text",
    )
    t.add_argument("--lm-vocab", type=int, default=5000, help="words the language-model heads predict")
    t.add_argument(
        "--fraction",
        type=float,
        default=1.0,
        help="a seeded share of each corpus, lexicon included (learning curves)",
    )
    t.add_argument("--cache", type=Path, default=Path("/tmp/nn/data.pkl"), help="prepared sentences")
    e = sub.add_parser("ensemble", help="an ensemble folder: a CRF + neural models in float16 (package venv)")
    e.add_argument("neural", type=Path, nargs="+", help="neural model folders (from train)")
    e.add_argument("--crf", type=Path, default=ROOT / "src/rokhdad/resources/ner/model_corpora")
    e.add_argument("--crf-weight", type=float, default=0.34)
    e.add_argument("--default-scheme", default="peyma")
    e.add_argument("--out", type=Path, default=ROOT / "src/rokhdad/resources/ner/model_ensemble")
    args = ap.parse_args()
    {"vectors": cmd_vectors, "train": cmd_train, "ensemble": cmd_ensemble}[args.cmd](args)


if __name__ == "__main__":
    main()
