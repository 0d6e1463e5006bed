"""The shipped NER tagger: a linear-chain CRF (python-crfsuite) over :mod:`rokhdad.ner.features`.

A model is a folder holding ``model.crfsuite`` and ``meta.json``; the word clusters, word
vectors and gazetteer it was trained with are read from ``resources/ner`` (``meta.json`` names
them), or from the model folder itself when it carries its own ``clusters.tsv`` (a model trained
with other feature files, e.g. ``train-ner --resources DIR``, before they are shipped).

    >>> tagger = default_tagger()                      # loads once per process
    >>> tagger.tag(["علی", "لاریجانی", "به", "تهران", "رفت"])[:2]
    ['B-PER', 'I-PER']

A *corpus-aware* model (``train-ner --domain``, Daumé III 2007) learned every feature twice:
a general copy and one conjoined with the corpus of the training sentence. At tag time a
*scheme* (``arman``, ``peyma`` or ``parstwiner``) switches on the general copy plus that
corpus's copy, so the tagger follows that corpus's labelling conventions: under ``arman``
«ایران» in «ایران اعلام کرد» may come out ORG, under ``peyma`` it is LOC. Such a model ships as
``CORPUS_MODEL`` (used by ``rokhdad tag-ner --scheme``); the pipeline uses ``DEFAULT_MODEL``, a
single-convention model (places are LOC whatever they do) that tags twice as fast.

A folder whose ``meta.json`` says ``"kind": "neural"`` holds a neural model instead
(:mod:`rokhdad.ner.neural`, NumPy only): ``Tagger(folder)`` then returns a
:class:`rokhdad.ner.neural.NeuralTagger` with the same interface, so ``tag-ner --model`` and
``scripts/eval_ner.sh`` take either kind.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycrfsuite

from rokhdad.ner.features import Featurizer, load_clusters, load_gazetteer, load_vectors
from rokhdad.normalize import normalize
from rokhdad.tokens import tokenize

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "ner"
DEFAULT_MODEL = RESOURCES / "model"
CORPUS_MODEL = RESOURCES / "model_corpora"
"""The corpus-aware model (model K in docs/models/ner.md): what ``tag-ner --scheme`` tags with.
The pipeline keeps ``DEFAULT_MODEL``, as good under our own conventions and twice as fast."""
ENSEMBLE_MODEL = RESOURCES / "model_ensemble"
"""Model K and two BiLSTM-CRFs mixed (:mod:`rokhdad.ner.ensemble`): ``tag-ner --ensemble``,
the most accurate in each corpus's conventions and about six times slower than K."""
# the feature files a model may depend on (fingerprinted in ``meta.json``)
RESOURCE_FILES = ("clusters.tsv", "vectors.tsv", "gazetteer.tsv", "places_extra.tsv", "org_heads.tsv")
# tag-time scheme names -> the corpus names the training conjoined features with
# (``general``: the shared features alone, for a model trained with ``domain_dropout``)
SCHEMES: dict[str, str | None] = {
    "arman": "arman",
    "peyma": "peyma",
    "parstwiner": "twitter",
    "twitter": "twitter",
    "general": None,
}
DEFAULT_SCHEME = "peyma"  # countries are LOC whatever they do (the pipeline's convention)


@dataclass(frozen=True, slots=True)
class Entity:
    """A tagged span of a token sequence: tokens ``[first, last)`` and character ``[start, end)``."""

    first: int
    last: int
    label: str
    score: float


def resource_fingerprints(resources: Path = RESOURCES) -> dict[str, str]:
    """Short hashes of the feature files a model depends on (recorded in ``meta.json``)."""
    out = {}
    for name in RESOURCE_FILES:
        path = resources / name
        if path.exists():
            out[name] = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    return out


class ModelMismatch(RuntimeError):
    """The feature files differ from those the model was trained with (retrain it)."""


