"""Actor and quote resolution cost, side by side with the rest of the pipeline, on one core.

Usage: python bench/actors.py [--limit N] [--no-write]
Writes the ``## Actors`` section of docs/benchmarks.md: the lexicon's load time (fresh
interpreter), and the time per article of the pipeline without and with the actors and
quotes stages over the Fars News corpus (../shared/data/news/farsnews.jsonl).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from common import ROOT, fars_articles, machine, pin_one_core, write_section

from rokhdad.config import DEFAULT_PIPELINE, Settings
from rokhdad.document import Document
from rokhdad.pipeline import Pipeline

# the package import (shared by every stage) is not the lexicon's: time the load after it
LOAD = (
    "import time; from rokhdad.actors.lexicon import load_lexicon; from rokhdad.quotes.cues import combined_lexicon; "
    "t=time.perf_counter(); load_lexicon(); combined_lexicon(); print(time.perf_counter()-t)"
)


def lexicon_load_s(runs: int = 3) -> float:
    out = []
    for _ in range(runs):
        res = subprocess.run(
            [sys.executable, "-c", LOAD], capture_output=True, text=True, check=True, cwd=ROOT
        )
        out.append(float(res.stdout))
    return statistics.median(out)


def usable_stages() -> tuple[str, ...]:
    """The default pipeline, less any stage that cannot be built here (e.g. a missing NER model)."""
    keep = []
    for name in DEFAULT_PIPELINE:
        try:
            nlp = Pipeline(Settings(pipeline=(*keep, name)))
            nlp(Document(id="probe", text="علی لاریجانی گفت: همکاری ادامه دارد."))
            keep.append(name)
        except Exception as exc:  # report it and go on without the stage
            print(f"skipping stage {name}: {exc}", file=sys.stderr)
    return tuple(keep)


def per_stage_times(stages: tuple[str, ...], arts: list) -> dict[str, float]:
    nlp = Pipeline(Settings(pipeline=stages))
    tot = dict.fromkeys(stages, 0.0)
    for art in arts:
        doc = Document.from_article(art)
        for name, stage in nlp.stages:
            t = time.process_time()  # CPU time: the machine is shared, wall time is noisy
            doc = stage(doc)
            tot[name] += time.process_time() - t
    return tot


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    pin_one_core()
    load = lexicon_load_s()
    stages = usable_stages()
    arts = fars_articles(args.limit)
    per_stage_times(stages, arts[:20])  # warm-up
    tot = per_stage_times(stages, arts)
    n = len(arts)
    ours = tot.get("actors", 0.0) + tot.get("quotes", 0.0)
    rest = sum(v for k, v in tot.items() if k not in ("actors", "quotes"))
    share = ours / rest if rest else float("inf")
    rows = "\n".join(f"| {k} | {1000 * v / n:.2f} |" for k, v in tot.items())
    body = f"""Measured by `python bench/actors.py --limit {n}` on {machine()}, one core.

- Actor, cue and combined lexicon load (fresh interpreter, after the package import, median of 3): **{load:.3f} s** (target ≤ 0.5 s)
- Stages run: {", ".join(stages)} over {n} Fars News articles.
- CPU time per article (one process, `time.process_time`).
- Actors + quotes: **{1000 * ours / n:.2f} ms/article**; the other stages: {1000 * rest / n:.2f} ms/article;
  actors + quotes add **{100 * share:.1f}%** to the rest of the pipeline (target ≤ 20%).

| stage | CPU ms/article |
|---|---|
{rows}
"""
    print(body)
    if not args.no_write:
        write_section("Actors", body)


if __name__ == "__main__":
    main()
