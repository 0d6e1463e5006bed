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
import hashlib
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


HOLDOUT_SEED = "zwnj-1"
HOLDOUT_SHARE = 0.1
"""One in ten selected Fars News articles (by a seeded hash of their id) is held out of the
build, for the news check of ``scripts/eval_zwnj.py``."""


def held_out(rec_id: str, seed: str = HOLDOUT_SEED, share: float = HOLDOUT_SHARE) -> bool:
    """Is the article ``rec_id`` in the held-out part (stable: independent of file order)?"""
    h = hashlib.sha1(f"{seed}:{rec_id}".encode()).digest()
    return int.from_bytes(h[:4], "big") < share * 2**32


def fars_records(path: Path) -> list[dict]:
    """The Fars News articles that keep their ZWNJs: 1391 AH or later and ``disciplined``."""
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            year = int((rec.get("jalali_date") or "0")[:4] or 0)
            parts = [x for x in (rec.get("title"), rec.get("abstract"), rec.get("text")) if x]
            if year >= 1391 and disciplined(" ".join(parts)):
                out.append(rec)
    return out


def fars_texts(path: Path, share: float = HOLDOUT_SHARE) -> list[str]:
    """Title, abstract and text of the selected articles outside the held-out part."""
    out = []
    for rec in fars_records(path):
        if not held_out(rec["id"], share=share):
            out.extend(x for x in (rec.get("title"), rec.get("abstract"), rec.get("text")) if x)
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


GAP_C = 3.0
"""Inverse L2 regularization of the gap classifier (scikit-learn ``LogisticRegression``)."""
PAIR_C = 1.0
"""The same for the pair classifier."""
GAP_MIN_EXAMPLES = 2
GAP_MIN_WEIGHT = 0.1
"""A feature is kept when it occurs in this many training gaps, and exported when its weight is
at least this large (the rest weigh nothing at run time). 0.1 rather than 0.03: 38% fewer gap
and 43% fewer pair features, which load 0.1 s faster (cold start), for UD F1 within ±0.0003."""


def train_gaps(
    forms: list[tuple[str, str, float, float]], plain: list[tuple[str, float, str]]
) -> tuple[dict[str, float], float, int]:
    """Fit the gap classifier of ``ZwnjModel.learned``: is there a ZWNJ before letter i of a word?

    One example per gap after a joining letter in every lexicon word (``forms``: the ZWNJ spelling
    with its count and the plain key with its count; ``plain``: never a ZWNJ), weighted by
    ``log(1 + count)`` so frequent words count more but do not drown the long tail. Features are
    ``rokhdad.normalize.model.gap_features`` (character n-grams either side and the parts' word
    counts; never the whole word's own count, which an unseen word does not have).
    Returns (feature weights, intercept, number of examples).
    """
    import math

    from rokhdad.normalize.model import gap_features

    counts = {k: cz + cp for k, _b, cz, cp in forms}
    counts.update((w, c) for w, c, _t in plain)

    def count(w: str) -> float:
        return counts.get(w, 0.0)

    rows: list[list[str]] = []
    ys: list[int] = []
    ws: list[float] = []

    def gaps(key: str):
        for i in range(1, len(key)):
            if key[i - 1] not in NON_JOINING:
                yield i, gap_features(key[:i], key[i:], count)

    for key, best, cz, cp in forms:
        zpos, j = set(), 0
        for ch in best:
            if ch == ZWNJ:
                zpos.add(j)
            else:
                j += 1
        for i, f in gaps(key):
            pos = math.log1p(cz) if i in zpos else 0.0
            neg = math.log1p(cp) + (0.0 if i in zpos else math.log1p(cz))
            for y, w in ((1, pos), (0, neg)):
                if w > 0:
                    rows.append(f)
                    ys.append(y)
                    ws.append(w)
    for key, c, _t in plain:
        for _i, f in gaps(key):
            rows.append(f)
            ys.append(0)
            ws.append(math.log1p(c) if c > 0 else 0.3)  # listed, never counted
    return fit_logistic(rows, ys, ws, GAP_C)


def gap_features_of(left: str, right: str, count) -> list[str]:
    from rokhdad.normalize.model import gap_features

    return gap_features(left, right, count)


