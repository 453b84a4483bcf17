#!/usr/bin/env bash
# Regenerates the expected outputs of the golden tests from the current build. Review the
# resulting diff (git diff tests/golden) like code before committing it.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${BIN:-build/src/zhpolicy}
root=$(pwd)
shared=${ZHPOLICY_SHARED_DIR:-$root/../shared}
run=tests/golden/run_golden.sh
exp=$root/tests/golden/expected
$run "$root/$bin" clean "$shared/seeds" "$exp/seeds_clean" --update
$run "$root/$bin" clean "$root/data/samples" "$exp/samples_clean" --update
if "$root/$bin" clauses --help >/dev/null 2>&1; then
  $run "$root/$bin" clauses "$shared/seeds" "$exp/seeds_clauses" --update
  $run "$root/$bin" clauses "$root/data/samples" "$exp/samples_clauses" --update
fi
git status --short tests/golden
