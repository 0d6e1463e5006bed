#!/usr/bin/env bash
# Score an NER model on the three dev sets with the official scorer, through `rokhdad tag-ner`.
#   scripts/eval_ner.sh [MODEL_DIR] [SHARED]      (defaults: the shipped model, ../shared)
# The Arman dev split (seeded, 10% of train_fold1.txt) is written to a temporary folder, never
# into the repository. Its figure is only fair for a model trained with `train-ner --arman-dev`.
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL=${1:-src/rokhdad/resources/ner/model}
SHARED=${2:-../shared}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
.venv/bin/python - "$SHARED" "$TMP/arman_dev.txt" <<'PY'
import sys
from pathlib import Path
from rokhdad.ner.corpus import write_conll
from rokhdad.ner.train import TrainConfig, arman_split
write_conll(arman_split(TrainConfig(shared=Path(sys.argv[1])))[1], sys.argv[2])
PY
for gold in "$TMP/arman_dev.txt" "$SHARED/data/ner/peyma/dev.txt" "$SHARED/data/ner/parstwiner/dev.txt"; do
  echo "== $gold"
  python3 "$SHARED/eval/score_ner.py" tokens "$gold" > "$TMP/toks"
  .venv/bin/rokhdad tag-ner --model "$MODEL" "$TMP/toks" > "$TMP/pred"
  python3 "$SHARED/eval/score_ner.py" score "$gold" "$TMP/pred"
done
