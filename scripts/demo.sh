#!/usr/bin/env bash
# Installs what is missing, builds, and runs zhpolicy on the sample documents in
# data/samples: their clean text, what was removed, and their metadata.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
BUILD_DIR=build scripts/build.sh
bin=build/src/zhpolicy

"$bin" --version
for f in data/samples/*; do
  case "$f" in *.md) continue ;; esac
  echo
  echo "=== $f"
  "$bin" clean --metadata --format text "$f"
  "$bin" clean "$f" | head -n 12
done
echo
echo "=== what clean removed or flagged in data/samples (first 40 rows)"
"$bin" clean --diagnostics --format text data/samples | head -n 40
