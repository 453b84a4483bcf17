#!/usr/bin/env bash
# Throughput of zhpolicy, reported as MB/s (10^6 bytes) and as ratios to baselines measured
# in the same run on the same corpus:
#   cat        - reading the corpus files to /dev/null (page cache warm)
#   utf8-loop  - a plain scalar UTF-8 validate-and-decode loop over the same bytes in memory
# The corpus is ../shared/seeds and data/samples repeated to about CORPUS_MB megabytes
# (default 64) in many files.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
BUILD_DIR=build scripts/build.sh >/dev/null
bench=build/src/zhpolicy_bench
corpus_mb=${CORPUS_MB:-64}
out=bench-out/corpus-${corpus_mb}
shared=${ZHPOLICY_SHARED_DIR:-../shared}

if [ ! -d "$out" ]; then
  mkdir -p "$out.tmp"
  sources=()
  [ -d "$shared/seeds" ] && sources+=("$shared"/seeds/*.txt)
  sources+=(data/samples/*.txt data/samples/*.html)
  size=0 n=0
  target=$((corpus_mb * 1000000))
  while [ "$size" -lt "$target" ]; do
    for s in "${sources[@]}"; do
      n=$((n + 1))
      cp "$s" "$out.tmp/$(printf '%06d' $n)_$(basename "$s")"
      size=$((size + $(stat -c %s "$s")))
      [ "$size" -ge "$target" ] && break
    done
  done
  mv "$out.tmp" "$out"
fi
files=("$out"/*)
bytes=$(cat "${files[@]}" | wc -c)

cat "${files[@]}" >/dev/null  # warm the page cache
t0=$(date +%s.%N); cat "${files[@]}" >/dev/null; t1=$(date +%s.%N)
cat_mbs=$(echo "$bytes / 1000000 / ($t1 - $t0)" | bc -l)

printf 'corpus: %s files, %.1f MB (%s)\n' "${#files[@]}" "$(echo "$bytes/1000000" | bc -l)" "$out"
printf '%-28s %10s %12s %12s\n' stage MB/s "x cat" "x utf8-loop"
printf '%-28s %10.1f %12.3f %12s\n' "cat (baseline)" "$cat_mbs" 1 "-"
loop_mbs=$("$bench" utf8-loop "${files[@]}" | awk '{print $4}')
printf '%-28s %10.1f %12.3f %12.3f\n' "utf8-loop (baseline)" "$loop_mbs" "$(echo "$loop_mbs/$cat_mbs" | bc -l)" 1
for mode in decode clean segment targets; do
  mbs=$("$bench" "$mode" "${files[@]}" | awk '{print $4}')
  label=$mode
  [ "$mode" = clean ] && label="decode+clean+normalize"
  [ "$mode" = segment ] && label="... +segment"
  [ "$mode" = targets ] && label="... +segment+extract"
  printf '%-28s %10.1f %12.3f %12.3f\n' "$label" "$mbs" "$(echo "$mbs/$cat_mbs" | bc -l)" "$(echo "$mbs/$loop_mbs" | bc -l)"
done
