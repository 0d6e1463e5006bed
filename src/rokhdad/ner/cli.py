"""``rokhdad train-ner`` and ``rokhdad tag-ner`` (the evaluation interface), and the
``--ner-model``/``--ner-scheme`` options of the commands that run the pipeline."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

NerModelOpt = Annotated[
    str,
    typer.Option(
        "--ner-model",
        help="entities model: default (fast CRF), corpora (corpus-aware CRF), ensemble (most accurate, "
        "about 7x slower) or a model folder",
    ),
]
NerSchemeOpt = Annotated[
    str | None,
    typer.Option(
        "--ner-scheme",
        help="conventions of a corpus-aware model: peyma (its default; places are LOC), arman, "
        "parstwiner, general",
    ),
]


def ner_settings(ner_model: str = "default", ner_scheme: str | None = None) -> dict[str, Any]:
    """``Settings`` fields for the ``entities`` stage, checked by building that stage (the model
    loads once per process): a bad name, folder or scheme is a usage error naming the choices,
    raised before any input is read."""
    from rokhdad.config import Settings
    from rokhdad.ner import make_stage

    try:
        make_stage(Settings(ner_model=ner_model, ner_scheme=ner_scheme))
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--ner-model/--ner-scheme") from None
    return {"ner_model": ner_model, "ner_scheme": ner_scheme}


def tag_ner_command(
    path: Annotated[
        str, typer.Argument(help="one token a line, blank line between sentences; - for stdin")
    ] = "-",
    model: Annotated[
        Path | None, typer.Option("--model", help="model folder (default: the shipped one)")
    ] = None,
    scheme: Annotated[
        str | None,
        typer.Option(
            help="follow a corpus's labelling conventions: arman, peyma or parstwiner (tags with "
            "the shipped corpus-aware model unless --model is given; default: the default "
            "model, rokhdad's own conventions)"
        ),
    ] = None,
    ensemble: Annotated[
        bool,
        typer.Option(
            "--ensemble",
            help="tag with the shipped ensemble (model K + two BiLSTM-CRFs): 1-3 points more "
            "accurate in each corpus's conventions, about six times slower than --scheme alone",
        ),
    ] = False,
) -> None:
    """Print ``token<TAB>TAG`` (IOB2) for each input token, line for line."""
    from rokhdad.ner.corpus import read_tokens, write_tagged
    from rokhdad.ner.model import load_tagger, model_for

    try:
        tagger = load_tagger(str(model_for(model, scheme, ensemble)), scheme)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--scheme") from err
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8")
    with stream:
        sents = read_tokens(stream)
    write_tagged(sys.stdout, sents, tagger.tag_gold_tokens)


def train_ner_command(
    shared: Annotated[Path, typer.Option(help="the shared data folder")] = Path("../shared"),
    out: Annotated[Path | None, typer.Option(help="model folder to write (default: the shipped one)")] = None,
    arman_dev: Annotated[
        bool, typer.Option("--arman-dev", help="hold out the seeded Arman dev split")
    ] = False,
    clusters: Annotated[bool, typer.Option(help="word-cluster features")] = True,
    gazetteer: Annotated[bool, typer.Option(help="gazetteer features")] = True,
    vectors: Annotated[bool, typer.Option(help="SVD word-vector features (vectors.tsv)")] = False,
    vector_dims: Annotated[int, typer.Option(help="vector dimensions of the token")] = 24,
    vector_near_dims: Annotated[int, typer.Option(help="vector dimensions of each ±1 neighbour")] = 8,
    vector_mode: Annotated[
        str, typer.Option(help="real (values) or binary (v<d>+/v<d>- strings)")
    ] = "binary",
    resources: Annotated[
        Path | None,
        typer.Option(
            help="feature-file folder (default: the shipped one); "
            "other folders' files are copied into the model"
        ),
    ] = None,
    domain: Annotated[
        bool, typer.Option(help="corpus-aware: corpus-specific feature copies, picked by tag-ner --scheme")
    ] = True,
    harmonize: Annotated[
        bool, typer.Option(help="Arman countries ORG→LOC, nationalities ORG→NAT in every Arman sentence")
    ] = False,
    lexicon: Annotated[bool, typer.Option(help="jackknifed entity-lexicon features")] = True,
    domain_dropout: Annotated[
        float,
        typer.Option(help="with --domain: share of sentences trained without their corpus copy"),
    ] = 0.3,
    org_heads: Annotated[
        bool, typer.Option(help="ORG head/trigger words (org_heads.tsv) and their distance")
    ] = True,
    wide_clusters: Annotated[bool, typer.Option(help="256-clusters of the words at ±2")] = True,
    c1: Annotated[float, typer.Option(help="L1 penalty")] = 0.05,
    c2: Annotated[float, typer.Option(help="L2 penalty")] = 0.05,
    iterations: Annotated[int, typer.Option(help="L-BFGS iterations")] = 200,
    seed: Annotated[int, typer.Option(help="seed of the Arman dev split")] = 13,
    fraction: Annotated[
        float,
        typer.Option(help="train on this seeded share of each corpus (learning curves; 1 = all)"),
    ] = 1.0,
    evaluate: Annotated[bool, typer.Option(help="print dev scores after training")] = True,
) -> None:
    """Train the NER model on the train splits under SHARED/data/ner (seeded, one core)."""
    from rokhdad.ner.corpus import read_conll
    from rokhdad.ner.model import DEFAULT_MODEL, RESOURCES
    from rokhdad.ner.train import DEV_FILES, TrainConfig, arman_split
    from rokhdad.ner.train import evaluate as run_eval
    from rokhdad.ner.train import train as run_train

    cfg = TrainConfig(
        shared=shared,
        out=out or DEFAULT_MODEL,
        resources=resources or RESOURCES,
        arman_dev=arman_dev,
        clusters=clusters,
        gazetteer=gazetteer,
        vectors=vectors,
        vector_dims=vector_dims,
        vector_near_dims=vector_near_dims,
        vector_mode=vector_mode,
        domain=domain,
        harmonize=harmonize,
        domain_dropout=domain_dropout,
        lexicon=lexicon,
        org_heads=org_heads,
        wide_clusters=wide_clusters,
        c1=c1,
        c2=c2,
        iterations=iterations,
        seed=seed,
        fraction=fraction,
    )
    run_train(cfg, log=lambda m: typer.echo(m, err=True))
    if not evaluate:
        return
    devs = {k: read_conll(shared / p) for k, p in DEV_FILES.items()}
    if arman_dev:
        devs["arman"] = arman_split(cfg)[1]
    for name, sents in devs.items():
        schemes = [None, "parstwiner" if name == "twitter" else name] if domain else [None]
        for scheme in schemes:
            res = run_eval(cfg.out, sents, scheme)
            label = f"{name} dev" + (f" (scheme {scheme or 'default'})" if domain else "")
            typer.echo(f"{label}: " + "  ".join(f"{k} {v:.4f}" for k, v in res.items()))


def register(app: typer.Typer) -> None:
    app.command("tag-ner")(tag_ner_command)
    app.command("train-ner")(train_ner_command)
