"""Where an NER model's F1 is lost: names seen in training against names never seen.

    .venv/bin/python scripts/ner_headroom.py GOLD PRED [--lexicon TSV] [--unlabelled JSONL]
        [--target 0.85]

GOLD is a dev file in any of the three corpus formats, PRED what ``rokhdad tag-ner`` printed
for its tokens (``score_ner.py tokens GOLD | rokhdad tag-ner -``). A gold PER/ORG/LOC span is
*seen* when its word key is in the model's entity lexicon (``lexicon.tsv``: every name of the
training sentences with its most frequent label) with the same label, *unseen* otherwise.

It prints recall for both kinds, per label, and what the micro-F1 would be
- if every seen name were found and no seen-looking false alarm made (unseen as now): the most
  that better use of the labelled names can give;
- for the unseen recall that ``--target`` needs at the model's unseen precision.
With ``--unlabelled`` (Fars News JSONL) it also groups the unseen names by how often their
rarest word occurs in that text: what distributional features could know about them.
Spans as ``score_ner.py`` counts them: exact span and label, a stray I- opens one, and only
PER/ORG/LOC count (ParsTwiNER's political groups, POG, are no ORG there; ``read_conll`` would
make them ORG for training).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rokhdad.ner.corpus import read_conll
from rokhdad.ner.keys import word_key
from rokhdad.ner.model import CORPUS_MODEL, bio_spans

LABELS = ("PER", "ORG", "LOC")
_WORD = re.compile(r"\w+")
_TAG = re.compile(r"([BI])[-_](\w+)")
_KEEP = {"PER": "PER", "PERS": "PER", "ORG": "ORG", "LOC": "LOC"}


@dataclass
class Headroom:
    """Counts of gold spans, found spans and predicted spans, by kind ("seen"/"unseen")."""

    gold: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    predicted: Counter[str] = field(default_factory=Counter)
    by_label: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (kind, label, gold|found)
    unseen_spans: list[tuple[list[str], bool]] = field(default_factory=list)  # (words, found)

    def f1(self) -> float:
        return _f1(sum(self.found.values()), sum(self.predicted.values()), sum(self.gold.values()))

    def f1_seen_perfect(self) -> float:
        """F1 with every seen name found and no seen false alarm; unseen names as now."""
        s, u = "seen", "unseen"
        return _f1(self.gold[s] + self.found[u], self.gold[s] + self.predicted[u], sum(self.gold.values()))

    def unseen_recall_for(self, target: float) -> float | None:
        """The unseen recall that reaches ``target`` F1 at today's unseen precision, seen as now
        (``None``: no recall up to 1 does)."""
        s, u = "seen", "unseen"
        if not self.found[u] or not self.gold[u]:
            return None
        prec = self.found[u] / self.predicted[u]
        denom = self.gold[u] * (2 - target / prec)
        if denom <= 0:
            return None  # at this unseen precision no recall reaches the target
        total = sum(self.gold.values())
        need = (target * (self.predicted[s] + total) - 2 * self.found[s]) / denom
        return need if need <= 1 + 1e-9 else None


def _f1(tp: int, pred: int, gold: int) -> float:
    return 2 * tp / (pred + gold) if pred + gold else 0.0


def _spans(tags: list[str]) -> set[tuple[int, int, str]]:
    return {s for s in bio_spans(tags) if s[2] in LABELS}


def headroom(
    gold: list[list[tuple[str, str]]], pred: list[list[tuple[str, str]]], lexicon: dict[str, str]
) -> Headroom:
    """Count seen and unseen spans of ``gold`` and how many of each ``pred`` got right."""
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold sentences against {len(pred)} predicted ones")
    out = Headroom()
    for n, (g, p) in enumerate(zip(gold, pred, strict=True)):
        if len(g) != len(p):
            raise ValueError(f"sentence {n + 1}: {len(g)} gold tokens against {len(p)} predicted")
        toks = [t for t, _ in g]
        want, got = _spans([t for _, t in g]), _spans([t for _, t in p])

        def kind(span: tuple[int, int, str], toks: list[str] = toks) -> str:
            key = word_key("".join(toks[span[0] : span[1]]))
            return "seen" if lexicon.get(key) == span[2] else "unseen"

        for span in want:
            k, hit = kind(span), span in got
            out.gold[k] += 1
            out.found[k] += hit
            out.by_label[k, span[2], "gold"] += 1
            out.by_label[k, span[2], "found"] += hit
            if k == "unseen":
                words = [w for t in toks[span[0] : span[1]] for w in _WORD.findall(t)]
                out.unseen_spans.append((words, hit))
        for span in got:
            out.predicted[kind(span)] += 1
    return out


def scored_tag(tag: str) -> str:
    """A corpus tag as ``score_ner.py`` scores it: PER/ORG/LOC in IOB2, anything else O."""
    m = _TAG.fullmatch(tag.strip())
    kind = _KEEP.get(m.group(2).upper()) if m else None
    return f"{m.group(1)}-{kind}" if m and kind else "O"


def read_scored(path: Path) -> list[list[tuple[str, str]]]:
    """Sentences of ``(token, tag)`` with the tags ``score_ner.py`` scores (others are O)."""
    return read_conll(path, scored_tag)


def read_lexicon(path: Path) -> dict[str, str]:
    rows = (line.rstrip("\n").split("\t") for line in path.open(encoding="utf-8") if not line.startswith("#"))
    return {r[0]: r[1] for r in rows if len(r) == 2}


def word_counts(jsonl: Path) -> Counter[str]:
    """Word-key frequencies of the title, abstract and text of every article."""
    counts: Counter[str] = Counter()
    with jsonl.open(encoding="utf-8") as f:
        for line in f:
            art = json.loads(line)
            text = " ".join(str(art.get(k) or "") for k in ("title", "abstract", "text"))
            counts.update(word_key(w) for w in _WORD.findall(text))
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", type=Path)
    ap.add_argument("pred", type=Path)
    ap.add_argument("--lexicon", type=Path, default=CORPUS_MODEL / "lexicon.tsv")
    ap.add_argument("--unlabelled", type=Path, help="Fars News JSONL: frequency of the unseen names' words")
    ap.add_argument("--target", type=float, default=0.85)
    args = ap.parse_args(argv)
    h = headroom(read_scored(args.gold), read_scored(args.pred), read_lexicon(args.lexicon))
    total = sum(h.gold.values())
    print(f"gold PER/ORG/LOC spans: {total}; unseen: {h.gold['unseen']} ({h.gold['unseen'] / total:.1%})")
    for k in ("seen", "unseen"):
        per = "  ".join(
            f"{lab} {h.by_label[k, lab, 'found']}/{h.by_label[k, lab, 'gold']}"
            f" = {h.by_label[k, lab, 'found'] / max(1, h.by_label[k, lab, 'gold']):.3f}"
            for lab in LABELS
        )
        print(f"recall {k}: {h.found[k] / max(1, h.gold[k]):.3f}  ({per})")
    print(f"micro-F1: {h.f1():.4f}")
    print(f"micro-F1 if every seen name were right (unseen as now): {h.f1_seen_perfect():.4f}")
    need = h.unseen_recall_for(args.target)
    prec = h.found["unseen"] / max(1, h.predicted["unseen"])
    if h.f1() >= args.target:
        print(f"F1 {args.target}: met")
    else:
        print(
            f"unseen recall needed for F1 {args.target} (seen as now, unseen precision {prec:.3f}): "
            + (f"{need:.3f}" if need is not None else "out of reach at this precision")
        )
    if args.unlabelled:
        counts = word_counts(args.unlabelled)
        buckets: dict[str, list[int]] = {b: [0, 0] for b in ("0", "1-4", "5-49", "50+")}
        for words, hit in h.unseen_spans:
            rarest = min((counts[word_key(w)] for w in words), default=0)
            b = "0" if rarest == 0 else "1-4" if rarest < 5 else "5-49" if rarest < 50 else "50+"
            buckets[b][0] += 1
            buckets[b][1] += hit
        for b, (n, hit) in buckets.items():
            print(
                f"unseen names whose rarest word occurs {b} times in {args.unlabelled.name}: {n}, recall {hit / max(1, n):.3f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
