"""Run every benchmark in sequence and put a summary table on top of docs/benchmarks.md.

Each benchmark writes its own ``## …`` section; this script runs them one after another
(never two at once: they measure speed), with arguments sized so the whole suite fits in
15 minutes on a 2-core machine, then writes a ``## Summary`` section: each benchmark's
command, wall time, exit status and headline figures (the bold figures of its section).

Usage: python bench/run_all.py [--only name,name] [--skip name,name] [--timeout S]
(``make bench`` runs it.)
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import subprocess
import sys
import time

from common import BENCHMARKS, ROOT, machine, write_section

#: (name, script and arguments, the section it writes). Order: cheap and independent first.
SUITE: list[tuple[str, list[str], str]] = [
    ("normalize", ["bench/normalize.py", "--mb", "4", "--budget", "40"], "Normalization"),
    ("ner", ["bench/ner.py", "--limit", "600"], "NER"),
    ("pipeline", ["bench/pipeline.py"], "Pipeline"),
    ("actors", ["bench/actors.py"], "Actors"),
    ("ingest", ["bench/ingest.py", "--limit", "600"], "Ingest"),
    ("api", ["bench/api.py", "--build", "--requests", "300"], "API"),
    ("scale", ["bench/scale.py", "--articles", "2000", "--rounds", "2"], "Scale"),
    ("load", ["bench/load.py", "--build", "--clients", "50", "--seconds", "60"], "Load"),
]


def section(title: str) -> str:
    text = BENCHMARKS.read_text(encoding="utf-8") if BENCHMARKS.exists() else ""
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    return m.group(1) if m else ""


def headline(title: str, limit: int = 4) -> str:
    """The bold figures of a section, e.g. «**52.7 articles/s**»."""
    bold = re.findall(r"\*\*([^*]+)\*\*", section(title))
    return "; ".join(b.strip() for b in bold[:limit]) or "-"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", default="", help="comma-separated benchmark names to run")
    ap.add_argument("--skip", default="", help="comma-separated benchmark names to leave out")
    ap.add_argument("--timeout", type=float, default=300, help="seconds one benchmark may take")
    args = ap.parse_args()
    only = {x for x in args.only.split(",") if x}
    skip = {x for x in args.skip.split(",") if x}

    rows = []
    t_all = time.perf_counter()
    for name, cmd, title in SUITE:
        if (only and name not in only) or name in skip:
            continue
        if not (ROOT / cmd[0]).exists():
            rows.append((name, " ".join(cmd), 0.0, "absent", "-"))
            continue
        print(f"== {name}: python {' '.join(cmd)}", flush=True)
        t = time.perf_counter()
        try:
            rc = subprocess.run([sys.executable, *cmd], cwd=ROOT, timeout=args.timeout).returncode
            status = "ok" if rc == 0 else f"failed (exit {rc})"
        except subprocess.TimeoutExpired:
            status = f"timed out ({args.timeout:.0f} s)"
        wall = time.perf_counter() - t
        print(f"== {name}: {status} in {wall:.0f} s", flush=True)
        rows.append((name, " ".join(cmd), wall, status, headline(title) if status == "ok" else "-"))
    total = time.perf_counter() - t_all

    load = os.getloadavg()
    body = "\n".join(
        [
            f"Machine: {machine()}. Run on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC by `make bench` "
            f"(`python bench/run_all.py`), **{total / 60:.1f} min** in all (target ≤ 15 min); "
            f"load average at the end {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f} (the machine is shared).",
            "",
            "| benchmark | command | wall s | status | headline figures |",
            "|---|---|---:|---|---|",
            *(f"| {n} | `python {c}` | {w:.0f} | {s} | {h} |" for n, c, w, s, h in rows),
            "",
            "Each benchmark's own section below gives its method and the full table.",
        ]
    )
    print(body)
    write_section("Summary", body)
    _summary_first()
    if any(r[3] not in ("ok", "absent") for r in rows):
        sys.exit(1)


def _summary_first() -> None:
    """Move the Summary section right under the title."""
    text = BENCHMARKS.read_text(encoding="utf-8")
    m = re.search(r"^## Summary\n.*?(?=^## |\Z)", text, re.S | re.M)
    if not m:
        return
    rest = (text[: m.start()] + text[m.end() :]).rstrip() + "\n"
    head, sep, tail = rest.partition("\n## ")
    new = head.rstrip() + "\n\n" + m.group(0).rstrip() + "\n\n" + (sep.lstrip("\n") + tail if sep else "")
    BENCHMARKS.write_text(new.rstrip() + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
