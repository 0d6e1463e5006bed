#!/usr/bin/env python3
"""Evaluate ZWNJ restoration: the UD dev text and held-out Fars News, both corruptions.

Two evaluation sets, each corrupted with ``../shared/eval/score_zwnj.py corrupt drop|space``
(every ZWNJ removed, or each turned into a space), passed through ``rokhdad normalize`` and
scored with ``score_zwnj.py score``:

- ``ud``: the ``# text`` lines of the UD dev treebanks (lines of PerDT, then Seraji), as issue 3
  measures; the ZWNJ resources never see this text;
- ``fars``: the Fars News articles that ``scripts/build_zwnj.py`` selects (they keep their ZWNJs)
  but holds out of the build (one in ten by a seeded hash of the id): their title + abstract
  (headline and lead, one line each) and the sentences of their text, with stray ZWNJs (doubled,
  at word edges, after non-joining letters) taken out of the gold.

Prints, per set and mode, F1 / precision / recall / spaces ± overall and per part (PerDT,
Seraji; headlines+leads, text). With ``--ceiling`` it also scores an oracle that no system can
beat without context: it has memorized, on the evaluated text itself, the majority spelling of
each unit a context-free decision sees (``oracle_lines``), so its errors are the places where the
gold writes the same thing two ways. Usage::

    python scripts/eval_zwnj.py [--work /tmp/zwnj_eval] [--json] [--ceiling]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SENTENCE_END = re.compile(r"(?<=[.!؟?])\s+|\n+")
ZWNJ = "\u200c"


def clean_gold(line: str) -> str:
    """News text's stray ZWNJs out of the gold: doubled, at a word's edge, after a letter that does
    not join («را‌‌ », «می‌‌‌گوید», «غذا‌ها»); they mark nothing, so no system should restore them."""
    from rokhdad.normalize.chars import LETTER_CLASS, joins_next

    line = re.sub(ZWNJ + "+", ZWNJ, line)
    letter = re.compile(f"[{LETTER_CLASS}]")
    out = []
    for i, ch in enumerate(line):
        if ch == ZWNJ and not (
            joins_next(line[max(0, i - 2) : i]) and i + 1 < len(line) and letter.match(line[i + 1])
        ):
            continue
        out.append(ch)
    return "".join(out)


def _module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def ud_lines(shared: Path) -> dict[str, list[str]]:
    """The UD dev ``# text`` lines by treebank."""
    out: dict[str, list[str]] = {}
    for path in sorted((shared / "data" / "text").glob("*/*.conllu")):
        name = path.parent.name.removeprefix("ud_")
        out[name] = [
            line[len("# text = ") :].rstrip("\n")
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("# text = ")
        ]
    return out


def fars_lines(shared: Path) -> dict[str, list[str]]:
    """Held-out Fars News: headlines and leads, and text sentences (one a line)."""
    build = _module("build_zwnj", ROOT / "scripts" / "build_zwnj.py")
    heads: list[str] = []
    text: list[str] = []
    for rec in build.fars_records(shared / "data" / "news" / "farsnews.jsonl"):
        if not build.held_out(rec["id"]):
            continue
        heads.extend(
            clean_gold(" ".join(x.split()))
            for x in (rec.get("title"), rec.get("abstract"))
            if x and x.strip()
        )
        for s in SENTENCE_END.split(rec.get("text") or ""):
            s = " ".join(s.split())
            if len(s) >= 10:
                text.append(clean_gold(s))
    return {"headline+lead": heads, "text": text}


SEPARATOR = re.compile(f"({ZWNJ}| )")


