#!/usr/bin/env bash
# Golden end-to-end tests: run the real binary on files and compare whole outputs.
#   run_golden.sh BINARY SUITE INPUT_DIR EXPECTED_DIR [--update]
# For every input file F in INPUT_DIR and every view V of SUITE, the output of the binary
# (run inside INPUT_DIR, so the doc column holds the bare file name) must equal
# EXPECTED_DIR/<F without extension>.<V>. A difference prints a unified diff and fails.
# Exit 77 (ctest: skipped) when INPUT_DIR does not exist, saying so.
set -uo pipefail
bin=$1 suite=$2 input_dir=$3 expected_dir=$4 update=${5:-}

if [ ! -d "$input_dir" ]; then
  echo "SKIPPED: input directory $input_dir is missing (the seeds live in ../shared/seeds next to the repository)"
  exit 77
fi

case "$suite" in
  clean) views="clean.txt normalized.txt diagnostics.tsv metadata.tsv" ;;
  clauses) views="clauses.tsv outline.txt" ;;
  targets) views="targets.tsv" ;;
  *) echo "unknown suite $suite"; exit 2 ;;
esac

run_view() {  # file view
  case "$2" in
    clean.txt) "$bin" clean "$1" ;;
    normalized.txt) "$bin" clean --normalized "$1" ;;
    diagnostics.tsv) "$bin" clean --diagnostics --format tsv "$1" ;;
    metadata.tsv) "$bin" clean --metadata --format tsv "$1" ;;
    clauses.tsv) "$bin" clauses --format tsv "$1" ;;
    outline.txt) "$bin" clauses --format outline "$1" ;;
    targets.tsv) "$bin" targets --format tsv "$1" ;;
  esac
}

failed=0 checked=0
mkdir -p "$expected_dir"
cd "$input_dir" || exit 2
for f in *; do
  [ -f "$f" ] || continue
  case "$f" in *.md) continue ;; esac
  stem=${f%.*}
  for v in $views; do
    expected="$expected_dir/$stem.$v"
    actual=$(mktemp)
    run_view "$f" "$v" >"$actual" 2>&1
    if [ "$update" = --update ]; then
      cp "$actual" "$expected"
    elif [ ! -f "$expected" ]; then
      echo "MISSING expected file $expected (run scripts/update_golden.sh)"
      failed=$((failed + 1))
    elif ! diff -u "$expected" "$actual" --label "expected/$stem.$v" --label "actual/$stem.$v"; then
      failed=$((failed + 1))
    fi
    checked=$((checked + 1))
    rm -f "$actual"
  done
done
echo "golden $suite: $checked outputs compared, $failed differ"
[ "$failed" -eq 0 ]
