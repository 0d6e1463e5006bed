"""Training the NER CRF from the gold corpora under ``../shared/data/ner`` (train splits only).

``train(TrainConfig(...))`` reads Arman ``train_fold1.txt`` (optionally minus a seeded dev
split), PEYMA ``train.txt`` and ParsTwiNER ``train.txt``, aligns each sentence to run-time
tokens (:func:`rokhdad.ner.corpus.align`), and fits a CRF with L-BFGS. Everything is
seeded and single-threaded, so the same data and normalizer give the same model.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import pycrfsuite

from rokhdad.ner.corpus import Sentence, align, read_conll, split_dev
from rokhdad.ner.model import DEFAULT_SCHEME, RESOURCES, make_featurizer, resource_fingerprints

CORPUS_FILES = {
    "arman": "data/ner/arman/train_fold1.txt",
    "peyma": "data/ner/peyma/train.txt",
    "twitter": "data/ner/parstwiner/train.txt",
}
DEV_FILES = {
    "peyma": "data/ner/peyma/dev.txt",
    "twitter": "data/ner/parstwiner/dev.txt",
}


@dataclass
class TrainConfig:
    shared: Path = Path("../shared")
    out: Path = RESOURCES / "model"
    resources: Path = RESOURCES  # feature files; copied into ``out`` when not the shipped folder
    corpora: tuple[str, ...] = ("arman", "peyma", "twitter")
    arman_dev: bool = False  # hold out the seeded Arman dev split (for the Arman dev figure)
    dev_fraction: float = 0.1
    seed: int = 13
    clusters: bool = True
    gazetteer: bool = True
    vectors: bool = False  # SVD word-vector features (vectors.tsv), see docs/models/ner.md
    vector_dims: int = 24  # dimensions for the token itself
    vector_near_dims: int = 8  # of those, how many the ±1 neighbours contribute
    vector_mode: str = "binary"  # "binary": v<d>+/v<d>- strings (Guo et al. 2014); "real": the values
    domain: bool = True  # corpus-specific feature copies (Daumé 2007), chosen at tag time by a scheme
    harmonize: bool = False  # Arman countries ORG -> LOC, nationalities ORG -> NAT (for every Arman sentence)
    # with ``domain``: this share of the sentences (seeded) is trained without its corpus copy,
    # so the general features alone make a tagger (the ``general`` scheme); Arman sentences
    # among them are harmonized even with ``harmonize`` off ("places are LOC" is the general rule)
    domain_dropout: float = 0.3
    lexicon: bool = True  # entity names of the training corpora as features (5-fold jackknifed)
    org_heads: bool = True  # ORG head / trigger words (org_heads.tsv) and their distance
    wide_clusters: bool = True  # 256-clusters of the words at ±2
    lexicon_folds: int = 5
    c1: float = 0.05
    c2: float = 0.05
    iterations: int = 200
    min_freq: int = 1
    fraction: float = 1.0  # share of each corpus's training sentences kept, seeded (learning curves)


def arman_split(cfg: TrainConfig) -> tuple[list[Sentence], list[Sentence]]:
    """(train, dev) of Arman ``train_fold1.txt``: the seeded split ``--arman-dev`` holds out."""
    sents = read_conll(cfg.shared / CORPUS_FILES["arman"])
    return split_dev(sents, cfg.dev_fraction, cfg.seed)


_PLACE_TYPES = {"country", "capital", "province", "city", "city_world"}


def _nationality_stem(key: str) -> str:
    """«اسرائیلیها» → «اسرائیل»: the place a nationality word derives from (or ``""``)."""
    for plural in ("ها", "ان"):
        if key.endswith("ی" + plural):
            key = key[: -len(plural)]
            break
    return key[:-1] if key.endswith("ی") and len(key) > 3 else ""


def harmonize(sent: Sentence, gazetteer: dict[str, str]) -> Sentence:
    """Arman's labelling brought onto the shared convention (used for Arman only).

    Arman tags a country that acts politically as ORG («ایران» in «ایران اعلام کرد») and
    nationalities as ORG («ایرانی»); PEYMA and ParsTwiNER tag places LOC whatever they do,
    and ParsTwiNER has NAT for nationalities. So an Arman ORG whose whole text is a place
    in the gazetteer becomes LOC, and a one-word ORG derived from a place name becomes NAT.
    """
    from rokhdad.ner.keys import word_key
    from rokhdad.ner.model import bio_spans

    tags = [t for _, t in sent]
    for first, last, label in bio_spans(tags):
        if label != "ORG":
            continue
        key = word_key("".join(tok for tok, _ in sent[first:last]))
        new = None
        if gazetteer.get(key) in _PLACE_TYPES:
            new = "LOC"
        elif last - first == 1 and gazetteer.get(_nationality_stem(key)) in _PLACE_TYPES:
            new = "NAT"
        if new:
            tags[first] = "B-" + new
            for i in range(first + 1, last):
                tags[i] = "I-" + new
    return [(tok, tag) for (tok, _), tag in zip(sent, tags, strict=True)]


def training_sentences(cfg: TrainConfig) -> dict[str, list[Sentence]]:
    out: dict[str, list[Sentence]] = {}
    for name in cfg.corpora:
        if name == "arman":
            train, _ = arman_split(cfg)
            sents = train if cfg.arman_dev else read_conll(cfg.shared / CORPUS_FILES[name])
            if cfg.harmonize:
                gaz = make_featurizer({"clusters": False}, cfg.resources).gazetteer
                sents = [harmonize(s, dict(gaz)) for s in sents]
            out[name] = sents
        else:
            out[name] = read_conll(cfg.shared / CORPUS_FILES[name])
    if cfg.fraction != 1.0:
        out = {name: subsample(sents, cfg.fraction, cfg.seed + 2) for name, sents in out.items()}
    return out


def subsample(sents: list[Sentence], fraction: float, seed: int) -> list[Sentence]:
    """A seeded ``fraction`` of ``sents`` (at least one), in their original order.

    >>> subsample([[("تهران", "B-LOC")], [("و", "O")], [("مهر", "B-ORG")], [("گفت", "O")]], 0.5, 1)
    [[('و', 'O')], [('مهر', 'B-ORG')]]
    """
    if not 0 < fraction <= 1:
        raise ValueError(f"fraction must be in (0, 1], not {fraction!r}")
    keep = max(1, round(len(sents) * fraction))
    chosen = sorted(random.Random(seed).sample(range(len(sents)), keep))
    return [sents[i] for i in chosen]


def normalizer_fingerprint() -> str:
    """A short hash of the normalizer source the model was trained with."""
    import rokhdad.normalize as norm

    h = hashlib.sha256()
    for path in sorted(Path(norm.__file__).parent.glob("*.py")):
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


def build_lexicon(sents: Iterable[Sentence]) -> dict[str, str]:
    """Entity names of gold sentences → their most frequent label (keys: :func:`word_key`).

    >>> build_lexicon([[("خبرگزاری", "B-ORG"), ("مهر", "I-ORG"), ("گفت", "O")]])
    {'خبرگزاریمهر': 'ORG'}
    """
    from rokhdad.ner.keys import word_key
    from rokhdad.ner.model import bio_spans

    votes: dict[str, Counter[str]] = {}
    for sent in sents:
        for first, last, label in bio_spans([t for _, t in sent]):
            key = word_key("".join(tok for tok, _ in sent[first:last]))
            if len(key) > 1:
                votes.setdefault(key, Counter())[label] += 1
    return {k: c.most_common(1)[0][0] for k, c in sorted(votes.items())}


def write_lexicon(lexicon: dict[str, str], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.write("# key\tlabel: entity names of the training corpora (rokhdad train-ner)\n")
        for k, v in lexicon.items():
            f.write(f"{k}\t{v}\n")


def train(cfg: TrainConfig, log: Callable[[str], None] = print) -> Path:
    """Fit and write ``model.crfsuite`` + ``meta.json`` under ``cfg.out``; returns the folder."""
    t0 = time.time()
    normalizer = normalizer_fingerprint()  # taken before featurizing: the state the data saw
    if cfg.vector_mode not in ("real", "binary"):
        raise ValueError(f"vector_mode must be 'real' or 'binary', not {cfg.vector_mode!r}")
    meta: dict[str, object] = {
        "clusters": cfg.clusters,
        "gazetteer": cfg.gazetteer,
        "lexicon": cfg.lexicon,
        "vectors": cfg.vectors,
        "vector_dims": cfg.vector_dims,
        "vector_near_dims": cfg.vector_near_dims,
        "vector_mode": cfg.vector_mode,
        "org_heads": cfg.org_heads,
        "wide_clusters": cfg.wide_clusters,
    }
    fx = make_featurizer(meta, cfg.resources)
    trainer = pycrfsuite.Trainer(verbose=False)
    n_tok = 0
    counts = {}
    data = training_sentences(cfg)
    everything = [s for sents in data.values() for s in sents]
    folds = [i % cfg.lexicon_folds for i in range(len(everything))]
    random.Random(cfg.seed).shuffle(folds)
    fold_fx = [fx] * cfg.lexicon_folds
    if cfg.lexicon:
        fold_fx = [
            fx.with_lexicon(build_lexicon(s for s, f in zip(everything, folds, strict=True) if f != k))
            for k in range(cfg.lexicon_folds)
        ]
    drop = random.Random(cfg.seed + 1)
    gaz = dict(fx.gazetteer) if cfg.domain and cfg.domain_dropout and not cfg.harmonize else None
    n = 0
    for name, sents in data.items():
        counts[name] = len(sents)
        for sent in sents:
            sfx = fold_fx[folds[n]]
            n += 1
            domain = name if cfg.domain else None
            if domain and cfg.domain_dropout and drop.random() < cfg.domain_dropout:
                domain = None
                if name == "arman" and gaz is not None:
                    sent = harmonize(sent, gaz)
            toks, tags = align(sent)
            if not toks:
                continue
            trainer.append(sfx(toks, domain=domain), tags)
            n_tok += len(toks)
    log(f"{sum(counts.values())} sentences ({counts}), {n_tok} tokens featurized in {time.time() - t0:.0f}s")
    trainer.set_params(
        {
            "c1": cfg.c1,
            "c2": cfg.c2,
            "max_iterations": cfg.iterations,
            "feature.possible_transitions": True,
            "feature.minfreq": cfg.min_freq,
        }
    )
    cfg.out.mkdir(parents=True, exist_ok=True)
    if cfg.lexicon:
        write_lexicon(build_lexicon(everything), cfg.out / "lexicon.tsv")
    trainer.train(str(cfg.out / "model.crfsuite"))
    info = trainer.logparser.last_iteration or {}
    cfg_d = {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(cfg).items()}
    cfg_d.pop("shared")
    cfg_d.pop("out")
    cfg_d.pop("resources")
    fingerprints = resource_fingerprints(cfg.resources)
    if not cfg.vectors:
        fingerprints.pop("vectors.tsv", None)
    if not cfg.org_heads:
        fingerprints.pop("org_heads.tsv", None)
    if cfg.resources.resolve() != RESOURCES.resolve():  # the model carries the feature files it saw
        for name in fingerprints:
            shutil.copyfile(cfg.resources / name, cfg.out / name)
    meta.update(
        {
            "config": cfg_d,
            "sentences": counts,
            "tokens": n_tok,
            "normalizer": normalizer,
            "train_seconds": round(time.time() - t0),
            "final_loss": info.get("loss"),
            "gazetteer_files": ["gazetteer.tsv", "places_extra.tsv"],
            "resources": fingerprints,
        }
    )
    if cfg.domain:  # the scheme the pipeline tags with (tag-ner --scheme picks another)
        meta["default_scheme"] = DEFAULT_SCHEME
    (cfg.out / "meta.json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    log(f"model written to {cfg.out} in {time.time() - t0:.0f}s")
    return cfg.out


def span_f1(
    gold: list[list[str]], pred: list[list[str]], labels: tuple[str, ...] = ("PER", "ORG", "LOC")
) -> dict:
    """Exact-span micro P/R/F1 over ``labels`` (other types count as O), plus each label's F1."""
    from rokhdad.ner.model import bio_spans

    def keep(tags: list[str]) -> set[tuple[int, int, str]]:
        return {s for s in bio_spans(tags) if s[2] in labels}

    stats = {k: [0, 0, 0] for k in ("ALL", *labels)}
    for g, p in zip(gold, pred, strict=True):
        gs, ps = keep(g), keep(p)
        for k in stats:
            gk = gs if k == "ALL" else {s for s in gs if s[2] == k}
            pk = ps if k == "ALL" else {s for s in ps if s[2] == k}
            stats[k][0] += len(gk & pk)
            stats[k][1] += len(pk - gk)
            stats[k][2] += len(gk - pk)

    def f(tp: int, fp: int, fn: int) -> float:
        return round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0

    return {k: f(*v) for k, v in stats.items()}


def evaluate(model_dir: Path, sents: list[Sentence], scheme: str | None = None) -> dict:
    """Score a model on gold sentences through the ``tag-ner`` path (:meth:`Tagger.tag_gold_tokens`)."""
    from rokhdad.ner.model import Tagger

    tagger = Tagger(model_dir, scheme=scheme)
    gold = [[t for _, t in s] for s in sents]
    pred = [tagger.tag_gold_tokens([w for w, _ in s]) for s in sents]
    return span_f1(gold, pred)
