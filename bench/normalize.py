#!/usr/bin/env python3
"""Normalization benchmark: rokhdad vs hazm vs parsivar (``pip install -e '.[bench]'``).

- speed: the same ~10 MB of Fars News text (the corpus of ../shared/data/news repeated), fed
  article by article to each normalizer, in characters per second (a system that is too slow
  is stopped after ``--budget`` seconds and measured on what it did);
- ZWNJ F1 on the UD dev text (../shared/data/text), with every ZWNJ dropped or replaced by a space,
  scored by ../shared/eval/score_zwnj.py.

Prints a table and writes it to the ``## Normalization`` section of docs/benchmarks.md (the rest
of that file is left alone). Usage: ``python bench/normalize.py [--mb 10] [--budget 120]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import platform
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DOC = ROOT / "docs" / "benchmarks.md"
ZWNJ = "\u200c"


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score_zwnj", shared / "eval" / "score_zwnj.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def fars_articles(shared: Path, mb: float) -> list[str]:
    """Each article as one string (title, abstract and text on their own lines), repeated to ``mb``."""
    paras: list[str] = []
    with (shared / "data" / "news" / "farsnews.jsonl").open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            paras.append("\n".join(rec.get(k) or "" for k in ("title", "abstract", "text")))
    size = sum(len(p) for p in paras)
    reps = max(1, round(mb * 1e6 / size))
    return paras * reps


def ud_gold(shared: Path) -> list[str]:
    out = []
    for path in sorted((shared / "data" / "text").glob("*/*.conllu")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = "):
                out.append(line[len("# text = ") :])
    return out


def systems() -> dict[str, Callable[[str], str] | str]:
    """name → normalize function (or the reason it is missing)."""
    out: dict[str, Callable[[str], str] | str] = {}
    from rokhdad.normalize import normalize
    from rokhdad.normalize.model import model

    normalize("می شود")  # load the resources outside the timing
    model().gap_weights, model().pair_weights  # the classifiers load on first use
    out["rokhdad"] = lambda t: normalize(t).text
    try:
        from hazm import Normalizer as HazmNormalizer

        h = HazmNormalizer()
        out["hazm"] = h.normalize
    except Exception as exc:  # pragma: no cover - depends on the environment
        out["hazm"] = f"not installed ({exc.__class__.__name__}: {exc})"
    try:
        from parsivar import Normalizer as ParsivarNormalizer

        p = ParsivarNormalizer()
        out["parsivar"] = p.normalize
    except Exception as exc:  # pragma: no cover - depends on the environment
        out["parsivar"] = f"not installed ({exc.__class__.__name__}: {exc})"
    return out


def speeds(
    fns: dict[str, Callable[[str], str]], texts: list[str], budget: float, blocks: int = 20
) -> dict[str, tuple[float, int, bool]]:
    """name → (characters per CPU second, characters done, finished within the budget).

    The corpus is cut into ``blocks``; each block goes through every system in turn, so all of
    them see the same machine load (this machine is shared). CPU time of this process is used,
    not wall-clock time: all three normalizers are single-threaded.
    """
    size = max(1, len(texts) // blocks)
    cpu = dict.fromkeys(fns, 0.0)
    done = dict.fromkeys(fns, 0)
    stopped: set[str] = set()
    for b in range(0, len(texts), size):
        block = texts[b : b + size]
        for name, fn in fns.items():
            if name in stopped:
                continue
            t0 = time.process_time()
            for t in block:
                fn(t)
            cpu[name] += time.process_time() - t0
            done[name] += sum(len(t) for t in block)
            if cpu[name] > budget:
                stopped.add(name)
    return {n: (done[n] / cpu[n] if cpu[n] else 0.0, done[n], n not in stopped) for n in fns}


def zwnj_scores(fn: Callable[[str], str], gold: list[str], scorer, name: str = "") -> dict[str, dict]:
    """ZWNJ scores of ``fn`` on ``gold`` with its ZWNJs dropped or spaced, line by line.

    rokhdad judges the writer's ZWNJ convention once on the whole corrupted text and keeps it for
    every line, as ``rokhdad normalize`` does for a file (a single line seldom shows enough).
    """
    res = {}
    for mode, rep in (("drop", ""), ("space", " ")):
        lines = [g.replace(ZWNJ, rep) for g in gold]
        if name == "rokhdad":
            from rokhdad.normalize import judge_zwnj_style, normalize

            style = judge_zwnj_style("\n".join(lines))
            out = [normalize(line, zwnj_style=style).text.replace("\n", " ") for line in lines]
        else:
            out = [fn(line).replace("\n", " ") for line in lines]
        res[mode] = scorer.score(gold, out)
    return res


def seed_fixed(fn: Callable[[str], str], shared: Path) -> str:
    """How many of the seed's ten listed ZWNJ defects the system fixes."""
    seed = shared / "gold" / "events" / "seed-0001.txt"
    if not seed.exists():
        return "-"
    text = seed.read_text(encoding="utf-8")
    wanted = [
        "می‌شود",
        "بیانیه‌ای",
        "گفت‌وگو",
        "نشان‌دهنده",
        "سه‌جانبه",
        "ناامنی‌های",
        "اسلام‌آباد",
        "روبه‌رو",
        "موضع‌گیری‌ها",
        "همکاری‌های دوجانبه",
    ]
    out = fn(text)
    return f"{sum(w in out for w in wanted)}/{len(wanted)}"


