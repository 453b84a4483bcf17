#!/usr/bin/env bash
# The bad-input matrix: what the real binary does with every kind of broken input a crawl
# produces (README "Exit codes"). One ctest per CASE:
#   bad_input.sh BINARY SAMPLES_DIR CASE
# Each case runs in a fresh temporary directory (under $TMPDIR: big generated inputs never
# touch the source tree and are deleted at the end) and asserts the exact exit code and the
# exact lines on standard error: one line per problem, `zhpolicy: FILE: reason`.
#
# Decisions this file pins down:
#  - A document with no text (an empty file, only whitespace, only markup or page chrome)
#    is processed: status ok, zero rows, exit 0, and a warning line on standard error so
#    that it is not silently indistinguishable from a page without targets. --fail-on-empty
#    turns "no target anywhere" into exit 1.
#  - Damaged text (truncated UTF-8, a lone UTF-16 surrogate) is decoded with U+FFFD and
#    counted in summary's invalid_bytes; it is not an error.
#  - Not text (a PNG renamed .txt, a NUL byte) is refused: exit 1, the rest of the batch goes on.
#  - ctest runs as root in CI and root reads a chmod 000 file anyway: as root the
#    "unreadable" case checks a dangling symlink and a symlink loop only (and says so), and
#    the read-only output directory is /proc, where nobody can create a file.
#  - huge_line writes ZHPOLICY_BIG_INPUT_MB megabytes on one line (default 200, in every
#    build: measured 3.9 s and 0.8 GB RSS in Release on 2026-12-02, ~7 s and 1.7 GB under
#    ASan+UBSan before that day's memory work, so the sanitizer build needs no smaller size). Lower it for a machine with less memory;
#    what is tested (one line, no hidden quadratic step) does not depend on the exact size,
#    and ctest -R linearity measures the growth itself.
set -uo pipefail
bin=$1 samples=$2 case=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/zhpolicy-bad.XXXXXX")
trap 'chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work" || exit 2
failed=0
is_root=0
[ "$(id -u)" = 0 ] && is_root=1

