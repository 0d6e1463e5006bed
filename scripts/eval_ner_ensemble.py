#!/usr/bin/env python3
"""Tag with an ensemble of NER models: their token marginals averaged, then IOB2-constrained Viterbi.

The experiment of the model card's "Ensembles" paragraph (docs/models/ner.md): the corpus-aware
CRF (model K, ``resources/ner/model_corpora``) and one or more neural model folders
(``scripts/train_ner_neural.py``), each in the same ``--scheme``. Reads tokens as ``rokhdad
tag-ner`` does (one a line, blank line between sentences) and prints ``token<TAB>TAG`` for
``../shared/eval/score_ner.py score``::

    python3 ../shared/eval/score_ner.py tokens ../shared/data/ner/peyma/dev.txt > /tmp/toks
    OPENBLAS_NUM_THREADS=1 .venv/bin/python scripts/eval_ner_ensemble.py --scheme peyma \\
        --crf-weight 0.34 /tmp/toks /tmp/nn/model_lstm_crf /tmp/nn/model_lstm_crf_s14 > /tmp/pred
    python3 ../shared/eval/score_ner.py score ../shared/data/ner/peyma/dev.txt /tmp/pred
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from rokhdad.ner.corpus import read_tokens, write_tagged
from rokhdad.ner.model import CORPUS_MODEL, Tagger
from rokhdad.ner.neural import allowed_transitions, crf_marginals, viterbi


class EnsembleTagger(Tagger):
    """``crf_weight`` × the CRF's marginals + the rest shared equally by the neural models."""

    def __init__(self, crf: Tagger, neural: list[Tagger], crf_weight: float) -> None:
        self.crf, self.neural, self.crf_weight = crf, neural, crf_weight
        labels = set(crf._crf.labels()).union(*(n.tags for n in neural))
        self.tags = sorted(labels, key=lambda t: (t != "O", t))
        self.index = {t: i for i, t in enumerate(self.tags)}
        self.start, self.trans = allowed_transitions(self.tags)

    def tag(self, tokens: list[str]) -> list[str]:
        if not tokens:
            return []
        n = len(tokens)
        p = np.zeros((n, len(self.tags)))
        crf = self.crf
        crf._crf.set(crf.featurizer(tokens, crf.domain))
        for label in crf._crf.labels():
            col = self.index[label]
            for i in range(n):
                p[i, col] += self.crf_weight * crf._crf.marginal(label, i)
        share = (1 - self.crf_weight) / len(self.neural)
        for net in self.neural:
            z, lens = net.net.first_layer([tokens], [net.encoder.encode(tokens)], net.corpus)
            logp = net.net.log_probs(net.net.encode(z, lens), net.corpus)
            marg = crf_marginals(logp[None], lens, net._start, net._trans)[0]
            for j, t in enumerate(net.tags):
                p[:, self.index[t]] += share * marg[:n, j]
        return [self.tags[i] for i in viterbi(np.log(p + 1e-9), self.start, self.trans)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("tokens", type=Path)
    ap.add_argument("neural", type=Path, nargs="+", help="neural model folders")
    ap.add_argument("--crf", type=Path, default=CORPUS_MODEL, help="the CRF model folder (default: K)")
    ap.add_argument("--crf-weight", type=float, default=0.5)
    ap.add_argument("--scheme", default="peyma")
    args = ap.parse_args()
    tagger = EnsembleTagger(
        Tagger(args.crf, scheme=args.scheme),
        [Tagger(d, scheme=args.scheme) for d in args.neural],
        args.crf_weight,
    )
    with args.tokens.open(encoding="utf-8") as f:
        sents = read_tokens(f)
    write_tagged(sys.stdout, sents, tagger.tag_gold_tokens)
    return 0


if __name__ == "__main__":
    sys.exit(main())
