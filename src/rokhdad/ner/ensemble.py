"""An ensemble of NER taggers: their per-token tag probabilities averaged, then decoded.

An ensemble is a model folder whose ``meta.json`` says ``"kind": "ensemble"`` and lists its
members, each a model folder (CRF or neural) given relative to the ensemble's folder, with a
weight::

    {"kind": "ensemble", "default_scheme": "peyma", "config": {"domain": true},
     "members": [{"path": "../model_corpora", "weight": 0.34},
                 {"path": "n3_s13", "weight": 0.33}, {"path": "n3_s14", "weight": 0.33}]}

:class:`rokhdad.ner.model.Tagger` dispatches on ``meta.json``, so ``rokhdad tag-ner --model
DIR`` and ``Tagger(DIR, scheme=...)`` take an ensemble like any model folder, and every member
tags in the same ``scheme``. Per token, the members' tag marginals (the CRF's from crfsuite,
a neural member's from its forward-backward) are mixed by weight, and the best IOB2-valid path
through their logarithms is the output; an entity's ``score`` is the lowest mixed probability
of its tags. The shipped ensemble (``resources/ner/model_ensemble``: model K + two BiLSTM-CRF
seeds, see docs/models/ner.md) is built by ``scripts/train_ner_neural.py ensemble``.

    >>> tagger = Tagger(ENSEMBLE_MODEL, scheme="arman")                  # doctest: +SKIP
    >>> tagger.tag(["علی", "لاریجانی", "به", "تهران", "رفت"])            # doctest: +SKIP
    ['B-PER', 'I-PER', 'O', 'B-LOC', 'O']
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from rokhdad.ner.model import ENSEMBLE_MODEL, RESOURCES, Tagger
from rokhdad.ner.neural import BatchTagger, allowed_transitions, viterbi

__all__ = ["ENSEMBLE_MODEL", "EnsembleTagger"]


class EnsembleTagger(BatchTagger):
    """The members of an ensemble folder, each in the same scheme, mixed by weight."""

    def __init__(
        self, model_dir: Path = ENSEMBLE_MODEL, resources: Path = RESOURCES, scheme: str | None = None
    ) -> None:
        self.model_dir = Path(model_dir)
        self.meta = json.loads((self.model_dir / "meta.json").read_text(encoding="utf-8"))
        members = self.meta.get("members") or []
        if self.meta.get("kind") != "ensemble" or not members:
            raise ValueError(f"{self.model_dir}: not an ensemble folder (meta.json needs kind and members)")
        scheme = scheme or self.meta.get("default_scheme")
        self.members = [Tagger(self.model_dir / m["path"], resources, scheme) for m in members]
        weights = np.array([float(m["weight"]) for m in members])
        if (weights <= 0).any():
            raise ValueError(f"{self.model_dir}: member weights must be positive")
        self.weights = weights / weights.sum()
        self.domain = self.members[0].domain
        self._member_labels = [_labels(m) for m in self.members]  # each member's marginal columns
        self.tags = sorted(set().union(*self._member_labels), key=lambda t: (t != "O", t))
        self.index = {t: i for i, t in enumerate(self.tags)}
        self._member_cols = [[self.index[t] for t in labels] for labels in self._member_labels]
        self._start, self._trans = allowed_transitions(self.tags)

    def marginals_many(self, sents: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """Per sentence the ``[tokens, tags]`` mixed probabilities (``self.tags`` columns)."""
        out = [np.zeros((len(s), len(self.tags))) for s in sents]
        for member, weight, labels, cols in zip(
            self.members, self.weights, self._member_labels, self._member_cols, strict=True
        ):
            many = getattr(member, "marginals_many", None)
            found = (
                many(sents) if many is not None else [_crf_marginals(member, list(s), labels) for s in sents]
            )
            for acc, marg in zip(out, found, strict=True):
                if len(marg):
                    acc[:, cols] += weight * marg
        return out

    def _decode(self, sents: Sequence[Sequence[str]]) -> list[tuple[list[str], np.ndarray]]:
        out: list[tuple[list[str], np.ndarray]] = []
        for p in self.marginals_many(sents):
            if not len(p):
                out.append(([], np.zeros(0)))
                continue
            path = viterbi(np.log(p + 1e-9), self._start, self._trans)
            out.append(([self.tags[j] for j in path], p[np.arange(len(path)), path]))
        return out


def _labels(member: Tagger) -> list[str]:
    """A member's tags in the column order of its marginals."""
    tags = getattr(member, "tags", None)
    return list(tags) if tags is not None else list(member._crf.labels())


def _crf_marginals(member: Tagger, tokens: list[str], labels: list[str]) -> np.ndarray:
    """``[tokens, labels]`` marginals of a CRF member (crfsuite's forward-backward)."""
    if not tokens:
        return np.zeros((0, len(labels)))
    crf = member._crf
    crf.set(member.featurizer(tokens, member.domain))
    n = len(tokens)
    return np.array([[crf.marginal(lab, i) for lab in labels] for i in range(n)])