def make_featurizer(
    meta: dict[str, Any], resources: Path = RESOURCES, model_dir: Path | None = None
) -> Featurizer:
    """The featurizer a model's ``meta.json`` asks for (its entity lexicon read from ``model_dir``)."""
    use_clusters = bool(meta.get("clusters", True))
    use_gazetteer = bool(meta.get("gazetteer", True))
    clusters = load_clusters(resources / "clusters.tsv") if use_clusters else {}
    use_vectors = bool(meta.get("vectors", False))
    vectors = load_vectors(resources / "vectors.tsv", int(meta.get("vector_dims", 24))) if use_vectors else {}
    gazetteer: dict[str, str] = {}
    if use_gazetteer:
        for name in meta.get("gazetteer_files", ["gazetteer.tsv", "places_extra.tsv"]):
            path = resources / name
            if path.exists():
                for k, v in load_gazetteer(path).items():
                    gazetteer.setdefault(k, v)
    lexicon = None
    if meta.get("lexicon") and model_dir is not None and (model_dir / "lexicon.tsv").exists():
        lexicon = load_gazetteer(model_dir / "lexicon.tsv")
    org_heads = load_gazetteer(resources / "org_heads.tsv") if meta.get("org_heads") else {}
    return Featurizer(
        clusters,
        gazetteer,
        use_clusters=use_clusters,
        use_gazetteer=use_gazetteer,
        lexicon=lexicon,
        vectors=vectors,
        near_dims=int(meta.get("vector_near_dims", 0)),
        vector_binary=meta.get("vector_mode", "real") == "binary",
        org_heads=org_heads,
        wide_clusters=bool(meta.get("wide_clusters", False)),
    )


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Entity spans ``(first, last, label)`` of an IOB2 sequence (a stray ``I-`` starts one).

    >>> bio_spans(["B-PER", "I-PER", "O", "I-LOC"])
    [(0, 2, 'PER'), (3, 4, 'LOC')]
    """
    out: list[tuple[int, int, str]] = []
    start: int | None = None
    kind = ""
    for i, t in enumerate([*tags, "O"]):
        b, _, k = t.partition("-")
        if start is not None and not (b == "I" and k == kind):
            out.append((start, i, kind))
            start = None
        if b == "B" or (b == "I" and start is None):
            start, kind = i, k
    return out


class Tagger:
    """A loaded CRF model with its featurizer.

    ``scheme`` picks the corpus conventions of a corpus-aware model (see the module
    docstring); ``None`` is the model's default. A model trained without corpus copies has
    one scheme only and ignores the argument.
    """

    def __new__(
        cls, model_dir: Path = DEFAULT_MODEL, resources: Path = RESOURCES, scheme: str | None = None
    ) -> Tagger:
        # a neural model folder (meta.json "kind": "neural") gets the NumPy tagger, an ensemble
        # folder ("kind": "ensemble") the mix of its members; same interface
        if cls is Tagger:  # a subclass knows its kind
            meta_path = Path(model_dir) / "meta.json"
            kind = (
                json.loads(meta_path.read_text(encoding="utf-8")).get("kind") if meta_path.exists() else None
            )
            if kind == "neural":
                from rokhdad.ner.neural import NeuralTagger

                return super().__new__(NeuralTagger)
            if kind == "ensemble":
                from rokhdad.ner.ensemble import EnsembleTagger

                return super().__new__(EnsembleTagger)
        return super().__new__(cls)

    def __init__(
        self, model_dir: Path = DEFAULT_MODEL, resources: Path = RESOURCES, scheme: str | None = None
    ) -> None:
        self.model_dir = Path(model_dir)
        meta_path = self.model_dir / "meta.json"
        self.meta: dict[str, Any] = (
            json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        )
        self.domain: str | None = None  # the corpus whose feature copies are switched on
        if self.meta.get("config", {}).get("domain"):
            name = scheme or self.meta.get("default_scheme", DEFAULT_SCHEME)
            if name not in SCHEMES:
                raise ValueError(f"unknown NER scheme {name!r}; one of {', '.join(sorted(SCHEMES))}")
            self.domain = SCHEMES[name]
        if (self.model_dir / "clusters.tsv").exists():  # a model that carries its own feature files
            resources = self.model_dir
        want = self.meta.get("resources", {})
        have = resource_fingerprints(resources)
        stale = [k for k, v in want.items() if have.get(k) != v]
        if stale:
            raise ModelMismatch(
                f"{self.model_dir}: {', '.join(stale)} changed since training; run rokhdad train-ner"
            )
        self.featurizer = make_featurizer(self.meta, resources, self.model_dir)
        self._open()

    def _open(self) -> None:
        """Load the model proper: the CRF here (a neural folder's tagger loads its network)."""
        self._crf = pycrfsuite.Tagger()
        self._crf.open(str(self.model_dir / "model.crfsuite"))

    def tag(self, tokens: list[str]) -> list[str]:
        """IOB2 tags of run-time tokens (already normalized)."""
        if not tokens:
            return []
        return list(self._crf.tag(self.featurizer(tokens, self.domain)))

    def entities(self, tokens: list[str]) -> list[Entity]:
        """Entity spans of the tokens with a confidence: the lowest token marginal in the span."""
        if not tokens:
            return []
        self._crf.set(self.featurizer(tokens, self.domain))
        tags = self._crf.tag()
        out = []
        for first, last, label in bio_spans(list(tags)):
            score = min(self._crf.marginal(tags[i], i) for i in range(first, last))
            out.append(Entity(first, last, label, round(float(score), 4)))
        return out

    def tag_gold_tokens(self, tokens: list[str]) -> list[str]:
        """IOB2 tags for externally tokenized text, one per given token (``rokhdad tag-ner``).

        The tokens are joined with spaces, normalized and re-tokenized exactly as run-time
        text is; each given token then takes the tag of its first run-time token, and a
        given token that the normalizer joined to the one before continues its entity.
        """
        from rokhdad.ner.corpus import join_tokens

        text, spans = join_tokens(tokens)
        nt = normalize(text)
        toks = tokenize(nt.text)
        tags = self.tag([t.text for t in toks])
        out = ["O"] * len(tokens)
        seen = [False] * len(tokens)
        gi = 0
        for tok, tag in zip(toks, tags, strict=True):
            s, e = nt.to_original(tok.start, tok.end)
            while gi < len(spans) - 1 and spans[gi][1] <= s:
                gi += 1
            # the gold token where it starts takes its tag; gold tokens it swallowed (the
            # normalizer joined «اسلام» «آباد» into «اسلام‌آباد») continue the entity
            j = gi
            while j < len(spans) and spans[j][0] < e:
                if not seen[j]:
                    out[j] = tag if j == gi or tag == "O" else "I-" + tag[2:]
                    seen[j] = True
                j += 1
        # repair: an I- that does not continue the previous token's type becomes B-
        prev = "O"
        for i, t in enumerate(out):
            if t.startswith("I-") and prev[2:] != t[2:]:
                out[i] = "B-" + t[2:]
            prev = out[i]
        return out


@lru_cache(maxsize=4)
def load_tagger(model_dir: str = str(DEFAULT_MODEL), scheme: str | None = None) -> Tagger:
    """A tagger loaded once per process, model folder and scheme."""
    return Tagger(Path(model_dir), scheme=scheme)


def model_for(model_dir: Path | str | None, scheme: str | None, ensemble: bool = False) -> Path:
    """The model folder to tag with: ``model_dir`` when given, else the ensemble when asked for,
    else the corpus-aware model when a ``scheme`` asks for a corpus's conventions, else the
    default model."""
    if model_dir is not None:
        return Path(model_dir)
    if ensemble:
        return ENSEMBLE_MODEL
    return CORPUS_MODEL if scheme else DEFAULT_MODEL


NAMED_MODELS: dict[str, Path] = {
    "default": DEFAULT_MODEL,
    "corpora": CORPUS_MODEL,
    "ensemble": ENSEMBLE_MODEL,
}
"""The shipped models by the names ``Settings.ner_model`` and ``--ner-model`` take."""


def named_model(name: str) -> Path:
    """A shipped model's folder by name (``NAMED_MODELS``), or ``name`` as a model folder.

    Raises ``ValueError`` naming the choices when it is neither."""
    if name in NAMED_MODELS:
        return NAMED_MODELS[name]
    path = Path(name)
    if not (path / "meta.json").is_file():
        raise ValueError(
            f"unknown NER model {name!r}: not one of {', '.join(NAMED_MODELS)} and not a model folder "
            "(a folder with meta.json)"
        )
    return path


def default_tagger() -> Tagger:
    return load_tagger(str(DEFAULT_MODEL))
