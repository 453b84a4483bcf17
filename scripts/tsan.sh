#!/usr/bin/env bash
# The batch engine's threads under ThreadSanitizer: builds the CLI and the unit tests into
# build-tsan and runs the batch unit tests and the CLI with several --jobs (a single output,
# --output-dir with a document large enough to write rows early), comparing each output
# with --jobs 1. Not part of scripts/test.sh: the extra build would add minutes to CI for
# one file's worth of threads; run it after any change to src/batch.cpp or the CLI's emit.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build_dir=${BUILD_DIR:-build-tsan}
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DZHPOLICY_SANITIZE_THREAD=ON -DCMAKE_CXX_FLAGS=-g1 >/dev/null
cmake --build "$build_dir" -j"$(nproc)" --target zhpolicy zhpolicy_unit_tests
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1"
"$build_dir/tests/zhpolicy_unit_tests" "[batch]"

zhpolicy=$build_dir/src/zhpolicy
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Every sample three times, and one document of 6,000 target sentences (rows leave early).
inputs=()
for _ in 1 2 3; do inputs+=(data/samples/*); done
python3 -c 'import sys; sys.stdout.write("年内新增学位14310个，签收率达95%以上。\n" * 6000)' >"$work/large.txt"
inputs+=("$work/large.txt" data/samples/2022_news_report.txt)
"$zhpolicy" targets -q -j1 -f tsv "${inputs[@]}" >"$work/j1.tsv"
for jobs in 2 4; do
  "$zhpolicy" targets -q -j"$jobs" -f tsv "${inputs[@]}" >"$work/j$jobs.tsv"
  cmp "$work/j1.tsv" "$work/j$jobs.tsv"
  mkdir "$work/dir$jobs"
  "$zhpolicy" targets -q -j"$jobs" -f tsv --output-dir "$work/dir$jobs" "$work/large.txt" data/samples/*
done
diff -r "$work/dir2" "$work/dir4"
# --script hant converts on every worker through one shared ICU transliterator.
"$zhpolicy" clean -q -j1 --script hant data/samples/* >"$work/hant1.txt"
"$zhpolicy" clean -q -j4 --script hant data/samples/* data/samples/* >"$work/hant4.txt"
cat "$work/hant1.txt" "$work/hant1.txt" | cmp - "$work/hant4.txt"
echo "tsan: no data races; --jobs 2 and 4 wrote what --jobs 1 wrote"
