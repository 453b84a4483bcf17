#!/usr/bin/env bash
# Prints the conformance table: per spec file of ../shared/conformance/recognizers-zh, the
# cases, the cases in scope, the passes, the rate, the documented deviation classes and the
# out-of-scope reasons (tests/data/conformance_deviations.tsv, the tests' header comments).
# Usage: scripts/conformance.sh [-v]   (-v: also every deviation, case by case)
# Builds nothing: run scripts/build.sh first; BUILD_DIR selects the build (default: build).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${BUILD_DIR:-build}/tests/zhpolicy_unit_tests
if [[ ! -x $bin ]]; then
  echo "conformance: $bin not found; build first (scripts/build.sh)" >&2
  exit 2
fi
out=$("$bin" '[conformance]' 2>&1) && status=0 || status=$?
if [[ ${1:-} == -v ]]; then
  printf '%s\n' "$out" | grep -v '^| '
fi
echo "| file | cases | in scope | passed | rate | deviations (in scope) | out of scope |"
echo "|---|---:|---:|---:|---:|---|---|"
printf '%s\n' "$out" | grep '^| ' || true
if [[ $status -ne 0 ]]; then
  printf '%s\n' "$out" | grep -E 'FAILED|SKIPPED|UNDOCUMENTED|STALE' >&2 || true
  echo "conformance: the tests failed (status $status)" >&2
fi
exit "$status"
