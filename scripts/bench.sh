#!/usr/bin/env bash
# Throughput and memory of zhpolicy, in one run, against baselines measured in the same run
# on the same corpus (MB = 10^6 bytes):
#   1. end to end: the `zhpolicy targets` CLI (reading every file, writing TSV to /dev/null)
#      on CORPUS_MB (default 200) MB of many files, with --jobs 1 and --jobs 2 (best of
#      E2E_RUNS, default 5, runs each): MB/s, ratio to `cat` of the same files (page cache
#      warm), peak RSS; and the floor, reading the files alone (zhpolicy_bench read);
#   2. scaling: --jobs 1 on the first 10, 50, 100 MB and on the whole corpus; seconds per MB
#      must stay flat (time linear in the input);
#   3. memory: peak RSS for 100 and for 10,000 files (--jobs 1 and 2; it must not grow with
#      the number of files), and for two LARGE_MB (default 50) MB documents: the sources
#      concatenated (mostly page chrome and pinyin annotations) and body text only;
#   4. stages: in-memory MB/s of each pipeline stage (zhpolicy_bench, best of three runs) on
#      the first STAGE_MB (default 50) MB, against `cat` and a plain scalar UTF-8 decode loop,
#      and what segment adds to the time of clean (issue 3).
# The corpus is ../shared/seeds and data/samples repeated (files named NNNNNN_seed), made
# once under bench-out/. Aims (issue 5): >= 300 MB/s per core, --jobs 2 >= 1.8 x --jobs 1.
# Timings are wall clock: on a machine shared with other work they are lower bounds; the
# MB/cpu-s and cpu-s/MB columns use user+system CPU time and depend less on that load.
# Builds into BUILD_DIR (default build). Needs /usr/bin/time (package time, scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build_dir=${BUILD_DIR:-build}
BUILD_DIR=$build_dir scripts/build.sh >/dev/null
zhpolicy=$build_dir/src/zhpolicy
bench=$build_dir/src/zhpolicy_bench
corpus_mb=${CORPUS_MB:-200}
stage_mb=${STAGE_MB:-50}
large_mb=${LARGE_MB:-50}
shared=${ZHPOLICY_SHARED_DIR:-../shared}
out=bench-out/corpus-${corpus_mb}
lists=bench-out/lists-${corpus_mb}