fail() { echo "FAIL ($case): $*"; failed=1; }
# run WANT_RC CMD... : runs CMD (stdout to out, stderr to err) and checks its exit code.
run() {
  local want=$1; shift
  "$@" >out 2>err
  local rc=$?
  [ "$rc" -eq "$want" ] || { fail "exit $rc, want $want: $*"; sed 's/^/  stderr: /' err | head -20; }
}
# stderr_is LINE... : standard error is exactly these lines.
stderr_is() {
  local want
  want=$(printf '%s\n' "$@")
  [ $# -eq 0 ] && want=""
  [ "$(cat err)" = "$want" ] || { fail "stderr differs"; diff <(printf '%s\n' "$want") err | sed 's/^/  /' | head -20; }
}
# field COLUMN : the value of COLUMN in the first data row of the TSV in `out`;
# column COLUMN : its values in every data row, space-separated.
field() { awk -F'\t' -v c="$1" 'NR==1{for(i=1;i<=NF;i++) if($i==c) k=i} NR==2{print $k}' out; }
column() { awk -F'\t' -v c="$1" 'NR==1{for(i=1;i<=NF;i++) if($i==c) k=i} NR>1{printf "%s ", $k}' out; }
rows() { echo $(($(wc -l <out) - 1)); }  # data rows of a TSV with a header
no_text="warning: no text left after cleaning (only whitespace, markup or page chrome)"

case "$case" in
  empty)
    : >empty.txt
    run 0 "$bin" targets empty.txt
    stderr_is "zhpolicy: empty.txt: warning: empty file"
    [ "$(rows)" = 0 ] || fail "rows from an empty file"
    run 0 "$bin" summary empty.txt
    [ "$(field status)/$(field chars)/$(field bytes)" = "ok/0/0" ] || fail "summary row: $(sed -n 2p out)"
    run 1 "$bin" targets --fail-on-empty empty.txt
    stderr_is "zhpolicy: empty.txt: warning: empty file" "zhpolicy: no targets found (--fail-on-empty)"
    ;;

  whitespace)
    printf ' \t\r\n\n\xe3\x80\x80\xc2\xa0\n  \r\n' >blank.txt  # spaces, tab, CRLF, U+3000, U+00A0
    run 0 "$bin" targets blank.txt
    stderr_is "zhpolicy: blank.txt: $no_text"
    ;;

  html_only)
    printf '<!DOCTYPE html><html><head><title></title><style>p{color:red}</style>\n<script>var a="教育";</script></head>\n<body><div class="x"><p></p><br/></div><!-- 注释 --></body></html>\n' >page.html
    run 0 "$bin" targets page.html
    stderr_is "zhpolicy: page.html: $no_text"
    run 0 "$bin" clean page.html
    [ -s out ] && fail "clean printed text for a page without any: $(head -c 200 out)"
    ;;

  png)
    printf '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00' >logo.txt
    run 1 "$bin" targets logo.txt
    stderr_is "zhpolicy: logo.txt: binary file (PNG image)"
    run 1 "$bin" summary logo.txt
    [ "$(field status)" = binary ] || fail "summary status: $(sed -n 2p out)"
    ;;

  truncated_utf8)
    printf '到2025年，新增学位800个。\xe5\xad' >cut.txt  # the last character cut after 2 of its 3 bytes
    run 0 "$bin" targets cut.txt
    stderr_is
    grep -q '800个' out || fail "the target before the cut was lost"
    run 0 "$bin" summary cut.txt
    [ "$(field encoding)/$(field invalid_bytes)" = "UTF-8/1" ] || fail "summary row: $(sed -n 2p out)"
    ;;

  utf16_lone_surrogate)
    # BOM, "新增学位800个", a high surrogate with no low one, "。"
    printf '\xff\xfe\xb0\x65\x9e\x58\x66\x5b\x4d\x4f8\x000\x000\x00\x2a\x4e\x00\xd8\x020\x0a\x00' >u16.txt
    run 0 "$bin" summary u16.txt
    stderr_is
    [ "$(field encoding)/$(field invalid_bytes)/$(field targets)" = "UTF-16LE/1/1" ] ||
      fail "summary row: $(sed -n 2p out)"
    run 0 "$bin" clean u16.txt
    [ "$(cat out)" = "新增学位800个�。" ] || fail "clean text: $(cat out)"
    ;;

  gb18030 | big5)
    # A sample converted without any hint gives the same targets as the UTF-8 original
    # (byte offsets differ, so they are left out of the comparison).
    if [ "$case" = gb18030 ]; then src=2025_simplified_work_plan.txt cs=GB18030; else src=2024_traditional_with_inline_items.txt cs=BIG5; fi
    cp "$samples/$src" utf8.txt
    iconv -f UTF-8 -t "$cs" utf8.txt >legacy.txt || { echo "SKIPPED: iconv cannot write $cs"; exit 77; }
    cmp -s utf8.txt legacy.txt && fail "the conversion changed nothing"
    fields=clause_id,clause_path,sentence,text,indicator,comparator,value,value_max,unit,kind,start,end
    run 0 "$bin" targets --fields "$fields" utf8.txt; mv out want
    run 0 "$bin" targets --fields "$fields" legacy.txt
    stderr_is
    cmp -s want out || fail "targets differ from the UTF-8 original: $(diff want out | head -5)"
    [ "$(rows)" -gt 5 ] || fail "too few targets: $(rows)"
    run 0 "$bin" summary legacy.txt
    want_enc=$([ "$case" = gb18030 ] && echo GB18030 || echo Big5)
    [ "$(field encoding)" = "$want_enc" ] || fail "detected $(field encoding), want $want_enc"
    ;;

  mixed)
    # The first 20 lines in UTF-8, the rest in GB18030: each part decoded as what it is.
    cp "$samples/2025_simplified_work_plan.txt" utf8.txt
    { head -n 20 utf8.txt; tail -n +21 utf8.txt | iconv -f UTF-8 -t GB18030; } >mixed.txt
    run 0 "$bin" clean utf8.txt; mv out want
    run 0 "$bin" clean mixed.txt
    stderr_is
    cmp -s want out || fail "clean text differs from the UTF-8 original: $(diff want out | head -5)"
    run 0 "$bin" summary mixed.txt
    [ "$(field encoding)/$(field invalid_bytes)" = "UTF-8+GB18030/0" ] || fail "summary row: $(sed -n 2p out)"
    ;;

  huge_line)
    mb=${ZHPOLICY_BIG_INPUT_MB:-200}
    # 32-byte unit, doubled to 8 MiB (262144 units), then concatenated: no newline anywhere.
    printf '教育发展质量稳步提升ab' >unit
    for _ in $(seq 18); do cat unit unit >unit2 && mv unit2 unit; done
    : >huge.txt
    for _ in $(seq $((mb / 8))); do cat unit >>huge.txt; done
    rm -f unit
    bytes=$(stat -c %s huge.txt)
    [ "$bytes" -ge $((mb / 8 * 8 * 1048576)) ] || fail "generated only $bytes bytes"
    run 0 "$bin" summary -q huge.txt
    stderr_is
    [ "$(field status)/$(field bytes)/$(field chars)" = "ok/$bytes/$((bytes / 32 * 12))" ] ||
      fail "summary row: $(sed -n 2p out | cut -c1-200)"
    rm -f huge.txt
    ;;

  many_labels)
    # 1,000,000 clause labels in a row: on one line, and one per line with a title each.
    yes '一、' | head -n 1000000 | tr -d '\n' >dun.txt
    yes '(1)推进' | head -n 1000000 >paren.txt
    run 0 "$bin" summary -q dun.txt paren.txt
    stderr_is
    [ "$(column status)/$(column clauses)" = "ok ok /1 1000000 " ] || fail "summary rows: $(cut -f1-7 out)"
    ;;

  nested_parens)
    # 10,000 nested parentheses, half-width, full-width and as clause labels.
    { printf '%.0s(' $(seq 10000); printf '新增学位800个'; printf '%.0s)' $(seq 10000); echo; } >half.txt
    { printf '%.0s（' $(seq 10000); printf '新增学位800个'; printf '%.0s）' $(seq 10000); echo; } >full.txt
    { printf '%.0s(一)' $(seq 10000); printf '新增学位800个'; printf '%.0s)' $(seq 10000); echo; } >labels.txt
    run 0 "$bin" targets -q --fields doc,text half.txt full.txt labels.txt
    stderr_is
    [ "$(tail -n +2 out | tr '\t\n' ': ')" = "half.txt:800个 full.txt:800个 labels.txt:800个 " ] ||
      fail "targets: $(cat out)"
    ;;

  nul_byte)
    printf '一、目标\x00二、任务：新增学位800个。\n' >nul.txt
    run 1 "$bin" targets nul.txt
    stderr_is "zhpolicy: nul.txt: binary file (NUL byte at offset 12)"
    ;;

  unreadable)
    mkdir -p dir/sub
    cp "$samples/2022_news_report.txt" dir/a_good.txt
    ln -s no_such_target.txt dir/b_dangling.txt
    ln -s c_loop.txt dir/c_loop.txt
    ln -s .. dir/sub/up  # a link to a directory: never followed, so no loop
    # Directory errors come first (the walk lists every input before any is read), then
    # the files' errors in input order.
    want=()
    if [ "$is_root" = 1 ]; then
      echo "running as root: a chmod 000 file is readable, so that sub-case is skipped (dangling link and loop checked)"
    else
      echo "secret" >dir/d_secret.txt && chmod 000 dir/d_secret.txt
      mkdir dir/e_locked && chmod 000 dir/e_locked
      want+=("zhpolicy: dir/e_locked: Permission denied")
    fi
    want+=("zhpolicy: dir/b_dangling.txt: no such file"
           "zhpolicy: dir/c_loop.txt: too many levels of symbolic links")
    [ "$is_root" = 1 ] || want+=("zhpolicy: dir/d_secret.txt: Permission denied")
    run 1 "$bin" targets -q -j2 dir
    stderr_is "${want[@]}"
    [ "$(tail -n +2 out | cut -f1 | sort -u)" = "dir/a_good.txt" ] || fail "the good file's rows are missing"
    ;;

  missing)
    run 1 "$bin" targets no/such/file.txt
    stderr_is "zhpolicy: no/such/file.txt: no such file"
    [ "$(rows)" = 0 ] || fail "rows for a missing file"
    ;;

  dev_full)
    [ -w /dev/full ] || { echo "SKIPPED: no /dev/full"; exit 77; }
    run 3 "$bin" targets -q -o /dev/full "$samples"
    stderr_is "zhpolicy: /dev/full: could not write the targets table: No space left on device"
    run 3 "$bin" clean -q -o /dev/full "$samples"
    stderr_is "zhpolicy: /dev/full: write failed (No space left on device)"
    # The write fails on whichever worker emits; the reason must still be the write's, not
    # the errno of the thread that commits ("write failed (Success)" once, under ASan).
    # Which thread writes is up to the scheduler: ten runs caught the old code in most tries.
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      run 3 "$bin" clean -q -j2 -o /dev/full "$samples" "$samples"
      stderr_is "zhpolicy: /dev/full: write failed (No space left on device)"
    done
    ;;

  readonly_dir)
    cp "$samples/2022_news_report.txt" plan.txt
    if [ "$is_root" = 1 ]; then
      echo "running as root: chmod 555 does not stop root, so /proc stands for a read-only directory"
      run 3 "$bin" targets -o /proc/zhpolicy-bad-input.tsv plan.txt
      stderr_is "zhpolicy: /proc/zhpolicy-bad-input.tsv: cannot write: No such file or directory"
      run 3 "$bin" targets --output-dir /proc/zhpolicy-bad-input plan.txt
      stderr_is "zhpolicy: /proc/zhpolicy-bad-input: cannot create the output directory: No such file or directory"
    else
      mkdir ro && chmod 555 ro
      run 3 "$bin" targets -o ro/out.tsv plan.txt
      stderr_is "zhpolicy: ro/out.tsv: cannot write: Permission denied"
      [ -z "$(ls ro)" ] || fail "files left in the read-only directory: $(ls ro)"
      run 3 "$bin" targets --output-dir ro/sub plan.txt
      stderr_is "zhpolicy: ro/sub: cannot create the output directory: Permission denied"
    fi
    ;;

  batch)
    # One bad file of each kind among good ones: every good document's rows are written,
    # every bad one is one line on stderr, the exit code is 1; the same with --jobs 1 and 4.
    cp "$samples/2022_news_report.txt" a_good.txt
    iconv -f UTF-8 -t GB18030 "$samples/2025_simplified_work_plan.txt" >e_good_gb.txt
    : >b_empty.txt
    printf '\x89PNG\r\n\x1a\n\x00\x00' >c_image.txt
    printf 'x\x00y' >d_nul.txt
    run 0 "$bin" targets -q a_good.txt e_good_gb.txt; mv out want
    for j in 1 4; do
      run 1 "$bin" targets -q -j$j a_good.txt b_empty.txt c_image.txt missing.txt d_nul.txt e_good_gb.txt
      stderr_is "zhpolicy: b_empty.txt: warning: empty file" \
                "zhpolicy: c_image.txt: binary file (PNG image)" \
                "zhpolicy: missing.txt: no such file" \
                "zhpolicy: d_nul.txt: binary file (NUL byte at offset 1)"
      cmp -s want out || fail "-j$j: the good documents' rows differ from a run without the bad ones"
    done
    run 1 "$bin" summary -q a_good.txt c_image.txt e_good_gb.txt
    [ "$(tail -n +2 out | cut -f1,2 | tr '\t\n' ': ')" = "a_good.txt:ok c_image.txt:binary e_good_gb.txt:ok " ] ||
      fail "summary rows: $(cut -f1-3 out)"
    ;;

  max_bytes)
    # README: --max-bytes N refuses larger inputs (default 1073741824 = 1 GiB, shown in --help);
    # the refused document is one line on stderr and the batch goes on.
    run 0 "$bin" targets --help
    grep -q -- '--max-bytes.*default 1073741824' out || fail "--help does not show the default"
    cp "$samples/2022_news_report.txt" small.txt         # 2722 bytes
    cp "$samples/2025_simplified_work_plan.txt" big.txt  # 3195 bytes
    run 1 "$bin" targets --max-bytes 3000 big.txt small.txt
    stderr_is "zhpolicy: big.txt: file is 3195 bytes, more than --max-bytes 3000"
    [ "$(tail -n +2 out | cut -f1 | sort -u)" = small.txt ] || fail "small.txt's rows are missing"
    run 1 "$bin" summary --max-bytes 3000 big.txt
    [ "$(field status)" = too_large ] || fail "summary status: $(sed -n 2p out)"
    run 1 "$bin" targets --max-bytes 1000 - <big.txt
    stderr_is "zhpolicy: -: more than --max-bytes 1000 bytes"
    printf '{"id":"r1","text":"%s"}\n{"id":"r2","text":"新增学位800个。"}\n' "$(head -c 1500 big.txt | tr -d '\n"')" >docs.jsonl
    run 1 "$bin" targets --input-format jsonl --max-bytes 1000 --fields doc,text docs.jsonl
    stderr_is "zhpolicy: r1: input is $(head -c 1500 big.txt | tr -d '\n"' | wc -c) bytes, more than --max-bytes 1000"
    [ "$(tail -n +2 out)" = "r2	800个" ] || fail "the record under the limit: $(cat out)"
    run 2 "$bin" targets --max-bytes lots small.txt
    ;;

  *)
    echo "unknown case: $case"
    exit 2
    ;;
esac
exit $failed
