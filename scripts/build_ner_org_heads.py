"""Build ``src/rokhdad/resources/ner/org_heads.tsv``: words that open or announce organisation names.

Counted on the NER *train* splits only (Arman ``train_fold1.txt`` without the seeded dev split,
PEYMA ``train.txt``, ParsTwiNER ``train.txt``), on run-time tokens (:func:`rokhdad.ner.corpus.align`):

- ``head``: the first word of a multi-word ORG span («سازمان» in «سازمان انتقال خون») at least
  ``--min-count`` times and in at least ``--min-ratio`` of all its occurrences. Multi-word spans
  only, so that Arman's one-word country ORGs («ایران») do not count as heads;
- ``trigger``: the word right before an ORG span («گزارش» in «به گزارش ایرنا»), same thresholds,
  when it is not a head.

Usage: ``.venv/bin/python scripts/build_ner_org_heads.py --shared ../shared``
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from rokhdad.ner.corpus import align
from rokhdad.ner.keys import word_key
from rokhdad.ner.model import RESOURCES, bio_spans
from rokhdad.ner.train import TrainConfig, training_sentences


def count(shared: Path) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """(all words, ORG heads, ORG triggers) as word keys over the train splits."""
    cfg = TrainConfig(shared=shared, arman_dev=True, harmonize=False)
    total: Counter[str] = Counter()
    heads: Counter[str] = Counter()
    triggers: Counter[str] = Counter()
    for sents in training_sentences(cfg).values():
        for sent in sents:
            toks, tags = align(sent)
            keys = [word_key(t) for t in toks]
            total.update(keys)
            for first, last, label in bio_spans(tags):
                if label != "ORG":
                    continue
                if last - first > 1:
                    heads[keys[first]] += 1
                if first > 0:
                    triggers[keys[first - 1]] += 1
    return total, heads, triggers


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path, default=RESOURCES / "org_heads.tsv")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-ratio", type=float, default=0.15)
    args = ap.parse_args()
    total, heads, triggers = count(args.shared)

    def keep(c: Counter[str]) -> list[str]:
        return sorted(
            k for k, n in c.items() if len(k) > 1 and n >= args.min_count and n / total[k] >= args.min_ratio
        )

    head_keys = keep(heads)
    trig_keys = [k for k in keep(triggers) if k not in set(head_keys)]
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(
            "# key\tkind: words opening (head) or preceding (trigger) ORG names in the NER train "
            "splits (scripts/build_ner_org_heads.py"
            f" --min-count {args.min_count} --min-ratio {args.min_ratio})\n"
        )
        for k in head_keys:
            f.write(f"{k}\thead\n")
        for k in trig_keys:
            f.write(f"{k}\ttrigger\n")
    print(f"{len(head_keys)} heads, {len(trig_keys)} triggers -> {args.out}")


if __name__ == "__main__":
    main()
