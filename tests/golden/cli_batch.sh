#!/usr/bin/env bash
# End-to-end tests of the CLI's batch and output behaviour (README "Usage" .. "Exit codes").
#   cli_batch.sh BINARY SAMPLES_DIR CASE
# Each CASE runs the real binary on copies of data/samples in a temporary directory and
# checks outputs, standard error and exit codes. A failure prints what differed.
set -uo pipefail
bin=$1 samples=$2 case=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/zhpolicy-cli.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2
failed=0

fail() { echo "FAIL ($case): $*"; failed=1; }
# expect_rc WANT CMD... : runs CMD, stdout to out, stderr to err, checks the exit code.
expect_rc() {
  local want=$1; shift
  "$@" >out 2>err
  local rc=$?
  if [ "$rc" -ne "$want" ]; then fail "exit $rc, want $want: $*"; sed 's/^/  stderr: /' err; fi
}
same() {  # same FILE1 FILE2 WHAT
  if ! diff -u "$1" "$2" --label "$1" --label "$2" | head -40; then fail "$3"; fi
  cmp -s "$1" "$2" || fail "$3"
}

# A corpus of 3 copies of every sample (names differ), in two subdirectories.
mkdir -p corpus/a corpus/b
for f in "$samples"/*.txt "$samples"/*.html; do
  b=$(basename "$f")
  cp "$f" "corpus/a/$b"; cp "$f" "corpus/b/$b"; cp "$f" "corpus/b/copy_$b"
done

case "$case" in
  jobs)  # --jobs N gives byte-identical output for every N and every command
    for cmd in "targets" "clauses" "summary" "clean" "clean --diagnostics" "clauses --format outline"; do
      expect_rc 0 "$bin" $cmd -q --jobs 1 corpus; mv out j1
      expect_rc 0 "$bin" $cmd -q --jobs 4 corpus; mv out j4
      same j1 j4 "$cmd: --jobs 1 and --jobs 4 differ"
      [ -s j1 ] || fail "$cmd: empty output"
    done
    ;;

  exit_codes)
    expect_rc 1 "$bin" targets missing.txt corpus/a/2022_news_report.txt
    [ "$(cat err)" = "zhpolicy: missing.txt: no such file" ] || fail "stderr was: $(cat err)"
    grep -q '42.7' out || fail "the readable document was not written"
    expect_rc 2 "$bin" targets --no-such-option corpus
    expect_rc 2 "$bin" targets --format nope corpus
    expect_rc 2 "$bin" targets --fields doc,nope corpus
    grep -q "valid fields: doc,clause_id" err || fail "unknown field message: $(cat err)"
    expect_rc 2 "$bin" targets --script latin corpus
    expect_rc 2 "$bin" clean -f csv corpus
    grep -q "clean --diagnostics or --metadata" err || fail "clean -f csv message: $(cat err)"
    expect_rc 2 "$bin" targets --files-from no-such-list.txt
    expect_rc 3 "$bin" targets -o /dev/full corpus
    grep -q "^zhpolicy: /dev/full: " err || fail "/dev/full message: $(cat err)"
    expect_rc 3 "$bin" targets -o no/such/dir/out.tsv corpus
    expect_rc 0 "$bin" --version
    grep -q "^table schema 1$" out || fail "--version lacks the schema version"
    ;;

  fail_on_empty)
    echo "本文件没有任何数字目标。" >empty.txt
    expect_rc 0 "$bin" targets empty.txt
    expect_rc 1 "$bin" targets --fail-on-empty empty.txt
    grep -q "no targets found" err || fail "--fail-on-empty message: $(cat err)"
    expect_rc 0 "$bin" targets --fail-on-empty empty.txt corpus/a/2022_news_report.txt
    ;;

  formats)  # default TSV on a pipe, header handling, fields, BOM, script, JSON schema
    expect_rc 0 "$bin" targets corpus/a/2022_news_report.txt
    head -1 out | grep -q "^doc	clause_id	" || fail "default format on a pipe is not TSV"
    [ -s err ] && fail "something on stderr (progress bar on a pipe?): $(cat err)"
    expect_rc 0 "$bin" targets --no-header --fields value,unit,doc -f csv corpus/a/2022_news_report.txt
    head -1 out | grep -q "^42.7,亿元,corpus/a/2022_news_report.txt" || fail "--fields/--no-header: $(head -1 out)"
    expect_rc 0 "$bin" targets --bom -f csv corpus/a/2022_news_report.txt
    [ "$(head -c 3 out | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "--bom"
    expect_rc 0 "$bin" targets -f json corpus/a/2022_news_report.txt
    head -c 50 out | grep -q '^{"schema_version":1,"table":"targets","rows":\[' || fail "json header: $(head -c 60 out)"
    expect_rc 0 "$bin" clean --script hant corpus/a/2025_simplified_work_plan.txt
    grep -q "學" out || fail "--script hant left no traditional character"
    expect_rc 0 "$bin" targets --script hans --fields sentence corpus/a/2024_traditional_scheme_big5.txt
    grep -q "学" out || fail "--script hans"
    if command -v script >/dev/null; then  # a terminal: aligned text
      script -qec "$bin targets --fields doc,value corpus/a/2022_news_report.txt" /dev/null >tty.out 2>&1
      grep -q "^doc  *value" tty.out || fail "default format on a terminal is not aligned text: $(head -2 tty.out)"
    fi
    ;;

  atomic)  # -o never leaves a partial file: the old file stays, no temporary is left
    echo old >result.tsv
    ( trap '' XFSZ; ulimit -f 4; "$bin" targets -q -o result.tsv corpus >out 2>err ); rc=$?
    [ "$rc" -eq 3 ] || fail "exit $rc on a too-large write, want 3 ($(cat err))"
    [ "$(cat result.tsv)" = old ] || fail "result.tsv was replaced by a partial file"
    ls | grep -q '\.tmp' && fail "a temporary file was left: $(ls)"
    expect_rc 0 "$bin" targets -q -o result.tsv corpus
    [ "$(wc -l <result.tsv)" -gt 100 ] || fail "result.tsv not written"
    ;;

  output_dir)  # one file per document; same base names get -2, -3 in input order
    expect_rc 0 "$bin" targets -q -f csv --output-dir outdir corpus/a/2022_news_report.txt \
      corpus/b/2022_news_report.txt corpus/a/2025_district_notice.html
    [ "$(ls outdir | tr '\n' ' ')" = "2022_news_report-2.csv 2022_news_report.csv 2025_district_notice.csv " ] ||
      fail "output-dir names: $(ls outdir | tr '\n' ' ')"
    "$bin" targets -f csv corpus/b/2022_news_report.txt >single.csv
    same single.csv outdir/2022_news_report-2.csv "per-document file differs from a single run"
    ;;

  early_rows)  # rows written while their document is still read keep the order of a whole run
    # A document with thousands of targets (the samples' paragraphs, repeated and numbered)
    # between two ordinary ones: its rows leave in batches of 512 before it is done.
    awk 'length($0) > 30 { p[n++] = $0 } END { for (k = 0; k < 1500; k++) print p[k % n] "（批次" k "）" }' \
      corpus/a/2022_news_report.txt corpus/a/2025_simplified_work_plan.txt >dense.txt
    inputs=(corpus/a/2022_news_report.txt dense.txt corpus/a/2025_district_notice.html dense.txt)
    : >whole.tsv
    for f in "${inputs[@]}"; do  # one run per document: nothing to interleave with
      "$bin" targets -q -f tsv --no-header "$f" >>whole.tsv
    done
    [ "$(grep -c 'dense.txt' whole.tsv)" -gt 2000 ] || fail "the dense document has too few targets"
    for jobs in 1 2 4; do
      expect_rc 0 "$bin" targets -q -f tsv --no-header --jobs "$jobs" "${inputs[@]}"
      same whole.tsv out "--jobs $jobs: rows out of order"
    done
    expect_rc 0 "$bin" targets -q -f json --jobs 2 "${inputs[@]}"; mv out j2.json
    expect_rc 0 "$bin" targets -q -f json --jobs 1 "${inputs[@]}"
    same out j2.json "json array: --jobs 1 and --jobs 2 differ"
    expect_rc 0 "$bin" targets -q -f tsv --output-dir dense-dir dense.txt corpus/a/2022_news_report.txt
    "$bin" targets -q -f tsv dense.txt >dense-single.tsv
    same dense-single.tsv dense-dir/dense.tsv "--output-dir file of the dense document"
    [ "$(ls dense-dir | tr '\n' ' ')" = "2022_news_report.tsv dense.tsv " ] || fail "output-dir: $(ls -a dense-dir)"
    ;;

  include)  # --include/--exclude and --files-from
    expect_rc 0 "$bin" summary -q --fields doc --no-header --include '*.html' --exclude 'copy_*' corpus
    [ "$(cat out)" = "$(printf 'corpus/a/2025_district_notice.html\ncorpus/b/2025_district_notice.html')" ] ||
      fail "--include/--exclude: $(cat out)"
    printf 'corpus/a/2022_news_report.txt\r\n\ncorpus/b\n' >list.txt
    expect_rc 0 "$bin" summary -q --fields doc --no-header --files-from list.txt --include '2022*'
    [ "$(wc -l <out)" -eq 2 ] || fail "--files-from: $(cat out)"
    expect_rc 0 "$bin" summary -q --fields doc --no-header --files-from - <list.txt
    [ "$(wc -l <out)" -eq 13 ] || fail "--files-from -: $(wc -l <out) documents, want 13"
    ;;

  summary_failed)  # failed documents are rows of the summary, with their error
    printf '\x89PNG\r\n\x1a\n\0\0\0' >image.txt
    expect_rc 1 "$bin" summary -q -f tsv corpus/a/2022_news_report.txt missing.txt image.txt --max-bytes 100000
    [ "$(grep -c . err)" -eq 2 ] || fail "want two error lines: $(cat err)"
    grep -q "^zhpolicy: missing.txt: no such file$" err || fail "missing line: $(cat err)"
    awk -F'\t' 'NR>1 {print $1 "|" $2}' out >got
    printf 'corpus/a/2022_news_report.txt|ok\nmissing.txt|not_found\nimage.txt|binary\n' >want
    same want got "summary statuses"
    expect_rc 1 "$bin" summary -q --max-bytes 100 corpus/a/2022_news_report.txt
    cut -f2 out | tail -1 | grep -q too_large || fail "too_large row: $(cat out)"
    ;;

  xlsx)
    "$bin" targets -f xlsx corpus 2>err | cat >out
    rc=${PIPESTATUS[0]}
    [ "$rc" -eq 2 ] || fail "xlsx to a pipe: exit $rc, want 2"
    grep -q "binary format" err || fail "xlsx to a pipe: $(cat err)"
    expect_rc 0 "$bin" targets -q -f xlsx -o t.xlsx corpus
    [ -s t.xlsx ] || fail "t.xlsx empty"
    [ "$(head -c 2 t.xlsx)" = PK ] || fail "t.xlsx is not a zip"
    if command -v unzip >/dev/null; then
      unzip -l t.xlsx >list; unzip -p t.xlsx xl/workbook.xml >book; unzip -p t.xlsx xl/worksheets/sheet1.xml >sheet
      grep -q "xl/worksheets/sheet1.xml" list || fail "no sheet in t.xlsx"
      grep -q 'name="targets"' book || fail "sheet not named targets"
      grep -q '<pane ySplit="1"' sheet || fail "header row not frozen"
      grep -q '<c r="J2"[^>]*><v>' sheet || fail "value is not a number"
    fi
    expect_rc 0 "$bin" summary -q -f xlsx --output-dir xdir corpus/a
    [ "$(ls xdir | grep -c '\.xlsx$')" -eq 6 ] || fail "xlsx --output-dir: $(ls xdir)"
    # libxlsxwriter is opened, not linked: one that cannot be loaded (a broken file of its
    # name first in the library path) fails xlsx before any input is read, with exit 3.
    if [ -n "${XLSXWRITER_SONAME:-}" ]; then
      mkdir broken_lib && echo "not a library" >"broken_lib/$XLSXWRITER_SONAME"
      LD_LIBRARY_PATH="$PWD/broken_lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
        expect_rc 3 "$bin" targets -q -f xlsx --output-dir broken_out corpus
      [ "$(cat err)" = "zhpolicy: xlsx: cannot load libxlsxwriter ($PWD/broken_lib/$XLSXWRITER_SONAME: file too short)" ] ||
        fail "broken libxlsxwriter: $(cat err)"
      [ ! -e broken_out ] || fail "broken libxlsxwriter: an output directory was made"
      expect_rc 0 "$bin" targets -q -f tsv corpus/a  # every other format still works
    else
      echo "note: XLSXWRITER_SONAME not set (ctest sets it): the broken-library check is skipped"
    fi
    ;;

  jsonl)  # JSON Lines input: {"id","text"} records; a bad record fails alone
    python3 - "$samples" >docs.jsonl <<'PY'
import json, pathlib, sys
for p in sorted(pathlib.Path(sys.argv[1]).glob("*.txt")):
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        continue
    print(json.dumps({"id": p.stem, "n": 1, "text": text}, ensure_ascii=False))
PY
    expect_rc 0 "$bin" targets -q --input-format jsonl -f tsv docs.jsonl
    cut -f1 out | sort -u | grep -q "^2025_simplified_work_plan$" || fail "doc column is not the id"
    mv out from_jsonl
    sed 's/"id"/"key"/; s/"text"/"body"/' docs.jsonl >renamed.jsonl
    expect_rc 0 "$bin" targets -q --input-format jsonl --id-field key --text-field body -f tsv - <renamed.jsonl
    same from_jsonl out "--id-field/--text-field"
    { head -1 docs.jsonl; echo '{"id":"broken","text":'; } >bad.jsonl
    expect_rc 1 "$bin" targets -q --input-format jsonl -f tsv bad.jsonl
    grep -q "^zhpolicy: bad.jsonl:2: " err || fail "bad record message: $(cat err)"
    [ "$(wc -l <out)" -gt 5 ] || fail "the good record was not written"
    ;;

  parallel)  # GNU parallel as the map step: the same rows as one process
    command -v parallel >/dev/null || { echo "SKIPPED: GNU parallel is not installed"; exit 77; }
    python3 - "$samples" >docs.jsonl <<'PY'
import json, pathlib, sys
for i in range(4):
    for p in sorted(pathlib.Path(sys.argv[1]).glob("*.txt")):
        try:
            text = p.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        print(json.dumps({"id": f"{i}-{p.stem}", "text": text}, ensure_ascii=False))
PY
    "$bin" targets -q --input-format jsonl -f tsv --no-header docs.jsonl >one.tsv
    parallel --will-cite --pipe -k -N 3 "$bin" targets -q -j1 --input-format jsonl -f tsv --no-header \
      <docs.jsonl >par.tsv
    same one.tsv par.tsv "parallel --pipe differs from one process"
    "$bin" targets -q -f tsv --no-header corpus >one.tsv
    "$bin" summary -q --fields doc --no-header corpus |
      parallel --will-cite -k -X -n 5 "$bin" targets -q -j1 -f tsv --no-header >par.tsv
    same one.tsv par.tsv "parallel -X over files differs from one process"
    ;;

  interrupted)  # a killed -o run leaves neither a partial file nor its temporary
    echo old >result.tsv
    mkfifo never.txt  # reading it blocks: the run is caught after opening its output
    "$bin" targets -q -j1 -o result.tsv corpus/a/2022_news_report.txt never.txt >out 2>err &
    pid=$!
    for _ in $(seq 100); do ls | grep -q '^result\.tsv\.tmp' && break; sleep 0.05; done
    ls | grep -q '^result\.tsv\.tmp' || fail "no temporary file while writing"
    kill -TERM "$pid"; wait "$pid"; rc=$?
    [ "$rc" -eq 143 ] || fail "exit $rc after SIGTERM, want 143"
    [ "$(cat result.tsv)" = old ] || fail "result.tsv was replaced"
    ls | grep -q '\.tmp' && fail "the temporary file was left: $(ls)"
    ;;

  neutralise)  # formula-like text cells get a ', numbers and the stdin name - do not
    printf '一、目标\n-新增学位1000个，下降-3.5个百分点。\n' >inj.txt
    expect_rc 0 "$bin" targets -f csv --fields doc,sentence,value - <inj.txt
    [ "$(sed -n 2p out)" = "-,'-新增学位1000个，下降-3.5个百分点。,1000"$'\r' ] || fail "csv row: $(sed -n 2p out | od -c | head -3)"
    expect_rc 0 "$bin" targets -f tsv --no-header --fields sentence,value inj.txt
    head -1 out | grep -q "^'-新增学位" || fail "tsv sentence not neutralised: $(head -1 out)"
    expect_rc 0 "$bin" targets -f jsonl --fields sentence inj.txt
    head -1 out | grep -q '^{"sentence":"-新增' || fail "jsonl must not be neutralised: $(head -1 out)"
    ;;

  progress)  # the bar: on a terminal with several inputs only; never with -q or on a pipe
    command -v script >/dev/null || { echo "SKIPPED: script(1) is not installed"; exit 77; }
    script -qec "$bin targets -j1 -o t.tsv corpus" /dev/null >tty.out 2>&1
    grep -q "files .* MB/s .* ETA" tty.out || fail "no progress bar on a terminal: $(head -c 200 tty.out)"
    script -qec "$bin targets -j1 -q -o t.tsv corpus" /dev/null >tty.out 2>&1
    [ -s tty.out ] && fail "progress bar despite -q: $(head -c 200 tty.out)"
    script -qec "$bin targets -j1 -o t.tsv corpus/a/2022_news_report.txt" /dev/null >tty.out 2>&1
    [ -s tty.out ] && fail "progress bar for one input: $(head -c 200 tty.out)"
    script -qec "$bin targets -j1 -f tsv corpus" /dev/null >tty.out 2>&1  # rows stream to the terminal
    head -1 tty.out | grep -q "^doc	clause_id" || fail "progress bar mixed into streamed rows: $(head -c 200 tty.out)"
    expect_rc 0 "$bin" targets -j1 -o t.tsv corpus
    [ -s err ] && fail "something on a piped stderr: $(head -c 200 err)"
    ;;

  summary_kinds)  # the by-kind counts (and damaged spans) add up to the diagnostics
    expect_rc 0 "$bin" summary -q -f tsv corpus
    awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
      { s = 0
        split("removed_markup removed_chrome removed_related removed_copyright removed_spam removed_metadata removed_duplicate removed_pinyin invalid_bytes numbering damaged_spans", k, " ")
        for (j in k) { if (!(k[j] in col)) { print "no column " k[j]; exit } s += $col[k[j]] }
        if (s != $col["diagnostics"]) print $1 ": " s " != " $col["diagnostics"] }' out >bad
    [ -s bad ] && fail "$(cat bad)"
    ;;

  *) echo "unknown case $case"; exit 2 ;;
esac
[ "$failed" -eq 0 ] && echo "cli $case: ok"
exit "$failed"
