"""Pipeline speed on one core, read → events, over the Fars News corpus, with time per stage.

Usage: python bench/pipeline.py [--limit N] [--no-write]
Writes the ``## Pipeline`` section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections import defaultdict

from common import ROOT, fars_articles, machine, pin_one_core, write_section

from rokhdad.document import Document
from rokhdad.pipeline import Pipeline


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    pin_one_core()

    t0 = time.perf_counter()
    nlp = Pipeline()
    load_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    arts = fars_articles(args.limit)
    read_s = time.perf_counter() - t0

    per_stage: dict[str, float] = defaultdict(float)
    n_events = n_quotes = 0
    t_all = time.perf_counter()
    for art in arts:
        doc = Document.from_article(art)
        for name, stage in nlp.stages:
            t = time.perf_counter()
            doc = stage(doc)
            per_stage[name] += time.perf_counter() - t
        n_events += len(doc.events)
        n_quotes += len(doc.quotes)
    total = time.perf_counter() - t_all + read_s
    rate = len(arts) / total

    # cold start: a fresh process extracting one article, as a user runs it
    seed = ROOT.parent / "shared/gold/events/seed-0001.txt"
    cold = cold_uncached = None
    if seed.exists():

        def cold_start(**env: str) -> float:
            t = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "rokhdad", "extract", str(seed)],
                check=True,
                capture_output=True,
                env={**os.environ, **env},
            )
            return time.perf_counter() - t

        cold_start()  # fills the ZWNJ parse cache, as a user's first run does
        # median of three, each way: one run is at the mercy of the machine
        cold = sorted(cold_start() for _ in range(3))[1]
        cold_uncached = sorted(cold_start(ROKHDAD_CACHE_DIR="off") for _ in range(3))[1]

    rows = [
        "| stage | seconds | share |",
        "|---|---:|---:|",
        f"| read | {read_s:.2f} | {read_s / total:.0%} |",
        *(f"| {n} | {s:.2f} | {s / total:.0%} |" for n, s in per_stage.items()),
    ]
    body = "\n".join(
        [
            f"Machine: {machine()}; one core. Command: `python bench/pipeline.py`.",
            "",
            f"**{rate:.1f} articles/s** read → events over {len(arts)} Fars News articles "
            f"({total:.1f} s; models and lexicons loaded in {load_s:.2f} s beforehand). "
            f"Target ≥ 50 articles/s. {n_events} events, {n_quotes} quotes.",
            "",
            *rows,
            "",
            f"Cold start of `rokhdad extract` on the seed article (median of 3): {cold:.2f} s "
            f"(target ≤ 1.5 s); {cold_uncached:.2f} s without the ZWNJ parse cache "
            "(`ROKHDAD_CACHE_DIR=off`, as on a first run)."
            if cold is not None and cold_uncached is not None
            else "Cold start not measured (seed article absent).",
        ]
    )
    print(body)
    if not args.no_write:
        write_section("Pipeline", body)


if __name__ == "__main__":
    main()
