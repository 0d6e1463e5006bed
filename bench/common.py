"""What every benchmark shares: the corpus, the machine line, and its section of docs/benchmarks.md."""

from __future__ import annotations

import json
import os
import platform
import re
from pathlib import Path

from rokhdad.document import Article
from rokhdad.read import read_paths

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ROKHDAD_SHARED", ROOT.parent / "shared"))
FARS = SHARED / "data" / "news" / "farsnews.jsonl"
BENCHMARKS = ROOT / "docs" / "benchmarks.md"


def fars_articles(limit: int | None = None, repeat_to: int | None = None) -> list[Article]:
    """The Fars News corpus as articles; ``repeat_to`` repeats it (with fresh ids) up to that many."""
    if not FARS.exists():
        raise SystemExit(f"needs {FARS} (the shared data folder beside the checkout)")
    arts = [a for a in read_paths([FARS]) if isinstance(a, Article)]
    if repeat_to:
        base = list(arts)
        arts = [
            Article(id=f"{a.id}~{i // len(base)}", text=a.text, date=a.date, title=a.title, meta=a.meta)
            for i, a in ((i, base[i % len(base)]) for i in range(repeat_to))
        ]
    return arts[:limit] if limit else arts


def pin_one_core() -> None:
    """Measure on one core, as the targets are stated."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def machine() -> str:
    mem = ""
    try:
        kb = int(next(x for x in open("/proc/meminfo") if x.startswith("MemTotal")).split()[1])
        mem = f", {kb / 2**20:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    return f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}"


def write_section(title: str, body: str, path: Path = BENCHMARKS) -> None:
    """Replace (or append) the ``## title`` section of the benchmarks file, leaving the rest alone."""
    header = f"## {title}"
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    section = f"{header}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^{re.escape(header)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(old):
        new = pattern.sub(lambda _: section + "\n", old, count=1).rstrip() + "\n"
    else:
        new = old.rstrip() + "\n\n" + section
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new, encoding="utf-8")


def dump(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False)
