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
for suite in clean clauses targets; do
  $run "$root/$bin" $suite "$shared/seeds" "$exp/seeds_$suite" --update
  $run "$root/$bin" $suite "$root/data/samples" "$exp/samples_$suite" --update
done
git status --short tests/golden
