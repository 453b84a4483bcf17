#!/usr/bin/env bash
# Installs what is missing, builds, and runs zhpolicy's main job on the sample documents in
# data/samples: what happened to each document, its clause outline, and its targets.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
BUILD_DIR=build scripts/build.sh
bin=build/src/zhpolicy
samples=(--include '*.txt,*.html' data/samples)

"$bin" --version
echo
echo "=== one row per document (zhpolicy summary)"
"$bin" summary -f text --fields doc,status,encoding,chars,clauses,targets,targets_target,targets_status,damaged_spans,title "${samples[@]}"
echo
echo "=== the clause outline of one document (zhpolicy clauses --format outline)"
"$bin" clauses --format outline data/samples/2025_simplified_work_plan.txt
echo
echo "=== every quantitative target (zhpolicy targets), written to build/demo_targets.csv too"
"$bin" targets -f text --fields doc,clause_path,text,indicator_norm,comparator,value,value_max,unit_norm,kind,period,flags "${samples[@]}"
"$bin" targets -f csv --bom -o build/demo_targets.csv "${samples[@]}"
echo
echo "=== what clean removed or flagged (first 20 rows of zhpolicy clean --diagnostics)"
"$bin" clean --diagnostics -f text "${samples[@]}" | head -n 20