sources=()
for s in "$shared"/seeds/*.txt "$shared"/seeds/*.html data/samples/*.txt data/samples/*.html; do
  [ -f "$s" ] && sources+=("$s")
done

# The corpus, and lists of its files: the first N MB (N = 10 50 100 ...), all, 100 and
# 10000 files; plus one large UTF-8 document made of the UTF-8 sources.
if [ ! -d "$out" ] || [ ! -f "$lists/large.txt" ]; then
  rm -rf "$out" "$out.tmp" "$lists"
  mkdir -p "$out.tmp" "$lists"
  python3 - "$out.tmp" "$out" "$lists" "$corpus_mb" "$large_mb" "${sources[@]}" <<'PY'
import os, sys
tmp, final, lists, corpus_mb, large_mb, sources = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6:]
data = [(os.path.basename(s), open(s, "rb").read()) for s in sources]
target, size, n, names = corpus_mb * 10**6, 0, 0, []
while size < target:
    for base, b in data:
        n += 1
        name = "%06d_%s" % (n, base)
        with open(os.path.join(tmp, name), "wb") as f:
            f.write(b)
        names.append((name, len(b)))
        size += len(b)
        if size >= target:
            break
def write_list(path, entries):
    with open(path, "w") as f:
        f.writelines(os.path.join(final, e) + "\n" for e in entries)
cut, done = [m for m in (10, 50, 100) if m < corpus_mb], 0
for mb in cut + [corpus_mb]:
    acc, k = 0, 0
    while k < len(names) and acc < mb * 10**6:
        acc += names[k][1]
        k += 1
    write_list(os.path.join(lists, "mb-%d" % mb), [e for e, _ in names[:k]])
for count in (100, 10000):
    write_list(os.path.join(lists, "files-%d" % count), [e for e, _ in names[:count]])
utf8 = []
for _, b in data:
    try:
        b.decode("utf-8")
        utf8.append(b)
    except UnicodeDecodeError:
        pass
with open(os.path.join(lists, "large.txt"), "wb") as f:
    written = 0
    while written < large_mb * 10**6:
        for b in utf8:
            f.write(b + b"\n")
            written += len(b) + 1
PY
  mv "$out.tmp" "$out"
fi

# A second large document, all body: the paragraphs of the UTF-8 text sources, each made unique
# by a batch number so that none is dropped as a duplicate. Dense in clauses and targets
# (about 6,000 targets per MB), it is the worst case for memory per input byte.
if [ ! -f "$lists/large-body.txt" ]; then
  python3 - "$lists/large-body.txt" "$large_mb" "${sources[@]}" <<'PY'
import os, sys
path, large_mb, sources = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
paragraphs = []
for s in sources:
    if not s.endswith(".txt"):
        continue  # an HTML page's lines are markup
    try:
        text = open(s, "rb").read().decode("utf-8")
    except UnicodeDecodeError:
        continue
    paragraphs += [l.strip() for l in text.split("\n") if len(l.strip()) > 30]
with open(path + ".tmp", "wb") as f:
    written, k = 0, 0
    while written < large_mb * 10**6:
        line = ("%s（批次%d）\n" % (paragraphs[k % len(paragraphs)], k)).encode("utf-8")
        f.write(line)
        written += len(line)
        k += 1
os.rename(path + ".tmp", path)
PY
fi

mb_of() { python3 -c 'import os,sys; print(sum(os.path.getsize(l.strip()) for l in open(sys.argv[1]) if l.strip())/1e6)' "$1"; }
# run_zhpolicy LIST JOBS [OPTIONS...]: prints "seconds peak_rss_kb cpu_seconds" of one
# targets run (cpu = user + system: what the run cost, whatever else the machine does).
run_zhpolicy() {
  local list=$1 jobs=$2; shift 2
  /usr/bin/time -f '%e %M %U %S' -o bench-out/time.txt \
    "$zhpolicy" targets -q -j"$jobs" -f tsv "$@" --files-from "$list" >/dev/null
  awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' bench-out/time.txt
}
# run_cat LIST: seconds to cat the files of LIST (after one warming pass).
run_cat() {
  xargs -d '\n' cat <"$1" >/dev/null
  local t0 t1
  t0=$(date +%s.%N); xargs -d '\n' cat <"$1" >/dev/null; t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}

all=$lists/mb-$corpus_mb
files=$(wc -l <"$all")
bytes_mb=$(mb_of "$all")
cat_s=$(run_cat "$all")
cat_mbs=$(echo "$bytes_mb / $cat_s" | bc -l)
echo "zhpolicy $("$zhpolicy" --version | head -1 | cut -d' ' -f2), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'corpus: %s files, %.1f MB (%s)\n\n' "$files" "$bytes_mb" "$out"

echo "1. end to end: zhpolicy targets -f tsv --files-from LIST >/dev/null (best of ${E2E_RUNS:-5} runs)"
printf '%-18s %8s %8s %8s %11s %12s %11s\n' run seconds MB/s "x cat" "x --jobs 1" "peak RSS MiB" "MB/cpu-s"
printf '%-18s %8.2f %8.1f %8.3f %11s %12s %11s\n' "cat (baseline)" "$cat_s" "$cat_mbs" 1 - - -
# The floor: zhpolicy's own reader on every file, one thread, nothing else (best of three).
read_best=
for _ in 1 2 3; do
  read -r _ _ s _ < <("$bench" read "$all")
  if [ -z "$read_best" ] || [ "$(echo "$s < $read_best" | bc -l)" = 1 ]; then read_best=$s; fi
done
printf '%-18s %8.2f %8.1f %8.3f %11s %12s %11s\n' "read only (floor)" "$read_best" "$(echo "$bytes_mb / $read_best" | bc -l)" \
  "$(echo "$cat_s / $read_best" | bc -l)" - - -
# Best of E2E_RUNS runs each (default 5), as the stage rows below: on a shared 2-core machine
# one run of either can be slowed by ±20%, which alone decides a 1.8x ratio either way. The
# runs alternate (--jobs 1, --jobs 2, --jobs 1, ...) so that a slow phase of the machine
# does not fall on one of them only.
e2e_runs=${E2E_RUNS:-5}
declare -A best=()
for _ in $(seq "$e2e_runs"); do
  for jobs in 1 2; do
    read -r s rss cpu < <(run_zhpolicy "$all" "$jobs")
    if [ -z "${best[$jobs]:-}" ] || [ "$(echo "$s < ${best[$jobs]%% *}" | bc -l)" = 1 ]; then best[$jobs]="$s $rss $cpu"; fi
  done
done
j1_s=
for jobs in 1 2; do
  read -r s rss cpu <<<"${best[$jobs]}"
  mbs=$(echo "$bytes_mb / $s" | bc -l)
  [ "$jobs" = 1 ] && j1_s=$s
  printf '%-18s %8.2f %8.1f %8.4f %11.2f %12.1f %11.1f\n' "zhpolicy --jobs $jobs" "$s" "$mbs" \
    "$(echo "$mbs / $cat_mbs" | bc -l)" "$(echo "$j1_s / $s" | bc -l)" "$(echo "$rss / 1024" | bc -l)" \
    "$(echo "$bytes_mb / $cpu" | bc -l)"
done
echo "   aims: >= 300 MB/s per core; --jobs 2 >= 1.8 x --jobs 1. MB/cpu-s = MB per second of"
echo "   user+system CPU time: the per-core speed when other work competes for the cores."
echo "   read only = opening and reading every file in one thread with zhpolicy's reader and"
echo "   nothing else: what reading costs (cat makes about nine system calls a file, with a"
echo "   buffer mapped and unmapped and a write of every byte; zhpolicy makes five)."

echo
echo "2. scaling, --jobs 1 (time must grow linearly: s/MB flat)"
printf '%-10s %8s %9s %9s %10s %10s %12s\n' input files MB seconds "s per MB" "cpu-s/MB" "peak RSS MiB"
for n in $(printf '%s\n' 10 50 100 "$corpus_mb" | awk -v m="$corpus_mb" '$1 <= m' | sort -nu); do
  list=$lists/mb-$n
  mb=$(mb_of "$list")
  read -r s rss cpu < <(run_zhpolicy "$list" 1)
  printf '%-10s %8s %9.1f %9.2f %10.4f %10.4f %12.1f\n' "$(basename "$list")" "$(wc -l <"$list")" "$mb" "$s" \
    "$(echo "$s / $mb" | bc -l)" "$(echo "$cpu / $mb" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
  first_cpu_mb=${first_cpu_mb:-$(echo "$cpu / $mb" | bc -l)}
  last_cpu_mb=$(echo "$cpu / $mb" | bc -l)
done
printf '   cpu-s/MB at the largest / at the smallest input: %.2f (1 = linear)\n' \
  "$(echo "$last_cpu_mb / $first_cpu_mb" | bc -l)"

echo
echo "3. memory: peak RSS (must not grow with the number of files)"
printf '%-34s %9s %9s %12s\n' input MB seconds "peak RSS MiB"
for count in 100 10000; do
  for jobs in 1 2; do
    read -r s rss _ < <(run_zhpolicy "$lists/files-$count" "$jobs")
    printf '%-34s %9.1f %9.2f %12.1f\n' "$count files, --jobs $jobs" "$(mb_of "$lists/files-$count")" "$s" \
      "$(echo "$rss / 1024" | bc -l)"
  done
done
echo "$lists/large.txt" >bench-out/large.list
read -r s rss _ < <(run_zhpolicy bench-out/large.list 1 --keep-duplicates)
large=$(mb_of bench-out/large.list)
printf '%-34s %9.1f %9.2f %12.1f\n' "1 file (--keep-duplicates)" "$large" "$s" "$(echo "$rss / 1024" | bc -l)"
printf '   one document: peak RSS = %.1f x its size\n' "$(echo "$rss / 1024 / $large" | bc -l)"
echo "$lists/large-body.txt" >bench-out/large-body.list
read -r s rss _ < <(run_zhpolicy bench-out/large-body.list 1)
large=$(mb_of bench-out/large-body.list)
targets=$("$zhpolicy" summary -q -f tsv --fields targets "$lists/large-body.txt" | tail -1)
printf '%-34s %9.1f %9.2f %12.1f\n' "1 file, body only ($targets targets)" "$large" "$s" "$(echo "$rss / 1024" | bc -l)"
printf '   one document of body text: peak RSS = %.1f x its size\n' "$(echo "$rss / 1024 / $large" | bc -l)"

echo
stage_list=$lists/mb-$stage_mb
[ -f "$stage_list" ] || stage_list=$all
mapfile -t stage_files <"$stage_list"
stage_mb_real=$(mb_of "$stage_list")
stage_cat_s=$(run_cat "$stage_list")
stage_cat=$(echo "$stage_mb_real / $stage_cat_s" | bc -l)
printf '4. stages, in memory, one thread, %.1f MB (%s files)\n' "$stage_mb_real" "${#stage_files[@]}"
printf '%-28s %10s %12s %12s\n' stage MB/s "x cat" "x utf8-loop"
printf '%-28s %10.1f %12.3f %12s\n' "cat (baseline)" "$stage_cat" 1 "-"
loop_mbs=$("$bench" utf8-loop "${stage_files[@]}" | awk '{print $4}')
printf '%-28s %10.1f %12.3f %12.3f\n' "utf8-loop (baseline)" "$loop_mbs" "$(echo "$loop_mbs/$stage_cat" | bc -l)" 1
# best_mbs MODE: the best of three runs (the fastest is the one least disturbed by other
# work on the machine; single runs of the same stage differed by up to 20%).
best_mbs() {
  for _ in 1 2 3; do "$bench" "$1" "${stage_files[@]}"; done | awk '$4 > best { best = $4 } END { print best }'
}
for mode in decode clean segment targets; do
  mbs=$(best_mbs "$mode")
  [ "$mode" = clean ] && clean_mbs=$mbs
  [ "$mode" = segment ] && segment_mbs=$mbs
  label=$mode
  [ "$mode" = clean ] && label="decode+clean+normalize"
  [ "$mode" = segment ] && label="... +segment"
  [ "$mode" = targets ] && label="... +segment+extract"
  printf '%-28s %10.1f %12.3f %12.3f\n' "$label" "$mbs" "$(echo "$mbs/$stage_cat" | bc -l)" "$(echo "$mbs/$loop_mbs" | bc -l)"
done
printf '   segment adds %.0f%% to the time of decode+clean+normalize (best of three runs each)\n' \
  "$(echo "($clean_mbs / $segment_mbs - 1) * 100" | bc -l)"
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows every row)"
