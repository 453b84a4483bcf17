#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan + coverage) and runs each for SECONDS.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     default: 60 seconds, every target;
#                                             SECONDS=0 only builds
#   JOBS=2     how many targets run at the same time (each is one process)
#   BUILD_DIR=build-fuzz   the separate clang build; new corpus entries go to
#              $BUILD_DIR/corpus/<target>/, crashes to $BUILD_DIR/artifacts/<target>/,
#              logs to $BUILD_DIR/logs/<target>.log
#   FUZZ_ARGS="..."  extra libFuzzer flags (e.g. -max_len=200000)
#
# Targets: decode clean segment extract pipeline (tests/fuzz/<target>_fuzzer.cpp). Seeds:
# tests/fuzz/corpus/<target>/, tests/fuzz/corpus/common/, tests/fuzz/regressions/,
# data/samples/ and ../shared/seeds/ (read only; libFuzzer writes only to the first corpus
# directory). A crash file found here belongs in tests/fuzz/regressions/ once it is fixed:
# ctest replays that folder through every target in every build.
# The fuzz build is optional: it needs clang and libclang-rt-dev, which the normal build and
# scripts/test.sh do not.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(decode clean segment extract pipeline); fi
build_dir=${BUILD_DIR:-build-fuzz}
jobs=${JOBS:-2}

if ! command -v clang++ >/dev/null; then
  echo "fuzz: clang++ not found (apt-get install clang libclang-rt-dev)" >&2
  exit 2
fi

# The whole library is instrumented for coverage (fuzzer-no-link) and checked by ASan and
# UBSan; only the <target>_fuzzer executables link libFuzzer itself. The ICU table generator
# runs during the build under ASan: ICU keeps caches alive until exit, so no leak check there.
sanitize="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
export ASAN_OPTIONS=detect_leaks=0
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_CXX_FLAGS="$sanitize" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
  -DZHPOLICY_FUZZ=ON -DZHPOLICY_WERROR=OFF >/dev/null
cmake --build "$build_dir" -j"$jobs" --target "${targets[@]/%/_fuzzer}"

if [ "$seconds" -le 0 ]; then exit 0; fi
mkdir -p "$build_dir/logs"
run_one() {
  local t=$1
  mkdir -p "$build_dir/corpus/$t" "$build_dir/artifacts/$t"
  local seeds=(tests/fuzz/corpus/"$t" tests/fuzz/corpus/common tests/fuzz/regressions data/samples)
  if [ -d ../shared/seeds ]; then seeds+=(../shared/seeds); fi
  # -timeout: any input taking 10 s is a hang (the stages are linear; seconds mean a bug).
  # -max_len: the seeds are up to ~30 KB; longer inputs only slow the search down.
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  "$build_dir/tests/fuzz/${t}_fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -dict=tests/fuzz/zhpolicy.dict \
    -artifact_prefix="$build_dir/artifacts/$t/" ${FUZZ_ARGS:-} \
    "$build_dir/corpus/$t" "${seeds[@]}" >"$build_dir/logs/$t.log" 2>&1
}

status=0
pids=()
names=()
for t in "${targets[@]}"; do
  run_one "$t" &
  pids+=($!)
  names+=("$t")
  echo "fuzz: $t running for ${seconds}s (log: $build_dir/logs/$t.log)" >&2
  if [ ${#pids[@]} -ge "$jobs" ]; then
    wait "${pids[0]}" || { echo "fuzz: ${names[0]} FAILED (see its log)" >&2; status=1; }
    pids=("${pids[@]:1}")
    names=("${names[@]:1}")
  fi
done
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || { echo "fuzz: ${names[$i]} FAILED (see its log)" >&2; status=1; }
done

# Summary: executions, coverage (cov: edges, ft: features), corpus size, findings.
printf '%-9s %10s %8s %8s %8s %s\n' target execs exec/s cov ft findings
for t in "${targets[@]}"; do
  log="$build_dir/logs/$t.log"
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
  speed=$(grep -oE 'stat::average_exec_per_sec: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
  cov=$(grep -oE 'cov: [0-9]+' <<<"$last" | grep -oE '[0-9]+' || echo "?")
  ft=$(grep -oE 'ft: [0-9]+' <<<"$last" | grep -oE '[0-9]+' || echo "?")
  found=$(find "$build_dir/artifacts/$t" -type f | wc -l)
  printf '%-9s %10s %8s %8s %8s %s\n' "$t" "$execs" "$speed" "$cov" "$ft" "$found"
done
exit $status
