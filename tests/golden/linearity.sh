#!/usr/bin/env bash
# Linearity: the whole pipeline (zhpolicy targets, output included) on an adversarial input
# of size N and 2N must take about twice the CPU time, never four times. One ctest per SHAPE:
#   linearity.sh BINARY SHAPE
# Why a script and not a unit test: the quadratic cases found so far were spread over stages
# (pinyin removal in clean, a sentence repeated in every target row), so only the real binary
# on a real file shows them; and timing inside a unit test run in parallel with others is noise.
#
# Robust to a loaded machine: the time is the user CPU time of the process (not wall time),
# the minimum of 3 runs; N is doubled until a run takes at least MIN_SECONDS (0.25 s: below
# that, start-up and timer granularity dominate), and a ratio over the limit is measured
# again with 5 runs before failing. The limit is 3.0: linear work gives ~2, quadratic ~4.
# Inputs go to $TMPDIR and are deleted. Sizes adapt, so the same test runs under ASan.
set -uo pipefail
bin=$1 shape=$2
limit=${LINEARITY_LIMIT:-3.0}
min_seconds=${LINEARITY_MIN_SECONDS:-0.25}
max_bytes=${LINEARITY_MAX_BYTES:-67108864}
work=$(mktemp -d "${TMPDIR:-/tmp}/zhpolicy-lin.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2

# repeat STRING COUNT: STRING COUNT times, one line (no newline at all).
repeat() { yes -- "$1" | head -n "$2" | tr -d '\n'; }
# gen SHAPE UNITS > file
gen() {
  local n=$2
  case "$1" in
    long_line) repeat '教育发展，提高到15%，新增学位800个；' "$n" ;;
    labels_line) repeat '一、' "$n" ;;
    labels_lines) yes -- '(1)推进工作。' | head -n "$n" ;;
    labels_mixed) yes -- $'一、总体要求\n(一)目标任务\n1.提高质量\n(1)完成指标\n①做到' | head -n "$((n * 5))" ;;
    nested_parens) repeat '(' "$n"; printf '新增学位800个'; repeat ')' "$n" ;;
    digits) repeat '1234567890' "$n" ;;
    numbers_one_sentence) repeat '比例不低于15%，' "$n" ;;
    pinyin) repeat '实(shí)现' "$n" ;;
    pinyin_like) repeat '学(xx)' "$n" ;;
    mojibake) repeat '?' "$n" ;;
    mojibake_cjk) repeat '学?校?所' "$n" ;;
    *) echo "unknown shape: $1" >&2; exit 2 ;;
  esac
}

# cpu FILE RUNS: the minimum user CPU seconds of RUNS runs on FILE.
cpu() {
  local best="" t k
  for ((k = 0; k < $2; k++)); do
    t=$( { TIMEFORMAT=%3U; time "$bin" targets -q -j1 -f tsv -o /dev/null "$1" 2>/dev/null; } 2>&1 ) || {
      echo "FAIL ($shape): zhpolicy failed on $(stat -c %s "$1") bytes"; exit 1; }
    if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$t; fi
  done
  echo "$best"
}
over() { awk -v a="$1" -v b="$2" 'BEGIN{exit !(a>b)}'; }

units=1000
while :; do
  gen "$shape" "$units" >n.txt
  t1=$(cpu n.txt 3)
  over "$t1" "$min_seconds" && break
  if [ "$(stat -c %s n.txt)" -ge "$max_bytes" ]; then
    echo "$shape: under ${min_seconds}s at $(stat -c %s n.txt) bytes (${t1}s): too fast to be super-linear"
    exit 0
  fi
  units=$((units * 2))
done
gen "$shape" "$((units * 2))" >2n.txt
t2=$(cpu 2n.txt 3)
ratio=$(awk -v a="$t1" -v b="$t2" 'BEGIN{printf "%.2f", b / a}')
if over "$ratio" "$limit"; then
  echo "ratio $ratio over $limit (N: ${t1}s, 2N: ${t2}s); measuring again with 5 runs"
  t1=$(cpu n.txt 5)
  t2=$(cpu 2n.txt 5)
  ratio=$(awk -v a="$t1" -v b="$t2" 'BEGIN{printf "%.2f", b / a}')
fi
echo "$shape: N=$(stat -c %s n.txt) bytes ${t1}s, 2N=$(stat -c %s 2n.txt) bytes ${t2}s, ratio $ratio (limit $limit)"
if over "$ratio" "$limit"; then
  echo "FAIL ($shape): super-linear"
  exit 1
fi
exit 0
