"""Build the word clusters the NER tagger uses as features (run once; minutes on one core).

Unlabelled text only: Fars News (../shared/data/news/farsnews.jsonl), the *train* splits of
PEYMA and ParsTwiNER read as plain text (their tags are ignored), and the UD dev sentences.
Arman is left out so that an Arman dev split carved from ``train_fold1.txt`` stays unseen.

Method (a cheap stand-in for Brown clusters): each word with frequency >= 2 gets a
context-count vector over the 1,500 most frequent words at positions -2, -1, +1, +2;
PPMI weighting; a 100-dimensional truncated SVD; spherical k-means into 1,024 clusters,
then the 1,024 centroids are clustered again into 256 and 64, so each word carries a
three-level path ``c64/c256/c1024`` much like a Brown-cluster bit-string prefix.

With ``--vectors-out`` it also writes the leading ``--vector-dims`` SVD dimensions of each
word (largest singular values first, of the unit-length 100-d vectors the clusters come from),
each scaled to unit standard deviation over the vocabulary, clipped to ±3 and stored as
integers in tenths (``-12`` = -1.2): the real-valued ``v<d>`` features of the tagger.

Usage::

    OPENBLAS_NUM_THREADS=1 .venv/bin/python scripts/build_ner_clusters.py \
        --shared ../shared --out src/rokhdad/resources/ner/clusters.tsv \
        --vectors-out src/rokhdad/resources/ner/vectors.tsv

Needs numpy and scipy (build time only; the tagger reads the TSV).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.linalg import svds

from rokhdad.ner.corpus import news_paragraphs, read_conll
from rokhdad.ner.keys import word_key
from rokhdad.normalize import normalize
from rokhdad.tokens import tokenize


def sentences(shared: Path) -> Iterator[list[str]]:
    """Token keys of every unlabelled sentence, one list a paragraph or sentence."""
    for para in news_paragraphs(shared / "data/news/farsnews.jsonl"):
        yield [word_key(t) for t in para]
    for rel in ("data/ner/peyma/train.txt", "data/ner/parstwiner/train.txt"):
        for sent in read_conll(shared / rel):
            text = " ".join(tok for tok, _ in sent)
            yield [word_key(t.text) for t in tokenize(normalize(text).text)]
    for conllu in sorted((shared / "data/text").glob("*/*.conllu")):
        with open(conllu, encoding="utf-8") as f:
            for line in f:
                if line.startswith("# text = "):
                    yield [word_key(t.text) for t in tokenize(normalize(line[9:].strip()).text)]


def kmeans(x: np.ndarray, k: int, iters: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Spherical k-means (rows of ``x`` unit length): centroids and assignments."""
    cent = x[rng.choice(len(x), size=k, replace=False)].copy()
    assign = np.zeros(len(x), dtype=np.int64)
    for _ in range(iters):
        for s in range(0, len(x), 8192):
            assign[s : s + 8192] = np.argmax(x[s : s + 8192] @ cent.T, axis=1)
        for c in range(k):
            members = x[assign == c]
            if len(members):
                v = members.sum(axis=0)
                cent[c] = v / (np.linalg.norm(v) or 1.0)
            else:  # re-seed an empty cluster
                cent[c] = x[rng.integers(len(x))]
    return cent, assign


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path, default=Path("src/rokhdad/resources/ner/clusters.tsv"))
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--contexts", type=int, default=1500)
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--vectors-out", type=Path, default=None, help="also write quantized word vectors here")
    ap.add_argument("--vector-dims", type=int, default=24)
    args = ap.parse_args()
    t0 = time.time()
    sents = [s for s in sentences(args.shared) if s]
    counts = Counter(w for s in sents for w in s)
    print(
        f"{len(sents)} sentences, {sum(counts.values())} tokens, {len(counts)} types ({time.time() - t0:.0f}s)"
    )
    vocab = sorted((w for w, c in counts.items() if c >= args.min_count), key=lambda w: (-counts[w], w))
    vid = {w: i for i, w in enumerate(vocab)}
    ctx = {w: i for i, w in enumerate(vocab[: args.contexts])}
    nctx = len(ctx)
    rows: list[int] = []
    cols: list[int] = []
    for s in sents:
        ids = [vid.get(w, -1) for w in s]
        cids = [ctx.get(w, -1) for w in s]
        n = len(s)
        for i, wi in enumerate(ids):
            if wi < 0:
                continue
            for slot, off in enumerate((-2, -1, 1, 2)):
                j = i + off
                c = cids[j] if 0 <= j < n else nctx  # nctx = sentence boundary
                if c < 0:
                    c = nctx + 1  # a rare word
                rows.append(wi)
                cols.append(slot * (nctx + 2) + c)
    m = coo_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(vocab), 4 * (nctx + 2))
    ).tocsr()
    m.sum_duplicates()
    total = m.sum()
    rsum = np.asarray(m.sum(axis=1)).ravel()
    csum = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    csum = csum / csum.sum() * total
    m = m.tocoo()
    pmi = np.log(m.data * total / (rsum[m.row] * csum[m.col]))
    keep = pmi > 0
    ppmi = coo_matrix((pmi[keep].astype(np.float32), (m.row[keep], m.col[keep])), shape=m.shape).tocsr()
    print(f"PPMI matrix {ppmi.shape}, {ppmi.nnz} non-zeros ({time.time() - t0:.0f}s)")
    u, sv, _ = svds(ppmi, k=args.dim, random_state=args.seed)
    x = u * np.sqrt(sv)
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
    rng = np.random.default_rng(args.seed)
    cent1024, a1024 = kmeans(x.astype(np.float32), 1024, 15, rng)
    print(f"k-means 1024 done ({time.time() - t0:.0f}s)")
    _, a256 = kmeans(cent1024, 256, 30, rng)
    cent256 = np.stack(
        [cent1024[a256 == c].mean(axis=0) if (a256 == c).any() else cent1024[0] for c in range(256)]
    )
    cent256 /= np.linalg.norm(cent256, axis=1, keepdims=True) + 1e-9
    _, a64 = kmeans(cent256, 64, 30, rng)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("# word_key\tc64\tc256\tc1024 (scripts/build_ner_clusters.py; see docs/models/ner.md)\n")
        for w, i in vid.items():
            c1024 = int(a1024[i])
            c256 = int(a256[c1024])
            f.write(f"{w}\t{int(a64[c256])}\t{c256}\t{c1024}\n")
    print(f"wrote {len(vid)} words to {args.out} ({time.time() - t0:.0f}s)")
    if args.vectors_out is not None:
        write_vectors(args.vectors_out, vid, x, sv, args.vector_dims)
        print(f"wrote {args.vector_dims}-d vectors to {args.vectors_out}")


def write_vectors(path: Path, vid: dict[str, int], x: np.ndarray, sv: np.ndarray, dims: int) -> None:
    """The leading SVD dimensions of ``x``, standardized, clipped to ±3, in tenths."""
    order = np.argsort(-sv)[:dims]  # svds returns singular values in ascending order
    v = x[:, order]
    v = v / (v.std(axis=0, keepdims=True) + 1e-9)
    q = np.clip(np.rint(v * 10), -30, 30).astype(np.int64)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(
            f"# word_key\t{dims} SVD dimensions in tenths of a standard deviation "
            "(scripts/build_ner_clusters.py; see docs/models/ner.md)\n"
        )
        for w, i in vid.items():
            f.write(w + "\t" + "\t".join(str(int(a)) for a in q[i]) + "\n")


if __name__ == "__main__":
    main()
