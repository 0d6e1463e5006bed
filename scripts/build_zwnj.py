#!/usr/bin/env python3
"""Build the ZWNJ (U+200C) restoration resource in ``src/rokhdad/resources/zwnj/``.

Sources (all keep their ZWNJs; none is copied into the repository, only counts derived from them):

- ``../shared/data/news/farsnews.jsonl``: Fars News articles dated 1391 AH or later (older ones
  use Arabic letters and spaces instead of ZWNJs) that write at least 90% of their affix ZWNJs
  (``disciplined``), title + abstract + text;
- ``../shared/data/ner/arman/train_fold1.txt`` and ``../shared/data/ner/parstwiner/{train,dev}.txt``
  (tokens);
- hazm 0.10.0's ``data/words.dat`` (words, frequencies, POS tags) and ``data/verbs.dat`` (verb stems),
  read from the wheel that ``pip download hazm==0.10.0 --no-deps`` fetches (MIT);
- wordfreq's Persian list (``pip install wordfreq`` at build time only; data CC BY-SA 4.0).

The UD dev ``# text`` lines are the ZWNJ evaluation set and are deliberately NOT used.

Outputs (tab-separated, UTF-8, with a ``#`` header):

- ``forms.tsv``  key (word without ZWNJ), most frequent ZWNJ spelling, its count, count of the plain key;
- ``plain.tsv``  words seen without a ZWNJ and never with one: word, count, ``A`` when hazm tags it
  an adjective;
- ``pairs.tsv``  adjacent parts A, B of ZWNJ words: count written joined (A‌B) and count written
  apart (A B) in the running-text corpora, and 1 when a word list (hazm/wordfreq) has the joined form;
- ``parts.tsv``  compound parts: how many words write them after (head) or before (tail) a ZWNJ vs.
  glued, and how many running-text tokens write them after/before a ZWNJ vs. a space;
- ``verbs.tsv``  past and present verb stems (hazm).

Usage: ``python scripts/build_zwnj.py [--shared ../shared] [--hazm-wheel PATH]``
"""

from __future__ import annotations

import argparse
import collections
import itertools
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "rokhdad" / "resources" / "zwnj"
ZWNJ = "\u200c"
HAZM_VERSION = "0.10.0"

UNIFY = str.maketrans(
    {"ي": "ی", "ى": "ی", "ك": "ک", "ـ": None, **{chr(c): None for c in range(0x064B, 0x0653)}}
)
NON_JOINING = set("اآأإٱدذرزژوؤةء")
FUNCTION_WORDS = frozenset("و یا به از در با که را تا این آن چه نه اگر اما چون پس ای".split())
WORD = re.compile(r"[\u0621-\u063a\u0641-\u0655\u067e\u0686\u0698\u06a9\u06af\u06c0\u06cc\u200c]+")
LETTERS = re.compile(r"^[\u0621-\u063a\u0641-\u064a\u0654\u067e\u0686\u0698\u06a9\u06af\u06c0\u06cc\u200c]+$")


def clean(tok: str, keep_after_non_joining: bool = False) -> str:
    """Unified letters, no diacritics, ZWNJs only where they can be right."""
    tok = tok.translate(UNIFY).strip(ZWNJ)
    while ZWNJ * 2 in tok:
        tok = tok.replace(ZWNJ * 2, ZWNJ)
    if ZWNJ in tok and not keep_after_non_joining:
        tok = "".join(ch for i, ch in enumerate(tok) if ch != ZWNJ or tok[i - 1] not in NON_JOINING)
    return tok


# affixes written apart («می شود», «روش های») vs. with a ZWNJ («می‌شود», «روش‌های»)
SPACED_AFFIX = re.compile(
    r"(?:^|[\s«(])ن?می [\u0600-\u06ff]|[\u0600-\u06ff] (?:ها|های|هایی|ترین)(?=[\s.،؛:!؟»)]|$)"
)
ZWNJ_AFFIX = re.compile(r"ن?می\u200c[\u0600-\u06ff]|\u200c(?:ها|های|هایی|ترین)(?=[\s.،؛:!؟»)]|$)")
MIN_DISCIPLINE = 0.9
"""An article counts only when at least this share of its affixes have their ZWNJ: an article
that writes «می شود» would teach that compounds are written apart."""


def disciplined(text: str) -> bool:
    """Does ``text`` write its ZWNJs (or show no affix to tell)?"""
    spaced = len(SPACED_AFFIX.findall(text))
    zwnj = len(ZWNJ_AFFIX.findall(text))
    return spaced + zwnj == 0 or zwnj >= MIN_DISCIPLINE * (spaced + zwnj)


