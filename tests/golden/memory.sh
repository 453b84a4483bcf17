#!/usr/bin/env bash
# Memory per document: the peak RSS of `zhpolicy targets` on one generated 8 MB document
# stays under FACTOR x the document + 16 MiB, whatever the number of targets. What is held
# is text-sized: the clean text, the normalized shadow (4 bytes per character; the original
# code points are dropped after folding), the offset maps, the clauses and sentences, and
# the process's own memory (ICU data, fold tables, lexicons: about 10 MiB). Rows are not
# held: the CLI writes a document's rows while it is still read (BatchOptions::emit_early).
#   memory.sh BINARY SAMPLES_DIR SHAPE
# SHAPE page: the UTF-8 samples concatenated (chrome, metadata, markup, a title), FACTOR 4:
#             measured 40 MiB, 5.2 x (the release before 2026-12-02: 102 MiB, 13.4 x);
#       body: their paragraphs made unique by a number (17,600 targets and a numbered clause
#             every 200 bytes), FACTOR 7: measured 54 MiB, 7.1 x (holding each document's
#             rows and its code points, as the release of stop 8 did: 112 MiB; before
#             2026-12-02: 282 MiB).
# Skipped under sanitizers, whose shadow memory and quarantine are part of RSS
# (ZHPOLICY_SANITIZED=ON in the environment).
set -uo pipefail
bin=$1 samples=$2 shape=$3
if [ "${ZHPOLICY_SANITIZED:-OFF}" = ON ]; then
  echo "SKIPPED: RSS under a sanitizer says nothing about the release build"
  exit 77
fi
if [ ! -x /usr/bin/time ]; then
  echo "SKIPPED: /usr/bin/time is missing (package time; scripts/setup.sh installs it)"
  exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/zhpolicy-mem.XXXXXX")
trap 'rm -rf "$work"' EXIT
target_bytes=$((8 * 1000 * 1000))
utf8_samples=("$samples"/2022_news_report.txt "$samples"/2024_traditional_with_inline_items.txt
              "$samples"/2025_simplified_work_plan.txt)
case "$shape" in
  page)
    factor=4
    cat "$samples"/2025_district_notice.html "${utf8_samples[@]}" >"$work/doc"
    while [ "$(stat -c %s "$work/doc")" -lt "$target_bytes" ]; do  # doubled: a few steps to 8 MB
      cat "$work/doc" "$work/doc" >"$work/twice" && mv "$work/twice" "$work/doc"
    done
    head -c "$target_bytes" "$work/doc" | sed '$d' >"$work/cut" && mv "$work/cut" "$work/doc" ;;  # whole lines
  body)
    factor=7
    awk -v want="$target_bytes" '
      length($0) > 30 { paragraphs[n++] = $0 }
      END { for (k = 0; size < want; k++) { line = paragraphs[k % n] "（批次" k "）"; print line; size += length(line) + 1 } }
    ' "${utf8_samples[@]}" >"$work/doc" ;;
  *) echo "unknown shape: $shape" >&2; exit 2 ;;
esac
bytes=$(stat -c %s "$work/doc")
if ! /usr/bin/time -f %M -o "$work/rss" "$bin" targets -q -f tsv "$work/doc" >"$work/out"; then
  echo "FAIL: zhpolicy targets failed on the $shape document"
  exit 1
fi
rss_kib=$(cat "$work/rss")
rows=$(($(wc -l <"$work/out") - 1))
limit_kib=$((factor * bytes / 1024 + 16 * 1024))
printf '%s: %d bytes, %d targets, peak RSS %d KiB (%.1f x the document), limit %d KiB\n' \
  "$shape" "$bytes" "$rows" "$rss_kib" "$(echo "$rss_kib * 1024 / $bytes" | bc -l)" "$limit_kib"
if [ "$rows" -lt 1 ]; then
  echo "FAIL: no targets read: the document did not exercise the pipeline"
  exit 1
fi
if [ "$rss_kib" -gt "$limit_kib" ]; then
  echo "FAIL: peak RSS over the limit"
  exit 1
fi