def write_section(table: str, notes: str) -> None:
    section = f"## Normalization\n\n{notes}\n\n{table}\n"
    old = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    pat = re.compile(r"^## Normalization\n.*?(?=^## |\Z)", re.S | re.M)
    if pat.search(old):
        new = pat.sub(lambda _m: section + "\n", old).rstrip() + "\n"
    else:
        new = old.rstrip() + "\n\n" + section
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(new, encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--mb", type=float, default=10.0, help="size of the speed corpus in millions of characters"
    )
    ap.add_argument(
        "--budget", type=float, default=120.0, help="CPU seconds each system may spend on the speed corpus"
    )
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    args = ap.parse_args()

    scorer = load_scorer(args.shared)
    paras = fars_articles(args.shared, args.mb)
    total = sum(len(p) for p in paras)
    gold = ud_gold(args.shared)
    rows = []
    available = {}
    for name, fn in systems().items():
        if isinstance(fn, str):
            print(f"{name}: {fn}", file=sys.stderr)
            rows.append((name, fn, "", "", "", "", "", ""))
        else:
            available[name] = fn
    speed = speeds(available, paras, args.budget)
    for name, fn in available.items():
        cps, done, finished = speed[name]
        sc = zwnj_scores(fn, gold, scorer, name)
        d, s = sc["drop"], sc["space"]
        rows.append(
            (
                name,
                f"{cps / 1e6:.2f}" + ("" if finished else f" (stopped after {done / 1e6:.1f} M)"),
                f"{d['f1']:.4f}",
                f"{d['spaces_added'] + d['spaces_removed']}",
                f"{s['f1']:.4f}",
                f"{s['spaces_added'] + s['spaces_removed']}",
                f"{d['gold_zwnj']}",
                seed_fixed(fn, args.shared),
            )
        )
        print(f"{name}: {rows[-1]}", file=sys.stderr)
    rows.sort(key=lambda r: ["rokhdad", "hazm", "parsivar"].index(r[0]))

    head = (
        "| system | M chars/s | ZWNJ F1 (drop) | spaces ± (drop) | ZWNJ F1 (space) | spaces ± (space) "
        "| gold ZWNJs | seed defects fixed |"
    )
    sep = "|---|---|---|---|---|---|---|---|"
    table = "\n".join([head, sep, *("| " + " | ".join(r) + " |" for r in rows)])
    print(table)
    versions = []
    for mod in ("hazm", "parsivar"):
        try:
            from importlib.metadata import version

            versions.append(f"{mod} {version(mod)}")
        except Exception:  # pragma: no cover
            versions.append(f"{mod} absent")
    notes = (
        f"`python bench/normalize.py --mb {args.mb:g}` on {dt.date.today().isoformat()}, Python "
        f"{platform.python_version()}, {platform.machine()}, {', '.join(versions)}. Speed: {total / 1e6:.1f} M characters "
        "of Fars News (the 1,431 articles repeated), fed article by article, in characters per CPU second "
        "(the corpus is cut into 20 blocks and each block goes through every system in turn, so all see the "
        "same load on this shared machine); rokhdad's word memo starts empty; each system's set-up "
        "(loading resources) is outside the timing. ZWNJ F1: the UD dev `# text` lines "
        "(../shared/data/text) with every ZWNJ dropped or turned into a space, scored by "
        '../shared/eval/score_zwnj.py; "spaces ±" is spaces wrongly added plus removed. '
        "Seed: how many of the ten ZWNJ defects listed in issue 3 come out right.\n\n"
        "The same F1 through the command line (issue 3, acceptance 1):\n\n"
        "    python ../shared/eval/score_zwnj.py text ../shared/data/text/*/*.conllu > /tmp/gold.txt\n"
        "    python ../shared/eval/score_zwnj.py corrupt drop /tmp/gold.txt > /tmp/in.txt   # or: corrupt space\n"
        "    .venv/bin/rokhdad normalize /tmp/in.txt > /tmp/out.txt\n"
        "    python ../shared/eval/score_zwnj.py score /tmp/gold.txt /tmp/out.txt\n\n"
        "The UD dev text is the development set the thresholds in `rokhdad/normalize/model.py` were "
        "set on (the lexicon is not built from it); expect somewhat lower figures on unseen text. "
        'Part of the "false positives" are words the gold itself writes without the ZWNJ that '
        "standard spelling asks for («سازمانهای», «فیلمهای», «می‌جستند» written «میجستند»).\n\n"
        "What is left (issue 3 asks for F1 ≥ 0.97 and spaces ± ≤ 1% of the gold ZWNJs): in space mode "
        "every missed ZWNJ is also a space wrongly added, so that count is about the number of misses. "
        "Most misses are compounds that the training text writes with a space as often as with a ZWNJ "
        "(«ریاست جمهوری» 51 times with a space and 33 with a ZWNJ in the Fars News build part, «نیمه نهایی» 7 and 2), "
        "and the Seraji half of the dev text joins multiword tokens with ZWNJs («عبدالله‌بن‌زبیر», "
        "«به‌زودی», «صنعت‌نفت»). The gold is not consistent either («آنها» 53 times, «آن‌ها» 21; "
        "Seraji glues many plurals, «ارزشها»): a word-level oracle that knows the dev set reaches about "
        "0.989 in drop mode. rokhdad judges the writer's ZWNJ convention once on the whole corrupted "
        "text, as `rokhdad normalize` does for a file. Figures by treebank and on held-out Fars News "
        "headlines, leads and text: the ZWNJ restoration section below (`scripts/eval_zwnj.py`)."
    )
    if not args.no_write:
        write_section(table, notes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