def fars_texts(path: Path) -> list[str]:
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            year = int((rec.get("jalali_date") or "0")[:4] or 0)
            parts = [x for x in (rec.get("title"), rec.get("abstract"), rec.get("text")) if x]
            if year >= 1391 and disciplined(" ".join(parts)):
                out.extend(parts)
    return out


def token_sentences(path: Path, sep: str | None) -> list[list[str]]:
    sents, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
            cur = []
            continue
        cur.append(line.split(sep)[0] if sep else line.rsplit(" ", 1)[0])
    if cur:
        sents.append(cur)
    return sents


def hazm_data(wheel: Path | None) -> tuple[list[str], list[str]]:
    if wheel is None:
        tmp = Path(tempfile.mkdtemp())
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                f"hazm=={HAZM_VERSION}",
                "--no-deps",
                "-d",
                str(tmp),
                "-q",
            ],
            check=True,
        )
        wheel = next(tmp.glob("hazm-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        words = z.read("hazm/data/words.dat").decode("utf-8").splitlines()
        verbs = z.read("hazm/data/verbs.dat").decode("utf-8").splitlines()
    return words, verbs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--hazm-wheel", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    data = args.shared / "data"

    uni: collections.Counter[str] = collections.Counter()  # running-text corpora
    # ZWNJ words as written, also after non-joining letters («ضد‌انقلاب»): where the parts are
    raw_joined: collections.Counter[str] = collections.Counter()
    bi: collections.Counter[tuple[str, str]] = collections.Counter()
    for text in fars_texts(data / "news" / "farsnews.jsonl"):
        prev_end, prev = -2, ""
        for m in WORD.finditer(text):
            tok = clean(m.group())
            if not tok:
                continue
            uni[tok] += 1
            raw = clean(m.group(), True)
            if ZWNJ in raw:
                raw_joined[raw] += 1
            if m.start() == prev_end + 1 and text[prev_end] == " " and ZWNJ not in tok[:1]:
                bi[prev, tok] += 1
            prev_end, prev = m.end(), tok
    tok_files = [
        (data / "ner" / "arman" / "train_fold1.txt", None),
        (data / "ner" / "parstwiner" / "train.txt", "\t"),
        (data / "ner" / "parstwiner" / "dev.txt", "\t"),
    ]
    for path, sep in tok_files:
        for sent in token_sentences(path, sep):
            toks = [clean(t) if LETTERS.match(t) else "" for t in sent]
            raw_joined.update(r for r in (clean(t, True) for t in sent if LETTERS.match(t)) if ZWNJ in r)
            for i, t in enumerate(toks):
                if t:
                    uni[t] += 1
                    if i and toks[i - 1]:
                        bi[toks[i - 1], t] += 1

    # word lists: hazm (presence + POS) and wordfreq (per-million frequencies)
    listed: collections.Counter[str] = collections.Counter()
    listed_raw: set[str] = set()
    adjectives: set[str] = set()
    hwords, hverbs = hazm_data(args.hazm_wheel)
    for line in hwords:
        parts = line.split("\t")
        w = clean(parts[0])
        listed_raw.add(clean(parts[0], True))
        if w and LETTERS.match(w):
            listed[w] += 1
            if len(parts) > 2 and "AJ" in parts[2].split(","):
                adjectives.add(w)
    import wordfreq  # build-time only

    for w, f in wordfreq.get_frequency_dict("fa").items():
        listed_raw.add(clean(w, True))
        w = clean(w)
        if w and LETTERS.match(w):
            listed[w] += f * 1e6

    total: collections.Counter[str] = collections.Counter()
    for w, c in uni.items():
        total[w] += c
    for w, c in listed.items():
        total[w] += c

    by_key: dict[str, dict[str, float]] = collections.defaultdict(dict)
    for w, c in total.items():
        by_key[w.replace(ZWNJ, "")][w] = c
    forms, plain = [], []
    joined_parts: collections.Counter[tuple[str, str]] = collections.Counter()
    listed_pairs: set[tuple[str, str]] = set()
    for key, variants in by_key.items():
        cp = variants.get(key, 0.0)
        zw = [(c, w) for w, c in variants.items() if w != key]
        if zw:
            cz, best = max(zw)
            forms.append((key, best, cz, cp))
        elif cp >= 2 or listed.get(key):
            plain.append((key, cp, "A" if key in adjectives else ""))

    # productivity of compound parts: «گیری» is written after a ZWNJ in many words, «ان» is not
    heads_j: collections.Counter[str] = collections.Counter()
    tails_j: collections.Counter[str] = collections.Counter()
    for _key, best, cz, cp in forms:
        if cz >= cp and best.count(ZWNJ) == 1:
            a, b = best.split(ZWNJ)
            if len(a) >= 2 and len(b) >= 2:
                heads_j[b] += 1
                tails_j[a] += 1
    known = {w for w, c, _t in plain if c >= 3} | {k for k, _b, cz, cp in forms if cp > cz}
    heads_p: collections.Counter[str] = collections.Counter()
    tails_p: collections.Counter[str] = collections.Counter()
    for w, c, _t in plain:
        if c < 3:
            continue
        for i in range(2, len(w) - 1):
            a, b = w[:i], w[i:]
            if a[-1] in NON_JOINING:
                continue
            if b in heads_j and a in known:
                heads_p[b] += 1
            if a in tails_j and b in known:
                tails_p[a] += 1

    for w in set(raw_joined) | {x for x in listed_raw if ZWNJ in x and LETTERS.match(x)}:
        parts = w.split(ZWNJ)
        for a, b in itertools.pairwise(parts):
            if a and b:
                joined_parts[a, b] += raw_joined.get(w, 0)
                if w in listed_raw:
                    listed_pairs.add((a, b))

    # how a part is written in running text: after (head) / before (tail) a ZWNJ, or apart after
    # (head) / before (tail) a space. «سازی» is mostly joined, «شده» mostly apart (passives).
    side_joined: dict[str, collections.Counter[str]] = {
        "head": collections.Counter(),
        "tail": collections.Counter(),
    }
    side_apart: dict[str, collections.Counter[str]] = {
        "head": collections.Counter(),
        "tail": collections.Counter(),
    }
    for w, c in raw_joined.items():
        parts = w.split(ZWNJ)
        for p in parts[1:]:
            side_joined["head"][p] += c
        for p in parts[:-1]:
            side_joined["tail"][p] += c
    for (a, b), c in bi.items():
        if a in FUNCTION_WORDS or b in FUNCTION_WORDS:
            continue
        side_apart["head"][b.split(ZWNJ, 1)[0]] += c
        side_apart["tail"][a.rsplit(ZWNJ, 1)[-1]] += c

    args.out.mkdir(parents=True, exist_ok=True)
    note = "# built by scripts/build_zwnj.py; see BUILD.md (derived counts, not text)\n"
    with (args.out / "forms.tsv").open("w", encoding="utf-8") as f:
        f.write(note + "# key\tzwnj_form\tcount_zwnj\tcount_plain\n")
        for key, best, cz, cp in sorted(forms):
            f.write(f"{key}\t{best}\t{cz:.3g}\t{cp:.3g}\n")
    with (args.out / "plain.tsv").open("w", encoding="utf-8") as f:
        f.write(note + "# word\tcount\tA=adjective\n")
        for w, c, tag in sorted(plain):
            f.write(f"{w}\t{c:.3g}\t{tag}\n")
    with (args.out / "pairs.tsv").open("w", encoding="utf-8") as f:
        f.write(note + "# A\tB\tcount_joined\tcount_apart\tin_word_list\n")
        for a, b in sorted(set(joined_parts) | listed_pairs):
            f.write(f"{a}\t{b}\t{joined_parts[a, b]}\t{bi.get((a, b), 0)}\t{int((a, b) in listed_pairs)}\n")
    with (args.out / "parts.tsv").open("w", encoding="utf-8") as f:
        f.write(
            note + "# side (head = after the ZWNJ, tail = before)\tpart\tzwnj_types\tplain_types"
            "\tzwnj_tokens\tapart_tokens\n"
        )
        for side, jc, pc in (("head", heads_j, heads_p), ("tail", tails_j, tails_p)):
            for part, j in sorted(jc.items()):
                if j >= 3:
                    f.write(
                        f"{side}\t{part}\t{j}\t{pc.get(part, 0)}\t{side_joined[side][part]}"
                        f"\t{side_apart[side][part]}\n"
                    )
    with (args.out / "verbs.tsv").open("w", encoding="utf-8") as f:
        f.write(note + "# past_stem\tpresent_stem (hazm verbs.dat)\n")
        for line in hverbs:
            if "#" in line:
                past, present = (clean(x) for x in line.split("#", 1))
                f.write(f"{past}\t{present}\n")
    print(
        f"forms {len(forms)}, plain {len(plain)}, pairs {len(joined_parts | dict.fromkeys(listed_pairs, 0))}, "
        f"tokens {sum(uni.values())}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