def oracle_lines(gold: list[str], mode: str) -> list[str]:
    """The gold lines as an oracle would restore them from their ``mode`` corruption, deciding each
    unit by the spelling the gold itself uses most often for it (ties: the first seen).

    - ``drop``: the unit is a space-separated token with its ZWNJs removed («میشود»); the oracle
      writes that token's most frequent gold form («می‌شود») everywhere.
    - ``space``: the unit is one gap between two pieces (split at spaces and ZWNJs) with the two
      pieces around it («به» + «زودی»); the oracle writes a ZWNJ or a space there, whichever the
      gold writes more often between those two pieces.
    """
    from collections import Counter, defaultdict

    votes: defaultdict = defaultdict(Counter)
    if mode == "drop":
        for line in gold:
            for token in line.split(" "):
                votes[token.replace(ZWNJ, "")][token] += 1
        best = {k: c.most_common(1)[0][0] for k, c in votes.items()}
        return [" ".join(best[t.replace(ZWNJ, "")] for t in line.split(" ")) for line in gold]
    split = [SEPARATOR.split(line) for line in gold]  # piece, sep, piece, sep, ...
    for cells in split:
        for i in range(1, len(cells), 2):
            votes[(cells[i - 1], cells[i + 1])][cells[i]] += 1
    best = {k: c.most_common(1)[0][0] for k, c in votes.items()}
    out = []
    for cells in split:
        for i in range(1, len(cells), 2):
            if cells[i - 1] and cells[i + 1]:  # a space next to another space stays
                cells[i] = best[(cells[i - 1], cells[i + 1])]
        out.append("".join(cells))
    return out


def run_set(
    name: str, parts: dict[str, list[str]], work: Path, scorer, rokhdad: str, ceiling: bool = False
) -> dict:
    gold = [line for lines in parts.values() for line in lines]
    work.mkdir(parents=True, exist_ok=True)
    (work / f"{name}_gold.txt").write_text("\n".join(gold) + "\n", encoding="utf-8")
    res: dict = {}
    for mode in ("drop", "space"):
        inp = subprocess.run(
            [
                sys.executable,
                str(SHARED / "eval" / "score_zwnj.py"),
                "corrupt",
                mode,
                str(work / f"{name}_gold.txt"),
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        (work / f"{name}_in_{mode}.txt").write_text(inp, encoding="utf-8")
        out = subprocess.run(
            [rokhdad, "normalize"], input=inp, capture_output=True, text=True, check=True
        ).stdout
        (work / f"{name}_out_{mode}.txt").write_text(out, encoding="utf-8")
        out_lines = out.split("\n")[: len(gold)]
        res[mode] = {"all": scorer.score(gold, out_lines)}
        i = 0
        for part, lines in parts.items():
            res[mode][part] = scorer.score(gold[i : i + len(lines)], out_lines[i : i + len(lines)])
            i += len(lines)
        if ceiling:  # the oracle memorizes each part on its own, and the whole set at once
            res[f"{mode} oracle"] = {"all": scorer.score(gold, oracle_lines(gold, mode))}
            for part, lines in parts.items():
                res[f"{mode} oracle"][part] = scorer.score(lines, oracle_lines(lines, mode))
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--work", type=Path, default=Path("/tmp/zwnj_eval"))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--only", choices=("ud", "fars"), default=None)
    ap.add_argument("--ceiling", action="store_true", help="also score the context-free oracle")
    args = ap.parse_args()
    scorer = _module("score_zwnj", args.shared / "eval" / "score_zwnj.py")
    rokhdad = str(Path(sys.executable).parent / "rokhdad")
    sets = {"ud": ud_lines(args.shared), "fars": fars_lines(args.shared)}
    results = {
        name: run_set(name, parts, args.work, scorer, rokhdad, args.ceiling)
        for name, parts in sets.items()
        if args.only in (None, name)
    }
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return 0
    print("| set | part | mode | lines | gold ZWNJs | F1 | P | R | spaces + | spaces − |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, res in results.items():
        for mode, parts in res.items():
            for part, r in parts.items():
                print(
                    f"| {name} | {part} | {mode} | {r['lines']} | {r['gold_zwnj']} | {r['f1']:.4f} | "
                    f"{r['precision']:.4f} | {r['recall']:.4f} | {r['spaces_added']} | {r['spaces_removed']} |"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