def fit_logistic(
    rows: list[list[str]], ys: list[int], ws: list[float], c: float
) -> tuple[dict[str, float], float, int]:
    """L2 logistic regression (liblinear, deterministic) over binary string features; the
    weights at least ``GAP_MIN_WEIGHT`` in size, the intercept and the number of examples."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression  # build-time only

    seen: collections.Counter[str] = collections.Counter(x for f in rows for x in f)
    vocab = {x: n for n, x in enumerate(sorted(x for x, k in seen.items() if k >= GAP_MIN_EXAMPLES))}
    ind, ptr = [], [0]
    for f in rows:
        ind.extend(sorted({vocab[x] for x in f if x in vocab}))
        ptr.append(len(ind))
    X = csr_matrix((np.ones(len(ind)), np.array(ind), np.array(ptr)), shape=(len(rows), len(vocab)))
    clf = LogisticRegression(C=c, solver="liblinear", max_iter=200, random_state=0)
    clf.fit(X, np.array(ys), sample_weight=np.array(ws))
    names = sorted(vocab, key=vocab.__getitem__)
    weights = {x: float(w) for x, w in zip(names, clf.coef_[0], strict=True) if abs(w) >= GAP_MIN_WEIGHT}
    return weights, float(clf.intercept_[0]), len(rows)


def train_pairs(
    raw_joined: collections.Counter[str],
    listed_pairs: set[tuple[str, str]],
    bi: collections.Counter[tuple[str, str]],
    count,
) -> tuple[dict[str, float], float, int]:
    """Fit the pair classifier of ``ZwnjModel.pair_probability``: are two words written apart one
    word with a ZWNJ («ستم دیدگان» → «ستم‌دیدگان»)?

    Positives: adjacent parts of the ZWNJ words of running text (and of the word lists, once);
    negatives: adjacent words of running text written apart; each pair type weighted by
    ``log(1 + count)``. Affixes («ها», «می», «ترین», clitics) and function words are left out:
    the rules decide those. Features as for the gaps (``gap_features``).
    """
    import math

    from rokhdad.normalize.model import CLITIC_SET, COMPARATIVE_SET, MI, PLURAL_SET

    skip = PLURAL_SET | COMPARATIVE_SET | CLITIC_SET | FUNCTION_WORDS
    pos: collections.Counter[tuple[str, str]] = collections.Counter()
    for w, c in raw_joined.items():
        for a, b in itertools.pairwise(w.split(ZWNJ)):
            pos[a, b] += c
    for ab in sorted(listed_pairs):
        pos[ab] += 1
    neg: collections.Counter[tuple[str, str]] = collections.Counter()
    for (x, y), c in bi.items():
        neg[x.rsplit(ZWNJ, 1)[-1], y.split(ZWNJ, 1)[0]] += c
    rows, ys, ws = [], [], []
    for table, y in ((pos, 1), (neg, 0)):
        for (a, b), c in sorted(table.items()):  # a fixed order: liblinear's result depends on it
            if len(a) < 2 or len(b) < 2 or a[-1] in NON_JOINING or a in skip or a in MI or b in skip:
                continue
            rows.append(gap_features_of(a, b, count))
            ys.append(y)
            ws.append(math.log1p(c))
    return fit_logistic(rows, ys, ws, PAIR_C)


def write_weights(
    path: Path, note: str, what: str, weights: dict[str, float], bias: float, n: int, c: float
) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write(
            note + f"# {what} classifier: logistic regression on {n} {what}s, C={c}; feature\tweight "
            "(the empty feature is the intercept); features: rokhdad.normalize.model.gap_features\n"
        )
        f.write(f"\t{bias:.5g}\n")
        for x, w in sorted(weights.items()):
            f.write(f"{x}\t{w:.4g}\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--hazm-wheel", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument(
        "--holdout", type=float, default=HOLDOUT_SHARE, help="share of Fars News articles kept out (0: none)"
    )
    args = ap.parse_args()
    data = args.shared / "data"

    uni: collections.Counter[str] = collections.Counter()  # running-text corpora
    # ZWNJ words as written, also after non-joining letters («ضد‌انقلاب»): where the parts are
    raw_joined: collections.Counter[str] = collections.Counter()
    bi: collections.Counter[tuple[str, str]] = collections.Counter()
    for text in fars_texts(data / "news" / "farsnews.jsonl", args.holdout):
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
    weights, bias, n_gaps = train_gaps(forms, plain)
    write_weights(args.out / "gaps.tsv", note, "gap", weights, bias, n_gaps, GAP_C)
    counts = {k: cz + cp for k, _b, cz, cp in forms}
    counts.update((w, c) for w, c, _t in plain)
    weights, bias, n_pairs = train_pairs(raw_joined, listed_pairs, bi, lambda w: counts.get(w, 0.0))
    write_weights(args.out / "joins.tsv", note, "pair", weights, bias, n_pairs, PAIR_C)
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
