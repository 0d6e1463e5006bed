"""Gold NER corpora: reading the three formats, one label scheme, run-time tokenization.

The corpora (see ``../shared/data/ner``) differ in format and label set:

- Arman ``token TAG`` with ``B-pers``/``I-org``/``B-loc``/``B-fac``/``B-event``/``B-pro``;
- PEYMA ``token|B_PER`` with PER ORG LOC DAT TIM MON PCT (and no ZWNJs: «روش های»);
- ParsTwiNER ``token<TAB>B-PER`` with PER LOC ORG EVE POG NAT.

They map onto one scheme: PER, ORG, LOC, FAC, EVENT, NAT, DATE (:data:`LABELS`);
political groups (POG) become ORG, Arman products and PEYMA time/money/percent become O.

Training text must look like run-time text, so a gold sentence is joined with spaces,
normalized with :func:`rokhdad.normalize.normalize` and cut again with
:func:`rokhdad.tokens.tokenize`; each run-time token takes the label of the gold token it
falls in (:func:`align`)::

    >>> toks, tags = align([("روش های", "O"), ("ایران", "B-LOC")])
    >>> tags[-1]
    'B-LOC'
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TextIO

from rokhdad.normalize import normalize
from rokhdad.tokens import tokenize

LABELS = ("PER", "ORG", "LOC", "FAC", "EVENT", "NAT", "DATE")
CORPORA = ("arman", "peyma", "twitter")

_TYPE_MAP = {
    "PER": "PER",
    "PERS": "PER",
    "ORG": "ORG",
    "POG": "ORG",
    "LOC": "LOC",
    "FAC": "FAC",
    "EVENT": "EVENT",
    "EVE": "EVENT",
    "NAT": "NAT",
    "DAT": "DATE",
}
_TAG = re.compile(r"([BI])[-_](\w+)")

Sentence = list[tuple[str, str]]


def split_line(line: str) -> tuple[str, str]:
    """``token<TAB>TAG``, ``token|TAG`` or ``token TAG`` (the token may hold spaces)."""
    for sep in ("\t", "|"):
        if sep in line:
            tok, tag = line.rsplit(sep, 1)
            return tok, tag.strip()
    tok, _, tag = line.rpartition(" ")
    return tok, tag.strip()


def unify_tag(tag: str) -> str:
    """A corpus tag in the shared IOB2 scheme: ``B_DAT`` → ``B-DATE``, ``I-pers`` → ``I-PER``."""
    m = _TAG.fullmatch(tag.strip())
    if not m:
        return "O"
    kind = _TYPE_MAP.get(m.group(2).upper())
    return f"{m.group(1)}-{kind}" if kind else "O"


def read_conll(path: str | Path, tag: Callable[[str], str] = unify_tag) -> list[Sentence]:
    """Sentences of ``(token, unified tag)`` from any of the three formats (``tag`` maps a
    corpus tag; another mapping serves a scorer's view, ``scripts/ner_headroom.py``)."""
    sents: list[Sentence] = []
    cur: Sentence = []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip():
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            tok, raw_tag = split_line(line)
            cur.append((tok, tag(raw_tag)))
    if cur:
        sents.append(cur)
    return sents


def read_tokens(lines: Iterable[str]) -> list[list[str]]:
    """Sentences of the ``tag-ner`` input: one token a line, blank line between sentences."""
    sents: list[list[str]] = []
    cur: list[str] = []
    for raw in lines:
        line = raw.rstrip("\r\n")
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        cur.append(line)
    if cur:
        sents.append(cur)
    return sents


def write_tagged(out: TextIO, sents: Iterable[list[str]], tag: Callable[[list[str]], list[str]]) -> None:
    """The ``tag-ner`` output: ``token<TAB>TAG`` line for line, a blank line after each sentence."""
    for sent in sents:
        for tok, t in zip(sent, tag(sent), strict=True):
            out.write(f"{tok}\t{t}\n")
        out.write("\n")
    out.flush()


def join_tokens(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """The sentence text (tokens joined by one space) and each token's span in it."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for t in tokens:
        spans.append((pos, pos + len(t)))
        pos += len(t) + 1
    return " ".join(tokens), spans


def align(sent: Sentence) -> tuple[list[str], list[str]]:
    """Run-time tokens of a gold sentence and their tags (see the module docstring)."""
    text, spans = join_tokens([t for t, _ in sent])
    nt = normalize(text)
    toks: list[str] = []
    tags: list[str] = []
    gi = 0
    last_gold = -1
    for tok in tokenize(nt.text):
        s, _ = nt.to_original(tok.start, tok.end)
        while gi < len(spans) - 1 and spans[gi][1] <= s:
            gi += 1
        tag = sent[gi][1]
        if tag != "O" and gi == last_gold:
            tag = "I-" + tag[2:]
        last_gold = gi
        toks.append(tok.text)
        tags.append(tag)
    return toks, tags


def split_dev(
    sents: list[Sentence], fraction: float = 0.1, seed: int = 13
) -> tuple[list[Sentence], list[Sentence]]:
    """A seeded (train, dev) split of sentences: the Arman dev split of ``train_fold1.txt``."""
    idx = list(range(len(sents)))
    random.Random(seed).shuffle(idx)
    n_dev = round(len(sents) * fraction)
    dev = set(idx[:n_dev])
    return [s for i, s in enumerate(sents) if i not in dev], [s for i, s in enumerate(sents) if i in dev]


def write_conll(sents: Iterable[Sentence], path: str | Path) -> None:
    """Write ``token<TAB>TAG`` lines (the format ``score_ner.py`` reads)."""
    with open(path, "w", encoding="utf-8") as f:
        for sent in sents:
            for tok, tag in sent:
                f.write(f"{tok}\t{tag}\n")
            f.write("\n")


def news_paragraphs(path: str | Path) -> Iterator[list[str]]:
    """Run-time tokens of every paragraph of a news JSON Lines file (``title``, ``abstract`` and
    ``text`` split at line breaks), normalized as at run time: the unlabelled text the word
    clusters and word vectors are built from («می‌شود» and «میشود» give the same token)."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            for field in ("title", "abstract", "text"):
                for para in (rec.get(field) or "").split("\n"):
                    if para.strip():
                        yield [t.text for t in tokenize(normalize(para).text)]
