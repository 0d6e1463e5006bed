#!/usr/bin/env bash
# Score an NER model on the three dev sets with the official scorer, through `rokhdad tag-ner`.
#   scripts/eval_ner.sh [MODEL_DIR] [SHARED] [SCHEME]   (defaults: the shipped model, ../shared)
# A corpus-aware model (train-ner --domain) is scored twice on each dev set: with its default
# scheme (what the pipeline uses: "default") and with the dev set's own corpus scheme
# ("corpus": arman / peyma / parstwiner). With SCHEME, only that scheme is scored. A model
# without corpus copies has one scheme and is scored once.
# The Arman dev split (seeded, 10% of train_fold1.txt) is written to a temporary folder, never
# into the repository. Its figure is only fair for a model trained with `train-ner --arman-dev`.
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL=${1:-src/rokhdad/resources/ner/model}
SHARED=${2:-../shared}
ONLY=${3:-}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
AWARE=$(.venv/bin/python - "$SHARED" "$TMP/arman_dev.txt" "$MODEL" <<'PY'
import json
import sys
from pathlib import Path
from rokhdad.ner.corpus import write_conll
from rokhdad.ner.train import TrainConfig, arman_split
write_conll(arman_split(TrainConfig(shared=Path(sys.argv[1])))[1], sys.argv[2])
meta = json.loads((Path(sys.argv[3]) / "meta.json").read_text(encoding="utf-8"))
print("yes" if meta.get("config", {}).get("domain") else "no")
PY
)
for pair in "arman:$TMP/arman_dev.txt" "peyma:$SHARED/data/ner/peyma/dev.txt" "parstwiner:$SHARED/data/ner/parstwiner/dev.txt"; do
  corpus=${pair%%:*}
  gold=${pair#*:}
  python3 "$SHARED/eval/score_ner.py" tokens "$gold" > "$TMP/toks"
  if [ -n "$ONLY" ]; then
    runs=("$ONLY")
  elif [ "$AWARE" = yes ]; then
    runs=(default "$corpus")
  else
    runs=(default)
  fi
  for scheme in "${runs[@]}"; do
    if [ "$scheme" = default ]; then
      echo "== $gold (scheme: model default)"
      .venv/bin/rokhdad tag-ner --model "$MODEL" "$TMP/toks" > "$TMP/pred"
    else
      echo "== $gold (scheme: $scheme)"
      .venv/bin/rokhdad tag-ner --model "$MODEL" --scheme "$scheme" "$TMP/toks" > "$TMP/pred"
    fi
    python3 "$SHARED/eval/score_ner.py" score "$gold" "$TMP/pred"
  done
done
