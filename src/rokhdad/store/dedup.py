"""Near-duplicate grouping: wire copies and republished stories share one ``group_id``.

Each article gets a MinHash signature of the word 4-grams of its search key (so spelling
variants of one story look alike), and a datasketch :class:`~datasketch.MinHashLSH`
index finds earlier articles whose estimated Jaccard similarity reaches the threshold.
An article joins the group of the earliest such article, or starts its own group named
after itself. Signatures are stored with the article, so a later run (or a run resumed
after a crash) rebuilds the same index and makes the same decisions.

Memory: the index holds about 1 KB per stored article (64 hash values and the LSH
bands), i.e. about 1 GB for a million articles.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

NUM_PERM = 64
THRESHOLD = 0.7
SHINGLE = 4
MAX_WORDS = 2000
_SEED = 1
_MAX_HASH = np.uint64((1 << 32) - 1)
_rng = np.random.RandomState(_SEED)
# Multiply-shift hash functions, one per permutation: h(x) = ((a*x + b) mod 2**64) >> 32.
_PERM_A = _rng.randint(1, 1 << 62, size=NUM_PERM, dtype=np.int64).astype(np.uint64) | np.uint64(1)
_PERM_B = _rng.randint(0, 1 << 62, size=NUM_PERM, dtype=np.int64).astype(np.uint64)
_MIX = tuple(
    np.uint64(m) for m in (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5)
)
# Long texts are sampled: only shingles whose hash is 0 modulo _SAMPLE count (the same ones
# in every copy, so the Jaccard estimate stays unbiased); short texts keep all shingles.
_SAMPLE = np.uint64(4)
_SAMPLE_FROM = 200


def signature(key: str) -> np.ndarray:
    """MinHash values (``NUM_PERM`` uint64) of the word 4-grams of a search key.

    Same text, same signature, in any process (CRC-32 word hashes, fixed hash functions)::

        >>> k = "وزیر امور خارجه ایران با همتای عراقی خود دیدار کرد"
        >>> bool((signature(k) == signature(k)).all())
        True
    """
    words = key.encode("utf-8").split()[:MAX_WORDS]
    if not words:
        return np.full(NUM_PERM, _MAX_HASH, dtype=np.uint64)
    wh = np.array([zlib.crc32(w) for w in words], dtype=np.uint64)
    n = max(1, len(words) - SHINGLE + 1)
    k = min(SHINGLE, len(words))
    with np.errstate(over="ignore"):
        sh = np.zeros(n, dtype=np.uint64)
        for j in range(k):
            sh = sh * _MIX[j] + wh[j : j + n]  # wraps modulo 2**64: a cheap polynomial hash
        sh ^= sh >> np.uint64(31)
        if len(sh) > _SAMPLE_FROM:  # (repeated shingles do not change a minimum: no need to dedupe)
            kept = sh[(sh >> np.uint64(7)) % _SAMPLE == 0]
            sh = kept if len(kept) else sh
        phv = (np.outer(sh, _PERM_A) + _PERM_B) >> np.uint64(32)
    return phv.min(axis=0)


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u8").astype(np.uint64)


class Deduper:
    """Assigns group ids in ingest order; rebuilt from stored signatures with :meth:`load`."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.sigs: dict[str, np.ndarray] = {}
        self.groups: dict[str, str] = {}
        self.order: dict[str, int] = {}

    def _add(self, article_id: str, group_id: str, sig: np.ndarray) -> None:
        self.lsh.insert(article_id, LeanMinHash(seed=_SEED, hashvalues=sig, scheme="legacy"))
        self.sigs[article_id] = sig
        self.groups[article_id] = group_id
        self.order[article_id] = len(self.order)

    def load(self, stored: Iterable[tuple[str, str | None, bytes | None]]) -> None:
        """Index the signatures of stored articles (``Store.minhashes()``), in ingest order."""
        for aid, gid, blob in stored:
            if blob is not None and aid not in self.sigs:
                self._add(aid, gid or aid, from_bytes(blob))

    def assign(self, article_id: str, key: str) -> tuple[str, bytes]:
        """The group of an article (by its search key) and its signature to store.

        An article seen before (a changed version) first leaves the index.
        """
        if article_id in self.sigs:
            self.lsh.remove(article_id)
            del self.sigs[article_id]
            self.order.pop(article_id, None)
        sig = signature(key)
        best: tuple[int, str] | None = None
        if key:
            for cand in self.lsh.query(LeanMinHash(seed=_SEED, hashvalues=sig, scheme="legacy")):
                similarity = float(np.mean(self.sigs[cand] == sig))
                if similarity >= self.threshold:
                    rank = self.order[cand]
                    if best is None or rank < best[0]:
                        best = (rank, cand)
        group = self.groups[best[1]] if best else article_id
        self._add(article_id, group, sig)
        return group, to_bytes(sig)
