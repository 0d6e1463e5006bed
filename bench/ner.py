"""NER speed on one core over the Fars News corpus; writes the ``## NER`` section of docs/benchmarks.md.

Two figures, both in run-time tokens (:func:`rokhdad.tokens.tokenize` on the normalized text):

- *stage*: the ``entities`` stage alone (tokenize, features, CRF, marginals, offsets back
  to the original), on documents already normalized and segmented;
- *end to end*: ``normalize`` + ``segment`` + ``entities`` from the raw article text.

Times are CPU seconds of this process (``time.process_time``), pinned to one core, so the
figure does not depend on what else the (shared) machine is running; wall time is printed too.

Usage: ``.venv/bin/python bench/ner.py [--corpus ../shared/data/news/farsnews.jsonl] [--limit N] [--no-write]``
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

from common import write_section

from rokhdad.config import Settings
from rokhdad.document import Article, Document
from rokhdad.ner.model import default_tagger
from rokhdad.pipeline import Pipeline
from rokhdad.tokens import tokenize

ROOT = Path(__file__).resolve().parents[1]


def load(corpus: Path, limit: int | None) -> list[Article]:
    arts = []
    with open(corpus, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                break
            rec = json.loads(line)
            arts.append(Article(id=rec["id"], text=rec["text"]))
    return arts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared/data/news/farsnews.jsonl")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--out", type=Path, default=ROOT / "docs/benchmarks.md")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    arts = load(args.corpus, args.limit)
    wall0 = time.perf_counter()

    t0 = time.perf_counter()
    pre = Pipeline(Settings(pipeline=("normalize", "segment")))
    ner = Pipeline(Settings(pipeline=("entities",)))
    load_s = time.perf_counter() - t0  # wall time: what a user waits for

    docs = [pre(a) for a in arts]
    n_tok = sum(len(tokenize(d.norm_text)) for d in docs)
    n_ent = 0
    default_tagger().featurizer.clear_cache()  # time a cold word cache, as a fresh process has
    t0 = time.process_time()
    for d in docs:
        n_ent += len(ner(d).entities)
    stage_s = time.process_time() - t0

    full = Pipeline(Settings(pipeline=("normalize", "segment", "entities")))
    default_tagger().featurizer.clear_cache()
    t0 = time.process_time()
    for a in arts:
        full(Document.from_article(a))
    e2e_s = time.process_time() - t0

    wall_s = time.perf_counter() - wall0
    lines = [
        f"Corpus: `{args.corpus.name}`, {len(arts)} articles, {n_tok:,} run-time tokens, {n_ent:,} entities found.",
        f"One core ({platform.processor() or platform.machine()}, Python {platform.python_version()}), "
        f"`.venv/bin/python bench/ner.py`.",
        "",
        "| measure | seconds | tokens/s |",
        "|---|---|---|",
        f"| model load, wall seconds (CRF + clusters + gazetteer + lexicon; vectors when the model uses them) | {load_s:.2f} | |",
        f"| `entities` stage alone | {stage_s:.2f} | {n_tok / stage_s:,.0f} |",
        f"| normalize + segment + entities | {e2e_s:.2f} | {n_tok / e2e_s:,.0f} |",
        "",
        f"Seconds are CPU seconds on one core (the load row: wall); the whole run took {wall_s:.0f} s of wall time.",
    ]
    body = "\n".join(lines)
    print(body)
    if not args.no_write:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        write_section("NER", body, args.out)
        print(f"updated {args.out}")


if __name__ == "__main__":
    main()
