#!/usr/bin/env bash
# Configures and builds zhpolicy into BUILD_DIR (default: build). Extra arguments go to
# cmake's configure step, e.g. scripts/build.sh -DZHPOLICY_SANITIZE=ON.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" "$@" >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
