"""CRF features of a token sequence: word, affixes, shape, word clusters, word vectors, gazetteer matches.

Word-internal features are cached per word form (news text repeats its words), so a
sentence costs a few dictionary look-ups a token. Feature strings are what
python-crfsuite takes::

    >>> fx = Featurizer(clusters={}, gazetteer={})
    >>> "w=تهران" in fx(["در", "تهران"])[1]
    True

With word vectors a token's features are a ``{name: value}`` dict instead (string
features weigh 1.0, vector dimensions their real value)::

    >>> fx = Featurizer(clusters={}, gazetteer={}, vectors={"تهران": (0.5, -1.2)})
    >>> fx(["در", "تهران"])[1]["v1"]
    -1.2
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rokhdad.ner.keys import word_key
from rokhdad.resources import tsv_rows

# A gazetteer entry may span up to this many run-time tokens («جمهوری آذربایجان»).
MAX_GAZ_TOKENS = 5
# names of the vector features (dimension d of the token, of the previous and the next one)
_VNAMES = tuple(f"v{d}" for d in range(128))
_VPREV = tuple(f"-1v{d}" for d in range(128))
_VNEXT = tuple(f"+1v{d}" for d in range(128))


def load_clusters(path: Path) -> dict[str, tuple[str, ...]]:
    """``word_key -> (c64, c256, c1024)`` from ``clusters.tsv``."""
    return {parts[0]: tuple(parts[1:]) for parts in tsv_rows(path)}


def load_vectors(path: Path, dims: int) -> dict[str, tuple[float, ...]]:
    """``word_key -> first dims values`` from ``vectors.tsv`` (integers, tenths of a standard deviation).

    Built by ``scripts/build_ner_clusters.py``: the leading SVD dimensions of the same PPMI
    vectors the clusters come from, each scaled to unit deviation, clipped to ±3, in steps of 0.1.
    """
    return {parts[0]: tuple(int(v) / 10 for v in parts[1 : dims + 1]) for parts in tsv_rows(path)}


def binarize(
    vectors: Mapping[str, tuple[float, ...]], near_dims: int
) -> dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]:
    """Per word the string features of its clearly positive or negative vector dimensions.

    Guo et al. (2014) found binarized embeddings suit a linear CRF better than raw values:
    dimension ``d`` fires ``v<d>+`` when the value is at least the mean of the positive
    values of that dimension, ``v<d>-`` when at most the mean of the negative ones. Returns
    (own, as the previous token's neighbour sees it, as the next token's neighbour sees it).

    >>> binarize({"a": (2.0, 0.1), "b": (-1.0, -0.3), "c": (0.5, 0.3)}, 1)["a"]
    (('v0+',), ('-1v0+',), ('+1v0+',))
    """
    if not vectors:
        return {}
    dims = max(len(v) for v in vectors.values())
    pos = [0.0] * dims
    neg = [0.0] * dims
    for d in range(dims):
        col = [v[d] for v in vectors.values() if len(v) > d]
        p = [x for x in col if x > 0]
        m = [x for x in col if x < 0]
        pos[d] = sum(p) / len(p) if p else float("inf")
        neg[d] = sum(m) / len(m) if m else float("-inf")
    out = {}
    for w, v in vectors.items():
        own = tuple(
            f"v{d}{'+' if x >= pos[d] else '-'}" for d, x in enumerate(v) if x >= pos[d] or x <= neg[d]
        )
        near = [f for f in own if int(f[1:-1]) < near_dims]
        out[w] = (own, tuple("-1" + f for f in near), tuple("+1" + f for f in near))
    return out


def load_gazetteer(path: Path) -> dict[str, str]:
    """``key -> type`` from a ``name<TAB>type`` file; names are keyed with :func:`word_key`."""
    out: dict[str, str] = {}
    for name, kind, *_ in tsv_rows(path):
        key = word_key(name)
        if key:
            out.setdefault(key, kind)
    return out


def shape(tok: str) -> str:
    """A coarse character class of a token: ``fa``, ``lat``, ``num``, ``punct`` or ``mix``."""
    if tok.isdigit():
        return "num"
    if not any(ch.isalnum() for ch in tok):
        return "punct"
    if all("\u0600" <= ch <= "\u06ff" or ch in "\u200c\u200d" for ch in tok):
        return "fa"
    if tok.isascii():
        return "lat"
    return "mix"


class NameTable:
    """Names keyed by :func:`word_key` of their concatenated tokens, found by longest match.

    >>> table = NameTable({word_key("اسلام‌آباد"): "capital"})
    >>> table.spans([word_key(t) for t in ["از", "اسلام", "آباد"]])
    [None, 'B-capital', 'I-capital']
    """

    def __init__(self, names: Mapping[str, str]) -> None:
        self.names = dict(names)
        pre: set[str] = set()
        for key in self.names:
            for i in range(1, len(key)):
                pre.add(key[:i])
        self.prefixes = frozenset(pre)

    def __len__(self) -> int:
        return len(self.names)

    def spans(self, keys: list[str]) -> list[str | None]:
        """Per token, ``B-type``/``I-type`` of the longest name covering it (left to right)."""
        n = len(keys)
        marks: list[str | None] = [None] * n
        names, prefixes = self.names, self.prefixes
        i = 0
        while i < n:
            best = 0
            kind = ""
            acc = ""
            for j in range(i, min(n, i + MAX_GAZ_TOKENS)):
                acc += keys[j]
                if not acc:
                    break
                k = names.get(acc)
                if k is not None:
                    best, kind = j - i + 1, k
                if acc not in prefixes:
                    break
            if best:
                marks[i] = "B-" + kind
                for j in range(i + 1, i + best):
                    marks[j] = "I-" + kind
                i += best
            else:
                i += 1
        return marks


@dataclass
class Featurizer:
    """Turns a list of run-time tokens into crfsuite feature lists.

    ``gazetteer`` holds place and person names (``gz=`` features); ``lexicon`` holds entity
    names seen in the training corpora with their majority label (``lx=`` features; during
    training each sentence sees a lexicon built without its own fold, see
    :mod:`rokhdad.ner.train`). ``vectors`` holds dense word vectors: each dimension becomes a
    real-valued feature ``v<d>`` of the token, and the first ``near_dims`` of them ``-1v<d>`` /
    ``+1v<d>`` of its neighbours — an unseen name still resembles the names it shares
    contexts with. ``domain`` adds a corpus-specific copy of the features (Daumé's
    "frustratingly easy" adaptation): in training the corpus of the sentence, at tag time
    the chosen scheme.

    ``org_heads`` (``key -> "head"|"trigger"``, from ``org_heads.tsv``) marks words that open
    multi-word organisation names («سازمان», «وزارت», «دانشگاه») or stand right before one
    («گزارش», «وزیر»). Besides the word's own mark, a token learns how far back the nearest head
    (up to 4 tokens) or trigger (up to 3) is, with no punctuation between: a long name such as
    «سازمان میادین میوه و تره بار» keeps its I-ORG run beyond the ±2 word window, and a rare
    head («کارگروه») shares what the frequent ones taught. ``wide_clusters`` adds the 256-cluster
    of the words two positions away.
    """

    clusters: Mapping[str, tuple[str, ...]]
    gazetteer: Mapping[str, str]
    use_clusters: bool = True
    use_gazetteer: bool = True
    lexicon: Mapping[str, str] | None = None
    vectors: Mapping[str, tuple[float, ...]] = field(default_factory=dict)
    near_dims: int = 0
    vector_binary: bool = False
    org_heads: Mapping[str, str] = field(default_factory=dict)
    wide_clusters: bool = False
    _cache: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict, repr=False)
    _ctx: dict[tuple[str, str | None], tuple[tuple[str, ...], ...]] = field(default_factory=dict, repr=False)
    _gaz: NameTable = field(init=False, repr=False)
    _lex: NameTable | None = field(init=False, repr=False)
    _vbin: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._gaz = NameTable(self.gazetteer if self.use_gazetteer else {})
        self._lex = NameTable(self.lexicon) if self.lexicon else None
        self._vbin = binarize(self.vectors, self.near_dims) if self.vector_binary and self.vectors else {}

    def with_lexicon(self, lexicon: Mapping[str, str] | None) -> Featurizer:
        """The same featurizer (sharing its word cache) with another entity lexicon."""
        fx = Featurizer(
            self.clusters,
            {},
            self.use_clusters,
            self.use_gazetteer,
            lexicon,
            self.vectors,
            self.near_dims,
            False,
            self.org_heads,
            self.wide_clusters,
            self._cache,
            self._ctx,
        )
        fx._gaz = self._gaz
        fx.vector_binary, fx._vbin = self.vector_binary, self._vbin
        return fx

    def clear_cache(self) -> None:
        """Forget the per-word feature strings (a benchmark's cold start)."""
        self._cache.clear()
        self._ctx.clear()

    def word(self, tok: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
        """(key, own features, features a neighbour sees) of one word form, cached."""
        hit = self._cache.get(tok)
        if hit is not None:
            return hit
        key = word_key(tok)
        w = tok.lower()
        own = [f"w={w}", f"sh={shape(tok)}"]
        n = len(key)
        if n > 2:
            own += [f"p2={key[:2]}", f"p3={key[:3]}", f"s2={key[-2:]}", f"s3={key[-3:]}"]
            if n > 4:
                own += [f"p4={key[:4]}", f"s4={key[-4:]}"]
        else:
            own.append(f"len={n}")
        if key != w:
            own.append(f"k={key}")
        near = [f"w={w}"]
        cl = self.clusters.get(key) if self.use_clusters else None
        if cl is not None:
            own += [f"c64={cl[0]}", f"c256={cl[1]}", f"c1k={cl[2]}"]
            near += [f"c256={cl[1]}", f"c1k={cl[2]}"]
        elif self.use_clusters:
            own.append("c=none")
            near.append("c=none")
        head = self.org_heads.get(key)
        if head is not None:
            own.append("oh=" + head)
        if self.use_gazetteer:
            kind = self._gaz.names.get(key)
            if kind is not None:
                own.append(f"g1={kind}")
                near.append(f"g1={kind}")
        out = (key, tuple(own), tuple(near))
        if len(self._cache) < 200_000:
            self._cache[tok] = out
        return out

    def gazetteer_spans(self, keys: list[str]) -> list[str | None]:
        """Per token, ``B-type``/``I-type`` of the longest gazetteer name covering it."""
        return self._gaz.spans(keys)

    def __call__(self, tokens: list[str], domain: str | None = None) -> list[Any]:
        """Per token a list of feature strings, or a ``{name: value}`` dict when vectors are on."""
        feats = self.strings(tokens, domain)
        if not self.vectors:
            return feats
        if self.vector_binary:
            return self._add_binary(tokens, feats)
        vecs = [self.vectors.get(k) for k in (self.word(t)[0] for t in tokens)]
        nd = self.near_dims
        n = len(tokens)
        out: list[Any] = []
        for i, f in enumerate(feats):
            d: dict[str, float] = dict.fromkeys(f, 1.0)
            v = vecs[i]
            if v is not None:
                d.update(zip(_VNAMES, v, strict=False))  # zip stops at the vector's length
            else:
                d["v=none"] = 1.0
            if nd and i > 0 and vecs[i - 1] is not None:
                d.update(zip(_VPREV, vecs[i - 1][:nd], strict=False))
            if nd and i < n - 1 and vecs[i + 1] is not None:
                d.update(zip(_VNEXT, vecs[i + 1][:nd], strict=False))
            out.append(d)
        return out

    def _add_binary(self, tokens: list[str], feats: list[list[str]]) -> list[list[str]]:
        """Binarized vector features (strings ``v3+``/``v3-``, see :func:`binarize`) added in place."""
        vb = [self._vbin.get(self.word(t)[0]) for t in tokens]
        n = len(tokens)
        for i, f in enumerate(feats):
            if vb[i] is not None:
                f.extend(vb[i][0])
            else:
                f.append("v=none")
            if i > 0 and vb[i - 1] is not None:
                f.extend(vb[i - 1][1])
            if i < n - 1 and vb[i + 1] is not None:
                f.extend(vb[i + 1][2])
        return feats

    def _head_distances(self, keys: list[str], punct: list[bool]) -> list[list[str]] | None:
        """Per token ``ohd=k`` / ``otd=k``: the nearest ORG head (k ≤ 4) / trigger (k ≤ 3) to the left.

        Punctuation stops the look-back («سازمان ملل ، آمریکا»: «آمریکا» sees no head).
        """
        if not self.org_heads:
            return None
        heads = self.org_heads
        out: list[list[str]] = []
        last_head = last_trig = -99
        for i, key in enumerate(keys):
            f = []
            if i - last_head <= 4:
                f.append(f"ohd={i - last_head}")
            if i - last_trig <= 3:
                f.append(f"otd={i - last_trig}")
            out.append(f)
            if punct[i]:
                last_head = last_trig = -99
            kind = heads.get(key)
            if kind == "head":
                last_head = i
            elif kind == "trigger":
                last_trig = i
        return out

    def _context(self, tok: str, domain: str | None) -> tuple[tuple[str, ...], ...]:
        """What one word form contributes around itself, as strings built once and cached.

        (own features, as the next token's ``-1`` neighbour, as the previous token's ``+1``
        neighbour, ``-2``/``+2`` word, ``-2``/``+2`` 256-cluster); with a domain, each of them
        prefixed ``domain:`` (the own features without affixes and shape: those get no copy).
        """
        ck = (tok, domain)
        hit = self._ctx.get(ck)
        if hit is not None:
            return hit
        _, own, near = self.word(tok)
        far_c = (near[1],) if len(near) > 1 else ()  # c256=… when the word has a cluster
        parts = (
            own,
            tuple("-1" + x for x in near),
            tuple("+1" + x for x in near),
            ("-2" + near[0],),
            ("+2" + near[0],),
            tuple("-2" + x for x in far_c),
            tuple("+2" + x for x in far_c),
        )
        if domain is not None:
            dp = domain + ":"
            parts = (
                tuple(dp + x for x in own if not x.startswith(("p", "s"))),
                *(tuple(dp + x for x in part) for part in parts[1:]),
            )
        if len(self._ctx) < 400_000:
            self._ctx[ck] = parts
        return parts

    def strings(self, tokens: list[str], domain: str | None = None) -> list[list[str]]:
        """The string features of each token (no vectors).

        ``domain`` adds a copy of every feature but the affixes, the shape and the word bigrams,
        prefixed with the corpus name (``peyma:w=تهران``). The strings are assembled from
        per-word parts cached by :meth:`_context`: news repeats its words, so a token costs a
        few tuple concatenations rather than a few dozen string joins.
        """
        words = [self.word(t) for t in tokens]
        keys = [k for k, _, _ in words]
        gaz = self._gaz.spans(keys)
        lex = self._lex.spans(keys) if self._lex is not None else None
        n = len(tokens)
        heads = self._head_distances(keys, [own[1] == "sh=punct" for _, own, _ in words])
        ctx = [self._context(t, None) for t in tokens]
        dctx = [self._context(t, domain) for t in tokens] if domain is not None else None
        wide = self.wide_clusters
        out: list[list[str]] = []
        for i in range(n):
            own = words[i][1]
            f = list(ctx[i][0])
            dyn = ["b"]  # per-position features (not cached per word), copied below
            if heads is not None:
                dyn += heads[i]
            if i > 0:
                f += ctx[i - 1][1]
                f.append(f"bg-={words[i - 1][1][0][2:]}|{own[0][2:]}")
                if i > 1:
                    f += ctx[i - 2][3]
                    if wide:
                        f += ctx[i - 2][5]
                else:
                    dyn.append("-2BOS")
            else:
                dyn.append("BOS")
            if i < n - 1:
                f += ctx[i + 1][2]
                f.append(f"bg+={own[0][2:]}|{words[i + 1][1][0][2:]}")
                if i < n - 2:
                    f += ctx[i + 2][4]
                    if wide:
                        f += ctx[i + 2][6]
                else:
                    dyn.append("+2EOS")
            else:
                dyn.append("EOS")
            if gaz[i] is not None:
                dyn.append("gz=" + gaz[i])
            if i > 0 and gaz[i - 1] is not None:
                dyn.append("gz-1=" + gaz[i - 1])
            if i < n - 1 and gaz[i + 1] is not None:
                dyn.append("gz+1=" + gaz[i + 1])
            if lex is not None:
                if lex[i] is not None:
                    dyn.append("lx=" + lex[i])
                if i > 0 and lex[i - 1] is not None:
                    dyn.append("lx-1=" + lex[i - 1])
                if i < n - 1 and lex[i + 1] is not None:
                    dyn.append("lx+1=" + lex[i + 1])
            f += dyn
            if dctx is not None:
                d = dctx
                f += d[i][0]
                if i > 0:
                    f += d[i - 1][1]
                    if i > 1:
                        f += d[i - 2][3]
                        if wide:
                            f += d[i - 2][5]
                if i < n - 1:
                    f += d[i + 1][2]
                    if i < n - 2:
                        f += d[i + 2][4]
                        if wide:
                            f += d[i + 2][6]
                dp = domain + ":"
                f += [dp + x for x in dyn]
            out.append(f)
        return out
