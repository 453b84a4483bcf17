#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, runs every test through ctest;
# then does the same in an AddressSanitizer + UndefinedBehaviorSanitizer build.
# SANITIZE=0 skips the sanitizer pass (for a quick local run).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

BUILD_DIR=build scripts/build.sh -DZHPOLICY_WERROR=ON -DZHPOLICY_SANITIZE=OFF
(cd build && ctest --output-on-failure -j"$(nproc)")

if [ "${SANITIZE:-1}" != 0 ]; then
  # -g1 (line tables only): stack traces keep file:line at a fraction of -g's compile time.
  BUILD_DIR=build-asan BUILD_TYPE=Release scripts/build.sh -DZHPOLICY_WERROR=ON -DZHPOLICY_SANITIZE=ON \
    -DCMAKE_CXX_FLAGS=-g1
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
     ctest --output-on-failure -j"$(nproc)")
fi
