#!/usr/bin/env bash
# Regenerates the reviewable copies of generated tables in data/:
#   data/fold_table.tsv  <- src/tools/gen_fold_table.cpp (ICU) + data/fold_overrides.tsv
# Builds the generator in BUILD_DIR (default: build), lets the build write the table into
# BUILD_DIR/generated/, and copies it over the committed one. Review the diff like code:
# every changed row is a changed fold. The unit test "normalize: data/fold_table.tsv is
# the freshly generated table" fails until this has been run after such a change.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" >/dev/null
fi
cmake --build "$build_dir" -j"${JOBS:-2}" --target zhpolicy_fold_table
cp "$build_dir/generated/fold_table.tsv" data/fold_table.tsv
if git rev-parse --git-dir >/dev/null 2>&1 && git ls-files --error-unmatch data/fold_table.tsv >/dev/null 2>&1; then
  git --no-pager diff --stat -- data/fold_table.tsv
fi
echo "regen_tables: wrote data/fold_table.tsv"
