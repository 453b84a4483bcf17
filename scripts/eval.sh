#!/usr/bin/env bash
# Precision, recall and F1 of `zhpolicy targets` against hand-made gold annotations, per
# document and per field, with every miss and false alarm listed: first the development set
# (tests/eval/gold: the seeds and data/samples), then the held-out set (tests/eval/heldout:
# documents written and annotated blind to the extractor).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${BIN:-build/src/zhpolicy}
[ -x "$bin" ] || BUILD_DIR=build scripts/build.sh >/dev/null
shared=${ZHPOLICY_SHARED_DIR:-../shared}
echo "== development set: ../shared/seeds and data/samples"
python3 tests/eval/eval_targets.py --bin "$bin" --gold tests/eval/gold \
  --inputs "$shared/seeds" data/samples "$@"
echo
echo "== held-out set: tests/eval/heldout"
python3 tests/eval/eval_targets.py --bin "$bin" --gold tests/eval/heldout/gold \
  --inputs tests/eval/heldout/docs "$@"
