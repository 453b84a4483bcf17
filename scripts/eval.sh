#!/usr/bin/env bash
# Precision, recall and F1 of `zhpolicy targets` against tests/eval/gold (seeds + samples),
# per document and per field, with every miss and false alarm listed.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${BIN:-build/src/zhpolicy}
[ -x "$bin" ] || BUILD_DIR=build scripts/build.sh >/dev/null
shared=${ZHPOLICY_SHARED_DIR:-../shared}
exec python3 tests/eval/eval_targets.py --bin "$bin" --gold tests/eval/gold \
  --inputs "$shared/seeds" data/samples "$@"
